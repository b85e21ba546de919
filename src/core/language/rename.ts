// Renaming a citation key everywhere it is written: citations in every note, the bibliography
// entry (BibTeX, CSL-JSON, CSL-YAML, front matter) and the study record's id.
import type { WorkspaceIndex } from '../index/workspace-index';
import { KEY } from '../notes/citations';
import type { Range } from '../types';
import { declarations, references } from './navigation';

export interface TextEdit {
  range: Range;
  newText: string;
}

export type RenameResult = { ok: true; edits: Map<string, TextEdit[]> } | { ok: false; message: string };

/** A key pandoc reads back whole from `[@key]` and `@key`, without braces. */
const VALID_KEY = new RegExp(`^${KEY}$`, 'u');

/** Why a new key cannot be used, or undefined when it can. */
export function checkNewKey(index: WorkspaceIndex, key: string, newKey: string): string | undefined {
  if (newKey === '') return 'The new key is empty.';
  if (/[\s@;[\],{}]/u.test(newKey)) return `'${newKey}' cannot be a citation key: it has a space or one of @ ; [ ] , { }.`;
  if (!VALID_KEY.test(newKey) || newKey.startsWith('{')) {
    return `'${newKey}' cannot be a citation key: a key starts with a letter, digit or _ and ends with one.`;
  }
  if (newKey !== key && index.hasKey(newKey)) return `'${newKey}' is already a key in the library; pick another one.`;
  const yamlFile = yamlDeclarations(index, key)[0];
  if (yamlFile && YAML_NOT_STRING.test(newKey)) {
    return `'${newKey}' would be read as a boolean, null or number in ${yamlFile}, not as a key; pick another one.`;
  }
  return undefined;
}

/**
 * Plain YAML scalars that YAML 1.1 or 1.2 reads as something other than the same string (the
 * rename writes the key unquoted where it was unquoted). Decimal integers stay: the parsers read
 * `id: 2021` back as "2021".
 */
const YAML_NOT_STRING = /^(?:true|false|yes|no|on|off|y|n|null|~|\d+\.\d*|\d+(?:\.\d*)?e[-+]?\d+|0x[0-9a-f]+|0o[0-7]+|0b[01]+|0\d+)$/i;

/** Files declaring the key in YAML: CSL-YAML, front matter, study records. */
function yamlDeclarations(index: WorkspaceIndex, key: string): string[] {
  const entries = index.entries(key).filter((e) => e.format === 'csl-yaml' || e.format === 'front-matter');
  return [...entries.map((e) => e.file), ...index.studies(key).map((r) => r.file)];
}

/** Why the key itself cannot be renamed here, or undefined. */
export function checkRenamable(index: WorkspaceIndex, key: string): string | undefined {
  const ris = index.entries(key).find((e) => e.format === 'ris');
  if (ris) {
    return `'${key}' comes from an RIS file (${ris.file}), whose keys are not stable citation keys; rename it in your reference manager and export again.`;
  }
  // A CSL-JSON id written as a number would need quotes the index cannot see; digits-only keys are that case.
  const numeric = index.entries(key).find((e) => e.format === 'csl-json' && /^\d+$/.test(key));
  if (numeric) return `'${key}' may be a number in ${numeric.file}; rename it there by hand, as a quoted string.`;
  if (!index.hasKey(key) && index.citationsOf(key).length === 0) return `No citation, bibliography entry or study record uses the key '${key}'.`;
  return undefined;
}

export function renameEdits(index: WorkspaceIndex, key: string, newKey: string): RenameResult {
  const problem = checkRenamable(index, key) ?? checkNewKey(index, key, newKey);
  if (problem) return { ok: false, message: problem };
  const edits = new Map<string, TextEdit[]>();
  if (newKey === key) return { ok: true, edits };
  const seen = new Set<string>();
  for (const location of [...declarations(index, key), ...references(index, key)]) {
    const id = `${location.file}:${location.range.start.line}:${location.range.start.character}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const list = edits.get(location.file) ?? [];
    list.push({ range: location.range, newText: newKey });
    edits.set(location.file, list);
  }
  return { ok: true, edits };
}
