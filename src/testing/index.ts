/**
 * Test helpers for recipes (`migrate-kit/testing`): a scripted provider, a fake Anthropic
 * Messages API server on 127.0.0.1, and a one-call way to run a recipe against a script.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScriptedProvider, type Script } from '../model/scripted-provider.js';
import { startRun, type RunResult, type StartRunOptions } from '../workflow/run.js';
import type { WorkflowEvent } from '../workflow/events.js';
import type { Recipe } from '../workflow/types.js';

export { ScriptedProvider, byLabel, type Script, type ScriptedAnswer, type ScriptedCall, type ScriptedProviderOptions } from '../model/scripted-provider.js';
export * from './fake-anthropic-server.js';

export interface RunWithScriptOptions extends Omit<StartRunOptions, 'recipe' | 'provider' | 'stateDir'> {
  /** Default: a new temporary directory. */
  stateDir?: string;
}

export interface ScriptedRun extends RunResult {
  provider: ScriptedProvider;
  events: WorkflowEvent[];
  stateDir: string;
}

/** Runs a recipe to the end against a scripted model; returns the result, the provider (with its calls) and every event. */
export async function runWithScript(recipe: Recipe<any>, script: Script, options: RunWithScriptOptions = {}): Promise<ScriptedRun> {
  const provider = new ScriptedProvider(script);
  const stateDir = options.stateDir ?? (await mkdtemp(join(tmpdir(), 'migrate-kit-test-')));
  const events: WorkflowEvent[] = [];
  const handle = await startRun({ ...options, recipe, provider, stateDir, onEvent: (event) => events.push(event) });
  const result = await handle.done;
  return { ...result, provider, events, stateDir };
}
export { ZigToRustGoldenModel, parseTaskHeader, type ModelAnswer, type TaskHeader, type ZigToRustModelOptions } from './zig-to-rust-model.js';
