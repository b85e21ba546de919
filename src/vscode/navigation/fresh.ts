import * as vscode from 'vscode';
import type { Services } from '../services';
import { corePathOf } from '../workspace/vscode-fs';

/** How long a provider waits for the index to catch up with the keystrokes before answering anyway. */
const CATCH_UP_MS = 1500;

/** Resolves once `ready()` holds (checked after every index change), on cancellation, or after CATCH_UP_MS. */
function catchUp(services: Services, ready: () => boolean, token: vscode.CancellationToken): Promise<void> {
  if (ready()) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      listener.dispose();
      cancel.dispose();
      resolve();
    };
    const listener = services.model.onDidChange(() => ready() && done());
    const cancel = token.onCancellationRequested(done);
    const timer = setTimeout(done, CATCH_UP_MS);
  });
}

/**
 * The document's core path once the index holds its current text. The model re-parses an edited
 * note after a short debounce; a hover or F2 in that window would otherwise use stale ranges.
 * With `everything`, also waits for every other edited file (a rename touches the whole library).
 * Undefined when cancelled or when the document is not a file the index knows.
 */
export async function indexedFile(
  services: Services,
  document: vscode.TextDocument,
  token: vscode.CancellationToken,
  everything = false,
): Promise<string | undefined> {
  const { model } = services;
  await model.ready;
  const file = corePathOf(document.uri);
  // A git diff's old side or another scheme's copy has the same path but not the indexed text.
  if (model.uriOf(file).toString() !== document.uri.toString()) return undefined;
  const fresh = () => {
    if (everything && model.hasPending()) return false;
    const kind = model.index.kindOf(file);
    // A file the index does not know may be a note being created; anything else answers at once.
    if (kind === undefined) return !model.hasPending();
    // The index keeps no bibliography or record text to compare: an edit waiting for its re-index is the sign.
    if (kind !== 'note') return !model.hasPending(file);
    return model.index.note(file)?.text === document.getText();
  };
  await catchUp(services, fresh, token);
  // Still stale after the wait: ranges would point at the wrong text, and a rename would corrupt it.
  if (token.isCancellationRequested || !fresh() || !model.index.kindOf(file)) return undefined;
  return file;
}
