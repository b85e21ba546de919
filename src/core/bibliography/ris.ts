// Parses an RIS file. Records are split by hand (`TY  - ` starts one, `ER  - ` ends it) to know
// every record's and tag value's position; citation-js converts the records to CSL. Each fault is
// one bibliography.invalid in its record (a missing ER, a line that is not a tag); the record and
// all others still load. Never throws.
import { LineIndex, compareRanges, stripAccents } from '../text';
import { finding, type BibEntry, type CslItem, type ParsedBibliography, type Range } from '../types';
import { citeParse } from './cite';
import { doiFinding, internalError } from './csl-json';
import { shapeCsl } from './csl-shape';

/** `XX  - value`; one space before the dash is accepted too, as Zotero does. */
const TAG = /^([A-Z][A-Z0-9]) {1,2}-(?: +|$)/;
/** A line meant as a tag but not written as one (`TI -x`, `TI   - x`). */
const NEAR_TAG = /^[A-Z][A-Z0-9][ \t]*-/;

interface Tag {
  tag: string;
  value: string;
  start: number;
  end: number;
}

interface RisRecord {
  tags: Tag[];
  start: number;
  /** End of the ER line (or of the last line when ER is missing). */
  end: number;
  /** The TY line's content, where a fault of the whole record is reported. */
  tyStart: number;
  tyEnd: number;
  faulted: boolean;
}

export function parseRis(text: string, file: string): ParsedBibliography {
  const result: ParsedBibliography = { file, format: 'ris', entries: [], findings: [] };
  try {
    new RisParser(text, file, result).parse();
  } catch (err) {
    result.findings.push(internalError(file, err, 'RIS'));
  }
  return result;
}

class RisParser {
  private readonly lines: LineIndex;

  constructor(
    text: string,
    private readonly file: string,
    private readonly result: ParsedBibliography,
  ) {
    // A byte order mark counts as white space before the first tag (String#trim drops it).
    this.lines = new LineIndex(text);
  }

  parse(): void {
    const records = this.split();
    const items = this.convert(records);
    const keys = this.assignKeys(records, items);
    records.forEach((record, i) => {
      const csl = items[i];
      if (csl) this.addEntry(record, csl, keys[i]);
    });
    this.result.findings.sort((a, b) => compareRanges(a.range, b.range));
  }

  private split(): RisRecord[] {
    const { lines } = this;
    const records: RisRecord[] = [];
    let record: RisRecord | undefined;
    let last: Tag | undefined; // the tag a continuation line extends
    let lastLineEnd = 0;
    let strayReported = false; // one finding per stretch of text between records

    const unterminated = (r: RisRecord, before: string) => {
      this.fault(r, r.tyStart, r.tyEnd, `This RIS record has no 'ER  - ' line before ${before}.`);
      r.end = lastLineEnd;
      records.push(r);
    };

    for (let l = 0; l < lines.lineCount; l++) {
      const lineStart = lines.lineStart(l);
      const raw = lines.lineText(l);
      const content = raw.trim();
      if (content === '') {
        last = undefined; // a continuation line follows its tag directly
        continue;
      }
      const indent = raw.length - raw.trimStart().length;
      const contentStart = lineStart + indent;
      const contentEnd = contentStart + content.length;
      // A bare `ER` line ends a record as well (some exporters drop the dash).
      const m: string[] | null = content === 'ER' ? ['ER', 'ER'] : TAG.exec(content);
      if (m) {
        const value = content.slice(m[0].length).trim();
        const valueStart = value === '' ? contentEnd : contentStart + m[0].length;
        const tag: Tag = { tag: m[1], value, start: valueStart, end: valueStart + value.length };
        if (tag.tag === 'TY') {
          if (record) unterminated(record, `the next record (line ${l + 1})`);
          record = { tags: [tag], start: contentStart, end: contentEnd, tyStart: contentStart, tyEnd: contentEnd, faulted: false };
          if (value === '') this.fault(record, contentStart, contentEnd, "This RIS record has no type after 'TY  - '.");
          last = undefined;
          strayReported = false;
        } else if (!record) {
          if (!strayReported) {
            const message = tag.tag === 'ER' ? "'ER  - ' without a record: records start with 'TY  - '." : "RIS tag outside a record: records start with 'TY  - '.";
            this.invalid(contentStart, contentEnd, message);
          }
          strayReported = true;
        } else if (tag.tag === 'ER') {
          record.end = contentEnd;
          records.push(record);
          record = undefined;
          last = undefined;
        } else {
          record.tags.push(tag);
          last = value === '' ? undefined : tag;
        }
      } else if (!record) {
        if (!strayReported) this.invalid(contentStart, contentEnd, "Text outside a RIS record: records start with 'TY  - '.");
        strayReported = true;
      } else if (NEAR_TAG.test(content)) {
        this.fault(record, contentStart, contentEnd, `'${clip(content)}' is not a RIS tag line: a tag is written 'XX  - value'.`);
      } else if (last) {
        // A long value wrapped onto the next line.
        last.value += ' ' + content;
        last.end = contentEnd;
      } else {
        this.fault(record, contentStart, contentEnd, `'${clip(content)}' is not a RIS tag line: a tag is written 'XX  - value'.`);
      }
      lastLineEnd = contentEnd;
    }
    if (record) unterminated(record, 'the end of the file');
    return records;
  }

