/**
 * Tests keep their teeth: compares each Zig test with the Rust `#[test]` fn ported from it, on the
 * tree-sitter trees of both files (never on lines of text).
 *
 * What counts as an assertion:
 * - Zig: a call whose callee's last name starts with `expect` (`try std.testing.expectEqual(…)`,
 *   `try testing.expectError(…)`, `try expect(…)`).
 * - Rust: an `assert*!`/`debug_assert*!` macro (any macro whose name starts with `assert`), `panic!`,
 *   `unreachable!`; a `.unwrap_err()` / `.expect_err(…)` call outside such a macro; `#[should_panic]`
 *   on the test (one); in a file that uses `zig_std::testing` (zig-to-rust's support crate), a call of
 *   one of its checks (`expect_equal(…)`, `testing::expect_error(…)`, `try_expect…(…)?`: ZIG_STD_CHECKS).
 * - Both sides: a call of a helper of the same file (a fn, or a Rust `macro_rules!` macro) that itself
 *   asserts (directly or through another helper) counts as one.
 * Each is counted where it is written: an assertion inside a loop (or a Rust closure) counts once.
 *
 * The rule (a Rust test is hollow when):
 * - `no-assertions`: the Zig test has at least one assertion and the Rust test none;
 * - `fewer-assertions`: the Zig test has at least {@link FEWER_MIN} and the Rust test fewer than half
 *   as many, unless an assertion of the Rust test sits in a loop or closure (a table of cases checked
 *   in a loop is as strong as the unrolled Zig);
 * - `early-return`: the Rust test can `return` before its first assertion (an `if`, a `let … else`, a
 *   `match` arm; closures aside; `return Err(…)` fails the test and is not one) while the Zig test cannot
 *   return before its first `expect` (a bare `return` or `return error.SkipZigTest`; the Zig
 *   treats that condition, such as a missing fixture file, as an error that fails the test; a Zig test
 *   that itself returns early allows it). `zig_skip!(…)` (the skip convention) counts as a return;
 * - `silent-skip`: where the Zig test skips before its first `expect` (`return error.SkipZigTest`), the Rust
 *   test returns there with a bare `return` instead of `zig_skip!`, so the skip would count as a pass;
 * - `broad-skip`: the Zig test skips only on named errors (`error.FileNotFound => return error.SkipZigTest`,
 *   the others fail it) and the Rust test skips on any error (`let Ok(f) = … else { zig_skip!(…) }`, an
 *   `Err(_)` arm): a skip is narrow when its `match` arm or `if` names an error kind (`ErrorKind::NotFound`,
 *   `.kind()`) or checks the path (`.exists()`).
 */
import { rustTestNames } from './naming.js';
import { parseText } from './tree-sitter.js';
import type { SyntaxNode } from './tree-sitter.js';
import { parseZig } from './zig-parser.js';
import type { TestInfo } from './types.js';

/** The skip convention of ported tests: `zig_skip!("reason")` prints a marker and returns (zig-to-rust's scaffold). */
export const SKIP_MACRO = 'zig_skip';

/** The checks of zig-to-rust's `zig_std::testing` (Zig's `std.testing` with its messages): each call is an assertion. */
export const ZIG_STD_CHECKS: ReadonlySet<string> = new Set(
  ['expect', 'expect_equal', 'expect_equal_slices', 'expect_equal_strings', 'expect_approx_eq_abs', 'expect_approx_eq_rel', 'expect_error'].flatMap((n) => [n, `try_${n}`]),
);

/** The "far fewer" rule applies from this many Zig assertions on. */
export const FEWER_MIN = 4;

export type HollowReason = 'no-assertions' | 'fewer-assertions' | 'early-return' | 'silent-skip' | 'broad-skip';

export interface HollowTest {
  reason: HollowReason;
  /** The Zig test's name (`''` for an anonymous test) and line. */
  zigName: string;
  zigLine: number;
  /** The Rust `#[test]` fn and its line. */
  rustName: string;
  rustLine: number;
  zigAssertions: number;
  rustAssertions: number;
  /** `early-return`, `silent-skip`, `broad-skip`: the line of the `return` (or `zig_skip!`). */
  returnLine?: number;
  /** `broad-skip`: the errors the Zig test skips on (`FileNotFound`). */
  skipsOn?: string[];
}

