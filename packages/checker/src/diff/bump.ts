/** The semantic-versioning levels of a data release, in increasing order. */
export const LEVELS = ['none', 'patch', 'minor', 'major'] as const;
export type Level = (typeof LEVELS)[number];

export interface Reason {
  level: Exclude<Level, 'none'>;
  message: string;
}

export function maxLevel(levels: Iterable<Level>): Level {
  let best: Level = 'none';
  for (const level of levels) if (LEVELS.indexOf(level) > LEVELS.indexOf(best)) best = level;
  return best;
}
