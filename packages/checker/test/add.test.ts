import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { loadDataset } from '@virtbib/schema';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { checkEntry } from '../src/add/check-entry.js';
import { readCslItem } from '../src/add/csl-item.js';
import { cslToEntry } from '../src/add/csl-to-entry.js';
import { plainText } from '../src/add/markup.js';
import { main } from '../src/cli.js';
import { runCli as run } from './support/cli.js';
import { startRegistry } from './support/registry.js';
import { bigBody, closeAll, startServer, trickle } from './support/servers.js';

// Commands run in-process, but talk to loopback servers, and the registry client backs off between its
// retries (a refused address or an oversized answer is tried three times): seconds on a busy machine, so
// never a default timeout of a few.
const SLOW = { timeout: 60_000 };

const temps: string[] = [];
afterEach(closeAll);
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

const topics = ['overview', 'cpu', 'memory']
  .map((id) => `  - id: ${id}\n    title: ${id}\n    description: About ${id}.\n`)
  .join('');

/** A scratch repository (the .git folder stops the root lookup) with a dataset in data/. */
function repo(files: Record<string, string> = {}, parent = tmpdir()): string {
  const dir = mkdtempSync(join(parent, 'virtbib-add-'));
  temps.push(dir);
  mkdirSync(join(dir, '.git'));
  mkdirSync(join(dir, 'data/entries'), { recursive: true });
  writeFileSync(join(dir, 'data/topics.yaml'), `topics:\n${topics}`);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const entriesOf = (dir: string) => readdirSync(join(dir, 'data/entries')).sort();

const xenBib =
  '@inproceedings{DBLP:conf/sosp/BarhamDFHHHNPW03,\n  author = {Paul Barham and Boris Dragovic},\n  title = {Xen and the art of virtualization},\n  booktitle = {Proceedings of {SOSP} 2003},\n  pages = {164--177},\n  year = {2003},\n  doi = {10.1145/945445.945462},\n  biburl = {https://dblp.org/rec/conf/sosp/BarhamDFHHHNPW03.bib},\n  bibsource = {dblp computer science bibliography, https://dblp.org}\n}\n';

const xenCsl = {
  type: 'paper-conference',
  title: 'Xen and the art of virtualization',
  author: [{ family: 'Barham', given: 'Paul' }],
  issued: { 'date-parts': [[2003, 10]] },
  'container-title': 'Proceedings of the nineteenth ACM symposium on Operating systems principles',
  page: '164-177',
  DOI: '10.1145/945445.945462',
};
const XEN = '10.1145/945445.945462';
const ANNOTATION = 'The paper that introduced paravirtualization with Xen.';
const bibtexArgs = (file = 'paper.bib') => ['add', '--bibtex', file, '--data', 'data'];
const doiArgs = (resolver: string) => [
  'add',
  XEN,
  '--data',
  'data',
  '--topic',
  'overview',
  '--annotation',
  ANNOTATION,
  '--doi-resolver',
  resolver,
  '--allow-private',
];

/** A fake terminal: what the command writes, and keys typed in answer to what it asked. */
class Terminal {
  readonly stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => {} });
  output = '';
  private waiting: { pattern: RegExp; from: number; resolve: () => void } | undefined;
  private mark = 0;
  readonly stdout = Object.assign(
    new Writable({
      write: (chunk, _encoding, callback) => {
        this.output += String(chunk);
        this.check();
        callback();
      },
    }),
    { isTTY: true, columns: 100 },
  );

  private check() {
    const w = this.waiting;
    if (w?.pattern.test(this.output.slice(w.from))) {
      this.waiting = undefined;
      this.mark = this.output.length;
      w.resolve();
    }
  }

  /** Resolves once the output written since the last answer matches. */
  waitFor(pattern: RegExp): Promise<void> {
    return new Promise((resolve) => {
      this.waiting = { pattern, from: this.mark, resolve };
      this.check();
    });
  }

  type(keys: string) {
    this.stdin.write(keys);
  }
}

async function runOnTerminal(args: string[], cwd: string, script: (t: Terminal) => Promise<void>) {
  const t = new Terminal();
  let stderr = '';
  const done = main(args, {
    cwd,
    env: { NO_COLOR: '1' },
    stdin: t.stdin,
    stdout: t.stdout,
    stderr: { write: (chunk: string) => (stderr += chunk) },
  });
  await script(t);
  const code = await done;
  return { code, stdout: t.output, stderr };
}

