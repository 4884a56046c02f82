// Golden outputs of std.io streams (Zig 0.11) for zig_std::io.
// Run: zig run io.zig > io.txt
const std = @import("std");

fn hex(b: []const u8) @TypeOf(std.fmt.fmtSliceHexLower("")) {
    return std.fmt.fmtSliceHexLower(b);
}

/// A reader that hands out at most one byte per read (exercises BufferedReader refills).
const OneByte = struct {
    str: []const u8,
    curr: usize = 0,
    const Reader = std.io.Reader(*OneByte, error{}, read);
    fn read(self: *OneByte, dest: []u8) error{}!usize {
        if (self.str.len <= self.curr or dest.len == 0) return 0;
        dest[0] = self.str[self.curr];
        self.curr += 1;
        return 1;
    }
    fn reader(self: *OneByte) Reader {
        return .{ .context = self };
    }
};

pub fn main() !void {
    var bw = std.io.bufferedWriter(std.io.getStdOut().writer());
    const out = bw.writer();

    // FixedBufferStream writes
    {
        var buf: [10]u8 = [_]u8{0} ** 10;
        var fbs = std.io.fixedBufferStream(&buf);
        const w = fbs.writer();
        try out.print("w0 {d}\n", .{try w.write("")});
        try out.print("w1 {d}\n", .{try w.write("abcdef")});
        try out.print("w2 {d}\n", .{try w.write("ghijkl")});
        try out.print("w3 {s}\n", .{if (w.write("x")) |_| "ok" else |e| @errorName(e)});
        try out.print("w4 {d}\n", .{try w.write("")});
        try out.print("written {s}\n", .{fbs.getWritten()});
        fbs.reset();
        try w.writeAll("12345");
        try out.print("wa1 {s}\n", .{if (w.writeAll("6789AB")) |_| "ok" else |e| @errorName(e)});
        try out.print("written {s} pos={d}\n", .{ fbs.getWritten(), fbs.pos });
        for ([_]u64{ 0, 3, 10, 11, 0xffffffffffffffff }) |p| {
            try fbs.seekTo(p);
            try out.print("seekTo {d} -> {d}\n", .{ p, try fbs.getPos() });
        }
        try fbs.seekTo(5);
        for ([_]i64{ -2, -100, 4, 100, std.math.minInt(i64), std.math.maxInt(i64), 0 }) |a| {
            try fbs.seekBy(a);
            try out.print("seekBy {d} -> {d}\n", .{ a, try fbs.getPos() });
        }
        try out.print("end {d}\n", .{try fbs.getEndPos()});
    }
    // ints
    {
        var buf: [64]u8 = [_]u8{0} ** 64;
        var fbs = std.io.fixedBufferStream(&buf);
        const w = fbs.writer();
        try w.writeInt(u16, 0x1234, .Big);
        try w.writeInt(u16, 0x1234, .Little);
        try w.writeInt(i32, -2, .Big);
        try w.writeInt(u64, 0x0102030405060708, .Little);
        try w.writeIntBig(u32, 0xdeadbeef);
        try w.writeIntLittle(i64, std.math.minInt(i64));
        try w.writeInt(u128, 0x0123456789abcdef0011223344556677, .Big);
        try w.writeByte(0x80);
        try w.writeByteNTimes('z', 3);
        try out.print("ints {s}\n", .{hex(fbs.getWritten())});
        var rs = std.io.fixedBufferStream(@as([]const u8, fbs.getWritten()));
        const r = rs.reader();
        try out.print("rints {x} {x} {d} {x} {x} {d} {x} {d} {d}\n", .{
            try r.readInt(u16, .Big),       try r.readInt(u16, .Little), try r.readInt(i32, .Big),
            try r.readInt(u64, .Little),    try r.readIntBig(u32),       try r.readIntLittle(i64),
            try r.readInt(u128, .Big),      try r.readByteSigned(),      try r.readByte(),
        });
        try out.print("rints2 {s}\n", .{if (r.readInt(u32, .Little)) |v| blk: {
            _ = v;
            break :blk "ok";
        } else |e| @errorName(e)});
        try out.print("afterfail pos={d}\n", .{rs.pos});
        rs.reset();
        try out.print("varint {x} {x} {x}\n", .{ try r.readVarInt(u64, .Big, 3), try r.readVarInt(u32, .Little, 2), try r.readVarInt(u16, .Big, 0) });
        try out.print("varint2 {s}\n", .{if (r.readVarInt(u64, .Little, 8)) |_| "ok" else |e| @errorName(e)});
    }
    // delimiters
    {
        const src = "line one\nshort\n\nexactly8\nthis line is too long\nlast";
        var fbs = std.io.fixedBufferStream(src);
        const r = fbs.reader();
        var i: usize = 0;
        while (i < 8) : (i += 1) {
            var buf: [9]u8 = undefined;
            if (r.readUntilDelimiter(&buf, '\n')) |line| {
                try out.print("rud {d} ok {s} pos={d}\n", .{ i, line, fbs.pos });
            } else |e| try out.print("rud {d} {s} pos={d}\n", .{ i, @errorName(e), fbs.pos });
        }
        fbs.reset();
        i = 0;
        while (i < 8) : (i += 1) {
            var buf: [9]u8 = undefined;
            if (r.readUntilDelimiterOrEof(&buf, '\n')) |line| {
                if (line) |l| {
                    try out.print("rudoe {d} ok {s} pos={d}\n", .{ i, l, fbs.pos });
                } else try out.print("rudoe {d} null pos={d}\n", .{ i, fbs.pos });
            } else |e| try out.print("rudoe {d} {s} pos={d}\n", .{ i, @errorName(e), fbs.pos });
        }
        fbs.reset();
        i = 0;
        const a = std.heap.page_allocator;
        while (i < 8) : (i += 1) {
            if (r.readUntilDelimiterOrEofAlloc(a, '\n', 12)) |line| {
                if (line) |l| {
                    try out.print("rudoea {d} ok {s} pos={d}\n", .{ i, l, fbs.pos });
                } else try out.print("rudoea {d} null pos={d}\n", .{ i, fbs.pos });
            } else |e| try out.print("rudoea {d} {s} pos={d}\n", .{ i, @errorName(e), fbs.pos });
        }
        fbs.reset();
        i = 0;
        while (i < 8) : (i += 1) {
            if (r.readUntilDelimiterAlloc(a, '\n', 12)) |l| {
                try out.print("ruda {d} ok {s} pos={d}\n", .{ i, l, fbs.pos });
            } else |e| try out.print("ruda {d} {s} pos={d}\n", .{ i, @errorName(e), fbs.pos });
        }
        fbs.reset();
        try r.skipUntilDelimiterOrEof('\n');
        try out.print("skipdelim pos={d}\n", .{fbs.pos});
        try out.print("isBytes {} {} pos={d}\n", .{ try r.isBytes("short"), try r.isBytes("\nX"), fbs.pos });
        try r.skipBytes(3, .{});
        try out.print("skip pos={d}\n", .{fbs.pos});
        try out.print("skipfail {s} pos={d}\n", .{ if (r.skipBytes(1000, .{})) |_| "ok" else |e| @errorName(e), fbs.pos });
        try r.skipUntilDelimiterOrEof('\n');
        try out.print("skipeof pos={d}\n", .{fbs.pos});
        try out.print("readByteEof {s}\n", .{if (r.readByte()) |_| "ok" else |e| @errorName(e)});
        fbs.reset();
        var nb: [5]u8 = undefined;
        try out.print("readAll {d}\n", .{try r.readAll(&nb)});
        var big: [100]u8 = undefined;
        try out.print("readAll2 {d}\n", .{try r.readAll(&big)});
        fbs.reset();
        try out.print("readNoEof {s}\n", .{if (r.readNoEof(&big)) |_| "ok" else |e| @errorName(e)});
        fbs.reset();
        const all = try r.readAllAlloc(a, 100);
        try out.print("readAllAlloc {d}\n", .{all.len});
        fbs.reset();
        try out.print("readAllAllocSmall {s}\n", .{if (r.readAllAlloc(a, 10)) |_| "ok" else |e| @errorName(e)});
    }
    // BufferedReader over a one-byte reader, small buffer
    {
        const text = "The quick brown fox jumps over the lazy dog";
        var ob = OneByte{ .str = text };
        var br = std.io.bufferedReaderSize(4, ob.reader());
        const r = br.reader();
        var b1: [10]u8 = undefined;
        const n1 = try r.read(&b1);
        try out.print("br1 {d} {s}\n", .{ n1, b1[0..n1] });
        var b2: [3]u8 = undefined;
        const n2 = try r.read(&b2);
        try out.print("br2 {d} {s}\n", .{ n2, b2[0..n2] });
        var lb: [20]u8 = undefined;
        try out.print("br3 {s}\n", .{(try r.readUntilDelimiterOrEof(&lb, ' ')).?});
        var rest: [100]u8 = undefined;
        const n3 = try r.read(&rest);
        try out.print("br4 {d} {s}\n", .{ n3, rest[0..n3] });
        try out.print("br5 {d}\n", .{try r.read(&rest)});
    }
    // BufferedWriter (small buffer) into a FixedBufferStream that overflows
    {
        var buf: [24]u8 = [_]u8{'.'} ** 24;
        var fbs = std.io.fixedBufferStream(&buf);
        var bwr = std.io.BufferedWriter(8, @TypeOf(fbs.writer())){ .unbuffered_writer = fbs.writer() };
        const w = bwr.writer();
        try w.writeAll("abc");
        try out.print("bw1 pos={d}\n", .{fbs.pos});
        try w.writeAll("defgh");
        try out.print("bw2 pos={d}\n", .{fbs.pos});
        try w.writeAll("i");
        try out.print("bw3 pos={d}\n", .{fbs.pos});
        try w.writeAll("0123456789");
        try out.print("bw4 pos={d} {s}\n", .{ fbs.pos, fbs.getWritten() });
        try w.writeAll("XY");
        try bwr.flush();
        try out.print("bw5 pos={d} {s}\n", .{ fbs.pos, fbs.getWritten() });
        try w.writeAll("long");
        try out.print("bw6 {s}\n", .{if (bwr.flush()) |_| "ok" else |e| @errorName(e)});
        try out.print("bw7 pos={d} {s}\n", .{ fbs.pos, fbs.getWritten() });
    }
    // StreamSource
    {
        var buf: [16]u8 = [_]u8{0} ** 16;
        var ss = std.io.StreamSource{ .buffer = std.io.fixedBufferStream(&buf) };
        try ss.writer().writeAll("Hello, World!");
        try out.print("ss1 {s}\n", .{ss.buffer.getWritten()});
        try out.print("ss2 {s}\n", .{if (ss.writer().writeAll("overflow")) |_| "ok" else |e| @errorName(e)});
        try ss.seekTo(7);
        var rb: [5]u8 = undefined;
        try ss.reader().readNoEof(&rb);
        try out.print("ss3 {s} pos={d} end={d}\n", .{ &rb, try ss.getPos(), try ss.getEndPos() });
        const cb = "const data";
        var cs = std.io.StreamSource{ .const_buffer = std.io.fixedBufferStream(cb) };
        try out.print("ss4 {s}\n", .{if (cs.writer().write("x")) |_| "ok" else |e| @errorName(e)});
        try cs.seekBy(6);
        var rb2: [10]u8 = undefined;
        const n = try cs.reader().read(&rb2);
        try out.print("ss5 {s}\n", .{rb2[0..n]});
    }
    // BitWriter / BitReader, both endians
    inline for ([_]std.builtin.Endian{ .Big, .Little }) |endian| {
        const en = if (endian == .Big) "big" else "little";
        var buf: [32]u8 = [_]u8{0} ** 32;
        var fbs = std.io.fixedBufferStream(&buf);
        var bwr = std.io.bitWriter(endian, fbs.writer());
        try bwr.writeBits(@as(u8, 5), 3);
        try bwr.writeBits(@as(u16, 0xabc), 12);
        try bwr.writeBits(@as(u8, 1), 1);
        try bwr.writeBits(@as(u32, 0xdeadbeef), 32);
        try bwr.writeBits(@as(u8, 0), 0);
        try bwr.writeBits(@as(u64, 0x123456789), 36);
        try bwr.writeBits(@as(u8, 0x3), 2);
        try bwr.writer().writeAll("AB");
        try bwr.writeBits(@as(u16, 0x7), 3);
        try bwr.writeBits(@as(u8, 0xff), 2); // value wider than bits
        try bwr.writeBits(@as(u8, 0x1), 1);
        try bwr.flushBits();
        try bwr.writer().writeAll("CD");
        try out.print("bitw {s} {s}\n", .{ en, hex(fbs.getWritten()) });
        var rs = std.io.fixedBufferStream(@as([]const u8, fbs.getWritten()));
        var br = std.io.bitReader(endian, rs.reader());
        var n: usize = undefined;
        try out.print("bitr {s}", .{en});
        try out.print(" {x}", .{try br.readBits(u8, 3, &n)});
        try out.print(":{d}", .{n});
        try out.print(" {x}", .{try br.readBits(u16, 12, &n)});
        try out.print(":{d}", .{n});
        try out.print(" {x}", .{try br.readBits(u8, 1, &n)});
        try out.print(" {x}", .{try br.readBits(u32, 32, &n)});
        try out.print(" {x}", .{try br.readBits(u8, 0, &n)});
        try out.print(":{d}", .{n});
        try out.print(" {x}", .{try br.readBits(u64, 36, &n)});
        try out.print(" {x}", .{try br.readBits(u8, 2, &n)});
        var two: [2]u8 = undefined;
        const got = try br.reader().read(&two);
        try out.print(" read={d}:{s}", .{ got, hex(two[0..got]) });
        try out.print(" {x}", .{try br.readBits(u16, 3, &n)});
        try out.print(" {x}", .{try br.readBits(u8, 3, &n)});
        br.alignToByte();
        try out.print(" {x}", .{try br.readBits(u8, 8, &n)});
        try out.print(" {x}", .{try br.readBits(u16, 11, &n)});
        try out.print(":{d}", .{n});
        try out.print(" {s}", .{if (br.readBitsNoEof(u8, 1)) |_| "ok" else |e| @errorName(e)});
        try out.print("\n", .{});
        // partial at EOF and odd widths
        var rs2 = std.io.fixedBufferStream(@as([]const u8, "\xa5\x3c\x0f"));
        var br2 = std.io.bitReader(endian, rs2.reader());
        try out.print("bitr2 {s}", .{en});
        for ([_]usize{ 1, 2, 5, 7, 4 }) |w| {
            try out.print(" {x}", .{try br2.readBits(u8, w, &n)});
            try out.print(":{d}", .{n});
        }
        try out.print(" {x}", .{try br2.readBits(u16, 16, &n)});
        try out.print(":{d}", .{n});
        try out.print("\n", .{});
    }
    try bw.flush();
}
