// Which study records a sentence cites: `[@key]` through the record with that id, `[n]` through
// the note's reference item n, by its DOI, or by its title when the DOI belongs to no record or to
// a record whose title the item does not carry (a wrong DOI).
import type { StudyRecord } from '../types';
import type { WorkspaceIndex } from '../index/workspace-index';
import { normaliseTitle } from '../index/titles';
import type { ParsedNote, ReferenceItem, Sentence } from '../notes/types';

/** One work a sentence cites (a key, or one number of a numbered citation), with its records. */
export interface CitedWork {
  /** `@key` or `[n]`, as a label for messages. */
  label: string;
  /** Study records for the work; empty when it has none (a bibliography entry only, a missing item…). */
  records: StudyRecord[];
}

/** The records a sentence cites, each once, in citation order. */
export function studiesForSentence(sentence: Sentence, note: ParsedNote, index: WorkspaceIndex): StudyRecord[] {
  return uniqueRecords(citedWorks(sentence, note, index).flatMap((w) => w.records));
}

/** Every work the sentence cites, one per key or number, with the records each resolves to. */
export function citedWorks(sentence: Sentence, note: ParsedNote, index: WorkspaceIndex): CitedWork[] {
  const out: CitedWork[] = [];
  const seen = new Set<string>();
  for (const citation of sentence.citations) {
    if (citation.kind === 'key') {
      const label = `@${citation.key}`;
      if (seen.has(label)) continue;
      seen.add(label);
      out.push({ label, records: uniqueRecords([...index.studies(citation.key)]) });
    } else {
      for (const number of citation.numbers) {
        const label = `[${number}]`;
        if (seen.has(label)) continue;
        seen.add(label);
        const item = note.referenceList?.items.find((i) => i.number === number);
        out.push({ label, records: item ? studiesForReferenceItem(item, index) : [] });
      }
    }
  }
  return out;
}

const itemCache = new WeakMap<ReferenceItem, { index: WorkspaceIndex; version: number; records: StudyRecord[] }>();

/**
 * The records a numbered reference item stands for. Its DOI decides, unless the records with that
 * DOI have titles the item does not carry while another record's title is in the item's text:
 * then the DOI is the mistake and the title decides. Without a record for the DOI, the title
 * decides alone.
 */
export function studiesForReferenceItem(item: ReferenceItem, index: WorkspaceIndex): StudyRecord[] {
  const cached = itemCache.get(item);
  if (cached && cached.index === index && cached.version === index.version) return cached.records;
  const records = resolveItem(item, index);
  itemCache.set(item, { index, version: index.version, records });
  return records;
}

function resolveItem(item: ReferenceItem, index: WorkspaceIndex): StudyRecord[] {
  const byDoi = uniqueRecords(
    item.dois.flatMap((mention) =>
      mention.doi ? index.worksForDoi(mention.doi).flatMap((w) => (w.kind === 'study' ? [w.study] : [])) : [],
    ),
  );
  const itemText = normaliseTitle(item.text);
  const doiScore = Math.max(0, ...byDoi.map((r) => (r.title ? titleScore(r.title, itemText) : 1)));
  if (byDoi.length > 0 && doiScore >= TITLE_MATCH) return byDoi;

  let best = 0;
  let matches: StudyRecord[] = [];
  for (const record of index.allRecords()) {
    if (!record.title) continue;
    const score = titleScore(record.title, itemText);
    if (score < TITLE_MATCH || score < best) continue;
    if (score > best) {
      best = score;
      matches = [];
    }
    matches.push(record);
  }
  if (matches.length > 0 && best > doiScore) return uniqueRecords(matches);
  return byDoi;
}

/** A title score at least this high says the item is that work. */
const TITLE_MATCH = 0.8;

const STOPWORDS = new Set(['a', 'an', 'the', 'of', 'for', 'in', 'on', 'and', 'or', 'with', 'to', 'at', 'by', 'from', 'versus', 'vs', 'as', 'its']);

/**
 * 1 when the record's whole normalised title is in the item's text; otherwise the share of the
 * title's content words the item has (0 for titles of fewer than four content words, which match
 * too easily).
 */
function titleScore(title: string, normalisedItem: string): number {
  const normalTitle = normaliseTitle(title);
  if (!normalTitle) return 0;
  if (` ${normalisedItem} `.includes(` ${normalTitle} `)) return 1;
  const words = [...new Set(normalTitle.split(' ').filter((w) => !STOPWORDS.has(w)))];
  if (words.length < 4) return 0;
  const itemWords = new Set(normalisedItem.split(' '));
  return words.filter((w) => itemWords.has(w)).length / words.length;
}

export function uniqueRecords(records: StudyRecord[]): StudyRecord[] {
  return [...new Set(records)];
}
