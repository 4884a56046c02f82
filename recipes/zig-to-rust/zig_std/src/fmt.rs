//! `std.fmt` with Zig 0.11 semantics: integer and float parsing with Zig's syntax and errors, digit
//! helpers, and the formatting Zig does differently from Rust (`{}`/`{e}`/`{d}` of floats, `{any}` of
//! slices, hex floats, `bufPrint`'s `NoSpaceLeft`).
//!
//! Formatting that Rust does the same way needs no helper: `{d}` of an integer is `{}`, `{x}`/`{X}` of an
//! integer is `{:x}`/`{:X}` (Zig prints a negative number as `-ff`: use [`format_int`]), `{s}` is `{}`,
//! `{c}` is `{}` of a `char`, `{b}`/`{o}` are `{:b}`/`{:o}` of non-negative values.

use crate::error::{Error, Result};
use crate::math::{self, Int};
use std::fmt::Write as _;

/// `std.fmt.Case`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    Lower,
    Upper,
}

/// `std.fmt.charToDigit(c, base)`: `0-9`, `a-z`, `A-Z` as 0 to 35; `Err(InvalidCharacter)` for any other
/// byte or a digit `>= base`.
pub fn char_to_digit(c: u8, base: u8) -> Result<u8> {
    let value = match c {
        b'0'..=b'9' => c - b'0',
        b'A'..=b'Z' => c - b'A' + 10,
        b'a'..=b'z' => c - b'a' + 10,
        _ => return Err(Error::InvalidCharacter),
    };
    if value >= base {
        return Err(Error::InvalidCharacter);
    }
    Ok(value)
}

/// `std.fmt.digitToChar(digit, case)`: panics for a digit above 35 (Zig: `unreachable`).
#[track_caller]
pub fn digit_to_char(digit: u8, case: Case) -> u8 {
    match digit {
        0..=9 => digit + b'0',
        10..=35 => digit - 10 + if case == Case::Upper { b'A' } else { b'a' },
        _ => panic!("digit_to_char: {} is not a digit (0 to 35)", digit),
    }
}

fn parse_with_sign<T: Int>(buf: &[u8], base: u8, negative: bool) -> Result<T> {
    if buf.is_empty() {
        return Err(Error::InvalidCharacter);
    }
    let mut buf_base = base;
    let mut start = buf;
    if base == 0 {
        buf_base = 10;
        if buf.len() > 2 && buf[0] == b'0' {
            match buf[1].to_ascii_lowercase() {
                b'b' => {
                    buf_base = 2;
                    start = &buf[2..];
                }
                b'o' => {
                    buf_base = 8;
                    start = &buf[2..];
                }
                b'x' => {
                    buf_base = 16;
                    start = &buf[2..];
                }
                _ => {}
            }
        }
    }
    if start[0] == b'_' || start[start.len() - 1] == b'_' {
        return Err(Error::InvalidCharacter);
    }
    let mut x = T::ZERO;
    for &c in start {
        if c == b'_' {
            continue;
        }
        let digit = char_to_digit(c, buf_base)?;
        if x != T::ZERO {
            x = math::mul(x, T::from_parts(false, buf_base as u128).ok_or(Error::Overflow)?)?;
        } else if negative {
            // The first digit of a negative number: "-4" fits an i3 although 4 does not.
            x = T::from_parts(true, digit as u128).ok_or(Error::Overflow)?;
            continue;
        }
        let d = T::from_parts(false, digit as u128).ok_or(Error::Overflow)?;
        x = if negative { math::sub(x, d)? } else { math::add(x, d)? };
    }
    Ok(x)
}

/// `std.fmt.parseInt(T, buf, base)`: an optional `+`/`-`, then digits of `base` (2 to 36) with `_` between
/// them; base 0 reads a `0b`/`0o`/`0x` prefix (any case) and is 10 otherwise. `Err(InvalidCharacter)` for
/// an empty string, a bare sign or prefix, a leading or trailing `_`, any other byte (spaces too);
/// `Err(Overflow)` when the value does not fit `T` (`"-1"` for an unsigned `T`; `"-0"` is 0).
/// Works for odd widths: `parse_int::<U<10>>("1023", 10)`.
pub fn parse_int<T: Int>(buf: impl AsRef<[u8]>, base: u8) -> Result<T> {
    let buf = buf.as_ref();
    match buf.first() {
        None => Err(Error::InvalidCharacter),
        Some(b'+') => parse_with_sign(&buf[1..], base, false),
        Some(b'-') => parse_with_sign(&buf[1..], base, true),
        Some(_) => parse_with_sign(buf, base, false),
    }
}

