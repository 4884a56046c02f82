/**
 * The raw shapes of cargo's `--message-format=json` stream (one JSON object per line) and a
 * tolerant reader: lines that are not JSON messages (libtest output after the build, stray
 * text) are skipped, not fatal.
 */

/** A span as rustc emits it. */
export interface RawSpan {
  file_name: string;
  byte_start: number;
  byte_end: number;
  line_start: number;
  line_end: number;
  column_start: number;
  column_end: number;
  is_primary: boolean;
  label: string | null;
  suggested_replacement: string | null;
  suggestion_applicability: string | null;
  text?: { text: string; highlight_start: number; highlight_end: number }[];
  expansion?: { span: RawSpan; macro_decl_name?: string; def_site_span?: RawSpan | null } | null;
}

/** A rustc diagnostic (`message` of a `compiler-message`, or one of its children). */
export interface RawDiagnostic {
  message: string;
  code: { code: string; explanation?: string | null } | null;
  level: string;
  spans: RawSpan[];
  children: RawDiagnostic[];
  rendered: string | null;
}

/** The target a message belongs to. */
interface RawTarget {
  kind: string[];
  crate_types?: string[];
  name: string;
  src_path: string;
  test?: boolean;
}

interface CompilerMessage {
  reason: 'compiler-message';
  package_id: string;
  manifest_path?: string;
  target: RawTarget;
  message: RawDiagnostic;
}

interface CompilerArtifact {
  reason: 'compiler-artifact';
  package_id: string;
  manifest_path?: string;
  target: RawTarget;
  profile?: { test?: boolean };
  executable?: string | null;
  fresh?: boolean;
}

interface BuildFinished {
  reason: 'build-finished';
  success: boolean;
}

export type CargoMessage = CompilerMessage | CompilerArtifact | BuildFinished;

/** The JSON messages of a stream, plus the text that followed `build-finished` (libtest output). */
export interface MessageStream {
  messages: CargoMessage[];
  /** Lines that were not cargo messages, joined (for `cargo test`: the test binaries' output). */
  rest: string;
  /** `success` of the last `build-finished`, or undefined when none arrived (killed, crashed). */
  buildSuccess: boolean | undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Splits a `--message-format=json` stdout into cargo messages and other text. */
export function readMessageStream(stdout: string): MessageStream {
  const messages: CargoMessage[] = [];
  const rest: string[] = [];
  let buildSuccess: boolean | undefined;
  let finished = false;
  for (const line of stdout.split('\n')) {
    const trimmed = line.replace(/\r$/, '');
    if (!finished && trimmed.startsWith('{"reason":')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(trimmed);
      } catch {
        rest.push(trimmed);
        continue;
      }
      if (!isObject(parsed)) continue;
      const reason = parsed['reason'];
      if (reason === 'compiler-message' && isObject(parsed['message']) && isObject(parsed['target'])) {
        messages.push(parsed as unknown as CompilerMessage);
      } else if (reason === 'compiler-artifact' && isObject(parsed['target'])) {
        messages.push(parsed as unknown as CompilerArtifact);
      } else if (reason === 'build-finished') {
        buildSuccess = parsed['success'] === true;
        messages.push({ reason: 'build-finished', success: buildSuccess });
        finished = true;
      }
      continue;
    }
    if (finished || trimmed !== '') rest.push(trimmed);
  }
  return { messages, rest: rest.join('\n'), buildSuccess };
}
