/**
 * The page: choose or drop a claim and its files (or pick an example), evaluate it on this server, and read the
 * decision: the verdict, each requirement as a gauge, the non-originating value by country and by supplier, the
 * evidence gaps, advice (for a claim that fails, the proven plans of POST /v1/advise, each with its JSON Patch to
 * download), warnings; download the decision, the record and the certificate. Results are announced
 * through a live region; every control is a labelled form control reachable by keyboard.
 */
import { ApiProblems, download, getBlob, getJson, postForm, type Problem } from './api.js';
import { barChart } from './charts.js';
import { requirementItem } from './gauges.js';
import type { Advice, Decision, Example, Report } from './model.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

let chosen: File[] = [];
let examples: Example[] = [];
let report: Report | undefined;
let lastDecisionText = '';

function setStatus(text: string): void {
  $('status').textContent = text;
}

function showProblems(err: unknown): void {
  const box = $('problems');
  box.replaceChildren();
  const problems: Problem[] =
    err instanceof ApiProblems
      ? err.problems
      : [{ code: 'NETWORK', path: '', file: '(page)', message: (err as Error).message }];
  const h = document.createElement('p');
  h.textContent = `${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was evaluated:`;
  const ul = document.createElement('ul');
  for (const p of problems) {
    const li = document.createElement('li');
    const where = `${p.file}${p.line !== undefined ? `:${p.line}` : ''}${p.path ? ` ${p.path}` : ''}`;
    const code = document.createElement('code');
    code.textContent = p.code;
    li.append(code, document.createTextNode(` ${where}: ${p.message}`));
    ul.append(li);
  }
  box.append(h, ul);
  box.hidden = false;
  setStatus(`Not evaluated: ${problems.length} problem${problems.length === 1 ? '' : 's'}.`);
}

function list(id: string, items: string[], empty: string): void {
  const ul = $(id);
  ul.replaceChildren();
  for (const text of items.length ? items : [empty]) {
    const li = document.createElement('li');
    li.textContent = text;
    ul.append(li);
  }
}

function advice(d: Decision): string[] {
  const out: string[] = [];
  for (const r of d.requirements.filter((x) => x.status === 'fail')) {
    const m = r.margin;
    out.push(
      `${r.title}: short by ${m?.points?.replace(/^-/, '') ?? '?'} points` +
        (m?.amount !== undefined ? ` (${m.amount.replace(/^-/, '')} ${m.currency ?? ''}: ${m.meaning ?? ''})` : ''),
    );
  }
  for (const g of d.evidenceGaps.filter((x) => x.valueAtStake !== undefined))
    out.push(
      `Evidence for ${g.subject} would settle ${g.valueAtStake} ${d.claim.currency} counted as non-originating.`,
    );
  if (out.length === 0) {
    const margins = d.requirements
      .filter((r) => r.status === 'pass' && r.margin?.points !== undefined)
      .map((r) => [r.title, r.margin?.points ?? ''] as const)
      .sort((a, b) => Number(a[1]) - Number(b[1]));
    if (margins[0])
      out.push(`Every requirement passes; the smallest margin is ${margins[0][0]}, +${margins[0][1]} points.`);
  }
  return out;
}

