export { convertEntries, type ConvertOptions, type RawEntry, type RawField, type RawMacro, type RawPart } from './convert';
export { type DoiSource } from './doi';
export { rawMacro, type ScannedPartLike } from './adapt';
