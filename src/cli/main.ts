import { promises as fsp } from 'fs';
import * as path from 'path';
import { checkLibraryFiles, checkNote } from '../core/check';
import { CONFIG_FILE_NAME, DEFAULT_CONFIG, mergeConfig, parseConfig } from '../core/config';
import type { EvidenceLensConfig } from '../core/config';
import { loadWorkspace } from '../core/workspace/load';
import type { Finding } from '../core/types';
import { parseArgs, USAGE } from './args';
import type { CheckArgs } from './args';
import { exitCodeFor, formatJson, formatSarif, formatText, toReport } from './format';
import { nodeFileSystem, toCorePath } from './node-fs';
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
  }
}

async function isDirectory(p: string): Promise<boolean> {
  return (await fsp.stat(p).catch(() => undefined))?.isDirectory() ?? false;
}

/** The folder whose evidence-lens.yaml applies: the nearest one at or above `start`, up to a repository root. */
async function findConfigRoot(start: string): Promise<string | undefined> {
  let dir = start;
  for (;;) {
    if (await nodeFileSystem.exists(path.join(dir, CONFIG_FILE_NAME))) return dir;
    if (await nodeFileSystem.exists(path.join(dir, '.git'))) return undefined;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

async function runCheck(args: CheckArgs, io: CliIo): Promise<number> {
  const targets = args.paths.map((p) => path.resolve(io.cwd, p));
  for (const target of targets) {
    if (!(await nodeFileSystem.exists(target))) {
      io.stderr(`evidence-lens: no such file or folder: ${target}\n`);
      return 2;
    }
  }
  const firstDir = (await isDirectory(targets[0])) ? targets[0] : path.dirname(targets[0]);
  let configFile = args.config ? path.resolve(io.cwd, args.config) : undefined;
  let root: string;
  if (configFile) root = path.dirname(configFile);
  else {
    const configRoot = await findConfigRoot(firstDir);
    root = configRoot ?? ((await isDirectory(targets[0])) ? targets[0] : io.cwd);
    if (configRoot) configFile = path.join(configRoot, CONFIG_FILE_NAME);
  }

  let config: EvidenceLensConfig = DEFAULT_CONFIG;
  if (configFile) {
    let text: string;
    try {
      text = await fsp.readFile(configFile, 'utf8');
    } catch {
      io.stderr(`evidence-lens: cannot read config ${configFile}\n`);
      return 2;
    }
    const parsed = parseConfig(text);
    if (parsed.problems.length) {
      for (const p of parsed.problems) {
        io.stderr(`${path.relative(io.cwd, configFile) || configFile}:${p.range.start.line + 1}:${p.range.start.character + 1}: config error: ${p.message}\n`);
      }
      return 2;
    }
    config = parsed.config;
  }
  config = mergeConfig(config, {
    ...(args.offline ? { online: false } : {}),
    ...(args.resolver ? { resolver: { url: args.resolver } } : {}),
  });

  const coreRoot = toCorePath(root);
  const workspace = await loadWorkspace(nodeFileSystem, coreRoot, config);
  const coreTargets = targets.map(toCorePath);
  const inTargets = (file: string) => coreTargets.some((t) => file === t || file.startsWith(t.endsWith('/') ? t : t + '/'));

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
