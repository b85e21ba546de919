#!/usr/bin/env node
// `npm run test:electron`: the integration suite in a desktop VS Code that @vscode/test-electron
// downloads from Microsoft (so it needs internet). Same suite and same example workspace as
// run.js, which drives the VS Code server instead and is what CI runs offline.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { downloadAndUnzipVSCode, runTests } = require('@vscode/test-electron');

const root = path.resolve(__dirname, '../..');
// The oldest VS Code package.json's engines allow: the API the extension may rely on.
const VSCODE_VERSION = '1.100.0';
// The download has its own idle timeout; this bounds the whole attempt (version check included).
const DOWNLOAD_DEADLINE_MS = 120_000;

function withDeadline(promise, ms, what) {
  let timer;
  const deadline = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} took over ${ms / 1000} s`)), ms)));
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

async function main() {
  const extensionTestsPath = path.join(root, 'out/test/integration/index.js');
  if (!fs.existsSync(extensionTestsPath)) throw new Error('Build first: node esbuild.js');
  let vscodeExecutablePath;
  try {
    vscodeExecutablePath = await withDeadline(
      downloadAndUnzipVSCode({ version: VSCODE_VERSION, cachePath: path.join(root, '.vscode-test'), timeout: 15_000 }),
      DOWNLOAD_DEADLINE_MS,
      `Downloading VS Code ${VSCODE_VERSION}`,
    );
  } catch (err) {
    console.error(
      `test:electron could not download VS Code ${VSCODE_VERSION}: ${err instanceof Error ? err.message : String(err)}\n` +
        'It needs access to update.code.visualstudio.com. Without internet, run `npm run test:integration`, ' +
        'which runs the same suite in the VS Code server.',
    );
    return 2;
  }
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'el-electron-'));
  try {
    const workspace = path.join(temp, 'psilocybin-review');
    fs.cpSync(path.join(root, 'examples/psilocybin-review'), workspace, { recursive: true });
    await runTests({
      version: VSCODE_VERSION,
      vscodeExecutablePath,
      extensionDevelopmentPath: root,
      extensionTestsPath,
      launchArgs: [
        workspace,
        '--disable-extensions',
        `--user-data-dir=${path.join(temp, 'user-data')}`,
        `--extensions-dir=${path.join(temp, 'extensions')}`,
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
      ],
    });
    return 0;
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    return 1;
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
