//! zig_std::math against golden/math.txt (Zig 0.11's std.math and builtins on the same inputs).
mod support;

use support::{compare, Golden, Lines, Rng};
use zig_std::math::{self, Arith, Int, I, U};

/// Zig 0.11's `std.math.nan(f64)` (a signalling-NaN bit pattern).
const ZNAN: f64 = math::NAN_F64;

fn as_i128<T: Int>(v: T) -> i128 {
    let (neg, mag) = v.to_parts();
    if neg { -(mag as i128) } else { mag as i128 }
}

fn int_edges<T: Int>() -> Vec<T> {
    let max = as_i128(T::MAX);
    let min = as_i128(T::MIN);
    let candidates = [0, 1, -1, 2, -2, 3, 7, max, min, max - 1, min + 1, max.div_euclid(2), max.div_euclid(2) + 1];
    candidates.iter().filter_map(|&c| math::cast::<T, i128>(c)).collect()
}

fn checked<T: Int + Arith + Golden>(out: &mut Lines, name: &str) {
    let e = int_edges::<T>();
    for &a in &e {
        for &b in &e {
            out.add(format!("add {name} {a} {b}"), math::add(a, b));
            out.add(format!("sub {name} {a} {b}"), math::sub(a, b));
            out.add(format!("mul {name} {a} {b}"), math::mul(a, b));
            out.add(format!("wrap {name} {a} {b}"), math::wrapping_add(a, b));
            out.add(format!("wrapmul {name} {a} {b}"), math::wrapping_mul(a, b));
            out.add(format!("sat {name} {a} {b}"), math::saturating_add(a, b));
            out.add(format!("satsub {name} {a} {b}"), math::saturating_sub(a, b));
            out.add(format!("div_trunc {name} {a} {b}"), math::div_trunc(a, b));
            out.add(format!("div_floor {name} {a} {b}"), math::div_floor(a, b));
            if T::BITS > 1 {
                out.add(format!("div_ceil {name} {a} {b}"), math::div_ceil(a, b));
            }
            out.add(format!("div_exact {name} {a} {b}"), math::div_exact(a, b));
            out.add(format!("mod {name} {a} {b}"), math::mod_(a, b));
            out.add(format!("rem {name} {a} {b}"), math::rem(a, b));
            if b > T::ZERO {
                out.add(format!("@mod {name} {a} {b}"), math::builtin_mod(a, b));
                out.add(format!("@rem {name} {a} {b}"), math::builtin_rem(a, b));
            }
        }
    }
    for &a in &e {
        out.add(format!("negate {name} {a}"), math::negate(a));
        if T::SIGNED {
            out.add(format!("abs_int {name} {a}"), math::abs_int(a));
        }
        for s in -9i64..=9 {
            out.add(format!("shl {name} {a} {s}"), math::shl(a, s));
            out.add(format!("shr {name} {a} {s}"), math::shr(a, s));
        }
        let bits = T::BITS as i32;
        for k in [0, 1, 2, 3, bits.div_euclid(2), bits - 2, bits - 1] {
            if k < 0 || k >= bits {
                continue;
            }
            out.add(format!("shl_exact {name} {a} {k}"), math::shl_exact(a, k as u32));
        }
        if a > T::ZERO {
            out.add(format!("is_power_of_two {name} {a}"), math::is_power_of_two(a));
        }
    }
}

fn casts<T: Int + Golden>(out: &mut Lines, name: &str) {
    for v in [0i64, 1, -1, 127, 128, -128, -129, 255, 256, 1023, 1024, -16, -17, 15, 16, 65535, 65536, i64::MAX, i64::MIN] {
        out.add(format!("cast {name} {v}"), math::cast::<T, i64>(v));
    }
}

fn truncates<T: Golden>(out: &mut Lines, name: &str, truncate: impl Fn(i64) -> T) {
    let mut v = -70i64;
    while v <= 70 {
        out.add(format!("truncate {name} {v}"), truncate(v));
        v += 7;
    }
}

