// Keeps the labelled accuracy corpus (test/corpus/) well formed, so that `npm run eval` measures
// what it claims to. It checks shape and consistency with the corpus library only; it never
// asserts how accurate the checks are.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parse as parseYaml } from 'yaml';
import { CITED_CODES, LABELS, STYLES, defaultCorpusDir, noteFileFor, noteTextFor } from '../../scripts/eval';
import { parseBibliography } from '../../src/core/bibliography';
import { findDois, normaliseDoi } from '../../src/core/doi';
import { parseNote } from '../../src/core/notes/note';
import type { KeyCitation, NumberedCitation, ParsedNote } from '../../src/core/notes/types';
import { parseStudyRecord } from '../../src/core/studies/study';
import type { StudyRecord } from '../../src/core/types';

const CORPUS = path.join(__dirname, '../../../test/corpus');

const SENTENCE_FIELDS = ['id', 'style', 'text', 'label', 'unsupportedSentence', 'references', 'note'];
const CITED_FIELDS = ['id', 'text', 'expected', 'references', 'note'];
const STYLE_PREFIX: Record<string, string> = {
  abstract: 'abs',
  'press-release': 'pr',
  blog: 'blog',
  'review-note': 'note',
  social: 'soc',
  methods: 'meth',
};

type Item = Record<string, unknown>;

function readItems(name: string): Item[] {
  const data: unknown = parseYaml(fs.readFileSync(path.join(CORPUS, name), 'utf8'));
  assert.ok(Array.isArray(data), `${name} must be a YAML sequence`);
  return data.map((item, i) => {
    assert.ok(item !== null && typeof item === 'object' && !Array.isArray(item), `${name} item ${i + 1} must be a mapping`);
    return item as Item;
  });
}

interface Library {
  keys: Set<string>;
  dois: Set<string>;
  records: Map<string, StudyRecord>;
}

function loadLibrary(): Library {
  const keys = new Set<string>();
  const dois = new Set<string>();
  const records = new Map<string, StudyRecord>();
  const bibFile = path.join(CORPUS, 'references.bib');
  for (const e of parseBibliography(fs.readFileSync(bibFile, 'utf8'), bibFile).entries) {
    keys.add(e.key);
    const doi = typeof e.csl.DOI === 'string' ? normaliseDoi(e.csl.DOI) : undefined;
    if (doi) dois.add(doi);
  }
  const dir = path.join(CORPUS, 'studies');
  for (const name of fs.readdirSync(dir).filter((n) => /\.ya?ml$/.test(n))) {
    const file = path.join(dir, name);
    const parsed = parseStudyRecord(fs.readFileSync(file, 'utf8'), file);
    assert.deepStrictEqual(parsed.findings.map((f) => f.message), [], `studies/${name} must be a valid record`);
    const record = parsed.record!;
    assert.strictEqual(record.id, name.replace(/\.ya?ml$/, ''), `studies/${name}: id must equal the file name`);
    keys.add(record.id);
    records.set(record.id, record);
    if (record.doi) dois.add(record.doi);
  }
  return { keys, dois, records };
}

function noteOf(id: string, item: Item): ParsedNote {
  const references = Array.isArray(item.references) ? (item.references as string[]) : undefined;
  return parseNote(noteTextFor({ text: String(item.text), references }), noteFileFor(CORPUS, id));
}

function keysOf(note: ParsedNote): string[] {
  return note.citations.filter((c): c is KeyCitation => c.kind === 'key').map((c) => c.key);
}

function numbersOf(note: ParsedNote): number[] {
  return note.citations.filter((c): c is NumberedCitation => c.kind === 'numbered').flatMap((c) => c.numbers);
}

/** Shared checks of one item's fields; returns its id. */
function checkCommon(file: string, item: Item, index: number, allowed: string[], seen: Set<string>): string {
  const where = `${file} item ${index + 1}`;
  const extra = Object.keys(item).filter((k) => !allowed.includes(k));
  assert.deepStrictEqual(extra, [], `${where}: unknown field(s) ${extra.join(', ')}`);
  assert.ok(typeof item.id === 'string' && item.id.trim() !== '', `${where}: id must be a non-empty string`);
  const id = item.id;
  assert.ok(!seen.has(id), `${file}: duplicate id ${id}`);
  seen.add(id);
  assert.ok(typeof item.text === 'string' && item.text.trim() !== '', `${id}: text must be a non-empty string`);
  if (item.note !== undefined) assert.ok(typeof item.note === 'string' && item.note.trim() !== '', `${id}: note must be text`);
  if (item.references !== undefined) {
    assert.ok(Array.isArray(item.references) && item.references.length > 0, `${id}: references must be a non-empty list`);
    for (const r of item.references as unknown[]) assert.ok(typeof r === 'string' && r.trim() !== '', `${id}: each reference must be text`);
  }
  return id;
}

