/** Small claims on disk for the hostile-input tests: a folder with a claim and its producer, and a canary outside. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { claim, producer, type Obj } from '../helpers.js';

/** Content of the file outside every claim folder: it must never appear in any output. */
export const CANARY = 'CANARY-7f3a-never-printed';

export interface Scene {
  /** A temporary folder: `claims/` holds the claim, `outside/` the canary. */
  base: string;
  dir: string;
  canary: string;
  claimFile: string;
  write(name: string, content: string | Obj): string;
}

/** A claim (producer in `producer.yaml` beside it) in a fresh folder; `extra` is merged into the claim. */
export function scene(extra: Obj = {}, name = 'claim.yaml'): Scene {
  const base = mkdtempSync(join(tmpdir(), 'hostile-'));
  const dir = join(base, 'claims');
  mkdirSync(dir);
  mkdirSync(join(base, 'outside'));
  const canary = join(base, 'outside', 'secret.yaml');
  writeFileSync(canary, `${CANARY}: ${CANARY}\nformat: ${CANARY}\n`);
  const write = (file: string, content: string | Obj) => {
    const path = join(dir, file);
    writeFileSync(
      path,
      typeof content === 'string' ? content : file.endsWith('.json') ? JSON.stringify(content) : stringify(content),
    );
    return path;
  };
  write('producer.yaml', producer());
  const claimFile = write(name, claim({ producer: 'producer.yaml', ...extra }));
  return { base, dir, canary, claimFile, write };
}
