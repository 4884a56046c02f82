/**
 * Differential checking, the harnesses: a Zig program that `@import`s the original files (from a copy of the
 * input tree, so each file's own relative imports resolve) and a Rust unit-test module for a copy of the crate.
 * Both embed the same inputs and print one record per call, `<fn>\t<input>\t<canonical value>` (see
 * differential-compare.ts for the format). Targets Zig 0.11 (`@bitCast` with an inferred result type,
 * `@typeInfo` tags `.Int`, `.ErrorUnion`, …; 0.12+ renamed these to `.int`, `.error_union`).
 *
 * The Zig harness overrides the root `panic` handler: a safety check or `@panic` prints `trap:<message>` for the
 * current input and exits, and the driver restarts it from the next input (`<program> <check> <input>`). The Rust
 * harness runs each call under `catch_unwind`, printing `trap:<message>`; it reads its start from
 * `differential.start` and appends to `differential.out` in the crate copy, so it can be restarted the same way.
 * Both number the checks in one sequence over the files, the same on both sides.
 *
 * A struct's check (`fn.seq`) is a sequence per input: a tagged union (Zig) and an enum (Rust) with one variant
 * per method, the constructor's result and then each call's result printed as `seq:<r0>;<r1>;…`. A round trip
 * (`fn.then`) passes the first function's result to the second. Byte strings longer than 1 KiB (the project's
 * data files) are not written into the source: both harnesses embed the same file (`@embedFile`, `include_bytes!`)
 * from a data directory the runner fills with `blobs()`.
 */
import { createHash } from 'node:crypto';
import type { InputValue } from './differential-inputs.js';
import type { CheckableFn, RustType } from './differential-types.js';

export interface HarnessFn {
  fn: CheckableFn;
  inputs: InputValue[][];
}

const printable = (b: number): boolean => b >= 0x20 && b < 0x7f && b !== 0x22 && b !== 0x5c;

/** Byte strings longer than this are embedded from a file rather than written as a literal. */
const BLOB_BYTES = 1024;
export const ZIG_DATA_DIR = '__differential_data';
export const RUST_DATA_DIR = 'differential-data';
const blobName = (v: Uint8Array): string => `${createHash('sha256').update(v).digest('hex').slice(0, 20)}.bin`;

/** The data files the harnesses of these functions embed: name → bytes. */
export function blobs(fns: readonly HarnessFn[]): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  const walk = (v: InputValue): void => {
    if (v.k === 'bytes' && v.v.length > BLOB_BYTES) out.set(blobName(v.v), v.v);
    else if (v.k === 'list') v.v.forEach(walk);
    else if (v.k === 'call') v.args.forEach(walk);
  };
  for (const f of fns) for (const input of f.inputs) input.forEach(walk);
  return out;
}

function zigBytes(v: Uint8Array): string {
  return `"${[...v].map((b) => (printable(b) ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`)).join('')}"`;
}

/** A Zig literal of an input; `type` is the Zig type expression of the field (for slices' element type). */
function zigValue(v: InputValue, type: string): string {
  switch (v.k) {
    case 'list':
      return `&[_]@typeInfo(${type}).Pointer.child{ ${v.v.map((e) => zigValue(e, type)).join(', ')} }`;
    case 'int':
      return v.v.toString();
    case 'float':
      return `@as(f${v.width}, @bitCast(@as(u${v.width}, 0x${v.bits.toString(16)})))`;
    case 'bool':
      return String(v.v);
    case 'bytes':
      return v.v.length > BLOB_BYTES ? `@embedFile("${ZIG_DATA_DIR}/${blobName(v.v)}")` : zigBytes(v.v);
    case 'enum':
      return `.@"${v.v}"`;
    case 'call':
      throw new Error('differential: a call is not a value');
  }
}

const zigCallee = (fn: CheckableFn): string => fn.zigCallee ?? `target.${fn.zigName}`;

