import { normaliseDoi } from '../doi';
import type { WorkspaceIndex } from '../index/workspace-index';
import type { MetadataLookup } from '../resolver/types';
import { rangeContains } from '../text';
import type { DiagnosticCode, Finding, Range } from '../types';
import type { TreeInput, TreeNode } from './types';

const RETRACTED_CODES: readonly DiagnosticCode[] = ['source.retracted'];
const MISMATCH_CODES: readonly DiagnosticCode[] = ['reference.doi-mismatch', 'reference.duplicate-doi'];

// The few findings of the codes the tree shows, per published list: a rebuild asks once per entry
// and citing place, and the store replaces a file's list (never changes it) when it republishes.
const relevant = new WeakMap<readonly Finding[], Map<readonly DiagnosticCode[], Finding[]>>();

function hasFinding(findings: readonly Finding[], codes: readonly DiagnosticCode[], range: Range): boolean {
  if (findings.length === 0) return false;
  let byCodes = relevant.get(findings);
  if (!byCodes) relevant.set(findings, (byCodes = new Map()));
  let list = byCodes.get(codes);
  if (!list) byCodes.set(codes, (list = findings.filter((f) => codes.includes(f.code))));
  return list.some((f) => rangeContains(range, f.range));
}

/**
 * Whether the resolver's metadata says the work was retracted. Crossref marks the retracted
 * work with `updated-by` entries of type retraction; CSL `relation` may name the retraction.
 */
function resolverSaysRetracted(resolver: MetadataLookup | undefined, doi: string | undefined): boolean {
  const item = doi ? resolver?.peek(doi)?.item : undefined;
  if (!item) return false;
  const updatedBy = item['updated-by'];
  if (Array.isArray(updatedBy) && updatedBy.some((u) => /retract/i.test(String((u as { type?: unknown }).type ?? '')))) return true;
  const relation = item.relation as Record<string, unknown> | undefined;
  return !!relation && typeof relation === 'object' && 'is-retracted-by' in relation;
}

/** A study record (by key or DOI) marks the work retracted. */
function recordSaysRetracted(index: WorkspaceIndex, key: string | undefined, doi: string | undefined): boolean {
  if (key && index.studies(key).some((s) => s.retracted)) return true;
  return !!doi && index.worksForDoi(doi).some((w) => w.kind === 'study' && w.study.retracted);
}

export interface Place {
  file: string;
  range: Range;
}

/** The places rows point at (citing rows always have one). */
export function placesOf(nodes: readonly TreeNode[]): Place[] {
  return nodes.flatMap((n) => (n.file && n.range ? [{ file: n.file, range: n.range }] : []));
}

/**
 * Retracted: a record or the resolver says so, or a source.retracted finding sits on the work
 * itself or on one of the places citing it (the retraction list reports it there).
 */
export function isRetracted(input: TreeInput, own: Place, key: string | undefined, doiText: unknown, citing: readonly Place[]): boolean {
  const doi = typeof doiText === 'string' ? normaliseDoi(doiText) : undefined;
  if (recordSaysRetracted(input.index, key, doi) || resolverSaysRetracted(input.resolver, doi)) return true;
  return [own, ...citing].some((p) => hasFinding(input.findingsOf(p.file), RETRACTED_CODES, p.range));
}

/** DOI conflicts reported on the work: another work's DOI, or a DOI two entries share. */
export function isMismatched(input: TreeInput, own: Place): boolean {
  return hasFinding(input.findingsOf(own.file), MISMATCH_CODES, own.range);
}
