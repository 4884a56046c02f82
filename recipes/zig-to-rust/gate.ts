/**
 * The deterministic gate every port passes before reviewers see it: the Rust parses; every pub Zig
 * declaration and every Zig test has its counterpart (the parity check of the source layer); no silent
 * stubs (a `todo!()`/`unimplemented!()` body only where `todos` names it); std and zig_std only (zig_std's items
 * are the crate's dependency, never counted against the file); no file modules;
 * the binary reaches the library by the crate's name; and nothing escapes the crate (read on the syntax
 * tree, see `rustEscapes`): no `#[path]`, no `include*!` of files outside `src/`, no `env!`/`option_env!`,
 * no `extern crate`, no crate attributes (`#![…]` other than lint levels), and no `std::process::Command`,
 * `std::net`, `std::env::var` or `extern` blocks in test code unless the Zig does the same (or `todos`
 * justifies it); and tests keep their teeth (`hollowTests`: no assertion, far fewer, an early return, a
 * silent or too broad skip) unless `todos` names the test. Findings say which item kinds would count.
 */
import { posix } from 'node:path';
import { counterpartKinds, describeHollowTest, fileStructNames, hollowTests, isFileReexport, parity, returnsType, rustEscapes, rustNamesFor, rustTestNames, zigTestAssertions } from 'migrate-kit';
import type { ParityGap, RustEscape, RustItemKind, WorkItem } from 'migrate-kit';

export interface GateResult {
  ok: boolean;
  findings: string[];
}

export interface GateOptions {
  /** The crate's name as Rust code writes it. */
  crate: string;
  /** The file is the binary (`src/main.rs`). */
  bin: boolean;
  /** Top-level module names of the library (for `crate::x` in the binary). */
  modules?: readonly string[];
  /** The Rust file, relative to the crate (`src/http/header.rs`): `include*!` paths resolve against it. Default `src/lib.rs`. */
  rustPath?: string;
  /** The Zig source: test code may use processes, sockets or the environment where the Zig does. Default: it does not. */
  zigSource?: string;
}

/** Paths a port may `use`: std, this crate, and `zig_std` (the path dependency the recipe writes into every crate). */
const ALLOWED_ROOTS = new Set(['std', 'core', 'alloc', 'crate', 'self', 'super', 'zig_std']);
const MAX_FINDINGS = 40;

export function gate(item: WorkItem, rust: string, todos: readonly string[], options: GateOptions): GateResult {
  const findings: string[] = [];
  if (rust.trim() === '') return { ok: false, findings: ['The Rust source is empty: port the whole file.'] };
  const result = parity(item, rust);
  for (const error of result.rustErrors.slice(0, 10)) findings.push(`Rust syntax error at line ${error.line}, column ${error.column}: ${error.message}.`);
  for (const gap of result.gaps) findings.push(gapFinding(gap));
  const listed = todos.join('\n');
  for (const stub of result.stubs) {
    if (!new RegExp(`\\b${escape(stub.name)}\\b`).test(listed)) {
      findings.push(`fn \`${stub.name}\` (line ${stub.startLine}) is only todo!()/unimplemented!() but \`todos\` does not name it: port it, or list it in todos with a TODO(port) comment saying why.`);
    }
  }
  const roots = new Set(options.bin ? [...ALLOWED_ROOTS, options.crate] : ALLOWED_ROOTS);
  for (const [i, line] of rust.split('\n').entries()) {
    const use = /^\s*(?:pub(?:\([^)]*\))?\s+)?use\s+(?:::)?([A-Za-z_][A-Za-z0-9_]*)\s*(?:::|;|\s+as\b)/.exec(line);
    if (use !== null && !roots.has(use[1]!) && !isLocal(rust, use[1]!)) {
      findings.push(`Line ${i + 1} uses \`${use[1]}\`, which is not std, zig_std or this crate: the crate depends on std and zig_std only.`);
    }
    const mod = /^\s*(?:pub(?:\([^)]*\))?\s+)?mod\s+(r#)?([A-Za-z_][A-Za-z0-9_]*)\s*;/.exec(line);
    if (mod !== null) findings.push(`Line ${i + 1} declares the file module \`mod ${mod[2]};\`: the recipe writes the module tree; remove it (inline \`mod x { … }\` is fine).`);
    if (options.bin) {
      const crateUse = /\bcrate::([A-Za-z_][A-Za-z0-9_]*)/.exec(line);
      if (crateUse !== null && (options.modules ?? []).includes(crateUse[1]!)) {
        findings.push(`Line ${i + 1} reaches the library as \`crate::${crateUse[1]}\`; src/main.rs is a separate crate: write \`${options.crate}::${crateUse[1]}\`.`);
      }
    }
  }
  findings.push(...escapeFindings(rustEscapes(rust), todos, options));
  if (options.zigSource !== undefined) findings.push(...testFindings(options.zigSource, rust, listed));
  const capped = findings.length > MAX_FINDINGS ? [...findings.slice(0, MAX_FINDINGS), `… and ${findings.length - MAX_FINDINGS} more.`] : findings;
  return { ok: findings.length === 0, findings: capped };
}

