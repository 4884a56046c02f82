//! `std.math` and the arithmetic builtins with Zig 0.11 semantics.
//!
//! - Checked arithmetic returns `Err(Error::Overflow)` as `std.math.add`/`sub`/`mul`/`shlExact` do.
//! - `div_trunc`, `div_floor`, `div_ceil`, `div_exact`, `mod_`, `rem` are `std.math`'s: `Err` for a zero
//!   divisor (`DivisionByZero`), `minInt / -1` (`Overflow`), a negative divisor of `mod_`/`rem`
//!   (`NegativeDenominator`). `builtin_mod`, `builtin_rem`, `builtin_div_floor`, `builtin_div_trunc` are the
//!   builtins `@mod`, `@rem`, `@divFloor`, `@divTrunc`: for integers they panic where Zig's safety check
//!   panics; for floats they give Zig's results (`@mod(5.0, -3.0) == 2.0`, `@mod(-5.0, -3.0) == -2.0`).
//! - Odd-width integers: [`U<BITS>`] and [`I<BITS>`] (1 to 64 bits) keep Zig's range and trap (panic with
//!   "integer overflow") at the declared width; `+%`/`+|` are `wrapping_*`/`saturating_*`.
//! - Generic functions take any [`Int`] (all Rust integers, `U<BITS>`, `I<BITS>`) or [`Arith`] (those and
//!   `f32`/`f64`), so ported generic code does not invent its own numeric trait.

use crate::error::{Error, Result};
use std::cmp::Ordering;
use std::fmt;

/// `std.math.nan(f64)` in Zig 0.11: the bit pattern `0x7FF0_0000_0000_0001` (Rust's `f64::NAN` is
/// `0x7FF8_0000_0000_0000`; both are NaN, only `@bitCast` tells them apart). Zig 0.12 made it the quiet NaN.
pub const NAN_F64: f64 = f64::from_bits(0x7FF0_0000_0000_0001);
/// `std.math.nan(f32)` in Zig 0.11.
pub const NAN_F32: f32 = f32::from_bits(0x7F80_0001);

/// Zig's integer types: the Rust primitives and the odd widths [`U<BITS>`]/[`I<BITS>`].
///
/// Values convert exactly through `(negative, magnitude)` parts, which is how `math::cast` (and
/// `fmt::parse_int`) reach any width.
pub trait Int: Copy + PartialEq + Eq + PartialOrd + Ord + fmt::Debug + fmt::Display + std::hash::Hash {
    /// The Zig bit width (`u10` → 10).
    const BITS: u32;
    const SIGNED: bool;
    const MIN: Self;
    const MAX: Self;
    const ZERO: Self;
    /// Sign and magnitude of the value.
    #[doc(hidden)]
    fn to_parts(self) -> (bool, u128);
    /// The value of a sign and magnitude, when it fits (`std.math.cast`).
    #[doc(hidden)]
    fn from_parts(negative: bool, magnitude: u128) -> Option<Self>;
    /// `@addWithOverflow`: the wrapped result and whether it overflowed.
    #[doc(hidden)]
    fn add_with_overflow(self, rhs: Self) -> (Self, bool);
    /// `@subWithOverflow`.
    #[doc(hidden)]
    fn sub_with_overflow(self, rhs: Self) -> (Self, bool);
    /// `@mulWithOverflow`.
    #[doc(hidden)]
    fn mul_with_overflow(self, rhs: Self) -> (Self, bool);
    /// `@shlWithOverflow` (`amount < BITS`): overflow when shifting back does not give the value.
    #[doc(hidden)]
    fn shl_with_overflow(self, amount: u32) -> (Self, bool);
    /// `>>` (arithmetic for signed types), `amount < BITS`.
    #[doc(hidden)]
    fn shr_(self, amount: u32) -> Self;
    /// `@clz`.
    #[doc(hidden)]
    fn clz(self) -> u32;
    /// `a & b`, `a | b` on the two's complement bits (at the declared width).
    #[doc(hidden)]
    fn and_(self, rhs: Self) -> Self;
}

macro_rules! prim_int {
    ($($t:ty, $signed:expr;)*) => {$(
        impl Int for $t {
            const BITS: u32 = <$t>::BITS;
            const SIGNED: bool = $signed;
            const MIN: Self = <$t>::MIN;
            const MAX: Self = <$t>::MAX;
            const ZERO: Self = 0;
            #[allow(unused_comparisons)]
            fn to_parts(self) -> (bool, u128) {
                if self < 0 { (true, (self as i128).unsigned_abs()) } else { (false, self as u128) }
            }
            #[allow(unused_comparisons)]
            fn from_parts(negative: bool, magnitude: u128) -> Option<Self> {
                if negative && magnitude != 0 {
                    if !$signed || magnitude > (1u128 << (Self::BITS - 1)) { return None; }
                    Some((magnitude as i128).wrapping_neg() as $t)
                } else {
                    if magnitude > Self::MAX as u128 { return None; }
                    Some(magnitude as $t)
                }
            }
            fn add_with_overflow(self, rhs: Self) -> (Self, bool) { self.overflowing_add(rhs) }
            fn sub_with_overflow(self, rhs: Self) -> (Self, bool) { self.overflowing_sub(rhs) }
            fn mul_with_overflow(self, rhs: Self) -> (Self, bool) { self.overflowing_mul(rhs) }
            fn shl_with_overflow(self, amount: u32) -> (Self, bool) {
                assert!(amount < Self::BITS, "shift amount {} is not below the bit width {}", amount, Self::BITS);
                let r = self << amount;
                (r, (r >> amount) != self)
            }
            fn shr_(self, amount: u32) -> Self { self >> amount }
            fn clz(self) -> u32 { self.leading_zeros() }
            fn and_(self, rhs: Self) -> Self { self & rhs }
        }
    )*};
}

prim_int! {
    u8, false; u16, false; u32, false; u64, false; u128, false; usize, false;
    i8, true; i16, true; i32, true; i64, true; i128, true; isize, true;
}

