#!/usr/bin/env node
let cli;
try {
  cli = await import('../dist/bundle/cli.mjs');
} catch (err) {
  if (err?.code !== 'ERR_MODULE_NOT_FOUND') throw err;
  cli = await import('../dist/cli/main.js');
}

// A reader that stops early (`usmca-roo evaluate claim.yaml | head -1`) closes the pipe: say so in one line
// and stop with exit code 2, never with a stack trace.
let reported = false;
const closedPipe = (stream) => (err) => {
  if (err?.code !== 'EPIPE') throw err;
  if (!reported && stream === 'standard output') {
    reported = true;
    try {
      process.stderr.write(`usmca-roo: ${stream} was closed before everything was written (EPIPE)\n`);
    } catch {
      // stderr is gone too
    }
  }
  process.exit(2);
};
process.stdout.on('error', closedPipe('standard output'));
process.stderr.on('error', closedPipe('standard error'));

const code = await cli.run(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stdoutBytes: (b) => process.stdout.write(b),
  stdoutIsTTY: process.stdout.isTTY === true,
  stderr: (t) => process.stderr.write(t),
  cwd: process.cwd(),
  isTTY: process.stderr.isTTY === true,
});
process.exitCode = code;
