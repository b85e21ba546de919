import * as vscode from 'vscode';
import { fixAll, fixesFor } from '../../core/fixes';
import type { FixPlan } from '../../core/fixes';
import { LineIndex } from '../../core/text';
import type { Finding } from '../../core/types';
import { toRange } from '../convert';
import type { Services } from '../services';
import { corePathOf } from '../workspace/vscode-fs';

const FIXABLE_KINDS: FixPlan['kind'][] = ['replace-key', 'replace-doi', 'insert-citation', 'replace-figure', 'soften'];

/** Quick fixes for the findings in a note: repair from the library or record, or silence. */
export function register(_context: vscode.ExtensionContext, services: Services): vscode.Disposable {
  const provider: vscode.CodeActionProvider = {
    provideCodeActions(document, _range, context, token) {
      const file = corePathOf(document.uri);
      const findings = services.findings.get(file);
      if (!findings.length) return [];
      const lines = new LineIndex(document.getText());
      const frontMatterEnd = services.model.index.note(file)?.frontMatterEnd ?? 0;
      const actions: vscode.CodeAction[] = [];
      const offeredFixAll = new Set<string>();
      for (const diagnostic of context.diagnostics) {
        if (token.isCancellationRequested) return [];
        if (diagnostic.source !== 'evidence-lens') continue;
        const found = findings.find((f) => matches(f, diagnostic));
        if (!found) continue;
        for (const plan of fixesFor(found, lines, frontMatterEnd)) {
          const action = new vscode.CodeAction(plan.title, vscode.CodeActionKind.QuickFix);
          action.diagnostics = [diagnostic];
          action.isPreferred = plan.preferred;
          action.edit = toWorkspaceEdit(document.uri, plan.edits);
          actions.push(action);
          const key = `${found.code}|${plan.kind}`;
          if (FIXABLE_KINDS.includes(plan.kind) && !offeredFixAll.has(key)) {
            const all = fixAll([...findings], found.code, plan.kind, lines);
            if (all.length > 1) {
              offeredFixAll.add(key);
              const fixAllAction = new vscode.CodeAction(
                vscode.l10n.t('Fix all {0} in this file ({1})', found.code, all.length),
                vscode.CodeActionKind.QuickFix,
              );
              fixAllAction.edit = toWorkspaceEdit(document.uri, all);
              actions.push(fixAllAction);
            }
          }
        }
      }
      return actions;
    },
  };
  return vscode.languages.registerCodeActionsProvider({ language: 'markdown' }, provider, {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
  });
}

function matches(f: Finding, d: vscode.Diagnostic): boolean {
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  return code === f.code && d.message === f.message && toRange(f.range).isEqual(d.range);
}

function toWorkspaceEdit(uri: vscode.Uri, edits: { range: Finding['range']; newText: string }[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) edit.replace(uri, toRange(e.range), e.newText);
  return edit;
}
