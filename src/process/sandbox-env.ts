/**
 * The environment a command that builds or runs model-written code gets: an allow-list of variables
 * taken from this process's environment, never the whole of it. API keys and tokens stay out unless
 * the user names them (`--sandbox-env NAME`).
 */

/** Variables passed through as they are, when set. */
export const SANDBOX_ENV_NAMES: readonly string[] = [
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'SHELL',
  'TMPDIR',
  'LANG',
  'LANGUAGE',
  'TERM',
  'TZ',
  'NO_COLOR',
  // rustup and cargo
  'CARGO_HOME',
  'RUSTUP_HOME',
  'RUSTUP_TOOLCHAIN',
  'RUSTUP_AUTO_INSTALL',
  'CARGO_TARGET_DIR',
  'CARGO_BUILD_JOBS',
  'CARGO_BUILD_TARGET',
  'CARGO_INCREMENTAL',
  'CARGO_PROFILE_DEV_DEBUG',
  'CARGO_TERM_COLOR',
  'CARGO_TERM_PROGRESS_WHEN',
  'CARGO_NET_OFFLINE',
  'RUSTC',
  'RUSTDOC',
  'RUSTFLAGS',
  'RUSTDOCFLAGS',
  'RUST_BACKTRACE',
  'RUST_LIB_BACKTRACE',
  'RUST_MIN_STACK',
  'RUST_TEST_THREADS',
];

/** What programs need on Windows (names compared without case there). */
const WINDOWS_NAMES: readonly string[] = ['SYSTEMROOT', 'WINDIR', 'COMSPEC', 'PATHEXT', 'USERPROFILE', 'APPDATA', 'LOCALAPPDATA', 'TEMP', 'TMP', 'PROGRAMDATA', 'PROGRAMFILES', 'NUMBER_OF_PROCESSORS', 'PROCESSOR_ARCHITECTURE', 'OS'];

/** Families passed through by prefix: locale settings (`LC_ALL`, `LC_CTYPE`, …). */
const PREFIXES: readonly string[] = ['LC_'];

/** Names that look like credentials: never passed unless named explicitly. */
export function looksSecret(name: string): boolean {
  return /(KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|AUTH|COOKIE|SESSION)/i.test(name);
}

/** Whether a variable of this process's environment reaches sandboxed commands. */
export function allowedVariable(name: string, extra: readonly string[] = []): boolean {
  if (extra.includes(name)) return true;
  if (looksSecret(name)) return false;
  if (process.platform === 'win32') {
    const upper = name.toUpperCase();
    if (SANDBOX_ENV_NAMES.includes(upper) || WINDOWS_NAMES.includes(upper)) return true;
  }
  return SANDBOX_ENV_NAMES.includes(name) || PREFIXES.some((p) => name.startsWith(p));
}

/** A valid variable name for `--sandbox-env`. */
export function isVariableName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name);
}

/**
 * The allow-listed subset of `source`, then `overrides` (the command's own variables: set, or removed
 * with `undefined`), which the caller chose and therefore pass as they are.
 */
export function sandboxEnvironment(
  source: NodeJS.ProcessEnv,
  extra: readonly string[] = [],
  overrides: Readonly<Record<string, string | undefined>> = {},
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(source)) {
    if (value !== undefined && allowedVariable(name, extra)) env[name] = value;
  }
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}
