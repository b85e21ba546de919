/**
 * BibTeX / BibLaTeX entries, already split into fields by the scanner in ../bibtex.ts, to CSL-JSON.
 *
 * Why hand-written: citation-js converts faithfully but takes about 7 s for 50,000 entries (its
 * tokenizer alone 1.3 s), and no well-kept parser that decodes LaTeX is faster (measured:
 * @retorquere/bibtex-parser and astrocite are slower still, @orcid/bibtex-parse-js decodes no
 * LaTeX). The scanner already knows every field and value part with its position, so this module
 * starts from those parts and does only the decoding and mapping, following citation-js
 * plugin-bibtex 0.7 rule for rule (lexer.ts, latex.ts, names.ts, dates.ts, fields.ts) so the
 * output agrees with what the formatter (citation-js) expects. Fields are decoded on first use,
 * and only those that reach CSL are. The deliberate differences from citation-js, each a fix, are
 * listed in README.md next to this file and asserted by test/unit/bibtex-csl.test.ts.
 */
import { doiPrefixLength, isValidDoi, linkedDoi } from '../../doi';
import type { CslItem, CslName } from '../../types';
import { toCsl, type Fields } from './fields';
import { inherit } from './inherit';
import { decodeList, decodeSeparated, decodeString, decodeUri } from './latex';
import { decodeNames } from './names';

/** One part of a value joined with `#`: `{…}` or `"…"` (text without the delimiters), a number, a macro name. */
export interface RawPart {
  kind: 'braced' | 'quoted' | 'number' | 'macro';
  text: string;
}

export interface RawField {
  /** Any case; compared in lower case. */
  name: string;
  parts: RawPart[];
}

export interface RawEntry {
  /** Entry type without `@`, any case. */
  type: string;
  key: string;
  fields: RawField[];
}

/** An `@string{name = value}` definition; definitions are read in order, each seeing the earlier ones. */
export interface RawMacro {
  name: string;
  parts: RawPart[];
}

export interface ConvertOptions {
  /** Keep top-level `{…}` in titles as `<span class="nocase">…</span>` (citation-js's default drops them). */
  protectCase?: boolean;
  /** A macro used and defined nowhere; its name is kept as the text (citation-js drops the field). */
  onUndefinedMacro?: (entryIndex: number, field: string, macro: string) => void;
  /**
   * LaTeX that citation-js rejects (an accent without a letter, `\textbf` without braces, `$` not
   * closed, `\begin` without `\end`); the value is still read as well as it can be. Only fields
   * that reach CSL are decoded, so only they are checked.
   */
  onLatexProblem?: (entryIndex: number, field: string, problem: string) => void;
}

/** BibTeX's predefined macros, as citation-js defines them (months as numbers). */
const PREDEFINED: Record<string, string> = {
  jan: '01', feb: '02', mar: '03', apr: '04', may: '05', jun: '06', jul: '07', aug: '08', sep: '09', oct: '10', nov: '11', dec: '12',
  acmcs: 'ACM Computing Surveys', acta: 'Acta Informatica', cacm: 'Communications of the ACM',
  ibmjrd: 'IBM Journal of Research and Development', ibmsj: 'IBM Systems Journal',
  ieeese: 'IEEE Transactions on Software Engineering', ieeetc: 'IEEE Transactions on Computers',
  ieeetcad: 'IEEE Transactions on Computer-Aided Design of Integrated Circuits', ipl: 'Information Processing Letters',
  jacm: 'Journal of the ACM', jcss: 'Journal of Computer and System Sciences', scp: 'Science of Computer Programming',
  sicomp: 'SIAM Journal on Computing', tocs: 'ACM Transactions on Computer Systems',
  tods: 'ACM Transactions on Database Systems', tog: 'ACM Transactions on Graphics',
  toms: 'ACM Transactions on Mathematical Software', toois: 'ACM Transactions on Office Information Systems',
  toplas: 'ACM Transactions on Programming Languages and Systems', tcs: 'Theoretical Computer Science',
};

