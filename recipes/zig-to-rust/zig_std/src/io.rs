//! `std.io` with Zig 0.11 semantics.
//!
//! Zig's generic `std.io.Reader(Context, Error, readFn)` and
//! `std.io.Writer(...)` become the traits [`Reader`] and [`Writer`]: implement
//! the one required method (`read` / `write`) and get Zig's helpers
//! (`read_no_eof`, `read_int`, `read_until_delimiter`, `write_all`,
//! `write_int`, …) as provided methods. `std.io.SeekableStream` is
//! [`SeekableStream`].
//!
//! Streams: [`FixedBufferStream`] (`std.io.fixedBufferStream`),
//! [`BufferedReader`] / [`BufferedWriter`] (`std.io.bufferedReader` /
//! `bufferedWriter`, 4096-byte default), [`StreamSource`] (`std.io.StreamSource`
//! over a mutable buffer, a const buffer or a `std::fs::File`),
//! [`CountingWriter`], [`LimitedReader`], [`BitReader`] / [`BitWriter`]
//! (`std.io.bitReader` / `bitWriter`), and [`StdIo`] to use any
//! `std::io::Read`/`Write` (a `File`, stdout, …) as a Zig reader/writer, or
//! [`ToStd`] for the other direction. `Vec<u8>` is a [`Writer`] (Zig's
//! `ArrayList(u8).writer()`).
//!
//! Errors are [`Error`], whose variants carry Zig's error names
//! (`EndOfStream`, `NoSpaceLeft`, `StreamTooLong`, `AccessDenied`, …); it is
//! local to this module (and `compress`) so it can grow with OS errors.
//!
//! Formatted printing (`writer.print`) is Rust's `write!` through [`ToStd`]
//! (or `std::fmt::Write`); Zig's format syntax is the `fmt` module's concern.
//! Later Zig versions replaced `readIntLittle`/`readIntBig` with
//! `readInt(T, .little)` (lower-case endian tags, 0.12) and reworked `std.io`
//! into `std.Io` (0.15); the behaviour here is 0.11's.

use std::fmt;

/// The errors of `std.io` streams, named as in Zig 0.11.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Error {
    /// `error.EndOfStream`: fewer bytes than required were available.
    EndOfStream,
    /// `error.NoSpaceLeft`: a `FixedBufferStream` (or other bounded writer) is full.
    NoSpaceLeft,
    /// `error.StreamTooLong`: no delimiter within the allowed size.
    StreamTooLong,
    /// `error.AccessDenied`: e.g. writing to a `StreamSource.const_buffer`, or the OS refused.
    AccessDenied,
    /// `error.BrokenPipe` (OS).
    BrokenPipe,
    /// `error.InputOutput` (OS).
    InputOutput,
    /// `error.Unseekable`: seeking a stream that cannot seek.
    Unseekable,
    /// `error.InvalidValue` (`readEnum`: no tag matches).
    InvalidValue,
    /// `error.Unexpected`: any other OS error, with Rust's kind for diagnostics.
    Unexpected(std::io::ErrorKind),
}

impl Error {
    /// The name `@errorName` gives (`"EndOfStream"`).
    pub fn name(self) -> &'static str {
        match self {
            Error::EndOfStream => "EndOfStream",
            Error::NoSpaceLeft => "NoSpaceLeft",
            Error::StreamTooLong => "StreamTooLong",
            Error::AccessDenied => "AccessDenied",
            Error::BrokenPipe => "BrokenPipe",
            Error::InputOutput => "InputOutput",
            Error::Unseekable => "Unseekable",
            Error::InvalidValue => "InvalidValue",
            Error::Unexpected(_) => "Unexpected",
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl std::error::Error for Error {}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        use std::io::ErrorKind as K;
        match e.kind() {
            K::UnexpectedEof => Error::EndOfStream,
            K::WriteZero => Error::NoSpaceLeft,
            K::PermissionDenied => Error::AccessDenied,
            K::BrokenPipe => Error::BrokenPipe,
            K::NotSeekable => Error::Unseekable,
            k => Error::Unexpected(k),
        }
    }
}

impl From<Error> for std::io::Error {
    fn from(e: Error) -> Self {
        use std::io::ErrorKind as K;
        let kind = match e {
            Error::EndOfStream => K::UnexpectedEof,
            Error::NoSpaceLeft => K::WriteZero,
            Error::AccessDenied => K::PermissionDenied,
            Error::BrokenPipe => K::BrokenPipe,
            Error::Unseekable => K::NotSeekable,
            Error::Unexpected(k) => k,
            _ => K::Other,
        };
        std::io::Error::new(kind, e)
    }
}

/// `Result<T, io::Error>`.
pub type Result<T> = std::result::Result<T, Error>;

/// Zig `std.builtin.Endian` (`.Big` / `.Little` in 0.11; 0.12 renamed the tags
/// to `.big` / `.little`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Endian {
    /// `.Big`
    Big,
    /// `.Little`
    Little,
}

