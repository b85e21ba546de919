import * as vscode from 'vscode';
import type { EvidenceLensApi } from '../../src/extension';
import { waitFor } from './wait';

/** The activated extension's API, once the folder is indexed. */
export async function extensionApi(): Promise<EvidenceLensApi> {
  const extension = vscode.extensions.getExtension<EvidenceLensApi>('evidence-lens.evidence-lens')!;
  const api = await extension.activate();
  await waitFor(() => (api.services.model.loaded ? true : undefined), 'the folder to be indexed');
  await api.services.model.ready;
  return api;
}
