//! `std.hash` with Zig 0.11 semantics.
//!
//! - [`Wyhash`]: Zig `std.hash.Wyhash` (the hash behind `std.HashMap`'s `AutoContext`).
//! - [`Fnv1a_32`], [`Fnv1a_64`]: Zig `std.hash.Fnv1a_32` / `Fnv1a_64`.
//! - [`Crc32`]: Zig `std.hash.Crc32` (IEEE, reflected, `0xedb88320`).
//! - [`Adler32`]: Zig `std.hash.Adler32`.
//! - [`AutoHash`], [`auto_hash`], [`AutoContext`], [`ZigBuildHasher`]: Zig
//!   `std.hash.autoHash` / `std.hash_map.getAutoHashFn` / `AutoContext`.
//!
//! Zig's `final` is a reserved word in Rust, so it is spelled `final_` here.

/// Zig `std.hash.Wyhash` (the "final v4" variant shipped with Zig 0.11).
///
/// Zig 0.11 quirk mirrored bit for bit: the incremental API (`init`/`update`/
/// `final`) gives a *different* value from the one-shot [`Wyhash::hash`] when a
/// single `update` call processes 48-byte blocks straight from its input and
/// leaves fewer than 16 bytes buffered with more than 16 bytes hashed in total
/// (e.g. one `update` of 49 bytes): `final` then reads stale bytes of its
/// internal buffer. Where those bytes were never written Zig reads `undefined`
/// memory; this port uses zero bytes, which reproduces what Zig 0.11 printed
/// for every such case in `golden/hash.zig` (Debug and `-OReleaseFast`). Later Zig
/// versions fixed this, so incremental and one-shot agree there. Small updates
/// (as `autoHash` does) are unaffected.
#[derive(Clone, Debug)]
pub struct Wyhash {
    a: u64,
    b: u64,
    state: [u64; 3],
    total_len: usize,
    buf: [u8; 48],
    buf_len: usize,
}

const WY_SECRET: [u64; 4] = [
    0xa0761d6478bd642f,
    0xe7037ed1a0b428db,
    0x8ebc6af09c88c6e3,
    0x589965cc75374cc3,
];

#[inline]
fn wy_read(n: usize, data: &[u8]) -> u64 {
    let mut b = [0u8; 8];
    b[..n].copy_from_slice(&data[..n]);
    u64::from_le_bytes(b)
}

#[inline]
fn wy_mum(a: &mut u64, b: &mut u64) {
    let x = (*a as u128).wrapping_mul(*b as u128);
    *a = x as u64;
    *b = (x >> 64) as u64;
}

#[inline]
fn wy_mix(mut a: u64, mut b: u64) -> u64 {
    wy_mum(&mut a, &mut b);
    a ^ b
}

impl Wyhash {
    /// Zig `Wyhash.init(seed)`.
    pub fn init(seed: u64) -> Self {
        let s0 = seed ^ wy_mix(seed ^ WY_SECRET[0], WY_SECRET[1]);
        Wyhash {
            a: 0,
            b: 0,
            state: [s0; 3],
            total_len: 0,
            buf: [0x00; 48],
            buf_len: 0,
        }
    }

    /// Zig `Wyhash.update(bytes)`.
    pub fn update(&mut self, input: &[u8]) {
        self.total_len += input.len();
        if input.len() <= 48 - self.buf_len {
            self.buf[self.buf_len..self.buf_len + input.len()].copy_from_slice(input);
            self.buf_len += input.len();
            return;
        }
        let mut i = 0;
        if self.buf_len > 0 {
            i = 48 - self.buf_len;
            self.buf[self.buf_len..].copy_from_slice(&input[..i]);
            let b = self.buf;
            self.round(&b);
            self.buf_len = 0;
        }
        while i + 48 < input.len() {
            self.round(&input[i..i + 48]);
            i += 48;
        }
        let rem = &input[i..];
        self.buf[..rem.len()].copy_from_slice(rem);
        self.buf_len = rem.len();
    }

