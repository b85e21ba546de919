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

// An item resolves from its text and DOIs and the records alone, so results are kept by that text
// until a record changes: re-parsing a note after an edit makes new item objects with the same text.
const itemCache = new WeakMap<WorkspaceIndex, { version: number; byText: Map<string, StudyRecord[]> }>();

/**
 * The records a numbered reference item stands for. Its DOI decides, unless the records with that
 * DOI have titles the item does not carry while another record's title is in the item's text:
 * then the DOI is the mistake and the title decides. Without a record for the DOI, the title
 * decides alone.
 */
export function studiesForReferenceItem(item: ReferenceItem, index: WorkspaceIndex): StudyRecord[] {
  let cache = itemCache.get(index);
  if (cache?.version !== index.libraryVersion) itemCache.set(index, (cache = { version: index.libraryVersion, byText: new Map() }));
  const key = `${item.text}\u0000${item.dois.map((d) => d.doi ?? '').join('\u0000')}`;
  let records = cache.byText.get(key);
  if (!records) cache.byText.set(key, (records = resolveItem(item, index)));
  return records;
}

function resolveItem(item: ReferenceItem, index: WorkspaceIndex): StudyRecord[] {
  const byDoi = uniqueRecords(
    item.dois.flatMap((mention) =>
      mention.doi ? index.worksForDoi(mention.doi).flatMap((w) => (w.kind === 'study' ? [w.study] : [])) : [],
    ),
  );
  const itemText = normaliseTitle(item.text);
  const titles = titleTable(index);
  const doiScore = Math.max(0, ...byDoi.map((r) => (r.title ? titleScore(titles.byRecord.get(r) ?? titleOf(r, r.title), itemText) : 1)));
  if (byDoi.length > 0 && doiScore >= TITLE_MATCH) return byDoi;

  let best = 0;
  let matches: StudyRecord[] = [];
  for (const title of candidates(titles, itemText)) {
    const score = titleScore(title, itemText);
    if (score < TITLE_MATCH || score < best) continue;
    if (score > best) {
      best = score;
      matches = [];
    }
    matches.push(title.record);
  }
  if (matches.length > 0 && best > doiScore) return uniqueRecords(matches);
  return byDoi;
}

/** A title score at least this high says the item is that work. */
const TITLE_MATCH = 0.8;

const STOPWORDS = new Set(['a', 'an', 'the', 'of', 'for', 'in', 'on', 'and', 'or', 'with', 'to', 'at', 'by', 'from', 'versus', 'vs', 'as', 'its']);

/** A record's title, normalised once per version of the records rather than once per item and record. */
interface RecordTitle {
  record: StudyRecord;
  normal: string;
  /** Distinct content words. */
  words: string[];
}

interface TitleTable {
  version: number;
  /** In record order, which decides the order of equal matches. */
  titles: RecordTitle[];
  byRecord: Map<StudyRecord, RecordTitle>;
  /** Content word → positions in `titles`: only titles sharing a word with an item can match it. */
  byWord: Map<string, number[]>;
  /** Titles of stopwords only, matched by containment alone. */
  wordless: number[];
}

const titleTables = new WeakMap<WorkspaceIndex, TitleTable>();

function titleOf(record: StudyRecord, title: string): RecordTitle {
  const normal = normaliseTitle(title);
  return { record, normal, words: [...new Set(normal.split(' ').filter((w) => w && !STOPWORDS.has(w)))] };
}

function titleTable(index: WorkspaceIndex): TitleTable {
  const cached = titleTables.get(index);
  if (cached && cached.version === index.libraryVersion) return cached;
  const table: TitleTable = { version: index.libraryVersion, titles: [], byRecord: new Map(), byWord: new Map(), wordless: [] };
  for (const record of index.allRecords()) {
    if (!record.title) continue;
    const title = titleOf(record, record.title);
    if (!title.normal) continue;
    const at = table.titles.push(title) - 1;
    table.byRecord.set(record, title);
    if (title.words.length === 0) table.wordless.push(at);
    for (const word of title.words) {
      const list = table.byWord.get(word);
      if (list) list.push(at);
      else table.byWord.set(word, [at]);
    }
  }
  titleTables.set(index, table);
  return table;
}

/**
 * The titles that could reach TITLE_MATCH: containment needs every content word and a share
 * score needs that share of them, so a title is only scored when enough of its words are in the
 * item. Counting hits per title is far cheaper than scoring each record. In record order.
 */
function candidates(table: TitleTable, normalisedItem: string): RecordTitle[] {
  const hits = new Map<number, number>();
  for (const word of new Set(normalisedItem.split(' '))) for (const i of table.byWord.get(word) ?? []) hits.set(i, (hits.get(i) ?? 0) + 1);
  const at = [...table.wordless];
  for (const [i, count] of hits) if (count >= TITLE_MATCH * table.titles[i].words.length) at.push(i);
  return at.sort((a, b) => a - b).map((i) => table.titles[i]);
}

/**
 * 1 when the record's whole normalised title is in the item's text; otherwise the share of the
 * title's content words the item has (0 for titles of fewer than four content words, which match
 * too easily).
 */
function titleScore(title: RecordTitle, normalisedItem: string): number {
  if (!title.normal) return 0;
  if (` ${normalisedItem} `.includes(` ${title.normal} `)) return 1;
  if (title.words.length < 4) return 0;
  const itemWords = new Set(normalisedItem.split(' '));
  return title.words.filter((w) => itemWords.has(w)).length / title.words.length;
}

export function uniqueRecords(records: StudyRecord[]): StudyRecord[] {
  return [...new Set(records)];
}
