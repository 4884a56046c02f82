//! `std.compress` (deflate, zlib, gzip) with Zig 0.11 semantics.
//!
//! - [`deflate`]: raw DEFLATE (RFC 1951) — decompression (stored, fixed and
//!   dynamic Huffman blocks) with Zig 0.11's error names and input
//!   consumption, and a compressor (LZ77 hash chains, lazy matching, per block
//!   the smallest of stored / fixed Huffman / dynamic Huffman).
//! - [`zlib`]: RFC 1950 framing with Adler-32 (Zig `std.compress.zlib`).
//! - [`gzip`]: RFC 1952 framing with CRC-32 (Zig `std.compress.gzip`).
//!
//! **Decompression** is bit-exact with Zig 0.11: the same bytes come out for
//! valid streams, the same error (by name) for corrupt ones, and exactly the
//! same number of input bytes are consumed (so a trailer or following data
//! is read from the right place). The decoders are streaming, like Zig's:
//! [`deflate::decompressor`] (`deflate.decompressor`),
//! [`zlib::decompress_stream`] (`zlib.decompressStream`) and
//! [`gzip::decompress_stream`] (`gzip.decompress`) wrap any
//! [`crate::io::Reader`], read it lazily and return data with `read`; the
//! `decompress_reader` / `decompress` functions read everything at once
//! (Zig: `reader().readAllAlloc(...)`). Their `read` returns this module's
//! [`Error`]; they also implement `std::io::Read`. One deliberate
//! difference: Zig 0.11 reports `UnexpectedEndOfStream` when the underlying
//! reader returns a short read inside a stored block even though more input
//! follows (a pipe or socket); this port keeps reading (`readAll`).
//!
//! **Compression** is *not* bit-identical to Zig's compressor (Zig 0.11 ports
//! Go's `compress/flate`; this one is an independent encoder). Its output is
//! valid DEFLATE that Zig 0.11, zlib and other readers decompress — checked by
//! `golden/compress_from_rust.zig`, which feeds streams produced here to Zig.
//! Compression ratios are comparable to Zig's at the same level, not equal.
//!
//! Later Zig versions replaced `std.compress.deflate` with
//! `std.compress.flate` (a new implementation with different error names and
//! a gzip compressor); this module follows 0.11.

use crate::hash::{Adler32, Crc32};
use crate::io::{self, Reader, Writer};
use std::fmt;

/// Errors of `std.compress` in Zig 0.11, by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Error {
    /// `error.CorruptInput`: invalid DEFLATE data (bad block type, bad
    /// Huffman table, bad code, distance before the start of the output, …).
    CorruptInput,
    /// `error.UnexpectedEndOfStream`: DEFLATE data ended early.
    UnexpectedEndOfStream,
    /// `error.BadReaderState`: the underlying reader failed inside the bit reader.
    BadReaderState,
    /// `error.EndOfStream`: a zlib/gzip header or trailer is truncated.
    EndOfStream,
    /// `error.BadHeader`: zlib header check (`% 31`) or gzip magic failed.
    BadHeader,
    /// `error.InvalidCompression`: compression method is not deflate (8).
    InvalidCompression,
    /// `error.InvalidWindowSize`: zlib CINFO > 7.
    InvalidWindowSize,
    /// `error.Unsupported`: zlib preset dictionary.
    Unsupported,
    /// `error.WrongChecksum`: Adler-32 / CRC-32 / gzip header CRC mismatch.
    WrongChecksum,
    /// `error.CorruptedData`: gzip ISIZE does not match the output length.
    CorruptedData,
    /// `error.StreamTooLong`: gzip file name or comment longer than 1024 bytes.
    StreamTooLong,
    /// Any other error of the underlying reader/writer.
    Io(io::Error),
}

impl Error {
    /// The name `@errorName` gives (`"CorruptInput"`).
    pub fn name(self) -> &'static str {
        match self {
            Error::CorruptInput => "CorruptInput",
            Error::UnexpectedEndOfStream => "UnexpectedEndOfStream",
            Error::BadReaderState => "BadReaderState",
            Error::EndOfStream => "EndOfStream",
            Error::BadHeader => "BadHeader",
            Error::InvalidCompression => "InvalidCompression",
            Error::InvalidWindowSize => "InvalidWindowSize",
            Error::Unsupported => "Unsupported",
            Error::WrongChecksum => "WrongChecksum",
            Error::CorruptedData => "CorruptedData",
            Error::StreamTooLong => "StreamTooLong",
            Error::Io(e) => e.name(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl std::error::Error for Error {}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        match e {
            io::Error::EndOfStream => Error::EndOfStream,
            io::Error::StreamTooLong => Error::StreamTooLong,
            e => Error::Io(e),
        }
    }
}

/// `Result<T, compress::Error>`.
pub type Result<T> = std::result::Result<T, Error>;

fn read_to_end_with(mut read: impl FnMut(&mut [u8]) -> Result<usize>) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let n = read(&mut chunk)?;
        if n == 0 {
            return Ok(out);
        }
        out.extend_from_slice(&chunk[..n]);
    }
}

const LENGTH_BASE: [u16; 29] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
    163, 195, 227, 258,
];
const LENGTH_EXTRA: [u8; 29] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
const DIST_BASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const DIST_EXTRA: [u8; 30] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
    13,
];
const CODE_ORDER: [usize; 19] = [
    16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
];

fn fixed_lit_lengths() -> [u8; 288] {
    let mut l = [0u8; 288];
    for (i, x) in l.iter_mut().enumerate() {
        *x = match i {
            0..=143 => 8,
            144..=255 => 9,
            256..=279 => 7,
            _ => 8,
        };
    }
    l
}

/// Raw DEFLATE (Zig `std.compress.deflate`).
pub mod deflate {
    use super::*;

    /// Canonical Huffman decoder with Zig 0.11's (Go's) acceptance rules:
    /// complete codes only, except a single code of length 1; an empty code
    /// is accepted and fails when used.
    struct Huffman {
        count: [u16; 16],
        symbols: Vec<u16>,
        max: usize,
        /// Bits Zig's decoder gathers before its first table look-up (the
        /// shortest code length; raised to the end-of-block code's length for
        /// literal/length tables, as Zig does).
        min: u32,
        /// 9-bit look-up: `sym << 4 | len` for codes of at most 9 bits,
        /// `LONG` where a longer code starts, 0 where no code exists.
        fast: Vec<u16>,
    }

    impl Huffman {
        fn empty() -> Huffman {
            Huffman {
                count: [0; 16],
                symbols: Vec::new(),
                max: 0,
                min: 0,
                fast: Vec::new(),
            }
        }
    }

    const FAST_BITS: u32 = 9;
    const LONG: u16 = 0xffff;