/**
 * The Zig type of a harness input field: the function's own parameter type (exact, whatever the width or
 * alias, and a project enum need not be reachable by name from the harness); `offset` skips a receiver.
 * A generic function's parameter types are known only once instantiated: they are written out.
 */
function zigTypeName(fn: CheckableFn, param: number, callee = zigCallee(fn), offset = 0): string {
  if (fn.params[param]?.zig.k === 'reader') return '[]const u8';
  if (fn.zigTypes !== undefined) return fn.zigTypes[param]!;
  const zigIndex = fn.zigParams.flatMap((p, i) => ('type' in p && p.type !== 'allocator' ? [i] : []))[param]!;
  return `@typeInfo(@TypeOf(${callee})).Fn.params[${zigIndex + offset}].type.?`;
}

/**
 * A call's arguments: an arena for allocators, the type for a generic's `comptime` parameter, a reader over the
 * input's bytes (`reader_<n>`, see zigReaders), else `<prefix><n>`.
 */
function zigArgs(fn: CheckableFn, prefix: string): string {
  let a = 0;
  return fn.zigParams
    .map((p) => {
      if ('comptime' in p) return p.comptime;
      if (p.type === 'allocator') return 'arena.allocator()';
      const n = a++;
      return p.type.k === 'reader' ? `reader_${n}.reader()` : `${prefix}${n}`;
    })
    .join(', ');
}

/** The streams a call's reader parameters read from (`var reader_0 = std.io.fixedBufferStream(in.a0);`). */
const zigReaders = (fn: CheckableFn): string[] => fn.params.flatMap((p, i) => (p.zig.k === 'reader' ? [`    var reader_${i} = std.io.fixedBufferStream(in.a${i});`] : []));

/** The struct literal of one call's arguments (`.{ .a0 = 1, .a1 = "x" }`). */
function zigFields(fn: CheckableFn, args: readonly InputValue[], callee = zigCallee(fn), offset = 0): string {
  return `.{ ${args.map((v, i) => `.a${i} = ${zigValue(v, zigTypeName(fn, i, callee, offset))}`).join(', ')} }`;
}

