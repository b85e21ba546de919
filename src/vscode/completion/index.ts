import * as vscode from 'vscode';
import { completions } from '../../core/language';
import { toRange } from '../convert';
import type { Services } from '../services';
import { corePathOf } from '../workspace/vscode-fs';

/** Citation key and [n] completion (issue 4). */
export function register(_context: vscode.ExtensionContext, services: Services): vscode.Disposable {
  return vscode.languages.registerCompletionItemProvider(
    { language: 'markdown' },
    {
      async provideCompletionItems(document, position, token) {
        await services.model.ready;
        if (token.isCancellationRequested) return undefined;
        // The line being typed comes from the document; the index only supplies the library and the note's list.
        const result = completions(services.model.index, corePathOf(document.uri), document.getText(), position.line, position.character);
        if (!result) return undefined;
        const range = { inserting: toRange(result.range), replacing: toRange(result.replaceRange) };
        return result.items.map((c) => {
          const item = new vscode.CompletionItem(
            { label: c.label, description: c.detail },
            c.kind === 'key' ? vscode.CompletionItemKind.Reference : vscode.CompletionItemKind.Value,
          );
          item.insertText = c.insertText;
          item.filterText = c.filterText;
          item.sortText = c.sortText;
          item.range = range;
          if (c.kind === 'number') item.detail = c.detail;
          if (c.documentation) item.documentation = c.documentation; // a plain string: shown as text, never as markdown
          return item;
        });
      },
    },
    '@',
    '[',
  );
}
