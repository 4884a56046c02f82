/** Fault injection of the fake Messages API: how a fault combines with an answer, its headers, and dropped connections. */
import type { ServerResponse } from 'node:http';
import type { FakeAnswerObject, FakeFault } from './fake-anthropic-types.js';

/** Whether the fault replaces the answer entirely (the answer function is not consulted). */
export function replacesAnswer(fault: FakeFault): boolean {
  return (fault.status !== undefined && fault.status >= 400) || fault.drop === 'before-response';
}

/** A short description for the request log. */
export function describeFault(answer: FakeAnswerObject): string | undefined {
  const parts: string[] = [];
  if (answer.status !== undefined && answer.status >= 400) parts.push(`status ${answer.status}`);
  if (answer.drop) parts.push(`drop ${answer.drop}`);
  if (answer.malformedJson) parts.push('malformed json');
  return parts.length > 0 ? parts.join(', ') : undefined;
}

/** The answer's headers with `retry-after` / `retry-after-ms` added. */
export function answerHeaders(answer: FakeAnswerObject): Record<string, string> {
  const headers: Record<string, string> = { ...answer.headers };
  if (answer.retryAfter !== undefined) headers['retry-after'] = String(answer.retryAfter);
  if (answer.retryAfterMs !== undefined) headers['retry-after-ms'] = String(answer.retryAfterMs);
  return headers;
}

/** The answer with a malformed JSON text in place of its JSON (when asked for). */
export function withMalformedJson(answer: FakeAnswerObject): FakeAnswerObject {
  if (!answer.malformedJson) return answer;
  const whole = JSON.stringify(answer.json ?? { answer: 'this JSON is cut off in the middle' });
  const { json: _json, ...rest } = answer;
  return { ...rest, text: whole.slice(0, Math.max(1, Math.ceil(whole.length / 2))) };
}

/** Closes the connection without an answer. */
export function dropNow(res: ServerResponse): void {
  res.socket?.destroy();
  res.destroy();
}

/** Sends the status, the headers and `partial` (part of the body), then closes the connection. */
export function dropMidResponse(res: ServerResponse, status: number, headers: Record<string, string | number>, partial: string): void {
  const { 'content-length': _length, ...rest } = headers;
  res.writeHead(status, rest);
  res.write(partial, () => {
    // Let the bytes leave before the socket goes.
    setTimeout(() => dropNow(res), 5);
  });
}
