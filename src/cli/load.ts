// What check and export share: the root, the configuration and the loaded workspace for the
// paths on the command line.
import { promises as fsp } from 'fs';
import * as path from 'path';
import { CONFIG_FILE_NAME, DEFAULT_CONFIG, mergeConfig, parseConfig } from '../core/config';
import type { EvidenceLensConfig } from '../core/config';
import { loadWorkspace } from '../core/workspace/load';
import type { LoadedWorkspace } from '../core/workspace/load';
import type { CliIo } from './main';
import { nodeFileSystem, toCorePath } from './node-fs';

export interface LoadArgs {
  paths: string[];
  config?: string;
  offline?: boolean;
  resolver?: string;
}

export interface LoadedTargets {
  /** The root as an operating-system path (the resolver cache and messages use it). */
  root: string;
  coreRoot: string;
  config: EvidenceLensConfig;
  workspace: LoadedWorkspace;
  /** Whether a core path is one of the paths given, or under one. */
  inTargets(file: string): boolean;
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

/** Loads the workspace around the given paths, or returns exit code 2 after printing why not. */
export async function loadTargets(args: LoadArgs, io: CliIo): Promise<LoadedTargets | number> {
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

  return { root, coreRoot, config, workspace, inTargets };
}