    impl Huffman {
        /// `None` = rejected (CorruptInput).
        fn new(lengths: &[u8]) -> Option<Huffman> {
            let mut count = [0u16; 16];
            let mut min = 0usize;
            let mut max = 0usize;
            for &n in lengths {
                if n == 0 {
                    continue;
                }
                let n = n as usize;
                if min == 0 || n < min {
                    min = n;
                }
                max = max.max(n);
                count[n] += 1;
            }
            if max == 0 {
                return Some(Huffman {
                    count,
                    symbols: Vec::new(),
                    max: 0,
                    min: 0,
                    fast: Vec::new(),
                });
            }
            let mut code: u32 = 0;
            for &c in &count[min..=max] {
                code = (code << 1) + c as u32;
            }
            if code != 1 << max && !(code == 1 && max == 1) {
                return None;
            }
            let mut offs = [0u16; 16];
            for i in 1..15 {
                offs[i + 1] = offs[i] + count[i];
            }
            let mut symbols = vec![0u16; lengths.iter().filter(|&&n| n != 0).count()];
            for (s, &n) in lengths.iter().enumerate() {
                if n != 0 {
                    symbols[offs[n as usize] as usize] = s as u16;
                    offs[n as usize] += 1;
                }
            }
            // canonical codes -> fast table (bit-reversed: the stream is LSB first)
            let mut fast = vec![0u16; 1 << FAST_BITS];
            let mut next = [0u32; 16];
            let mut code = 0u32;
            for bits in 1..16 {
                code = (code + count[bits - 1] as u32) << 1;
                next[bits] = code;
            }
            for (s, &n) in lengths.iter().enumerate() {
                if n == 0 {
                    continue;
                }
                let n = n as u32;
                let c = next[n as usize];
                next[n as usize] += 1;
                let rev = c.reverse_bits() >> (32 - n);
                if n <= FAST_BITS {
                    let mut k = rev;
                    while k < 1 << FAST_BITS {
                        fast[k as usize] = ((s as u16) << 4) | n as u16;
                        k += 1 << n;
                    }
                } else {
                    fast[(rev & ((1 << FAST_BITS) - 1)) as usize] = LONG;
                }
            }
            Some(Huffman {
                count,
                symbols,
                max,
                min: min as u32,
                fast,
            })
        }
    }

    enum State {
        Header,
        Stored(usize),
        Huffman,
        Done,
    }

    /// Zig `std.compress.deflate.Decompressor(ReaderType)` /
    /// `deflate.decompressor(allocator, reader, null)`: a streaming DEFLATE
    /// decoder. It reads its input lazily (never past the end of the DEFLATE
    /// data) and keeps only the 32 KiB window plus unread output in memory.
    ///
    /// As in Zig, output decoded before an error is returned first and the
    /// error on the next `read`. `read` returns `compress::Error`; the type
    /// also implements `std::io::Read` (errors wrapped in `std::io::Error`).
    pub struct Decompressor<R: Reader> {
        r: R,
        b: u64,
        nb: u32,
        state: State,
        last: bool,
        lit: Huffman,
        dist: Option<Huffman>,
        window: Vec<u8>,
        pos: usize,
        total: u64,
        err: Option<Error>,
    }

    /// Zig `deflate.decompressor(allocator, reader, null)` (preset
    /// dictionaries are not supported).
    pub fn decompressor<R: Reader>(reader: R) -> Decompressor<R> {
        Decompressor {
            r: reader,
            b: 0,
            nb: 0,
            state: State::Header,
            last: false,
            lit: Huffman::new(&fixed_lit_lengths()).expect("fixed table"),
            dist: None,
            window: Vec::new(),
            pos: 0,
            total: 0,
            err: None,
        }
    }

    const WINDOW_SIZE: usize = 32768;

    impl<R: Reader> Decompressor<R> {
        fn more(&mut self) -> Result<()> {
            match self.r.read_byte() {
                Ok(c) => {
                    self.b |= (c as u64) << self.nb;
                    self.nb += 8;
                    Ok(())
                }
                Err(io::Error::EndOfStream) => Err(Error::UnexpectedEndOfStream),
                Err(_) => Err(Error::BadReaderState),
            }
        }

        fn bits(&mut self, n: u32) -> Result<u32> {
            while self.nb < n {
                self.more()?;
            }
            let v = (self.b & ((1u64 << n) - 1)) as u32;
            self.b >>= n;
            self.nb -= n;
            Ok(v)
        }

        /// Decode one symbol, reading input bytes exactly as Zig's `huffSym` does.
        fn sym(&mut self, h: &Huffman) -> Result<u32> {
            if h.max == 0 {
                return Err(Error::CorruptInput);
            }
            let mut n = h.min;
            loop {
                while self.nb < n {
                    self.more()?;
                }
                let e = h.fast[(self.b & ((1 << FAST_BITS) - 1)) as usize];
                if e == LONG {
                    break;
                }
                n = (e & 15) as u32;
                if n <= self.nb {
                    if n == 0 {
                        return Err(Error::CorruptInput);
                    }
                    self.b >>= n;
                    self.nb -= n;
                    return Ok((e >> 4) as u32);
                }
            }
            self.sym_slow(h)
        }

        /// Bit-by-bit canonical decoding, for codes longer than 9 bits.
        fn sym_slow(&mut self, h: &Huffman) -> Result<u32> {
            let mut code: i32 = 0;
            let mut first: i32 = 0;
            let mut index: i32 = 0;
            for len in 1..=h.max {
                code |= self.bits(1)? as i32;
                let count = h.count[len] as i32;
                if code - count < first {
                    return Ok(h.symbols[(index + (code - first)) as usize] as u32);
                }
                index += count;
                first += count;
                first <<= 1;
                code <<= 1;
            }
            Err(Error::CorruptInput)
        }

        fn end_block(&mut self) {
            self.state = if self.last {
                State::Done
            } else {
                State::Header
            };
        }