/// An unsigned integer of `BITS` bits (1 to 64), Zig's `u<BITS>` (`u10` → `U<10>`).
///
/// The value lives in a `u64` and always stays in `0..=U::<BITS>::MAX`. `+`, `-`, `*`, `<<` panic with
/// "integer overflow" when the result leaves the range, as Zig's safety check traps at the declared width
/// (a `u16` would trap only at 65536, not 1024). `wrapping_*` is `+%`, `saturating_*` is `+|`,
/// `truncate` is `@truncate`, `new` is `@intCast` (panics out of range), `cast` is `std.math.cast`.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct U<const BITS: u32>(u64);

/// A signed integer of `BITS` bits (1 to 64), Zig's `i<BITS>` (`i5` → `I<5>`); see [`U`].
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct I<const BITS: u32>(i64);

impl<const BITS: u32> U<BITS> {
    const CHECK: () = assert!(BITS >= 1 && BITS <= 64, "U<BITS> supports 1 to 64 bits");
    /// `std.math.maxInt(u<BITS>)`.
    pub const MAX: Self = U(if BITS >= 64 { u64::MAX } else { (1u64 << BITS) - 1 });
    pub const MIN: Self = U(0);
    /// `@intCast`: panics when `v` does not fit.
    #[track_caller]
    pub fn new(v: u64) -> Self {
        Self::cast(v).unwrap_or_else(|| panic!("integer cast truncated bits: {} does not fit u{}", v, BITS))
    }
    /// `std.math.cast(u<BITS>, v)`.
    pub fn cast(v: u64) -> Option<Self> {
        let () = Self::CHECK;
        if v <= Self::MAX.0 { Some(U(v)) } else { None }
    }
    /// `@truncate`: the low `BITS` bits.
    pub fn truncate(v: u64) -> Self {
        let () = Self::CHECK;
        U(v & Self::MAX.0)
    }
    /// The value.
    pub fn get(self) -> u64 {
        self.0
    }
    pub fn checked_add(self, rhs: Self) -> Option<Self> { Self::cast(self.0.checked_add(rhs.0)?) }
    pub fn checked_sub(self, rhs: Self) -> Option<Self> { Self::cast(self.0.checked_sub(rhs.0)?) }
    pub fn checked_mul(self, rhs: Self) -> Option<Self> { Self::cast(self.0.checked_mul(rhs.0)?) }
    /// `a +% b`.
    pub fn wrapping_add(self, rhs: Self) -> Self { Self::truncate(self.0.wrapping_add(rhs.0)) }
    /// `a -% b`.
    pub fn wrapping_sub(self, rhs: Self) -> Self { Self::truncate(self.0.wrapping_sub(rhs.0)) }
    /// `a *% b`.
    pub fn wrapping_mul(self, rhs: Self) -> Self { Self::truncate(self.0.wrapping_mul(rhs.0)) }
    /// `a +| b`.
    pub fn saturating_add(self, rhs: Self) -> Self { self.checked_add(rhs).unwrap_or(Self::MAX) }
    /// `a -| b`.
    pub fn saturating_sub(self, rhs: Self) -> Self { self.checked_sub(rhs).unwrap_or(Self::MIN) }
    /// `a *| b`.
    pub fn saturating_mul(self, rhs: Self) -> Self { self.checked_mul(rhs).unwrap_or(Self::MAX) }
}

impl<const BITS: u32> I<BITS> {
    const CHECK: () = assert!(BITS >= 1 && BITS <= 64, "I<BITS> supports 1 to 64 bits");
    /// `std.math.maxInt(i<BITS>)`.
    pub const MAX: Self = I(if BITS >= 64 { i64::MAX } else { (1i64 << (BITS - 1)) - 1 });
    /// `std.math.minInt(i<BITS>)`.
    pub const MIN: Self = I(if BITS >= 64 { i64::MIN } else { -(1i64 << (BITS - 1)) });
    /// `@intCast`: panics when `v` does not fit.
    #[track_caller]
    pub fn new(v: i64) -> Self {
        Self::cast(v).unwrap_or_else(|| panic!("integer cast truncated bits: {} does not fit i{}", v, BITS))
    }
    /// `std.math.cast(i<BITS>, v)`.
    pub fn cast(v: i64) -> Option<Self> {
        let () = Self::CHECK;
        if v >= Self::MIN.0 && v <= Self::MAX.0 { Some(I(v)) } else { None }
    }
    /// `@truncate`: the low `BITS` bits, sign-extended.
    pub fn truncate(v: i64) -> Self {
        let () = Self::CHECK;
        let shift = 64 - BITS;
        I((v << shift) >> shift)
    }
    /// The value.
    pub fn get(self) -> i64 {
        self.0
    }
    pub fn checked_add(self, rhs: Self) -> Option<Self> { Self::cast(self.0.checked_add(rhs.0)?) }
    pub fn checked_sub(self, rhs: Self) -> Option<Self> { Self::cast(self.0.checked_sub(rhs.0)?) }
    pub fn checked_mul(self, rhs: Self) -> Option<Self> { Self::cast(self.0.checked_mul(rhs.0)?) }
    /// `a +% b`.
    pub fn wrapping_add(self, rhs: Self) -> Self { Self::truncate(self.0.wrapping_add(rhs.0)) }
    /// `a -% b`.
    pub fn wrapping_sub(self, rhs: Self) -> Self { Self::truncate(self.0.wrapping_sub(rhs.0)) }
    /// `a *% b`.
    pub fn wrapping_mul(self, rhs: Self) -> Self { Self::truncate(self.0.wrapping_mul(rhs.0)) }
    /// `a +| b`.
    pub fn saturating_add(self, rhs: Self) -> Self {
        self.checked_add(rhs).unwrap_or(if rhs.0 < 0 { Self::MIN } else { Self::MAX })
    }
    /// `a -| b`.
    pub fn saturating_sub(self, rhs: Self) -> Self {
        self.checked_sub(rhs).unwrap_or(if rhs.0 > 0 { Self::MIN } else { Self::MAX })
    }
    /// `a *| b`.
    pub fn saturating_mul(self, rhs: Self) -> Self {
        self.checked_mul(rhs).unwrap_or(if (self.0 < 0) != (rhs.0 < 0) { Self::MIN } else { Self::MAX })
    }
}

