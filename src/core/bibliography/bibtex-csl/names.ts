// BibTeX name lists to CSL names, following citation-js plugin-bibtex 0.7 (input/name.js and the
// name rules of input/value.js) so names split the same way: "First von Last", "von Last, First",
// "von Last, Jr, First", particles found by their lower-case first letter, hyphenated given names,
// BibLaTeX's `family=…, given=…` form. Two deliberate differences: a name that is one braced group
// (`{World Health Organization}`) is a CSL literal, not a family name; and `and others` (et al.)
// is dropped, since CSL-JSON cannot say it and citation-js makes it a person named "others".
import type { CslName } from '../../types';
import { Decoder, flat, type Report } from './latex';
import { Mode as LexerMode, Tok as LexerTok } from './lexer';

// Local bindings, as in latex.ts: an imported name costs an export getter per use in the per-file build.
const Tok = LexerTok;
const Mode = LexerMode;

interface Part {
  value: string;
  /** Whether the first cased letter is upper case; null when it has none. */
  upperCase: boolean | null;
  hyphenated?: boolean;
  /** BibLaTeX's `label=value` name part. */
  label?: string;
  /** The whole part was one `{…}` group. */
  braced?: boolean;
}

function stringCase(s: string): boolean | null {
  const c = s.charCodeAt(0);
  if (c >= 65 && c <= 90) return true;
  if (c >= 97 && c <= 122) return false;
  const upper = s.toUpperCase();
  const lower = s.toLowerCase();
  for (let i = 0; i < s.length; i++) {
    if (upper[i] !== lower[i]) return upper[i] === s[i];
  }
  return null;
}

function join(parts: Part[]): string | undefined {
  return joinRanges(parts, [0, parts.length]);
}

/** The parts in [from, to) of each range, joined with spaces (a hyphen after a hyphenated part). */
function joinRanges(parts: Part[], ranges: number[]): string | undefined {
  let out = '';
  let last: Part | undefined;
  for (let r = 0; r < ranges.length; r += 2) {
    for (let i = ranges[r]; i < ranges[r + 1]; i++) {
      if (last) out += last.hyphenated ? '-' : ' ';
      out += parts[i].value;
      last = parts[i];
    }
  }
  return out === '' ? undefined : flat(out);
}

/**
 * BibTeX's given / von / last split of a name written without commas (or of the part before
 * one), as citation-js's orderNameParts does it with array shifts, here with indices: the given
 * names run to the first lower-case part, hyphenated upper-case parts just before it are held
 * back for the family name, the particles are the lower-case run before the last upper-case run.
 */
function orderParts(parts: Part[], orderGiven: boolean): NameParts {
  const n = parts.length;
  let i = 0;
  // given = [0, givenEnd), held back = [givenEnd, heldEnd)
  let givenEnd = 0;
  let heldEnd = 0;
  if (orderGiven) {
    while (n - i > 1 && parts[i].upperCase !== false) {
      givenEnd = heldEnd;
      while (n - i > 1 && parts[i].upperCase !== false && !parts[i].hyphenated) i++;
      givenEnd = i;
      while (n - i > 0 && parts[i].upperCase !== false && parts[i].hyphenated) i++;
      heldEnd = i;
    }
  }
  // prefix = [prefixStart, prefixEnd), family = [prefixEnd, familyEnd), then the rest
  const prefixStart = i;
  let prefixEnd = i;
  let familyEnd = i;
  while (n - i > 1) {
    prefixEnd = familyEnd;
    while (n - i > 1 && parts[i].upperCase === false) i++;
    prefixEnd = i;
    while (n - i > 0 && parts[i].upperCase !== false) i++;
    familyEnd = i;
  }
  return {
    given: joinRanges(parts, [0, givenEnd]),
    prefix: joinRanges(parts, [prefixStart, prefixEnd]),
    family: joinRanges(parts, [givenEnd, heldEnd, prefixEnd, familyEnd, i, n]),
  };
}

interface NameParts {
  given: string | undefined;
  prefix: string | undefined;
  family: string | undefined;
}

const LABELS: Record<string, keyof CslName> = { given: 'given', family: 'family', suffix: 'suffix', prefix: 'non-dropping-particle' };

function orderPieces(pieces: Part[][]): CslName | undefined {
  if (pieces[0][0]?.label) {
    const name: CslName = {};
    for (const [{ value, label }] of pieces) {
      const key = Object.hasOwn(LABELS, label!) ? LABELS[label!] : undefined;
      if (key && value !== undefined) (name as Record<string, string>)[key] = value;
    }
    return name;
  }
  if (pieces.length === 1 && pieces[0].length === 1 && pieces[0][0].braced) return { literal: flat(pieces[0][0].value) };
  const { given, prefix, family } = orderParts(pieces[0], pieces.length === 1);
  const name: CslName = {};
  if (family) name.family = family;
  if (prefix) name['non-dropping-particle'] = prefix;
  if (pieces.length === 3) {
    const g = join(pieces[2]);
    const s = join(pieces[1]);
    if (g !== undefined) name.given = g;
    if (s !== undefined) name.suffix = s;
  } else if (pieces.length === 2) {
    const g = join(pieces[1]);
    if (g !== undefined) name.given = g;
  } else if (given) {
    name.given = given;
  }
  return name;
}

class NameReader extends Decoder {
  names(): CslName[] {
    const list: CslName[] = [];
    for (;;) {
      if (this.is(Tok.Whitespace)) this.take();
      const pieces = this.name();
      const name = orderPieces(pieces);
      const others = pieces.length === 1 && pieces[0].length === 1 && !pieces[0][0].braced && pieces[0][0].value === 'others';
      if (name && !others) list.push(name);
      if (this.is(Tok.Whitespace)) this.take();
      if (this.eof) return list;
      this.take(); // `and`
    }
  }

  private name(): Part[][] {
    const pieces: Part[][] = [];
    for (;;) {
      pieces.push(this.piece());
      if (this.eof || this.is(Tok.And)) return pieces;
      this.take(); // `,`
      if (this.is(Tok.Whitespace)) this.take();
    }
  }

  private piece(): Part[] {
    const parts: Part[] = [];
    for (;;) {
      const part = this.part();
      if (part.label !== undefined) {
        part.label = join([...parts, { value: part.label, upperCase: null }]);
        return [part];
      }
      parts.push(part);
      if (this.eof || this.is(Tok.And) || this.is(Tok.Comma)) return parts;
      while (this.is(Tok.Hyphen) || this.is(Tok.Whitespace)) this.take();
    }
  }

  private part(): Part {
    let upperCase: boolean | null = null;
    let value = '';
    let groups = 0;
    let other = false;
    for (;;) {
      if (upperCase === null && this.is(Tok.Text)) {
        const text = this.take();
        value += text;
        upperCase = stringCase(text);
        other = true;
      } else if (this.eof || this.is(Tok.And) || this.is(Tok.Comma) || this.is(Tok.Whitespace)) {
        return { value, upperCase, braced: groups === 1 && !other };
      } else if (this.is(Tok.Hyphen)) {
        return { value, upperCase, hyphenated: true };
      } else if (this.is(Tok.Equals)) {
        this.take();
        const text = this.piece();
        if (text[0].label) value += '=' + text[0].label;
        return { value: join(text) ?? '', upperCase: null, label: value };
      } else {
        if (this.is(Tok.LBrace)) groups++;
        else other = true;
        value += this.text();
      }
    }
  }
}

/** A name list field (author, editor…) as CSL names. */
export function decodeNames(value: string, report?: Report): CslName[] {
  return new NameReader(value, Mode.Names, false, report).names();
}
