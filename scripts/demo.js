#!/usr/bin/env node
// `npm run demo`: checks the bundled example review with the built CLI and prints what it finds;
// where a `code` binary is on PATH, also opens VS Code on the example with the extension loaded.
const { spawnSync, spawn } = require('child_process');
const path = require('path');

const root = path.resolve(__dirname, '..');
const example = path.join(root, 'examples', 'psilocybin-review');
const cli = path.join(root, 'dist', 'cli.js');

console.log(`Evidence Lens: checking ${path.relative(process.cwd(), example) || example}\n`);
const run = spawnSync(process.execPath, [cli, 'check', example, '--offline', '--fail-on', 'error'], { stdio: 'inherit' });
if (run.status === 2) process.exit(2);

const which = spawnSync(process.platform === 'win32' ? 'where' : 'which', ['code'], { encoding: 'utf8' });
if (which.status === 0 && which.stdout.trim() && !process.env.CI) {
  console.log('\nOpening VS Code on the example with the extension loaded…');
  spawn('code', ['--extensionDevelopmentPath', root, example], { stdio: 'ignore', detached: true }).unref();
} else {
  console.log('\n(No `code` on PATH: open examples/psilocybin-review in VS Code with this folder as the extension to see the same findings in the editor.)');
}
// The example holds deliberate mistakes, so findings are expected: the demo succeeds when the checker ran.
process.exit(0);