macro_rules! odd_ops {
    ($ty:ident, $prim:ty) => {
        impl<const BITS: u32> fmt::Debug for $ty<BITS> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { fmt::Display::fmt(&self.0, f) }
        }
        impl<const BITS: u32> fmt::Display for $ty<BITS> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { fmt::Display::fmt(&self.0, f) }
        }
        impl<const BITS: u32> std::ops::Add for $ty<BITS> {
            type Output = Self;
            #[track_caller]
            fn add(self, rhs: Self) -> Self { self.checked_add(rhs).expect("integer overflow") }
        }
        impl<const BITS: u32> std::ops::Sub for $ty<BITS> {
            type Output = Self;
            #[track_caller]
            fn sub(self, rhs: Self) -> Self { self.checked_sub(rhs).expect("integer overflow") }
        }
        impl<const BITS: u32> std::ops::Mul for $ty<BITS> {
            type Output = Self;
            #[track_caller]
            fn mul(self, rhs: Self) -> Self { self.checked_mul(rhs).expect("integer overflow") }
        }
        impl<const BITS: u32> std::ops::Div for $ty<BITS> {
            type Output = Self;
            /// `/` (unsigned) and `@divTrunc`: panics on division by zero and `minInt / -1`.
            #[track_caller]
            fn div(self, rhs: Self) -> Self {
                assert!(rhs.0 != 0, "division by zero");
                Self::cast(self.0.checked_div(rhs.0).expect("integer overflow")).expect("integer overflow")
            }
        }
        impl<const BITS: u32> std::ops::AddAssign for $ty<BITS> {
            #[track_caller]
            fn add_assign(&mut self, rhs: Self) { *self = *self + rhs; }
        }
        impl<const BITS: u32> std::ops::SubAssign for $ty<BITS> {
            #[track_caller]
            fn sub_assign(&mut self, rhs: Self) { *self = *self - rhs; }
        }
        impl<const BITS: u32> std::ops::MulAssign for $ty<BITS> {
            #[track_caller]
            fn mul_assign(&mut self, rhs: Self) { *self = *self * rhs; }
        }
        impl<const BITS: u32> std::ops::Shl<u32> for $ty<BITS> {
            type Output = Self;
            /// `<<`: bits shifted out are lost (Zig's `<<`), the amount must be below `BITS`.
            #[track_caller]
            fn shl(self, amount: u32) -> Self {
                assert!(amount < BITS, "shift amount {} is not below the bit width {}", amount, BITS);
                Self::truncate(self.0 << amount)
            }
        }
        impl<const BITS: u32> std::ops::Shr<u32> for $ty<BITS> {
            type Output = Self;
            #[track_caller]
            fn shr(self, amount: u32) -> Self {
                assert!(amount < BITS, "shift amount {} is not below the bit width {}", amount, BITS);
                $ty(self.0 >> amount)
            }
        }
        impl<const BITS: u32> std::ops::BitAnd for $ty<BITS> {
            type Output = Self;
            fn bitand(self, rhs: Self) -> Self { $ty(self.0 & rhs.0) }
        }
        impl<const BITS: u32> std::ops::BitOr for $ty<BITS> {
            type Output = Self;
            fn bitor(self, rhs: Self) -> Self { $ty(self.0 | rhs.0) }
        }
        impl<const BITS: u32> std::ops::BitXor for $ty<BITS> {
            type Output = Self;
            fn bitxor(self, rhs: Self) -> Self { $ty(self.0 ^ rhs.0) }
        }
        impl<const BITS: u32> Int for $ty<BITS> {
            const BITS: u32 = BITS;
            const SIGNED: bool = <$prim>::MIN != 0;
            const MIN: Self = Self::MIN;
            const MAX: Self = Self::MAX;
            const ZERO: Self = $ty(0);
            fn to_parts(self) -> (bool, u128) { Int::to_parts(self.0) }
            fn from_parts(negative: bool, magnitude: u128) -> Option<Self> {
                Self::cast(<$prim as Int>::from_parts(negative, magnitude)?)
            }
            fn add_with_overflow(self, rhs: Self) -> (Self, bool) { (self.wrapping_add(rhs), self.checked_add(rhs).is_none()) }
            fn sub_with_overflow(self, rhs: Self) -> (Self, bool) { (self.wrapping_sub(rhs), self.checked_sub(rhs).is_none()) }
            fn mul_with_overflow(self, rhs: Self) -> (Self, bool) { (self.wrapping_mul(rhs), self.checked_mul(rhs).is_none()) }
            fn shl_with_overflow(self, amount: u32) -> (Self, bool) {
                let r = self << amount;
                (r, $ty(r.0 >> amount) != self)
            }
            fn shr_(self, amount: u32) -> Self { self >> amount }
            fn clz(self) -> u32 {
                let bits = (self.0 as u64) & (if BITS >= 64 { u64::MAX } else { (1u64 << BITS) - 1 });
                bits.leading_zeros() - (64 - BITS)
            }
            fn and_(self, rhs: Self) -> Self { self & rhs }
        }
    };
}

odd_ops!(U, u64);
odd_ops!(I, i64);

/// `std.math.maxInt(u<bits>)` for any width 0 to 128.
pub fn max_int_unsigned(bits: u32) -> u128 {
    assert!(bits <= 128, "max_int_unsigned: {} bits is more than 128", bits);
    if bits == 0 { 0 } else if bits == 128 { u128::MAX } else { (1u128 << bits) - 1 }
}

/// `std.math.maxInt(i<bits>)` for any width 0 to 128 (`maxInt(i1) == 0`).
pub fn max_int_signed(bits: u32) -> i128 {
    assert!(bits <= 128, "max_int_signed: {} bits is more than 128", bits);
    if bits == 0 { 0 } else if bits == 128 { i128::MAX } else { (1i128 << (bits - 1)) - 1 }
}

/// `std.math.minInt(i<bits>)` for any width 0 to 128 (`minInt(i1) == -1`); `minInt(u<bits>)` is 0.
pub fn min_int_signed(bits: u32) -> i128 {
    assert!(bits <= 128, "min_int_signed: {} bits is more than 128", bits);
    if bits == 0 { 0 } else if bits == 128 { i128::MIN } else { -(1i128 << (bits - 1)) }
}

/// `std.math.maxInt(T)`.
pub fn max_int<T: Int>() -> T {
    T::MAX
}

