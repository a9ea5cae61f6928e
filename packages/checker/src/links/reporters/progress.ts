import type { LinkClass } from '../results/codes.js';

interface Stream {
  write(chunk: string): unknown;
}

/** The bar's width when the terminal has room for it. */
const BAR_WIDTH = 30;
/** Narrower than this, the bar is left out and only the counts are shown. */
const MIN_BAR_WIDTH = 8;

/**
 * A one-line progress bar for terminals, redrawn at most ten times a second. Lines printed meanwhile go
 * through `print`, which clears the bar first so that output and bar never mix. The line is kept shorter
 * than the terminal is wide (`columns`, read at each redraw): a line that wraps cannot be cleared, and
 * each redraw would leave a line behind.
 */
export class Progress {
  private done = 0;
  private readonly counts = new Map<LinkClass, number>();
  private lastDraw = 0;
  private visible = false;

  constructor(
    private readonly stream: Stream,
    private readonly total: number,
    private readonly columns: () => number | undefined = () => 80,
  ) {}

  update(linkClass: LinkClass): void {
    this.done++;
    this.counts.set(linkClass, (this.counts.get(linkClass) ?? 0) + 1);
    const now = Date.now();
    if (now - this.lastDraw >= 100 || this.done === this.total) {
      this.lastDraw = now;
      this.draw();
    }
  }

  /** Writes lines above the bar. */
  print(out: Stream, text: string): void {
    this.clear();
    out.write(text);
    this.draw();
  }

  clear(): void {
    if (this.visible) this.stream.write('\r\u001b[2K');
    this.visible = false;
  }

  private draw(): void {
    const failing = ['broken', 'timeout', 'error', 'invalid'].reduce(
      (sum, c) => sum + (this.counts.get(c as LinkClass) ?? 0),
      0,
    );
    const parts = [`${this.done}/${this.total}`];
    if (failing > 0) parts.push(`${failing} failing`);
    for (const c of ['suspect', 'blocked'] as const)
      if (this.counts.get(c)) parts.push(`${this.counts.get(c)} ${c}`);
    const text = parts.join(' · ');
    // The last column is left free: writing into it makes some terminals wrap at once.
    const room = Math.max(1, (this.columns() ?? 80) - 1);
    const width = Math.min(BAR_WIDTH, room - text.length - 3);
    let line: string;
    if (width >= MIN_BAR_WIDTH) {
      const filled = this.total === 0 ? width : Math.round((this.done / this.total) * width);
      line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${text}`;
    } else line = text.slice(0, room);
    this.stream.write(`\r\u001b[2K${line}`);
    this.visible = true;
  }
}
