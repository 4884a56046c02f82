import { describe, expect, it } from 'vitest';
import type { Diagnostic, FailureAttribution } from '../../../src/index.js';
import { diagnosticsText, errorSignature, failureSignature, failuresText, isPending, missingModules, normalizeTestOutput, sortDiagnostics } from '../../../recipes/zig-to-rust/fix-support.js';
import { buildLayout } from '../../../recipes/zig-to-rust/layout.js';

function diag(code: string, message: string, file: string, line: number, label?: string): Diagnostic {
  const primary = { file, inCrate: true, line, column: 5, endLine: line, endColumn: 9, byteStart: 0, byteEnd: 4, isPrimary: true, ...(label ? { label } : {}) };
  return { level: 'error', rawLevel: 'error', code, message, rendered: `error[${code}]: ${message}\n --> ${file}:${line}:5\n`, file, primary, spans: [primary], children: [], suggestions: [], targets: [], sources: ['build'] };
}

describe('pending errors (references to files not ported yet)', () => {
  const layout = buildLayout(['util.zig', 'http/header.zig', 'http/request.zig', 'store.zig'], 'minihttp');
  const missing = missingModules(layout, new Set(['http/header.zig', 'http/request.zig']));

  it('lists the module paths of the files not in the crate', () => {
    expect(missing.sort()).toEqual([['store'], ['util']]);
  });

  it('recognises unresolved imports and paths that name a missing module', () => {
    expect(isPending(diag('E0432', 'unresolved import `crate::util`', 'src/http/header.rs', 2, 'could not find `util` in the crate root'), missing, 'minihttp')).toBe(true);
    expect(isPending(diag('E0432', 'unresolved import `crate::util::Pair`', 'src/http/header.rs', 2), missing, 'minihttp')).toBe(true);
    expect(isPending(diag('E0433', 'failed to resolve: could not find `store` in the crate root', 'src/http/request.rs', 9), missing, 'minihttp')).toBe(true);
    expect(isPending(diag('E0433', 'failed to resolve: use of undeclared crate or module `minihttp`', 'src/main.rs', 1, 'could not find `minihttp::store`'), missing, 'minihttp')).toBe(true);
  });

  it('leaves real errors to the fixers', () => {
    expect(isPending(diag('E0308', 'mismatched types: expected `util`', 'src/http/header.rs', 3), missing, 'minihttp')).toBe(false);
    expect(isPending(diag('E0432', 'unresolved import `crate::http::header::Missing`', 'src/http/request.rs', 3), missing, 'minihttp')).toBe(false);
    expect(isPending(diag('E0432', 'unresolved import `crate::util`', 'src/http/header.rs', 2), [], 'minihttp')).toBe(false);
  });
});

describe('what a fixer is shown', () => {
  it('sorts and deduplicates diagnostics so the same build asks the same question', () => {
    const a = diag('E0308', 'mismatched types', 'src/a.rs', 20);
    const b = diag('E0425', 'cannot find value `x`', 'src/a.rs', 3);
    expect(sortDiagnostics([a, b, a])).toEqual([b, a]);
    expect(diagnosticsText([a, b])).toBe(diagnosticsText([b, a]));
    expect(errorSignature([a, b])).toBe(errorSignature([b, { ...a, primary: { ...a.primary!, line: 99 } }]));
    const many = Array.from({ length: 35 }, (_, i) => diag('E0308', `m${i}`, 'src/a.rs', i + 1));
    expect(diagnosticsText(many)).toMatch(/… and 5 more errors in this file/);
  });

  it("drops libtest's thread ids and timings from failure output", () => {
    const output = "thread 'stack::tests::push' (18383) panicked at src/stack.rs:80:9:\nassertion `left == right` failed\n  left: 4\n right: 5";
    expect(normalizeTestOutput(output)).toBe("thread 'stack::tests::push' panicked at src/stack.rs:80:9:\nassertion `left == right` failed\n  left: 4\n right: 5");
    const failure = (test: string, id: number): FailureAttribution => ({
      test,
      binary: { kind: 'lib', name: 'calc' },
      file: 'src/stack.rs',
      files: ['src/stack.rs'],
      failure: { name: test, output: output.replace('18383', String(id)), message: 'assertion failed' },
    });
    expect(failuresText([failure('b', 1), failure('a', 2)])).toBe(failuresText([failure('a', 7), failure('b', 9)]));
    expect(failuresText([failure('a', 1)])).toContain("### a\n\n```\nthread 'stack::tests::push' panicked");
    expect(failureSignature([failure('a', 1)])).toBe(failureSignature([failure('a', 2)]));
  });
});