/// `std.math.minInt(T)`.
pub fn min_int<T: Int>() -> T {
    T::MIN
}

/// `std.math.cast(T, x)`: `None` when `x` does not fit `T`.
pub fn cast<T: Int, S: Int>(x: S) -> Option<T> {
    let (negative, magnitude) = x.to_parts();
    T::from_parts(negative, magnitude)
}

/// `std.math.add(T, a, b)`: `Err(Overflow)` when the sum does not fit.
pub fn add<T: Int>(a: T, b: T) -> Result<T> {
    match a.add_with_overflow(b) {
        (_, true) => Err(Error::Overflow),
        (r, false) => Ok(r),
    }
}

/// `std.math.sub(T, a, b)`.
pub fn sub<T: Int>(a: T, b: T) -> Result<T> {
    match a.sub_with_overflow(b) {
        (_, true) => Err(Error::Overflow),
        (r, false) => Ok(r),
    }
}

/// `std.math.mul(T, a, b)`.
pub fn mul<T: Int>(a: T, b: T) -> Result<T> {
    match a.mul_with_overflow(b) {
        (_, true) => Err(Error::Overflow),
        (r, false) => Ok(r),
    }
}

/// `a +% b` for any [`Int`] (the primitives' and `U`/`I`'s `wrapping_add` are the same).
pub fn wrapping_add<T: Int>(a: T, b: T) -> T {
    a.add_with_overflow(b).0
}

/// `a -% b`.
pub fn wrapping_sub<T: Int>(a: T, b: T) -> T {
    a.sub_with_overflow(b).0
}

/// `a *% b`.
pub fn wrapping_mul<T: Int>(a: T, b: T) -> T {
    a.mul_with_overflow(b).0
}

/// `a +| b`: the sum, or the bound it passed.
pub fn saturating_add<T: Int>(a: T, b: T) -> T {
    match a.add_with_overflow(b) {
        (r, false) => r,
        _ => if b.to_parts().0 { T::MIN } else { T::MAX },
    }
}

/// `a -| b`.
pub fn saturating_sub<T: Int>(a: T, b: T) -> T {
    match a.sub_with_overflow(b) {
        (r, false) => r,
        _ => if b.to_parts().0 { T::MAX } else { T::MIN },
    }
}

/// `a *| b`.
pub fn saturating_mul<T: Int>(a: T, b: T) -> T {
    match a.mul_with_overflow(b) {
        (r, false) => r,
        _ => if a.to_parts().0 != b.to_parts().0 { T::MIN } else { T::MAX },
    }
}

/// `std.math.negate(x)`: `0 - x`, `Err(Overflow)` for `minInt` and for unsigned values other than 0.
pub fn negate<T: Int>(x: T) -> Result<T> {
    sub(T::ZERO, x)
}

/// `std.math.absInt(x)` (signed `T`): `Err(Overflow)` for `minInt(T)`. Zig 0.12 removed `absInt` for the
/// `@abs` builtin, which returns the unsigned magnitude instead of failing.
pub fn abs_int<T: Int>(x: T) -> Result<T> {
    assert!(T::SIGNED, "abs_int requires a signed integer");
    if x == T::MIN {
        return Err(Error::Overflow);
    }
    let (negative, magnitude) = x.to_parts();
    Ok(if negative { T::from_parts(false, magnitude).expect("fits") } else { x })
}

/// `std.math.shlExact(T, a, shift_amt)`: `Err(Overflow)` when bits are shifted out (`shift_amt < BITS`).
pub fn shl_exact<T: Int>(a: T, shift_amt: u32) -> Result<T> {
    match a.shl_with_overflow(shift_amt) {
        (_, true) => Err(Error::Overflow),
        (r, false) => Ok(r),
    }
}

/// `std.math.shl(T, a, shift_amt)`: bits shifted out are lost, a shift of `BITS` or more gives 0, a
/// negative shift shifts right.
pub fn shl<T: Int>(a: T, shift_amt: i64) -> T {
    let abs = shift_amt.unsigned_abs();
    if abs >= T::BITS as u64 {
        return T::ZERO;
    }
    if shift_amt < 0 { a.shr_(abs as u32) } else { a.shl_with_overflow(abs as u32).0 }
}

/// `std.math.shr(T, a, shift_amt)`: a shift of `BITS` or more gives 0 (also for negative `a`), a negative
/// shift shifts left.
pub fn shr<T: Int>(a: T, shift_amt: i64) -> T {
    let abs = shift_amt.unsigned_abs();
    if abs >= T::BITS as u64 {
        return T::ZERO;
    }
    if shift_amt < 0 { a.shl_with_overflow(abs as u32).0 } else { a.shr_(abs as u32) }
}

/// `std.math.isPowerOfTwo(x)`; panics when `x <= 0`, as Zig's `assert(int > 0)` does.
#[track_caller]
pub fn is_power_of_two<T: Int>(x: T) -> bool {
    assert!(x > T::ZERO, "is_power_of_two: the value must be positive (Zig asserts int > 0)");
    let one = T::from_parts(false, 1).expect("1 fits");
    x.and_(x.sub_with_overflow(one).0) == T::ZERO
}

/// `std.math.log2_int(T, x)` (unsigned `T`): the floor of log2; panics for 0 (Zig asserts `x != 0`).
#[track_caller]
pub fn log2_int<T: Int>(x: T) -> u32 {
    assert!(!T::SIGNED, "log2_int requires an unsigned integer");
    assert!(x != T::ZERO, "log2_int of 0 (Zig asserts x != 0)");
    T::BITS - 1 - x.clz()
}

/// `std.math.log2_int_ceil(T, x)` (unsigned `T`); panics for 0.
#[track_caller]
pub fn log2_int_ceil<T: Int>(x: T) -> u32 {
    let one = T::from_parts(false, 1).expect("1 fits");
    assert!(x != T::ZERO, "log2_int_ceil of 0 (Zig asserts x != 0)");
    if x == one {
        return 0;
    }
    log2_int(x.sub_with_overflow(one).0) + 1
}