/// `std.fmt.parseUnsigned(T, buf, base)`: as [`parse_int`] without a sign (`"+1"` is `InvalidCharacter`).
pub fn parse_unsigned<T: Int>(buf: impl AsRef<[u8]>, base: u8) -> Result<T> {
    parse_with_sign(buf.as_ref(), base, false)
}

/// Float types [`parse_float`] produces.
pub trait Float: Copy {
    #[doc(hidden)]
    const MANTISSA_BITS: i64;
    #[doc(hidden)]
    const EXPONENT_BITS: i64;
    #[doc(hidden)]
    const MIN_EXP: i64;
    #[doc(hidden)]
    const MAX_EXP: i64;
    #[doc(hidden)]
    fn from_bits_u64(bits: u64) -> Self;
    #[doc(hidden)]
    fn parse_decimal(text: &str) -> Option<Self>;
    #[doc(hidden)]
    fn special(negative: bool, nan: bool) -> Self;
}

impl Float for f64 {
    const MANTISSA_BITS: i64 = 52;
    const EXPONENT_BITS: i64 = 11;
    const MIN_EXP: i64 = -1022;
    const MAX_EXP: i64 = 1023;
    fn from_bits_u64(bits: u64) -> Self {
        f64::from_bits(bits)
    }
    fn parse_decimal(text: &str) -> Option<Self> {
        text.parse().ok()
    }
    fn special(negative: bool, nan: bool) -> Self {
        if nan { crate::math::NAN_F64 } else if negative { f64::NEG_INFINITY } else { f64::INFINITY }
    }
}

impl Float for f32 {
    const MANTISSA_BITS: i64 = 23;
    const EXPONENT_BITS: i64 = 8;
    const MIN_EXP: i64 = -126;
    const MAX_EXP: i64 = 127;
    fn from_bits_u64(bits: u64) -> Self {
        f32::from_bits(bits as u32)
    }
    fn parse_decimal(text: &str) -> Option<Self> {
        text.parse().ok()
    }
    fn special(negative: bool, nan: bool) -> Self {
        if nan { crate::math::NAN_F32 } else if negative { f32::NEG_INFINITY } else { f32::INFINITY }
    }
}

/// Zig's `FloatStream`.
struct Stream<'a> {
    s: &'a [u8],
    offset: usize,
    underscores: usize,
}

impl<'a> Stream<'a> {
    fn offset_true(&self) -> usize {
        self.offset - self.underscores
    }
    fn reset(&mut self) {
        self.offset = 0;
        self.underscores = 0;
    }
    fn first(&self) -> Option<u8> {
        self.s.get(self.offset).copied()
    }
    fn first_is(&self, c: u8) -> bool {
        self.first() == Some(c)
    }
    fn first_is_lower(&self, c: u8) -> bool {
        self.first().map_or(false, |b| b | 0x20 == c)
    }
    fn is_digit(c: u8, base: u8) -> bool {
        c.is_ascii_digit() || (base == 16 && c.is_ascii_hexdigit())
    }
    fn scan_digit(&mut self, base: u8) -> Option<u64> {
        loop {
            let c = self.first()?;
            if c.is_ascii_digit() {
                self.offset += 1;
                return Some((c - b'0') as u64);
            } else if base == 16 && (b'a'..=b'f').contains(&c) {
                self.offset += 1;
                return Some((c - b'a' + 10) as u64);
            } else if base == 16 && (b'A'..=b'F').contains(&c) {
                self.offset += 1;
                return Some((c - b'A' + 10) as u64);
            } else if c == b'_' {
                self.offset += 1;
                self.underscores += 1;
                continue;
            }
            return None;
        }
    }
}

