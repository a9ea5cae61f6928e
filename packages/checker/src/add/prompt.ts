import { createInterface, type Interface } from 'node:readline';

/** The person ended the questions: Ctrl+C (`interrupt`) or Ctrl+D, the end of input (`end`). */
export class PromptEnded extends Error {
  override name = 'PromptEnded';
  constructor(readonly reason: 'interrupt' | 'end') {
    super(reason === 'interrupt' ? 'interrupted' : 'the input ended');
  }
}

/**
 * Questions on a terminal, over one readline interface for the whole session: lines typed ahead are
 * queued for the next question instead of being lost between two interfaces. Ctrl+C and Ctrl+D reject the
 * pending question (and every later one) with `PromptEnded`, so the command can stop cleanly.
 */
export class Prompter {
  private readonly rl: Interface;
  private readonly lines: string[] = [];
  private waiting: { resolve: (line: string) => void; reject: (error: Error) => void } | undefined;
  private ended: PromptEnded | undefined;

  constructor(
    input: NodeJS.ReadableStream,
    private readonly output: NodeJS.WritableStream,
  ) {
    this.rl = createInterface({ input, output, terminal: true });
    this.rl.on('line', (line) => {
      const waiting = this.waiting;
      this.waiting = undefined;
      if (waiting) waiting.resolve(line);
      else this.lines.push(line);
    });
    // With a listener, readline reports Ctrl+C here instead of closing silently.
    this.rl.on('SIGINT', () => this.end('interrupt'));
    this.rl.on('close', () => this.end('end'));
  }

  private end(reason: PromptEnded['reason']) {
    if (this.ended) return;
    this.ended = new PromptEnded(reason);
    this.waiting?.reject(this.ended);
    this.waiting = undefined;
    this.rl.close();
  }

  /** Asks a question and returns the answer, trimmed. */
  ask(question: string): Promise<string> {
    if (this.ended) return Promise.reject(this.ended);
    this.rl.setPrompt(question);
    this.rl.prompt();
    const queued = this.lines.shift();
    if (queued !== undefined) return Promise.resolve(queued.trim());
    return new Promise((resolve, reject) => {
      this.waiting = { resolve: (line) => resolve(line.trim()), reject };
    });
  }

  /** A line for the person, between questions. */
  say(text: string): void {
    this.output.write(`${text}\n`);
  }

  close(): void {
    this.ended ??= new PromptEnded('end');
    this.rl.close();
  }
}
