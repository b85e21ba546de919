import * as vscode from 'vscode';
import { checkRenamable, declarations, definition, doiLinks, keyAt, references, renameEdits } from '../../core/language';
import type { Location } from '../../core/language';
import { toRange } from '../convert';
import type { Services } from '../services';
import { indexedFile } from './fresh';

/** Notes, and the library files a key is declared in (bibliographies and study records). */
const SELECTOR: vscode.DocumentSelector = [{ language: 'markdown' }, { pattern: '**/*.{bib,bibtex,json,yaml,yml}' }];

/** Definition, references, rename and DOI links (issue 4). */
export function register(_context: vscode.ExtensionContext, services: Services): vscode.Disposable {
  const { model } = services;
  const toLocation = (l: Location) => new vscode.Location(model.uriOf(l.file), toRange(l.range));

  return vscode.Disposable.from(
    vscode.languages.registerDefinitionProvider(SELECTOR, {
      async provideDefinition(document, position, token) {
        const file = await indexedFile(services, document, token);
        if (!file) return undefined;
        if (model.index.kindOf(file) === 'note') {
          const found = definition(model.index, file, position.line, position.character);
          if (found.length) return found.map(toLocation);
        }
        // From one declaration (an entry's key, a record's id, a front matter id) to the others.
        const key = keyAt(model.index, file, position);
        if (!key) return undefined;
        const others = declarations(model.index, key.key).filter((l) => !(l.file === file && l.range.start.line === key.range.start.line));
        return others.map(toLocation);
      },
    }),
    vscode.languages.registerReferenceProvider(SELECTOR, {
      async provideReferences(document, position, context, token) {
        const file = await indexedFile(services, document, token);
        const key = file && keyAt(model.index, file, position);
        if (!key || token.isCancellationRequested) return undefined;
        return references(model.index, key.key, context.includeDeclaration).map(toLocation);
      },
    }),
    vscode.languages.registerRenameProvider(SELECTOR, {
      async prepareRename(document, position, token) {
        const file = await indexedFile(services, document, token);
        const key = file && keyAt(model.index, file, position);
        if (!key) throw new Error(vscode.l10n.t('Only a citation key (@key, a bibliography entry key or a study record id) can be renamed.'));
        const problem = checkRenamable(model.index, key.key);
        if (problem) throw new Error(problem);
        return { range: toRange(key.range), placeholder: key.key };
      },
      async provideRenameEdits(document, position, newName, token) {
        const file = await indexedFile(services, document, token, true);
        const key = file && keyAt(model.index, file, position);
        if (!key || token.isCancellationRequested) return undefined;
        const result = renameEdits(model.index, key.key, newName);
        if (!result.ok) {
          // Not a rejection: VS Code would hand a rejected rename to the next provider, and the
          // markdown extension's takes "[@a; @b]" for a link label and would rewrite the citation.
          void vscode.window.showErrorMessage(result.message);
          return new vscode.WorkspaceEdit();
        }
        const edit = new vscode.WorkspaceEdit();
        for (const [target, edits] of result.edits) {
          for (const e of edits) edit.replace(model.uriOf(target), toRange(e.range), e.newText);
        }
        return edit;
      },
    }),
    vscode.languages.registerDocumentLinkProvider(
      { language: 'markdown' },
      {
        async provideDocumentLinks(document, token) {
          const file = await indexedFile(services, document, token);
          const note = file ? model.index.note(file) : undefined;
          if (!note) return undefined;
          return doiLinks(note).map((l) => {
            const link = new vscode.DocumentLink(toRange(l.range), vscode.Uri.parse(l.target, true));
            link.tooltip = vscode.l10n.t('Open the DOI at doi.org');
            return link;
          });
        },
      },
    ),
  );
}
