//! zig_std::io against golden/io.txt (produced by golden/io.zig with Zig 0.11).
use zig_std::io::*;

const GOLDEN: &str = include_str!("../../golden/io.txt");

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{:02x}", x)).collect()
}

fn s(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn res<T>(r: Result<T>) -> String {
    match r {
        Ok(_) => "ok".into(),
        Err(e) => e.name().into(),
    }
}

/// A reader that hands out at most one byte per read.
struct OneByte<'a> {
    str: &'a [u8],
    curr: usize,
}
impl Reader for OneByte<'_> {
    fn read(&mut self, dest: &mut [u8]) -> Result<usize> {
        if self.str.len() <= self.curr || dest.is_empty() {
            return Ok(0);
        }
        dest[0] = self.str[self.curr];
        self.curr += 1;
        Ok(1)
    }
}

fn generate() -> Vec<String> {
    let mut l = Vec::new();
    {
        let mut buf = [0u8; 10];
        let mut fbs = fixed_buffer_stream(&mut buf[..]);
        l.push(format!("w0 {}", fbs.write(b"").unwrap()));
        l.push(format!("w1 {}", fbs.write(b"abcdef").unwrap()));
        l.push(format!("w2 {}", fbs.write(b"ghijkl").unwrap()));
        l.push(format!("w3 {}", res(fbs.write(b"x"))));
        l.push(format!("w4 {}", fbs.write(b"").unwrap()));
        l.push(format!("written {}", s(fbs.get_written())));
        fbs.reset();
        fbs.write_all(b"12345").unwrap();
        l.push(format!("wa1 {}", res(fbs.write_all(b"6789AB"))));
        l.push(format!("written {} pos={}", s(fbs.get_written()), fbs.pos));
        for p in [0u64, 3, 10, 11, u64::MAX] {
            fbs.seek_to(p).unwrap();
            l.push(format!("seekTo {} -> {}", p, fbs.get_pos().unwrap()));
        }
        fbs.seek_to(5).unwrap();
        for a in [-2i64, -100, 4, 100, i64::MIN, i64::MAX, 0] {
            fbs.seek_by(a).unwrap();
            l.push(format!("seekBy {} -> {}", a, fbs.get_pos().unwrap()));
        }
        l.push(format!("end {}", fbs.get_end_pos().unwrap()));
    }
    {
        let mut buf = [0u8; 64];
        let mut fbs = fixed_buffer_stream(&mut buf[..]);
        fbs.write_int(0x1234u16, Endian::Big).unwrap();
        fbs.write_int(0x1234u16, Endian::Little).unwrap();
        fbs.write_int(-2i32, Endian::Big).unwrap();
        fbs.write_int(0x0102030405060708u64, Endian::Little)
            .unwrap();
        fbs.write_int_big(0xdeadbeefu32).unwrap();
        fbs.write_int_little(i64::MIN).unwrap();
        fbs.write_int(0x0123456789abcdef0011223344556677u128, Endian::Big)
            .unwrap();
        fbs.write_byte(0x80).unwrap();
        fbs.write_byte_n_times(b'z', 3).unwrap();
        l.push(format!("ints {}", hex(fbs.get_written())));
        let mut rs = fixed_buffer_stream(fbs.get_written());
        let a: u16 = rs.read_int(Endian::Big).unwrap();
        let b: u16 = rs.read_int(Endian::Little).unwrap();
        let c: i32 = rs.read_int(Endian::Big).unwrap();
        let d: u64 = rs.read_int(Endian::Little).unwrap();
        let e: u32 = rs.read_int_big().unwrap();
        let f: i64 = rs.read_int_little().unwrap();
        let g: u128 = rs.read_int(Endian::Big).unwrap();
        let h = rs.read_byte_signed().unwrap();
        let i = rs.read_byte().unwrap();
        l.push(format!(
            "rints {:x} {:x} {} {:x} {:x} {} {:x} {} {}",
            a, b, c, d, e, f, g, h, i
        ));
        l.push(format!(
            "rints2 {}",
            res(rs.read_int::<u32>(Endian::Little))
        ));
        l.push(format!("afterfail pos={}", rs.pos));
        rs.reset();
        let v1: u64 = rs.read_var_int(Endian::Big, 3).unwrap();
        let v2: u32 = rs.read_var_int(Endian::Little, 2).unwrap();
        let v3: u16 = rs.read_var_int(Endian::Big, 0).unwrap();
        l.push(format!("varint {:x} {:x} {:x}", v1, v2, v3));
        l.push(format!(
            "varint2 {}",
            res(rs.read_var_int::<u64>(Endian::Little, 8))
        ));
    }
    {
        let src: &[u8] = b"line one\nshort\n\nexactly8\nthis line is too long\nlast";
        let mut fbs = fixed_buffer_stream(src);
        for i in 0..8 {
            let mut buf = [0u8; 9];
            match fbs.read_until_delimiter(&mut buf, b'\n') {
                Ok(n) => {
                    assert_eq!(buf[n], b'\n');
                    l.push(format!("rud {} ok {} pos={}", i, s(&buf[..n]), fbs.pos))
                }
                Err(e) => l.push(format!("rud {} {} pos={}", i, e, fbs.pos)),
            }
        }
        fbs.reset();
        for i in 0..8 {
            let mut buf = [0u8; 9];
            match fbs.read_until_delimiter_or_eof(&mut buf, b'\n') {
                Ok(Some(n)) => l.push(format!("rudoe {} ok {} pos={}", i, s(&buf[..n]), fbs.pos)),
                Ok(None) => l.push(format!("rudoe {} null pos={}", i, fbs.pos)),
                Err(e) => l.push(format!("rudoe {} {} pos={}", i, e, fbs.pos)),
            }
        }
        fbs.reset();
        for i in 0..8 {
            match fbs.read_until_delimiter_or_eof_alloc(b'\n', 12) {
                Ok(Some(v)) => l.push(format!("rudoea {} ok {} pos={}", i, s(&v), fbs.pos)),
                Ok(None) => l.push(format!("rudoea {} null pos={}", i, fbs.pos)),
                Err(e) => l.push(format!("rudoea {} {} pos={}", i, e, fbs.pos)),
            }
        }
        fbs.reset();
        for i in 0..8 {
            match fbs.read_until_delimiter_alloc(b'\n', 12) {
                Ok(v) => l.push(format!("ruda {} ok {} pos={}", i, s(&v), fbs.pos)),
                Err(e) => l.push(format!("ruda {} {} pos={}", i, e, fbs.pos)),
            }
        }
        fbs.reset();
        fbs.skip_until_delimiter_or_eof(b'\n').unwrap();
        l.push(format!("skipdelim pos={}", fbs.pos));
        let a = fbs.is_bytes(b"short").unwrap();
        let b = fbs.is_bytes(b"\nX").unwrap();
        l.push(format!("isBytes {} {} pos={}", a, b, fbs.pos));
        fbs.skip_bytes(3).unwrap();
        l.push(format!("skip pos={}", fbs.pos));
        let r = res(fbs.skip_bytes(1000));
        l.push(format!("skipfail {} pos={}", r, fbs.pos));
        fbs.skip_until_delimiter_or_eof(b'\n').unwrap();
        l.push(format!("skipeof pos={}", fbs.pos));
        l.push(format!("readByteEof {}", res(fbs.read_byte())));
        fbs.reset();
        let mut nb = [0u8; 5];
        l.push(format!("readAll {}", fbs.read_all(&mut nb).unwrap()));
        let mut big = [0u8; 100];
        l.push(format!("readAll2 {}", fbs.read_all(&mut big).unwrap()));
        fbs.reset();
        l.push(format!("readNoEof {}", res(fbs.read_no_eof(&mut big))));
        fbs.reset();
        l.push(format!(
            "readAllAlloc {}",
            fbs.read_all_alloc(100).unwrap().len()
        ));
        fbs.reset();
        l.push(format!("readAllAllocSmall {}", res(fbs.read_all_alloc(10))));
    }
    {
        let text = b"The quick brown fox jumps over the lazy dog";
        let mut br = buffered_reader_size(4, OneByte { str: text, curr: 0 });
        let mut b1 = [0u8; 10];
        let n1 = br.read(&mut b1).unwrap();
        l.push(format!("br1 {} {}", n1, s(&b1[..n1])));
        let mut b2 = [0u8; 3];
        let n2 = br.read(&mut b2).unwrap();
        l.push(format!("br2 {} {}", n2, s(&b2[..n2])));
        let mut lb = [0u8; 20];
        let n = br
            .read_until_delimiter_or_eof(&mut lb, b' ')
            .unwrap()
            .unwrap();
        l.push(format!("br3 {}", s(&lb[..n])));
        let mut rest = [0u8; 100];
        let n3 = br.read(&mut rest).unwrap();
        l.push(format!("br4 {} {}", n3, s(&rest[..n3])));
        l.push(format!("br5 {}", br.read(&mut rest).unwrap()));
    }
    {
        let mut buf = [b'.'; 24];
        let mut bwr = buffered_writer_size(8, fixed_buffer_stream(&mut buf[..]));
        bwr.write_all(b"abc").unwrap();
        l.push(format!("bw1 pos={}", bwr.unbuffered_writer.pos));
        bwr.write_all(b"defgh").unwrap();
        l.push(format!("bw2 pos={}", bwr.unbuffered_writer.pos));
        bwr.write_all(b"i").unwrap();
        l.push(format!("bw3 pos={}", bwr.unbuffered_writer.pos));
        bwr.write_all(b"0123456789").unwrap();
        l.push(format!(
            "bw4 pos={} {}",
            bwr.unbuffered_writer.pos,
            s(bwr.unbuffered_writer.get_written())
        ));
        bwr.write_all(b"XY").unwrap();
        bwr.flush().unwrap();
        l.push(format!(
            "bw5 pos={} {}",
            bwr.unbuffered_writer.pos,
            s(bwr.unbuffered_writer.get_written())
        ));
        bwr.write_all(b"long").unwrap();
        l.push(format!("bw6 {}", res(bwr.flush())));
        l.push(format!(
            "bw7 pos={} {}",
            bwr.unbuffered_writer.pos,
            s(bwr.unbuffered_writer.get_written())
        ));
    }
    {
        let mut buf = [0u8; 16];
        let mut ss = StreamSource::Buffer(fixed_buffer_stream(&mut buf[..]));
        ss.write_all(b"Hello, World!").unwrap();
        if let StreamSource::Buffer(b) = &ss {
            l.push(format!("ss1 {}", s(b.get_written())));
        }
        l.push(format!("ss2 {}", res(ss.write_all(b"overflow"))));
        ss.seek_to(7).unwrap();
        let mut rb = [0u8; 5];
        ss.read_no_eof(&mut rb).unwrap();
        let pos = ss.get_pos().unwrap();
        let end = ss.get_end_pos().unwrap();
        l.push(format!("ss3 {} pos={} end={}", s(&rb), pos, end));
        let mut cs = StreamSource::ConstBuffer(fixed_buffer_stream(&b"const data"[..]));
        l.push(format!("ss4 {}", res(cs.write(b"x"))));
        cs.seek_by(6).unwrap();
        let mut rb2 = [0u8; 10];
        let n = cs.read(&mut rb2).unwrap();
        l.push(format!("ss5 {}", s(&rb2[..n])));
    }
    for endian in [Endian::Big, Endian::Little] {
        let en = if endian == Endian::Big {
            "big"
        } else {
            "little"
        };
        let mut buf = [0u8; 32];
        let mut fbs = fixed_buffer_stream(&mut buf[..]);
        {
            let mut bwr = bit_writer(endian, &mut fbs);
            bwr.write_bits(5u8, 3).unwrap();
            bwr.write_bits(0xabcu16, 12).unwrap();
            bwr.write_bits(1u8, 1).unwrap();
            bwr.write_bits(0xdeadbeefu32, 32).unwrap();
            bwr.write_bits(0u8, 0).unwrap();
            bwr.write_bits(0x123456789u64, 36).unwrap();
            bwr.write_bits(3u8, 2).unwrap();
            bwr.write_all(b"AB").unwrap();
            bwr.write_bits(7u16, 3).unwrap();
            bwr.write_bits(0xffu8, 2).unwrap();
            bwr.write_bits(1u8, 1).unwrap();
            bwr.flush_bits().unwrap();
            bwr.write_all(b"CD").unwrap();
        }
        l.push(format!("bitw {} {}", en, hex(fbs.get_written())));
        let mut br = bit_reader(endian, fixed_buffer_stream(fbs.get_written()));
        let mut s = format!("bitr {}", en);
        let (v, n) = br.read_bits::<u8>(3).unwrap();
        s += &format!(" {:x}:{}", v, n);
        let (v, n) = br.read_bits::<u16>(12).unwrap();
        s += &format!(" {:x}:{}", v, n);
        s += &format!(" {:x}", br.read_bits::<u8>(1).unwrap().0);
        s += &format!(" {:x}", br.read_bits::<u32>(32).unwrap().0);
        let (v, n) = br.read_bits::<u8>(0).unwrap();
        s += &format!(" {:x}:{}", v, n);
        s += &format!(" {:x}", br.read_bits::<u64>(36).unwrap().0);
        s += &format!(" {:x}", br.read_bits::<u8>(2).unwrap().0);
        let mut two = [0u8; 2];
        let got = br.read(&mut two).unwrap();
        s += &format!(" read={}:{}", got, hex(&two[..got]));
        s += &format!(" {:x}", br.read_bits::<u16>(3).unwrap().0);
        s += &format!(" {:x}", br.read_bits::<u8>(3).unwrap().0);
        br.align_to_byte();
        s += &format!(" {:x}", br.read_bits::<u8>(8).unwrap().0);
        let (v, n) = br.read_bits::<u16>(11).unwrap();
        s += &format!(" {:x}:{}", v, n);
        s += &format!(" {}", res(br.read_bits_no_eof::<u8>(1)));
        l.push(s);
        let mut br2 = bit_reader(endian, fixed_buffer_stream(&b"\xa5\x3c\x0f"[..]));
        let mut s = format!("bitr2 {}", en);
        for w in [1usize, 2, 5, 7, 4] {
            let (v, n) = br2.read_bits::<u8>(w).unwrap();
            s += &format!(" {:x}:{}", v, n);
        }
        let (v, n) = br2.read_bits::<u16>(16).unwrap();
        s += &format!(" {:x}:{}", v, n);
        l.push(s);
    }
    l
}

