// Golden outputs of std.math and the arithmetic builtins (Zig 0.11) for zig_std::math.
// Run: zig run math.zig > math.txt   (scripts/zig-std-golden.mjs regenerates every golden file)
// One line per case: `<function> <type> <arguments> => <result>`; verify/tests/math.rs prints the same.
const std = @import("std");
const math = std.math;

// Output helpers shared by the golden programs: golden.zig.
const g = @import("golden.zig");
const p = g.p;
const line = g.line;
const flush = g.flush;
const seed = g.seed;
const next = g.next;

/// Edge values of T: these candidates, in this order, where they fit (the Rust side filters the same way).
fn intEdges(comptime T: type) std.BoundedArray(T, 16) {
    const max: i128 = math.maxInt(T);
    const min: i128 = math.minInt(T);
    const candidates = [_]i128{ 0, 1, -1, 2, -2, 3, 7, max, min, max - 1, min + 1, @divFloor(max, 2), @divFloor(max, 2) + 1 };
    var out = std.BoundedArray(T, 16){};
    for (candidates) |c| {
        if (math.cast(T, c)) |v| out.appendAssumeCapacity(v);
    }
    return out;
}

fn checked(comptime T: type) void {
    const edges = intEdges(T);
    const e = edges.slice();
    for (e) |a| for (e) |b| {
        p("add {s} {d} {d}", .{ @typeName(T), a, b });
        line("", math.add(T, a, b));
        p("sub {s} {d} {d}", .{ @typeName(T), a, b });
        line("", math.sub(T, a, b));
        p("mul {s} {d} {d}", .{ @typeName(T), a, b });
        line("", math.mul(T, a, b));
        p("wrap {s} {d} {d}", .{ @typeName(T), a, b });
        line("", a +% b);
        p("wrapmul {s} {d} {d}", .{ @typeName(T), a, b });
        line("", a *% b);
        p("sat {s} {d} {d}", .{ @typeName(T), a, b });
        line("", a +| b);
        p("satsub {s} {d} {d}", .{ @typeName(T), a, b });
        line("", a -| b);
        p("div_trunc {s} {d} {d}", .{ @typeName(T), a, b });
        line("", math.divTrunc(T, a, b));
        p("div_floor {s} {d} {d}", .{ @typeName(T), a, b });
        line("", math.divFloor(T, a, b));
        if (@bitSizeOf(T) > 1) {
            p("div_ceil {s} {d} {d}", .{ @typeName(T), a, b });
            line("", math.divCeil(T, a, b));
        }
        p("div_exact {s} {d} {d}", .{ @typeName(T), a, b });
        line("", math.divExact(T, a, b));
        p("mod {s} {d} {d}", .{ @typeName(T), a, b });
        line("", math.mod(T, a, b));
        p("rem {s} {d} {d}", .{ @typeName(T), a, b });
        line("", math.rem(T, a, b));
        if (b > 0) {
            p("@mod {s} {d} {d}", .{ @typeName(T), a, b });
            line("", @mod(a, b));
            p("@rem {s} {d} {d}", .{ @typeName(T), a, b });
            line("", @rem(a, b));
        }
    };
    for (e) |a| {
        p("negate {s} {d}", .{ @typeName(T), a });
        line("", math.negate(a));
        if (@typeInfo(T).Int.signedness == .signed) {
            p("abs_int {s} {d}", .{ @typeName(T), a });
            line("", math.absInt(a));
        }
        var s: i8 = -9;
        while (s <= 9) : (s += 1) {
            p("shl {s} {d} {d}", .{ @typeName(T), a, s });
            line("", math.shl(T, a, s));
            p("shr {s} {d} {d}", .{ @typeName(T), a, s });
            line("", math.shr(T, a, s));
        }
        const bits: i32 = @bitSizeOf(T);
        for ([_]i32{ 0, 1, 2, 3, @divFloor(bits, 2), bits - 2, bits - 1 }) |kk| {
            if (kk < 0 or kk >= bits) continue;
            const k: math.Log2Int(T) = @intCast(kk);
            p("shl_exact {s} {d} {d}", .{ @typeName(T), a, k });
            line("", math.shlExact(T, a, k));
        }
        if (a > 0) {
            p("is_power_of_two {s} {d}", .{ @typeName(T), a });
            line("", math.isPowerOfTwo(a));
        }
    }
}

