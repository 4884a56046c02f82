//! `std.crypto` hash functions with Zig 0.11 semantics: [`Md5`]
//! (`std.crypto.hash.Md5`), [`Sha1`] (`std.crypto.hash.Sha1`), [`Sha256`] and
//! [`Sha224`] (`std.crypto.hash.sha2.Sha256` / `Sha224`).
//!
//! Zig's `hash(b, &out, .{})` returns the digest here (`Md5::hash(b)`);
//! `init(.{})` is `init()`; `final(&out)` is `final_()` (`final` is reserved
//! in Rust) and returns the digest, like Zig's `finalResult()`. Each type also
//! implements `std::io::Write`, standing in for Zig's `writer()`.
//! These are message digests only (not constant-time MACs); MD5 and SHA-1 are
//! broken for collision resistance, as Zig's docs also warn.

/// Shared Merkle–Damgård buffering (64-byte blocks, 64-bit bit length).
#[derive(Clone, Debug)]
struct Md {
    buf: [u8; 64],
    buf_len: usize,
    total_len: u64,
}

impl Md {
    fn new() -> Self {
        Md {
            buf: [0; 64],
            buf_len: 0,
            total_len: 0,
        }
    }

    fn update(&mut self, mut b: &[u8], mut block: impl FnMut(&[u8; 64])) {
        self.total_len = self.total_len.wrapping_add(b.len() as u64);
        if self.buf_len > 0 {
            let take = (64 - self.buf_len).min(b.len());
            self.buf[self.buf_len..self.buf_len + take].copy_from_slice(&b[..take]);
            self.buf_len += take;
            b = &b[take..];
            if self.buf_len < 64 {
                return;
            }
            block(&self.buf);
            self.buf_len = 0;
        }
        let mut chunks = b.chunks_exact(64);
        for c in &mut chunks {
            block(c.try_into().unwrap());
        }
        let rem = chunks.remainder();
        self.buf[..rem.len()].copy_from_slice(rem);
        self.buf_len = rem.len();
    }

    /// Pad and process the final block(s); `len_le` selects MD5's little-endian length.
    fn finish(&mut self, len_le: bool, mut block: impl FnMut(&[u8; 64])) {
        let bits = self.total_len.wrapping_mul(8);
        let mut pad = [0u8; 72];
        pad[0] = 0x80;
        let padlen = if self.buf_len < 56 {
            56 - self.buf_len
        } else {
            120 - self.buf_len
        };
        let lenb = if len_le {
            bits.to_le_bytes()
        } else {
            bits.to_be_bytes()
        };
        pad[padlen..padlen + 8].copy_from_slice(&lenb);
        let total = self.total_len;
        self.update(&pad[..padlen + 8], &mut block);
        self.total_len = total;
    }
}

/// Zig `std.crypto.hash.Md5`.
#[derive(Clone, Debug)]
pub struct Md5 {
    s: [u32; 4],
    md: Md,
}

const MD5_K: [u32; 64] = {
    // floor(abs(sin(i + 1)) * 2^32), RFC 1321
    [
        0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613,
        0xfd469501, 0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193,
        0xa679438e, 0x49b40821, 0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d,
        0x02441453, 0xd8a1e681, 0xe7d3fbc8, 0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed,
        0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a, 0xfffa3942, 0x8771f681, 0x6d9d6122,
        0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70, 0x289b7ec6, 0xeaa127fa,
        0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665, 0xf4292244,
        0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
        0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb,
        0xeb86d391,
    ]
};
const MD5_R: [u32; 64] = [
    7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9,
    14, 20, 5, 9, 14, 20, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10, 15,
    21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
];

fn md5_block(s: &mut [u32; 4], b: &[u8; 64]) {
    let mut m = [0u32; 16];
    for (i, w) in m.iter_mut().enumerate() {
        *w = u32::from_le_bytes(b[4 * i..4 * i + 4].try_into().unwrap());
    }
    let [mut a, mut bb, mut c, mut d] = *s;
    for i in 0..64 {
        let (f, g) = match i / 16 {
            0 => ((bb & c) | (!bb & d), i),
            1 => ((d & bb) | (!d & c), (5 * i + 1) % 16),
            2 => (bb ^ c ^ d, (3 * i + 5) % 16),
            _ => (c ^ (bb | !d), (7 * i) % 16),
        };
        let t = d;
        d = c;
        c = bb;
        bb = bb.wrapping_add(
            a.wrapping_add(f)
                .wrapping_add(MD5_K[i])
                .wrapping_add(m[g])
                .rotate_left(MD5_R[i]),
        );
        a = t;
    }
    s[0] = s[0].wrapping_add(a);
    s[1] = s[1].wrapping_add(bb);
    s[2] = s[2].wrapping_add(c);
    s[3] = s[3].wrapping_add(d);
}

