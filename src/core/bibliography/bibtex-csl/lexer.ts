// Tokens of a BibTeX field value, as citation-js plugin-bibtex 0.7 splits them (its moo lexer in
// input/value.js), so the decoder built on them reads values the way citation-js does. Written
// by hand over char codes rather than with moo: a value is short and this runs 500,000 times for
// a large library, where a state machine of regular expressions costs several times more.

// Plain enums, not `const`: latex.ts and names.ts bind them to local names (see there), which a
// const enum does not allow.
export enum Tok {
  End_ = -1,
  Text,
  Whitespace,
  Command,
  Begin,
  End,
  LBrace,
  RBrace,
  Math,
  Script,
  And,
  Comma,
  Hyphen,
  Equals,
}

/** How the outermost level of a value is split, after its field's type. */
export enum Mode {
  String,
  Names,
  List,
  Separated,
}

const enum State {
  Base,
  Braced,
  Math,
  Env,
}

/** JavaScript's \\s, which citation-js's lexer uses. */
export function isSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0xfeff ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * The current token is in the lexer's own fields (no object per token: a large library has
 * millions of tokens, and the garbage was half the time).
 */
export class Lexer {
  /** Tok.End_ at the end of the value. */
  type: Tok = Tok.End_;
  /** Text for Text, ' ' or no-break space for Whitespace, the name for Command. */
  value = '';
  /** A Text token holds `-`, `'` or `` ` ``, so may hold a ligature (`--`, `''`, ``` `` ```). */
  ligature = false;
  private start = 0;
  private pos = 0;
  private readonly states: State[] = [];

  constructor(
    private readonly s: string,
    private readonly mode: Mode,
  ) {}

  private get state(): State {
    return this.states.length === 0 ? State.Base : this.states[this.states.length - 1];
  }

  /** Leaves math or a group the value never closes (citation-js throws there; we read on). */
  popState(): void {
    this.states.pop();
  }

  /** The current token as written. */
  raw(): string {
    return this.s.slice(this.start, this.pos);
  }

  /**
   * The text of the group that opens at the current `{`, as written, moving past it (for `\url`,
   * whose argument LaTeX reads verbatim); undefined when the current token is no `{`.
   */
  verbatimGroup(): string | undefined {
    if (this.type !== Tok.LBrace) return undefined;
    const s = this.s;
    let depth = 1;
    let p = this.pos;
    for (; p < s.length; p++) {
      const c = s.charCodeAt(p);
      if (c === 92) p++;
      else if (c === 123) depth++;
      else if (c === 125 && --depth === 0) break;
    }
    const text = s.slice(this.pos, Math.min(p, s.length));
    this.states.pop();
    this.pos = Math.min(p + 1, s.length);
    this.advance();
    return text;
  }

  advance(): void {
    const s = this.s;
    const start = (this.start = this.pos);
    if (start >= s.length) {
      this.type = Tok.End_;
      this.value = '';
      return;
    }
    const state = this.state;
    const c = s.charCodeAt(start);
    if (state === State.Base && (this.mode === Mode.Names || this.mode === Mode.List) && isSpace(c)) {
      const and = this.andAt(start);
      if (and > 0) return this.token(Tok.And, and, ' ');
    }
    if (state === State.Base && this.mode === Mode.Names) {
      if (c === 44) return this.token(Tok.Comma, start + 1, ',');
      if (c === 45) return this.token(Tok.Hyphen, start + 1, '-');
      if (c === 61) return this.token(Tok.Equals, start + 1, '=');
    }
    if (state === State.Base && this.mode === Mode.Separated && c === 44) return this.token(Tok.Comma, start + 1, ',');
    if (c === 92) return this.backslash(start, state);
    if (c === 123) {
      this.states.push(State.Braced);
      return this.token(Tok.LBrace, start + 1, '{');
    }
    if (c === 36) {
      if (state === State.Math) this.states.pop();
      else this.states.push(State.Math);
      return this.token(Tok.Math, start + 1, '$');
    }
    if (c === 126) return this.token(Tok.Whitespace, start + 1, '\u00a0');
    if (isSpace(c)) {
      let p = start + 1;
      while (p < s.length && isSpace(s.charCodeAt(p))) p++;
      return this.token(Tok.Whitespace, p, ' ');
    }
    if (c === 125) {
      // Unbalanced '}' at the top level cannot come from the scanner; read it as text if it does.
      if (state === State.Braced) this.states.pop();
      return this.token(state === State.Braced ? Tok.RBrace : Tok.Text, start + 1, '}');
    }
    if (state === State.Math && (c === 94 || c === 95)) return this.token(Tok.Script, start + 1, s[start]);
    let p = start;
    let ligature = false;
    do {
      const d = s.charCodeAt(p);
      if (d === 45 || d === 39 || d === 96) ligature = true;
      p++;
    } while (p < s.length && !this.endsText(s.charCodeAt(p), state));
    this.token(Tok.Text, p, s.slice(start, p));
    this.ligature = ligature;
  }

