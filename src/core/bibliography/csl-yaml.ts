// Parses CSL-YAML: the `references:` list of a YAML mapping (a pandoc bibliography file or a
// note's front matter, whose other lines the caller blanked so offsets are note offsets), or a
// top-level list of items. When the YAML has syntax errors, the list is split into items by
// their `- ` lines and each item is parsed on its own, so one broken item gives one
// bibliography.invalid and the others still load. Never throws.
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  parseAllDocuments,
  parseDocument,
  Scalar,
  type Document,
  type Node,
  type YAMLError,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import { LineIndex, compareRanges } from '../text';
import { finding, type BibEntry, type ParsedBibliography, type Range } from '../types';
import { doiFinding, internalError } from './csl-json';
import { shapeCsl } from './csl-shape';

type YamlFormat = 'csl-yaml' | 'front-matter';
type Doc = Document.Parsed;

const OPTIONS = { keepSourceTokens: false, prettyErrors: false } as const;

/** CSL variables holding dates, which CSL-YAML lets people write as `2021` or `2020-11-04`. */
const DATE_FIELDS = ['accessed', 'available-date', 'event-date', 'issued', 'original-date', 'submitted'];

export function parseCslYaml(text: string, file: string, format: YamlFormat = 'csl-yaml'): ParsedBibliography {
  const result: ParsedBibliography = { file, format, entries: [], findings: [] };
  // YAML reads a byte order mark before a mapping but not before a list: parse without it and
  // move what lies on the first line one character right.
  const bom = text.charCodeAt(0) === 0xfeff;
  try {
    new CslYamlParser(bom ? text.slice(1) : text, file, format, result).parse();
    result.findings.sort((a, b) => compareRanges(a.range, b.range));
    if (bom) {
      for (const e of result.entries) {
        [e.range, e.keyRange, ...Object.values(e.fieldRanges)].forEach((range) => range && shiftFirstLine(range));
      }
      result.findings.forEach((f) => shiftFirstLine(f.range));
    }
  } catch (err) {
    result.findings.push(internalError(file, err, format === 'front-matter' ? 'front matter' : 'CSL-YAML'));
  }
  return result;
}

function shiftFirstLine(range: Range): void {
  for (const p of [range.start, range.end]) if (p.line === 0) p.character++;
}

interface Span {
  start: number;
  end: number;
}

/** The `references:` list found line by line: one chunk per item, and lines belonging to none. */
interface Block extends Span {
  chunks: Span[];
  orphans: Span[];
}

class CslYamlParser {
  private readonly src: string;
  private readonly lines: LineIndex;

  constructor(
    text: string,
    private readonly file: string,
    private readonly format: YamlFormat,
    private readonly result: ParsedBibliography,
  ) {
    this.src = text;
    this.lines = new LineIndex(text);
  }

  parse(): void {
    if (this.src.trim() === '') return;
    const docs = parseAll(this.src);
    const errors = errorsOf(docs);
    if (errors.length === 0) {
      for (const { doc, seq } of this.sequences(docs, true)) for (const item of seq.items) this.readItem(item as Node, doc, false);
      return;
    }
    const block = this.scanBlock();
    const before = this.result.findings.length;
    if (block) this.recoverBlock(block);
    else this.fallback(docs, errors);
    // The items parsed cleanly one by one, yet the whole did not: still say where YAML failed.
    if (!this.result.findings.slice(before).some((f) => f.code === 'bibliography.invalid')) this.yamlInvalid(errors[0], 0);
  }

  /** The lists of items in the documents; with `report`, a missing or wrong `references` is a finding. */
  private sequences(docs: Doc[], report: boolean): { doc: Doc; seq: YAMLSeq }[] {
    const out: { doc: Doc; seq: YAMLSeq }[] = [];
    let firstContent: Node | undefined;
    let sawReferences = false;
    for (const doc of docs) {
      const root = deref(doc.contents as Node | null, doc);
      if (root == null || (isScalar(root) && root.value == null)) continue;
      firstContent ??= root;
      if (isSeq(root)) {
        sawReferences = true;
        out.push({ doc, seq: root });
      } else if (isMap(root)) {
        const pair = root.items.find((p) => keyName(p.key as Node, doc) === 'references');
        if (!pair) continue;
        sawReferences = true;
        const value = deref(pair.value as Node | null, doc);
        if (value == null || (isScalar(value) && value.value == null)) continue;
        if (isSeq(value)) out.push({ doc, seq: value });
        else if (report) this.invalidAt(value, 0, "'references' must be a list of CSL items (- id: …).");
      }
    }
    if (report && !sawReferences && firstContent && this.format === 'csl-yaml') {
      const start = firstContent.range?.[0] ?? 0;
      const line = this.lines.positionAt(start).line;
      this.invalid(start, Math.max(start, this.lines.lineEnd(line)), "A CSL-YAML bibliography is a 'references:' list of CSL items.");
    }
    return out;
  }

