// Golden outputs of std.fmt (Zig 0.11) for zig_std::fmt.
// Run: zig run fmt.zig > fmt.txt   (scripts/zig-std-golden.mjs regenerates every golden file)
// One line per case: `<function> <arguments> => <result>`; verify/tests/fmt.rs prints the same.
const std = @import("std");
const fmt = std.fmt;
const math = std.math;

// Output helpers shared by the golden programs: golden.zig.
const g = @import("golden.zig");
const p = g.p;
const line = g.line;
const flush = g.flush;
const seed = g.seed;
const next = g.next;

const int_inputs = [_][]const u8{
    "",                     "+",                    "-",                    "0",                 "-0",                    "+0",
    "1",                    "-1",                   "+1",                   "127",               "128",                   "-128",
    "-129",                 "255",                  "256",                  "0x10",              "0X1f",                  "0b101",
    "0B11",                 "0o17",                 "0O17",                 "0x",                "0b",                    "0o",
    "0x_1",                 "0x1_",                 "1_000",                "_1",                "1_",                    "1__0",
    "ff",                   "FF",                   "z",                    "Z",                 " 1",                    "1 ",
    "9223372036854775807",  "9223372036854775808",  "-9223372036854775808", "-9223372036854775809", "18446744073709551615", "18446744073709551616",
    "1023",                 "1024",                 "-4",                   "-5",                "3",                     "4",
    "0x7f",                 "-0x80",                "0001",                 "-0001",             "1e3",                   "\xd9\xa3",
    "+-1",                  "--1",                  "0x0x1",                "-0x",               "0b2",                   "0o8",
    "-1_0",                 "1.0",                  "00",                   "-00",               "0_0",                   "0xFFFFFFFFFFFFFFFF",
    "-0b1",                 "0z1",                  "10",                   "-10",               "7",                     "-8",
};
const bases = [_]u8{ 0, 10, 16, 2, 8, 36, 1, 37 };

fn parseInts(comptime T: type) void {
    for (int_inputs) |s| for (bases) |b| {
        p("parse_int {s} x\"{s}\" {d}", .{ @typeName(T), fmt.fmtSliceHexLower(s), b });
        line("", fmt.parseInt(T, s, b));
        p("parse_unsigned {s} x\"{s}\" {d}", .{ @typeName(T), fmt.fmtSliceHexLower(s), b });
        line("", fmt.parseUnsigned(T, s, b));
    };
}

const float_inputs = [_][]const u8{
    "",                        "+",                     "-",                       "0",                       "-0",                     "+0",
    "1",                       "-1",                    "1.5",                     "-1.5",                    ".5",                     "5.",
    ".",                       "-.",                    "1e10",                    "1E10",                    "1e+10",                  "1e-10",
    "1e",                      "1e+",                   "e5",                      "1.5e-5",                  "1_000.5",                "1__0",
    "_1",                      "1_",                    "1_.5",                    "1._5",                    "1e5_0",                  "1e_5",
    "inf",                     "-inf",                  "+inf",                    "INF",                     "Infinity",               "-infinity",
    "infin",                   "nan",                   "NaN",                     "-nan",                    "nan(1)",                 " 1",
    "1 ",                      "0x1p0",                 "0x1P0",                   "0X1p0",                   "0x1.8p1",                "-0x1.8p1",
    "0x.8p1",                  "0x1.p0",                "0xp0",                    "0x1p",                    "0x1p+2",                 "0x1p-2",
    "0x1_0p0",                 "0x1_p0",                "0x1",                     "0x1.8",                   "0xA.Bp3",                "0x1p-1074",
    "0x1p-1075",               "0x1.8p-1074",           "0x1p-1076",               "0x1p1023",                "0x1p1024",               "-0x1p1024",
    "0x1.fffffffffffffp1023",  "0x1.fffffffffffff8p1023", "0x1.0000000000001p0",   "0x1.00000000000008p0",    "0x1.00000000000018p0",  "0x1.000000000000081p0",
    "0x123456789abcdef0",      "0x123456789abcdef01",   "0x1.23456789abcdef01p0",  "0x0.0000000000000000001p0", "0x00000000000000000001p0", "0x1p-1022",
    "0x1.ffffffffffffep-1023", "0x1p-126",              "0x1p-149",                "0x1p-150",                "0x1.8p-149",             "0x1p128",
    "0x1.fffffep127",          "0x1.ffffffp127",        "1.7976931348623157e308",  "1.7976931348623158e308",  "1.7976931348623159e308", "2.2250738585072014e-308",
    "4.9406564584124654e-324", "2.4703282292062327e-324", "2.4703282292062328e-324", "1e-400",               "1e400",                  "0.1",
    "0.30000000000000004",     "9007199254740993",      "9007199254740992.5",      "123456789012345678901234567890", "0.000000000000000000000000000000001", "3.4028235e38",
    "3.4028236e38",            "1.17549435e-38",        "1.4e-45",                 "7e-46",                   "1e99999999999999",       "1e-99999999999999",
    "00000000000000000000000000001.5", "1.00000000000000000000000000001", "2.00000000000000011102230246251565404236316680908203125", "2.00000000000000011102230246251565404236316680908203124", "1_2_3.4_5e1_0", "0x1p1_0",
};