describe('virtbib add: values are checked before anything is written', SLOW, () => {
  it('an --id that is not an ID is a usage error and nothing is written, anywhere', async () => {
    // The repository sits in a folder of its own, where ../../../escape from entries/ would land.
    const outside = mkdtempSync(join(tmpdir(), 'virtbib-add-outside-'));
    temps.push(outside);
    const dir = repo({ 'paper.bib': xenBib }, outside);
    for (const id of ['../../../escape', `${outside}/escape`, 'Bad ID', '', 'sub/x', 'x.', '-x']) {
      const { code, stderr } = await run(
        [...bibtexArgs(), '--topic', 'overview', '--annotation', ANNOTATION, `--id=${id}`],
        dir,
      );
      expect(code, id).toBe(2);
      expect(stderr, id).toContain(`--id "${id}" is not an entry ID`);
      expect(stderr, id).not.toContain('internal error');
    }
    expect(entriesOf(dir)).toEqual([]);
    expect(readdirSync(outside)).toEqual([basename(dir)]);
    expect(existsSync(join(dir, 'data/entries/.yaml'))).toBe(false);
  });

  it('an --id that is too long is refused before writing, by the lint rule for IDs', async () => {
    const dir = repo({ 'paper.bib': xenBib });
    const { code, stderr } = await run(
      [...bibtexArgs(), '--topic', 'overview', '--annotation', ANNOTATION, '--id', 'x'.repeat(65)],
      dir,
    );
    expect(code).toBe(2);
    expect(stderr).toContain('id-format');
    expect(entriesOf(dir)).toEqual([]);
  });

  it('records the date the entry joined: today in UTC, or the day SOURCE_DATE_EPOCH names', async () => {
    const dir = repo({ 'paper.bib': xenBib });
    const fixed = await run([...bibtexArgs(), '--topic', 'overview', '--annotation', ANNOTATION], dir, {
      SOURCE_DATE_EPOCH: String(Date.UTC(2026, 11, 4, 23, 59) / 1000),
    });
    expect(fixed.code).toBe(0);
    const entry = join(dir, 'data/entries/barham2003xen.yaml');
    expect(readFileSync(entry, 'utf8')).toMatch(/\nadded: 2026-12-04\n/);

    rmSync(entry);
    const before = new Date().toISOString().slice(0, 10);
    const now = await run([...bibtexArgs(), '--topic', 'overview', '--annotation', ANNOTATION], dir);
    const after = new Date().toISOString().slice(0, 10);
    expect(now.code).toBe(0);
    const added = /\nadded: (\d{4}-\d{2}-\d{2})\n/.exec(readFileSync(entry, 'utf8'))?.[1];
    // Midnight may pass during the run: either side of it is right.
    expect([before, after]).toContain(added);
  });

  it('--bibtex takes an absolute path', async () => {
    const dir = repo();
    const bib = join(repo({ 'elsewhere/paper.bib': xenBib }), 'elsewhere/paper.bib');
    const { code, stdout, stderr } = await run(
      [...bibtexArgs(bib), '--topic', 'overview', '--annotation', ANNOTATION],
      dir,
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('wrote data/entries/barham2003xen.yaml');
  });

  it('an annotation too short or a topic given twice is refused before writing, and the next try works', async () => {
    const dir = repo({ 'paper.bib': xenBib });
    const short = await run([...bibtexArgs(), '--topic', 'overview', '--annotation', 'Too short.'], dir);
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/--annotation: .*fewer than 20 characters/);
    const twice = await run(
      [...bibtexArgs(), '--topic', 'overview,cpu', '--topic', 'cpu', '--annotation', ANNOTATION],
      dir,
    );
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/--topic: .*duplicate/);
    expect(entriesOf(dir)).toEqual([]);
    // Nothing was written, so nothing stands in the way of doing it right.
    const right = await run([...bibtexArgs(), '--topic', 'overview,cpu', '--annotation', ANNOTATION], dir);
    expect(right.code).toBe(0);
    expect(readFileSync(join(dir, 'data/entries/barham2003xen.yaml'), 'utf8')).toContain(
      'topics:\n  - overview\n  - cpu\n',
    );
  });

  it('an unknown topic names the close ones', async () => {
    const dir = repo({ 'paper.bib': xenBib });
    const { code, stderr } = await run(
      [...bibtexArgs(), '--topic', 'memroy', '--annotation', ANNOTATION],
      dir,
    );
    expect(code).toBe(2);
    expect(stderr).toContain('unknown topic "memroy"; did you mean "memory"?');
    expect(entriesOf(dir)).toEqual([]);
  });

  it('a record that would fail validation is not written (exit 1), naming the rule', async () => {
    const dir = repo({
      'paper.bib': xenBib.replace('pages = {164--177}', 'pages = {164--177},\n  isbn = {978-0-00-000000-1}'),
    });
    const { code, stderr } = await run(
      [...bibtexArgs(), '--topic', 'overview', '--annotation', ANNOTATION],
      dir,
    );
    expect(code).toBe(1);
    expect(stderr).toContain('the record does not make a valid entry; nothing was written');
    expect(stderr).toContain('isbn-checksum');
    expect(entriesOf(dir)).toEqual([]);
  });

  it('checkEntry refuses an entry larger than the loader reads', () => {
    const dir = repo();
    const { problems } = checkEntry(loadDataset(join(dir, 'data')), join(dir, 'data'), {
      id: 'doe2020big',
      type: 'article',
      title: 'x'.repeat(2 * 1024 * 1024),
      authors: [{ family: 'Doe' }],
      year: 2020,
      topics: ['overview'],
      annotation: ANNOTATION,
      provenance: { source: 'contributed' },
    });
    expect(problems).toMatchObject([{ code: 'file-too-large', severity: 'error' }]);
  });

  it('--doi-resolver must be an http(s) URL', async () => {
    const dir = repo();
    for (const resolver of ['notaurl', 'ftp://127.0.0.2/', 'javascript:alert(1)', '/relative']) {
      const { code, stderr } = await run(doiArgs(resolver), dir);
      expect(code, resolver).toBe(2);
      expect(stderr, resolver).toContain('--doi-resolver must be an http or https URL');
    }
  });

  it('--allow-private is listed in the help, and the resolver is refused on loopback without it', async () => {
    const dir = repo();
    expect((await run(['add', '--help'], dir)).stdout).toContain('--allow-private');
    const registry = await startRegistry({ [XEN]: { csl: xenCsl } });
    const refused = await run(
      doiArgs(registry.resolver.origin).filter((a) => a !== '--allow-private'),
      dir,
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('private or local address');
    expect(entriesOf(dir)).toEqual([]);
    expect((await run(doiArgs(registry.resolver.origin), dir)).code).toBe(0);
  });

  it('a mistyped flag names the flag meant', async () => {
    const dir = repo();
    const { code, stderr } = await run(['add', XEN, '--topics', 'cpu'], dir);
    expect(code).toBe(2);
    expect(stderr).toContain('unknown option --topics; did you mean --topic?');
  });
});

