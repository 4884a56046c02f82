//! `std.unicode` (UTF-8 part) with Zig 0.11 semantics and error names. Code points are `u32` (Zig's `u21`).
//! Zig 0.11 decodes and validates strictly: surrogate halves (`ED A0 80`…) are
//! `Utf8EncodesSurrogateHalf`, overlong forms `Utf8OverlongEncoding`, above U+10FFFF `Utf8CodepointTooLarge`.
//! (Zig 0.12 added WTF-8 functions and `utf8ValidateSlice` became SIMD-based with the same answers.)

use crate::error::{Error, Result};

/// `std.unicode.replacement_character` (U+FFFD).
pub const REPLACEMENT_CHARACTER: u32 = 0xFFFD;

/// `std.unicode.utf8CodepointSequenceLength(c)`: 1 to 4, `Err(CodepointTooLarge)` from 0x110000.
/// (Surrogates get 3, as in Zig.)
pub fn utf8_codepoint_sequence_length(c: u32) -> Result<u8> {
    match c {
        0..=0x7F => Ok(1),
        0x80..=0x7FF => Ok(2),
        0x800..=0xFFFF => Ok(3),
        0x1_0000..=0x10_FFFF => Ok(4),
        _ => Err(Error::CodepointTooLarge),
    }
}

/// `std.unicode.utf8ByteSequenceLength(first_byte)`: 1 to 4, `Err(Utf8InvalidStartByte)` for continuation
/// bytes and 0xF8..=0xFF (0xC0, 0xC1 and 0xF5..=0xF7 are accepted here; decoding rejects them).
pub fn utf8_byte_sequence_length(first_byte: u8) -> Result<u8> {
    match first_byte {
        0x00..=0x7F => Ok(1),
        0xC0..=0xDF => Ok(2),
        0xE0..=0xEF => Ok(3),
        0xF0..=0xF7 => Ok(4),
        _ => Err(Error::Utf8InvalidStartByte),
    }
}

/// `std.unicode.utf8Encode(c, out)`: writes the bytes of `c`, returns how many; `Err(CodepointTooLarge)`,
/// `Err(Utf8CannotEncodeSurrogateHalf)`. Panics when `out` is too short (Zig asserts).
#[track_caller]
pub fn utf8_encode(c: u32, out: &mut [u8]) -> Result<u8> {
    let length = utf8_codepoint_sequence_length(c)?;
    assert!(out.len() >= length as usize, "utf8_encode: out holds {} bytes, {} needed", out.len(), length);
    match length {
        1 => out[0] = c as u8,
        2 => {
            out[0] = (0b1100_0000 | (c >> 6)) as u8;
            out[1] = (0b1000_0000 | (c & 0b11_1111)) as u8;
        }
        3 => {
            if (0xD800..=0xDFFF).contains(&c) {
                return Err(Error::Utf8CannotEncodeSurrogateHalf);
            }
            out[0] = (0b1110_0000 | (c >> 12)) as u8;
            out[1] = (0b1000_0000 | ((c >> 6) & 0b11_1111)) as u8;
            out[2] = (0b1000_0000 | (c & 0b11_1111)) as u8;
        }
        _ => {
            out[0] = (0b1111_0000 | (c >> 18)) as u8;
            out[1] = (0b1000_0000 | ((c >> 12) & 0b11_1111)) as u8;
            out[2] = (0b1000_0000 | ((c >> 6) & 0b11_1111)) as u8;
            out[3] = (0b1000_0000 | (c & 0b11_1111)) as u8;
        }
    }
    Ok(length)
}

fn continuation(b: u8) -> Result<u32> {
    if b & 0b1100_0000 != 0b1000_0000 {
        return Err(Error::Utf8ExpectedContinuation);
    }
    Ok((b & 0b0011_1111) as u32)
}