fn powis(comptime T: type) void {
    const xs = [_]i128{ 0, 1, -1, 2, -2, 3, -3, 7, 15, 16, 5, 10, math.maxInt(T), math.minInt(T) };
    const ys = [_]i128{ 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, -1, -2, 30, math.maxInt(T) };
    for (xs) |xc| for (ys) |yc| {
        const x = math.cast(T, xc) orelse continue;
        const y = math.cast(T, yc) orelse continue;
        p("powi {s} {d} {d}", .{ @typeName(T), x, y });
        line("", math.powi(T, x, y));
    };
}

fn casts(comptime T: type) void {
    const vs = [_]i64{ 0, 1, -1, 127, 128, -128, -129, 255, 256, 1023, 1024, -16, -17, 15, 16, 65535, 65536, math.maxInt(i64), math.minInt(i64) };
    for (vs) |v| {
        p("cast {s} {d}", .{ @typeName(T), v });
        line("", math.cast(T, v));
    }
}

fn oddWidth(comptime T: type) void {
    checked(T);
    casts(T);
    var v: i64 = -70;
    while (v <= 70) : (v += 7) {
        p("truncate {s} {d}", .{ @typeName(T), v });
        if (@typeInfo(T).Int.signedness == .signed) {
            line("", @as(T, @truncate(v)));
        } else {
            line("", @as(T, @truncate(@as(u64, @bitCast(v)))));
        }
    }
}

fn floats() void {
    const vs = [_]f64{ 5.0, -5.0, 3.0, -3.0, 0.0, -0.0, 0.5, -0.5, 6.0, -6.0, 2.5, -7.25, 1e300, -1e-300, 1e-310, math.inf(f64), -math.inf(f64), math.nan(f64), 10.0, 0.1 };
    for (vs) |a| for (vs) |b| {
        p("f64 mod {x} {x}", .{ @as(u64, @bitCast(a)), @as(u64, @bitCast(b)) });
        line("", math.mod(f64, a, b));
        p("f64 rem {x} {x}", .{ @as(u64, @bitCast(a)), @as(u64, @bitCast(b)) });
        line("", math.rem(f64, a, b));
        p("f64 div_trunc {x} {x}", .{ @as(u64, @bitCast(a)), @as(u64, @bitCast(b)) });
        line("", math.divTrunc(f64, a, b));
        p("f64 div_floor {x} {x}", .{ @as(u64, @bitCast(a)), @as(u64, @bitCast(b)) });
        line("", math.divFloor(f64, a, b));
        p("f64 div_exact {x} {x}", .{ @as(u64, @bitCast(a)), @as(u64, @bitCast(b)) });
        line("", math.divExact(f64, a, b));
        if (b != 0) {
            p("f64 @mod {x} {x}", .{ @as(u64, @bitCast(a)), @as(u64, @bitCast(b)) });
            line("", @mod(a, b));
            p("f64 @rem {x} {x}", .{ @as(u64, @bitCast(a)), @as(u64, @bitCast(b)) });
            line("", @rem(a, b));
            p("f64 @divFloor {x} {x}", .{ @as(u64, @bitCast(a)), @as(u64, @bitCast(b)) });
            line("", @divFloor(a, b));
            p("f64 @divTrunc {x} {x}", .{ @as(u64, @bitCast(a)), @as(u64, @bitCast(b)) });
            line("", @divTrunc(a, b));
        }
    };
    const bases = [_]f64{ 0.0, -0.0, 1.0, -1.0, 2.0, -2.0, 0.5, 10.0, 1.5, -1.5, 3.7, 1e10, 1e-10, math.inf(f64), -math.inf(f64), math.nan(f64), 7.0, 0.999 };
    const exps = [_]f64{ 0.0, 1.0, -1.0, 2.0, -2.0, 3.0, 0.5, -0.5, 1.5, 2.25, 10.0, -10.0, 100.0, 1e5, 0.1, math.inf(f64), -math.inf(f64), math.nan(f64), 53.0, 1075.0, -1075.0, 1023.0 };
    for (bases) |x| for (exps) |y| {
        p("f64 pow {x} {x}", .{ @as(u64, @bitCast(x)), @as(u64, @bitCast(y)) });
        line("", math.pow(f64, x, y));
    };
    const logs = [_]f64{ 0.0, -0.0, 1.0, 2.0, 3.0, 0.5, 10.0, 1e-310, 5e-324, 1e300, -1.0, math.inf(f64), -math.inf(f64), math.nan(f64), 1.0000000000000002, 0.9999999999999999, 1024.0, 1023.0 };
    for (logs) |x| {
        p("f64 log2 {x}", .{@as(u64, @bitCast(x))});
        line("", math.log2(x));
    }
    seed(11);
    var i: usize = 0;
    while (i < 300) : (i += 1) {
        const bits = next();
        const x: f64 = @bitCast(bits & 0x7fff_ffff_ffff_ffff);
        p("f64 log2 {x}", .{@as(u64, @bitCast(x))});
        line("", math.log2(x));
        const y = @as(f64, @floatFromInt(next() % 2001)) / 100.0 - 10.0;
        const b = @as(f64, @floatFromInt(next() % 1000)) / 100.0;
        p("f64 pow {x} {x}", .{ @as(u64, @bitCast(b)), @as(u64, @bitCast(y)) });
        line("", math.pow(f64, b, y));
        const yi = @as(f64, @floatFromInt(@as(i64, @intCast(next() % 200)) - 100));
        p("f64 pow {x} {x}", .{ @as(u64, @bitCast(b)), @as(u64, @bitCast(yi)) });
        line("", math.pow(f64, b, yi));
        const e = @as(i32, @intCast(next() % 2300)) - 1150;
        p("f64 ldexp {x} {d}", .{ @as(u64, @bitCast(x)), e });
        line("", math.ldexp(x, e));
    }
}

