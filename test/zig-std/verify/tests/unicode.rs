//! zig_std::unicode against golden/unicode.txt (Zig 0.11's std.unicode on the same inputs).
mod support;

use support::{compare, hex, Golden, Lines, Rng};
use zig_std::unicode;

const STRINGS: &[&[u8]] = &[
    b"", b"a", b"hello", b"\xc3\xa9", b"\xe2\x82\xac", b"\xf0\x9f\x98\x80", b"h\xc3\xa9llo \xe2\x82\xac\xf0\x9f\x98\x80", b"\x80",
    b"\xbf", b"\xc0\x80", b"\xc1\xbf", b"\xc2", b"\xc2\x00", b"\xc2\xc0", b"\xe0", b"\xe0\xa0", b"\xe0\x80\x80", b"\xe0\x9f\xbf",
    b"\xed\xa0\x80", b"\xed\xbf\xbf", b"\xef\xbf\xbf", b"\xf0", b"\xf0\x90\x80", b"\xf0\x80\x80\x80", b"\xf0\x8f\xbf\xbf",
    b"\xf4\x8f\xbf\xbf", b"\xf4\x90\x80\x80", b"\xf5\x80\x80\x80", b"\xf7\xbf\xbf\xbf", b"\xf8", b"\xff", b"a\x80b", b"abc\xe2\x82",
    b"\xe2\x82\xacxyz\xf0\x9f", b"\x00\x7f",
];

#[test]
fn unicode_matches_zig() {
    let mut out = Lines::default();
    for b in 0..=255u8 {
        out.add(format!("utf8_byte_sequence_length {b}"), unicode::utf8_byte_sequence_length(b));
    }
    for c in [0u32, 0x41, 0x7f, 0x80, 0x7ff, 0x800, 0xd7ff, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xe000, 0xfffd, 0xffff, 0x10000, 0x10ffff, 0x110000, 0x1fffff] {
        out.add(format!("utf8_codepoint_sequence_length {c}"), unicode::utf8_codepoint_sequence_length(c));
        let mut buf = [0u8; 4];
        out.add(format!("utf8_encode {c}"), unicode::utf8_encode(c, &mut buf).map(|n| buf[..n as usize].to_vec()));
        out.add(format!("utf8_valid_codepoint {c}"), unicode::utf8_valid_codepoint(c));
    }
    for &s in STRINGS {
        out.add(format!("utf8_count_codepoints x\"{}\"", hex(s)), unicode::utf8_count_codepoints(s));
        out.add(format!("utf8_validate_slice x\"{}\"", hex(s)), unicode::utf8_validate_slice(s));
        let mut line = format!("utf8_view x\"{}\" =>", hex(s));
        match unicode::Utf8View::init(s) {
            Ok(view) => {
                let mut it = view.iterator();
                line.push_str(&format!(" peek2 {}", it.peek(2).golden()));
                while let Some(cp) = it.next_codepoint() {
                    line.push_str(&format!(" {cp}"));
                }
            }
            Err(e) => line.push_str(&format!(" error.{e}")),
        }
        out.raw(line);
        if (1..=4).contains(&s.len()) {
            if let Ok(n) = unicode::utf8_byte_sequence_length(s[0]) {
                if n as usize == s.len() && (n == 1 || s[0] & 0xC0 == 0xC0) {
                    out.add(format!("utf8_decode x\"{}\"", hex(s)), unicode::utf8_decode(s));
                }
            }
        }
    }
    for lead in 0xC0..=0xDFu8 {
        for cont in (0..256u16).step_by(3) {
            let s = [lead, cont as u8];
            out.add(format!("utf8_decode x\"{}\"", hex(&s)), unicode::utf8_decode(&s));
        }
    }
    let mut rng = Rng(21);
    for _ in 0..400 {
        let r = rng.next();
        let s3 = [0xE0 | (r % 16) as u8, (r >> 8) as u8, (r >> 16) as u8];
        out.add(format!("utf8_decode x\"{}\"", hex(&s3)), unicode::utf8_decode(&s3));
        let s4 = [0xF0 | ((r >> 24) % 8) as u8, (r >> 32) as u8, (r >> 40) as u8, (r >> 48) as u8];
        out.add(format!("utf8_decode x\"{}\"", hex(&s4)), unicode::utf8_decode(&s4));
        let s5 = [0xE0 | (r % 16) as u8, 0x80 | ((r >> 8) % 64) as u8, 0x80 | ((r >> 16) % 64) as u8];
        out.add(format!("utf8_decode x\"{}\"", hex(&s5)), unicode::utf8_decode(&s5));
    }
    compare("unicode", include_str!("../../golden/unicode.txt"), &out);
}
