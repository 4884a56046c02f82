/** The implicit scope of a call: which phase it belongs to and its scheduling priority (pipeline depth). */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface Scope {
  /** Phase title; nested phases are joined with " / ". Empty outside any phase. */
  phase: string;
  /** Higher starts first: later pipeline stages outrank earlier ones, so items flow through. */
  priority: number;
}

const storage = new AsyncLocalStorage<Scope>();
const ROOT: Scope = { phase: '', priority: 0 };

export function currentScope(): Scope {
  return storage.getStore() ?? ROOT;
}

export function withScope<T>(patch: Partial<Scope>, fn: () => T): T {
  return storage.run({ ...currentScope(), ...patch }, fn);
}