describe('virtbib add: provenance', SLOW, () => {
  it('--bibtex records the BibTeX record DBLP names in biburl', async () => {
    const dir = repo({ 'paper.bib': xenBib });
    expect((await run([...bibtexArgs(), '--topic', 'overview', '--annotation', ANNOTATION], dir)).code).toBe(
      0,
    );
    expect(readFileSync(join(dir, 'data/entries/barham2003xen.yaml'), 'utf8')).toContain(
      '  verifiedWith:\n    - https://dblp.org/rec/conf/sosp/BarhamDFHHHNPW03.bib\n',
    );
  });

  it('a biburl or url that is not a web address is left out, with a warning', async () => {
    const dir = repo({
      'paper.bib': xenBib
        .replace('https://dblp.org/rec/conf/sosp/BarhamDFHHHNPW03.bib', 'javascript:alert(1)')
        .replace('  doi = {10.1145/945445.945462},\n', '  url = {javascript:alert(2)},\n'),
    });
    const { code, stderr } = await run(
      [...bibtexArgs(), '--topic', 'overview', '--annotation', ANNOTATION],
      dir,
    );
    expect(code).toBe(0);
    expect(stderr).toContain('the biburl "javascript:alert(1)" is not an http(s) address and was left out');
    expect(stderr).toContain(`the record's URL "javascript:alert(2)" is not an http(s) address`);
    expect(readFileSync(join(dir, 'data/entries/barham2003xen.yaml'), 'utf8')).not.toContain('javascript');
  });

  it('a DOI records the resolver it was fetched from', async () => {
    const registry = await startRegistry({ [XEN]: { csl: xenCsl } });
    const dir = repo();
    expect((await run(doiArgs(registry.resolver.origin), dir)).code).toBe(0);
    expect(readFileSync(join(dir, 'data/entries/barham2003xen.yaml'), 'utf8')).toContain(
      `  verifiedWith:\n    - ${registry.resolver.origin}/${XEN}\n`,
    );
  });
});

