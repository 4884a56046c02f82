// Generates a Zig project of N files with its golden Rust port, in the layout of a zig-to-rust fixture.
//
//   node bench/lib/scale-project.mjs <dir> [--files 1300] [--seed 1] [--fault-rate 0.08]
//
// Also imported by bench/scale.mjs and test/bench/scale-project.test.ts. The layout is the one
// fixtures/zig-to-rust/README.md describes, so `ZigToRustGoldenModel` (migrate-kit/testing) serves it:
//
//   <dir>/src/**/*.zig      the Zig project: areas (top-level directories) in layers, each with a few
//                           subdirectories of ~10 files; a file imports 0-3 files of its own directory
//                           (earlier ones) or of lower areas, by relative path (`../../base/hash/x.zig`)
//   <dir>/golden/           the complete crate the recipe would write: Cargo.toml, src/lib.rs, mod.rs files
//                           (mod.rs style, names sorted as recipes/zig-to-rust/layout.ts sorts them), ports
//   <dir>/fields.json       the field-map answers, keyed by Zig file, one row per struct field
//   <dir>/faults/           injected faults, chosen by a seeded PRNG at `--fault-rate` (split evenly):
//     <rel>.no-compile.rs + .fix.json      `name: name` for `name.to_string()` (E0308, no machine-applicable fix)
//     <rel>.no-compile.rs + .fix.json      (cascade) `clamp_value` with 2 parameters instead of 3: errors in the
//                                          file and in every file that imports it; fixing the file fixes them all
//     <rel>.fails-test.rs + .fix.json      `>` for `>=` in `push`: `rejects_past_capacity` fails
//     <rel>.rejected.rs + .review.json     `rposition` for `position` in `find`: builds, tests pass, the behaviour
//                                          reviewer rejects it
//   <dir>/scale.json        what was generated: files, lines, tests, struct fields, faults, import edges
//
// Every file is valid Zig 0.11 in spirit (not compiled here): an error set, two constants, an enum with a
// method, an owning struct (allocator, owned slice, ArrayList, enum, optional), a borrowing view (pointer,
// slice, optional slice), a context struct with pointers into its imports (cross-file calls), free functions
// (error unions, optionals, slices, in-place mutation) and 2-8 tests. The golden port follows the fixtures'
// conventions (allocators dropped, `Allocator.Error` gone, `[]const u8` as `&str`, tests in `mod tests`).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { pathToFileURL } from 'node:url';
import { prng } from './prng.mjs';

export const DEFAULT_FILES = 1300;
export const DEFAULT_FAULT_RATE = 0.08;
export const FAULT_KINDS = ['no-compile', 'cascade', 'fails-test', 'rejected'];

const AREAS = ['base', 'mem', 'text', 'codec', 'io', 'net', 'store', 'proto', 'sched', 'render', 'server', 'app'];
const SUBDIRS = ['alloc', 'bytes', 'hash', 'list', 'map', 'fmt', 'parse', 'stream', 'file', 'path', 'time', 'sync', 'event', 'cursor', 'frame', 'slot', 'page', 'queue', 'table', 'wire'];
const FIRST = ['frame', 'token', 'buffer', 'header', 'slot', 'page', 'cursor', 'record', 'span', 'block', 'queue', 'table', 'entry', 'chunk', 'handle', 'segment', 'packet', 'symbol', 'scope', 'region', 'window', 'batch', 'field', 'route'];
const SECOND = ['cache', 'pool', 'map', 'set', 'list', 'index', 'reader', 'writer', 'builder', 'parser', 'store', 'view', 'stack', 'ring', 'tree', 'codec', 'filter', 'router', 'tracker', 'ledger'];
const VARIANTS = ['fast', 'slow', 'idle', 'warm', 'cold', 'open', 'closed', 'ready', 'busy', 'done', 'fresh', 'stale', 'live', 'dead', 'hot'];
const OPTIONAL_FNS = ['countAbove', 'maxOf', 'parseKind', 'indexOfName', 'scaleAll', 'average', 'mergeInto'];
const FILES_PER_DIR = 10;

const pascal = (snake) => snake.split('_').map((w) => w[0].toUpperCase() + w.slice(1)).join('');

