//! zig_std::hash against golden/hash.txt (produced by golden/hash.zig with Zig 0.11).
use std::fmt::Write;
use std::hash::{BuildHasher, Hasher};
use zig_std::hash::*;

const GOLDEN: &str = include_str!("../../golden/hash.txt");

/// Same xorshift32 byte generator as golden/hash.zig.
pub fn fill(buf: &mut [u8], seed: u32) {
    let mut x = seed;
    for b in buf {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        *b = x as u8;
    }
}

const LENS: &[usize] = &[
    0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 47, 48, 49, 63, 64, 65, 95, 96, 97, 100,
    127, 128, 144, 145, 200, 1000, 5552, 5553, 20000,
];
const CHUNKS: &[usize] = &[1, 3, 7, 16, 47, 48, 49, 100];
const SEEDS: &[u64] = &[0, 1, 0xdeadbeef, u64::MAX];

fn generate() -> Vec<String> {
    let mut lines = Vec::new();
    let mut data = vec![0u8; 20000];
    fill(&mut data, 2463534242);
    for &n in LENS {
        let d = &data[..n];
        lines.push(format!(
            "fnv {} {:x} {:x}",
            n,
            Fnv1a_32::hash(d),
            Fnv1a_64::hash(d)
        ));
        lines.push(format!("crc32 {} {:x}", n, Crc32::hash(d)));
        let mut s = format!("adler {} {:x}", n, Adler32::hash(d));
        for &c in CHUNKS {
            let mut a = Adler32::init();
            let mut cr = Crc32::init();
            for part in d.chunks(c) {
                a.update(part);
                cr.update(part);
            }
            write!(s, " {:x}/{:x}", a.final_(), cr.final_()).unwrap();
        }
        lines.push(s);
        for &seed in SEEDS {
            let mut h = Wyhash::init(seed);
            h.update(d);
            let mut s = format!(
                "wy {} {} {:x} {:x}",
                n,
                seed,
                Wyhash::hash(seed, d),
                h.final_()
            );
            for &c in CHUNKS {
                let mut h = Wyhash::init(seed);
                for part in d.chunks(c) {
                    h.update(part);
                }
                write!(s, " {:x}", h.final_()).unwrap();
            }
            let mut h2 = Wyhash::init(seed);
            let k = n.min(10);
            h2.update(&d[..k]);
            h2.update(&d[k..]);
            write!(s, " {:x}", h2.final_()).unwrap();
            lines.push(s);
        }
        lines.push(format!("strhash {} {:x}", n, string_hash(d)));
    }
    let ints: [i64; 11] = [
        0,
        1,
        -1,
        255,
        256,
        65535,
        0x7fffffff,
        -0x80000000,
        i64::MAX,
        i64::MIN,
        123456789,
    ];
    for v in ints {
        let u = v as u64;
        lines.push(format!(
            "auto {} u8={:x} u16={:x} u32={:x} u64={:x} i32={:x} i64={:x} u128={:x} usize={:x}",
            v,
            AutoContext::hash(&(u as u8)),
            AutoContext::hash(&(u as u16)),
            AutoContext::hash(&(u as u32)),
            AutoContext::hash(&u),
            AutoContext::hash(&(v as i32)),
            AutoContext::hash(&v),
            AutoContext::hash(&(u as u128)),
            AutoContext::hash(&(u as usize)),
        ));
    }
    lines.push(format!(
        "autobool {:x} {:x}",
        AutoContext::hash(&false),
        AutoContext::hash(&true)
    ));
    lines.push(format!(
        "autoarr {:x} {:x}",
        AutoContext::hash(&[1u16, 2, 3, 0xffff]),
        AutoContext::hash(&[1u64, 2, 0xdeadbeef])
    ));
    lines.push(format!(
        "autostruct {:x} {:x}",
        AutoContext::hash(&(7u32, true)),
        AutoContext::hash(&(0xffffffffu32, false))
    ));
    lines.push(format!(
        "autoopt {:x} {:x}",
        AutoContext::hash(&(1u64, 2u8, Some(3u16))),
        AutoContext::hash(&(1u64, 2u8, None::<u16>))
    ));
    // Zig struct { a: u16, b: u32, c: u16 } is laid out b, a, c
    lines.push(format!(
        "autolayout {:x}",
        AutoContext::hash(&(2u32, 1u16, 3u16))
    ));
    for n in [0usize, 1, 5, 40] {
        let words: Vec<u32> = (0..40u32).map(|i| i.wrapping_mul(2654435761)).collect();
        let mut h = Wyhash::init(0);
        auto_hash(&mut h, &words[..n]);
        let mut h8 = Wyhash::init(0);
        auto_hash(&mut h8, &data[..n]);
        lines.push(format!(
            "autoslice {} {:x} {:x}",
            n,
            h.final_(),
            h8.final_()
        ));
    }
    lines
}

#[test]
fn hash_matches_zig() {
    let got = generate();
    let want: Vec<&str> = GOLDEN.lines().collect();
    assert_eq!(
        got.len(),
        want.len(),
        "record count differs from golden/hash.txt"
    );
    for (i, (g, w)) in got.iter().zip(want.iter()).enumerate() {
        assert_eq!(g, w, "golden/hash.txt record {} differs", i + 1);
    }
}

#[test]
fn build_hasher_matches_auto_context() {
    let bh = ZigBuildHasher::default();
    for v in [0u64, 1, 42, u64::MAX] {
        assert_eq!(bh.hash_one(v), AutoContext::hash(&v));
        assert_eq!(bh.hash_one(v as u32), AutoContext::hash(&(v as u32)));
        assert_eq!(
            bh.hash_one((v as u32, true)),
            AutoContext::hash(&(v as u32, true))
        );
    }
    let mut h = ZigHasher::default();
    h.write(b"abc");
    assert_eq!(h.finish(), Wyhash::hash(0, b"abc"));
    let mut m: std::collections::HashMap<u32, &str, ZigBuildHasher> = Default::default();
    m.insert(1, "one");
    assert_eq!(m[&1], "one");
}
