import { parseExportArgs } from './export-args';
import type { ExportArgs } from './export-args';
import type { FailOn } from './format';

export type OutputFormat = 'text' | 'json' | 'sarif';

export interface CheckArgs {
  command: 'check';
  paths: string[];
  format: OutputFormat;
  offline: boolean;
  resolver?: string;
  config?: string;
  failOn: FailOn;
}

export type ParsedArgs = CheckArgs | ExportArgs | { command: 'help' } | { command: 'version' } | { command: 'error'; message: string };

export const USAGE = `Usage:
  evidence-lens check [PATH…] [--format text|json|sarif] [--offline] [--resolver URL]
                      [--config FILE] [--fail-on error|warning|info]
  evidence-lens export [PATH…] [--format csl-json|bibtex|biblatex|ris|text]
                       [--style apa|vancouver|harvard|FILE.csl] [--cited-only] [--config FILE]
  evidence-lens --help | --version

check: checks the markdown notes, bibliographies and study records under PATH (default ".").
export: prints the bibliographies and study records under PATH as one bibliography (default CSL-JSON).
Exit status: 0 nothing at or above --fail-on (default error), 1 something is, 2 usage or config error.`;

const FORMATS: OutputFormat[] = ['text', 'json', 'sarif'];
const FAIL_ON: FailOn[] = ['error', 'warning', 'info'];

/** Hand-rolled: five flags do not justify a dependency, and the errors must say exactly what is wrong. */
export function parseArgs(argv: string[]): ParsedArgs {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') return { command: 'help' };
  if (argv[0] === '--version' || argv[0] === '-v') return { command: 'version' };
  if (argv[0] === 'export') return parseExportArgs(argv.slice(1));
  if (argv[0] !== 'check') return { command: 'error', message: `Unknown command '${argv[0]}'.` };
  const out: CheckArgs = { command: 'check', paths: [], format: 'text', offline: false, failOn: 'error' };
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string | undefined => (inline !== undefined ? inline : argv[++i]);
    switch (flag) {
      case '--format': {
        const v = value();
        if (!FORMATS.includes(v as OutputFormat)) return { command: 'error', message: `--format must be one of ${FORMATS.join(', ')}; got '${v ?? ''}'.` };
        out.format = v as OutputFormat;
        break;
      }
      case '--fail-on': {
        const v = value();
        if (!FAIL_ON.includes(v as FailOn)) return { command: 'error', message: `--fail-on must be one of ${FAIL_ON.join(', ')}; got '${v ?? ''}'.` };
        out.failOn = v as FailOn;
        break;
      }
      case '--offline':
        out.offline = true;
        break;
      case '--resolver': {
        const v = value();
        if (!v || !/^https?:\/\//.test(v)) return { command: 'error', message: `--resolver needs an http(s) URL; got '${v ?? ''}'.` };
        out.resolver = v;
        break;
      }
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
