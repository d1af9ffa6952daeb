/**
 * The non-originating value by country and by supplier as bar charts (Chart.js, bundled with the page), each
 * with a text summary for screen readers and the same figures as a table. Amounts are the decision's exact
 * texts; the charts draw them as numbers, for display only.
 */
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';
import type { Group } from './model.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

const charts = new Map<string, Chart>();

function table(id: string, groups: Group[], currency: string, label: string): void {
  const t = document.getElementById(id) as HTMLTableElement;
  t.replaceChildren();
  const head = t.createTHead().insertRow();
  for (const h of [label, `Value (${currency})`, 'Lines']) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = h;
    head.append(th);
  }
  const body = t.createTBody();
  for (const g of groups) {
    const row = body.insertRow();
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = g.name;
    row.append(th);
    const v = row.insertCell();
    v.className = 'num';
    v.textContent = g.value;
    const n = row.insertCell();
    n.className = 'num';
    n.textContent = String(g.lines);
  }
}

/** Draws (or redraws) the chart `id` with its summary and table. */
export function barChart(id: string, groups: Group[], currency: string, label: string): void {
  const canvas = document.getElementById(id) as HTMLCanvasElement;
  charts.get(id)?.destroy();
  const shown = groups.slice(0, 12);
  charts.set(
    id,
    new Chart(canvas, {
      type: 'bar',
      data: {
        labels: shown.map((g) => g.name),
        datasets: [{ label: `${currency}`, data: shown.map((g) => Number(g.value)), backgroundColor: '#a4161a' }],
      },
      options: {
        indexAxis: 'y',
        animation: false,
        responsive: true,
        plugins: { tooltip: { callbacks: { label: (c) => `${shown[c.dataIndex]?.value ?? ''} ${currency}` } } },
        scales: { x: { beginAtZero: true, title: { display: true, text: currency } } },
      },
    }),
  );
  const summary = document.getElementById(`${id}-summary`) as HTMLElement;
  summary.textContent =
    groups.length === 0
      ? 'No non-originating value.'
      : groups.map((g) => `${g.name}: ${g.value} ${currency}`).join('; ');
  table(`${id}-table`, groups, currency, label);
}
