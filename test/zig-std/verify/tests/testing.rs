//! zig_std::testing against golden/testing.txt (the error each Zig 0.11 check returns) and
//! golden/testing.stderr.txt (the message it prints): zig_std's message must be what Zig prints (for
//! expect_equal_slices, the first line; Zig's window and hex dump of the slices are not reproduced).
mod support;

use std::collections::HashMap;
use support::{compare, hex, Lines};
use zig_std::testing::{self, Failure};
use zig_std::Error;

struct Run {
    out: Lines,
    messages: Vec<(usize, String, bool)>,
    case: usize,
}

impl Run {
    fn check(&mut self, head: String, result: Result<(), Failure>, first_line_only: bool) {
        self.case += 1;
        let value = match &result {
            Ok(()) => "void".to_string(),
            Err(f) => format!("error.{}", f.error),
        };
        self.out.raw(format!("{} {} => {}", self.case, head, value));
        let message = result.err().map(|f| f.message).unwrap_or_default();
        self.messages.push((self.case, message, first_line_only));
    }
}

#[derive(Debug, PartialEq)]
enum E {
    Overflow,
    InvalidCharacter,
    EndOfStream,
}

fn zig_messages(text: &str) -> HashMap<usize, String> {
    let mut map = HashMap::new();
    let mut current: Option<usize> = None;
    for line in text.split_inclusive('\n') {
        if let Some(n) = line.strip_prefix("#case ") {
            current = Some(n.trim().parse().expect("a case number"));
            map.insert(current.unwrap(), String::new());
        } else if let Some(c) = current {
            map.get_mut(&c).unwrap().push_str(line);
        }
    }
    map
}

#[test]
fn testing_matches_zig() {
    let mut run = Run { out: Lines::default(), messages: Vec::new(), case: 0 };
    run.check("expect true".into(), testing::check(true), false);
    run.check("expect false".into(), testing::check(false), false);
    let ints = [0i64, 3, -4, 9223372036854775807];
    for a in ints {
        for b in ints {
            run.check(format!("expect_equal {a} {b}"), testing::check_equal(a, b), false);
        }
    }
    run.check("expect_equal bool".into(), testing::check_equal(true, false), false);
    run.check("expect_equal u8".into(), testing::check_equal(255u8, 0), false);
    let slices: [&[u8]; 6] = [b"", b"abc", b"abd", b"ab", b"abcd", b"xbc"];
    for a in slices {
        for b in slices {
            run.check(format!("expect_equal_slices x\"{}\" x\"{}\"", hex(a), hex(b)), testing::check_equal_slices(a, b), true);
        }
    }
    run.check("expect_equal_slices i32".into(), testing::check_equal_slices(&[1i32, 2, 3], &[1, 2, 4]), true);
    let strs = ["", "hello", "hello\nworld", "hello\nwurld", "hello \nworld", "a\tb\n\nc", "a\tb\n\nd"];
    for a in strs {
        for b in strs {
            run.check(format!("expect_equal_strings x\"{}\" x\"{}\"", hex(a.as_bytes()), hex(b.as_bytes())), testing::check_equal_strings(a, b), false);
        }
    }
    let fl = [0.0, -0.0, 1.0, 1.0000001, 12.0, 12.06, -12.0, 1e300, f64::INFINITY, f64::NEG_INFINITY, zig_std::math::NAN_F64];
    let tol = [0.0f64, 1e-9, 0.1, 1.0];
    for a in fl {
        for b in fl {
            for t in tol {
                let args = format!("{:x} {:x} {:x}", a.to_bits(), b.to_bits(), t.to_bits());
                run.check(format!("expect_approx_eq_abs {args}"), testing::check_approx_eq_abs(a, b, t), false);
                if t > 0.0 {
                    run.check(format!("expect_approx_eq_rel {args}"), testing::check_approx_eq_rel(a, b, t), false);
                }
            }
        }
    }
    run.check("expect_error same".into(), testing::check_error(E::Overflow, Err::<u32, E>(E::Overflow)), false);
    run.check("expect_error other".into(), testing::check_error(E::Overflow, Err::<u32, E>(E::InvalidCharacter)), false);
    run.check("expect_error value".into(), testing::check_error(E::EndOfStream, Ok::<u32, E>(42)), false);
    compare("testing", include_str!("../../golden/testing.txt"), &run.out);

    let zig = zig_messages(include_str!("../../golden/testing.stderr.txt"));
    let mut differ = Vec::new();
    for (case, ours, first_line_only) in &run.messages {
        let theirs = zig.get(case).cloned().unwrap_or_default();
        let same = if *first_line_only {
            ours.lines().next() == theirs.lines().next()
        } else {
            theirs.starts_with(ours.as_str()) && (ours.is_empty() == theirs.is_empty())
        };
        if !same {
            differ.push(format!("case {case}:\n  zig:     {theirs:?}\n  zig_std: {ours:?}"));
        }
    }
    assert!(differ.is_empty(), "{} messages differ from Zig 0.11 (golden/testing.stderr.txt):\n{}", differ.len(), differ.iter().take(8).cloned().collect::<Vec<_>>().join("\n"));
}

#[test]
fn expect_panics_with_zigs_message_and_error() {
    let err = std::panic::catch_unwind(|| testing::expect_equal(3, 4)).unwrap_err();
    let text = err.downcast_ref::<String>().expect("a formatted panic message");
    assert_eq!(text, "expected 3, found 4\n(error.TestExpectedEqual)");
    testing::expect_equal_strings("a", "a");
    assert_eq!(testing::try_expect(false), Err(Error::TestUnexpectedResult));
    assert_eq!(testing::try_expect_error(E::Overflow, Err::<(), E>(E::Overflow)), Ok(()));
}

fn skips() {
    zig_std::zig_skip!("fixture {} is missing", "a.bin");
}

fn skips_result() -> Result<(), Error> {
    zig_std::zig_skip!("no fixture");
}

#[test]
fn zig_skip_returns_from_the_test() {
    skips();
    assert_eq!(skips_result(), Ok(()));
    assert_eq!(testing::SKIP_MARKER, "MIGRATE_SKIP");
}
