import { checkDoiMismatch } from './checks/doi-mismatch';
import { checkLibrary } from './checks/library-checks';
import { checkImplicitCitations } from './claims/implicit';
import { checkInconsistentFigures } from './claims/inconsistent';
import { checkStudyClaims } from './claims/study-claims';
import { checkUnsupportedClaims } from './claims/unsupported';
import { checkNoteCitations } from './checks/note-checks';
import type { EvidenceLensConfig } from './config';
import { applyLevels } from './config';
import type { WorkspaceIndex } from './index/workspace-index';
import type { ParsedNote } from './notes/types';
import type { MetadataLookup } from './resolver/types';
import type { Finding } from './types';
import { finding } from './types';
import { resolveFrom } from './workspace/paths';

/**
 * Every finding for one note, suppressions and configured levels applied. `lookup` adds what
 * the DOI resolver knows (answers in memory or cache) to the index.
 */
export function checkNote(note: ParsedNote, index: WorkspaceIndex, config: EvidenceLensConfig, lookup?: MetadataLookup): Finding[] {
  const raw: Finding[] = [
    ...note.findings,
    ...missingBibliographies(note, index),
    ...checkNoteCitations(note, index, lookup),
    ...checkDoiMismatch(note, index, lookup),
    ...checkImplicitCitations(note, index),
    ...checkStudyClaims(note, index),
    ...checkUnsupportedClaims(note),
    ...inconsistentFigures(index).filter((f) => f.file === note.file),
  ];
  const kept = raw.filter((f) => f.file !== note.file || !note.suppressions.isSuppressed(f.code, f.range.start.line));
  return applyLevels(kept, config);
}

/** Findings in bibliography and study record files. */
export function checkLibraryFiles(index: WorkspaceIndex, config: EvidenceLensConfig): Finding[] {
  return applyLevels(checkLibrary(index), config);
}

/** Everything: the library and every note. */
export function checkWorkspace(index: WorkspaceIndex, config: EvidenceLensConfig, lookup?: MetadataLookup): Finding[] {
  const out = checkLibraryFiles(index, config);
  for (const note of index.notes()) out.push(...checkNote(note, index, config, lookup));
  return out;
}

// claim.inconsistent compares every note with every other: computed once per index version.
const inconsistentCache = new WeakMap<WorkspaceIndex, { version: number; findings: Finding[] }>();

export function inconsistentFigures(index: WorkspaceIndex): Finding[] {
  const cached = inconsistentCache.get(index);
  if (cached && cached.version === index.version) return cached.findings;
  const findings = checkInconsistentFigures(index);
  inconsistentCache.set(index, { version: index.version, findings });
  return findings;
}

function missingBibliographies(note: ParsedNote, index: WorkspaceIndex): Finding[] {
  return note.bibliographyPaths
    .filter((b) => index.kindOf(resolveFrom(note.file, b.path)) !== 'bibliography')
    .map((b) =>
      finding('bibliography.invalid', note.file, b.range, `Bibliography '${b.path}' named in the front matter was not found or could not be read.`),
    );
}
