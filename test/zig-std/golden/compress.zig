// Golden outputs of std.compress deflate/zlib/gzip (Zig 0.11) for zig_std::compress.
// Run: zig run compress.zig > compress.txt
//
// Records:
//   zdeflate <input> <level> <hex>  raw deflate produced by Zig's compressor for test input <input>
//   zzlib <input> <level> <hex>     zlib stream produced by Zig
//   inflate <hex> <result>          Zig's raw-deflate decompressor on <hex>: "ok <hex-out>" or "err <Name>"
//   zlibd <hex> <result>            same for zlib.decompressStream
//   gzipd <hex> <result>            same for gzip.decompress
const std = @import("std");
const deflate = std.compress.deflate;
const zlib = std.compress.zlib;
const gzip = std.compress.gzip;

const Gen = struct {
    x: u32,
    fn next(g: *Gen) u32 {
        g.x ^= g.x << 13;
        g.x ^= g.x >> 17;
        g.x ^= g.x << 5;
        return g.x;
    }
};

const words = [_][]const u8{ "the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "zig", "rust", "deflate", "huffman", "window", "\n" };

/// Test inputs, mirrored in tests/compress.rs.
fn makeInput(a: std.mem.Allocator, id: usize) ![]u8 {
    var list = std.ArrayList(u8).init(a);
    var g = Gen{ .x = 2463534242 };
    switch (id) {
        0 => {},
        1 => try list.append('a'),
        2 => try list.appendSlice("hello hello hello hello"),
        3 => try list.appendNTimes('a', 1000),
        4 => for (0..600) |_| try list.append(@truncate(g.next())),
        5 => while (list.items.len < 5000) {
            try list.appendSlice(words[g.next() % words.len]);
            try list.append(' ');
        },
        6 => while (list.items.len < 20000) {
            if (g.next() % 200 == 0) {
                for (0..300) |_| try list.append(@truncate(g.next()));
            } else {
                try list.appendSlice(words[g.next() % words.len]);
                try list.append(' ');
            }
        },
        else => unreachable,
    }
    return list.toOwnedSlice();
}

const levels = [_]deflate.Compression{ .no_compression, .huffman_only, .best_speed, .level_4, .default_compression, .best_compression };

fn inflateCase(out: anytype, a: std.mem.Allocator, kind: []const u8, input: []const u8) !void {
    try out.print("{s} {s} ", .{ kind, std.fmt.fmtSliceHexLower(input) });
    var fbs = std.io.fixedBufferStream(input);
    const res: anyerror![]u8 = blk: {
        if (std.mem.eql(u8, kind, "inflate")) {
            var d = deflate.decompressor(a, fbs.reader(), null) catch |e| break :blk e;
            defer d.deinit();
            break :blk d.reader().readAllAlloc(a, 1 << 20);
        } else if (std.mem.eql(u8, kind, "zlibd")) {
            var d = zlib.decompressStream(a, fbs.reader()) catch |e| break :blk e;
            defer d.deinit();
            break :blk d.reader().readAllAlloc(a, 1 << 20);
        } else {
            var d = gzip.decompress(a, fbs.reader()) catch |e| break :blk e;
            defer d.deinit();
            break :blk d.reader().readAllAlloc(a, 1 << 20);
        }
    };
    if (res) |data| {
        try out.print("ok {s} consumed={d}\n", .{ std.fmt.fmtSliceHexLower(data), fbs.pos });
    } else |e| {
        try out.print("err {s}\n", .{@errorName(e)});
    }
}

fn unhex(a: std.mem.Allocator, h: []const u8) ![]u8 {
    const b = try a.alloc(u8, h.len / 2);
    _ = try std.fmt.hexToBytes(b, h);
    return b;
}

pub fn main() !void {
    var arena = std.heap.ArenaAllocator.init(std.heap.page_allocator);
    defer arena.deinit();
    const a = arena.allocator();
    var bw = std.io.bufferedWriter(std.io.getStdOut().writer());
    const out = bw.writer();

    // 1. Zig-compressed streams of every input at every level.
    for (0..7) |id| {
        const input = try makeInput(a, id);
        for (levels) |lvl| {
            if (id == 6 and lvl == .no_compression) continue; // keep the file small
            var buf = std.ArrayList(u8).init(a);
            var c = try deflate.compressor(a, buf.writer(), .{ .level = lvl });
            try c.writer().writeAll(input);
            try c.close();
            c.deinit();
            try out.print("zdeflate {d} {d} {s}\n", .{ id, @intFromEnum(lvl), std.fmt.fmtSliceHexLower(buf.items) });
        }
        for ([_]zlib.CompressionLevel{ .no_compression, .fastest, .default, .maximum }) |lvl| {
            if (id == 6 and lvl != .default) continue;
            var buf = std.ArrayList(u8).init(a);
            var c = try zlib.compressStream(a, buf.writer(), .{ .level = lvl });
            try c.writer().writeAll(input);
            try c.finish();
            c.deinit();
            try out.print("zzlib {d} {d} {s}\n", .{ id, @intFromEnum(lvl), std.fmt.fmtSliceHexLower(buf.items) });
        }
    }

    // 2. Decompressor verdicts on hand-made and mutated streams.
    const fixed_cases = [_][]const u8{
        "", "00", "01", "0100", "010000ffff", "010100feff41", "010100feff", "010100feff4142", "0100000000", "0000000000",
        "0001000000", "07", "06", "0300", "030000", "4b040000", "4b4c4a0600", "4b4c4a06", "cb48cdc9c95728cf2fca490100", "7301",
        // from Zig's decompressor tests
        "9590", "95903d6fc230108686f330", "953000000000000030", "9530303030", "05303030", "05ea0109000000010005cbf2e0900", "05e00141000000001005cbf2e", "05e00109000000001005cbf2ece",
        // dynamic header limits: nlit > 286, ndist > 30
        "fd07", "ed0f", "e50f", "1d00",
        // distance too far
        "630001", "62000200", "0b01", "2b4e0403",
    };
    for (fixed_cases) |h| try inflateCase(out, a, "inflate", try unhex(a, if (h.len % 2 == 1) h[0 .. h.len - 1] else h));

    // mutations of small streams: every truncation and every single-byte corruption
    const bases = [_][]const u8{ "hello hello hello hello", "abcabcabcabcabcabcabcabc_xyz_the quick brown fox" };
    var g = Gen{ .x = 7 };
    for (bases, 0..) |base, bi| {
        for ([_]deflate.Compression{ .best_speed, .huffman_only, .no_compression, .best_compression }) |lvl| {
            var buf = std.ArrayList(u8).init(a);
            var c = try deflate.compressor(a, buf.writer(), .{ .level = lvl });
            try c.writer().writeAll(base);
            try c.close();
            c.deinit();
            const s = buf.items;
            for (0..s.len + 1) |n| try inflateCase(out, a, "inflate", s[0..n]);
            for (0..s.len) |i| {
                const m = try a.dupe(u8, s);
                m[i] ^= @as(u8, 1) << @as(u3, @truncate(g.next()));
                try inflateCase(out, a, "inflate", m);
                const m2 = try a.dupe(u8, s);
                m2[i] = @truncate(g.next());
                try inflateCase(out, a, "inflate", m2);
            }
            _ = bi;
        }
        // random garbage streams
        for (0..60) |_| {
            const n = g.next() % 24;
            const m = try a.alloc(u8, n);
            for (m) |*b| b.* = @truncate(g.next());
            try inflateCase(out, a, "inflate", m);
        }
    }
    // zlib framing
    {
        var buf = std.ArrayList(u8).init(a);
        var c = try zlib.compressStream(a, buf.writer(), .{});
        try c.writer().writeAll("zlib framing test zlib framing test");
        try c.finish();
        c.deinit();
        const s = buf.items;
        for (0..s.len + 1) |n| try inflateCase(out, a, "zlibd", s[0..n]);
        for (0..s.len) |i| {
            const m = try a.dupe(u8, s);
            m[i] ^= @as(u8, 1) << @as(u3, @truncate(g.next()));
            try inflateCase(out, a, "zlibd", m);
        }
        const extra = [_][]const u8{ "7801", "7800", "7802", "7901", "88", "789c", "789c0300", "789c030000000001", "789c03000000000100", "789c030000000001ff", "78bb", "78da030000000001", "58850300000000010", "f8c1030000000001", "08dd030000000001", "7820030000000001" };
        for (extra) |h| try inflateCase(out, a, "zlibd", try unhex(a, if (h.len % 2 == 1) h[0 .. h.len - 1] else h));
    }
    // gzip framing (Zig 0.11 has no gzip compressor: streams are hand-built)
    {
        const payload = "gzip framing test";
        var dbuf = std.ArrayList(u8).init(a);
        var c = try deflate.compressor(a, dbuf.writer(), .{});
        try c.writer().writeAll(payload);
        try c.close();
        c.deinit();
        var crc_tail: [8]u8 = undefined;
        std.mem.writeIntLittle(u32, crc_tail[0..4], std.hash.Crc32.hash(payload));
        std.mem.writeIntLittle(u32, crc_tail[4..8], payload.len);
        const headers = [_][]const u8{
            "1f8b08000000000000ff",
            "1f8b0800d2029649000b",
            "1f8b0808000000000003666f6f2e74787400", // FNAME foo.txt
            "1f8b0810000000000003636f6d6d656e7400", // FCOMMENT
            "1f8b080400000000000305006162636465", // FEXTRA len 5
            "1f8b081c00000000000304006162636466696c6500636f6d6d00", // EXTRA+NAME+COMMENT
        };
        for (headers) |hh| {
            const hdr = try unhex(a, hh);
            var s = std.ArrayList(u8).init(a);
            try s.appendSlice(hdr);
            try s.appendSlice(dbuf.items);
            try s.appendSlice(&crc_tail);
            try inflateCase(out, a, "gzipd", s.items);
            // FHCRC variants: correct and wrong CRC16 of the header
            var h2 = try a.dupe(u8, hdr);
            h2[3] |= 2;
            const hc: u16 = @truncate(std.hash.Crc32.hash(h2));
            for ([_]u16{ hc, hc ^ 1 }) |crc16| {
                var s2 = std.ArrayList(u8).init(a);
                try s2.appendSlice(h2);
                try s2.writer().writeIntLittle(u16, crc16);
                try s2.appendSlice(dbuf.items);
                try s2.appendSlice(&crc_tail);
                try inflateCase(out, a, "gzipd", s2.items);
            }
        }
        var s = std.ArrayList(u8).init(a);
        try s.appendSlice(try unhex(a, headers[0]));
        try s.appendSlice(dbuf.items);
        try s.appendSlice(&crc_tail);
        for (0..s.items.len) |n| try inflateCase(out, a, "gzipd", s.items[0..n]);
        for (0..s.items.len) |i| {
            const m = try a.dupe(u8, s.items);
            m[i] ^= @as(u8, 1) << @as(u3, @truncate(g.next()));
            try inflateCase(out, a, "gzipd", m);
        }
        // over-long file name
        var long = std.ArrayList(u8).init(a);
        try long.appendSlice(try unhex(a, "1f8b08080000000000ff"));
        try long.appendNTimes('n', 1030);
        try long.append(0);
        try long.appendSlice(dbuf.items);
        try long.appendSlice(&crc_tail);
        try inflateCase(out, a, "gzipd", long.items);
        // name of exactly 1024 bytes
        long.clearRetainingCapacity();
        try long.appendSlice(try unhex(a, "1f8b08080000000000ff"));
        try long.appendNTimes('n', 1024);
        try long.append(0);
        try long.appendSlice(dbuf.items);
        try long.appendSlice(&crc_tail);
        try inflateCase(out, a, "gzipd", long.items);
    }
    try bw.flush();
}