/** The plan of the project: files, directories, imports, per-file choices. Deterministic for (files, seed, faultRate). */
export function planScaleProject({ files = DEFAULT_FILES, seed = 1, faultRate = DEFAULT_FAULT_RATE } = {}) {
  const rand = prng(seed);
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const dirCount = Math.max(1, Math.ceil(files / FILES_PER_DIR));
  const areaCount = Math.min(AREAS.length, dirCount);
  // Directories: area/subdir, areas in layers (an area imports only from itself and lower ones).
  const dirs = [];
  const perArea = new Map();
  for (let d = 0; d < dirCount; d++) {
    const area = Math.floor((d * areaCount) / dirCount);
    const k = perArea.get(area) ?? 0;
    perArea.set(area, k + 1);
    const sub = k < SUBDIRS.length ? SUBDIRS[k] : `${SUBDIRS[k % SUBDIRS.length]}_${Math.floor(k / SUBDIRS.length) + 1}`;
    dirs.push({ area, path: `${AREAS[area]}/${sub}` });
  }
  // Stems: globally unique two-word names (three with a number once the pairs run out).
  const pairs = FIRST.flatMap((a) => SECOND.map((b) => `${a}_${b}`));
  for (let i = pairs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [pairs[i], pairs[j]] = [pairs[j], pairs[i]];
  }
  const list = [];
  for (let i = 0; i < files; i++) {
    const d = Math.min(dirs.length - 1, Math.floor(i / FILES_PER_DIR));
    const dir = dirs[d];
    // The first file of each area lives in the area directory itself (mixed depths, as real trees have).
    const first = i % FILES_PER_DIR === 0 && (d === 0 || dirs[d - 1].area !== dir.area);
    const stem = i < pairs.length ? pairs[i] : `${pairs[i % pairs.length]}_${Math.floor(i / pairs.length) + 1}`;
    const folder = first ? AREAS[dir.area] : dir.path;
    list.push({ index: i, dirIndex: d, area: dir.area, folder, stem, rel: `${folder}/${stem}.zig`, type: pascal(stem) });
  }
  // Imports: files of lower areas (recent ones more often), and for the upper half of a folder also the lower
  // half of its folder or of earlier folders of its area. So an import chain climbs at most two levels per
  // area: the longest is under 2 × areas files, as in a layered tree (Bun's is in the tens, not hundreds).
  const position = new Map();
  for (const file of list) {
    const n = position.get(file.folder) ?? 0;
    position.set(file.folder, n + 1);
    file.upper = n >= FILES_PER_DIR / 2;
  }
  for (const file of list) {
    const same = file.upper ? list.filter((f) => f.index < file.index && f.folder === file.folder && !f.upper) : [];
    const lower = list.filter((f) => f.area < file.area);
    const sameArea = file.upper ? list.filter((f) => f.index < file.index && f.area === file.area && f.folder !== file.folder && !f.upper) : [];
    const wanted = file.index === 0 ? 0 : [1, 1, 2, 2, 2, 3, 3][int(0, 6)];
    const deps = new Map();
    for (let tries = 0; deps.size < wanted && tries < 20; tries++) {
      const r = rand();
      const pool = r < 0.45 && same.length > 0 ? same : r < 0.65 && sameArea.length > 0 ? sameArea : lower.length > 0 ? lower : same.length > 0 ? same : sameArea;
      if (pool.length === 0) break;
      // Skewed toward the end of the pool (nearby layers) but reaching the base now and then.
      const at = Math.min(pool.length - 1, Math.floor(pool.length * Math.pow(rand(), 0.5)));
      const dep = pool[at];
      if (dep !== file && !deps.has(dep.index)) deps.set(dep.index, dep);
    }
    file.deps = [...deps.values()].sort((a, b) => a.index - b.index);
    // Per-file choices.
    const variants = [];
    while (variants.length < 3) {
      const v = pick(VARIANTS);
      if (!variants.includes(v)) variants.push(v);
    }
    file.variants = variants;
    file.capacity = int(4, 12);
    file.magnitude = 100 * int(1, 9);
    file.optional = OPTIONAL_FNS.filter(() => rand() < 0.25);
    file.optionalTests = file.optional.filter(() => rand() < 0.5);
    file.overflowTest = rand() < 0.5;
    file.values = [int(-20, 40), int(41, 90)];
    file.depValues = file.deps.map(() => (rand() < 0.3 ? int(1000, 2000) : int(-50, 50)));
    file.depKinds = file.deps.map((d) => pick(d.variants));
    file.scale = int(2, 5);
    // Faults.
    file.fault = rand() < faultRate ? FAULT_KINDS[Math.floor(rand() * FAULT_KINDS.length)] : undefined;
  }
  // Field names of the context struct: the last word of each import's stem, numbered when they repeat.
  for (const file of list) {
    const taken = new Map();
    file.depFields = file.deps.map((d) => {
      const word = d.stem.split('_')[1];
      const n = (taken.get(word) ?? 0) + 1;
      taken.set(word, n);
      return n === 1 ? word : `${word}${n}`;
    });
  }
  const dependents = new Map(list.map((f) => [f.index, 0]));
  for (const f of list) for (const d of f.deps) dependents.set(d.index, dependents.get(d.index) + 1);
  for (const f of list) f.dependents = dependents.get(f.index);
  return { files: list, seed, faultRate };
}

// ---------------------------------------------------------------------------------------------------------
// Zig

