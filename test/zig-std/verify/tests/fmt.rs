//! zig_std::fmt against golden/fmt.txt (Zig 0.11's std.fmt on the same inputs).
mod support;

use support::{compare, hex, Lines, Rng};
use zig_std::fmt::{self, Case};
use zig_std::math::{self, Int, I, U};

const INT_INPUTS: &[&[u8]] = &[
    b"" as &[u8], b"+", b"-", b"0", b"-0", b"+0", b"1", b"-1", b"+1", b"127", b"128", b"-128", b"-129", b"255", b"256", b"0x10", b"0X1f",
    b"0b101", b"0B11", b"0o17", b"0O17", b"0x", b"0b", b"0o", b"0x_1", b"0x1_", b"1_000", b"_1", b"1_", b"1__0", b"ff", b"FF",
    b"z", b"Z", b" 1", b"1 ", b"9223372036854775807", b"9223372036854775808", b"-9223372036854775808", b"-9223372036854775809",
    b"18446744073709551615", b"18446744073709551616", b"1023", b"1024", b"-4", b"-5", b"3", b"4", b"0x7f", b"-0x80", b"0001",
    b"-0001", b"1e3", b"\xd9\xa3", b"+-1", b"--1", b"0x0x1", b"-0x", b"0b2", b"0o8", b"-1_0", b"1.0", b"00", b"-00", b"0_0",
    b"0xFFFFFFFFFFFFFFFF", b"-0b1", b"0z1", b"10", b"-10", b"7", b"-8",
];
const BASES: [u8; 8] = [0, 10, 16, 2, 8, 36, 1, 37];

fn parse_ints<T: Int + support::Golden>(out: &mut Lines, name: &str) {
    for &s in INT_INPUTS {
        for b in BASES {
            out.add(format!("parse_int {name} x\"{}\" {b}", hex(s)), fmt::parse_int::<T>(s, b));
            out.add(format!("parse_unsigned {name} x\"{}\" {b}", hex(s)), fmt::parse_unsigned::<T>(s, b));
        }
    }
}

const FLOAT_INPUTS: &[&str] = &[
    "", "+", "-", "0", "-0", "+0", "1", "-1", "1.5", "-1.5", ".5", "5.", ".", "-.", "1e10", "1E10", "1e+10", "1e-10", "1e", "1e+",
    "e5", "1.5e-5", "1_000.5", "1__0", "_1", "1_", "1_.5", "1._5", "1e5_0", "1e_5", "inf", "-inf", "+inf", "INF", "Infinity",
    "-infinity", "infin", "nan", "NaN", "-nan", "nan(1)", " 1", "1 ", "0x1p0", "0x1P0", "0X1p0", "0x1.8p1", "-0x1.8p1", "0x.8p1",
    "0x1.p0", "0xp0", "0x1p", "0x1p+2", "0x1p-2", "0x1_0p0", "0x1_p0", "0x1", "0x1.8", "0xA.Bp3", "0x1p-1074", "0x1p-1075",
    "0x1.8p-1074", "0x1p-1076", "0x1p1023", "0x1p1024", "-0x1p1024", "0x1.fffffffffffffp1023", "0x1.fffffffffffff8p1023",
    "0x1.0000000000001p0", "0x1.00000000000008p0", "0x1.00000000000018p0", "0x1.000000000000081p0", "0x123456789abcdef0",
    "0x123456789abcdef01", "0x1.23456789abcdef01p0", "0x0.0000000000000000001p0", "0x00000000000000000001p0", "0x1p-1022",
    "0x1.ffffffffffffep-1023", "0x1p-126", "0x1p-149", "0x1p-150", "0x1.8p-149", "0x1p128", "0x1.fffffep127", "0x1.ffffffp127",
    "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "2.2250738585072014e-308",
    "4.9406564584124654e-324", "2.4703282292062327e-324", "2.4703282292062328e-324", "1e-400", "1e400", "0.1",
    "0.30000000000000004", "9007199254740993", "9007199254740992.5", "123456789012345678901234567890",
    "0.000000000000000000000000000000001", "3.4028235e38", "3.4028236e38", "1.17549435e-38", "1.4e-45", "7e-46",
    "1e99999999999999", "1e-99999999999999", "00000000000000000000000000001.5", "1.00000000000000000000000000001",
    "2.00000000000000011102230246251565404236316680908203125", "2.00000000000000011102230246251565404236316680908203124",
    "1_2_3.4_5e1_0", "0x1p1_0",
];