/// Integer types for [`Reader::read_int`] / [`Writer::write_int`]: Zig reads
/// and writes `(bits + 7) / 8` bytes, i.e. the type's size for Rust's widths.
pub trait Int: Copy {
    /// Size in bytes.
    const BYTES: usize;
    /// Build from `BYTES` bytes in the given order.
    fn from_bytes(b: &[u8], endian: Endian) -> Self;
    /// Write `BYTES` bytes in the given order into `out`.
    fn to_bytes(self, out: &mut [u8], endian: Endian);
    /// Zig `mem.readVarInt`-style: from `b.len() <= BYTES` bytes, zero-extended.
    fn from_var_bytes(b: &[u8], endian: Endian) -> Self;
    /// Two's-complement bits, zero-extended to u128.
    fn to_u128(self) -> u128;
    /// Truncate a u128 to this type.
    fn from_u128(v: u128) -> Self;
}

macro_rules! io_int {
    ($($t:ty),*) => {$(
        impl Int for $t {
            const BYTES: usize = std::mem::size_of::<$t>();
            fn from_bytes(b: &[u8], endian: Endian) -> Self {
                let a: [u8; std::mem::size_of::<$t>()] = b[..Self::BYTES].try_into().unwrap();
                match endian {
                    Endian::Big => <$t>::from_be_bytes(a),
                    Endian::Little => <$t>::from_le_bytes(a),
                }
            }
            fn to_bytes(self, out: &mut [u8], endian: Endian) {
                let a = match endian {
                    Endian::Big => self.to_be_bytes(),
                    Endian::Little => self.to_le_bytes(),
                };
                out[..Self::BYTES].copy_from_slice(&a);
            }
            fn to_u128(self) -> u128 {
                u128::from_le_bytes({
                    let mut a = [0u8; 16];
                    a[..Self::BYTES].copy_from_slice(&self.to_le_bytes());
                    a
                })
            }
            fn from_u128(v: u128) -> Self {
                Self::from_bytes(&v.to_le_bytes(), Endian::Little)
            }
            fn from_var_bytes(b: &[u8], endian: Endian) -> Self {
                assert!(b.len() <= Self::BYTES);
                let mut a = [0u8; std::mem::size_of::<$t>()];
                match endian {
                    Endian::Little => {
                        a[..b.len()].copy_from_slice(b);
                        <$t>::from_le_bytes(a)
                    }
                    Endian::Big => {
                        let n = Self::BYTES;
                        a[n - b.len()..].copy_from_slice(b);
                        <$t>::from_be_bytes(a)
                    }
                }
            }
        }
    )*};
}
io_int!(u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128, isize);

/// Zig `std.io.Reader`: implement [`Reader::read`], get Zig's helpers.
pub trait Reader {
    /// Zig `read(buffer)`: read up to `buf.len()` bytes; 0 means end of stream.
    fn read(&mut self, buf: &mut [u8]) -> Result<usize>;

    /// Zig `readAll(buffer)`: read until `buf` is full or the stream ends; returns the count.
    fn read_all(&mut self, buf: &mut [u8]) -> Result<usize> {
        let len = buf.len();
        self.read_at_least(buf, len)
    }

    /// Zig `readAtLeast(buffer, len)`.
    fn read_at_least(&mut self, buf: &mut [u8], len: usize) -> Result<usize> {
        assert!(len <= buf.len());
        let mut index = 0;
        while index < len {
            let amt = self.read(&mut buf[index..])?;
            if amt == 0 {
                break;
            }
            index += amt;
        }
        Ok(index)
    }

    /// Zig `readNoEof(buf)`: `EndOfStream` if `buf` cannot be filled (the
    /// bytes read so far stay in `buf`).
    fn read_no_eof(&mut self, buf: &mut [u8]) -> Result<()> {
        if self.read_all(buf)? < buf.len() {
            return Err(Error::EndOfStream);
        }
        Ok(())
    }

    /// Zig `readBytesNoEof(N)`.
    fn read_bytes_no_eof<const N: usize>(&mut self) -> Result<[u8; N]> {
        let mut b = [0u8; N];
        self.read_no_eof(&mut b)?;
        Ok(b)
    }

