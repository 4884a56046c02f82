//! `std.rand` with Zig 0.11 semantics.
//!
//! [`DefaultPrng`] is Zig's `std.rand.DefaultPrng` (= `std.rand.Xoshiro256`,
//! Xoshiro256++ seeded through SplitMix64) and [`Random`] is Zig's
//! `std.rand.Random` interface. For the same seed every method returns the
//! same values as Zig 0.11, including how many generator words each call
//! consumes (Zig's `fill` discards the unused bytes of the last word, so
//! `int::<u8>()` consumes a whole `u64`).
//!
//! Usage, as in Zig (`var prng = std.rand.DefaultPrng.init(42); const r = prng.random();`):
//! ```
//! let mut prng = zig_std::rand::DefaultPrng::init(42);
//! let mut r = prng.random();
//! let x: u32 = r.int::<u32>();
//! let d = r.int_range_less_than::<i32>(-5, 5);
//! # let _ = (x, d);
//! ```
//!
//! Later Zig versions moved the namespace to `std.Random`
//! (`std.Random.DefaultPrng`); the values here are verified against Zig 0.11
//! only (`golden/rand.zig`).

/// A source of random bytes: the `fillFn` behind Zig's `std.rand.Random`.
pub trait RandomSource {
    /// Fill `buf` with random bytes (Zig: the generator's `fill`).
    fn fill(&mut self, buf: &mut [u8]);
}

/// Zig `std.rand.SplitMix64`: used to expand a 64-bit seed.
#[derive(Clone, Debug)]
pub struct SplitMix64 {
    /// Zig field `s`.
    pub s: u64,
}

impl SplitMix64 {
    /// Zig `SplitMix64.init(seed)`.
    pub fn init(seed: u64) -> Self {
        SplitMix64 { s: seed }
    }

    /// Zig `SplitMix64.next()`.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> u64 {
        self.s = self.s.wrapping_add(0x9e3779b97f4a7c15);
        let mut z = self.s;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58476d1ce4e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d049bb133111eb);
        z ^ (z >> 31)
    }
}

/// Zig `std.rand.Xoshiro256` (Xoshiro256++).
#[derive(Clone, Debug)]
pub struct Xoshiro256 {
    /// Zig field `s`: the 256-bit state.
    pub s: [u64; 4],
}

/// Zig `std.rand.DefaultPrng` (an alias of `Xoshiro256` in Zig 0.11).
pub type DefaultPrng = Xoshiro256;

impl Xoshiro256 {
    /// Zig `Xoshiro256.init(seed)`: the state is four SplitMix64 outputs.
    pub fn init(init_s: u64) -> Self {
        let mut x = Xoshiro256 { s: [0; 4] };
        x.seed(init_s);
        x
    }

    /// Zig `Xoshiro256.seed(seed)`.
    pub fn seed(&mut self, init_s: u64) {
        let mut gen = SplitMix64::init(init_s);
        for i in 0..4 {
            self.s[i] = gen.next();
        }
    }

    /// Zig `Xoshiro256.random()`: the `Random` interface over this generator.
    pub fn random(&mut self) -> Random<'_> {
        Random { src: self }
    }

    /// Zig `Xoshiro256.next()`.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> u64 {
        let s = &mut self.s;
        let r = s[0].wrapping_add(s[3]).rotate_left(23).wrapping_add(s[0]);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        r
    }

    /// Zig `Xoshiro256.jump()`: skip 2^128 outputs ahead.
    pub fn jump(&mut self) {
        const TABLE: [u64; 4] = [
            0x180ec6d33cfd0aba,
            0xd5a61266f0c9392c,
            0xa9582618e03fc9aa,
            0x39abdc4529b1661c,
        ];
        let mut acc = [0u64; 4];
        for word in TABLE {
            for b in 0..64 {
                if (word >> b) & 1 != 0 {
                    for (a, s) in acc.iter_mut().zip(self.s) {
                        *a ^= s;
                    }
                }
                self.next();
            }
        }
        self.s = acc;
    }

    /// Zig `Xoshiro256.fill(buf)`: little-endian words; the unused bytes of
    /// the last word are discarded ("cuts the stream").
    pub fn fill(&mut self, buf: &mut [u8]) {
        let mut chunks = buf.chunks_mut(8);
        for chunk in &mut chunks {
            let n = self.next().to_le_bytes();
            chunk.copy_from_slice(&n[..chunk.len()]);
        }
    }
}

impl RandomSource for Xoshiro256 {
    fn fill(&mut self, buf: &mut [u8]) {
        Xoshiro256::fill(self, buf)
    }
}

