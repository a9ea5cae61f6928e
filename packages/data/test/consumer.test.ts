// The package as a consumer gets it: packed, installed into a fresh project (offline: it has no
// dependencies), then imported from ESM, required from CommonJS, type-checked with TypeScript under
// node16 and bundler resolution, and each raw file reached through its export.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { npmEnv, packageDir, repoRoot, tempDir } from './helpers.js';

const TSC = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
// The tarball grows with the data: every entry is in bibliography.json, the module's data, csl.json, both .bib
// files, the .ris and its topics' three files (about 3 kB compressed per real entry). The bound catches a
// format published twice or a file that should not ship, not the dataset growing.
const entryCount = readdirSync(join(packageDir, 'entries')).length;
const MAX_TARBALL_BYTES = (60 + 4 * entryCount) * 1024;

const temp = tempDir('consumer');
const app = join(temp.dir, 'app');
let tarball: string;
let packedFiles: string[];

function run(file: string, args: string[] = []) {
  return spawnSync(process.execPath, [file, ...args], { cwd: app, encoding: 'utf8' });
}

beforeAll(() => {
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', temp.dir], {
      cwd: packageDir,
      encoding: 'utf8',
      env: npmEnv,
    }),
  );
  tarball = join(temp.dir, packed.filename);
  packedFiles = packed.files.map((f: { path: string }) => f.path);
  mkdirSync(app);
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
  );
  execFileSync('npm', ['install', tarball, '--offline', '--no-audit', '--no-fund'], {
    cwd: app,
    stdio: 'pipe',
    env: npmEnv,
  });
});
afterAll(temp.cleanup);

describe('the packed tarball', () => {
  it(`is under ${MAX_TARBALL_BYTES / 1024} kB (60 kB and 4 kB per entry)`, () => {
    expect(statSync(tarball).size).toBeLessThan(MAX_TARBALL_BYTES);
  });

  it('holds dist/, package.json and the README, nothing else', () => {
    for (const file of packedFiles)
      expect(file).toMatch(
        /^(dist\/[^/]+|dist\/topics\/[a-z0-9-]+\.(bib|ris|json)|package\.json|README\.md|LICENSE.*)$/,
      );
    expect(packedFiles).toContain('README.md');
    expect(packedFiles).toContain('dist/index.mjs');
  });
});

