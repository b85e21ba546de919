import { stripAccents } from '../text';

/** Title key for matching the same work across sources: case, accents, punctuation and spacing ignored. */
export function normaliseTitle(title: string): string {
  return stripAccents(title)
    .toLowerCase()
    .replace(/<[^>]+>/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
