/** Opening the store a command names (--store, else $USMCA_ROO_STORE), closing it whatever happens. */
import { isRealDate } from '../input/fields.js';
import { openStore, StoreError, type Store } from '../store/open.js';
import { EXIT, type CliIo } from './io.js';

/**
 * Runs `work` with the store open and returns its exit code; a store that cannot be opened (none named, a newer
 * version's, an unreachable server) is reported in one line with exit code 2. The store is closed after, unless it
 * is `io.sharedStore` (kept open by the server for all its commands).
 */
export async function withStore(
  flags: { store?: string },
  io: CliIo,
  work: (store: Store) => Promise<number>,
): Promise<number> {
  const location = flags.store ?? process.env.USMCA_ROO_STORE;
  if (!location) {
    io.stderr(
      'usmca-roo: name the decision store with --store DIR or --store postgres://... (or set USMCA_ROO_STORE)\n',
    );
    return EXIT.invalidInput;
  }
  // The server's store, opened once for all its commands: used here and left open.
  const shared = io.sharedStore?.location === location ? io.sharedStore : undefined;
  let store: Store;
  try {
    store = shared ? await shared.open() : await openStore(location, io.cwd);
  } catch (err) {
    if (err instanceof StoreError) {
      io.stderr(`usmca-roo: ${err.message}\n`);
      return EXIT.invalidInput;
    }
    throw err;
  }
  try {
    return await work(store);
  } catch (err) {
    if (err instanceof StoreError) {
      io.stderr(`usmca-roo: ${err.message}\n`);
      return EXIT.invalidInput;
    }
    throw err;
  } finally {
    if (!shared) await store.close();
  }
}

/** A YYYY-MM-DD option (a real calendar day), or undefined; a StoreError (exit 2) for another text. */
export function dateOption(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!isRealDate(value)) throw new StoreError(`${name} takes a date YYYY-MM-DD, not "${value}"`);
  return value;
}

/** Fixed-width text table: a header row, then rows, columns padded to their widest cell. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}
