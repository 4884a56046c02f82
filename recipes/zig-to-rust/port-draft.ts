/**
 * The first stage of the port pipeline: the port itself (in parts for long files) and the deterministic
 * gate, whose findings go back to the porter a bounded number of times; also the revision step the
 * review stage reuses, and the types of the phase.
 */
import { readFile } from 'node:fs/promises';
import { chunkFile } from 'migrate-kit';
import type { ContextBlock, ProjectIndex, RecipeContext, WorkItem } from 'migrate-kit';
import { applyEdits, describeProblems } from './edits.js';
import type { FieldRow } from './field-map.js';
import { expectedNames, gate, type GateResult } from './gate.js';
import { bare, topModules, type Layout } from './layout.js';
import { chunkNote, fieldsText, importsText, portMaxTokens, summariesText, timeoutFor, type FileContext } from './port-context.js';
import { fenced, header, type Prompts } from './prompts.js';
import type { OutputFiles } from './output-files.js';
import { fixSchema, portSchema } from './schemas.js';
import type { UsageBook } from './usage.js';

export type PortOutcome = 'approved' | 'unapproved' | 'failed' | 'skipped';

export interface ReviewerVerdict {
  angle: 'behaviour' | 'ownership';
  verdict: 'approve' | 'revise';
  findings: number;
}

export interface PortResult {
  path: string;
  output?: string;
  outcome: PortOutcome;
  rust?: string;
  todos: string[];
  confidence?: number;
  reviewers: ReviewerVerdict[];
  reviewRounds: number;
  warnings: string[];
  error?: string;
}

export interface PortEnv {
  ctx: RecipeContext<any>;
  prompts: Prompts;
  out: string;
  /** Writes the ports and records what was written. */
  files: OutputFiles;
  crate: string;
  layout: Layout;
  index: ProjectIndex;
  rows: readonly FieldRow[];
  wholeMapInPrefix: boolean;
  usage: UsageBook;
  system: string;
  prefix: ContextBlock[];
  reviseRounds: number;
  gateRetries: number;
  chunkLines: number;
  reviewModel?: string;
}

async function fileContext(env: PortEnv, item: WorkItem): Promise<FileContext> {
  const entry = env.layout.entries.get(item.path)!;
  const source = await readFile(item.absPath, 'utf8');
  const modules = topModules(env.layout);
  return {
    item,
    source,
    rustPath: entry.rust,
    bin: entry.bin,
    moduleNote: entry.bin
      ? `the binary's root. It is a separate crate: reach the library's modules as \`${env.crate}::<module>\` (its modules: ${modules.map((m) => `\`${m}\``).join(', ') || 'none'}), never \`crate::<module>\`.`
      : `the module \`crate::${entry.modulePath.join('::')}\`.`,
    gateOptions: { crate: env.crate, bin: entry.bin, modules: modules.map(bare), rustPath: entry.rust, zigSource: source },
    names: expectedNames(item),
    imports: importsText(item, env.layout, entry.bin),
    fields: fieldsText(item, env.rows, env.index, env.wholeMapInPrefix),
    summaries: summariesText(item, env.index),
  };
}

export interface Draft {
  file: FileContext;
  rust: string;
  todos: string[];
  confidence: number;
  /** Ported in parts: later changes come as edits. */
  parts: number;
  gate: GateResult;
  warnings: string[];
}

export function agentOptions(env: PortEnv, label: string, item: string, extra: { maxTokens?: number; model?: string } = {}) {
  const maxTokens = extra.maxTokens ?? 8192;
  return {
    label,
    system: env.system,
    context: env.prefix,
    maxTokens,
    timeoutMs: timeoutFor(maxTokens),
    onUsage: env.usage.recorder(item),
    ...(extra.model !== undefined ? { model: extra.model } : {}),
  };
}