function zigFile(f) {
  const T = f.type;
  const E = `${T}Error`;
  const K = `${T}Kind`;
  const V = `${T}View`;
  const C = `${T}Ctx`;
  const [k0, k1] = f.variants;
  const out = [];
  out.push(`//! ${T}: values kept under a name, with a borrowed view${f.deps.length > 0 ? ` and the modules it builds on` : ''}.`);
  out.push(`const std = @import("std");`);
  for (const d of f.deps) out.push(`const ${d.stem} = @import("${posix.relative(f.folder, d.rel)}");`);
  out.push('');
  out.push(`pub const ${E} = error{ Empty, Full, Overflow };`);
  out.push('');
  out.push(`pub const capacity: usize = ${f.capacity};`);
  out.push(`pub const max_magnitude: i64 = ${f.magnitude};`);
  out.push('');
  out.push(`pub const ${K} = enum {`);
  for (const v of f.variants) out.push(`    ${v},`);
  out.push('', `    pub fn weight(self: ${K}) i64 {`, `        return @as(i64, @intFromEnum(self)) + 1;`, `    }`, `};`, '');
  out.push(`/// Values pushed under a name, at most \`capacity\` of them; owns the name and the values.`);
  out.push(`pub const ${T} = struct {`);
  out.push(`    allocator: std.mem.Allocator,`, `    name: []u8,`, `    values: std.ArrayList(i64),`, `    kind: ${K},`, `    limit: usize,`, `    last: ?i64,`, '');
  out.push(`    pub fn init(allocator: std.mem.Allocator, name: []const u8, kind: ${K}) !${T} {`);
  out.push(`        const owned = try allocator.dupe(u8, name);`);
  out.push(`        return .{ .allocator = allocator, .name = owned, .values = std.ArrayList(i64).init(allocator), .kind = kind, .limit = capacity, .last = null };`);
  out.push(`    }`, '');
  out.push(`    pub fn deinit(self: *${T}) void {`, `        self.values.deinit();`, `        self.allocator.free(self.name);`, `    }`, '');
  out.push(`    pub fn push(self: *${T}, value: i64) !void {`, `        if (self.values.items.len >= self.limit) return error.Full;`, `        try self.values.append(value);`, `        self.last = value;`, `    }`, '');
  out.push(`    pub fn total(self: *const ${T}) i64 {`, `        var sum: i64 = 0;`, `        for (self.values.items) |v| sum += v;`, `        return sum;`, `    }`, '');
  out.push(`    pub fn find(self: *const ${T}, value: i64) ?usize {`, `        return std.mem.indexOfScalar(i64, self.values.items, value);`, `    }`, '');
  out.push(`    pub fn bounded(self: *const ${T}) i64 {`, `        return clampValue(self.total(), -max_magnitude, max_magnitude);`, `    }`, '');
  out.push(`    pub fn view(self: *const ${T}) ${V} {`, `        return .{ .owner = self, .window = self.values.items, .label = if (self.name.len == 0) null else self.name };`, `    }`, `};`, '');
  out.push(`/// A read-only window on a ${T}; borrows it.`);
  out.push(`pub const ${V} = struct {`, `    owner: *const ${T},`, `    window: []const i64,`, `    label: ?[]const u8,`, '');
  out.push(`    pub fn len(self: ${V}) usize {`, `        return self.window.len;`, `    }`, '');
  out.push(`    pub fn labelOr(self: ${V}, fallback: []const u8) []const u8 {`, `        return self.label orelse fallback;`, `    }`, `};`, '');
  if (f.deps.length > 0) {
    out.push(`/// Borrows the modules this one builds on.`);
    out.push(`pub const ${C} = struct {`);
    f.deps.forEach((d, i) => out.push(`    ${f.depFields[i]}: *const ${d.stem}.${d.type},`));
    out.push(`    scale: i64,`, '');
    out.push(`    pub fn score(self: ${C}, own: *const ${T}) i64 {`, `        var s: i64 = own.total() * self.scale + own.kind.weight();`);
    f.deps.forEach((d, i) => out.push(`        s += ${d.stem}.clampValue(self.${f.depFields[i]}.total(), -max_magnitude, max_magnitude);`));
    out.push(`        return s;`, `    }`, `};`, '');
  }
  out.push(`/// Clamps \`v\` to \`[lo, hi]\`.`, `pub fn clampValue(v: i64, lo: i64, hi: i64) i64 {`, `    if (v < lo) return lo;`, `    if (v > hi) return hi;`, `    return v;`, `}`, '');
  out.push(`/// Sums \`values\`, failing on overflow.`, `pub fn checkedSum(values: []const i64) ${E}!i64 {`, `    var sum: i64 = 0;`, `    for (values) |v| {`, `        sum = std.math.add(i64, sum, v) catch return error.Overflow;`, `    }`, `    return sum;`, `}`, '');
  for (const name of f.optional) out.push(...ZIG_FNS[name](f), '');
  // Tests.
  out.push(`test "push and total" {`, `    var c = try ${T}.init(std.testing.allocator, "${f.stem}", .${k0});`, `    defer c.deinit();`);
  out.push(`    try c.push(${f.values[0]});`, `    try c.push(${f.values[1]});`);
  out.push(`    try std.testing.expectEqual(@as(i64, ${f.values[0] + f.values[1]}), c.total());`);
  out.push(`    try std.testing.expectEqual(@as(?usize, 1), c.find(${f.values[1]}));`);
  out.push(`    try std.testing.expectEqual(@as(usize, 2), c.view().len());`, `}`, '');
  out.push(`test "rejects past capacity" {`, `    var c = try ${T}.init(std.testing.allocator, "", .${k1});`, `    defer c.deinit();`, `    var i: usize = 0;`, `    while (i < capacity) : (i += 1) try c.push(@intCast(i));`);
  out.push(`    try std.testing.expectError(error.Full, c.push(99));`, `    try std.testing.expectEqualStrings("none", c.view().labelOr("none"));`, `}`, '');
  if (f.overflowTest) out.push(`test "checked sum detects overflow" {`, `    try std.testing.expectEqual(@as(i64, 6), try checkedSum(&[_]i64{ 1, 2, 3 }));`, `    try std.testing.expectError(error.Overflow, checkedSum(&[_]i64{ std.math.maxInt(i64), 1 }));`, `}`, '');
  if (f.deps.length > 0) {
    out.push(`test "scores with its imports" {`, `    var own = try ${T}.init(std.testing.allocator, "own", .${k1});`, `    defer own.deinit();`, `    try own.push(${f.values[0]});`);
    f.deps.forEach((d, i) => {
      out.push(`    var d${i} = try ${d.stem}.${d.type}.init(std.testing.allocator, "d${i}", .${f.depKinds[i]});`, `    defer d${i}.deinit();`, `    try d${i}.push(${f.depValues[i]});`);
    });
    out.push(`    const ctx = ${C}{ ${f.deps.map((d, i) => `.${f.depFields[i]} = &d${i}`).join(', ')}, .scale = ${f.scale} };`);
    out.push(`    try std.testing.expectEqual(@as(i64, ${expectedScore(f)}), ctx.score(&own));`, `}`, '');
  }
  for (const name of f.optionalTests) out.push(...ZIG_TESTS[name](f), '');
  while (out[out.length - 1] === '') out.pop();
  return `${out.join('\n')}\n`;
}

