/**
 * Signed records: keygen writes an Ed25519 key pair; evaluate --record --sign-key signs the record (a JWS with
 * detached payload over the canonical hashed content); replay --trust-key verifies it. A record edited and
 * re-hashed consistently, which a hash alone cannot tell from a true one, fails; so do an unsigned record and a
 * record signed by a key that is not trusted, each naming what failed.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prettyJson } from '../../src/canonical/json.js';
import { readPrivateKey, readTrustedKeys, signContent, verifyContent } from '../../src/audit/signature.js';
import type { DecisionRecord } from '../../src/audit/record.js';
import { evaluate } from '../../src/evaluate.js';
import { rulePackFromContent } from '../../src/rules/load.js';
import { load, runCli } from '../helpers.js';
import { originatingClaim, rehash, tempDir, writeClaim } from './fixtures.js';

// The bundled pack may be in development (modified) while these tests run: accept it, this file is about signatures.
const ACCEPT = '--unreleased-rules';

async function keys(): Promise<string> {
  const dir = join(tempDir('keys-'), 'k');
  const r = await runCli('keygen', '--out', dir);
  expect(r.code, r.err).toBe(0);
  return dir;
}

describe('keygen', () => {
  it('writes private.pem (owner only) and public.pem, and never overwrites them', async () => {
    const dir = await keys();
    expect(readFileSync(join(dir, 'private.pem'), 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(readFileSync(join(dir, 'public.pem'), 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(statSync(join(dir, 'private.pem')).mode & 0o077).toBe(0);
    const before = readFileSync(join(dir, 'private.pem'), 'utf8');
    const again = await runCli('keygen', '--out', dir);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/already exist; no key written/);
    expect(readFileSync(join(dir, 'private.pem'), 'utf8')).toBe(before);
  });
});

describe('signed records', () => {
  it('verify with the right key, fail when re-hashed after an edit, unsigned, or signed by another key', async () => {
    const mine = await keys();
    const other = await keys();
    const work = tempDir();
    const claim = writeClaim(originatingClaim(), work);
    const record = join(work, 'record.json');
    const signed = await runCli('evaluate', claim, '--record', record, '--sign-key', join(mine, 'private.pem'));
    expect(signed.code, signed.err).toBe(0);
    const rec = JSON.parse(readFileSync(record, 'utf8')) as DecisionRecord;
    expect(rec.signature?.jws).toMatch(/^[A-Za-z0-9_-]+\.\.[A-Za-z0-9_-]+$/);
    const header = JSON.parse(Buffer.from(rec.signature!.jws.split('.')[0]!, 'base64url').toString());
    expect(header).toMatchObject({ alg: 'EdDSA', typ: 'usmca-roo-record+jws' });

    const ok = await runCli('replay', record, '--trust-key', join(mine, 'public.pem'), ACCEPT);
    expect(ok.code, ok.out).toBe(0);
    expect(ok.out).toMatch(new RegExp(`signed by key ${header.kid} .*: signature valid`));
    // A folder of keys (keygen's folder holds the private key too: it is skipped).
    expect((await runCli('replay', record, '--trust-key', mine, ACCEPT)).code).toBe(0);

    // A forger edits the input, decides it again with the engine and re-hashes: the record is consistent
    // throughout and replays identically; only the signature tells.
    const forged = JSON.parse(readFileSync(record, 'utf8')) as DecisionRecord;
    (forged.hashed.input.claim as { id: string }).id = 'FORGED-1';
    forged.hashed.decision = await evaluate(load(forged.hashed.input.claim), {
      pack: rulePackFromContent(forged.hashed.rulePack),
    });
    const forgedFile = join(work, 'forged.json');
    writeFileSync(forgedFile, prettyJson(rehash(forged)));
    expect((await runCli('replay', forgedFile, ACCEPT)).code).toBe(0); // a hash alone cannot tell
    const bad = await runCli('replay', forgedFile, '--trust-key', join(mine, 'public.pem'), ACCEPT);
    expect(bad.code).toBe(4);
    expect(bad.out).toMatch(/REFUSED: record .*: bad signature: the signature by key .* does not match the content/);

    const unsignedFile = join(work, 'unsigned.json');
    const unsigned = JSON.parse(readFileSync(record, 'utf8')) as DecisionRecord;
    delete unsigned.signature;
    writeFileSync(unsignedFile, prettyJson(unsigned));
    const u = await runCli('replay', unsignedFile, '--trust-key', join(mine, 'public.pem'), ACCEPT);
    expect(u.code).toBe(4);
    expect(u.out).toMatch(/is not signed, and --trust-key requires a valid signature/);

    const wrong = await runCli('replay', record, '--trust-key', join(other, 'public.pem'), ACCEPT);
    expect(wrong.code).toBe(4);
    expect(wrong.out).toMatch(/signed by key .*, which is not among the trusted keys/);
  });

  it('refuses a key file that is not a key (exit 2, naming the file)', async () => {
    const mine = await keys();
    const work = tempDir();
    const record = join(work, 'record.json');
    const claim = writeClaim(originatingClaim(), work);
    const r = await runCli('evaluate', claim, '--record', record, '--sign-key', join(mine, 'public.pem'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/public\.pem: expected an Ed25519 private key/);
    expect(existsSync(record)).toBe(false);
    expect((await runCli('evaluate', claim, '--record', record)).code).toBe(0);
    const t = await runCli('replay', record, '--trust-key', join(mine, 'private.pem'));
    expect(t.code).toBe(2);
    expect(t.err).toMatch(/private\.pem: expected an Ed25519 public key/);
    expect((await runCli('evaluate', claim, '--sign-key', join(mine, 'private.pem'))).code).toBe(2);
  });

  it('reads no key from a device: /dev/zero, or a link to it in a folder of keys, is refused (they used to hang)', async () => {
    const { symlinkSync } = await import('node:fs');
    const mine = await keys();
    symlinkSync('/dev/zero', join(mine, 'zero.pem'));
    await expect(readTrustedKeys(mine)).rejects.toThrow(/zero\.pem: is a device/);
    await expect(readTrustedKeys('/dev/zero')).rejects.toThrow(/\/dev\/zero: is a system pseudo-file/);
    expect(() => readPrivateKey('/dev/zero')).toThrow(/\/dev\/zero: is a system pseudo-file/);
    const big = join(tempDir(), 'big.pem');
    writeFileSync(big, 'x'.repeat(65 * 1024));
    expect(() => readPrivateKey(big)).toThrow(/big\.pem: is larger than 0\.1 MiB/);
  });

  it('cannot pass a record signature off as a certificate signature', async () => {
    const mine = await keys();
    const key = readPrivateKey(join(mine, 'private.pem'));
    const trusted = await readTrustedKeys(join(mine, 'public.pem'));
    const content = { a: 1 };
    const jws = await signContent(content, key, 'record');
    expect((await verifyContent(jws, content, trusted, 'record')).ok).toBe(true);
    expect(await verifyContent(jws, content, trusted, 'certificate')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/not a certificate/),
    });
    // Deterministic: the same content and key sign to the same bytes.
    expect(await signContent(content, key, 'record')).toBe(jws);
  });
});
