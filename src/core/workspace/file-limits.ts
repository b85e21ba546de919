// What the loader refuses to parse, and how file bytes become text. Both file systems (the CLI's
// node one and the extension's) decode through here so a file reads the same in both.
import type { FileKind } from './load';

const MB = 1024 * 1024;

/**
 * Largest file of each kind that is parsed. Systematic reviews keep libraries of 50,000 records
 * (about 40 MB of BibTeX with abstracts), which parse in a few seconds on a worker thread in the
 * editor; the limit leaves room for twice that and stops a stray dump from taking minutes. Notes
 * and study records parse on the extension host, so their limits stay near the largest real ones
 * (a long review note is 200 KB, a study record 2 KB).
 */
export const MAX_BYTES: Record<FileKind, number> = {
  bibliography: 100 * MB,
  note: 2 * MB,
  study: 1 * MB,
};

/** The file systems read nothing larger than the largest limit, so a 1 GB file is never loaded into memory. */
export const MAX_READ_BYTES = Math.max(...Object.values(MAX_BYTES));

/** How much of a file is searched for NUL bytes, which text never holds and binary files almost always do (as git does). */
export const BINARY_SNIFF_BYTES = 8 * 1024;

/** A file that is there but is not checked; `message` says why, for the finding or the log. */
export class UnreadableFileError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'UnreadableFileError';
  }
}

export function tooLargeReason(bytes: number, limit: number): string {
  const mb = (n: number) => (n / MB).toFixed(n % MB === 0 ? 0 : 1);
  return `file too large to check (${mb(bytes)} MB > ${mb(limit)} MB limit)`;
}

/** Throws UnreadableFileError when a file of `bytes` exceeds what any kind may hold. */
export function checkReadSize(bytes: number): void {
  if (bytes > MAX_READ_BYTES) throw new UnreadableFileError(tooLargeReason(bytes, MAX_READ_BYTES));
}

/**
 * File bytes as text: UTF-16 (LE or BE) when a byte order mark says so, else UTF-8, else Latin-1
 * (Windows-1252) when the bytes are not valid UTF-8; a BOM is dropped. Throws
 * UnreadableFileError for binary content.
 */
export function decodeText(bytes: Uint8Array): string {
  const utf16 = utf16ByteOrder(bytes);
  if (utf16) return new TextDecoder(`utf-16${utf16}`).decode(bytes);
  if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) throw new UnreadableFileError('not a text file (it holds NUL bytes)');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Not UTF-8: older exporters (JabRef, EndNote, BibDesk) write Latin-1, or rather Windows-1252,
    // its superset with curly quotes and dashes in 0x80–0x9F (what WHATWG means by "latin1").
    return decodeWindows1252(bytes);
  }
}

/**
 * The same text as decodeText, UTF-8 decoded `sliceBytes` at a time with the event loop handed
 * back between slices: decoding an 8 MB library was one step of 15–45 ms on the extension host.
 * UTF-16, binary and non-UTF-8 files go to decodeText whole.
 */
export async function decodeTextInSlices(bytes: Uint8Array, sliceBytes = 1024 * 1024): Promise<string> {
  if (bytes.length <= sliceBytes || utf16ByteOrder(bytes) || bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return decodeText(bytes);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const parts: string[] = [];
  try {
    for (let at = 0; at < bytes.length; at += sliceBytes) {
      parts.push(decoder.decode(bytes.subarray(at, at + sliceBytes), { stream: at + sliceBytes < bytes.length }));
      await new Promise((resolve) => setImmediate(resolve));
    }
  } catch {
    return decodeText(bytes); // not UTF-8: Windows-1252, as decodeText reads it
  }
  return parts.join('');
}

// Windows-1252's 0x80–0x9F; the five bytes it leaves undefined stay as their C1 controls.
const CP1252_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** By hand: Node's TextDecoder('windows-1252') decodes as ISO-8859-1, leaving 0x80–0x9F as controls. */
function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder('latin1').decode(bytes).replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]);
}

/** 'le' or 'be' when the bytes start with a UTF-16 byte order mark. */
export function utf16ByteOrder(bytes: Uint8Array): 'le' | 'be' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'be';
  return undefined;
}
