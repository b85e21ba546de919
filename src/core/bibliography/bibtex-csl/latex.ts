// LaTeX to Unicode and CSL rich text, rule for rule after citation-js plugin-bibtex 0.7's value
// grammar (input/value.js) so our output matches what the formatter and the rest of Evidence Lens
// already see, with the fixes listed in README.md of this folder (unknown commands, `\href`, `{\aa}`,
// accents on dotless i, unclosed math). Case-protection braces are dropped as citation-js does with
// its default `sentenceCase: 'never'`; `protectCase` keeps them as `<span class="nocase">`.
import { isSpace as lexerIsSpace, Lexer, Mode as LexerMode, Tok as LexerTok } from './lexer';
import { COMMANDS, DIACRITICS, LOGOS, MATH_ACCENTS, MATH_COMMANDS, MATH_SYMBOLS } from './tables';

// Local bindings: where this file runs as its own CommonJS module (tests, bench), every use of an
// imported name goes through a shared export getter, and the decoder reads `Tok` several times a
// token (0.7 s of a 50,000-entry load). A bundle inlines either way.
const Tok = LexerTok;
type Tok = LexerTok;
const Mode = LexerMode;
type Mode = LexerMode;
const isSpace: (c: number) => boolean = lexerIsSpace;

const FORMAT: Record<string, [string, string]> = {
  italics: ['<i>', '</i>'],
  bold: ['<b>', '</b>'],
  superscript: ['<sup>', '</sup>'],
  subscript: ['<sub>', '</sub>'],
  smallcaps: ['<span style="font-variant:small-caps;">', '</span>'],
  nocase: ['<span class="nocase">', '</span>'],
  quotes: ['\u201c', '\u201d'],
  innerquotes: ['\u2018', '\u2019'],
};

/** `{\em …}` style switches, to the rest of their group. */
const SWITCHES: Record<string, string | undefined> = {
  it: 'italics', itshape: 'italics', sl: 'italics', slshape: 'italics', em: 'italics',
  bf: 'bold', bfseries: 'bold', sc: 'smallcaps', scshape: 'smallcaps',
  rm: undefined, sf: undefined, tt: undefined,
};

/** `\textit{…}` style commands, to their argument. */
const FORMATTING: Record<string, string | undefined> = {
  textit: 'italics', textsl: 'italics', emph: 'italics', mkbibitalic: 'italics', mkbibemph: 'italics',
  textbf: 'bold', strong: 'bold', mkbibbold: 'bold', textsc: 'smallcaps',
  textsuperscript: 'superscript', textsubscript: 'subscript', enquote: 'quotes', mkbibquote: 'quotes',
  textmd: undefined, textrm: undefined, textsf: undefined, texttt: undefined, textup: undefined,
  // Boxes and math fonts: their argument is the text (citation-js keeps the command's name).
  mbox: undefined, hbox: undefined, text: undefined, ensuremath: undefined, mathit: 'italics', mathbf: 'bold',
  mathsf: undefined, mathtt: undefined, mathcal: undefined, mathbb: undefined, mathnormal: undefined, operatorname: undefined,
};

const MATH_FORMATTING: Record<string, string | undefined> = { '^': 'superscript', sp: 'superscript', _: 'subscript', sb: 'subscript', mathrm: undefined };

const SCRIPTS: Record<string, Record<string, string>> = {
  '^': toMap('0123456789+-=()in', '\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079\u207a\u207b\u207c\u207d\u207e\u2071\u207f'),
  _: toMap('0123456789+-=()aeo\u0259xhklmnsp' + 't', '\u2080\u2081\u2082\u2083\u2084\u2085\u2086\u2087\u2088\u2089\u208a\u208b\u208c\u208d\u208e\u2090\u2091\u2092\u2094\u2093\u2095\u2096\u2097\u2098\u2099\u209a\u209b\u209c'),
};

function toMap(from: string, to: string): Record<string, string> {
  const map: Record<string, string> = {};
  for (let i = 0; i < from.length; i++) map[from[i]] = to[i];
  return map;
}

/** Combining accents to the character LaTeX sets for the accent over an empty group (`\~{}` is ~). */
const SPACING_ACCENTS: Record<string, string> = {
  '\u0300': '`', '\u0301': '\u00b4', '\u0302': '^', '\u0303': '~', '\u0304': '\u00af', '\u0306': '\u02d8',
  '\u0307': '\u02d9', '\u0308': '\u00a8', '\u030a': '\u02da', '\u030b': '\u02dd', '\u030c': '\u02c7', '\u0327': '\u00b8', '\u0328': '\u02db',
};

