import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Level, maxLevel } from './bump.js';

/**
 * The bump the pending changesets declare for one package: the highest level among the `.changeset/*.md`
 * files whose front matter names it (`"@virtbib/data": minor`).
 */
export function declaredBump(changesetDir: string, pkg: string): { level: Level; files: string[] } {
  if (!existsSync(changesetDir)) return { level: 'none', files: [] };
  const levels: Level[] = [];
  const files: string[] = [];
  for (const name of readdirSync(changesetDir).sort()) {
    if (!name.endsWith('.md') || name === 'README.md') continue;
    const text = readFileSync(join(changesetDir, name), 'utf8');
    const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? '';
    for (const line of front.split('\n')) {
      const match = /^\s*["']?([^"':]+)["']?\s*:\s*(patch|minor|major)\s*$/.exec(line);
      if (match && match[1] === pkg) {
        levels.push(match[2] as Level);
        files.push(name);
      }
    }
  }
  return { level: maxLevel(levels), files };
}
