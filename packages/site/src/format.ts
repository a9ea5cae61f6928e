/** How entries are put into words on every page: names, venues, dates, types, short annotations. */
import type { Person, PublishedEntry, Relation } from '@virtbib/data';

export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export function personName(person: Person): string {
  if ('literal' in person) return person.literal;
  return person.given ? `${person.given} ${person.family}` : person.family;
}

export function familyName(person: Person): string {
  return 'literal' in person ? person.literal : person.family;
}

/** "A", "A and B", "A, B and C"; past `max` names, "A, B, C and 7 others". */
export function nameList(people: readonly Person[], max = Number.POSITIVE_INFINITY): string {
  const names = people.map(personName);
  if (names.length > max) {
    const rest = names.length - max;
    return `${names.slice(0, max).join(', ')} and ${rest} other${rest === 1 ? '' : 's'}`;
  }
  if (names.length <= 2) return names.join(' and ');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** Family names for compact lists: "Barham, Dragovic, Fraser et al." */
export function shortAuthors(people: readonly Person[]): string {
  const families = people.map(familyName);
  return families.length > 3 ? `${families.slice(0, 3).join(', ')} et al.` : families.join(', ');
}

/** The venue as a reader names it: the short name when there is one, else the full one, else the publisher. */
export function venue(entry: PublishedEntry): string | undefined {
  return entry.containerTitleShort ?? entry.containerTitle ?? entry.publisher;
}

export function dateText(entry: PublishedEntry): string {
  if (entry.year === undefined) return 'undated';
  if (entry.month === undefined) return String(entry.year);
  const month = MONTHS[entry.month - 1];
  return entry.day === undefined ? `${month} ${entry.year}` : `${entry.day} ${month} ${entry.year}`;
}

const TYPE_LABELS: Record<PublishedEntry['type'], string> = {
  article: 'Article',
  'article-journal': 'Journal article',
  'article-magazine': 'Magazine article',
  'article-newspaper': 'Newspaper article',
  book: 'Book',
  chapter: 'Book chapter',
  dataset: 'Dataset',
  manuscript: 'Manuscript',
  'paper-conference': 'Conference paper',
  post: 'Post',
  'post-weblog': 'Blog post',
  report: 'Report',
  software: 'Software',
  speech: 'Talk',
  standard: 'Standard',
  thesis: 'Thesis',
  webpage: 'Web page',
};

export function typeLabel(type: string): string {
  return TYPE_LABELS[type as PublishedEntry['type']] ?? type;
}

const RELATION_LABELS: Record<Relation, string> = {
  'conference-version': 'Conference version',
  'journal-version': 'Journal version',
  'extended-version': 'Extended version',
  'follow-up': 'Follow-up',
  'prior-work': 'Prior work',
  'thesis-version': 'Thesis version',
  'same-project': 'Same project',
};

export function relationLabel(relation: string): string {
  return RELATION_LABELS[relation as Relation] ?? relation;
}

/**
 * The opening of an annotation for lists: its first sentence, or the first `max` characters cut at a word.
 * A sentence ends at ". " before a capital letter, so "et al. show" and "e.g. Xen" do not end one.
 */
export function shortAnnotation(text: string, max = 240): string {
  const end = /[.!?](?=\s+[A-Z])/g;
  for (const match of text.matchAll(end)) {
    if (match.index + 1 >= 60) {
      if (match.index + 1 <= max) return text.slice(0, match.index + 1);
      break;
    }
  }
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2)).replace(/[,;:.\s]+$/, '')}…`;
}

/** "1 entry", "2 entries". */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