    /// Zig `readAllAlloc(allocator, max_size)` / `readAllArrayList`: the rest of
    /// the stream; `StreamTooLong` if it has more than `max_size` bytes (the
    /// stream is then positioned past the bytes read, as in Zig).
    fn read_all_alloc(&mut self, max_size: usize) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        let mut chunk = [0u8; 4096];
        loop {
            let n = self.read_all(&mut chunk)?;
            out.extend_from_slice(&chunk[..n]);
            if out.len() > max_size {
                out.truncate(max_size);
                return Err(Error::StreamTooLong);
            }
            if n < chunk.len() {
                return Ok(out);
            }
        }
    }

    /// Zig `readByte()`.
    fn read_byte(&mut self) -> Result<u8> {
        let mut b = [0u8; 1];
        if self.read(&mut b)? < 1 {
            return Err(Error::EndOfStream);
        }
        Ok(b[0])
    }

    /// Zig `readByteSigned()`.
    fn read_byte_signed(&mut self) -> Result<i8> {
        Ok(self.read_byte()? as i8)
    }

    /// Zig `readInt(T, endian)`.
    fn read_int<T: Int>(&mut self, endian: Endian) -> Result<T> {
        let mut b = [0u8; 16];
        self.read_no_eof(&mut b[..T::BYTES])?;
        Ok(T::from_bytes(&b, endian))
    }

    /// Zig `readIntLittle(T)`.
    fn read_int_little<T: Int>(&mut self) -> Result<T> {
        self.read_int(Endian::Little)
    }

    /// Zig `readIntBig(T)`.
    fn read_int_big<T: Int>(&mut self) -> Result<T> {
        self.read_int(Endian::Big)
    }

    /// Zig `readVarInt(T, endian, size)`: `size <= sizeof(T)` bytes, zero-extended.
    fn read_var_int<T: Int>(&mut self, endian: Endian, size: usize) -> Result<T> {
        assert!(size <= T::BYTES);
        let mut b = [0u8; 16];
        self.read_no_eof(&mut b[..size])?;
        Ok(T::from_var_bytes(&b[..size], endian))
    }

    /// Zig `readEnum(Enum, endian)`: reads the tag type `T`, then converts
    /// with `E: TryFrom<T>` (implement it for your `#[repr]` enum);
    /// `InvalidValue` when no variant has that tag.
    fn read_enum<T: Int, E: TryFrom<T>>(&mut self, endian: Endian) -> Result<E> {
        let tag: T = self.read_int(endian)?;
        E::try_from(tag).map_err(|_| Error::InvalidValue)
    }

    /// Zig `skipBytes(n, .{})`: `EndOfStream` if fewer remain.
    fn skip_bytes(&mut self, num_bytes: u64) -> Result<()> {
        let mut buf = [0u8; 512];
        let mut remaining = num_bytes;
        while remaining > 0 {
            let amt = remaining.min(512) as usize;
            self.read_no_eof(&mut buf[..amt])?;
            remaining -= amt as u64;
        }
        Ok(())
    }

    /// Zig `isBytes(slice)`: reads `slice.len()` bytes (all of them, even
    /// after a mismatch) and reports whether they equal `slice`.
    fn is_bytes(&mut self, slice: &[u8]) -> Result<bool> {
        let mut matches = true;
        for &s in slice {
            if s != self.read_byte()? {
                matches = false;
            }
        }
        Ok(matches)
    }

    /// Zig `streamUntilDelimiter(writer, delimiter, max_size)`: copy bytes
    /// to `writer` up to (not including) `delimiter`, which is consumed.
    /// `EndOfStream` if the stream ends first (bytes so far already written);
    /// `StreamTooLong` after `max_size` bytes without a delimiter (those bytes
    /// are written and consumed). `None` = unbounded.
    fn stream_until_delimiter<W: Writer + ?Sized>(
        &mut self,
        writer: &mut W,
        delimiter: u8,
        max_size: Option<usize>,
    ) -> Result<()> {
        match max_size {
            Some(max) => {
                for _ in 0..max {
                    let byte = self.read_byte()?;
                    if byte == delimiter {
                        return Ok(());
                    }
                    writer.write_byte(byte)?;
                }
                Err(Error::StreamTooLong)
            }
            None => loop {
                let byte = self.read_byte()?;
                if byte == delimiter {
                    return Ok(());
                }
                writer.write_byte(byte)?;
            },
        }
    }

    /// Zig `readUntilDelimiter(buf, delimiter)`: the bytes before the
    /// delimiter, stored in `buf`; returns their length. Errors:
    /// `StreamTooLong` when `buf.len()` bytes came without a delimiter,
    /// `EndOfStream` when the stream ended first. As Zig does, the delimiter
    /// is also stored at `buf[len]` on success.
    fn read_until_delimiter(&mut self, buf: &mut [u8], delimiter: u8) -> Result<usize> {
        let cap = buf.len();
        let mut fbs = FixedBufferStream::new(&mut *buf);
        self.stream_until_delimiter(&mut fbs, delimiter, Some(cap))?;
        let n = fbs.pos;
        buf[n] = delimiter;
        Ok(n)
    }

    /// Zig `readUntilDelimiterOrEof(buf, delimiter)`: like
    /// [`Reader::read_until_delimiter`], but the stream ending returns the
    /// bytes so far, or `None` if there were none.
    fn read_until_delimiter_or_eof(
        &mut self,
        buf: &mut [u8],
        delimiter: u8,
    ) -> Result<Option<usize>> {
        let cap = buf.len();
        let mut fbs = FixedBufferStream::new(&mut *buf);
        match self.stream_until_delimiter(&mut fbs, delimiter, Some(cap)) {
            Ok(()) => {}
            Err(Error::EndOfStream) => {
                if fbs.pos == 0 {
                    return Ok(None);
                }
            }
            Err(e) => return Err(e),
        }
        let n = fbs.pos;
        buf[n] = delimiter;
        Ok(Some(n))
    }

    /// Zig `readUntilDelimiterAlloc(allocator, delimiter, max_size)` /
    /// `readUntilDelimiterArrayList`.
    fn read_until_delimiter_alloc(&mut self, delimiter: u8, max_size: usize) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        self.stream_until_delimiter(&mut out, delimiter, Some(max_size))?;
        Ok(out)
    }

    /// Zig `readUntilDelimiterOrEofAlloc(allocator, delimiter, max_size)`.
    fn read_until_delimiter_or_eof_alloc(
        &mut self,
        delimiter: u8,
        max_size: usize,
    ) -> Result<Option<Vec<u8>>> {
        let mut out = Vec::new();
        match self.stream_until_delimiter(&mut out, delimiter, Some(max_size)) {
            Ok(()) => Ok(Some(out)),
            Err(Error::EndOfStream) if out.is_empty() => Ok(None),
            Err(Error::EndOfStream) => Ok(Some(out)),
            Err(e) => Err(e),
        }
    }

    /// Zig `skipUntilDelimiterOrEof(delimiter)`.
    fn skip_until_delimiter_or_eof(&mut self, delimiter: u8) -> Result<()> {
        loop {
            match self.read_byte() {
                Ok(b) if b == delimiter => return Ok(()),
                Ok(_) => {}
                Err(Error::EndOfStream) => return Ok(()),
                Err(e) => return Err(e),
            }
        }
    }
}