/** How a Rust item kind is named in findings. */
const KIND_NAMES: Partial<Record<RustItemKind, string>> = { type: 'type alias', mod: 'module', static: 'static', const: 'const' };

/** `a fn, struct, type alias, enum or trait` (a `use` counts as a `pub use` of one). */
export function kindsText(kinds: readonly RustItemKind[]): string {
  const named = kinds.filter((k) => k !== 'use' && k !== 'impl').map((k) => KIND_NAMES[k] ?? k);
  const list = named.length <= 1 ? (named[0] ?? 'item') : `${named.slice(0, -1).join(', ')} or ${named[named.length - 1]}`;
  return `${/^[aeiou]/.test(list) ? 'an' : 'a'} ${list}`;
}

function gapFinding(gap: ParityGap): string {
  const names = gap.expected.map((n) => `\`${n}\``).join(' or ');
  if (gap.fileStruct === true) {
    return gap.reason === 'missing'
      ? `The Zig file has top-level fields (line ${gap.line}), so it is a struct: expected \`pub struct ${gap.expected[0]}\` (${kindsText(gap.accepts ?? ['struct'])} named ${names}) holding those fields, with the file's pub fns as its methods.`
      : `The Zig file is a struct (top-level fields, line ${gap.line}), but its Rust struct \`${gap.expected[0]}\` is not pub: make it pub.`;
  }
  const what = gap.kind === 'test' ? `test "${gap.zigName}"` : `pub ${gap.kind} ${gap.zigName}`;
  if (gap.reason === 'not-pub') return `Zig ${what} (line ${gap.line}) is pub, but its Rust counterpart \`${gap.expected[0]}\` is not: make it pub.`;
  if (gap.kind === 'test') return `Zig ${what} (line ${gap.line}) has no Rust counterpart: expected a #[test] fn named ${names}.`;
  const kinds = gap.accepts ?? ['fn'];
  const member = gap.kind === 'fn' ? 'method' : 'associated const';
  const method = gap.methodOf !== undefined ? `, or a pub ${member} ${names} in \`impl ${gap.methodOf[0]}\` (the file is a struct)` : '';
  const reexport = kinds.includes('use') ? ' (a `pub use` of one counts too)' : '';
  return `Zig ${what} (line ${gap.line}) has no Rust counterpart: expected ${kindsText(kinds)} named ${names}${method}${reexport}.`;
}