/** What one test body holds. */
interface Teeth {
  assertions: number;
  /** Start offset of the first assertion (Infinity when none). */
  first: number;
  /** Start offsets and lines of `return`s (closures and nested fns aside); `skip`: Zig `return error.SkipZigTest`, Rust `zig_skip!`. */
  returns: Array<{ at: number; line: number; skip: boolean; only?: string[] }>;
  looped: boolean;
}

const empty = (): Teeth => ({ assertions: 0, first: Infinity, returns: [], looped: false });

function hit(teeth: Teeth, node: SyntaxNode, looped: boolean): void {
  teeth.assertions++;
  teeth.first = Math.min(teeth.first, node.startIndex);
  if (looped) teeth.looped = true;
}

/** Every node of a type below `root` (any depth). */
function descendants(root: SyntaxNode, types: ReadonlySet<string>): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const visit = (node: SyntaxNode): void => {
    if (types.has(node.type)) out.push(node);
    for (const child of node.namedChildren) visit(child);
  };
  visit(root);
  return out;
}

/** Whether a helper (by name) asserts, through other helpers too; cycles count as not asserting. */
function helperTable(bodies: Map<string, SyntaxNode[]>, direct: (node: SyntaxNode, asserts: (name: string) => boolean) => boolean): (name: string) => boolean {
  const memo = new Map<string, boolean>();
  const asserts = (name: string): boolean => {
    const known = memo.get(name);
    if (known !== undefined) return known;
    const nodes = bodies.get(name);
    if (nodes === undefined) return false;
    memo.set(name, false);
    const result = nodes.some((node) => direct(node, asserts));
    memo.set(name, result);
    return result;
  };
  return asserts;
}

// ---- Zig ----

const ZIG_LOOPS = new Set(['for_statement', 'while_statement', 'for_expression', 'while_expression']);
const ZIG_SKIP = new Set(['function_declaration', 'struct_declaration', 'union_declaration', 'enum_declaration', 'opaque_declaration']);

function zigCallee(call: SyntaxNode): string | undefined {
  const callee = call.namedChildren[0];
  if (callee === undefined) return undefined;
  if (callee.type === 'identifier') return callee.text;
  if (callee.type === 'field_expression') {
    const last = callee.namedChildren[callee.namedChildren.length - 1];
    return last?.type === 'identifier' ? last.text : undefined;
  }
  return undefined;
}

/**
 * The errors a Zig skip is limited to: the `error.X` of the `switch` prong or `if` condition it sits under
 * (`catch |err| switch (err) { error.FileNotFound => return error.SkipZigTest, else => return err }`).
 */
function onlyOn(node: SyntaxNode, body: SyntaxNode): { only?: string[] } {
  for (let at = node.parent; at !== null && at.id !== body.id; at = at.parent) {
    const guard = at.type === 'switch_case' ? at.namedChildren.filter((c) => c.startIndex < node.startIndex && !c.text.includes('SkipZigTest') && c.type === 'error_type') : at.type === 'if_statement' || at.type === 'if_expression' ? (at.namedChildren[0] !== undefined && at.namedChildren[0].endIndex < node.startIndex ? descendants(at.namedChildren[0], new Set(['error_type'])) : []) : [];
    const names = guard.map((g) => g.text.replace(/^error\s*\.\s*/, '')).filter((n) => n !== 'SkipZigTest');
    if (names.length > 0) return { only: names };
  }
  return {};
}

