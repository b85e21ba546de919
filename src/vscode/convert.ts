import * as vscode from 'vscode';
import type { Finding, Range, Severity } from '../core/types';

export function toRange(r: Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** A finding as a VS Code diagnostic; related places become clickable related information. */
export function toDiagnostic(f: Finding, uriOf: (path: string) => vscode.Uri): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(f.range), f.message, SEVERITY[f.severity]);
  d.source = 'evidence-lens';
  d.code = f.code;
  if (f.related?.length) {
    d.relatedInformation = f.related.map(
      (rel) => new vscode.DiagnosticRelatedInformation(new vscode.Location(uriOf(rel.file), toRange(rel.range)), rel.message),
    );
  }
  return d;
}