fn ints() void {
    const us = [_]u32{ 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 255, 256, 1 << 31, math.maxInt(u32), (1 << 31) + 1, 1000, 1024 };
    for (us) |x| {
        p("log2_int u32 {d}", .{x});
        line("", math.log2_int(u32, x));
        p("log2_int_ceil u32 {d}", .{x});
        line("", math.log2_int_ceil(u32, x));
        p("log2 u32 {d}", .{x});
        line("", math.log2(x));
    }
    var b: u8 = 0;
    while (true) : (b += 1) {
        p("sqrt u8 {d}", .{b});
        line("", math.sqrt(b));
        if (b == 255) break;
    }
    seed(7);
    var i: usize = 0;
    while (i < 200) : (i += 1) {
        const x = next() >> @as(u6, @intCast(next() % 64));
        p("sqrt u64 {d}", .{x});
        line("", math.sqrt(x));
        const y: u10 = @truncate(next());
        p("sqrt u10 {d}", .{y});
        line("", math.sqrt(y));
        p("log2_int u64 {d}", .{x | 1});
        line("", math.log2_int(u64, x | 1));
    }
    const maxs = [_]u64{ math.maxInt(u64), math.maxInt(u64) - 1, 1 << 63, (1 << 32) * (1 << 32 - 1) };
    for (maxs) |x| {
        p("sqrt u64 {d}", .{x});
        line("", math.sqrt(x));
    }
}

fn widths() void {
    comptime var bits: u16 = 0;
    inline while (bits <= 128) : (bits += 1) {
        p("max_int u{d}", .{bits});
        line("", math.maxInt(std.meta.Int(.unsigned, bits)));
        p("max_int i{d}", .{bits});
        line("", math.maxInt(std.meta.Int(.signed, bits)));
        p("min_int i{d}", .{bits});
        line("", math.minInt(std.meta.Int(.signed, bits)));
    }
}

pub fn main() void {
    checked(i8);
    checked(u8);
    checked(i32);
    checked(u64);
    oddWidth(u10);
    oddWidth(i5);
    oddWidth(u1);
    oddWidth(i1);
    oddWidth(u63);
    casts(u8);
    casts(i8);
    casts(u16);
    casts(u64);
    powis(i8);
    powis(u8);
    powis(i32);
    powis(u10);
    powis(i5);
    floats();
    ints();
    widths();
    flush();
}
