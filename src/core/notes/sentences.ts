/**
 * Sentence boundaries: Intl.Segmenter does the Unicode work, and the abbreviations reviewers
 * write ("et al.", "e.g.", "vs.", "Fig. 2", initials) are merged back by hand because ICU's
 * English rules split after most of them.
 */
let segmenter: Intl.Segmenter | undefined;
/** Made on first use: creating it loads ICU's sentence rules (~15 ms), which activation need not wait for. */
const sentenceSegmenter = () => (segmenter ??= new Intl.Segmenter('en', { granularity: 'sentence' }));

// Abbreviations that almost never end a sentence.
const ALWAYS_JOIN = new Set(
  [
    'e.g.', 'i.e.', 'vs.', 'cf.', 'approx.', 'ca.', 'dr.', 'mr.', 'mrs.', 'ms.', 'prof.', 'st.', 'fig.', 'figs.',
    'p.', 'pp.', 'no.', 'nos.', 'vol.', 'eq.', 'ref.', 'refs.', 'tab.', 'suppl.', 'ed.', 'eds.', 'jr.', 'sr.',
    'incl.', 'resp.', 'viz.', 'wk.', 'wks.', 'min.', 'max.', 'avg.', 'est.', 'dept.', 'univ.', 'ch.', 'sec.',
  ].map((s) => s.toLowerCase()),
);

export interface SentenceSpan {
  start: number;
  end: number;
}

/**
 * Splits `text[start, end)` into sentences; offsets are absolute, trimmed of surrounding space.
 * `opaque` spans (citation groups) are hidden from ICU, whose rule that a sentence cannot end
 * before a lower-case word would otherwise glue "week 4. [@davis2021] The trial" into one.
 */
export function splitSentences(text: string, start: number, end: number, opaque: SentenceSpan[] = []): SentenceSpan[] {
  // Line breaks inside a paragraph are soft in markdown; ICU would treat them as hard breaks.
  const plain = text.slice(start, end).replace(/[\r\n]/g, ' ');
  // Built from parts: re-slicing the whole paragraph per citation was quadratic on long lines.
  const parts: string[] = [];
  let copied = 0;
  for (const span of opaque) {
    const s = span.start - start;
    const e = span.end - start;
    if (s < copied || e > plain.length || e - s < 2) continue;
    parts.push(plain.slice(copied, s + 1), 'X'.repeat(e - s - 2));
    copied = e - 1;
  }
  parts.push(plain.slice(copied));
  // Unchanged paragraphs do not get here after an edit: their whole parse is kept (block-parse.ts).
  return segment(parts.join('')).map((span) => ({ start: start + span.start, end: start + span.end }));
}

/** Sentence spans of one paragraph, relative to it. */
function segment(slice: string): SentenceSpan[] {
  const raw = icuSentences(slice);
  const merged: SentenceSpan[] = [];
  for (const span of raw) {
    const prev = merged[merged.length - 1];
    if (prev && shouldJoin(slice.slice(prev.start, prev.end), slice.slice(span.start, span.end))) prev.end = span.end;
    else merged.push({ ...span });
  }
  const out: SentenceSpan[] = [];
  for (const span of merged) {
    let s = span.start;
    let e = span.end;
    while (s < e && isSpace(slice, s)) s++;
    while (e > s && isSpace(slice, e - 1)) e--;
    if (e > s) out.push({ start: s, end: e });
  }
  return out;
}

// V8's Intl.Segmenter spends time in proportion to the whole string on every segment it yields,
// so a 1 MB paragraph took minutes. ICU gets pieces of about this many characters instead, each
// cut after sentence-ending punctuation and a space, where ICU breaks too.
const SEGMENT_CHUNK = 2000;

function icuSentences(slice: string): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  let from = 0;
  while (from < slice.length) {
    let to = slice.length;
    if (to - from > SEGMENT_CHUNK) {
      const stop = /[.!?\u3002\uff01\uff1f]["'\u201d\u2019)\]]*\s+/g;
      stop.lastIndex = from + SEGMENT_CHUNK;
      const m = stop.exec(slice);
      if (m) to = m.index + m[0].length;
    }
    const piece = slice.slice(from, to);
    const ends = asciiSentenceEnds(piece);
    if (ends) {
      let start = 0;
      for (const end of ends) {
        out.push({ start: from + start, end: from + end });
        start = end;
      }
    } else {
      for (const seg of sentenceSegmenter().segment(piece)) {
        out.push({ start: from + seg.index, end: from + seg.index + seg.segment.length });
      }
    }
    from = to;
  }
  return out;
}

// ---- UAX #29 sentence boundaries for plain ASCII ------------------------------------------------

// The Sentence_Break classes of printable ASCII, tab, vertical tab and form feed (UAX #29,
// SentenceBreakProperty.txt); other characters (controls, line breaks, non-ASCII) are NONE.
const NONE = 0;
const SP = 1;
const LOWER = 2;
const UPPER = 3;
const NUMERIC = 4;
const ATERM = 5;
const STERM = 6;
const CLOSE = 7;
const SCONTINUE = 8;
const OTHER = 9;
const ASCII_CLASS = new Uint8Array(128);
for (let code = 0x20; code < 0x7f; code++) ASCII_CLASS[code] = OTHER;
for (const [chars, cls] of [
  ['\t\v\f ', SP],
  ['abcdefghijklmnopqrstuvwxyz', LOWER],
  ['ABCDEFGHIJKLMNOPQRSTUVWXYZ', UPPER],
  ['0123456789', NUMERIC],
  ['.', ATERM],
  ['!?', STERM],
  ['"\'()[]{}', CLOSE],
  [',-:;', SCONTINUE],
] as const) {
  for (const c of chars) ASCII_CLASS[c.charCodeAt(0)] = cls;
}

