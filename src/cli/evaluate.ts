/** `usmca-roo evaluate <claim>`: evaluate one claim, print the worksheet or the decision JSON. */
import { resolve } from 'node:path';
import { prettyJson } from '../canonical/json.js';
import { makeRecord } from '../audit/record.js';
import { readPrivateKey, signContent } from '../audit/signature.js';
import { evaluate } from '../evaluate.js';
import { loadClaimFile } from '../input/load-claim.js';
import { loadRulePack } from '../rules/load.js';
import { ruleFacts } from '../rules/facts.js';
import { renderWorksheet } from '../render/worksheet.js';
import { claimSource, EXIT, type CliIo } from './io.js';
import { readPatchAndSets } from '../advise/read-patch.js';
import { patchClaim, type PatchedClaim } from '../advise/patched.js';
import type { LoadedClaim } from '../input/load-claim.js';

/** The claim changed by --patch and --set (in that order): every problem of both is reported at once. */
export function readAndApply(
  loaded: LoadedClaim,
  flags: Pick<EvaluateFlags, 'patch' | 'set'>,
  cwd: string,
): PatchedClaim {
  const { operations, sources } = readPatchAndSets(
    flags.patch ? resolve(cwd, flags.patch) : undefined,
    flags.set ?? [],
  );
  return patchClaim(loaded, operations, sources);
}
import { readPolicy, type LimitFlags } from './limits.js';
import { checkOutput, packInputs, refuseInputs, refuseSame, writeOutput, type OutputTarget } from './output.js';

export interface EvaluateFlags extends LimitFlags {
  json?: boolean;
  out?: string;
  rules?: string;
  record?: string;
  /** An Ed25519 private key (PEM) signing the record. */
  signKey?: string;
  /** A JSON Patch (RFC 6902) of the claim as read, evaluated instead of the claim as written. */
  patch?: string;
  /** `PATH=VALUE` changes of single fields, applied after --patch. */
  set?: string[];
}

export async function evaluateCommand(claimPath: string, flags: EvaluateFlags, io: CliIo): Promise<number> {
  if (flags.signKey && !flags.record) {
    io.stderr('usmca-roo: --sign-key signs the decision record: give --record FILE as well\n');
    return EXIT.invalidInput;
  }
  const policy = readPolicy(flags, io.cwd);
  // `-`: the claim is read from standard input; the files it names resolve from the working folder.
  const { file: claimFile, given } = claimSource(claimPath, io);
  // Outputs are checked before any work: their folders take a file, and none is an input.
  const outputs: OutputTarget[] = [];
  if (flags.out) outputs.push(checkOutput('--out', flags.out, io.cwd));
  if (flags.record) outputs.push(checkOutput('--record', flags.record, io.cwd));
  const named = [{ path: claimFile, role: 'the claim' }];
  if (flags.signKey) named.push({ path: resolve(io.cwd, flags.signKey), role: 'the signing key' });
  if (flags.patch) named.push({ path: resolve(io.cwd, flags.patch), role: 'the patch' });
  for (const o of outputs) refuseInputs(o, named);
  if (outputs.length === 2) refuseSame(outputs[0] as OutputTarget, outputs[1] as OutputTarget);
  const key = flags.signKey ? readPrivateKey(resolve(io.cwd, flags.signKey)) : undefined;
  const pack = loadRulePack(flags.rules ? resolve(io.cwd, flags.rules) : undefined);
  const read = loadClaimFile(claimFile, { ...policy, rules: ruleFacts(pack) }, given);
  for (const o of outputs) refuseInputs(o, [...read.files, ...packInputs(pack.directory)]);
  const patched = flags.patch || flags.set?.length ? readAndApply(read, flags, io.cwd) : undefined;
  const loaded = patched?.loaded ?? read;
  const decision = evaluate(loaded, { pack, patch: patched?.patch });
  const json = prettyJson(decision);
  let recordJson: string | undefined;
  if (flags.record) {
    const record = makeRecord(loaded, pack, decision, { command: `evaluate ${claimPath}` });
    if (key) record.signature = { jws: await signContent(record.hashed, key, 'record') };
    recordJson = prettyJson(record);
  }
  const [out, record] = [flags.out && outputs[0], flags.record && outputs[outputs.length - 1]];
  if (out) writeOutput(out, json);
  if (record && recordJson !== undefined) writeOutput(record, recordJson);
  if (flags.json) io.stdout(json);
  else io.stdout(renderWorksheet(decision));
  return decision.verdict === 'originating' ? EXIT.originating : EXIT.notOriginating;
}
