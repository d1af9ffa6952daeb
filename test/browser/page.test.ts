/**
 * The web page in a real browser: Debian's Chromium, driven by playwright-core (which never downloads a browser).
 * The example claim is dropped on the page, the verdict and figures shown are checked against the decision
 * (RVC 90.881508 % against 75 %, margin +15.881508 points = 3873.50 USD; VNM 2224.00 USD, of which Germany
 * 615.00), the certificate is downloaded and validated, every control has a label, and nothing is fetched from
 * anywhere but this server. Skipped, saying so, where /usr/bin/chromium is absent, except under CI, where it fails.
 * UPDATE_SCREENSHOT=1 writes docs/page.png and docs/page-advice.png.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES, post, ROOT, startServer, type Running } from '../server/helpers.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const present = existsSync(CHROMIUM);
if (!present && process.env.CI)
  throw new Error(`CI must run the browser test: ${CHROMIUM} is missing (apt-get install chromium)`);
if (!present) console.warn(`browser test skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium)`);

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

describe.skipIf(!present)('the web page in Chromium', () => {
  let server: Running;
  let profile: string;
  let context: import('playwright-core').BrowserContext;
  let page: import('playwright-core').Page;
  const offsite: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
    const { chromium } = await import('playwright-core');
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: FLAGS,
      acceptDownloads: true,
      viewport: { width: 1280, height: 900 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('request', (r) => {
      if (!r.url().startsWith(server.url) && !/^(blob|data):/.test(r.url())) offsite.push(r.url());
    });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  it('every control has a label; the results are a live region', async () => {
    await page.goto(`${server.url}/`);
    const unlabelled = await page.$$eval('input, select', (els) =>
      els.filter((e) => (e as HTMLInputElement).labels?.length === 0).map((e) => e.id),
    );
    expect(unlabelled).toEqual([]);
    expect(await page.getAttribute('#status', 'aria-live')).toBe('polite');
    expect(await page.getAttribute('#problems', 'role')).toBe('alert');
  });

  it('drops the example claim and shows the verdict, the gauges and the figures', async () => {
    await page.goto(`${server.url}/`);
    const files = ['claim.yaml', 'producer.yaml'].map((f) => [
      f,
      readFileSync(join(EXAMPLES, 'aurora-sedan', f), 'utf8'),
    ]);
    const dataTransfer = await page.evaluateHandle((list) => {
      const dt = new DataTransfer();
      for (const [name, text] of list) dt.items.add(new File([text as string], name as string, { type: 'text/yaml' }));
      return dt;
    }, files);
    await page.dispatchEvent('#dropzone', 'drop', { dataTransfer });
    expect(await page.inputValue('#claim-file')).toBe('claim.yaml');
    await page.click('#evaluate');
    await page.waitForSelector('#decision:not([hidden])');
    expect(await page.textContent('#verdict')).toBe('ORIGINATING (origin criterion B)');
    expect(await page.textContent('#status')).toBe('AURORA-2026-Q1: originating; 0 requirements failing.');
    const rvc = await page.textContent('[data-requirement="rvc"]');
    expect(rvc).toContain('value 90.881508 %, threshold >= 75 %, margin +15.881508 points, = 3873.50 USD');
    expect(await page.textContent('[data-requirement="lvc"]')).toContain('value 56.989011 %, threshold >= 40 %');
    expect(await page.textContent('#vnm-total')).toBe('Value of non-originating materials: 2224.00 USD per unit.');
    const rows = await page.$$eval('#by-country-table tbody tr', (trs) =>
      trs.map((tr) => [...tr.children].map((c) => c.textContent)),
    );
    expect(rows[0]).toEqual(['DE', '615.00', '2']);
    expect(rows.length).toBe(6);
    expect(await page.textContent('#by-country-summary')).toContain('DE: 615.00 USD; JP: 493.00 USD');
    // The chart is drawn: the canvas holds pixels.
    const drawn = await page.$eval('#by-country', (c) => (c as HTMLCanvasElement).toDataURL().length);
    expect(drawn).toBeGreaterThan(2000);
    if (process.env.UPDATE_SCREENSHOT) await page.screenshot({ path: join(ROOT, 'docs', 'page.png'), fullPage: true });
  });

  it('downloads the record and the certificate, which validates against it', async () => {
    const [record] = await Promise.all([page.waitForEvent('download'), page.click('#download-record')]);
    const recordPath = join(profile, 'record.json');
    await record.saveAs(recordPath);
    expect(JSON.parse(readFileSync(recordPath, 'utf8')).format).toBe('usmca-roo/record@2');

    await page.selectOption('#certifier-example', 'certifier-aurora.yaml');
    await page.selectOption('#importer-example', 'importer-maple.yaml');
    await page.selectOption('#format', 'pdf');
    const [cert] = await Promise.all([page.waitForEvent('download'), page.click('#download-certificate')]);
    expect(cert.suggestedFilename()).toBe('certificate.pdf');
    const pdfPath = join(profile, 'certificate.pdf');
    await cert.saveAs(pdfPath);
    const pdf = readFileSync(pdfPath);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(await page.textContent('#certificate-status')).toMatch(/^Certificate issued: certificate\.pdf/);

    const form = new FormData();
    form.append('certificate', new Blob([pdf]), 'certificate.pdf');
    form.append('records', new Blob([readFileSync(recordPath)]), 'record.json');
    const checked = await post(`${server.url}/v1/validate?unreleasedRules=true`, form);
    expect(JSON.parse(checked.text)).toMatchObject({ outcome: 'valid' });
  });

  it('for a failing example, lists the proven plans of /v1/advise and downloads a plan as a JSON Patch', async () => {
    await page.goto(`${server.url}/`);
    await page.waitForSelector('#example option[value="borealis-hatchback/claim.yaml"]', { state: 'attached' });
    await page.selectOption('#example', 'borealis-hatchback/claim.yaml');
    await page.click('#evaluate-example');
    await page.waitForSelector('#advice [data-plan="1"]', { timeout: 60_000 });
    expect(await page.textContent('#verdict')).toBe('NOT ORIGINATING');
    const plan = (await page.textContent('#advice [data-plan="1"]')) ?? '';
    expect(plan).toContain('Plan 1: 2 changes (proved optimal, each change needed).');
    expect(plan).toContain('(resourcing) ADAS');
    expect(plan).toContain('(resourcing) COCKPITDC');
    // Each change says what it asserts, labelled, in the change's own list item.
    const changes = await page.$$eval('#advice [data-plan="1"] li.change', (items) =>
      items.map((li) => li.querySelector('.asserts')?.textContent ?? ''),
    );
    expect(changes).toEqual([
      'Asserts: ADAS will be bought from a supplier whose goods are originating, at 778.80 USD per good, as now',
      'Asserts: COCKPITDC will be bought from a supplier whose goods are originating, at 1171.50 USD per good, as now',
    ]);
    expect(plan).toContain(
      'Proven by evaluating the changed claim: ORIGINATING; rvc pass 76.939961 (threshold 75, margin 1.939961 points)',
    );
    expect(plan).toContain(
      'Note: the verdict turns on a disputed point: under the other reading of coreRollUp (rvc-only)',
    );
    expect(await page.textContent('#status')).toMatch(
      /^BOREALIS-HB-2026-05: not originating; 1 requirement failing; \d proven plans? would make it pass\.$/,
    );
    if (process.env.UPDATE_SCREENSHOT)
      await (await page.$('#results'))?.screenshot({ path: join(ROOT, 'docs', 'page-advice.png') });
    const [patch] = await Promise.all([page.waitForEvent('download'), page.click('#advice [data-plan="1"] button')]);
    const patchPath = join(profile, 'plan-1.json');
    await patch.saveAs(patchPath);
    expect(JSON.parse(readFileSync(patchPath, 'utf8'))).toContainEqual({
      op: 'replace',
      path: '/materials/9/origin',
      value: 'originating',
    });
  }, 90_000);

  it('shows the problems of a broken claim, with their codes, in an alert', async () => {
    await page.goto(`${server.url}/`);
    await page.setInputFiles('#files', {
      name: 'claim.yaml',
      mimeType: 'text/yaml',
      buffer: Buffer.from('format: usmca-roo/claim@1\nid: BROKEN\nproducer: producer.yaml\n'),
    });
    await page.click('#evaluate');
    await page.waitForSelector('#problems:not([hidden])');
    expect(await page.textContent('#problems')).toContain('FILE_NOT_UPLOADED claim.yaml:3 producer');
    expect(await page.isHidden('#decision')).toBe(true);
  });

  it('fetched nothing from anywhere but this server', () => {
    expect(offsite).toEqual([]);
  });
});