        fn read_header(&mut self) -> Result<()> {
            let header = self.bits(3)?;
            self.last = header & 1 != 0;
            match header >> 1 {
                0 => {
                    self.b = 0;
                    self.nb = 0;
                    let mut hdr = [0u8; 4];
                    if self.r.read_no_eof(&mut hdr).is_err() {
                        return Err(Error::UnexpectedEndOfStream);
                    }
                    let n = u16::from_le_bytes([hdr[0], hdr[1]]);
                    let nn = u16::from_le_bytes([hdr[2], hdr[3]]);
                    if nn != !n {
                        return Err(Error::CorruptInput);
                    }
                    if n == 0 {
                        self.end_block();
                    } else {
                        self.state = State::Stored(n as usize);
                    }
                }
                1 => {
                    self.lit = Huffman::new(&fixed_lit_lengths()).expect("fixed table");
                    self.dist = None;
                    self.state = State::Huffman;
                }
                2 => {
                    let nlit = self.bits(5)? + 257;
                    let ndist = self.bits(5)? + 1;
                    let nclen = self.bits(4)? + 4;
                    if nlit > 286 || ndist > 30 {
                        return Err(Error::CorruptInput);
                    }
                    let mut codebits = [0u8; 19];
                    for &i in CODE_ORDER.iter().take(nclen as usize) {
                        codebits[i] = self.bits(3)? as u8;
                    }
                    let clh = Huffman::new(&codebits).ok_or(Error::CorruptInput)?;
                    let n = (nlit + ndist) as usize;
                    let mut bits = [0u8; 286 + 30];
                    let mut i = 0usize;
                    while i < n {
                        let x = self.sym(&clh)?;
                        if x < 16 {
                            bits[i] = x as u8;
                            i += 1;
                            continue;
                        }
                        let (mut rep, nb, b) = match x {
                            16 => {
                                if i == 0 {
                                    return Err(Error::CorruptInput);
                                }
                                (3, 2, bits[i - 1])
                            }
                            17 => (3, 3, 0),
                            _ => (11, 7, 0),
                        };
                        rep += self.bits(nb)? as usize;
                        if i + rep > n {
                            return Err(Error::CorruptInput);
                        }
                        for _ in 0..rep {
                            bits[i] = b;
                            i += 1;
                        }
                    }
                    let mut lit =
                        Huffman::new(&bits[..nlit as usize]).ok_or(Error::CorruptInput)?;
                    lit.min = lit.min.max(bits[256] as u32);
                    let dist = Huffman::new(&bits[nlit as usize..n]).ok_or(Error::CorruptInput)?;
                    self.lit = lit;
                    self.dist = Some(dist);
                    self.state = State::Huffman;
                }
                _ => return Err(Error::CorruptInput),
            }
            Ok(())
        }

        /// Decode Huffman symbols until `want` bytes are pending or the block ends.
        fn huffman(&mut self, want: usize) -> Result<()> {
            let lit = std::mem::replace(&mut self.lit, Huffman::empty());
            let dist = self.dist.take();
            let r = self.huffman_with(&lit, dist.as_ref(), want);
            self.lit = lit;
            self.dist = dist;
            r
        }

        fn huffman_with(
            &mut self,
            lit: &Huffman,
            dist: Option<&Huffman>,
            want: usize,
        ) -> Result<()> {
            while self.window.len() - self.pos < want {
                let v = self.sym(lit)?;
                if v < 256 {
                    self.window.push(v as u8);
                    self.total += 1;
                    continue;
                }
                if v == 256 {
                    self.end_block();
                    return Ok(());
                }
                if v > 285 {
                    return Err(Error::CorruptInput);
                }
                let li = (v - 257) as usize;
                let length =
                    LENGTH_BASE[li] as usize + self.bits(LENGTH_EXTRA[li] as u32)? as usize;
                let d = match dist {
                    None => (self.bits(5)? as u8).reverse_bits() as u32 >> 3,
                    Some(h) => self.sym(h)?,
                };
                if d >= 30 {
                    return Err(Error::CorruptInput);
                }
                let d = d as usize;
                let distance = DIST_BASE[d] as usize + self.bits(DIST_EXTRA[d] as u32)? as usize;
                if distance as u64 > self.total {
                    return Err(Error::CorruptInput);
                }
                let start = self.window.len() - distance;
                if distance >= length {
                    self.window.extend_from_within(start..start + length);
                } else {
                    for k in 0..length {
                        let c = self.window[start + k];
                        self.window.push(c);
                    }
                }
                self.total += length as u64;
            }
            Ok(())
        }

        /// Produce output until `want` bytes are pending or the stream ends.
        fn fill(&mut self, want: usize) -> Result<()> {
            // drop consumed output beyond the 32 KiB history
            if self.pos > 4 * WINDOW_SIZE {
                let k = self.pos.min(self.window.len().saturating_sub(WINDOW_SIZE));
                self.window.drain(..k);
                self.pos -= k;
            }
            while self.window.len() - self.pos < want {
                match self.state {
                    State::Done => return Ok(()),
                    State::Header => self.read_header()?,
                    State::Stored(rem) => {
                        let k = rem.min(want - (self.window.len() - self.pos));
                        let start = self.window.len();
                        self.window.resize(start + k, 0);
                        let got = self
                            .r
                            .read_all(&mut self.window[start..])
                            .map_err(|_| Error::BadReaderState)?;
                        self.total += got as u64;
                        if got < k {
                            self.window.truncate(start + got);
                            return Err(Error::UnexpectedEndOfStream);
                        }
                        if rem == k {
                            self.end_block();
                        } else {
                            self.state = State::Stored(rem - k);
                        }
                    }
                    State::Huffman => self.huffman(want)?,
                }
            }
            Ok(())
        }

        /// Zig `Decompressor.read(buffer)`: decompressed bytes, 0 at the end.
        pub fn read(&mut self, buf: &mut [u8]) -> Result<usize> {
            if buf.is_empty() {
                return Ok(0);
            }
            if self.window.len() == self.pos {
                if let Some(e) = self.err {
                    return Err(e);
                }
                if let Err(e) = self.fill(buf.len()) {
                    self.err = Some(e);
                    if self.window.len() == self.pos {
                        return Err(e);
                    }
                }
            }
            let n = buf.len().min(self.window.len() - self.pos);
            buf[..n].copy_from_slice(&self.window[self.pos..self.pos + n]);
            self.pos += n;
            Ok(n)
        }

        /// Zig `reader().readAllAlloc(allocator, maxInt(usize))`: the rest of
        /// the decompressed data.
        pub fn read_to_end(&mut self) -> Result<Vec<u8>> {
            read_to_end_with(|b| self.read(b))
        }

        /// Zig `Decompressor.close()`: the error that stopped decoding, if any.
        pub fn close(&self) -> Option<Error> {
            self.err
        }

        /// The underlying reader, positioned just after the DEFLATE data once
        /// `read` has returned 0.
        pub fn reader_mut(&mut self) -> &mut R {
            &mut self.r
        }

        /// Give back the underlying reader.
        pub fn into_inner(self) -> R {
            self.r
        }
    }

