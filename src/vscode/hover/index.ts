import * as vscode from 'vscode';
import { isBuiltinStyle } from '../../core/format/citation-format';
import { hoverInfo } from '../../core/language';
import { toRange } from '../convert';
import { indexedFile } from '../navigation/fresh';
import type { Services } from '../services';
import { renderHover } from './render';

/** Hovers on DOIs, [@key], @key and [n] (issue 4). */
export function register(_context: vscode.ExtensionContext, services: Services): vscode.Disposable {
  return vscode.languages.registerHoverProvider(
    { language: 'markdown' },
    {
      async provideHover(document, position, token) {
        const file = await indexedFile(services, document, token);
        if (!file) return undefined;
        const info = hoverInfo(services.model.index, file, position.line, position.character, {
          style: citationStyle(),
          resolver: services.resolver,
          findings: services.findings.get(file),
        });
        if (!info || token.isCancellationRequested) return undefined;
        return new vscode.Hover(renderHover(info), toRange(info.range));
      },
    },
  );
}

/** A built-in style name; a .csl path is left to the features that load style files, the hover uses APA then. */
function citationStyle(): string {
  const style = vscode.workspace.getConfiguration('evidenceLens').get<string>('citationStyle', 'apa');
  return isBuiltinStyle(style) ? style : 'apa';
}
