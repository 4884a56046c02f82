/**
 * One agent call: content key → journal replay, or a slot from the scheduler → the model (with
 * schema retries and a timeout) → the journal (fsync'd) → the result. Every step emits events.
 */
import { MigrateError, toMigrateError } from '../errors.js';
import { compileSchema, parseJsonAnswer, type CompiledSchema, type SchemaLike } from '../model/structured-output.js';
import { addUsage, ZERO_USAGE, type ModelMessage, type Provider, type Usage } from '../model/types.js';
import type { PriceTable } from '../model/pricing.js';
import type { Budget } from './budget.js';
import { contentKey } from './content-key.js';
import type { EventBus } from './events.js';
import type { JournalEntry, JournalWriter, ReplayIndex } from './journal.js';
import type { Scheduler } from './scheduler.js';
import type { Scope } from './scope.js';
import type { Transcript, TranscriptWriter } from './transcripts.js';
import type { AgentOptions } from './types.js';

/** Tries for an answer that must match a schema (the first try and two retries). */
export const SCHEMA_TRIES = 3;
export const DEFAULT_MAX_TOKENS = 8192;
export const DEFAULT_AGENT_TIMEOUT_MS = 600_000;

export interface AgentRuntime {
  recipe: string;
  defaultModel: string;
  provider: Provider;
  prices: PriceTable;
  scheduler: Scheduler;
  budget: Budget;
  journal: JournalWriter;
  replay: ReplayIndex;
  events: EventBus;
  transcripts: TranscriptWriter;
  /** Aborted by a second interrupt: calls in flight stop. */
  signal: AbortSignal;
  /** Session counters. */
  counters: { agents: number; replayed: number; failed: number };
  /** Calls seen per content key this session (identical calls are answered in turn). */
  occurrences: Map<string, number>;
  seq: number;
}

interface Prepared {
  id: string;
  label: string;
  phase: string;
  model: string;
  key: string;
  occurrence: number;
  schema?: CompiledSchema;
}

export async function callAgent(rt: AgentRuntime, scope: Scope, prompt: string, options: AgentOptions<unknown> = {}): Promise<unknown> {
  const call = prepare(rt, scope, prompt, options);
  const ref = { id: call.id, label: call.label, phase: call.phase };
  const journaled = rt.replay.get(call.key, call.occurrence);
  if (journaled) {
    rt.counters.replayed++;
    rt.events.emit({ type: 'agent:replayed', ...ref });
    return journaled.value;
  }
  rt.events.emit({ type: 'agent:queued', ...ref });
  try {
    return await rt.scheduler.schedule(() => execute(rt, call, prompt, options), scope.priority);
  } catch (error) {
    const failure = toMigrateError(error, 'MODEL_ERROR');
    rt.counters.failed++;
    rt.events.emit({ type: 'agent:failed', ...ref, error: { code: failure.code, message: failure.message } });
    throw failure;
  }
}

function prepare(rt: AgentRuntime, scope: Scope, prompt: unknown, options: AgentOptions<unknown>): Prepared {
  if (typeof prompt !== 'string' || prompt.length === 0) {
    throw new MigrateError('BAD_INPUT', `agent() expects a non-empty prompt string as its first argument; got ${prompt === '' ? 'an empty string' : typeof prompt}.`);
  }
  const label = options.label ?? 'agent';
  const model = options.model ?? rt.defaultModel;
  rt.prices.priceOf(model); // an unknown model fails here, before any request
  const schema = options.schema === undefined ? undefined : compileSchema(options.schema as SchemaLike);
  const key = contentKey({
    recipe: rt.recipe,
    phase: scope.phase,
    label,
    model,
    system: options.system ?? null,
    prompt,
    schema: schema?.jsonSchema ?? null,
    tools: null,
  });
  const occurrence = rt.occurrences.get(key) ?? 0;
  rt.occurrences.set(key, occurrence + 1);
  return { id: `${label}#${++rt.seq}`, label, phase: scope.phase, model, key, occurrence, ...(schema ? { schema } : {}) };
}

