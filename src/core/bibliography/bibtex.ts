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
import { doiPrefixLength, linkedDoi, normaliseDoi } from '../doi';
import { LineIndex } from '../text';
import { finding, type BibEntry, type CslItem, type Finding, type ParsedBibliography, type Range } from '../types';
import { convertEntries, rawEntry, rawMacro } from './bibtex-csl';
// The scanner skips what citation-js's lexer skips: JavaScript's \s.
import { isSpace as isWs } from './bibtex-csl/lexer';

/** A value part: `{…}`, `"…"`, a number or a macro name; offsets exclude braces and quotes. */
interface ValuePart {
  kind: 'braced' | 'quoted' | 'number' | 'macro';
  start: number;
  end: number;
}

interface ScannedField {
  /** Lower case. */
  name: string;
  nameStart: number;
  nameEnd: number;
  /** Just past the value's last part. */
  end: number;
  parts: ValuePart[];
}

interface ScannedEntry {
  /** Lower case. */
  type: string;
  key: string;
  /** Offset of `@`. */
  start: number;
  /** Just past the closing brace or parenthesis. */
  end: number;
  keyStart: number;
  keyEnd: number;
  /** False for `@misc{key}`, which citation-js needs written `@misc{key,}`. */
  commaAfterKey: boolean;
  fields: ScannedField[];
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

export function parseBibtex(text: string, file: string): ParsedBibliography {
  const findings: Finding[] = [];
  const entries: BibEntry[] = [];
  try {
    const source = typeof text === 'string' ? text : String(text ?? '');
    const index = new LineIndex(source);
    const scanner = new Scanner(source, index, file, findings);
    scanner.scan();
    // Not push(...): spreading 100,000 entries as arguments overflows the stack.
    for (const entry of convert(source, index, file, scanner.strings, scanner.entries, findings)) entries.push(entry);
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
  private readonly t: string;
  private readonly n: number;
  /** End of the last token read inside the current item (where a missing `}` belongs). */
  private lastEnd = 0;
  /** The field (or macro) whose value is being read. */
  private field = '';

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
    const type = this.t.slice(typeStart, p).toLowerCase();
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
    let name = `'@${type}' at line ${this.line(at)}`;
    try {
      if (type === 'string') return this.stringItem(at, p, close, name);
      if (type === 'preamble') return this.preamble(p, close, name);
      const entry: ScannedEntry = {
        type,
        key: '',
        start: at,
        end: at,
        keyStart: p + 1,
        keyEnd: p + 1,
        commaAfterKey: false,
        fields: [],
      };
      const onKey = (key: string) => {
        name = `'${key}'`;
      };
      const end = this.entry(entry, p, close, onKey);
      entry.end = end;
      this.entries.push(entry);
      return end;
    } catch (err) {
      if (err instanceof Fault) {
        this.report(err);
        return this.resumeAfter(err.start);
      }
      if (err instanceof Unclosed) {
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

  private stringItem(at: number, p: number, close: number, name: string): number {
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
    const parts: ValuePart[] = [];
    p = this.value(p, macro, name, close, parts);
    p = this.skipWs(p);
    if (this.c(p) !== close) {
      throw this.fault(p, this.tokenEnd(p), `Expected '${String.fromCharCode(close)}' after the value of '${macro}' in ${name}, found '${this.shown(p)}'.`);
    }
    this.strings.push({ start: at, end: p + 1, name: macro, parts });
    return p + 1;
  }

  private preamble(p: number, close: number, name: string): number {
    p = this.skipWs(p + 1);
    if (this.c(p) === close) return p + 1;
    p = this.value(p, 'preamble', name, close, []);
    p = this.skipWs(p);
    if (this.c(p) !== close) {
      throw this.fault(p, this.tokenEnd(p), `Expected '${String.fromCharCode(close)}' to end ${name}, found '${this.shown(p)}'.`);
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

  private entry(e: ScannedEntry, p: number, close: number, onKey: (key: string) => void): number {
    const closeCh = String.fromCharCode(close);
    p = this.skipWs(p + 1);
    const keyStart = p;
    // citation-js reads a '(' opening the key as a second delimiter.
    while (p < this.n && !(p === keyStart && this.t.charCodeAt(p) === 40)) {
      const c = this.t.charCodeAt(p);
      if (isWs(c) || c === 44 || c === 123 || c === 125 || c === 34 || c === 61 || (close === 41 && c === 41)) break;
      p++;
    }
    const entryName = `'@${e.type}' at line ${this.line(e.start)}`;
    if (p === keyStart) {
      throw this.fault(p, this.tokenEnd(p), `Entry ${entryName} has no citation key.`);
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
      if (end < 0) throw this.fault(keyStart, e.keyEnd, `Entry ${entryName} has no citation key: '${key}' is followed by '='.`);
      e.key = key = this.t.slice(keyStart, end);
      e.keyEnd = this.lastEnd = end;
      p = this.skipWs(end);
      afterKey = this.c(p);
    }
    onKey(key);
    if (afterKey === close) return p + 1;
    if (afterKey !== 44) {
      throw this.fault(p, this.tokenEnd(p), `Missing ',' after the key '${key}', found '${this.shown(p)}'.`);
    }
    e.commaAfterKey = true;
    this.lastEnd = p + 1;
    p = this.skipWs(p + 1);
    let previous = '';
    for (;;) {
      const c = this.c(p);
      if (c === close) return p + 1;
      if (c === 44) {
        // An empty field (`title = {x}, , number = …`): Better BibTeX and BibTeX read on, so the
        // entry loads; citation-js rejects it, so it is still reported.
        this.report(this.fault(p, p + 1, `Empty field (a second ',') in entry '${key}'; it is ignored.`));
        this.lastEnd = p + 1;
        p = this.skipWs(p + 1);
        continue;
      }
      if (!isIdentStart(c)) {
        throw this.fault(p, this.tokenEnd(p), `Unexpected '${this.shown(p)}' in entry '${key}': expected a field name or '${closeCh}'.`);
      }
      const nameStart = p;
      const nameEnd = this.readName(p);
      const name = this.t.slice(nameStart, nameEnd).toLowerCase();
      this.lastEnd = nameEnd;
      p = this.skipWs(nameEnd);
      if (this.c(p) !== 61) {
        throw this.fault(nameStart, nameEnd, `Field '${name}' in entry '${key}' is missing '=' before its value.`);
      }
      this.lastEnd = p + 1;
      p = this.skipWs(p + 1);
      const field: ScannedField = { name, nameStart, nameEnd, end: p, parts: [] };
      const vc = this.c(p);
      if (vc === 44 || vc === close || vc === 125 || vc === 41) {
        throw this.fault(nameStart, nameEnd, `Field '${name}' in entry '${key}' has no value.`);
      }
      p = this.value(p, name, `entry '${key}'`, close, field.parts);
      field.end = p;
      e.fields.push(field);
      previous = name;
      p = this.skipWs(p);
      const after = this.c(p);
      if (after === 44) {
        this.lastEnd = p + 1;
        p = this.skipWs(p + 1);
        continue;
      }
      if (after === close) return p + 1;
      if (isIdentStart(after)) {
        throw this.fault(p, this.tokenEnd(p), `Missing ',' between fields '${previous}' and '${this.shown(p).toLowerCase()}' in entry '${key}'.`);
      }
      if (after === 125 || after === 41) {
        throw this.fault(p, p + 1, `Entry '${key}' is opened with '${close === 125 ? '{' : '('}' but closed with '${String.fromCharCode(after)}'.`);
      }
      throw this.fault(p, this.tokenEnd(p), `Unexpected '${this.shown(p)}' after field '${previous}' in entry '${key}': expected ',' or '${closeCh}'.`);
    }
  }

  /** Reads `part # part …`; returns the offset after the last part. */
  private value(p: number, field: string, owner: string, close: number, parts: ValuePart[]): number {
    p = this.part(p, field, owner, close, parts, -1);
    for (;;) {
      const q = this.skipWs(p);
      if (this.c(q) !== 35) return p;
      this.lastEnd = q + 1;
      p = this.part(this.skipWs(q + 1), field, owner, close, parts, q);
    }
  }

  private part(p: number, field: string, owner: string, close: number, parts: ValuePart[], hash: number): number {
    const c = this.c(p);
    let end: number;
    this.field = field;
    if (c === 123) {
      end = this.braced(p);
      parts.push({ kind: 'braced', start: p + 1, end: end - 1 });
    } else if (c === 34) {
      end = this.quoted(p, field, owner);
      parts.push({ kind: 'quoted', start: p + 1, end: end - 1 });
    } else if (isDigit(c) || (c === 45 && isDigit(this.c(p + 1)))) {
      end = p + 1;
      while (isDigit(this.c(end))) end++;
      parts.push({ kind: 'number', start: p, end });
    } else if (isIdentStart(c)) {
      end = this.readName(p);
      parts.push({ kind: 'macro', start: p, end });
    } else if (hash >= 0) {
      throw this.fault(hash, hash + 1, `Expected a value after '#' in field '${field}' of ${owner}.`);
    } else if (c === 44 || c === close || c === 125 || c === 41) {
      throw this.fault(p, p + 1, `Field '${field}' in ${owner} has no value.`);
    } else {
      throw this.fault(p, this.tokenEnd(p), `Unexpected '${this.shown(p)}' in the value of field '${field}' in ${owner}.`);
    }
    this.lastEnd = end;
    return end;
  }

  /** `{…}` starting at p; returns the offset after its closing brace. */
  private braced(p: number): number {
    let depth = 0;
    for (let i = p; i < this.n; i++) {
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
  private quoted(p: number, field: string, owner: string): number {
    let depth = 0;
    for (let i = p + 1; i < this.n; i++) {
      const c = this.t.charCodeAt(i);
      if (c === 92) {
        const d = this.c(i + 1);
        if (d === 92 || d === 123 || (depth > 0 && d === 125)) i++;
      } else if (c === 123) depth++;
      else if (c === 125) {
        // citation-js reads the file but then fails on the value; BibTeX rejects it too.
        if (depth === 0) throw this.fault(i, i + 1, `Field '${field}' in ${owner} has a '}' without a matching '{'.`);
        depth--;
      } else if (c === 34) {
        if (depth === 0) return i + 1;
      } else if (c === 10 || c === 13) this.checkLine(i + 1, p);
    }
    throw new Unclosed(-1, p);
  }
}

// ---------------------------------------------------------------------------------------------
// Conversion with citation-js

function convert(
  source: string,
  index: LineIndex,
  file: string,
  strings: ScannedString[],
  scanned: ScannedEntry[],
  findings: Finding[],
): BibEntry[] {
  if (scanned.length === 0) return [];
  // A value the converter could only read in part is still loaded, with a finding on it.
  const onLatexProblem = (i: number, field: string, problem: string) => {
    const e = scanned[i];
    const f = [...e.fields].reverse().find((x) => x.name === field);
    const [start, end] = f ? valueSpan(source, f) : [e.keyStart, e.keyEnd];
    const range = end > start ? index.range(start, end) : index.range(e.keyStart, e.keyEnd);
    findings.push(finding('bibliography.invalid', file, range, `Field '${field}' in entry '${e.key}' is not valid LaTeX (${problem}); it is read as well as possible.`));
  };
  const items = convertEntries(
    scanned.map((e) => rawEntry(source, e)),
    strings.map((s) => rawMacro(source, s.name, s.parts)),
    { onLatexProblem },
  );
  return scanned.map((e, i) => toEntry(source, index, file, e, items[i], findings));
}

function toEntry(
  source: string,
  index: LineIndex,
  file: string,
  e: ScannedEntry,
  item: CslItem,
  findings: Finding[],
): BibEntry {
  // A rest copy, not `delete`: deleting properties turns an object into a dictionary, which took
  // a quarter more memory for 50,000 entries.
  const { 'citation-key': _unusedKey, ...rest } = item;
  const csl = rest as CslItem;
  csl.id = e.key;

  // The last occurrence of a field wins, as in citation-js.
  const fields = new Map<string, ScannedField>();
  for (const f of e.fields) fields.set(f.name, f);

  const fieldRanges: Partial<Record<string, Range>> = {};
  for (const [cslName, bibNames] of CSL_FIELDS) {
    const f = bibNames.map((b) => fields.get(b)).find((x) => x !== undefined);
    if (f) {
      const [start, end] = valueSpan(source, f);
      fieldRanges[cslName] = index.range(start, end);
    }
  }

  const doiField = fields.get('doi');
  if (doiField) {
    // As written (citation-js keeps it verbatim too), but trimmed; a macro or `#` goes through the converter.
    let [start, end] = valueSpan(source, doiField);
    const single = doiField.parts.length === 1 && doiField.parts[0].kind !== 'macro';
    if (single) {
      // Neither a second pair of braces (Web of Science writes `{{10.1/x}}`) nor a resolver or
      // `doi:` prefix is part of the DOI; the range covers the DOI alone.
      if (end - start >= 2 && source[start] === '{' && source[end - 1] === '}') {
        start++;
        end--;
        while (start < end && isWs(source.charCodeAt(start))) start++;
        while (end > start && isWs(source.charCodeAt(end - 1))) end--;
      }
      start += doiPrefixLength(source.slice(start, end));
      fieldRanges.DOI = index.range(start, end);
    }
    const doi = single ? source.slice(start, end) : String(csl.DOI ?? '').trim();
    if (doi === '') {
      delete csl.DOI;
    } else {
      csl.DOI = doi;
      if (normaliseDoi(doi) === undefined) {
        findings.push(finding('reference.doi-malformed', file, index.range(start, end), `DOI '${doi}' in entry '${e.key}' is not a valid DOI.`));
      }
    }
  } else {
    // The converter takes a DOI from a doi.org link (or `doi:` in a note) too; this finds where it stands.
    const bibDeskUrls = e.fields.map((f) => f.name).filter((n) => /^bdsk-url-\d+$/.test(n));
    for (const name of ['url', 'note', ...bibDeskUrls]) {
      const f = fields.get(name);
      if (!f || f.parts.length !== 1 || f.parts[0].kind === 'macro') continue;
      const { start, end } = f.parts[0];
      const text = source.slice(start, end);
      const m = linkedDoi(text, name === 'note');
      if (m) {
        csl.DOI = m.raw;
        fieldRanges.DOI = index.range(start + m.doiStart, start + m.doiEnd);
        break;
      }
    }
    const url = fields.get('url');
    if (fieldRanges.DOI === undefined && typeof csl.DOI === 'string' && url?.parts.length === 1) {
      // The converter's DOI from a publisher's `/doi/` page in url.
      const at = source.slice(url.parts[0].start, url.parts[0].end).indexOf(csl.DOI);
      if (at >= 0) fieldRanges.DOI = index.range(url.parts[0].start + at, url.parts[0].start + at + csl.DOI.length);
    }
  }

  return {
    key: e.key,
    csl,
    file,
    format: 'bibtex',
    range: index.range(e.start, e.end),
    keyRange: index.range(e.keyStart, e.keyEnd),
    fieldRanges,
  };
}

/** The value without its outer braces or quotes, and without surrounding whitespace. */
function valueSpan(source: string, f: ScannedField): [number, number] {
  if (f.parts.length === 0) return [f.nameStart, f.nameEnd];
  let start = f.parts[0].start;
  let end = f.parts[f.parts.length - 1].end;
  while (start < end && isWs(source.charCodeAt(start))) start++;
  while (end > start && isWs(source.charCodeAt(end - 1))) end--;
  return [start, end];
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