  private endsText(c: number, state: State): boolean {
    if (c === 123 || c === 125 || c === 36 || c === 92 || c === 126 || isSpace(c)) return true;
    if (state === State.Math) return c === 94 || c === 95;
    if (state !== State.Base) return false;
    if (this.mode === Mode.Names) return c === 44 || c === 61 || c === 45;
    return this.mode === Mode.Separated && c === 44;
  }

  /** End of `\s+and\s+` (BibTeX's name separator; any case in names, lower case in lists) at p, or 0. */
  private andAt(p: number): number {
    const s = this.s;
    while (p < s.length && isSpace(s.charCodeAt(p))) p++;
    let end = this.andWord(p);
    if (end === 0) return 0;
    // `A and and B`, a doubled separator (seen in real files), is one separator, as Better BibTeX reads it.
    for (let next = this.andWord(end); next > 0; next = this.andWord(end)) end = next;
    return end;
  }

  /** End of `and` and the whitespace after it at p, or 0 when p holds no such word. */
  private andWord(p: number): number {
    const s = this.s;
    if (p + 3 >= s.length) return 0;
    // `and` by char codes (lower case, or any case in names) without slicing a string.
    const a = s.charCodeAt(p) | (this.mode === Mode.Names ? 32 : 0);
    const n = s.charCodeAt(p + 1) | (this.mode === Mode.Names ? 32 : 0);
    const d = s.charCodeAt(p + 2) | (this.mode === Mode.Names ? 32 : 0);
    if (a !== 97 || n !== 110 || d !== 100) return 0;
    p += 3;
    if (!isSpace(s.charCodeAt(p))) return 0;
    while (p < s.length && isSpace(s.charCodeAt(p))) p++;
    return p;
  }

  private backslash(start: number, state: State): void {
    const s = this.s;
    let p = start + 1;
    if (p >= s.length || s.charCodeAt(p) === 10 || s.charCodeAt(p) === 13) {
      // A backslash before a line break or at the end: a space (citation-js's lexer rejects it).
      return this.token(Tok.Whitespace, p, ' ');
    }
    if (isLetter(s.charCodeAt(p))) {
      while (p < s.length && isLetter(s.charCodeAt(p))) p++;
    } else {
      p = p + (s.charCodeAt(p) >= 0xd800 && s.charCodeAt(p) <= 0xdbff ? 2 : 1);
    }
    const name = s.slice(start + 1, p);
    if (state === State.Env && name === 'end') {
      this.states.pop();
      return this.token(Tok.End, p, name);
    }
    // A command takes the spaces after it, as in TeX (and citation-js).
    while (p < s.length && s.charCodeAt(p) === 32) p++;
    if (name === 'begin') {
      this.states.push(State.Env);
      return this.token(Tok.Begin, p, name);
    }
    return this.token(Tok.Command, p, name);
  }

  private token(type: Tok, end: number, value: string): void {
    this.ligature = false;
    this.type = type;
    this.value = value;
    this.pos = end;
  }
}