/// Integer types usable with [`Random`] (Zig's `comptime T: type` for ints).
///
/// Only Rust's native widths are provided; for Zig's odd widths (`u10`) use
/// [`Random::int_bits`] / the next wider type.
pub trait RandomInt: Copy + PartialOrd {
    /// Bit width of the type.
    const BITS: u32;
    /// Whether the type is signed.
    const SIGNED: bool;
    /// Two's-complement bits, zero-extended to u128.
    fn to_bits(self) -> u128;
    /// Truncate to the width and reinterpret.
    fn from_bits(v: u128) -> Self;
}

macro_rules! random_int {
    ($($t:ty, $u:ty, $signed:expr;)*) => {$(
        impl RandomInt for $t {
            const BITS: u32 = <$t>::BITS;
            const SIGNED: bool = $signed;
            fn to_bits(self) -> u128 { (self as $u) as u128 }
            fn from_bits(v: u128) -> Self { (v as $u) as $t }
        }
    )*};
}
random_int! {
    u8, u8, false; u16, u16, false; u32, u32, false; u64, u64, false; u128, u128, false; usize, usize, false;
    i8, u8, true; i16, u16, true; i32, u32, true; i64, u64, true; i128, u128, true; isize, usize, true;
}

/// Zig `std.rand.Random`: the generic interface over a generator.
pub struct Random<'a> {
    src: &'a mut dyn RandomSource,
}

fn mask(bits: u32) -> u128 {
    if bits >= 128 {
        u128::MAX
    } else {
        (1u128 << bits) - 1
    }
}

impl<'a> Random<'a> {
    /// Zig `Random.init(ptr, fillFn)`: wrap any byte source.
    pub fn init(src: &'a mut dyn RandomSource) -> Self {
        Random { src }
    }

    /// Zig `Random.bytes(buf)`.
    pub fn bytes(&mut self, buf: &mut [u8]) {
        self.src.fill(buf)
    }

    /// Zig `Random.int(T)` for a Zig integer of `bits` bits (1..=128):
    /// reads `ceil(bits/8)` bytes little-endian and truncates. Returns the
    /// unsigned bit pattern (reinterpret for signed Zig types).
    pub fn int_bits(&mut self, bits: u32) -> u128 {
        assert!((1..=128).contains(&bits));
        let nbytes = bits.div_ceil(8) as usize;
        let mut b = [0u8; 16];
        self.bytes(&mut b[..nbytes]);
        u128::from_le_bytes(b) & mask(bits)
    }

    /// Zig `Random.int(T)`.
    pub fn int<T: RandomInt>(&mut self) -> T {
        T::from_bits(self.int_bits(T::BITS))
    }

    /// Zig `Random.boolean()` (`int(u1) != 0`; consumes one generator word).
    pub fn boolean(&mut self) -> bool {
        self.int_bits(1) != 0
    }

    /// Lemire's nearly-divisionless method with Zig's exact steps, on the
    /// unsigned bit pattern of a `bits`-bit type (bits <= 64).
    fn uint_less_than_bits(&mut self, bits: u32, less_than: u64) -> u64 {
        assert!(bits <= 64, "Zig 0.11 only supports up to 64-bit ranges");
        assert!(less_than > 0);
        if bits <= 32 {
            let lt = less_than as u32;
            let mut x = self.int_bits(32) as u32;
            let mut m = x as u64 * lt as u64;
            let mut l = m as u32;
            if l < lt {
                let mut t = lt.wrapping_neg();
                if t >= lt {
                    t -= lt;
                    if t >= lt {
                        t %= lt;
                    }
                }
                while l < t {
                    x = self.int_bits(32) as u32;
                    m = x as u64 * lt as u64;
                    l = m as u32;
                }
            }
            m >> 32
        } else {
            let lt = less_than;
            let mut x = self.int_bits(64) as u64;
            let mut m = x as u128 * lt as u128;
            let mut l = m as u64;
            if l < lt {
                let mut t = lt.wrapping_neg();
                if t >= lt {
                    t -= lt;
                    if t >= lt {
                        t %= lt;
                    }
                }
                while l < t {
                    x = self.int_bits(64) as u64;
                    m = x as u128 * lt as u128;
                    l = m as u64;
                }
            }
            (m >> 64) as u64
        }
    }

    fn uint_at_most_bits(&mut self, bits: u32, at_most: u64) -> u64 {
        if at_most as u128 == mask(bits) {
            return self.int_bits(bits) as u64;
        }
        self.uint_less_than_bits(bits, at_most + 1)
    }

    fn uint_less_than_biased_bits(&mut self, bits: u32, less_than: u64) -> u64 {
        assert!(bits <= 64, "Zig 0.11 only supports up to 64-bit ranges");
        assert!(less_than > 0);
        if bits <= 32 {
            let r = self.int_bits(32) as u64;
            (r * less_than) >> 32
        } else {
            let r = self.int_bits(64);
            ((r * less_than as u128) >> 64) as u64
        }
    }