const NAME_FIELDS = new Set([
  'author', 'afterword', 'annotator', 'bookauthor', 'commentator', 'editor', 'editora', 'editorb', 'editorc', 'foreword',
  'holder', 'introduction', 'shortauthor', 'shorteditor', 'translator', 'sortname', 'namea', 'nameb', 'namec',
]);
const LIST_FIELDS = new Set([
  'institution', 'language', 'location', 'organization', 'origlanguage', 'origlocation', 'origpublisher', 'publisher',
  'lista', 'listb', 'listc', 'listd', 'liste', 'listf', 'address', 'school',
]);
const VERBATIM_FIELDS = new Set(['doi', 'eprint', 'file', 'pdf']);
const TITLE_FIELDS = new Set(['title', 'booktitle', 'maintitle', 'eventtitle', 'origtitle', 'series', 'shorttitle']);

type Macros = Map<string, string>;

function valueOf(parts: RawPart[], macros: Macros, missing?: (macro: string) => void): string {
  let out = '';
  for (const part of parts) {
    if (part.kind === 'macro') {
      const value = macros.get(part.text.toLowerCase());
      if (value === undefined) missing?.(part.text);
      out += value ?? part.text;
    } else if (part.kind === 'number') {
      out += String(parseInt(part.text, 10));
    } else {
      out += part.text;
    }
  }
  return out;
}

/** An entry's raw field values by lower-case name, the last occurrence winning (as in citation-js). */
export type RawValues = Map<string, string>;

class DecodedFields implements Fields {
  private readonly cache = new Map<string, unknown>();

  constructor(
    private readonly raw: RawValues,
    private readonly protectCase: boolean,
    /** The entry's own values (not inherited), and where to report their LaTeX problems. */
    private readonly own?: RawValues,
    private readonly onProblem?: (field: string, problem: string) => void,
  ) {}

  has(name: string): boolean {
    return this.raw.has(name);
  }

  private decoded(name: string): unknown {
    // The mapping asks for some ninety fields, most of them absent.
    const raw = this.raw.get(name);
    if (raw === undefined) return undefined;
    if (this.cache.has(name)) return this.cache.get(name);
    // A problem in an inherited value is reported on the entry it is written in.
    const onProblem = this.onProblem;
    const report = onProblem && this.own?.get(name) === raw ? (problem: string) => onProblem(name, problem) : undefined;
    let value: unknown;
    if (NAME_FIELDS.has(name)) value = decodeNames(raw, report);
    else if (LIST_FIELDS.has(name)) value = decodeList(raw, report);
    else if (name === 'keywords') value = decodeSeparated(raw, report);
    else if (VERBATIM_FIELDS.has(name)) value = raw;
    else if (name === 'url') value = decodeUri(raw);
    // Trimmed: `{ The book }` and a trailing `\\` leave spaces no one means (citation-js keeps them).
    else value = decodeString(raw, this.protectCase && TITLE_FIELDS.has(name), report).trim();
    this.cache.set(name, value);
    return value;
  }

  text(name: string): string | undefined {
    const v = this.decoded(name);
    if (typeof v === 'string') return v;
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.join('; ');
    return undefined;
  }

  names(name: string): CslName[] | undefined {
    const v = this.decoded(name);
    return Array.isArray(v) && v.length > 0 && typeof v[0] === 'object' ? (v as CslName[]) : undefined;
  }

  items(name: string): string[] | undefined {
    const v = this.decoded(name);
    return Array.isArray(v) ? (v as string[]) : undefined;
  }
}

/**
 * Converts every entry, in order (one CSL item per entry, duplicates included). `macros` are the
 * file's @string definitions; crossref and xdata parents are looked up among `entries`.
 */
