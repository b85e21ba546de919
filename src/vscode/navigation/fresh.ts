import * as vscode from 'vscode';
import type { Services } from '../services';
import { corePathOf } from '../workspace/vscode-fs';

/** How long a provider waits for the index to catch up with the keystrokes before answering anyway. */
const CATCH_UP_MS = 1500;

/**
 * The document's core path once the index holds its current text. The model re-parses an edited
 * note after a short debounce; a hover or F2 in that window would otherwise use stale ranges.
 * Resolves undefined when cancelled or when the document is not a file the index knows.
 */
export async function indexedFile(services: Services, document: vscode.TextDocument, token: vscode.CancellationToken): Promise<string | undefined> {
  const { model } = services;
  await model.ready;
  const file = corePathOf(document.uri);
  const fresh = () => {
    const kind = model.index.kindOf(file);
    if (kind !== 'note') return kind !== undefined;
    return model.index.note(file)?.text === document.getText();
  };
  if (!fresh()) {
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        listener.dispose();
        cancel.dispose();
        resolve();
      };
      const listener = model.onDidChange(() => fresh() && done());
      const cancel = token.onCancellationRequested(done);
      const timer = setTimeout(done, CATCH_UP_MS);
    });
  }
  if (token.isCancellationRequested || !model.index.kindOf(file)) return undefined;
  return file;
}
