import * as assert from 'assert';
import * as vscode from 'vscode';
import type { EvidenceLensApi } from '../../src/extension';
import type { AddSourceResult } from '../../src/vscode/resolver/add-source';
import { startFixtureServer } from '../fixtures/resolver/server';
import type { FixtureServer } from '../fixtures/resolver/server';
import { waitFor } from './wait';

const codeOf = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);

const BOGENSCHUTZ = '10.1177/0269881114565144';
const JOHNSON = '10.3109/00952990.2016.1170135';
const UNREGISTERED = '10.9999/resolver-scratch-unknown';

const NOTE = [
  '# Resolver scratch',
  '',
  `A pilot in alcohol dependence doi:${BOGENSCHUTZ} and an unregistered one doi:${UNREGISTERED}, with [1].`,
  '',
  '## References',
  '',
  `1. Smith J, Jones K. Ketamine infusions for bipolar depression: a pilot. J Affect Disord. 2019;245:100-105. doi:${JOHNSON}`,
  '',
].join('\n');

/** A small library in CRLF without a final line end: bytes an append could easily disturb. */
const SCRATCH_BIB = '% scratch library\r\n@article{scratch2000,\r\n  title = {A scratch entry with {DNA}},\r\n  year = {2000},\r\n  doi = {10.5555/scratch-entry}\r\n}';

