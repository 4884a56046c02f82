/**
 * Walks a Zig syntax tree and extracts declarations, fields and tests. Only declaration
 * levels are visited (the file, containers, a generic's return); function bodies are not,
 * and the walk uses a cursor, which keeps extraction cheap next to parsing.
 */
import { Cursor } from './cursor.js';
import type { SyntaxNode } from './tree-sitter.js';
import type { Declaration, DeclarationKind, Field, TestInfo } from './types.js';
import { headerText, IMPORT_CALL, normalise, unescapeZigString } from './zig-text.js';
import { CONTAINER_KINDS, walkFunction } from './zig-generic.js';

/** Values shown in full in a const signature up to this length; longer ones become `…`. */
const MAX_VALUE_CHARS = 60;

const IMPORT_PREFIX = new RegExp(`^${IMPORT_CALL.source}`);

export interface ZigDeclarations {
  declarations: Declaration[];
  fileFields: Field[];
  tests: TestInfo[];
}

/** Extracts the declarations of a parsed Zig file. `text` must be the string that was parsed. */
export function extractDeclarations(root: SyntaxNode, text: string): ZigDeclarations {
  const tests: TestInfo[] = [];
  const body = extractBody(new Cursor(root, text), 'struct', '', tests);
  return {
    declarations: [...body.methods, ...body.nested].sort(bySource),
    fileFields: body.fields,
    tests: tests.sort(testOrder),
  };
}

interface Body {
  fields: Field[];
  methods: Declaration[];
  nested: Declaration[];
}

const bySource = (a: Declaration, b: Declaration): number => a.startLine - b.startLine;
const testOrder = (a: TestInfo, b: TestInfo): number =>
  (a.container === undefined ? 0 : 1) - (b.container === undefined ? 0 : 1) || a.startLine - b.startLine;

/** The members of the container (or file) under the cursor. */
function extractBody(c: Cursor, kind: DeclarationKind, path: string, tests: TestInfo[]): Body {
  const body: Body = { fields: [], methods: [], nested: [] };
  let doc: string[] = [];
  c.eachChild(() => {
    const type = c.type;
    if (type === 'comment') {
      const comment = c.nodeText;
      if (comment.startsWith('///') && !comment.startsWith('////')) doc.push(comment.slice(3).replace(/^ /, ''));
      else doc = [];
      return;
    }
    const docText = doc.length > 0 ? doc.join('\n') : undefined;
    doc = [];
    let decl: Declaration | undefined;
    if (type === 'container_field') {
      const field = extractField(c, kind, body.fields.length);
      if (field !== undefined) body.fields.push(field);
    } else if (type === 'function_declaration') {
      decl = extractFunction(c, path, tests);
      (decl.kind === 'fn' ? body.methods : body.nested).push(decl);
    } else if (type === 'variable_declaration') {
      decl = extractVariable(c, path, tests);
      if (decl !== undefined) body.nested.push(decl);
    } else if (type === 'test_declaration') {
      const test = extractTest(c, path);
      tests.push(test);
      const signature = headerText(c.text, c.start, c.end, '{');
      body.nested.push({ kind: 'test', name: test.name, pub: false, startLine: test.startLine, endLine: test.endLine, signature });
    } else if (type === 'using_namespace_declaration') {
      usingNamespace(c, path, tests, body);
    }
    if (decl !== undefined && docText !== undefined) decl.doc = docText;
  });
  return body;
}

/**
 * `usingnamespace struct { … }`: the container's declarations become the enclosing container's (Zig mixes
 * them in), so its nested containers and their fields are found like any other; a declaration is public only
 * when both it and the `usingnamespace` are. A `usingnamespace` of anything else (`Mixin(@This())`, an
 * imported namespace) declares nothing that can be read here.
 */
function usingNamespace(c: Cursor, path: string, tests: TestInfo[], body: Body): void {
  let pub = false;
  c.eachChild(() => {
    if (c.type === 'pub') pub = true;
    const kind = CONTAINER_KINDS[c.type];
    if (kind === undefined) return true;
    const inner = extractBody(c, kind, path, tests);
    for (const decl of [...inner.methods, ...inner.nested]) {
      if (!pub) decl.pub = false;
      (decl.kind === 'fn' ? body.methods : body.nested).push(decl);
    }
    return false;
  });
}

