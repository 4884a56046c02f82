// Golden outputs of std.rand (Zig 0.11) for zig_std::rand.
// Run: zig run rand.zig > rand.txt
const std = @import("std");

const seeds = [_]u64{ 0, 1, 42, 0xdeadbeef, 0xffffffffffffffff };

pub fn main() !void {
    var bw = std.io.bufferedWriter(std.io.getStdOut().writer());
    const out = bw.writer();
    for (seeds) |seed| {
        {
            var p = std.rand.DefaultPrng.init(seed);
            try out.print("next {d}", .{seed});
            for (0..6) |_| try out.print(" {x}", .{p.next()});
            try out.print("\n", .{});
            p.jump();
            try out.print("jump {d} {x} {x}\n", .{ seed, p.next(), p.next() });
        }
        var prng = std.rand.DefaultPrng.init(seed);
        const r = prng.random();
        try out.print("int {d} u8={d} i8={d} u16={d} i16={d} u32={d} i32={d} u64={d} i64={d} u128={d} i128={d} usize={d} u1={d} u3={d} i5={d} u63={d} u65={d}\n", .{
            seed,        r.int(u8),   r.int(i8),  r.int(u16), r.int(i16), r.int(u32), r.int(i32),
            r.int(u64),  r.int(i64),  r.int(u128), r.int(i128), r.int(usize), r.int(u1), r.int(u3),
            r.int(i5),   r.int(u63),  r.int(u65),
        });
        try out.print("bool {d}", .{seed});
        for (0..16) |_| try out.print(" {}", .{r.boolean()});
        try out.print("\n", .{});
        // unsigned ranges
        const lts = [_]u64{ 1, 2, 3, 7, 10, 100, 1000, 0x7fffffff, 0x80000001, 0xffffffff, 0x100000000, 0xffffffffffffffff };
        try out.print("ult64 {d}", .{seed});
        for (lts) |lt| try out.print(" {d}", .{r.uintLessThan(u64, lt)});
        try out.print("\n", .{});
        try out.print("ult32 {d}", .{seed});
        for ([_]u32{ 1, 2, 3, 10, 1000, 0x80000001, 0xffffffff }) |lt| try out.print(" {d}", .{r.uintLessThan(u32, lt)});
        try out.print("\n", .{});
        try out.print("ult8 {d}", .{seed});
        for ([_]u8{ 1, 2, 3, 10, 200, 255 }) |lt| try out.print(" {d}", .{r.uintLessThan(u8, lt)});
        try out.print("\n", .{});
        try out.print("uam {d} {d} {d} {d} {d}\n", .{ seed, r.uintAtMost(u8, 255), r.uintAtMost(u16, 1000), r.uintAtMost(u64, 0xffffffffffffffff), r.uintAtMost(u32, 0) });
        try out.print("irlt {d}", .{seed});
        try out.print(" {d} {d} {d} {d} {d} {d} {d} {d} {d}", .{
            r.intRangeLessThan(i32, -5, 5),                r.intRangeLessThan(i8, -128, 127),
            r.intRangeLessThan(i64, std.math.minInt(i64), std.math.maxInt(i64)), r.intRangeLessThan(u32, 10, 20),
            r.intRangeLessThan(i16, -1, 0),                r.intRangeLessThan(usize, 0, 1000000),
            r.intRangeLessThan(i64, -1000000000000, 1000000000000), r.intRangeLessThan(u8, 0, 255),
            r.intRangeLessThan(i32, std.math.minInt(i32), std.math.maxInt(i32)),
        });
        try out.print("\n", .{});
        try out.print("iram {d}", .{seed});
        try out.print(" {d} {d} {d} {d} {d} {d} {d} {d}", .{
            r.intRangeAtMost(i32, -5, 5),                 r.intRangeAtMost(i8, -128, 127),
            r.intRangeAtMost(i64, std.math.minInt(i64), std.math.maxInt(i64)), r.intRangeAtMost(u32, 10, 20),
            r.intRangeAtMost(i16, 7, 7),                  r.intRangeAtMost(u64, 0, 0xffffffffffffffff),
            r.intRangeAtMost(u8, 1, 6),                   r.intRangeAtMost(i32, std.math.minInt(i32), std.math.maxInt(i32)),
        });
        try out.print("\n", .{});
        try out.print("f32 {d}", .{seed});
        for (0..8) |_| try out.print(" {x}", .{@as(u32, @bitCast(r.float(f32)))});
        try out.print("\n", .{});
        try out.print("f64 {d}", .{seed});
        for (0..8) |_| try out.print(" {x}", .{@as(u64, @bitCast(r.float(f64)))});
        try out.print("\n", .{});
        var arr: [20]u32 = undefined;
        for (&arr, 0..) |*a, i| a.* = @intCast(i);
        r.shuffle(u32, &arr);
        try out.print("shuffle {d}", .{seed});
        for (arr) |a| try out.print(" {d}", .{a});
        try out.print("\n", .{});
        var one = [_]u8{9};
        r.shuffle(u8, &one);
        var empty = [_]u8{};
        r.shuffle(u8, &empty);
        for ([_]usize{ 0, 1, 3, 8, 13 }) |n| {
            var b: [13]u8 = undefined;
            r.bytes(b[0..n]);
            try out.print("bytes {d} {d} {s}\n", .{ seed, n, std.fmt.fmtSliceHexLower(b[0..n]) });
        }
        try out.print("biased {d} {d} {d} {d} {d} {d} {d} {d} {d}\n", .{
            seed,                                     r.uintLessThanBiased(u8, 10),              r.uintLessThanBiased(u64, 1000000007),
            r.uintAtMostBiased(u16, 0xffff),          r.uintAtMostBiased(u32, 77),               r.intRangeLessThanBiased(i32, -100, 100),
            r.intRangeAtMostBiased(i64, -5, 5),       r.intRangeAtMostBiased(i8, -128, 127),     r.intRangeLessThanBiased(u64, 5, 0xffffffffffff),
        });
        try out.print("weighted {d}", .{seed});
        for (0..6) |_| try out.print(" {d}", .{r.weightedIndex(u32, &[_]u32{ 1, 0, 5, 10, 2 })});
        for (0..6) |_| try out.print(" {d}", .{r.weightedIndex(i16, &[_]i16{ 3, 1, 4, 1, 5 })});
        for (0..6) |_| try out.print(" {d}", .{r.weightedIndex(f64, &[_]f64{ 0.1, 0.0, 2.5, 1.25 })});
        for (0..6) |_| try out.print(" {d}", .{r.weightedIndex(f32, &[_]f32{ 1.0, 3.0 })});
        try out.print("\n", .{});
        try out.print("after {d} {d}\n", .{ seed, r.int(u64) });
    }
    try bw.flush();
}