function expectedScore(f) {
  const clamp = (v) => Math.max(-f.magnitude, Math.min(f.magnitude, v));
  return f.values[0] * f.scale + 2 + f.depValues.reduce((s, v) => s + clamp(v), 0);
}

const ZIG_FNS = {
  countAbove: () => [`/// How many of \`values\` are above \`threshold\`.`, `pub fn countAbove(values: []const i64, threshold: i64) usize {`, `    var n: usize = 0;`, `    for (values) |v| {`, `        if (v > threshold) n += 1;`, `    }`, `    return n;`, `}`],
  maxOf: () => [`/// The largest of \`values\`; null when there are none.`, `pub fn maxOf(values: []const i64) ?i64 {`, `    if (values.len == 0) return null;`, `    var best = values[0];`, `    for (values[1..]) |v| best = @max(best, v);`, `    return best;`, `}`],
  parseKind: (f) => [`/// The kind named \`text\`, if any.`, `pub fn parseKind(text: []const u8) ?${f.type}Kind {`, `    return std.meta.stringToEnum(${f.type}Kind, text);`, `}`],
  indexOfName: () => [`/// Where \`name\` is in \`names\`, compared exactly.`, `pub fn indexOfName(names: []const []const u8, name: []const u8) ?usize {`, `    for (names, 0..) |n, i| {`, `        if (std.mem.eql(u8, n, name)) return i;`, `    }`, `    return null;`, `}`],
  scaleAll: () => [`/// Multiplies every value in place.`, `pub fn scaleAll(values: []i64, factor: i64) void {`, `    for (values) |*v| v.* *= factor;`, `}`],
  average: (f) => [`/// The mean of \`values\`, rounded toward zero.`, `pub fn average(values: []const i64) ${f.type}Error!i64 {`, `    if (values.len == 0) return error.Empty;`, `    const sum = try checkedSum(values);`, `    return @divTrunc(sum, @as(i64, @intCast(values.len)));`, `}`],
  mergeInto: (f) => [`/// Moves the values of \`src\` into \`dst\` while it has room; returns how many moved.`, `pub fn mergeInto(dst: *${f.type}, src: *const ${f.type}) usize {`, `    var moved: usize = 0;`, `    for (src.values.items) |v| {`, `        dst.push(v) catch break;`, `        moved += 1;`, `    }`, `    return moved;`, `}`],
};

const ZIG_TESTS = {
  countAbove: () => [`test "count above a threshold" {`, `    try std.testing.expectEqual(@as(usize, 2), countAbove(&[_]i64{ -2, 5, 7, 0 }, 1));`, `}`],
  maxOf: () => [`test "max of values" {`, `    try std.testing.expectEqual(@as(?i64, 9), maxOf(&[_]i64{ 3, 9, -1 }));`, `    try std.testing.expectEqual(@as(?i64, null), maxOf(&[_]i64{}));`, `}`],
  parseKind: (f) => [`test "parse kind names" {`, `    try std.testing.expectEqual(@as(?${f.type}Kind, .${f.variants[2]}), parseKind("${f.variants[2]}"));`, `    try std.testing.expectEqual(@as(?${f.type}Kind, null), parseKind("nope"));`, `}`],
  indexOfName: () => [`test "index of a name" {`, `    const names = [_][]const u8{ "a", "bb", "c" };`, `    try std.testing.expectEqual(@as(?usize, 1), indexOfName(&names, "bb"));`, `    try std.testing.expectEqual(@as(?usize, null), indexOfName(&names, "d"));`, `}`],
  scaleAll: () => [`test "scale all in place" {`, `    var values = [_]i64{ 1, 2, 3 };`, `    scaleAll(&values, 3);`, `    try std.testing.expectEqualSlices(i64, &[_]i64{ 3, 6, 9 }, &values);`, `}`],
  average: () => [`test "average of values" {`, `    try std.testing.expectEqual(@as(i64, 5), try average(&[_]i64{ 2, 4, 9 }));`, `    try std.testing.expectError(error.Empty, average(&[_]i64{}));`, `}`],
  mergeInto: (f) => [
    `test "merge into stops when full" {`,
    `    var dst = try ${f.type}.init(std.testing.allocator, "dst", .${f.variants[0]});`,
    `    defer dst.deinit();`,
    `    var i: usize = 0;`,
    `    while (i + 1 < capacity) : (i += 1) try dst.push(1);`,
    `    var src = try ${f.type}.init(std.testing.allocator, "src", .${f.variants[1]});`,
    `    defer src.deinit();`,
    `    try src.push(7);`,
    `    try src.push(8);`,
    `    try src.push(9);`,
    `    try std.testing.expectEqual(@as(usize, 1), mergeInto(&dst, &src));`,
    `    try std.testing.expectEqual(@as(?usize, capacity - 1), dst.find(7));`,
    `}`,
  ],
};

// ---------------------------------------------------------------------------------------------------------
// Rust (the golden port, and the pieces the faults change)