    impl<R: Reader> std::io::Read for Decompressor<R> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            Decompressor::read(self, buf).map_err(std::io::Error::other)
        }
    }

    /// Decompress one raw DEFLATE stream from `reader` to the end (Zig:
    /// `decompressor(...)` + `readAllAlloc`), consuming exactly the bytes
    /// Zig consumes (up to the byte holding the final block's last bit).
    pub fn decompress_reader<R: Reader + ?Sized>(reader: &mut R) -> Result<Vec<u8>> {
        decompressor(reader).read_to_end()
    }

    /// Raw DEFLATE decompression of a byte slice (trailing bytes after the
    /// final block are ignored, as Zig does).
    pub fn decompress(input: &[u8]) -> Result<Vec<u8>> {
        let mut s = io::fixed_buffer_stream(input);
        decompress_reader(&mut s)
    }

    /// Zig `std.compress.deflate.Compression`: the compression level.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Compression {
        /// `.huffman_only`: no LZ77 matching, Huffman coding only.
        HuffmanOnly,
        /// `.default_compression` (= level 6).
        DefaultCompression,
        /// `.no_compression`: stored blocks only.
        NoCompression,
        /// `.best_speed` (level 1).
        BestSpeed,
        /// `.level_2` … `.level_8` (other values are clamped to 1..=9).
        Level(u8),
        /// `.best_compression` (level 9).
        BestCompression,
    }

    impl Compression {
        fn params(self) -> (bool, usize, usize, bool) {
            // (use_lz77, max_chain, nice_length, lazy)
            let lvl = match self {
                Compression::HuffmanOnly => return (false, 0, 0, false),
                Compression::NoCompression => 0,
                Compression::BestSpeed => 1,
                Compression::DefaultCompression => 6,
                Compression::BestCompression => 9,
                Compression::Level(n) => n.clamp(1, 9),
            };
            match lvl {
                0 => (false, 0, 0, false),
                1 => (true, 4, 8, false),
                2 => (true, 8, 16, false),
                3 => (true, 16, 32, false),
                4 => (true, 16, 16, true),
                5 => (true, 32, 32, true),
                6 => (true, 128, 128, true),
                7 => (true, 256, 128, true),
                8 => (true, 1024, 258, true),
                _ => (true, 4096, 258, true),
            }
        }
    }

    struct BitWriter {
        out: Vec<u8>,
        acc: u64,
        n: u32,
    }

    impl BitWriter {
        fn put(&mut self, v: u32, bits: u32) {
            self.acc |= (v as u64) << self.n;
            self.n += bits;
            while self.n >= 8 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.n -= 8;
            }
        }
        fn align(&mut self) {
            if self.n > 0 {
                self.out.push(self.acc as u8);
                self.acc = 0;
                self.n = 0;
            }
        }
    }

    /// Optimal length-limited Huffman code lengths (package-merge).
    fn code_lengths(freqs: &[u32], limit: usize) -> Vec<u8> {
        let mut lens = vec![0u8; freqs.len()];
        let mut leaves: Vec<(u64, usize)> = freqs
            .iter()
            .enumerate()
            .filter(|(_, &f)| f > 0)
            .map(|(i, &f)| (f as u64, i))
            .collect();
        if leaves.is_empty() {
            return lens;
        }
        if leaves.len() == 1 {
            lens[leaves[0].1] = 1;
            return lens;
        }
        leaves.sort();
        // nodes: (weight, leaf symbol or usize::MAX, child a, child b)
        let mut nodes: Vec<(u64, usize, usize, usize)> = Vec::new();
        let leaf_ids: Vec<usize> = leaves
            .iter()
            .map(|&(w, s)| {
                nodes.push((w, s, 0, 0));
                nodes.len() - 1
            })
            .collect();
        let mut prev: Vec<usize> = leaf_ids.clone();
        for _ in 1..limit {
            let mut packages = Vec::new();
            for pair in prev.chunks_exact(2) {
                let w = nodes[pair[0]].0 + nodes[pair[1]].0;
                nodes.push((w, usize::MAX, pair[0], pair[1]));
                packages.push(nodes.len() - 1);
            }
            let mut merged = Vec::with_capacity(leaf_ids.len() + packages.len());
            let (mut i, mut j) = (0, 0);
            while i < leaf_ids.len() || j < packages.len() {
                if j >= packages.len()
                    || (i < leaf_ids.len() && nodes[leaf_ids[i]].0 <= nodes[packages[j]].0)
                {
                    merged.push(leaf_ids[i]);
                    i += 1;
                } else {
                    merged.push(packages[j]);
                    j += 1;
                }
            }
            prev = merged;
        }
        let take = 2 * leaves.len() - 2;
        let mut stack: Vec<usize> = prev[..take].to_vec();
        while let Some(id) = stack.pop() {
            let (_, sym, a, b) = nodes[id];
            if sym != usize::MAX {
                lens[sym] += 1;
            } else {
                stack.push(a);
                stack.push(b);
            }
        }
        lens
    }

    /// Canonical codes, bit-reversed for LSB-first output.
    fn codes_from_lengths(lens: &[u8]) -> Vec<u16> {
        let mut bl_count = [0u16; 16];
        for &l in lens {
            bl_count[l as usize] += 1;
        }
        bl_count[0] = 0;
        let mut next = [0u16; 16];
        let mut code = 0u16;
        for bits in 1..16 {
            code = (code + bl_count[bits - 1]) << 1;
            next[bits] = code;
        }
        lens.iter()
            .map(|&l| {
                if l == 0 {
                    return 0;
                }
                let c = next[l as usize];
                next[l as usize] += 1;
                c.reverse_bits() >> (16 - l)
            })
            .collect()
    }

    #[derive(Clone, Copy)]
    enum Token {
        Lit(u8),
        Match(u16, u16), // length, distance
    }

    fn length_code(len: usize) -> usize {
        let mut i = 28;
        while LENGTH_BASE[i] as usize > len {
            i -= 1;
        }
        i
    }

    fn dist_code(d: usize) -> usize {
        let mut i = 29;
        while DIST_BASE[i] as usize > d {
            i -= 1;
        }
        i
    }

    const WINDOW: usize = 32768;
    const HASH_BITS: u32 = 15;
    const MAX_MATCH: usize = 258;
    const BLOCK_TOKENS: usize = 1 << 14;

    /// Find LZ77 tokens for `data[start..end]`, with `data[..start]` as history.
    fn lz77(data: &[u8], start: usize, end: usize, level: Compression) -> Vec<Token> {
        let (use_lz, max_chain, nice, lazy) = level.params();
        let mut tokens = Vec::new();
        if !use_lz {
            tokens.extend(data[start..end].iter().map(|&b| Token::Lit(b)));
            return tokens;
        }
        let hist_start = start.saturating_sub(WINDOW);
        let mut head = vec![usize::MAX; 1 << HASH_BITS];
        let mut prev = vec![usize::MAX; end - hist_start];
        let hash = |p: usize| -> usize {
            let v = (data[p] as u32) << 16 | (data[p + 1] as u32) << 8 | data[p + 2] as u32;
            (v.wrapping_mul(0x9E3779B1) >> (32 - HASH_BITS)) as usize
        };
        let insert = |p: usize, head: &mut Vec<usize>, prev: &mut Vec<usize>| {
            if p + 3 <= end {
                let h = hash(p);
                prev[p - hist_start] = head[h];
                head[h] = p;
            }
        };
        for p in hist_start..start {
            insert(p, &mut head, &mut prev);
        }
        let find =
            |p: usize, head: &Vec<usize>, prev: &Vec<usize>, min_len: usize| -> (usize, usize) {
                if p + 3 > end {
                    return (0, 0);
                }
                let max_len = MAX_MATCH.min(end - p);
                let mut best_len = min_len;
                let mut best_dist = 0;
                let mut cand = head[hash(p)];
                let mut chain = max_chain;
                while cand != usize::MAX && chain > 0 && p - cand <= WINDOW {
                    if data[cand + best_len.min(max_len - 1)] == data[p + best_len.min(max_len - 1)]
                    {
                        let mut l = 0;
                        while l < max_len && data[cand + l] == data[p + l] {
                            l += 1;
                        }
                        if l > best_len {
                            best_len = l;
                            best_dist = p - cand;
                            if l >= nice || l == max_len {
                                break;
                            }
                        }
                    }
                    chain -= 1;
                    cand = prev[cand - hist_start];
                }
                if best_dist == 0 {
                    (0, 0)
                } else {
                    (best_len, best_dist)
                }
            };
        let mut p = start;
        while p < end {
            let (len, dist) = find(p, &head, &prev, 2);
            if len >= 3 {
                let (mut len, mut dist) = (len, dist);
                let mut at = p;
                if lazy && len < nice {
                    insert(p, &mut head, &mut prev);
                    let (l2, d2) = find(p + 1, &head, &prev, len);
                    if l2 > len {
                        tokens.push(Token::Lit(data[p]));
                        at = p + 1;
                        len = l2;
                        dist = d2;
                    }
                    tokens.push(Token::Match(len as u16, dist as u16));
                    for q in p + 1..at + len {
                        insert(q, &mut head, &mut prev);
                    }
                } else {
                    tokens.push(Token::Match(len as u16, dist as u16));
                    for q in p..p + len {
                        insert(q, &mut head, &mut prev);
                    }
                }
                p = at + len;
            } else {
                tokens.push(Token::Lit(data[p]));
                insert(p, &mut head, &mut prev);
                p += 1;
            }
        }
        tokens
    }

    fn write_tokens(
        bw: &mut BitWriter,
        tokens: &[Token],
        lc: &[u16],
        ll: &[u8],
        dc: &[u16],
        dl: &[u8],
    ) {
        for t in tokens {
            match *t {
                Token::Lit(b) => bw.put(lc[b as usize] as u32, ll[b as usize] as u32),
                Token::Match(len, dist) => {
                    let li = length_code(len as usize);
                    bw.put(lc[257 + li] as u32, ll[257 + li] as u32);
                    bw.put(len as u32 - LENGTH_BASE[li] as u32, LENGTH_EXTRA[li] as u32);
                    let di = dist_code(dist as usize);
                    bw.put(dc[di] as u32, dl[di] as u32);
                    bw.put(dist as u32 - DIST_BASE[di] as u32, DIST_EXTRA[di] as u32);
                }
            }
        }
        bw.put(lc[256] as u32, ll[256] as u32);
    }

    fn token_bits(tokens: &[Token], ll: &[u8], dl: &[u8]) -> u64 {
        let mut bits = ll[256] as u64;
        for t in tokens {
            bits += match *t {
                Token::Lit(b) => ll[b as usize] as u64,
                Token::Match(len, dist) => {
                    let li = length_code(len as usize);
                    let di = dist_code(dist as usize);
                    (ll[257 + li] + LENGTH_EXTRA[li] + dl[di] + DIST_EXTRA[di]) as u64
                }
            };
        }
        bits
    }

    /// Run-length encode code lengths with symbols 16/17/18: (symbol, extra value).
    fn rle_lengths(lens: &[u8]) -> Vec<(u8, u8)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < lens.len() {
            let l = lens[i];
            let mut run = 1;
            while i + run < lens.len() && lens[i + run] == l {
                run += 1;
            }
            let mut r = run;
            if l == 0 {
                while r >= 11 {
                    let k = r.min(138);
                    out.push((18, (k - 11) as u8));
                    r -= k;
                }
                if r >= 3 {
                    out.push((17, (r - 3) as u8));
                    r = 0;
                }
            } else {
                out.push((l, 0));
                r -= 1;
                while r >= 3 {
                    let k = r.min(6);
                    out.push((16, (k - 3) as u8));
                    r -= k;
                }
            }
            for _ in 0..r {
                out.push((l, 0));
            }
            i += run;
        }
        out
    }

    fn write_block(
        bw: &mut BitWriter,
        raw: &[u8],
        tokens: &[Token],
        last: bool,
        force_stored: bool,
    ) {
        let mut lf = [0u32; 286];
        let mut df = [0u32; 30];
        lf[256] = 1;
        for t in tokens {
            match *t {
                Token::Lit(b) => lf[b as usize] += 1,
                Token::Match(len, dist) => {
                    lf[257 + length_code(len as usize)] += 1;
                    df[dist_code(dist as usize)] += 1;
                }
            }
        }
        // dynamic; keep at least two codes per tree (zlib rejects some one-code trees)
        if lf.iter().filter(|&&f| f > 0).count() < 2 {
            lf[0] += 1;
        }
        let ll = code_lengths(&lf, 15);
        let mut dl = code_lengths(&df, 15);
        if dl.iter().all(|&l| l == 0) {
            dl[0] = 1; // one unused distance code, as zlib does
        }
        let hlit = (257..=286)
            .rev()
            .find(|&n| ll[n - 1] != 0)
            .unwrap_or(257)
            .max(257);
        let hdist = (1..=30).rev().find(|&n| dl[n - 1] != 0).unwrap_or(1);
        let mut all = Vec::with_capacity(hlit + hdist);
        all.extend_from_slice(&ll[..hlit]);
        all.extend_from_slice(&dl[..hdist]);
        let rle = rle_lengths(&all);
        let mut cf = [0u32; 19];
        for &(s, _) in &rle {
            cf[s as usize] += 1;
        }
        if cf.iter().filter(|&&f| f > 0).count() < 2 {
            let other = if cf[0] == 0 { 0 } else { 1 };
            cf[other] += 1;
        }
        let cl = code_lengths(&cf, 7);
        let hclen = (4..=19)
            .rev()
            .find(|&n| cl[CODE_ORDER[n - 1]] != 0)
            .unwrap_or(4);
        let extra_bits = |s: u8| match s {
            16 => 2u64,
            17 => 3,
            18 => 7,
            _ => 0,
        };
        let dyn_bits = 3
            + 14
            + 3 * hclen as u64
            + rle
                .iter()
                .map(|&(s, _)| cl[s as usize] as u64 + extra_bits(s))
                .sum::<u64>()
            + token_bits(tokens, &ll, &dl);
        let fl = fixed_lit_lengths();
        let fdl = [5u8; 30];
        let fixed_bits = 3 + token_bits(tokens, &fl, &fdl);
        let pad = (8 - (bw.n + 3) % 8) % 8;
        let blocks = raw.len().div_ceil(65535).max(1) as u64;
        let stored_bits = 3 + pad as u64 + 32 + 8 * raw.len() as u64 + (blocks - 1) * (3 + 5 + 32);
        if force_stored || stored_bits <= fixed_bits.min(dyn_bits) {
            let chunks: Vec<&[u8]> = if raw.is_empty() {
                vec![raw]
            } else {
                raw.chunks(65535).collect()
            };
            let nchunks = chunks.len();
            for (k, c) in chunks.into_iter().enumerate() {
                let fin = last && k + 1 == nchunks;
                bw.put(fin as u32, 3);
                bw.align();
                let n = c.len() as u16;
                bw.out.extend_from_slice(&n.to_le_bytes());
                bw.out.extend_from_slice(&(!n).to_le_bytes());
                bw.out.extend_from_slice(c);
            }
        } else if fixed_bits <= dyn_bits {
            bw.put(last as u32 | 2, 3);
            let fc = codes_from_lengths(&fl);
            let fdc = codes_from_lengths(&fdl);
            write_tokens(bw, tokens, &fc, &fl, &fdc, &fdl);
        } else {
            bw.put(last as u32 | 4, 3);
            bw.put((hlit - 257) as u32, 5);
            bw.put((hdist - 1) as u32, 5);
            bw.put((hclen - 4) as u32, 4);
            for &i in CODE_ORDER.iter().take(hclen) {
                bw.put(cl[i] as u32, 3);
            }
            let cc = codes_from_lengths(&cl);
            for &(s, e) in &rle {
                bw.put(cc[s as usize] as u32, cl[s as usize] as u32);
                bw.put(e as u32, extra_bits(s) as u32);
            }
            let lc = codes_from_lengths(&ll);
            let dc = codes_from_lengths(&dl);
            write_tokens(bw, tokens, &lc, &ll, &dc, &dl);
        }
    }

    /// Compress `data[start..]` (with `data[..start]` as LZ77 history) into
    /// blocks appended to `bw`; `last` marks the final block.
    fn compress_into(
        bw: &mut BitWriter,
        data: &[u8],
        start: usize,
        level: Compression,
        last: bool,
    ) {
        if level == Compression::NoCompression {
            let raw = &data[start..];
            let chunks: Vec<&[u8]> = if raw.is_empty() {
                vec![raw]
            } else {
                raw.chunks(65535).collect()
            };
            let n = chunks.len();
            for (k, c) in chunks.into_iter().enumerate() {
                write_block(bw, c, &[], last && k + 1 == n, true);
            }
            return;
        }
        let tokens = lz77(data, start, data.len(), level);
        if tokens.is_empty() {
            write_block(bw, &[], &[], last, false);
            return;
        }
        let mut pos = start;
        let nblocks = tokens.len().div_ceil(BLOCK_TOKENS);
        for (k, blk) in tokens.chunks(BLOCK_TOKENS).enumerate() {
            let len: usize = blk
                .iter()
                .map(|t| match *t {
                    Token::Lit(_) => 1,
                    Token::Match(l, _) => l as usize,
                })
                .sum();
            write_block(
                bw,
                &data[pos..pos + len],
                blk,
                last && k + 1 == nblocks,
                false,
            );
            pos += len;
        }
    }

    /// Compress `data` into one raw DEFLATE stream (Zig: a
    /// `deflate.compressor` written with `data` and closed). Output is valid
    /// DEFLATE but not byte-identical to Zig's compressor.
    /// Memory use is bounded: input is processed in 64 KiB chunks as by [`Compressor`].
    pub fn compress(data: &[u8], level: Compression) -> Vec<u8> {
        let mut c = compressor(Vec::with_capacity(data.len() / 2 + 64), level);
        c.write(data).expect("Vec writer cannot fail");
        c.close().expect("Vec writer cannot fail");
        c.into_inner()
    }

    const CHUNK: usize = 1 << 16;

    /// Zig `std.compress.deflate.Compressor(WriterType)`: a streaming
    /// compressor writing raw DEFLATE to `writer`. Input is compressed in
    /// 64 KiB chunks (each matched against the previous 32 KiB); call
    /// [`Compressor::close`] to finish the stream.
    pub struct Compressor<W: Writer> {
        writer: W,
        level: Compression,
        /// History (up to 32 KiB) followed by pending input.
        buf: Vec<u8>,
        hist: usize,
        bw: BitWriter,
        written: usize,
    }

    /// Zig `deflate.compressor(allocator, writer, .{ .level = level })`.
    pub fn compressor<W: Writer>(writer: W, level: Compression) -> Compressor<W> {
        Compressor {
            writer,
            level,
            buf: Vec::new(),
            hist: 0,
            bw: BitWriter {
                out: Vec::new(),
                acc: 0,
                n: 0,
            },
            written: 0,
        }
    }

    impl<W: Writer> Compressor<W> {
        fn emit(&mut self, last: bool) -> Result<()> {
            compress_into(&mut self.bw, &self.buf, self.hist, self.level, last);
            let keep = self.buf.len().min(WINDOW);
            self.buf.drain(..self.buf.len() - keep);
            self.hist = self.buf.len();
            let out = std::mem::take(&mut self.bw.out);
            self.writer.write_all(&out)?;
            self.written += out.len();
            Ok(())
        }

        /// Zig `Compressor.write(input)`.
        pub fn write(&mut self, input: &[u8]) -> Result<usize> {
            let mut rest = input;
            while !rest.is_empty() {
                let take = (CHUNK - (self.buf.len() - self.hist)).min(rest.len());
                self.buf.extend_from_slice(&rest[..take]);
                rest = &rest[take..];
                if self.buf.len() - self.hist == CHUNK {
                    self.emit(false)?;
                }
            }
            Ok(input.len())
        }

        /// Zig `Compressor.flush()`: emit pending data and a sync marker
        /// (empty stored block) so everything written so far can be decoded.
        pub fn flush(&mut self) -> Result<()> {
            if self.buf.len() > self.hist {
                self.emit(false)?;
            }
            self.bw.put(0, 3);
            self.bw.align();
            self.bw.out.extend_from_slice(&[0, 0, 0xff, 0xff]);
            let out = std::mem::take(&mut self.bw.out);
            self.writer.write_all(&out)?;
            self.written += out.len();
            Ok(())
        }

        /// Zig `Compressor.close()`: emit the final block and pad to a byte.
        pub fn close(&mut self) -> Result<()> {
            self.emit(true)?;
            self.bw.align();
            let out = std::mem::take(&mut self.bw.out);
            self.writer.write_all(&out)?;
            self.written += out.len();
            Ok(())
        }

        /// Zig `Compressor.bytesWritten()`.
        pub fn bytes_written(&self) -> usize {
            self.written
        }

        /// The underlying writer (Zig: the `writer` passed to `compressor`).
        pub fn into_inner(self) -> W {
            self.writer
        }
    }

    impl<W: Writer> Writer for Compressor<W> {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            Compressor::write(self, bytes).map_err(|e| match e {
                Error::Io(e) => e,
                Error::EndOfStream => io::Error::EndOfStream,
                Error::StreamTooLong => io::Error::StreamTooLong,
                _ => io::Error::InputOutput,
            })
        }
    }
}

