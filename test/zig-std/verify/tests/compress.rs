//! zig_std::compress against golden/compress.txt (produced by golden/compress.zig with Zig 0.11):
//! Zig-compressed streams must decompress to the original input; the decompressors must give
//! Zig's verdict (output, bytes consumed, or error name) on hand-made, truncated and corrupted
//! streams; and our own compressor must round-trip every input at every level.
use zig_std::compress::{deflate, gzip, zlib, Error};
use zig_std::io::{fixed_buffer_stream, Reader};

const GOLDEN: &str = include_str!("../../golden/compress.txt");

struct Gen(u32);
impl Gen {
    fn next(&mut self) -> u32 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 17;
        self.0 ^= self.0 << 5;
        self.0
    }
}

const WORDS: [&str; 14] = [
    "the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "zig", "rust", "deflate",
    "huffman", "window", "\n",
];

/// Same inputs as makeInput in golden/compress.zig.
pub fn make_input(id: usize) -> Vec<u8> {
    let mut v = Vec::new();
    let mut g = Gen(2463534242);
    match id {
        0 => {}
        1 => v.push(b'a'),
        2 => v.extend_from_slice(b"hello hello hello hello"),
        3 => v.resize(1000, b'a'),
        4 => (0..600).for_each(|_| v.push(g.next() as u8)),
        5 => {
            while v.len() < 5000 {
                v.extend_from_slice(WORDS[(g.next() % 14) as usize].as_bytes());
                v.push(b' ');
            }
        }
        6 => {
            while v.len() < 20000 {
                if g.next().is_multiple_of(200) {
                    (0..300).for_each(|_| v.push(g.next() as u8));
                } else {
                    v.extend_from_slice(WORDS[(g.next() % 14) as usize].as_bytes());
                    v.push(b' ');
                }
            }
        }
        // > 64 KiB, only in the Rust tests (compressor chunking, stored runs, long matches)
        7 => {
            for k in 0..8 {
                v.extend_from_slice(&make_input(6)[k * 1000..]);
                v.extend_from_slice(&make_input(4));
            }
            v.extend(std::iter::repeat_n(0u8, 70000));
            v.extend_from_slice(&make_input(5));
        }
        _ => unreachable!(),
    }
    v
}

fn unhex(h: &str) -> Vec<u8> {
    (0..h.len() / 2)
        .map(|i| u8::from_str_radix(&h[2 * i..2 * i + 2], 16).unwrap())
        .collect()
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{:02x}", x)).collect()
}

fn verdict(kind: &str, input: &[u8]) -> String {
    let mut s = fixed_buffer_stream(input);
    let r: Result<Vec<u8>, Error> = match kind {
        "inflate" => deflate::decompress_reader(&mut s),
        "zlibd" => zlib::decompress_reader(&mut s),
        "gzipd" => gzip::decompress_reader(&mut s).map(|(d, _)| d),
        _ => unreachable!(),
    };
    match r {
        Ok(d) => format!("ok {} consumed={}", hex(&d), s.pos),
        Err(e) => format!("err {}", e.name()),
    }
}

#[test]
fn compress_matches_zig() {
    let inputs: Vec<Vec<u8>> = (0..7).map(make_input).collect();
    let mut n_streams = 0;
    let mut n_verdicts = 0;
    for (lineno, line) in GOLDEN.lines().enumerate() {
        let rec = lineno + 1;
        let mut f = line.splitn(4, ' ');
        let kind = f.next().unwrap();
        match kind {
            "zdeflate" | "zzlib" => {
                let id: usize = f.next().unwrap().parse().unwrap();
                let _level = f.next().unwrap();
                let data = unhex(f.next().unwrap());
                let got = if kind == "zdeflate" {
                    deflate::decompress(&data)
                } else {
                    zlib::decompress(&data)
                };
                assert_eq!(
                    got.as_deref().map_err(|e| e.name()),
                    Ok(&inputs[id][..]),
                    "golden/compress.txt record {}: Zig stream for input {} did not decompress to the input",
                    rec,
                    id
                );
                n_streams += 1;
            }
            "inflate" | "zlibd" | "gzipd" => {
                let rest = line[kind.len() + 1..].to_string();
                let (h, want) = rest.split_once(' ').unwrap();
                let got = verdict(kind, &unhex(h));
                assert_eq!(
                    got, want,
                    "golden/compress.txt record {}: {} {}",
                    rec, kind, h
                );
                n_verdicts += 1;
            }
            _ => panic!("golden/compress.txt record {}: unknown kind {}", rec, kind),
        }
    }
    assert!(
        n_streams > 40 && n_verdicts > 1000,
        "golden/compress.txt looks truncated"
    );
}