  private readItem(itemNode: Node | null, doc: Doc, faulted: boolean, base = 0): void {
    const node = deref(itemNode, doc);
    if (!isMap(node)) {
      if (!faulted) {
        const [start, end] = node?.range ?? [0, 0];
        this.invalid(base + start, base + Math.max(end, start), 'A CSL item must be a mapping (id:, title:, …).');
      }
      return;
    }
    const map = node as YAMLMap;
    const start = base + (map.range?.[0] ?? 0);
    const end = this.trimEnd(start, base + (map.range?.[1] ?? 0));

    const plain: Record<string, unknown> = {};
    const values = new Map<string, Node | null>();
    for (const pair of map.items) {
      const name = keyName(pair.key as Node, doc);
      if (name === undefined) continue;
      const value = deref(pair.value as Node | null, doc);
      values.set(name, value);
      if (name !== '__proto__') plain[name] = toPlain(value, doc, 0);
    }
    const idNode = values.get('id');
    const id = isScalar(idNode) && (typeof idNode.value === 'string' || typeof idNode.value === 'number') ? String(idNode.value).trim() : '';
    if (id === '') {
      if (!faulted) {
        const first = map.items[0]?.key as Node | undefined;
        const at = first?.range ? [base + first.range[0], base + first.range[1]] : [start, start + 1];
        this.invalid(at[0], at[1], 'CSL item has no id.');
      }
      return;
    }

    const csl = shapeCsl(normaliseItem(plain) as Record<string, unknown>);
    csl.id = id;
    const fieldRanges: Partial<Record<string, Range>> = {};
    for (const [name, value] of values) if (value?.range) fieldRanges[name] = this.valueRange(value, base);

    const doiNode = values.get('DOI');
    if (doiNode?.range && !(isScalar(doiNode) && doiNode.value == null)) {
      const raw = isScalar(doiNode) && typeof doiNode.value === 'string' ? doiNode.value : this.src.slice(base + doiNode.range[0], base + doiNode.range[1]).trim();
      csl.DOI = raw;
      const bad = faulted ? undefined : doiFinding(this.file, id, raw, fieldRanges.DOI!);
      if (bad) this.result.findings.push(bad);
    }

    const entry: BibEntry = {
      key: id,
      csl,
      file: this.file,
      format: this.format,
      range: this.lines.range(start, end),
      keyRange: this.valueRange(idNode!, base),
      fieldRanges,
    };
    this.result.entries.push(entry);
  }