/// zlib framing (Zig `std.compress.zlib`).
pub mod zlib {
    use super::*;

    /// Zig `zlib.CompressionLevel` (stored in the header's FLEVEL field).
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum CompressionLevel {
        /// `.no_compression` (deflate `.no_compression`).
        NoCompression = 0,
        /// `.fastest` (deflate `.best_speed`).
        Fastest = 1,
        /// `.default` (deflate `.default_compression`).
        Default = 2,
        /// `.maximum` (deflate `.best_compression`).
        Maximum = 3,
    }

    impl CompressionLevel {
        fn deflate_level(self) -> deflate::Compression {
            match self {
                CompressionLevel::NoCompression => deflate::Compression::NoCompression,
                CompressionLevel::Fastest => deflate::Compression::BestSpeed,
                CompressionLevel::Default => deflate::Compression::DefaultCompression,
                CompressionLevel::Maximum => deflate::Compression::BestCompression,
            }
        }
    }

    fn header(level: CompressionLevel) -> [u8; 2] {
        // CINFO=7 (32K window), CM=8, FLEVEL=level, FDICT=0, FCHECK so that % 31 == 0
        let h: u16 = (0x78 << 8) | ((level as u16) << 6);
        let h = h + (31 - h % 31) % 31;
        h.to_be_bytes()
    }

