// The evidence-lens.yaml config: parsing with exact problem ranges, merging with editor
// settings, severity levels and the glob matcher that sorts workspace files into kinds.
import picomatch from 'picomatch';
import { isAlias, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, Node as YamlNode, Pair, Scalar } from 'yaml';
import { editDistance } from './edit-distance';
import { LineIndex, stripBom } from './text';
import { DEFAULT_SEVERITY, DIAGNOSTIC_CODES } from './types';
import type { DiagnosticCode, Finding, Level, Range } from './types';

export interface ResolverConfig {
  /** Base URL; a request goes to url + DOI. Always ends with '/' unless it has a query. */
  url: string;
  timeoutMs: number;
  online: boolean;
  /** Contact address sent to polite-pool resolvers (Crossref). */
  mailto?: string;
  /** Also ask Crossref's REST API, which reports retractions. */
  crossref?: boolean;
}

export interface EvidenceLensConfig {
  notes: string[];
  bibliographies: string[];
  studies: string[];
  exclude: string[];
  rules: Partial<Record<DiagnosticCode, Level>>;
  resolver: ResolverConfig;
  /** A Retraction Watch CSV export, relative to the config's folder. */
  retractionList?: string;
}

/** What editor settings (or any other layer) may override; values are checked, not trusted. */
export interface ConfigOverride {
  notes?: readonly string[];
  bibliographies?: readonly string[];
  studies?: readonly string[];
  exclude?: readonly string[];
  /** Code → level; unknown codes and invalid levels are ignored. */
  rules?: Readonly<Record<string, unknown>>;
  resolver?: Partial<ResolverConfig>;
  /** Shorthand for resolver.online (resolver.online wins when both are given). */
  online?: boolean;
  retractionList?: string;
}

export interface ConfigProblem {
  message: string;
  range: Range;
}

export const CONFIG_FILE_NAME = 'evidence-lens.yaml';

export const LEVELS: readonly Level[] = ['error', 'warning', 'info', 'hint', 'off'];

/** Smallest accepted resolver time limit, as in the extension's setting. */
export const MIN_TIMEOUT_MS = 100;

export const DEFAULT_CONFIG: EvidenceLensConfig = deepFreeze({
  notes: ['**/*.md'],
  bibliographies: [
    '**/*.bib',
    '**/*.bibtex',
    '**/*.ris',
    '**/*.json',
    '**/references.{yaml,yml}',
    '**/*.bib.{yaml,yml}',
  ],
  studies: ['**/studies/**/*.{yaml,yml}', '**/*.study.{yaml,yml}'],
  exclude: ['**/node_modules/**', '**/.git/**'],
  rules: {},
  resolver: { url: 'https://doi.org/', timeoutMs: 8000, online: true },
});

const GLOB_KEYS = ['notes', 'bibliographies', 'studies', 'exclude'] as const;
type GlobKey = (typeof GLOB_KEYS)[number];
const TOP_KEYS = [...GLOB_KEYS, 'rules', 'resolver', 'online', 'retractionList'];
const RESOLVER_KEYS = ['url', 'timeoutMs', 'online', 'mailto', 'crossref'];

/**
 * Reads evidence-lens.yaml. Never throws: every fault becomes a problem at the offending key or
 * value, that setting keeps its default (a bad list entry is dropped), and the rest applies.
 */
export function parseConfig(text: string): { config: EvidenceLensConfig; problems: ConfigProblem[] } {
  const source = stripBom(text);
  const lines = new LineIndex(source);
  const config = cloneConfig(DEFAULT_CONFIG);
  const problems: ConfigProblem[] = [];
  try {
    new ConfigReader(source, lines, config, problems).read();
  } catch (err) {
    problems.push({ message: `Could not read ${CONFIG_FILE_NAME}: ${String(err)}`, range: lines.range(0, 0) });
  }
  return { config, problems };
}

class ConfigReader {
  private doc!: Document.Parsed;
  /** resolver.online seen, so the `online` shorthand does not override it. */
  private explicitOnline = false;
  private readonly syntaxStarts = new Set<number>();

