/** HTTP plumbing of the fake Messages API: credentials (never logged), request bodies, abortable delays. */
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface Credentials {
  authorized: boolean;
  headers: Record<string, string>;
}

/** Headers with the credentials replaced by markers, and whether they matched `apiKey`. */
export function checkCredentials(req: IncomingMessage, apiKey: string): Credentials {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  let authorized = false;
  const auth = headers['authorization'];
  if (auth !== undefined) {
    const match = /^Bearer\s+(.+)$/i.exec(auth);
    const ok = match?.[1] === apiKey;
    authorized ||= ok;
    headers['authorization'] = match
      ? `Bearer [redacted: ${ok ? 'matched' : 'not matched'}]`
      : '[redacted: not a Bearer credential]';
  }
  const xApiKey = headers['x-api-key'];
  if (xApiKey !== undefined) {
    const ok = xApiKey === apiKey;
    authorized ||= ok;
    headers['x-api-key'] = `[redacted: ${ok ? 'matched' : 'not matched'}]`;
  }
  return { authorized, headers };
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Resolves after `ms`, or early when the client goes away. */
export function delay(ms: number, res: ServerResponse): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      res.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    res.on('close', done);
  });
}
