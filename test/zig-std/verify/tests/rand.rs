//! zig_std::rand against golden/rand.txt (produced by golden/rand.zig with Zig 0.11).
use std::fmt::Write;
use zig_std::rand::{DefaultPrng, Random};

const GOLDEN: &str = include_str!("../../golden/rand.txt");

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{:02x}", x)).collect()
}

fn sext(v: u128, bits: u32) -> i128 {
    ((v << (128 - bits)) as i128) >> (128 - bits)
}

fn generate() -> Vec<String> {
    let mut lines = Vec::new();
    for seed in [0u64, 1, 42, 0xdeadbeef, u64::MAX] {
        let mut p = DefaultPrng::init(seed);
        let mut s = format!("next {}", seed);
        for _ in 0..6 {
            write!(s, " {:x}", p.next()).unwrap();
        }
        lines.push(s);
        p.jump();
        let (a, b) = (p.next(), p.next());
        lines.push(format!("jump {} {:x} {:x}", seed, a, b));

        let mut prng = DefaultPrng::init(seed);
        let mut r: Random = prng.random();
        let mut s = format!("int {}", seed);
        write!(s, " u8={}", r.int::<u8>()).unwrap();
        write!(s, " i8={}", r.int::<i8>()).unwrap();
        write!(s, " u16={}", r.int::<u16>()).unwrap();
        write!(s, " i16={}", r.int::<i16>()).unwrap();
        write!(s, " u32={}", r.int::<u32>()).unwrap();
        write!(s, " i32={}", r.int::<i32>()).unwrap();
        write!(s, " u64={}", r.int::<u64>()).unwrap();
        write!(s, " i64={}", r.int::<i64>()).unwrap();
        write!(s, " u128={}", r.int::<u128>()).unwrap();
        write!(s, " i128={}", r.int::<i128>()).unwrap();
        write!(s, " usize={}", r.int::<usize>()).unwrap();
        write!(s, " u1={}", r.int_bits(1)).unwrap();
        write!(s, " u3={}", r.int_bits(3)).unwrap();
        write!(s, " i5={}", sext(r.int_bits(5), 5)).unwrap();
        write!(s, " u63={}", r.int_bits(63)).unwrap();
        write!(s, " u65={}", r.int_bits(65)).unwrap();
        lines.push(s);
        let mut s = format!("bool {}", seed);
        for _ in 0..16 {
            write!(s, " {}", r.boolean()).unwrap();
        }
        lines.push(s);
        let mut s = format!("ult64 {}", seed);
        for lt in [
            1u64,
            2,
            3,
            7,
            10,
            100,
            1000,
            0x7fffffff,
            0x80000001,
            0xffffffff,
            0x100000000,
            u64::MAX,
        ] {
            write!(s, " {}", r.uint_less_than(lt)).unwrap();
        }
        lines.push(s);
        let mut s = format!("ult32 {}", seed);
        for lt in [1u32, 2, 3, 10, 1000, 0x80000001, 0xffffffff] {
            write!(s, " {}", r.uint_less_than(lt)).unwrap();
        }
        lines.push(s);
        let mut s = format!("ult8 {}", seed);
        for lt in [1u8, 2, 3, 10, 200, 255] {
            write!(s, " {}", r.uint_less_than(lt)).unwrap();
        }
        lines.push(s);
        let a = r.uint_at_most(255u8);
        let b = r.uint_at_most(1000u16);
        let c = r.uint_at_most(u64::MAX);
        let d = r.uint_at_most(0u32);
        lines.push(format!("uam {} {} {} {} {}", seed, a, b, c, d));
        let mut s = format!("irlt {}", seed);
        write!(s, " {}", r.int_range_less_than(-5i32, 5)).unwrap();
        write!(s, " {}", r.int_range_less_than(-128i8, 127)).unwrap();
        write!(s, " {}", r.int_range_less_than(i64::MIN, i64::MAX)).unwrap();
        write!(s, " {}", r.int_range_less_than(10u32, 20)).unwrap();
        write!(s, " {}", r.int_range_less_than(-1i16, 0)).unwrap();
        write!(s, " {}", r.int_range_less_than(0usize, 1000000)).unwrap();
        write!(
            s,
            " {}",
            r.int_range_less_than(-1000000000000i64, 1000000000000)
        )
        .unwrap();
        write!(s, " {}", r.int_range_less_than(0u8, 255)).unwrap();
        write!(s, " {}", r.int_range_less_than(i32::MIN, i32::MAX)).unwrap();
        lines.push(s);
        let mut s = format!("iram {}", seed);
        write!(s, " {}", r.int_range_at_most(-5i32, 5)).unwrap();
        write!(s, " {}", r.int_range_at_most(-128i8, 127)).unwrap();
        write!(s, " {}", r.int_range_at_most(i64::MIN, i64::MAX)).unwrap();
        write!(s, " {}", r.int_range_at_most(10u32, 20)).unwrap();
        write!(s, " {}", r.int_range_at_most(7i16, 7)).unwrap();
        write!(s, " {}", r.int_range_at_most(0u64, u64::MAX)).unwrap();
        write!(s, " {}", r.int_range_at_most(1u8, 6)).unwrap();
        write!(s, " {}", r.int_range_at_most(i32::MIN, i32::MAX)).unwrap();
        lines.push(s);
        let mut s = format!("f32 {}", seed);
        for _ in 0..8 {
            write!(s, " {:x}", r.float::<f32>().to_bits()).unwrap();
        }
        lines.push(s);
        let mut s = format!("f64 {}", seed);
        for _ in 0..8 {
            write!(s, " {:x}", r.float::<f64>().to_bits()).unwrap();
        }
        lines.push(s);
        let mut arr: Vec<u32> = (0..20).collect();
        r.shuffle(&mut arr);
        let mut s = format!("shuffle {}", seed);
        for a in &arr {
            write!(s, " {}", a).unwrap();
        }
        lines.push(s);
        let mut one = [9u8];
        r.shuffle(&mut one);
        let mut empty: [u8; 0] = [];
        r.shuffle(&mut empty);
        for n in [0usize, 1, 3, 8, 13] {
            let mut b = [0u8; 13];
            r.bytes(&mut b[..n]);
            lines.push(format!("bytes {} {} {}", seed, n, hex(&b[..n])));
        }
        let mut s = format!("biased {}", seed);
        write!(s, " {}", r.uint_less_than_biased(10u8)).unwrap();
        write!(s, " {}", r.uint_less_than_biased(1000000007u64)).unwrap();
        write!(s, " {}", r.uint_at_most_biased(0xffffu16)).unwrap();
        write!(s, " {}", r.uint_at_most_biased(77u32)).unwrap();
        write!(s, " {}", r.int_range_less_than_biased(-100i32, 100)).unwrap();
        write!(s, " {}", r.int_range_at_most_biased(-5i64, 5)).unwrap();
        write!(s, " {}", r.int_range_at_most_biased(-128i8, 127)).unwrap();
        write!(s, " {}", r.int_range_less_than_biased(5u64, 0xffffffffffff)).unwrap();
        lines.push(s);
        let mut s = format!("weighted {}", seed);
        for _ in 0..6 {
            write!(s, " {}", r.weighted_index(&[1u32, 0, 5, 10, 2])).unwrap();
        }
        for _ in 0..6 {
            write!(s, " {}", r.weighted_index(&[3i16, 1, 4, 1, 5])).unwrap();
        }
        for _ in 0..6 {
            write!(s, " {}", r.weighted_index_f64(&[0.1, 0.0, 2.5, 1.25])).unwrap();
        }
        for _ in 0..6 {
            write!(s, " {}", r.weighted_index_f32(&[1.0, 3.0])).unwrap();
        }
        lines.push(s);
        lines.push(format!("after {} {}", seed, r.int::<u64>()));
    }
    lines
}

#[test]
fn rand_matches_zig() {
    let got = generate();
    let want: Vec<&str> = GOLDEN.lines().collect();
    assert_eq!(
        got.len(),
        want.len(),
        "record count differs from golden/rand.txt"
    );
    for (i, (g, w)) in got.iter().zip(want.iter()).enumerate() {
        assert_eq!(g, w, "golden/rand.txt record {} differs", i + 1);
    }
}

#[test]
fn float_low_path() {
    // A source whose first word has >= 41 leading zeros exercises Zig's extra draws.
    struct Zeros(u64);
    impl zig_std::rand::RandomSource for Zeros {
        fn fill(&mut self, buf: &mut [u8]) {
            for c in buf.chunks_mut(8) {
                self.0 += 1;
                let v = if self.0 == 1 { 1u64 } else { 0 };
                c.copy_from_slice(&v.to_le_bytes()[..c.len()]);
            }
        }
    }
    let mut z = Zeros(0);
    let mut r = Random::init(&mut z);
    let f = r.float::<f32>();
    assert!((0.0..1.0).contains(&f));
}
