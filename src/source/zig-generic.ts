/**
 * Generic containers: a `fn … type` whose body returns a container
 * (`return struct {…};`, or `const S = struct {…}; … return S;`) is reported as that
 * container, with the function's parameters as its generic parameters.
 */
import type { Cursor } from './cursor.js';
import type { Declaration, DeclarationKind } from './types.js';
import { normalise } from './zig-text.js';

export const CONTAINER_KINDS: Record<string, DeclarationKind> = {
  struct_declaration: 'struct',
  enum_declaration: 'enum',
  union_declaration: 'union',
  opaque_declaration: 'opaque',
};

const FN_NOT_RETURN_TYPE = new Set(['parameters', 'block', 'comment', 'byte_alignment', 'address_space', 'link_section', 'calling_convention', 'string', 'identifier']);

/** Reads a function's children; when it returns a container, sets its kind and `generic`, and calls `fill` with the cursor on the container. */
export function walkFunction(c: Cursor, decl: Declaration, fill: () => void): void {
  let returnsType = false;
  let seenParams = false;
  let params: string[] = [];
  c.eachChild(() => {
    const t = c.type;
    if (t === 'pub') decl.pub = true;
    else if (t === 'identifier' && decl.name === '') decl.name = c.nodeText;
    else if (t === 'parameters') {
      seenParams = true;
      params = parameterTexts(c);
    } else if (t === 'block') {
      if (returnsType && returnedContainer(c, decl, fill)) decl.generic = { params };
    } else if (seenParams && c.named && !FN_NOT_RETURN_TYPE.has(t)) returnsType = c.nodeText === 'type';
  });
}

function parameterTexts(c: Cursor): string[] {
  const params: string[] = [];
  c.eachChild(() => {
    if (c.type === 'parameter') params.push(normalise(c.nodeText));
  });
  return params;
}

/**
 * With the cursor on the body of a `fn … type`, finds the container it returns
 * (`return struct {…};` or `const S = struct {…}; … return S;`) and fills `decl` from it.
 */
function returnedContainer(c: Cursor, decl: Declaration, fill: () => void): boolean {
  const locals = new Map<string, number>();
  let returned: string | undefined;
  let returnIndex = -1;
  c.eachChild(() => {
    const t = c.type;
    if (t === 'variable_declaration') {
      let local: string | undefined;
      let seenEquals = false;
      c.eachChild(() => {
        if (c.type === 'identifier' && local === undefined) local = c.nodeText;
        else if (c.type === '=') seenEquals = true;
        else if (seenEquals && c.named) {
          if (local !== undefined && CONTAINER_KINDS[c.type] !== undefined) locals.set(local, c.start);
          return false;
        }
        return true;
      });
    } else if (t === 'expression_statement') {
      c.eachChild(() => {
        if (c.type !== 'return_expression') return false;
        c.eachChild(() => {
          if (!c.named) return true;
          if (CONTAINER_KINDS[c.type] !== undefined) returnIndex = c.start;
          else if (c.type === 'identifier') returned = c.nodeText;
          return false;
        });
        return false;
      });
      if (returnIndex < 0 && returned !== undefined) returnIndex = locals.get(returned) ?? -1;
      if (returnIndex >= 0) return false;
    }
    return true;
  });
  if (returnIndex < 0) return false;
  // Walk again to the container that starts at returnIndex and read it.
  let found = false;
  const visit = (): boolean => {
    const kind = CONTAINER_KINDS[c.type];
    if (kind !== undefined && c.start === returnIndex) {
      decl.kind = kind;
      fill();
      found = true;
      return false;
    }
    if (c.start <= returnIndex && returnIndex < c.end) c.eachChild(visit);
    return !found;
  };
  c.eachChild(visit);
  return found;
}