impl Md5 {
    /// Zig `Md5.block_length`.
    pub const BLOCK_LENGTH: usize = 64;
    /// Zig `Md5.digest_length`.
    pub const DIGEST_LENGTH: usize = 16;

    /// Zig `Md5.init(.{})`.
    pub fn init() -> Self {
        Md5 {
            s: [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476],
            md: Md::new(),
        }
    }
    /// Zig `Md5.hash(b, &out, .{})`.
    pub fn hash(b: &[u8]) -> [u8; 16] {
        let mut d = Md5::init();
        d.update(b);
        d.final_()
    }
    /// Zig `Md5.update(b)`.
    pub fn update(&mut self, b: &[u8]) {
        let s = &mut self.s;
        self.md.update(b, |blk| md5_block(s, blk));
    }
    /// Zig `Md5.final(&out)`: returns the digest. The state is consumed in
    /// Zig; here `self` is left padded and must not be updated further.
    pub fn final_(&mut self) -> [u8; 16] {
        let s = &mut self.s;
        self.md.finish(true, |blk| md5_block(s, blk));
        let mut out = [0u8; 16];
        for (i, w) in self.s.iter().enumerate() {
            out[4 * i..4 * i + 4].copy_from_slice(&w.to_le_bytes());
        }
        out
    }
    /// Digest so far without consuming the state (Zig 0.11 `Md5` has no
    /// `peek`; provided for symmetry with `Sha1`/`Sha256`).
    pub fn peek(&self) -> [u8; 16] {
        self.clone().final_()
    }
}

/// Zig `std.crypto.hash.Sha1`.
#[derive(Clone, Debug)]
pub struct Sha1 {
    s: [u32; 5],
    md: Md,
}

fn sha1_block(s: &mut [u32; 5], b: &[u8; 64]) {
    let mut w = [0u32; 80];
    for i in 0..16 {
        w[i] = u32::from_be_bytes(b[4 * i..4 * i + 4].try_into().unwrap());
    }
    for i in 16..80 {
        w[i] = (w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16]).rotate_left(1);
    }
    let [mut a, mut bb, mut c, mut d, mut e] = *s;
    for (i, wi) in w.iter().enumerate() {
        let (f, k) = match i / 20 {
            0 => ((bb & c) | (!bb & d), 0x5a827999),
            1 => (bb ^ c ^ d, 0x6ed9eba1),
            2 => ((bb & c) | (bb & d) | (c & d), 0x8f1bbcdc),
            _ => (bb ^ c ^ d, 0xca62c1d6u32),
        };
        let t = a
            .rotate_left(5)
            .wrapping_add(f)
            .wrapping_add(e)
            .wrapping_add(k)
            .wrapping_add(*wi);
        e = d;
        d = c;
        c = bb.rotate_left(30);
        bb = a;
        a = t;
    }
    for (x, y) in s.iter_mut().zip([a, bb, c, d, e]) {
        *x = x.wrapping_add(y);
    }
}

impl Sha1 {
    /// Zig `Sha1.block_length`.
    pub const BLOCK_LENGTH: usize = 64;
    /// Zig `Sha1.digest_length`.
    pub const DIGEST_LENGTH: usize = 20;

    /// Zig `Sha1.init(.{})`.
    pub fn init() -> Self {
        Sha1 {
            s: [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0],
            md: Md::new(),
        }
    }
    /// Zig `Sha1.hash(b, &out, .{})`.
    pub fn hash(b: &[u8]) -> [u8; 20] {
        let mut d = Sha1::init();
        d.update(b);
        d.final_()
    }
    /// Zig `Sha1.update(b)`.
    pub fn update(&mut self, b: &[u8]) {
        let s = &mut self.s;
        self.md.update(b, |blk| sha1_block(s, blk));
    }
    /// Zig `Sha1.final(&out)` / `finalResult()`.
    pub fn final_(&mut self) -> [u8; 20] {
        let s = &mut self.s;
        self.md.finish(false, |blk| sha1_block(s, blk));
        let mut out = [0u8; 20];
        for (i, w) in self.s.iter().enumerate() {
            out[4 * i..4 * i + 4].copy_from_slice(&w.to_be_bytes());
        }
        out
    }
    /// Zig `Sha1.peek()`: digest so far, state untouched.
    pub fn peek(&self) -> [u8; 20] {
        self.clone().final_()
    }
}

