import type { LineIndex } from './text';
import type { Finding, Position, Range } from './types';

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface FixPlan {
  title: string;
  /** Groups fixes of one kind so "fix all" can apply them together. */
  kind: 'replace-key' | 'replace-doi' | 'insert-citation' | 'replace-figure' | 'soften' | 'disable-line' | 'disable-file';
  edits: TextEdit[];
  preferred?: boolean;
}

const at = (p: Position): Range => ({ start: p, end: p });

/**
 * The edits that repair or silence one finding in a note. Plain data so the CLI could apply
 * them too; the editor turns them into code actions.
 */
export function fixesFor(finding: Finding, lines: LineIndex, frontMatterEnd = 0): FixPlan[] {
  const data = finding.data ?? {};
  const out: FixPlan[] = [];
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
  switch (finding.code) {
    case 'citation.unresolved': {
      const suggestion = str(data.suggestion);
      if (suggestion) {
        out.push({ title: `Change to @${suggestion}`, kind: 'replace-key', edits: [{ range: finding.range, newText: `@${suggestion}` }], preferred: true });
      }
      break;
    }
    case 'reference.doi-mismatch': {
      const doi = str(data.replacementDoi);
      if (doi) out.push({ title: `Replace with the library's DOI ${doi}`, kind: 'replace-doi', edits: [{ range: finding.range, newText: doi }], preferred: true });
      break;
    }
    case 'claim.implicit-citation': {
      const keys = Array.isArray(data.keys) ? data.keys.filter((k): k is string => typeof k === 'string') : [];
      const insertAt = data.insertAt as Position | undefined;
      if (insertAt && typeof insertAt.line === 'number') {
        for (const key of keys) {
          out.push({ title: `Cite @${key}`, kind: 'insert-citation', edits: [{ range: at(insertAt), newText: ` [@${key}]` }], preferred: keys.length === 1 });
        }
      }
      break;
    }
    case 'claim.study-mismatch': {
      const replacement = str(data.replacement);
      if (replacement) {
        out.push({ title: `Change to "${replacement}" as the record says`, kind: 'replace-figure', edits: [{ range: finding.range, newText: replacement }], preferred: true });
      }
      break;
    }
    case 'claim.overstated': {
      const softer = str(data.softer);
      if (softer) out.push({ title: `Soften to "${softer}"`, kind: 'soften', edits: [{ range: finding.range, newText: softer }], preferred: true });
      break;
    }
    default:
      break;
  }
  const line = finding.range.start.line;
  const indent = /^[ \t]*/.exec(lines.lineText(line))?.[0] ?? '';
  out.push({
    title: `Disable ${finding.code} for this line`,
    kind: 'disable-line',
    edits: [{ range: at({ line, character: 0 }), newText: `${indent}<!-- evidence-lens-disable-next-line ${finding.code} -->\n` }],
  });
  const top = lines.positionAt(frontMatterEnd);
  out.push({
    title: `Disable ${finding.code} for this file`,
    kind: 'disable-file',
    edits: [{ range: at({ line: top.line, character: 0 }), newText: `<!-- evidence-lens-disable ${finding.code} -->\n` }],
  });
  return out;
}

/** The edits of one fix kind for every finding of a code in a note, non-overlapping, for "fix all". */
export function fixAll(findings: Finding[], code: Finding['code'], kind: FixPlan['kind'], lines: LineIndex): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const f of findings) {
    if (f.code !== code) continue;
    const plan = fixesFor(f, lines).find((p) => p.kind === kind);
    if (plan) edits.push(...plan.edits);
  }
  edits.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return edits.filter((e, i) => {
    const prev = edits[i - 1];
    return !prev || prev.range.end.line < e.range.start.line || (prev.range.end.line === e.range.start.line && prev.range.end.character <= e.range.start.character);
  });
}
