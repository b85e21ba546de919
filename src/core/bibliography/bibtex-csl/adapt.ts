// From the scanner's output (../bibtex.ts: entries, fields and value parts as offsets into the
// file) to this converter's raw input. Structural types, so the scanner keeps its own.
import type { RawEntry, RawField, RawMacro, RawPart } from './convert';

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

/**
 * An entry for the converter whose fields (objects and value strings) are built on each read:
 * convertEntries reads an entry's fields when it converts it (and a parent's when a child
 * inherits), so they die young. Built all at once, 50,000 entries' fields outlived the young
 * generation and were copied by every scavenge of the conversion.
 */
class ScannedRawEntry implements RawEntry {
  constructor(
    private readonly source: string,
    private readonly scanned: ScannedEntryLike,
  ) {}

  get type(): string {
    return this.scanned.type;
  }

  get key(): string {
    return this.scanned.key;
  }

  get fields(): RawField[] {
    return this.scanned.fields.map((f) => ({ name: f.name, parts: parts(this.source, f.parts) }));
  }
}

export function rawEntry(source: string, e: ScannedEntryLike): RawEntry {
  return new ScannedRawEntry(source, e);
}

/** An @string definition; the scanner must keep the macro's name and value parts for it. */
export function rawMacro(source: string, name: string, scanned: readonly ScannedPartLike[]): RawMacro {
  return { name, parts: parts(source, scanned) };
}
