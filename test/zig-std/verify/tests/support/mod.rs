//! Shared by the golden tests of mem, fmt, math, unicode, ascii, sort and testing: the canonical value
//! forms the golden Zig programs print (see test/zig-std/golden/*.zig) and the line-by-line comparison.
#![allow(dead_code)]

use std::fmt::Write as _;
use zig_std::math::{I, U};

/// A value in the golden programs' form: integers in decimal, `error.Name`, `null`, bytes as `x"hex"`,
/// floats as `f64:<bits>`/`f32:<bits>` (`nan` for any NaN).
pub trait Golden {
    fn golden(&self) -> String;
}

macro_rules! golden_int {
    ($($t:ty),*) => {$(
        impl Golden for $t {
            fn golden(&self) -> String { self.to_string() }
        }
    )*};
}
golden_int!(u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128, isize);

impl<const B: u32> Golden for U<B> {
    fn golden(&self) -> String {
        self.get().to_string()
    }
}
impl<const B: u32> Golden for I<B> {
    fn golden(&self) -> String {
        self.get().to_string()
    }
}
impl Golden for bool {
    fn golden(&self) -> String {
        self.to_string()
    }
}
impl Golden for f64 {
    fn golden(&self) -> String {
        if self.is_nan() { "nan".into() } else { format!("f64:{:016x}", self.to_bits()) }
    }
}
impl Golden for f32 {
    fn golden(&self) -> String {
        if self.is_nan() { "nan".into() } else { format!("f32:{:08x}", self.to_bits()) }
    }
}
impl Golden for () {
    fn golden(&self) -> String {
        "void".into()
    }
}
impl Golden for zig_std::Error {
    fn golden(&self) -> String {
        format!("error.{}", self)
    }
}
impl<T: Golden> Golden for Option<T> {
    fn golden(&self) -> String {
        match self {
            Some(v) => v.golden(),
            None => "null".into(),
        }
    }
}
impl<T: Golden, E: Golden> Golden for Result<T, E> {
    fn golden(&self) -> String {
        match self {
            Ok(v) => v.golden(),
            Err(e) => e.golden(),
        }
    }
}
impl Golden for [u8] {
    fn golden(&self) -> String {
        format!("x\"{}\"", hex(self))
    }
}
impl Golden for &[u8] {
    fn golden(&self) -> String {
        (**self).golden()
    }
}
impl Golden for &mut [u8] {
    fn golden(&self) -> String {
        (**self).golden()
    }
}
impl Golden for Vec<u8> {
    fn golden(&self) -> String {
        self.as_slice().golden()
    }
}
impl<const N: usize> Golden for [u8; N] {
    fn golden(&self) -> String {
        self.as_slice().golden()
    }
}
impl Golden for str {
    fn golden(&self) -> String {
        self.as_bytes().golden()
    }
}
impl Golden for String {
    fn golden(&self) -> String {
        self.as_bytes().golden()
    }
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{:02x}", b);
        s
    })
}

/// The lines a test produces: `head => value`.
#[derive(Default)]
pub struct Lines(pub Vec<String>);

impl Lines {
    pub fn add(&mut self, head: impl AsRef<str>, value: impl Golden) {
        self.0.push(format!("{} => {}", head.as_ref(), value.golden()));
    }
    pub fn raw(&mut self, line: impl Into<String>) {
        self.0.push(line.into());
    }
}

/// SplitMix64, the seeded inputs of the golden programs.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// Compares the lines with the golden file, case by case; a failure names the first differing case (and
/// counts the others).
pub fn compare(name: &str, golden: &str, lines: &Lines) {
    let expected: Vec<&str> = golden.lines().collect();
    let mut differ = Vec::new();
    for i in 0..expected.len().max(lines.0.len()) {
        let want = expected.get(i).copied().unwrap_or("<no more lines in the golden file>");
        let got = lines.0.get(i).map(String::as_str).unwrap_or("<zig_std produced no more lines>");
        if want != got {
            differ.push((i + 1, want.to_string(), got.to_string()));
        }
    }
    if differ.is_empty() {
        return;
    }
    let mut message = format!("{}: {} of {} cases differ from Zig 0.11 (golden/{}.txt)\n", name, differ.len(), expected.len(), name);
    for (n, want, got) in differ.iter().take(12) {
        let _ = write!(message, "  line {}:\n    zig:     {}\n    zig_std: {}\n", n, want, got);
    }
    panic!("{}", message);
}

impl Golden for std::cmp::Ordering {
    fn golden(&self) -> String {
        match self {
            std::cmp::Ordering::Less => "lt",
            std::cmp::Ordering::Equal => "eq",
            std::cmp::Ordering::Greater => "gt",
        }
        .into()
    }
}
