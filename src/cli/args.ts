// Command-line arguments of `evidence-lens check` and `evidence-lens export` (SPEC, CLI). Node's
// util.parseArgs splits the flags; what is left here is checking each value and saying exactly
// what is wrong with it.
import { parseArgs as splitArgs } from 'node:util';
import type { ExportFormat } from '../core/format/citation-format';
import type { FailOn } from './format';

export type OutputFormat = 'text' | 'json' | 'sarif';
export type ExportOutput = ExportFormat | 'text';

export interface CheckArgs {
  command: 'check';
  paths: string[];
  format: OutputFormat;
  offline: boolean;
  resolver?: string;
  config?: string;
  failOn: FailOn;
}

export interface ExportArgs {
  command: 'export';
  paths: string[];
  format: ExportOutput;
  /** apa | vancouver | harvard | harvard1, or a path to a .csl file. */
  style: string;
  citedOnly: boolean;
  config?: string;
}

type UsageError = { command: 'error'; message: string };
export type ParsedArgs = CheckArgs | ExportArgs | { command: 'help' } | { command: 'version' } | UsageError;

export const USAGE = `Usage:
  evidence-lens check [PATH…] [--format text|json|sarif] [--offline] [--resolver URL]
                      [--config FILE] [--fail-on error|warning|info]
  evidence-lens export [PATH…] [--format csl-json|bibtex|biblatex|ris|text]
                       [--style apa|vancouver|harvard|FILE.csl] [--cited-only] [--config FILE]
  evidence-lens --help | --version

check: checks the markdown notes, bibliographies and study records under PATH (default ".").
export: prints the bibliographies and study records under PATH as one bibliography (default CSL-JSON).
Exit status: 0 nothing at or above --fail-on (default error), 1 something is, 2 usage or config error.`;

const CHECK_FORMATS: OutputFormat[] = ['text', 'json', 'sarif'];
const EXPORT_FORMATS: ExportOutput[] = ['csl-json', 'bibtex', 'biblatex', 'ris', 'text'];
const FAIL_ON: FailOn[] = ['error', 'warning', 'info'];
export const STYLE_NAMES = ['apa', 'vancouver', 'harvard', 'harvard1'];

type Options = Record<string, { type: 'string' | 'boolean'; short?: string }>;
const COMMON: Options = { config: { type: 'string' }, help: { type: 'boolean', short: 'h' } };
const CHECK_OPTIONS: Options = { ...COMMON, format: { type: 'string' }, offline: { type: 'boolean' }, resolver: { type: 'string' }, 'fail-on': { type: 'string' } };
const EXPORT_OPTIONS: Options = { ...COMMON, format: { type: 'string' }, style: { type: 'string' }, 'cited-only': { type: 'boolean' } };

const error = (message: string): UsageError => ({ command: 'error', message });

/**
 * Splits a command's arguments into option values and paths. Options may repeat (the last wins,
 * as before); an unknown option or a string option without a value is a usage error.
 */
function split(argv: string[], options: Options): { values: Record<string, string | boolean>; paths: string[] } | UsageError {
  const { tokens } = splitArgs({ args: argv, options, strict: false, allowPositionals: true, tokens: true });
  const values: Record<string, string | boolean> = {};
  const paths: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') paths.push(token.value);
    if (token.kind !== 'option') continue;
    const option = options[token.name];
    if (!option) return error(`Unknown option '${token.rawName}'.`);
    if (option.type === 'boolean') {
      if (token.value !== undefined) return error(`${token.rawName} takes no value.`);
      values[token.name] = true;
    } else values[token.name] = token.value ?? '';
  }
  return { values, paths: paths.length ? paths : ['.'] };
}

function oneOf<T extends string>(flag: string, value: string | boolean | undefined, allowed: readonly T[], fallback: T): T | UsageError {
  if (value === undefined) return fallback;
  return allowed.includes(value as T) ? (value as T) : error(`${flag} must be one of ${allowed.join(', ')}; got '${String(value)}'.`);
}

const isError = (v: unknown): v is UsageError => typeof v === 'object' && v !== null && (v as UsageError).command === 'error';

export function parseArgs(argv: string[]): ParsedArgs {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') return { command: 'help' };
  if (command === '--version' || command === '-v') return { command: 'version' };
  if (command !== 'check' && command !== 'export') return error(`Unknown command '${command}'.`);
  const parsed = split(rest, command === 'check' ? CHECK_OPTIONS : EXPORT_OPTIONS);
  if (isError(parsed)) return parsed;
  const { values, paths } = parsed;
  if (values.help) return { command: 'help' };
  if (values.config === '') return error('--config needs a file.');
  const config = values.config as string | undefined;
  if (command === 'check') {
    const format = oneOf('--format', values.format, CHECK_FORMATS, 'text');
    if (isError(format)) return format;
    const failOn = oneOf('--fail-on', values['fail-on'], FAIL_ON, 'error');
    if (isError(failOn)) return failOn;
    const resolver = values.resolver as string | undefined;
    if (resolver !== undefined && !/^https?:\/\//.test(resolver)) return error(`--resolver needs an http(s) URL; got '${resolver}'.`);
    return { command, paths, format, failOn, offline: values.offline === true, resolver, config };
  }
  const format = oneOf('--format', values.format, EXPORT_FORMATS, 'csl-json');
  if (isError(format)) return format;
  const style = (values.style as string | undefined) ?? 'apa';
  if (!(STYLE_NAMES.includes(style) || style.toLowerCase().endsWith('.csl'))) {
    return error(`--style must be one of ${STYLE_NAMES.join(', ')} or a .csl file; got '${style}'.`);
  }
  return { command, paths, format, style, citedOnly: values['cited-only'] === true, config };
}