  constructor(
    private readonly source: string,
    private readonly lines: LineIndex,
    private readonly config: EvidenceLensConfig,
    private readonly problems: ConfigProblem[],
  ) {}

  read(): void {
    this.doc = parseDocument(this.source, { prettyErrors: false, uniqueKeys: false });
    for (const e of [...this.doc.errors, ...this.doc.warnings]) {
      this.problems.push({ message: `YAML: ${e.message}`, range: this.lines.range(e.pos[0], e.pos[1]) });
      this.syntaxStarts.add(e.pos[0]);
    }
    const root = this.doc.contents;
    if (root === null || (isScalar(root) && root.value === null)) return;
    if (!isMap(root)) {
      this.problem(root, `${CONFIG_FILE_NAME} must be a mapping of settings (notes, bibliographies, studies, exclude, rules, resolver, online, retractionList)`);
      return;
    }
    let shorthandOnline: boolean | undefined;
    const seen = new Set<string>();
    for (const pair of root.items) {
      const name = this.keyName(pair, seen, 'setting');
      if (name === undefined) continue;
      const value = pair.value as YamlNode | null;
      switch (name) {
        case 'notes':
        case 'bibliographies':
        case 'studies':
        case 'exclude':
          this.readGlobs(name, pair, value);
          break;
        case 'rules':
          this.readRules(pair, value);
          break;
        case 'resolver':
          this.readResolver(pair, value);
          break;
        case 'online': {
          const b = this.readBoolean(pair, value, '"online"');
          if (b !== undefined) shorthandOnline = b;
          break;
        }
        case 'retractionList': {
          const v = this.deref(value);
          if (isScalar(v) && typeof v.value === 'string' && v.value.trim()) this.config.retractionList = v.value.trim();
          else this.valueProblem(pair, value, '"retractionList" must be the path of a Retraction Watch CSV file');
          break;
        }
        default:
          this.problem(pair.key as YamlNode, unknownMessage('setting', name, TOP_KEYS));
      }
    }
    if (shorthandOnline !== undefined && !this.explicitOnline) this.config.resolver.online = shorthandOnline;
  }

  /**
   * The key as a string, or undefined (with a problem) when it is not a plain scalar. A repeated
   * key gets a problem too; its value still applies, as the later one wins.
   */
  private keyName(pair: Pair<unknown, unknown>, seen: Set<string>, kind: string): string | undefined {
    const key = pair.key as YamlNode | null;
    if (isScalar(key) && (typeof key.value === 'string' || typeof key.value === 'number')) {
      const name = String(key.value);
      if (seen.has(name)) this.problem(key, `Duplicate ${kind} "${name}"; the last one applies`);
      seen.add(name);
      return name;
    }
    if (key) this.problem(key, `${kind[0].toUpperCase()}${kind.slice(1)} names must be plain text`);
    return undefined;
  }

  private readGlobs(name: GlobKey, pair: Pair<unknown, unknown>, value: YamlNode | null): void {
    const expected = `"${name}" must be a glob or a list of globs`;
    const node = this.deref(value);
    if (isScalar(node) && typeof node.value === 'string') {
      const glob = this.checkGlob(name, node);
      if (glob !== undefined) this.config[name] = [glob];
      return;
    }
    if (!isSeq(node)) {
      this.valueProblem(pair, value, expected);
      return;
    }
    const globs: string[] = [];
    for (const item of node.items as (YamlNode | null)[]) {
      const it = this.deref(item);
      if (isScalar(it) && typeof it.value === 'string') {
        const glob = this.checkGlob(name, it);
        if (glob !== undefined) globs.push(glob);
      } else if (item) {
        this.problem(item, `Each entry of "${name}" must be a glob (text)`);
      }
    }
    this.config[name] = globs;
  }