fn parse_floats(out: &mut Lines) {
    let both = |out: &mut Lines, s: &[u8]| {
        out.add(format!("parse_float f64 x\"{}\"", hex(s)), fmt::parse_float::<f64>(s));
        out.add(format!("parse_float f32 x\"{}\"", hex(s)), fmt::parse_float::<f32>(s));
    };
    for &s in FLOAT_INPUTS {
        both(out, s.as_bytes());
    }
    let mut rng = Rng(3);
    for _ in 0..300 {
        let mut s = String::new();
        if rng.next() % 2 == 0 {
            s.push('-');
        }
        s.push_str("0x");
        let ndig = 1 + rng.next() % 20;
        let point = rng.next() % (ndig + 1);
        for d in 0..ndig {
            if d == point && d != 0 {
                s.push('.');
            }
            s.push(b"0123456789abcdef"[(rng.next() % 16) as usize] as char);
        }
        let e = (rng.next() % 2200) as i64 - 1100;
        s.push_str(&format!("p{e}"));
        both(out, s.as_bytes());
        let mut s = String::new();
        let dd = 1 + rng.next() % 25;
        let dp = rng.next() % (dd + 1);
        for d in 0..dd {
            if d == dp {
                s.push('.');
            }
            s.push(b"0123456789"[(rng.next() % 10) as usize] as char);
        }
        let e10 = (rng.next() % 700) as i64 - 350;
        s.push_str(&format!("e{e10}"));
        both(out, s.as_bytes());
    }
}

fn digits(out: &mut Lines) {
    for c in 0..256u16 {
        for b in [2u8, 10, 16, 36] {
            out.add(format!("char_to_digit {c} {b}"), fmt::char_to_digit(c as u8, b));
        }
    }
    for d in 0..36u8 {
        out.add(format!("digit_to_char {d} lower"), fmt::digit_to_char(d, Case::Lower));
        out.add(format!("digit_to_char {d} upper"), fmt::digit_to_char(d, Case::Upper));
    }
}

fn float_text(out: &mut Lines, x: f64) {
    let b = x.to_bits();
    let sci = |p| fmt::format_float_scientific(x, p);
    let dec = |p| fmt::format_float_decimal(x, p);
    let hexf = |p| fmt::format_float_hexadecimal(x, p);
    out.raw(format!("{{}} {b:x} => [{}]", sci(None)));
    out.raw(format!("{{d}} {b:x} => [{}]", dec(None)));
    out.raw(format!("{{e}} {b:x} => [{}]", sci(None)));
    out.raw(format!("{{d:.0}} {b:x} => [{}]", dec(Some(0))));
    out.raw(format!("{{d:.1}} {b:x} => [{}]", dec(Some(1))));
    out.raw(format!("{{d:.2}} {b:x} => [{}]", dec(Some(2))));
    out.raw(format!("{{d:.5}} {b:x} => [{}]", dec(Some(5))));
    out.raw(format!("{{e:.0}} {b:x} => [{}]", sci(Some(0))));
    out.raw(format!("{{e:.3}} {b:x} => [{}]", sci(Some(3))));
    out.raw(format!("{{x}} {b:x} => [{}]", hexf(None)));
    out.raw(format!("{{x:.2}} {b:x} => [{}]", hexf(Some(2))));
    out.raw(format!("{{x:.0}} {b:x} => [{}]", hexf(Some(0))));
}

