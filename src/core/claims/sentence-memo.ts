import type { Finding, Position, Range } from '../types';
import type { WorkspaceIndex } from '../index/workspace-index';
import type { LineIndex } from '../text';
import type { DoiMention, ParsedNote, Sentence } from '../notes/types';
import { linesOf } from '../notes/lines';
import { own, ownStrings } from '../lru';
import { sentenceKeyOf } from '../notes/block-parse';

/**
 * Findings of a per-sentence check, kept between checks of one note so that after an edit only
 * the changed sentences are checked again; the rest cost a map look-up and a shift of their
 * ranges to where the sentence now starts.
 *
 * What a result may depend on, and so what invalidates it:
 * - the sentence itself: its raw and masked text, its citations and DOI mentions relative to its
 *   start (the key, built by `sentenceKey`; a check adds what else it reads, e.g. its options);
 * - the library: every result of a note is dropped when `index.libraryVersion` changes;
 * - the note's reference list and inline references (what `[n]` and inline keys resolve to): every
 *   result of the note is dropped when they change.
 * A check that reads anything else for a sentence (the whole note's text) says so and its result
 * is not kept. Each pass keeps only the results of the note's current sentences, so memory is
 * bounded by the notes' sizes, not by the length of the editing session.
 */
export class SentenceMemo {
  private readonly byIndex = new WeakMap<WorkspaceIndex, Map<string, NoteResults>>();

  /** Starts checking one note; results of sentences the note no longer has are forgotten. */
  pass(note: ParsedNote, index: WorkspaceIndex): SentencePass {
    let files = this.byIndex.get(index);
    if (!files) this.byIndex.set(index, (files = new Map()));
    const context = noteContext(note);
    const previous = files.get(note.file);
    const valid = previous && previous.libraryVersion === index.libraryVersion && previous.context === context;
    const next: NoteResults = { libraryVersion: index.libraryVersion, context, byKey: new Map() };
    files.set(note.file, next);
    return new SentencePass(valid ? previous.byKey : new Map(), next.byKey, linesOf(note));
  }
}

interface NoteResults {
  libraryVersion: number;
  context: string;
  /** Findings with positions relative to the sentence's start (see `relative`). */
  byKey: Map<string, Finding[]>;
}

export interface SentenceResult {
  findings: Finding[];
  /** False when the check read more than the sentence, the library and the note context. */
  keep: boolean;
}

export class SentencePass {
  constructor(
    private readonly previous: Map<string, Finding[]>,
    private readonly next: Map<string, Finding[]>,
    private readonly lines: LineIndex,
  ) {}

  /** `start` is the note offset the results are kept relative to: the sentence's (or item's) start. */
  findings(start: number, key: string, check: () => SentenceResult): Finding[] {
    const stored = this.next.get(key) ?? this.previous.get(key);
    // Most sentences have no findings: no position to find for them.
    if (stored) {
      this.next.set(key, stored);
      if (stored.length === 0) return [];
      const base = this.lines.positionAt(start);
      // A sentence still where it was (before the edit) gets the findings it got last time.
      const last = placed.get(stored);
      if (last && last.line === base.line && last.character === base.character) return [...last.findings];
      const findings = stored.map((f) => moveFinding(f, (p) => absolute(p, base)));
      placed.set(stored, { line: base.line, character: base.character, findings });
      return findings;
    }
    const result = check();
    if (!result.keep) return result.findings;
    if (result.findings.length === 0) this.next.set(key, []);
    else {
      const base = this.lines.positionAt(start);
      // Kept findings are copied out of the note's text (messages quote it), so they do not keep it alive.
      this.next.set(key, result.findings.map((f) => ownFinding(moveFinding(f, (p) => relative(p, base)))));
    }
    return result.findings;
  }
}

/** The last findings made absolute from kept (relative) ones, and where: reused while the sentence does not move. */
const placed = new WeakMap<Finding[], { line: number; character: number; findings: Finding[] }>();