/** Commands whose argument is sorting data, not text (`{\noopsort{a}}Title`). */
const SWALLOW = new Set(['noopsort', 'noop', 'sortnoop', 'SortNoop', 'NOOP', 'phantom', 'vphantom', 'hphantom']);

/** Control symbols that are spacing or hyphenation hints in TeX. */
// `\,` a thin space, `\:` `\;` a medium mathematical space, as TeX sets them (citation-js keeps `\,`).
const SPACING: Record<string, string> = { ' ': ' ', ',': '\u2009', ';': '\u205f', ':': '\u205f', '>': '\u205f', '\\': ' ', '-': '', '/': '', '@': '', '!': '' };

const LIGATURES = /---?|''|``/g;
const LIGATURE: Record<string, string> = { '--': '\u2013', '---': '\u2014', '``': '\u201c', "''": '\u201d' };

function ligatures(text: string): string {
  return text.replace(LIGATURES, (l) => LIGATURE[l]);
}

function format(text: string, kind: string | undefined): string {
  const f = kind === undefined ? undefined : FORMAT[kind];
  return f && text ? f[0] + text + f[1] : text;
}

const enum Kind {
  Char,
  Accent,
  Format,
  Switch,
}

/** Every command with a fixed meaning, for one look-up per command; later tables win, as in citation-js. */
const KNOWN = new Map<string, [Kind, string | undefined]>();
for (const [table, kind] of [
  [MATH_SYMBOLS, Kind.Char],
  [MATH_ACCENTS, Kind.Accent],
  [MATH_COMMANDS, Kind.Char],
  [DIACRITICS, Kind.Accent],
  [COMMANDS, Kind.Char],
  [FORMATTING, Kind.Format],
  [SWITCHES, Kind.Switch],
] as [Record<string, string | undefined>, Kind][]) {
  for (const name of Object.keys(table)) KNOWN.set(name, [kind, table[name]]);
}

/** Letter and combining mark, composed; remembered by their char codes, since NFC normalisation is slow. */
const composed = new Map<number, string>();

function accented(letter: string, mark: string): string {
  // An accent on a dotless i or j is an accented i or j (`{\'\i}` is í).
  const base = letter === '\u0131' ? 'i' : letter === '\u0237' ? 'j' : letter;
  // Two marks (`\textacutemacron`) are rare enough to compose each time.
  if (mark.length > 1) return (base + mark).normalize('NFC');
  const key = base.charCodeAt(0) * 0x10000 + mark.charCodeAt(0);
  let out = composed.get(key);
  if (out === undefined) {
    out = (base + mark).normalize('NFC');
    if (composed.size < 10000) composed.set(key, out);
  }
  return out;
}

/**
 * The string as one flat piece. V8 keeps a string built with `+=` as a tree of its pieces, about
 * ten times the memory of the text, and these strings live as long as the library; reading a
 * character makes V8 flatten it (measured: titles 1,016 to 142 bytes each, half the time).
 */
export function flat(s: string): string {
  s.charCodeAt(0);
  return s;
}

/** Receives a description of LaTeX that citation-js would reject. */
export type Report = (problem: string) => void;

/** Reads tokens with one token of look-ahead, as citation-js's Grammar does. */
export class Decoder {
  protected readonly lexer: Lexer;
  private depth = 0;

  constructor(
    text: string,
    mode: Mode,
    private readonly protectCase = false,
    /** Told of LaTeX that citation-js rejects; we still read what we can. */
    private readonly report?: Report,
  ) {
    this.lexer = new Lexer(text, mode);
    this.lexer.advance();
  }

  protected is(type: Tok): boolean {
    return this.lexer.type === type;
  }

  protected get eof(): boolean {
    return this.lexer.type === Tok.End_;
  }

  /** The current token's value; moves to the next token. */
  protected take(): string {
    const value = this.lexer.value;
    this.lexer.advance();
    return value;
  }

  /** The whole value as one string. */
  string(): string {
    let out = '';
    while (!this.eof) out += this.text();
    return out;
  }