fn powis<T: Int + Golden>(out: &mut Lines, name: &str) {
    let xs = [0, 1, -1, 2, -2, 3, -3, 7, 15, 16, 5, 10, as_i128(T::MAX), as_i128(T::MIN)];
    let ys = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, -1, -2, 30, as_i128(T::MAX)];
    for xc in xs {
        for yc in ys {
            let (Some(x), Some(y)) = (math::cast::<T, i128>(xc), math::cast::<T, i128>(yc)) else { continue };
            out.add(format!("powi {name} {x} {y}"), math::powi(x, y));
        }
    }
}

fn floats(out: &mut Lines) {
    let vs = [5.0, -5.0, 3.0, -3.0, 0.0, -0.0, 0.5, -0.5, 6.0, -6.0, 2.5, -7.25, 1e300, -1e-300, 1e-310, f64::INFINITY, f64::NEG_INFINITY, ZNAN, 10.0, 0.1f64];
    for &a in &vs {
        for &b in &vs {
            let args = format!("{:x} {:x}", a.to_bits(), b.to_bits());
            out.add(format!("f64 mod {args}"), math::mod_(a, b));
            out.add(format!("f64 rem {args}"), math::rem(a, b));
            out.add(format!("f64 div_trunc {args}"), math::div_trunc(a, b));
            out.add(format!("f64 div_floor {args}"), math::div_floor(a, b));
            out.add(format!("f64 div_exact {args}"), math::div_exact(a, b));
            if b != 0.0 {
                out.add(format!("f64 @mod {args}"), math::builtin_mod(a, b));
                out.add(format!("f64 @rem {args}"), math::builtin_rem(a, b));
                out.add(format!("f64 @divFloor {args}"), math::builtin_div_floor(a, b));
                out.add(format!("f64 @divTrunc {args}"), math::builtin_div_trunc(a, b));
            }
        }
    }
    let bases = [0.0, -0.0, 1.0, -1.0, 2.0, -2.0, 0.5, 10.0, 1.5, -1.5, 3.7, 1e10, 1e-10, f64::INFINITY, f64::NEG_INFINITY, ZNAN, 7.0, 0.999];
    let exps = [0.0, 1.0, -1.0, 2.0, -2.0, 3.0, 0.5, -0.5, 1.5, 2.25, 10.0, -10.0, 100.0, 1e5, 0.1, f64::INFINITY, f64::NEG_INFINITY, ZNAN, 53.0, 1075.0, -1075.0, 1023.0];
    for &x in &bases {
        for &y in &exps {
            out.add(format!("f64 pow {:x} {:x}", x.to_bits(), y.to_bits()), math::pow(x, y));
        }
    }
    let logs = [0.0, -0.0, 1.0, 2.0, 3.0, 0.5, 10.0, 1e-310, 5e-324, 1e300, -1.0, f64::INFINITY, f64::NEG_INFINITY, ZNAN, 1.0000000000000002, 0.9999999999999999, 1024.0, 1023.0];
    for &x in &logs {
        out.add(format!("f64 log2 {:x}", x.to_bits()), math::log2(x));
    }
    let mut rng = Rng(11);
    for _ in 0..300 {
        let x = f64::from_bits(rng.next() & 0x7fff_ffff_ffff_ffff);
        out.add(format!("f64 log2 {:x}", x.to_bits()), math::log2(x));
        let y = (rng.next() % 2001) as f64 / 100.0 - 10.0;
        let b = (rng.next() % 1000) as f64 / 100.0;
        out.add(format!("f64 pow {:x} {:x}", b.to_bits(), y.to_bits()), math::pow(b, y));
        let yi = ((rng.next() % 200) as i64 - 100) as f64;
        out.add(format!("f64 pow {:x} {:x}", b.to_bits(), yi.to_bits()), math::pow(b, yi));
        let e = (rng.next() % 2300) as i32 - 1150;
        out.add(format!("f64 ldexp {:x} {e}", x.to_bits()), math::ldexp(x, e));
    }
}