function render(r: Report): void {
  const d = r.decision;
  $('problems').hidden = true;
  const verdict = $('verdict');
  verdict.textContent =
    d.verdict === 'originating' ? `ORIGINATING (origin criterion ${d.originCriterion ?? '-'})` : 'NOT ORIGINATING';
  verdict.className = `verdict ${d.verdict}`;
  $('summary').textContent =
    `${d.claim.id}: ${d.claim.good.description ?? ''} (HS ${d.claim.good.hs ?? ''}), decision date ${d.claim.decisionDate}; rule pack ${d.rules.id} ${d.rules.version} (${d.rules.release}).`;
  $('requirements').replaceChildren(...d.requirements.map(requirementItem));
  const n = r.nonOriginating;
  $('vnm-total').textContent = `Value of non-originating materials: ${n.total} ${n.currency} per unit.`;
  barChart('by-country', n.byCountry, n.currency, 'Country');
  barChart('by-supplier', n.bySupplier, n.currency, 'Supplier');
  list(
    'gaps',
    d.evidenceGaps.map(
      (g) =>
        `${g.code} ${g.subject}: ${g.message}${g.valueAtStake ? ` (at stake: ${g.valueAtStake} ${d.claim.currency})` : ''}`,
    ),
    'None.',
  );
  list('advice', advice(d), 'None.');
  list(
    'warnings',
    d.warnings.map((w) => `${w.code}${w.subject ? ` ${w.subject}` : ''}: ${w.message}`),
    'None.',
  );
  $('decision').hidden = false;
  $('certificate-section').hidden = d.verdict !== 'originating';
  ($('signed-on') as HTMLInputElement).value = d.claim.decisionDate;
  ($('unreleased') as HTMLInputElement).checked = d.rules.release !== 'released';
  const failing = d.requirements.filter((x) => x.status === 'fail').length;
  setStatus(
    `${d.claim.id}: ${d.verdict === 'originating' ? 'originating' : 'not originating'}; ${failing} requirement${failing === 1 ? '' : 's'} failing.`,
  );
}

/**
 * One change of a plan as a list item: what it changes, then what it asserts (the fact the producer must be able
 * to show or confirm before applying it), labelled in words so that a screen reader reads the label with it.
 */
function changeItem(c: Advice['plans'][number]['changes'][number]): HTMLLIElement {
  const li = Object.assign(document.createElement('li'), { className: 'change' });
  li.append(Object.assign(document.createElement('span'), { textContent: `(${c.kind}) ${c.description}` }));
  if (c.asserts) {
    const asserts = Object.assign(document.createElement('p'), { className: 'asserts' });
    asserts.append(
      Object.assign(document.createElement('strong'), { textContent: 'Asserts:' }),
      document.createTextNode(` ${c.asserts}`),
    );
    li.append(asserts);
  }
  return li;
}

/** One proven plan as a list item: its changes, what the evaluation of the changed claim gave, its patch. */
function planItem(p: Advice['plans'][number], claimId: string): HTMLLIElement {
  const li = document.createElement('li');
  li.dataset.plan = String(p.rank);
  const head = document.createElement('p');
  head.textContent =
    `Plan ${p.rank}: ${p.changes.length} change${p.changes.length === 1 ? '' : 's'}` +
    `${p.objective.addedCost !== '0.00' ? `, added cost ${p.objective.addedCost}` : ''}` +
    `${p.variant !== 'as claimed' ? ` [${p.variant}]` : ''}` +
    ` (${p.optimality === 'proved-optimal' ? 'proved optimal' : 'best found'}` +
    `${p.minimal === 'proven' ? ', each change needed' : ''}).`;
  const changes = document.createElement('ol');
  for (const c of p.changes) changes.append(changeItem(c));
  const proof = document.createElement('p');
  proof.textContent =
    `Proven by evaluating the changed claim: ${p.proof.verdict === 'originating' ? 'ORIGINATING' : 'NOT ORIGINATING'}; ` +
    p.proof.requirements
      .filter((r) => r.value !== undefined && r.marginPoints !== undefined)
      .map((r) => `${r.id} ${r.status} ${r.value} (threshold ${r.threshold ?? '-'}, margin ${r.marginPoints} points)`)
      .join('; ') +
    '.';
  const button = Object.assign(document.createElement('button'), {
    type: 'button',
    textContent: `Download plan ${p.rank} (JSON Patch)`,
  });
  button.addEventListener('click', () =>
    download(
      new Blob([JSON.stringify(p.patch, null, 2) + '\n'], { type: 'application/json' }),
      `${claimId}.plan-${p.rank}.json`,
    ),
  );
  const notes = (p.proof.readings ?? []).map((m) =>
    Object.assign(document.createElement('p'), { className: 'note', textContent: `Note: ${m}` }),
  );
  li.append(head, changes, proof, ...notes, button);
  return li;
}