    /// Zig `Wyhash.final()`; idempotent (does not consume the state).
    pub fn final_(&self) -> u64 {
        let mut n = Wyhash {
            a: self.a,
            b: self.b,
            state: self.state,
            total_len: self.total_len,
            buf: [0; 48],
            buf_len: 0,
        };
        if self.total_len <= 16 {
            n.small_key(&self.buf[..self.buf_len]);
        } else if self.buf_len < 16 {
            let mut scratch = [0u8; 16];
            let rem = 16 - self.buf_len;
            scratch[..rem].copy_from_slice(&self.buf[48 - rem..]);
            scratch[rem..].copy_from_slice(&self.buf[..self.buf_len]);
            n.final0();
            n.final1(&scratch, rem);
        } else {
            n.final0();
            n.final1(&self.buf[..self.buf_len], 0);
        }
        n.final2()
    }

    /// Zig `Wyhash.hash(seed, bytes)` (one-shot).
    pub fn hash(seed: u64, input: &[u8]) -> u64 {
        let mut s = Wyhash::init(seed);
        if input.len() <= 16 {
            s.small_key(input);
        } else {
            let mut i = 0;
            if input.len() >= 48 {
                while i + 48 < input.len() {
                    s.round(&input[i..i + 48]);
                    i += 48;
                }
                s.final0();
            }
            s.final1(input, i);
        }
        s.total_len = input.len();
        s.final2()
    }

    fn small_key(&mut self, input: &[u8]) {
        let len = input.len();
        if len >= 4 {
            let end = len - 4;
            let quarter = (len >> 3) << 2;
            self.a = (wy_read(4, input) << 32) | wy_read(4, &input[quarter..]);
            self.b = (wy_read(4, &input[end..]) << 32) | wy_read(4, &input[end - quarter..]);
        } else if len > 0 {
            self.a =
                ((input[0] as u64) << 16) | ((input[len >> 1] as u64) << 8) | input[len - 1] as u64;
            self.b = 0;
        } else {
            self.a = 0;
            self.b = 0;
        }
    }

    fn round(&mut self, input: &[u8]) {
        for i in 0..3 {
            let a = wy_read(8, &input[8 * (2 * i)..]);
            let b = wy_read(8, &input[8 * (2 * i + 1)..]);
            self.state[i] = wy_mix(a ^ WY_SECRET[i + 1], b ^ self.state[i]);
        }
    }

    fn final0(&mut self) {
        self.state[0] ^= self.state[1] ^ self.state[2];
    }

    fn final1(&mut self, input_lb: &[u8], start_pos: usize) {
        let input = &input_lb[start_pos..];
        let mut i = 0;
        while i + 16 < input.len() {
            self.state[0] = wy_mix(
                wy_read(8, &input[i..]) ^ WY_SECRET[1],
                wy_read(8, &input[i + 8..]) ^ self.state[0],
            );
            i += 16;
        }
        let l = input_lb.len();
        self.a = wy_read(8, &input_lb[l - 16..]);
        self.b = wy_read(8, &input_lb[l - 8..]);
    }

    fn final2(&mut self) -> u64 {
        self.a ^= WY_SECRET[1];
        self.b ^= self.state[0];
        wy_mum(&mut self.a, &mut self.b);
        wy_mix(
            self.a ^ WY_SECRET[0] ^ self.total_len as u64,
            self.b ^ WY_SECRET[1],
        )
    }
}

