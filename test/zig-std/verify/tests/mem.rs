//! zig_std::mem against golden/mem.txt (Zig 0.11's std.mem on the same inputs).
mod support;

use support::{compare, hex, Golden, Lines};
use zig_std::math::{self, Int, I, U};
use zig_std::mem::{self, Endian};

const TEXTS: &[&[u8]] = &[
    b"", b"a", b"ab", b"aa", b"abc", b"a,b,,c", b",", b",,", b",a,", b"  a  b ", b"\t\n x \r", b"hello world", b"abcabcabc", b"aaaa",
    b"xyzzy", b"one two  three", b"\x00\xff\x00",
    b"the quick brown fox jumps over the lazy dog, the quick brown fox jumps over the lazy dog again",
];
const NEEDLES: &[&[u8]] = &[
    b"", b"a", b"b", b"ab", b"abc", b",", b",,", b" ", b"aa", b"zz", b"the", b"dog", b"lazy dog again", b"o", b"\x00", b"abcabcabcd",
];

fn fields<'a>(out: &mut Lines, name: &str, h: &[u8], d: &[u8], mut next: impl FnMut() -> Option<&'a [u8]>, rest: impl Fn() -> &'a [u8]) {
    let mut line = format!("{name} x\"{}\" x\"{}\" =>", hex(h), hex(d));
    while let Some(f) = next() {
        line.push_str(&format!(" x\"{}\"", hex(f)));
    }
    line.push_str(&format!(" | rest x\"{}\"", hex(rest())));
    out.raw(line);
}

macro_rules! fields {
    ($out:expr, $name:expr, $h:expr, $d:expr, $it:expr) => {{
        let it = std::cell::RefCell::new($it);
        fields($out, $name, $h, $d, || it.borrow_mut().next(), || it.borrow().rest());
    }};
}

fn split(out: &mut Lines, h: &[u8], n: &[u8]) {
    fields!(out, "split_sequence", h, n, mem::split_sequence(h, n));
    fields!(out, "split_any", h, n, mem::split_any(h, n));
    fields!(out, "split_backwards_sequence", h, n, mem::split_backwards_sequence(h, n));
    fields!(out, "split_backwards_any", h, n, mem::split_backwards_any(h, n));
    fields!(out, "tokenize_sequence", h, n, mem::tokenize_sequence(h, n));
    fields!(out, "tokenize_any", h, n, mem::tokenize_any(h, n));
    let mut it = mem::split_sequence(h, n);
    let peek = it.peek().golden();
    let next = it.next().golden();
    out.raw(format!("split_peek x\"{}\" x\"{}\"{} {} {}", hex(h), hex(n), peek, next, it.rest().golden()));
    let mut tk = mem::tokenize_any(h, n);
    let peek = tk.peek().golden();
    let rest1 = tk.rest().golden();
    let next = tk.next().golden();
    out.raw(format!("tokenize_peek x\"{}\" x\"{}\"{} {} {} {}", hex(h), hex(n), peek, rest1, next, tk.rest().golden()));
}

fn split_scalar(out: &mut Lines, h: &[u8], c: u8) {
    let d = [c];
    fields!(out, "split_scalar", h, &d, mem::split_scalar(h, c));
    fields!(out, "split_backwards_scalar", h, &d, mem::split_backwards_scalar(h, c));
    fields!(out, "tokenize_scalar", h, &d, mem::tokenize_scalar(h, c));
}

fn search(out: &mut Lines) {
    for &h in TEXTS {
        for &n in NEEDLES {
            let a = format!("x\"{}\" x\"{}\"", hex(h), hex(n));
            out.add(format!("index_of {a}"), mem::index_of(h, n));
            out.add(format!("last_index_of {a}"), mem::last_index_of(h, n));
            for start in [1usize, 3, 50] {
                out.add(format!("index_of_pos x\"{}\" {start} x\"{}\"", hex(h), hex(n)), mem::index_of_pos(h, start, n));
            }
            out.add(format!("index_of_any {a}"), mem::index_of_any(h, n));
            out.add(format!("last_index_of_any {a}"), mem::last_index_of_any(h, n));
            out.add(format!("index_of_none {a}"), mem::index_of_none(h, n));
            out.add(format!("last_index_of_none {a}"), mem::last_index_of_none(h, n));
            out.add(format!("starts_with {a}"), mem::starts_with(h, n));
            out.add(format!("ends_with {a}"), mem::ends_with(h, n));
            out.add(format!("eql {a}"), mem::eql(h, n));
            out.add(format!("order {a}"), mem::order(h, n));
            out.add(format!("index_of_diff {a}"), mem::index_of_diff(h, n));
            out.add(format!("trim {a}"), mem::trim(h, n));
            out.add(format!("trim_left {a}"), mem::trim_left(h, n));
            out.add(format!("trim_right {a}"), mem::trim_right(h, n));
            if !n.is_empty() {
                out.add(format!("count {a}"), mem::count(h, n));
                let size = mem::replacement_size(h, n, b"--");
                out.add(format!("replacement_size {a} x\"2d2d\""), size);
                let mut buf = [0u8; 256];
                let k = mem::replace(h, n, b"--", &mut buf);
                out.add(format!("replace {a} x\"2d2d\" {k}"), &buf[..size]);
                let k2 = mem::replace(h, n, b"", &mut buf);
                out.add(format!("replace_empty {a} {k2}"), &buf[..mem::replacement_size(h, n, b"")]);
                assert_eq!(mem::replace_owned(h, n, b"").as_slice(), &buf[..mem::replacement_size(h, n, b"")]);
                split(out, h, n);
            }
        }
        for c in [b'a', b',', b' ', 0, b'z'] {
            out.add(format!("index_of_scalar x\"{}\" {c}", hex(h)), mem::index_of_scalar(h, c));
            out.add(format!("last_index_of_scalar x\"{}\" {c}", hex(h)), mem::last_index_of_scalar(h, c));
            out.add(format!("index_of_scalar_pos x\"{}\" 2 {c}", hex(h)), mem::index_of_scalar_pos(h, 2, c));
            split_scalar(out, h, c);
        }
    }
}

