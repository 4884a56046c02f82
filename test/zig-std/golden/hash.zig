// Golden outputs of std.hash (Zig 0.11) for zig_std::hash.
// Run: zig run hash.zig > hash.txt
const std = @import("std");
const Wyhash = std.hash.Wyhash;

// Deterministic test data: xorshift32 bytes (golden.zig; mirrored in tests/hash.rs).
const fill = @import("golden.zig").fill;

const lens = [_]usize{ 0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 47, 48, 49, 63, 64, 65, 95, 96, 97, 100, 127, 128, 144, 145, 200, 1000, 5552, 5553, 20000 };
const chunks = [_]usize{ 1, 3, 7, 16, 47, 48, 49, 100 };
const seeds = [_]u64{ 0, 1, 0xdeadbeef, 0xffffffffffffffff };

fn autoH(comptime K: type, key: K) u64 {
    return std.hash_map.getAutoHashFn(K, void)({}, key);
}

pub fn main() !void {
    var bw = std.io.bufferedWriter(std.io.getStdOut().writer());
    const out = bw.writer();
    var data: [20000]u8 = undefined;
    fill(&data, 2463534242);
    for (lens) |n| {
        const d = data[0..n];
        try out.print("fnv {d} {x} {x}\n", .{ n, std.hash.Fnv1a_32.hash(d), std.hash.Fnv1a_64.hash(d) });
        try out.print("crc32 {d} {x}\n", .{ n, std.hash.Crc32.hash(d) });
        try out.print("adler {d} {x}", .{ n, std.hash.Adler32.hash(d) });
        for (chunks) |c| {
            var a = std.hash.Adler32.init();
            var cr = std.hash.Crc32.init();
            var i: usize = 0;
            while (i < n) : (i += c) {
                const e = @min(n, i + c);
                a.update(d[i..e]);
                cr.update(d[i..e]);
            }
            try out.print(" {x}/{x}", .{ a.final(), cr.final() });
        }
        try out.print("\n", .{});
        for (seeds) |seed| {
            try out.print("wy {d} {d} {x} {x}", .{ n, seed, Wyhash.hash(seed, d), blk: {
                var h = Wyhash.init(seed);
                h.update(d);
                break :blk h.final();
            } });
            for (chunks) |c| {
                var h = Wyhash.init(seed);
                var i: usize = 0;
                while (i < n) : (i += c) h.update(d[i..@min(n, i + c)]);
                try out.print(" {x}", .{h.final()});
            }
            // uneven split: 10 bytes, then the rest
            var h2 = Wyhash.init(seed);
            h2.update(d[0..@min(n, 10)]);
            h2.update(d[@min(n, 10)..]);
            try out.print(" {x}\n", .{h2.final()});
        }
        try out.print("strhash {d} {x}\n", .{ n, std.hash_map.hashString(d) });
    }
    // AutoContext / getAutoHashFn
    const ints = [_]i64{ 0, 1, -1, 255, 256, 65535, 0x7fffffff, -0x80000000, 0x7fffffffffffffff, -0x8000000000000000, 123456789 };
    for (ints) |v| {
        try out.print("auto {d} u8={x} u16={x} u32={x} u64={x} i32={x} i64={x} u128={x} usize={x}\n", .{
            v,
            autoH(u8, @as(u8, @truncate(@as(u64, @bitCast(v))))),
            autoH(u16, @as(u16, @truncate(@as(u64, @bitCast(v))))),
            autoH(u32, @as(u32, @truncate(@as(u64, @bitCast(v))))),
            autoH(u64, @as(u64, @bitCast(v))),
            autoH(i32, @as(i32, @truncate(v))),
            autoH(i64, v),
            autoH(u128, @as(u64, @bitCast(v))),
            autoH(usize, @as(usize, @bitCast(v))),
        });
    }
    try out.print("autobool {x} {x}\n", .{ autoH(bool, false), autoH(bool, true) });
    try out.print("autoarr {x} {x}\n", .{ autoH([4]u16, .{ 1, 2, 3, 0xffff }), autoH([3]u64, .{ 1, 2, 0xdeadbeef }) });
    const P = struct { a: u32, b: bool };
    try out.print("autostruct {x} {x}\n", .{ autoH(P, .{ .a = 7, .b = true }), autoH(P, .{ .a = 0xffffffff, .b = false }) });
    const Q = struct { a: u64, b: u8, c: ?u16 };
    try out.print("autoopt {x} {x}\n", .{ autoH(Q, .{ .a = 1, .b = 2, .c = 3 }), autoH(Q, .{ .a = 1, .b = 2, .c = null }) });
    // a padding-free auto-layout struct is hashed one-shot over its memory layout
    // (Zig 0.11 orders such fields by descending alignment)
    const S = struct { a: u16, b: u32, c: u16 };
    try out.print("autolayout {x}\n", .{autoH(S, .{ .a = 1, .b = 2, .c = 3 })});
    // slices, deep strategy
    for ([_]usize{ 0, 1, 5, 40 }) |n| {
        var words: [40]u32 = undefined;
        for (&words, 0..) |*w, i| w.* = @as(u32, @intCast(i)) *% 2654435761;
        var h = Wyhash.init(0);
        std.hash.autoHashStrat(&h, @as([]const u32, words[0..n]), .Deep);
        var h8 = Wyhash.init(0);
        std.hash.autoHashStrat(&h8, @as([]const u8, data[0..n]), .Deep);
        try out.print("autoslice {d} {x} {x}\n", .{ n, h.final(), h8.final() });
    }
    try bw.flush();
}
