import type { Finding, RelatedLocation } from '../types';
import { finding } from '../types';
import type { Work, WorkspaceIndex } from '../index/workspace-index';
import type { DoiMention, KeyCitation, NumberedCitation, ParsedNote } from '../notes/types';
import { normaliseDoi } from '../doi';
import { describeMalformedDoi } from './doi-problems';
import { closestKey } from './suggest';
import type { MetadataLookup, RetractionNotice } from '../resolver/types';
import { titleOf } from '../format/describe';

/**
 * The checks that need only the index: unresolved keys, numbers outside the reference list,
 * uncited and duplicated list items, malformed and unknown DOIs, retracted sources. `lookup`
 * (the DOI resolver's answers and retraction list) vouches for DOIs no bibliography holds and
 * adds retractions the records do not mark.
 */
export function checkNoteCitations(note: ParsedNote, index: WorkspaceIndex, lookup?: MetadataLookup): Finding[] {
  const out: Finding[] = [];
  const keyCitations = note.citations.filter((c): c is KeyCitation => c.kind === 'key');
  const numbered = note.citations.filter((c): c is NumberedCitation => c.kind === 'numbered');
  const inlineKeys = new Set(note.inlineReferences?.entries.map((e) => e.key) ?? []);

  let knownKeys: readonly string[] | undefined; // built once, and only when a key is unresolved
  for (const c of keyCitations) {
    if (inlineKeys.has(c.key) || index.hasKey(c.key)) {
      out.push(...retractedKey(note, c, index, lookup));
      continue;
    }
    const suggestion = closestKey(c.key, (knownKeys ??= index.knownKeys()));
    out.push(
      finding(
        'citation.unresolved',
        note.file,
        c.range,
        `No bibliography or study record defines '@${c.key}'.` + (suggestion ? ` Did you mean '@${suggestion}'?` : ''),
        { data: { key: c.key, ...(suggestion ? { suggestion } : {}) } },
      ),
    );
  }

  const list = note.referenceList;
  const itemNumbers = new Set(list?.items.map((i) => i.number) ?? []);
  for (const c of numbered) {
    for (const part of c.parts) {
      const missing = part.numbers.filter((n) => !itemNumbers.has(n));
      if (missing.length === 0) continue;
      const shown = missing.length === 1 ? `item ${missing[0]}` : `items ${missing.join(', ')}`;
      const message = list
        ? `No ${shown} in this note's reference list (${describeNumbers([...itemNumbers])}).`
        : `Citation asks for ${shown}, but this note has no numbered reference list.`;
      out.push(finding('citation.out-of-range', note.file, part.range, message, { data: { numbers: missing } }));
    }
  }

  if (list) {
    const cited = new Set(numbered.flatMap((c) => c.numbers));
    const citedDois = new Set<string>();
    const known = libraryLookups(index);
    for (const c of keyCitations) for (const doi of known.doisOfKey(c.key)) citedDois.add(doi);
    const firstByDoi = new Map<string, { number: number; mention: DoiMention }>();
    for (const item of list.items) {
      const itemDois = item.dois.map((d) => d.doi).filter((d): d is string => !!d);
      if (!cited.has(item.number) && !itemDois.some((d) => citedDois.has(d))) {
        out.push(
          finding('reference.uncited', note.file, item.markerRange, `Reference ${item.number} is never cited in this note.`, {
            data: { number: item.number },
          }),
        );
      }
      for (const mention of item.dois) {
        if (!mention.doi) continue;
        const first = firstByDoi.get(mention.doi);
        if (first && first.number !== item.number) {
          out.push(
            finding(
              'reference.duplicate-doi',
              note.file,
              mention.doiRange,
              `References ${first.number} and ${item.number} have the same DOI ${mention.raw}.`,
              { related: [{ file: note.file, range: first.mention.doiRange, message: `Reference ${first.number} has this DOI.` }] },
            ),
          );
        } else if (!first) firstByDoi.set(mention.doi, { number: item.number, mention });
      }
    }
  }

  const allDois = [...note.dois, ...(list?.items.flatMap((i) => i.dois) ?? [])];
  for (const mention of allDois) {
    if (!mention.doi) {
      out.push(
        finding(
          'reference.doi-malformed',
          note.file,
          mention.doiRange,
          `'${mention.raw}' is not a valid DOI: ${describeMalformedDoi(mention.raw)}.`,
        ),
      );
      continue;
    }
    const works = libraryLookups(index).libraryWorks(mention.doi);
    const resolved = works.length === 0 ? lookup?.peek(mention.doi) : undefined;
    if (works.length === 0 && resolved?.status !== 'found') {
      const nobody = resolved?.status === 'not-found' ? `, and ${resolved.source} does not know it` : '';
      out.push(
        finding('reference.doi-unknown', note.file, mention.doiRange, `DOI ${mention.raw} is in no bibliography or study record${nobody}.`, {
          data: { doi: mention.doi },
        }),
      );
    }
    const retracted = works.find((w) => w.kind === 'study' && w.study.retracted);
    // A retraction list knows DOIs no bibliography or resolver answer holds.
    const notice = retracted ? undefined : lookup?.retractionOf?.(mention.doi);
    if (notice) {
      const title = works.map((w) => (w.kind === 'entry' ? titleOf(w.entry.csl) : w.kind === 'study' ? w.study.title : undefined)).find(Boolean) ?? resolved?.item?.title;
      out.push(
        finding(
          'source.retracted',
          note.file,
          mention.doiRange,
          `DOI ${mention.raw} is a retracted work${title ? `: "${title}"` : ''} (${describeNotice(notice)}).`,
          { data: { doi: mention.doi, ...(notice.noticeDoi ? { noticeDoi: notice.noticeDoi } : {}) } },
        ),
      );
    } else if (retracted && retracted.kind === 'study') {
      out.push(
        finding(
          'source.retracted',
          note.file,
          mention.doiRange,
          `DOI ${mention.raw} is a retracted work${retracted.study.title ? `: "${retracted.study.title}"` : ''} (study record ${retracted.study.id} marks it retracted).`,
          { related: [recordLocation(retracted.study.file, retracted.study.fieldRanges.retracted ?? retracted.study.idRange, 'Marked retracted here.')] },
        ),
      );
    }
  }
  return out;
}

