/**
 * BibTeX / BibLaTeX reader.
 *
 * Two passes. A small hand-written scanner (linear, no regular expressions over the input) splits
 * the text into top-level items and records where each entry, key, field name and value lies. A
 * malformed entry becomes ONE bibliography.invalid finding at the fault and the scanner resumes at
 * the next line that starts an entry (`@type{` or `@type(` after optional blanks); every other
 * entry still loads. The scanned fields then go to `./bibtex-csl`, which decodes LaTeX and maps
 * BibTeX/BibLaTeX to CSL-JSON following citation-js's rules. citation-js did that second step
 * until it proved too slow (about 7 s for 50,000 entries, against 1 s) and too brittle (one
 * undecodable value cost the whole entry, and one bad `@inbook` parent the whole file); it still
 * formats citations.
 *
 * The scanner follows citation-js's grammar (plugin-bibtex 0.7) so both agree on what is valid:
 * field names are `[A-Za-z_][A-Za-z0-9_:+-]*`, `%` starts a comment between tokens inside an
 * entry, `\{` `\}` `\\` are escapes inside braces, a quoted value ends at the first `"` outside
 * braces. Text outside entries is ignored as BibTeX does, and so are @comment blocks (JabRef and
 * Better BibTeX metadata) and @preamble. An entry that is not closed is reported on the last
 * character it has (where the `}` is missing) or, when a value is what never closes, on that
 * value's opening brace or quote.
 */
import { normaliseDoi } from '../doi';
import { LineIndex } from '../text';
import { finding, type BibEntry, type CslItem, type Finding, type ParsedBibliography, type Range } from '../types';
import { convertEntries, rawMacro, type DoiSource, type RawEntry, type RawField, type RawPart } from './bibtex-csl';
import { isSpace } from './bibtex-csl/lexer';

// The scanner skips what citation-js's lexer skips: JavaScript's \s. Bound once here because the
// tests and the bench run this file as its own CommonJS module, where every call to an imported
// function goes through a shared export getter (half a second for a 50,000-entry file).
const isWs: (c: number) => boolean = isSpace;

/** A value part: `{…}`, `"…"`, a number or a macro name; offsets exclude braces and quotes. */
interface ValuePart {
  kind: RawPart['kind'];
  start: number;
  end: number;
}

const KINDS: readonly RawPart['kind'][] = ['braced', 'quoted', 'number', 'macro'];
const BRACED = 0;
const QUOTED = 1;
const NUMBER = 2;
const MACRO = 3;

/**
 * Every field and value part the scanner reads, in typed arrays (offsets into the text): an
 * object per field and per part was ~90 MB for 50,000 entries, alive through the whole parse
 * and copied by every scavenge. A field's parts are consecutive, as are an entry's fields.
 * Items that fault leave theirs behind unused.
 */
class ScanStore {
  partKind = new Uint8Array(1024);
  partStart = new Int32Array(1024);
  partEnd = new Int32Array(1024);
  parts = 0;
  /** Lower case, one string per distinct name (Scanner.lowerIdent). */
  readonly fieldName: string[] = [];
  fieldNameStart = new Int32Array(1024);
  fieldNameEnd = new Int32Array(1024);
  fieldFirstPart = new Int32Array(1024);
  fieldParts = new Int32Array(1024);
  fields = 0;

  addPart(kind: number, start: number, end: number): void {
    if (this.parts === this.partStart.length) {
      this.partKind = grow(this.partKind, new Uint8Array(this.parts * 2));
      this.partStart = grow(this.partStart, new Int32Array(this.parts * 2));
      this.partEnd = grow(this.partEnd, new Int32Array(this.parts * 2));
    }
    this.partKind[this.parts] = kind;
    this.partStart[this.parts] = start;
    this.partEnd[this.parts] = end;
    this.parts++;
  }

  addField(name: string, nameStart: number, nameEnd: number, firstPart: number): void {
    if (this.fields === this.fieldNameStart.length) {
      const size = this.fields * 2;
      this.fieldNameStart = grow(this.fieldNameStart, new Int32Array(size));
      this.fieldNameEnd = grow(this.fieldNameEnd, new Int32Array(size));
      this.fieldFirstPart = grow(this.fieldFirstPart, new Int32Array(size));
      this.fieldParts = grow(this.fieldParts, new Int32Array(size));
    }
    this.fieldName[this.fields] = name;
    this.fieldNameStart[this.fields] = nameStart;
    this.fieldNameEnd[this.fields] = nameEnd;
    this.fieldFirstPart[this.fields] = firstPart;
    this.fieldParts[this.fields] = this.parts - firstPart;
    this.fields++;
  }

  valueParts(firstPart: number, count: number): ValuePart[] {
    const out: ValuePart[] = [];
    for (let k = firstPart; k < firstPart + count; k++) out.push({ kind: KINDS[this.partKind[k]], start: this.partStart[k], end: this.partEnd[k] });
    return out;
  }