#[test]
fn own_compressor_round_trips() {
    use deflate::Compression as C;
    let levels = [
        C::NoCompression,
        C::HuffmanOnly,
        C::BestSpeed,
        C::Level(2),
        C::Level(3),
        C::Level(4),
        C::Level(5),
        C::DefaultCompression,
        C::Level(7),
        C::Level(8),
        C::BestCompression,
    ];
    let inputs: Vec<Vec<u8>> = (0..8).map(make_input).collect();
    for (i, inp) in inputs.iter().enumerate() {
        for l in levels {
            let c = deflate::compress(inp, l);
            assert_eq!(
                deflate::decompress(&c).as_ref(),
                Ok(inp),
                "input {} level {:?}",
                i,
                l
            );
            let mut s = fixed_buffer_stream(&c[..]);
            deflate::decompress_reader(&mut s).unwrap();
            assert_eq!(
                s.pos,
                c.len(),
                "trailing bytes after our stream, input {} level {:?}",
                i,
                l
            );
        }
        for l in [
            zlib::CompressionLevel::NoCompression,
            zlib::CompressionLevel::Fastest,
            zlib::CompressionLevel::Default,
            zlib::CompressionLevel::Maximum,
        ] {
            let z = zlib::compress(inp, l);
            assert_eq!(zlib::decompress(&z).as_ref(), Ok(inp));
            let mut cs = zlib::compress_stream(Vec::new(), l).unwrap();
            for part in inp.chunks(9999) {
                cs.write(part).unwrap();
            }
            let z2 = cs.finish().unwrap();
            assert_eq!(zlib::decompress(&z2).as_ref(), Ok(inp));
        }
        let g = gzip::compress(inp, C::DefaultCompression);
        let mut s = fixed_buffer_stream(&g[..]);
        let (d, info) = gzip::decompress_reader(&mut s).unwrap();
        assert_eq!(&d, inp);
        assert_eq!(info.operating_system, 255);
        // streaming compressor with a sync flush in the middle
        let mut c = deflate::compressor(Vec::new(), C::DefaultCompression);
        let half = inp.len() / 2;
        c.write(&inp[..half]).unwrap();
        c.flush().unwrap();
        let flushed = c.bytes_written();
        c.write(&inp[half..]).unwrap();
        c.close().unwrap();
        let out = c.into_inner();
        assert!(flushed <= out.len());
        assert_eq!(deflate::decompress(&out).as_ref(), Ok(inp));
    }
    // compressed sizes are in the same league as Zig's
    let text = make_input(5);
    assert!(deflate::compress(&text, C::DefaultCompression).len() < text.len() / 2);
    let _ = fixed_buffer_stream(&b""[..]).read_byte();
}

// ---------------------------------------------------------------------------------------------
// Streams produced by zig_std's compressor, decompressed by Zig 0.11:
//   golden/compress_from_rust.in  — "<kind> <input> <level> <hex>" lines written by
//                                   `cargo test --test compress -- --ignored regenerate`
//   golden/compress_from_rust.zig — embeds the .in file, runs Zig's decompressors on every stream
//   golden/compress_from_rust.txt — Zig's verdict: "<kind> <input> <level> ok len=<n> crc=<crc32>"

const FROM_RUST_IN: &str = include_str!("../../golden/compress_from_rust.in");
const FROM_RUST_TXT: &str = include_str!("../../golden/compress_from_rust.txt");

fn from_rust_streams() -> String {
    use deflate::Compression as C;
    let levels: [(&str, C); 6] = [
        ("0", C::NoCompression),
        ("-2", C::HuffmanOnly),
        ("1", C::BestSpeed),
        ("4", C::Level(4)),
        ("-1", C::DefaultCompression),
        ("9", C::BestCompression),
    ];
    let mut out = String::new();
    for id in 0..7 {
        let inp = make_input(id);
        for (name, l) in levels {
            if id == 6 && !matches!(l, C::DefaultCompression | C::HuffmanOnly) {
                continue;
            }
            out += &format!(
                "deflate {} {} {}\n",
                id,
                name,
                hex(&deflate::compress(&inp, l))
            );
        }
        for (name, l) in [
            ("1", zlib::CompressionLevel::Fastest),
            ("2", zlib::CompressionLevel::Default),
        ] {
            out += &format!("zlib {} {} {}\n", id, name, hex(&zlib::compress(&inp, l)));
        }
        out += &format!(
            "gzip {} -1 {}\n",
            id,
            hex(&gzip::compress(&inp, C::DefaultCompression))
        );
        let mut c = deflate::compressor(Vec::new(), C::DefaultCompression);
        let half = inp.len() / 2;
        c.write(&inp[..half]).unwrap();
        c.flush().unwrap();
        c.write(&inp[half..]).unwrap();
        c.close().unwrap();
        out += &format!("deflate {} stream {}\n", id, hex(&c.into_inner()));
    }
    let big = make_input(7);
    out += &format!(
        "deflate 7 -1 {}\n",
        hex(&deflate::compress(&big, C::DefaultCompression))
    );
    out += &format!(
        "deflate 7 1 {}\n",
        hex(&deflate::compress(&big, C::BestSpeed))
    );
    out += &format!(
        "zlib 7 2 {}\n",
        hex(&zlib::compress(&big, zlib::CompressionLevel::Default))
    );
    out
}

