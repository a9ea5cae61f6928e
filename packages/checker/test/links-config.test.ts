import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '@virtbib/schema';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, validateConfig } from '../src/links/index.js';

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

describe('config validation', () => {
  it('accepts a full, valid config', () => {
    expect(
      validateConfig({
        $schema: './x.json',
        check: {
          format: 'markdown',
          concurrency: 16,
          hostConcurrency: 2,
          hostInterval: 500,
          timeout: 8000,
          retries: 1,
          minFailures: 2,
          cacheTtl: 0,
          state: '.cache/links.json',
          allowPrivate: false,
          shard: '1/2',
          userAgent: 'virtbib',
          headers: { 'Accept-Language': 'en' },
          accept: [200, '300-399'],
          exclude: [
            { host: 'twitter.com', reason: 'requires a login for every page' },
            { pattern: '^https://example\\.org/private/', reason: 'intranet' },
          ],
          hosts: {
            'dl.acm.org': { concurrency: 1, interval: 2000, accept: [403], method: 'get' },
            '*.usenix.org': { headers: { Accept: 'text/html' } },
          },
        },
      }),
    ).toEqual([]);
  });

  it('names every problem with its path and what is expected', () => {
    const problems = validateConfig({
      check: {
        concurency: 4,
        hostConcurrency: 0,
        timeout: '10s',
        format: 'xml',
        shard: '3/2',
        accept: ['2xx'],
        exclude: [
          { host: 'x.org' },
          { host: 'a.org', pattern: 'b', reason: 'r' },
          { pattern: '(', reason: 'r' },
        ],
        hosts: { 'dl.acm.org': { concurrency: -1, speed: 3 }, 'bad host': {} },
      },
      checks: {},
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'checks is not a setting; did you mean "check"?',
        'check.concurency is not a setting; did you mean "concurrency"?',
        'check.hostConcurrency must be a positive integer; got 0',
        'check.timeout must be a positive integer; got "10s"',
        'check.format must be one of text, json, markdown, github, junit; got "xml"',
        'check.shard must be a shard i/n with 1 <= i <= n, like "2/4"; got "3/2"',
        expect.stringMatching(/^check\.accept must be a list of statuses and ranges/),
        expect.stringMatching(/^check\.exclude\[0\]\.reason is required/),
        'check.exclude[1] needs exactly one of "host" and "pattern"',
        expect.stringMatching(/^check\.exclude\[2\]\.pattern is not a valid regular expression/),
        'check.hosts["dl.acm.org"].concurrency must be a positive integer; got -1',
        expect.stringMatching(/^check\.hosts\["dl\.acm\.org"\]\.speed is not a setting/),
        expect.stringMatching(/^check\.hosts\["bad host"\]: the key must be a host name/),
      ]),
    );
    expect(problems).toHaveLength(13);
  });

  it('refuses allowPrivate: true (a pull request can edit the config file), accepts false', () => {
    expect(validateConfig({ check: { allowPrivate: true } })).toEqual([
      expect.stringMatching(
        /^check\.allowPrivate must be false or absent: a config file cannot turn off the private-address guard/,
      ),
    ]);
    expect(validateConfig({ check: { allowPrivate: false } })).toEqual([]);
  });

  it('loadConfig turns problems into one usage error naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'virtbib-config-'));
    temps.push(dir);
    const path = join(dir, 'virtbib.config.json');
    writeFileSync(path, '{"check": {"retries": -1}}');
    expect(() => loadConfig(path)).toThrow(UsageError);
    expect(() => loadConfig(path)).toThrow(
      /virtbib\.config\.json is not a valid config:\n {2}- check\.retries must be/,
    );
    writeFileSync(path, '{"check": ');
    expect(() => loadConfig(path)).toThrow(/cannot read the config file .*JSON/);
    expect(() => loadConfig(join(dir, 'missing.json'))).toThrow(/it does not exist/);
    writeFileSync(path, '{"check": {"retries": 1}}');
    expect(loadConfig(path)).toEqual({ retries: 1 });
  });
});
