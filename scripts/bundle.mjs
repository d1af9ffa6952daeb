#!/usr/bin/env node
/**
 * Part of `npm run build`: bundles the command line (dist/cli/main.js and everything it loads at start) into
 * dist/bundle/cli.mjs (with the modules of commands loaded on demand in dist/bundle/chunks/), which starts in about a
 * third of the time of loading some hundred modules.
 * Heavy libraries used only by some commands (exceljs, pdfkit) and the error-path parsers stay outside and
 * (and jose for signatures, fontkit and pdfjs-dist for PDF certificates, the database and queue drivers for the
 * decision store) load on first use. bin/usmca-roo.js falls back to dist/cli/main.js if the bundle is missing.
 * The batch worker (dist/batch/worker.js) is bundled the same way, as dist/bundle/worker.mjs: each worker
 * thread of `evaluate-batch` loads it; so are the workers of `evaluate-batch --store` and of `impact`.
 */
import { copyFileSync } from 'node:fs';
import { build } from 'esbuild';

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

// The command line is split at its dynamic imports: a command's own modules, and the libraries only they import
// (the store's, the server's), load when that command runs, not on every start.
await build({
  ...common,
  entryPoints: { cli: 'dist/cli/main.js' },
  outdir: 'dist/bundle',
  splitting: true,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
});
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