function extractField(c: Cursor, kind: DeclarationKind, index: number): Field | undefined {
  const start = c.start;
  const end = c.end;
  if (start === end) return undefined; // the empty-container grammar artifact
  const line = c.lineOf(start);
  const own = c.text.slice(start, end);
  if (!/[{("'/\\\n@]/.test(own)) return simpleField(own, line, kind, index);
  let name: string | undefined;
  let type: string | undefined;
  let value: string | undefined;
  let container: Field['container'];
  let after = '';
  c.eachChild(() => {
    if (!c.named) {
      after = c.type;
    } else if (c.type === 'comment') {
      // skip
    } else if (after === '=') {
      value = normalise(c.nodeText);
      return false;
    } else if (after === ':' && type === undefined) {
      type = normalise(c.nodeText);
      const inner = CONTAINER_KINDS[c.type];
      if (inner !== undefined) container = { kind: inner, fields: anonymousFields(c, inner) };
    } else if (name === undefined && after !== ':') {
      name = c.nodeText;
    }
    return true;
  });
  if (name === undefined) return undefined;
  const field: Field = { name, line };
  if (type !== undefined) field.type = type;
  else if (kind === 'struct' || kind === 'opaque') {
    // A tuple field: what the grammar calls the name is the type.
    field.type = name;
    field.name = String(index);
  }
  if (value !== undefined) field.value = value;
  if (container !== undefined && container.fields.some((f) => f.type !== undefined)) field.container = container;
  return field;
}

/** The fields of an anonymous container used as a field's type (`pos: struct { x: i32, y: i32 }`), nested ones included. */
function anonymousFields(c: Cursor, kind: DeclarationKind): Field[] {
  const fields: Field[] = [];
  c.eachChild(() => {
    if (c.type !== 'container_field') return;
    const field = extractField(c, kind, fields.length);
    if (field !== undefined) fields.push(field);
  });
  return fields;
}

const VAR_HEADER = /^(pub\s+)?(?:(?:export|extern(?:\s+"[^"]*")?|threadlocal)\s+)*(const|var)\s+(@"(?:[^"\\\n]|\\.)*"|[A-Za-z_]\w*)/;

/** A field whose text has no nesting: `name: Type = value`, `tag = 3`, `tag`, or a tuple field `u8`. */
function simpleField(own: string, line: number, kind: DeclarationKind, index: number): Field {
  const equals = own.indexOf('=');
  const head = (equals < 0 ? own : own.slice(0, equals)).replace(/^comptime\s+/, '');
  const colon = head.indexOf(':');
  const field: Field = { name: (colon < 0 ? head : head.slice(0, colon)).trim(), line };
  if (colon >= 0) field.type = normalise(head.slice(colon + 1));
  else if (kind === 'struct' || kind === 'opaque') {
    field.type = field.name;
    field.name = String(index);
  }
  if (equals >= 0) field.value = normalise(own.slice(equals + 1));
  return field;
}

function extractVariable(c: Cursor, path: string, tests: TestInfo[]): Declaration | undefined {
  const text = c.text;
  const start = c.start;
  const end = c.end;
  const startLine = c.lineOf(start);
  const endLine = c.endLineOf(start, end);
  let valueStart = end;
  let valueEnd = end;
  let decl: Declaration | undefined;
  let header: RegExpExecArray | null = null;
  c.lastChild(() => {
    if (c.type === ';' && !c.previous()) return;
    if (!c.named) return;
    const prefix = text.slice(start, c.start);
    if (!/=\s*$/.test(prefix)) return;
    valueStart = c.start;
    valueEnd = c.end;
    header = VAR_HEADER.exec(prefix);
    if (header === null) return;
    const [, pubWord, keyword, name = ''] = header;
    const pub = pubWord !== undefined;
    const t = c.type;
    const containerKind = CONTAINER_KINDS[t];
    if (containerKind !== undefined && keyword === 'const') {
      decl = { kind: containerKind, name, pub, startLine, endLine, signature: headerText(text, start, end, '{') };
      fillContainer(decl, c, path === '' ? name : `${path}.${name}`, tests);
    } else if (t === 'error_set_declaration') {
      const errors: string[] = [];
      c.eachChild(() => {
        if (c.type === 'identifier') errors.push(c.nodeText);
      });
      decl = { kind: 'error_set', name, pub, startLine, endLine, signature: normalise(text.slice(start, end)), errors };
    } else if (t === 'builtin_function' || t === 'field_expression') {
      const spec = IMPORT_PREFIX.exec(text.slice(valueStart, valueEnd))?.[1];
      if (spec !== undefined) decl = { kind: 'const', name, pub, startLine, endLine, signature: '', importSpec: unescapeZigString(spec) };
    }
  });
  if (decl !== undefined) {
    if (decl.signature === '') decl.signature = valueSignature(text, start, valueStart, valueEnd, end);
    return decl.name === '_' ? undefined : decl;
  }
  header ??= VAR_HEADER.exec(text.slice(start, end));
  if (header === null) return undefined;
  const [, pubWord, keyword, name = ''] = header as RegExpExecArray;
  if (name === '_') return undefined;
  return {
    kind: keyword === 'var' ? 'var' : 'const',
    name,
    pub: pubWord !== undefined,
    startLine,
    endLine,
    signature: valueSignature(text, start, valueStart, valueEnd, end),
  };
}

/** `pub const max: usize = 10`, or `pub const table = …` when the value is long or spans lines. */
function valueSignature(text: string, start: number, valueStart: number, valueEnd: number, end: number): string {
  if (valueStart === end) return normalise(text.slice(start, end));
  const long = valueEnd - valueStart > MAX_VALUE_CHARS || text.slice(valueStart, valueEnd).includes('\n');
  return long ? `${normalise(text.slice(start, valueStart))} …` : normalise(text.slice(start, end));
}

function fillContainer(decl: Declaration, c: Cursor, path: string, tests: TestInfo[]): void {
  const body = extractBody(c, decl.kind, path, tests);
  decl.fields = body.fields;
  decl.methods = body.methods;
  decl.nested = body.nested;
}

const FN_HEADER = /^(pub\s+)?(?:[a-z]+(?:\s+"[^"]*")?\s+)*fn\s+(@"(?:[^"\\\n]|\\.)*"|[A-Za-z_]\w*)\s*\(/;
const RETURNS_TYPE = /\)\s*type\s*$/;

function extractFunction(c: Cursor, path: string, tests: TestInfo[]): Declaration {
  const text = c.text;
  const start = c.start;
  const nodeEnd = c.end;
  let end = nodeEnd;
  c.lastChild(() => {
    if (c.type === 'block') end = c.start;
  });
  const head = text.slice(start, end);
  const match = FN_HEADER.exec(head);
  const decl: Declaration = {
    kind: 'fn',
    name: match?.[2] ?? '',
    pub: match?.[1] !== undefined,
    startLine: c.lineOf(start),
    endLine: c.endLineOf(start, nodeEnd),
    signature: normalise(head),
  };
  // The slow path: an unusual header, or a `fn … type` that may be a generic container.
  if (match === null || (end !== nodeEnd && RETURNS_TYPE.test(head))) {
    walkFunction(c, decl, () => fillContainer(decl, c, path === '' ? decl.name : `${path}.${decl.name}`, tests));
  }
  return decl;
}

function extractTest(c: Cursor, path: string): TestInfo {
  let name = '';
  let form: TestInfo['form'] = 'anonymous';
  const start = c.start;
  const startLine = c.lineOf(start);
  const endLine = c.endLineOf(start, c.end);
  c.eachChild(() => {
    if (c.type === 'string') {
      name = unescapeZigString(c.nodeText.slice(1, -1));
      form = 'string';
      return false;
    }
    if (c.type === 'identifier') {
      name = c.nodeText;
      form = 'identifier';
      return false;
    }
    return c.type !== 'block';
  });
  const test: TestInfo = { name, form, startLine, endLine };
  if (path !== '') test.container = path;
  return test;
}