/// Zig `std.io.Writer`: implement [`Writer::write`], get Zig's helpers.
pub trait Writer {
    /// Zig `write(bytes)`: write some of `bytes`; returns how many.
    fn write(&mut self, bytes: &[u8]) -> Result<usize>;

    /// Zig `writeAll(bytes)`: loops on `write`; an error leaves the bytes
    /// written so far in place (e.g. a full `FixedBufferStream` keeps the
    /// prefix that fitted and returns `NoSpaceLeft`).
    fn write_all(&mut self, bytes: &[u8]) -> Result<()> {
        let mut index = 0;
        while index != bytes.len() {
            index += self.write(&bytes[index..])?;
        }
        Ok(())
    }

    /// Zig `writeByte(byte)`.
    fn write_byte(&mut self, byte: u8) -> Result<()> {
        self.write_all(&[byte])
    }

    /// Zig `writeByteNTimes(byte, n)`.
    fn write_byte_n_times(&mut self, byte: u8, n: usize) -> Result<()> {
        let bytes = [byte; 256];
        let mut remaining = n;
        while remaining > 0 {
            let to_write = remaining.min(bytes.len());
            self.write_all(&bytes[..to_write])?;
            remaining -= to_write;
        }
        Ok(())
    }

    /// Zig `writeInt(T, value, endian)`.
    fn write_int<T: Int>(&mut self, value: T, endian: Endian) -> Result<()> {
        let mut b = [0u8; 16];
        value.to_bytes(&mut b, endian);
        self.write_all(&b[..T::BYTES])
    }

    /// Zig `writeIntLittle(T, value)`.
    fn write_int_little<T: Int>(&mut self, value: T) -> Result<()> {
        self.write_int(value, Endian::Little)
    }

    /// Zig `writeIntBig(T, value)`.
    fn write_int_big<T: Int>(&mut self, value: T) -> Result<()> {
        self.write_int(value, Endian::Big)
    }
}

/// Zig `std.io.SeekableStream`.
pub trait SeekableStream {
    /// Zig `seekTo(pos)`.
    fn seek_to(&mut self, pos: u64) -> Result<()>;
    /// Zig `seekBy(amt)`.
    fn seek_by(&mut self, amt: i64) -> Result<()>;
    /// Zig `getPos()`.
    fn get_pos(&mut self) -> Result<u64>;
    /// Zig `getEndPos()`.
    fn get_end_pos(&mut self) -> Result<u64>;
}

impl<R: Reader + ?Sized> Reader for &mut R {
    fn read(&mut self, buf: &mut [u8]) -> Result<usize> {
        (**self).read(buf)
    }
}

impl<W: Writer + ?Sized> Writer for &mut W {
    fn write(&mut self, bytes: &[u8]) -> Result<usize> {
        (**self).write(bytes)
    }
}

/// Zig `std.ArrayList(u8).writer()`: appends, never fails.
impl Writer for Vec<u8> {
    fn write(&mut self, bytes: &[u8]) -> Result<usize> {
        self.extend_from_slice(bytes);
        Ok(bytes.len())
    }
}

/// Zig `std.io.FixedBufferStream(Buffer)` / `std.io.fixedBufferStream(buf)`.
///
/// `B` is `&[u8]` for a read-only stream (Zig `[]const u8`) or `&mut [u8]`
/// / `Vec<u8>` / an array for a writable one.
#[derive(Debug, Clone)]
pub struct FixedBufferStream<B> {
    /// Zig field `buffer`.
    pub buffer: B,
    /// Zig field `pos`.
    pub pos: usize,
}

/// Zig `std.io.fixedBufferStream(buffer)`.
pub fn fixed_buffer_stream<B: AsRef<[u8]>>(buffer: B) -> FixedBufferStream<B> {
    FixedBufferStream { buffer, pos: 0 }
}

impl<B: AsRef<[u8]>> FixedBufferStream<B> {
    /// Same as [`fixed_buffer_stream`].
    pub fn new(buffer: B) -> Self {
        FixedBufferStream { buffer, pos: 0 }
    }
    /// Zig `getWritten()`: `buffer[0..pos]`.
    pub fn get_written(&self) -> &[u8] {
        &self.buffer.as_ref()[..self.pos]
    }
    /// Zig `reset()`.
    pub fn reset(&mut self) {
        self.pos = 0;
    }
}