const GOLDEN_NAME = '            name: name.to_string(),\n';
const FAULT_NAME = '            name: name,\n';
const GOLDEN_PUSH = '        if self.values.len() >= self.limit {\n';
const FAULT_PUSH = '        if self.values.len() > self.limit {\n';
const GOLDEN_FIND = '        self.values.iter().position(|&v| v == value)\n';
const FAULT_FIND = '        self.values.iter().rposition(|&v| v == value)\n';
const GOLDEN_CLAMP = ['/// Clamps `v` to `[lo, hi]`.', 'pub fn clamp_value(v: i64, lo: i64, hi: i64) -> i64 {', '    if v < lo {', '        return lo;', '    }', '    if v > hi {', '        return hi;', '    }', '    v', '}', ''].join('\n');
const FAULT_CLAMP = ['/// Clamps `v` to `[-bound, bound]`.', 'pub fn clamp_value(v: i64, bound: i64) -> i64 {', '    if v < -bound {', '        return -bound;', '    }', '    if v > bound {', '        return bound;', '    }', '    v', '}', ''].join('\n');

/** The Rust module path of a file (`crate::base::hash::frame_cache`). */
const rustModule = (f) => `crate::${f.rel.replace(/\.zig$/, '').split('/').join('::')}`;
const variant = (v) => v[0].toUpperCase() + v.slice(1);

function rustFile(f) {
  const T = f.type;
  const E = `${T}Error`;
  const K = `${T}Kind`;
  const V = `${T}View`;
  const C = `${T}Ctx`;
  const [k0, k1] = f.variants;
  const out = [];
  out.push(`//! ${T}: values kept under a name, with a borrowed view${f.deps.length > 0 ? ` and the modules it builds on` : ''}.`);
  for (const d of f.deps) out.push(`use ${rustModule(d)};`);
  if (f.deps.length > 0) out.push('');
  out.push(`#[derive(Debug, Clone, Copy, PartialEq, Eq)]`, `pub enum ${E} {`, `    Empty,`, `    Full,`, `    Overflow,`, `}`, '');
  out.push(`pub const CAPACITY: usize = ${f.capacity};`, `pub const MAX_MAGNITUDE: i64 = ${f.magnitude};`, '');
  out.push(`#[derive(Debug, Clone, Copy, PartialEq, Eq)]`, `pub enum ${K} {`);
  for (const v of f.variants) out.push(`    ${variant(v)},`);
  out.push(`}`, '', `impl ${K} {`, `    pub fn weight(self) -> i64 {`, `        self as i64 + 1`, `    }`, `}`, '');
  out.push(`/// Values pushed under a name, at most \`CAPACITY\` of them; owns the name and the values.`);
  out.push(`#[derive(Debug, Clone, PartialEq)]`, `pub struct ${T} {`, `    pub name: String,`, `    pub values: Vec<i64>,`, `    pub kind: ${K},`, `    pub limit: usize,`, `    pub last: Option<i64>,`, `}`, '');
  out.push(`impl ${T} {`, `    pub fn init(name: &str, kind: ${K}) -> Self {`, `        ${T} {`);
  out.push(GOLDEN_NAME.trimEnd(), `            values: Vec::new(),`, `            kind,`, `            limit: CAPACITY,`, `            last: None,`, `        }`, `    }`, '');
  out.push(`    pub fn push(&mut self, value: i64) -> Result<(), ${E}> {`, GOLDEN_PUSH.trimEnd(), `            return Err(${E}::Full);`, `        }`, `        self.values.push(value);`, `        self.last = Some(value);`, `        Ok(())`, `    }`, '');
  out.push(`    pub fn total(&self) -> i64 {`, `        self.values.iter().sum()`, `    }`, '');
  out.push(`    pub fn find(&self, value: i64) -> Option<usize> {`, GOLDEN_FIND.trimEnd(), `    }`, '');
  out.push(`    pub fn bounded(&self) -> i64 {`, `        clamp_value(self.total(), -MAX_MAGNITUDE, MAX_MAGNITUDE)`, `    }`, '');
  out.push(`    pub fn view(&self) -> ${V}<'_> {`, `        ${V} {`, `            owner: self,`, `            window: &self.values,`, `            label: if self.name.is_empty() { None } else { Some(&self.name) },`, `        }`, `    }`, `}`, '');
  out.push(`/// A read-only window on a ${T}; borrows it.`, `#[derive(Debug, Clone, Copy)]`, `pub struct ${V}<'a> {`, `    pub owner: &'a ${T},`, `    pub window: &'a [i64],`, `    pub label: Option<&'a str>,`, `}`, '');
  out.push(`impl<'a> ${V}<'a> {`, `    pub fn len(&self) -> usize {`, `        self.window.len()`, `    }`, '');
  out.push(`    pub fn label_or(&self, fallback: &'a str) -> &'a str {`, `        self.label.unwrap_or(fallback)`, `    }`, `}`, '');
  if (f.deps.length > 0) {
    out.push(`/// Borrows the modules this one builds on.`, `#[derive(Debug, Clone, Copy)]`, `pub struct ${C}<'a> {`);
    f.deps.forEach((d, i) => out.push(`    pub ${f.depFields[i]}: &'a ${d.stem}::${d.type},`));
    out.push(`    pub scale: i64,`, `}`, '');
    out.push(`impl<'a> ${C}<'a> {`, `    pub fn score(&self, own: &${T}) -> i64 {`, `        let mut s: i64 = own.total() * self.scale + own.kind.weight();`);
    f.deps.forEach((d, i) => out.push(`        s += ${d.stem}::clamp_value(self.${f.depFields[i]}.total(), -MAX_MAGNITUDE, MAX_MAGNITUDE);`));
    out.push(`        s`, `    }`, `}`, '');
  }
  out.push(GOLDEN_CLAMP);
  out.push(`/// Sums \`values\`, failing on overflow.`, `pub fn checked_sum(values: &[i64]) -> Result<i64, ${E}> {`, `    let mut sum: i64 = 0;`, `    for &v in values {`, `        sum = sum.checked_add(v).ok_or(${E}::Overflow)?;`, `    }`, `    Ok(sum)`, `}`, '');
  for (const name of f.optional) out.push(...RUST_FNS[name](f), '');
  out.push(`#[cfg(test)]`, `mod tests {`, `    use super::*;`, '');
  const tests = [];
  tests.push([`#[test]`, `fn push_and_total() {`, `    let mut c = ${T}::init("${f.stem}", ${K}::${variant(k0)});`, `    c.push(${f.values[0]}).unwrap();`, `    c.push(${f.values[1]}).unwrap();`, `    assert_eq!(c.total(), ${f.values[0] + f.values[1]});`, `    assert_eq!(c.find(${f.values[1]}), Some(1));`, `    assert_eq!(c.view().len(), 2);`, `}`]);
  tests.push([`#[test]`, `fn rejects_past_capacity() {`, `    let mut c = ${T}::init("", ${K}::${variant(k1)});`, `    for i in 0..CAPACITY {`, `        c.push(i as i64).unwrap();`, `    }`, `    assert_eq!(c.push(99), Err(${E}::Full));`, `    assert_eq!(c.view().label_or("none"), "none");`, `}`]);
  if (f.overflowTest) tests.push([`#[test]`, `fn checked_sum_detects_overflow() {`, `    assert_eq!(checked_sum(&[1, 2, 3]), Ok(6));`, `    assert_eq!(checked_sum(&[i64::MAX, 1]), Err(${E}::Overflow));`, `}`]);
  if (f.deps.length > 0) {
    const t = [`#[test]`, `fn scores_with_its_imports() {`, `    let mut own = ${T}::init("own", ${K}::${variant(k1)});`, `    own.push(${f.values[0]}).unwrap();`];
    f.deps.forEach((d, i) => t.push(`    let mut d${i} = ${d.stem}::${d.type}::init("d${i}", ${d.stem}::${d.type}Kind::${variant(f.depKinds[i])});`, `    d${i}.push(${f.depValues[i]}).unwrap();`));
    t.push(`    let ctx = ${C} { ${f.deps.map((d, i) => `${f.depFields[i]}: &d${i}`).join(', ')}, scale: ${f.scale} };`, `    assert_eq!(ctx.score(&own), ${expectedScore(f)});`, `}`);
    tests.push(t);
  }
  for (const name of f.optionalTests) tests.push(RUST_TESTS[name](f));
  out.push(tests.map((t) => t.map((l) => `    ${l}`).join('\n')).join('\n\n'), `}`);
  return `${out.join('\n')}\n`;
}

