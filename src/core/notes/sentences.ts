/**
 * Sentence boundaries: Intl.Segmenter does the Unicode work, and the abbreviations reviewers
 * write ("et al.", "e.g.", "vs.", "Fig. 2", initials) are merged back by hand because ICU's
 * English rules split after most of them.
 */
const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

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
  let slice = text.slice(start, end).replace(/[\r\n]/g, ' ');
  for (const span of opaque) {
    const s = span.start - start;
    const e = span.end - start;
    if (s < 0 || e > slice.length || e - s < 2) continue;
    slice = slice.slice(0, s + 1) + 'X'.repeat(e - s - 2) + slice.slice(e - 1);
  }
  // Unchanged paragraphs do not get here after an edit: their whole parse is kept (block-parse.ts).
  return segment(slice).map((span) => ({ start: start + span.start, end: start + span.end }));
}

/** Sentence spans of one paragraph, relative to it. */
function segment(slice: string): SentenceSpan[] {
  const raw: SentenceSpan[] = [];
  for (const seg of segmenter.segment(slice)) {
    raw.push({ start: seg.index, end: seg.index + seg.segment.length });
  }
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
    while (s < e && /\s/.test(slice[s])) s++;
    while (e > s && /\s/.test(slice[e - 1])) e--;
    if (e > s) out.push({ start: s, end: e });
  }
  return out;
}

function shouldJoin(previous: string, next: string): boolean {
  const prev = previous.trimEnd();
  const nxt = next.trimStart();
  if (!nxt) return true;
  const lastWord = /(\S+)$/.exec(prev)?.[1].toLowerCase() ?? '';
  if (ALWAYS_JOIN.has(lastWord) || ALWAYS_JOIN.has(lastWord.replace(/^[(\[]/, ''))) return true;
  // "et al." ends a sentence only when a capitalised word follows.
  if (/\bet al\.$/i.test(prev)) return !/^[A-Z][a-z]/.test(nxt);
  // Initials: "R. R. Griffiths", "Carhart-Harris R." followed by a capital.
  const initial = /(?:^|\s|\()([^\s(]*)\s*[A-Z]\.$/.exec(prev);
  if (initial && /^[A-Z]/.test(nxt) && isNameContext(initial[1])) return true;
  // A sentence never starts with a lower-case word or a closing bracket.
  if (/^[a-z)\]]/.test(nxt)) return true;
  return false;
}

const NAME_LEADS = new Set(['by', 'and', 'with', 'from', 'of', 'to', 'as', '&']);

/** Whether a capital initial after `before` is part of a name ("by R. Griffiths", "R. R."). */
function isNameContext(before: string): boolean {
  return before === '' || /^[A-Z]\.$/.test(before) || /^[A-Z][\w-]*,?$/.test(before) || NAME_LEADS.has(before.toLowerCase());
}
