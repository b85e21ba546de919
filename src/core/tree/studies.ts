import { DESIGN_GROUPS } from '../studies/design-order';
import type { StudyOutcome, StudyRecord } from '../types';
import { keyCitingNodes } from './citing';
import { isRetracted, placesOf } from './flags';
import { count, fold, placeLabel } from './text';
import type { TreeInput, TreeNode } from './types';

/** "2021 · n=24 · MDD"; the species only when it is not human, since most records are. */
export function describeRecord(record: StudyRecord): string {
  const parts = [record.year, record.n === undefined ? undefined : `n=${record.n}`, record.population];
  if (record.species !== 'human') parts.push(record.species);
  return parts.filter((p) => p !== undefined && p !== '').join(' · ');
}

function outcomeNode(record: StudyRecord, outcome: StudyOutcome, i: number, parentId: string): TreeNode {
  const significance = outcome.significant === undefined ? undefined : outcome.significant ? 'significant' : 'not significant';
  const description = [outcome.primary ? 'primary' : 'secondary', outcome.timepoint, significance].filter(Boolean).join(' · ');
  return {
    id: `${parentId}>outcome${i}`,
    kind: 'outcome',
    label: outcome.measure,
    description,
    significant: outcome.significant,
    file: record.file,
    range: outcome.range,
    details: [['Outcome', outcome.measure], ['Reported', description], ['Values', outcome.values.join('; ')]].filter(
      ([, v]) => v !== '',
    ) as [string, string][],
    children: [],
  };
}

function recordNode(input: TreeInput, record: StudyRecord): TreeNode {
  const id = `record:${record.file}#${record.id}`;
  const citing = keyCitingNodes(input.index, input.root, record.id, id);
  const retracted = isRetracted(input, { file: record.file, range: record.range }, record.id, record.doi, placesOf(citing));
  const label = record.title ?? record.id;
  const details: [string, string][] = [
    ['Title', record.title ?? ''],
    ['Id', record.id],
    ['Year', record.year === undefined ? '' : String(record.year)],
    ['Design', record.design ?? ''],
    ['Population', record.population ?? ''],
    ['Species', record.species],
    ['Analysed', record.n === undefined ? '' : String(record.n)],
    ['Follow-up', record.followUp ?? ''],
    ['DOI', record.doi ?? ''],
    ['Record', placeLabel(input.root, record.file, record.idRange)],
  ];
  if (retracted) details.push(['Status', 'Retracted']);
  return {
    id,
    kind: 'record',
    label,
    description: (retracted ? 'Retracted · ' : '') + describeRecord(record),
    retracted,
    file: record.file,
    range: record.idRange,
    key: record.id,
    doi: record.doi,
    details: details.filter(([, v]) => v !== ''),
    searchText: fold([label, record.id, record.year ?? '', record.doi ?? '', record.population ?? '', record.species].join('\n')),
    children: [...record.outcomes.map((o, i) => outcomeNode(record, o, i, id)), ...citing],
  };
}

function newestFirst(a: StudyRecord, b: StudyRecord): number {
  return (b.year ?? -Infinity) - (a.year ?? -Infinity) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The Studies view: records grouped by design in evidence order, newest first within a group. */
export function buildStudies(input: TreeInput): TreeNode[] {
  const records = input.index.allRecords();
  const other = DESIGN_GROUPS[DESIGN_GROUPS.length - 1];
  return DESIGN_GROUPS.flatMap((group): TreeNode[] => {
    // A record whose design is missing or invalid still shows, with the unspecified ones.
    const members = records
      .filter((r) => (r.design ? group.designs.includes(r.design) : group === other))
      .sort(newestFirst);
    if (members.length === 0) return [];
    return [
      {
        id: `design:${group.id}`,
        kind: 'design-group',
        label: group.label,
        description: count(members.length, 'study', 'studies'),
        children: members.map((r) => recordNode(input, r)),
      },
    ];
  });
}
