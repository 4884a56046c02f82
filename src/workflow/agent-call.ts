/**
 * One agent call: content key → journal replay, or the model: its requests (see agent-request.ts) with schema
 * retries, an optional read-only tool loop and a timeout from the moment it starts → the journal (fsync'd) →
 * the result. Every step emits events.
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { MigrateError, toMigrateError } from '../errors.js';
import { redactValue } from '../redact.js';
import type { PriceTable } from '../model/pricing.js';
import { READ_ONLY_TOOL_NAMES, ReadOnlyTools, type ReadOnlyToolName } from '../model/read-only-tools.js';
import { compileSchema, parseJsonAnswer, type CompiledSchema, type SchemaLike } from '../model/structured-output.js';
import { DEFAULT_MAX_TURNS, runToolLoop } from '../model/tool-loop.js';
import { addUsage, ZERO_USAGE, type ModelMessage, type ModelResponse, type Provider, type Usage } from '../model/types.js';
import { sendAgentRequest, type AgentExchange } from './agent-request.js';
import type { Batcher } from './batcher.js';
import type { Budget } from './budget.js';
import type { CacheGate } from './cache-gate.js';
import { contentKey } from './content-key.js';
import type { EventBus } from './events.js';
import type { JournalAppender } from '../store/run-store.js';
import type { AgentLine } from '../store/journal-file.js';
import type { TranscriptWriter, Transcript } from '../store/transcripts.js';
import { replayableAnswer, type CallRecord, type JournalState } from './journal-state.js';
import { layoutPrompt, normalizeContext, type ContextBlock } from './prompt-layout.js';
import { classifyError, type RetryPolicy } from './retry-policy.js';
import type { Scheduler } from './scheduler.js';
import type { Scope } from './scope.js';
import type { AgentOptions, AgentUsageInfo } from './types.js';

/** Tries for an answer that must match a schema (the first try and two retries). */
export const SCHEMA_TRIES = 3;
export const DEFAULT_MAX_TOKENS = 8192;
export const DEFAULT_AGENT_TIMEOUT_MS = 600_000;
/** The least timeout of a batched call: a Message Batch processes for up to 24 hours. */
export const BATCH_AGENT_TIMEOUT_MS = 25 * 3600_000;

export interface AgentRuntime {
  recipe: string;
  defaultModel: string;
  provider: Provider;
  prices: PriceTable;
  scheduler: Scheduler;
  budget: Budget;
  journal: JournalAppender;
  /** What earlier sessions journaled: answers to replay. */
  journaled: JournalState;
  /** This session's number (1 for the first run, 2 for the first resume, …). */
  session: number;
  events: EventBus;
  transcripts: TranscriptWriter;
  cache: CacheGate;
  retry: RetryPolicy;
  /** `--batch`: where calls with `batch: true` send their requests. Absent: every call is sent directly. */
  batcher?: Batcher;
  /** Aborted by a second interrupt: calls in flight stop. */
  signal: AbortSignal;
  /** Session counters (agents started: `scheduler.agentsStarted`). */
  counters: { replayed: number; failed: number };
  /** Calls seen per content key this session (identical calls are answered in turn). */
  occurrences: Map<string, number>;
  seq: number;
  /** Agent calls not settled yet; the run waits for them before it closes the journal. */
  active: Set<Promise<unknown>>;
}

interface ToolSetup {
  names: ReadOnlyToolName[];
  roots: string[];
  maxTurns: number;
  maxToolResultBytes: number | undefined;
}

interface Prepared {
  id: string;
  label: string;
  phase: string;
  model: string;
  key: string;
  occurrence: number;
  priority: number;
  context: ContextBlock[];
  schema?: CompiledSchema;
  tools?: ToolSetup;
}

export function callAgent(rt: AgentRuntime, scope: Scope, prompt: string, options: AgentOptions<unknown> = {}): Promise<unknown> {
  const call = runAgent(rt, scope, prompt, options);
  rt.active.add(call);
  call.then(
    () => rt.active.delete(call),
    () => rt.active.delete(call),
  );
  return call;
}

