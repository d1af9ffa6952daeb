/** Renders input problems for people (stderr) or as JSON. */
import { relative, isAbsolute } from 'node:path';
import { prettyJson } from '../canonical/json.js';
import type { InputProblem } from '../input/problems.js';
import { printable, printableJson } from '../render/printable.js';

const MAX_SHOWN = 200;

export function renderProblems(problems: InputProblem[], cwd: string): string {
  const lines = [
    `usmca-roo: ${problems.length} problem${problems.length === 1 ? '' : 's'} in the input; nothing was evaluated`,
  ];
  for (const p of problems.slice(0, MAX_SHOWN)) {
    const file = isAbsolute(p.file) ? relative(cwd, p.file) || p.file : p.file;
    const where = `${file}${p.sheet !== undefined ? ` [${p.sheet}]` : ''}${p.line !== undefined ? `:${p.line}` : ''}${p.column !== undefined ? ` (column "${p.column}")` : ''}`;
    lines.push(`  ${printable(`${where}  ${p.path}  ${p.code}: ${p.message}`)}`);
  }
  if (problems.length > MAX_SHOWN) lines.push(`  ... and ${problems.length - MAX_SHOWN} more (use --json to see all)`);
  return `${lines.join('\n')}\n`;
}

export function problemsJson(problems: InputProblem[], cwd: string): string {
  return printableJson(
    prettyJson({
      format: 'usmca-roo/problems@1',
      problems: problems.map((p) => ({ ...p, file: isAbsolute(p.file) ? relative(cwd, p.file) || p.file : p.file })),
    }),
  );
}
