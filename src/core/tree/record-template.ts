import { stringify } from 'yaml';
import type { EvidenceLensConfig } from '../config';
import { normaliseDoi } from '../doi';
import { titleOf, yearOf } from '../format/describe';
import type { CslItem } from '../types';
import { STUDY_DESIGNS } from '../types';
import { classify } from '../workspace/load';

/** A file name from a citation key: keys may hold ':' or '/', which paths must not. */
function safeName(key: string): string {
  return key.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^[.-]+/, '') || 'study';
}

/** The folder a study glob starts in, before its first wildcard ("research/studies/**" → "research/studies"). */
function staticFolder(glob: string): string {
  const parts = glob.split('/');
  const fixed: string[] = [];
  for (const part of parts.slice(0, -1)) {
    if (/[*?[\]{}!]/.test(part)) break;
    fixed.push(part);
  }
  return fixed.join('/');
}

/**
 * Where a new record for `key` goes: the first configured study folder a record there would be
 * read from, else `studies/<key>.yaml` (the default globs read it).
 */
export function studyRecordPath(root: string, key: string, config: EvidenceLensConfig): string {
  const name = safeName(key);
  const candidates: string[] = [];
  for (const glob of config.studies) {
    const folder = staticFolder(glob);
    if (folder) candidates.push(`${folder}/${name}.yaml`, `${folder}/${name}.study.yaml`);
  }
  candidates.push(`studies/${name}.yaml`, `${name}.study.yaml`);
  const base = root.replace(/\/$/, '');
  return candidates.map((c) => `${base}/${c}`).find((file) => classify(root, file, config) === 'study') ?? `${base}/studies/${name}.yaml`;
}

/** The line (0-based) of the new record's text where the user starts filling in. */
export interface RecordTemplate {
  text: string;
  cursorLine: number;
}

/**
 * A new record: what the bibliography knows (id, doi, title, year) as YAML, then the fields
 * only the reader of the study can fill, with the schema's allowed values in comments.
 */
export function studyRecordTemplate(key: string, item: CslItem | undefined): RecordTemplate {
  const known: Record<string, unknown> = { id: key };
  const doi = typeof item?.DOI === 'string' ? normaliseDoi(item.DOI) : undefined;
  if (doi) known.doi = doi;
  const title = item ? titleOf(item) : '';
  if (title) known.title = title;
  const year = item ? yearOf(item) : undefined;
  if (year !== undefined) known.year = year;
  const head = stringify(known, { lineWidth: 0 });
  const lines = [
    `# design: one of ${STUDY_DESIGNS.join(' | ')}`,
    'design: ',
    '# population: free text; common codes: TRD, MDD, cancer-distress, healthy',
    'population: ',
    'species: human',
    '# n: participants analysed (a number)',
    'n: ',
    'retracted: false',
    '',
  ];
  const headLines = head.split('\n').length - 1;
  return { text: head + lines.join('\n'), cursorLine: headLines + 1 };
}
