/**
 * Differential checking, a struct's inputs: sequences of calls on a value its constructor builds. The
 * constructor alone, then each method on a fresh value with its own edge arguments (followed by the methods
 * without arguments, which read the state back), then seeded random sequences whose arguments favour the
 * edge values and the tests' literals, so calls meet the same keys (`put("a", …)` then `get("a")`).
 */
import { generateInputs, Rng, valueKey, type InputValue, type Literals } from './differential-inputs.js';
import type { CheckableFn, SequenceSpec } from './differential-types.js';

/** Argument tuples per method at most; the first few (edges and literals) are drawn most often. */
const ARGS_PER_METHOD = 40;
const FAVOURED = 8;
const MAX_LENGTH = 12;

export function generateSequences(
  spec: SequenceSpec,
  literals: Literals,
  seed: string,
  cap: number,
  accept: (fn: CheckableFn, args: InputValue[]) => boolean,
): { inputs: InputValue[][]; rejected: number } {
  let rejected = 0;
  const argsOf = (fn: CheckableFn, salt: string, n: number): InputValue[][] => {
    const got = generateInputs(fn.params.map((p) => p.zig), literals, `${seed}:${salt}`, n, (args) => accept(fn, args));
    rejected += got.rejected;
    return got.inputs;
  };
  const ctorArgs = argsOf(spec.ctor, 'ctor', 8);
  const methodArgs = spec.methods.map((m, i) => argsOf(m, String(i), ARGS_PER_METHOD));
  const ctor = (args: InputValue[]): InputValue => ({ k: 'call', m: -1, name: spec.ctor.zigName, args });
  const call = (m: number, args: InputValue[]): InputValue => ({ k: 'call', m, name: spec.methods[m]!.zigName, args });
  const queries = spec.methods.flatMap((m, i) => (m.params.length === 0 ? [call(i, [])] : []));

  const inputs: InputValue[][] = [];
  const seen = new Set<string>();
  const add = (sequence: InputValue[]): void => {
    const key = sequence.map(valueKey).join(';');
    if (inputs.length >= cap || seen.has(key)) return;
    seen.add(key);
    inputs.push(sequence);
  };
  if (ctorArgs.length === 0) return { inputs, rejected };
  add([ctor(ctorArgs[0]!)]);
  for (const args of ctorArgs) add([ctor(args), ...queries]);
  methodArgs.forEach((list, m) => {
    for (const args of list.slice(0, 6)) add([ctor(ctorArgs[0]!), call(m, args), ...queries]);
  });
  const rng = new Rng(`${seed}:sequences`);
  for (let tries = 0; inputs.length < cap && tries < cap * 4; tries++) {
    const length = 2 + rng.below(MAX_LENGTH - 1);
    const sequence = [ctor(ctorArgs[rng.below(4) === 0 ? rng.below(ctorArgs.length) : 0]!)];
    for (let k = 0; k < length; k++) {
      const m = rng.below(spec.methods.length);
      const list = methodArgs[m]!;
      if (list.length === 0) continue;
      sequence.push(call(m, list[rng.below(4) > 0 ? rng.below(Math.min(FAVOURED, list.length)) : rng.below(list.length)]!));
    }
    add(sequence);
  }
  return { inputs, rejected };
}