  /** CSL items by record, from one citation-js call for the file or one per record if that fails. */
  private convert(records: RisRecord[]): (CslItem | undefined)[] {
    if (records.length === 0) return [];
    const texts = records.map((r) => risText(r.tags));
    let items: (Record<string, unknown> | undefined)[] | undefined;
    try {
      const all = citeParse(texts.join('\n'), '@ris/file');
      if (Array.isArray(all) && all.length === records.length) items = all;
    } catch {
      /* one record broke the batch: convert them one by one below */
    }
    if (!items) {
      items = records.map((record, i) => {
        try {
          const one = citeParse(texts[i], '@ris/file');
          if (one.length === 1) return one[0];
          this.fault(record, record.tyStart, record.tyEnd, 'This RIS record could not be converted.');
        } catch (err) {
          this.fault(record, record.tyStart, record.tyEnd, `This RIS record could not be converted: ${err instanceof Error ? err.message : String(err)}`);
        }
        return undefined;
      });
    }
    return items.map((item, i) => {
      if (!item) return undefined;
      if (typeof item.type === 'string') return item as CslItem;
      // citation-js drops every field of a type it does not know: read the record as GEN.
      const record = records[i];
      const ty = record.tags[0];
      this.fault(record, ty.start, ty.end, `Unknown RIS type '${ty.value}'; the record is read as GEN (generic).`);
      try {
        const generic = citeParse(risText(record.tags, 'GEN'), '@ris/file');
        return (generic[0] as CslItem | undefined) ?? undefined;
      } catch {
        return undefined;
      }
    });
  }

  /** The ID tag, else `${first author's family name}${year}` made unique in the file with a, b, c…. */
  private assignKeys(records: RisRecord[], items: (CslItem | undefined)[]): string[] {
    const used = new Set<string>();
    for (const r of records) {
      const id = tagOf(r, 'ID');
      if (id && id.value) used.add(id.value);
    }
    return records.map((record, i) => {
      const id = tagOf(record, 'ID');
      if (id && id.value) return id.value;
      const base = generatedKey(items[i]);
      let key = base;
      for (let n = 0; used.has(key); n++) key = base + suffix(n);
      used.add(key);
      return key;
    });
  }

  private addEntry(record: RisRecord, item: CslItem, key: string): void {
    const csl: CslItem = shapeCsl({ ...item, id: key });
    const fieldRanges: Partial<Record<string, Range>> = {};
    const span = (tags: string[]): Range | undefined => {
      const found = record.tags.filter((t) => tags.includes(t.tag) && t.value !== '');
      if (found.length === 0) return undefined;
      return this.lines.range(found[0].start, found[found.length - 1].end);
    };
    const first = (tags: string[]): Range | undefined => {
      for (const name of tags) {
        const t = tagOf(record, name);
        if (t && t.value !== '') return this.lines.range(t.start, t.end);
      }
      return undefined;
    };
    const set = (field: string, range: Range | undefined) => {
      if (range) fieldRanges[field] = range;
    };
    set('DOI', first(['DO']));
    set('title', first(['TI', 'T1', 'CT', 'BT']));
    set('author', span(['AU', 'A1']));
    set('issued', first(['PY', 'DA', 'Y1']));
    set('container-title', first(['T2', 'JF', 'JO', 'J1', 'JA', 'J2', 'C3']));
    set('volume', first(['VL']));
    set('issue', first(['IS']));
    set('URL', first(['UR']));
    const sp = tagOf(record, 'SP');
    const ep = tagOf(record, 'EP');
    if (sp?.value && ep?.value && ep.start > sp.start) fieldRanges.page = this.lines.range(sp.start, ep.end);
    else set('page', first(['SP', 'EP']));

    const doi = tagOf(record, 'DO');
    if (doi && doi.value !== '') {
      // citation-js drops a DO value that is not a DOI; keep it as written so checks can see it.
      if (typeof csl.DOI !== 'string') csl.DOI = doi.value;
      const bad = doiFinding(this.file, key, doi.value, fieldRanges.DOI!);
      if (bad) this.result.findings.push(bad);
    }

    const id = tagOf(record, 'ID');
    const entry: BibEntry = {
      key,
      csl,
      file: this.file,
      format: 'ris',
      range: this.lines.range(record.start, record.end),
      keyRange: id && id.value ? this.lines.range(id.start, id.end) : this.lines.range(record.tyStart, record.tyEnd),
      fieldRanges,
    };
    this.result.entries.push(entry);
  }

  /** One bibliography.invalid per record: the first fault found. */
  private fault(record: RisRecord, start: number, end: number, message: string): void {
    if (record.faulted) return;
    record.faulted = true;
    this.invalid(start, end, message);
  }

  private invalid(start: number, end: number, message: string): void {
    this.result.findings.push(finding('bibliography.invalid', this.file, this.lines.range(start, end), message));
  }
}

/** The record as clean RIS for citation-js: continuation lines joined, empty tags left out. */
function risText(tags: Tag[], type?: string): string {
  const out: string[] = [];
  for (const t of tags) {
    if (t.tag === 'TY') out.push(`TY  - ${type ?? (t.value || 'GEN')}`);
    else if (t.value !== '') out.push(`${t.tag}  - ${t.value}`);
  }
  out.push('ER  - ');
  return out.join('\n');
}

function tagOf(record: RisRecord, name: string): Tag | undefined {
  return record.tags.find((t) => t.tag === name);
}

function generatedKey(item: CslItem | undefined): string {
  const author = item?.author?.[0];
  const name = ascii(author?.family ?? author?.literal ?? '') || 'anon';
  const year = item?.issued?.['date-parts']?.[0]?.[0];
  return `${name}${year != null && /^\d+$/.test(String(year)) ? String(year) : ''}`;
}

function ascii(s: string): string {
  return stripAccents(s)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** a, b, …, z, aa, ab, … */
function suffix(n: number): string {
  let s = '';
  for (let i = n; i >= 0; i = Math.floor(i / 26) - 1) s = String.fromCharCode(97 + (i % 26)) + s;
  return s;
}

function clip(s: string): string {
  return s.length > 40 ? s.slice(0, 39) + '…' : s;
}
