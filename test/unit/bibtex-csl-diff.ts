// The differential comparison of bibtex-csl with citation-js: the same entries through both, every
// CSL field either produces compared after NFC (those Evidence Lens reads counted apart), and
// every disagreement either explained by one of the deliberate differences (README.md in
// src/core/bibliography/bibtex-csl) or reported.
import { citeParse } from '../../src/core/bibliography/cite';
import { convertEntries } from '../../src/core/bibliography/bibtex-csl/convert';
import type { CslItem } from '../../src/core/types';
import { readRawBibtex, type RawBibliography } from './bibtex-raw';

/** The fields Evidence Lens reads; every other CSL field either side produces is compared too. */
export const USED = new Set(['id', 'type', 'title', 'author', 'editor', 'issued', 'container-title', 'volume', 'issue', 'page', 'DOI', 'URL', 'publisher']);

/** The deliberate differences, by the id the comparison reports. */
export const DIFFERENCES: Record<string, string> = {
  rejected: 'citation-js throws for the entry (alone and in its file); we convert it',
  'dotless-i': "an accent on \\i or \\j is í, not ı + combining accent (no NFC form)",
  aa: '{\\aa} and {\\AA} are å and Å; citation-js keeps "\\aa"',
  'unknown-command': 'an unknown command shows its argument or name, without the backslash',
  href: '\\href{url}{text} is the text, not the URL',
  'corporate-literal': 'a name in one pair of braces is a CSL literal, not a family name',
  'list-joined': 'list fields (publisher, address) are one string joined with "; ", not an array',
  'pages-dashes': 'every en or em dash in pages becomes "-", not only the first',
  'undefined-macro': 'an undefined @string macro keeps its name as the text; citation-js drops the field',
  'doi-from-link': "a DOI given only as a doi.org link in url or note, or as a publisher's /doi/ landing page in url, is the DOI",
  eprint: 'eprinttype arxiv gives the arXiv URL when there is no url',
  'url-verbatim': '\\url{…} is read verbatim: a ~ in it is a tilde, not a no-break space',
  trimmed: 'literal fields are trimmed of surrounding whitespace',
  'doubled-and': 'a doubled "and" between names is one separator, not a name with the particle "and"',
  'doi-bare': 'a DOI in double braces or with a resolver or doi: prefix is the bare DOI; doi: in a note and doi.org in bdsk-url-N give the DOI',
  inheritance: 'crossref/xdata: xdata is inherited, a book parent gives booktitle to any part, no crash on a missing parent author',
};

type Fix = (theirs: unknown, ours: unknown, field: string, entryText: string) => unknown;

function mapStrings(v: unknown, f: (s: string) => string): unknown {
  if (typeof v === 'string') return f(v);
  if (Array.isArray(v)) return v.map((x) => mapStrings(x, f));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mapStrings(x, f)]));
  return v;
}

/** Each difference as a repair of citation-js's value; a mismatch is explained if repairs make it equal. */
const FIXES: [string, Fix][] = [
  ['dotless-i', (t) => mapStrings(t, (s) => s.replace(/([\u0131\u0237])(\p{M}+)/gu, (_, c: string, m: string) => (c === '\u0131' ? 'i' : 'j') + m).normalize('NFC'))],
  ['aa', (t) => mapStrings(t, (s) => s.replace(/\\aa(?![A-Za-z])/g, '\u00e5').replace(/\\AA(?![A-Za-z])/g, '\u00c5'))],
  ['list-joined', (t) => (Array.isArray(t) && t.every((x) => typeof x === 'string') ? t.join('; ') : t)],
  ['pages-dashes', (t, _o, field) => (field === 'page' && typeof t === 'string' ? t.replace(/[\u2013\u2014]/g, '-') : t)],
  [
    'corporate-literal',
    (t, o) =>
      Array.isArray(t) && Array.isArray(o)
        ? t.map((n: Record<string, string>, i) => (Object.keys(n).length === 1 && n.family !== undefined && (o[i] as Record<string, string>)?.literal === n.family ? { literal: n.family } : n))
        : t,
  ],
  ['unknown-command', (t, o, _f, text) => (/\\(?!href)[A-Za-z]+|\\[,;:! ]/.test(text) && JSON.stringify(t ?? '').includes('\\\\') ? o : t)],
  ['href', (t, o, _f, text) => (text.includes('\\href') ? o : t)],
  ['undefined-macro', (t, o, _f, text) => (t === undefined && UNDEFINED_MACRO.test(text) ? o : t)],
  ['doi-from-link', (t, o, field, text) => (field === 'DOI' && t === undefined && typeof o === 'string' && (text.includes(`doi.org/${o}`) || (text.includes(`/doi/`) && text.includes(o))) ? o : t)],
  ['eprint', (t, o, field, text) => (/^(URL|archive|archive_location|DOI|PMCID)$/.test(field) && t === undefined && /eprinttype\s*=\s*\{(arxiv|doi|pmcid)\}/i.test(text) ? o : t)],
  ['url-verbatim', (t, o, _f, text) => (text.includes('\\url{') && typeof t === 'string' && t.includes('\u00a0') ? o : t)],
  ['trimmed', (t) => (typeof t === 'string' ? t.trim() : t)],
  ['doubled-and', (t, o, field, text) => (/^(author|editor)$/.test(field) && /\sand\s+and\s/i.test(text) ? o : t)],
  [
    'doi-bare',
    (t, o, field, text) =>
      field === 'DOI' && typeof o === 'string' && (t === undefined || (typeof t === 'string' && t !== o && t.includes(o))) && /doi\s*=\s*\{\{|doi\.org\/|doi:|bdsk-url/i.test(text) ? o : t,
  ],
  ['inheritance', (t, o, _f, text) => (/\b(crossref|xdata)\s*=/i.test(text) ? o : t)],
];
/** Set per entry by the comparison: whether our converter reported an undefined macro in it. */
let UNDEFINED_MACRO = /$^/;

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
    );
  }
  return typeof v === 'string' ? v.normalize('NFC') : v;
}

