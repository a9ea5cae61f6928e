import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from '@virtbib/schema';
import { REPORT_FORMATS, type ReportFormat } from '../reporters/index.js';
import type { CheckOptions } from './options.js';
import { parseShard } from './shard.js';
import { parseStatusSpec } from './status-set.js';

/** The config file, looked for from the working directory up to the repository root. */
export const CONFIG_FILE = 'virtbib.config.json';

/**
 * The `check` section of virtbib.config.json; every field is optional and a flag overrides it. The engine's
 * options, plus what belongs to a run (format, history, inputs) and to the registry client (DOIs, Wayback).
 */
export type CheckConfig = Omit<CheckOptions, 'resolve' | 'signal'> & {
  format?: ReportFormat;
  minFailures?: number;
  cacheTtl?: number;
  state?: string;
  changedSince?: string;
  shard?: string;
  /** Verify DOIs at the registry (default true). */
  doi?: boolean;
  /** Base of the DOI resolver, for the handle API and content negotiation (default https://doi.org). */
  doiResolver?: string;
  /** Base of the Wayback Machine availability API (default https://archive.org). */
  waybackApi?: string;
  /** Contact address for registries' polite pools (also $VIRTBIB_MAILTO). */
  mailto?: string;
};

type Check = (value: unknown) => string | undefined;

const positive: Check = (v) => (Number.isInteger(v) && (v as number) > 0 ? undefined : 'a positive integer');
const nonNegative: Check = (v) => (Number.isInteger(v) && (v as number) >= 0 ? undefined : 'an integer >= 0');
const boolean: Check = (v) => (typeof v === 'boolean' ? undefined : 'true or false');
const text: Check = (v) => (typeof v === 'string' && v.trim() !== '' ? undefined : 'a non-empty string');
const format: Check = (v) =>
  REPORT_FORMATS.includes(v as ReportFormat) ? undefined : `one of ${REPORT_FORMATS.join(', ')}`;
const shard: Check = (v) => {
  if (typeof v !== 'string') return 'a string like "2/4"';
  try {
    parseShard(v);
    return undefined;
  } catch {
    return 'a shard i/n with 1 <= i <= n, like "2/4"';
  }
};
const headers: Check = (v) =>
  isObject(v) &&
  Object.entries(v).every(([k, x]) => /^[!#$%&'*+.^_`|~0-9a-z-]+$/i.test(k) && typeof x === 'string')
    ? undefined
    : 'an object of header names to string values';
const accept: Check = (v) => {
  if (!Array.isArray(v) || v.length === 0)
    return 'a non-empty list of statuses and ranges, like [200, "300-399"]';
  try {
    parseStatusSpec(v);
    return undefined;
  } catch (error) {
    return `a list of statuses and ranges (${(error as Error).message})`;
  }
};
const baseUrl: Check = (v) => {
  try {
    return typeof v === 'string' && /^https?:$/.test(new URL(v).protocol) ? undefined : 'an http(s) URL';
  } catch {
    return 'an http(s) URL';
  }
};
const method: Check = (v) => (v === 'head' || v === 'get' ? undefined : '"head" or "get"');
// The private-address guard protects the machine that runs the check from the URLs it reads. A config
// file is part of the checked tree (a pull request can edit it), so only the command line may lower it.
const notFromAFile: Check = (v) =>
  v === false
    ? undefined
    : 'false or absent: a config file cannot turn off the private-address guard (a pull request could edit it); pass --allow-private on the command line';

const SETTINGS: Record<string, Check> = {
  format,
  concurrency: positive,
  hostConcurrency: positive,
  hostInterval: nonNegative,
  timeout: positive,
  connectTimeout: positive,
  headersTimeout: positive,
  bodyTimeout: positive,
  urlBudget: positive,
  budget: positive,
  retries: nonNegative,
  retryDelay: nonNegative,
  maxRetryAfter: nonNegative,
  maxRedirects: nonNegative,
  maxBody: positive,
  minFailures: positive,
  cacheTtl: nonNegative,
  state: text,
  allowPrivate: notFromAFile,
  changedSince: text,
  shard,
  userAgent: text,
  headers,
  accept,
  doi: boolean,
  doiResolver: baseUrl,
  waybackApi: baseUrl,
  mailto: text,
};

const HOST_SETTINGS: Record<string, Check> = {
  concurrency: positive,
  interval: nonNegative,
  headers,
  accept,
  method,
};

/** Finds virtbib.config.json from `cwd` upwards, stopping at the repository root (the folder with .git). */
export function findConfig(cwd: string): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, CONFIG_FILE))) return join(dir, CONFIG_FILE);
    if (existsSync(join(dir, '.git')) || dirname(dir) === dir) return undefined;
  }
}

