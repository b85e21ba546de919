#!/usr/bin/env node
// Writes l10n/bundle.l10n.json: every `l10n.t('…')` string of src/ (the editor code), each
// mapped to itself, which is the English bundle translators copy. `@vscode/l10n-dev` does this
// too but is not a dependency here; string literals are all this project passes to l10n.t, and
// a call with anything else is reported so the bundle cannot silently miss a string.
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const BUNDLE = path.join(root, 'l10n/bundle.l10n.json');
const CALL = /\bl10n\.t\(\s*/g;
const LITERAL = /^(['"])((?:\\.|(?!\1)[^\\\n])*)\1\s*[,)]/;
const ESCAPES = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', 0: '\0' };

/** The strings of one source text's l10n.t calls, and the lines of calls without a plain literal. */
function extractFromSource(text) {
  const strings = [];
  const problems = [];
  for (const match of text.matchAll(CALL)) {
    const rest = text.slice(match.index + match[0].length);
    const literal = LITERAL.exec(rest);
    if (literal) strings.push(literal[2].replace(/\\(.)/g, (_, c) => ESCAPES[c] ?? c));
    else problems.push(text.slice(0, match.index).split('\n').length);
  }
  return { strings, problems };
}

function listTs(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listTs(full));
    else if (entry.name.endsWith('.ts')) out.push(full);
  }
  return out.sort();
}

/** Every l10n.t string under src/, sorted and unique, and `file:line` of each unreadable call. */
function collect(srcDir = path.join(root, 'src')) {
  const strings = new Set();
  const problems = [];
  for (const file of listTs(srcDir)) {
    const found = extractFromSource(fs.readFileSync(file, 'utf8'));
    for (const s of found.strings) strings.add(s);
    for (const line of found.problems) problems.push(`${path.relative(root, file)}:${line}`);
  }
  return { strings: [...strings].sort(), problems };
}

function bundleOf(strings) {
  return JSON.stringify(Object.fromEntries(strings.map((s) => [s, s])), null, 2) + '\n';
}

if (require.main === module) {
  const { strings, problems } = collect();
  if (problems.length) {
    console.error(`l10n.t called without a string literal at:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  fs.mkdirSync(path.dirname(BUNDLE), { recursive: true });
  fs.writeFileSync(BUNDLE, bundleOf(strings));
  console.log(`wrote ${strings.length} strings to ${path.relative(root, BUNDLE)}`);
}

module.exports = { extractFromSource, collect, bundleOf, BUNDLE };