/** The Zig code of one check `f`: its inputs and `call_<f>(i, w)`, which prints input i's record to w. */
function zigCheck(fn: CheckableFn, inputs: readonly InputValue[][], f: number): string[] {
  const out: string[] = [];
  const arena = ['    var arena = std.heap.ArenaAllocator.init(std.heap.page_allocator);', '    defer arena.deinit();'];
  if (fn.seq !== undefined) {
    const { seq } = fn;
    const ctorCallee = `S_${f}.${seq.ctor.zigName}`;
    const method = (m: CheckableFn): string => `S_${f}.${m.zigName}`;
    out.push(`const S_${f} = ${seq.zigType};`, `const Call_${f} = union(enum) {`);
    seq.methods.forEach((m, k) => out.push(`    m${k}: struct { ${m.params.map((_, i) => `a${i}: ${zigTypeName(m, i, method(m), 1)}`).join(', ')} },`));
    out.push('};');
    out.push(`const inputs_${f} = [_]struct { c: struct { ${seq.ctor.params.map((_, i) => `a${i}: ${zigTypeName(seq.ctor, i, ctorCallee)}`).join(', ')} }, calls: []const Call_${f} }{`);
    for (const input of inputs) {
      const [ctor, ...calls] = input as Array<Extract<InputValue, { k: 'call' }>>;
      const list = calls.map((c) => `.{ .m${c.m} = ${zigFields(seq.methods[c.m]!, c.args, method(seq.methods[c.m]!), 1)} }`);
      out.push(`    .{ .c = ${zigFields(seq.ctor, ctor!.args, ctorCallee)}, .calls = &[_]Call_${f}{ ${list.join(', ')} } },`);
    }
    out.push('};', '');
    const build = `${ctorCallee}(${zigArgs(seq.ctor, 'in.c.a')})`;
    out.push(`fn call_${f}(i: usize, w: anytype) !void {`, `    const in = inputs_${f}[i];`, ...arena, '    try w.writeAll("seq:");');
    out.push(seq.fails ? `    var s = ${build} catch |e| return w.print("error.{s}", .{@errorName(e)});` : `    var s = ${build};`);
    out.push('    try w.writeAll("void");', '    for (in.calls) |call| {', '        try w.writeAll(";");', '        switch (call) {');
    seq.methods.forEach((m, k) => {
      out.push(`            .m${k} => |a| {`, m.params.length === 0 ? '                _ = a;' : '', `                const r = s.${m.zigName}(${zigArgs(m, 'a.a')});`, '                try emit(@TypeOf(r), r, w);', '            },');
    });
    out.push('        }', '    }', '}', '');
    return out.filter((l) => l !== '');
  }
  const fields = fn.params.map((_, i) => `a${i}: ${zigTypeName(fn, i)}`).join(', ');
  out.push(`const inputs_${f} = [_]struct { ${fields} }{`);
  for (const input of inputs) out.push(`    ${zigFields(fn, input)},`);
  out.push('};', '');
  const usesArena = fn.zigParams.some((p) => 'type' in p && p.type === 'allocator') || fn.then?.zigParams.some((p) => 'type' in p && p.type === 'allocator') === true;
  out.push(`fn call_${f}(i: usize, w: anytype) !void {`);
  out.push(fn.params.length > 0 ? `    const in = inputs_${f}[i];` : `    _ = inputs_${f}[i];`);
  if (usesArena) out.push(...arena);
  out.push(...zigReaders(fn), `    const r = ${zigCallee(fn)}(${zigArgs(fn, 'in.a')});`);
  if (fn.then !== undefined) {
    // A round trip: the first result (unwrapped: an error or null ends it) goes to the second function.
    const k = fn.result.zig.k;
    out.push(k === 'err' ? '    const v0 = r catch |e| return w.print("error.{s}", .{@errorName(e)});' : k === 'opt' ? '    const v0 = r orelse return w.writeAll("null");' : '    const v0 = r;');
    out.push(`    const back = ${zigCallee(fn.then)}(${zigArgs(fn.then, 'v')});`, '    try emit(@TypeOf(back), back, w);', '}', '');
    return out;
  }
  out.push('    try emit(@TypeOf(r), r, w);', '}', '');
  return out;
}

/** One file's checks for the Zig harness: `importPath` is the file relative to the harness. */
export interface ZigHarnessFile {
  importPath: string;
  fns: readonly HarnessFn[];
}

/**
 * The Zig harness for the checks of several files, one build for all: each file's checks live in a namespace of
 * their own (`const file_0 = struct { const target = @import("eval.zig"); … }`), numbered in one sequence over
 * the files (records are `<check>\t<input>\t<value>`). Also which lines belong to each check (1-based ranges),
 * so a compile error there drops that check alone; checks in `skip` are left out (no record).
 */
