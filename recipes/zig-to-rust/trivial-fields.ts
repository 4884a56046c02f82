/**
 * Struct fields whose Rust type needs no judgement: integers, floats, bools, enums of the project, and fixed
 * arrays of those. They are classified `OWNED` without a model; every other field goes to an agent.
 */
import { screamingSnakeCase, typeName } from 'migrate-kit';
import type { Declaration, WorkItem } from 'migrate-kit';

export interface TrivialClass {
  rust_type: string;
  evidence: string;
}

const WIDTHS = [8, 16, 32, 64, 128];

/** The project's enums, found by name from a file: declared in it, or imported into it by an alias. */
export class EnumResolver {
  private readonly byFile = new Map<string, WorkItem>();
  constructor(items: Iterable<WorkItem>) {
    for (const item of items) this.byFile.set(item.path, item);
  }

  /** Whether `type` (as written in `file`) names an enum of the project. */
  isEnum(file: string, type: string): boolean {
    const item = this.byFile.get(file);
    if (item === undefined) return false;
    const parts = type.split('.');
    if (parts.length === 1) {
      const name = parts[0]!;
      if (containerKind(item.declarations, name) === 'enum') return true;
      const alias = item.declarations.find((d) => d.kind === 'const' && d.name === name && d.importSpec !== undefined);
      const target = alias === undefined ? undefined : this.importTarget(item, alias.importSpec!);
      return target !== undefined && target.declarations.some((d) => d.kind === 'enum' && d.name === name);
    }
    // alias.Name or alias.Outer.Name where alias = @import("file.zig")
    const alias = item.declarations.find((d) => d.kind === 'const' && d.name === parts[0] && d.importSpec !== undefined);
    const target = alias === undefined ? undefined : this.importTarget(item, alias.importSpec!);
    if (target === undefined) return false;
    return pathKind(target.declarations, parts.slice(1)) === 'enum';
  }

  private importTarget(item: WorkItem, spec: string): WorkItem | undefined {
    const imp = item.imports.find((i) => i.spec === spec && i.kind === 'file');
    return imp?.path === undefined ? undefined : this.byFile.get(imp.path);
  }
}

function containerKind(decls: readonly Declaration[] | undefined, name: string): string | undefined {
  for (const decl of decls ?? []) {
    if (decl.name === name && decl.kind !== 'fn' && decl.kind !== 'test') return decl.kind;
    const inner = containerKind(decl.nested, name);
    if (inner !== undefined) return inner;
  }
  return undefined;
}

function pathKind(decls: readonly Declaration[], path: readonly string[]): string | undefined {
  const [head, ...rest] = path;
  const decl = decls.find((d) => d.name === head);
  if (decl === undefined) return undefined;
  return rest.length === 0 ? decl.kind : pathKind(decl.nested ?? [], rest);
}

/** The Rust type of a trivial Zig type, or undefined when the field needs an agent. */
export function trivialType(zigType: string, file: string, enums: EnumResolver): TrivialClass | undefined {
  const type = zigType.replace(/\s+/g, '');
  if (type === 'bool') return { rust_type: 'bool', evidence: 'Plain bool, copied by value (classified without a model).' };
  if (type === 'usize' || type === 'isize') return { rust_type: type, evidence: `Plain integer, copied by value (classified without a model).` };
  const int = /^([iu])(\d+)$/.exec(type);
  if (int !== null) {
    const bits = Number(int[2]);
    const width = WIDTHS.find((w) => w >= bits);
    if (bits === 0 || width === undefined) return undefined;
    const rust = `${int[1]}${width}`;
    return { rust_type: rust, evidence: width === bits ? 'Plain integer, copied by value (classified without a model).' : `Plain ${bits}-bit integer, widened to ${rust} (Rust has no ${type}); copied by value (classified without a model).` };
  }
  if (type === 'f32' || type === 'f64') return { rust_type: type, evidence: 'Plain float, copied by value (classified without a model).' };
  if (type === 'f16') return { rust_type: 'f32', evidence: 'Plain f16, widened to f32 (f16 is not stable in Rust); copied by value (classified without a model).' };
  const array = /^\[([^\]:]+)\](.+)$/.exec(type);
  if (array !== null) {
    const length = array[1]!;
    const element = trivialType(array[2]!, file, enums);
    if (element === undefined || length === '_') return undefined;
    const rustLength = /^[0-9]+$/.test(length) ? length : /^[A-Za-z_][A-Za-z0-9_]*$/.test(length) ? screamingSnakeCase(length) : undefined;
    if (rustLength === undefined) return undefined;
    return { rust_type: `[${element.rust_type}; ${rustLength}]`, evidence: `Fixed array of ${array[2]}, owned inline (classified without a model).` };
  }
  if (/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/.test(type) && enums.isEnum(file, type)) {
    const rust = typeName(type.split('.').pop()!);
    return { rust_type: rust, evidence: `${type} is an enum of the project, copied by value (classified without a model).` };
  }
  return undefined;
}