  /** The value without its outer braces or quotes, and without surrounding whitespace, into out[at], out[at + 1]. */
  valueSpan(source: string, field: number, out: { [i: number]: number }, at: number): void {
    const first = this.fieldFirstPart[field];
    const count = this.fieldParts[field];
    if (count === 0) {
      out[at] = this.fieldNameStart[field];
      out[at + 1] = this.fieldNameEnd[field];
      return;
    }
    let start = this.partStart[first];
    let end = this.partEnd[first + count - 1];
    while (start < end && isWs(source.charCodeAt(start))) start++;
    while (end > start && isWs(source.charCodeAt(end - 1))) end--;
    out[at] = start;
    out[at + 1] = end;
  }
}

function grow<T extends Int32Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/**
 * An entry as scanned, and the converter's view of it: `fields` (objects and value strings) is
 * built on each read, which convertEntries does once per entry (and per parent for a child that
 * inherits), so they die young.
 */
class ScannedEntry implements RawEntry {
  key = '';
  /** Just past the closing brace or parenthesis. */
  end: number;
  keyStart: number;
  keyEnd: number;
  /** False for `@misc{key}`, which citation-js needs written `@misc{key,}`. */
  commaAfterKey = false;
  firstField = 0;
  fieldCount = 0;

  constructor(
    private readonly store: ScanStore,
    private readonly source: string,
    /** Lower case. */
    readonly type: string,
    /** Offset of `@`. */
    readonly start: number,
    keyStart: number,
  ) {
    this.end = start;
    this.keyStart = keyStart;
    this.keyEnd = keyStart;
  }

  get fields(): RawField[] {
    const { store, source } = this;
    const out: RawField[] = [];
    for (let f = this.firstField; f < this.firstField + this.fieldCount; f++) {
      const parts: RawPart[] = [];
      const first = store.fieldFirstPart[f];
      for (let k = first; k < first + store.fieldParts[f]; k++) {
        const start = store.partStart[k];
        parts.push({ kind: KINDS[store.partKind[k]], text: source.slice(start, store.partEnd[k]), start });
      }
      out.push({ name: store.fieldName[f], parts });
    }
    return out;
  }
}

interface ScannedString {
  start: number;
  end: number;
  name: string;
  parts: ValuePart[];
}

/** A syntax fault: reported at [start, end), the scanner then resumes at the next entry line. */
class Fault {
  constructor(
    readonly start: number,
    readonly end: number,
    readonly message: string,
  ) {}
}

/** The item ran into the next entry's line (`at`), or the end of the text (`at` = -1). */
class Unclosed {
  constructor(
    readonly at: number,
    /** The opening brace or quote of the value being read, when inside one. */
    readonly valueOpen = -1,
  ) {}
}

export function parseBibtex(text: string, file: string): ParsedBibliography {
  const findings: Finding[] = [];
  const entries: BibEntry[] = [];
  try {
    const source = typeof text === 'string' ? text : String(text ?? '');
    const index = new LineIndex(source);
    const scanner = new Scanner(source, index, file, findings);
    scanner.scan();
    // Not push(...): spreading 100,000 entries as arguments overflows the stack.
    for (const entry of convert(source, index, file, scanner.store, scanner.strings, scanner.entries, findings)) entries.push(entry);
    reportDuplicateKeys(entries, file, findings);
  } catch (err) {
    findings.push(
      finding(
        'bibliography.invalid',
        file,
        { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        `Evidence Lens could not read this bibliography: ${errorMessage(err)}`,
      ),
    );
  }
  findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { file, format: 'bibtex', entries, findings };
}

// ---------------------------------------------------------------------------------------------
// Scanner


function isIdentStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function isIdentChar(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57) || c === 58 || c === 43 || c === 45;
}

