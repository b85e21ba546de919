import * as assert from 'assert';
import { completions, definition, doiLinks, doiUrl, escapeMarkdown, hoverInfo, keyAt, references, renameEdits, targetAt } from '../../src/core/language';
import { parseNote } from '../../src/core/notes/note';
import type { ResolvedWork } from '../../src/core/resolver/types';
import { indexText } from '../../src/core/workspace/load';
import { finding } from '../../src/core/types';
import { r, textAt } from './helpers';
import { buildIndex, FILES, HOSTILE } from './language/fixture';

const A = '/ws/notes/a.md';
const noteText = FILES[A].text;

describe('language: targetAt', () => {
  const index = buildIndex();
  const at = (line: number, character: number) => {
    const t = targetAt(index, A, line, character);
    return t && { kind: t.kind, text: textAt(noteText, t.range), id: t.kind === 'key' ? t.key : t.kind === 'numbered' ? t.number : t.doi };
  };

  it('finds a bracketed key from its @ to its last character, and nothing on the brackets', () => {
    assert.deepStrictEqual(at(5, 5), { kind: 'key', text: '@davis2021', id: 'davis2021' });
    assert.deepStrictEqual(at(5, 14), { kind: 'key', text: '@davis2021', id: 'davis2021' });
    assert.strictEqual(at(5, 4), undefined); // on "["
    assert.strictEqual(at(5, 15), undefined); // on "]", just after the key
  });

  it('tells the keys of one group apart, and finds bare and author-suppressed keys', () => {
    assert.deepStrictEqual(at(5, 40), { kind: 'key', text: '@goodwin2022', id: 'goodwin2022' });
    assert.deepStrictEqual(at(5, 25), { kind: 'key', text: '@davis2021', id: 'davis2021' });
    assert.strictEqual(at(5, 48), undefined); // in the locator "p. 3"
    assert.deepStrictEqual(at(5, 62), { kind: 'key', text: '@davis2021', id: 'davis2021' });
    assert.deepStrictEqual(at(5, 77), { kind: 'key', text: '-@shao2021', id: 'shao2021' });
  });

  it('does not take an e-mail address for a citation', () => {
    assert.strictEqual(at(6, 13), undefined);
    assert.strictEqual(at(6, 20), undefined);
  });

  it('gives the single number under the cursor in [n], [2,3] and [1-3]', () => {
    assert.deepStrictEqual(at(8, 5), { kind: 'numbered', text: '1', id: 1 });
    assert.strictEqual(at(8, 4), undefined);
    assert.strictEqual(at(8, 6), undefined);
    assert.deepStrictEqual(at(8, 15), { kind: 'numbered', text: '3', id: 3 });
    assert.deepStrictEqual(at(8, 25), { kind: 'numbered', text: '3', id: 3 });
    assert.deepStrictEqual(at(8, 23), { kind: 'numbered', text: '1', id: 1 });
    assert.strictEqual(at(8, 24), undefined); // the dash of 1-3
  });

  it('finds DOIs in each form, prefix included, without trailing punctuation', () => {
    assert.deepStrictEqual(at(7, 4), { kind: 'doi', text: 'doi:10.1001/jamapsychiatry.2020.3285', id: '10.1001/jamapsychiatry.2020.3285' });
    assert.deepStrictEqual(at(7, 50), { kind: 'doi', text: 'https://doi.org/10.9999/unknown.x', id: '10.9999/unknown.x' });
    assert.deepStrictEqual(at(7, 98), { kind: 'doi', text: '10.1234/hostile(1)', id: '10.1234/hostile(1)' });
    assert.strictEqual(at(7, 99), undefined); // the full stop after it
    assert.deepStrictEqual(at(13, 70), { kind: 'doi', text: 'doi:10.1056/NEJMoa2206443', id: '10.1056/nejmoa2206443' });
  });

  it('knows nothing about files that are not notes', () => {
    assert.strictEqual(targetAt(index, '/ws/refs.bib', 0, 10), undefined);
  });
});