impl<B: AsRef<[u8]>> Reader for FixedBufferStream<B> {
    /// Never fails; 0 at the end.
    fn read(&mut self, dest: &mut [u8]) -> Result<usize> {
        let buf = self.buffer.as_ref();
        let size = dest.len().min(buf.len() - self.pos);
        dest[..size].copy_from_slice(&buf[self.pos..self.pos + size]);
        self.pos += size;
        Ok(size)
    }
}

impl<B: AsRef<[u8]> + AsMut<[u8]>> Writer for FixedBufferStream<B> {
    /// `NoSpaceLeft` when no byte fits (a partial write returns the count).
    fn write(&mut self, bytes: &[u8]) -> Result<usize> {
        if bytes.is_empty() {
            return Ok(0);
        }
        let buf = self.buffer.as_mut();
        if self.pos >= buf.len() {
            return Err(Error::NoSpaceLeft);
        }
        let n = bytes.len().min(buf.len() - self.pos);
        buf[self.pos..self.pos + n].copy_from_slice(&bytes[..n]);
        self.pos += n;
        Ok(n)
    }
}

impl<B: AsRef<[u8]>> SeekableStream for FixedBufferStream<B> {
    /// Clamps to the end of the buffer (never fails).
    fn seek_to(&mut self, pos: u64) -> Result<()> {
        let len = self.buffer.as_ref().len();
        self.pos = usize::try_from(pos).map(|x| x.min(len)).unwrap_or(len);
        Ok(())
    }
    /// Clamps to `[0, len]` (never fails).
    fn seek_by(&mut self, amt: i64) -> Result<()> {
        let len = self.buffer.as_ref().len();
        if amt < 0 {
            let abs = usize::try_from(amt.unsigned_abs()).unwrap_or(usize::MAX);
            self.pos = self.pos.saturating_sub(abs);
        } else {
            let a = usize::try_from(amt).unwrap_or(usize::MAX);
            self.pos = self.pos.saturating_add(a).min(len);
        }
        Ok(())
    }
    fn get_pos(&mut self) -> Result<u64> {
        Ok(self.pos as u64)
    }
    fn get_end_pos(&mut self) -> Result<u64> {
        Ok(self.buffer.as_ref().len() as u64)
    }
}

/// Zig `std.io.BufferedReader(buffer_size, ReaderType)`; [`buffered_reader`]
/// gives Zig's default of 4096 bytes.
pub struct BufferedReader<R> {
    /// Zig field `unbuffered_reader`.
    pub unbuffered_reader: R,
    buf: Box<[u8]>,
    start: usize,
    end: usize,
}

/// Zig `std.io.bufferedReader(reader)` (4096-byte buffer).
pub fn buffered_reader<R: Reader>(reader: R) -> BufferedReader<R> {
    buffered_reader_size(4096, reader)
}

/// Zig `std.io.bufferedReaderSize(size, reader)`.
pub fn buffered_reader_size<R: Reader>(size: usize, reader: R) -> BufferedReader<R> {
    BufferedReader {
        unbuffered_reader: reader,
        buf: vec![0; size].into_boxed_slice(),
        start: 0,
        end: 0,
    }
}

impl<R: Reader> Reader for BufferedReader<R> {
    /// Zig's loop: keeps refilling until `dest` is full or the underlying
    /// reader returns 0.
    fn read(&mut self, dest: &mut [u8]) -> Result<usize> {
        let mut dest_index = 0;
        while dest_index < dest.len() {
            let written = (dest.len() - dest_index).min(self.end - self.start);
            dest[dest_index..dest_index + written]
                .copy_from_slice(&self.buf[self.start..self.start + written]);
            if written == 0 {
                let n = self.unbuffered_reader.read(&mut self.buf)?;
                if n == 0 {
                    return Ok(dest_index);
                }
                self.start = 0;
                self.end = n;
            }
            self.start += written;
            dest_index += written;
        }
        Ok(dest.len())
    }
}

/// Zig `std.io.BufferedWriter(buffer_size, WriterType)`; call
/// [`BufferedWriter::flush`] before dropping (Zig does not flush implicitly,
/// and neither does this type).
pub struct BufferedWriter<W: Writer> {
    /// Zig field `unbuffered_writer`.
    pub unbuffered_writer: W,
    buf: Box<[u8]>,
    end: usize,
}

/// Zig `std.io.bufferedWriter(writer)` (4096-byte buffer).
pub fn buffered_writer<W: Writer>(writer: W) -> BufferedWriter<W> {
    buffered_writer_size(4096, writer)
}

/// A `BufferedWriter` with a custom buffer size (Zig `BufferedWriter(size, W)`).
pub fn buffered_writer_size<W: Writer>(size: usize, writer: W) -> BufferedWriter<W> {
    BufferedWriter {
        unbuffered_writer: writer,
        buf: vec![0; size].into_boxed_slice(),
        end: 0,
    }
}

impl<W: Writer> BufferedWriter<W> {
    /// Zig `flush()`: `writeAll` of the buffered bytes.
    pub fn flush(&mut self) -> Result<()> {
        self.unbuffered_writer.write_all(&self.buf[..self.end])?;
        self.end = 0;
        Ok(())
    }
}

