/**
 * The Message Batches endpoints of the fake server: `POST /v1/messages/batches`, `GET /v1/messages/batches/{id}`
 * and `GET /v1/messages/batches/{id}/results` (JSONL). Every entry is answered when the batch is created, through
 * the same scripted logic as `POST /v1/messages` (answer function, faults, prompt cache); the batch reports
 * `in_progress` until `processingMs` have passed, then `ended` with the counts and a `results_url`. An entry whose
 * answer is an error status is `errored` (with the API's error body); `entryOutcome` can make entries `expired` or
 * `canceled` instead.
 */
import type { FakeApiError, FakeMessage } from './fake-anthropic-messages.js';
import type { FakeRequest } from './fake-anthropic-types.js';

/** An entry answered: the message, or the error a request with that answer would have got. */
export type FakeEntryAnswer = { type: 'succeeded'; message: FakeMessage } | { type: 'errored'; error: FakeApiError };

export interface FakeBatchEntryLog {
  customId: string;
  /** The entry's params as sent. */
  params: Record<string, unknown>;
  result: 'succeeded' | 'errored' | 'expired' | 'canceled';
}

export interface FakeBatchLog {
  id: string;
  createdAt: number;
  entries: FakeBatchEntryLog[];
}

interface StoredBatch extends FakeBatchLog {
  lines: string[];
  endsAt: number;
}

const CUSTOM_ID = /^[A-Za-z0-9_-]{1,64}$/;

export class FakeBatches {
  readonly log: FakeBatchLog[] = [];
  readonly #batches = new Map<string, StoredBatch>();
  #seq = 0;

  constructor(
    private readonly options: {
      now: () => number;
      processingMs: () => number;
      outcome: ((req: FakeRequest) => 'expired' | 'canceled' | undefined) | undefined;
    },
  ) {}

  /** Validates and stores a batch; answers each entry with `answer`. Returns the batch object, or an error. */
  async create(
    body: unknown,
    baseUrl: string,
    answer: (params: Record<string, unknown>, customId: string, batchId: string) => Promise<{ req?: FakeRequest; answer: FakeEntryAnswer }>,
  ): Promise<{ status: number; body: unknown } | { error: FakeApiError }> {
    const requests = (body as { requests?: unknown } | undefined)?.requests;
    if (!Array.isArray(requests) || requests.length === 0) return { error: invalid('requests: expected a non-empty array of { custom_id, params }') };
    const seen = new Set<string>();
    for (const [i, entry] of requests.entries()) {
      const customId = (entry as { custom_id?: unknown } | null)?.custom_id;
      const params = (entry as { params?: unknown } | null)?.params;
      if (typeof customId !== 'string' || !CUSTOM_ID.test(customId)) return { error: invalid(`requests.${i}.custom_id: expected 1 to 64 characters of [A-Za-z0-9_-]`) };
      if (seen.has(customId)) return { error: invalid(`requests.${i}.custom_id: "${customId}" is used twice; custom ids must be unique in a batch`) };
      seen.add(customId);
      if (params === null || typeof params !== 'object' || Array.isArray(params)) return { error: invalid(`requests.${i}.params: expected an object`) };
      if ('stream' in params && (params as Record<string, unknown>)['stream'] === true) return { error: invalid(`requests.${i}.params.stream: streaming is not supported in batches`) };
    }
    const id = `msgbatch_fake_${++this.#seq}`;
    const createdAt = this.options.now();
    const stored: StoredBatch = { id, createdAt, entries: [], lines: [], endsAt: createdAt + this.options.processingMs() };
    for (const entry of requests as Array<{ custom_id: string; params: Record<string, unknown> }>) {
      const { req, answer: answered } = await answer(entry.params, entry.custom_id, id);
      const forced = req ? this.options.outcome?.(req) : undefined;
      const result = forced
        ? { type: forced }
        : answered.type === 'succeeded'
          ? { type: 'succeeded', message: answered.message }
          : { type: 'errored', error: { type: 'error', error: { type: answered.error.type, message: answered.error.message } } };
      stored.entries.push({ customId: entry.custom_id, params: entry.params, result: result.type as FakeBatchEntryLog['result'] });
      stored.lines.push(JSON.stringify({ custom_id: entry.custom_id, result }));
    }
    this.#batches.set(id, stored);
    this.log.push({ id, createdAt, entries: stored.entries });
    return { status: 200, body: this.#object(stored, baseUrl) };
  }

  /** `GET /v1/messages/batches/{id}` */
  retrieve(id: string, baseUrl: string): { status: number; body: unknown } | { error: FakeApiError } {
    const batch = this.#batches.get(id);
    if (!batch) return { error: { status: 404, type: 'not_found_error', message: `batch ${id} not found` } };
    return { status: 200, body: this.#object(batch, baseUrl) };
  }

  /** `GET /v1/messages/batches/{id}/results`: the JSONL text of an ended batch. */
  results(id: string): { text: string } | { error: FakeApiError } {
    const batch = this.#batches.get(id);
    if (!batch) return { error: { status: 404, type: 'not_found_error', message: `batch ${id} not found` } };
    if (this.options.now() < batch.endsAt) return { error: invalid(`batch ${id} is still processing; its results are available once it has ended`) };
    return { text: batch.lines.map((l) => `${l}\n`).join('') };
  }

  #object(batch: StoredBatch, baseUrl: string): Record<string, unknown> {
    const ended = this.options.now() >= batch.endsAt;
    const counts = { processing: 0, succeeded: 0, errored: 0, canceled: 0, expired: 0 };
    for (const entry of batch.entries) {
      if (!ended) counts.processing++;
      else counts[entry.result]++;
    }
    const iso = (ms: number): string => new Date(ms).toISOString();
    return {
      id: batch.id,
      type: 'message_batch',
      processing_status: ended ? 'ended' : 'in_progress',
      request_counts: counts,
      created_at: iso(batch.createdAt),
      expires_at: iso(batch.createdAt + 24 * 3600_000),
      ended_at: ended ? iso(batch.endsAt) : null,
      cancel_initiated_at: null,
      archived_at: null,
      results_url: ended ? `${baseUrl}/v1/messages/batches/${batch.id}/results` : null,
    };
  }
}

function invalid(message: string): FakeApiError {
  return { status: 400, type: 'invalid_request_error', message };
}
