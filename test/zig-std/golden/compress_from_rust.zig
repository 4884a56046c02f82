// Zig 0.11 decompresses streams produced by zig_std's compressor.
// compress_from_rust.in holds "<kind> <input> <level> <hex>" lines written by
//   (cd ../verify && cargo test --offline --test compress -- --ignored regenerate)
// Run: zig run compress_from_rust.zig > compress_from_rust.txt
// Output per stream: "<kind> <input> <level> ok len=<n> crc=<crc32 hex>" or "... err <Name>".
const std = @import("std");

const streams = @embedFile("compress_from_rust.in");

pub fn main() !void {
    var arena = std.heap.ArenaAllocator.init(std.heap.page_allocator);
    defer arena.deinit();
    const a = arena.allocator();
    var bw = std.io.bufferedWriter(std.io.getStdOut().writer());
    const out = bw.writer();
    var lines = std.mem.tokenizeScalar(u8, streams, '\n');
    while (lines.next()) |line| {
        var f = std.mem.splitScalar(u8, line, ' ');
        const kind = f.next().?;
        const id = f.next().?;
        const level = f.next().?;
        const h = f.next().?;
        const bytes = try a.alloc(u8, h.len / 2);
        _ = try std.fmt.hexToBytes(bytes, h);
        var fbs = std.io.fixedBufferStream(@as([]const u8, bytes));
        const res: anyerror![]u8 = blk: {
            if (std.mem.eql(u8, kind, "deflate")) {
                var d = try std.compress.deflate.decompressor(a, fbs.reader(), null);
                break :blk d.reader().readAllAlloc(a, 1 << 24);
            } else if (std.mem.eql(u8, kind, "zlib")) {
                var d = std.compress.zlib.decompressStream(a, fbs.reader()) catch |e| break :blk e;
                break :blk d.reader().readAllAlloc(a, 1 << 24);
            } else {
                var d = std.compress.gzip.decompress(a, fbs.reader()) catch |e| break :blk e;
                break :blk d.reader().readAllAlloc(a, 1 << 24);
            }
        };
        try out.print("{s} {s} {s} ", .{ kind, id, level });
        if (res) |data| {
            try out.print("ok len={d} crc={x}\n", .{ data.len, std.hash.Crc32.hash(data) });
        } else |e| try out.print("err {s}\n", .{@errorName(e)});
    }
    try bw.flush();
}