const RUST_FNS = {
  countAbove: () => [`/// How many of \`values\` are above \`threshold\`.`, `pub fn count_above(values: &[i64], threshold: i64) -> usize {`, `    values.iter().filter(|&&v| v > threshold).count()`, `}`],
  maxOf: () => [`/// The largest of \`values\`; \`None\` when there are none.`, `pub fn max_of(values: &[i64]) -> Option<i64> {`, `    values.iter().copied().max()`, `}`],
  parseKind: (f) => [`/// The kind named \`text\`, if any.`, `pub fn parse_kind(text: &str) -> Option<${f.type}Kind> {`, `    match text {`, ...f.variants.map((v) => `        "${v}" => Some(${f.type}Kind::${variant(v)}),`), `        _ => None,`, `    }`, `}`],
  indexOfName: () => [`/// Where \`name\` is in \`names\`, compared exactly.`, `pub fn index_of_name(names: &[&str], name: &str) -> Option<usize> {`, `    names.iter().position(|&n| n == name)`, `}`],
  scaleAll: () => [`/// Multiplies every value in place.`, `pub fn scale_all(values: &mut [i64], factor: i64) {`, `    for v in values.iter_mut() {`, `        *v *= factor;`, `    }`, `}`],
  average: (f) => [`/// The mean of \`values\`, rounded toward zero.`, `pub fn average(values: &[i64]) -> Result<i64, ${f.type}Error> {`, `    if values.is_empty() {`, `        return Err(${f.type}Error::Empty);`, `    }`, `    let sum = checked_sum(values)?;`, `    Ok(sum / values.len() as i64)`, `}`],
  mergeInto: (f) => [`/// Moves the values of \`src\` into \`dst\` while it has room; returns how many moved.`, `pub fn merge_into(dst: &mut ${f.type}, src: &${f.type}) -> usize {`, `    let mut moved = 0;`, `    for &v in &src.values {`, `        if dst.push(v).is_err() {`, `            break;`, `        }`, `        moved += 1;`, `    }`, `    moved`, `}`],
};

