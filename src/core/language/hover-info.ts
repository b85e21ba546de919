// What a hover shows about the citation under the cursor, as plain data: the adapter renders it
// (and escapes it), tests assert it without a renderer.
import { formatEntry, isBuiltinStyle } from '../format/citation-format';
import { authorList, journalOf, titleOf, yearOf } from '../format/describe';
import type { WorkspaceIndex } from '../index/workspace-index';
import type { MetadataLookup } from '../resolver/types';
import { comparePositions } from '../text';
import type { CslItem, Finding, Range, StudyRecord } from '../types';
import { citingNoteCount, linkedWorks } from './linked-works';
import { doiUrl } from './links';
import type { Target } from './target';
import { targetAt } from './target';

export interface StudySummary {
  id: string;
  design?: string;
  n?: number;
  population?: string;
  primaryOutcome?: { measure: string; timepoint?: string; significant?: boolean };
}

/** Where the metadata came from: the user's library, a resolver's answer, or nowhere. */
export type Availability = 'library' | 'resolved-online' | 'not-in-library';

export interface HoverInfo {
  target: Target;
  range: Range;
  /** The citation as the user wrote it: "@davis2021", "[5]", "doi:10.1001/…". */
  label: string;
  availability: Availability;
  /** The key the library knows the work by, when it does. */
  key?: string;
  title?: string;
  authors?: string;
  journal?: string;
  year?: number;
  volume?: string;
  issue?: string;
  pages?: string;
  doi?: string;
  doiUrl?: string;
  formatted?: string;
  study?: StudySummary;
  retraction?: string;
  /** For [n]: the reference list item's own text, or why there is none. */
  referenceText?: string;
  missingItem?: boolean;
  findings: { code: string; message: string }[];
  citingNotes: number;
}

export interface HoverOptions {
  /** evidenceLens.citationStyle; an unknown style falls back to APA. */
  style?: string;
  resolver?: MetadataLookup;
  /** The findings currently published for the note. */
  findings?: readonly Finding[];
}

export function hoverInfo(index: WorkspaceIndex, file: string, line: number, character: number, options: HoverOptions = {}): HoverInfo | undefined {
  const target = targetAt(index, file, line, character);
  if (!target) return undefined;
  const works = linkedWorks(index, target);
  const entry = works.entries[0];
  const record: StudyRecord | undefined = works.records[0];
  const targetDoi = target.kind === 'doi' ? target.doi : target.kind === 'numbered' ? target.item?.dois.find((d) => d.doi)?.doi : undefined;

  let item: CslItem | undefined = entry?.csl;
  let availability: Availability = entry || record ? 'library' : 'not-in-library';
  const resolved = !item && !record && targetDoi ? options.resolver?.peek(targetDoi) : undefined;
  if (resolved?.status === 'found' && resolved.item) {
    item = resolved.item;
    availability = 'resolved-online';
  }

  const info: HoverInfo = {
    target,
    range: target.range,
    label: labelOf(target),
    availability,
    key: entry?.key ?? record?.id,
    findings: findingsOn(options.findings ?? [], file, target.range),
    citingNotes: citingNoteCount(index, works, targetDoi ? [targetDoi] : [], target.kind === 'key' ? [target.key] : []),
  };
  if (item) Object.assign(info, describeItem(item, options.style));
  if (!info.title && record?.title) info.title = record.title;
  if (info.year === undefined && record?.year !== undefined) info.year = record.year;
  const doi = stringOr(item?.DOI) ?? record?.doi ?? targetDoi;
  const url = doi ? doiUrl(doi) : undefined;
  if (doi && url) {
    info.doi = doi;
    info.doiUrl = url;
  }
  if (record) info.study = summarise(record);
  info.retraction = retractionOf(record, info.findings, item);
  if (target.kind === 'numbered') {
    if (target.item) info.referenceText = target.item.text.replace(/\s+/g, ' ').trim();
    else info.missingItem = true;
  }
  return info;
}

function labelOf(target: Target): string {
  if (target.kind === 'key') return `@${target.key}`;
  if (target.kind === 'numbered') return `[${target.number}]`;
  return target.raw;
}

function stringOr(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : typeof value === 'number' ? String(value) : undefined;
}

function describeItem(item: CslItem, style = 'apa'): Partial<HoverInfo> {
  return {
    title: titleOf(item) || undefined,
    authors: authorList(item) || undefined,
    journal: journalOf(item) || undefined,
    year: yearOf(item),
    volume: stringOr(item.volume),
    issue: stringOr(item.issue),
    pages: stringOr(item.page),
    formatted: formatted(item, style),
  };
}

function formatted(item: CslItem, style: string): string | undefined {
  try {
    return formatEntry(item, isBuiltinStyle(style) ? style : 'apa', 'text') || undefined;
  } catch {
    return undefined; // citeproc rejects some hand-written items; the hover still has every field
  }
}

function summarise(record: StudyRecord): StudySummary {
  const primary = record.outcomes.find((o) => o.primary);
  return {
    id: record.id,
    design: record.design,
    n: record.n,
    population: record.population,
    primaryOutcome: primary && { measure: primary.measure, timepoint: primary.timepoint, significant: primary.significant },
  };
}

/** Findings whose range overlaps the citation's range. */
function findingsOn(findings: readonly Finding[], file: string, range: Range): HoverInfo['findings'] {
  return findings
    .filter((f) => f.file === file && comparePositions(f.range.start, range.end) < 0 && comparePositions(range.start, f.range.end) < 0)
    .map((f) => ({ code: f.code, message: f.message }));
}

function retractionOf(record: StudyRecord | undefined, findings: HoverInfo['findings'], item: CslItem | undefined): string | undefined {
  // The record's word is the short one; a finding's message (a retraction list, a resolver) otherwise.
  if (record?.retracted) return `Study record ${record.id} marks it retracted.`;
  const finding = findings.find((f) => f.code === 'source.retracted');
  if (finding) return finding.message;
  const updates = item?.['update-to'];
  const resolverSaysRetracted =
    item?.retracted === true || (Array.isArray(updates) && updates.some((u) => /retract/i.test(String((u as { type?: unknown })?.type))));
  return resolverSaysRetracted ? 'Retracted, according to the DOI resolver.' : undefined;
}
