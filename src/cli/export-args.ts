// Arguments of `evidence-lens export` (SPEC, CLI): hand-rolled like check's, for the same reasons.
import type { ExportFormat } from '../core/format/citation-format';

export type ExportOutput = ExportFormat | 'text';

export interface ExportArgs {
  command: 'export';
  paths: string[];
  format: ExportOutput;
  /** apa | vancouver | harvard | harvard1, or a path to a .csl file. */
  style: string;
  citedOnly: boolean;
  config?: string;
}

const FORMATS: ExportOutput[] = ['csl-json', 'bibtex', 'biblatex', 'ris', 'text'];
export const STYLE_NAMES = ['apa', 'vancouver', 'harvard', 'harvard1'];

export function parseExportArgs(argv: string[]): ExportArgs | { command: 'error'; message: string } | { command: 'help' } {
  const out: ExportArgs = { command: 'export', paths: [], format: 'csl-json', style: 'apa', citedOnly: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const [flag, inline] = eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    const value = (): string | undefined => (inline !== undefined ? inline : argv[++i]);
    switch (flag) {
      case '--format': {
        const v = value();
        if (!FORMATS.includes(v as ExportOutput)) return { command: 'error', message: `--format must be one of ${FORMATS.join(', ')}; got '${v ?? ''}'.` };
        out.format = v as ExportOutput;
        break;
      }
      case '--style': {
        const v = value();
        if (!v || !(STYLE_NAMES.includes(v) || v.toLowerCase().endsWith('.csl'))) {
          return { command: 'error', message: `--style must be one of ${STYLE_NAMES.join(', ')} or a .csl file; got '${v ?? ''}'.` };
        }
        out.style = v;
        break;
      }
      case '--cited-only':
        out.citedOnly = true;
        break;
      case '--config': {
        const v = value();
        if (!v) return { command: 'error', message: '--config needs a file.' };
        out.config = v;
        break;
      }
      case '--help':
      case '-h':
        return { command: 'help' };
      default:
        if (arg.startsWith('-') && arg !== '-') return { command: 'error', message: `Unknown option '${arg}'.` };
        out.paths.push(arg);
    }
  }
  if (out.paths.length === 0) out.paths.push('.');
  return out;
}