macro_rules! fnv1a {
    ($name:ident, $t:ty, $prime:expr, $offset:expr, $zig:literal) => {
        #[doc = concat!("Zig `std.hash.", $zig, "`.")]
        #[allow(non_camel_case_types)]
        #[derive(Clone, Debug)]
        pub struct $name {
            /// Zig field `value`.
            pub value: $t,
        }

        impl $name {
            #[doc = concat!("Zig `", $zig, ".init()`.")]
            pub fn init() -> Self {
                $name { value: $offset }
            }
            #[doc = concat!("Zig `", $zig, ".update(bytes)`.")]
            pub fn update(&mut self, input: &[u8]) {
                for &b in input {
                    self.value ^= b as $t;
                    self.value = self.value.wrapping_mul($prime);
                }
            }
            #[doc = concat!("Zig `", $zig, ".final()`.")]
            pub fn final_(&self) -> $t {
                self.value
            }
            #[doc = concat!("Zig `", $zig, ".hash(bytes)`.")]
            pub fn hash(input: &[u8]) -> $t {
                let mut c = Self::init();
                c.update(input);
                c.final_()
            }
        }
    };
}

fnv1a!(Fnv1a_32, u32, 0x01000193, 0x811c9dc5, "Fnv1a_32");
fnv1a!(Fnv1a_64, u64, 0x100000001b3, 0xcbf29ce484222325, "Fnv1a_64");

const fn crc32_table() -> [u32; 256] {
    let mut t = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 {
                (c >> 1) ^ 0xedb88320
            } else {
                c >> 1
            };
            k += 1;
        }
        t[i] = c;
        i += 1;
    }
    t
}

static CRC32_TABLE: [u32; 256] = crc32_table();

/// Zig `std.hash.Crc32` (= `Crc32WithPoly(.IEEE)`), as used by gzip, zip and PNG.
///
/// Later Zig versions make `std.hash.Crc32` an alias of the generic
/// `crc.Crc32IsoHdlc`; the values are identical.
#[derive(Clone, Debug)]
pub struct Crc32 {
    crc: u32,
}

impl Crc32 {
    /// Zig `Crc32.init()`.
    pub fn init() -> Self {
        Crc32 { crc: 0xffffffff }
    }
    /// Zig `Crc32.update(bytes)`.
    pub fn update(&mut self, input: &[u8]) {
        let mut c = self.crc;
        for &b in input {
            c = CRC32_TABLE[((c ^ b as u32) & 0xff) as usize] ^ (c >> 8);
        }
        self.crc = c;
    }
    /// Zig `Crc32.final()`.
    pub fn final_(&self) -> u32 {
        !self.crc
    }
    /// Zig `Crc32.hash(bytes)`.
    pub fn hash(input: &[u8]) -> u32 {
        let mut c = Crc32::init();
        c.update(input);
        c.final_()
    }
}

/// Zig `std.hash.Adler32` (zlib's checksum).
#[derive(Clone, Debug)]
pub struct Adler32 {
    /// Zig field `adler`.
    pub adler: u32,
}

impl Adler32 {
    const BASE: u32 = 65521;
    const NMAX: usize = 5552;

    /// Zig `Adler32.init()`.
    pub fn init() -> Self {
        Adler32 { adler: 1 }
    }
    /// Zig `Adler32.update(bytes)`.
    pub fn update(&mut self, input: &[u8]) {
        let base = Self::BASE;
        let mut s1 = self.adler & 0xffff;
        let mut s2 = (self.adler >> 16) & 0xffff;
        if input.len() == 1 {
            s1 = s1.wrapping_add(input[0] as u32);
            if s1 >= base {
                s1 -= base;
            }
            s2 = s2.wrapping_add(s1);
            if s2 >= base {
                s2 -= base;
            }
        } else if input.len() < 16 {
            for &b in input {
                s1 = s1.wrapping_add(b as u32);
                s2 = s2.wrapping_add(s1);
            }
            if s1 >= base {
                s1 -= base;
            }
            s2 %= base;
        } else {
            let mut i = 0;
            while i + Self::NMAX <= input.len() {
                for &b in &input[i..i + Self::NMAX] {
                    s1 = s1.wrapping_add(b as u32);
                    s2 = s2.wrapping_add(s1);
                }
                i += Self::NMAX;
                s1 %= base;
                s2 %= base;
            }
            if i < input.len() {
                for &b in &input[i..] {
                    s1 = s1.wrapping_add(b as u32);
                    s2 = s2.wrapping_add(s1);
                }
                s1 %= base;
                s2 %= base;
            }
        }
        self.adler = s1 | (s2 << 16);
    }
    /// Zig `Adler32.final()`.
    pub fn final_(&self) -> u32 {
        self.adler
    }
    /// Zig `Adler32.hash(bytes)`.
    pub fn hash(input: &[u8]) -> u32 {
        let mut c = Adler32::init();
        c.update(input);
        c.final_()
    }
}