/**
 * The key of what a sentence's findings depend on in the note: raw and masked text, citations
 * and DOI mentions with offsets relative to the sentence (the masked text alone does not say
 * which key a citation names once blanked, nor the raw text a message quotes).
 */
export function sentenceKey(note: ParsedNote, sentence: Sentence, lines: LineIndex): string {
  // The parser names each sentence by its block's text and its place in the block (block-parse.ts).
  const known = sentenceKeyOf(sentence);
  if (known !== undefined) return known;
  const s = sentence.start;
  const parts = [note.text.slice(s, sentence.end), sentence.text];
  for (const c of sentence.citations) {
    if (c.kind === 'key') {
      const group = `${lines.offsetAt(c.groupRange.start) - s},${lines.offsetAt(c.groupRange.end) - s}`;
      parts.push(`@${c.key}|${c.bracketed}|${c.suppressAuthor}|${c.locator ?? ''}|${c.start - s},${c.end - s}|${group}`);
    } else {
      parts.push(`#${c.numbers.join(',')}|${c.start - s},${c.end - s}`);
    }
  }
  for (const d of doisNear(note.dois, sentence)) parts.push(`doi:${d.doi ?? ''}|${d.raw}|${d.start - s},${d.end - s}`);
  return parts.join('\u0000');
}

/** DOI mentions overlapping the sentence (sorted by start, as the parser leaves them). */
function doisNear(dois: DoiMention[], sentence: Sentence): DoiMention[] {
  let lo = 0;
  let hi = dois.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (dois[mid].end <= sentence.start) lo = mid + 1;
    else hi = mid;
  }
  const out: DoiMention[] = [];
  for (let i = lo; i < dois.length && dois[i].start < sentence.end; i++) if (dois[i].end > sentence.start) out.push(dois[i]);
  return out;
}

// What of the note outside a sentence a sentence check reads: the reference list (`[n]` → item →
// records) and the keys of inline references. Built once per parsed note.
const contexts = new WeakMap<ParsedNote, string>();

function noteContext(note: ParsedNote): string {
  let context = contexts.get(note);
  if (context === undefined) {
    const items = note.referenceList?.items.map((i) => `${i.number}\u0001${i.text}\u0001${i.dois.map((d) => d.doi ?? '').join(' ')}`) ?? [];
    const inline = note.inlineReferences?.entries.map((e) => e.key) ?? [];
    context = `${items.join('\u0002')}\u0003${inline.join('\u0002')}`;
    contexts.set(note, context);
  }
  return context;
}

/**
 * The finding (a fresh copy from `moveFinding`) with the strings that can quote the note copied.
 * File paths come from the workspace, and related ranges from study records and entries, so they
 * are shared; copying them too (a generic deep copy) was a tenth of a first check's claim checks.
 */
function ownFinding(f: Finding): Finding {
  f.message = own(f.message);
  if (f.related) f.related = f.related.map((r) => ({ ...r, message: own(r.message) }));
  if (f.data) f.data = ownStrings(f.data);
  return f;
}

/** A copy of the finding with every position it holds in the note moved: its range and a quick fix's insertAt. */
function moveFinding(f: Finding, move: (p: Position) => Position): Finding {
  const out: Finding = { ...f, range: moveRange(f.range, move) };
  const insertAt = f.data?.insertAt as Position | undefined;
  if (insertAt) out.data = { ...f.data, insertAt: move(insertAt) };
  return out;
}

function moveRange(r: Range, move: (p: Position) => Position): Range {
  return { start: move(r.start), end: move(r.end) };
}

/** Lines counted from the sentence's first line; characters on that line from the sentence's start. */
function relative(p: Position, base: Position): Position {
  return { line: p.line - base.line, character: p.line === base.line ? p.character - base.character : p.character };
}

function absolute(p: Position, base: Position): Position {
  return { line: p.line + base.line, character: p.line === 0 ? p.character + base.character : p.character };
}