fn formats(out: &mut Lines) {
    let vs = [
        0.0, -0.0, 1.0, -1.0, 0.1, 0.125, 0.375, 2.5, 3.5, 0.5, 1.005, 123.456, 1e21, 1e22, 1e-7, 5e-324, 2.2250738585072014e-308,
        1.7976931348623157e308, f64::INFINITY, f64::NEG_INFINITY, math::NAN_F64, 9.5, 99.5, 999.9999, 0.0000123456, 100.0, 1e100,
        123456789.0, 0.3, 9007199254740993.0, 1.5e300, 16.0, 15.999, 4503599627370497.5, 0.999999, 9.999999e-5,
    ];
    for x in vs {
        float_text(out, x);
    }
    let mut rng = Rng(5);
    for _ in 0..300 {
        float_text(out, f64::from_bits(rng.next()));
        float_text(out, (rng.next() % 2000000) as f64 / 1000.0);
        let m = (rng.next() % 100000) as f64;
        let e = ((rng.next() % 40) as i64 - 20) as f64;
        float_text(out, m * math::pow(10.0, e));
    }
    for x in [0.1f32, 1.0, 3.4028235e38, 1e-45, 16777217.0, 0.3, -2.5, 1.1754944e-38] {
        let b = x.to_bits();
        out.raw(format!("f32 {{}} {b:x} => [{}]", fmt::format_f32_scientific(x, None)));
        out.raw(format!("f32 {{d}} {b:x} => [{}]", fmt::format_float_decimal(x as f64, None)));
        out.raw(format!("f32 {{e:.2}} {b:x} => [{}]", fmt::format_f32_scientific(x, Some(2))));
    }
    for x in [0i64, 1, -1, 255, -255, 4096, i64::MAX, i64::MIN, 35, -36] {
        out.raw(format!(
            "int {x} => [{}] [{}] [{}] [{}] [{}]",
            fmt::format_int(x, 16, Case::Lower),
            fmt::format_int(x, 16, Case::Upper),
            fmt::format_int(x, 2, Case::Lower),
            fmt::format_int(x, 8, Case::Lower),
            x
        ));
    }
    for x in [0u64, u64::MAX, 10] {
        out.raw(format!("uint {x} => [{x:x}] [{x:X}] [{x:b}] [{x:o}] [{x}]"));
    }
    out.raw(format!("any [] => [{}]", fmt::format_any_slice::<u8>(&[], |x| x.to_string())));
    out.raw(format!("any [1,2,3] => [{}]", fmt::format_any_slice(&[1u8, 2, 3], |x| x.to_string())));
    out.raw(format!("any [-1] => [{}]", fmt::format_any_slice(&[-1i32], |x| x.to_string())));
    out.raw(format!("hex lower => [{}]", fmt::fmt_slice_hex_lower(b"\x00\xab\xff")));
    out.raw(format!("hex upper => [{}]", fmt::fmt_slice_hex_upper(b"\x00\xab\xff")));
    let mut small = [0u8; 5];
    for n in [0usize, 3, 4, 5] {
        out.add(format!("buf_print {n}"), fmt::buf_print(&mut small[..n], format_args!("ab{}", 12)).map(|b| b.to_vec()));
    }
}

#[test]
fn fmt_matches_zig() {
    let mut out = Lines::default();
    parse_ints::<i8>(&mut out, "i8");
    parse_ints::<u8>(&mut out, "u8");
    parse_ints::<i32>(&mut out, "i32");
    parse_ints::<u64>(&mut out, "u64");
    parse_ints::<U<10>>(&mut out, "u10");
    parse_ints::<I<3>>(&mut out, "i3");
    parse_ints::<U<1>>(&mut out, "u1");
    parse_ints::<I<1>>(&mut out, "i1");
    parse_floats(&mut out);
    digits(&mut out);
    formats(&mut out);
    compare("fmt", include_str!("../../golden/fmt.txt"), &out);
}
