/** Runs one command of the CLI, as bin/usmca-roo.js does, and reports its peak memory on stderr (for the benchmark). */
let cli;
try {
  cli = await import('../dist/bundle/cli.mjs');
} catch {
  cli = await import('../dist/cli/main.js');
}

let out = 0;
const code = await cli.run(process.argv.slice(2), {
  stdout: (t) => (out += t.length),
  stderr: () => {},
  cwd: process.cwd(),
});
const usage = process.resourceUsage();
process.stderr.write(
  JSON.stringify({
    code,
    outChars: out,
    maxRssKb: usage.maxRSS,
    cpuMs: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000),
  }),
);
