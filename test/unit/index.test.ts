import * as assert from 'assert';
import { checkNote, checkWorkspace } from '../../src/core/check';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { normaliseTitle } from '../../src/core/index/titles';
import { WorkspaceIndex } from '../../src/core/index/workspace-index';
import { parseBibliography } from '../../src/core/bibliography';
import { parseNote } from '../../src/core/notes/note';
import { parseStudyRecord } from '../../src/core/studies/study';
import { indexText, loadWorkspace } from '../../src/core/workspace/load';
import { memoryFs } from './memory-fs';
import { r } from './helpers';

const BIB = `@article{davis2021,
  title = {Effects of Psilocybin-Assisted Therapy on Major Depressive Disorder},
  year = {2021},
  doi = {10.1001/jamapsychiatry.2020.3285}
}
@article{goodwin2022,
  title = {Single-Dose Psilocybin for a Treatment-Resistant Episode of Major Depression},
  year = {2022},
  doi = {10.1056/NEJMoa2206443}
}
`;

describe('workspace index', () => {
  it('maps keys, DOIs (any case or form) and titles to works', () => {
    const index = new WorkspaceIndex();
    index.setBibliography(parseBibliography(BIB, '/ws/refs.bib'));
    index.setStudy(parseStudyRecord('id: davis2021\ndoi: 10.1001/JAMAPSYCHIATRY.2020.3285\ndesign: rct\nn: 24\n', '/ws/studies/davis2021.yaml'));
    assert.ok(index.hasKey('davis2021'));
    assert.ok(!index.hasKey('Davis2021'));
    assert.deepStrictEqual(
      index.worksForDoi('https://doi.org/10.1056/nejmoa2206443').map((w) => w.kind),
      ['entry'],
    );
    assert.deepStrictEqual(
      index.worksForDoi('10.1001/jamapsychiatry.2020.3285').map((w) => w.kind).sort(),
      ['entry', 'study'],
    );
    assert.deepStrictEqual(
      index.worksForTitle('single-dose psilocybin for a treatment resistant episode of major depression.').map((w) => w.kind),
      ['entry'],
    );
    assert.deepStrictEqual(index.studies('davis2021')[0].n, 24);
  });

  it('indexes notes to their citations and back', () => {
    const index = new WorkspaceIndex();
    index.setNote(parseNote('A [@davis2021].\n\nB @davis2021 and [@goodwin2022].\n', '/ws/a.md'));
    index.setNote(parseNote('C [@davis2021].\n', '/ws/b.md'));
    assert.deepStrictEqual(
      index.citationsOf('davis2021').map((c) => [c.file, c.citation.range]),
      [
        ['/ws/a.md', r(0, 3, 0, 13)],
        ['/ws/a.md', r(2, 2, 2, 12)],
        ['/ws/b.md', r(0, 3, 0, 13)],
      ],
    );
  });

  it('replaces one file without touching the others', () => {
    const index = new WorkspaceIndex();
    index.setBibliography(parseBibliography(BIB, '/ws/refs.bib'));
    const noteA = parseNote('A [@davis2021].\n', '/ws/a.md');
    index.setNote(noteA);
    const noteB = parseNote('B [@goodwin2022].\n', '/ws/b.md');
    index.setNote(noteB);
    const before = index.version;
    index.setNote(parseNote('A now cites [@goodwin2022].\n', '/ws/a.md'));
    assert.ok(index.version > before);
    assert.strictEqual(index.note('/ws/b.md'), noteB, 'b.md was not reparsed');
    assert.deepStrictEqual(
      index.citationsOf('davis2021').map((c) => c.file),
      [],
    );
    assert.deepStrictEqual(
      index.citationsOf('goodwin2022').map((c) => c.file).sort(),
      ['/ws/a.md', '/ws/b.md'],
    );
  });

  it('drops a removed bibliography, so its keys become unresolved', () => {
    const index = new WorkspaceIndex();
    index.setBibliography(parseBibliography(BIB, '/ws/refs.bib'));
    const note = parseNote('A [@davis2021].\n', '/ws/a.md');
    index.setNote(note);
    assert.deepStrictEqual(checkNote(note, index, DEFAULT_CONFIG), []);
    index.removeFile('/ws/refs.bib');
    assert.deepStrictEqual(
      checkNote(note, index, DEFAULT_CONFIG).map((f) => [f.code, f.range]),
      [['citation.unresolved', r(0, 3, 0, 13)]],
    );
    assert.strictEqual(index.worksForDoi('10.1056/NEJMoa2206443').length, 0);
  });

  it('clear() forgets every file at once and moves both versions on', () => {
    const index = new WorkspaceIndex();
    index.setBibliography(parseBibliography(BIB, '/ws/refs.bib'));
    const note = parseNote('A [@davis2021].\n', '/ws/a.md');
    index.setNote(note);
    const { version, libraryVersion } = index;
    index.clear();
    assert.ok(index.version > version && index.libraryVersion > libraryVersion);
    assert.deepStrictEqual([index.notes().length, index.allBibliographies().length, index.allKeys().length], [0, 0, 0]);
    assert.deepStrictEqual([index.citationsOf('davis2021'), index.worksForDoi('10.1056/NEJMoa2206443'), index.entries('davis2021')], [[], [], []]);
    assert.strictEqual(index.hasKey('davis2021'), false);
    // The index is whole again after files come back.
    index.setBibliography(parseBibliography(BIB, '/ws/refs.bib'));
    index.setNote(note);
    assert.deepStrictEqual(index.citationsOf('davis2021').map((c) => c.file), ['/ws/a.md']);
    assert.deepStrictEqual(checkNote(note, index, DEFAULT_CONFIG), []);
  });

  it('clear() on an empty index changes no version', () => {
    const index = new WorkspaceIndex();
    index.clear();
    assert.deepStrictEqual([index.version, index.libraryVersion], [0, 0]);
  });

  it('resolves keys from the front matter references of the note itself', () => {
    const index = new WorkspaceIndex();
    const text = '---\nreferences:\n  - id: inline2020\n    title: An inline reference\n---\n\nSee [@inline2020].\n';
    const note = parseNote(text, '/ws/a.md');
    index.setNote(note);
    assert.deepStrictEqual(checkNote(note, index, DEFAULT_CONFIG), []);
  });

  it('loads a workspace through the abstract file system and reports missing front-matter bibliographies', async () => {
    const fs = memoryFs({
      '/ws/refs.bib': BIB,
      '/ws/notes/a.md': '---\nbibliography: [../refs.bib, ../missing.bib]\n---\nA [@davis2021].\n',
      '/ws/studies/davis2021.yaml': 'id: davis2021\ndesign: rct\n',
      '/ws/package.json': '{"name": "not a bibliography"}',
    });
    const loaded = await loadWorkspace(fs, '/ws', DEFAULT_CONFIG);
    assert.deepStrictEqual(loaded.notes, ['/ws/notes/a.md']);
    assert.deepStrictEqual(loaded.bibliographies, ['/ws/refs.bib']);
    assert.deepStrictEqual(loaded.studies, ['/ws/studies/davis2021.yaml']);
    const findings = checkWorkspace(loaded.index, DEFAULT_CONFIG);
    assert.deepStrictEqual(
      findings.map((f) => [f.file, f.code, f.range]),
      [['/ws/notes/a.md', 'bibliography.invalid', r(1, 28, 1, 42)]],
    );
  });

  it('title keys ignore case, markup, punctuation and accents, the same for ASCII and other titles', () => {
    assert.strictEqual(normaliseTitle('  Single-Dose <i>Psilocybin</i>: a TRIAL (2022)  '), 'single dose psilocybin a trial 2022');
    assert.strictEqual(normaliseTitle('Single–Dose <i>Psilocybin</i>: a TRIAL (2022)'), 'single dose psilocybin a trial 2022');
    assert.strictEqual(normaliseTitle('Caf\u00e9 au lait'), normaliseTitle('CAFE AU LAIT'));
    // A tag is markup only when closed and not empty; `<` alone is punctuation.
    assert.strictEqual(normaliseTitle('a<b c>d <> e<f'), 'a d e f');
    assert.strictEqual(normaliseTitle('a<b c>d <> e<f\u00e9'), 'a d e fe');
    assert.strictEqual(normaliseTitle('x<i>'), 'x');
    assert.strictEqual(normaliseTitle('--'), '');
    assert.notStrictEqual(normaliseTitle('Trial one'), normaliseTitle('Trial on'));
  });

  it('title look-ups list works in the order they were added, whether files change before or after the first look-up', () => {
    const bib = (key: string, title: string) => `@article{${key}, title = {${title}}}\n`;
    const same = 'Psilocybin for Depression';
    const keys = (index: WorkspaceIndex, title = 'psilocybin  for depression.') =>
      index.worksForTitle(title).map((w) => (w.kind === 'entry' ? w.entry.key : w.kind === 'study' ? `study:${w.study.id}` : 'item'));
    const build = () => {
      const index = new WorkspaceIndex();
      index.setBibliography(parseBibliography(bib('a1', same) + bib('a2', 'Something else'), '/ws/a.bib'));
      index.setStudy(parseStudyRecord(`id: s1\ntitle: "${same}!"\n`, '/ws/studies/s1.yaml'));
      index.setBibliography(parseBibliography(bib('b1', same), '/ws/b.bib'));
      // Slices of a large library: the first slice's entries array grows by the later ones.
      index.addBibliographyEntries('/ws/b.bib', parseBibliography(bib('b2', same.toUpperCase()), '/ws/b.bib').entries);
      return index;
    };

    const fresh = build();
    assert.deepStrictEqual(keys(fresh), ['a1', 'study:s1', 'b1', 'b2']);
    assert.deepStrictEqual(keys(fresh, 'Something else'), ['a2']);
    assert.deepStrictEqual(keys(fresh, 'Psilocybin for'), []);

    const removedBefore = build();
    removedBefore.removeFile('/ws/a.bib');
    assert.deepStrictEqual(keys(removedBefore), ['study:s1', 'b1', 'b2']);
    assert.deepStrictEqual(keys(removedBefore, 'Something else'), []);

    const removedAfter = build();
    assert.deepStrictEqual(keys(removedAfter), ['a1', 'study:s1', 'b1', 'b2']);
    removedAfter.removeFile('/ws/a.bib');
    removedAfter.setBibliography(parseBibliography(bib('a3', same), '/ws/a.bib'));
    assert.deepStrictEqual(keys(removedAfter), ['study:s1', 'b1', 'b2', 'a3']);
    removedAfter.setStudy(parseStudyRecord('id: s1\n', '/ws/studies/s1.yaml'));
    assert.deepStrictEqual(keys(removedAfter), ['b1', 'b2', 'a3']);

    const cleared = build();
    cleared.clear();
    assert.deepStrictEqual(keys(cleared), []);
    cleared.setBibliography(parseBibliography(bib('c1', same), '/ws/c.bib'));
    assert.deepStrictEqual(keys(cleared), ['c1']);
  });

  it('indexText parses by kind', () => {
    const index = new WorkspaceIndex();
    indexText(index, '/ws/x.study.yaml', 'study', '\ufeffid: x\n');
    assert.strictEqual(index.kindOf('/ws/x.study.yaml'), 'study');
    assert.ok(index.hasKey('x'));
  });
});