/**
 * Reads and validates the `check` section of a config file. Every problem is reported at once, each with
 * the setting's path and what it expects; a config problem is a usage error (exit 2).
 */
export function loadConfig(path: string): CheckConfig {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : (error as Error).message;
    throw new UsageError(`cannot read the config file ${path}: ${reason}.`);
  }
  const problems = validateConfig(data);
  if (problems.length > 0)
    throw new UsageError(`${path} is not a valid config:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return ((data as { check?: CheckConfig }).check ?? {}) as CheckConfig;
}

/** The problems of a parsed config file, as sentences; empty when it is valid. */
export function validateConfig(data: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(data)) return ['the file must hold a JSON object, like {"check": {...}}'];
  for (const key of Object.keys(data))
    if (key !== 'check' && key !== '$schema') problems.push(unknownKey(key, key, ['check']));
  const check = data.check;
  if (check === undefined) return problems;
  if (!isObject(check)) return [...problems, 'check must be an object'];
  for (const [key, value] of Object.entries(check)) {
    const path = `check.${key}`;
    if (key === 'exclude') problems.push(...validateExcludes(value));
    else if (key === 'hosts') problems.push(...validateHosts(value));
    else if (Object.hasOwn(SETTINGS, key)) {
      const expected = SETTINGS[key]!(value);
      if (expected) problems.push(`${path} must be ${expected}; got ${JSON.stringify(value)}`);
    } else problems.push(unknownKey(path, key, [...Object.keys(SETTINGS), 'exclude', 'hosts']));
  }
  return problems;
}

function validateExcludes(value: unknown): string[] {
  if (!Array.isArray(value)) return ['check.exclude must be a list of {"host" or "pattern", "reason"}'];
  const problems: string[] = [];
  for (const [i, rule] of value.entries()) {
    const path = `check.exclude[${i}]`;
    if (!isObject(rule)) {
      problems.push(`${path} must be an object with "host" or "pattern" and "reason"`);
      continue;
    }
    const keys = Object.keys(rule);
    for (const key of keys)
      if (!['host', 'pattern', 'reason'].includes(key))
        problems.push(unknownKey(`${path}.${key}`, key, ['host', 'pattern', 'reason']));
    const hasHost = Object.hasOwn(rule, 'host');
    const hasPattern = Object.hasOwn(rule, 'pattern');
    if (hasHost === hasPattern) problems.push(`${path} needs exactly one of "host" and "pattern"`);
    if (hasHost && text(rule.host)) problems.push(`${path}.host must be a host name like "example.org"`);
    if (hasPattern) {
      if (text(rule.pattern)) problems.push(`${path}.pattern must be a regular expression as a string`);
      else
        try {
          new RegExp(rule.pattern as string);
        } catch (error) {
          problems.push(`${path}.pattern is not a valid regular expression: ${(error as Error).message}`);
        }
    }
    if (text(rule.reason))
      problems.push(
        `${path}.reason is required: say why the URL cannot be checked, e.g. "blocks all robots"`,
      );
  }
  return problems;
}

function validateHosts(value: unknown): string[] {
  if (!isObject(value)) return ['check.hosts must be an object keyed by host name'];
  const problems: string[] = [];
  for (const [host, settings] of Object.entries(value)) {
    const path = `check.hosts["${host}"]`;
    if (!/^(\*\.)?[a-z0-9.-]+$|^\[?[0-9a-f:.]+\]?$/i.test(host))
      problems.push(`${path}: the key must be a host name, or *.domain for a domain and its subdomains`);
    if (!isObject(settings)) {
      problems.push(`${path} must be an object`);
      continue;
    }
    for (const [key, v] of Object.entries(settings)) {
      const check = Object.hasOwn(HOST_SETTINGS, key) ? HOST_SETTINGS[key] : undefined;
      if (!check) problems.push(unknownKey(`${path}.${key}`, key, Object.keys(HOST_SETTINGS)));
      else {
        const expected = check(v);
        if (expected) problems.push(`${path}.${key} must be ${expected}; got ${JSON.stringify(v)}`);
      }
    }
  }
  return problems;
}

function unknownKey(path: string, key: string, known: string[]): string {
  const near = known.find((k) => distance(k.toLowerCase(), key.toLowerCase()) <= 2);
  return `${path} is not a setting${near ? `; did you mean "${near}"?` : ` (known: ${known.join(', ')})`}`;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
