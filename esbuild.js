// Builds the extension and CLI bundles (dist/) and transpiles tests file by file (out/) so mocha
// runs them in plain node without a TypeScript loader. Type checking is `tsc --noEmit` on its own.
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const production = process.argv.includes('--production');

function listTs(dir) {
  if (!fs.existsSync(dir)) return [];
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listTs(full));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

async function main() {
  const common = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: !production,
    minify: production,
    logLevel: 'warning',
    external: ['vscode'],
    // jsonc-parser's UMD build hides its requires from the bundler; its ESM build bundles.
    mainFields: ['module', 'main'],
    define: { EVIDENCE_LENS_VERSION: JSON.stringify(require('./package.json').version) },
  };
  // cite.ts requires citation-js on first use; in the bundles that require points at its own file.
  const citationJsApart = {
    name: 'citation-js-apart',
    setup(build) {
      build.onResolve({ filter: /\/citation-js-bundle$/ }, () => ({ path: './citation-js.js', external: true }));
    },
  };
  await Promise.all([
    esbuild.build({ ...common, entryPoints: ['src/core/bibliography/citation-js-bundle.ts'], outfile: 'dist/citation-js.js' }),
    esbuild.build({ ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', plugins: [citationJsApart] }),
    // Large bibliographies parse on this worker thread (src/vscode/workspace/bibliography-worker.ts).
    esbuild.build({ ...common, entryPoints: ['src/vscode/workspace/parse-worker.ts'], outfile: 'dist/parse-worker.js', plugins: [citationJsApart] }),
    esbuild.build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', plugins: [citationJsApart], banner: { js: '#!/usr/bin/env node' } }),
  ]);
  fs.chmodSync('dist/cli.js', 0o755);
  if (!production) {
    // Tests and sources transpiled one file each, keeping the folder layout so relative imports hold.
    await esbuild.build({
      entryPoints: [...listTs('src'), ...listTs('test'), ...listTs('scripts'), ...listTs('bench')],
      outdir: 'out',
      outbase: '.',
      bundle: false,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      sourcemap: true,
      logLevel: 'warning',
    });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