/** A Rust skip limited to some errors: under a `match` arm or `if` that names an error kind or checks a path. */
function narrowRust(node: SyntaxNode, body: SyntaxNode): boolean {
  const specific = /\bErrorKind\b|\bNotFound\b|\.(exists|is_file|is_dir)\s*\(|\.kind\s*\(/;
  for (let at = node.parent; at !== null && at.id !== body.id; at = at.parent) {
    if (at.type === 'match_arm') {
      const pattern = at.childForFieldName('pattern');
      if (pattern !== null && specific.test(pattern.text)) return true;
    } else if (at.type === 'if_expression') {
      const condition = at.childForFieldName('condition');
      if (condition !== null && condition.endIndex <= node.startIndex && specific.test(condition.text)) return true;
    }
  }
  return false;
}

function zigTeeth(body: SyntaxNode, helperAsserts: (name: string) => boolean): Teeth {
  const teeth = empty();
  const visit = (node: SyntaxNode, looped: boolean): void => {
    if (ZIG_SKIP.has(node.type)) return;
    if (node.type === 'call_expression') {
      const name = zigCallee(node);
      if (name !== undefined && (name.startsWith('expect') || helperAsserts(name))) hit(teeth, node, looped);
    } else if (node.type === 'return_expression') {
      // `return;` ends the test as passed, `return error.SkipZigTest` skips it; any other error fails it.
      const value = node.namedChildren[0];
      const skip = value !== undefined && /\bSkipZigTest\b/.test(value.text);
      if (value === undefined || skip) teeth.returns.push({ at: node.startIndex, line: node.startPosition.row + 1, skip, ...(skip ? onlyOn(node, body) : {}) });
    }
    const inLoop = looped || ZIG_LOOPS.has(node.type);
    for (const child of node.namedChildren) visit(child, inLoop);
  };
  for (const child of body.namedChildren) visit(child, false);
  return teeth;
}

function zigSide(source: string): { tests: TestInfo[]; teeth: Map<number, Teeth> } {
  const tests = parseZig(source).tests;
  const root = parseText('zig', source).rootNode;
  const bodies = new Map<string, SyntaxNode[]>();
  for (const fn of descendants(root, new Set(['function_declaration']))) {
    const name = fn.namedChildren.find((c) => c.type === 'identifier')?.text;
    const block = fn.namedChildren.find((c) => c.type === 'block');
    if (name !== undefined && block !== undefined) bodies.set(name, [...(bodies.get(name) ?? []), block]);
  }
  const asserts = helperTable(bodies, (node, helper) => zigTeeth(node, helper).assertions > 0);
  const teeth = new Map<number, Teeth>();
  for (const test of descendants(root, new Set(['test_declaration']))) {
    const block = test.namedChildren.find((c) => c.type === 'block');
    teeth.set(test.startPosition.row + 1, block === undefined ? empty() : zigTeeth(block, asserts));
  }
  return { tests, teeth };
}

// ---- Rust ----

const RUST_LOOPS = new Set(['for_expression', 'while_expression', 'loop_expression', 'closure_expression']);
const RUST_SKIP = new Set(['function_item', 'impl_item', 'mod_item', 'trait_item', 'macro_definition']);
const ERR_CHECKS = new Set(['unwrap_err', 'expect_err']);

function isAssertMacro(name: string): boolean {
  return name.startsWith('assert') || name.startsWith('debug_assert') || name === 'panic' || name === 'unreachable';
}

function lastSegment(node: SyntaxNode | null): string {
  if (node === null) return '';
  return (node.text.split('::').pop() ?? '').replace(/^r#/, '').trim();
}

/** Assertions written inside a macro's token tree: `assert…!` and `.unwrap_err()`, and calls of asserting helpers. */
function tokenAssertions(tree: SyntaxNode, helper: (name: string) => boolean, macro: (name: string) => boolean): SyntaxNode[] {
  const found: SyntaxNode[] = [];
  const visit = (node: SyntaxNode): void => {
    const children = node.children;
    children.forEach((child, i) => {
      if (child.type === 'token_tree') return visit(child);
      if (child.type !== 'identifier') return;
      const next = children[i + 1];
      const previous = children[i - 1];
      if (next?.type === '!' && (isAssertMacro(child.text) || macro(child.text))) found.push(child);
      else if (previous?.type === '.' && ERR_CHECKS.has(child.text)) found.push(child);
      else if (next?.type === 'token_tree' && next.text.startsWith('(') && helper(child.text)) found.push(child);
    });
  };
  visit(tree);
  return found;
}

/** `free`: names whose plain or path call (not a method call: `.expect(…)` is Option's) is an assertion. */
function rustTeeth(body: SyntaxNode, helper: (name: string) => boolean, macro: (name: string) => boolean, free: (name: string) => boolean = () => false): Teeth {
  const teeth = empty();
  const visit = (node: SyntaxNode, looped: boolean, closure: boolean): void => {
    if (RUST_SKIP.has(node.type)) return;
    if (node.type === 'macro_invocation') {
      const name = lastSegment(node.childForFieldName('macro'));
      if (name === SKIP_MACRO && !closure) teeth.returns.push({ at: node.startIndex, line: node.startPosition.row + 1, skip: true, ...(narrowRust(node, body) ? { only: [] } : {}) });
      if (isAssertMacro(name) || macro(name)) return hit(teeth, node, looped);
      const tree = node.namedChildren.find((c) => c.type === 'token_tree');
      if (tree !== undefined) for (const token of tokenAssertions(tree, helper, macro)) hit(teeth, token, looped);
      return;
    }
    if (node.type === 'call_expression') {
      const fn = node.childForFieldName('function');
      if (fn !== null && fn.type === 'field_expression') {
        const field = fn.childForFieldName('field')?.text ?? '';
        if (ERR_CHECKS.has(field) || helper(field)) hit(teeth, node, looped);
      } else if (fn !== null && (helper(lastSegment(fn)) || free(lastSegment(fn)))) hit(teeth, node, looped);
    } else if (node.type === 'return_expression' && !closure) {
      // `return Err(…)` fails the test; `return;` and `return Ok(())` end it as passed.
      const value = node.namedChildren[0];
      if (value === undefined || !/^Err\b/.test(value.text)) teeth.returns.push({ at: node.startIndex, line: node.startPosition.row + 1, skip: false });
    }
    const inClosure = closure || node.type === 'closure_expression';
    const inLoop = looped || RUST_LOOPS.has(node.type);
    for (const child of node.namedChildren) visit(child, inLoop, inClosure);
  };
  for (const child of body.namedChildren) visit(child, false, false);
  return teeth;
}

/** The attribute items right before an item (comments aside). */
function attributesOf(node: SyntaxNode): string[] {
  const attrs: string[] = [];
  for (let prev = node.previousNamedSibling; prev !== null; prev = prev.previousNamedSibling) {
    if (prev.type === 'attribute_item') attrs.push(prev.text);
    else if (prev.type !== 'line_comment' && prev.type !== 'block_comment') break;
  }
  return attrs;
}

interface RustTest {
  line: number;
  teeth: Teeth;
}

function rustSide(source: string): Map<string, RustTest> {
  const root = parseText('rust', source).rootNode;
  const fns = descendants(root, new Set(['function_item']));
  const bodies = new Map<string, SyntaxNode[]>();
  for (const fn of fns) {
    const name = lastSegment(fn.childForFieldName('name'));
    const body = fn.childForFieldName('body');
    if (body !== null) bodies.set(name, [...(bodies.get(name) ?? []), body]);
  }
  const macroBodies = new Map<string, SyntaxNode[]>();
  for (const def of descendants(root, new Set(['macro_definition']))) {
    const name = lastSegment(def.childForFieldName('name'));
    macroBodies.set(name, [...(macroBodies.get(name) ?? []), def]);
  }
  const noHelper = (): boolean => false;
  const macro = helperTable(macroBodies, (node, self) => tokenAssertions(node, noHelper, self).length > 0);
  const zigStd = /\bzig_std\s*::\s*testing\b/.test(source);
  const checks = (name: string): boolean => zigStd && ZIG_STD_CHECKS.has(name);
  const helper: (name: string) => boolean = helperTable(bodies, (node, self) => rustTeeth(node, self, macro, checks).assertions > 0);
  const tests = new Map<string, RustTest>();
  for (const fn of fns) {
    const attrs = attributesOf(fn);
    if (!attrs.some((a) => /^#\[\s*(\w+::)*test\s*[\](]/.test(a))) continue;
    const name = lastSegment(fn.childForFieldName('name'));
    const body = fn.childForFieldName('body');
    if (tests.has(name) || body === null) continue;
    const teeth = rustTeeth(body, helper, macro, checks);
    if (attrs.some((a) => /\bshould_panic\b/.test(a))) hit(teeth, fn, false);
    tests.set(name, { line: fn.startPosition.row + 1, teeth });
  }
  return tests;
}

/** The assertions of each Zig test (see the rule above), by the test's first line. */
export function zigTestAssertions(zigSource: string): Map<number, number> {
  return new Map([...zigSide(zigSource).teeth].map(([line, teeth]) => [line, teeth.assertions]));
}

// ---- the comparison ----

/**
 * The Rust tests that lost the teeth of their Zig tests (see the rule above), in the Zig tests' order.
 * A Zig test with no Rust counterpart is left to the parity check.
 */
export function hollowTests(zigSource: string, rustSource: string): HollowTest[] {
  const zig = zigSide(zigSource);
  const rust = rustSide(rustSource);
  const names = rustTestNames(zig.tests);
  const out: HollowTest[] = [];
  zig.tests.forEach((test, i) => {
    const name = (names[i] as string).replace(/^r#/, '');
    const candidates = [name, name.startsWith('test_') ? name.slice(5) : `test_${name}`];
    const rustName = candidates.find((n) => rust.has(n));
    const z = zig.teeth.get(test.startLine);
    if (rustName === undefined || z === undefined) return;
    const r = rust.get(rustName)!;
    const base = { zigName: test.name, zigLine: test.startLine, rustName, rustLine: r.line, zigAssertions: z.assertions, rustAssertions: r.teeth.assertions };
    if (z.assertions > 0 && r.teeth.assertions === 0) out.push({ reason: 'no-assertions', ...base });
    else if (z.assertions >= FEWER_MIN && r.teeth.assertions * 2 < z.assertions && !r.teeth.looped) out.push({ reason: 'fewer-assertions', ...base });
    if (z.assertions === 0 || r.teeth.assertions === 0) return;
    const early = r.teeth.returns.filter((ret) => ret.at < r.teeth.first);
    const zigEarly = z.returns.filter((ret) => ret.at < z.first);
    const silent = early.find((ret) => !ret.skip);
    if (early.length > 0 && zigEarly.length === 0) out.push({ reason: 'early-return', ...base, returnLine: early[0]!.line });
    else if (silent !== undefined && zigEarly.some((ret) => ret.skip)) out.push({ reason: 'silent-skip', ...base, returnLine: silent.line });
    else {
      // The Zig skips only on some errors (a missing fixture) and fails on the others; the Rust skips on any.
      const narrow = zigEarly.filter((ret) => ret.skip && ret.only !== undefined);
      const broad = early.find((ret) => ret.skip && ret.only === undefined);
      if (narrow.length > 0 && narrow.length === zigEarly.filter((ret) => ret.skip).length && broad !== undefined) {
        out.push({ reason: 'broad-skip', ...base, returnLine: broad.line, skipsOn: [...new Set(narrow.flatMap((ret) => ret.only!))] });
      }
    }
  });
  return out;
}

/** One line that says what is wrong with a hollow test (for gate findings and reports). */
export function describeHollowTest(h: HollowTest): string {
  const zig = h.zigName === '' ? `test {} (line ${h.zigLine})` : `test "${h.zigName}" (line ${h.zigLine})`;
  const rust = `\`${h.rustName}\` (line ${h.rustLine})`;
  const n = (count: number): string => `${count} assertion${count === 1 ? '' : 's'}`;
  switch (h.reason) {
    case 'no-assertions':
      return `Zig ${zig} checks ${n(h.zigAssertions)}, but its Rust test ${rust} asserts nothing`;
    case 'fewer-assertions':
      return `Zig ${zig} checks ${n(h.zigAssertions)}, but its Rust test ${rust} only ${n(h.rustAssertions)} (fewer than half)`;
    case 'early-return':
      return `Rust test ${rust} can return at line ${h.returnLine} before its first assertion, where Zig ${zig} cannot (the Zig fails the test on that condition)`;
    case 'broad-skip':
      return `Rust test ${rust} skips on any error at line ${h.returnLine}, where Zig ${zig} skips only on ${(h.skipsOn ?? []).map((e) => `\`error.${e}\``).join(' or ')} and fails on the others`;
    case 'silent-skip':
      return `Rust test ${rust} returns at line ${h.returnLine} where Zig ${zig} skips (\`error.SkipZigTest\`): a bare return counts as a pass; skip with \`${SKIP_MACRO}!("reason")\``;
  }
}