async function runAgent(rt: AgentRuntime, scope: Scope, prompt: string, options: AgentOptions<unknown>): Promise<unknown> {
  let call: Prepared;
  try {
    call = prepare(rt, scope, prompt, options);
  } catch (error) {
    const failure = toMigrateError(error, 'BAD_INPUT');
    if (classifyError(failure) === 'fatal') rt.scheduler.failFast(failure); // an unknown model: no call can succeed
    throw failure;
  }
  const ref = { id: call.id, label: call.label, phase: call.phase };
  const replayed = replay(rt, call);
  if (replayed) {
    rt.counters.replayed++;
    rt.events.emit({ type: 'agent:replayed', ...ref });
    const record = replayed.record;
    reportUsage(options, { label: call.label, usage: record.usage, costUsd: record.costUsd, requests: record.requests || record.answers, replayed: true, ok: true });
    return replayed.value;
  }
  rt.events.emit({ type: 'agent:queued', ...ref });
  const state = { stoppedRun: false, started: false };
  try {
    return await execute(rt, call, prompt, options, state);
  } catch (error) {
    const failure = toMigrateError(error, 'MODEL_ERROR');
    // A call refused before it started (interrupted, budget spent, the run stopped) did not fail: it did not run.
    if (state.started) rt.counters.failed++;
    // The error that stopped the run is told once (by the agent that met it and by run:stopping), not per agent.
    const echo = rt.scheduler.fatal !== null && classifyError(failure) === 'fatal' && !state.stoppedRun;
    if (!echo) rt.events.emit({ type: 'agent:failed', ...ref, started: state.started, error: { code: failure.code, message: failure.message } });
    throw failure;
  }
}

/**
 * The journaled answer of this call, if an earlier session got one: checked against the call's schema, so a
 * damaged or edited journal never hands the recipe a value of the wrong shape. A call whose journal says it
 * completed but whose answer no longer validates is sent again, with a warning.
 */
function replay(rt: AgentRuntime, call: Prepared): { value: unknown; record: CallRecord } | undefined {
  const record = rt.journaled.call(call.key, call.occurrence);
  const answer = record && replayableAnswer(record);
  if (!record || !answer) return undefined;
  const checked =
    'text' in answer
      ? call.schema
        ? checkAnswer(call.schema, answer.text)
        : { ok: true as const, value: answer.text }
      : call.schema
        ? call.schema.validate(answer.value)
        : typeof answer.value === 'string'
          ? { ok: true as const, value: answer.value }
          : { ok: false as const, error: 'expected a text answer' };
  if (checked.ok) return { value: checked.value, record };
  // An answer cut off by a kill in the middle of a schema retry is simply asked again; a completed one that does not fit is worth a warning.
  if (record.settled === 'ok' || 'value' in answer) {
    rt.events.emit({ type: 'log', phase: call.phase, message: `The journaled answer of "${call.label}" does not match its schema (${checked.error}); sending the call again.` });
  }
  return undefined;
}

function prepare(rt: AgentRuntime, scope: Scope, prompt: unknown, options: AgentOptions<unknown>): Prepared {
  if (typeof prompt !== 'string' || prompt.length === 0) {
    throw new MigrateError('BAD_INPUT', `agent() expects a non-empty prompt string as its first argument; got ${prompt === '' ? 'an empty string' : typeof prompt}.`);
  }
  const label = options.label ?? 'agent';
  const model = options.model ?? rt.defaultModel;
  rt.prices.priceOf(model); // an unknown model fails here, before any request
  const schema = options.schema === undefined ? undefined : compileSchema(options.schema as SchemaLike);
  const context = normalizeContext(options.context);
  const tools = toolSetup(options);
  const key = contentKey({
    recipe: rt.recipe,
    phase: scope.phase,
    label,
    model,
    system: options.system ?? null,
    prompt,
    schema: schema?.jsonSchema ?? null,
    tools: tools ? { names: tools.names, roots: tools.roots, maxTurns: tools.maxTurns, maxToolResultBytes: tools.maxToolResultBytes ?? null } : null,
    context: context.length > 0 ? context.map((b) => b.text) : undefined,
  });
  const occurrence = rt.occurrences.get(key) ?? 0;
  rt.occurrences.set(key, occurrence + 1);
  return { id: `${label}#${++rt.seq}`, label, phase: scope.phase, model, key, occurrence, priority: scope.priority, context, ...(schema ? { schema } : {}), ...(tools ? { tools } : {}) };
}

