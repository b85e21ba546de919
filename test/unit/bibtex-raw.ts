// Test helper: BibTeX text to the raw entries and macros that bibtex-csl converts. In the product,
// the scanner in src/core/bibliography/bibtex.ts produces them (with positions); the tests need
// them without that scanner, which is not exported, so this small reader splits well-formed text
// and skips a malformed item to the next line that starts with `@` (no positions, no findings).
import type { RawEntry, RawField, RawMacro, RawPart } from '../../src/core/bibliography/bibtex-csl/convert';

export interface RawBibliography {
  entries: RawEntry[];
  macros: RawMacro[];
  /** Each entry's text, for feeding the same entry to citation-js. */
  entryTexts: string[];
  /** The @string items' text. */
  macroTexts: string[];
  /** Items skipped as malformed. */
  skipped: number;
}

const IDENT = /[A-Za-z_][A-Za-z0-9_:+-]*/y;
const SPACE = /(?:\s|%[^\n]*)*/y;

class Reader {
  pos = 0;
  constructor(private readonly t: string) {}

  fail(what: string): never {
    throw new Error(`${what} at offset ${this.pos}: ${JSON.stringify(this.t.slice(this.pos, this.pos + 40))}`);
  }

  ws(): void {
    SPACE.lastIndex = this.pos;
    SPACE.exec(this.t);
    this.pos = SPACE.lastIndex;
  }

  ident(): string {
    IDENT.lastIndex = this.pos;
    const m = IDENT.exec(this.t);
    if (!m) this.fail('expected a name');
    this.pos = IDENT.lastIndex;
    return m[0];
  }

  expect(ch: string): void {
    this.ws();
    if (this.t[this.pos] !== ch) this.fail(`expected '${ch}'`);
    this.pos++;
  }

  /** Text up to the brace that closes the one just read; `\{` `\}` are escapes. */
  braced(): string {
    const start = this.pos;
    let depth = 1;
    for (; this.pos < this.t.length; this.pos++) {
      const c = this.t[this.pos];
      if (c === '\\') this.pos++;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) return this.t.slice(start, this.pos++);
    }
    return this.fail('unclosed brace');
  }

  quoted(): string {
    const start = this.pos;
    let depth = 0;
    for (; this.pos < this.t.length; this.pos++) {
      const c = this.t[this.pos];
      if (c === '\\') this.pos++;
      else if (c === '{') depth++;
      else if (c === '}') depth--;
      else if (c === '"' && depth === 0) return this.t.slice(start, this.pos++);
    }
    return this.fail('unclosed quote');
  }

  value(): RawPart[] {
    const parts: RawPart[] = [];
    for (;;) {
      this.ws();
      const c = this.t[this.pos];
      if (c === '{') {
        this.pos++;
        parts.push({ kind: 'braced', text: this.braced() });
      } else if (c === '"') {
        this.pos++;
        parts.push({ kind: 'quoted', text: this.quoted() });
      } else if (/[-\d]/.test(c)) {
        const m = /-?\d+/y;
        m.lastIndex = this.pos;
        const d = m.exec(this.t) ?? this.fail('expected a number');
        this.pos = m.lastIndex;
        parts.push({ kind: 'number', text: d[0] });
      } else {
        parts.push({ kind: 'macro', text: this.ident() });
      }
      this.ws();
      if (this.t[this.pos] !== '#') return parts;
      this.pos++;
    }
  }

  field(): RawField {
    const name = this.ident();
    this.expect('=');
    return { name, parts: this.value() };
  }
}

export function readRawBibtex(text: string): RawBibliography {
  const r = new Reader(text);
  const out: RawBibliography = { entries: [], macros: [], entryTexts: [], macroTexts: [], skipped: 0 };
  for (;;) {
    const at = text.indexOf('@', r.pos);
    if (at < 0) return out;
    r.pos = at + 1;
    try {
      item(r, text, at, out);
    } catch {
      out.skipped++;
      const next = text.slice(at + 1).search(/\n[ \t]*@/);
      r.pos = next < 0 ? text.length : at + 1 + next + 1;
    }
  }
}

function item(r: Reader, text: string, at: number, out: RawBibliography): void {
  r.ws();
  const type = r.ident().toLowerCase();
  r.ws();
  const open = text[r.pos];
  if (open !== '{' && open !== '(') return;
  const close = open === '{' ? '}' : ')';
  r.pos++;
  if (type === 'comment') {
    r.braced();
    return;
  }
  r.ws();
  let entry: RawEntry | undefined;
  let macro: RawMacro | undefined;
  if (type === 'preamble') {
    r.value();
  } else if (type === 'string') {
    macro = r.field();
  } else {
    const keyStart = r.pos;
    while (r.pos < text.length && !/[\s,]/.test(text[r.pos])) r.pos++;
    entry = { type, key: text.slice(keyStart, r.pos), fields: [] };
    r.ws();
    while (text[r.pos] === ',') {
      r.pos++;
      r.ws();
      if (text[r.pos] === close) break;
      entry.fields.push(r.field());
      r.ws();
    }
  }
  r.expect(close);
  if (entry) {
    out.entries.push(entry);
    out.entryTexts.push(text.slice(at, r.pos));
  }
  if (macro) {
    out.macros.push(macro);
    out.macroTexts.push(text.slice(at, r.pos));
  }
}
