/**
 * Interface summaries: what other files see of a Zig file — its pub declarations' signatures
 * and its containers' fields, without bodies — to give agents context without whole files.
 */
import type { Declaration, Field, WorkItem } from './types.js';

export interface InterfaceSummary {
  path: string;
  /** Zig-like text: signatures end in `;`, containers list their fields and pub members. */
  text: string;
  /** Approximate model tokens of `text` (see `estimateTokens`). */
  tokens: number;
}

/** Approximate tokens for code: one per 3.5 characters, rounded up (Claude's tokenizer averages 3–4 on code). */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 3.5);
}

const MAX_DEFAULT_CHARS = 40;

function fieldLine(field: Field, indent: string): string {
  const tuple = /^[0-9]+$/.test(field.name);
  let line = `${indent}${tuple ? '' : field.name}`;
  if (field.type !== undefined) line += tuple ? field.type : `: ${field.type}`;
  if (field.value !== undefined) line += ` = ${field.value.length > MAX_DEFAULT_CHARS ? '…' : field.value}`;
  return `${line},`;
}

function docLine(decl: Declaration, indent: string): string[] {
  const first = decl.doc?.split('\n')[0]?.trim();
  return first === undefined || first === '' ? [] : [`${indent}/// ${first}`];
}

const CONTAINERS = new Set(['struct', 'enum', 'union', 'opaque']);

function declarationLines(decl: Declaration, indent: string): string[] {
  const lines = docLine(decl, indent);
  if (CONTAINERS.has(decl.kind) && decl.fields !== undefined) {
    const members = [...decl.fields.map((field) => fieldLine(field, `${indent}    `))];
    for (const member of [...(decl.methods ?? []), ...(decl.nested ?? [])].sort((a, b) => a.startLine - b.startLine)) {
      if (member.pub) members.push(...declarationLines(member, `${indent}    `));
    }
    const open = decl.generic !== undefined ? `${decl.signature} { // generic ${decl.kind}` : `${decl.signature} {`;
    const close = decl.generic !== undefined ? `${indent}}` : `${indent}};`;
    if (members.length === 0) {
      const empty = decl.generic !== undefined ? `${decl.signature}; // generic ${decl.kind}` : `${decl.signature} {};`;
      return [...lines, `${indent}${empty}`];
    }
    return [...lines, `${indent}${open}`, ...members, close];
  }
  return [...lines, `${indent}${decl.signature};`];
}

/** The summary of one file. Files with nothing public get a one-line summary saying so. */
export function summarizeItem(item: WorkItem): InterfaceSummary {
  const lines = [`// ${item.path}`];
  if (item.fileFields.length > 0) {
    lines.push('// fields of this file (the file is a struct):');
    lines.push(...item.fileFields.map((field) => fieldLine(field, '')));
  }
  for (const decl of item.declarations) if (decl.pub) lines.push(...declarationLines(decl, ''));
  if (lines.length === 1) lines.push('// (no pub declarations)');
  const text = `${lines.join('\n')}\n`;
  return { path: item.path, text, tokens: estimateTokens(text) };
}