describe('index checks', () => {
  const setup = (noteText: string) => {
    const index = new WorkspaceIndex();
    index.setBibliography(parseBibliography(BIB, '/ws/refs.bib'));
    const note = parseNote(noteText, '/ws/a.md');
    index.setNote(note);
    return checkNote(note, index, DEFAULT_CONFIG).map((f) => [f.code, f.range, f.message]);
  };

  it('citation.unresolved: only for unknown keys, with a suggestion', () => {
    assert.deepStrictEqual(setup('Known [@davis2021] and unknown [@davies2021].'), [
      ['citation.unresolved', r(0, 32, 0, 43), "No bibliography or study record defines '@davies2021'. Did you mean '@davis2021'?"],
    ]);
    assert.deepStrictEqual(setup('Nothing like it [@zzz].')[0][2], "No bibliography or study record defines '@zzz'.");
  });

  it('citation.out-of-range: each missing number at its own characters', () => {
    const text = 'A [1], B [2-4], C [1, 9].\n\n## References\n\n1. One. doi:10.1001/jamapsychiatry.2020.3285\n2. Two. doi:10.1056/NEJMoa2206443\n';
    assert.deepStrictEqual(setup(text), [
      ['citation.out-of-range', r(0, 10, 0, 13), "No items 3, 4 in this note's reference list (it has items 1–2)."],
      ['citation.out-of-range', r(0, 22, 0, 23), "No item 9 in this note's reference list (it has items 1–2)."],
    ]);
    assert.deepStrictEqual(setup('A [3] with no list.'), [
      ['citation.out-of-range', r(0, 3, 0, 4), 'Citation asks for item 3, but this note has no numbered reference list.'],
    ]);
  });

  it('reference.uncited: an item cited neither by number nor through a key with its DOI', () => {
    const text = 'A [1] and [@goodwin2022].\n\n## References\n\n1. One. doi:10.1001/jamapsychiatry.2020.3285\n2. Two. doi:10.1056/NEJMoa2206443\n3. Three. doi:10.1177/0269881116675513\n';
    assert.deepStrictEqual(
      setup(text).filter((f) => f[0] === 'reference.uncited'),
      [['reference.uncited', r(6, 0, 6, 2), 'Reference 3 is never cited in this note.']],
    );
  });

  it('reference.doi-malformed and reference.doi-unknown in prose and lists', () => {
    assert.deepStrictEqual(setup('See doi:10.1001jamapsychiatry and 10.1000/unknown-work and 10.1056/NEJMoa2206443.'), [
      ['reference.doi-malformed', r(0, 8, 0, 29), "'10.1001jamapsychiatry' is not a valid DOI: there is no '/' between the prefix and the suffix."],
      ['reference.doi-unknown', r(0, 34, 0, 54), 'DOI 10.1000/unknown-work is in no bibliography or study record.'],
    ]);
  });

  it('suppression comments silence a finding', () => {
    assert.deepStrictEqual(setup('<!-- evidence-lens-disable-next-line citation.unresolved -->\nUnknown [@nokey].\n'), []);
    assert.strictEqual(setup('<!-- evidence-lens-disable-next-line claim.overstated -->\nUnknown [@nokey].\n').length, 1);
  });
});
