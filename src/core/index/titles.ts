import { stripAccents } from '../text';

/** Title key for matching the same work across sources: case, accents, punctuation and spacing ignored. */
export function normaliseTitle(title: string): string {
  // Most titles are ASCII, where accents cannot occur and the letters and digits are [a-z0-9]:
  // NFKD and a Unicode property class cost ~20 µs a title, a quarter of indexing a large library.
  // A no-break space and the dashes, quotes and dots of U+2010–U+2027 (an en dash from `--`)
  // are separators either way: NFKD turns them into spaces or punctuation, never letters.
  if (PLAIN.test(title)) {
    const lower = title.toLowerCase();
    return (lower.includes('<') ? lower.replace(TAG, ' ') : lower).replace(ASCII_SEPARATORS, ' ').trim();
  }
  return stripAccents(title)
    .toLowerCase()
    .replace(TAG, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const PLAIN = /^[\x00-\x7f\u00a0\u2010-\u2027]*$/;
const TAG = /<[^>]+>/g;
const ASCII_SEPARATORS = /[^a-z0-9]+/g;
