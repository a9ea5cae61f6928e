import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from '@virtbib/schema';
import { didYouMean } from './suggest.js';

type Options = NonNullable<ParseArgsConfig['options']>;
/** What strict parsing would return: the checks below give the same guarantees, in our words. */
type Parsed<T extends Options> = Pick<
  ReturnType<typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>>,
  'values' | 'positionals'
>;

/** `-1`, `-0.5`: a value for a numeric flag, never an option, so it is given to the flag to judge. */
const NEGATIVE_NUMBER = /^-\d*\.?\d+$/;

/**
 * Every command's flags are read here, so every command words its mistakes the same way: an unknown flag
 * names the close ones, a flag without its value says so, and nothing of Node's own parser text (written
 * for programmers, with quoting that reads as unbalanced) reaches the user. All of it is a usage error
 * (exit 2, no stack trace).
 *
 * Node's parser runs in its lenient mode, which never throws and keeps every token; the checks below are
 * the strict mode's, worded for people. The lenient mode also lets `--concurrency -1` reach the command,
 * whose number check can then say what is wrong with -1, where the strict mode calls it "ambiguous".
 */
export function parse<T extends Options>(argv: string[], options: T): Parsed<T> {
  const { values, positionals, tokens } = parseArgs({
    args: argv,
    options,
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const flag = token.rawName;
    const option = Object.hasOwn(options, token.name) ? options[token.name] : undefined;
    if (!option) {
      const names = Object.keys(options).map((name) => `--${name}`);
      throw new UsageError(
        `unknown option ${flag}${didYouMean(flag.startsWith('--') ? flag : `-${flag}`, names)}`,
      );
    }
    if (option.type === 'boolean') {
      if (token.value !== undefined) throw new UsageError(`${flag} takes no value; got "${token.value}".`);
      continue;
    }
    if (token.value === undefined) throw new UsageError(`${flag} needs a value.`);
    // `--topic --annotation x`: the next word is another flag, not the value the user forgot.
    if (!token.inlineValue && token.value.startsWith('-') && !NEGATIVE_NUMBER.test(token.value))
      throw new UsageError(
        `${flag} needs a value, but is followed by "${token.value}"; a value that starts with "-" is written ${flag}=${token.value}.`,
      );
  }
  return { values, positionals } as Parsed<T>;
}

/** A whole number of at least `min` from a flag; anything else is a usage error that says what was wrong. */
export function readInteger(flag: string, raw: string, min: number): number {
  const text = raw.trim();
  if (!/^-?\d+$/.test(text)) throw new UsageError(`${flag} takes a whole number; got "${raw}".`);
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min)
    throw new UsageError(`${flag} must be at least ${min}; got ${text}.`);
  return value;
}

/** The base URL of a web service: http or https only (an `ftp:` or relative value is a usage error). */
export function readHttpUrl(flag: string, raw: string): string {
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {}
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname)
    throw new UsageError(`${flag} must be an http or https URL, e.g. https://doi.org; got "${raw}".`);
  return raw.replace(/\/+$/, '');
}
