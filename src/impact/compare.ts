/**
 * What changed between a stored decision and its re-run: the verdict, and each requirement whose status,
 * value, threshold or margin moved. Nothing else (traces, warnings) is compared: impact answers "which
 * decisions fall", and the replay command shows every byte for one record.
 */
import type { Decision } from '../verdict/decision.js';

export interface RequirementState {
  status: string;
  value?: string;
  threshold?: string;
  marginPoints?: string;
  marginAmount?: string;
}

export interface RequirementChange {
  id: string;
  from: RequirementState | null;
  to: RequirementState | null;
}

function state(r: Decision['requirements'][number] | undefined): RequirementState | null {
  if (!r) return null;
  const s: RequirementState = { status: r.status };
  if (r.value !== undefined) s.value = r.value;
  if (r.threshold !== undefined) s.threshold = r.threshold;
  if (r.margin?.points !== undefined) s.marginPoints = r.margin.points;
  if (r.margin?.amount !== undefined) s.marginAmount = r.margin.amount;
  return s;
}

/** The requirements that changed, in the decision's requirement order. */
export function requirementChanges(before: Decision, after: Decision): RequirementChange[] {
  const ids = [...new Set([...before.requirements.map((r) => r.id), ...after.requirements.map((r) => r.id)])];
  const out: RequirementChange[] = [];
  for (const id of ids) {
    const from = state(before.requirements.find((r) => r.id === id));
    const to = state(after.requirements.find((r) => r.id === id));
    if (JSON.stringify(from) !== JSON.stringify(to)) out.push({ id, from, to });
  }
  return out;
}