function toolSetup(options: AgentOptions<unknown>): ToolSetup | undefined {
  const { tools, roots } = options;
  if (tools === undefined || tools.length === 0) {
    if (roots !== undefined) throw new MigrateError('BAD_INPUT', 'agent() got `roots` without `tools`: roots are the directories the tools may read. Add tools: ["read_file", "list_dir", "grep"] or drop roots.');
    return undefined;
  }
  if (!Array.isArray(tools) || tools.some((t) => !READ_ONLY_TOOL_NAMES.includes(t))) {
    throw new MigrateError('BAD_INPUT', `agent() option \`tools\` must list read-only tools (${READ_ONLY_TOOL_NAMES.join(', ')}); got ${JSON.stringify(tools)}.`);
  }
  if (!Array.isArray(roots) || roots.length === 0 || roots.some((r) => typeof r !== 'string' || r === '')) {
    throw new MigrateError('BAD_INPUT', 'agent() with `tools` needs `roots`: the directories the tools may read, e.g. { tools: ["read_file"], roots: ["./src"] }.');
  }
  const maxTurns = options.maxTurns ?? DEFAULT_MAX_TURNS;
  if (!Number.isInteger(maxTurns) || maxTurns < 1 || maxTurns > 100) throw new MigrateError('BAD_INPUT', `agent() option maxTurns must be a whole number from 1 to 100; got ${String(maxTurns)}.`);
  return { names: READ_ONLY_TOOL_NAMES.filter((n) => tools.includes(n)), roots: roots.map((r) => resolve(r)), maxTurns, maxToolResultBytes: options.maxToolResultBytes };
}