describe('language: hoverInfo', () => {
  const index = buildIndex();

  it('describes a key with its entry, formatted citation, study record and citing notes', () => {
    const info = hoverInfo(index, A, 5, 8)!;
    assert.deepStrictEqual(info.range, r(5, 5, 5, 15));
    assert.strictEqual(info.label, '@davis2021');
    assert.strictEqual(info.availability, 'library');
    assert.strictEqual(info.title, 'Effects of Psilocybin-Assisted Therapy on Major Depressive Disorder');
    assert.strictEqual(info.authors, 'Davis, Alan K.; Barrett, Frederick S.; May, Darrick G.; et al.');
    assert.strictEqual(info.journal, 'JAMA Psychiatry');
    assert.deepStrictEqual([info.year, info.volume, info.issue, info.pages], [2021, '78', '5', '481-489']);
    assert.strictEqual(info.doi, '10.1001/jamapsychiatry.2020.3285');
    assert.strictEqual(info.doiUrl, 'https://doi.org/10.1001/jamapsychiatry.2020.3285');
    assert.match(info.formatted!, /^Davis, A\. K\., Barrett, F\. S\., May, D\. G\., & Cosimano, M\. P\. \(2021\)\. Effects of Psilocybin-Assisted Therapy/);
    assert.deepStrictEqual(info.study, {
      id: 'davis2021',
      design: 'rct',
      n: 24,
      population: 'MDD',
      primaryOutcome: { measure: 'GRID-HAMD', timepoint: 'week 4', significant: true },
    });
    assert.strictEqual(info.retraction, undefined);
    assert.strictEqual(info.citingNotes, 2);
  });

  it('formats in the configured style and falls back to APA for an unknown one', () => {
    assert.match(hoverInfo(index, A, 5, 8, { style: 'vancouver' })!.formatted!, /^Davis AK, Barrett FS, May DG, Cosimano MP\. Effects/);
    assert.match(hoverInfo(index, A, 5, 8, { style: 'no-such-style' })!.formatted!, /^Davis, A\. K\./);
  });

  it('lists the findings on the citation and warns about a retracted record', () => {
    const findings = [
      finding('source.retracted', A, r(6, 48, 6, 57), "'@gone2018' is a retracted work."),
      finding('claim.unsupported', A, r(5, 0, 5, 3), 'elsewhere'),
    ];
    const info = hoverInfo(index, A, 6, 50, { findings })!;
    assert.deepStrictEqual(info.findings, [{ code: 'source.retracted', message: "'@gone2018' is a retracted work." }]);
    assert.strictEqual(info.retraction, 'Study record gone2018 marks it retracted.');
    assert.strictEqual(hoverInfo(index, A, 6, 50)!.retraction, 'Study record gone2018 marks it retracted.');
    const listed = [finding('source.retracted', A, r(6, 35, 6, 41), 'On the retraction list.')];
    assert.strictEqual(hoverInfo(index, A, 6, 38, { findings: listed })!.retraction, 'On the retraction list.');
    assert.strictEqual(hoverInfo(index, A, 5, 8, { findings: listed })!.retraction, undefined);
  });

  it('says an unknown key is unknown', () => {
    const info = hoverInfo(index, A, 6, 38)!;
    assert.strictEqual(info.label, '@nokey');
    assert.strictEqual(info.availability, 'not-in-library');
    assert.strictEqual(info.title, undefined);
    assert.strictEqual(info.citingNotes, 1);
  });

  it('shows a numbered item with its text and the linked entry and record', () => {
    const info = hoverInfo(index, A, 8, 5)!;
    assert.strictEqual(info.label, '[1]');
    assert.match(info.referenceText!, /^Davis AK\. Effects of psilocybin-assisted therapy/);
    assert.strictEqual(info.key, 'davis2021');
    assert.strictEqual(info.title, 'Effects of Psilocybin-Assisted Therapy on Major Depressive Disorder');
    assert.strictEqual(info.study?.n, 24);
    const missing = hoverInfo(index, A, 8, 15)!;
    assert.strictEqual(missing.key, undefined);
    assert.strictEqual(missing.availability, 'not-in-library');
    assert.strictEqual(missing.referenceText, 'Someone. An unknown paper. doi:10.5555/nothing.here');
  });

  it('flags a number with no item in the list', () => {
    const index2 = buildIndex();
    indexText(index2, '/ws/notes/c.md', 'note', 'See [7].\n\n## References\n\n1. Something. doi:10.5555/x\n');
    const info = hoverInfo(index2, '/ws/notes/c.md', 0, 5)!;
    assert.strictEqual(info.missingItem, true);
    assert.strictEqual(info.referenceText, undefined);
  });

  it('describes a DOI from the library, from the resolver, or as not in the library', () => {
    const known = hoverInfo(index, A, 7, 10)!;
    assert.strictEqual(known.availability, 'library');
    assert.strictEqual(known.key, 'davis2021');
    const unknown = hoverInfo(index, A, 7, 50)!;
    assert.strictEqual(unknown.availability, 'not-in-library');
    assert.strictEqual(unknown.doiUrl, 'https://doi.org/10.9999/unknown.x');
    const resolved: ResolvedWork = {
      doi: '10.9999/unknown.x',
      status: 'found',
      source: 'doi.org',
      fetchedAt: 0,
      item: { id: 'x', title: 'Resolved title', author: [{ family: 'Online', given: 'Ann' }], issued: { 'date-parts': [[2019]] }, DOI: '10.9999/unknown.x' },
    };
    const peeked: string[] = [];
    const resolver = { peek: (doi: string) => (peeked.push(doi), doi === '10.9999/unknown.x' ? resolved : undefined) };
    const online = hoverInfo(index, A, 7, 50, { resolver })!;
    assert.deepStrictEqual(peeked, ['10.9999/unknown.x']);
    assert.strictEqual(online.availability, 'resolved-online');
    assert.deepStrictEqual([online.title, online.authors, online.year], ['Resolved title', 'Online, Ann', 2019]);
    const notFound = hoverInfo(index, A, 7, 50, { resolver: { peek: () => ({ ...resolved, status: 'not-found', item: undefined }) } })!;
    assert.strictEqual(notFound.availability, 'not-in-library');
  });

  it('keeps a hostile title as data and encodes its DOI URL', () => {
    const info = hoverInfo(index, A, 7, 85)!;
    assert.strictEqual(info.title, HOSTILE);
    assert.strictEqual(info.doiUrl, 'https://doi.org/10.1234/hostile%281%29');
  });

  it('gives nothing just outside a citation', () => {
    assert.strictEqual(hoverInfo(index, A, 5, 15), undefined);
    assert.strictEqual(hoverInfo(index, A, 5, 0), undefined);
  });
});