// One buffer of classes reused by every call (a typed array per paragraph cost more than the scan).
let classes = new Uint8Array(4096);

/**
 * Where ICU's sentence segments of `text` end, computed by hand when `text` is printable ASCII,
 * spaces and tabs only (undefined otherwise): the rules of UAX #29, which ICU implements, reduce
 * for these characters to a few tests after each terminator. ICU's per-call and per-segment cost
 * was a third of parsing a note. test/unit/sentence-breaks.test.ts compares the two.
 */
export function asciiSentenceEnds(text: string): number[] | undefined {
  const n = text.length;
  if (classes.length < n) classes = new Uint8Array(Math.max(n, 2 * classes.length));
  const cls = classes;
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    const c = code < 128 ? ASCII_CLASS[code] : NONE;
    if (c === NONE) return undefined;
    cls[i] = c;
  }
  if (n === 0) return [];
  const ends: number[] = [];
  for (let j = 0; j < n; j++) {
    if (cls[j] !== ATERM && cls[j] !== STERM) continue;
    // SB9, SB10: no break inside the terminator's Close* Sp*; SB11 breaks after them unless a rule before it holds.
    let k = j + 1;
    while (k < n && cls[k] === CLOSE) k++;
    while (k < n && cls[k] === SP) k++;
    if (k === n) break;
    if (continuesSentence(cls, n, j, k)) continue;
    ends.push(k);
    j = k - 1;
  }
  ends.push(n);
  return ends;
}

/** SB6–SB8a: whether the text goes on without a break at `k`, after the terminator at `j`, its Close* and Sp*. */
function continuesSentence(cls: Uint8Array, n: number, j: number, k: number): boolean {
  const aterm = cls[j] === ATERM;
  if (aterm && k === j + 1) {
    if (cls[k] === NUMERIC) return true; // SB6: ATerm × Numeric
    if (cls[k] === UPPER && j > 0 && (cls[j - 1] === UPPER || cls[j - 1] === LOWER)) return true; // SB7: (Upper | Lower) ATerm × Upper
  }
  if (aterm) {
    // SB8: ATerm Close* Sp* × ( ¬(OLetter | Upper | Lower | ParaSep | SATerm) )* Lower
    let i = k;
    while (i < n && cls[i] !== UPPER && cls[i] !== LOWER && cls[i] !== ATERM && cls[i] !== STERM) i++;
    if (i < n && cls[i] === LOWER) return true;
  }
  // SB8a: SATerm Close* Sp* × (SContinue | SATerm)
  return cls[k] === SCONTINUE || cls[k] === ATERM || cls[k] === STERM;
}

function shouldJoin(previous: string, next: string): boolean {
  const prev = previous.trimEnd();
  const nxt = next.trimStart();
  if (!nxt) return true;
  const lastWord = prev.slice(lastWordStart(prev)).toLowerCase();
  if (ALWAYS_JOIN.has(lastWord) || ALWAYS_JOIN.has(lastWord.replace(/^[(\[]/, ''))) return true;
  // The patterns below end in a full stop; a regex anchored at the end alone still tries every
  // position of the sentence, so they run only on sentences that can match.
  if (!prev.endsWith('.')) return /^[a-z)\]]/.test(nxt);
  // "et al." ends a sentence only when a capitalised word follows.
  if (/\bet al\.$/i.test(prev.slice(-7))) return !/^[A-Z][a-z]/.test(nxt);
  // Initials: "R. R. Griffiths", "Carhart-Harris R." followed by a capital.
  const initial = isCapital(prev.charCodeAt(prev.length - 2)) ? /(?:^|\s|\()([^\s(]*)\s*[A-Z]\.$/.exec(prev) : null;
  if (initial && /^[A-Z]/.test(nxt) && isNameContext(initial[1])) return true;
  // A sentence never starts with a lower-case word or a closing bracket.
  if (/^[a-z)\]]/.test(nxt)) return true;
  return false;
}

/** Start of the run of non-space characters `text` ends with (`/(\S+)$/`, found from the end). */
function lastWordStart(text: string): number {
  let i = text.length;
  while (i > 0 && !isSpace(text, i - 1)) i--;
  return i;
}

/** `/\s/.test(text[i])`, without the regex for ASCII. */
function isSpace(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return SPACE.test(text[i]);
}

const SPACE = /\s/;
const isCapital = (code: number) => code >= 65 && code <= 90;

const NAME_LEADS = new Set(['by', 'and', 'with', 'from', 'of', 'to', 'as', '&']);

/** Whether a capital initial after `before` is part of a name ("by R. Griffiths", "R. R."). */
function isNameContext(before: string): boolean {
  return before === '' || /^[A-Z]\.$/.test(before) || /^[A-Z][\w-]*,?$/.test(before) || NAME_LEADS.has(before.toLowerCase());
}