struct Number {
    exponent: i64,
    mantissa: u64,
    many_digits: bool,
}

fn try_parse_digits(stream: &mut Stream<'_>, x: &mut u64, base: u8) {
    while let Some(d) = stream.scan_digit(base) {
        *x = x.wrapping_mul(base as u64).wrapping_add(d);
    }
}

fn min_n_digit_int(n: usize) -> u64 {
    10u64.pow(n as u32 - 1)
}

fn try_parse_n_digits(stream: &mut Stream<'_>, x: &mut u64, base: u8, n: usize) {
    while *x < min_n_digit_int(n) {
        match stream.scan_digit(base) {
            Some(d) => *x = x.wrapping_mul(base as u64).wrapping_add(d),
            None => break,
        }
    }
}

fn parse_scientific(stream: &mut Stream<'_>) -> Option<i64> {
    let mut exponent: i64 = 0;
    let mut negative = false;
    if let Some(c) = stream.first() {
        negative = c == b'-';
        if c == b'-' || c == b'+' {
            stream.offset += 1;
        }
    }
    if stream.first().map_or(false, |c| c.is_ascii_digit()) {
        while let Some(d) = stream.scan_digit(10) {
            if exponent < 0x1000_0000 {
                exponent = 10 * exponent + d as i64;
            }
        }
        return Some(if negative { -exponent } else { exponent });
    }
    None
}

fn valid_underscores(s: &[u8], base: u8) -> bool {
    let mut i = 0;
    while i < s.len() {
        if s[i] == b'_' {
            if i == 0 || i + 1 == s.len() {
                return false;
            }
            if !Stream::is_digit(s[i - 1], base) || !Stream::is_digit(s[i + 1], base) {
                return false;
            }
            i += 1;
        }
        i += 1;
    }
    true
}

/// Zig 0.11's `parsePartialNumberBase` (with its handling of more digits than the mantissa holds).
fn parse_number_base(stream: &mut Stream<'_>, base: u8, max_digits: usize, exp_char: u8) -> Option<Number> {
    let mut mantissa: u64 = 0;
    try_parse_digits(stream, &mut mantissa, base);
    let int_end = stream.offset_true();
    let mut n_digits = stream.offset_true() as isize;
    if base == 16 {
        n_digits -= 2;
    }
    let mut exponent: i64 = 0;
    if stream.first_is(b'.') {
        stream.offset += 1;
        let marker = stream.offset_true();
        try_parse_digits(stream, &mut mantissa, base);
        let n_after_dot = stream.offset_true() - marker;
        exponent = -(n_after_dot as i64);
        n_digits += n_after_dot as isize;
    }
    if base == 16 {
        exponent *= 4;
    }
    if n_digits == 0 {
        return None;
    }
    let mut exp_number: i64 = 0;
    if stream.first_is_lower(exp_char) {
        stream.offset += 1;
        exp_number = parse_scientific(stream)?;
        exponent += exp_number;
    }
    if stream.offset != stream.s.len() {
        return None; // parseNumber: the whole string must be consumed
    }
    if stream.underscores > 0 && !valid_underscores(stream.s, base) {
        return None;
    }
    if n_digits <= max_digits as isize {
        return Some(Number { exponent, mantissa, many_digits: false });
    }
    n_digits -= max_digits as isize;
    let mut many_digits = false;
    stream.reset();
    while matches!(stream.first(), Some(b'0' | b'.' | b'_')) {
        let next = stream.s[stream.offset];
        if next != b'_' {
            n_digits -= next.saturating_sub(b'0' - 1) as isize;
        } else {
            stream.underscores += 1;
        }
        stream.offset += 1;
    }
    if n_digits > 0 {
        many_digits = true;
        mantissa = 0;
        stream.reset();
        try_parse_n_digits(stream, &mut mantissa, base, max_digits);
        exponent = if mantissa >= min_n_digit_int(max_digits) {
            int_end as i64 - stream.offset_true() as i64
        } else {
            stream.offset += 1;
            let marker = stream.offset_true();
            try_parse_n_digits(stream, &mut mantissa, base, max_digits);
            marker as i64 - stream.offset_true() as i64
        };
        exponent += exp_number;
    }
    Some(Number { exponent, mantissa, many_digits })
}