/// `std.math.sqrt` of an unsigned integer: the floor of the square root (Zig returns it in a type of half
/// the width; here in `T`).
pub fn sqrt_int<T: Int>(value: T) -> T {
    assert!(!T::SIGNED, "sqrt_int requires an unsigned integer");
    let (_, v) = value.to_parts();
    let mut op = v;
    let mut res: u128 = 0;
    let mut one: u128 = 1u128 << ((T::BITS - 1) & !1);
    while one > op {
        one >>= 2;
    }
    while one != 0 {
        let c = op >= res + one;
        if c {
            op -= res + one;
        }
        res >>= 1;
        if c {
            res += one;
        }
        one >>= 2;
    }
    T::from_parts(false, res).expect("the root fits")
}

/// `std.math.powi(T, x, y)`: `Err(Overflow)` when the result does not fit (also `0` to a power `<= 0`
/// other than 0, and `y >= BITS`), `Err(Underflow)` for a negative `y`; `x == 1`, `y == 0` and `-1` to an
/// even power give 1, `-1` to an odd power gives -1.
pub fn powi<T: Int>(x: T, y: T) -> Result<T> {
    let one_fits = T::from_parts(false, 1);
    let (y_neg, y_mag) = y.to_parts();
    // `y & 1` on two's complement: a negative y is odd when its magnitude is.
    let is_y_even = one_fits.is_some() && y_mag % 2 == 0;
    let is_one = one_fits.map_or(false, |one| x == one);
    let is_minus_one = x.to_parts() == (true, 1);
    if is_one || y == T::ZERO || (is_minus_one && is_y_even) {
        return one_fits.ok_or(Error::Overflow);
    }
    if is_minus_one {
        return Ok(x);
    }
    if x == T::ZERO {
        return if y > T::ZERO { Ok(T::ZERO) } else { Err(Error::Overflow) };
    }
    if !y_neg && y_mag >= T::BITS as u128 {
        return Err(Error::Overflow);
    }
    if y_neg {
        return Err(Error::Underflow);
    }
    let mut base = x;
    let mut exp = y_mag;
    let mut acc = one_fits.expect("1 fits");
    while exp > 1 {
        if exp & 1 == 1 {
            acc = mul(acc, base)?;
        }
        exp >>= 1;
        base = mul(base, base)?;
    }
    if exp == 1 {
        acc = mul(acc, base)?;
    }
    Ok(acc)
}

/// Numbers the division functions take: every [`Int`] and `f32`/`f64`.
pub trait Arith: Copy + PartialOrd + fmt::Debug {
    #[doc(hidden)]
    fn is_zero(self) -> bool;
    #[doc(hidden)]
    fn is_negative(self) -> bool;
    /// `numerator == minInt(T) and denominator == -1` (integers only).
    #[doc(hidden)]
    fn div_overflows(self, denominator: Self) -> bool;
    /// `@divTrunc` (no checks).
    #[doc(hidden)]
    fn raw_div_trunc(self, d: Self) -> Self;
    /// `@divFloor` (no checks).
    #[doc(hidden)]
    fn raw_div_floor(self, d: Self) -> Self;
    /// `@mod` (no checks).
    #[doc(hidden)]
    fn raw_mod(self, d: Self) -> Self;
    /// `@rem` (no checks).
    #[doc(hidden)]
    fn raw_rem(self, d: Self) -> Self;
    /// `q * d != n` for `div_exact`.
    #[doc(hidden)]
    fn inexact(self, q: Self, d: Self) -> bool;
    #[doc(hidden)]
    const FLOAT: bool;
}

macro_rules! int_arith {
    ($($t:ty),*) => {$(
        impl Arith for $t {
            const FLOAT: bool = false;
            #[allow(unused_comparisons)]
            fn is_zero(self) -> bool { self == 0 }
            #[allow(unused_comparisons)]
            fn is_negative(self) -> bool { self < 0 }
            #[allow(unused_comparisons)]
            fn div_overflows(self, d: Self) -> bool { <$t>::MIN < 0 && self == <$t>::MIN && d == (0 as $t).wrapping_sub(1) }
            fn raw_div_trunc(self, d: Self) -> Self { self / d }
            #[allow(unused_comparisons)]
            fn raw_div_floor(self, d: Self) -> Self {
                let q = self / d;
                if self % d != 0 && ((self < 0) != (d < 0)) { q - 1 } else { q }
            }
            #[allow(unused_comparisons)]
            fn raw_mod(self, d: Self) -> Self {
                let r = self % d;
                if r != 0 && ((r < 0) != (d < 0)) { r + d } else { r }
            }
            fn raw_rem(self, d: Self) -> Self { self % d }
            fn inexact(self, q: Self, d: Self) -> bool { q.wrapping_mul(d) != self }
        }
    )*};
}
int_arith!(u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128, isize);

macro_rules! odd_arith {
    ($ty:ident) => {
        impl<const BITS: u32> Arith for $ty<BITS> {
            const FLOAT: bool = false;
            fn is_zero(self) -> bool { self.0.is_zero() }
            fn is_negative(self) -> bool { self.0.is_negative() }
            fn div_overflows(self, d: Self) -> bool { <Self as Int>::SIGNED && self == Self::MIN && d.0.is_negative() && d.0.raw_rem(2) != 0 && d.to_parts().1 == 1 }
            fn raw_div_trunc(self, d: Self) -> Self { $ty(self.0.raw_div_trunc(d.0)) }
            fn raw_div_floor(self, d: Self) -> Self { $ty(self.0.raw_div_floor(d.0)) }
            fn raw_mod(self, d: Self) -> Self { $ty(self.0.raw_mod(d.0)) }
            fn raw_rem(self, d: Self) -> Self { $ty(self.0.raw_rem(d.0)) }
            fn inexact(self, q: Self, d: Self) -> bool { self.0.inexact(q.0, d.0) }
        }
    };
}
odd_arith!(U);
odd_arith!(I);

macro_rules! float_arith {
    ($($t:ty),*) => {$(
        impl Arith for $t {
            const FLOAT: bool = true;
            fn is_zero(self) -> bool { self == 0.0 }
            fn is_negative(self) -> bool { self < 0.0 }
            fn div_overflows(self, _d: Self) -> bool { false }
            fn raw_div_trunc(self, d: Self) -> Self { (self / d).trunc() }
            fn raw_div_floor(self, d: Self) -> Self { (self / d).floor() }
            /// Zig 0.11 lowers float `@mod` to `a < 0 ? fmod(fmod(a, b) + b, b) : fmod(a, b)`.
            fn raw_mod(self, d: Self) -> Self {
                let r = self % d;
                if self < 0.0 { (r + d) % d } else { r }
            }
            fn raw_rem(self, d: Self) -> Self { self % d }
            fn inexact(self, q: Self, d: Self) -> bool { q * d != self }
        }
    )*};
}
float_arith!(f32, f64);

