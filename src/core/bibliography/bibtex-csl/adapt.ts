// From the scanner's output (../bibtex.ts: entries, fields and value parts as offsets into the
// file) to this converter's raw input. Structural types, so the scanner keeps its own.
import type { RawEntry, RawMacro, RawPart } from './convert';

export interface ScannedPartLike {
  kind: RawPart['kind'];
  /** Offsets into the source, without braces or quotes. */
  start: number;
  end: number;
}

export interface ScannedEntryLike {
  type: string;
  key: string;
  fields: readonly { name: string; parts: readonly ScannedPartLike[] }[];
}

function parts(source: string, scanned: readonly ScannedPartLike[]): RawPart[] {
  return scanned.map((p) => ({ kind: p.kind, text: source.slice(p.start, p.end), start: p.start }));
}

export function rawEntry(source: string, e: ScannedEntryLike): RawEntry {
  return { type: e.type, key: e.key, fields: e.fields.map((f) => ({ name: f.name, parts: parts(source, f.parts) })) };
}

/** An @string definition; the scanner must keep the macro's name and value parts for it. */
export function rawMacro(source: string, name: string, scanned: readonly ScannedPartLike[]): RawMacro {
  return { name, parts: parts(source, scanned) };
}
