/**
 * The deterministic gate every port passes before reviewers see it: the Rust parses; every pub Zig
 * declaration and every Zig test has its counterpart (the parity check of the source layer); no silent
 * stubs (a `todo!()`/`unimplemented!()` body only where `todos` names it); std only; no file modules;
 * and the binary reaches the library by the crate's name.
 */
import { parity, rustNamesFor, rustTestNames } from 'migrate-kit';
import type { WorkItem } from 'migrate-kit';

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
}

const ALLOWED_ROOTS = new Set(['std', 'core', 'alloc', 'crate', 'self', 'super']);
const MAX_FINDINGS = 40;

export function gate(item: WorkItem, rust: string, todos: readonly string[], options: GateOptions): GateResult {
  const findings: string[] = [];
  if (rust.trim() === '') return { ok: false, findings: ['The Rust source is empty: port the whole file.'] };
  const result = parity(item, rust);
  for (const error of result.rustErrors.slice(0, 10)) findings.push(`Rust syntax error at line ${error.line}, column ${error.column}: ${error.message}.`);
  for (const gap of result.gaps) {
    const what = gap.kind === 'test' ? `test "${gap.zigName}"` : `pub ${gap.kind} ${gap.zigName}`;
    findings.push(
      gap.reason === 'missing'
        ? `Zig ${what} (line ${gap.line}) has no Rust counterpart: expected ${gap.kind === 'test' ? 'a #[test] fn' : 'an item'} named ${gap.expected.map((n) => `\`${n}\``).join(' or ')}.`
        : `Zig ${what} (line ${gap.line}) is pub, but its Rust counterpart \`${gap.expected[0]}\` is not: make it pub.`,
    );
  }
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
      findings.push(`Line ${i + 1} uses \`${use[1]}\`, which is not std or this crate: the crate depends on std only.`);
    }
    const extern = /^\s*extern\s+crate\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(line);
    if (extern !== null && !['std', 'core', 'alloc'].includes(extern[1]!)) findings.push(`Line ${i + 1} declares \`extern crate ${extern[1]}\`: the crate depends on std only.`);
    const mod = /^\s*(?:pub(?:\([^)]*\))?\s+)?mod\s+(r#)?([A-Za-z_][A-Za-z0-9_]*)\s*;/.exec(line);
    if (mod !== null) findings.push(`Line ${i + 1} declares the file module \`mod ${mod[2]};\`: the recipe writes the module tree; remove it (inline \`mod x { … }\` is fine).`);
    if (options.bin) {
      const crateUse = /\bcrate::([A-Za-z_][A-Za-z0-9_]*)/.exec(line);
      if (crateUse !== null && (options.modules ?? []).includes(crateUse[1]!)) {
        findings.push(`Line ${i + 1} reaches the library as \`crate::${crateUse[1]}\`; src/main.rs is a separate crate: write \`${options.crate}::${crateUse[1]}\`.`);
      }
    }
  }
  const capped = findings.length > MAX_FINDINGS ? [...findings.slice(0, MAX_FINDINGS), `… and ${findings.length - MAX_FINDINGS} more.`] : findings;
  return { ok: findings.length === 0, findings: capped };
}

/** A name declared in the file itself (an inline module, an enum whose variants are imported with `use Kind::*`). */
function isLocal(rust: string, name: string): boolean {
  return new RegExp(`\\b(?:mod|enum|struct|trait|type|union)\\s+${escape(name)}\\b`).test(rust);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The names the gate checks, as prompt text: `pub fn parseRequest` → `parse_request`, `test "x y"` → `x_y`. */
export function expectedNames(item: WorkItem): string {
  const lines: string[] = [];
  for (const decl of item.declarations) {
    const exported = decl.kind === 'fn' && decl.signature.startsWith('export ');
    if ((!decl.pub && !exported) || decl.kind === 'test') continue;
    const names = rustNamesFor(decl);
    lines.push(`- ${decl.kind} \`${decl.name}\` (line ${decl.startLine}) → \`${names[0]}\`${names.length > 1 ? ` (or ${names.slice(1).map((n) => `\`${n}\``).join(', ')})` : ''}`);
  }
  const tests = rustTestNames(item.tests);
  item.tests.forEach((test, i) => {
    const zig = test.form === 'anonymous' ? 'test {}' : test.form === 'identifier' ? `test ${test.name}` : `test "${test.name}"`;
    lines.push(`- ${zig} (line ${test.startLine}) → \`#[test] fn ${tests[i]}\``);
  });
  return lines.length > 0 ? lines.join('\n') : '(nothing public, no tests)';
}