    /// Zig `zlib.DecompressStream(ReaderType)`: a streaming zlib decoder.
    pub struct DecompressStream<R: Reader> {
        inflater: deflate::Decompressor<R>,
        hasher: Adler32,
        done: bool,
    }

    /// Zig `zlib.decompressStream(allocator, reader)`: reads and checks the
    /// 2-byte header (`BadHeader`, `InvalidCompression`, `InvalidWindowSize`,
    /// `Unsupported` for a preset dictionary; `EndOfStream` if truncated).
    pub fn decompress_stream<R: Reader>(mut reader: R) -> Result<DecompressStream<R>> {
        check_header(&mut reader)?;
        Ok(DecompressStream {
            inflater: deflate::decompressor(reader),
            hasher: Adler32::init(),
            done: false,
        })
    }

    impl<R: Reader> DecompressStream<R> {
        /// Zig `DecompressStream.read(buffer)`: at the end of the DEFLATE data
        /// the Adler-32 trailer is read and checked (`WrongChecksum`,
        /// `EndOfStream` if missing) before 0 is returned. (Zig 0.11 re-reads
        /// a trailer on every read after the end; here later reads return 0.)
        pub fn read(&mut self, buf: &mut [u8]) -> Result<usize> {
            if buf.is_empty() || self.done {
                return Ok(0);
            }
            let r = self.inflater.read(buf)?;
            if r != 0 {
                self.hasher.update(&buf[..r]);
                return Ok(r);
            }
            let sum: u32 = self.inflater.reader_mut().read_int_big()?;
            if sum != self.hasher.final_() {
                return Err(Error::WrongChecksum);
            }
            self.done = true;
            Ok(0)
        }