  /**
   * Finds the item list line by line (YAML's own recovery can fold the items after a bad line
   * into the wrong node): the `references:` key at column 0, or a document that starts with `- `.
   */
  private scanBlock(): Block | undefined {
    const { lines } = this;
    let startLine = -1;
    let parentIndent = -1;
    for (let l = 0; l < lines.lineCount; l++) {
      if (/^references[ \t]*:[ \t]*(?:#.*)?$/.test(lines.lineText(l))) {
        startLine = l + 1;
        parentIndent = 0;
        break;
      }
    }
    if (startLine < 0) {
      for (let l = 0; l < lines.lineCount; l++) {
        const t = lines.lineText(l);
        if (isBlankOrComment(t) || /^(?:---|\.\.\.)(?:[ \t]|$)/.test(t) || t.startsWith('%')) continue;
        if (/^[ \t]*-(?:[ \t]|$)/.test(t)) startLine = l;
        break;
      }
      if (startLine < 0) return undefined;
    }

    const block: Block = { start: lines.lineStart(startLine), end: this.src.length, chunks: [], orphans: [] };
    let dashIndent: number | undefined;
    let chunk: Span | undefined;
    let orphan: Span | undefined;
    for (let l = startLine; l < lines.lineCount; l++) {
      const t = lines.lineText(l);
      if (isBlankOrComment(t)) continue;
      if (/^(?:---|\.\.\.)(?:[ \t]|$)/.test(t)) {
        block.end = lines.lineStart(l);
        break;
      }
      const indent = t.length - t.trimStart().length;
      const dash = /^-(?:[ \t]|$)/.test(t.slice(indent));
      if (dashIndent === undefined) {
        if (!dash) return undefined; // `references:` holds something other than a block list
        dashIndent = indent;
      }
      if (dash && indent === dashIndent) {
        chunk = { start: lines.lineStart(l), end: lines.lineEnd(l) };
        block.chunks.push(chunk);
        orphan = undefined;
      } else if (!dash && indent <= parentIndent) {
        block.end = lines.lineStart(l); // the next top-level key
        break;
      } else if (indent > dashIndent && chunk) {
        chunk.end = lines.lineEnd(l);
      } else if (orphan) {
        orphan.end = lines.lineEnd(l);
      } else {
        orphan = { start: lines.lineStart(l) + indent, end: lines.lineEnd(l) };
        block.orphans.push(orphan);
        chunk = undefined;
      }
    }
    return block;
  }

  private recoverBlock(block: Block): void {
    // Faults outside the list: the text with the list blanked out.
    const outside = this.src.slice(0, block.start) + blank(this.src.slice(block.start, block.end)) + this.src.slice(block.end);
    const outsideError = errorsOf(parseAll(outside))[0];
    if (outsideError) this.yamlInvalid(outsideError, 0);

    // YAML's own message for a misindented line ("Nested mappings are not allowed…") is less
    // telling than the line scan's.
    for (const orphan of block.orphans) {
      const line = this.lines.positionAt(orphan.start).line;
      this.invalid(orphan.start, this.lines.lineEnd(line), 'This line is not part of a reference item; check its indentation.');
    }

    for (const chunk of block.chunks) {
      const doc = parseDocument(this.src.slice(chunk.start, chunk.end), OPTIONS) as Doc;
      const first = [...doc.errors].sort((a, b) => a.pos[0] - b.pos[0])[0];
      if (first) this.yamlInvalid(first, chunk.start);
      const root = deref(doc.contents as Node | null, doc);
      if (isSeq(root)) for (const item of root.items) this.readItem(item as Node, doc, first !== undefined, chunk.start);
    }
  }

  /** No item list to split by lines: keep what YAML recovered, one finding per item at its first error. */
  private fallback(docs: Doc[], errors: YAMLError[]): void {
    const items: { node: Node; doc: Doc; faulted: boolean }[] = [];
    for (const { doc, seq } of this.sequences(docs, false)) for (const node of seq.items) items.push({ node: node as Node, doc, faulted: false });
    const seen = new Set<string>();
    for (const e of errors) {
      const index = items.findIndex(({ node }) => node?.range && e.pos[0] >= node.range[0] && e.pos[0] < Math.max(node.range[1], node.range[0] + 1));
      const group = index >= 0 ? `item ${index}` : `gap ${items.filter(({ node }) => node?.range && node.range[0] <= e.pos[0]).length}`;
      if (seen.has(group)) continue;
      seen.add(group);
      if (index >= 0) items[index].faulted = true;
      this.yamlInvalid(e, 0);
    }
    for (const { node, doc, faulted } of items) this.readItem(node, doc, faulted);
  }

  /** A scalar's range inside its quotes; any other value as written, without trailing blanks. */
  private valueRange(node: Node, base: number): Range {
    const [s, e] = node.range ?? [0, 0];
    const start = base + s;
    if (isScalar(node) && (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE) && e - s >= 2) {
      return this.lines.range(start + 1, base + e - 1);
    }
    return this.lines.range(start, this.trimEnd(start, base + e));
  }

  private trimEnd(start: number, end: number): number {
    while (end > start && /\s/.test(this.src[end - 1])) end--;
    return end;
  }

  private yamlInvalid(e: YAMLError, base: number): void {
    const message = e.message.split(/\r?\n/)[0].trim().replace(/\.$/, '');
    const start = base + e.pos[0];
    // Kept to the error's line: an error at a line's end would otherwise mark the next line.
    const lineEnd = this.lines.lineEnd(this.lines.positionAt(start).line);
    this.invalid(start, Math.max(start, Math.min(base + e.pos[1], lineEnd)), `Invalid YAML: ${message}.`);
  }

  private invalidAt(node: Node, base: number, message: string): void {
    const [s, e] = node.range ?? [0, 0];
    this.invalid(base + s, this.trimEnd(base + s, base + e), message);
  }

  private invalid(start: number, end: number, message: string): void {
    this.result.findings.push(finding('bibliography.invalid', this.file, this.lines.range(start, end), message));
  }
}

function parseAll(text: string): Doc[] {
  return parseAllDocuments(text, OPTIONS) as Doc[];
}

function errorsOf(docs: Doc[]): YAMLError[] {
  return docs.flatMap((d) => d.errors).sort((a, b) => a.pos[0] - b.pos[0]);
}

function deref(node: Node | null | undefined, doc: Doc): Node | null {
  if (node == null) return null;
  return isAlias(node) ? ((node.resolve(doc) as Node | undefined) ?? null) : node;
}

function keyName(key: Node | null, doc: Doc): string | undefined {
  const k = deref(key, doc);
  if (k == null) return undefined;
  return isScalar(k) && k.value != null ? String(k.value) : undefined;
}

/** The node as plain data; map keys as strings (collections as keys are dropped). */
function toPlain(node: Node | null, doc: Doc, depth: number): unknown {
  if (node == null || depth > 64) return null;
  if (isAlias(node)) return toPlain(deref(node, doc), doc, depth + 1);
  if (isScalar(node)) return node.value instanceof Date ? node.value : (node.value ?? null);
  if (isSeq(node)) return node.items.map((item) => toPlain(item as Node, doc, depth + 1));
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    for (const pair of node.items) {
      const name = keyName(pair.key as Node, doc);
      if (name !== undefined && name !== '__proto__') out[name] = toPlain(pair.value as Node | null, doc, depth + 1);
    }
    return out;
  }
  return null;
}