  /** Pieces between top-level separators (`and` in lists, `,` in separated lists). */
  split(separator: Tok, trim: boolean): string[] {
    const list: string[] = [];
    while (!this.eof) {
      let out = '';
      while (!this.eof && !this.is(separator)) out += this.text();
      list.push(trim ? out.trim() : out);
      if (this.is(separator)) this.take();
      if (trim && this.is(Tok.Whitespace)) this.take();
    }
    return list;
  }

  text(): string {
    switch (this.lexer.type) {
      case Tok.LBrace:
        return this.group(true);
      case Tok.Math:
        return this.math();
      case Tok.Whitespace:
        return this.take();
      case Tok.Begin:
        return this.environment();
      case Tok.Command:
        return this.command();
      case Tok.Text:
        return this.lexer.ligature ? ligatures(this.take()) : this.take();
      default: {
        // Separators are consumed by the rule that splits on them; elsewhere they are text.
        const raw = this.lexer.raw();
        this.take();
        return raw;
      }
    }
  }

  /** `{…}`; at the top level of a title it is case protection. */
  protected group(topLevel: boolean): string {
    this.take();
    // `{\"o}` is a special character, not case protection (BibTeX's rule, and citation-js's).
    const special = this.is(Tok.Command);
    this.depth++;
    let out = '';
    while (!this.eof && !this.is(Tok.RBrace)) out += this.text();
    this.depth--;
    if (this.is(Tok.RBrace)) this.take();
    return topLevel && !special && this.protectCase && this.depth === 0 && /\p{L}/u.test(out) ? format(out, 'nocase') : out;
  }

  /** A command's argument: a group, else the next token (citation-js requires the braces). */
  protected argument(command: string): string {
    while (this.is(Tok.Whitespace)) this.take();
    if (this.is(Tok.LBrace)) return this.group(false);
    this.report?.(`'\\${command}' expects its argument in braces`);
    return this.eof || this.is(Tok.RBrace) ? '' : this.text();
  }

  private math(): string {
    this.take();
    let out = '';
    while (!this.eof && !this.is(Tok.Math)) {
      if (this.is(Tok.Script)) {
        const script = this.take();
        const text = this.eof || this.is(Tok.Math) ? '' : this.text();
        const map = SCRIPTS[script];
        if (script === '^' && (text === '\u2218' || text === '\u00b0')) {
          out += '\u00b0';
          continue;
        }
        const chars = [...text];
        out += chars.every((c) => Object.hasOwn(map, c)) ? chars.map((c) => map[c]).join('') : format(text, MATH_FORMATTING[script]);
        continue;
      }
      if (this.is(Tok.Command) && Object.hasOwn(MATH_FORMATTING, this.lexer.value)) {
        const name = this.take();
        const kind = MATH_FORMATTING[name];
        // TeX takes one token as the argument in math (`U\sb p`), as it does for `_` and `^`.
        out += format(this.operand(), kind);
        continue;
      }
      out += this.text();
    }
    if (this.is(Tok.Math)) {
      this.take();
    } else {
      this.report?.(`math ('$') is not closed`);
      this.lexer.popState();
    }
    return out;
  }

  private environment(): string {
    this.take();
    const name = this.argument('begin');
    let out = '';
    while (!this.eof && !this.is(Tok.End)) out += this.text();
    if (this.is(Tok.End)) {
      this.take();
      this.argument('end');
    } else {
      this.report?.(`'\\begin{${name}}' has no '\\end{${name}}'`);
    }
    return format(out, SWITCHES[name]);
  }

