/**
 * A scenario file (usmca-roo/scenario@1) with several problems reports them all at once, each at its line and path:
 * a bad date does not hide a rule the rule pack does not hold, nor a value the rule cannot take; `impact` exits 2.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readScenario } from '../../src/impact/scenario.js';
import { loadRulePack } from '../../src/rules/load.js';
import { problemsOf, runCli } from '../helpers.js';

const RVC = 'usmca.auto.rvc.passenger_vehicle';

function scenarioFile(changes: string[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'scenario-')), 'proposal.yaml');
  writeFileSync(
    file,
    ['format: usmca-roo/scenario@1', 'title: Vehicle RVC at 82 %', 'changes:', ...changes.map((c) => `  - ${c}`)].join(
      '\n',
    ) + '\n',
  );
  return file;
}

const BROKEN = [
  `{ rule: ${RVC}, from: 2027-02-30, value: "82" }`,
  `{ rule: usmca.auto.rvc.no_such_rule, from: 2027-07-01, value: "82" }`,
  `{ rule: ${RVC}, from: 2027-07-01, value: { not: a number } }`,
];

describe('a scenario file: every problem at once', () => {
  it('a bad date, an unknown rule and a value the rule cannot take, each at its line', () => {
    const file = scenarioFile(BROKEN);
    const problems = problemsOf(() => readScenario(file, { pack: loadRulePack(), always: false }));
    expect(problems.map((p) => `${p.line} ${p.path} ${p.code}`)).toEqual([
      '4 changes[0].from DATE_INVALID',
      '5 changes[1].rule VALUE_NOT_ALLOWED',
      '6 changes[2].value FIELD_TYPE',
    ]);
    expect(problems.every((p) => p.file === file)).toBe(true);
    expect(problems[0]?.message).toContain('"2027-02-30"');
    expect(problems[1]?.message).toMatch(/usmca\.auto\.rvc\.no_such_rule, which the rule pack .* does not hold/);
    expect(problems[2]?.message).toBe(
      `the rule ${RVC} cannot take this value: Invalid input: expected string, received object`,
    );
  });

  it('without other problems, a rule checked per record (its recorded pack) is left to the re-run', () => {
    const file = scenarioFile([`{ rule: usmca.auto.rvc.no_such_rule, from: 2027-07-01, value: "82" }`]);
    expect(readScenario(file, { pack: loadRulePack(), always: false }).changes).toHaveLength(1);
    const problems = problemsOf(() => readScenario(file, { pack: loadRulePack(), always: true }));
    expect(problems.map((p) => `${p.line} ${p.path} ${p.code}`)).toEqual(['4 changes[0].rule VALUE_NOT_ALLOWED']);
  });

  it('a good scenario is read as written', () => {
    const file = scenarioFile([`{ rule: ${RVC}, from: 2027-07-01, value: "82" }`]);
    const scenario = readScenario(file, { pack: loadRulePack(), always: true });
    expect(scenario.changes).toEqual([{ rule: RVC, from: '2027-07-01', value: '82' }]);
  });

  it('usmca-roo impact --scenario exits 2 naming every problem', async () => {
    const file = scenarioFile(BROKEN);
    const { code, out, err } = await runCli('impact', '--scenario', file, '--json');
    expect(code, out + err).toBe(2);
    for (const path of ['changes[0].from', 'changes[1].rule', 'changes[2].value']) expect(out + err).toContain(path);
  });
});