export function zigHarnessLines(files: readonly ZigHarnessFile[], skip: ReadonlySet<number> = new Set()): { text: string; owners: Array<{ key: number; from: number; to: number }> } {
  const owners: Array<{ key: number; from: number; to: number }> = [];
  const out: string[] = [
    '// Generated by migrate-kit (differential checking): calls the original Zig functions on fixed inputs.',
    'const std = @import("std");',
    '',
    'var current_fn: usize = 0;',
    'var current_input: usize = 0;',
    '',
    'pub fn panic(msg: []const u8, trace: ?*std.builtin.StackTrace, ret_addr: ?usize) noreturn {',
    '    _ = trace;',
    '    _ = ret_addr;',
    '    var buf: [400]u8 = undefined;',
    '    var n: usize = 0;',
    '    for (msg) |c| {',
    '        if (n >= buf.len) break;',
    "        buf[n] = if (c < 0x20 or c == 0x7f) ' ' else c;",
    '        n += 1;',
    '    }',
    '    std.io.getStdOut().writer().print("{d}\\t{d}\\ttrap:{s}\\n", .{ current_fn, current_input, buf[0..n] }) catch {};',
    '    std.process.exit(3);',
    '}',
    '',
    'fn emit(comptime T: type, value: T, w: anytype) !void {',
    '    switch (@typeInfo(T)) {',
    '        .Int, .ComptimeInt => try w.print("{d}", .{value}),',
    '        .Float => |f| {',
    '            if (f.bits == 32) try w.print("f32:{x}", .{@as(u32, @bitCast(value))}) else try w.print("f64:{x}", .{@as(u64, @bitCast(value))});',
    '        },',
    '        .Bool => try w.writeAll(if (value) "true" else "false"),',
    '        .Enum => try w.print("enum.{s}", .{@tagName(value)}),',
    '        .Struct => |s| {',
    '            try w.writeAll("{");',
    '            inline for (s.fields, 0..) |f, k| {',
    '                if (k > 0) try w.writeAll(",");',
    '                try w.print("{s}=", .{f.name});',
    '                try emit(f.type, @field(value, f.name), w);',
    '            }',
    '            try w.writeAll("}");',
    '        },',
    '        .Void => try w.writeAll("void"),',
    '        .Optional => {',
    '            if (value) |v| try emit(@TypeOf(v), v, w) else try w.writeAll("null");',
    '        },',
    '        .ErrorUnion => {',
    '            if (value) |v| try emit(@TypeOf(v), v, w) else |e| try w.print("error.{s}", .{@errorName(e)});',
    '        },',
    '        .Pointer => |p| {',
    '            if (p.child == u8) {',
    '                try w.writeAll("x:");',
    '                for (value) |b| try w.print("{x:0>2}", .{b});',
    '            } else {',
    '                try w.writeAll("[");',
    '                for (value, 0..) |x, i| {',
    '                    if (i > 0) try w.writeAll(",");',
    '                    try emit(p.child, x, w);',
    '                }',
    '                try w.writeAll("]");',
    '            }',
    '        },',
    '        else => @compileError("differential: cannot print " ++ @typeName(T)),',
    '    }',
    '}',
    '',
  ];
  // Check k of the whole harness is in the namespace of its file.
  const checks: Array<{ ns: string; k: number }> = [];
  files.forEach((file, fi) => {
    out.push(`const file_${fi} = struct {`, `    const target = @import(${JSON.stringify(file.importPath)});`, '');
    file.fns.forEach(({ fn, inputs }) => {
      const k = checks.length;
      checks.push({ ns: `file_${fi}`, k });
      if (skip.has(k)) return;
      const from = out.length + 1;
      out.push(...zigCheck(fn, inputs, k).map((l) => (l === '' ? l : `    ${l}`)));
      owners.push({ key: k, from, to: out.length });
    });
    out.push('};', '');
  });
  out.push(
    'pub fn main() !void {',
    '    var args = try std.process.argsWithAllocator(std.heap.page_allocator);',
    '    _ = args.skip();',
    '    const start_fn = try std.fmt.parseInt(usize, args.next() orelse "0", 10);',
    '    const start_input = try std.fmt.parseInt(usize, args.next() orelse "0", 10);',
    '    const out = std.io.getStdOut().writer();',
    '    var line = std.ArrayList(u8).init(std.heap.page_allocator);',
  );
  for (const { ns, k: f } of checks) {
    if (skip.has(f)) continue;
    const from = out.length + 1;
    out.push(
      `    if (start_fn <= ${f}) {`,
      `        var i: usize = if (start_fn == ${f}) start_input else 0;`,
      `        while (i < ${ns}.inputs_${f}.len) : (i += 1) {`,
      `            current_fn = ${f};`,
      '            current_input = i;',
      '            line.clearRetainingCapacity();',
      `            try ${ns}.call_${f}(i, line.writer());`,
      `            try out.print("{d}\\t{d}\\t{s}\\n", .{ ${f}, i, line.items });`,
      '        }',
      '    }',
    );
    owners.push({ key: f, from, to: out.length });
  }
  out.push('}', '');
  return { text: out.join('\n'), owners };
}