impl<W: Writer> Writer for BufferedWriter<W> {
    fn write(&mut self, bytes: &[u8]) -> Result<usize> {
        if self.end + bytes.len() > self.buf.len() {
            self.flush()?;
            if bytes.len() > self.buf.len() {
                return self.unbuffered_writer.write(bytes);
            }
        }
        let new_end = self.end + bytes.len();
        self.buf[self.end..new_end].copy_from_slice(bytes);
        self.end = new_end;
        Ok(bytes.len())
    }
}

/// Zig `std.io.StreamSource`: one reader/writer/seekable type over a mutable
/// buffer, a const buffer or a file.
pub enum StreamSource<'a> {
    /// `.buffer`: `FixedBufferStream([]u8)`.
    Buffer(FixedBufferStream<&'a mut [u8]>),
    /// `.const_buffer`: `FixedBufferStream([]const u8)`; writing gives `AccessDenied`.
    ConstBuffer(FixedBufferStream<&'a [u8]>),
    /// `.file`: a `std.fs.File`.
    File(std::fs::File),
}

impl Reader for StreamSource<'_> {
    fn read(&mut self, dest: &mut [u8]) -> Result<usize> {
        match self {
            StreamSource::Buffer(x) => x.read(dest),
            StreamSource::ConstBuffer(x) => x.read(dest),
            StreamSource::File(f) => Ok(std::io::Read::read(f, dest)?),
        }
    }
}

impl Writer for StreamSource<'_> {
    fn write(&mut self, bytes: &[u8]) -> Result<usize> {
        match self {
            StreamSource::Buffer(x) => x.write(bytes),
            StreamSource::ConstBuffer(_) => Err(Error::AccessDenied),
            StreamSource::File(f) => Ok(std::io::Write::write(f, bytes)?),
        }
    }
}

impl SeekableStream for StreamSource<'_> {
    fn seek_to(&mut self, pos: u64) -> Result<()> {
        match self {
            StreamSource::Buffer(x) => x.seek_to(pos),
            StreamSource::ConstBuffer(x) => x.seek_to(pos),
            StreamSource::File(f) => {
                std::io::Seek::seek(f, std::io::SeekFrom::Start(pos))?;
                Ok(())
            }
        }
    }
    fn seek_by(&mut self, amt: i64) -> Result<()> {
        match self {
            StreamSource::Buffer(x) => x.seek_by(amt),
            StreamSource::ConstBuffer(x) => x.seek_by(amt),
            StreamSource::File(f) => {
                std::io::Seek::seek(f, std::io::SeekFrom::Current(amt))?;
                Ok(())
            }
        }
    }
    fn get_pos(&mut self) -> Result<u64> {
        match self {
            StreamSource::Buffer(x) => x.get_pos(),
            StreamSource::ConstBuffer(x) => x.get_pos(),
            StreamSource::File(f) => Ok(std::io::Seek::stream_position(f)?),
        }
    }
    fn get_end_pos(&mut self) -> Result<u64> {
        match self {
            StreamSource::Buffer(x) => x.get_end_pos(),
            StreamSource::ConstBuffer(x) => x.get_end_pos(),
            StreamSource::File(f) => Ok(f.metadata()?.len()),
        }
    }
}

/// Zig `std.io.CountingWriter` / `countingWriter(w)`.
pub struct CountingWriter<W> {
    /// Zig field `bytes_written`.
    pub bytes_written: u64,
    /// Zig field `child_stream`.
    pub child_stream: W,
}

/// Zig `std.io.countingWriter(child_stream)`.
pub fn counting_writer<W: Writer>(child_stream: W) -> CountingWriter<W> {
    CountingWriter {
        bytes_written: 0,
        child_stream,
    }
}

impl<W: Writer> Writer for CountingWriter<W> {
    fn write(&mut self, bytes: &[u8]) -> Result<usize> {
        let amt = self.child_stream.write(bytes)?;
        self.bytes_written += amt as u64;
        Ok(amt)
    }
}

/// Zig `std.io.LimitedReader` / `limitedReader(r, n)`: at most `bytes_left` bytes.
pub struct LimitedReader<R> {
    /// Zig field `inner_reader`.
    pub inner_reader: R,
    /// Zig field `bytes_left`.
    pub bytes_left: u64,
}

/// Zig `std.io.limitedReader(inner_reader, bytes_left)`.
pub fn limited_reader<R: Reader>(inner_reader: R, bytes_left: u64) -> LimitedReader<R> {
    LimitedReader {
        inner_reader,
        bytes_left,
    }
}

impl<R: Reader> Reader for LimitedReader<R> {
    fn read(&mut self, dest: &mut [u8]) -> Result<usize> {
        let max = (self.bytes_left.min(usize::MAX as u64) as usize).min(dest.len());
        let n = self.inner_reader.read(&mut dest[..max])?;
        self.bytes_left -= n as u64;
        Ok(n)
    }
}

fn mask128(bits: u32) -> u128 {
    if bits >= 128 {
        u128::MAX
    } else {
        (1u128 << bits) - 1
    }
}

/// Zig `std.io.BitReader(endian, ReaderType)` / `std.io.bitReader(endian, reader)`:
/// reads bit fields MSB-first (`Endian::Big`) or LSB-first (`Endian::Little`),
/// buffering at most 7 bits of the current byte.
pub struct BitReader<R> {
    /// Zig field `forward_reader`.
    pub forward_reader: R,
    endian: Endian,
    bit_buffer: u8, // Zig's u7
    bit_count: u32, // Zig's u3
}

