import type { WorkspaceIndex } from '../index/workspace-index';
import type { MetadataLookup } from '../resolver/types';
import type { Finding, Range } from '../types';

/** Icon ids by CSL type family; the adapter maps them to codicons. */
export type SourceIcon = 'article-journal' | 'book' | 'chapter' | 'report' | 'thesis' | 'webpage' | 'dataset' | 'other';

export type NodeKind =
  | 'bibliography'
  | 'numbered-group'
  | 'numbered-note'
  | 'entry'
  | 'reference-item'
  | 'citing'
  | 'design-group'
  | 'record'
  | 'outcome';

/**
 * One row of the Sources or Studies view as plain data. Labels, descriptions and details are
 * plain text taken from the user's files: whoever renders them must not interpret markup.
 */
export interface TreeNode {
  /** Unique within its view and stable across rebuilds, so expansion state and reveal survive. */
  id: string;
  kind: NodeKind;
  label: string;
  description?: string;
  icon?: SourceIcon;
  retracted?: boolean;
  mismatched?: boolean;
  /** Where a click goes. */
  file?: string;
  range?: Range;
  /** Citation key of an entry, id of a record. */
  key?: string;
  doi?: string;
  /** Outcome of a record: did the primary comparison reach significance. */
  significant?: boolean;
  /** Tooltip lines as [label, value] pairs of plain text. */
  details?: [string, string][];
  /** Accent-folded, lower-cased text the filter matches against; absent on rows that never match themselves. */
  searchText?: string;
  children: TreeNode[];
}

/** What the views are built from. */
export interface TreeInput {
  index: WorkspaceIndex;
  /** Workspace folder, for relative labels. */
  root: string;
  /** Findings last published for a file (diagnostics' store). */
  findingsOf(file: string): readonly Finding[];
  resolver?: MetadataLookup;
}