function rustStr(v: Uint8Array): string {
  const text = Buffer.from(v).toString('utf8');
  return `"${[...text].map((ch) => {
    const c = ch.codePointAt(0)!;
    return c >= 0x20 && c < 0x7f && ch !== '"' && ch !== '\\' ? ch : `\\u{${c.toString(16)}}`;
  }).join('')}"`;
}

function rustBytes(v: Uint8Array): string {
  return `&b"${[...v].map((b) => (printable(b) ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`)).join('')}"[..]`;
}

function rustValue(v: InputValue, t: RustType, zig: CheckableFn['params'][number]['zig']): string {
  switch (v.k) {
    case 'list':
      if (t.k !== 'slice' || zig.k !== 'slice') throw new Error('differential: a list input for a parameter that is not a slice');
      // Leaked: elements such as `f64::from_bits(…)` are not constants, and the harness wants `&'static` inputs.
      return `&*vec![${v.v.map((e) => rustValue(e, t.elem, zig.elem)).join(', ')}].leak()`;
    case 'enum':
      return zig.k === 'enum' ? `${zig.rustPath}::${zig.rustVariants?.[v.index] ?? v.v}` : v.v;
    case 'int':
      if (t.k === 'char') return `'\\u{${v.v.toString(16)}}'`;
      return t.k === 'int' ? `${v.v}${t.name}` : v.v.toString();
    case 'float':
      return `f${v.width}::from_bits(0x${v.bits.toString(16)}u${v.width})`;
    case 'bool':
      return String(v.v);
    case 'bytes': {
      const str = t.k === 'bytes' && t.form === 'str';
      if (v.v.length > BLOB_BYTES) {
        const bytes = `include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/${RUST_DATA_DIR}/${blobName(v.v)}"))`;
        return str ? `std::str::from_utf8(${bytes}).unwrap()` : `&${bytes}[..]`;
      }
      return str ? rustStr(v.v) : rustBytes(v.v);
    }
    case 'call':
      throw new Error('differential: a call is not a value');
  }
}

function rustTypeName(t: RustType, zig: CheckableFn['params'][number]['zig']): string {
  switch (t.k) {
    case 'slice':
      if (zig.k !== 'slice') throw new Error('differential: a Rust slice parameter without its Zig slice');
      return `&'static [${rustTypeName(t.elem, zig.elem)}]`;
    case 'enum':
      if (zig.k !== 'enum') throw new Error('differential: a Rust enum parameter without its Zig enum');
      return zig.rustPath;
    case 'int':
      return t.name;
    case 'char':
      return 'char';
    case 'reader':
      return "&'static [u8]";
    case 'float':
      return `f${t.bits}`;
    case 'bool':
      return 'bool';
    case 'bytes':
      return t.form === 'str' ? "&'static str" : "&'static [u8]";
    default:
      throw new Error(`differential: a ${t.k} parameter has no Rust input type`);
  }
}

const RUST_KEYWORDS = new Set(['as', 'break', 'const', 'continue', 'crate', 'else', 'enum', 'extern', 'false', 'fn', 'for', 'if', 'impl', 'in', 'let', 'loop', 'match', 'mod', 'move', 'mut', 'pub', 'ref', 'return', 'static', 'struct', 'trait', 'true', 'type', 'unsafe', 'use', 'where', 'while', 'async', 'await', 'dyn', 'abstract', 'become', 'box', 'do', 'final', 'macro', 'override', 'priv', 'typeof', 'unsized', 'virtual', 'yield', 'try', 'gen']);
const rustName = (name: string): string => (RUST_KEYWORDS.has(name) ? `r#${name}` : name);

const tupleOf = (items: readonly string[]): string => `(${items.join(', ')}${items.length === 1 ? ',' : ''})`;

