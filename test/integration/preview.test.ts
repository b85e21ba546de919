import * as assert from 'assert';
import MarkdownIt from 'markdown-it';
import * as vscode from 'vscode';
import { extensionApi } from './api';
import { waitFor } from './wait';

const DAVIS_TITLE = 'Effects of psilocybin-assisted therapy on major depressive disorder: a randomized clinical trial';
const DAVIS_APA =
  '<div class="csl-entry">Davis, A. K., Barrett, F. S., May, D. G., &#38; Cosimano, M. P. (2021). Effects of psilocybin-assisted therapy on major depressive disorder: a randomized clinical trial. <i>JAMA Psychiatry</i>, <i>78</i>(5), 481–489. https://doi.org/10.1001/jamapsychiatry.2020.3285</div>';

describe('markdown preview citations in a real VS Code', () => {
  const folder = () => vscode.workspace.workspaceFolders![0].uri;

  async function renderNote(name: string): Promise<string> {
    const api = await extensionApi();
    const uri = vscode.Uri.joinPath(folder(), 'notes', name);
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    // html: true as in VS Code's own preview, so HTML comments stay comments.
    const md = api.extendMarkdownIt(new MarkdownIt({ html: true }));
    return md.render(text, { currentDocument: uri });
  }

  it('renders the overview note’s pandoc citations in APA with a reference list of the cited works', async () => {
    const html = await renderNote('01-overview.md');
    assert.ok(html.includes(`delayed treatment`), 'the note rendered');
    assert.ok(
      html.includes(
        '<span class="evidence-lens-cite" title="Psilocybin with psychological support for treatment-resistant depression: an open-label feasibility study">(R. L. Carhart-Harris et al., 2016, p. 619)</span>',
      ),
    );
    assert.ok(html.includes(`Davis et al. <span class="evidence-lens-cite" title="${DAVIS_TITLE}">(2021)</span> randomised 27 adults`));
    assert.ok(html.includes(`<span class="evidence-lens-cite" title="Single-Dose Psilocybin for a Treatment-Resistant Episode of Major Depression">Goodwin et al. (2022)</span> randomised 233`));
    assert.ok(!html.includes('evidence-lens-unresolved'), 'the key in an HTML comment stays a comment');
    const list = html.slice(html.indexOf('<section class="evidence-lens-references">'));
    assert.ok(list.startsWith('<section class="evidence-lens-references">\n<h2>References</h2>\n<div class="csl-bib-body">\n'), list);
    assert.strictEqual(list.match(/<div class="csl-entry">/g)?.length, 11);
    assert.ok(list.includes(`  ${DAVIS_APA}\n`), list);
  });

  it('marks the unresolved key of the mistakes note, and gives numbered citations their reference text', async () => {
    const html = await renderNote('04-mistakes.md');
    assert.ok(
      html.includes(
        '<span class="evidence-lens-cite evidence-lens-unresolved" title="No bibliography entry or study record for @smith2019">[@smith2019]</span>',
      ),
    );
    // The note has its own numbered "References" list: the appended one is named differently.
    assert.ok(html.includes('<section class="evidence-lens-references">\n<h2>Works cited from the bibliography</h2>\n'));
    const trials = await renderNote('02-trials.md');
    assert.ok(
      trials.includes(
        '<span class="evidence-lens-cite" title="Carhart-Harris RL, Bolstridge M, Rucker J, et al. Psilocybin with psychological support for treatment-resistant depression: an open-label feasibility study. Lancet Psychiatry. 2016;3(7):619-627. doi:10.1016/S2215-0366(16)30065-7">[1]</span>',
      ),
      trials.slice(0, 2000),
    );
    assert.ok(!trials.includes('evidence-lens-references'), 'no list appended to a note that cites only by number');
  });

  it('is called by VS Code’s own markdown pipeline (markdown.api.render)', async () => {
    await extensionApi();
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('markdown.api.render'), 'the built-in markdown extension is present');
    const html = await vscode.commands.executeCommand<string>('markdown.api.render', 'Rapid [@davis2021].');
    assert.ok(html.includes(`<span class="evidence-lens-cite" title="${DAVIS_TITLE}">(Davis et al., 2021)</span>`), html);
    assert.ok(html.includes(DAVIS_APA), html);
    // Given a document, VS Code parses without it and passes env.currentDocument only to render:
    // the numbered citations of 02-trials.md still get their reference list's text.
    const trials = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder(), 'notes/02-trials.md'));
    const trialsHtml = await vscode.commands.executeCommand<string>('markdown.api.render', trials);
    assert.ok(/<span class="evidence-lens-cite" title="Carhart-Harris RL, Bolstridge M, Rucker J, et al\. Psilocybin[^"]*">\[1\]<\/span>/.test(trialsHtml), trialsHtml.slice(0, 1500));
  });

  it('follows the citationStyle setting: vancouver, a workspace .csl file, and apa for a broken one', async () => {
    const api = await extensionApi();
    const settings = () => vscode.workspace.getConfiguration('evidenceLens');
    const style = vscode.Uri.joinPath(folder(), 'scratch-style.csl');
    const broken = vscode.Uri.joinPath(folder(), 'scratch-broken.csl');
    const xml = [
      '<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">',
      '<info><title>Test</title><id>test</id><updated>2026-11-21T00:00:00+00:00</updated></info>',
      '<citation><layout prefix="&lt;&lt;" suffix="&gt;&gt;"><names variable="author"><name form="short"/></names></layout></citation>',
      '<bibliography><layout><text variable="title" text-case="uppercase"/></layout></bibliography>',
      '</style>',
    ].join('\n');
    await vscode.workspace.fs.writeFile(style, new TextEncoder().encode(xml));
    await vscode.workspace.fs.writeFile(broken, new TextEncoder().encode('<style xmlns="http://purl.org/net/xbiblio/csl"><citation>'));
    const settingsFile = vscode.Uri.joinPath(folder(), '.vscode/settings.json');
    const hadSettings = await vscode.workspace.fs.stat(settingsFile).then(
      () => true,
      () => false,
    );
    const render = () => api.extendMarkdownIt(new MarkdownIt()).render('Rapid [@davis2021].');
    const cite = (text: string) => `<span class="evidence-lens-cite" title="${DAVIS_TITLE}">${text}</span>`;
    try {
      await settings().update('citationStyle', 'vancouver', vscode.ConfigurationTarget.Workspace);
      assert.ok(render().includes(cite('(1)')), render());
      await settings().update('citationStyle', 'scratch-style.csl', vscode.ConfigurationTarget.Workspace);
      // The file is read asynchronously: the first renders may still use apa.
      await waitFor(() => (render().includes(cite('&#60;&#60;Davis, Barrett, May, Cosimano&#62;&#62;')) ? true : undefined), 'the .csl style');
      assert.ok(render().includes('<div class="csl-entry">EFFECTS OF PSILOCYBIN-ASSISTED THERAPY ON MAJOR DEPRESSIVE DISORDER: A RANDOMIZED CLINICAL TRIAL</div>'));
      await settings().update('citationStyle', 'scratch-broken.csl', vscode.ConfigurationTarget.Workspace);
      render();
      await new Promise((resolve) => setImmediate(resolve));
      assert.ok(render().includes(cite('(Davis et al., 2021)')), render());
    } finally {
      await settings().update('citationStyle', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.workspace.fs.delete(style);
      await vscode.workspace.fs.delete(broken);
      if (!hadSettings) await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder(), '.vscode'), { recursive: true });
      await api.services.model.ready;
    }
  });
});