describe('virtbib add: the registry is not trusted', SLOW, () => {
  it('markup in titles becomes plain text; markup that may carry meaning is flagged', async () => {
    const registry = await startRegistry({
      [XEN]: {
        csl: {
          ...xenCsl,
          title: 'Xen and the <i>art</i> of <scp>virtualization</scp>: H<sub>2</sub>O &amp; caf&#233; &lt;3',
        },
      },
    });
    const dir = repo();
    const { code, stderr } = await run(doiArgs(registry.resolver.origin), dir);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(readFileSync(join(dir, 'data/entries/barham2003xen.yaml'), 'utf8')).toContain(
      'title: "Xen and the art of virtualization: H2O & café <3"\n',
    );
    expect(
      plainText(
        'The <mml:math><mml:mi>O</mml:mi><mml:mo>(</mml:mo><mml:mi>n</mml:mi><mml:mo>)</mml:mo></mml:math> bound',
      ),
    ).toEqual({
      text: 'The O(n) bound',
      flagged: ['mml:math', 'mml:mi', 'mml:mo'],
    });
    expect(cslToEntry({ ...xenCsl, title: 'A <mml:math>x</mml:math> title' }).warnings).toEqual([
      'the title held markup (<mml:math>) that was removed; check that it reads "A x title"',
    ]);
  });

  it('a record of the wrong shape is a clear error, not an internal one, and nothing is written', async () => {
    const cases: [unknown, RegExp][] = [
      [{ ...xenCsl, title: 42 }, /"title" should be text or a list of texts, not a number/],
      [{ ...xenCsl, author: 'Barham' }, /"author" should be a list of names/],
      [{ ...xenCsl, author: [{ family: { x: 1 } }] }, /"author" should be a list of names/],
      [{ ...xenCsl, issued: { 'date-parts': 'yesterday' } }, /"issued" should be a date/],
      [{ ...xenCsl, page: ['1', '2'] }, /"page" should be text or a number, not a list/],
      [[xenCsl], /not a CSL-JSON object/],
    ];
    for (const [csl, message] of cases) {
      const registry = await startRegistry({ [XEN]: { csl: { raw: JSON.stringify(csl) } } });
      const dir = repo();
      const { code, stderr } = await run(doiArgs(registry.resolver.origin), dir);
      expect(code, JSON.stringify(csl)).toBe(1);
      expect(stderr).toMatch(message);
      expect(stderr).not.toContain('internal error');
      expect(entriesOf(dir)).toEqual([]);
    }
    // A type that names a member of Object.prototype maps to the default type, not to a function.
    expect(cslToEntry(readCslItem({ ...xenCsl, type: 'constructor' }).item).fields.type).toBe('article');
  });

  it('a record of another DOI is refused, naming both', async () => {
    const registry = await startRegistry({ [XEN]: { csl: { ...xenCsl, DOI: '10.9999/Someone.Else' } } });
    const dir = repo();
    const { code, stderr } = await run(doiArgs(registry.resolver.origin), dir);
    expect(code).toBe(1);
    expect(stderr).toContain(`the registry answered with the record of 10.9999/someone.else, not ${XEN}`);
    expect(entriesOf(dir)).toEqual([]);
  });

  it('a response over the size cap is refused, and nothing is written', async () => {
    const huge = await startServer({}, { fallback: bigBody(3.5 * 1024 * 1024) });
    const dir = repo();
    const { code, stderr } = await run(doiArgs(huge.origin), dir);
    expect(code).toBe(1);
    expect(stderr).toContain('is larger than 1048576 bytes');
    expect(entriesOf(dir)).toEqual([]);
  });

  it('a registry that trickles its answer is cut off at the deadline (--timeout)', async () => {
    const slow = await startServer({}, { fallback: trickle(50) });
    const dir = repo();
    const { code, stderr } = await run([...doiArgs(slow.origin), '--timeout', '300'], dir);
    expect(code).toBe(1);
    expect(stderr).toContain('did not answer within 300 ms (--timeout)');
    expect(entriesOf(dir)).toEqual([]);
    // The client closed the connection, so the server stops sending (it sees the close a moment later).
    await vi.waitFor(() => expect(slow.active).toBe(0), { timeout: 15_000, interval: 50 });
  });

  it('--timeout must be a positive whole number', async () => {
    const dir = repo();
    for (const [value, message] of [
      ['-1', '--timeout must be at least 1; got -1.'],
      ['soon', '--timeout takes a whole number; got "soon".'],
    ]) {
      const { code, stderr } = await run([...doiArgs('https://doi.org'), '--timeout', value!], dir);
      expect(code).toBe(2);
      expect(stderr).toContain(message);
    }
  });
});