/// Zig `std.io.bitReader(endian, reader)`.
pub fn bit_reader<R: Reader>(endian: Endian, reader: R) -> BitReader<R> {
    BitReader {
        forward_reader: reader,
        endian,
        bit_buffer: 0,
        bit_count: 0,
    }
}

impl<R: Reader> BitReader<R> {
    /// Zig `readBits(U, bits, &out_bits)`: returns `(value, out_bits)`; at the
    /// end of the stream `out_bits < bits` and `value` holds the bits read so
    /// far (not shifted into place for `.Big`, as in Zig). `bits <= U::BITS`.
    pub fn read_bits<U: Int>(&mut self, bits: usize) -> Result<(U, usize)> {
        let ubits = (U::BYTES * 8) as u32;
        assert!(bits as u32 <= ubits);
        let buf_bits = ubits.max(8);
        let bm = mask128(buf_bits);
        let mut out_bits = 0usize;
        if bits == 0 {
            return Ok((U::from_u128(0), 0));
        }
        let mut out: u128 = 0;
        if self.bit_count > 0 {
            let n = (bits as u32).min(self.bit_count);
            let shift = 7 - n;
            match self.endian {
                Endian::Big => {
                    out = (self.bit_buffer >> shift) as u128;
                    self.bit_buffer = if n >= 7 {
                        0
                    } else {
                        (self.bit_buffer << n) & 0x7f
                    };
                }
                Endian::Little => {
                    out = (((self.bit_buffer << shift) & 0x7f) >> shift) as u128;
                    self.bit_buffer = if n >= 7 { 0 } else { self.bit_buffer >> n };
                }
            }
            self.bit_count -= n;
            out_bits = n as usize;
        }
        while out_bits < bits {
            let n = bits - out_bits;
            let next_byte = match self.forward_reader.read_byte() {
                Ok(b) => b,
                Err(Error::EndOfStream) => return Ok((U::from_u128(out), out_bits)),
                Err(e) => return Err(e),
            };
            match self.endian {
                Endian::Big => {
                    if n >= 8 {
                        out = ((out << 8) | next_byte as u128) & bm;
                        out_bits += 8;
                        continue;
                    }
                    let shift = 8 - n as u32;
                    out = ((out << n) | (next_byte >> shift) as u128) & bm;
                    out_bits += n;
                    self.bit_buffer = next_byte.wrapping_shl(n as u32 - 1) & 0x7f;
                    self.bit_count = shift;
                }
                Endian::Little => {
                    if n >= 8 {
                        out |= ((next_byte as u128) << out_bits) & bm;
                        out_bits += 8;
                        continue;
                    }
                    let shift = 8 - n as u32;
                    let value = next_byte.wrapping_shl(shift) >> shift;
                    out |= ((value as u128) << out_bits) & bm;
                    out_bits += n;
                    self.bit_buffer = (next_byte >> n) & 0x7f;
                    self.bit_count = shift;
                }
            }
        }
        Ok((U::from_u128(out), out_bits))
    }

    /// Zig `readBitsNoEof(U, bits)`: `EndOfStream` if fewer bits remain.
    pub fn read_bits_no_eof<U: Int>(&mut self, bits: usize) -> Result<U> {
        let (v, n) = self.read_bits(bits)?;
        if n < bits {
            return Err(Error::EndOfStream);
        }
        Ok(v)
    }

    /// Zig `alignToByte()`: drop the buffered bits.
    pub fn align_to_byte(&mut self) {
        self.bit_buffer = 0;
        self.bit_count = 0;
    }
}

impl<R: Reader> Reader for BitReader<R> {
    /// Zig `BitReader.read`: byte reads go through `readBits` while bits are
    /// buffered, else straight to the underlying reader.
    fn read(&mut self, buffer: &mut [u8]) -> Result<usize> {
        if self.bit_count > 0 {
            let mut total = 0usize;
            for b in buffer.iter_mut() {
                let (v, n) = self.read_bits::<u8>(8)?;
                *b = v;
                total += n;
            }
            return Ok(total / 8 + usize::from(!total.is_multiple_of(8)));
        }
        self.forward_reader.read(buffer)
    }
}

/// Zig `std.io.BitWriter(endian, WriterType)` / `std.io.bitWriter(endian, writer)`.
/// Call [`BitWriter::flush_bits`] to write a final partial byte.
pub struct BitWriter<W> {
    /// Zig field `forward_writer`.
    pub forward_writer: W,
    endian: Endian,
    bit_buffer: u8,
    bit_count: u32,
}

/// Zig `std.io.bitWriter(endian, writer)`.
pub fn bit_writer<W: Writer>(endian: Endian, writer: W) -> BitWriter<W> {
    BitWriter {
        forward_writer: writer,
        endian,
        bit_buffer: 0,
        bit_count: 0,
    }
}