/** For a claim that fails: the plans that would make it pass, each proven on the server by evaluation. */
async function adviseOn(form: FormData, d: Decision): Promise<void> {
  const ul = $('advice');
  const pending = Object.assign(document.createElement('li'), { textContent: 'Looking for plans that pass...' });
  ul.append(pending);
  try {
    const { blob } = await postForm('/v1/advise?maxPlans=3', form);
    const a = JSON.parse(await blob.text()) as Advice;
    if (report?.decision !== d) return; // another claim was evaluated meanwhile
    pending.remove();
    if (a.status === 'no-plan')
      list('advice', [...advice(d), ...(a.noPlan?.reasons ?? []).map((r) => `No plan makes it pass: ${r}`)], 'None.');
    else ul.append(...a.plans.map((p) => planItem(p, d.claim.id)));
    const failing = d.requirements.filter((x) => x.status === 'fail').length;
    setStatus(
      `${d.claim.id}: not originating; ${failing} requirement${failing === 1 ? '' : 's'} failing; ${a.status === 'plans' ? `${a.plans.length} proven plan${a.plans.length === 1 ? '' : 's'} would make it pass` : 'no plan makes it pass'}.`,
    );
  } catch (err) {
    pending.textContent = `No advice: ${err instanceof ApiProblems ? err.problems.map((p) => `${p.code}: ${p.message}`).join('; ') : (err as Error).message}`;
  }
}

async function evaluate(form: FormData): Promise<void> {
  setStatus('Evaluating...');
  $('problems').hidden = true;
  try {
    const { blob } = await postForm('/v1/evaluate?output=report', form);
    report = JSON.parse(await blob.text()) as Report;
    lastDecisionText = JSON.stringify(report.decision, null, 2) + '\n';
    render(report);
    $('results').focus();
    if (report.decision.verdict !== 'originating') await adviseOn(form, report.decision);
  } catch (err) {
    $('decision').hidden = true;
    $('certificate-section').hidden = true;
    showProblems(err);
  }
}

function isDocument(f: File): boolean {
  return /\.(ya?ml|json)$/i.test(f.name);
}

function choose(files: File[]): void {
  chosen = files;
  const ul = $('file-list');
  ul.replaceChildren(
    ...files.map((f) => Object.assign(document.createElement('li'), { textContent: `${f.name} (${f.size} bytes)` })),
  );
  const select = $('claim-file') as HTMLSelectElement;
  select.replaceChildren();
  const docs = files.filter(isDocument);
  for (const f of docs) select.append(new Option(f.name, f.name));
  const guess = docs.find((f) => /^claim/i.test(f.name)) ?? docs[0];
  if (guess) select.value = guess.name;
  select.disabled = docs.length === 0;
  ($('evaluate') as HTMLButtonElement).disabled = docs.length === 0;
  setStatus(
    docs.length
      ? `${files.length} file${files.length === 1 ? '' : 's'} chosen; the claim is ${guess?.name}.`
      : 'No YAML or JSON claim among the files.',
  );
}

function evaluateChosen(): void {
  const claim = ($('claim-file') as HTMLSelectElement).value;
  const form = new FormData();
  for (const f of chosen) form.append(f.name === claim ? 'claim' : 'files', f, f.name);
  void evaluate(form);
}

async function exampleForm(value: string): Promise<FormData> {
  const [name, claim] = value.split('/') as [string, string];
  const e = examples.find((x) => x.name === name);
  const form = new FormData();
  for (const file of e?.files ?? []) {
    if (file !== claim && e?.claims.includes(file)) continue;
    const blob = await getBlob(`/v1/examples/${encodeURIComponent(name)}/${encodeURIComponent(file)}`);
    form.append(file === claim ? 'claim' : 'files', blob, file);
  }
  return form;
}