/// Zig 0.11's `convertHex`: rounds the hex mantissa to nearest, ties to even.
fn convert_hex<F: Float>(mut n: Number, negative: bool) -> F {
    let mb = F::MANTISSA_BITS;
    if n.mantissa == 0 {
        return F::from_bits_u64(if negative { 1u64 << (mb + F::EXPONENT_BITS) } else { 0 });
    }
    let exp_bias = F::MIN_EXP - 1;
    n.exponent += mb;
    while n.mantissa != 0 && n.mantissa >> (mb + 2) == 0 {
        n.mantissa <<= 1;
        n.exponent -= 1;
    }
    if n.many_digits {
        n.mantissa |= 1;
    }
    while n.mantissa >> (1 + mb + 2) != 0 {
        n.mantissa = (n.mantissa >> 1) | (n.mantissa & 1);
        n.exponent += 1;
    }
    while n.mantissa > 1 && n.exponent < F::MIN_EXP - 2 {
        n.mantissa = (n.mantissa >> 1) | (n.mantissa & 1);
        n.exponent += 1;
    }
    let mut round = n.mantissa & 3;
    n.mantissa >>= 2;
    round |= n.mantissa & 1;
    n.exponent += 2;
    if round == 3 {
        n.mantissa += 1;
        if n.mantissa == 1 << (1 + mb) {
            n.mantissa >>= 1;
            n.exponent += 1;
        }
    }
    if n.mantissa >> mb == 0 {
        n.exponent = exp_bias;
    }
    if n.exponent > F::MAX_EXP {
        // Zig 0.11 returns +inf here even for a negative number.
        return F::special(false, false);
    }
    let mut bits = n.mantissa & ((1u64 << mb) - 1);
    bits |= (((n.exponent - exp_bias) & ((1i64 << F::EXPONENT_BITS) - 1)) as u64) << mb;
    if negative {
        bits |= 1u64 << (mb + F::EXPONENT_BITS);
    }
    F::from_bits_u64(bits)
}

/// `std.fmt.parseFloat(T, s)` for `f32`/`f64`: an optional sign, then decimal digits with an optional
/// `.` and `e` exponent, or `0x` hex digits with an optional `.` and `p` (binary) exponent, `_` between
/// digits, or `inf`/`infinity`/`nan` in any case. `Err(InvalidCharacter)` otherwise (spaces, `"."`,
/// `"1e"`, a misplaced `_`). Decimal values are correctly rounded (Zig's Eisel-Lemire with its exact
/// fallback). Hex values follow Zig 0.11's `convertHex` bit for bit, including its quirks: more than 16 hex
/// digits are read by the decimal rule (the value goes wrong), and an overflowing negative hex value gives
/// +inf. Zig 0.12 fixed neither at the time of writing; check before relying on those inputs.
pub fn parse_float<F: Float>(s: impl AsRef<[u8]>) -> Result<F> {
    let s = s.as_ref();
    if s.is_empty() {
        return Err(Error::InvalidCharacter);
    }
    let negative = s[0] == b'-';
    let i = if s[0] == b'-' || s[0] == b'+' { 1 } else { 0 };
    if i == s.len() {
        return Err(Error::InvalidCharacter);
    }
    let body = &s[i..];
    let hex = body.len() >= 2 && body[0] == b'0' && body[1].to_ascii_lowercase() == b'x';
    let mut stream = Stream { s: body, offset: 0, underscores: 0 };
    let number = if hex {
        stream.offset = 2;
        parse_number_base(&mut stream, 16, 16, b'p')
    } else {
        parse_number_base(&mut stream, 10, 19, b'e')
    };
    match number {
        Some(n) if hex => Ok(convert_hex::<F>(n, negative)),
        Some(_) => {
            let mut text = String::with_capacity(s.len());
            if negative {
                text.push('-');
            }
            text.extend(body.iter().filter(|&&c| c != b'_').map(|&c| c as char));
            F::parse_decimal(&text).ok_or(Error::InvalidCharacter)
        }
        None => parse_inf_or_nan(body, negative).ok_or(Error::InvalidCharacter),
    }
}