/// `std.math.divTrunc(T, n, d)`: `Err(DivisionByZero)`, `Err(Overflow)` for `minInt / -1`.
pub fn div_trunc<T: Arith>(numerator: T, denominator: T) -> Result<T> {
    if denominator.is_zero() {
        return Err(Error::DivisionByZero);
    }
    if numerator.div_overflows(denominator) {
        return Err(Error::Overflow);
    }
    Ok(numerator.raw_div_trunc(denominator))
}

/// `std.math.divFloor(T, n, d)`: rounds toward negative infinity.
pub fn div_floor<T: Arith>(numerator: T, denominator: T) -> Result<T> {
    if denominator.is_zero() {
        return Err(Error::DivisionByZero);
    }
    if numerator.div_overflows(denominator) {
        return Err(Error::Overflow);
    }
    Ok(numerator.raw_div_floor(denominator))
}

/// `std.math.divExact(T, n, d)`: `Err(UnexpectedRemainder)` when `d` does not divide `n`.
pub fn div_exact<T: Arith>(numerator: T, denominator: T) -> Result<T> {
    if denominator.is_zero() {
        return Err(Error::DivisionByZero);
    }
    if numerator.div_overflows(denominator) {
        return Err(Error::Overflow);
    }
    let q = numerator.raw_div_trunc(denominator);
    if numerator.inexact(q, denominator) {
        return Err(Error::UnexpectedRemainder);
    }
    Ok(q)
}

/// `std.math.mod(T, n, d)`: the remainder of floored division, `Err(NegativeDenominator)` for `d < 0`
/// (Zig's `@mod` accepts only positive divisors for integers; use [`builtin_mod`] for floats).
pub fn mod_<T: Arith>(numerator: T, denominator: T) -> Result<T> {
    if denominator.is_zero() {
        return Err(Error::DivisionByZero);
    }
    if denominator.is_negative() {
        return Err(Error::NegativeDenominator);
    }
    Ok(numerator.raw_mod(denominator))
}

/// `std.math.rem(T, n, d)`: the remainder of truncated division (sign of `n`), `Err(NegativeDenominator)`
/// for `d < 0`.
pub fn rem<T: Arith>(numerator: T, denominator: T) -> Result<T> {
    if denominator.is_zero() {
        return Err(Error::DivisionByZero);
    }
    if denominator.is_negative() {
        return Err(Error::NegativeDenominator);
    }
    Ok(numerator.raw_rem(denominator))
}

#[track_caller]
fn builtin_check<T: Arith>(what: &str, numerator: T, denominator: T, positive: bool) {
    if T::FLOAT {
        return;
    }
    if denominator.is_zero() || (positive && denominator.is_negative()) {
        panic!("{}: remainder division by zero or negative value ({:?}, {:?})", what, numerator, denominator);
    }
    if numerator.div_overflows(denominator) {
        panic!("{}: integer overflow ({:?}, {:?})", what, numerator, denominator);
    }
}

/// The builtin `@mod(a, b)`. Integers: panics when `b <= 0` (Zig's safety check). Floats: Zig 0.11's result,
/// which is not the floored modulo for negative divisors: `@mod(5.0, -3.0) == 2.0`, `@mod(-5.0, -3.0) == -2.0`,
/// `@mod(-5.0, 3.0) == 1.0` (a negative `a` gives `fmod(fmod(a, b) + b, b)`, otherwise `fmod(a, b)`).
/// Later Zig versions reject float `@mod` with a negative divisor at compile time when it is known.
#[track_caller]
pub fn builtin_mod<T: Arith>(a: T, b: T) -> T {
    builtin_check("@mod", a, b, true);
    a.raw_mod(b)
}

/// The builtin `@rem(a, b)`: the sign of `a` (`fmod` for floats). Integers: panics when `b <= 0`.
#[track_caller]
pub fn builtin_rem<T: Arith>(a: T, b: T) -> T {
    builtin_check("@rem", a, b, true);
    a.raw_rem(b)
}

/// The builtin `@divFloor(a, b)`: panics on division by zero and `minInt / -1` for integers.
#[track_caller]
pub fn builtin_div_floor<T: Arith>(a: T, b: T) -> T {
    builtin_check("@divFloor", a, b, false);
    a.raw_div_floor(b)
}

/// The builtin `@divTrunc(a, b)`: panics on division by zero and `minInt / -1` for integers.
#[track_caller]
pub fn builtin_div_trunc<T: Arith>(a: T, b: T) -> T {
    builtin_check("@divTrunc", a, b, false);
    a.raw_div_trunc(b)
}

/// `std.math.divCeil(T, n, d)` for integers: rounds toward positive infinity.
pub fn div_ceil<T: Int + Arith>(numerator: T, denominator: T) -> Result<T> {
    if denominator.is_zero() {
        return Err(Error::DivisionByZero);
    }
    if numerator.div_overflows(denominator) {
        return Err(Error::Overflow);
    }
    let q = numerator.raw_div_trunc(denominator);
    let r = numerator.raw_rem(denominator);
    if !r.is_zero() && (numerator.is_negative() == denominator.is_negative()) {
        return add(q, T::from_parts(false, 1).expect("1 fits"));
    }
    Ok(q)
}

/// `std.math.order(a, b)` / `std.math.Order`: Rust's `Ordering` (`.lt` → `Less`, …).
pub fn order<T: PartialOrd>(a: T, b: T) -> Ordering {
    a.partial_cmp(&b).expect("order of NaN")
}

