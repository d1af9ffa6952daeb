#!/usr/bin/env node
/**
 * Part of `npm run build`: bundles the command line (dist/cli/main.js and everything it loads at start) into
 * one file, dist/bundle/cli.mjs, which starts in about a third of the time of loading some hundred modules.
 * Heavy libraries used only by some commands (exceljs, pdfkit) and the error-path parsers stay outside and
 * load on first use. bin/usmca-roo.js falls back to dist/cli/main.js if the bundle is missing.
 */
import { build } from 'esbuild';

await build({
  entryPoints: ['dist/cli/main.js'],
  outfile: 'dist/bundle/cli.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['exceljs', 'pdfkit', 'jsonc-parser', 'yaml'],
  // CommonJS dependencies call require() for Node built-ins.
  banner: { js: "import { createRequire as __usmcaRooRequire } from 'node:module'; const require = __usmcaRooRequire(import.meta.url);" },
  logLevel: 'warning',
});
