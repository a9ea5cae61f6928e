import type { LinkClass } from './codes.js';

interface Stream {
  write(chunk: string): unknown;
}

/**
 * A one-line progress bar for terminals, redrawn at most ten times a second. Lines printed meanwhile go
 * through `print`, which clears the bar first so that output and bar never mix.
 */
export class Progress {
  private done = 0;
  private readonly counts = new Map<LinkClass, number>();
  private lastDraw = 0;
  private visible = false;

  constructor(
    private readonly stream: Stream,
    private readonly total: number,
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
    const width = 30;
    const filled = this.total === 0 ? width : Math.round((this.done / this.total) * width);
    const failing = ['broken', 'timeout', 'error', 'invalid'].reduce(
      (sum, c) => sum + (this.counts.get(c as LinkClass) ?? 0),
      0,
    );
    const parts = [`${this.done}/${this.total}`];
    if (failing > 0) parts.push(`${failing} failing`);
    for (const c of ['suspect', 'blocked'] as const)
      if (this.counts.get(c)) parts.push(`${this.counts.get(c)} ${c}`);
    this.stream.write(`\r\u001b[2K[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${parts.join(' · ')}`);
    this.visible = true;
  }
}