/** A field as compared: NFC, keys sorted, names without citation-js's "others" (bibtex.ts drops it too). */
function project(item: CslItem | undefined, field: string): unknown {
  if (!item) return undefined;
  let v = item[field];
  if ((field === 'author' || field === 'editor') && Array.isArray(v)) {
    v = v.filter((n: Record<string, unknown>) => !(n.family === 'others' && Object.keys(n).length === 1));
    if ((v as unknown[]).length === 0) v = undefined;
  }
  if (field === 'issued' && v && typeof v === 'object') {
    const d = v as { 'date-parts'?: unknown; literal?: unknown };
    v = d['date-parts'] !== undefined ? { 'date-parts': d['date-parts'] } : { literal: d.literal };
  }
  if (typeof v === 'number') v = String(v);
  return v === undefined ? undefined : sortKeys(v);
}

export interface DiffReport {
  entries: number;
  /** Entries whose compared fields all agree exactly. */
  agreeing: number;
  /** Entries whose fields that Evidence Lens reads agree exactly. */
  agreeingUsed: number;
  fields: number;
  agreeingFields: number;
  usedFields: number;
  agreeingUsedFields: number;
  /** Field mismatches by the difference that explains them. */
  explained: Record<string, number>;
  unexplained: string[];
}

/** citation-js on the whole file, else entry by entry (with its crossref/xdata parent and the @strings). */
function citationJs(raw: RawBibliography): (CslItem | undefined)[] {
  const prefix = raw.macroTexts.join('\n') + '\n';
  try {
    const items = citeParse(prefix + raw.entryTexts.join('\n'), '@biblatex/text') as CslItem[];
    if (items.length === raw.entries.length) return items;
  } catch {
    // one bad entry (or a citation-js crash) costs the whole file: retry one by one
  }
  const byKey = new Map(raw.entries.map((e, i) => [e.key, i]));
  return raw.entries.map((e, i) => {
    const parents = e.fields
      .filter((f) => /^(crossref|xdata)$/i.test(f.name))
      .flatMap((f) => f.parts.map((p) => byKey.get(p.text.trim())))
      .filter((p): p is number => p !== undefined);
    try {
      const items = citeParse(prefix + [i, ...parents].map((j) => raw.entryTexts[j]).join('\n'), '@biblatex/text') as CslItem[];
      return items[0];
    } catch {
      return undefined;
    }
  });
}

export function compareWithCitationJs(text: string, report: DiffReport): void {
  const raw = readRawBibtex(text);
  const undefinedIn = new Set<number>();
  const ours = convertEntries(raw.entries, raw.macros, { onUndefinedMacro: (i) => undefinedIn.add(i) });
  const theirs = citationJs(raw);
  raw.entries.forEach((e, i) => {
    report.entries++;
    let agree = true;
    let agreeUsed = true;
    UNDEFINED_MACRO = undefinedIn.has(i) ? /[^]/ : /$^/;
    const fields = new Set([...USED, ...Object.keys(ours[i]), ...Object.keys(theirs[i] ?? {})]);
    fields.delete('_graph');
    for (const field of fields) {
      const used = USED.has(field);
      report.fields++;
      if (used) report.usedFields++;
      const o = project(ours[i], field);
      let t = project(theirs[i], field);
      if (JSON.stringify(o) === JSON.stringify(t)) {
        report.agreeingFields++;
        if (used) report.agreeingUsedFields++;
        continue;
      }
      agree = false;
      if (used) agreeUsed = false;
      if (theirs[i] === undefined) {
        report.explained.rejected = (report.explained.rejected ?? 0) + 1;
        continue;
      }
      const applied: string[] = [];
      for (const [id, fix] of FIXES) {
        const fixed = fix(t, o, field, raw.entryTexts[i]);
        if (JSON.stringify(fixed) !== JSON.stringify(t)) {
          applied.push(id);
          t = fixed;
        }
        if (JSON.stringify(o) === JSON.stringify(t)) break;
      }
      if (JSON.stringify(o) === JSON.stringify(t)) {
        for (const id of applied) report.explained[id] = (report.explained[id] ?? 0) + 1;
      } else {
        report.unexplained.push(`${e.key}.${field}: ours ${JSON.stringify(o)} citation-js ${JSON.stringify(project(theirs[i], field))}`);
      }
    }
    if (agree) report.agreeing++;
    if (agreeUsed) report.agreeingUsed++;
  });
}

export function emptyReport(): DiffReport {
  return { entries: 0, agreeing: 0, agreeingUsed: 0, fields: 0, agreeingFields: 0, usedFields: 0, agreeingUsedFields: 0, explained: {}, unexplained: [] };
}
