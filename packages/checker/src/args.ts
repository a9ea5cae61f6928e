import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from '@virtbib/schema';

type Options = NonNullable<ParseArgsConfig['options']>;

/** parseArgs in strict mode, with its errors turned into usage errors (exit 2, no stack trace). */
export function parse(argv: string[], options: Options) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
