/**
 * `usmca-roo keygen --out DIR`: a new Ed25519 key pair for signing records and certificates: DIR/private.pem
 * (PKCS #8, readable by its owner only) and DIR/public.pem (SPKI, to hand to whoever verifies). Never
 * overwrites a key.
 */
import { createPrivateKey } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateKeyPair, keyId } from '../audit/signature.js';
import { EXIT, type CliIo } from './io.js';
import { makeFolder } from './output.js';
import { writeFileAtomic } from './write.js';

export async function keygenCommand(flags: { out: string }, io: CliIo): Promise<number> {
  const dir = resolve(io.cwd, flags.out);
  const privateFile = join(dir, 'private.pem');
  const publicFile = join(dir, 'public.pem');
  const existing = [privateFile, publicFile].filter((f) => existsSync(f));
  if (existing.length > 0) {
    io.stderr(
      `usmca-roo: ${existing.join(' and ')} already exist${existing.length === 1 ? 's' : ''}; no key written\n`,
    );
    return EXIT.invalidInput;
  }
  try {
    makeFolder(dir);
  } catch (err) {
    io.stderr(`usmca-roo: cannot create the folder ${flags.out} (${(err as NodeJS.ErrnoException).code ?? 'error'})\n`);
    return EXIT.invalidInput;
  }
  const { privatePem, publicPem } = generateKeyPair();
  writeFileAtomic(privateFile, privatePem, 0o600);
  writeFileAtomic(publicFile, publicPem, 0o644);
  const kid = await keyId(createPrivateKey(privatePem));
  io.stdout(
    `Ed25519 key ${kid}\n  private key: ${privateFile} (keep it secret: it signs records and certificates)\n  public key:  ${publicFile} (give it to whoever verifies: --trust-key)\n`,
  );
  return EXIT.originating;
}
