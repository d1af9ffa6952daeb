/**
 * Signatures over canonical content: Ed25519 keys (node:crypto), in a standard envelope, a JSON Web Signature
 * (RFC 7515) in compact serialisation with a detached payload (RFC 7515 Appendix F): `HEADER..SIGNATURE`, where
 * the payload left out is the canonical JSON (RFC 8785) of the content signed, which the verifier computes
 * again from the document. The protected header names the algorithm (`EdDSA`, RFC 8037), the key (`kid`: the
 * key's RFC 7638 JWK thumbprint) and what is signed (`typ`), so a record's signature cannot pass for a
 * certificate's. Ed25519 signatures are deterministic: the same content and key give the same bytes.
 *
 * A hash proves integrity against accidents; only a signature shows that the content is what the key holder
 * wrote: an edited record re-hashed consistently fails here.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { FileRefusal, readBytes } from '../documents/files.js';
import { join } from 'node:path';
import { canonicalJson } from '../canonical/json.js';

/** What a signature covers: a decision record's hashed part, or a certificate's content. */
export type SignedKind = 'record' | 'certificate';

const TYP: Record<SignedKind, string> = {
  record: 'usmca-roo-record+jws',
  certificate: 'usmca-roo-certificate+jws',
};

/** A key file that cannot be used: names the file and what was expected. Exit 2 in the CLI. */
export class KeyFileError extends Error {}

/** A new Ed25519 key pair as PEM text: PKCS #8 private key, SPKI public key. */
export function generateKeyPair(): { privatePem: string; publicPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }) as string,
  };
}

/** A PEM key is a few hundred bytes; nothing larger is read (a link to /dev/zero ends here, not in an abort). */
const MAX_KEY_FILE_BYTES = 64 * 1024;

