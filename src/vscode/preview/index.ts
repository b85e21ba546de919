import type MarkdownIt from 'markdown-it';
import * as vscode from 'vscode';
import { itemForKey } from '../../core/format/library-items';
import { citationPlugin } from '../../core/preview/citation-plugin';
import type { NumberedReferences } from '../../core/preview/citation-plugin';
import type { Services } from '../services';
import { corePathOf } from '../workspace/vscode-fs';
import { citationStyleOf } from './style';

/** The note being rendered: VS Code's preview passes its URI as env.currentDocument. */
function documentOf(env: unknown): vscode.Uri | undefined {
  const doc = (env as { currentDocument?: unknown } | undefined)?.currentDocument;
  if (doc instanceof vscode.Uri) return doc;
  // Another extension's Uri (the markdown extension's) may not pass instanceof: rebuild it.
  const u = doc as { scheme?: unknown; authority?: unknown; path?: unknown } | undefined;
  if (typeof u?.scheme !== 'string' || typeof u.path !== 'string') return undefined;
  return vscode.Uri.from({ scheme: u.scheme, authority: typeof u.authority === 'string' ? u.authority : '', path: u.path });
}

function numberedReferences(services: Services, env: unknown): NumberedReferences | undefined {
  const uri = documentOf(env);
  const list = uri ? services.model.index.note(corePathOf(uri))?.referenceList : undefined;
  if (!list) return undefined;
  return { texts: new Map(list.items.map((item) => [item.number, item.text.trim()])), fromLine: list.headingRange.start.line };
}

/**
 * Renders open previews again when what they show changed elsewhere: the first load of the folder
 * (a preview opened at start-up rendered before the library was read), a bibliography or study
 * record, or the style setting. A note's own edits already re-render its preview.
 */
export function register(_context: vscode.ExtensionContext, services: Services): vscode.Disposable {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const refresh = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void vscode.commands.executeCommand('markdown.preview.refresh').then(undefined, () => undefined), 300);
  };
  return vscode.Disposable.from(
    services.model.onDidChange((files) => {
      if (files.length === 0 || files.some((f) => services.model.index.kindOf(f) !== 'note')) refresh();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('evidenceLens.citationStyle')) refresh();
    }),
    new vscode.Disposable(() => clearTimeout(timer)),
  );
}

/** The markdown preview's citation rendering (issue 4), returned from activate() as extendMarkdownIt. */
export function extendMarkdownIt(services: Services): (md: MarkdownIt) => MarkdownIt {
  const style = citationStyleOf(services);
  let reported = false;
  return (md) =>
    md.use(citationPlugin, {
      // Before the folder is read every key would look unresolved: render plain until then.
      ready: () => services.model.loaded,
      lookup: (key: string) => itemForKey(services.model.index, key),
      style: () => style.current(),
      numberedReferences: (env: unknown) => numberedReferences(services, env),
      // A note with its own numbered list already has a "References" heading.
      referencesHeading: (env: unknown) =>
        numberedReferences(services, env) ? vscode.l10n.t('Works cited from the bibliography') : vscode.l10n.t('References'),
      unresolvedTitle: (keys: string[]) =>
        vscode.l10n.t('No bibliography entry or study record for {0}', keys.map((k) => '@' + k).join(', ')),
      onError: (err: unknown) => {
        if (reported) return;
        reported = true;
        services.log.warn(`Preview citations: ${err instanceof Error ? err.message : String(err)}`);
      },
    });
}
