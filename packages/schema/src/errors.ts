/** Errors are types: callers (the CLI) tell a usage problem from a refused write without parsing messages. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A write was refused because the file changed on disk after it was read. */
export class ConcurrentModificationError extends Error {
  override name = 'ConcurrentModificationError';
  constructor(readonly file: string) {
    super(`${file} changed on disk since it was read; not overwriting it. Run the command again.`);
  }
}