describe('virtbib add on a terminal', SLOW, () => {
  const args = [...bibtexArgs()];

  it('shows the work, then asks for topics again after a typo and for the annotation again when too short', async () => {
    const dir = repo({ 'paper.bib': xenBib });
    const { code, stdout, stderr } = await runOnTerminal(args, dir, async (t) => {
      await t.waitFor(/Topics \(overview, cpu, memory\), comma-separated: $/);
      t.type('overveiw\r');
      await t.waitFor(/Topics .*: $/);
      t.type('overview, cpu\r');
      await t.waitFor(/Annotation .*: $/);
      t.type('Too short.\r');
      await t.waitFor(/Annotation .*: $/);
      t.type(`${ANNOTATION}\r`);
    });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const title = stdout.indexOf('Xen and the art of virtualization');
    expect(title).toBeGreaterThan(-1);
    expect(title).toBeLessThan(stdout.indexOf('Topics ('));
    expect(stdout).toContain('Paul Barham, Boris Dragovic (2003)');
    expect(stdout).toContain('unknown topic "overveiw"; did you mean "overview"?');
    expect(stdout).toContain('fewer than 20 characters');
    const text = readFileSync(join(dir, 'data/entries/barham2003xen.yaml'), 'utf8');
    expect(text).toContain('topics:\n  - overview\n  - cpu\n');
    expect(text).toContain(`annotation: ${ANNOTATION}\n`);
  });

  it('asks again for a bad --id instead of failing', async () => {
    const dir = repo({ 'paper.bib': xenBib });
    const { code } = await runOnTerminal(
      [...args, '--topic', 'cpu', '--annotation', ANNOTATION, '--id', 'x'.repeat(65)],
      dir,
      async (t) => {
        await t.waitFor(/ID \(Enter for barham2003xen\): $/);
        t.type('Not An ID\r');
        await t.waitFor(/is not an entry ID[\s\S]*ID \(Enter for barham2003xen\): $/);
        t.type('barham2003xen-sosp\r');
      },
    );
    expect(code).toBe(0);
    expect(entriesOf(dir)).toEqual(['barham2003xen-sosp.yaml']);
  });

  it('Ctrl+C ends the questions with exit 130 and a clear message; nothing is written', async () => {
    const dir = repo({ 'paper.bib': xenBib });
    const { code, stderr } = await runOnTerminal(args, dir, async (t) => {
      await t.waitFor(/Topics .*: $/);
      t.type('\x03');
    });
    expect(code).toBe(130);
    expect(stderr).toBe('virtbib add: interrupted; nothing was written.\n');
    expect(entriesOf(dir)).toEqual([]);
  });

  it('Ctrl+D (end of input) ends the questions with a usage error; nothing is written', async () => {
    const dir = repo({ 'paper.bib': xenBib });
    const { code, stderr } = await runOnTerminal(args, dir, async (t) => {
      await t.waitFor(/Topics .*: $/);
      t.type('cpu\r');
      await t.waitFor(/Annotation .*: $/);
      t.type('\x04');
    });
    expect(code).toBe(2);
    expect(stderr).toBe(
      'virtbib add: the input ended before every question was answered; nothing was written.\n',
    );
    expect(entriesOf(dir)).toEqual([]);
  });
});
