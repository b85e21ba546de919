// `evidence-lens export`: the library check would load, as one bibliography on standard output.
import { promises as fsp } from 'fs';
import * as path from 'path';
import { checkLibraryFiles } from '../core/check';
import { exportItems, formatBibliography, registerCslStyle } from '../core/format/citation-format';
import { itemsCitedAnywhere, libraryItems } from '../core/format/library-items';
import type { ExportArgs } from './args';
import { STYLE_NAMES } from './args';
import { exitCodeFor, formatText, toReport } from './format';
import { loadTargets } from './load';
import type { CliIo } from './main';

/** The template to format with, or an error message for a .csl file that cannot be used. */
async function resolveStyle(style: string, io: CliIo): Promise<{ template: string } | { error: string }> {
  if (STYLE_NAMES.includes(style)) return { template: style };
  const file = path.resolve(io.cwd, style);
  let xml: string;
  try {
    xml = await fsp.readFile(file, 'utf8');
  } catch {
    return { error: `cannot read style ${style}` };
  }
  try {
    return { template: registerCslStyle(file, xml) };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

export async function runExport(args: ExportArgs, io: CliIo): Promise<number> {
  const style = args.format === 'text' ? await resolveStyle(args.style, io) : { template: 'apa' };
  if ('error' in style) {
    io.stderr(`evidence-lens: ${style.error}\n`);
    return 2;
  }
  const loaded = await loadTargets(args, io);
  if (typeof loaded === 'number') return loaded;
  const { workspace, config, coreRoot, inTargets } = loaded;
  const index = workspace.index;
  const items = args.citedOnly ? itemsCitedAnywhere(index, inTargets) : libraryItems(index, inTargets);
  io.stdout(args.format === 'text' ? formatBibliography(items, style.template, 'text') : exportItems(items, args.format));

  const findings = checkLibraryFiles(index, config).filter((f) => inTargets(f.file));
  const files = [...workspace.bibliographies, ...workspace.studies].filter(inTargets).length;
  const report = toReport(coreRoot, files, findings);
  if (report.diagnostics.length > 0) io.stderr(formatText(report, { color: false }));
  return exitCodeFor(report, 'error');
}
