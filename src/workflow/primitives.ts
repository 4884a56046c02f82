/** The composition primitives: parallel (a barrier), pipeline (streaming, no barrier) and phase. */
import { MigrateError, toMigrateError } from '../errors.js';
import type { EventBus } from './events.js';
import { currentScope, withScope } from './scope.js';
import type { Outcome, PipelineOutcome, Stage } from './types.js';

function failed(error: unknown): { status: 'failed'; error: MigrateError } {
  return { status: 'failed', error: toMigrateError(error, 'TASK_FAILED') };
}

export async function parallel<T>(thunks: ReadonlyArray<() => T | Promise<T>>): Promise<Array<Outcome<Awaited<T>>>> {
  if (!Array.isArray(thunks) || thunks.some((t) => typeof t !== 'function')) {
    throw new MigrateError('BAD_INPUT', 'parallel() expects an array of functions (thunks) such as [() => agent(a), () => agent(b)]; pass functions, not promises, so each starts inside the runtime.');
  }
  return Promise.all(
    thunks.map(async (thunk): Promise<Outcome<Awaited<T>>> => {
      try {
        return { status: 'ok', value: await thunk() };
      } catch (error) {
        return failed(error);
      }
    }),
  );
}

export async function pipeline<I>(items: Iterable<I> | AsyncIterable<I>, stages: ReadonlyArray<Stage<any, unknown, I>>): Promise<Array<PipelineOutcome<unknown, I>>> {
  if (items === null || typeof items !== 'object' || !(Symbol.iterator in items || Symbol.asyncIterator in items)) {
    throw new MigrateError('BAD_INPUT', `pipeline() expects an array, an iterable or an async iterable of items as its first argument; got ${items === null ? 'null' : typeof items}.`);
  }
  if (stages.length === 0 || stages.some((s) => typeof s !== 'function')) {
    throw new MigrateError('BAD_INPUT', 'pipeline() expects one or more stage functions after the items: pipeline(items, (item) => …, (previous, item, index) => …).');
  }
  const base = currentScope().priority;
  const runs: Array<Promise<PipelineOutcome<unknown, I>>> = [];
  const flow = async (item: I, index: number): Promise<PipelineOutcome<unknown, I>> => {
    let value: unknown = item;
    for (let stage = 0; stage < stages.length; stage++) {
      const fn = stages[stage]!;
      try {
        const input = value;
        value = await withScope({ priority: base + stage + 1 }, () => fn(input, item, index));
      } catch (error) {
        return { ...failed(error), item, index, stage };
      }
    }
    return { status: 'ok', value, item, index };
  };
  let index = 0;
  try {
    // Each item starts as soon as it arrives; the source is never awaited behind the work.
    for await (const item of items) runs.push(flow(item, index++));
  } catch (error) {
    // The item source itself failed: the items already started still finish and are reported,
    // and the failure is one more outcome (stage -1, no item).
    const sourceFailure = { ...failed(error), item: undefined as I, index, stage: -1 };
    return [...(await Promise.all(runs)), sourceFailure];
  }
  return Promise.all(runs);
}

export async function phase<T>(events: EventBus, title: string, fn: () => T | Promise<T>): Promise<Awaited<T>> {
  if (typeof title !== 'string' || title.length === 0 || typeof fn !== 'function') {
    throw new MigrateError('BAD_INPUT', 'phase() expects a title string and a function: phase("port", async () => { … }).');
  }
  const parent = currentScope().phase;
  const name = parent ? `${parent} / ${title}` : title;
  events.emit({ type: 'phase:started', phase: name });
  try {
    const value = await withScope({ phase: name }, fn);
    events.emit({ type: 'phase:finished', phase: name, ok: true });
    return value;
  } catch (error) {
    events.emit({ type: 'phase:finished', phase: name, ok: false });
    throw error;
  }
}