describe('language: escapeMarkdown and doiUrl', () => {
  it('escapes every character that could make markdown of a hostile title', () => {
    const escaped = escapeMarkdown(HOSTILE);
    assert.strictEqual(
      escaped,
      '\\[click\\]\\(command\\:workbench\\.action\\.quit\\) \\<script\\>alert\\(1\\)\\<\\/script\\> \\<img src\\=x onerror\\=alert\\(1\\)\\>',
    );
    assert.strictEqual(escapeMarkdown('a `code` *b* _c_ #d\n- e'), 'a \\`code\\` \\*b\\* \\_c\\_ \\#d \\- e');
    assert.strictEqual(escapeMarkdown('Müller & 日本'), 'Müller \\& 日本');
  });

  it('builds doi.org URLs only from valid DOIs, with no character that ends a link', () => {
    assert.strictEqual(doiUrl('10.1016/S2215-0366(16)30065-7'), 'https://doi.org/10.1016/s2215-0366%2816%2930065-7');
    assert.strictEqual(doiUrl('10.1234/a<b>"c d'), undefined);
    assert.strictEqual(doiUrl("10.1234/x'y[z]"), 'https://doi.org/10.1234/x%27y%5Bz%5D');
    assert.strictEqual(doiUrl('10.12/too-short-prefix'), undefined);
    assert.strictEqual(doiUrl('https://dx.doi.org/10.1056/NEJMoa2206443'), 'https://doi.org/10.1056/nejmoa2206443');
  });

  it('links every valid DOI of a note and none of a malformed one', () => {
    const index = buildIndex();
    const links = doiLinks(index.note(A)!).map((l) => [textAt(noteText, l.range), l.target]);
    assert.deepStrictEqual(links, [
      ['doi:10.1001/jamapsychiatry.2020.3285', 'https://doi.org/10.1001/jamapsychiatry.2020.3285'],
      ['https://doi.org/10.9999/unknown.x', 'https://doi.org/10.9999/unknown.x'],
      ['10.1234/hostile(1)', 'https://doi.org/10.1234/hostile%281%29'],
      ['doi:10.1001/jamapsychiatry.2020.3285', 'https://doi.org/10.1001/jamapsychiatry.2020.3285'],
      ['doi:10.1056/NEJMoa2206443', 'https://doi.org/10.1056/nejmoa2206443'],
      ['doi:10.5555/nothing.here', 'https://doi.org/10.5555/nothing.here'],
    ]);
    assert.deepStrictEqual(doiLinks(parseNote('Bad doi:10.1056NEJMoa2206443 here.\n', '/x.md')), []);
  });
});