describe('a fresh project that installed it', () => {
  it('imports it from ESM', () => {
    writeFileSync(
      join(app, 'esm.mjs'),
      `import { entries, getEntry, entriesByTopic, findByDoi, version } from '@virtbib/data';
import * as all from '@virtbib/data';
import bibliography from '@virtbib/data/bibliography.json' with { type: 'json' };
console.log(JSON.stringify({
  count: entries.length,
  jsonCount: bibliography.entries.length,
  title: getEntry('barham2003xen').title,
  first: entriesByTopic('overview')[0].id,
  doi: findByDoi('https://doi.org/10.1145/945445.945462').id,
  version,
  names: Object.keys(all).sort(),
}));
`,
    );
    const result = run('esm.mjs');
    expect(result.stderr).toBe('');
    const out = JSON.parse(result.stdout);
    expect(out).toMatchObject({
      title: 'Xen and the Art of Virtualization',
      first: 'popek1974formal',
      doi: 'barham2003xen',
      version: JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).version,
    });
    expect(out.count).toBeGreaterThan(0);
    expect(out.jsonCount).toBe(out.count);
    expect(out.names).toContain('relatedEntries');
  });

  it('gives one copy of the data to import and require in the same process', () => {
    writeFileSync(
      join(app, 'both.mjs'),
      `import { createRequire } from 'node:module';
import * as esm from '@virtbib/data';
const cjs = createRequire(import.meta.url)('@virtbib/data');
console.log(JSON.stringify({
  dataset: esm.dataset === cjs.dataset,
  entry: esm.getEntry('barham2003xen') === cjs.getEntry('barham2003xen'),
  functions: Object.keys(esm).every((name) => esm[name] === cjs[name]),
}));
`,
    );
    const result = run('both.mjs');
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({ dataset: true, entry: true, functions: true });
  });

  it('requires it from CommonJS', () => {
    writeFileSync(
      join(app, 'cjs.cjs'),
      `const data = require('@virtbib/data');
console.log(JSON.stringify({
  count: data.entries.length,
  related: data.relatedEntries('bugnion1997disco').map((r) => r.entry.id),
  year: data.entriesByYear(1974).map((e) => e.id),
}));
`,
    );
    const result = run('cjs.cjs');
    expect(result.stderr).toBe('');
    const out = JSON.parse(result.stdout);
    expect(out.count).toBeGreaterThan(0);
    expect(out.related).toContain('bugnion1997disco-tocs');
    expect(out.year).toEqual(['goldberg1974survey', 'popek1974formal']);
  });

  it('reaches each raw file through its export', () => {
    writeFileSync(
      join(app, 'raw.cjs'),
      `const { readFileSync } = require('node:fs');
const read = (name) => readFileSync(require.resolve('@virtbib/data/' + name), 'utf8');
console.log(JSON.stringify({
  json: JSON.parse(read('bibliography.json')).name,
  csl: JSON.parse(read('csl.json'))[0].id,
  bib: read('bibliography.bib').match(/^@\\w+\\{/gm).length,
  biblatex: read('bibliography.biblatex.bib').match(/^@\\w+\\{/gm).length,
  ris: read('bibliography.ris').match(/^TY {2}- /gm).length,
  topicBib: read('topics/overview.bib').match(/^@\\w+\\{/gm).length,
  topicRis: read('topics/overview.ris').match(/^TY {2}- /gm).length,
  topicCsl: require('@virtbib/data/topics/overview.json').length,
  pkg: require('@virtbib/data/package.json').name,
}));
`,
    );
    const result = run('raw.cjs');
    expect(result.stderr).toBe('');
    const out = JSON.parse(result.stdout);
    expect(out.json).toBe('@virtbib/data');
    expect(out.pkg).toBe('@virtbib/data');
    expect(out.csl).toMatch(/^[a-z]/);
    expect(out.ris).toBe(out.bib);
    expect(out.biblatex).toBe(out.bib);
    expect(out.bib).toBeGreaterThan(0);
    expect(out.topicBib).toBeGreaterThan(0);
    expect([out.topicRis, out.topicCsl]).toEqual([out.topicBib, out.topicBib]);
  });

  it('imports the CSL-JSON of a topic from ESM with an import attribute', () => {
    writeFileSync(
      join(app, 'topic.mjs'),
      `import overview from '@virtbib/data/topics/overview.json' with { type: 'json' };
import { getTopic } from '@virtbib/data';
console.log(JSON.stringify([overview.map((item) => item.id), getTopic('overview').entries]));
`,
    );
    const result = run('topic.mjs');
    expect(result.stderr).toBe('');
    const [items, entries] = JSON.parse(result.stdout);
    expect(items).toEqual(entries);
  });

  it('runs every JavaScript example of the README', () => {
    const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
    const blocks = [...readme.matchAll(/^```js\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
    expect(blocks.length).toBeGreaterThan(10);
    blocks.forEach((code, i) => {
      const file = `readme-${i}.${/\brequire\(/.test(code) ? 'cjs' : 'mjs'}`;
      writeFileSync(join(app, file), code);
      const result = run(file);
      expect(result.stderr, `README example ${i + 1}:\n${code}`).toBe('');
      expect(result.status).toBe(0);
    });
  });

  it('type-checks every TypeScript example of the README', () => {
    const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
    const blocks = [...readme.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
    expect(blocks.length).toBeGreaterThan(0);
    const files = Object.fromEntries(blocks.map((code, i) => [`readme-${i}.ts`, code]));
    const result = typecheck({ ...strict, module: 'esnext', moduleResolution: 'bundler' }, files);
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  /**
   * TypeScript that uses every export. The @ts-expect-error lines fail if the types were `any`, mutable, or
   * plain strings where they are literal IDs.
   */
  const usage = (from: string) => `import {
  dataset, entries, topics, notes, version, getEntry, getTopic, getNote, entriesByTopic, relatedEntries,
  entriesByYear, findByDoi, normalizeDoi, cite, toBibTeX, toBibLaTeX, toRIS, toCSL,
  type Citation, type Dataset, type EntryId, type Note, type Person, type PublishedEntry, type PublishedTopic,
  type RelatedEntry, type TopicId,
} from ${from};

const all: Dataset = dataset;
const list: readonly PublishedEntry[] = entries;
const topicList: readonly PublishedTopic[] = topics;
const noteList: readonly Note[] = notes;
const v: string = version;
const entry: PublishedEntry = getEntry('barham2003xen');
const maybe: PublishedEntry | undefined = getEntry(String(Date.now()));
const topic: PublishedTopic = getTopic('overview');
const note: Note | undefined = getNote('mobile-virtualization');
const reading: readonly PublishedEntry[] = entriesByTopic('overview');
const related: readonly RelatedEntry[] = relatedEntries('bugnion1997disco');
const ofYear: readonly PublishedEntry[] = entriesByYear(2003);
const byDoi: PublishedEntry | undefined = findByDoi('10.1145/945445.945462');
const doi: string = normalizeDoi('doi:10.1/X');
const author: Person = entry.authors[0];
const apa: Citation = cite('barham2003xen');
const html: string = entry.citations.apa.html;
const records: string = toBibTeX(['barham2003xen']) + toBibLaTeX('popek1974formal') + toRIS([]) + toCSL(maybe?.id ?? '');
const id: EntryId = 'barham2003xen';
const topicId: TopicId = 'overview';
// @ts-expect-error IDs are strings
getEntry(42);
// @ts-expect-error no such field
entry.tittle;
// @ts-expect-error published data is readonly
entry.title = 'x';
// @ts-expect-error all the way down
entry.authors.push(author);
// @ts-expect-error EntryId is the IDs of this release, not any string
const typo: EntryId = 'barham2003xne';
export { all, list, topicList, noteList, v, maybe, topic, note, reading, related, ofYear, byDoi, doi, apa, html };
export { records, id, topicId, typo };
`;

  function typecheck(config: object, files: Record<string, string>) {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(app, name), text);
    const tsconfig = join(app, `tsconfig.${Object.keys(files).join('-')}.json`);
    writeFileSync(tsconfig, JSON.stringify({ compilerOptions: config, files: Object.keys(files) }));
    return spawnSync(process.execPath, [TSC, '-p', tsconfig], { cwd: app, encoding: 'utf8' });
  }

  const strict = {
    strict: true,
    noEmit: true,
    skipLibCheck: false,
    target: 'es2022',
    lib: ['es2022'],
    types: [],
  };

  it('type-checks with moduleResolution node16, from ESM and from CommonJS', () => {
    const result = typecheck(
      { ...strict, module: 'node16', moduleResolution: 'node16' },
      { 'node16.mts': usage("'@virtbib/data'"), 'node16.cts': usage("'@virtbib/data'") },
    );
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('type-checks with moduleResolution bundler', () => {
    const result = typecheck(
      { ...strict, module: 'esnext', moduleResolution: 'bundler' },
      { 'bundler.ts': usage("'@virtbib/data'") },
    );
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('fails to type-check wrong usage (so the checks above can fail)', () => {
    const result = typecheck(
      { ...strict, module: 'esnext', moduleResolution: 'bundler' },
      {
        'wrong.ts':
          "import { getEntry } from '@virtbib/data';\nconst n: number = getEntry('x');\nexport { n };\n",
      },
    );
    expect(result.stdout).toContain('error TS2322');
  });
});