const SHA256_K: [u32; 64] = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

fn sha256_block(s: &mut [u32; 8], b: &[u8; 64]) {
    let mut w = [0u32; 64];
    for i in 0..16 {
        w[i] = u32::from_be_bytes(b[4 * i..4 * i + 4].try_into().unwrap());
    }
    for i in 16..64 {
        let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
        let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16]
            .wrapping_add(s0)
            .wrapping_add(w[i - 7])
            .wrapping_add(s1);
    }
    let mut v = *s;
    for i in 0..64 {
        let [a, bb, c, d, e, f, g, h] = v;
        let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
        let ch = (e & f) ^ (!e & g);
        let t1 = h
            .wrapping_add(s1)
            .wrapping_add(ch)
            .wrapping_add(SHA256_K[i])
            .wrapping_add(w[i]);
        let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
        let maj = (a & bb) ^ (a & c) ^ (bb & c);
        let t2 = s0.wrapping_add(maj);
        v = [t1.wrapping_add(t2), a, bb, c, d.wrapping_add(t1), e, f, g];
    }
    for (x, y) in s.iter_mut().zip(v) {
        *x = x.wrapping_add(y);
    }
}

macro_rules! sha2x32 {
    ($name:ident, $zig:literal, $len:expr, $iv:expr) => {
        #[doc = concat!("Zig `std.crypto.hash.sha2.", $zig, "`.")]
        #[derive(Clone, Debug)]
        pub struct $name {
            s: [u32; 8],
            md: Md,
        }

        impl $name {
            #[doc = concat!("Zig `", $zig, ".block_length`.")]
            pub const BLOCK_LENGTH: usize = 64;
            #[doc = concat!("Zig `", $zig, ".digest_length`.")]
            pub const DIGEST_LENGTH: usize = $len;

            #[doc = concat!("Zig `", $zig, ".init(.{})`.")]
            pub fn init() -> Self {
                $name {
                    s: $iv,
                    md: Md::new(),
                }
            }
            #[doc = concat!("Zig `", $zig, ".hash(b, &out, .{})`.")]
            pub fn hash(b: &[u8]) -> [u8; $len] {
                let mut d = Self::init();
                d.update(b);
                d.final_()
            }
            #[doc = concat!("Zig `", $zig, ".update(b)`.")]
            pub fn update(&mut self, b: &[u8]) {
                let s = &mut self.s;
                self.md.update(b, |blk| sha256_block(s, blk));
            }
            #[doc = concat!("Zig `", $zig, ".final(&out)` / `finalResult()`.")]
            pub fn final_(&mut self) -> [u8; $len] {
                let s = &mut self.s;
                self.md.finish(false, |blk| sha256_block(s, blk));
                let mut full = [0u8; 32];
                for (i, w) in self.s.iter().enumerate() {
                    full[4 * i..4 * i + 4].copy_from_slice(&w.to_be_bytes());
                }
                let mut out = [0u8; $len];
                out.copy_from_slice(&full[..$len]);
                out
            }
            #[doc = concat!("Zig `", $zig, ".peek()`: digest so far, state untouched.")]
            pub fn peek(&self) -> [u8; $len] {
                self.clone().final_()
            }
        }
    };
}

sha2x32!(
    Sha256,
    "Sha256",
    32,
    [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19
    ]
);
sha2x32!(
    Sha224,
    "Sha224",
    28,
    [
        0xc1059ed8, 0x367cd507, 0x3070dd17, 0xf70e5939, 0xffc00b31, 0x68581511, 0x64f98fa7,
        0xbefa4fa4
    ]
);

macro_rules! writer_impl {
    ($($t:ty),*) => {$(
        /// Zig `writer()`: bytes written are hashed.
        impl std::io::Write for $t {
            fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
                self.update(buf);
                Ok(buf.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
    )*};
}
writer_impl!(Md5, Sha1, Sha256, Sha224);
