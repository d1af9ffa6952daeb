/**
 * The audit commands' command lines: `replay` (a decision record recomputed and compared), `keygen` (a signing key
 * pair), `certificate` (the certification of origin issued from records) and `validate` (a certificate checked,
 * against its records). Each action loads the module doing the work only when its command runs, and reports its
 * exit code by `setCode`; each command's help lists its exit codes (4 altered or unsigned, 5 not replaying
 * identically, 6 a rule pack this engine cannot run).
 */
import type { CertificateFlags } from './certificate.js';
import type { CommandSetup } from './io.js';
import type { ReplayFlags } from './replay.js';
import type { ValidateFlags } from './validate.js';

/** An option's values, one per occurrence (`--record A --record B`). */
const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/**
 * Registers `replay <record>` on `program`. The action reports its exit code by `setCode`, and by `setJson` whether
 * input problems are to be printed as JSON (--json).
 */
export function registerReplay({ program, io, setCode, setJson }: CommandSetup): void {
  program
    .command('replay')
    .description('recompute a decision record and report whether the result is identical')
    .argument('<record>', 'decision record written by `evaluate --record`')
    .option(
      '--rules <which>',
      '"recorded" (default): the rule pack embedded in the record; "current": the bundled pack, to see what a rule change would do',
    )
    .option('--json', 'print the outcome as JSON')
    .option(
      '--trust-key <file|dir>',
      'require a valid signature by this public key (PEM), or by one of the keys in this folder',
    )
    .option(
      '--unreleased-rules',
      'accept a record whose rule pack claims a released version but differs from it (modified)',
    )
    .addHelpText(
      'after',
      `
Exit codes: 0 identical; 1 different (under --rules current, or a record made by an older engine); 2 invalid
record (or made by a newer engine); 3 internal error; 4 altered (its content does not match its hash, its rule pack
is not the one it names, or it does not replay identically under its own rules and this engine), unsigned or badly
signed under --trust-key, or made under a modified rule pack; 6 intact, but made under a rule pack this engine
cannot run (it lacks rules this engine requires): replay it with the engine version named (its release, git tag vX.Y.Z).

Examples:
  usmca-roo replay records/AURORA-2026-03.json
  usmca-roo replay records/AURORA-2026-03.json --trust-key keys/public.pem
  usmca-roo replay records/AURORA-2026-03.json --rules current`,
    )
    .action(async (record: string, flags: ReplayFlags) => {
      setJson(flags.json === true);
      const { replayCommand } = await import('./replay.js');
      setCode(await replayCommand(record, flags, io));
    });
}

/** Registers `keygen --out <dir>` on `program`; the action reports its exit code by `setCode`. */
export function registerKeygen({ program, io, setCode }: CommandSetup): void {
  program
    .command('keygen')
    .description('write a new Ed25519 key pair for signing records and certificates')
    .requiredOption('--out <dir>', 'folder for private.pem and public.pem (never overwritten)')
    .addHelpText(
      'after',
      `
Keep private.pem secret; give public.pem to brokers and auditors, who verify with --trust-key.

Example:
  usmca-roo keygen --out keys`,
    )
    .action(async (flags: { out: string }) => {
      const { keygenCommand } = await import('./keygen.js');
      setCode(await keygenCommand(flags, io));
    });
}