    /// Zig `Random.uintLessThanBiased(T, less_than)`: one draw, slightly biased
    /// (`std.rand.limitRangeBiased`).
    pub fn uint_less_than_biased<T: RandomInt>(&mut self, less_than: T) -> T {
        assert!(!T::SIGNED);
        T::from_bits(self.uint_less_than_biased_bits(T::BITS, less_than.to_bits() as u64) as u128)
    }

    /// Zig `Random.uintAtMostBiased(T, at_most)`.
    pub fn uint_at_most_biased<T: RandomInt>(&mut self, at_most: T) -> T {
        assert!(!T::SIGNED);
        let v = at_most.to_bits();
        if v == mask(T::BITS) {
            return self.int::<T>();
        }
        T::from_bits(self.uint_less_than_biased_bits(T::BITS, v as u64 + 1) as u128)
    }

    /// Zig `Random.intRangeLessThanBiased(T, at_least, less_than)`.
    pub fn int_range_less_than_biased<T: RandomInt>(&mut self, at_least: T, less_than: T) -> T {
        assert!(at_least < less_than);
        let bits = T::BITS;
        let lo = at_least.to_bits();
        let range = less_than.to_bits().wrapping_sub(lo) & mask(bits);
        let r = self.uint_less_than_biased_bits(bits, range as u64) as u128;
        T::from_bits(lo.wrapping_add(r) & mask(bits))
    }

    /// Zig `Random.intRangeAtMostBiased(T, at_least, at_most)`.
    pub fn int_range_at_most_biased<T: RandomInt>(&mut self, at_least: T, at_most: T) -> T {
        assert!(at_least <= at_most);
        let bits = T::BITS;
        let lo = at_least.to_bits();
        let range = at_most.to_bits().wrapping_sub(lo) & mask(bits);
        let r = if range == mask(bits) {
            self.int_bits(bits)
        } else {
            self.uint_less_than_biased_bits(bits, range as u64 + 1) as u128
        };
        T::from_bits(lo.wrapping_add(r) & mask(bits))
    }

    /// Zig `Random.weightedIndex(T, proportions)` for integer proportions:
    /// an index chosen with probability proportional to its weight.
    /// Panics (Zig: overflow / assertion) if the sum overflows or is zero.
    pub fn weighted_index<T: RandomInt>(&mut self, proportions: &[T]) -> usize {
        let bits = T::BITS;
        let signed = T::SIGNED;
        let as_i128 = |v: T| -> i128 {
            let b = v.to_bits();
            if signed && bits < 128 && (b >> (bits - 1)) & 1 == 1 {
                (b | !mask(bits)) as i128
            } else {
                b as i128
            }
        };
        let sum: i128 = proportions.iter().map(|&v| as_i128(v)).sum();
        let sum_t = T::from_bits(sum as u128 & mask(bits));
        assert_eq!(as_i128(sum_t), sum, "weightedIndex: integer overflow");
        let point = if signed {
            as_i128(self.int_range_less_than(T::from_bits(0), sum_t))
        } else {
            as_i128(self.uint_less_than(sum_t))
        };
        let mut acc = 0i128;
        for (i, &p) in proportions.iter().enumerate() {
            acc += as_i128(p);
            if point < acc {
                return i;
            }
        }
        unreachable!("weightedIndex: point beyond the sum")
    }

    /// Zig `Random.weightedIndex(f64, proportions)`.
    pub fn weighted_index_f64(&mut self, proportions: &[f64]) -> usize {
        let sum = proportions.iter().fold(0.0f64, |a, &b| a + b);
        let point = (self.float_f64() * sum).min(sum - f64::EPSILON);
        assert!(point < sum);
        let mut acc = 0.0;
        for (i, &p) in proportions.iter().enumerate() {
            acc += p;
            if point < acc {
                return i;
            }
        }
        unreachable!("weightedIndex: point beyond the sum")
    }

    /// Zig `Random.weightedIndex(f32, proportions)`.
    pub fn weighted_index_f32(&mut self, proportions: &[f32]) -> usize {
        let sum = proportions.iter().fold(0.0f32, |a, &b| a + b);
        let point = (self.float_f32() * sum).min(sum - f32::EPSILON);
        assert!(point < sum);
        let mut acc = 0.0f32;
        for (i, &p) in proportions.iter().enumerate() {
            acc += p;
            if point < acc {
                return i;
            }
        }
        unreachable!("weightedIndex: point beyond the sum")
    }

