/**
 * A table's rows as a document of the claim format (a TableDocument): its data, and where each path is in the
 * table (the row, and the column of the field, else of the id).
 */
import type { Path, Position } from '../../documents/source.js';
import type { Column } from './columns.js';
import { resolveTarget, type TableDocument } from './document.js';
import { columnField } from './nested-fields.js';
import type { TableKind } from './fields.js';
import type { RawTable } from './table.js';

/**
 * The document of `data` (the top-level items) read from `table`: `all` every row's item, `rows` their row
 * numbers, `columnsByField` the mapped columns, `id` the id column.
 */
export function tableDocument(
  table: RawTable,
  kind: TableKind,
  mappingFile: string,
  data: unknown[],
  all: object[],
  rows: number[],
  columnsByField: Map<string, Column>,
  id: Column | undefined,
): TableDocument {
  const { file, sheet } = table;
  let itemIndex: Map<object, number> | undefined;
  const itemOf = (obj: object) => {
    if (!itemIndex) {
      itemIndex = new Map();
      all.forEach((o, i) => itemIndex?.set(o, i));
    }
    return itemIndex.get(obj);
  };
  const has = (field: string) => columnsByField.has(field);
  const target = (path: Path) => resolveTarget(data, path, itemOf, (item, segs) => columnField(item, segs, has));
  return {
    file,
    format: 'json',
    data,
    locate(path: Path): Position | undefined {
      const t = target(path);
      if (!t) return undefined;
      const column = (t.field === undefined ? undefined : columnsByField.get(t.field)) ?? id;
      return { line: rows[t.item] ?? 0, column: (column?.index ?? 0) + 1 };
    },
    table: {
      format: table.format,
      kind,
      sheet,
      mappingFile,
      columnHeader(path: Path): string | undefined {
        const t = target(path);
        return t?.field === undefined ? undefined : columnsByField.get(t.field)?.header;
      },
    },
  };
}
