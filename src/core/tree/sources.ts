import { authorList, firstAuthor, journalOf, titleOf, yearOf } from '../format/describe';
import type { ParsedNote, ReferenceItem } from '../notes/types';
import type { BibEntry, CslItem } from '../types';
import { keyCitingNodes, numberCitingNodes } from './citing';
import { isMismatched, isRetracted, placesOf } from './flags';
import { count, fold, oneLine, placeLabel, relativeLabel } from './text';
import type { SourceIcon, TreeInput, TreeNode } from './types';

export const NUMBERED_GROUP_LABEL = 'Numbered references in notes';

const ICONS: Record<string, SourceIcon> = {
  'article-journal': 'article-journal',
  article: 'article-journal',
  'article-magazine': 'article-journal',
  'article-newspaper': 'article-journal',
  'paper-conference': 'article-journal',
  review: 'article-journal',
  book: 'book',
  chapter: 'chapter',
  'entry-encyclopedia': 'chapter',
  'entry-dictionary': 'chapter',
  report: 'report',
  thesis: 'thesis',
  webpage: 'webpage',
  post: 'webpage',
  'post-weblog': 'webpage',
  dataset: 'dataset',
};

export function iconOf(type: string | undefined): SourceIcon {
  return (type && ICONS[type]) || 'other';
}

/** "Davis 2021 · JAMA Psychiatry": who, when, where, whichever are known. */
export function describeItem(item: CslItem): string {
  const who = [firstAuthor(item), yearOf(item)].filter((x) => x !== '' && x !== undefined).join(' ');
  return [who, journalOf(item)].filter(Boolean).join(' · ');
}

function flagPrefix(node: { retracted?: boolean; mismatched?: boolean }): string {
  return (node.retracted ? 'Retracted · ' : '') + (node.mismatched ? 'DOI conflict · ' : '');
}

function entryNode(input: TreeInput, entry: BibEntry): TreeNode {
  const item = entry.csl;
  const id = `entry:${entry.file}#${entry.key}@${entry.range.start.line}`;
  const children = keyCitingNodes(input.index, input.root, entry.key, id);
  const own = { file: entry.file, range: entry.range };
  const retracted = isRetracted(input, own, entry.key, item.DOI, placesOf(children));
  const mismatched = isMismatched(input, own);
  const title = titleOf(item) || entry.key;
  const doi = typeof item.DOI === 'string' ? item.DOI : undefined;
  const year = yearOf(item);
  const authors = (item.author ?? item.editor ?? []).map((n) => n.literal ?? [n.given, n.family].filter(Boolean).join(' '));
  const details: [string, string][] = [
    ['Title', title],
    ['Authors', authorList(item)],
    ['Year', year === undefined ? '' : String(year)],
    ['Journal', journalOf(item)],
    ['DOI', doi ?? ''],
    ['Key', entry.key],
    ['Defined in', placeLabel(input.root, entry.file, entry.keyRange)],
    ['Status', [retracted ? 'Retracted' : '', mismatched ? 'DOI conflicts with another work (see Problems)' : ''].filter(Boolean).join('; ')],
  ];
  return {
    id,
    kind: 'entry',
    label: title,
    description: flagPrefix({ retracted, mismatched }) + describeItem(item),
    icon: iconOf(item.type),
    retracted,
    mismatched,
    file: entry.file,
    range: entry.range,
    key: entry.key,
    doi,
    details: details.filter(([, v]) => v !== ''),
    searchText: fold([title, ...authors, year ?? '', entry.key, journalOf(item), doi ?? ''].join('\n')),
    children,
  };
}

function itemNode(input: TreeInput, note: ParsedNote, item: ReferenceItem): TreeNode {
  const id = `item:${note.file}#${item.number}@${item.start}`;
  const children = numberCitingNodes(input.root, note, item.number, id);
  const own = { file: note.file, range: item.range };
  const doi = item.dois.find((d) => d.doi)?.doi;
  const retracted = isRetracted(input, own, undefined, doi, []);
  const mismatched = isMismatched(input, own);
  const text = oneLine(item.text, 400);
  return {
    id,
    kind: 'reference-item',
    label: `${item.number}. ${text}`,
    description: (flagPrefix({ retracted, mismatched }) + (doi ?? '')).replace(/ · $/, ''),
    icon: 'other',
    retracted,
    mismatched,
    file: note.file,
    range: item.range,
    doi,
    details: [['Reference', text], ['Listed in', placeLabel(input.root, note.file, item.range)], ...(doi ? [['DOI', doi] as [string, string]] : [])],
    searchText: fold(text),
    children,
  };
}

/** The Sources view: one group per bibliography (front matter included), then numbered lists. */
export function buildSources(input: TreeInput): TreeNode[] {
  const groups: { file: string; entries: BibEntry[] }[] = input.index.allBibliographies().map((b) => ({ file: b.file, entries: b.entries }));
  const numbered: TreeNode[] = [];
  for (const note of input.index.notes()) {
    const inline = note.inlineReferences?.entries ?? [];
    if (inline.length) groups.push({ file: note.file, entries: inline });
    const items = note.referenceList?.items ?? [];
    if (items.length === 0) continue;
    const label = relativeLabel(input.root, note.file);
    numbered.push({
      id: `numbered:${note.file}`,
      kind: 'numbered-note',
      label,
      description: count(items.length, 'reference', 'references'),
      file: note.file,
      range: note.referenceList!.headingRange,
      children: items.map((item) => itemNode(input, note, item)),
    });
  }
  const byLabel = (a: { label: string }, b: { label: string }) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
  const roots: TreeNode[] = groups
    .map((g): TreeNode => ({
      id: `bibliography:${g.file}`,
      kind: 'bibliography',
      label: relativeLabel(input.root, g.file),
      description: count(g.entries.length, 'entry', 'entries'),
      file: g.file,
      children: g.entries.map((e) => entryNode(input, e)),
    }))
    .sort(byLabel);
  if (numbered.length) {
    roots.push({
      id: 'numbered',
      kind: 'numbered-group',
      label: NUMBERED_GROUP_LABEL,
      description: count(numbered.length, 'note', 'notes'),
      children: numbered.sort(byLabel),
    });
  }
  return roots;
}
