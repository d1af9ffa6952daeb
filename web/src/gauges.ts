/**
 * Each requirement as a gauge: the value against its threshold on a 0-100 % scale, with the margin in points and
 * in money; the text says the same for screen readers (the bar itself is decorative). Figures are shown as the
 * decision writes them, never recomputed.
 */
import type { Requirement } from './model.js';

const STATUS: Record<string, string> = {
  pass: 'PASS',
  fail: 'FAIL',
  'not-applicable': 'n/a',
  'not-evaluated': 'not evaluated',
};

/** A percent text as a width from 0 to 100 (display only). */
function width(percent: string | undefined): number {
  const n = Number(percent);
  return Number.isFinite(n) ? Math.max(0, Math.min(100, n)) : 0;
}

function text(tag: string, content: string, className?: string): HTMLElement {
  const el = document.createElement(tag);
  el.textContent = content;
  if (className) el.className = className;
  return el;
}

export function requirementItem(r: Requirement): HTMLLIElement {
  const li = document.createElement('li');
  li.className = 'requirement';
  li.dataset.requirement = r.id;
  const h = document.createElement('h4');
  h.append(text('span', STATUS[r.status] ?? r.status, `badge ${r.status}`), document.createTextNode(r.title));
  li.append(h);
  if (r.unit === 'percent' && r.value !== undefined && r.threshold !== undefined) {
    const gauge = document.createElement('div');
    gauge.className = `gauge ${r.status}`;
    gauge.setAttribute('aria-hidden', 'true');
    const fill = document.createElement('div');
    fill.className = 'fill';
    fill.style.width = `${width(r.value)}%`;
    const mark = document.createElement('div');
    mark.className = 'threshold';
    mark.style.left = `calc(${width(r.threshold)}% - 1px)`;
    gauge.append(fill, mark);
    li.append(gauge);
    const margin = r.margin;
    const parts = [`value ${r.value} %`, `threshold ${r.comparator ?? '>='} ${r.threshold} %`];
    if (margin?.points !== undefined)
      parts.push(`margin ${margin.points.startsWith('-') ? '' : '+'}${margin.points} points`);
    if (margin?.amount !== undefined) parts.push(`= ${margin.amount} ${margin.currency ?? ''}`.trim());
    li.append(text('p', parts.join(', '), 'figures'));
    if (margin?.meaning) li.append(text('p', `(${margin.meaning})`, 'figures'));
  } else if (r.margin?.amount !== undefined) {
    li.append(text('p', `margin ${r.margin.amount} ${r.margin.currency ?? ''}: ${r.margin.meaning ?? ''}`, 'figures'));
  }
  return li;
}