fn parse_inf_or_nan<F: Float>(s: &[u8], negative: bool) -> Option<F> {
    let lower: Vec<u8> = s.iter().map(|c| c.to_ascii_lowercase()).collect();
    if lower == b"inf" || lower == b"infinity" {
        return Some(F::special(negative, false));
    }
    if lower == b"nan" {
        return Some(F::special(false, true));
    }
    None
}

/// The decimal digits of `x > 0` and the position of the decimal point (`0.d1d2… × 10^exp`), shortest
/// round-trip digits as Zig's errol3 gives them.
fn decimal_digits(x: f64) -> (Vec<u8>, i32) {
    let text = format!("{:e}", x);
    let (mantissa, exp) = text.split_once('e').expect("{:e} has an exponent");
    let digits: Vec<u8> = mantissa.bytes().filter(|c| c.is_ascii_digit()).collect();
    (digits, exp.parse::<i32>().expect("an exponent") + 1)
}

/// errol's `roundToPrecision`: rounds half up on the shortest digits.
fn round_to_precision(digits: &mut Vec<u8>, exp: &mut i32, precision: usize, scientific: bool) {
    let round_digit = if scientific {
        1 + precision
    } else if *exp >= 0 {
        precision + *exp as usize
    } else {
        let min_exp_required = (-*exp) as usize;
        if precision > min_exp_required { precision - min_exp_required } else { 0 }
    };
    if round_digit < digits.len() && digits[round_digit] - b'0' >= 5 {
        let mut i = round_digit;
        loop {
            if i == 0 {
                *exp += 1;
                digits.insert(0, b'1');
                return;
            }
            i -= 1;
            let new_value = (digits[i] - b'0' + 1) % 10;
            digits[i] = new_value + b'0';
            if new_value != 0 {
                return;
            }
        }
    }
}

fn sign_and_special(x: f64, out: &mut String) -> Option<f64> {
    let mut x = x;
    if x.is_sign_negative() {
        out.push('-');
        x = -x;
    }
    if x.is_nan() {
        out.push_str("nan");
        return None;
    }
    if x.is_infinite() {
        out.push_str("inf");
        return None;
    }
    Some(x)
}

fn format_scientific(x: f64, precision: Option<usize>, f32_digits: bool) -> String {
    let mut out = String::new();
    let Some(x) = sign_and_special(x, &mut out) else { return out };
    if x == 0.0 {
        out.push('0');
        match precision {
            Some(p) if p != 0 => {
                out.push('.');
                out.extend(std::iter::repeat('0').take(p));
            }
            Some(_) => {}
            None => out.push_str(".0"),
        }
        out.push_str("e+00");
        return out;
    }
    let (mut digits, mut exp) = decimal_digits(x);
    let text = |d: &[u8]| String::from_utf8(d.to_vec()).expect("digits");
    match precision {
        Some(p) => {
            round_to_precision(&mut digits, &mut exp, p, true);
            out.push(digits[0] as char);
            if p != 0 {
                out.push('.');
                let mut printed = 0;
                if digits.len() > 1 {
                    let n = digits.len().min(p + 1);
                    out.push_str(&text(&digits[1..n]));
                    printed += n - 1;
                }
                out.extend(std::iter::repeat('0').take(p - printed));
            }
        }
        None => {
            out.push(digits[0] as char);
            out.push('.');
            if digits.len() > 1 {
                let n = if f32_digits { digits.len().min(9) } else { digits.len() };
                out.push_str(&text(&digits[1..n]));
            } else {
                out.push('0');
            }
        }
    }
    let e = exp - 1;
    let _ = write!(out, "e{}{:02}", if e >= 0 { '+' } else { '-' }, e.unsigned_abs());
    out
}

/// `{e}` (and `{}`) of an `f64`, Zig's `formatFloatScientific`: `1.0e+00`, `1.23456e+02`, `-0.0e+00`,
/// `inf`, `nan`; with a precision (`{e:.3}`) the shortest digits are rounded half up (`1.235e+02`).
/// Zig 0.12 replaced errol with Ryu and prints `{}` of floats as `1e0` (decimal when short).
pub fn format_float_scientific(x: f64, precision: Option<usize>) -> String {
    format_scientific(x, precision, false)
}

