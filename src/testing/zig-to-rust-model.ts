/**
 * A scripted model for the zig-to-rust recipe, built from a fixture directory: it answers every task of
 * the recipe from a golden crate, and injects faults the way a real model makes mistakes. For end-to-end
 * tests of the recipe (or of an ejected copy) against the fake server or a ScriptedProvider.
 *
 * Fixture layout (see fixtures/zig-to-rust/README.md):
 *
 * ```
 * golden/src/<rel>.rs          the answer to `port` / `revise` / `repair` of the file whose Output is src/<rel>.rs
 * fields.json                  { "<zig path>": { "fields": [ …field-map rows… ] } }
 * faults/<rel>.no-compile.rs   served for the first port; <rel>.no-compile.fix.json answers `fix-build`
 * faults/<rel>.fails-test.rs   served for the first port; <rel>.fails-test.fix.json answers `fix-test`
 * faults/<rel>.rejected.rs     served for the first port; <rel>.rejected.review.json is the behaviour review
 * faults/malformed-answer.txt  served once (first try) for the task named by `malformed`
 * faults/<rel>.deviation.rs    with `deviation: true`: the port (and what repairs and revisions aim at) instead of the
 *                              golden file — it builds and passes the tests but behaves differently from the Zig; the
 *                              `fix-deviation` fixer answers edits back to the golden file
 * ```
 *
 * With `fixes: false` the fixers (and the porter's repairs of compile errors) answer no edits, so the faults stay
 * (a crate that does not build).
 *
 * Every recipe task starts with `Task:`, `Step:`, `File:` (and `Output:`) lines; the model reads them. Revise and
 * repair are answered with edits that turn the current port (read from the prompt's line-numbered Rust) into the
 * golden file; `revise-file`/`repair-file` (the whole-file fallback) with the golden file. A file ported in parts
 * gets the whole golden file as its first part and nothing for the others (the recipe joins the parts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelRequest } from '../model/types.js';
import type { ScriptedAnswer, ScriptedCall } from '../model/scripted-provider.js';
import { contentText } from './fake-anthropic-messages.js';
import type { FakeAnswer, FakeRequest } from './fake-anthropic-types.js';

export interface ZigToRustModelOptions {
  /** Serve `faults/malformed-answer.txt` as the first answer of this task. Default: none. */
  malformed?: { step: 'port' | 'map-fields'; file: string };
  /** Inject the faults in `faults/`. Default true. */
  faults?: boolean;
  /**
   * Answer `fix-build` and `fix-test` with the fault's fix. Default true; false: a fixer that never fixes
   * (no edits), so an injected compile error or failing test stays and the run must not report success.
   */
  fixes?: boolean;
  /**
   * Port files that have a `faults/<rel>.deviation.rs` as that file (a behaviour change no ported test catches),
   * for differential checking to find; `fix-deviation` answers edits back to golden. Default false.
   */
  deviation?: boolean;
}

/** The header of a task prompt. */
export interface TaskHeader {
  task: string;
  step: string;
  file: string;
  output?: string;
  angle?: string;
  round?: number;
  /** Ports in parts: this part's index and the number of parts. */
  part?: number;
  parts?: number;
  /** Repairs: `gate` or `compile`. */
  reason?: string;
}

/** Reads `Task:`/`Step:`/`File:`/`Output:`/`Angle:`/`Round:` lines from the text of a task prompt. */
export function parseTaskHeader(text: string): TaskHeader | undefined {
  const line = (name: string): string | undefined => new RegExp(`^${name}: (.+)$`, 'm').exec(text)?.[1]?.trim();
  const task = line('Task');
  const step = line('Step');
  const file = line('File');
  if (task === undefined || step === undefined || file === undefined) return undefined;
  const output = line('Output');
  const angle = line('Angle');
  const round = line('Round');
  const part = /^Part: (\d+) of (\d+)$/m.exec(text);
  const reason = line('Reason');
  return {
    task,
    step,
    file,
    ...(output !== undefined ? { output } : {}),
    ...(angle !== undefined ? { angle } : {}),
    ...(round !== undefined ? { round: Number(round) } : {}),
    ...(part !== null ? { part: Number(part[1]), parts: Number(part[2]) } : {}),
    ...(reason !== undefined ? { reason } : {}),
  };
}

