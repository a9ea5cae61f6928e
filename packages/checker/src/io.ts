/** What a command may touch besides the file system: injected so tests run commands in-process. */
export interface CliIo {
  cwd: string;
  stdout: { write(chunk: string): unknown; isTTY?: boolean };
  stderr: { write(chunk: string): unknown; isTTY?: boolean };
  env: Record<string, string | undefined>;
  /** For questions on a terminal (`virtbib add`); commands never read it when it is not a TTY. */
  stdin?: { isTTY?: boolean };
}

/**
 * Exit codes, documented in the README: 0 clean, 1 findings, 2 usage or configuration error, 130 stopped
 * with Ctrl+C (128 + SIGINT, what shells report for an interrupted command).
 */
export const EXIT = { ok: 0, findings: 1, usage: 2, interrupted: 130 } as const;