/** What ends or nests a braced or quoted value, or may start the next entry's line. */
const BRACED_SPECIAL = /[\\{}\n\r]/g;
const QUOTED_SPECIAL = /[\\{}"\n\r]/g;

/** Whether `lower` is the ASCII identifier at [start, end) of `t` in lower case. */
function sameLower(t: string, start: number, end: number, lower: string): boolean {
  if (lower.length !== end - start) return false;
  for (let i = start; i < end; i++) {
    const c = t.charCodeAt(i);
    if ((c >= 65 && c <= 90 ? c + 32 : c) !== lower.charCodeAt(i - start)) return false;
  }
  return true;
}

/**
 * Characters of field and macro names: also `. / * ! & ; ? < > [ ] ^ | $ \``, which BibTeX and
 * biber's btparse accept (`p.email`, `max.best.papers`), and non-ASCII ones (`readName`). Entry types
 * keep the narrower set, so an e-mail address in text outside entries (`me@example.org (work)`) is
 * still no entry.
 */
const NAME_CHARS = new Uint8Array(128);
for (const ch of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_:+-./*!&;?<>[]^|$`') NAME_CHARS[ch.charCodeAt(0)] = 1;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

class Scanner {
  readonly entries: ScannedEntry[] = [];
  readonly strings: ScannedString[] = [];
  readonly store = new ScanStore();
  private readonly t: string;
  private readonly n: number;
  /** End of the last token read inside the current item (where a missing `}` belongs). */
  private lastEnd = 0;
  /** The field (or macro) whose value is being read. */
  private field = '';
  /** Lower-case identifiers read so far, by a hash of their characters. */
  private readonly names = new Map<number, string[]>();
  /** The item being read, for messages: its `@`, its type and (once read) its key. */
  private itemAt = 0;
  private itemType = '';
  private itemKey: string | undefined;

  constructor(
    text: string,
    private readonly index: LineIndex,
    private readonly file: string,
    private readonly findings: Finding[],
  ) {
    this.t = text;
    this.n = text.length;
  }

  scan(): void {
    let pos = 0;
    while (pos < this.n) {
      const at = this.t.indexOf('@', pos);
      if (at < 0) break;
      const next = this.commentedOut(at, pos) ? this.lineEnd(at) : this.item(at);
      pos = next > at ? next : at + 1;
    }
  }

  private c(i: number): number {
    return i < this.n ? this.t.charCodeAt(i) : -1;
  }

  private line(offset: number): number {
    return this.index.positionAt(offset).line + 1;
  }

  /**
   * Whether a `%` comes before `at` on its line: between items `%` comments out the rest of the
   * line for biber (btparse), so `%@article{x,` is no entry; BibTeX alone would read one.
   */
  private commentedOut(at: number, from: number): boolean {
    // Back to the end of the previous item only (a `%` inside it is no comment here), which also
    // keeps a file written on one line linear.
    for (let i = at - 1; i >= from; i--) {
      const c = this.t.charCodeAt(i);
      if (c === 10 || c === 13) return false;
      if (c === 37) return true;
    }
    return false;
  }

  private lineEnd(p: number): number {
    while (p < this.n && this.t.charCodeAt(p) !== 10 && this.t.charCodeAt(p) !== 13) p++;
    return p;
  }

  /** Whether only blanks precede `at` on its line. */
  private atLineStart(at: number): boolean {
    for (let i = at - 1; i >= 0; i--) {
      const c = this.t.charCodeAt(i);
      if (c === 10 || c === 13) return true;
      if (c !== 32 && c !== 9 && c !== 0xfeff) return false;
    }
    return true;
  }

  /** The offset of `@` when the line starting at `i` starts an item (`@type{` or `@type(`), else -1. */
  private entryLineAt(i: number): number {
    let p = i;
    while (p < this.n && (this.t.charCodeAt(p) === 32 || this.t.charCodeAt(p) === 9)) p++;
    if (this.c(p) !== 64) return -1;
    const at = p++;
    while (this.c(p) === 32 || this.c(p) === 9) p++;
    if (!isIdentStart(this.c(p))) return -1;
    while (isIdentChar(this.c(p))) p++;
    while (this.c(p) === 32 || this.c(p) === 9) p++;
    const c = this.c(p);
    return c === 123 || c === 40 ? at : -1;
  }

  /** Called after a line break at i - 1: throws Unclosed when the new line starts an item. */
  private checkLine(i: number, valueOpen = -1): void {
    const at = this.entryLineAt(i);
    if (at >= 0) throw new Unclosed(at, valueOpen);
  }

  /** The first item line after the line holding `pos`, or the end of the text. */
  private resumeAfter(pos: number): number {
    for (let i = pos; i < this.n; i++) {
      const c = this.t.charCodeAt(i);
      if (c === 10 || c === 13) {
        const at = this.entryLineAt(i + 1);
        if (at >= 0) return at;
      }
    }
    return this.n;
  }

  /** Skips whitespace and `%` comments inside an item; returns the next offset. */
  private skipWs(p: number): number {
    for (;;) {
      if (p >= this.n) throw new Unclosed(-1);
      const c = this.t.charCodeAt(p);
      if (c === 37) {
        while (p < this.n && this.t.charCodeAt(p) !== 10 && this.t.charCodeAt(p) !== 13) p++;
        continue;
      }
      if (!isWs(c)) return p;
      p++;
      if (c === 10 || c === 13) this.checkLine(p);
    }
  }

  /**
   * The identifier at [start, end) in lower case, one shared string per name. Slicing a file that
   * holds any non-Latin-1 character gives two-byte strings, whose toLowerCase is far slower (a
   * tenth of the scan); and the converter looks every field name up in maps, where one
   * internalised one-byte string compares fastest. Identifiers are ASCII.
   */
  private lowerIdent(start: number, end: number): string {
    let hash = end - start;
    for (let i = start; i < end; i++) hash = (Math.imul(hash, 31) + (this.t.charCodeAt(i) | 32)) | 0;
    let names = this.names.get(hash);
    if (names === undefined) this.names.set(hash, (names = []));
    for (const name of names) if (sameLower(this.t, start, end, name)) return name;
    const codes: number[] = [];
    for (let i = start; i < end; i++) {
      const c = this.t.charCodeAt(i);
      codes.push(c >= 65 && c <= 90 ? c + 32 : c);
    }
    // A property key is internalised; reading it back gives that string.
    const name = Object.keys({ [String.fromCharCode(...codes)]: 0 })[0];
    names.push(name);
    return name;
  }

  private readIdent(p: number): number {
    while (p < this.n && isIdentChar(this.t.charCodeAt(p))) p++;
    return p;
  }

  /** The end of a field or macro name starting at p. */
  private readName(p: number): number {
    let c: number;
    // Beyond ASCII any character but a space, as BibTeX reads 8-bit bytes (`@String{Göttingen = …}`).
    while (p < this.n && ((c = this.t.charCodeAt(p)) < 128 ? NAME_CHARS[c] === 1 : !isWs(c))) p++;
    return p;
  }

  /** End of the token at p for a range: an identifier or number, else one character (a pair of surrogates). */
  private tokenEnd(p: number): number {
    if (p >= this.n) return p;
    const c = this.t.charCodeAt(p);
    if (isIdentChar(c)) return this.readIdent(p);
    if (c >= 0xd800 && c <= 0xdbff && p + 1 < this.n) return p + 2;
    return p + 1;
  }

  private shown(p: number): string {
    return this.t.slice(p, this.tokenEnd(p));
  }

  private fault(start: number, end: number, message: string): Fault {
    // A finding covers at least one character; at the end of the text, the last one.
    if (end <= start) {
      if (start >= this.n) start = Math.max(0, this.n - 1);
      end = Math.min(this.n, start + 1);
    }
    return new Fault(start, end, message);
  }

  /** Reads the item whose `@` is at `at`; returns where scanning continues. */
  private item(at: number): number {
    const lineStart = this.atLineStart(at);
    let p = at + 1;
    // BibTeX allows line breaks around the type (`@misc\n{key,`; its own btxdoc.bib has `@\n\nMaNuAl (`).
    while (isWs(this.c(p))) p++;
    const typeStart = p;
    p = this.readIdent(p);
    if (p === typeStart || !isIdentStart(this.c(typeStart))) {
      // A lone '@' in text outside entries (an e-mail address…) is ignored as BibTeX text is.
      const c = this.c(typeStart);
      if (lineStart && (c === 123 || c === 40)) {
        this.report(new Fault(at, at + 1, `Entry at line ${this.line(at)} has no type: expected a name such as 'article' after '@'.`));
        return this.resumeAfter(at);
      }
      return at + 1;
    }
    const type = this.lowerIdent(typeStart, p);
    while (isWs(this.c(p))) p++;
    const open = this.c(p);
    if (open !== 123 && open !== 40) {
      if (type === 'comment' || !lineStart) return p; // BibTeX's own `@comment` word, or text
      this.report(this.fault(at, typeStart + type.length, `Expected '{' or '(' after '@${this.t.slice(typeStart, typeStart + type.length)}'.`));
      return this.resumeAfter(at);
    }
    if (type === 'comment') return this.comment(p);
    const close = open === 123 ? 125 : 41;
    this.lastEnd = p + 1;
    this.itemAt = at;
    this.itemType = type;
    this.itemKey = undefined;
    try {
      if (type === 'string') return this.stringItem(at, p, close);
      if (type === 'preamble') return this.preamble(p, close);
      const entry = new ScannedEntry(this.store, this.t, type, at, p + 1);
      const end = this.entry(entry, p, close);
      entry.end = end;
      this.entries.push(entry);
      return end;
    } catch (err) {
      if (err instanceof Fault) {
        this.report(err);
        return this.resumeAfter(err.start);
      }
      if (err instanceof Unclosed) {
        const name = this.itemName();
        const what = err.at >= 0 ? `before the next entry at line ${this.line(err.at)}` : 'at the end of the file';
        const delim = close === 125 ? '}' : ')';
        if (err.valueOpen >= 0) {
          const q = this.t.charCodeAt(err.valueOpen) === 34 ? `'"'` : `'}'`;
          const subject =
            type === 'preamble'
              ? `The value of ${name}`
              : type === 'string'
                ? `The value of macro '${this.field}' in ${name}`
                : `Field '${this.field}' in entry ${name}`;
          this.report(this.fault(err.valueOpen, err.valueOpen + 1, `${subject} is not closed: missing ${q} ${what}.`));
        } else {
          this.report(this.fault(this.lastEnd - 1, this.lastEnd, `Entry ${name} is not closed: missing '${delim}' ${what}.`));
        }
        return err.at >= 0 ? err.at : this.n;
      }
      throw err;
    }
  }

  /** The item being read, as messages name it: `'key'`, or `'@type' at line N` before its key. */
  private itemName(): string {
    return this.itemKey !== undefined ? `'${this.itemKey}'` : `'@${this.itemType}' at line ${this.line(this.itemAt)}`;
  }

  /** Who owns the value being read, for messages. */
  private owner(): string {
    return this.itemKey !== undefined ? `entry '${this.itemKey}'` : this.itemName();
  }

  private report(f: Fault): void {
    this.findings.push(finding('bibliography.invalid', this.file, this.index.range(f.start, f.end), f.message));
  }

  /** `@comment{…}` (balanced) is skipped; it ends early at an item line or the end of the text. */
  private comment(p: number): number {
    const open = this.t.charCodeAt(p);
    const close = open === 123 ? 125 : 41;
    let depth = 0;
    for (let i = p; i < this.n; i++) {
      const c = this.t.charCodeAt(i);
      if (c === open) depth++;
      else if (c === close) {
        if (--depth === 0) return i + 1;
      } else if (c === 10 || c === 13) {
        const at = this.entryLineAt(i + 1);
        if (at >= 0) return at;
      }
    }
    return this.n;
  }

  private stringItem(at: number, p: number, close: number): number {
    const name = this.itemName();
    p = this.skipWs(p + 1);
    if (!isIdentStart(this.c(p))) {
      throw this.fault(p, this.tokenEnd(p), `Expected a macro name in ${name}, found '${this.shown(p)}'.`);
    }
    const nameEnd = this.readName(p);
    const macro = this.t.slice(p, nameEnd);
    this.lastEnd = nameEnd;
    p = this.skipWs(nameEnd);
    if (this.c(p) !== 61) throw this.fault(p, this.tokenEnd(p), `Expected '=' after the macro name '${macro}' in ${name}.`);
    this.lastEnd = p + 1;
    p = this.skipWs(p + 1);
    const firstPart = this.store.parts;
    p = this.value(p, macro, close);
    const parts = this.store.valueParts(firstPart, this.store.parts - firstPart);
    p = this.skipWs(p);
    if (this.c(p) !== close) {
      throw this.fault(p, this.tokenEnd(p), `Expected '${String.fromCharCode(close)}' after the value of '${macro}' in ${name}, found '${this.shown(p)}'.`);
    }
    this.strings.push({ start: at, end: p + 1, name: macro, parts });
    return p + 1;
  }

  private preamble(p: number, close: number): number {
    p = this.skipWs(p + 1);
    if (this.c(p) === close) return p + 1;
    p = this.value(p, 'preamble', close);
    p = this.skipWs(p);
    if (this.c(p) !== close) {
      throw this.fault(p, this.tokenEnd(p), `Expected '${String.fromCharCode(close)}' to end ${this.itemName()}, found '${this.shown(p)}'.`);
    }
    return p + 1;
  }

  /** The end of a key's rest after '=' when it runs bare to a ',' or the closer (`a=b,`), else -1. */
  private bareKeyEnd(p: number, close: number): number {
    const start = p;
    for (; p < this.n; p++) {
      const c = this.t.charCodeAt(p);
      if (c === 44 || c === close) return p > start ? p : -1;
      if (isWs(c) || c === 123 || c === 125 || c === 34 || c === close) return -1;
    }
    return -1;
  }

  private entry(e: ScannedEntry, p: number, close: number): number {
    p = this.skipWs(p + 1);
    const keyStart = p;
    // citation-js reads a '(' opening the key as a second delimiter.
    while (p < this.n && !(p === keyStart && this.t.charCodeAt(p) === 40)) {
      const c = this.t.charCodeAt(p);
      if (isWs(c) || c === 44 || c === 123 || c === 125 || c === 34 || c === 61 || (close === 41 && c === 41)) break;
      p++;
    }
    if (p === keyStart) {
      throw this.fault(p, this.tokenEnd(p), `Entry ${this.itemName()} has no citation key.`);
    }
    let key = this.t.slice(keyStart, p);
    e.key = key;
    e.keyStart = keyStart;
    e.keyEnd = p;
    this.lastEnd = p;
    p = this.skipWs(p);
    let afterKey = this.c(p);
    if (afterKey === 61) {
      // BibTeX ends a key only at ',', white space or the closer: `@x{a=b,` has the key `a=b`
      // (abntex2's option entries). `a = {…}` or `a={…},` is a field whose entry lost its key.
      const end = p === e.keyEnd ? this.bareKeyEnd(p + 1, close) : -1;
      if (end < 0) throw this.fault(keyStart, e.keyEnd, `Entry ${this.itemName()} has no citation key: '${key}' is followed by '='.`);
      e.key = key = this.t.slice(keyStart, end);
      e.keyEnd = this.lastEnd = end;
      p = this.skipWs(end);
      afterKey = this.c(p);
    }
    this.itemKey = key;
    if (afterKey === close) return p + 1;
    if (afterKey !== 44) {
      throw this.fault(p, this.tokenEnd(p), `Missing ',' after the key '${key}', found '${this.shown(p)}'.`);
    }
    e.commaAfterKey = true;
    e.firstField = this.store.fields;
    this.lastEnd = p + 1;
    p = this.skipWs(p + 1);
    let previous = '';
    for (;;) {
      const c = this.c(p);
      if (c === close) return this.endFields(e, p + 1);
      if (c === 44) {
        // An empty field (`title = {x}, , number = …`): Better BibTeX and BibTeX read on, so the
        // entry loads; citation-js rejects it, so it is still reported.
        this.report(this.fault(p, p + 1, `Empty field (a second ',') in entry '${key}'; it is ignored.`));
        this.lastEnd = p + 1;
        p = this.skipWs(p + 1);
        continue;
      }
      if (!isIdentStart(c)) {
        throw this.fault(p, this.tokenEnd(p), `Unexpected '${this.shown(p)}' in entry '${key}': expected a field name or '${String.fromCharCode(close)}'.`);
      }
      const nameStart = p;
      const nameEnd = this.readName(p);
      const name = this.lowerIdent(nameStart, nameEnd);
      this.lastEnd = nameEnd;
      p = this.skipWs(nameEnd);
      if (this.c(p) !== 61) {
        throw this.fault(nameStart, nameEnd, `Field '${name}' in entry '${key}' is missing '=' before its value.`);
      }
      this.lastEnd = p + 1;
      p = this.skipWs(p + 1);
      const vc = this.c(p);
      if (vc === 44 || vc === close || vc === 125 || vc === 41) {
        throw this.fault(nameStart, nameEnd, `Field '${name}' in entry '${key}' has no value.`);
      }
      const firstPart = this.store.parts;
      p = this.value(p, name, close);
      this.store.addField(name, nameStart, nameEnd, firstPart);
      previous = name;
      p = this.skipWs(p);
      const after = this.c(p);
      if (after === 44) {
        this.lastEnd = p + 1;
        p = this.skipWs(p + 1);
        continue;
      }
      if (after === close) return this.endFields(e, p + 1);
      if (isIdentStart(after)) {
        throw this.fault(p, this.tokenEnd(p), `Missing ',' between fields '${previous}' and '${this.shown(p).toLowerCase()}' in entry '${key}'.`);
      }
      if (after === 125 || after === 41) {
        throw this.fault(p, p + 1, `Entry '${key}' is opened with '${close === 125 ? '{' : '('}' but closed with '${String.fromCharCode(after)}'.`);
      }
      throw this.fault(p, this.tokenEnd(p), `Unexpected '${this.shown(p)}' after field '${previous}' in entry '${key}': expected ',' or '${String.fromCharCode(close)}'.`);
    }
  }

  /** The entry's fields are the store's since `firstField`; returns `end`. */
  private endFields(e: ScannedEntry, end: number): number {
    e.fieldCount = this.store.fields - e.firstField;
    return end;
  }

  /** Reads `part # part …`; returns the offset after the last part. */
  private value(p: number, field: string, close: number): number {
    p = this.part(p, field, close, -1);
    for (;;) {
      const q = this.skipWs(p);
      if (this.c(q) !== 35) return p;
      this.lastEnd = q + 1;
      p = this.part(this.skipWs(q + 1), field, close, q);
    }
  }

  /** Reads one part into the store; returns the offset after it. */
  private part(p: number, field: string, close: number, hash: number): number {
    const c = this.c(p);
    let end: number;
    this.field = field;
    if (c === 123) {
      end = this.braced(p);
      this.store.addPart(BRACED, p + 1, end - 1);
    } else if (c === 34) {
      end = this.quoted(p, field);
      this.store.addPart(QUOTED, p + 1, end - 1);
    } else if (isDigit(c) || (c === 45 && isDigit(this.c(p + 1)))) {
      end = p + 1;
      while (isDigit(this.c(end))) end++;
      this.store.addPart(NUMBER, p, end);
    } else if (isIdentStart(c)) {
      end = this.readName(p);
      this.store.addPart(MACRO, p, end);
    } else if (hash >= 0) {
      throw this.fault(hash, hash + 1, `Expected a value after '#' in field '${field}' of ${this.owner()}.`);
    } else if (c === 44 || c === close || c === 125 || c === 41) {
      throw this.fault(p, p + 1, `Field '${field}' in ${this.owner()} has no value.`);
    } else {
      throw this.fault(p, this.tokenEnd(p), `Unexpected '${this.shown(p)}' in the value of field '${field}' in ${this.owner()}.`);
    }
    this.lastEnd = end;
    return end;
  }

  /** `{…}` starting at p; returns the offset after its closing brace. */
  private braced(p: number): number {
    let depth = 0;
    // The regular expression skips to the next character that matters, natively: a loop over
    // every character of a 41 MB file took twice as long.
    const special = BRACED_SPECIAL;
    for (let i = p; i < this.n; i++) {
      special.lastIndex = i;
      if (!special.test(this.t)) break;
      i = special.lastIndex - 1;
      const c = this.t.charCodeAt(i);
      if (c === 92) {
        const d = this.c(i + 1);
        if (d === 92 || d === 123 || d === 125) i++;
      } else if (c === 123) depth++;
      else if (c === 125) {
        if (--depth === 0) return i + 1;
      } else if (c === 10 || c === 13) this.checkLine(i + 1, p);
    }
    throw new Unclosed(-1, p);
  }

  /** `"…"` starting at p (braces inside must balance); returns the offset after the closing quote. */
  private quoted(p: number, field: string): number {
    let depth = 0;
    const special = QUOTED_SPECIAL;
    for (let i = p + 1; i < this.n; i++) {
      special.lastIndex = i;
      if (!special.test(this.t)) break;
      i = special.lastIndex - 1;
      const c = this.t.charCodeAt(i);
      if (c === 92) {
        const d = this.c(i + 1);
        if (d === 92 || d === 123 || (depth > 0 && d === 125)) i++;
      } else if (c === 123) depth++;
      else if (c === 125) {
        // citation-js reads the file but then fails on the value; BibTeX rejects it too.
        if (depth === 0) throw this.fault(i, i + 1, `Field '${field}' in ${this.owner()} has a '}' without a matching '{'.`);
        depth--;
      } else if (c === 34) {
        if (depth === 0) return i + 1;
      } else if (c === 10 || c === 13) this.checkLine(i + 1, p);
    }
    throw new Unclosed(-1, p);
  }
}

// ---------------------------------------------------------------------------------------------
// Conversion

function convert(
  source: string,
  index: LineIndex,
  file: string,
  store: ScanStore,
  strings: ScannedString[],
  scanned: ScannedEntry[],
  findings: Finding[],
): BibEntry[] {
  if (scanned.length === 0) return [];
  const spans = new EntrySpans(index, scanned.length);
  // A value the converter could only read in part is still loaded, with a finding on it.
  const onLatexProblem = (i: number, field: string, problem: string) => {
    const e = scanned[i];
    const span = [e.keyStart, e.keyEnd];
    for (let f = e.firstField + e.fieldCount - 1; f >= e.firstField; f--) {
      if (store.fieldName[f] !== field) continue;
      store.valueSpan(source, f, span, 0);
      break;
    }
    const [start, end] = span;
    const range = end > start ? index.range(start, end) : index.range(e.keyStart, e.keyEnd);
    findings.push(finding('bibliography.invalid', file, range, `Field '${field}' in entry '${e.key}' is not valid LaTeX (${problem}); it is read as well as possible.`));
  };
  const onDoi = (i: number, doi: DoiSource) => spans.setDoi(i, doi.start, doi.end, doi.field === 'doi');
  const items = convertEntries(
    scanned,
    strings.map((s) => rawMacro(source, s.name, s.parts)),
    // Without `citation-key` (the entry has its key), rather than deleting it, which turns an
    // object into a dictionary (a quarter more memory for 50,000 entries), or copying the item.
    // Case-protecting braces stay in titles as CSL `<span class="nocase">`, the form citeproc obeys
    // when a style changes case; views show titles through titleOf, which drops the markup.
    { onLatexProblem, onDoi, citationKey: false, protectCase: true },
  );
  const entries: BibEntry[] = new Array(scanned.length);
  for (let i = 0; i < scanned.length; i++) entries[i] = toEntry(source, store, spans, i, file, scanned[i], items[i], findings);
  return entries;
}

/** The CSL fields whose values' ranges an entry reports, each from the first BibTeX field present. */
const CSL_FIELDS: [string, string[]][] = [
  ['DOI', ['doi']],
  ['title', ['title']],
  ['author', ['author']],
  ['editor', ['editor']],
  ['issued', ['date', 'year']],
  ['container-title', ['journaltitle', 'journal', 'booktitle']],
  ['volume', ['volume']],
  ['issue', ['number', 'issue']],
  ['page', ['pages']],
  ['publisher', ['publisher']],
  ['URL', ['url']],
];
/** BibTeX field → [CSL field's slot, rank among that slot's BibTeX fields (0 is preferred)]. */
const FIELD_SLOTS = new Map<string, [number, number]>();
CSL_FIELDS.forEach(([, names], slot) => names.forEach((name, rank) => FIELD_SLOTS.set(name, [slot, rank])));
const DOI_SLOT = 0;
/** Per entry: entry start/end, key start/end, a start/end per CSL field, a DOI found in a link. */
const STRIDE = 4 + 2 * CSL_FIELDS.length + 2;
const LINK_DOI = 4 + 2 * CSL_FIELDS.length;
const ranks = new Int8Array(CSL_FIELDS.length);

/**
 * Every entry's offsets in one typed array; ranges are built from them only when asked for. A
 * 50,000-entry file has ~650,000 ranges of three objects each, and nearly all are never read
 * (the checks use the DOI's and the key's; the editor an entry's range when it is hovered).
 */
class EntrySpans {
  readonly table: Int32Array;

  constructor(
    readonly lines: LineIndex,
    count: number,
  ) {
    this.table = new Int32Array(count * STRIDE).fill(-1);
  }

  /** The DOI's offsets: from the `doi` field (its slot) or from a link (reported after the others). */
  setDoi(i: number, start: number, end: number, fromDoiField: boolean): void {
    const at = i * STRIDE + (fromDoiField ? 4 + 2 * DOI_SLOT : LINK_DOI);
    this.table[at] = start;
    this.table[at + 1] = end;
  }

  range(i: number, slot: number): Range {
    return this.lines.range(this.table[i * STRIDE + slot], this.table[i * STRIDE + slot + 1]);
  }

  fieldRanges(i: number): Partial<Record<string, Range>> {
    const out: Partial<Record<string, Range>> = {};
    for (let slot = 0; slot < CSL_FIELDS.length; slot++) {
      if (this.table[i * STRIDE + 4 + 2 * slot] >= 0) out[CSL_FIELDS[slot][0]] = this.range(i, 4 + 2 * slot);
    }
    if (this.table[i * STRIDE + LINK_DOI] >= 0) out.DOI = this.range(i, LINK_DOI);
    return out;
  }
}

// An entry is a plain object whose `range`, `keyRange` and `fieldRanges` are own enumerable
// accessors that build the ranges on first read and keep them: to every reader (spread, JSON,
// v8.serialize to the worker's host, deepStrictEqual, Object.entries) it looks like an object
// holding them. The accessors are shared; what they need sits in one non-enumerable symbol
// property (five such properties made defining them cost 8 µs an entry, one costs 1.5 µs).
const LAZY = Symbol('ranges');

interface LazyRanges {
  spans: EntrySpans;
  slot: number;
  range: Range | undefined;
  keyRange: Range | undefined;
  fieldRanges: Partial<Record<string, Range>> | undefined;
}

interface LazyEntry extends BibEntry {
  [LAZY]: LazyRanges;
}

const LAZY_RANGES: PropertyDescriptorMap = {
  range: {
    get(this: LazyEntry) {
      const lazy = this[LAZY];
      return (lazy.range ??= lazy.spans.range(lazy.slot, 0));
    },
    set(this: LazyEntry, range: Range) {
      this[LAZY].range = range;
    },
    enumerable: true,
    configurable: true,
  },
  keyRange: {
    get(this: LazyEntry) {
      const lazy = this[LAZY];
      return (lazy.keyRange ??= lazy.spans.range(lazy.slot, 2));
    },
    set(this: LazyEntry, range: Range) {
      this[LAZY].keyRange = range;
    },
    enumerable: true,
    configurable: true,
  },
  fieldRanges: {
    get(this: LazyEntry) {
      const lazy = this[LAZY];
      return (lazy.fieldRanges ??= lazy.spans.fieldRanges(lazy.slot));
    },
    set(this: LazyEntry, ranges: Partial<Record<string, Range>>) {
      this[LAZY].fieldRanges = ranges;
    },
    enumerable: true,
    configurable: true,
  },
  [LAZY]: { value: undefined, writable: true, enumerable: false, configurable: true },
};

function toEntry(
  source: string,
  store: ScanStore,
  spans: EntrySpans,
  i: number,
  file: string,
  e: ScannedEntry,
  item: CslItem,
  findings: Finding[],
): BibEntry {
  const csl = item;

  const table = spans.table;
  const base = i * STRIDE;
  table[base] = e.start;
  table[base + 1] = e.end;
  table[base + 2] = e.keyStart;
  table[base + 3] = e.keyEnd;
  // The value of the first BibTeX field present for each CSL field; the last occurrence of a
  // field wins, as in citation-js. The DOI's own offsets are already in its slot (onDoi).
  ranks.fill(127);
  for (let f = e.firstField; f < e.firstField + e.fieldCount; f++) {
    const slotRank = FIELD_SLOTS.get(store.fieldName[f]);
    if (!slotRank) continue;
    const [slot, rank] = slotRank;
    if (rank > ranks[slot]) continue;
    ranks[slot] = rank;
    if (slot === DOI_SLOT) continue;
    const at = base + 4 + 2 * slot;
    store.valueSpan(source, f, table, at);
  }

  if (ranks[DOI_SLOT] === 0 && typeof csl.DOI === 'string' && normaliseDoi(csl.DOI) === undefined) {
    const at = base + 4 + 2 * DOI_SLOT;
    const range = spans.lines.range(table[at], table[at + 1]);
    findings.push(finding('reference.doi-malformed', file, range, `DOI '${csl.DOI}' in entry '${e.key}' is not a valid DOI.`));
  }

  const entry = { key: e.key, csl, file, format: 'bibtex' } as LazyEntry;
  Object.defineProperties(entry, LAZY_RANGES);
  entry[LAZY] = { spans, slot: i, range: undefined, keyRange: undefined, fieldRanges: undefined };
  return entry;
}

function reportDuplicateKeys(entries: BibEntry[], file: string, findings: Finding[]): void {
  const seen = new Map<string, BibEntry>();
  for (const e of entries) {
    const first = seen.get(e.key);
    if (first) {
      findings.push(
        finding('bibliography.invalid', file, e.keyRange, `Duplicate key '${e.key}': already defined at line ${first.keyRange.start.line + 1}.`, {
          related: [{ file, range: first.keyRange, message: `First definition of '${e.key}'.` }],
        }),
      );
    } else {
      seen.set(e.key, e);
    }
  }
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