describe('language: completions', () => {
  const index = buildIndex();
  const complete = (line: string, character = line.length, file = '/ws/notes/new.md') => completions(index, file, `# T\n${line}\n`, 1, character);

  it('offers every key after [@ with title, authors and year to filter by', () => {
    const result = complete('Text [@')!;
    assert.deepStrictEqual(result.range, r(1, 7, 1, 7));
    assert.deepStrictEqual(result.items.map((i) => i.label), ['davis2021', 'gone2018', 'goodwin2022', 'hostile2020', 'local2020', 'ris2019', 'shao2021']);
    const davis = result.items[0];
    assert.strictEqual(
      davis.filterText,
      'davis2021 Effects of Psilocybin-Assisted Therapy on Major Depressive Disorder Davis Barrett May Cosimano 2021',
    );
    assert.strictEqual(davis.detail, 'Davis et al. 2021');
    assert.strictEqual(davis.insertText, 'davis2021');
    const record = result.items.find((i) => i.label === 'gone2018')!;
    assert.strictEqual(record.filterText, 'gone2018 A retracted trial of something');
  });

  it('replaces the partial key typed so far, and the rest of a key the cursor is inside', () => {
    const result = complete('Text [@dav', 10)!;
    assert.deepStrictEqual([result.range, result.replaceRange], [r(1, 7, 1, 10), r(1, 7, 1, 10)]);
    const inside = complete('Text [@davxx] more', 10)!;
    assert.deepStrictEqual([inside.range, inside.replaceRange], [r(1, 7, 1, 10), r(1, 7, 1, 12)]);
  });

  it('completes after "; @", a bare @ at a word start and [-@', () => {
    assert.deepStrictEqual(complete('[@davis2021; @go')!.range, r(1, 14, 1, 16));
    assert.deepStrictEqual(complete('As @')!.range, r(1, 4, 1, 4));
    assert.deepStrictEqual(complete('@')!.range, r(1, 1, 1, 1));
    assert.deepStrictEqual(complete('Davis [-@')!.range, r(1, 9, 1, 9));
  });

  it('sees a key added to the library after an earlier completion', () => {
    const fresh = buildIndex();
    const before = completions(fresh, '/ws/notes/new.md', '[@', 0, 2)!.items.length;
    indexText(fresh, '/ws/more.bib', 'bibliography', '@article{zeta2024, title = {Zeta}, year = {2024}}\n');
    const after = completions(fresh, '/ws/notes/new.md', '[@', 0, 2)!.items;
    assert.strictEqual(after.length, before + 1);
    assert.deepStrictEqual(after[after.length - 1].filterText, 'zeta2024 Zeta 2024');
  });

  it('stays quiet in an e-mail address, in plain text and in code', () => {
    assert.strictEqual(complete('mail someone@exa'), undefined);
    assert.strictEqual(complete('plain words'), undefined);
    assert.strictEqual(complete('run `pandoc [@'), undefined);
    assert.ok(complete('after `code` [@'));
    assert.strictEqual(completions(index, '/ws/notes/new.md', '# T\n```sh\necho [@\n```\n', 2, 7), undefined);
    assert.ok(completions(index, '/ws/notes/new.md', '# T\n```sh\necho\n```\nText [@\n', 4, 7));
  });

  it('offers the numbered list after [ only in a note that has one', () => {
    const numbers = completions(index, A, noteText.replace('See [1]', 'See [1'), 8, 6)!;
    assert.deepStrictEqual(numbers.items.map((i) => [i.label, i.detail.slice(0, 20)]), [
      ['1', 'Davis AK. Effects of'],
      ['2', 'Goodwin GM. Single-d'],
      ['3', 'Someone. An unknown '],
    ]);
    assert.deepStrictEqual([numbers.range, numbers.replaceRange], [r(8, 5, 8, 6), r(8, 5, 8, 6)]);
    assert.strictEqual(numbers.items[1].filterText.startsWith('2 Goodwin GM.'), true);
    const list = completions(index, A, noteText.replace('[2,3]', '[2, '), 8, 16)!;
    assert.deepStrictEqual(list.range, r(8, 16, 8, 16));
    assert.strictEqual(complete('See ['), undefined); // that note has no list
    assert.strictEqual(completions(index, A, noteText.replace('See [1]', '![1'), 8, 3), undefined);
  });
});

