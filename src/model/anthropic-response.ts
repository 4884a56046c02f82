/** Maps a Messages API answer (`Message`) to the provider-neutral ModelResponse. */
import type { Message } from '@anthropic-ai/sdk/resources/messages';
import type { ModelResponse, ToolUse, Usage } from './types.js';

/** Usage of one answer; cache fields the API left out or set to null count as 0. */
export function toUsage(usage: Message['usage']): Usage {
  return {
    inputTokens: usage.input_tokens,
    outputTokens: usage.output_tokens,
    cacheReadTokens: usage.cache_read_input_tokens ?? 0,
    cacheWriteTokens: usage.cache_creation_input_tokens ?? 0,
    cacheWrite1hTokens: usage.cache_creation?.ephemeral_1h_input_tokens ?? 0,
  };
}

/** ModelResponse for `message`; `requestId` comes from the `request-id` response header. */
export function toModelResponse(message: Message, requestId: string | null | undefined): ModelResponse {
  const texts: string[] = [];
  const toolUses: ToolUse[] = [];
  for (const block of message.content) {
    if (block.type === 'text') texts.push(block.text);
    else if (block.type === 'tool_use') toolUses.push({ id: block.id, name: block.name, input: block.input });
  }
  return {
    text: texts.join(''),
    toolUses,
    stopReason: message.stop_reason ?? 'unknown',
    usage: toUsage(message.usage),
    model: message.model,
    ...(requestId ? { requestId } : {}),
  };
}
