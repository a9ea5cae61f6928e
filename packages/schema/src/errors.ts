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

/** A write that could not be completed (a full disk, a permission): the file on disk was left as it was. */
export class WriteError extends Error {
  override name = 'WriteError';
  constructor(
    readonly file: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`could not write ${file}: ${reason}; the file was left as it was.`, options);
  }
}