export interface ModelAnswer {
  /** A JSON answer, or raw text (a malformed answer). */
  json?: unknown;
  text?: string;
}

export class ZigToRustGoldenModel {
  private readonly fields: Record<string, { fields: unknown[] }>;

  constructor(
    readonly dir: string,
    private readonly options: ZigToRustModelOptions = {},
  ) {
    this.fields = JSON.parse(readFileSync(join(dir, 'fields.json'), 'utf8')) as Record<string, { fields: unknown[] }>;
  }

  private read(path: string): string | undefined {
    const file = join(this.dir, path);
    return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  }

  private fault(rel: string, kind: 'no-compile' | 'fails-test' | 'rejected'): string | undefined {
    return this.options.faults === false ? undefined : this.read(`faults/${rel}.${kind}.rs`);
  }

  private golden(rel: string): string {
    const text = this.read(`golden/src/${rel}.rs`);
    if (text === undefined) throw new Error(`zig-to-rust golden model: no golden/src/${rel}.rs in ${this.dir}`);
    return text;
  }

  /** What ports, repairs and revisions of `rel` aim at: the deviation fault when enabled, else the golden file. */
  private target(rel: string): string {
    return (this.options.deviation === true ? this.read(`faults/${rel}.deviation.rs`) : undefined) ?? this.golden(rel);
  }