describe('DOI resolver in a real VS Code', () => {
  const folder = () => vscode.workspace.workspaceFolders![0].uri;
  const noteUri = () => vscode.Uri.joinPath(folder(), 'notes/zz-resolver-scratch.md');
  const bibUri = () => vscode.Uri.joinPath(folder(), 'zz-resolver-scratch.bib');
  const offlineUri = () => vscode.Uri.joinPath(folder(), 'notes/zz-resolver-offline.md');
  let server: FixtureServer;
  let api: EvidenceLensApi;

  before(async () => {
    assert.ok(vscode.workspace.isTrusted, 'the test workspace is trusted');
    api = (await vscode.extensions.getExtension('evidence-lens.evidence-lens')!.activate()) as EvidenceLensApi;
    server = await startFixtureServer();
    await vscode.workspace.getConfiguration().update('evidenceLens.resolver.url', server.doiBase, vscode.ConfigurationTarget.Workspace);
    await waitFor(() => (api.services.model.config.resolver.url === server.doiBase ? true : undefined), 'the resolver setting');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of [noteUri(), bibUri(), offlineUri()]) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    await vscode.workspace.getConfiguration().update('evidenceLens.resolver.url', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.getConfiguration().update('evidenceLens.online', undefined, vscode.ConfigurationTarget.Workspace);
    await waitFor(() => (api.services.model.config.resolver.url === 'https://doi.org/' ? true : undefined), 'the setting restored');
    await waitFor(() => (api.services.model.index.note(api.services.model.root + '/notes/zz-resolver-scratch.md') ? undefined : true), 'the scratch note gone');
    await server.close();
  });

  it('drops doi-unknown for a DOI the resolver knows and reports doi-mismatch from resolved metadata', async () => {
    await vscode.workspace.fs.writeFile(noteUri(), new TextEncoder().encode(NOTE));
    const doc = await vscode.workspace.openTextDocument(noteUri());
    await vscode.window.showTextDocument(doc);
    const host = new URL(server.doiBase).host;
    const expected = [
      `3 reference.doi-unknown DOI ${UNREGISTERED} is in no bibliography or study record, and ${host} does not know it.`,
      `7 reference.doi-mismatch Reference 1 says "Ketamine infusions for bipolar…" (Smith, J Affect Disord, 2019) but DOI ${JOHNSON} is "Long-term follow-up of psilocybin-facilitated smoking cessation" (Johnson, Am J Drug Alcohol Abuse, 2016) according to ${host}.`,
    ];
    const started = Date.now();
    const seen = await waitFor(() => {
      const now = vscode.languages
        .getDiagnostics(noteUri())
        .filter((d) => codeOf(d).startsWith('reference.doi'))
        .map((d) => `${d.range.start.line + 1} ${codeOf(d)} ${d.message}`)
        .sort();
      return JSON.stringify(now) === JSON.stringify(expected) ? now : undefined;
    }, 'diagnostics from the resolver\'s answers', 20000);
    assert.deepStrictEqual(seen, expected);
    assert.ok(Date.now() - started < 15000);
    for (const doi of [BOGENSCHUTZ, JOHNSON, UNREGISTERED]) assert.strictEqual(server.count(doi), 1, `one request for ${doi}`);
    assert.strictEqual(api.services.resolver?.peek(BOGENSCHUTZ)?.item?.['container-title-short'], 'J Psychopharmacol');
  });

  it('adds a source from a DOI to a chosen .bib, keeping every other byte, and refuses a DOI already there', async () => {
    await vscode.workspace.fs.writeFile(bibUri(), new TextEncoder().encode(SCRATCH_BIB));
    const model = api.services.model;
    const bibPath = `${model.root}/zz-resolver-scratch.bib`;
    await waitFor(() => model.index.bibliography(bibPath), 'the scratch bibliography indexed');

    const added = await vscode.commands.executeCommand<AddSourceResult>('evidenceLens.addSourceFromDoi', BOGENSCHUTZ, 'zz-resolver-scratch.bib');
    assert.deepStrictEqual(added, { status: 'added', key: 'bogenschutz2015', file: bibPath });
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(bibUri()));
    assert.strictEqual(text.slice(0, SCRATCH_BIB.length), SCRATCH_BIB);
    assert.match(text.slice(SCRATCH_BIB.length), /^\r\n\r\n@article\{bogenschutz2015,\r\n/);
    assert.match(text, /doi = \{10\.1177\/0269881114565144\}/);

    const entry = await waitFor(() => model.index.entries('bogenschutz2015')[0], 'the new entry indexed');
    assert.strictEqual(entry.csl.title, 'Psilocybin-assisted treatment for alcohol dependence: A proof-of-concept study');
    assert.deepStrictEqual(model.index.bibliography(bibPath)!.findings, []);

    const again = await vscode.commands.executeCommand<AddSourceResult>('evidenceLens.addSourceFromDoi', BOGENSCHUTZ, 'zz-resolver-scratch.bib');
    assert.deepStrictEqual(again, { status: 'exists', key: 'bogenschutz2015', file: bibPath });
    const goodwin = await vscode.commands.executeCommand<AddSourceResult>('evidenceLens.addSourceFromDoi', 'https://doi.org/10.1056/NEJMoa2206443', 'zz-resolver-scratch.bib');
    assert.deepStrictEqual(goodwin, { status: 'exists', key: 'goodwin2022', file: `${model.root}/references.bib` });
    assert.strictEqual(new TextDecoder().decode(await vscode.workspace.fs.readFile(bibUri())), text, 'a refused DOI writes nothing');

    // With the bibliography open, the entry goes in through the editor and is saved.
    const doc = await vscode.workspace.openTextDocument(bibUri());
    await vscode.window.showTextDocument(doc);
    const viaEditor = await vscode.commands.executeCommand<AddSourceResult>('evidenceLens.addSourceFromDoi', JOHNSON, 'zz-resolver-scratch.bib');
    assert.deepStrictEqual(viaEditor, { status: 'added', key: 'johnson2016', file: bibPath });
    assert.strictEqual(doc.isDirty, false);
    const after = new TextDecoder().decode(await vscode.workspace.fs.readFile(bibUri()));
    assert.strictEqual(after.slice(0, text.length), text);
    assert.match(after.slice(text.length), /^\r\n@article\{johnson2016,\r\n/);
  });

  it('makes no request while evidenceLens.online is false, and resolves once it is turned back on', async () => {
    const doi = '10.9999/slow-offline-check';
    const resolver = api.services.resolver as { online: boolean } | undefined;
    await vscode.workspace.getConfiguration().update('evidenceLens.online', false, vscode.ConfigurationTarget.Workspace);
    await waitFor(() => (resolver?.online === false ? true : undefined), 'the resolver offline');
    await vscode.workspace.fs.writeFile(offlineUri(), new TextEncoder().encode(`An unresolved preprint doi:${doi} here.\n`));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(offlineUri()));
    const unknown = () => vscode.languages.getDiagnostics(offlineUri()).filter((d) => codeOf(d) === 'reference.doi-unknown').length;
    await waitFor(() => (unknown() === 1 ? true : undefined), 'doi-unknown while offline');
    assert.strictEqual(await vscode.commands.executeCommand('evidenceLens.refreshMetadata'), undefined);
    assert.strictEqual(server.count(doi), 0);

    await vscode.workspace.getConfiguration().update('evidenceLens.online', undefined, vscode.ConfigurationTarget.Workspace);
    await waitFor(() => (unknown() === 0 ? true : undefined), 'the answer once online again', 20000);
    assert.strictEqual(server.count(doi), 1);
  });
});
