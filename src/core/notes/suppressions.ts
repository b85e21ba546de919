import type { LineIndex } from '../text';
import type { Suppressions } from './types';

const COMMENT = /<!--\s*evidence-lens-(disable-next-line|disable-line|disable|enable)\b([^>]*?)-->/g;

interface Region {
  codes: Set<string> | 'all';
  from: number;
  to: number;
}

/**
 * Suppression comments as SPEC gives them, in the style of eslint's: `disable-next-line CODES`,
 * `disable CODES` … `enable`. No codes means every code.
 */
export function readSuppressions(text: string, lines: LineIndex): Suppressions {
  const regions: Region[] = [];
  const open = new Map<string, number>();
  let openAll: number | undefined;
  COMMENT.lastIndex = 0;
  for (let m = COMMENT.exec(text); m; m = COMMENT.exec(text)) {
    const kind = m[1];
    const codes = m[2].split(/[\s,]+/).filter(Boolean);
    const line = lines.positionAt(m.index).line;
    const endLine = lines.positionAt(m.index + m[0].length).line;
    const set: Set<string> | 'all' = codes.length ? new Set(codes) : 'all';
    if (kind === 'disable-next-line') regions.push({ codes: set, from: endLine + 1, to: endLine + 1 });
    else if (kind === 'disable-line') regions.push({ codes: set, from: line, to: endLine });
    else if (kind === 'disable') {
      if (set === 'all') openAll ??= line;
      else for (const code of set) if (!open.has(code)) open.set(code, line);
    } else {
      if (set === 'all') {
        if (openAll !== undefined) regions.push({ codes: 'all', from: openAll, to: line });
        openAll = undefined;
        for (const [code, from] of open) regions.push({ codes: new Set([code]), from, to: line });
        open.clear();
      } else {
        for (const code of set) {
          const from = open.get(code);
          if (from !== undefined) regions.push({ codes: new Set([code]), from, to: line });
          open.delete(code);
        }
      }
    }
  }
  const last = Number.MAX_SAFE_INTEGER;
  if (openAll !== undefined) regions.push({ codes: 'all', from: openAll, to: last });
  for (const [code, from] of open) regions.push({ codes: new Set([code]), from, to: last });
  return {
    isSuppressed(code: string, line: number): boolean {
      return regions.some((r) => line >= r.from && line <= r.to && (r.codes === 'all' || r.codes.has(code)));
    },
  };
}
