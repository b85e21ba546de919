import * as path from 'path';
import { checkLibraryFiles, checkNote } from '../core/check';
import type { Finding } from '../core/types';
import { parseArgs, USAGE } from './args';
import type { CheckArgs } from './args';
import { runExport } from './export';
import { exitCodeFor, formatJson, formatSarif, formatText, toReport } from './format';
import { loadTargets } from './load';
import { prepareLookup } from './resolve';

declare const EVIDENCE_LENS_VERSION: string | undefined;
const VERSION = typeof EVIDENCE_LENS_VERSION === 'string' ? EVIDENCE_LENS_VERSION : '0.0.0-dev';

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
  isTty: boolean;
  /** Environment for the cache folder (XDG_CACHE_HOME); process.env when absent. */
  env?: Record<string, string | undefined>;
}

/** Runs the CLI and returns its exit code; all output goes through `io` so tests can read it. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv);
  switch (args.command) {
    case 'help':
      io.stdout(USAGE + '\n');
      return 0;
    case 'version':
      io.stdout(VERSION + '\n');
      return 0;
    case 'error':
      io.stderr(`evidence-lens: ${args.message}\n\n${USAGE}\n`);
      return 2;
    case 'check':
      return runCheck(args, io);
    case 'export':
      return runExport(args, io);
  }
}

async function runCheck(args: CheckArgs, io: CliIo): Promise<number> {
  const loaded = await loadTargets(args, io);
  if (typeof loaded === 'number') return loaded;
  const { workspace, config, root, coreRoot, inTargets } = loaded;
  // Bibliographies and records that cannot be read carry a finding; a note has no code for it.
  for (const { file, reason } of workspace.unreadable) {
    if (inTargets(file) && workspace.index.kindOf(file) === 'note') io.stderr(`evidence-lens: ${path.relative(root, file) || file}: not checked: ${reason}\n`);
  }
  const findings: Finding[] = checkLibraryFiles(workspace.index, config).filter((f) => inTargets(f.file));
  const checked = new Set<string>([...workspace.bibliographies, ...workspace.studies].filter(inTargets));
  const notes = workspace.index.notes().filter((n) => inTargets(n.file));
  const lookup = await prepareLookup(config, notes, workspace.index, { root, env: io.env ?? process.env, stderr: io.stderr });
  for (const note of notes) {
    checked.add(note.file);
    findings.push(...checkNote(note, workspace.index, config, lookup));
  }
  const report = toReport(coreRoot, checked.size, findings);
  if (args.format === 'json') io.stdout(formatJson(report));
  else if (args.format === 'sarif') io.stdout(formatSarif(report, VERSION));
  else io.stdout(formatText(report, { color: io.isTty }));
  return exitCodeFor(report, args.failOn);
}

if (require.main === module) {
  runCli(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    cwd: process.cwd(),
    isTty: !!process.stdout.isTTY && !process.env.NO_COLOR,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`evidence-lens: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 2;
    },
  );
}
