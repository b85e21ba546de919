// From the scanner's output (../bibtex.ts: value parts as offsets into the file) to this
// converter's raw input. Structural types, so the scanner keeps its own. (Its entries are
// RawEntry themselves: they build their fields from its typed arrays when read.)
import type { RawMacro, RawPart } from './convert';

export interface ScannedPartLike {
  kind: RawPart['kind'];
  /** Offsets into the source, without braces or quotes. */
  start: number;
  end: number;
}

function parts(source: string, scanned: readonly ScannedPartLike[]): RawPart[] {
  return scanned.map((p) => ({ kind: p.kind, text: source.slice(p.start, p.end), start: p.start }));
}

/** An @string definition; the scanner must keep the macro's name and value parts for it. */
export function rawMacro(source: string, name: string, scanned: readonly ScannedPartLike[]): RawMacro {
  return { name, parts: parts(source, scanned) };
}
