// Golden outputs of std.crypto.hash Md5/Sha1/Sha256/Sha224 (Zig 0.11) for zig_std::crypto.
// Run: zig run crypto.zig > crypto.txt
const std = @import("std");
const hash = std.crypto.hash;

// Deterministic test data: xorshift32 bytes (golden.zig; mirrored in tests/crypto.rs).
const fill = @import("golden.zig").fill;

const lens = [_]usize{ 0, 1, 3, 55, 56, 57, 63, 64, 65, 111, 119, 120, 127, 128, 129, 1000, 4096, 10007 };
const chunks = [_]usize{ 1, 7, 63, 64, 65, 1000 };

fn line(out: anytype, comptime H: type, name: []const u8, n: usize, d: []const u8) !void {
    var oneshot: [H.digest_length]u8 = undefined;
    H.hash(d, &oneshot, .{});
    try out.print("{s} {d} {s}", .{ name, n, std.fmt.fmtSliceHexLower(&oneshot) });
    for (chunks) |c| {
        var h = H.init(.{});
        var i: usize = 0;
        while (i < n) : (i += c) h.update(d[i..@min(n, i + c)]);
        var o: [H.digest_length]u8 = undefined;
        h.final(&o);
        try out.print(" {s}", .{std.fmt.fmtSliceHexLower(o[0..4])});
    }
    try out.print("\n", .{});
}

pub fn main() !void {
    var bw = std.io.bufferedWriter(std.io.getStdOut().writer());
    const out = bw.writer();
    var data: [10007]u8 = undefined;
    fill(&data, 88172645);
    for (lens) |n| {
        const d = data[0..n];
        try line(out, hash.Md5, "md5", n, d);
        try line(out, hash.Sha1, "sha1", n, d);
        try line(out, hash.sha2.Sha256, "sha256", n, d);
        try line(out, hash.sha2.Sha224, "sha224", n, d);
    }
    const texts = [_][]const u8{ "", "a", "abc", "message digest", "The quick brown fox jumps over the lazy dog", "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq" };
    for (texts, 0..) |t, i| {
        var m: [16]u8 = undefined;
        var s1: [20]u8 = undefined;
        var s2: [32]u8 = undefined;
        hash.Md5.hash(t, &m, .{});
        hash.Sha1.hash(t, &s1, .{});
        hash.sha2.Sha256.hash(t, &s2, .{});
        try out.print("text {d} {s} {s} {s}\n", .{ i, std.fmt.fmtSliceHexLower(&m), std.fmt.fmtSliceHexLower(&s1), std.fmt.fmtSliceHexLower(&s2) });
    }
    // peek mid-stream then continue
    var h = hash.sha2.Sha256.init(.{});
    h.update("hello ");
    const p = h.peek();
    h.update("world");
    try out.print("peek {s} {s}\n", .{ std.fmt.fmtSliceHexLower(&p), std.fmt.fmtSliceHexLower(&h.finalResult()) });
    // a million 'a' (FIPS 180 long vector)
    var big = hash.Sha1.init(.{});
    var m5 = hash.Md5.init(.{});
    var s256 = hash.sha2.Sha256.init(.{});
    const as = [_]u8{'a'} ** 1000;
    for (0..1000) |_| {
        big.update(&as);
        m5.update(&as);
        s256.update(&as);
    }
    var mo: [16]u8 = undefined;
    m5.final(&mo);
    try out.print("million {s} {s} {s}\n", .{ std.fmt.fmtSliceHexLower(&mo), std.fmt.fmtSliceHexLower(&big.finalResult()), std.fmt.fmtSliceHexLower(&s256.finalResult()) });
    try bw.flush();
}
