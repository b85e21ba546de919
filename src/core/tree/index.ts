export { buildSources, describeItem, iconOf, NUMBERED_GROUP_LABEL } from './sources';
export { buildStudies, describeRecord } from './studies';
export { filterTree, parentsOf } from './filter';
export { studyRecordPath, studyRecordTemplate } from './record-template';
export { doiUrl, keyAt } from './key-at';
export type { NodeKind, SourceIcon, TreeInput, TreeNode } from './types';