fn as_i128<T: Int>(v: T) -> i128 {
    let (neg, mag) = v.to_parts();
    if neg { (mag as i128).wrapping_neg() } else { mag as i128 }
}

fn int_type<T: Int + Golden>(out: &mut Lines, name: &str, b: &[u8]) {
    let n = (T::BITS / 8) as usize;
    let mut off = 0;
    while off + n <= b.len() {
        out.add(format!("read_int {name} {off} little"), mem::read_int::<T>(&b[off..], Endian::Little));
        out.add(format!("read_int {name} {off} big"), mem::read_int::<T>(&b[off..], Endian::Big));
        off += 3;
    }
    let mut vals: Vec<T> = [0i128, 1, -1, 0x1234, -0x1234].iter().filter_map(|&v| math::cast::<T, i128>(v)).collect();
    vals.push(T::MAX);
    vals.push(T::MIN);
    for x in vals {
        let mut buf = vec![0u8; n];
        mem::write_int(&mut buf, x, Endian::Little);
        out.add(format!("write_int {name} {x} little"), buf.clone());
        mem::write_int(&mut buf, x, Endian::Big);
        out.add(format!("write_int {name} {x} big"), buf.clone());
        assert_eq!(as_i128(mem::read_int::<T>(&buf, Endian::Big)), as_i128(x));
    }
}

fn ints(out: &mut Lines) {
    let b = [0x01u8, 0x82, 0x03, 0xF4, 0x05, 0x96, 0x07, 0xF8, 0x09, 0x0A, 0x0B, 0x8C, 0x0D, 0x0E, 0x0F, 0xF0];
    out.raw(format!("read u8 {} {}", mem::read_int::<u8>(&b[0..1], Endian::Little), mem::read_int::<i8>(&b[1..2], Endian::Big)));
    int_type::<u16>(out, "u16", &b);
    int_type::<i16>(out, "i16", &b);
    int_type::<u32>(out, "u32", &b);
    int_type::<i32>(out, "i32", &b);
    int_type::<u64>(out, "u64", &b);
    int_type::<i64>(out, "i64", &b);
    int_type::<u128>(out, "u128", &b);
    int_type::<i128>(out, "i128", &b);
    int_type::<U<24>>(out, "u24", &b);
    int_type::<I<24>>(out, "i24", &b);
    int_type::<U<48>>(out, "u48", &b);
    int_type::<I<40>>(out, "i40", &b);
}

fn misc(out: &mut Lines) {
    let mut a = [1u8, 2, 3, 4, 5];
    mem::reverse(&mut a);
    out.add("reverse", a);
    mem::reverse(&mut a[..4]);
    out.add("reverse4", a);
    let (mut x, mut y) = (1u32, 2u32);
    mem::swap(&mut x, &mut y);
    out.raw(format!("swap {x} {y}"));
    let mut dst = [0u8; 6];
    mem::copy_forwards(&mut dst, b"abc");
    out.add("copy_forwards", dst);
    mem::copy_backwards(&mut dst[2..], b"xyz");
    out.add("copy_backwards", dst);
    let mut r = [1u8, 2, 3, 4, 5, 6];
    mem::rotate(&mut r, 2);
    out.add("rotate", r);
    let mut rs = *b"abac";
    mem::replace_scalar(&mut rs, b'a', b'z');
    out.add("replace_scalar", rs);
    for s in [&b""[..], b"/", b"//", b"a//b///c", b"//a///a////"] {
        let mut buf = s.to_vec();
        let n = mem::collapse_repeats_len(&mut buf, b'/');
        out.add(format!("collapse_repeats x\"{}\"", hex(s)), &buf[..n]);
    }
    let nums = [3i32, -1, 7, 7, -1, 2];
    out.raw(format!("min_max {} {} {} {}", mem::min(&nums), mem::max(&nums), mem::index_of_min(&nums), mem::index_of_max(&nums)));
    out.add("all_equal", mem::all_equal(b"aaa", b'a'));
    out.add("slice_to", mem::slice_to(b"ab\x00cd", 0));
    out.add("contains_at_least", mem::contains_at_least(b"abcabc", 2, b"bc"));
    out.add("contains_at_least3", mem::contains_at_least(b"abcabc", 3, b"bc"));
}

#[test]
fn mem_matches_zig() {
    let mut out = Lines::default();
    search(&mut out);
    ints(&mut out);
    misc(&mut out);
    compare("mem", include_str!("../../golden/mem.txt"), &out);
}
