/**
 * Differential checking, round trips across the two sides: where the port's encoder gives other bytes than the
 * Zig's for an input, the Zig's own decoder reads the port's bytes back. If it does not get what it gets from
 * its own encoding (an error where the Zig's round trip gives the input back, say), the port writes data the
 * original cannot read: a deviation of `decode(encode of the port)`, shown by the input given to the encoders.
 * Only the Zig side runs (one more Zig build, and only when encoders differ).
 */
import { compareFunction } from './differential-compare.js';
import type { InputValue } from './differential-inputs.js';
import type { DiffFile, SideRecords } from './differential-run.js';
import type { CheckableFn } from './differential-types.js';

/** One cross check: the decoder on the port's encodings, with the inputs they came from and the Zig's own round trip. */
export interface CrossCheck {
  file: string;
  name: string;
  /** The decoder's check (its inputs are the port's encodings). */
  check: { fn: CheckableFn; inputs: InputValue[][] };
  /** The inputs given to the encoders, and the Zig's own round-trip record for each. */
  origins: InputValue[][];
  zigRoundTrip: Array<string | undefined>;
}

const callee = (fn: CheckableFn): string => fn.zigCallee ?? `target.${fn.zigName}`;

/** The cross checks for the round trips of `files` whose encoders' byte outputs differ between the sides. */
export function crossChecks(files: readonly DiffFile[], zigSide: SideRecords, rustSide: SideRecords): CrossCheck[] {
  const out: CrossCheck[] = [];
  for (const file of files) {
    const z = zigSide.get(file.zig);
    const r = rustSide.get(file.zig);
    if (z === undefined || r === undefined) continue;
    file.fns.forEach(({ fn, inputs }, rt) => {
      const decoder = fn.then;
      if (decoder === undefined || decoder.params.length !== 1 || decoder.params[0]!.zig.k !== 'bytes') return;
      const encoder = file.fns.findIndex((c) => c.fn.then === undefined && c.fn.seq === undefined && callee(c.fn) === callee(fn));
      if (encoder < 0) return;
      const check: CrossCheck = { file: file.zig, name: `${decoder.zigName}(${file.fns[encoder]!.fn.zigName} of the port)`, check: { fn: decoder, inputs: [] }, origins: [], zigRoundTrip: [] };
      inputs.forEach((input, i) => {
        const zigBytes = z.records[encoder]?.[i];
        const portBytes = unwrapBytes(r.records[encoder]?.[i]);
        if (portBytes === undefined || zigBytes === undefined || z.records[rt]?.[i] === undefined || unwrapBytes(zigBytes) === portBytes) return;
        check.check.inputs.push([{ k: 'bytes', v: Uint8Array.from(Buffer.from(portBytes, 'hex')) }]);
        check.origins.push(input);
        check.zigRoundTrip.push(z.records[rt]![i]);
      });
      if (check.origins.length > 0) out.push(check);
    });
  }
  return out;
}

/** The hex of a record that is bytes (`x:6162`), else undefined (an error, a trap, null). */
function unwrapBytes(record: string | undefined): string | undefined {
  return record?.startsWith('x:') === true ? record.slice(2) : undefined;
}

/** The comparison of a cross check: the Zig's own round trip against its decoder on the port's bytes. */
export function compareCross(check: CrossCheck, decoded: ReadonlyArray<string | undefined>): ReturnType<typeof compareFunction> & { notRun: number } {
  const ran = check.origins.map((_, i) => decoded[i] !== undefined);
  const cmp = compareFunction(
    check.name,
    check.origins.filter((_, i) => ran[i]),
    check.zigRoundTrip.filter((_, i) => ran[i]),
    decoded.filter((_, i) => ran[i]),
  );
  return { ...cmp, notRun: ran.filter((x) => !x).length };
}