/// Types hashable the way Zig's `std.hash.autoHash` / `autoHashStrat` feeds
/// bytes into a hasher (Zig `std.hash.auto_hash.hash`).
///
/// - integers: their little-endian bytes (Zig `mem.asBytes` on a little-endian
///   target); signed integers as their unsigned bit pattern;
/// - `bool`: one byte (`@intFromBool`, a `u1` hashed as one byte);
/// - arrays `[T; N]`: element by element (Zig `hashArray`), no length;
/// - slices `[T]` and `Vec<T>`: the elements then the length as `usize` —
///   Zig's `.Deep` strategy. Zig's default `.Shallow` strategy hashes a
///   slice's *pointer address* and length, which a port cannot reproduce, so
///   slices are always hashed deeply here;
/// - `Option<T>`: the payload if present, nothing for `None` (as Zig);
/// - tuples: field by field. A Zig struct *with* padding (or bools,
///   optionals, …) is hashed field by field in declaration order: use a
///   tuple of its fields in that order. A Zig struct *without* padding is
///   hashed as its memory image, and Zig 0.11 lays auto-layout structs out by
///   descending field alignment: `struct { a: u16, b: u32, c: u16 }` hashes
///   as the tuple `(b, a, c)` (checked against Zig in `golden/hash.zig`).
///
/// Floats are rejected by Zig (`unable to hash type`) and are not implemented.
pub trait AutoHash {
    /// Feed `self` into `hasher` as Zig's `autoHashStrat` would.
    fn auto_hash(&self, hasher: &mut Wyhash);
}

macro_rules! auto_hash_int {
    ($($t:ty),*) => {$(
        impl AutoHash for $t {
            fn auto_hash(&self, hasher: &mut Wyhash) {
                hasher.update(&self.to_le_bytes());
            }
        }
    )*};
}
auto_hash_int!(u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128, isize);

impl AutoHash for bool {
    fn auto_hash(&self, hasher: &mut Wyhash) {
        hasher.update(&[*self as u8]);
    }
}

impl AutoHash for char {
    /// As Zig `u21` (3 bytes).
    fn auto_hash(&self, hasher: &mut Wyhash) {
        hasher.update(&(*self as u32).to_le_bytes()[..3]);
    }
}

impl<T: AutoHash, const N: usize> AutoHash for [T; N] {
    fn auto_hash(&self, hasher: &mut Wyhash) {
        for e in self {
            e.auto_hash(hasher);
        }
    }
}

impl<T: AutoHash> AutoHash for [T] {
    fn auto_hash(&self, hasher: &mut Wyhash) {
        for e in self {
            e.auto_hash(hasher);
        }
        self.len().auto_hash(hasher);
    }
}

impl<T: AutoHash> AutoHash for Vec<T> {
    fn auto_hash(&self, hasher: &mut Wyhash) {
        self.as_slice().auto_hash(hasher)
    }
}

impl<T: AutoHash + ?Sized> AutoHash for &T {
    /// Zig `.Deep`: hashes the pointee.
    fn auto_hash(&self, hasher: &mut Wyhash) {
        (**self).auto_hash(hasher)
    }
}

