/**
 * A provider that answers from a script instead of a model: for tests of recipes and of the
 * runtime. Exported from `migrate-kit/testing`.
 */
import { MigrateError } from '../errors.js';
import type { ModelRequest, ModelResponse, Provider, ToolUse, Usage } from './types.js';

/** What a script returns for one request. A string is a text answer; a plain object without answer keys is sent as JSON. */
export type ScriptedAnswer =
  | string
  | {
      text?: string;
      /** Sent as the JSON text of the answer (what a structured-output answer looks like). */
      json?: unknown;
      toolUses?: Array<{ name: string; input: unknown; id?: string }>;
      usage?: Partial<Usage>;
      stopReason?: string;
      /** Wait this long before answering (aborted by the request's signal). */
      delayMs?: number;
      /** Never answer: wait until the request's signal aborts (to test timeouts). */
      hang?: boolean;
      /** Fail the request with this error. */
      error?: Error;
    };

export interface ScriptedCall {
  index: number;
  request: ModelRequest;
  /** The text of the last user message: usually the agent's prompt. */
  prompt: string;
}

export type Script = (call: ScriptedCall) => ScriptedAnswer | Promise<ScriptedAnswer>;

export interface ScriptedProviderOptions {
  /** Usage for an answer that does not give its own; default: about 4 characters per token. */
  usage?: (call: ScriptedCall, answerText: string) => Usage;
}

const ANSWER_KEYS = new Set(['text', 'json', 'toolUses', 'usage', 'stopReason', 'delayMs', 'hang', 'error']);

export class ScriptedProvider implements Provider {
  readonly name = 'scripted';
  /** Every request, in the order received. */
  readonly calls: ScriptedCall[] = [];
  private inFlight = 0;
  /** The most requests that were in flight at once. */
  maxInFlight = 0;

  constructor(
    private readonly script: Script,
    private readonly options: ScriptedProviderOptions = {},
  ) {}

  async complete(request: ModelRequest): Promise<ModelResponse> {
    const call: ScriptedCall = { index: this.calls.length, request, prompt: lastUserText(request) };
    this.calls.push(call);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      throwIfAborted(request.signal);
      const raw = await this.script(call);
      const answer = typeof raw === 'string' ? { text: raw } : isAnswerObject(raw) ? raw : { json: raw };
      if (answer.hang) await waitForAbort(request.signal);
      if (answer.delayMs) await sleep(answer.delayMs, request.signal);
      throwIfAborted(request.signal);
      if (answer.error) throw answer.error;
      const text = answer.json !== undefined ? JSON.stringify(answer.json) : (answer.text ?? '');
      const toolUses: ToolUse[] = (answer.toolUses ?? []).map((t, i) => ({ id: t.id ?? `toolu_scripted_${call.index}_${i}`, name: t.name, input: t.input }));
      const usage = { ...(this.options.usage?.(call, text) ?? estimateUsage(request, text)), ...answer.usage };
      return { text, toolUses, stopReason: answer.stopReason ?? (toolUses.length > 0 ? 'tool_use' : 'end_turn'), usage, model: request.model };
    } finally {
      this.inFlight--;
    }
  }
}

/** Answers by label: each label maps to one answer or a list used in turn (the last one repeats). */
export function byLabel(answers: Record<string, ScriptedAnswer | ScriptedAnswer[]>, fallback?: Script): Script {
  const used = new Map<string, number>();
  return (call) => {
    const label = call.request.label ?? '';
    const entry = answers[label];
    if (entry === undefined) {
      if (fallback) return fallback(call);
      throw new MigrateError('SCRIPT_EXHAUSTED', `The script has no answer for label "${label}". Labels it knows: ${Object.keys(answers).join(', ') || '(none)'}.`);
    }
    if (!Array.isArray(entry)) return entry;
    const n = used.get(label) ?? 0;
    used.set(label, n + 1);
    const answer = entry[Math.min(n, entry.length - 1)];
    if (answer === undefined) throw new MigrateError('SCRIPT_EXHAUSTED', `The script's answer list for label "${label}" is empty.`);
    return answer;
  };
}

function isAnswerObject(value: unknown): value is Exclude<ScriptedAnswer, string> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => ANSWER_KEYS.has(k));
}

export function lastUserText(request: ModelRequest): string {
  for (let i = request.messages.length - 1; i >= 0; i--) {
    const message = request.messages[i];
    if (message?.role !== 'user') continue;
    if (typeof message.content === 'string') return message.content;
    return message.content.map((b) => (b.type === 'text' ? b.text : b.type === 'tool_result' ? b.content : '')).join('');
  }
  return '';
}

function estimateUsage(request: ModelRequest, answer: string): Usage {
  const chars = JSON.stringify(request.system ?? '').length + JSON.stringify(request.messages).length;
  return { inputTokens: Math.ceil(chars / 4), outputTokens: Math.ceil(answer.length / 4), cacheReadTokens: 0, cacheWriteTokens: 0 };
}

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new MigrateError('ABORTED', 'The request was aborted.');
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError(signal);
}

function waitForAbort(signal: AbortSignal | undefined): Promise<never> {
  return new Promise((_, reject) => {
    if (!signal) return; // hangs forever: the caller asked for it
    if (signal.aborted) return reject(abortError(signal));
    signal.addEventListener('abort', () => reject(abortError(signal)), { once: true });
  });
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(abortError(signal));
      },
      { once: true },
    );
  });
}
