// Parses a CSL-JSON bibliography (an array of CSL items) with jsonc-parser, which keeps the offset
// of every node and recovers from syntax errors. Each fault is one bibliography.invalid at its
// position (at most one per item); every item that is still a closed object with an id loads.
// Never throws.
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { normaliseDoi } from '../doi';
import { LineIndex, compareRanges } from '../text';
import { finding, type BibEntry, type Finding, type ParsedBibliography, type Range } from '../types';
import { shapeCsl } from './csl-shape';

const OPTIONS = { allowTrailingComma: true, disallowComments: false };

export function parseCslJson(text: string, file: string): ParsedBibliography {
  const result: ParsedBibliography = { file, format: 'csl-json', entries: [], findings: [] };
  try {
    new CslJsonParser(text, file, result).parse();
    result.findings.sort((a, b) => compareRanges(a.range, b.range));
  } catch (err) {
    result.findings.push(internalError(file, err, 'CSL-JSON'));
  }
  return result;
}

/** A node of the whole-file tree (base 0) or of a re-parse starting at `base`. */
interface Item {
  node: Node;
  base: number;
  /** Set for an item that has a syntax finding already (no second finding for it). */
  faulted: boolean;
  /** Where the item's range ends when it swallowed recovered items after a fault. */
  end?: number;
}

class CslJsonParser {
  private readonly src: string;
  private readonly lines: LineIndex;

  constructor(
    text: string,
    private readonly file: string,
    private readonly result: ParsedBibliography,
  ) {
    // A byte order mark is not JSON; a space keeps every offset where it was.
    this.src = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
    this.lines = new LineIndex(text);
  }

  parse(): void {
    const { src } = this;
    if (src.trim() === '') return; // a new, empty bibliography file is not an error
    const errors: ParseError[] = [];
    const root = parseTree(src, errors, OPTIONS);
    errors.sort((a, b) => a.offset - b.offset);
    if (!root) {
      const e = errors[0];
      this.invalid(e ? e.offset : 0, e ? e.offset + e.length : 0, e ? `Invalid JSON: ${describe(e)}.` : 'Invalid JSON.');
      return;
    }
    if (root.type !== 'array') {
      this.invalid(root.offset, root.offset + 1, 'A CSL-JSON bibliography must be an array of CSL items.');
      return;
    }

    const children = root.children ?? [];
    const items: Item[] = children.map((node) => ({ node, base: 0, faulted: false }));
    // One finding per item (or per stretch between items) at its first syntax error.
    const seen = new Set<string>();
    for (const e of errors) {
      const index = children.findIndex((c) => contains(c, e));
      const next = nextIndex(children, e.offset);
      const group = index >= 0 ? `item ${index}` : `gap ${next}`;
      if (seen.has(group)) continue;
      seen.add(group);
      // An error just after a broken item (the array closed early) is that item's fault again.
      if (index >= 0 || !seen.has(`item ${next - 1}`)) this.invalid(e.offset, e.offset + e.length, `Invalid JSON: ${describe(e)}.`);
      let regionStart = e.offset;
      let regionEnd: number;
      if (index >= 0) {
        const child = children[index];
        items[index].faulted = true;
        regionStart = Math.max(e.offset, child.offset + 1);
        regionEnd = child.offset + child.length;
      } else {
        regionEnd = children[next] ? children[next].offset : src.length;
      }
      // Items are written at one indentation; a brace at another opens a nested value.
      const sample = index >= 0 ? children[index] : children[0];
      const column = sample ? this.lines.positionAt(sample.offset).character : undefined;
      const recovered = this.recover(regionStart, regionEnd, column, items);
      if (index >= 0 && recovered.length > 0) items[index].end = trimBack(src, items[index].node.offset, recovered[0].base);
      for (const item of recovered) items.push(item); // not push(...): a huge array overflows the stack
    }

    items.sort((a, b) => a.base + a.node.offset - (b.base + b.node.offset));
    for (const item of items) this.readItem(item);
  }

  /**
   * Items a syntax error swallowed (an unclosed brace or string runs into the next items):
   * objects starting a line inside the damaged region that parse cleanly on their own.
   */
  private recover(start: number, end: number, column: number | undefined, items: Item[]): Item[] {
    const { src } = this;
    const out: Item[] = [];
    let pos = start;
    while (pos < end) {
      const brace = nextLineStartBrace(src, pos, end);
      if (brace < 0) break;
      if (column !== undefined && this.lines.positionAt(brace).character !== column) {
        pos = brace + 1;
        continue;
      }
      const errors: ParseError[] = [];
      const node = parseTree(src.slice(brace), errors, OPTIONS);
      const clean =
        node &&
        node.type === 'object' &&
        src[brace + node.length - 1] === '}' &&
        !errors.some((e) => e.offset < node.length) &&
        !items.some((i) => !i.faulted && overlaps(i, brace, brace + node.length));
      if (node && clean) {
        out.push({ node, base: brace, faulted: false });
        pos = brace + node.length;
      } else {
        pos = brace + 1;
      }
    }
    return out;
  }

