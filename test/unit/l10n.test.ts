import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const root = path.join(__dirname, '../../..');
// A plain-node script (it runs before any build), loaded as such.
const extract = require(path.join(root, 'scripts/l10n-extract.js')) as {
  extractFromSource(text: string): { strings: string[]; problems: number[] };
  collect(): { strings: string[]; problems: string[] };
  bundleOf(strings: string[]): string;
  BUNDLE: string;
};

describe('localisation', () => {
  it('reads the literal of each l10n.t call and reports calls without one', () => {
    const source = [
      "vscode.l10n.t('Plain')",
      'vscode.l10n.t("Fix all {0} in this file ({1})", code, n)',
      "l10n.t('It\\'s \\\"quoted\\\"\\nand on two lines')",
      'vscode.l10n.t(message)',
      'vscode.l10n.t(`Count ${n}`)',
      "vscode.l10n.t(\n  'Wrapped',\n  x,\n)",
    ].join('\n');
    assert.deepStrictEqual(extract.extractFromSource(source), {
      strings: ['Plain', 'Fix all {0} in this file ({1})', 'It\'s "quoted"\nand on two lines', 'Wrapped'],
      problems: [4, 5],
    });
  });

  it('has every string of the editor code in l10n/bundle.l10n.json, and nothing else', () => {
    const { strings, problems } = extract.collect();
    assert.deepStrictEqual(problems, [], 'l10n.t needs a string literal');
    assert.ok(strings.includes('Fix all {0} in this file ({1})'));
    const bundle = JSON.parse(fs.readFileSync(extract.BUNDLE, 'utf8')) as Record<string, string>;
    const missing = strings.filter((s) => bundle[s] !== s);
    assert.deepStrictEqual(missing, [], 'run `npm run l10n` to add them');
    assert.deepStrictEqual(Object.keys(bundle).sort(), strings, 'stale strings in the bundle: run `npm run l10n`');
  });

  it('resolves every %key% of package.json in package.nls.json', () => {
    const manifest = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
    const nls = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
    const keys = [...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
    assert.ok(keys.length > 30, String(keys.length));
    assert.deepStrictEqual(keys.filter((k) => typeof nls[k] !== 'string'), []);
    const pkg = JSON.parse(manifest);
    const literalTitles = pkg.contributes.commands.filter((c: { title: string }) => !/^%.+%$/.test(c.title));
    assert.deepStrictEqual(literalTitles, [], 'command titles go through package.nls.json');
  });

  it('has the markdown of every walkthrough step', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    const media: string[] = pkg.contributes.walkthroughs.flatMap((w: { steps: { media: { markdown: string } }[] }) => w.steps.map((s) => s.media.markdown));
    assert.strictEqual(media.length, 6);
    assert.deepStrictEqual(media.filter((m) => !fs.existsSync(path.join(root, m))), []);
  });
});
