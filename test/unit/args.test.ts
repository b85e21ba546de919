import * as assert from 'assert';
import { parseArgs } from '../../src/cli/args';

describe('CLI arguments', () => {
  it('reads check with every option, in either --flag value or --flag=value form', () => {
    assert.deepStrictEqual(parseArgs(['check', 'notes', '--format=json', '--offline', '--resolver', 'http://127.0.0.1:9/', '--fail-on', 'warning', '--config', 'x.yaml']), {
      command: 'check',
      paths: ['notes'],
      format: 'json',
      failOn: 'warning',
      offline: true,
      resolver: 'http://127.0.0.1:9/',
      config: 'x.yaml',
    });
  });

  it('defaults check and export to the current folder', () => {
    assert.deepStrictEqual(parseArgs(['check']), { command: 'check', paths: ['.'], format: 'text', failOn: 'error', offline: false, resolver: undefined, config: undefined });
    assert.deepStrictEqual(parseArgs(['export', '--cited-only', '--style', 'my.CSL']), {
      command: 'export',
      paths: ['.'],
      format: 'csl-json',
      style: 'my.CSL',
      citedOnly: true,
      config: undefined,
    });
  });

  it('says exactly what is wrong', () => {
    const message = (argv: string[]) => {
      const parsed = parseArgs(argv);
      return parsed.command === 'error' ? parsed.message : `no error: ${parsed.command}`;
    };
    assert.strictEqual(message(['check', '--format', 'xml']), "--format must be one of text, json, sarif; got 'xml'.");
    assert.strictEqual(message(['check', '--format']), "--format must be one of text, json, sarif; got ''.");
    assert.strictEqual(message(['check', '--fail-on=hint']), "--fail-on must be one of error, warning, info; got 'hint'.");
    assert.strictEqual(message(['check', '--resolver', 'doi.org']), "--resolver needs an http(s) URL; got 'doi.org'.");
    assert.strictEqual(message(['check', '--style', 'apa']), "Unknown option '--style'.");
    assert.strictEqual(message(['check', '--offline=yes']), '--offline takes no value.');
    assert.strictEqual(message(['export', '--config']), '--config needs a file.');
    assert.strictEqual(message(['export', '--format', 'docx']), "--format must be one of csl-json, bibtex, biblatex, ris, text; got 'docx'.");
    assert.strictEqual(message(['export', '--style', 'chicago']), "--style must be one of apa, vancouver, harvard, harvard1 or a .csl file; got 'chicago'.");
    assert.strictEqual(message(['frobnicate']), "Unknown command 'frobnicate'.");
  });

  it('answers help and version', () => {
    assert.deepStrictEqual(parseArgs([]), { command: 'help' });
    assert.deepStrictEqual(parseArgs(['check', '-h']), { command: 'help' });
    assert.deepStrictEqual(parseArgs(['--version']), { command: 'version' });
  });
});
