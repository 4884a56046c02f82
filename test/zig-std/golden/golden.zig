// Shared helpers of the golden programs (not a program itself: no `main`; scripts/zig-std-golden.mjs skips it).
// A program imports it as a sibling file of its root source file:
//     const g = @import("golden.zig");
//     const p = g.p; const line = g.line; ...
// Everything a program prints through `p` goes to one buffer that `flush` writes to stdout at the end.
const std = @import("std");

// ---- golden output helpers (ascii, fmt, math, mem, sort, testing, unicode) ----
pub var out_buf = std.ArrayList(u8).init(std.heap.page_allocator);

pub fn p(comptime f: []const u8, args: anytype) void {
    out_buf.writer().print(f, args) catch unreachable;
}

/// One value in the canonical form the Rust side prints: integers in decimal, `error.Name`, `null`,
/// bytes as `x"hex"`, floats as their bit pattern (`nan` for any NaN).
pub fn val(v: anytype) void {
    const T = @TypeOf(v);
    switch (@typeInfo(T)) {
        .ErrorUnion => if (v) |x| val(x) else |e| p("error.{s}", .{@errorName(e)}),
        .ErrorSet => p("error.{s}", .{@errorName(v)}),
        .Optional => if (v) |x| val(x) else p("null", .{}),
        .Float => if (std.math.isNan(v)) p("nan", .{}) else switch (T) {
            f64 => p("f64:{x:0>16}", .{@as(u64, @bitCast(v))}),
            f32 => p("f32:{x:0>8}", .{@as(u32, @bitCast(v))}),
            else => @compileError("float type"),
        },
        .Int, .ComptimeInt => p("{d}", .{v}),
        .Bool => p("{}", .{v}),
        .Void => p("void", .{}),
        .Pointer => |info| switch (info.size) {
            .Slice => bytes(v),
            .One => val(v.*),
            else => @compileError("pointer"),
        },
        .Array => bytes(&v),
        .Enum => p("{s}", .{@tagName(v)}),
        else => @compileError("no golden form for " ++ @typeName(T)),
    }
}

pub fn bytes(b: []const u8) void {
    p("x\"{s}\"", .{std.fmt.fmtSliceHexLower(b)});
}

/// `name args => value` (args already printed by the caller with `p`).
pub fn line(comptime name: []const u8, v: anytype) void {
    p(" => ", .{});
    val(v);
    p("\n", .{});
    _ = name;
}

pub fn flush() void {
    std.io.getStdOut().writeAll(out_buf.items) catch unreachable;
}

/// SplitMix64: the seeded inputs (the Rust side has the same generator).
var rng_state: u64 = 0;
pub fn seed(s: u64) void {
    rng_state = s;
}
pub fn next() u64 {
    rng_state +%= 0x9E3779B97F4A7C15;
    var z = rng_state;
    z = (z ^ (z >> 30)) *% 0xBF58476D1CE4E5B9;
    z = (z ^ (z >> 27)) *% 0x94D049BB133111EB;
    return z ^ (z >> 31);
}

// ---- test data of crypto and hash ----
/// Deterministic test data: xorshift32 bytes (mirrored in tests/crypto.rs and tests/hash.rs).
pub fn fill(buf: []u8, init: u32) void {
    var x: u32 = init;
    for (buf) |*b| {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        b.* = @truncate(x);
    }
}