/// `{e}` (and `{}`) of an `f32` in Zig 0.11: the digits of the value as an `f64`, cut to 9 significant
/// digits without a precision (`{}` of `0.1f32` is `1.00000001e-01`).
pub fn format_f32_scientific(x: f32, precision: Option<usize>) -> String {
    format_scientific(x as f64, precision, true)
}

/// `{d}` of a float, Zig's `formatFloatDecimal`: the shortest digits laid out without an exponent (`1e21`
/// is `1000000000000000000000`, `f64::MAX` ends in zeros, not its exact value); with a precision
/// (`{d:.2}`) they are rounded half up (`0.125` → `0.13`, `2.5` with `.0` → `3`, where Rust's `{:.2}`
/// rounds the exact binary value half to even). An `f32` is formatted as the `f64` of its value
/// (`0.1f32` → `0.10000000149011612`).
pub fn format_float_decimal(x: f64, precision: Option<usize>) -> String {
    let mut out = String::new();
    let Some(x) = sign_and_special(x, &mut out) else { return out };
    if x == 0.0 {
        out.push('0');
        if let Some(p) = precision {
            if p != 0 {
                out.push('.');
                out.extend(std::iter::repeat('0').take(p));
            }
        }
        return out;
    }
    let (mut digits, mut exp) = decimal_digits(x);
    let text = |d: &[u8]| String::from_utf8(d.to_vec()).expect("digits");
    if let Some(p) = precision {
        round_to_precision(&mut digits, &mut exp, p, false);
    }
    let whole = if exp > 0 { exp as usize } else { 0 };
    let whole_no_pad = whole.min(digits.len());
    if whole > 0 {
        out.push_str(&text(&digits[..whole_no_pad]));
        out.extend(std::iter::repeat('0').take(whole - whole_no_pad));
    } else {
        out.push('0');
    }
    match precision {
        Some(p) => {
            if p == 0 {
                return out;
            }
            out.push('.');
            let mut printed = 0;
            if exp <= 0 {
                let zeros = ((-exp) as usize).min(p);
                out.extend(std::iter::repeat('0').take(zeros));
                printed += zeros;
                if printed >= p {
                    return out;
                }
            }
            if whole_no_pad + p - printed < digits.len() {
                out.push_str(&text(&digits[whole_no_pad..whole_no_pad + p - printed]));
            } else {
                out.push_str(&text(&digits[whole_no_pad..]));
                printed += digits.len() - whole_no_pad;
                out.extend(std::iter::repeat('0').take(p.saturating_sub(printed)));
            }
        }
        None => {
            if exp >= 0 && whole_no_pad == digits.len() {
                return out;
            }
            out.push('.');
            if exp < 0 {
                out.extend(std::iter::repeat('0').take((-exp) as usize));
            }
            out.push_str(&text(&digits[whole_no_pad..]));
        }
    }
    out
}