async function execute(rt: AgentRuntime, call: Prepared, prompt: string, options: AgentOptions<unknown>): Promise<unknown> {
  const ref = { id: call.id, label: call.label, phase: call.phase };
  const timeoutMs = options.timeoutMs ?? DEFAULT_AGENT_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = AbortSignal.any([rt.signal, timeout]);
  const started = Date.now();
  const transcript: Transcript = { key: call.key, occurrence: call.occurrence, label: call.label, phase: call.phase, model: call.model, prompt, tries: [], ...(options.system ? { system: options.system } : {}) };
  let usage: Usage = ZERO_USAGE;
  let cost = 0;
  rt.counters.agents++;
  rt.events.emit({ type: 'agent:started', ...ref, model: call.model });

  const finish = async (entry: Pick<JournalEntry, 'status' | 'value' | 'error'>): Promise<void> => {
    const full: JournalEntry = { v: 1, type: 'agent', key: call.key, occurrence: call.occurrence, label: call.label, phase: call.phase, model: call.model, ...entry, usage, costUsd: cost, tries: transcript.tries.length, durationMs: Date.now() - started, at: new Date().toISOString() };
    rt.transcripts.write({ ...transcript, ...(entry.value !== undefined ? { value: entry.value } : {}), ...(entry.error ? { error: entry.error } : {}) });
    await rt.journal.append(full);
  };

  try {
    const messages: ModelMessage[] = [{ role: 'user', content: prompt }];
    for (let attempt = 1; ; attempt++) {
      const response = await rt.provider.complete({
        model: call.model,
        messages,
        maxTokens: options.maxTokens ?? DEFAULT_MAX_TOKENS,
        signal,
        label: call.label,
        ...(options.system ? { system: options.system } : {}),
        ...(call.schema ? { outputSchema: call.schema.jsonSchema } : {}),
      });
      const tryCost = rt.prices.cost(call.model, response.usage);
      usage = addUsage(usage, response.usage);
      cost += tryCost;
      rt.budget.charge(response.usage, tryCost);
      rt.events.emit({ type: 'agent:usage', ...ref, model: call.model, usage: response.usage, costUsd: tryCost });
      const checked = call.schema ? checkAnswer(call.schema, response.text) : { ok: true as const, value: response.text };
      transcript.tries.push({ answer: response.text, usage: response.usage, ...(checked.ok ? {} : { error: checked.error }) });
      if (checked.ok) {
        await finish({ status: 'ok', value: checked.value });
        rt.events.emit({ type: 'agent:finished', ...ref, durationMs: Date.now() - started });
        return checked.value;
      }
      if (attempt >= SCHEMA_TRIES) {
        throw new MigrateError('SCHEMA_INVALID', `Agent "${call.label}" gave no answer matching its schema in ${SCHEMA_TRIES} tries. Last problem: ${checked.error}`, { details: { label: call.label, tries: attempt } });
      }
      rt.events.emit({ type: 'agent:retry', ...ref, attempt: attempt + 1, reason: checked.error });
      messages.push(
        { role: 'assistant', content: response.text || '(empty answer)' },
        { role: 'user', content: `Your answer does not match the required JSON schema:\n${checked.error}\nAnswer again with only a JSON value that matches the schema.` },
      );
    }
  } catch (error) {
    const failure = timeout.aborted
      ? new MigrateError('AGENT_TIMEOUT', `Agent "${call.label}" did not finish within ${timeoutMs} ms. Raise its timeoutMs, or check that the model service answers.`, { cause: error, details: { label: call.label, timeoutMs } })
      : rt.signal.aborted
        ? new MigrateError('ABORTED', `Agent "${call.label}" was aborted (the run was stopped).`, { cause: error })
        : toMigrateError(error, 'MODEL_ERROR');
    // Spent money is remembered even when the call failed; a failed call is sent again on resume.
    if (transcript.tries.length > 0) await finish({ status: 'failed', error: { code: failure.code, message: failure.message } }).catch(() => undefined);
    throw failure;
  }
}

function checkAnswer(schema: CompiledSchema, text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  const parsed = parseJsonAnswer(text);
  return parsed.ok ? schema.validate(parsed.value) : parsed;
}
