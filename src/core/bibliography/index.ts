// Picks the bibliography parser by file extension.
import { finding, type BibliographyFormat, type ParsedBibliography } from '../types';
import { parseBibtex } from './bibtex';
import { parseCslJson } from './csl-json';
import { parseCslYaml } from './csl-yaml';
import { parseRis } from './ris';

const BY_EXTENSION: Record<string, BibliographyFormat> = {
  bib: 'bibtex',
  bibtex: 'bibtex',
  json: 'csl-json',
  yaml: 'csl-yaml',
  yml: 'csl-yaml',
  ris: 'ris',
};

/** The format a bibliography file is read as, by its extension (case-insensitive). */
export function bibliographyFormatFor(path: string): BibliographyFormat | undefined {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return undefined;
  return BY_EXTENSION[name.slice(dot + 1).toLowerCase()];
}

/** Parses a bibliography file by its extension. Never throws. */
export function parseBibliography(text: string, file: string): ParsedBibliography {
  const format = bibliographyFormatFor(file);
  try {
    switch (format) {
      case 'bibtex':
        return parseBibtex(text, file);
      case 'csl-json':
        return parseCslJson(text, file);
      case 'csl-yaml':
        return parseCslYaml(text, file, 'csl-yaml');
      case 'ris':
        return parseRis(text, file);
    }
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return invalid(file, format ?? 'csl-json', `Could not read this bibliography: ${message}`);
  }
  const name = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  return invalid(
    file,
    'csl-json',
    `Unknown bibliography format for '${name}': use .bib, .bibtex, .json (CSL-JSON), .yaml/.yml (CSL-YAML) or .ris.`,
  );
}

function invalid(file: string, format: BibliographyFormat, message: string): ParsedBibliography {
  const at = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return { file, format, entries: [], findings: [finding('bibliography.invalid', file, at, message)] };
}