/** A Rust call of a function of the file's module: `crate::m::f(a0, &a1)`. */
function rustCall(module: string, fn: CheckableFn, args: readonly string[]): string {
  const arg = (a: string, i: number): string => (i === 0 && fn.refFirst === true ? `&${a}` : fn.params[i]?.rust.k === 'reader' ? `&mut std::io::Cursor::new(${a})` : a);
  return `${module}::${fn.rustCallee ?? rustName(fn.rustName)}(${args.map(arg).join(', ')})`;
}

/**
 * The Rust code of one check: `defs` (its inputs, and for a sequence the enum of its calls) and the loop over
 * its inputs that leaves each record in `r` for input `i`.
 */
function rustCheck(module: string, fn: CheckableFn, inputs: readonly InputValue[][], id: string): { defs: string[]; loop: string[] } {
  const defs: string[] = [];
  const catching = (body: string[]): string[] => ['            let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| -> String {', ...body.map((l) => `                ${l}`), '            }));'];
  const values = (f: CheckableFn, args: readonly InputValue[]): string[] => args.map((v, i) => rustValue(v, f.params[i]!.rust, f.params[i]!.zig));
  const types = (f: CheckableFn): string[] => f.params.map((p) => rustTypeName(p.rust, p.zig));
  if (fn.seq !== undefined) {
    const { seq } = fn;
    const calls = `Call_${id}`;
    defs.push(`enum ${calls} {`, ...seq.methods.map((m, k) => `    M${k}${m.params.length > 0 ? tupleOf(types(m)) : ''},`), '}', '');
    defs.push(`fn inputs_${id}() -> Vec<(${tupleOf(types(seq.ctor))}, Vec<${calls}>)> {`, '    vec![');
    for (const input of inputs) {
      const [ctor, ...list] = input as Array<Extract<InputValue, { k: 'call' }>>;
      const made = list.map((c) => `${calls}::M${c.m}${c.args.length > 0 ? `(${values(seq.methods[c.m]!, c.args).join(', ')})` : ''}`);
      defs.push(`        (${tupleOf(values(seq.ctor, ctor!.args))}, vec![${made.join(', ')}]),`);
    }
    defs.push('    ]', '}', '');
    const ctorArgs = seq.ctor.params.map((_, i) => `c.${i}`);
    const build = `${module}::${seq.rustType}::${rustName(seq.ctor.rustName)}(${ctorArgs.join(', ')})`;
    const names = (m: CheckableFn): string[] => m.params.map((_, i) => `a${i}`);
    return {
      defs,
      loop: [
        `        for (i, (c, calls)) in inputs_${id}().into_iter().enumerate().skip(from) {`,
        ...catching([
          'let _ = &c;',
          seq.ctor.result.rust.k === 'result' ? `let mut s = match ${build} { Ok(s) => s, Err(e) => return format!("seq:error.{:?}", e) };` : `let mut s = ${build};`,
          'let mut parts = vec!["void".to_string()];',
          'for call in calls {',
          '    parts.push(match call {',
          ...seq.methods.map((m, k) => `        ${calls}::M${k}${m.params.length > 0 ? tupleOf(names(m)) : ''} => s.${rustName(m.rustName)}(${names(m).join(', ')}).canon(),`),
          '    });',
          '}',
          'format!("seq:{}", parts.join(";"))',
        ]),
      ],
    };
  }
  defs.push(`fn inputs_${id}() -> Vec<${tupleOf(types(fn))}> {`, '    vec![');
  for (const input of inputs) defs.push(`        ${tupleOf(values(fn, input))},`);
  defs.push('    ]', '}', '');
  const names = fn.params.map((_, i) => `a${i}`);
  const call = rustCall(module, fn, names);
  let body = [`${call}.canon()`];
  if (fn.then !== undefined) {
    // A round trip: an error or None of the first call ends it; its value goes on as a slice or str.
    const k = fn.result.rust.k;
    body = [
      `let v = ${call};`,
      ...(k === 'result' ? ['let v = match v { Ok(v) => v, Err(e) => return format!("error.{:?}", e) };'] : k === 'opt' ? ['let v = match v { Some(v) => v, None => return "null".to_string() };'] : []),
      `${rustCall(module, fn.then, ['&v[..]'])}.canon()`,
    ];
  }
  return {
    defs,
    // By value, so inputs need not be Copy or Clone (a project enum may be neither).
    loop: [`        for (i, ${tupleOf(names)}) in inputs_${id}().into_iter().enumerate().skip(from) {`, ...catching(body)],
  };
}