#[test]
#[ignore = "writes golden/compress_from_rust.in; then run `zig run compress_from_rust.zig > compress_from_rust.txt`"]
fn regenerate() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../golden/compress_from_rust.in"
    );
    std::fs::write(path, from_rust_streams()).unwrap();
}

#[test]
fn zig_decompresses_our_streams() {
    // The committed streams are exactly what the compressor produces today ...
    let now = from_rust_streams();
    for (i, (g, w)) in now.lines().zip(FROM_RUST_IN.lines()).enumerate() {
        assert_eq!(
            g, w,
            "golden/compress_from_rust.in record {} is stale: the compressor changed; regenerate it \
             (cargo test --test compress -- --ignored regenerate) and rerun compress_from_rust.zig",
            i + 1
        );
    }
    assert_eq!(
        now.lines().count(),
        FROM_RUST_IN.lines().count(),
        "golden/compress_from_rust.in is stale"
    );
    // ... and Zig 0.11 decompressed every one of them to the original input.
    let mut n = 0;
    for (i, line) in FROM_RUST_TXT.lines().enumerate() {
        let f: Vec<&str> = line.split(' ').collect();
        let inp = make_input(f[1].parse().unwrap());
        let want = format!(
            "{} {} {} ok len={} crc={:x}",
            f[0],
            f[1],
            f[2],
            inp.len(),
            zig_std::hash::Crc32::hash(&inp)
        );
        assert_eq!(
            line,
            want,
            "golden/compress_from_rust.txt record {}: Zig rejected or mis-decoded our stream",
            i + 1
        );
        n += 1;
    }
    assert_eq!(
        n,
        FROM_RUST_IN.lines().count(),
        "compress_from_rust.txt and .in disagree in length"
    );
}

/// A reader that hands out one byte per `read` call.
struct OneByte<'a>(&'a [u8], usize);
impl zig_std::io::Reader for OneByte<'_> {
    fn read(&mut self, buf: &mut [u8]) -> zig_std::io::Result<usize> {
        if self.1 >= self.0.len() || buf.is_empty() {
            return Ok(0);
        }
        buf[0] = self.0[self.1];
        self.1 += 1;
        Ok(1)
    }
}

#[test]
fn streaming_readers() {
    let inp = make_input(7);
    let d = deflate::compress(&inp, deflate::Compression::DefaultCompression);
    let z = zlib::compress(&inp, zlib::CompressionLevel::Fastest);
    let g = gzip::compress(&inp, deflate::Compression::BestCompression);
    // small, odd-sized reads over a one-byte-at-a-time source; trailing bytes stay unread
    let mut dd = d.clone();
    dd.extend_from_slice(b"TAIL");
    let mut s = deflate::decompressor(OneByte(&dd, 0));
    let mut out = Vec::new();
    let mut buf = [0u8; 1000];
    loop {
        let n = s.read(&mut buf[..777]).unwrap();
        if n == 0 {
            break;
        }
        out.extend_from_slice(&buf[..n]);
    }
    assert_eq!(out, inp);
    assert_eq!(s.into_inner().1, d.len());
    let mut zs = zlib::decompress_stream(OneByte(&z, 0)).unwrap();
    assert_eq!(zs.read_to_end().unwrap(), inp);
    assert_eq!(zs.read(&mut buf).unwrap(), 0);
    let mut gs = gzip::decompress_stream(fixed_buffer_stream(&g[..])).unwrap();
    let mut all = Vec::new();
    std::io::Read::read_to_end(&mut gs, &mut all).unwrap();
    assert_eq!(all, inp);
    // as in Zig, data decoded before an error comes first, the error on the next read
    let cut = &d[..d.len() / 2];
    let mut s = deflate::decompressor(fixed_buffer_stream(cut));
    let mut got = 0;
    let err = loop {
        match s.read(&mut buf) {
            Ok(0) => panic!("truncated stream ended without error"),
            Ok(n) => got += n,
            Err(e) => break e,
        }
    };
    assert!(got > 0);
    assert_eq!(err, Error::UnexpectedEndOfStream);
    assert_eq!(s.close(), Some(Error::UnexpectedEndOfStream));
    assert_eq!(s.read(&mut buf), Err(Error::UnexpectedEndOfStream));
}
