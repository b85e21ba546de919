import * as vscode from 'vscode';
import { escapeMarkdown } from '../../core/language';
import type { HoverInfo } from '../../core/language';

/**
 * The hover card. Every value from a file or a resolver goes through escapeMarkdown; the only
 * markdown written here is structure (bold, lists, rules) and the doi.org link, whose URL
 * doiUrl built from a validated, percent-encoded DOI.
 */
export function renderHover(info: HoverInfo): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', false);
  md.isTrusted = false;
  md.supportHtml = false;
  const e = escapeMarkdown;
  const lines: string[] = [];

  if (info.target.kind === 'numbered') {
    lines.push(`**${e(vscode.l10n.t('Reference {0}', info.label))}**`);
    lines.push(info.referenceText ? e(info.referenceText) : `*${e(vscode.l10n.t('No item {0} in this note\'s reference list.', info.target.number))}*`);
    if (info.key) lines.push(e(vscode.l10n.t('In your library as @{0}:', info.key)));
  }
  const title = info.title ?? (info.target.kind === 'numbered' ? undefined : info.label);
  if (title) lines.push(`**${e(title)}**`);
  if (info.authors) lines.push(e(info.authors));
  const source = sourceLine(info);
  if (source) lines.push(`*${e(source)}*`);
  if (info.doi && info.doiUrl) lines.push(`${e('DOI')} [${e(info.doi)}](${info.doiUrl})`);
  if (info.retraction) lines.push(`**${e(vscode.l10n.t('⚠ Retracted'))}**: ${e(info.retraction)}`);

  const details: string[] = [];
  if (info.formatted) details.push(e(info.formatted));
  if (info.study) details.push(e(studyLine(info)));
  const where = availabilityLine(info);
  if (where) details.push(`*${e(where)}*`);
  details.push(e(info.citingNotes === 1 ? vscode.l10n.t('Cited in 1 note') : vscode.l10n.t('Cited in {0} notes', info.citingNotes)));

  md.appendMarkdown(lines.join('  \n'));
  md.appendMarkdown('\n\n---\n\n');
  md.appendMarkdown(details.join('\n\n'));
  // The retraction line already says what source.retracted says.
  const findings = info.retraction ? info.findings.filter((f) => f.code !== 'source.retracted') : info.findings;
  if (findings.length) {
    md.appendMarkdown('\n\n---\n\n');
    md.appendMarkdown(findings.map((f) => `- \`${f.code.replace(/[^a-z.-]/g, '')}\` ${e(f.message)}`).join('\n'));
  }
  return md;
}

/** "JAMA Psychiatry 2021; 78(5): 481-489". */
function sourceLine(info: HoverInfo): string {
  const issue = info.volume ? `${info.volume}${info.issue ? `(${info.issue})` : ''}` : '';
  const place = [issue, info.pages].filter(Boolean).join(': ');
  const head = [info.journal, info.year].filter((x) => x !== undefined && x !== '').join(' ');
  return [head, place].filter(Boolean).join('; ');
}

function studyLine(info: HoverInfo): string {
  const s = info.study!;
  const parts = [vscode.l10n.t('Study record {0}', s.id)];
  if (s.design) parts.push(vscode.l10n.t('design: {0}', s.design));
  if (s.n !== undefined) parts.push(vscode.l10n.t('n = {0}', s.n));
  if (s.population) parts.push(vscode.l10n.t('population: {0}', s.population));
  const o = s.primaryOutcome;
  if (o) {
    const when = o.timepoint ? vscode.l10n.t('{0} at {1}', o.measure, o.timepoint) : o.measure;
    const result = o.significant === undefined ? '' : o.significant ? vscode.l10n.t(', significant') : vscode.l10n.t(', not significant');
    parts.push(vscode.l10n.t('primary outcome: {0}{1}', when, result));
  }
  return parts.join(' · ');
}

function availabilityLine(info: HoverInfo): string | undefined {
  if (info.availability === 'resolved-online') return vscode.l10n.t('Resolved online, not in your library.');
  if (info.availability === 'library') return undefined;
  if (info.target.kind === 'key') return vscode.l10n.t('No bibliography entry or study record defines @{0}.', info.target.key);
  if (info.target.kind === 'doi' && !info.target.doi) return vscode.l10n.t('Not a valid DOI.');
  return vscode.l10n.t('Not in your library.');
}
