/**
 * Server-sent events of a streamed Messages API answer, in the order the SDK's MessageStream accepts:
 * message_start, ping, per block content_block_start → content_block_delta… → content_block_stop,
 * message_delta (stop_reason, final usage), message_stop.
 */
import type { FakeContentBlock, FakeMessage } from './fake-anthropic-messages.js';

export interface SseEvent {
  event: string;
  data: unknown;
}

/** Splits `text` into pieces of at most `size` characters (at least one piece). */
export function chunkText(text: string, size: number): string[] {
  if (text.length <= size) return [text];
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
  return pieces;
}

function blockEvents(block: FakeContentBlock, index: number, chunkSize: number): SseEvent[] {
  const events: SseEvent[] = [];
  if (block.type === 'text') {
    events.push({ event: 'content_block_start', data: { type: 'content_block_start', index, content_block: { ...block, text: '' } } });
    for (const text of chunkText(block.text, chunkSize)) {
      if (text === '') continue;
      events.push({ event: 'content_block_delta', data: { type: 'content_block_delta', index, delta: { type: 'text_delta', text } } });
    }
  } else {
    events.push({ event: 'content_block_start', data: { type: 'content_block_start', index, content_block: { ...block, input: {} } } });
    for (const partial_json of chunkText(JSON.stringify(block.input ?? {}), chunkSize)) {
      events.push({
        event: 'content_block_delta',
        data: { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json } },
      });
    }
  }
  events.push({ event: 'content_block_stop', data: { type: 'content_block_stop', index } });
  return events;
}

/** The events that stream `message`; text and tool input arrive in pieces of `chunkSize` characters. */
export function messageToSseEvents(message: FakeMessage, chunkSize = 16): SseEvent[] {
  const { usage } = message;
  const start: FakeMessage = {
    ...message,
    content: [],
    stop_reason: null,
    usage: { ...usage, output_tokens: Math.min(1, usage.output_tokens) },
  };
  return [
    { event: 'message_start', data: { type: 'message_start', message: start } },
    { event: 'ping', data: { type: 'ping' } },
    ...message.content.flatMap((block, index) => blockEvents(block, index, chunkSize)),
    {
      event: 'message_delta',
      data: {
        type: 'message_delta',
        delta: { stop_reason: message.stop_reason, stop_sequence: null, stop_details: null, container: null },
        usage: {
          input_tokens: usage.input_tokens,
          output_tokens: usage.output_tokens,
          cache_creation_input_tokens: usage.cache_creation_input_tokens,
          cache_read_input_tokens: usage.cache_read_input_tokens,
          output_tokens_details: null,
          server_tool_use: null,
        },
      },
    },
    { event: 'message_stop', data: { type: 'message_stop' } },
  ];
}

/** One event in wire format. */
export function formatSseEvent(event: SseEvent): string {
  return `event: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`;
}
