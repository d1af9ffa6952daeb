#!/usr/bin/env node
/**
 * Part of `npm run build`: bundles the command line (dist/cli/main.js and everything it loads) into one CommonJS
 * file, dist/bundle/cli.cjs, which starts in about a third of the time of loading some hundred modules; the
 * modules of each command run only when it runs (esbuild's lazy initialisers). dist/bundle/cli.mjs, what
 * bin/usmca-roo.js loads, runs it with the V8 code cache written here after evaluating the examples
 * (dist/bundle/cli.cjs.cache, see src/cli/cached-bundle.ts), so that a fresh process does not compile again what
 * every evaluation runs.
 * Heavy libraries used only by some commands (exceljs, pdfkit) and the error-path parsers stay outside and
 * (and jose for signatures, fontkit and pdfjs-dist for PDF certificates, the database and queue drivers for the
 * decision store) load on first use. bin/usmca-roo.js falls back to dist/cli/main.js if the bundle is missing.
 * The batch worker (dist/batch/worker.js) is bundled the same way, as dist/bundle/worker.mjs: each worker
 * thread of `evaluate-batch` loads it; so are the workers of `evaluate-batch --store` and of `impact`.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { DYNAMIC_IMPORT } from '../dist/cli/cached-bundle.js';

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: [
    'exceljs',
    'pdfkit',
    'jsonc-parser',
    'yaml',
    '@electric-sql/pglite',
    'kysely',
    'kysely-pglite-dialect',
    'pg',
    'pg-boss',
    'jose',
    'fontkit',
    'pdfjs-dist',
    'highs',
    // The HTTP server's libraries load only when `serve` runs.
    'fastify',
    '@fastify/multipart',
    '@fastify/swagger',
    '@fastify/swagger-ui',
    'piscina',
  ],
  // CommonJS dependencies call require() for Node built-ins, and some read __filename.
  banner: {
    js: "import { createRequire as __usmcaRooRequire } from 'node:module'; import { fileURLToPath as __usmcaRooPath } from 'node:url'; const require = __usmcaRooRequire(import.meta.url); const __filename = __usmcaRooPath(import.meta.url);",
  },
  logLevel: 'warning',
};

// The command line as one CommonJS file (a script, which node:vm can compile with a code cache; Node 20 has none for
// ES modules). Its dynamic imports of its own modules become lazy initialisers, so a command's modules, and the
// libraries only they import (the store's, the server's), still load only when that command runs.
rmSync('dist/bundle', { recursive: true, force: true });
await build({
  ...common,
  // In a CommonJS bundle kysely is required as CommonJS: the PGlite dialect is bundled so that it uses that same
  // kysely, not a second copy loaded as an ES module.
  external: common.external.filter((name) => name !== 'kysely-pglite-dialect'),
  entryPoints: ['dist/cli/main.js'],
  outfile: 'dist/bundle/cli.cjs',
  format: 'cjs',
  define: { 'import.meta.url': '__usmcaRooUrl' },
  // Strict, as the modules it is made of are (an ES module always is): the directive must come first.
  banner: { js: "'use strict';\nconst __usmcaRooUrl = require('node:url').pathToFileURL(__filename).href;" },
});
// Its dynamic imports (only of the libraries left outside) become calls of the loader's import() (see
// src/cli/cached-bundle.ts); anything else written `import("...")` stops the build. Then the build id the code
// cache is checked against.
const cliSource = readFileSync('dist/bundle/cli.cjs', 'utf8').replace(
  /\bimport\((?=["'`])(["'`])([^"'`]*)\1/g,
  (_, q, spec) => {
    const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
    if (!common.external.includes(name))
      throw new Error(`bundle: import(${q}${spec}${q}) is not of a library left outside`);
    return `${DYNAMIC_IMPORT}(${q}${spec}${q}`;
  },
);
if (/\bimport\(["'`]/.test(cliSource)) throw new Error('bundle: a dynamic import is left in dist/bundle/cli.cjs');
// All ASCII, so that the loader reads it as one-byte text, several times faster than decoding UTF-8. esbuild (its
// default charset, ascii) writes every non-ASCII character of the code, strings and regular expressions as an
// escape; only comments keep theirs, written here as \u escapes too (in a comment they mean nothing).
const asciiSource = cliSource.replace(/[^\x00-\x7f]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
writeFileSync(
  'dist/bundle/cli.cjs',
  `${asciiSource}\n//# build ${createHash('sha256').update(asciiSource).digest('hex')}\n`,
);
await build({ ...common, entryPoints: ['dist/cli/bundle-entry.js'], outfile: 'dist/bundle/cli.mjs' });
await build({ ...common, entryPoints: ['dist/batch/worker.js'], outfile: 'dist/bundle/worker.mjs' });
await build({ ...common, entryPoints: ['dist/store/batch-worker.js'], outfile: 'dist/bundle/store-worker.mjs' });
await build({ ...common, entryPoints: ['dist/impact/worker.js'], outfile: 'dist/bundle/impact-worker.mjs' });

// The web page (web/): its script with Chart.js bundled in, its HTML and CSS, into dist/web/, served by `serve`
// from this package alone (no CDN).
await build({
  entryPoints: ['web/src/main.ts'],
  outfile: 'dist/web/app.js',
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  minify: true,
  legalComments: 'linked',
  logLevel: 'warning',
});
for (const file of ['index.html', 'app.css']) copyFileSync(`web/${file}`, `dist/web/${file}`);