/** The gate's findings for tests that lost their teeth (see `hollowTests`); a test named in `todos` is let through. */
function testFindings(zigSource: string, rust: string, listed: string): string[] {
  const findings: string[] = [];
  for (const h of hollowTests(zigSource, rust)) {
    if (new RegExp(`\\b${escape(h.rustName)}\\b`).test(listed)) continue;
    const fix =
      h.reason === 'early-return'
        ? 'Let the test fail there instead (`.unwrap()`/`.expect("…")` or `?` on the Zig\'s `try`; `zig_skip!` only where the Zig returns `error.SkipZigTest`), or name the test in `todos` saying why it may stop early.'
        : h.reason === 'silent-skip'
          ? 'Replace the `return` with `zig_skip!("<why>")`, or name the test in `todos` saying why.'
          : h.reason === 'broad-skip'
            ? 'Skip only on that error (`Err(e) if e.kind() == std::io::ErrorKind::NotFound => zig_skip!(…)`) and fail on the others (`Err(e) => panic!(…)`), or name the test in `todos` saying why.'
          : 'Port each Zig `expect…` as an assertion (`assert!`, `assert_eq!`, `assert!(matches!(…))`, `.unwrap_err()`, `#[should_panic]`; a helper that asserts counts per call, an assertion in a loop over the cases counts for them all), or name the test in `todos` saying why.';
    findings.push(`${describeHollowTest(h)}. ${fix}`);
  }
  return findings;
}