  private readItem(item: Item): void {
    const { node, base } = item;
    const start = base + node.offset;
    const end = item.end ?? start + node.length;
    if (node.type !== 'object') {
      if (!item.faulted) this.invalid(start, start + node.length, 'A CSL item must be a JSON object.');
      return;
    }
    // An object cut short by a syntax error (no closing brace) is not loaded.
    if (item.faulted && this.src[start + node.length - 1] !== '}') return;

    const props = new Map<string, Node>();
    for (const prop of node.children ?? []) {
      const [keyNode, valueNode] = prop.children ?? [];
      if (keyNode && valueNode && typeof keyNode.value === 'string') props.set(keyNode.value, valueNode);
    }
    const idNode = props.get('id');
    const id = idNode && (idNode.type === 'string' || idNode.type === 'number') ? String(idNode.value).trim() : '';
    if (!idNode || id === '') {
      if (!item.faulted) this.invalid(start, start + 1, 'CSL item has no id.');
      return;
    }

    const value = toPlain(node) as Record<string, unknown>;
    const csl = shapeCsl({ ...value, id });
    for (const [k, v] of Object.entries(csl)) if (v === null) delete csl[k];
    const fieldRanges: Partial<Record<string, Range>> = {};
    for (const [name, valueNode] of props) fieldRanges[name] = this.valueRange(valueNode, base);

    const doiNode = props.get('DOI');
    if (doiNode && doiNode.type !== 'null') {
      const raw = doiNode.type === 'string' ? String(doiNode.value) : this.src.slice(base + doiNode.offset, base + doiNode.offset + doiNode.length);
      csl.DOI = raw;
      // In an item with a syntax error the value may be a consequence of it.
      const bad = item.faulted ? undefined : doiFinding(this.file, id, raw, fieldRanges.DOI!);
      if (bad) this.result.findings.push(bad);
    }

    const entry: BibEntry = {
      key: id,
      csl,
      file: this.file,
      format: 'csl-json',
      range: this.lines.range(start, end),
      keyRange: this.valueRange(idNode, base),
      fieldRanges,
    };
    this.result.entries.push(entry);
  }

  /** A string's range without its quotes; any other value as written. */
  private valueRange(node: Node, base: number): Range {
    const start = base + node.offset;
    if (node.type === 'string' && node.length >= 2) return this.lines.range(start + 1, start + node.length - 1);
    return this.lines.range(start, start + node.length);
  }

  private invalid(start: number, end: number, message: string): void {
    this.result.findings.push(finding('bibliography.invalid', this.file, this.lines.range(start, end), message));
  }
}

/** reference.doi-malformed for a DOI field normaliseDoi rejects; none for an empty field. */
export function doiFinding(file: string, key: string, raw: string, range: Range): Finding | undefined {
  if (raw.trim() === '' || normaliseDoi(raw)) return undefined;
  return finding('reference.doi-malformed', file, range, `DOI '${raw}' in entry '${key}' is not a valid DOI.`, {
    data: { key, doi: raw },
  });
}

/** The finding that stands in for an exception: a parser bug must not hide the whole file. */
export function internalError(file: string, err: unknown, what: string): Finding {
  const message = err instanceof Error ? err.message : String(err);
  const at = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return finding('bibliography.invalid', file, at, `Could not read this ${what} bibliography: ${message}`);
}

/** The node as plain data (jsonc-parser's getNodeValue builds objects without a prototype). */
function toPlain(node: Node): unknown {
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const prop of node.children ?? []) {
        const [key, value] = prop.children ?? [];
        if (key && value && typeof key.value === 'string' && key.value !== '__proto__') out[key.value] = toPlain(value);
      }
      return out;
    }
    case 'array':
      return (node.children ?? []).map(toPlain);
    default:
      return node.value ?? null;
  }
}

function contains(node: Node, e: ParseError): boolean {
  const end = node.offset + node.length;
  return e.offset >= node.offset && (e.offset < end || (e.offset === end && e.length === 0));
}

function nextIndex(children: Node[], offset: number): number {
  const i = children.findIndex((c) => c.offset > offset);
  return i < 0 ? children.length : i;
}

function overlaps(item: Item, start: number, end: number): boolean {
  const s = item.base + item.node.offset;
  const e = s + item.node.length;
  return s < end && start < e;
}

/** Offset of the next `{` that is the first thing on its line, in [from, to), or -1. */
function nextLineStartBrace(src: string, from: number, to: number): number {
  const re = /^[ \t]*\{/gm;
  re.lastIndex = Math.max(src.lastIndexOf('\n', from - 1), src.lastIndexOf('\r', from - 1)) + 1;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    const brace = m.index + m[0].length - 1;
    if (brace >= to) return -1;
    if (brace >= from) return brace;
  }
  return -1;
}

/** End of an item cut short at `limit`: back over white space and a separating comma. */
function trimBack(src: string, start: number, limit: number): number {
  let end = limit;
  while (end > start && /\s/.test(src[end - 1])) end--;
  if (end > start && src[end - 1] === ',') end--;
  while (end > start && /\s/.test(src[end - 1])) end--;
  return end;
}

/** "CommaExpected" → "comma expected". */
function describe(e: ParseError): string {
  return printParseErrorCode(e.error)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
}