    /// Zig `Random.uintLessThan(T, less_than)`: uniform in `[0, less_than)`,
    /// unbiased. T must be unsigned and at most 64 bits (as in Zig 0.11).
    pub fn uint_less_than<T: RandomInt>(&mut self, less_than: T) -> T {
        assert!(!T::SIGNED);
        T::from_bits(self.uint_less_than_bits(T::BITS, less_than.to_bits() as u64) as u128)
    }

    /// Zig `Random.uintAtMost(T, at_most)`: uniform in `[0, at_most]`.
    pub fn uint_at_most<T: RandomInt>(&mut self, at_most: T) -> T {
        assert!(!T::SIGNED);
        T::from_bits(self.uint_at_most_bits(T::BITS, at_most.to_bits() as u64) as u128)
    }

    /// Zig `Random.intRangeLessThan(T, at_least, less_than)`: uniform in
    /// `[at_least, less_than)`; signed types use Zig's wrapping bit-pattern
    /// arithmetic so results match exactly. Panics unless `at_least < less_than`.
    pub fn int_range_less_than<T: RandomInt>(&mut self, at_least: T, less_than: T) -> T {
        assert!(at_least < less_than);
        let bits = T::BITS;
        let lo = at_least.to_bits();
        let hi = less_than.to_bits();
        let range = hi.wrapping_sub(lo) & mask(bits);
        let r = self.uint_less_than_bits(bits, range as u64) as u128;
        T::from_bits(lo.wrapping_add(r) & mask(bits))
    }

    /// Zig `Random.intRangeAtMost(T, at_least, at_most)`: uniform in
    /// `[at_least, at_most]`. Panics unless `at_least <= at_most`.
    pub fn int_range_at_most<T: RandomInt>(&mut self, at_least: T, at_most: T) -> T {
        assert!(at_least <= at_most);
        let bits = T::BITS;
        let lo = at_least.to_bits();
        let hi = at_most.to_bits();
        let range = hi.wrapping_sub(lo) & mask(bits);
        let r = self.uint_at_most_bits(bits, range as u64) as u128;
        T::from_bits(lo.wrapping_add(r) & mask(bits))
    }

    /// Zig `Random.float(f32)`: uniform in `[0, 1)` with Zig's
    /// leading-zero construction of the exponent.
    pub fn float_f32(&mut self) -> f32 {
        let rand = self.int_bits(64) as u64;
        let mut rand_lz = rand.leading_zeros();
        if rand_lz >= 41 {
            rand_lz = 41 + (self.int_bits(64) as u64).leading_zeros();
            if rand_lz == 41 + 64 {
                rand_lz += ((self.int_bits(32) as u32) | 0x7FF).leading_zeros();
            }
        }
        let mantissa = (rand as u32) & 0x7F_FFFF;
        let exponent = (126 - rand_lz) << 23;
        f32::from_bits(exponent | mantissa)
    }

    /// Zig `Random.float(f64)`: uniform in `[0, 1)`.
    pub fn float_f64(&mut self) -> f64 {
        let rand = self.int_bits(64) as u64;
        let mut rand_lz = rand.leading_zeros() as u64;
        if rand_lz >= 12 {
            rand_lz = 12;
            loop {
                let addl = (self.int_bits(64) as u64).leading_zeros() as u64;
                rand_lz += addl;
                if addl != 64 {
                    break;
                }
                if rand_lz >= 1022 {
                    rand_lz = 1022;
                    break;
                }
            }
        }
        let mantissa = rand & 0xF_FFFF_FFFF_FFFF;
        let exponent = (1022 - rand_lz) << 52;
        f64::from_bits(exponent | mantissa)
    }

    /// Zig `Random.float(T)` for `f32`/`f64`.
    pub fn float<T: RandomFloat>(&mut self) -> T {
        T::random(self)
    }

    /// Zig `Random.shuffle(T, buf)` (Fisher-Yates forwards with
    /// `intRangeLessThan(usize, i, len)`, as Zig does).
    pub fn shuffle<T>(&mut self, buf: &mut [T]) {
        if buf.len() < 2 {
            return;
        }
        let max = buf.len();
        for i in 0..max - 1 {
            let j = self.int_range_less_than::<usize>(i, max);
            buf.swap(i, j);
        }
    }
}

/// Float types for [`Random::float`].
pub trait RandomFloat: Sized {
    /// Draw a value as Zig's `Random.float(T)` does.
    fn random(r: &mut Random<'_>) -> Self;
}

impl RandomFloat for f32 {
    fn random(r: &mut Random<'_>) -> Self {
        r.float_f32()
    }
}

impl RandomFloat for f64 {
    fn random(r: &mut Random<'_>) -> Self {
        r.float_f64()
    }
}
