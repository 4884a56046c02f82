//! `std.testing` with Zig 0.11's checks and failure messages, and the port of `error.SkipZigTest`.
//!
//! Each check comes in three forms:
//! - `expect_*` (what ports call in `#[test]` fns): panics with Zig's message and error name, e.g.
//!   `expected 3, found 4 (error.TestExpectedEqual)`;
//! - `try_expect_*`: prints Zig's message to stderr and returns `Err(Error::TestExpectedEqual)`, as the
//!   Zig function does (for test helpers that return `Result` and use `?`);
//! - `check_*`: returns the [`Failure`] (error and message) without printing.
//!
//! Values are printed with `{:?}`: the same text as Zig's `{}` for integers, `bool`s and unit enum variants;
//! floats print as Rust does (`1.0`, Zig `1.0e+00`) except in the `approx` checks, which take `f64` and
//! print Zig's text exactly.
//!
//! **Skipped tests.** `return error.SkipZigTest` is `zig_skip!("reason")` (the recipe writes the macro into
//! the crate; `zig_std::zig_skip!` is the same macro). It prints `MIGRATE_SKIP: <test name> <reason>` to
//! stderr and returns from the test, and the recipe's test loop counts the test as skipped, not passed.

use crate::error::Error;
use std::fmt::Debug;

/// A failed check: the error Zig returns and the message it prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub error: Error,
    pub message: String,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}(error.{})", self.message, self.error)
    }
}

fn fail(error: Error, message: String) -> Result<(), Failure> {
    Err(Failure { error, message })
}

#[track_caller]
fn panic_on(result: Result<(), Failure>) {
    if let Err(failure) = result {
        panic!("{}", failure);
    }
}

fn print_on(result: Result<(), Failure>) -> crate::error::Result<()> {
    match result {
        Ok(()) => Ok(()),
        Err(failure) => {
            use std::io::Write;
            let _ = std::io::stderr().lock().write_all(failure.message.as_bytes());
            Err(failure.error)
        }
    }
}

/// `std.testing.expect(ok)`: `TestUnexpectedResult` (no message).
pub fn check(ok: bool) -> Result<(), Failure> {
    if ok { Ok(()) } else { fail(Error::TestUnexpectedResult, String::new()) }
}

/// `std.testing.expectEqual(expected, actual)`: `expected {}, found {}`, `TestExpectedEqual`. (Zig 0.11 casts
/// `actual` to the type of `expected`; 0.12 uses the peer type of both.)
pub fn check_equal<T: PartialEq + Debug>(expected: T, actual: T) -> Result<(), Failure> {
    if expected == actual {
        return Ok(());
    }
    fail(Error::TestExpectedEqual, format!("expected {:?}, found {:?}\n", expected, actual))
}

/// `std.testing.expectEqualSlices(T, expected, actual)`: `slices differ. first difference occurs at index
/// {d} (0x{X})` followed by both slices (Zig prints a window of them with a hex dump for bytes; here the
/// lengths and the `{:?}` of each), `TestExpectedEqual`.
pub fn check_equal_slices<T: PartialEq + Debug>(expected: &[T], actual: &[T]) -> Result<(), Failure> {
    let Some(diff) = crate::mem::index_of_diff(expected, actual) else { return Ok(()) };
    let message = format!(
        "slices differ. first difference occurs at index {} (0x{:X})\n\n============ expected this output: =============  len: {} (0x{:X})\n\n{:?}\n\n============= instead found this: ==============  len: {} (0x{:X})\n\n{:?}\n\n================================================\n\n",
        diff, diff, expected.len(), expected.len(), expected, actual.len(), actual.len(), actual
    );
    fail(Error::TestExpectedEqual, message)
}

