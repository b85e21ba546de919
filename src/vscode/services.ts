import type * as vscode from 'vscode';
import type { MetadataLookup } from '../core/resolver/types';
import type { EvidenceTableProbe } from './evidence-table/panel';
import type { FindingStore } from './findings-store';
import type { ClaimStatusProbe } from './status/claim-status';
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
  /** The evidence table's page and last posted rows, for integration tests. */
  evidenceTable?: EvidenceTableProbe;
  /** The claim status bar item's text and tooltip, which the API cannot read back, for tests. */
  claimStatus?: ClaimStatusProbe;
  /** Fires with the DOIs whose resolver answers arrived; undefined when any note may be affected. */
  onDidResolve?: vscode.Event<string[] | undefined>;
  /** The Sources and Studies views' providers, set by the tree feature (tests read them). */
  tree?: EvidenceTrees;
}