async function execute(rt: AgentRuntime, call: Prepared, prompt: string, options: AgentOptions<unknown>, state: { stoppedRun: boolean; started: boolean }): Promise<unknown> {
  const ref = { id: call.id, label: call.label, phase: call.phase };
  const batched = options.batch === true && rt.batcher !== undefined;
  const timeoutMs = batched ? Math.max(options.timeoutMs ?? 0, BATCH_AGENT_TIMEOUT_MS) : (options.timeoutMs ?? DEFAULT_AGENT_TIMEOUT_MS);
  // One controller per agent, aborted by its deadline or by the run (cheaper than AbortSignal.any at thousands of calls).
  const deadline = new AbortController();
  const signal = deadline.signal;
  const onRunAbort = (): void => deadline.abort(rt.signal.reason);
  if (rt.signal.aborted) onRunAbort();
  else rt.signal.addEventListener('abort', onRunAbort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  let started = Date.now();
  let usage: Usage = ZERO_USAGE;
  let cost = 0;
  const transcript: Transcript = {
    key: call.key,
    occurrence: call.occurrence,
    label: call.label,
    phase: call.phase,
    model: call.model,
    ...(options.system ? { system: options.system } : {}),
    ...(call.context.length > 0 ? { context: call.context.map((b) => ({ chars: b.text.length, sha256: createHash('sha256').update(b.text).digest('hex').slice(0, 16), ...(b.cache !== undefined ? { cache: b.cache } : {}) })) } : {}),
    prompt,
    tries: [],
  };
  const line = { key: call.key, occurrence: call.occurrence, label: call.label, phase: call.phase, model: call.model };
  /** The call settled: its agent line (what it paid is in its attempt lines already), transcript and usage report. */
  const finish = async (entry: Pick<AgentLine, 'status' | 'error'> & { value?: unknown }): Promise<void> => {
    rt.transcripts.write({ ...transcript, ...(entry.value !== undefined ? { value: entry.value } : {}), ...(entry.error ? { error: entry.error } : {}) });
    const settled: AgentLine = { v: 2, type: 'agent', ...line, status: entry.status, ...(entry.error ? { error: redactValue(entry.error) } : {}), tries: transcript.tries.length, requests: exchange.requests, durationMs: Date.now() - started, at: new Date().toISOString() };
    await rt.journal.append(settled);
    reportUsage(options, { label: call.label, usage, costUsd: cost, requests: exchange.requests, replayed: false, ok: entry.status === 'ok' });
  };
  const exchange: AgentExchange = {
    ref,
    model: call.model,
    priority: call.priority,
    signal,
    breakpoints: [],
    admitted: false,
    requests: 0,
    stoppedRun: false,
    async onAdmit() {
      exchange.admitted = true;
      state.started = true;
      started = Date.now();
      // On disk before the first request goes out, so the agent cap counts it whatever happens next.
      await rt.journal.append({ v: 2, type: 'start', ...line, session: rt.session, at: new Date().toISOString() });
      rt.events.emit({ type: 'agent:started', ...ref, model: call.model });
      timer = setTimeout(() => deadline.abort(new MigrateError('AGENT_TIMEOUT', `Agent "${call.label}" did not finish within ${timeoutMs} ms. Raise its timeoutMs, or check that the model service answers.`, { details: { label: call.label, timeoutMs } })), timeoutMs);
    },
    ...(batched ? { batch: line } : {}),
    async onResponse(response, costUsd, batch) {
      usage = addUsage(usage, response.usage);
      cost += costUsd;
      transcript.tries.push({ answer: response.text, usage: response.usage });
      rt.events.emit({ type: 'agent:usage', ...ref, model: call.model, usage: response.usage, costUsd });
      // On disk before the slot is released: a kill after this never pays for this answer again.
      await rt.journal.append({ v: 2, type: 'attempt', ...line, answer: response.text, final: response.toolUses.length === 0, usage: response.usage, costUsd, ...(batch ? { batch } : {}), at: new Date().toISOString() });
    },
    onRequestError(error) {
      (transcript.requestErrors ??= []).push({ code: error.code, message: error.message });
    },
  };

  try {
    const tools = call.tools ? await ReadOnlyTools.open({ roots: call.tools.roots, tools: call.tools.names, ...(call.tools.maxToolResultBytes !== undefined ? { maxResultBytes: call.tools.maxToolResultBytes } : {}) }) : undefined;
    const layout = layoutPrompt({ model: call.model, system: options.system, tools: tools?.specs, context: call.context, prompt });
    exchange.breakpoints = layout.breakpoints;
    const conversation: ModelMessage[] = [];
    const send = (toolChoice?: 'auto' | 'none'): Promise<ModelResponse> =>
      sendAgentRequest(rt, exchange, (ttl) => ({
        model: call.model,
        messages: [{ role: 'user', content: layout.firstMessage(ttl) }, ...conversation],
        maxTokens: options.maxTokens ?? DEFAULT_MAX_TOKENS,
        label: call.label,
        ...(options.system ? { system: options.system } : {}),
        ...(call.schema ? { outputSchema: call.schema.jsonSchema } : {}),
        ...(tools ? { tools: tools.specs, ...(toolChoice ? { toolChoice } : {}) } : {}),
      }));
    const turns = { turns: 0 };
    for (let attempt = 1; ; attempt++) {
      const response = tools
        ? await runToolLoop({
            tools,
            send,
            conversation,
            maxTurns: call.tools!.maxTurns,
            state: turns,
            cacheTtl: '5m',
            label: call.label,
            onToolCall(record) {
              (transcript.toolCalls ??= []).push(record);
              const path = typeof (record.input as { path?: unknown } | null)?.path === 'string' ? String((record.input as { path: string }).path) : undefined;
              rt.events.emit({ type: 'agent:tool', ...ref, tool: record.name, ...(path !== undefined ? { path } : {}), isError: record.isError, bytes: record.bytes });
            },
          })
        : await send();
      const checked = call.schema ? checkAnswer(call.schema, response.text) : { ok: true as const, value: response.text };
      if (checked.ok) {
        await finish({ status: 'ok', value: checked.value });
        rt.events.emit({ type: 'agent:finished', ...ref, durationMs: Date.now() - started });
        return checked.value;
      }
      const lastTry = transcript.tries[transcript.tries.length - 1];
      if (lastTry) lastTry.error = checked.error;
      if (attempt >= SCHEMA_TRIES) {
        throw new MigrateError('SCHEMA_INVALID', `Agent "${call.label}" gave no answer matching its schema in ${SCHEMA_TRIES} tries. Last problem: ${checked.error}`, { details: { label: call.label, tries: attempt } });
      }
      rt.events.emit({ type: 'agent:retry', ...ref, attempt: attempt + 1, reason: checked.error });
      conversation.push(
        { role: 'assistant', content: response.text || '(empty answer)' },
        { role: 'user', content: `Your answer does not match the required JSON schema:\n${checked.error}\nAnswer again with only a JSON value that matches the schema.` },
      );
    }
  } catch (error) {
    state.stoppedRun = exchange.stoppedRun;
    const failure = deadline.signal.aborted
      ? (deadline.signal.reason as MigrateError)
      : rt.signal.aborted
        ? new MigrateError('ABORTED', `Agent "${call.label}" was aborted (the run was stopped).`, { cause: error })
        : toMigrateError(error, 'MODEL_ERROR');
    // A call that started is settled in the journal even when it failed (the last error); it is sent again on resume.
    if (exchange.admitted) await finish({ status: 'failed', error: { code: failure.code, message: failure.message } }).catch(() => undefined);
    throw failure;
  } finally {
    clearTimeout(timer);
    rt.signal.removeEventListener('abort', onRunAbort);
  }
}

/** Tells the recipe what a call cost; a throwing callback never breaks the call. */
function reportUsage(options: AgentOptions<unknown>, info: AgentUsageInfo): void {
  if (typeof options.onUsage !== 'function') return;
  try {
    options.onUsage(info);
  } catch {
    // the recipe's bookkeeping must not fail the call
  }
}

function checkAnswer(schema: CompiledSchema, text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  const parsed = parseJsonAnswer(text);
  return parsed.ok ? schema.validate(parsed.value) : parsed;
}
