import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Level, maxLevel } from './bump.js';

export interface DeclaredBump {
  /** The highest bump the counted changesets declare for the package ('none' without any). */
  level: Level;
  /** The changesets that declare a bump for the package, with the bump each declares. */
  files: { name: string; level: Exclude<Level, 'none'> }[];
}

/**
 * The bump that the changesets of a change declare for one package: the highest level among the
 * `.changeset/*.md` files whose front matter names it (`"@virtbib/data": minor`). Changesets named in
 * `onBase` are already on the base branch and belong to earlier changes: they are not counted, or a pull
 * request without a changeset of its own would pass on the strength of someone else's.
 */
export function declaredBump(
  changesetDir: string,
  pkg: string,
  onBase: ReadonlySet<string> = new Set(),
): DeclaredBump {
  if (!existsSync(changesetDir)) return { level: 'none', files: [] };
  const files: DeclaredBump['files'] = [];
  for (const name of readdirSync(changesetDir).sort()) {
    if (!name.endsWith('.md') || name === 'README.md' || onBase.has(name)) continue;
    const text = readFileSync(join(changesetDir, name), 'utf8');
    const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? '';
    for (const line of front.split('\n')) {
      const match = /^\s*["']?([^"':]+)["']?\s*:\s*(patch|minor|major)\s*$/.exec(line);
      if (match && match[1] === pkg) files.push({ name, level: match[2] as 'patch' | 'minor' | 'major' });
    }
  }
  return { level: maxLevel(files.map((f) => f.level)), files };
}