describe('language: definition and references', () => {
  const index = buildIndex();

  it('goes from a key to its entry and its study record', () => {
    assert.deepStrictEqual(definition(index, A, 5, 8), [
      { file: '/ws/refs.bib', range: r(0, 9, 0, 18) },
      { file: '/ws/studies/davis2021.yaml', range: r(0, 4, 0, 13) },
    ]);
    assert.deepStrictEqual(definition(index, A, 5, 40), [{ file: '/ws/lib.json', range: r(1, 10, 1, 21) }]);
    assert.deepStrictEqual(definition(index, A, 5, 80), [{ file: '/ws/lib.yaml', range: r(1, 9, 1, 17) }]);
    assert.deepStrictEqual(definition(index, A, 6, 68), [{ file: A, range: r(2, 8, 2, 17) }]);
    assert.deepStrictEqual(definition(index, A, 6, 50), [{ file: '/ws/studies/retracted.yaml', range: r(0, 5, 0, 13) }]);
    assert.deepStrictEqual(definition(index, A, 6, 38), []);
    assert.deepStrictEqual(definition(index, A, 5, 15), []);
  });

  it('goes from [n] to its list item and from a DOI to the works that carry it', () => {
    const [item] = definition(index, A, 8, 13);
    assert.deepStrictEqual(item.range, r(13, 0, 13, 84));
    assert.ok(textAt(noteText, item.range).startsWith('2. Goodwin GM.'));
    assert.deepStrictEqual(definition(index, A, 7, 10), [
      { file: '/ws/refs.bib', range: r(8, 9, 8, 41) },
      { file: '/ws/studies/davis2021.yaml', range: r(1, 5, 1, 37) },
    ]);
  });

  it('lists every citation of a key across notes, with its declarations on request', () => {
    assert.deepStrictEqual(references(index, 'davis2021'), [
      { file: A, range: r(5, 6, 5, 15) },
      { file: A, range: r(5, 23, 5, 32) },
      { file: A, range: r(5, 61, 5, 70) },
      { file: '/ws/notes/b.md', range: r(0, 22, 0, 31) },
    ]);
    assert.deepStrictEqual(references(index, 'davis2021', true).slice(0, 2), [
      { file: '/ws/refs.bib', range: r(0, 9, 0, 18) },
      { file: '/ws/studies/davis2021.yaml', range: r(0, 4, 0, 13) },
    ]);
    assert.deepStrictEqual(references(index, 'nothing'), []);
  });

  it('finds the key under the cursor in notes, bibliographies and records', () => {
    assert.deepStrictEqual(keyAt(index, A, { line: 5, character: 15 }), { key: 'davis2021', range: r(5, 6, 5, 15) });
    assert.deepStrictEqual(keyAt(index, '/ws/refs.bib', { line: 10, character: 12 }), { key: 'hostile2020', range: r(10, 9, 10, 20) });
    assert.deepStrictEqual(keyAt(index, '/ws/studies/retracted.yaml', { line: 0, character: 6 }), { key: 'gone2018', range: r(0, 5, 0, 13) });
    assert.deepStrictEqual(keyAt(index, A, { line: 2, character: 10 }), { key: 'local2020', range: r(2, 8, 2, 17) });
    assert.strictEqual(keyAt(index, '/ws/refs.bib', { line: 1, character: 3 }), undefined);
    assert.strictEqual(keyAt(index, A, { line: 8, character: 5 }), undefined);
  });
});