/// `std.math.log2(x)` for `f64` (`@log2`): Zig 0.11's compiler-rt `log2` (musl's), bit for bit; it can
/// differ from Rust's `f64::log2` (the platform libm) in the last bit.
pub fn log2(x: f64) -> f64 {
    const IVLN2HI: f64 = 1.44269504072144627571e+00;
    const IVLN2LO: f64 = 1.67517131648865118353e-10;
    const LG1: f64 = 6.666666666666735130e-01;
    const LG2: f64 = 3.999999999940941908e-01;
    const LG3: f64 = 2.857142874366239149e-01;
    const LG4: f64 = 2.222219843214978396e-01;
    const LG5: f64 = 1.818357216161805012e-01;
    const LG6: f64 = 1.531383769920937332e-01;
    const LG7: f64 = 1.479819860511658591e-01;
    let mut x = x;
    let mut ix = x.to_bits();
    let mut hx = (ix >> 32) as u32;
    let mut k: i32 = 0;
    if hx < 0x0010_0000 || hx >> 31 != 0 {
        if ix << 1 == 0 {
            return f64::NEG_INFINITY;
        }
        if hx >> 31 != 0 {
            return NAN_F64;
        }
        k -= 54;
        x *= f64::from_bits(0x4350_0000_0000_0000); // 0x1.0p54
        hx = (x.to_bits() >> 32) as u32;
    } else if hx >= 0x7FF0_0000 {
        return x;
    } else if hx == 0x3FF0_0000 && ix << 32 == 0 {
        return 0.0;
    }
    hx = hx.wrapping_add(0x3FF0_0000 - 0x3FE6_A09E);
    k += (hx >> 20) as i32 - 0x3FF;
    hx = (hx & 0x000F_FFFF) + 0x3FE6_A09E;
    // Zig 0.11 keeps the low word of the unscaled input here (musl re-reads it after scaling subnormals).
    ix = ((hx as u64) << 32) | (ix & 0xFFFF_FFFF);
    x = f64::from_bits(ix);
    let f = x - 1.0;
    let hfsq = 0.5 * f * f;
    let s = f / (2.0 + f);
    let z = s * s;
    let w = z * z;
    let t1 = w * (LG2 + w * (LG4 + w * LG6));
    let t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
    let r = t2 + t1;
    let mut hi = f - hfsq;
    hi = f64::from_bits(hi.to_bits() & (u64::MAX << 32));
    let lo = f - hi - hfsq + s * (hfsq + r);
    let mut val_hi = hi * IVLN2HI;
    let mut val_lo = (lo + hi) * IVLN2LO + lo * IVLN2HI;
    let y = k as f64;
    let ww = y + val_hi;
    val_lo += (y - ww) + val_hi;
    val_hi = ww;
    val_lo + val_hi
}

/// `@exp` of an `f64` (`std.math.exp`): Zig 0.11's compiler-rt `exp` (musl's), bit for bit.
pub fn exp(x: f64) -> f64 {
    const HALF: [f64; 2] = [0.5, -0.5];
    const LN2HI: f64 = 6.93147180369123816490e-01;
    const LN2LO: f64 = 1.90821492927058770002e-10;
    const INVLN2: f64 = 1.44269504088896338700e+00;
    const P1: f64 = 1.66666666666666019037e-01;
    const P2: f64 = -2.77777777770155933842e-03;
    const P3: f64 = 6.61375632143793436117e-05;
    const P4: f64 = -1.65339022054652515390e-06;
    const P5: f64 = 4.13813679705723846039e-08;
    let mut x = x;
    let ux = x.to_bits();
    let mut hx = ux >> 32;
    let sign = (hx >> 31) as i32;
    hx &= 0x7FFF_FFFF;
    if x.is_nan() {
        return x;
    }
    if hx >= 0x4086_232B {
        if hx > 0x7FF0_0000 {
            return x;
        }
        if x > 709.782712893383973096 {
            return f64::INFINITY;
        }
        if x < -708.39641853226410622 && x < -745.13321910194110842 {
            return 0.0;
        }
    }
    let k: i32;
    let hi: f64;
    let lo: f64;
    if hx > 0x3FD6_2E42 {
        k = if hx > 0x3FF0_A2B2 { (INVLN2 * x + HALF[sign as usize]) as i32 } else { 1 - sign - sign };
        let dk = k as f64;
        hi = x - dk * LN2HI;
        lo = dk * LN2LO;
        x = hi - lo;
    } else if hx > 0x3E30_0000 {
        k = 0;
        hi = x;
        lo = 0.0;
    } else {
        return 1.0 + x;
    }
    let xx = x * x;
    let c = x - xx * (P1 + xx * (P2 + xx * (P3 + xx * (P4 + xx * P5))));
    let y = 1.0 + (x * c / (2.0 - c) - lo + hi);
    if k == 0 { y } else { ldexp(y, k) }
}

/// `@log` of an `f64` (`std.math.ln`): Zig 0.11's compiler-rt `log` (musl's, with Zig 0.11's handling of
/// subnormal inputs), bit for bit.
pub fn ln(x: f64) -> f64 {
    const LN2_HI: f64 = 6.93147180369123816490e-01;
    const LN2_LO: f64 = 1.90821492927058770002e-10;
    const LG1: f64 = 6.666666666666735130e-01;
    const LG2: f64 = 3.999999999940941908e-01;
    const LG3: f64 = 2.857142874366239149e-01;
    const LG4: f64 = 2.222219843214978396e-01;
    const LG5: f64 = 1.818357216161805012e-01;
    const LG6: f64 = 1.531383769920937332e-01;
    const LG7: f64 = 1.479819860511658591e-01;
    let mut x = x;
    let mut ix = x.to_bits();
    let mut hx = (ix >> 32) as u32;
    let mut k: i32 = 0;
    if hx < 0x0010_0000 || hx >> 31 != 0 {
        if ix << 1 == 0 {
            return f64::NEG_INFINITY;
        }
        if hx >> 31 != 0 {
            return NAN_F64;
        }
        k -= 54;
        x *= f64::from_bits(0x4350_0000_0000_0000);
        hx = (ix >> 32) as u32; // sic: Zig 0.11 reads the unscaled bits
        let _ = x;
    } else if hx >= 0x7FF0_0000 {
        return x;
    } else if hx == 0x3FF0_0000 && ix << 32 == 0 {
        return 0.0;
    }
    hx = hx.wrapping_add(0x3FF0_0000 - 0x3FE6_A09E);
    k += (hx >> 20) as i32 - 0x3FF;
    hx = (hx & 0x000F_FFFF) + 0x3FE6_A09E;
    ix = ((hx as u64) << 32) | (ix & 0xFFFF_FFFF);
    x = f64::from_bits(ix);
    let f = x - 1.0;
    let hfsq = 0.5 * f * f;
    let s = f / (2.0 + f);
    let z = s * s;
    let w = z * z;
    let t1 = w * (LG2 + w * (LG4 + w * LG6));
    let t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
    let r = t2 + t1;
    let dk = k as f64;
    s * (hfsq + r) + dk * LN2_LO - hfsq + f + dk * LN2_HI
}