/** Numbered citations point into the item's references, and every reference has a DOI the library knows. */
function checkNumbered(id: string, item: Item, note: ParsedNote, library: Library): void {
  const references = (item.references as string[] | undefined) ?? [];
  for (const n of numbersOf(note)) assert.ok(n >= 1 && n <= references.length, `${id}: [${n}] has no reference`);
  if (references.length > 0) assert.ok(numbersOf(note).length > 0, `${id}: references given but no [n] citation`);
  assert.strictEqual(note.referenceList?.items.length ?? 0, references.length, `${id}: the references must parse as a numbered list`);
  for (const r of references) {
    const dois = findDois(r).map((d) => d.doi);
    assert.strictEqual(dois.length, 1, `${id}: each reference needs exactly one DOI: ${r}`);
    assert.ok(dois[0] && library.dois.has(dois[0]), `${id}: DOI ${dois[0]} is not in the corpus library`);
  }
}

describe('accuracy corpus (test/corpus)', () => {
  const library = loadLibrary();
  const ids = new Set<string>();

  it('has the library eval loads: references.bib and the example study records', () => {
    assert.strictEqual(path.resolve(defaultCorpusDir()), path.resolve(CORPUS), 'eval reads the same folder');
    for (const id of ['carhart-harris2016', 'carhart-harris2018', 'carhart-harris2021', 'davis2021', 'goodwin2022', 'griffiths2016', 'gukasyan2022', 'mithoefer2019', 'raison2023', 'ross2016', 'shao2021']) {
      assert.ok(library.records.has(id), `studies/${id}.yaml`);
    }
    for (const key of ['vollenweider2020', 'furukawa2014', 'davis2021', 'goodwin2022']) assert.ok(library.keys.has(key), `references.bib has ${key}`);
    // Nothing else may sit in the corpus folder as a note: eval builds its notes in memory.
    assert.deepStrictEqual(fs.readdirSync(CORPUS).filter((n) => n.endsWith('.md')), []);
  });

  describe('sentences.yaml', () => {
    const items = readItems('sentences.yaml');
    const seen = new Set<string>();

    it('has at least 320 items with the required fields, valid values and unique ids', () => {
      assert.ok(items.length >= 320, `${items.length} items`);
      items.forEach((item, i) => {
        const id = checkCommon('sentences.yaml', item, i, SENTENCE_FIELDS, seen);
        assert.ok((STYLES as readonly unknown[]).includes(item.style), `${id}: style must be one of ${STYLES.join(', ')}`);
        assert.ok((LABELS as readonly unknown[]).includes(item.label), `${id}: label must be claim or not-claim`);
        const prefix = /^(\w+)-\d{3}$/.exec(id)?.[1];
        assert.ok(prefix === 'pass' || prefix === STYLE_PREFIX[item.style as string], `${id}: id must be pass-NNN or ${STYLE_PREFIX[item.style as string]}-NNN`);
        if (item.unsupportedSentence !== undefined) {
          assert.ok(Number.isInteger(item.unsupportedSentence) && (item.unsupportedSentence as number) >= 1, `${id}: unsupportedSentence must be an integer >= 1`);
          assert.strictEqual(item.label, 'claim', `${id}: unsupportedSentence only goes with label: claim`);
        }
      });
      for (const id of seen) {
        assert.ok(!ids.has(id), `id ${id} is used twice across the corpus`);
        ids.add(id);
      }
    });

    it('uses citations only in passages, whose sentence to flag exists and is uncited', () => {
      let passages = 0;
      for (const item of items) {
        const id = item.id as string;
        const note = noteOf(id, item);
        const cited = note.citations.length > 0;
        if (id.startsWith('pass-')) {
          passages++;
          assert.ok(cited || item.unsupportedSentence !== undefined, `${id}: a passage has citations or names the sentence to flag`);
        } else {
          assert.ok(!cited && item.references === undefined, `${id}: only pass-NNN items may cite`);
        }
        if (item.label === 'claim' && cited) assert.ok(item.unsupportedSentence !== undefined, `${id}: a cited claim passage must say which sentence is unsupported`);
        if (item.unsupportedSentence !== undefined) {
          const k = item.unsupportedSentence as number;
          const sentence = note.sentences[k - 1];
          assert.ok(sentence, `${id}: unsupportedSentence ${k}, but parseNote finds ${note.sentences.length} sentence(s)`);
          assert.strictEqual(sentence.citations.length, 0, `${id}: sentence ${k} carries a citation`);
        }
        for (const key of keysOf(note)) assert.ok(library.keys.has(key), `${id}: @${key} is not in the corpus library`);
        checkNumbered(id, item, note, library);
      }
      assert.ok(passages >= 25, `${passages} passages`);
    });

    it('mixes labels in every style and in the passages, with no text twice', () => {
      const texts = new Set<string>();
      for (const item of items) {
        const text = (item.text as string).trim();
        assert.ok(!texts.has(text), `${item.id}: the same text appears twice`);
        texts.add(text);
      }
      for (const style of STYLES) {
        const own = items.filter((i) => i.style === style);
        assert.ok(own.some((i) => i.label === 'claim') && own.some((i) => i.label === 'not-claim'), `${style} has both labels`);
      }
      const passages = items.filter((i) => (i.id as string).startsWith('pass-'));
      assert.ok(passages.some((i) => i.label === 'claim') && passages.some((i) => i.label === 'not-claim'), 'passages have both labels');
      const share = items.filter((i) => i.label === 'claim').length / items.length;
      assert.ok(share >= 0.4 && share <= 0.7, `claims are ${(share * 100).toFixed(0)}% of the items`);
    });
  });

  describe('cited-claims.yaml', () => {
    const items = readItems('cited-claims.yaml');
    const seen = new Set<string>();

    it('has at least 90 items with the required fields, valid codes and unique ids', () => {
      assert.ok(items.length >= 90, `${items.length} items`);
      items.forEach((item, i) => {
        const id = checkCommon('cited-claims.yaml', item, i, CITED_FIELDS, seen);
        assert.match(id, /^cc-\d{3}$/);
        assert.ok(Array.isArray(item.expected), `${id}: expected must be a list ([] for a faithful claim)`);
        const expected = item.expected as unknown[];
        for (const code of expected) assert.ok((CITED_CODES as readonly unknown[]).includes(code), `${id}: ${String(code)} is not a measured code`);
        assert.strictEqual(new Set(expected).size, expected.length, `${id}: a code is listed twice`);
      });
      for (const id of seen) {
        assert.ok(!ids.has(id), `id ${id} is used twice across the corpus`);
        ids.add(id);
      }
    });

    it('cites keys and DOIs the library defines, except where citation.unresolved is expected', () => {
      for (const item of items) {
        const id = item.id as string;
        const expected = item.expected as string[];
        const note = noteOf(id, item);
        const unknown = keysOf(note).filter((k) => !library.keys.has(k));
        if (expected.includes('citation.unresolved')) assert.ok(unknown.length > 0, `${id}: expects citation.unresolved but every key resolves`);
        else assert.deepStrictEqual(unknown, [], `${id}: unknown key(s)`);
        if (note.citations.length === 0) assert.ok(expected.includes('claim.implicit-citation'), `${id}: an item without citations tests claim.implicit-citation`);
        if (expected.includes('reference.doi-mismatch')) assert.ok(item.references !== undefined, `${id}: reference.doi-mismatch needs a reference list`);
        checkNumbered(id, item, note, library);
      }
    });

    it('expects source.retracted exactly where a retracted record is cited', () => {
      const retracted = [...library.records.values()].filter((r) => r.retracted);
      assert.ok(retracted.length > 0);
      for (const item of items) {
        const note = noteOf(item.id as string, item);
        const dois = ((item.references as string[] | undefined) ?? []).flatMap((r) => findDois(r).map((d) => d.doi));
        const citesRetracted = retracted.some((r) => keysOf(note).includes(r.id) || (r.doi !== undefined && dois.includes(r.doi)));
        assert.strictEqual((item.expected as string[]).includes('source.retracted'), citesRetracted, `${item.id}`);
      }
    });

    it('balances faithful and faulty claims and covers every code, with no text twice', () => {
      const texts = new Set<string>();
      for (const item of items) {
        const text = (item.text as string).trim();
        assert.ok(!texts.has(text), `${item.id}: the same text appears twice`);
        texts.add(text);
      }
      const faithful = items.filter((i) => (i.expected as string[]).length === 0).length / items.length;
      assert.ok(faithful >= 0.35 && faithful <= 0.55, `faithful claims are ${(faithful * 100).toFixed(0)}% of the items`);
      for (const code of CITED_CODES) {
        const n = items.filter((i) => (i.expected as string[]).includes(code)).length;
        assert.ok(n >= 3, `${code} is expected by ${n} item(s)`);
      }
    });
  });
});