/// `{x}` of an `f64`, Zig's `formatFloatHexadecimal`: `0x1.8p1`, `0x0.0p0`, `-0x1p-1074`; with a precision
/// the mantissa is rounded to that many hex digits.
pub fn format_float_hexadecimal(x: f64, precision: Option<usize>) -> String {
    let mut out = String::new();
    if x.is_sign_negative() {
        out.push('-');
    }
    if x.is_nan() {
        out.push_str("nan");
        return out;
    }
    if x.is_infinite() {
        out.push_str("inf");
        return out;
    }
    const MANTISSA_BITS: u32 = 52;
    const MANTISSA_DIGITS: usize = 13;
    let bits = x.to_bits();
    let mut mantissa = bits & ((1u64 << MANTISSA_BITS) - 1);
    let mut exponent = ((bits >> MANTISSA_BITS) & 0x7FF) as i32;
    let is_denormal = exponent == 0 && mantissa != 0;
    if exponent == 0 && mantissa == 0 {
        out.push_str("0x0");
        match precision {
            Some(p) if p > 0 => {
                out.push('.');
                out.extend(std::iter::repeat('0').take(p));
            }
            Some(_) => {}
            None => out.push_str(".0"),
        }
        out.push_str("p0");
        return out;
    }
    if is_denormal {
        exponent += 1;
    } else {
        mantissa |= 1u64 << MANTISSA_BITS;
    }
    // (52 + 3) / 4 = 13 digits: 52 bits exactly, no shift.
    if let Some(p) = precision {
        if p < MANTISSA_DIGITS {
            let mut extra_bits = (MANTISSA_DIGITS - p) * 4;
            while extra_bits > 2 {
                mantissa = (mantissa >> 1) | (mantissa & 1);
                extra_bits -= 1;
            }
            mantissa |= ((mantissa & 0b100) != 0) as u64;
            mantissa += 1;
            mantissa >>= 2;
            mantissa <<= ((MANTISSA_DIGITS - p) * 4) as u32;
            if mantissa & (1u64 << (1 + MANTISSA_DIGITS * 4)) != 0 {
                mantissa >>= 1;
                exponent += 1;
            }
        }
    }
    let buf = format!("{:0width$x}", mantissa, width = 1 + MANTISSA_DIGITS);
    out.push_str("0x");
    out.push_str(&buf[..1]);
    let trimmed = buf[1..].trim_end_matches('0');
    match precision {
        Some(p) if p > 0 => out.push('.'),
        Some(_) => {}
        None if !trimmed.is_empty() => out.push('.'),
        None => {}
    }
    out.push_str(trimmed);
    if let Some(p) = precision {
        if p > trimmed.len() {
            out.extend(std::iter::repeat('0').take(p - trimmed.len()));
        }
    }
    let _ = write!(out, "p{}", exponent - 1023);
    out
}

/// `std.fmt.formatInt` into a string: base 2 to 36, a `-` before the magnitude of a negative value
/// (`{x}` of -255 is `-ff`, where Rust's `{:x}` prints the two's complement).
#[track_caller]
pub fn format_int<T: Int>(value: T, base: u8, case: Case) -> String {
    assert!((2..=36).contains(&base), "format_int: base {} is not 2 to 36", base);
    let (negative, mut magnitude) = value.to_parts();
    let mut digits = Vec::new();
    loop {
        digits.push(digit_to_char((magnitude % base as u128) as u8, case));
        magnitude /= base as u128;
        if magnitude == 0 {
            break;
        }
    }
    if negative {
        digits.push(b'-');
    }
    digits.reverse();
    String::from_utf8(digits).expect("ASCII digits")
}

/// `{any}` of a slice or array: `{ 1, 2, 3 }` (`{  }` when empty); `item` formats one element (`|x|
/// x.to_string()` for integers, `format_float_scientific` for floats, …).
pub fn format_any_slice<T>(items: &[T], item: impl Fn(&T) -> String) -> String {
    let mut out = String::from("{ ");
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&item(x));
    }
    out.push_str(" }");
    out
}

/// `std.fmt.fmtSliceHexLower(bytes)`: two lower-case hex digits per byte.
pub fn fmt_slice_hex_lower(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{:02x}", b)).collect()
}

/// `std.fmt.fmtSliceHexUpper(bytes)`.
pub fn fmt_slice_hex_upper(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{:02X}", b)).collect()
}

/// `std.fmt.bufPrint(buf, fmt, args)`: writes into `buf` and returns the written part; `Err(NoSpaceLeft)`
/// when it does not fit (as much as fits is written, as in Zig).
/// `buf_print(&mut buf, format_args!("{}-{}", a, b))`.
pub fn buf_print<'b>(buf: &'b mut [u8], args: std::fmt::Arguments<'_>) -> Result<&'b mut [u8]> {
    let text = std::fmt::format(args);
    let bytes = text.as_bytes();
    if bytes.len() > buf.len() {
        let n = buf.len();
        buf.copy_from_slice(&bytes[..n]);
        return Err(Error::NoSpaceLeft);
    }
    buf[..bytes.len()].copy_from_slice(bytes);
    Ok(&mut buf[..bytes.len()])
}

/// `std.fmt.allocPrint(allocator, fmt, args)`: `format!`.
pub fn alloc_print(args: std::fmt::Arguments<'_>) -> String {
    std::fmt::format(args)
}