        /// Read to the end (Zig `reader().readAllAlloc`).
        pub fn read_to_end(&mut self) -> Result<Vec<u8>> {
            read_to_end_with(|b| self.read(b))
        }

        /// Give back the underlying reader (positioned after the trailer once
        /// `read` returned 0).
        pub fn into_inner(self) -> R {
            self.inflater.into_inner()
        }
    }

    impl<R: Reader> std::io::Read for DecompressStream<R> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            DecompressStream::read(self, buf).map_err(std::io::Error::other)
        }
    }

    /// Zig `zlib.decompressStream(allocator, reader)` read to the end: header
    /// checks, inflate, Adler-32 trailer check.
    pub fn decompress_reader<R: Reader + ?Sized>(reader: &mut R) -> Result<Vec<u8>> {
        decompress_stream(reader)?.read_to_end()
    }

    fn check_header<R: Reader>(reader: &mut R) -> Result<()> {
        let h: u16 = reader.read_int_big()?;
        if !h.is_multiple_of(31) {
            return Err(Error::BadHeader);
        }
        if (h >> 8) & 0x0f != 8 {
            return Err(Error::InvalidCompression);
        }
        if h >> 12 > 7 {
            return Err(Error::InvalidWindowSize);
        }
        if h & 0x20 != 0 {
            return Err(Error::Unsupported);
        }
        Ok(())
    }

    /// [`decompress_reader`] over a byte slice.
    pub fn decompress(input: &[u8]) -> Result<Vec<u8>> {
        let mut s = io::fixed_buffer_stream(input);
        decompress_reader(&mut s)
    }

    /// Zig `zlib.compressStream(allocator, writer, .{ .level })` written with
    /// `data` and finished: header, DEFLATE data, Adler-32. Valid zlib, not
    /// byte-identical to Zig's.
    pub fn compress(data: &[u8], level: CompressionLevel) -> Vec<u8> {
        let mut out = header(level).to_vec();
        out.extend_from_slice(&deflate::compress(data, level.deflate_level()));
        out.extend_from_slice(&Adler32::hash(data).to_be_bytes());
        out
    }

    /// Zig `zlib.CompressStream(WriterType)`: streaming zlib compressor;
    /// call [`CompressStream::finish`] at the end.
    pub struct CompressStream<W: Writer> {
        deflator: deflate::Compressor<W>,
        hasher: Adler32,
    }

    /// Zig `zlib.compressStream(allocator, writer, .{ .level })`: writes the header now.
    pub fn compress_stream<W: Writer>(
        mut writer: W,
        level: CompressionLevel,
    ) -> Result<CompressStream<W>> {
        writer.write_all(&header(level))?;
        Ok(CompressStream {
            deflator: deflate::compressor(writer, level.deflate_level()),
            hasher: Adler32::init(),
        })
    }

    impl<W: Writer> CompressStream<W> {
        /// Zig `CompressStream.write(bytes)`.
        pub fn write(&mut self, bytes: &[u8]) -> Result<usize> {
            let n = self.deflator.write(bytes)?;
            self.hasher.update(&bytes[..n]);
            Ok(n)
        }
        /// Zig `CompressStream.finish()`: final block and Adler-32 trailer.
        pub fn finish(mut self) -> Result<W> {
            self.deflator.close()?;
            let mut w = self.deflator.into_inner();
            w.write_all(&self.hasher.final_().to_be_bytes())?;
            Ok(w)
        }
    }
}