async function loadExamples(): Promise<void> {
  const select = $('example') as HTMLSelectElement;
  try {
    examples = (await getJson<{ examples: Example[] }>('/v1/examples')).examples;
  } catch {
    examples = [];
  }
  for (const e of examples) for (const c of e.claims) select.append(new Option(`${e.name} / ${c}`, `${e.name}/${c}`));
  if (select.options.length === 0) select.append(new Option('(no examples on this server)', ''));
  const parties = examples.find((e) => e.name === 'parties')?.files ?? [];
  const certifier = $('certifier-example') as HTMLSelectElement;
  const importer = $('importer-example') as HTMLSelectElement;
  certifier.append(new Option('(none)', ''));
  importer.append(new Option('(none)', ''));
  for (const f of parties) {
    certifier.append(new Option(f, f));
    importer.append(new Option(f, f));
  }
}

async function certificate(event: Event): Promise<void> {
  event.preventDefault();
  const status = $('certificate-status');
  if (!report) return;
  const form = new FormData();
  form.append('records', new Blob([report.record], { type: 'application/json' }), 'record.json');
  const file = ($('certifier') as HTMLInputElement).files?.[0];
  const example = ($('certifier-example') as HTMLSelectElement).value;
  if (file) form.append('certifier', file, file.name);
  else if (example)
    form.append('certifier', await getBlob(`/v1/examples/parties/${encodeURIComponent(example)}`), example);
  else {
    status.textContent = 'Choose the certifier: a party document, or an example.';
    return;
  }
  const importer = ($('importer-example') as HTMLSelectElement).value;
  if (importer)
    form.append('importer', await getBlob(`/v1/examples/parties/${encodeURIComponent(importer)}`), importer);
  const format = ($('format') as HTMLSelectElement).value;
  form.append('exporter', ($('exporter') as HTMLSelectElement).value);
  form.append('signedOn', ($('signed-on') as HTMLInputElement).value);
  form.append('format', format);
  form.append('lang', ($('lang') as HTMLSelectElement).value);
  form.append('discloseFigures', String(($('disclose') as HTMLInputElement).checked));
  form.append('unreleasedRules', String(($('unreleased') as HTMLInputElement).checked));
  status.textContent = 'Issuing the certificate...';
  try {
    const { blob } = await postForm('/v1/certificate', form);
    download(blob, `certificate.${format}`);
    status.textContent = `Certificate issued: certificate.${format} (${blob.size} bytes).`;
  } catch (err) {
    status.textContent =
      err instanceof ApiProblems
        ? `No certificate: ${err.problems.map((p) => `${p.code} ${p.path}: ${p.message}`).join('; ')}`
        : `No certificate: ${(err as Error).message}`;
  }
}

function wire(): void {
  const input = $('files') as HTMLInputElement;
  input.addEventListener('change', () => choose([...(input.files ?? [])]));
  const zone = $('dropzone');
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    choose([...(e.dataTransfer?.files ?? [])]);
  });
  $('evaluate').addEventListener('click', evaluateChosen);
  $('evaluate-example').addEventListener('click', () => {
    const value = ($('example') as HTMLSelectElement).value;
    if (value) void exampleForm(value).then(evaluate, showProblems);
  });
  $('download-decision').addEventListener('click', () =>
    download(
      new Blob([lastDecisionText], { type: 'application/json' }),
      `${report?.decision.claim.id ?? 'decision'}.decision.json`,
    ),
  );
  $('download-record').addEventListener('click', () => {
    if (report)
      download(new Blob([report.record], { type: 'application/json' }), `${report.decision.claim.id}.record.json`);
  });
  $('certificate-form').addEventListener('submit', (e) => void certificate(e));
  const token = $('token') as HTMLInputElement;
  token.value = sessionStorage.getItem('usmca-roo-token') ?? '';
  token.addEventListener('change', () => sessionStorage.setItem('usmca-roo-token', token.value));
}

wire();
void loadExamples();