fn visible_newlines(text: &str) -> String {
    // Zig's printWithVisibleNewlines: each line (a ⏎ after one that ends in a space or tab), then ␃.
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find('\n') {
        let line = &rest[..i];
        out.push_str(line);
        if line.ends_with(' ') || line.ends_with('\t') {
            out.push('⏎');
        }
        out.push('\n');
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
    out.push_str("␃\n");
    out
}

/// `std.testing.expectEqualStrings(expected, actual)`: both strings with visible newlines and `First
/// difference occurs on line {d}:`, `TestExpectedEqual`.
pub fn check_equal_strings(expected: &str, actual: &str) -> Result<(), Failure> {
    let Some(diff) = crate::mem::index_of_diff(actual.as_bytes(), expected.as_bytes()) else { return Ok(()) };
    let line = 1 + expected.as_bytes()[..diff.min(expected.len())].iter().filter(|&&c| c == b'\n').count();
    let message = format!(
        "\n====== expected this output: =========\n{}\n======== instead found this: =========\n{}\n======================================\nFirst difference occurs on line {}:\n",
        visible_newlines(expected),
        visible_newlines(actual),
        line
    );
    fail(Error::TestExpectedEqual, message)
}

/// `std.math.approxEqAbs(f64, x, y, tolerance)`: equal values (also infinities), else not NaN and
/// `|x - y| <= tolerance`. Panics on a negative tolerance (Zig asserts).
#[track_caller]
pub fn approx_eq_abs(x: f64, y: f64, tolerance: f64) -> bool {
    assert!(tolerance >= 0.0, "approx_eq_abs: negative tolerance");
    if x == y {
        return true;
    }
    if x.is_nan() || y.is_nan() {
        return false;
    }
    (x - y).abs() <= tolerance
}

/// `std.math.approxEqRel(f64, x, y, tolerance)`: `|x - y| <= max(|x|, |y|) * tolerance`. Panics unless
/// `tolerance > 0` (Zig asserts).
#[track_caller]
pub fn approx_eq_rel(x: f64, y: f64, tolerance: f64) -> bool {
    assert!(tolerance > 0.0, "approx_eq_rel: the tolerance must be positive");
    if x == y {
        return true;
    }
    if x.is_nan() || y.is_nan() {
        return false;
    }
    (x - y).abs() <= x.abs().max(y.abs()) * tolerance
}

/// `std.testing.expectApproxEqAbs(expected, actual, tolerance)`: `actual {}, not within absolute tolerance
/// {} of expected {}` (Zig's float text), `TestExpectedApproxEqAbs`.
#[track_caller]
pub fn check_approx_eq_abs(expected: f64, actual: f64, tolerance: f64) -> Result<(), Failure> {
    if approx_eq_abs(expected, actual, tolerance) {
        return Ok(());
    }
    let f = |x: f64| crate::fmt::format_float_scientific(x, None);
    fail(Error::TestExpectedApproxEqAbs, format!("actual {}, not within absolute tolerance {} of expected {}\n", f(actual), f(tolerance), f(expected)))
}

/// `std.testing.expectApproxEqRel(expected, actual, tolerance)`, `TestExpectedApproxEqRel`.
#[track_caller]
pub fn check_approx_eq_rel(expected: f64, actual: f64, tolerance: f64) -> Result<(), Failure> {
    if approx_eq_rel(expected, actual, tolerance) {
        return Ok(());
    }
    let f = |x: f64| crate::fmt::format_float_scientific(x, None);
    fail(Error::TestExpectedApproxEqRel, format!("actual {}, not within relative tolerance {} of expected {}\n", f(actual), f(tolerance), f(expected)))
}

/// `std.testing.expectError(expected_error, actual_error_union)`: a value is `expected error.{s}, found
/// {any}` (`TestUnexpectedError`), another error `expected error.{s}, found error.{s}`
/// (`TestExpectedError`). Error names are the `{:?}` of the error values (a unit variant's name).
pub fn check_error<T: Debug, E: PartialEq + Debug>(expected: E, actual: Result<T, E>) -> Result<(), Failure> {
    match actual {
        Ok(value) => fail(Error::TestUnexpectedError, format!("expected error.{:?}, found {:?}\n", expected, value)),
        Err(e) if e != expected => fail(Error::TestExpectedError, format!("expected error.{:?}, found error.{:?}\n", expected, e)),
        Err(_) => Ok(()),
    }
}

/// `try std.testing.expect(ok)` in a test: panics with `error.TestUnexpectedResult`.
#[track_caller]
pub fn expect(ok: bool) {
    panic_on(check(ok))
}
/// `try std.testing.expectEqual(expected, actual)` in a test: panics with Zig's message.
#[track_caller]
pub fn expect_equal<T: PartialEq + Debug>(expected: T, actual: T) {
    panic_on(check_equal(expected, actual))
}
/// `try std.testing.expectEqualSlices(T, expected, actual)` in a test.
#[track_caller]
pub fn expect_equal_slices<T: PartialEq + Debug>(expected: &[T], actual: &[T]) {
    panic_on(check_equal_slices(expected, actual))
}
/// `try std.testing.expectEqualStrings(expected, actual)` in a test.
#[track_caller]
pub fn expect_equal_strings(expected: &str, actual: &str) {
    panic_on(check_equal_strings(expected, actual))
}
/// `try std.testing.expectApproxEqAbs(expected, actual, tolerance)` in a test.
#[track_caller]
pub fn expect_approx_eq_abs(expected: f64, actual: f64, tolerance: f64) {
    panic_on(check_approx_eq_abs(expected, actual, tolerance))
}
/// `try std.testing.expectApproxEqRel(expected, actual, tolerance)` in a test.
#[track_caller]
pub fn expect_approx_eq_rel(expected: f64, actual: f64, tolerance: f64) {
    panic_on(check_approx_eq_rel(expected, actual, tolerance))
}
/// `try std.testing.expectError(expected_error, actual)` in a test.
#[track_caller]
pub fn expect_error<T: Debug, E: PartialEq + Debug>(expected: E, actual: Result<T, E>) {
    panic_on(check_error(expected, actual))
}

/// `std.testing.expect` in a helper that returns `Result` (`?`): `Err(TestUnexpectedResult)`.
pub fn try_expect(ok: bool) -> crate::error::Result<()> {
    print_on(check(ok))
}
/// `std.testing.expectEqual` in a helper: prints Zig's message to stderr, returns `Err(TestExpectedEqual)`.
pub fn try_expect_equal<T: PartialEq + Debug>(expected: T, actual: T) -> crate::error::Result<()> {
    print_on(check_equal(expected, actual))
}
/// `std.testing.expectEqualSlices` in a helper.
pub fn try_expect_equal_slices<T: PartialEq + Debug>(expected: &[T], actual: &[T]) -> crate::error::Result<()> {
    print_on(check_equal_slices(expected, actual))
}
/// `std.testing.expectEqualStrings` in a helper.
pub fn try_expect_equal_strings(expected: &str, actual: &str) -> crate::error::Result<()> {
    print_on(check_equal_strings(expected, actual))
}
/// `std.testing.expectApproxEqAbs` in a helper.
pub fn try_expect_approx_eq_abs(expected: f64, actual: f64, tolerance: f64) -> crate::error::Result<()> {
    print_on(check_approx_eq_abs(expected, actual, tolerance))
}
/// `std.testing.expectApproxEqRel` in a helper.
pub fn try_expect_approx_eq_rel(expected: f64, actual: f64, tolerance: f64) -> crate::error::Result<()> {
    print_on(check_approx_eq_rel(expected, actual, tolerance))
}
/// `std.testing.expectError` in a helper.
pub fn try_expect_error<T: Debug, E: PartialEq + Debug>(expected: E, actual: Result<T, E>) -> crate::error::Result<()> {
    print_on(check_error(expected, actual))
}

/// The marker the recipe's test loop reads (the toolchain's `SKIP_MARKER`).
pub const SKIP_MARKER: &str = "MIGRATE_SKIP";

/// Prints the skip marker for the running test (`MIGRATE_SKIP: <test name> <reason>`) straight to stderr,
/// which libtest does not capture. Use [`zig_skip!`](crate::zig_skip), which also returns from the test.
#[doc(hidden)]
pub fn skip(reason: &str) {
    use std::io::Write;
    let thread = std::thread::current();
    let line = format!("{}: {} {}\n", SKIP_MARKER, thread.name().unwrap_or("<unnamed>"), reason.replace('\n', " "));
    let _ = std::io::stderr().lock().write_all(line.as_bytes());
}

/// What a skipped test returns: `()` or `Ok(())`.
#[doc(hidden)]
pub trait Skipped {
    fn skipped() -> Self;
}

impl Skipped for () {
    fn skipped() -> Self {}
}

impl<E> Skipped for Result<(), E> {
    fn skipped() -> Self {
        Ok(())
    }
}

/// `return error.SkipZigTest`: prints the skip marker with the reason (`format!` arguments) and returns
/// from the test, which the recipe's test loop then counts as skipped. The same macro as the crate's own
/// `zig_skip!`; a port writes `zig_skip!("…")`.
#[macro_export]
macro_rules! zig_skip {
    ($($reason:tt)+) => {{
        $crate::testing::skip(&::std::format!($($reason)+));
        return $crate::testing::Skipped::skipped();
    }};
}
