import * as assert from 'assert';
import MarkdownIt from 'markdown-it';
import { citationPlugin } from '../../src/core/preview/citation-plugin';
import type { CitationPluginOptions, NumberedReferences } from '../../src/core/preview/citation-plugin';
import type { CslItem } from '../../src/core/types';
import { DAVIS, HOSTILE_TITLE } from './citation-format.test';

const CARHART: CslItem = {
  id: 'carhart-harris2016',
  type: 'article-journal',
  title: 'Psilocybin with psychological support for treatment-resistant depression: an open-label feasibility study',
  author: [
    { family: 'Carhart-Harris', given: 'Robin L.' },
    { family: 'Bolstridge', given: 'Mark' },
    { family: 'Rucker', given: 'James' },
  ],
  issued: { 'date-parts': [[2016]] },
  'container-title': 'The Lancet Psychiatry',
  volume: '3',
  issue: '7',
  page: '619-627',
};
const EVIL: CslItem = { id: 'evil', type: 'article-journal', title: HOSTILE_TITLE, author: [{ family: 'Evil' }], issued: { 'date-parts': [[2020]] } };
/** citeproc throws on a name part that is not a string. */
const BROKEN: CslItem = { id: 'broken', type: 'article-journal', title: 'Broken', author: [{ family: { x: 1 } as unknown as string }] };
const LIBRARY = new Map([DAVIS, CARHART, EVIL, BROKEN].map((item) => [item.id, item]));

function render(markdown: string, options: Partial<CitationPluginOptions> = {}): string {
  const md = new MarkdownIt().use(citationPlugin, { lookup: (key: string) => LIBRARY.get(key), style: () => 'apa', ...options });
  return md.render(markdown);
}

const DAVIS_TITLE = 'Effects of psilocybin-assisted therapy on major depressive disorder: a randomized clinical trial';
const DAVIS_APA =
  '<div class="csl-entry">Davis, A. K., Barrett, F. S., &#38; May, D. G. (2021). Effects of psilocybin-assisted therapy on major depressive disorder: a randomized clinical trial. <i>JAMA Psychiatry</i>, <i>78</i>(5), 481–489. https://doi.org/10.1001/jamapsychiatry.2020.3285</div>';
const CARHART_APA =
  '<div class="csl-entry">Carhart-Harris, R. L., Bolstridge, M., &#38; Rucker, J. (2016). Psilocybin with psychological support for treatment-resistant depression: an open-label feasibility study. <i>The Lancet Psychiatry</i>, <i>3</i>(7), 619–627.</div>';

function references(...entries: string[]): string {
  return `<section class="evidence-lens-references">\n<h2>References</h2>\n<div class="csl-bib-body">\n${entries.map((e) => `  ${e}\n`).join('')}</div>\n</section>\n`;
}