export interface RustHarnessFile {
  /** `crate::eval` */
  module: string;
  fns: readonly HarnessFn[];
}

/**
 * The Rust harness: one `#[cfg(test)]` module for the crate copy's root, calling the checks of every file,
 * numbered as in the Zig harness. Also which lines call or define each check's inputs (1-based ranges), so a
 * compile error there can be pinned on that check; checks in `skip` are left out (no record).
 */
export function rustHarnessLines(files: readonly RustHarnessFile[], skip: ReadonlySet<number> = new Set()): { text: string; owners: Array<{ key: number; from: number; to: number }> } {
  const owners: Array<{ key: number; from: number; to: number }> = [];
  const out: string[] = [
    '// Generated by migrate-kit (differential checking): calls the ported functions on the inputs the Zig harness uses.',
    '#![allow(unused, clippy::all)]',
    'use std::io::Write;',
    '',
    'trait Canon { fn canon(&self) -> String; }',
    'macro_rules! canon_int { ($($t:ty),*) => { $(impl Canon for $t { fn canon(&self) -> String { self.to_string() } })* } }',
    'canon_int!(u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128, isize);',
    'fn hex(b: &[u8]) -> String { let mut s = String::from("x:"); for x in b { s.push_str(&format!("{:02x}", x)); } s }',
    'impl Canon for f64 { fn canon(&self) -> String { format!("f64:{:x}", self.to_bits()) } }',
    'impl Canon for f32 { fn canon(&self) -> String { format!("f32:{:x}", self.to_bits()) } }',
    'impl Canon for bool { fn canon(&self) -> String { self.to_string() } }',
    'impl Canon for char { fn canon(&self) -> String { (*self as u32).to_string() } }',
    'impl Canon for () { fn canon(&self) -> String { "void".to_string() } }',
    'impl Canon for str { fn canon(&self) -> String { hex(self.as_bytes()) } }',
    'impl Canon for String { fn canon(&self) -> String { hex(self.as_bytes()) } }',
    'impl Canon for [u8] { fn canon(&self) -> String { hex(self) } }',
    'impl Canon for Vec<u8> { fn canon(&self) -> String { hex(self) } }',
    'fn list<T: Canon>(items: &[T]) -> String { format!("[{}]", items.iter().map(|x| x.canon()).collect::<Vec<_>>().join(",")) }',
    'macro_rules! canon_list { ($($t:ty),*) => { $(impl Canon for [$t] { fn canon(&self) -> String { list(self) } } impl Canon for Vec<$t> { fn canon(&self) -> String { list(self) } })* } }',
    'canon_list!(u16, u32, u64, usize, i8, i16, i32, i64, isize, f32, f64, bool);',
    'impl<T: Canon + ?Sized> Canon for &T { fn canon(&self) -> String { (**self).canon() } }',
    'impl<T: Canon> Canon for Option<T> { fn canon(&self) -> String { match self { Some(v) => v.canon(), None => "null".to_string() } } }',
    'impl<T: Canon, E: std::fmt::Debug> Canon for Result<T, E> { fn canon(&self) -> String { match self { Ok(v) => v.canon(), Err(e) => format!("error.{:?}", e) } } }',
    '',
    'fn panic_text(e: Box<dyn std::any::Any + Send>) -> String {',
    '    if let Some(s) = e.downcast_ref::<&str>() { return s.to_string(); }',
    '    if let Some(s) = e.downcast_ref::<String>() { return s.clone(); }',
    '    "panic".to_string()',
    '}',
    '',
    'fn record(out: &mut std::fs::File, key: usize, i: usize, r: std::thread::Result<String>) {',
    '    let text = match r { Ok(s) => s, Err(e) => format!("trap:{}", panic_text(e)) };',
    '    let text: String = text.chars().map(|c| if c == \'\\n\' || c == \'\\t\' { \' \' } else { c }).collect();',
    '    writeln!(out, "{}\\t{}\\t{}", key, i, text).unwrap();',
    '    out.flush().unwrap();',
    '}',
    '',
    '/// `differential.start` holds `<check> <input>` to resume after a crash; records are appended to `differential.out`.',
    'fn start() -> (usize, usize) {',
    '    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/differential.start")).unwrap_or_default();',
    '    let v: Vec<usize> = text.split_whitespace().filter_map(|x| x.parse().ok()).collect();',
    '    (v.first().copied().unwrap_or(0), v.get(1).copied().unwrap_or(0))',
    '}',
    '',
    '#[test]',
    'fn differential_harness() {',
    '    std::panic::set_hook(Box::new(|_| {}));',
    '    let (scheck, sinput) = start();',
    '    let mut out = std::fs::OpenOptions::new().create(true).append(true).open(concat!(env!("CARGO_MANIFEST_DIR"), "/differential.out")).unwrap();',
  ];
  const defs: string[] = [];
  const defOwners: Array<{ key: number; from: number; to: number }> = [];
  let key = -1;
  for (const file of files) {
    for (const { fn, inputs } of file.fns) {
      key++;
      if (skip.has(key)) continue;
      const callFrom = out.length + 1;
      const defFrom = defs.length;
      const code = rustCheck(file.module, fn, inputs, String(key));
      defs.push(...code.defs);
      out.push(
        `    if scheck <= ${key} {`,
        `        let from = if scheck == ${key} { sinput } else { 0 };`,
        ...code.loop,
        `            record(&mut out, ${key}, i, r);`,
        '        }',
        '    }',
      );
      owners.push({ key, from: callFrom, to: out.length });
      defOwners.push({ key, from: defFrom, to: defs.length });
    }
  }
  // Enums in results print their variant (`{:?}`: the port's enum must derive Debug; prepareFiles checks), structs
  // their fields in the Zig's order, by the Zig's names.
  const impls = new Map<string, string>();
  const collect = (t: CheckableFn['result']['zig']): void => {
    if (t.k === 'enum') impls.set(t.rustPath, `impl Canon for ${t.rustPath} { fn canon(&self) -> String { format!("enum.{:?}", self) } }`);
    else if (t.k === 'struct') {
      const path = `${t.rustPath}${t.lifetimes !== undefined && t.lifetimes > 0 ? `<${Array.from({ length: t.lifetimes }, () => "'_").join(', ')}>` : ''}`;
      const fields = t.fields.map((f) => `format!("${f.name}={}", self.${rustName(f.name)}.canon())`);
      impls.set(t.rustPath, `impl Canon for ${path} { fn canon(&self) -> String { format!("{{{}}}", [${fields.join(', ')}].join(",")) } }`);
      for (const f of t.fields) collect(f.type);
    } else if (t.k === 'opt' || t.k === 'err') collect(t.inner);
  };
  for (const file of files) for (const { fn } of file.fns) for (const f of [fn, ...(fn.then !== undefined ? [fn.then] : []), ...(fn.seq?.methods ?? [])]) collect(f.result.zig);
  out.push('}', '', ...impls.values(), ...(impls.size > 0 ? [''] : []));
  const base = out.length;
  for (const o of defOwners) owners.push({ key: o.key, from: base + o.from + 1, to: base + o.to });
  out.push(...defs);
  return { text: out.join('\n'), owners };
}
