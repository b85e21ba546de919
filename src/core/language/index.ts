// Editor language features (hover, completion, navigation, rename, links) over the workspace index.
export { completions } from './completion';
export type { CitationCompletion, CompletionResult } from './completion';
export { hoverInfo } from './hover-info';
export type { HoverInfo, HoverOptions, StudySummary } from './hover-info';
export { doiLinks, doiUrl } from './links';
export { declarations, definition, keyAt, references } from './navigation';
export type { Location } from './navigation';
export { checkNewKey, checkRenamable, renameEdits } from './rename';
export type { RenameResult, TextEdit } from './rename';
export { targetAt } from './target';
export type { Target } from './target';
export { escapeMarkdown } from './markdown-escape';