const RUST_TESTS = {
  countAbove: () => [`#[test]`, `fn count_above_a_threshold() {`, `    assert_eq!(count_above(&[-2, 5, 7, 0], 1), 2);`, `}`],
  maxOf: () => [`#[test]`, `fn max_of_values() {`, `    assert_eq!(max_of(&[3, 9, -1]), Some(9));`, `    assert_eq!(max_of(&[]), None);`, `}`],
  parseKind: (f) => [`#[test]`, `fn parse_kind_names() {`, `    assert_eq!(parse_kind("${f.variants[2]}"), Some(${f.type}Kind::${variant(f.variants[2])}));`, `    assert_eq!(parse_kind("nope"), None);`, `}`],
  indexOfName: () => [`#[test]`, `fn index_of_a_name() {`, `    let names = ["a", "bb", "c"];`, `    assert_eq!(index_of_name(&names, "bb"), Some(1));`, `    assert_eq!(index_of_name(&names, "d"), None);`, `}`],
  scaleAll: () => [`#[test]`, `fn scale_all_in_place() {`, `    let mut values = [1, 2, 3];`, `    scale_all(&mut values, 3);`, `    assert_eq!(values, [3, 6, 9]);`, `}`],
  average: (f) => [`#[test]`, `fn average_of_values() {`, `    assert_eq!(average(&[2, 4, 9]), Ok(5));`, `    assert_eq!(average(&[]), Err(${f.type}Error::Empty));`, `}`],
  mergeInto: (f) => [
    `#[test]`,
    `fn merge_into_stops_when_full() {`,
    `    let mut dst = ${f.type}::init("dst", ${f.type}Kind::${variant(f.variants[0])});`,
    `    for _ in 0..CAPACITY - 1 {`,
    `        dst.push(1).unwrap();`,
    `    }`,
    `    let mut src = ${f.type}::init("src", ${f.type}Kind::${variant(f.variants[1])});`,
    `    src.push(7).unwrap();`,
    `    src.push(8).unwrap();`,
    `    src.push(9).unwrap();`,
    `    assert_eq!(merge_into(&mut dst, &src), 1);`,
    `    assert_eq!(dst.find(7), Some(CAPACITY - 1));`,
    `}`,
  ],
};

/** The faulty port of a file and the answer that repairs it (or the review that rejects it). */
function faultFiles(f, golden) {
  const swap = (from, to) => {
    if (golden.split(from).length !== 2) throw new Error(`scale-project: "${from.trim()}" is not unique in the port of ${f.rel}`);
    return golden.replace(from, to);
  };
  switch (f.fault) {
    case 'no-compile':
      return { kind: 'no-compile', rust: swap(GOLDEN_NAME, FAULT_NAME), fix: { edits: [{ old: FAULT_NAME, new: GOLDEN_NAME }] } };
    case 'cascade':
      return { kind: 'no-compile', rust: swap(GOLDEN_CLAMP, FAULT_CLAMP), fix: { edits: [{ old: FAULT_CLAMP, new: GOLDEN_CLAMP }] } };
    case 'fails-test':
      return { kind: 'fails-test', rust: swap(GOLDEN_PUSH, FAULT_PUSH), fix: { edits: [{ old: FAULT_PUSH, new: GOLDEN_PUSH }] } };
    case 'rejected': {
      const rust = swap(GOLDEN_FIND, FAULT_FIND);
      const line = rust.split('\n').indexOf(FAULT_FIND.trimEnd()) + 1;
      return {
        kind: 'rejected',
        rust,
        review: {
          verdict: 'revise',
          findings: [{ line, problem: '`find` returns the last matching position; the Zig returns the first.', evidence: `${f.rel}: \`find\` loops forward over \`self.values.items\` and returns the first index whose value matches; the port uses \`rposition\`, which searches from the end. The tests push distinct values, so they do not catch it.` }],
        },
      };
    }
    default:
      return undefined;
  }
}

/** The field-map rows of a file, as a model that read it would answer. */
function fieldRows(f) {
  const T = f.type;
  const row = (struct, field, zig_type, cls, rust_type, evidence) => ({ struct, field, zig_type, class: cls, rust_type, evidence });
  const rows = [
    row(T, 'allocator', 'std.mem.Allocator', 'STATIC', '(dropped: global allocator)', `Passed to ${T}.init, used only to dupe the name and back the ArrayList; Rust's global allocator replaces it.`),
    row(T, 'name', '[]u8', 'OWNED', 'String', `init stores allocator.dupe(u8, name); deinit frees it.`),
    row(T, 'values', 'std.ArrayList(i64)', 'OWNED', 'Vec<i64>', 'Created in init, appended to in push, freed in deinit.'),
    row(T, 'kind', `${T}Kind`, 'OWNED', `${T}Kind`, `${T}Kind is an enum of the project, copied by value.`),
    row(T, 'limit', 'usize', 'OWNED', 'usize', 'Plain integer, copied by value.'),
    row(T, 'last', '?i64', 'OWNED', 'Option<i64>', 'An optional integer set by push; copied by value.'),
    row(`${T}View`, 'owner', `*const ${T}`, 'BORROW_FIELD', `&'a ${T}`, `view() points it at the ${T} it is called on; the view never outlives it.`),
    row(`${T}View`, 'window', '[]const i64', 'BORROW_FIELD', "&'a [i64]", "view() sets it to the owner's values.items; read only."),
    row(`${T}View`, 'label', '?[]const u8', 'BORROW_FIELD', "Option<&'a str>", "view() sets it to the owner's name, or null when the name is empty."),
  ];
  f.deps.forEach((d, i) => rows.push(row(`${T}Ctx`, f.depFields[i], `*const ${d.stem}.${d.type}`, 'BORROW_FIELD', `&'a ${d.stem}::${d.type}`, `Set by the caller to a ${d.type} it owns; score() only reads it.`)));
  if (f.deps.length > 0) rows.push(row(`${T}Ctx`, 'scale', 'i64', 'OWNED', 'i64', 'Plain integer, copied by value.'));
  return rows;
}