fn parseFloats() void {
    for (float_inputs) |s| {
        p("parse_float f64 x\"{s}\"", .{fmt.fmtSliceHexLower(s)});
        line("", fmt.parseFloat(f64, s));
        p("parse_float f32 x\"{s}\"", .{fmt.fmtSliceHexLower(s)});
        line("", fmt.parseFloat(f32, s));
    }
    seed(3);
    var buf: [64]u8 = undefined;
    var i: usize = 0;
    while (i < 300) : (i += 1) {
        // A random hex float: sign, 1 to 20 hex digits with a point somewhere, an exponent.
        var n: usize = 0;
        if (next() % 2 == 0) {
            buf[n] = '-';
            n += 1;
        }
        buf[n] = '0';
        buf[n + 1] = 'x';
        n += 2;
        const ndig = 1 + next() % 20;
        const point = next() % (ndig + 1);
        var d: usize = 0;
        while (d < ndig) : (d += 1) {
            if (d == point and d != 0) {
                buf[n] = '.';
                n += 1;
            }
            buf[n] = "0123456789abcdef"[next() % 16];
            n += 1;
        }
        const e = @as(i64, @intCast(next() % 2200)) - 1100;
        const written = fmt.bufPrint(buf[n..], "p{d}", .{e}) catch unreachable;
        n += written.len;
        p("parse_float f64 x\"{s}\"", .{fmt.fmtSliceHexLower(buf[0..n])});
        line("", fmt.parseFloat(f64, buf[0..n]));
        p("parse_float f32 x\"{s}\"", .{fmt.fmtSliceHexLower(buf[0..n])});
        line("", fmt.parseFloat(f32, buf[0..n]));
        // A random decimal: up to 25 digits, a point, an exponent.
        n = 0;
        const dd = 1 + next() % 25;
        const dp = next() % (dd + 1);
        d = 0;
        while (d < dd) : (d += 1) {
            if (d == dp) {
                buf[n] = '.';
                n += 1;
            }
            buf[n] = "0123456789"[next() % 10];
            n += 1;
        }
        const e10 = @as(i64, @intCast(next() % 700)) - 350;
        const w2 = fmt.bufPrint(buf[n..], "e{d}", .{e10}) catch unreachable;
        n += w2.len;
        p("parse_float f64 x\"{s}\"", .{fmt.fmtSliceHexLower(buf[0..n])});
        line("", fmt.parseFloat(f64, buf[0..n]));
        p("parse_float f32 x\"{s}\"", .{fmt.fmtSliceHexLower(buf[0..n])});
        line("", fmt.parseFloat(f32, buf[0..n]));
    }
}

fn digits() void {
    var c: u16 = 0;
    while (c < 256) : (c += 1) for ([_]u8{ 2, 10, 16, 36 }) |b| {
        p("char_to_digit {d} {d}", .{ c, b });
        line("", fmt.charToDigit(@intCast(c), b));
    };
    var d: u8 = 0;
    while (d < 36) : (d += 1) {
        p("digit_to_char {d} lower", .{d});
        line("", fmt.digitToChar(d, .lower));
        p("digit_to_char {d} upper", .{d});
        line("", fmt.digitToChar(d, .upper));
    }
}

