#!/usr/bin/env node
let cli;
try {
  cli = await import('../dist/bundle/cli.mjs');
} catch (err) {
  if (err?.code !== 'ERR_MODULE_NOT_FOUND') throw err;
  cli = await import('../dist/cli/main.js');
}

const code = await cli.run(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  cwd: process.cwd(),
  isTTY: process.stderr.isTTY === true,
});
process.exitCode = code;