/** Drops empty (null) fields and turns the date shorthands of CSL-YAML into date-parts. */
function normaliseItem(item: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(item)) {
    if (value == null) continue;
    out[name] = DATE_FIELDS.includes(name) ? normaliseDate(value) : value;
  }
  return out;
}

const ISO = /^(\d{1,4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/;

function normaliseDate(value: unknown): unknown {
  if (typeof value === 'number' && Number.isInteger(value)) return { 'date-parts': [[value]] };
  if (value instanceof Date && !isNaN(value.getTime())) {
    return { 'date-parts': [[value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate()]] };
  }
  if (typeof value === 'string') {
    const s = value.trim();
    const parts = s.split('/').map(isoParts);
    if (parts.length <= 2 && parts.every((p) => p !== undefined)) return { 'date-parts': parts };
    return { raw: s };
  }
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every((v) => typeof v === 'number' || (typeof v === 'string' && /^\d+$/.test(v)))) {
      return { 'date-parts': [value.map(Number)] };
    }
    const rows = value.map(partsOfObject);
    if (rows.length > 0 && rows.every((r) => r !== undefined)) return { 'date-parts': rows };
    return value;
  }
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    if ('date-parts' in obj || 'raw' in obj || 'literal' in obj) return obj;
    const row = partsOfObject(obj);
    if (row) {
      const { year: _y, month: _m, day: _d, ...rest } = obj;
      return { ...rest, 'date-parts': [row] };
    }
  }
  return value;
}

function isoParts(s: string): number[] | undefined {
  const m = ISO.exec(s.trim());
  if (!m) return undefined;
  return [m[1], m[2], m[3]].filter((p) => p !== undefined).map(Number);
}

/** `{year: 2021, month: 11}` → [2021, 11]. */
function partsOfObject(v: unknown): (number | string)[] | undefined {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  if (o.year == null) return undefined;
  const row: (number | string)[] = [];
  for (const k of ['year', 'month', 'day']) {
    const p = o[k];
    if (p == null) break;
    row.push(typeof p === 'string' && /^\d+$/.test(p) ? Number(p) : (p as number | string));
  }
  return row;
}

function isBlankOrComment(line: string): boolean {
  return /^[ \t]*(?:#.*)?$/.test(line);
}

function blank(s: string): string {
  return s.replace(/[^\r\n]/g, ' ');
}