export function convertEntries(entries: readonly RawEntry[], macros: readonly RawMacro[] = [], options: ConvertOptions = {}): CslItem[] {
  const table: Macros = new Map(Object.entries(PREDEFINED));
  for (const m of macros) table.set(m.name.toLowerCase(), valueOf(m.parts, table));

  // Each entry's values are built when it is converted and dropped after, so they die young
  // (built all first, 50,000 maps outlived the nursery and garbage collection doubled the time);
  // only crossref and xdata parents are kept.
  const valuesOf = (i: number, reporting: boolean): RawValues => {
    const onUndefined = reporting ? options.onUndefinedMacro : undefined;
    const values: RawValues = new Map();
    for (const f of entries[i].fields) {
      const name = f.name.toLowerCase();
      // BibLaTeX data annotations (`author+an = …`) are not fields.
      if (name.includes('+an')) continue;
      const report = onUndefined && ((macro: string) => onUndefined(i, name, macro));
      const value = valueOf(f.parts, table, report || undefined);
      // An empty value is no field, as in citation-js.
      if (value === '') values.delete(name);
      else values.set(name, value);
    }
    return values;
  };
  const parents = new Map<number, RawValues>();
  const parentValues = (i: number): RawValues => {
    let values = parents.get(i);
    if (!values) parents.set(i, (values = valuesOf(i, false)));
    return values;
  };
  const byKey = new Map<string, number>();
  entries.forEach((e, i) => byKey.set(e.key, i));

  return entries.map((e, i) => {
    const type = e.type.toLowerCase();
    const own = valuesOf(i, true);
    const values = inherit(i, entries, own, parentValues, byKey);
    const onProblem = options.onLatexProblem && ((field: string, problem: string) => options.onLatexProblem!(i, field, problem));
    const item = toCsl(type, e.key, new DecodedFields(values, options.protectCase ?? false, own, onProblem));
    if (typeof item.DOI === 'string') item.DOI = bareDoi(item.DOI);
    if (item.DOI === undefined) doiFromLinks(item, values);
    return item;
  });
}

/**
 * The DOI without the braces Web of Science doubles (`{{10.1/x}}`) or a resolver or `doi:` prefix
 * (`https://doi.org/10.1/x`), which citation-js keeps.
 */
export function bareDoi(doi: string): string {
  let s = doi.trim();
  if (s.startsWith('{') && s.endsWith('}')) s = s.slice(1, -1).trim();
  return s.slice(doiPrefixLength(s));
}

/**
 * A DOI given only as a doi.org link in `url`, `note` (also as `doi:…`) or BibDesk's `bdsk-url-N`
 * (Zotero, Google Scholar and BibDesk exports), or as a publisher's `/doi/` landing page in `url`.
 */
function doiFromLinks(item: CslItem, values: RawValues): void {
  const links: [unknown, boolean][] = [
    [item.URL, false],
    [item.note, true],
  ];
  for (const [name, value] of values) if (/^bdsk-url-\d+$/.test(name)) links.push([value, false]);
  for (const [text, doiPrefix] of links) {
    if (typeof text !== 'string') continue;
    const m = linkedDoi(text, doiPrefix);
    if (m) {
      item.DOI = m.raw;
      return;
    }
  }
  if (typeof item.URL === 'string') {
    const doi = publisherDoi(item.URL);
    if (doi) item.DOI = doi;
  }
}

// Publishers that name a landing page by its DOI: APS (link.aps.org/doi/…), Wiley, ACM, Taylor &
// Francis, SAGE, ACS, AIP… (`/doi/abs/…`, `/doi/full/…`, `/doi/pdf/…`; Wiley's older pages end
// in `/abstract` or `/full`, which is no part of the DOI). Better BibTeX takes these too.
const PUBLISHER_DOI = /^https?:\/\/[^/\s]+\/doi\/(?:(?:abs|full|pdf|epdf|pdfplus|pdfdirect|book|chapter|reader)\/)?(10\.[^\s?#]+)(?:[?#]\S*)?$/i;
const PAGE_SUFFIX = /\/(?:abstract|full|pdf|epdf|summary|references|citedby)\/?$/i;

/** The DOI a publisher's `/doi/` URL names, else undefined. */
export function publisherDoi(url: string): string | undefined {
  const m = PUBLISHER_DOI.exec(url.trim());
  if (!m) return undefined;
  let doi = m[1].replace(PAGE_SUFFIX, '');
  if (/%[0-9a-f]{2}/i.test(doi)) {
    try {
      doi = decodeURIComponent(doi);
    } catch {
      return undefined;
    }
  }
  return isValidDoi(doi) ? doi : undefined;
}
