import { didYouMean } from '../suggest.js';

/** Topic IDs as a person types them: `--topic a,b`, `--topic a --topic b`, or "a, b c" at the prompt. */
export function splitTopics(values: readonly string[]): string[] {
  return values.flatMap((value) => value.split(/[\s,]+/)).filter(Boolean);
}

/** What is wrong with the topics given, in words (unknown IDs, with the close ones), or undefined. */
export function unknownTopics(topics: readonly string[], known: readonly string[]): string | undefined {
  if (topics.length === 0) return `give at least one topic. Topics: ${known.join(', ')}.`;
  const unknown = topics.filter((t) => !known.includes(t));
  if (unknown.length === 0) return undefined;
  const each = unknown.map((t) => `unknown topic "${t}"${didYouMean(t, known, (s) => `"${s}"`) || '.'}`);
  return `${each.join(' ')} Topics: ${known.join(', ')}.`;
}
