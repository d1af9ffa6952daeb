/** Runs one command of the CLI in this process and reports its peak memory on stderr (for the benchmark). */
import { run } from '../dist/cli/main.js';

let out = 0;
const code = await run(process.argv.slice(2), { stdout: (t) => (out += t.length), stderr: () => {}, cwd: process.cwd() });
process.stderr.write(JSON.stringify({ code, outChars: out, maxRssKb: process.resourceUsage().maxRSS }));