describe('language: renameEdits', () => {
  const index = buildIndex();
  const summary = (result: ReturnType<typeof renameEdits>) => {
    assert.ok(result.ok, result.ok ? '' : result.message);
    return [...result.edits].map(([file, edits]) => [file, edits.map((e) => [e.range, e.newText])]);
  };

  it('renames citations, the BibTeX key and the study record id in one edit set', () => {
    assert.deepStrictEqual(summary(renameEdits(index, 'davis2021', 'davis2021a')), [
      ['/ws/refs.bib', [[r(0, 9, 0, 18), 'davis2021a']]],
      ['/ws/studies/davis2021.yaml', [[r(0, 4, 0, 13), 'davis2021a']]],
      [A, [[r(5, 6, 5, 15), 'davis2021a'], [r(5, 23, 5, 32), 'davis2021a'], [r(5, 61, 5, 70), 'davis2021a']]],
      ['/ws/notes/b.md', [[r(0, 22, 0, 31), 'davis2021a']]],
    ]);
  });

  it('renames CSL-JSON ids, CSL-YAML ids, front matter ids and quoted record ids inside their quotes', () => {
    assert.deepStrictEqual(summary(renameEdits(index, 'goodwin2022', 'goodwin2022b')), [
      ['/ws/lib.json', [[r(1, 10, 1, 21), 'goodwin2022b']]],
      [A, [[r(5, 35, 5, 46), 'goodwin2022b']]],
    ]);
    assert.deepStrictEqual(summary(renameEdits(index, 'shao2021', 'shao:2021')), [
      ['/ws/lib.yaml', [[r(1, 9, 1, 17), 'shao:2021']]],
      [A, [[r(5, 79, 5, 87), 'shao:2021']]],
    ]);
    assert.deepStrictEqual(summary(renameEdits(index, 'local2020', 'local')), [[A, [[r(2, 8, 2, 17), 'local'], [r(6, 65, 6, 74), 'local']]]]);
    assert.deepStrictEqual(summary(renameEdits(index, 'gone2018', 'gone')), [
      ['/ws/studies/retracted.yaml', [[r(0, 5, 0, 13), 'gone']]],
      [A, [[r(6, 49, 6, 57), 'gone']]],
    ]);
  });

  it('refuses a key that exists, an empty or malformed key, RIS keys and unknown keys', () => {
    const refusal = (key: string, newKey: string) => {
      const result = renameEdits(index, key, newKey);
      return result.ok ? 'accepted' : result.message;
    };
    assert.strictEqual(refusal('davis2021', 'goodwin2022'), "'goodwin2022' is already a key in the library; pick another one.");
    assert.strictEqual(refusal('davis2021', ''), 'The new key is empty.');
    assert.strictEqual(refusal('davis2021', 'two words'), "'two words' cannot be a citation key: it has a space or one of @ ; [ ] , { }.");
    for (const bad of ['a;b', '@a', 'a]', 'a,b', '{a}']) assert.match(refusal('davis2021', bad), /has a space or one of/);
    assert.strictEqual(refusal('davis2021', 'ends.'), "'ends.' cannot be a citation key: a key starts with a letter, digit or _ and ends with one.");
    assert.match(refusal('ris2019', 'mithoefer2019'), /^'ris2019' comes from an RIS file \(\/ws\/lib\.ris\), whose keys are not stable citation keys/);
    assert.strictEqual(refusal('nowhere', 'x'), "No citation, bibliography entry or study record uses the key 'nowhere'.");
  });

  it('refuses new keys YAML would read as another type, where a YAML file declares the key', () => {
    const refusal = (key: string, newKey: string) => {
      const result = renameEdits(index, key, newKey);
      return result.ok ? 'accepted' : result.message;
    };
    assert.strictEqual(refusal('davis2021', 'true'), "'true' would be read as a boolean, null or number in /ws/studies/davis2021.yaml, not as a key; pick another one.");
    for (const bad of ['null', 'No', '1.5', '1e5', '0x1f', '007']) assert.match(refusal('shao2021', bad), /would be read as a boolean, null or number in \/ws\/lib\.yaml/);
    assert.strictEqual(refusal('shao2021', '2021'), 'accepted');
    assert.strictEqual(refusal('goodwin2022', 'true'), 'accepted'); // CSL-JSON only: written inside its quotes
    const numeric = buildIndex();
    indexText(numeric, '/ws/num.json', 'bibliography', '[{"id": 42, "title": "Numbered"}]');
    const result = renameEdits(numeric, '42', 'answer');
    assert.deepStrictEqual(result, { ok: false, message: "'42' may be a number in /ws/num.json; rename it there by hand, as a quoted string." });
  });

  it('renames an unresolved key in the notes that cite it', () => {
    assert.deepStrictEqual(summary(renameEdits(index, 'nokey', 'davis2022')), [[A, [[r(6, 36, 6, 41), 'davis2022']]]]);
  });
});
