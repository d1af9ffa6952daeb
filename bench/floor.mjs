/** The floor the benchmark compares against: JSON.parse of the claim plus a decimal.js sum of its lines. */
import { readFileSync } from 'node:fs';
import { Decimal } from 'decimal.js';

const claim = JSON.parse(readFileSync(process.argv[2], 'utf8'));
let sum = new Decimal(0);
const stack = [...claim.materials];
while (stack.length > 0) {
  const m = stack.pop();
  const unit = typeof m.unitValue === 'string' ? m.unitValue : m.unitValue.amount;
  sum = sum.plus(new Decimal(m.quantity).times(unit));
  if (m.materials) for (const c of m.materials) stack.push(c);
}
const usage = process.resourceUsage();
process.stderr.write(
  JSON.stringify({
    maxRssKb: usage.maxRSS,
    cpuMs: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000),
    sum: sum.toFixed(2),
  }),
);
