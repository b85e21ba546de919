import type * as vscode from 'vscode';
import type { MetadataLookup } from '../core/resolver/types';
import type { FindingStore } from './findings-store';
import type { EvidenceTrees } from './tree/provider';
import type { ConfigService } from './workspace/config-service';
import type { WorkspaceModel } from './workspace/workspace-model';

/** What features share; built by hand in extension.ts. */
export interface Services {
  config: ConfigService;
  model: WorkspaceModel;
  log: vscode.LogOutputChannel;
  findings: FindingStore;
  /** Resolved DOI metadata already in memory or cache (issue 5); features must work without it. */
  resolver?: MetadataLookup;
  /** Fires with the DOIs whose resolver answers arrived; undefined when any note may be affected. */
  onDidResolve?: vscode.Event<string[] | undefined>;
  /** The Sources and Studies views' providers, set by the tree feature (tests read them). */
  tree?: EvidenceTrees;
}
