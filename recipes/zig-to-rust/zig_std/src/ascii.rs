//! `std.ascii` with Zig 0.11's character classes. Where they differ from Rust's `u8::is_ascii_*`:
//! `is_whitespace` includes vertical tab (0x0B), which `u8::is_ascii_whitespace` does not; `is_print` is
//! every ASCII byte that is not a control (space included, as `is_ascii_graphic` is not); `is_control`
//! is 0..=0x1F and 0x7F. Bytes >= 0x80 are in no class. Zig 0.11 has no `isPunctuation`/`isGraph`.

use std::cmp::Ordering;

/// `std.ascii.whitespace`: space, `\t`, `\n`, `\r`, vertical tab, form feed (for `mem::trim`).
pub const WHITESPACE: [u8; 6] = [b' ', b'\t', b'\n', b'\r', 0x0B, 0x0C];

/// `std.ascii.isAlphanumeric`.
pub fn is_alphanumeric(c: u8) -> bool {
    c.is_ascii_digit() || c.is_ascii_alphabetic()
}
/// `std.ascii.isAlphabetic`.
pub fn is_alphabetic(c: u8) -> bool {
    c.is_ascii_alphabetic()
}
/// `std.ascii.isControl`: 0..=0x1F and 0x7F.
pub fn is_control(c: u8) -> bool {
    c <= 0x1F || c == 0x7F
}
/// `std.ascii.isDigit`.
pub fn is_digit(c: u8) -> bool {
    c.is_ascii_digit()
}
/// `std.ascii.isLower`.
pub fn is_lower(c: u8) -> bool {
    c.is_ascii_lowercase()
}
/// `std.ascii.isUpper`.
pub fn is_upper(c: u8) -> bool {
    c.is_ascii_uppercase()
}
/// `std.ascii.isPrint`: ASCII and not a control (space counts).
pub fn is_print(c: u8) -> bool {
    is_ascii(c) && !is_control(c)
}
/// `std.ascii.isWhitespace`: one of [`WHITESPACE`] (vertical tab included).
pub fn is_whitespace(c: u8) -> bool {
    WHITESPACE.contains(&c)
}
/// `std.ascii.isHex`.
pub fn is_hex(c: u8) -> bool {
    c.is_ascii_hexdigit()
}
/// `std.ascii.isASCII`.
pub fn is_ascii(c: u8) -> bool {
    c < 128
}
/// `std.ascii.toUpper`.
pub fn to_upper(c: u8) -> u8 {
    c.to_ascii_uppercase()
}
/// `std.ascii.toLower`.
pub fn to_lower(c: u8) -> u8 {
    c.to_ascii_lowercase()
}

/// `std.ascii.lowerString(output, ascii_string)`: writes the lower-cased bytes, returns that part of `output`.
#[track_caller]
pub fn lower_string<'o>(output: &'o mut [u8], ascii_string: &[u8]) -> &'o mut [u8] {
    assert!(output.len() >= ascii_string.len(), "lower_string: output is shorter than the input");
    for (o, c) in output.iter_mut().zip(ascii_string) {
        *o = to_lower(*c);
    }
    &mut output[..ascii_string.len()]
}

/// `std.ascii.upperString(output, ascii_string)`.
#[track_caller]
pub fn upper_string<'o>(output: &'o mut [u8], ascii_string: &[u8]) -> &'o mut [u8] {
    assert!(output.len() >= ascii_string.len(), "upper_string: output is shorter than the input");
    for (o, c) in output.iter_mut().zip(ascii_string) {
        *o = to_upper(*c);
    }
    &mut output[..ascii_string.len()]
}

/// `std.ascii.allocLowerString(allocator, ascii_string)`.
pub fn alloc_lower_string(ascii_string: &[u8]) -> Vec<u8> {
    ascii_string.iter().map(|c| to_lower(*c)).collect()
}

/// `std.ascii.allocUpperString(allocator, ascii_string)`.
pub fn alloc_upper_string(ascii_string: &[u8]) -> Vec<u8> {
    ascii_string.iter().map(|c| to_upper(*c)).collect()
}

/// `std.ascii.eqlIgnoreCase(a, b)`.
pub fn eql_ignore_case(a: &[u8], b: &[u8]) -> bool {
    a.eq_ignore_ascii_case(b)
}

/// `std.ascii.startsWithIgnoreCase(haystack, needle)`.
pub fn starts_with_ignore_case(haystack: &[u8], needle: &[u8]) -> bool {
    needle.len() <= haystack.len() && eql_ignore_case(&haystack[..needle.len()], needle)
}

/// `std.ascii.endsWithIgnoreCase(haystack, needle)`.
pub fn ends_with_ignore_case(haystack: &[u8], needle: &[u8]) -> bool {
    needle.len() <= haystack.len() && eql_ignore_case(&haystack[haystack.len() - needle.len()..], needle)
}

/// `std.ascii.indexOfIgnoreCase(haystack, needle)`: an empty needle is found at 0.
pub fn index_of_ignore_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    index_of_ignore_case_pos(haystack, 0, needle)
}

/// `std.ascii.indexOfIgnoreCasePos(haystack, start_index, needle)`: `None` when the needle is longer than
/// the haystack; an empty needle is found at `start_index`.
pub fn index_of_ignore_case_pos(haystack: &[u8], start_index: usize, needle: &[u8]) -> Option<usize> {
    if needle.len() > haystack.len() {
        return None;
    }
    if needle.is_empty() {
        return Some(start_index);
    }
    let end = haystack.len() - needle.len();
    (start_index..=end).find(|&i| eql_ignore_case(&haystack[i..i + needle.len()], needle))
}

/// `std.ascii.orderIgnoreCase(lhs, rhs)`.
pub fn order_ignore_case(lhs: &[u8], rhs: &[u8]) -> Ordering {
    for (a, b) in lhs.iter().zip(rhs) {
        match to_lower(*a).cmp(&to_lower(*b)) {
            Ordering::Equal => continue,
            other => return other,
        }
    }
    lhs.len().cmp(&rhs.len())
}

/// `std.ascii.lessThanIgnoreCase(lhs, rhs)`.
pub fn less_than_ignore_case(lhs: &[u8], rhs: &[u8]) -> bool {
    order_ignore_case(lhs, rhs) == Ordering::Less
}
