//! zig_std::crypto against golden/crypto.txt (produced by golden/crypto.zig with Zig 0.11).
use std::fmt::Write as _;
use zig_std::crypto::*;

const GOLDEN: &str = include_str!("../../golden/crypto.txt");

fn fill(buf: &mut [u8], seed: u32) {
    let mut x = seed;
    for b in buf {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        *b = x as u8;
    }
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{:02x}", x)).collect()
}

const LENS: &[usize] = &[
    0, 1, 3, 55, 56, 57, 63, 64, 65, 111, 119, 120, 127, 128, 129, 1000, 4096, 10007,
];
const CHUNKS: &[usize] = &[1, 7, 63, 64, 65, 1000];

macro_rules! line {
    ($lines:expr, $t:ty, $name:expr, $d:expr) => {{
        let d: &[u8] = $d;
        let mut s = format!("{} {} {}", $name, d.len(), hex(&<$t>::hash(d)));
        for &c in CHUNKS {
            let mut h = <$t>::init();
            for part in d.chunks(c) {
                h.update(part);
            }
            write!(s, " {}", hex(&h.final_()[..4])).unwrap();
        }
        $lines.push(s);
    }};
}

fn generate() -> Vec<String> {
    let mut lines = Vec::new();
    let mut data = vec![0u8; 10007];
    fill(&mut data, 88172645);
    for &n in LENS {
        let d = &data[..n];
        line!(lines, Md5, "md5", d);
        line!(lines, Sha1, "sha1", d);
        line!(lines, Sha256, "sha256", d);
        line!(lines, Sha224, "sha224", d);
    }
    let texts: [&[u8]; 6] = [
        b"",
        b"a",
        b"abc",
        b"message digest",
        b"The quick brown fox jumps over the lazy dog",
        b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
    ];
    for (i, t) in texts.iter().enumerate() {
        lines.push(format!(
            "text {} {} {} {}",
            i,
            hex(&Md5::hash(t)),
            hex(&Sha1::hash(t)),
            hex(&Sha256::hash(t))
        ));
    }
    let mut h = Sha256::init();
    h.update(b"hello ");
    let p = h.peek();
    h.update(b"world");
    lines.push(format!("peek {} {}", hex(&p), hex(&h.final_())));
    let mut big = Sha1::init();
    let mut m5 = Md5::init();
    let mut s256 = Sha256::init();
    let a = [b'a'; 1000];
    for _ in 0..1000 {
        std::io::Write::write_all(&mut big, &a).unwrap();
        m5.update(&a);
        s256.update(&a);
    }
    lines.push(format!(
        "million {} {} {}",
        hex(&m5.final_()),
        hex(&big.final_()),
        hex(&s256.final_())
    ));
    lines
}

#[test]
fn crypto_matches_zig() {
    let got = generate();
    let want: Vec<&str> = GOLDEN.lines().collect();
    assert_eq!(
        got.len(),
        want.len(),
        "record count differs from golden/crypto.txt"
    );
    for (i, (g, w)) in got.iter().zip(want.iter()).enumerate() {
        assert_eq!(g, w, "golden/crypto.txt record {} differs", i + 1);
    }
}