/** Registers `certificate <records...>` on `program`; the action reports its exit code by `setCode`. */
export function registerCertificate({ program, io, setCode }: CommandSetup): void {
  program
    .command('certificate')
    .description(
      'issue the certification of origin (the nine USMCA minimum data elements) for one or more recorded decisions, one good each',
    )
    .argument(
      '<records...>',
      'decision records written by `evaluate --record` (several: one certificate for several goods)',
    )
    .requiredOption('--certifier <file>', 'party document (format usmca-roo/party@1) of the certifier, with its role')
    .requiredOption('--signed-on <date>', 'date of the signature, YYYY-MM-DD, not before any decision date')
    .option(
      '--exporter <file|same|unknown>',
      'the exporter: a party document; "same" if the certifier is also the exporter; "unknown" (a producer certifying who does not know the exporter). Required unless the exporter certifies',
    )
    .option('--importer <file>', 'party document of the importer, if known (otherwise "Unknown")')
    .option('--blanket <start..end>', 'blanket period for multiple shipments of identical goods, at most 12 months')
    .option('--lang <lang>', 'en, es or fr', 'en')
    .option('--disclose-figures', 'show the RVC, LVC, steel and aluminum figures (confidential: not shown otherwise)')
    .option(
      '--annex',
      'add an annex: each requirement with its rule id and citation (exact figures with --disclose-figures)',
    )
    .option('--format <format>', 'json, md, html or pdf', 'md')
    .option('--out <file>', 'write to this file (required for pdf); written only if every check passes')
    .option('--sign-key <file>', 'sign the certificate with this Ed25519 private key (PEM, from `usmca-roo keygen`)')
    .option('--trust-key <file|dir>', 'require the records to be signed by this public key, or one in this folder')
    .option(
      '--unreleased-rules',
      'accept records made under a rule pack that is not a released version (the certificate says so)',
    )
    .option(
      '--store <db>',
      'read the records from this store (each <record> is then CLAIM, CLAIM@VERSION or #SEQ) and keep the certificate there',
    )
    .addHelpText(
      'after',
      `
Issues only from records that replay identically under their own rule pack, and only a certificate that
validate would accept; nothing is written otherwise. The PDF embeds the JSON certificate (validate reads it).
Exit codes: 0 written; 1 refused (not originating, or the record does not replay under this engine); 2 invalid
input (every problem listed, element by element); 3 internal error; 4 record altered, unsigned under
--trust-key, or made under a rule pack that is not released (without --unreleased-rules); 6 a record made
under a rule pack this engine cannot run.

Examples:
  usmca-roo certificate record.json --certifier certifier.yaml --exporter same --signed-on 2026-03-20 --format md
  usmca-roo certificate record.json --certifier certifier.yaml --exporter same --importer importer.yaml \\
      --blanket 2026-04-01..2027-03-31 --signed-on 2026-03-20 --sign-key keys/private.pem \\
      --format pdf --out certificate.pdf`,
    )
    .action(async (records: string[], flags: CertificateFlags) => {
      const { certificateCommand } = await import('./certificate.js');
      setCode(await certificateCommand(records, flags, io));
    });
}

/** Registers `validate <certificate>` on `program`; the action reports its exit code by `setCode`. */
export function registerValidate({ program, io, setCode }: CommandSetup): void {
  program
    .command('validate')
    .description(
      'check a certification of origin (its JSON, or the PDF that embeds it): every data element; with --record, every element and figure against the decision records, which must replay identically',
    )
    .argument('<certificate>', 'certificate written by `certificate --format json` or `--format pdf`')
    .option('--record <file>', 'a decision record the certificate names (repeat for each)', collect)
    .option(
      '--trust-key <file|dir>',
      'require valid signatures (certificate and records) by this public key, or one in this folder',
    )
    .option('--json', 'print the result as JSON')
    .option(
      '--unreleased-rules',
      'accept records whose rule pack claims a released version but differs from it (modified)',
    )
    .addHelpText(
      'after',
      `
Reads JSON or PDF only: a Markdown or HTML rendering holds no machine-readable certificate. Without --record,
nothing is cross-checked (the output says so).
Exit codes: 0 valid; 1 the certificate has problems (all listed); 2 unreadable input; 3 internal error;
4 altered (the certificate or a record was edited), unsigned or badly signed under --trust-key, or a rule pack
is modified; 5 a record does not replay identically under this engine; 6 a record was made under a rule pack
this engine cannot run (nothing cross-checked).

Examples:
  usmca-roo validate certificate.pdf --record record.json --trust-key keys/public.pem
  usmca-roo validate certificate.json`,
    )
    .action(async (certificate: string, flags: ValidateFlags) => {
      const { validateCommand } = await import('./validate.js');
      setCode(await validateCommand(certificate, flags, io));
    });
}