impl<T: AutoHash> AutoHash for Option<T> {
    fn auto_hash(&self, hasher: &mut Wyhash) {
        if let Some(v) = self {
            v.auto_hash(hasher)
        }
    }
}

impl AutoHash for () {
    fn auto_hash(&self, _hasher: &mut Wyhash) {}
}

macro_rules! auto_hash_tuple {
    ($($n:tt $t:ident),*) => {
        impl<$($t: AutoHash),*> AutoHash for ($($t,)*) {
            fn auto_hash(&self, hasher: &mut Wyhash) {
                $( self.$n.auto_hash(hasher); )*
            }
        }
    };
}
auto_hash_tuple!(0 A);
auto_hash_tuple!(0 A, 1 B);
auto_hash_tuple!(0 A, 1 B, 2 C);
auto_hash_tuple!(0 A, 1 B, 2 C, 3 D);

/// Zig `std.hash.autoHash(hasher, key)` with a Wyhash hasher (slices deep,
/// see [`AutoHash`]).
pub fn auto_hash<K: AutoHash + ?Sized>(hasher: &mut Wyhash, key: &K) {
    key.auto_hash(hasher)
}

/// Zig `std.hash_map.AutoContext(K)` / `getAutoHashFn`: `Wyhash` with seed 0
/// over the key's bytes.
///
/// Zig hashes keys with a unique representation one-shot
/// (`Wyhash.hash(0, asBytes(&key))`) and others incrementally through
/// `autoHash`. Feeding the same bytes in small `update`s gives the one-shot
/// value (the Zig 0.11 `Wyhash` quirk needs a single update of more than 48
/// bytes), so this port always hashes incrementally through [`AutoHash`]; for
/// the byte order of struct keys see [`AutoHash`].
/// Zig refuses `[]const u8` keys here (use `StringContext`, see
/// [`string_hash`]); this port hashes slices deeply instead.
pub struct AutoContext;

impl AutoContext {
    /// Zig `AutoContext(K).hash(ctx, key)`.
    pub fn hash<K: AutoHash + ?Sized>(key: &K) -> u64 {
        let mut h = Wyhash::init(0);
        key.auto_hash(&mut h);
        h.final_()
    }
    /// Zig `AutoContext(K).eql(ctx, a, b)`.
    pub fn eql<K: PartialEq + ?Sized>(a: &K, b: &K) -> bool {
        a == b
    }
}

/// Zig `std.hash_map.hashString(s)` (`StringContext`): `Wyhash.hash(0, s)`.
pub fn string_hash(s: &[u8]) -> u64 {
    Wyhash::hash(0, s)
}

/// A `std::hash::Hasher` running Zig's `Wyhash` (seed 0) over everything
/// written to it, as Zig's `AutoContext` does.
///
/// For integer, `bool` and `char`-free tuple keys of integers, Rust's `Hash`
/// writes exactly the bytes Zig's `autoHash` feeds (little-endian integers,
/// one byte per bool), so `HashMap<K, V, ZigBuildHasher>` computes Zig's
/// hashes. Rust's `Hash` for slices, arrays, `str` and `String` adds a length
/// prefix / `0xff` terminator that Zig does not; for those use
/// [`AutoContext::hash`] or [`string_hash`]. Iteration order of a Rust
/// `HashMap` still differs from Zig's `HashMap` (different table layout).
#[derive(Clone, Debug)]
pub struct ZigHasher(Wyhash);

impl Default for ZigHasher {
    fn default() -> Self {
        ZigHasher(Wyhash::init(0))
    }
}

impl std::hash::Hasher for ZigHasher {
    fn write(&mut self, bytes: &[u8]) {
        self.0.update(bytes)
    }
    fn finish(&self) -> u64 {
        self.0.final_()
    }
}

/// `std::hash::BuildHasher` for [`ZigHasher`]: `HashMap<K, V, ZigBuildHasher>`.
pub type ZigBuildHasher = std::hash::BuildHasherDefault<ZigHasher>;