fn is_odd_integer(x: f64) -> bool {
    if x.abs() >= 9007199254740992.0 {
        // 1 << 53: every such float is even
        return false;
    }
    let r = x.fract();
    r == 0.0 && (x.trunc() as i64) & 1 == 1
}

/// `std.math.frexp` for `f64`: `(significand in [0.5, 1), exponent)`.
pub fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 || x.is_nan() || x.is_infinite() {
        return (x, 0);
    }
    let mut y = x.to_bits();
    let e = ((y >> 52) & 0x7FF) as i32;
    if e == 0 {
        let (s, ex) = frexp(x * f64::from_bits(0x43F0_0000_0000_0000)); // 0x1p64
        return (s, ex - 64);
    }
    let exponent = e - 0x3FE;
    y &= 0x800F_FFFF_FFFF_FFFF;
    y |= 0x3FE0_0000_0000_0000;
    (f64::from_bits(y), exponent)
}

/// `std.math.pow(f64, x, y)`: Zig 0.11's algorithm (Go's: repeated squaring of the significand for the
/// integer part of `y`), which can differ from Rust's `f64::powf` (the platform libm) in the last bits.
/// The fractional part of `y` goes through Zig's `exp(yf * ln(x))` ([`exp`], [`ln`]).
pub fn pow(x: f64, y: f64) -> f64 {
    if y == 0.0 || x == 1.0 {
        return 1.0;
    }
    if x.is_nan() || y.is_nan() {
        return NAN_F64;
    }
    if y == 1.0 {
        return x;
    }
    if x == 0.0 {
        if y < 0.0 {
            return if is_odd_integer(y) { f64::INFINITY.copysign(x) } else { f64::INFINITY };
        }
        return if is_odd_integer(y) { x } else { 0.0 };
    }
    if y.is_infinite() {
        if x == -1.0 {
            return 1.0;
        }
        return if (x.abs() < 1.0) == (y == f64::INFINITY) { 0.0 } else { f64::INFINITY };
    }
    if x.is_infinite() {
        if x == f64::NEG_INFINITY {
            return pow(1.0 / x, -y);
        }
        if y < 0.0 {
            return 0.0;
        }
        if y > 0.0 {
            return f64::INFINITY;
        }
    }
    if y == 0.5 {
        return x.sqrt();
    }
    if y == -0.5 {
        return 1.0 / x.sqrt();
    }
    let ay = y.abs();
    let mut yi = ay.trunc();
    let mut yf = ay - yi;
    if yf != 0.0 && x < 0.0 {
        return NAN_F64;
    }
    if yi >= 9223372036854775808.0 {
        // 1 << 63
        return exp(y * ln(x));
    }
    let mut a1: f64 = 1.0;
    let mut ae: i32 = 0;
    if yf != 0.0 {
        if yf > 0.5 {
            yf -= 1.0;
            yi += 1.0;
        }
        a1 = exp(yf * ln(x));
    }
    let (mut x1, mut xe) = frexp(x);
    let mut i = yi as i64;
    const OVERFLOW_SHIFT: i32 = 11 + 1;
    while i != 0 {
        if xe < -(1 << OVERFLOW_SHIFT) || (1 << OVERFLOW_SHIFT) < xe {
            ae += xe;
            break;
        }
        if i & 1 == 1 {
            a1 *= x1;
            ae += xe;
        }
        x1 *= x1;
        xe <<= 1;
        if x1 < 0.5 {
            x1 += x1;
            xe -= 1;
        }
        i >>= 1;
    }
    if y < 0.0 {
        a1 = 1.0 / a1;
        ae = -ae;
    }
    ldexp(a1, ae)
}

/// `std.math.ldexp(x, n)` (= `scalbn`) for `f64`: `x * 2^n`, Zig 0.11's bit manipulation, with its rounding
/// into subnormals.
pub fn ldexp(x: f64, n: i32) -> f64 {
    const MANTISSA_BITS: u32 = 52;
    const MAX_BIASED_EXPONENT: i32 = 2046;
    const MANTISSA_MASK: u64 = (1u64 << 52) - 1;
    let repr = x.to_bits();
    let sign_bit = repr & (1u64 << 63);
    if x.is_nan() || !x.is_finite() {
        return x;
    }
    let mut exponent = ((repr << 1) >> (MANTISSA_BITS + 1)) as i32;
    if exponent == 0 {
        exponent += 11 - (repr << 1).leading_zeros() as i32;
    }
    if n >= 0 {
        if n > MAX_BIASED_EXPONENT - exponent {
            return f64::from_bits(f64::INFINITY.to_bits() | sign_bit);
        } else if exponent + n <= 0 {
            return f64::from_bits((repr << n as u32) | sign_bit);
        } else if exponent <= 0 {
            let mut result = ((n + exponent) as u64) << MANTISSA_BITS;
            result |= (repr << (1 - exponent) as u32) & MANTISSA_MASK;
            return f64::from_bits(result | sign_bit);
        }
        f64::from_bits(repr + ((n as u64) << MANTISSA_BITS))
    } else {
        if n <= -exponent {
            if n < -(MANTISSA_BITS as i32 + exponent) {
                return f64::from_bits(sign_bit);
            }
            let shift = (-n).min(-(exponent + n) + 1) as u32;
            let exact_tie = repr.trailing_zeros() == shift - 1;
            let mut result = repr & MANTISSA_MASK;
            result |= ((exponent > 0) as u64) << 52;
            result >>= shift - 1;
            result = ((result + 1) >> 1) & !(exact_tie as u64);
            return f64::from_bits(result | sign_bit);
        }
        f64::from_bits(repr - (((-n) as u64) << MANTISSA_BITS))
    }
}
