//! zig_std::ascii against golden/ascii.txt (Zig 0.11's std.ascii on the same inputs).
mod support;

use support::{compare, hex, Lines};
use zig_std::ascii;

const WORDS: &[&[u8]] = &[
    b"", b"a", b"A", b"Hello", b"hELLO", b"hello", b"HELLO WORLD", b"world", b"WoRlD", b"o w", b"\xc3\xa9", b"\xc3\x89", b"abc123",
    b"ABC1234", b"zzz", b"one Two Three Four", b"foUr", b"gOur", b"the quick brown fox jumps over the lazy dog THE QUICK BROWN",
    b"Lazy Dog", b"lazy dog the",
];

#[test]
fn ascii_matches_zig() {
    let mut out = Lines::default();
    for c in 0..=255u8 {
        out.raw(format!(
            "ascii {c} {} {} {} {} {} {} {} {} {} {} {} {} {}",
            ascii::is_alphanumeric(c),
            ascii::is_alphabetic(c),
            ascii::is_control(c),
            ascii::is_digit(c),
            ascii::is_lower(c),
            ascii::is_upper(c),
            ascii::is_print(c),
            ascii::is_whitespace(c),
            ascii::is_hex(c),
            ascii::is_ascii(c),
            ascii::is_digit(c) || ascii::is_alphabetic(c),
            ascii::to_lower(c),
            ascii::to_upper(c)
        ));
    }
    for &a in WORDS {
        for &w in WORDS {
            let args = format!("x\"{}\" x\"{}\"", hex(a), hex(w));
            out.add(format!("eql_ignore_case {args}"), ascii::eql_ignore_case(a, w));
            out.add(format!("starts_with_ignore_case {args}"), ascii::starts_with_ignore_case(a, w));
            out.add(format!("ends_with_ignore_case {args}"), ascii::ends_with_ignore_case(a, w));
            out.add(format!("index_of_ignore_case {args}"), ascii::index_of_ignore_case(a, w));
            out.add(format!("index_of_ignore_case_pos x\"{}\" 2 x\"{}\"", hex(a), hex(w)), ascii::index_of_ignore_case_pos(a, 2, w));
            out.add(format!("order_ignore_case {args}"), ascii::order_ignore_case(a, w));
            out.add(format!("less_than_ignore_case {args}"), ascii::less_than_ignore_case(a, w));
        }
    }
    for &w in WORDS {
        let mut buf = [0u8; 128];
        out.add(format!("lower_string x\"{}\"", hex(w)), &*ascii::lower_string(&mut buf, w));
        assert_eq!(ascii::alloc_lower_string(w), ascii::lower_string(&mut buf, w).to_vec());
        out.add(format!("upper_string x\"{}\"", hex(w)), &*ascii::upper_string(&mut buf, w));
        assert_eq!(ascii::alloc_upper_string(w), ascii::upper_string(&mut buf, w).to_vec());
    }
    out.add("whitespace", ascii::WHITESPACE);
    compare("ascii", include_str!("../../golden/ascii.txt"), &out);
}