impl<W: Writer> BitWriter<W> {
    /// Zig `writeBits(value, bits)`: the low `bits` bits of `value`
    /// (`bits <= U::BITS`). As in Zig, `value` must fit in `bits` bits for
    /// `Endian::Little`: higher bits are not masked and leak into the output.
    pub fn write_bits<U: Int>(&mut self, value: U, bits: usize) -> Result<()> {
        if bits == 0 {
            return Ok(());
        }
        let ubits = (U::BYTES * 8) as u32;
        assert!(bits as u32 <= ubits);
        let buf_bits = ubits.max(8);
        let bm = mask128(buf_bits);
        let high_byte_shift = buf_bits - 8;
        let buf_value = value.to_u128();
        let mut in_buffer = match self.endian {
            Endian::Big => (buf_value << (buf_bits - bits as u32)) & bm,
            Endian::Little => buf_value,
        };
        let mut in_bits = bits as u32;
        if self.bit_count > 0 {
            let n = (8 - self.bit_count).min(bits as u32);
            match self.endian {
                Endian::Big => {
                    let v = (in_buffer >> (high_byte_shift + self.bit_count)) as u8;
                    self.bit_buffer |= v;
                    in_buffer = (in_buffer << n) & bm;
                }
                Endian::Little => {
                    let v = (in_buffer as u8).wrapping_shl(self.bit_count);
                    self.bit_buffer |= v;
                    in_buffer >>= n;
                }
            }
            self.bit_count += n;
            in_bits -= n;
            if self.bit_count != 8 {
                return Ok(());
            }
            self.forward_writer.write_byte(self.bit_buffer)?;
            self.bit_buffer = 0;
            self.bit_count = 0;
        }
        while in_bits >= 8 {
            match self.endian {
                Endian::Big => {
                    self.forward_writer
                        .write_byte((in_buffer >> high_byte_shift) as u8)?;
                    in_buffer = (in_buffer << 8) & bm;
                }
                Endian::Little => {
                    self.forward_writer.write_byte(in_buffer as u8)?;
                    in_buffer >>= 8;
                }
            }
            in_bits -= 8;
        }
        if in_bits > 0 {
            self.bit_count = in_bits;
            self.bit_buffer = match self.endian {
                Endian::Big => (in_buffer >> high_byte_shift) as u8,
                Endian::Little => in_buffer as u8,
            };
        }
        Ok(())
    }

    /// Zig `flushBits()`: write the partial byte (zero-padded), if any.
    pub fn flush_bits(&mut self) -> Result<()> {
        if self.bit_count == 0 {
            return Ok(());
        }
        self.forward_writer.write_byte(self.bit_buffer)?;
        self.bit_buffer = 0;
        self.bit_count = 0;
        Ok(())
    }
}

impl<W: Writer> Writer for BitWriter<W> {
    /// Zig `BitWriter.write`: bytes go through `writeBits` while bits are
    /// pending, else straight to the underlying writer.
    fn write(&mut self, buffer: &[u8]) -> Result<usize> {
        if self.bit_count > 0 {
            for &b in buffer {
                self.write_bits(b, 8)?;
            }
            return Ok(buffer.len());
        }
        self.forward_writer.write(buffer)
    }
}

/// Adapter: any `std::io::Read` / `Write` / `Seek` (a `File`, `Stdout`,
/// `&[u8]`, `Cursor`, …) as a Zig [`Reader`] / [`Writer`] /
/// [`SeekableStream`] (Zig `file.reader()`, `file.writer()`,
/// `file.seekableStream()`). OS errors map to Zig names where one exists.
pub struct StdIo<T>(pub T);

impl<T: std::io::Read> Reader for StdIo<T> {
    fn read(&mut self, buf: &mut [u8]) -> Result<usize> {
        loop {
            match self.0.read(buf) {
                Ok(n) => return Ok(n),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e.into()),
            }
        }
    }
}

impl<T: std::io::Write> Writer for StdIo<T> {
    fn write(&mut self, bytes: &[u8]) -> Result<usize> {
        loop {
            match self.0.write(bytes) {
                Ok(n) => return Ok(n),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e.into()),
            }
        }
    }
}

impl<T: std::io::Seek> SeekableStream for StdIo<T> {
    fn seek_to(&mut self, pos: u64) -> Result<()> {
        self.0.seek(std::io::SeekFrom::Start(pos))?;
        Ok(())
    }
    fn seek_by(&mut self, amt: i64) -> Result<()> {
        self.0.seek(std::io::SeekFrom::Current(amt))?;
        Ok(())
    }
    fn get_pos(&mut self) -> Result<u64> {
        Ok(self.0.stream_position()?)
    }
    fn get_end_pos(&mut self) -> Result<u64> {
        let cur = self.0.stream_position()?;
        let end = self.0.seek(std::io::SeekFrom::End(0))?;
        self.0.seek(std::io::SeekFrom::Start(cur))?;
        Ok(end)
    }
}

/// Adapter: a Zig-style [`Reader`] / [`Writer`] as `std::io::Read` /
/// `std::io::Write` (for `write!`, `std::io::copy`, …). Errors become
/// `std::io::Error` wrapping the [`Error`].
pub struct ToStd<T>(pub T);

impl<T: Reader> std::io::Read for ToStd<T> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        Ok(self.0.read(buf)?)
    }
}

impl<T: Writer> std::io::Write for ToStd<T> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        Ok(self.0.write(buf)?)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