/** A name declared in the file itself (an inline module, an enum whose variants are imported with `use Kind::*`). */
function isLocal(rust: string, name: string): boolean {
  return new RegExp(`\\b(?:mod|enum|struct|trait|type|union)\\s+${escape(name)}\\b`).test(rust);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The names the gate checks, as prompt text: `pub fn parseRequest` → `parse_request`, `test "x y"` → `x_y`.
 * With the Zig source, each test also says how many assertions the gate expects to keep.
 */
export function expectedNames(item: WorkItem, zigSource?: string): string {
  const lines: string[] = [];
  const structNames = item.fileFields.length > 0 ? fileStructNames(item.path) : [];
  if (structNames.length > 0) {
    lines.push(`- the file itself (top-level fields from line ${item.fileFields[0]!.line}) is a struct → \`pub struct ${structNames[0]}\`; its pub fns may be its methods (\`impl ${structNames[0]} { pub fn … }\`), no module-level forwarding fns needed`);
  }
  for (const decl of item.declarations) {
    const exported = decl.kind === 'fn' && decl.signature.startsWith('export ');
    if ((!decl.pub && !exported) || decl.kind === 'test') continue;
    if (isFileReexport(decl)) {
      lines.push(`- const \`${decl.name}\` (line ${decl.startLine}) re-exports \`@import("${decl.importSpec}")\` → nothing to write: the module tree the recipe writes provides that module (do not add \`pub use\` or \`mod\` for it)`);
      continue;
    }
    const names = rustNamesFor(decl);
    const kinds = returnsType(decl) ? ` (returns a type: ${kindsText(counterpartKinds(decl))} counts)` : '';
    lines.push(`- ${decl.kind} \`${decl.name}\` (line ${decl.startLine}) → \`${names[0]}\`${names.length > 1 ? ` (or ${names.slice(1).map((n) => `\`${n}\``).join(', ')})` : ''}${kinds}`);
  }
  const tests = rustTestNames(item.tests);
  const assertions = zigSource !== undefined && item.tests.length > 0 ? zigTestAssertions(zigSource) : undefined;
  item.tests.forEach((test, i) => {
    const zig = test.form === 'anonymous' ? 'test {}' : test.form === 'identifier' ? `test ${test.name}` : `test "${test.name}"`;
    const n = assertions?.get(test.startLine) ?? 0;
    const keep = n > 0 ? ` (${n} \`expect\` call${n === 1 ? '' : 's'}: keep ${n === 1 ? 'it as an assertion' : 'them as assertions'})` : '';
    lines.push(`- ${zig} (line ${test.startLine}) → \`#[test] fn ${tests[i]}\`${keep}`);
  });
  return lines.length > 0 ? lines.join('\n') : '(nothing public, no tests)';
}

/** Inner attributes that only set lint levels or document the module: harmless in a module file. */
const LINT_ATTRIBUTES = new Set(['allow', 'warn', 'deny', 'forbid', 'expect', 'doc', 'rustfmt::skip', 'clippy::all']);

const CAPABILITIES = {
  process: {
    what: 'spawns processes',
    zig: /\b(ChildProcess|Child\.(init|run|exec)|execve?|execvpe?|fork)\b/,
    todo: /\b(Command|process|spawn)\b/i,
    zigName: 'std.process.Child',
  },
  net: {
    what: 'opens network connections',
    zig: /\bstd\.(net|http)\b|\bnet\.(Stream|Address|StreamServer|Server|tcpConnect\w*)\b|\bsocket\s*\(/,
    todo: /\b(net|network|socket|tcp|udp)\b/i,
    zigName: 'std.net',
  },
  'env-var': {
    what: 'reads the environment',
    zig: /\b(getEnvVarOwned|getEnvMap|hasEnvVar\w*|getenv|environ)\b/,
    todo: /\b(env|environment|var)\b/i,
    zigName: 'std.process.getEnvVarOwned / std.posix.getenv',
  },
  'extern-block': {
    what: 'calls the C library directly',
    zig: /\bextern\b|@cImport|callconv/,
    todo: /\b(extern|ffi|libc|C library)\b/i,
    zigName: 'extern / @cImport',
  },
} as const;

/** The gate's findings for what reaches beyond the crate. */
function escapeFindings(escapes: readonly RustEscape[], todos: readonly string[], options: GateOptions): string[] {
  const findings: string[] = [];
  const rustPath = options.rustPath ?? 'src/lib.rs';
  const zig = options.zigSource ?? '';
  const listed = todos.join('\n');
  const seen = new Set<string>();
  for (const e of escapes) {
    const at = `Line ${e.line}`;
    let finding: string | undefined;
    switch (e.kind) {
      case 'path-attribute':
        finding = `${at} has a \`#[path = …]\` attribute: it makes a module read any file on the machine. The recipe writes the module tree; remove it.`;
        break;
      case 'inner-attribute':
        if (e.name !== 'path' && !LINT_ATTRIBUTES.has(e.name)) {
          finding = `${at} has the inner attribute \`#![${e.name}…]\`: crate attributes change how the whole crate builds and belong to the recipe's crate root, not a ported file. Remove it (lint levels such as \`#![allow(…)]\` are fine).`;
        }
        break;
      case 'include': {
        const target = e.path === undefined ? undefined : posix.normalize(posix.join(posix.dirname(rustPath), e.path));
        if (e.path === undefined) finding = `${at} uses \`${e.name}!\` with something other than a plain string literal: only a literal path to a file inside src/ may be included.`;
        else if (posix.isAbsolute(e.path) || target === undefined || !target.startsWith('src/')) {
          finding = `${at} uses \`${e.name}!("${e.path}")\`, which reads ${posix.isAbsolute(e.path) ? 'a file outside the crate' : `\`${target}\`, outside src/`}: a port may include only files inside src/. Remove it or inline the data.`;
        }
        break;
      }
      case 'env-macro':
        finding = `${at} uses \`${e.name}!\`: it compiles a variable of the build's environment (where API keys and tokens live) into the code. Remove it; use a constant, or read configuration at run time where the Zig does.`;
        break;
      case 'extern-crate':
        finding = `${at} declares \`extern crate ${e.name}\`: the crate depends on std and zig_std only and needs no \`extern crate\`; remove it.`;
        break;
      case 'process':
      case 'net':
      case 'env-var':
      case 'extern-block': {
        if (!e.test) break;
        const cap = CAPABILITIES[e.kind];
        if (cap.zig.test(zig) || cap.todo.test(listed)) break;
        finding = `${at}: test code uses \`${e.kind === 'extern-block' ? 'extern { … }' : e.name}\`, which ${cap.what}, but the Zig source does not (no ${cap.zigName}). Tests must not reach the network, spawn processes or read the environment unless the Zig tests do: remove it, or justify it in \`todos\`.`;
        break;
      }
    }
    if (finding !== undefined && !seen.has(finding)) {
      seen.add(finding);
      findings.push(finding);
    }
  }
  return findings;
}