fn floatText(x: f64) void {
    const b: u64 = @bitCast(x);
    p("{{}} {x} => [{}]\n", .{ b, x });
    p("{{d}} {x} => [{d}]\n", .{ b, x });
    p("{{e}} {x} => [{e}]\n", .{ b, x });
    p("{{d:.0}} {x} => [{d:.0}]\n", .{ b, x });
    p("{{d:.1}} {x} => [{d:.1}]\n", .{ b, x });
    p("{{d:.2}} {x} => [{d:.2}]\n", .{ b, x });
    p("{{d:.5}} {x} => [{d:.5}]\n", .{ b, x });
    p("{{e:.0}} {x} => [{e:.0}]\n", .{ b, x });
    p("{{e:.3}} {x} => [{e:.3}]\n", .{ b, x });
    p("{{x}} {x} => [{x}]\n", .{ b, x });
    p("{{x:.2}} {x} => [{x:.2}]\n", .{ b, x });
    p("{{x:.0}} {x} => [{x:.0}]\n", .{ b, x });
}

fn formats() void {
    const vs = [_]f64{ 0.0, -0.0, 1.0, -1.0, 0.1, 0.125, 0.375, 2.5, 3.5, 0.5, 1.005, 123.456, 1e21, 1e22, 1e-7, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, math.inf(f64), -math.inf(f64), math.nan(f64), 9.5, 99.5, 999.9999, 0.0000123456, 100.0, 1e100, 123456789.0, 0.3, 9007199254740993.0, 1.5e300, 16.0, 15.999, 4503599627370497.5, 0.999999, 9.999999e-5 };
    for (vs) |x| floatText(x);
    seed(5);
    var i: usize = 0;
    while (i < 300) : (i += 1) {
        floatText(@bitCast(next()));
        floatText(@as(f64, @floatFromInt(next() % 2000000)) / 1000.0);
        floatText(@as(f64, @floatFromInt(next() % 100000)) * math.pow(f64, 10.0, @as(f64, @floatFromInt(@as(i64, @intCast(next() % 40)) - 20))));
    }
    const fs = [_]f32{ 0.1, 1.0, 3.4028235e38, 1e-45, 16777217.0, 0.3, -2.5, 1.1754944e-38 };
    for (fs) |x| {
        const b: u32 = @bitCast(x);
        p("f32 {{}} {x} => [{}]\n", .{ b, x });
        p("f32 {{d}} {x} => [{d}]\n", .{ b, x });
        p("f32 {{e:.2}} {x} => [{e:.2}]\n", .{ b, x });
    }
    const is = [_]i64{ 0, 1, -1, 255, -255, 4096, math.maxInt(i64), math.minInt(i64), 35, -36 };
    for (is) |x| {
        p("int {d} => [{x}] [{X}] [{b}] [{o}] [{d}]\n", .{ x, x, x, x, x, x });
    }
    const u = [_]u64{ 0, math.maxInt(u64), 10 };
    for (u) |x| {
        p("uint {d} => [{x}] [{X}] [{b}] [{o}] [{d}]\n", .{ x, x, x, x, x, x });
    }
    p("any [] => [{any}]\n", .{@as([]const u8, &.{})});
    p("any [1,2,3] => [{any}]\n", .{@as([]const u8, &.{ 1, 2, 3 })});
    p("any [-1] => [{any}]\n", .{@as([]const i32, &.{-1})});
    p("hex lower => [{s}]\n", .{fmt.fmtSliceHexLower("\x00\xab\xff")});
    p("hex upper => [{s}]\n", .{fmt.fmtSliceHexUpper("\x00\xab\xff")});
    var small: [5]u8 = undefined;
    for ([_]usize{ 0, 3, 4, 5 }) |n| {
        p("buf_print {d}", .{n});
        line("", fmt.bufPrint(small[0..n], "ab{d}", .{12}));
    }
}

pub fn main() void {
    parseInts(i8);
    parseInts(u8);
    parseInts(i32);
    parseInts(u64);
    parseInts(u10);
    parseInts(i3);
    parseInts(u1);
    parseInts(i1);
    parseFloats();
    digits();
    formats();
    flush();
}