export const CARGO_TOML = (pkg) => ['[package]', `name = "${pkg}"`, 'version = "0.1.0"', 'edition = "2021"', '', '[dependencies]', '', '# An empty workspace table: the crate builds on its own even inside another Cargo workspace.', '[workspace]', ''].join('\n');

/** lib.rs and mod.rs files: `pub mod` for every file and directory, sorted (the recipe's module tree). */
function moduleFiles(files) {
  const children = new Map([['', new Set()]]);
  for (const f of files) {
    const parts = f.rel.replace(/\.zig$/, '').split('/');
    for (let i = 0; i < parts.length; i++) {
      const parent = parts.slice(0, i).join('/');
      if (!children.has(parent)) children.set(parent, new Set());
      children.get(parent).add(parts[i]);
    }
  }
  const out = new Map();
  for (const [dir, names] of children) {
    const lines = [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((n) => `pub mod ${n};`);
    out.set(dir === '' ? 'src/lib.rs' : `src/${dir}/mod.rs`, `${lines.join('\n')}\n`);
  }
  return out;
}

/**
 * Writes the project into `dir` (emptied first): src/, golden/, fields.json, faults/, scale.json.
 * Returns the summary that scale.json holds.
 */
export function writeScaleProject(dir, options = {}) {
  const plan = planScaleProject(options);
  const pkg = options.package ?? 'scaleproj';
  rmSync(dir, { recursive: true, force: true });
  const write = (rel, text) => {
    const path = join(dir, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  };
  const fields = {};
  const faults = Object.fromEntries(FAULT_KINDS.map((k) => [k, []]));
  let zigLines = 0;
  let rustLines = 0;
  let tests = 0;
  let structFields = 0;
  for (const f of plan.files) {
    const zig = zigFile(f);
    const rust = rustFile(f);
    const rel = f.rel.replace(/\.zig$/, '');
    write(`src/${f.rel}`, zig);
    write(`golden/src/${rel}.rs`, rust);
    zigLines += zig.split('\n').length - 1;
    rustLines += rust.split('\n').length - 1;
    tests += 2 + (f.overflowTest ? 1 : 0) + (f.deps.length > 0 ? 1 : 0) + f.optionalTests.length;
    const rows = fieldRows(f);
    structFields += rows.length;
    fields[f.rel] = { fields: rows };
    const fault = faultFiles(f, rust);
    if (fault !== undefined) {
      faults[f.fault].push(f.rel);
      write(`faults/${rel}.${fault.kind}.rs`, fault.rust);
      if (fault.fix !== undefined) write(`faults/${rel}.${fault.kind}.fix.json`, `${JSON.stringify(fault.fix, null, 2)}\n`);
      if (fault.review !== undefined) write(`faults/${rel}.rejected.review.json`, `${JSON.stringify(fault.review, null, 2)}\n`);
    }
  }
  write('golden/Cargo.toml', CARGO_TOML(pkg));
  for (const [path, text] of moduleFiles(plan.files)) write(`golden/${path}`, text);
  write('fields.json', `${JSON.stringify(fields, null, 2)}\n`);
  const byIndex = new Map(plan.files.map((f) => [f.index, f]));
  const summary = {
    files: plan.files.length,
    seed: plan.seed,
    faultRate: plan.faultRate,
    package: pkg,
    zigLines,
    rustLines,
    tests,
    structFields,
    imports: plan.files.reduce((n, f) => n + f.deps.length, 0),
    depth: depth(plan.files, byIndex),
    faults,
    /** Files that import a cascade fault's file (their build fails until it is fixed). */
    cascadeDependents: faults.cascade.reduce((n, rel) => n + (plan.files.find((f) => f.rel === rel)?.dependents ?? 0), 0),
  };
  // scale.json: the summary, and the import edges (Zig file → the files it imports) for the bench's lower bound.
  const edges = Object.fromEntries(plan.files.map((f) => [f.rel, f.deps.map((d) => d.rel)]));
  write('scale.json', `${JSON.stringify({ ...summary, edges })}\n`);
  return summary;
}

/** The longest import chain (files). */
function depth(files, byIndex) {
  const memo = new Map();
  const of = (f) => {
    if (memo.has(f.index)) return memo.get(f.index);
    const d = 1 + Math.max(0, ...f.deps.map((x) => of(byIndex.get(x.index))));
    memo.set(f.index, d);
    return d;
  };
  return Math.max(0, ...files.map(of));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const argv = process.argv.slice(2);
  const dir = argv.find((a, i) => !a.startsWith('--') && (i === 0 || !argv[i - 1].startsWith('--')));
  const flag = (name, fallback) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? Number(argv[i + 1]) : fallback;
  };
  if (dir === undefined) {
    console.error('Usage: node bench/lib/scale-project.mjs <dir> [--files 1300] [--seed 1] [--fault-rate 0.08]');
    process.exit(2);
  }
  const summary = writeScaleProject(dir, { files: flag('files', DEFAULT_FILES), seed: flag('seed', 1), faultRate: flag('fault-rate', DEFAULT_FAULT_RATE) });
  console.log(JSON.stringify(summary, null, 2));
}
