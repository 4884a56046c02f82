/**
 * The bounded tool-use loop: send the conversation; while the model asks for tools, run them (read-only,
 * confined) and send their results back; stop at the final answer. The last allowed turn is sent with
 * `tool_choice: none` and a note, so the model answers instead of asking again.
 */
import { MigrateError } from '../errors.js';
import type { ReadOnlyTools } from './read-only-tools.js';
import type { CacheTtl, MessageBlock, ModelMessage, ModelResponse } from './types.js';

export const DEFAULT_MAX_TURNS = 8;

export interface ToolCallRecord {
  name: string;
  input: unknown;
  isError: boolean;
  /** Bytes of the result sent to the model. */
  bytes: number;
}

export interface ToolLoopOptions {
  tools: ReadOnlyTools;
  /** Sends the conversation as it is now; `toolChoice: 'none'` asks for an answer without tools. */
  send(toolChoice: 'auto' | 'none'): Promise<ModelResponse>;
  /** The conversation after the first user message; the loop appends assistant turns and tool results. */
  conversation: ModelMessage[];
  /** Most model requests of the loop (shared across the agent's schema retries through `state`). Default 8. */
  maxTurns?: number;
  /** Turns used so far by this agent; updated in place. */
  state: { turns: number };
  /**
   * TTL of a cache breakpoint moved to the newest tool result each turn, so a long loop reads the earlier
   * turns from the cache instead of paying them again. Undefined: no breakpoint.
   */
  cacheTtl?: CacheTtl;
  onToolCall?(call: ToolCallRecord): void;
  label?: string;
}

const ANSWER_NOW = 'You have used all your tool turns. Answer now from what you have found, without calling tools.';

/** Runs the loop to the model's final answer; that response is returned (its text is the answer). */
export async function runToolLoop(options: ToolLoopOptions): Promise<ModelResponse> {
  const maxTurns = options.maxTurns ?? DEFAULT_MAX_TURNS;
  if (!Number.isInteger(maxTurns) || maxTurns < 1) {
    throw new MigrateError('BAD_INPUT', `maxTurns must be a whole number of at least 1; got ${String(maxTurns)}.`);
  }
  const { conversation, state } = options;
  for (;;) {
    const last = state.turns + 1 >= maxTurns;
    const response = await options.send(last ? 'none' : 'auto');
    state.turns++;
    if (response.toolUses.length === 0) return response;
    if (last) {
      throw new MigrateError(
        'TOOL_LOOP_LIMIT',
        `Agent "${options.label ?? 'agent'}" still asked for tools after its last allowed turn (maxTurns ${maxTurns}). Raise maxTurns, or ask for a narrower task.`,
        { details: { maxTurns } },
      );
    }
    const assistant: MessageBlock[] = [];
    if (response.text !== '') assistant.push({ type: 'text', text: response.text });
    for (const use of response.toolUses) assistant.push({ type: 'tool_use', id: use.id, name: use.name, input: use.input });
    const results: MessageBlock[] = [];
    for (const use of response.toolUses) {
      const result = await options.tools.run(use.name, use.input);
      options.onToolCall?.({ name: use.name, input: use.input, isError: result.isError, bytes: Buffer.byteLength(result.content) });
      results.push({ type: 'tool_result', toolUseId: use.id, content: result.content, isError: result.isError });
    }
    if (options.cacheTtl !== undefined) {
      moveBreakpoint(conversation);
      const newest = results[results.length - 1];
      if (newest?.type === 'tool_result') results[results.length - 1] = { ...newest, cache: options.cacheTtl };
    }
    if (state.turns + 1 >= maxTurns) results.push({ type: 'text', text: ANSWER_NOW });
    conversation.push({ role: 'assistant', content: assistant }, { role: 'user', content: results });
  }
}

/** Removes the previous turn's moving breakpoint (new block objects: sent requests are never changed). */
function moveBreakpoint(conversation: ModelMessage[]): void {
  for (let i = 0; i < conversation.length; i++) {
    const message = conversation[i]!;
    if (typeof message.content === 'string' || !message.content.some((b) => b.type === 'tool_result' && b.cache)) continue;
    conversation[i] = {
      role: message.role,
      content: message.content.map((b) => {
        if (b.type !== 'tool_result' || !b.cache) return b;
        const { cache: _cache, ...rest } = b;
        return rest;
      }),
    };
  }
}
