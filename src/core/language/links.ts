import { isValidDoi, normaliseDoi } from '../doi';
import type { ParsedNote } from '../notes/types';
import type { Range } from '../types';
import { noteDois } from './target';

/**
 * https://doi.org/ URL of a DOI, or undefined when it is not a valid DOI. Every character that
 * could end a markdown link or an HTML attribute (`(` `)` `<` `>` `"` `'` space…) is
 * percent-encoded, so a DOI from a file can never break out of the link it is put in.
 */
export function doiUrl(doi: string): string | undefined {
  const normal = normaliseDoi(doi);
  if (!normal || !isValidDoi(normal)) return undefined;
  const encoded = normal
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
  return `https://doi.org/${encoded}`;
}

export interface DoiLink {
  range: Range;
  target: string;
}

/** Clickable DOIs of a note (prose and reference list); malformed ones get no link. */
export function doiLinks(note: ParsedNote): DoiLink[] {
  return noteDois(note).flatMap((mention) => {
    const target = mention.doi ? doiUrl(mention.doi) : undefined;
    return target ? [{ range: mention.range, target }] : [];
  });
}
