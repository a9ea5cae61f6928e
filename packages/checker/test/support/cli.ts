import { main } from '../../src/cli.js';

export interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command in-process with an injected CliIo (no colour, no terminal): fast, and servers in this process keep answering. */
export async function runCli(
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<Outcome> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    cwd,
    env: { NO_COLOR: '1', ...env },
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
  });
  return { code, stdout, stderr };
}