  private checkGlob(name: GlobKey, node: Scalar): string | undefined {
    const glob = String(node.value).trim();
    if (glob === '' || glob === '!') {
      this.problem(node, `Empty glob in "${name}"`);
      return undefined;
    }
    if (/^!?\//.test(glob)) {
      this.problem(node, `Globs are relative to the workspace root; remove the leading "/"`);
      return undefined;
    }
    try {
      picomatch.makeRe(glob.replace(/^!/, ''), { windows: false });
    } catch (err) {
      this.problem(node, `Invalid glob: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
    return glob;
  }

  private readRules(pair: Pair<unknown, unknown>, value: YamlNode | null): void {
    const node = this.deref(value);
    if (!isMap(node)) {
      this.valueProblem(pair, value, '"rules" must be a mapping from diagnostic code to level (error, warning, info, hint or off)');
      return;
    }
    const seen = new Set<string>();
    for (const rule of node.items) {
      const code = this.keyName(rule, seen, 'rule');
      if (code === undefined) continue;
      if (!(DIAGNOSTIC_CODES as readonly string[]).includes(code)) {
        this.problem(rule.key as YamlNode, unknownMessage('diagnostic code', code, DIAGNOSTIC_CODES));
        continue;
      }
      const raw = rule.value as YamlNode | null;
      const v = this.deref(raw);
      const level = isScalar(v) ? v.value : undefined;
      if (typeof level === 'string' && (LEVELS as readonly string[]).includes(level)) {
        this.config.rules[code as DiagnosticCode] = level as Level;
        continue;
      }
      let hint = '';
      if (level === false) hint = ' (did you mean "off"?)';
      else if (typeof level === 'string') {
        const s = suggest(level, LEVELS);
        if (s) hint = ` (did you mean "${s}"?)`;
      }
      const shown = isScalar(v) && v.value !== null ? ` "${String(v.value)}"` : '';
      this.valueProblem(rule, raw, `Invalid level${shown} for ${code}: expected error, warning, info, hint or off${hint}`);
    }
  }

  private readResolver(pair: Pair<unknown, unknown>, value: YamlNode | null): void {
    const node = this.deref(value);
    if (!isMap(node)) {
      this.valueProblem(pair, value, '"resolver" must be a mapping (url, timeoutMs, online, mailto, crossref)');
      return;
    }
    const resolver = this.config.resolver;
    const seen = new Set<string>();
    for (const item of node.items) {
      const name = this.keyName(item, seen, 'resolver setting');
      if (name === undefined) continue;
      const raw = item.value as YamlNode | null;
      const v = this.deref(raw);
      const scalar = isScalar(v) ? v.value : undefined;
      switch (name) {
        case 'url': {
          const url = typeof scalar === 'string' ? normaliseResolverUrl(scalar) : undefined;
          if (url === undefined) this.valueProblem(item, raw, '"resolver.url" must be an http or https URL');
          else resolver.url = url;
          break;
        }
        case 'timeoutMs':
          if (typeof scalar === 'number' && Number.isFinite(scalar) && scalar >= MIN_TIMEOUT_MS) resolver.timeoutMs = scalar;
          else this.valueProblem(item, raw, `"resolver.timeoutMs" must be a number of milliseconds, at least ${MIN_TIMEOUT_MS}`);
          break;
        case 'online': {
          const b = this.readBoolean(item, raw, '"resolver.online"');
          if (b !== undefined) {
            resolver.online = b;
            this.explicitOnline = true;
          }
          break;
        }
        case 'mailto':
          if (typeof scalar === 'string' && isEmail(scalar)) resolver.mailto = scalar.trim();
          else this.valueProblem(item, raw, '"resolver.mailto" must be an e-mail address');
          break;
        case 'crossref': {
          const b = this.readBoolean(item, raw, '"resolver.crossref"');
          if (b !== undefined) resolver.crossref = b;
          break;
        }
        default:
          this.problem(item.key as YamlNode, unknownMessage('resolver setting', name, RESOLVER_KEYS));
      }
    }
  }

  private readBoolean(pair: Pair<unknown, unknown>, raw: YamlNode | null, label: string): boolean | undefined {
    const v = this.deref(raw);
    if (isScalar(v) && typeof v.value === 'boolean') return v.value;
    let hint = '';
    if (isScalar(v) && typeof v.value === 'string' && /^(?:yes|no|on|off|y|n)$/i.test(v.value)) {
      hint = ` (YAML 1.2 reads "${v.value}" as text; write ${/^(?:yes|on|y)$/i.test(v.value) ? 'true' : 'false'})`;
    }
    this.valueProblem(pair, raw, `${label} must be true or false${hint}`);
    return undefined;
  }

  /** Follows an alias to its anchored node; an unknown alias counts as no value. */
  private deref(node: YamlNode | null | undefined): YamlNode | null {
    if (!node) return null;
    if (isAlias(node)) {
      try {
        return (node.resolve(this.doc) as YamlNode | undefined) ?? null;
      } catch {
        return null;
      }
    }
    return node;
  }

  /** A problem at the value, or at the key when the value is missing (`notes:` and nothing). */
  private valueProblem(pair: Pair<unknown, unknown>, value: YamlNode | null, message: string): void {
    const r = value?.range;
    if (value && r && r[1] > r[0]) this.problem(value, message);
    else this.problem(pair.key as YamlNode, message);
  }

  private problem(node: YamlNode | null, message: string): void {
    // A node that starts where YAML reported a syntax error is an artefact of that error.
    if (node?.range && this.syntaxStarts.has(node.range[0])) return;
    this.problems.push({ message, range: this.nodeRange(node) });
  }

  /** The node's own text, without trailing line breaks, spaces or comments. */
  private nodeRange(node: YamlNode | null): Range {
    const r = node?.range;
    if (!r) return this.lines.range(0, 0);
    let end = r[1];
    while (end > r[0] && /\s/.test(this.source[end - 1])) end--;
    return this.lines.range(r[0], end);
  }
}

function isEmail(s: string): boolean {
  return /^[^\s@]+@[^\s@]+$/.test(s.trim());
}

function unknownMessage(kind: string, name: string, known: readonly string[]): string {
  const s = suggest(name, known);
  if (s) return `Unknown ${kind} "${name}" (did you mean "${s}"?)`;
  return known.length <= 8 ? `Unknown ${kind} "${name}"; expected one of ${known.join(', ')}` : `Unknown ${kind} "${name}"`;
}

/** The closest known name: same text ignoring case, a prefix, the part after the dot, or a near spelling. */
export function suggest(input: string, known: readonly string[]): string | undefined {
  const lower = input.toLowerCase();
  const exact = known.find((k) => k.toLowerCase() === lower);
  if (exact) return exact;
  if (lower.length >= 3) {
    const prefixed = known.filter((k) => k.toLowerCase().startsWith(lower));
    if (prefixed.length === 1) return prefixed[0];
    const tail = known.filter((k) => k.toLowerCase().split('.').pop() === lower);
    if (tail.length === 1) return tail[0];
  }
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = editDistance(lower, k.toLowerCase());
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(input.length / 3)) ? best : undefined;
}

/** An http(s) URL, given a trailing '/' when it has neither one nor a query; undefined if invalid. */
export function normaliseResolverUrl(input: string): string | undefined {
  const s = input.trim();
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (!url.search && !url.hash && !s.endsWith('/')) return s + '/';
  return s;
}

/**
 * Layers `override` (editor settings) over `base` (the file): a given list replaces the
 * base list, rules merge per code, resolver fields replace one by one. Invalid values are ignored.
 */
export function mergeConfig(base: EvidenceLensConfig, override: ConfigOverride): EvidenceLensConfig {
  const out = cloneConfig(base);
  for (const key of GLOB_KEYS) {
    const list = override[key];
    if (Array.isArray(list)) out[key] = list.filter((g): g is string => typeof g === 'string' && g.trim() !== '').map((g) => g.trim());
  }
  if (override.rules && typeof override.rules === 'object') {
    for (const [code, level] of Object.entries(override.rules)) {
      if ((DIAGNOSTIC_CODES as readonly string[]).includes(code) && (LEVELS as readonly unknown[]).includes(level)) {
        out.rules[code as DiagnosticCode] = level as Level;
      }
    }
  }
  const r = override.resolver ?? {};
  if (typeof r.url === 'string') {
    const url = normaliseResolverUrl(r.url);
    if (url !== undefined) out.resolver.url = url;
  }
  if (typeof r.timeoutMs === 'number' && Number.isFinite(r.timeoutMs) && r.timeoutMs >= MIN_TIMEOUT_MS) {
    out.resolver.timeoutMs = r.timeoutMs;
  }
  const online = typeof r.online === 'boolean' ? r.online : override.online;
  if (typeof online === 'boolean') out.resolver.online = online;
  if (typeof r.mailto === 'string' && isEmail(r.mailto)) out.resolver.mailto = r.mailto.trim();
  if (typeof r.crossref === 'boolean') out.resolver.crossref = r.crossref;
  if (typeof override.retractionList === 'string' && override.retractionList.trim()) out.retractionList = override.retractionList.trim();
  return out;
}

/** The level a code is reported at: the config's rule, else the code's default severity. */
export function severityFor(config: EvidenceLensConfig, code: DiagnosticCode): Level {
  return config.rules[code] ?? DEFAULT_SEVERITY[code];
}

/** New findings with each code's configured severity; codes set to 'off' are dropped. */
export function applyLevels(findings: readonly Finding[], config: EvidenceLensConfig): Finding[] {
  const out: Finding[] = [];
  for (const f of findings) {
    const level = severityFor(config, f.code);
    if (level === 'off') continue;
    out.push(level === f.severity ? f : { ...f, severity: level });
  }
  return out;
}

export interface PathMatcher {
  isNote(rel: string): boolean;
  isBibliography(rel: string): boolean;
  isStudy(rel: string): boolean;
  isExcluded(rel: string): boolean;
}

/**
 * Sorts root-relative, '/'-separated paths into kinds. Exclusion wins over every kind; a study
 * record is never also a bibliography; the config file is neither. Within one list a glob
 * starting with '!' removes matches of the others (`['**\/*.md', '!drafts/**']`).
 * Include globs skip dot folders and files ({ dot: false }); exclude globs match them too, so
 * `**\/drafts/**` also excludes `.hidden/drafts/a.md`.
 */
export function createPathMatcher(config: EvidenceLensConfig): PathMatcher {
  const note = compileGlobs(config.notes, false);
  const bibliography = compileGlobs(config.bibliographies, false);
  const study = compileGlobs(config.studies, false);
  const exclude = compileGlobs(config.exclude, true);
  const isExcluded = (rel: string): boolean => exclude(normaliseRel(rel));
  const isConfig = (rel: string): boolean => /(?:^|\/)evidence-lens\.ya?ml$/.test(rel);
  const isStudy = (rel: string): boolean => {
    const p = normaliseRel(rel);
    return !exclude(p) && !isConfig(p) && study(p);
  };
  return {
    isNote: (rel) => {
      const p = normaliseRel(rel);
      return !exclude(p) && note(p);
    },
    isStudy,
    isBibliography: (rel) => {
      const p = normaliseRel(rel);
      return !exclude(p) && !isConfig(p) && !study(p) && bibliography(p);
    },
    isExcluded,
  };
}

function normaliseRel(rel: string): string {
  return rel.replace(/^(?:\.\/)+/, '');
}

function compileGlobs(globs: readonly string[], dot: boolean): (path: string) => boolean {
  const include: picomatch.Matcher[] = [];
  const negated: picomatch.Matcher[] = [];
  for (const raw of globs) {
    const glob = raw.trim();
    const negative = glob.startsWith('!');
    const pattern = negative ? glob.slice(1) : glob;
    if (pattern === '') continue;
    try {
      (negative ? negated : include).push(picomatch(pattern, { dot, windows: false }));
    } catch {
      /* parseConfig reports invalid globs; here they match nothing */
    }
  }
  return (path) => include.some((m) => m(path)) && !negated.some((m) => m(path));
}

function cloneConfig(c: EvidenceLensConfig): EvidenceLensConfig {
  return {
    notes: [...c.notes],
    bibliographies: [...c.bibliographies],
    studies: [...c.studies],
    exclude: [...c.exclude],
    rules: { ...c.rules },
    resolver: { ...c.resolver },
    ...(c.retractionList ? { retractionList: c.retractionList } : {}),
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
