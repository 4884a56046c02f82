// Types of bench/lib/scale-project.mjs, for the tests that import it.
export declare const DEFAULT_FILES: number;
export declare const DEFAULT_FAULT_RATE: number;
export declare const FAULT_KINDS: readonly ['no-compile', 'cascade', 'fails-test', 'rejected'];
export type ScaleFaultKind = (typeof FAULT_KINDS)[number];

export interface ScaleProjectOptions {
  /** Zig files. Default 1300. */
  files?: number;
  /** PRNG seed. Default 1. */
  seed?: number;
  /** Share of files that get a fault, split evenly over the four kinds. Default 0.08. */
  faultRate?: number;
  /** Cargo package name of the golden crate. Default `scaleproj`. */
  package?: string;
}

export interface ScaleProjectSummary {
  files: number;
  seed: number;
  faultRate: number;
  package: string;
  zigLines: number;
  rustLines: number;
  /** Zig test blocks (= Rust #[test] fns in the golden crate). */
  tests: number;
  structFields: number;
  imports: number;
  /** The longest import chain, in files. */
  depth: number;
  /** Zig files (relative to src/) with a fault, by kind. */
  faults: Record<ScaleFaultKind, string[]>;
  cascadeDependents: number;
}

export declare function writeScaleProject(dir: string, options?: ScaleProjectOptions): ScaleProjectSummary;
export declare const CARGO_TOML: (pkg: string) => string;
