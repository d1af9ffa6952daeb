/**
 * The API answers what the command line prints, byte for byte: every example claim evaluated both ways (decision
 * JSON, worksheet, record), the content report, replay, the certificate (JSON, HTML, Markdown) and validate.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { listExamples } from '../../src/server/examples.js';
import { cli, EXAMPLES, form, post, startServer, type Running } from './helpers.js';

let server: Running;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

const exampleForm = (name: string, claim: string) => {
  const e = listExamples().find((x) => x.name === name);
  if (!e) throw new Error(`no example ${name}`);
  const others = e.files.filter((f) => f !== claim && !e.claims.includes(f));
  return form([
    ['claim', join(EXAMPLES, name, claim)],
    ...others.map((f) => ['files', join(EXAMPLES, name, f)] as [string, string]),
  ]);
};

const CLAIMS = listExamples().flatMap((e) => e.claims.map((c) => [e.name, c] as const));
const ACCEPT = { unreleasedRules: 'true' };

describe('evaluate: the same bytes as usmca-roo evaluate', () => {
  it('lists the examples (sanity)', () => {
    expect(CLAIMS.length).toBeGreaterThanOrEqual(10);
  });

  it.each(CLAIMS)('%s/%s: decision JSON as --json prints it, and the verdict header', async (name, claim) => {
    const api = await post(`${server.url}/v1/evaluate`, exampleForm(name, claim));
    const local = await cli(join(EXAMPLES, name), 'evaluate', claim, '--json');
    expect(api.status).toBe(200);
    expect(api.text).toBe(local.out);
    expect(api.headers.get('usmca-roo-verdict')).toBe(local.code === 0 ? 'originating' : 'not-originating');
  });

  it('the worksheet', async () => {
    const dir = join(EXAMPLES, 'aurora-sedan');
    const api = await post(`${server.url}/v1/evaluate?output=worksheet`, exampleForm('aurora-sedan', 'claim.yaml'));
    expect(api.type).toMatch(/^text\/plain/);
    expect(api.text).toBe((await cli(dir, 'evaluate', 'claim.yaml')).out);
    expect(api.text).toContain('VERDICT:   ORIGINATING');
  });

  it('a claim as the body, its producer inline: YAML and JSON, each as the command reads the same file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'api-body-'));
    const claim = parse(readFileSync(join(EXAMPLES, 'aurora-sedan', 'claim.yaml'), 'utf8')) as Record<string, unknown>;
    claim.producer = parse(readFileSync(join(EXAMPLES, 'aurora-sedan', 'producer.yaml'), 'utf8'));
    const bodies: Array<[string, string, string]> = [
      ['claim.yaml', 'application/yaml', stringify(claim)],
      ['claim.json', 'application/json', JSON.stringify(claim, null, 2)],
    ];
    for (const [file, type, text] of bodies) {
      writeFileSync(join(dir, file), text);
      const api = await post(`${server.url}/v1/evaluate`, text, { 'content-type': type });
      const local = await cli(dir, 'evaluate', file, '--json');
      expect(api.status, api.text).toBe(200);
      expect(api.text).toBe(local.out);
      expect(JSON.parse(api.text).verdict).toBe('originating');
    }
  });

  it('the record: the hashed part and its sha256 as evaluate --record writes them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'api-record-'));
    const api = await post(`${server.url}/v1/evaluate?output=record`, exampleForm('aurora-sedan', 'claim.yaml'));
    await cli(join(EXAMPLES, 'aurora-sedan'), 'evaluate', 'claim.yaml', '--record', join(dir, 'r.json'));
    const local = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
    const remote = JSON.parse(api.text);
    expect(remote.sha256).toBe(local.sha256);
    expect(remote.hashed).toEqual(local.hashed);
    expect(remote.envelope.command).toBe('evaluate claim.yaml');
  });

  it('--set as the set parameter', async () => {
    const dir = join(EXAMPLES, 'aurora-sedan');
    const set = 'costs.totalCost=25100.00';
    const api = await post(
      `${server.url}/v1/evaluate?set=${encodeURIComponent(set)}`,
      exampleForm('aurora-sedan', 'claim.yaml'),
    );
    const local = await cli(dir, 'evaluate', 'claim.yaml', '--json', '--set', set);
    expect(api.text).toBe(local.out);
    expect(JSON.parse(api.text).input.patch.operations).toEqual([
      { op: 'add', path: '/costs/totalCost', value: '25100.00' },
    ]);
  });
});

describe('content, replay, certificate and validate: the same bytes as the commands', () => {
  it('content: the report (claim files named as uploaded) and the submission CSV', async () => {
    const dir = join(EXAMPLES, 'sonora-suv');
    const body = form([
      ['claims', join(dir, 'claim.yaml')],
      ['claims', join(dir, 'claim-limited.yaml')],
      ['files', join(dir, 'producer.yaml')],
    ]);
    const api = await post(`${server.url}/v1/content`, body);
    const local = await cli(dir, 'content', 'claim.yaml', 'claim-limited.yaml', '--json');
    expect(api.status).toBe(200);
    expect(api.text).toBe(local.out.split(`${dir}/`).join(''));
    const csv = await post(
      `${server.url}/v1/content?output=csv`,
      form([
        ['claims', join(dir, 'claim.yaml')],
        ['files', join(dir, 'producer.yaml')],
      ]),
    );
    const out = mkdtempSync(join(tmpdir(), 'api-csv-'));
    await cli(dir, 'content', 'claim.yaml', '--csv', join(out, 's.csv'));
    expect(csv.text).toBe(readFileSync(join(out, 's.csv'), 'utf8'));
  });

  it('replay, certificate (json, html, md) and validate of the Aurora sedan', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'api-chain-'));
    const rec = await post(`${server.url}/v1/evaluate?output=record`, exampleForm('aurora-sedan', 'claim.yaml'));
    writeFileSync(join(dir, 'record.json'), rec.bytes);
    const replayed = await post(
      `${server.url}/v1/replay?unreleasedRules=true`,
      form([['record', join(dir, 'record.json')]]),
    );
    const replayLocal = await cli(dir, 'replay', 'record.json', '--json', '--unreleased-rules');
    expect(replayed.text).toBe(replayLocal.out);
    expect(replayed.headers.get('usmca-roo-outcome')).toBe('identical');
    expect(replayed.headers.get('usmca-roo-exit-code')).toBe(String(replayLocal.code));

    const parties = join(EXAMPLES, 'parties');
    for (const format of ['json', 'html', 'md']) {
      const cert = await post(
        `${server.url}/v1/certificate`,
        form(
          [
            ['records', join(dir, 'record.json')],
            ['certifier', join(parties, 'certifier-aurora.yaml')],
            ['importer', join(parties, 'importer-maple.yaml')],
          ],
          { exporter: 'same', signedOn: '2026-03-20', blanket: '2026-04-01..2027-03-31', format, ...ACCEPT },
        ),
      );
      const local = await cli(
        dir,
        'certificate',
        'record.json',
        '--certifier',
        join(parties, 'certifier-aurora.yaml'),
        '--exporter',
        'same',
        '--importer',
        join(parties, 'importer-maple.yaml'),
        '--signed-on',
        '2026-03-20',
        '--blanket',
        '2026-04-01..2027-03-31',
        '--format',
        format,
        '--unreleased-rules',
      );
      expect(cert.status, cert.text).toBe(200);
      expect(cert.text).toBe(local.out);
      expect(cert.headers.get('content-disposition')).toBe(`attachment; filename="certificate.${format}"`);
      if (format === 'json') writeFileSync(join(dir, 'certificate.json'), cert.bytes);
    }
    const validated = await post(
      `${server.url}/v1/validate?unreleasedRules=true`,
      form([
        ['certificate', join(dir, 'certificate.json')],
        ['records', join(dir, 'record.json')],
      ]),
    );
    const validLocal = await cli(
      dir,
      'validate',
      'certificate.json',
      '--record',
      'record.json',
      '--json',
      '--unreleased-rules',
    );
    expect(validated.text).toBe(validLocal.out);
    expect(JSON.parse(validated.text).outcome).toBe('valid');
  });

  it('a PDF certificate, downloaded, validates against its record (the PDF as the body)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'api-pdf-'));
    const rec = await post(`${server.url}/v1/evaluate?output=record`, exampleForm('aurora-sedan', 'claim.yaml'));
    writeFileSync(join(dir, 'record.json'), rec.bytes);
    const parties = join(EXAMPLES, 'parties');
    const pdf = await post(
      `${server.url}/v1/certificate`,
      form(
        [
          ['records', join(dir, 'record.json')],
          ['certifier', join(parties, 'certifier-aurora.yaml')],
        ],
        {
          exporter: 'same',
          signedOn: '2026-03-20',
          ...ACCEPT,
        },
      ),
    );
    expect(pdf.type).toBe('application/pdf');
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const checked = await post(`${server.url}/v1/validate?unreleasedRules=true`, new Uint8Array(pdf.bytes), {
      'content-type': 'application/pdf',
    });
    expect(JSON.parse(checked.text)).toMatchObject({ outcome: 'valid', certificate: 'certificate.pdf' });
    expect(readdirSync(dir)).toEqual(['record.json']);
  });
});