/// `std.unicode.utf8Decode(bytes)`: `bytes.len()` must be `utf8_byte_sequence_length(bytes[0])` (1 to 4;
/// Zig asserts it, this panics). Errors: `Utf8ExpectedContinuation`, `Utf8OverlongEncoding`,
/// `Utf8EncodesSurrogateHalf`, `Utf8CodepointTooLarge`. A single byte is returned as it is (Zig does not
/// check it).
#[track_caller]
pub fn utf8_decode(bytes: &[u8]) -> Result<u32> {
    match bytes.len() {
        1 => Ok(bytes[0] as u32),
        2 => {
            assert!(bytes[0] & 0b1110_0000 == 0b1100_0000, "utf8_decode: not a 2-byte start");
            let value = ((bytes[0] & 0b1_1111) as u32) << 6 | continuation(bytes[1])?;
            if value < 0x80 {
                return Err(Error::Utf8OverlongEncoding);
            }
            Ok(value)
        }
        3 => {
            assert!(bytes[0] & 0b1111_0000 == 0b1110_0000, "utf8_decode: not a 3-byte start");
            let mut value = (bytes[0] & 0b1111) as u32;
            value = value << 6 | continuation(bytes[1])?;
            value = value << 6 | continuation(bytes[2])?;
            if value < 0x800 {
                return Err(Error::Utf8OverlongEncoding);
            }
            if (0xD800..=0xDFFF).contains(&value) {
                return Err(Error::Utf8EncodesSurrogateHalf);
            }
            Ok(value)
        }
        4 => {
            assert!(bytes[0] & 0b1111_1000 == 0b1111_0000, "utf8_decode: not a 4-byte start");
            let mut value = (bytes[0] & 0b111) as u32;
            value = value << 6 | continuation(bytes[1])?;
            value = value << 6 | continuation(bytes[2])?;
            value = value << 6 | continuation(bytes[3])?;
            if value < 0x1_0000 {
                return Err(Error::Utf8OverlongEncoding);
            }
            if value > 0x10_FFFF {
                return Err(Error::Utf8CodepointTooLarge);
            }
            Ok(value)
        }
        n => panic!("utf8_decode: {} bytes (Zig takes 1 to 4)", n),
    }
}

/// `std.unicode.utf8ValidCodepoint(value)`.
pub fn utf8_valid_codepoint(value: u32) -> bool {
    !matches!(value, 0xD800..=0xDFFF | 0x11_0000..=0x1F_FFFF)
}

/// `std.unicode.utf8CountCodepoints(s)`: `Err(Utf8InvalidStartByte)`, `Err(TruncatedInput)` or a decode error.
pub fn utf8_count_codepoints(s: &[u8]) -> Result<usize> {
    let mut len = 0;
    let mut i = 0;
    while i < s.len() {
        let n = utf8_byte_sequence_length(s[i])? as usize;
        if i + n > s.len() {
            return Err(Error::TruncatedInput);
        }
        if n != 1 {
            utf8_decode(&s[i..i + n])?;
        }
        i += n;
        len += 1;
    }
    Ok(len)
}

/// `std.unicode.utf8ValidateSlice(s)`.
pub fn utf8_validate_slice(s: &[u8]) -> bool {
    let mut i = 0;
    while i < s.len() {
        let Ok(n) = utf8_byte_sequence_length(s[i]) else { return false };
        let n = n as usize;
        if i + n > s.len() || utf8_decode(&s[i..i + n]).is_err() {
            return false;
        }
        i += n;
    }
    true
}

/// `std.unicode.Utf8View`: bytes known to be valid UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Utf8View<'a> {
    pub bytes: &'a [u8],
}

impl<'a> Utf8View<'a> {
    /// `Utf8View.init(s)`: `Err(InvalidUtf8)` unless `utf8_validate_slice(s)`.
    pub fn init(s: &'a [u8]) -> Result<Self> {
        if !utf8_validate_slice(s) {
            return Err(Error::InvalidUtf8);
        }
        Ok(Self::init_unchecked(s))
    }
    /// `Utf8View.initUnchecked(s)`.
    pub fn init_unchecked(s: &'a [u8]) -> Self {
        Utf8View { bytes: s }
    }
    /// `view.iterator()`.
    pub fn iterator(&self) -> Utf8Iterator<'a> {
        Utf8Iterator { bytes: self.bytes, i: 0 }
    }
}

/// `std.unicode.Utf8Iterator`.
#[derive(Debug, Clone)]
pub struct Utf8Iterator<'a> {
    pub bytes: &'a [u8],
    pub i: usize,
}

impl<'a> Utf8Iterator<'a> {
    /// `nextCodepointSlice()`: the bytes of the next code point (panics on invalid UTF-8, which
    /// `Utf8View::init` rules out).
    #[track_caller]
    pub fn next_codepoint_slice(&mut self) -> Option<&'a [u8]> {
        if self.i >= self.bytes.len() {
            return None;
        }
        let n = utf8_byte_sequence_length(self.bytes[self.i]).expect("valid UTF-8") as usize;
        self.i += n;
        Some(&self.bytes[self.i - n..self.i])
    }
    /// `nextCodepoint()`.
    #[track_caller]
    pub fn next_codepoint(&mut self) -> Option<u32> {
        let slice = self.next_codepoint_slice()?;
        Some(utf8_decode(slice).expect("valid UTF-8"))
    }
    /// `peek(n)`: the bytes of the next `n` code points (fewer at the end) without advancing.
    pub fn peek(&mut self, n: usize) -> &'a [u8] {
        let original = self.i;
        let mut end = original;
        for _ in 0..n {
            match self.next_codepoint_slice() {
                Some(s) => end += s.len(),
                None => {
                    self.i = original;
                    return &self.bytes[original..];
                }
            }
        }
        self.i = original;
        &self.bytes[original..end]
    }
}

impl<'a> Iterator for Utf8Iterator<'a> {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        self.next_codepoint()
    }
}
