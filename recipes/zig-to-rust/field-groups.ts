/**
 * Which struct fields of different files are "the same": structs that share a name (`Node` in three files) or
 * a shape (the same field names and Zig types, the struct's own name read as `Self`). Batches see the rows
 * already decided for related structs of other files, and the reconcile step asks again about groups of the
 * same field in related structs whose classes disagree.
 */
import type { StructFieldRow } from 'migrate-kit';

/** Only structs with at least this many fields are matched by shape (one `allocator` field says little). */
const MIN_SHAPE_FIELDS = 2;

export interface StructInfo {
  file: string;
  struct: string;
  /** The struct's own name: the last segment of its path (the file's stem for a file that is a struct). */
  name: string;
  /** Sorted `field: type` list with the struct's name as `Self`; undefined below MIN_SHAPE_FIELDS fields. */
  shape?: string;
}

export const structKey = (file: string, struct: string): string => `${file}\u0000${struct}`;

/** The Zig type with the struct's own name read as `Self` and spaces normalised: `?*Node` in `Node` → `?*Self`. */
export function selfType(zigType: string, name: string): string {
  if (!zigType.includes(name)) return zigType.replace(/\s+/g, '');
  return zigType.replace(new RegExp(`(?<![\\w.])${name.replace(/[^\w]/g, '')}(?!\\w)`, 'g'), 'Self').replace(/\s+/g, '');
}

/** Every struct of the index with its name and shape. */
export function structInfos(rows: readonly StructFieldRow[]): Map<string, StructInfo> {
  const fields = new Map<string, StructFieldRow[]>();
  for (const row of rows) {
    const key = structKey(row.file, row.struct);
    fields.set(key, [...(fields.get(key) ?? []), row]);
  }
  const infos = new Map<string, StructInfo>();
  for (const [key, list] of fields) {
    const first = list[0]!;
    const name = first.struct.split('.').pop()!;
    const info: StructInfo = { file: first.file, struct: first.struct, name };
    if (list.length >= MIN_SHAPE_FIELDS) info.shape = list.map((r) => `${r.field}:${selfType(r.zigType, name)}`).sort().join(',');
    infos.set(key, info);
  }
  return infos;
}

/**
 * The keys a struct is related by: its name (a type name: capitalised; an anonymous container's path ends in
 * its field's name, `Png.header`, which says nothing across files), and its shape when it has one.
 */
export function relationKeys(info: StructInfo): string[] {
  return [...(/^[A-Z]/.test(info.name) ? [`name:${info.name}`] : []), ...(info.shape !== undefined ? [`shape:${info.shape}`] : [])];
}

/** For each struct, the structs of *other* files it shares a name or a shape with. */
export function relatedStructs(infos: ReadonlyMap<string, StructInfo>): Map<string, string[]> {
  const byRelation = new Map<string, string[]>();
  for (const [key, info] of infos) for (const rel of relationKeys(info)) byRelation.set(rel, [...(byRelation.get(rel) ?? []), key]);
  const related = new Map<string, string[]>();
  for (const [key, info] of infos) {
    const others = new Set<string>();
    for (const rel of relationKeys(info)) for (const other of byRelation.get(rel) ?? []) if (infos.get(other)!.file !== info.file) others.add(other);
    if (others.size > 0) related.set(key, [...others].sort());
  }
  return related;
}

/**
 * Connected components of related structs (name or shape, across files): a row's group is its component,
 * its field name and its Zig type as `Self`-normalised. Returns the group key of every struct field row.
 */
export function groupKeyOf(infos: ReadonlyMap<string, StructInfo>): (file: string, struct: string, field: string, zigType: string) => string {
  const parent = new Map<string, string>();
  const find = (k: string): string => {
    let root = k;
    while (parent.get(root) !== undefined && parent.get(root) !== root) root = parent.get(root)!;
    parent.set(k, root);
    return root;
  };
  const union = (a: string, b: string): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  };
  for (const [key, others] of relatedStructs(infos)) for (const other of others) union(key, other);
  return (file, struct, field, zigType) => {
    const key = structKey(file, struct);
    const name = infos.get(key)?.name ?? struct.split('.').pop()!;
    return `${find(key)}\u0000${field}\u0000${selfType(zigType, name)}`;
  };
}
