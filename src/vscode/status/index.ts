import type * as vscode from 'vscode';
import type { Services } from '../services';
import { ClaimStatus } from './claim-status';
import type { ClaimStatusProbe } from './claim-status';

/** The status bar count of claim problems in the active note (issue 4). */
export function register(_context: vscode.ExtensionContext, services: Services): vscode.Disposable {
  const probe: ClaimStatusProbe = { visible: false, text: '', tooltip: '' };
  services.claimStatus = probe;
  return new ClaimStatus(services, probe);
}