interface LibraryLookups {
  /** Normalised DOIs of the key's entries, then its records'. */
  doisOfKey(key: string): readonly string[];
  /** Entries and records with the DOI (not other notes' reference items). */
  libraryWorks(doi: string): readonly Work[];
}

// Both answers depend on the library alone and were asked again for every citation and DOI of a
// note on every check (~3,000 in the long bench note): kept per library version, which a change
// of any bibliography or record bumps. Bounded by the library's keys and DOIs.
const lookups = new WeakMap<WorkspaceIndex, { version: number; answers: LibraryLookups }>();

function libraryLookups(index: WorkspaceIndex): LibraryLookups {
  const cached = lookups.get(index);
  if (cached?.version === index.libraryVersion) return cached.answers;
  const dois = new Map<string, string[]>();
  const works = new Map<string, Work[]>();
  const answers: LibraryLookups = {
    doisOfKey(key) {
      let list = dois.get(key);
      if (!list) {
        list = [];
        for (const e of index.entries(key)) {
          const doi = typeof e.csl.DOI === 'string' ? normaliseDoi(e.csl.DOI) : undefined;
          if (doi) list.push(doi);
        }
        for (const s of index.studies(key)) if (s.doi) list.push(s.doi);
        dois.set(key, list);
      }
      return list;
    },
    libraryWorks(doi) {
      let list = works.get(doi);
      if (!list) works.set(doi, (list = index.worksForDoi(doi).filter((w) => w.kind !== 'reference-item')));
      return list;
    },
  };
  lookups.set(index, { version: index.libraryVersion, answers });
  return answers;
}

function retractedKey(note: ParsedNote, c: KeyCitation, index: WorkspaceIndex, lookup: MetadataLookup | undefined): Finding[] {
  const record = index.studies(c.key).find((s) => s.retracted);
  if (!record) return retractedKeyByDoi(note, c, index, lookup);
  return [
    finding(
      'source.retracted',
      note.file,
      c.range,
      `'@${c.key}' is a retracted work${record.title ? `: "${record.title}"` : ''} (study record ${record.id} marks it retracted).`,
      { related: [recordLocation(record.file, record.fieldRanges.retracted ?? record.idRange, 'Marked retracted here.')] },
    ),
  ];
}

/** A key whose entry or record DOI the resolver or the retraction list knows as retracted. */
function retractedKeyByDoi(note: ParsedNote, c: KeyCitation, index: WorkspaceIndex, lookup: MetadataLookup | undefined): Finding[] {
  if (!lookup?.retractionOf) return [];
  const works = [
    ...index.entries(c.key).map((e) => ({ doi: typeof e.csl.DOI === 'string' ? normaliseDoi(e.csl.DOI) : undefined, title: titleOf(e.csl) })),
    ...index.studies(c.key).map((s) => ({ doi: s.doi, title: s.title })),
  ];
  for (const work of works) {
    const notice = work.doi ? lookup.retractionOf(work.doi) : undefined;
    if (!notice) continue;
    return [
      finding(
        'source.retracted',
        note.file,
        c.range,
        `'@${c.key}' is a retracted work${work.title ? `: "${work.title}"` : ''} (${describeNotice(notice)}).`,
        { data: { doi: work.doi, ...(notice.noticeDoi ? { noticeDoi: notice.noticeDoi } : {}) } },
      ),
    ];
  }
  return [];
}

/** "retraction notice 10.x/y of 2020-03-01, per Crossref" */
function describeNotice(notice: RetractionNotice): string {
  const what = notice.noticeDoi ? `retraction notice ${notice.noticeDoi}` : 'retracted';
  return `${what}${notice.date ? ` of ${notice.date}` : ''}, per ${notice.source}`;
}

function recordLocation(file: string, range: RelatedLocation['range'], message: string): RelatedLocation {
  return { file, range, message };
}

/** "items 1–5" style summary of the list's numbers. */
function describeNumbers(numbers: number[]): string {
  if (numbers.length === 0) return 'it is empty';
  const sorted = [...numbers].sort((a, b) => a - b);
  const contiguous = sorted.every((n, i) => i === 0 || n === sorted[i - 1] + 1);
  if (contiguous) return sorted.length === 1 ? `it has item ${sorted[0]}` : `it has items ${sorted[0]}–${sorted[sorted.length - 1]}`;
  return `it has items ${sorted.join(', ')}`;
}