/** Stage 1: the first port and the gate, with the gate's findings sent back a bounded number of times. */
export async function draftPort(env: PortEnv, item: WorkItem): Promise<Draft> {
  const file = await fileContext(env, item);
  const chunks = chunkFile(item, file.source, { maxLines: env.chunkLines });
  const warnings = item.parseErrors.length > 0 ? [`the Zig parser reported ${item.parseErrors.length} syntax error(s) (first at line ${item.parseErrors[0]!.line}: ${item.parseErrors[0]!.message}); the port may miss declarations`] : [];
  const answers = await Promise.all(
    chunks.map((chunk) => {
      const part = chunkNote(chunk, item.lines);
      const label = `port ${item.path}${chunk.count > 1 ? ` (part ${chunk.index} of ${chunk.count})` : ''}`;
      const prompt = env.prompts.render('port', {
        header: header(label, 'port', item.path, { Output: file.rustPath, ...(chunk.count > 1 ? { Part: `${chunk.index} of ${chunk.count}` } : {}) }),
        zig_path: item.path,
        rust_path: file.rustPath,
        module_note: file.moduleNote,
        part_note: part.note,
        names: file.names,
        imports: file.imports,
        fields: file.fields,
        summaries: file.summaries,
        part_title: part.title,
        source: fenced(chunk.text, 'zig'),
        part_answer: part.answer,
      });
      return env.ctx.agent(prompt, { ...agentOptions(env, label, item.path, { maxTokens: portMaxTokens(chunk.text) }), schema: portSchema });
    }),
  );
  const rust = answers.map((a) => a.rust_source.replace(/\s+$/, '')).join('\n\n') + '\n';
  const draft: Draft = {
    file,
    rust,
    todos: answers.flatMap((a) => a.todos),
    confidence: Math.min(...answers.map((a) => a.confidence)),
    parts: chunks.length,
    gate: gate(item, rust, answers.flatMap((a) => a.todos), file.gateOptions),
    warnings,
  };
  await repairUntilGatePasses(env, draft, 0);
  return draft;
}

export function answerText(parts: number): string {
  return parts > 1
    ? 'The file is long, so answer with edits: `{ "edits": [{ "old": "<exact text of the current port>", "new": "<replacement>" }] }`. Each `old` must occur exactly once in the current port; edits apply in order.'
    : 'Answer `{ "rust_source": "<the complete corrected Rust file>", "todos": [<one line per TODO(port) left>], "confidence": <0 to 1> }`.';
}

/** Applies an answer (a whole new source, or edits for a file ported in parts) to the draft. */
export async function revision(env: PortEnv, draft: Draft, label: string, step: string, prompt: string): Promise<void> {
  const item = draft.file.item;
  if (draft.parts > 1) {
    const answer = await env.ctx.agent(prompt, { ...agentOptions(env, label, item.path, { maxTokens: 32_000 }), schema: fixSchema });
    const result = applyEdits(draft.rust, answer.edits);
    if (result.problems.length > 0) draft.warnings.push(`${step}: ${result.problems.length} edit(s) could not be applied:\n${describeProblems(result.problems)}`);
    draft.rust = result.text;
  } else {
    const answer = await env.ctx.agent(prompt, { ...agentOptions(env, label, item.path, { maxTokens: portMaxTokens(draft.file.source) }), schema: portSchema });
    draft.rust = answer.rust_source.replace(/\s+$/, '') + '\n';
    draft.todos = answer.todos;
    draft.confidence = answer.confidence;
  }
  draft.gate = gate(item, draft.rust, draft.todos, draft.file.gateOptions);
}

export async function repairUntilGatePasses(env: PortEnv, draft: Draft, revisionRound: number): Promise<void> {
  const item = draft.file.item;
  for (let attempt = 1; !draft.gate.ok && attempt <= env.gateRetries; attempt++) {
    const label = `repair port of ${item.path} (${revisionRound > 0 ? `revision ${revisionRound}, ` : ''}attempt ${attempt})`;
    const step = draft.parts > 1 ? 'repair-edits' : 'repair';
    const prompt = env.prompts.render('repair', {
      header: header(label, step, item.path, { Output: draft.file.rustPath, Attempt: String(attempt) }),
      zig_path: item.path,
      rust_path: draft.file.rustPath,
      findings: draft.gate.findings.map((f, i) => `${i + 1}. ${f}`).join('\n'),
      names: draft.file.names,
      rust: fenced(draft.rust, 'rust'),
      source: fenced(draft.file.source, 'zig'),
      answer: answerText(draft.parts),
    });
    await revision(env, draft, label, step, prompt);
  }
}