function readText(file: string, allowPipe = true): string {
  try {
    // Regular files (or a pipe named on the command line, for a key handed over by a secret store), never a
    // device, at most 64 KiB. A file found in a folder of keys must be a regular file.
    return readBytes(file, MAX_KEY_FILE_BYTES, allowPipe).toString('utf8');
  } catch (err) {
    if (err instanceof FileRefusal) throw new KeyFileError(`${file}: ${err.reason}`);
    const code = (err as NodeJS.ErrnoException).code;
    throw new KeyFileError(`${file}: ${code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? 'error'})`}`);
  }
}

/** The Ed25519 private key in a PEM file (PKCS #8, as written by `keygen`). Throws KeyFileError naming the file. */
export function readPrivateKey(file: string): KeyObject {
  const text = readText(file);
  let key: KeyObject;
  try {
    key = createPrivateKey(text);
  } catch {
    throw new KeyFileError(`${file}: expected an Ed25519 private key in PEM (PKCS #8), as written by keygen`);
  }
  if (key.asymmetricKeyType !== 'ed25519')
    throw new KeyFileError(`${file}: expected an Ed25519 key, not ${key.asymmetricKeyType ?? 'another kind'}`);
  return key;
}

function readPublicKey(file: string, text: string): KeyObject {
  let key: KeyObject;
  try {
    if (!text.includes('-----BEGIN PUBLIC KEY-----')) throw new Error('not a public key');
    key = createPublicKey(text);
  } catch {
    throw new KeyFileError(`${file}: expected an Ed25519 public key in PEM (SPKI), as written by keygen`);
  }
  if (key.asymmetricKeyType !== 'ed25519')
    throw new KeyFileError(`${file}: expected an Ed25519 key, not ${key.asymmetricKeyType ?? 'another kind'}`);
  return key;
}

/** The key's id: its RFC 7638 JWK thumbprint (base64url SHA-256). */
export async function keyId(key: KeyObject): Promise<string> {
  const { calculateJwkThumbprint, exportJWK } = await import('jose');
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return calculateJwkThumbprint(await exportJWK(publicKey));
}

/**
 * The trusted public keys, by key id: one PEM file, or every `*.pem` file holding a public key in a folder
 * (files holding anything else, such as the private key `keygen` writes beside it, are skipped). Throws
 * KeyFileError for a missing path, a file that is not an Ed25519 public key, or a folder without one.
 */
export async function readTrustedKeys(fileOrDir: string): Promise<Map<string, { key: KeyObject; file: string }>> {
  let isDir: boolean;
  try {
    isDir = statSync(fileOrDir).isDirectory();
  } catch {
    throw new KeyFileError(`${fileOrDir}: no such file or folder`);
  }
  const out = new Map<string, { key: KeyObject; file: string }>();
  if (!isDir) {
    const key = readPublicKey(fileOrDir, readText(fileOrDir));
    out.set(await keyId(key), { key, file: fileOrDir });
    return out;
  }
  for (const name of readdirSync(fileOrDir).sort()) {
    if (!name.endsWith('.pem')) continue;
    const file = join(fileOrDir, name);
    const text = readText(file, false);
    if (!text.includes('-----BEGIN PUBLIC KEY-----')) continue;
    const key = readPublicKey(file, text);
    out.set(await keyId(key), { key, file });
  }
  if (out.size === 0) throw new KeyFileError(`${fileOrDir}: the folder holds no public key (*.pem)`);
  return out;
}

/**
 * A compact JWS (EdDSA, RFC 7515) with detached payload over the canonical JSON of `content`, its header naming
 * the key id and `kind`: `header..signature`.
 */
export async function signContent(content: unknown, key: KeyObject, kind: SignedKind): Promise<string> {
  const { CompactSign } = await import('jose');
  const payload = Buffer.from(canonicalJson(content), 'utf8');
  const jws = await new CompactSign(payload)
    .setProtectedHeader({ alg: 'EdDSA', kid: await keyId(key), typ: TYP[kind] })
    .sign(key);
  const [header, , signature] = jws.split('.');
  return `${header}..${signature}`;
}

/**
 * The outcome of checking a signature: ok, with the id of the key that signed (its RFC 7638 thumbprint, as `kid`)
 * and the file that key was read from; or not ok, with the reason and, where the JWS names one, the key id.
 */
export type Verification = { ok: true; keyId: string; keyFile: string } | { ok: false; keyId?: string; reason: string };

/**
 * Checks a detached compact JWS over the canonical JSON of `content` against the trusted keys: ok with the key id
 * and its file, or not ok with the reason (unknown key, bad signature, wrong kind). Never throws for a bad JWS.
 */
export async function verifyContent(
  jws: string,
  content: unknown,
  trusted: Map<string, { key: KeyObject; file: string }>,
  kind: SignedKind,
): Promise<Verification> {
  const parts = jws.split('.');
  if (parts.length !== 3 || parts[1] !== '')
    return { ok: false, reason: 'the signature is not a compact JWS with a detached payload (HEADER..SIGNATURE)' };
  let header: { alg?: unknown; kid?: unknown; typ?: unknown };
  try {
    header = JSON.parse(Buffer.from(parts[0] as string, 'base64url').toString('utf8')) as typeof header;
  } catch {
    return { ok: false, reason: 'the signature header is not base64url JSON' };
  }
  if (header.alg !== 'EdDSA')
    return { ok: false, reason: `the signature algorithm is ${String(header.alg)}, not EdDSA` };
  if (header.typ !== TYP[kind])
    return { ok: false, reason: `the signature is for "${String(header.typ)}", not a ${kind} ("${TYP[kind]}")` };
  const kid = typeof header.kid === 'string' ? header.kid : undefined;
  const entry = kid === undefined ? undefined : trusted.get(kid);
  if (!entry)
    return {
      ok: false,
      ...(kid ? { keyId: kid } : {}),
      reason: `signed by key ${kid ?? '(no key id)'}, which is not among the trusted keys`,
    };
  const { flattenedVerify } = await import('jose');
  try {
    await flattenedVerify(
      {
        protected: parts[0] as string,
        payload: Buffer.from(canonicalJson(content), 'utf8').toString('base64url'),
        signature: parts[2] as string,
      },
      entry.key,
      { algorithms: ['EdDSA'] },
    );
  } catch {
    return {
      ok: false,
      keyId: kid as string,
      reason: `the signature by key ${kid as string} does not match the content: it was changed after signing`,
    };
  }
  return { ok: true, keyId: kid as string, keyFile: entry.file };
}

/** The key id a signature names, without verifying it (for reports when no trusted key is given). */
export function signatureKeyId(jws: string): string | undefined {
  try {
    const header = JSON.parse(Buffer.from(jws.split('.')[0] ?? '', 'base64url').toString('utf8')) as { kid?: unknown };
    return typeof header.kid === 'string' ? header.kid : undefined;
  } catch {
    return undefined;
  }
}
