/**
 * The dashboard's HTTP server: read-only, on 127.0.0.1 only, every request carrying the random token the URL
 * was printed with (403 without it). It serves the page (assets shipped in the package, nothing from the
 * network), the run's state as JSON, one file's detail (texts, reviews, diffs between versions) and a
 * Server-Sent Events stream that pushes the state each time the run's files change.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTwoFilesPatch } from 'diff';
import { MigrateError } from '../../errors.js';
import { redactedJson } from '../../redact.js';
import type { RunStore } from '../../store/run-store.js';
import { RunFollower } from './run-follower.js';

export interface DashboardOptions {
  store: RunStore;
  runId: string;
  /** The port; 0 (the default) picks a free one. */
  port?: number;
  /** The token the URL carries. Default: 24 random bytes, hex. */
  token?: string;
  /** How often the run's files are read. Default 250 ms. */
  pollMs?: number;
}

export interface DashboardServer {
  /** `http://127.0.0.1:<port>/?token=<token>`: the page. */
  url: string;
  port: number;
  token: string;
  follower: RunFollower;
  close(): Promise<void>;
}

const ASSETS: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/app.css': { file: 'app.css', type: 'text/css; charset=utf-8' },
};

const HEADERS = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  // Everything comes from this server: no CDN, no inline script, no other origin.
  'Content-Security-Policy': "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
};

async function asset(file: string): Promise<string> {
  return readFile(new URL(`./assets/${file}`, import.meta.url), 'utf8');
}

/** Starts the server for one run (it follows the run's files until closed). LOCKED-free: it only reads. */
export async function startDashboard(options: DashboardOptions): Promise<DashboardServer> {
  const token = options.token ?? randomBytes(24).toString('hex');
  const expected = Buffer.from(token);
  await options.store.info(options.runId); // RUN_NOT_FOUND and RUN_DAMAGED surface here, before a URL is printed
  const follower = new RunFollower(options.store, options.runId);
  await follower.poll();
  const clients = new Set<ServerResponse>();
  let port = 0;

  const push = (): void => {
    if (clients.size === 0) return;
    const data = `event: state\ndata: ${stateJson(follower)}\n\n`;
    for (const client of clients) client.write(data);
  };

  const allowed = (req: IncomingMessage, url: URL): boolean => {
    const given = Buffer.from(url.searchParams.get('token') ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
    // A page of another site that resolves its name to 127.0.0.1 (DNS rebinding) sends its own Host.
    const host = req.headers.host ?? '';
    return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!allowed(req, url)) return send(res, 403, 'text/plain; charset=utf-8', 'Forbidden: this dashboard needs the token of the URL migrate printed.\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'Read-only: GET only.\n');
    const page = ASSETS[url.pathname];
    if (page) return send(res, 200, page.type, (await asset(page.file)).replaceAll('__TOKEN__', token));
    switch (url.pathname) {
      case '/api/state':
        return send(res, 200, 'application/json; charset=utf-8', stateJson(follower));
      case '/api/item': {
        const detail = follower.state.detail(url.searchParams.get('path') ?? '');
        if (!detail) return send(res, 404, 'application/json; charset=utf-8', JSON.stringify({ error: 'no such file in this run' }));
        const diffs = detail.versions.map((v, i) => (i === 0 ? '' : patch(v.path, detail.versions[i - 1]!.text, v.text, i)));
        return send(res, 200, 'application/json; charset=utf-8', redactedJson({ ...detail, diffs }));
      }
      case '/api/events': {
        res.writeHead(200, { ...HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive' });
        res.write(`retry: 1000\nevent: state\ndata: ${stateJson(follower)}\n\n`);
        clients.add(res);
        req.on('close', () => clients.delete(res));
        return;
      }
      default:
        return send(res, 404, 'text/plain; charset=utf-8', 'Not found.\n');
    }
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', `The dashboard could not answer: ${(error as Error).message}\n`);
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (cause: NodeJS.ErrnoException) =>
      reject(
        new MigrateError('BAD_OPTION', `The dashboard could not listen on 127.0.0.1:${options.port ?? 0}: ${cause.code === 'EADDRINUSE' ? 'the port is in use' : cause.message}. Pick another --port, or leave it out for a free one.`, { cause }),
      ),
    );
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  follower.start(push, options.pollMs ?? 250);
  // SSE comments keep idle connections (and proxies) from timing out.
  const heartbeat = setInterval(() => {
    for (const client of clients) client.write(': keep-alive\n\n');
  }, 15_000);
  heartbeat.unref();

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    follower,
    async close() {
      clearInterval(heartbeat);
      follower.stop();
      // One last read, so clients get the run's final state before the stream ends.
      if (await follower.poll()) push();
      for (const client of clients) client.end();
      clients.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

function stateJson(follower: RunFollower): string {
  return redactedJson({ ...follower.state.view(), ended: follower.ended, ...(follower.problem !== undefined ? { problem: follower.problem } : {}) });
}

function patch(path: string, before: string, after: string, version: number): string {
  if (before === after) return '(no change)';
  return createTwoFilesPatch(path, path, before, after, `version ${version}`, `version ${version + 1}`, { context: 3 })
    .split('\n')
    .filter((line) => !/^={3,}$/.test(line) && !line.startsWith('Index: '))
    .join('\n')
    .trimEnd();
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { ...HEADERS, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}