fn ints(out: &mut Lines) {
    let us: [u32; 18] = [1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 255, 256, 1 << 31, u32::MAX, (1 << 31) + 1, 1000, 1024];
    for x in us {
        out.add(format!("log2_int u32 {x}"), math::log2_int(x) as u64);
        out.add(format!("log2_int_ceil u32 {x}"), math::log2_int_ceil(x) as u64);
        out.add(format!("log2 u32 {x}"), math::log2_int(x) as u64);
    }
    for b in 0..=255u8 {
        out.add(format!("sqrt u8 {b}"), math::sqrt_int(b));
    }
    let mut rng = Rng(7);
    for _ in 0..200 {
        let v = rng.next();
        let x = v >> (rng.next() % 64);
        out.add(format!("sqrt u64 {x}"), math::sqrt_int(x));
        let y = U::<10>::truncate(rng.next());
        out.add(format!("sqrt u10 {y}"), math::sqrt_int(y));
        out.add(format!("log2_int u64 {}", x | 1), math::log2_int(x | 1) as u64);
    }
    for x in [u64::MAX, u64::MAX - 1, 1 << 63, (1u64 << 32) * (1u64 << (32 - 1))] {
        out.add(format!("sqrt u64 {x}"), math::sqrt_int(x));
    }
}

fn widths(out: &mut Lines) {
    for bits in 0..=128u32 {
        out.add(format!("max_int u{bits}"), math::max_int_unsigned(bits));
        out.add(format!("max_int i{bits}"), math::max_int_signed(bits));
        out.add(format!("min_int i{bits}"), math::min_int_signed(bits));
    }
}

fn odd<T: Int + Arith + Golden>(out: &mut Lines, name: &str, truncate: impl Fn(i64) -> T) {
    checked::<T>(out, name);
    casts::<T>(out, name);
    truncates(out, name, truncate);
}

#[test]
fn math_matches_zig() {
    let mut out = Lines::default();
    checked::<i8>(&mut out, "i8");
    checked::<u8>(&mut out, "u8");
    checked::<i32>(&mut out, "i32");
    checked::<u64>(&mut out, "u64");
    odd::<U<10>>(&mut out, "u10", |v| U::<10>::truncate(v as u64));
    odd::<I<5>>(&mut out, "i5", I::<5>::truncate);
    odd::<U<1>>(&mut out, "u1", |v| U::<1>::truncate(v as u64));
    odd::<I<1>>(&mut out, "i1", I::<1>::truncate);
    odd::<U<63>>(&mut out, "u63", |v| U::<63>::truncate(v as u64));
    casts::<u8>(&mut out, "u8");
    casts::<i8>(&mut out, "i8");
    casts::<u16>(&mut out, "u16");
    casts::<u64>(&mut out, "u64");
    powis::<i8>(&mut out, "i8");
    powis::<u8>(&mut out, "u8");
    powis::<i32>(&mut out, "i32");
    powis::<U<10>>(&mut out, "u10");
    powis::<I<5>>(&mut out, "i5");
    floats(&mut out);
    ints(&mut out);
    widths(&mut out);
    compare("math", include_str!("../../golden/math.txt"), &out);
}

#[test]
fn odd_widths_trap_at_the_declared_width() {
    let a = U::<10>::new(1000);
    assert_eq!((a + U::new(23)).get(), 1023);
    assert!(std::panic::catch_unwind(|| a + U::new(24)).is_err(), "u10 1000 + 24 must trap");
    assert_eq!(a.wrapping_add(U::new(24)).get(), 0);
    assert_eq!(a.saturating_add(U::new(24)), U::<10>::MAX);
    assert!(std::panic::catch_unwind(|| I::<5>::new(15) + I::new(1)).is_err(), "i5 15 + 1 must trap");
    assert!(std::panic::catch_unwind(|| U::<10>::new(1024)).is_err(), "@intCast of 1024 to u10 must trap");
    assert_eq!(zig_std::fmt::parse_int::<U<10>>("1023", 10).map(U::get), Ok(1023));
    assert_eq!(zig_std::fmt::parse_int::<U<10>>("1024", 10), Err(zig_std::Error::Overflow));
}