  private command(): string {
    const lexer = this.lexer;
    // Only an unknown command needs its text as written.
    const raw = lexer.type === Tok.Command && !KNOWN.has(lexer.value) ? lexer.raw() : '';
    const name = this.take();
    const known = KNOWN.get(name);
    if (known !== undefined) {
      switch (known[0]) {
        case Kind.Char:
          return known[1]!;
        case Kind.Accent:
          return this.accent(name, known[1]!);
        case Kind.Format: {
          // A starred form (`\enquote*{…}`, csquotes' inner quotes) takes its argument too.
          const starred = this.is(Tok.Text) && this.lexer.value === '*';
          if (starred) this.take();
          return format(this.argument(name), starred && known[1] === 'quotes' ? 'innerquotes' : known[1]);
        }
        case Kind.Switch: {
          let out = '';
          while (!this.eof && !this.is(Tok.RBrace)) out += this.text();
          return format(out, known[1]);
        }
      }
    }
    switch (name) {
      case 'url': {
        // Verbatim, as LaTeX reads it: `~` in a URL is a tilde, not a tie.
        const url = this.lexer.verbatimGroup();
        return url === undefined ? this.argument(name) : url.replace(/\\([%_#&$~{}])/g, '$1');
      }
      case 'frac':
      case 'dfrac':
      case 'tfrac': {
        const numerator = this.operand();
        return `${numerator}/${this.operand()}`;
      }
      case 'sqrt':
        return `\u221a${this.operand()}`;
      case 'href': {
        const url = this.argument(name);
        const text = this.argument(name);
        return text || url;
      }
      case 'ElsevierGlyph':
        return String.fromCharCode(parseInt(this.argument(name), 16));
    }
    if (name.length === 1) return Object.hasOwn(SPACING, name) ? SPACING[name] : name + raw.slice(2);
    if (Object.hasOwn(LOGOS, name)) return LOGOS[name] + raw.slice(1 + name.length);
    if (SWALLOW.has(name)) {
      this.argument(name);
      return '';
    }
    // An unknown command: its argument, if any, is read as text; a bare one keeps its name.
    return this.is(Tok.LBrace) ? '' : name + raw.slice(1 + name.length);
  }

  /** An argument of a math command, where TeX takes a single token without braces (`\frac 1 2`). */
  private operand(): string {
    while (this.is(Tok.Whitespace)) this.take();
    if (this.is(Tok.LBrace)) return this.group(false);
    return this.eof || this.is(Tok.RBrace) || this.is(Tok.Math) ? '' : this.text();
  }

  private accent(name: string, mark: string): string {
    const braced = this.is(Tok.LBrace);
    const text = this.eof || this.is(Tok.RBrace) ? '' : braced ? this.group(false) : this.text();
    if (text === '') {
      // `\~{}` is LaTeX for the accent by itself (a tilde, a caret): its spacing form.
      if (braced && Object.hasOwn(SPACING_ACCENTS, mark)) return SPACING_ACCENTS[mark];
      // citation-js rejects the value; the accent alone is what we can show.
      this.report?.(`the accent '\\${name}' has no letter`);
      return mark;
    }
    // An overline or underline spans its whole argument; other accents sit on the first letter.
    if (name === 'overline' || name === 'underline') return [...text].map((c) => (/\s/.test(c) ? c : accented(c, mark))).join('');
    return accented(text[0], mark) + text.slice(1);
  }
}

// Native regular expressions decide whether a value needs work at all (most abstracts and many
// titles do not): about 1 ns a character, where a loop in JavaScript takes several.
const NEEDS_WORK = /[{}$\\~\t\n\r\v\f\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]|--|''|``| {2}/;
/** Braces, math, commands or ties need the decoder; dashes and quote ligatures alone do not. */
const LATEX = /[{}$\\~]/;

/** Runs of whitespace as one space (V8's `replace(/\s+/g, ' ')` costs ten times more on an abstract). */
function collapseSpaces(s: string): string {
  const parts: string[] = [];
  let start = 0;
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (!isSpace(c)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < s.length && isSpace(s.charCodeAt(j))) j++;
    if (c !== 32 || j > i + 1) {
      parts.push(s.slice(start, i), ' ');
      start = j;
    }
    i = j;
  }
  if (parts.length === 0) return s;
  parts.push(s.slice(start));
  return parts.join('');
}

/** A literal or title field: LaTeX decoded, whitespace runs as one space. */
export function decodeString(value: string, protectCase = false, report?: Report): string {
  if (!NEEDS_WORK.test(value)) return value;
  if (!LATEX.test(value)) return collapseSpaces(ligatures(value));
  return flat(new Decoder(value, Mode.String, protectCase, report).string());
}

/** A list field (`publisher = {A and B}`): its items, or the one string. */
export function decodeList(value: string, report?: Report): string | string[] {
  const list = new Decoder(value, Mode.List, false, report).split(Tok.And, false).map(flat);
  return list.length === 1 ? list[0] : list;
}

/** A comma separated field (`keywords`): its trimmed items. */
export function decodeSeparated(value: string, report?: Report): string[] {
  return new Decoder(value, Mode.Separated, false, report).split(Tok.Comma, true).map(flat);
}

/** A URL field: verbatim, percent-encoded unless it already is (as citation-js does). */
export function decodeUri(value: string): string {
  try {
    return decodeURI(value) === value ? encodeURI(value) : value;
  } catch {
    return encodeURI(value);
  }
}
