// Citations inside one piece of rendered text (a markdown-it text token), grouped as the reader
// sees them: one bracketed group or one bare `@key` is one cluster. Reuses the note parser's
// citation syntax so the preview and the diagnostics agree on what a citation is.
import { findKeyCitations, findNumberedCitations } from '../notes/citations';
import type { KeyCitation } from '../notes/types';
import { LineIndex } from '../text';
import type { CiteRef, Cluster } from '../format/citation-clusters';

export interface KeyCluster {
  kind: 'key';
  start: number;
  end: number;
  cluster: Cluster;
}

export interface NumberedGroup {
  kind: 'numbered';
  start: number;
  end: number;
  numbers: number[];
}

export type TextCitation = KeyCluster | NumberedGroup;

/** Key clusters (and numbered groups when asked), in text order, never overlapping. */
export function findTextCitations(text: string, numbered: boolean): TextCitation[] {
  if (!text.includes('@') && !(numbered && text.includes('['))) return [];
  const lines = new LineIndex(text);
  const groups = new Map<number, { end: number; cites: KeyCitation[] }>();
  for (const cite of findKeyCitations(text, 0, text.length, lines)) {
    const start = lines.offsetAt(cite.groupRange.start);
    const group = groups.get(start) ?? { end: lines.offsetAt(cite.groupRange.end), cites: [] };
    group.cites.push(cite);
    groups.set(start, group);
  }
  const out: TextCitation[] = [...groups].map(([start, { end, cites }]) => ({
    kind: 'key',
    start,
    end,
    cluster: {
      refs: cites.map((c) => refOf(text, start, c)),
      authorInText: !cites[0].bracketed && !cites[0].suppressAuthor,
    },
  }));
  if (numbered) {
    for (const n of findNumberedCitations(text, 0, text.length, lines, new Set())) {
      if (!out.some((c) => n.start < c.end && c.start < n.end)) out.push({ kind: 'numbered', start: n.start, end: n.end, numbers: n.numbers });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The words between the group's `[` (or the previous `;`) and the key are pandoc's prefix. */
function refOf(text: string, groupStart: number, cite: KeyCitation): CiteRef {
  const from = cite.bracketed ? Math.max(groupStart + 1, text.lastIndexOf(';', cite.start) + 1) : cite.start;
  const prefix = text.slice(from, cite.start).trim();
  return {
    key: cite.key,
    ...(prefix ? { prefix } : {}),
    ...(cite.locator ? { locator: cite.locator } : {}),
    ...(cite.suppressAuthor && cite.bracketed ? { suppressAuthor: true } : {}),
  };
}
