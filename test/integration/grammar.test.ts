// The injection grammar tokenised the way VS Code does it: VS Code's own vscode-textmate and
// Oniguruma, its markdown and YAML grammars, and ours injected. Checks what the unit test's
// JavaScript regular expressions cannot: the injection selector against markdown's real scopes.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';

interface Textmate {
  Registry: new (options: unknown) => { loadGrammar(scope: string): Promise<Grammar | null> };
  parseRawGrammar(text: string, file: string): unknown;
  INITIAL: unknown;
}
interface Grammar {
  tokenizeLine(line: string, state: unknown): { tokens: { startIndex: number; endIndex: number; scopes: string[] }[]; ruleStack: unknown };
}
interface Oniguruma {
  loadWASM(data: ArrayBuffer): Promise<void>;
  OnigScanner: new (patterns: string[]) => unknown;
  OnigString: new (text: string) => unknown;
}

/** A module VS Code ships, in an unpacked or an asar node_modules. */
function vscodeModule<T>(name: string): { module: T; dir: string } {
  for (const folder of ['node_modules', 'node_modules.asar']) {
    const dir = path.join(vscode.env.appRoot, folder, name);
    if (fs.existsSync(dir)) return { module: require(dir) as T, dir };
  }
  throw new Error(`VS Code ships no ${name} under ${vscode.env.appRoot}`);
}

const SAMPLE = `---
title: front matter @frontkey doi:10.1000/front
---
Text [@davis2021] and [@a; @b, p. 3] and [-@c] and @goodwin2022 said.
Mail someone@example.org. Link [@x](http://a) and [see me@x.org].
Nums [1] [2,3] [4-6] not [text][1] nor ![1] nor [^1].
DOIs 10.1016/S2215-0366(16)30065-7. DOI: 10.1001/jama.2023.14530; https://doi.org/10.1177/0269881116675513)
Inline \`[@code] 10.1000/code\` and [a link](https://doi.org/10.1000/dest).

\`\`\`sh
pandoc [@fenced] doi:10.1000/fenced
\`\`\`

    indented [@indented] 10.1000/indented

<!-- [@comment] 10.1000/comment -->
# Heading [@headkey]
- item [@listkey] [3]
`;

describe('citation grammar in VS Code\'s tokenizer', () => {
  it('scopes citations and DOIs in prose only', async () => {
    const tm = vscodeModule<Textmate>('vscode-textmate').module;
    const onig = vscodeModule<Oniguruma>('vscode-oniguruma');
    await onig.module.loadWASM(fs.readFileSync(path.join(onig.dir, 'release/onig.wasm')).buffer as ArrayBuffer);
    const extensions = path.join(vscode.env.appRoot, 'extensions');
    const ours = path.join(vscode.extensions.getExtension('evidence-lens.evidence-lens')!.extensionPath, 'syntaxes/evidence-lens.markdown.tmLanguage.json');
    const files: Record<string, string> = {
      'text.html.markdown': path.join(extensions, 'markdown-basics/syntaxes/markdown.tmLanguage.json'),
      'source.yaml': path.join(extensions, 'yaml/syntaxes/yaml.tmLanguage.json'),
      'evidence-lens.citations.injection': ours,
    };
    for (const v of ['1.0', '1.1', '1.2', '1.3']) files[`source.yaml.${v}`] = path.join(extensions, `yaml/syntaxes/yaml-${v}.tmLanguage.json`);
    const registry = new tm.Registry({
      onigLib: Promise.resolve({ createOnigScanner: (p: string[]) => new onig.module.OnigScanner(p), createOnigString: (s: string) => new onig.module.OnigString(s) }),
      loadGrammar: async (scope: string) => (files[scope] ? tm.parseRawGrammar(fs.readFileSync(files[scope], 'utf8'), files[scope]) : null),
      getInjections: (scope: string) => (scope === 'text.html.markdown' ? ['evidence-lens.citations.injection'] : []),
    });
    const grammar = (await registry.loadGrammar('text.html.markdown'))!;
    let state = tm.INITIAL;
    const scoped: string[] = [];
    SAMPLE.split('\n').forEach((line, i) => {
      const result = grammar.tokenizeLine(line, state);
      state = result.ruleStack;
      for (const t of result.tokens) {
        const mine = t.scopes.filter((s) => s.endsWith('.evidence-lens')).map((s) => s.split('.').slice(0, 2).join('.'));
        const inner = mine.filter((s) => s !== 'meta.citation');
        if (inner.length) scoped.push(`${i + 1} ${line.slice(t.startIndex, t.endIndex)} ${inner.join('+')}`);
      }
    });
    assert.deepStrictEqual(scoped, [
      '4 [ punctuation.definition',
      '4 @ punctuation.definition',
      '4 davis2021 entity.name',
      '4 ] punctuation.definition',
      '4 [ punctuation.definition',
      '4 @ punctuation.definition',
      '4 a entity.name',
      '4 @ punctuation.definition',
      '4 b entity.name',
      '4 ] punctuation.definition',
      '4 [ punctuation.definition',
      '4 -@ punctuation.definition',
      '4 c entity.name',
      '4 ] punctuation.definition',
      '4 @ punctuation.definition',
      '4 goodwin2022 entity.name',
      '5 @ punctuation.definition',
      '5 x entity.name',
      '6 1 constant.numeric',
      '6 2,3 constant.numeric',
      '6 4-6 constant.numeric',
      '7 10.1016/S2215-0366(16)30065-7 markup.underline',
      '7 DOI: 10.1001/jama.2023.14530 markup.underline',
      '7 https://doi.org/10.1177/0269881116675513 markup.underline',
      '17 [ punctuation.definition',
      '17 @ punctuation.definition',
      '17 headkey entity.name',
      '17 ] punctuation.definition',
      '18 [ punctuation.definition',
      '18 @ punctuation.definition',
      '18 listkey entity.name',
      '18 ] punctuation.definition',
      '18 3 constant.numeric',
    ]);
  });
});
