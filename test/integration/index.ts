// The integration suite's entry: VS Code's extension host loads this file (extensionTestsPath)
// and awaits run(), under @vscode/test-electron or the VS Code server runner alike.
import * as fs from 'fs';
import Mocha from 'mocha';
import * as path from 'path';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60000, color: false, reporter: 'spec' });
  // EVIDENCE_LENS_IT_FILES=races,tree runs only those files (the extension host inherits the runner's environment).
  const only = process.env.EVIDENCE_LENS_IT_FILES?.split(',').map((f) => `${f.trim()}.test.js`);
  for (const file of fs.readdirSync(__dirname).sort()) {
    if (file.endsWith('.test.js') && (!only || only.includes(file))) mocha.addFile(path.join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} integration tests failed`)) : resolve()));
  });
}