#[test]
fn io_matches_zig() {
    let got = generate();
    let want: Vec<&str> = GOLDEN.lines().collect();
    for (i, (g, w)) in got.iter().zip(want.iter()).enumerate() {
        assert_eq!(g, w, "golden/io.txt record {} differs", i + 1);
    }
    assert_eq!(
        got.len(),
        want.len(),
        "record count differs from golden/io.txt"
    );
}

#[test]
fn stream_source_file_round_trip() {
    let path = std::env::temp_dir().join(format!("zig_std_io_test_{}.bin", std::process::id()));
    let file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(true)
        .open(&path)
        .unwrap();
    let mut ss = StreamSource::File(file);
    ss.write_int(0xdeadbeefu32, Endian::Big).unwrap();
    ss.write_all(b"line\nrest").unwrap();
    assert_eq!(ss.get_end_pos().unwrap(), 13);
    ss.seek_to(0).unwrap();
    assert_eq!(ss.read_int::<u32>(Endian::Big).unwrap(), 0xdeadbeef);
    let mut buf = [0u8; 16];
    let n = ss.read_until_delimiter(&mut buf, b'\n').unwrap();
    assert_eq!(&buf[..n], b"line");
    ss.seek_by(-2).unwrap();
    assert_eq!(ss.get_pos().unwrap(), 7);
    assert_eq!(ss.read_all_alloc(100).unwrap(), b"e\nrest");
    assert_eq!(ss.read_byte(), Err(Error::EndOfStream));
    drop(ss);
    std::fs::remove_file(&path).unwrap();
    // std adapters
    let mut r = StdIo(std::io::Cursor::new(vec![1u8, 2, 3]));
    assert_eq!(r.read_int::<u16>(Endian::Little).unwrap(), 0x0201);
    assert_eq!(r.read_int::<u16>(Endian::Little), Err(Error::EndOfStream));
    let mut w = ToStd(counting_writer(Vec::new()));
    use std::io::Write as _;
    write!(w, "{}-{}", 1, 2).unwrap();
    assert_eq!(w.0.bytes_written, 3);
    // Zig's "Reader" test: readEnum(enum(u8){ a = 0, b = 99, c = 2, d = 3 })
    #[derive(Debug, PartialEq)]
    enum E {
        A,
        B,
        C,
        D,
    }
    impl TryFrom<u8> for E {
        type Error = ();
        fn try_from(v: u8) -> std::result::Result<E, ()> {
            match v {
                0 => Ok(E::A),
                99 => Ok(E::B),
                2 => Ok(E::C),
                3 => Ok(E::D),
                _ => Err(()),
            }
        }
    }
    let mut fis = fixed_buffer_stream(&b"a\x02\x07"[..]);
    assert_eq!(fis.read_byte().unwrap(), b'a');
    assert_eq!(fis.read_enum::<u8, E>(Endian::Little), Ok(E::C));
    assert_eq!(
        fis.read_enum::<u8, E>(Endian::Little),
        Err(Error::InvalidValue)
    );
    assert_eq!(
        fis.read_enum::<u8, E>(Endian::Little),
        Err(Error::EndOfStream)
    );
    let _ = (E::A, E::B, E::D);
    let mut lr = limited_reader(fixed_buffer_stream(&b"abcdef"[..]), 4);
    assert_eq!(lr.read_all_alloc(100).unwrap(), b"abcd");
}