describe('preview citation plugin', () => {
  it('renders one citation and appends the reference list', () => {
    assert.strictEqual(
      render('Responses were rapid [@davis2021].'),
      `<p>Responses were rapid <span class="evidence-lens-cite" title="${DAVIS_TITLE}">(Davis et al., 2021)</span>.</p>\n` + references(DAVIS_APA),
    );
  });

  it('renders a cluster with a prefix and a locator, the list sorted as APA sorts', () => {
    assert.strictEqual(
      render('Both [see @carhart-harris2016, p. 619; @davis2021].'),
      `<p>Both <span class="evidence-lens-cite" title="${CARHART.title}; ${DAVIS_TITLE}">(see Carhart-Harris et al., 2016, p. 619; Davis et al., 2021)</span>.</p>\n` +
        references(CARHART_APA, DAVIS_APA),
    );
  });

  it('renders @key in running text as author (year), and [-@key] as the year alone', () => {
    const html = render('@davis2021 randomised 27 adults. Davis et al. [-@davis2021] reported it.');
    assert.ok(
      html.startsWith(
        `<p><span class="evidence-lens-cite" title="${DAVIS_TITLE}">Davis et al. (2021)</span> randomised 27 adults. ` +
          `Davis et al. <span class="evidence-lens-cite" title="${DAVIS_TITLE}">(2021)</span> reported it.</p>\n`,
      ),
      html,
    );
  });

  it('numbers works in order of first citation in a numeric style, the list in the same order', () => {
    const html = render('First [@davis2021], then [@carhart-harris2016], again [@davis2021]; @davis2021 said.', { style: () => 'vancouver' });
    assert.strictEqual(
      html.split('</p>')[0],
      `<p>First <span class="evidence-lens-cite" title="${DAVIS_TITLE}">(1)</span>, then <span class="evidence-lens-cite" title="${CARHART.title}">(2)</span>, ` +
        `again <span class="evidence-lens-cite" title="${DAVIS_TITLE}">(1)</span>; <span class="evidence-lens-cite" title="${DAVIS_TITLE}">Davis et al. (1)</span> said.`,
    );
    assert.ok(html.indexOf('<div class="csl-left-margin">1. </div><div class="csl-right-inline">Davis AK') < html.indexOf('<div class="csl-left-margin">2. </div><div class="csl-right-inline">Carhart-Harris RL'));
  });

  it('leaves an unresolved key visible and marked; no list when nothing resolves', () => {
    assert.strictEqual(
      render('A case series [@smith2019].'),
      '<p>A case series <span class="evidence-lens-cite evidence-lens-unresolved" title="No bibliography entry or study record for @smith2019">[@smith2019]</span>.</p>\n',
    );
  });

  it('marks a whole cluster unresolved when one of its keys is, naming only the missing key', () => {
    const html = render('Both [@davis2021; @smith2019].', { unresolvedTitle: (keys) => `missing: ${keys.join(',')}` });
    assert.strictEqual(html, '<p>Both <span class="evidence-lens-cite evidence-lens-unresolved" title="missing: smith2019">[@davis2021; @smith2019]</span>.</p>\n');
  });

  it('does not touch code spans, fences, link destinations or link text', () => {
    const markdown = 'Write `[@davis2021]` and [the @davis2021 paper](https://example.org/@davis2021).\n\n```\n[@davis2021]\n```\n';
    assert.strictEqual(render(markdown), new MarkdownIt().render(markdown));
  });

  it('keeps a hostile title inert in the tooltip and in the list', () => {
    assert.strictEqual(
      render('Bad [@evil].'),
      '<p>Bad <span class="evidence-lens-cite" title="[click](command:workbench.action.quit) &lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt; fine &lt;span style=&quot;background:url(https://evil.example/x.png)&quot;&gt;bg&lt;/span&gt;">(Evil, 2020)</span>.</p>\n' +
        references(
          '<div class="csl-entry">Evil. (2020). <i>[click](command:workbench.action.quit) &#60;script&#62;alert(1)&#60;/script&#62; &#60;img src=x onerror=alert(1)&#62; <span style="font-style:normal;">fine</span> &#60;span style="background:url(https://evil.example/x.png)"&#62;bg&#60;/span&#62;</i>.</div>',
        ),
    );
  });

  it('leaves a note without citations exactly as markdown-it renders it', () => {
    const markdown = '# Notes\n\nNo citations here, only an e-mail a@b.org and [a link](https://x.org).\n';
    assert.strictEqual(render(markdown), new MarkdownIt().render(markdown));
  });

  it('shows a broken entry as its source text and still formats the others', () => {
    const errors: unknown[] = [];
    const html = render('Broken [@broken], fine [@davis2021].', { onError: (e) => errors.push(e) });
    assert.strictEqual(
      html,
      `<p>Broken [@broken], fine <span class="evidence-lens-cite" title="${DAVIS_TITLE}">(Davis et al., 2021)</span>.</p>\n` +
        `<section class="evidence-lens-references">\n<h2>References</h2>\n<div class="csl-bib-body">\n  <div data-csl-entry-id="davis2021" class="csl-entry">${DAVIS_APA.slice('<div class="csl-entry">'.length)}\n</div>\n</section>\n`,
    );
    assert.ok(errors.length > 0);
  });

  it('renders the note as written while the library is not loaded yet', () => {
    assert.strictEqual(render('Rapid [@davis2021].', { ready: () => false }), '<p>Rapid [@davis2021].</p>\n');
  });

  it('never throws, even when the lookup does', () => {
    const html = render('X [@davis2021].', {
      lookup: () => {
        throw new Error('index gone');
      },
    });
    assert.strictEqual(html, '<p>X <span class="evidence-lens-cite evidence-lens-unresolved" title="No bibliography entry or study record for @davis2021">[@davis2021]</span>.</p>\n');
  });

  it('gives numbered citations their reference text, marks unknown numbers, and skips the list itself', () => {
    const markdown = 'Two trials [1, 2].\n\n## References\n\n[1] First <b>ref</b>\n';
    const html = render(markdown, { numberedReferences: () => ({ texts: new Map([[1, 'First <b>ref</b>']]), fromLine: 2 }) });
    assert.strictEqual(
      html,
      '<p>Two trials <span class="evidence-lens-cite evidence-lens-unresolved" title="First &lt;b&gt;ref&lt;/b&gt;">[1, 2]</span>.</p>\n<h2>References</h2>\n<p>[1] First &lt;b&gt;ref&lt;/b&gt;</p>\n',
    );
  });

  it('formats when rendering, so tokens parsed once (VS Code caches them) follow the render env, style and library', () => {
    const library = new Map(LIBRARY);
    const md = new MarkdownIt().use(citationPlugin, {
      lookup: (key: string) => library.get(key),
      style: (env: unknown) => (env as { style: string }).style,
      numberedReferences: (env: unknown) => (env as { refs?: NumberedReferences }).refs,
    });
    const tokens = md.parse('Rapid [@davis2021] [1].', {});
    const refs: NumberedReferences = { texts: new Map([[1, 'One']]), fromLine: 10 };
    const first = md.renderer.render(tokens, md.options, { style: 'apa', refs });
    assert.ok(
      first.startsWith(
        `<p>Rapid <span class="evidence-lens-cite" title="${DAVIS_TITLE}">(Davis et al., 2021)</span> <span class="evidence-lens-cite" title="One">[1]</span>.</p>\n`,
      ),
      first,
    );
    const second = md.renderer.render(tokens, md.options, { style: 'vancouver' });
    assert.ok(second.startsWith(`<p>Rapid <span class="evidence-lens-cite" title="${DAVIS_TITLE}">(1)</span> [1].</p>\n`), second);
    library.delete('davis2021');
    const third = md.renderer.render(tokens, md.options, { style: 'apa' });
    assert.strictEqual(third, '<p>Rapid <span class="evidence-lens-cite evidence-lens-unresolved" title="No bibliography entry or study record for @davis2021">[@davis2021]</span> [1].</p>\n');
  });

  it('formats again when an item is replaced (the index gives a changed entry a new object)', () => {
    const library = new Map(LIBRARY);
    const md = new MarkdownIt().use(citationPlugin, { lookup: (key: string) => library.get(key), style: () => 'apa' });
    const before = md.render('Rapid [@davis2021].');
    assert.strictEqual(md.render('Rapid [@davis2021].'), before);
    library.set('davis2021', { ...DAVIS, title: 'Changed title', issued: { 'date-parts': [[2020]] } });
    assert.ok(md.render('Rapid [@davis2021].').startsWith('<p>Rapid <span class="evidence-lens-cite" title="Changed title">(Davis et al., 2020)</span>.</p>\n'));
  });
});