  /**
   * The answer to one request: `prompt` is the text of the first user message (context blocks and the
   * task), `retry` whether this is a schema retry (the conversation has more than one message).
   */
  answer(prompt: string, retry: boolean): ModelAnswer {
    const head = parseTaskHeader(prompt);
    if (head === undefined) throw new Error(`zig-to-rust golden model: the prompt has no Task/Step/File header:\n${prompt.slice(0, 300)}`);
    const rel = head.output?.replace(/^src\//, '').replace(/\.rs$/, '') ?? head.file.replace(/\.zig$/, '');
    const malformed = this.options.malformed;
    if (malformed !== undefined && !retry && malformed.step === head.step && malformed.file === head.file) {
      return { text: this.read('faults/malformed-answer.txt') ?? '{' };
    }
    switch (head.step) {
      case 'map-fields':
        return { json: { fields: this.fields[head.file]?.fields ?? [] } };
      case 'reconcile-fields': {
        // Each row shown (`- file F, struct S, field X: …`) as fields.json has it; rows it lacks keep their class.
        const shown = [...prompt.matchAll(/^- file (\S+), struct (\S+), field (\S+?):/gm)];
        const rows = shown.flatMap(([, file, struct, field]) => {
          const golden = (this.fields[file!]?.fields ?? []) as Array<{ struct: string; field: string }>;
          const row = golden.find((r) => r.struct === struct && r.field === field);
          return row === undefined ? [] : [{ ...row, file }];
        });
        return { json: { fields: rows } };
      }
      case 'refute-fields':
        return { json: { votes: [] } }; // the golden field map stands: no vote to overturn
      case 'port': {
        if (head.part !== undefined && head.part > 1) return { json: { rust_source: '', todos: [], confidence: 0.9 } };
        const source = this.fault(rel, 'no-compile') ?? this.fault(rel, 'fails-test') ?? this.fault(rel, 'rejected') ?? this.target(rel);
        return { json: { rust_source: source, todos: [], confidence: 0.9 } };
      }
      case 'repair':
      case 'revise': {
        if (head.reason === 'compile' && this.options.fixes === false) return { json: { edits: [] } };
        const current = currentPort(prompt);
        if (current === undefined) throw new Error(`zig-to-rust golden model: no line-numbered Rust port in the ${head.step} prompt of ${head.file}`);
        return { json: { edits: editsBetween(current, this.target(rel)) } };
      }
      case 'repair-file':
      case 'revise-file':
        return { json: { rust_source: this.target(rel), todos: [], confidence: 0.95 } };
      case 'fix-deviation': {
        if (this.options.fixes === false) return { json: { edits: [] } };
        const current = currentPort(prompt);
        if (current === undefined) throw new Error(`zig-to-rust golden model: no line-numbered Rust port in the fix-deviation prompt of ${head.file}`);
        return { json: { edits: editsBetween(current, this.golden(rel)) } };
      }
      case 'review-behaviour':
      case 'review-ownership': {
        const rejected = this.fault(rel, 'rejected');
        const review = this.read(`faults/${rel}.rejected.review.json`);
        // The port under review (not the diff a later round also shows) still has the fault.
        const current = currentPort(prompt) ?? prompt;
        if (head.step === 'review-behaviour' && rejected !== undefined && review !== undefined && current.includes(distinctLine(rejected, this.golden(rel)))) {
          return { json: JSON.parse(review) as unknown };
        }
        return { json: { verdict: 'approve', findings: [] } };
      }
      case 'fix-build':
      case 'fix-test': {
        if (this.options.fixes === false) return { json: { edits: [] } };
        const fix = this.read(`faults/${rel}.${head.step === 'fix-build' ? 'no-compile' : 'fails-test'}.fix.json`);
        const edits = fix === undefined ? [] : (JSON.parse(fix) as { edits: Array<{ old: string; new: string }> }).edits;
        const current = currentPort(prompt) ?? prompt;
        return { json: { edits: edits.length > 0 && current.includes(edits[0]!.old) ? edits : [] } };
      }
      default:
        throw new Error(`zig-to-rust golden model: unknown step "${head.step}"`);
    }
  }

  /** An answer function for `startFakeAnthropicServer({ answer })`. */
  forFakeServer(): (req: FakeRequest) => FakeAnswer {
    return (req) => {
      const messages = Array.isArray(req.body['messages']) ? (req.body['messages'] as Array<{ content: unknown }>) : [];
      const first = contentText(messages[0]?.content);
      const answer = this.answer(first, messages.length > 1);
      return answer.json !== undefined ? { json: answer.json } : { text: answer.text ?? '' };
    };
  }

  /** A script for `runWithScript` / `ScriptedProvider`. */
  forScript(): (call: ScriptedCall) => ScriptedAnswer {
    return (call) => {
      const request: ModelRequest = call.request;
      const answer = this.answer(contentText(request.messages[0]?.content), request.messages.length > 1);
      return answer.json !== undefined ? { json: answer.json } : { text: answer.text ?? '' };
    };
  }
}

/** A line of `changed` that `original` does not have (what tells the faulty version apart). */
function distinctLine(changed: string, original: string): string {
  const lines = new Set(original.split('\n'));
  return changed.split('\n').find((line) => line.trim() !== '' && !lines.has(line)) ?? changed;
}

/**
 * The current Rust port in a prompt: the last fenced `rust` block whose lines are all line-numbered (`  12| …`),
 * without its numbers.
 */
export function currentPort(prompt: string): string | undefined {
  let found: string | undefined;
  for (const match of prompt.matchAll(/^(`{3,})rust\n([\s\S]*?)\n\1$/gm)) {
    const lines = match[2]!.split('\n');
    if (lines.length === 0 || !lines.every((line) => /^ *\d+\| ?/.test(line))) continue;
    found = `${lines.map((line) => line.replace(/^ *\d+\| ?/, '')).join('\n')}\n`;
  }
  return found;
}

function count(text: string, part: string): number {
  let n = 0;
  for (let at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) n++;
  return n;
}

/** One exact edit that turns `from` into `to` (the differing lines, with context until `old` is unique); none when equal. */
export function editsBetween(from: string, to: string): Array<{ old: string; new: string }> {
  if (from === to) return [];
  const a = from.split('\n');
  const b = to.split('\n');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  let start = head;
  let endA = a.length - tail;
  let endB = b.length - tail;
  for (;;) {
    const old = a.slice(start, endA).join('\n');
    if ((old.trim() !== '' && count(from, old) === 1) || (start === 0 && endA === a.length)) {
      return [{ old, new: b.slice(start, endB).join('\n') }];
    }
    if (start > 0) start--;
    if (endA < a.length) {
      endA++;
      endB++;
    }
  }
}