/// gzip framing (Zig `std.compress.gzip`).
pub mod gzip {
    use super::*;

    const FHCRC: u8 = 1 << 1;
    const FEXTRA: u8 = 1 << 2;
    const FNAME: u8 = 1 << 3;
    const FCOMMENT: u8 = 1 << 4;
    const MAX_STRING_LEN: usize = 1024;

    /// Zig `gzip.Decompress.info`: the header fields.
    #[derive(Debug, Clone, Default, PartialEq, Eq)]
    pub struct Info {
        /// FEXTRA payload.
        pub extra: Option<Vec<u8>>,
        /// FNAME (without the terminating 0).
        pub filename: Option<Vec<u8>>,
        /// FCOMMENT (without the terminating 0).
        pub comment: Option<Vec<u8>>,
        /// MTIME.
        pub modification_time: u32,
        /// OS.
        pub operating_system: u8,
    }

    /// A reader that CRC-32s what passes through (Zig `compress.hashedReader`).
    struct Hashed<'a, R: Reader + ?Sized> {
        r: &'a mut R,
        h: Crc32,
    }

    impl<R: Reader + ?Sized> Reader for Hashed<'_, R> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.r.read(buf)?;
            self.h.update(&buf[..n]);
            Ok(n)
        }
    }

    /// Zig `gzip.Decompress(ReaderType)`: a streaming gzip decoder for one
    /// member; `info` holds the header fields.
    pub struct Decompress<R: Reader> {
        inflater: deflate::Decompressor<R>,
        hasher: Crc32,
        read_amt: usize,
        done: bool,
        /// Zig field `info`.
        pub info: Info,
    }

    /// Zig `gzip.decompress(allocator, reader)`: reads and checks the header.
    /// Errors: `EndOfStream` (truncated header), `BadHeader`,
    /// `InvalidCompression`, `StreamTooLong` (name/comment > 1024 bytes),
    /// `WrongChecksum` (FHCRC header CRC16).
    pub fn decompress_stream<R: Reader>(mut reader: R) -> Result<Decompress<R>> {
        let mut hr = Hashed {
            r: &mut reader,
            h: Crc32::init(),
        };
        let header: [u8; 10] = hr.read_bytes_no_eof()?;
        if header[0] != 0x1f || header[1] != 0x8b {
            return Err(Error::BadHeader);
        }
        if header[2] != 8 {
            return Err(Error::InvalidCompression);
        }
        let flg = header[3];
        let mut info = Info {
            modification_time: u32::from_le_bytes([header[4], header[5], header[6], header[7]]),
            operating_system: header[9],
            ..Default::default()
        };
        if flg & FEXTRA != 0 {
            let len: u16 = hr.read_int_little()?;
            let mut v = vec![0u8; len as usize];
            hr.read_no_eof(&mut v)?;
            info.extra = Some(v);
        }
        if flg & FNAME != 0 {
            info.filename = Some(hr.read_until_delimiter_alloc(0, MAX_STRING_LEN)?);
        }
        if flg & FCOMMENT != 0 {
            info.comment = Some(hr.read_until_delimiter_alloc(0, MAX_STRING_LEN)?);
        }
        let header_crc = hr.h.final_();
        if flg & FHCRC != 0 {
            let h: u16 = reader.read_int_little()?;
            if h != header_crc as u16 {
                return Err(Error::WrongChecksum);
            }
        }
        Ok(Decompress {
            inflater: deflate::decompressor(reader),
            hasher: Crc32::init(),
            read_amt: 0,
            done: false,
            info,
        })
    }

    impl<R: Reader> Decompress<R> {
        /// Zig `Decompress.read(buffer)`: at the end of the DEFLATE data the
        /// CRC-32 (`WrongChecksum`) and ISIZE (`CorruptedData`) trailer is
        /// checked (`EndOfStream` if missing) before 0 is returned. Later
        /// reads return 0 (Zig 0.11 would read another trailer).
        pub fn read(&mut self, buf: &mut [u8]) -> Result<usize> {
            if buf.is_empty() || self.done {
                return Ok(0);
            }
            let r = self.inflater.read(buf)?;
            if r != 0 {
                self.hasher.update(&buf[..r]);
                self.read_amt += r;
                return Ok(r);
            }
            let crc: u32 = self.inflater.reader_mut().read_int_little()?;
            if crc != self.hasher.final_() {
                return Err(Error::WrongChecksum);
            }
            let size: u32 = self.inflater.reader_mut().read_int_little()?;
            if self.read_amt as u32 != size {
                return Err(Error::CorruptedData);
            }
            self.done = true;
            Ok(0)
        }

        /// Read to the end (Zig `reader().readAllAlloc`).
        pub fn read_to_end(&mut self) -> Result<Vec<u8>> {
            read_to_end_with(|b| self.read(b))
        }

        /// Give back the underlying reader.
        pub fn into_inner(self) -> R {
            self.inflater.into_inner()
        }
    }

    impl<R: Reader> std::io::Read for Decompress<R> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            Decompress::read(self, buf).map_err(std::io::Error::other)
        }
    }

    /// Zig `gzip.decompress(allocator, reader)` read to the end: one gzip
    /// member (only the first member is read, as in Zig) and its header.
    pub fn decompress_reader<R: Reader + ?Sized>(reader: &mut R) -> Result<(Vec<u8>, Info)> {
        let mut d = decompress_stream(reader)?;
        let out = d.read_to_end()?;
        Ok((out, d.info))
    }

    /// [`decompress_reader`] over a byte slice, returning the data only.
    pub fn decompress(input: &[u8]) -> Result<Vec<u8>> {
        let mut s = io::fixed_buffer_stream(input);
        Ok(decompress_reader(&mut s)?.0)
    }

    /// gzip compression: a 10-byte header (no flags, MTIME 0, OS 255 =
    /// unknown), DEFLATE data, CRC-32 and ISIZE. Zig 0.11 has no gzip
    /// compressor (later versions add one); this is provided so ports that
    /// shell out or hand-write one have a std-only replacement.
    pub fn compress(data: &[u8], level: deflate::Compression) -> Vec<u8> {
        let xfl = match level {
            deflate::Compression::BestCompression => 2,
            deflate::Compression::BestSpeed => 4,
            _ => 0,
        };
        let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, xfl, 255];
        out.extend_from_slice(&deflate::compress(data, level));
        out.extend_from_slice(&Crc32::hash(data).to_le_bytes());
        out.extend_from_slice(&(data.len() as u32).to_le_bytes());
        out
    }
}
