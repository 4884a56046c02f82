// Golden outputs of std.testing (Zig 0.11) for zig_std::testing.
// Run: zig run testing.zig > testing.txt 2> testing.stderr.txt
// stdout: one line per check with the error it returns; stderr: each check's message after a `#case <n>`
// line (scripts/zig-std-golden.mjs keeps stderr as testing.stderr.txt because this program writes to it).
const std = @import("std");
const testing = std.testing;

// Output helpers shared by the golden programs: golden.zig.
const g = @import("golden.zig");
const p = g.p;
const line = g.line;
const flush = g.flush;

var case: usize = 0;

fn start(comptime name: []const u8) void {
    case += 1;
    std.debug.print("#case {d}\n", .{case});
    p("{d} {s}", .{ case, name });
}

fn done(r: anyerror!void) void {
    line("", r);
}

const E = error{ Overflow, InvalidCharacter, EndOfStream };

fn failing(e: E) E!u32 {
    return e;
}

fn ok(v: u32) E!u32 {
    return v;
}

pub fn main() void {
    testing.log_level = .err;
    start("expect true");
    done(testing.expect(true));
    start("expect false");
    done(testing.expect(false));
    const ints = [_]i64{ 0, 3, -4, 9223372036854775807 };
    for (ints) |a| for (ints) |b| {
        start("expect_equal");
        p(" {d} {d}", .{ a, b });
        done(testing.expectEqual(a, b));
    };
    start("expect_equal bool");
    done(testing.expectEqual(true, false));
    start("expect_equal u8");
    done(testing.expectEqual(@as(u8, 255), 0));
    const slices = [_][]const u8{ "", "abc", "abd", "ab", "abcd", "xbc" };
    for (slices) |a| for (slices) |b| {
        start("expect_equal_slices");
        p(" x\"{s}\" x\"{s}\"", .{ std.fmt.fmtSliceHexLower(a), std.fmt.fmtSliceHexLower(b) });
        done(testing.expectEqualSlices(u8, a, b));
    };
    start("expect_equal_slices i32");
    done(testing.expectEqualSlices(i32, &.{ 1, 2, 3 }, &.{ 1, 2, 4 }));
    const strs = [_][]const u8{ "", "hello", "hello\nworld", "hello\nwurld", "hello \nworld", "a\tb\n\nc", "a\tb\n\nd" };
    for (strs) |a| for (strs) |b| {
        start("expect_equal_strings");
        p(" x\"{s}\" x\"{s}\"", .{ std.fmt.fmtSliceHexLower(a), std.fmt.fmtSliceHexLower(b) });
        done(testing.expectEqualStrings(a, b));
    };
    const fl = [_]f64{ 0.0, -0.0, 1.0, 1.0000001, 12.0, 12.06, -12.0, 1e300, std.math.inf(f64), -std.math.inf(f64), std.math.nan(f64) };
    const tol = [_]f64{ 0.0, 1e-9, 0.1, 1.0 };
    for (fl) |a| for (fl) |b| for (tol) |t| {
        start("expect_approx_eq_abs");
        p(" {x} {x} {x}", .{ @as(u64, @bitCast(a)), @as(u64, @bitCast(b)), @as(u64, @bitCast(t)) });
        done(testing.expectApproxEqAbs(a, b, t));
        if (t > 0) {
            start("expect_approx_eq_rel");
            p(" {x} {x} {x}", .{ @as(u64, @bitCast(a)), @as(u64, @bitCast(b)), @as(u64, @bitCast(t)) });
            done(testing.expectApproxEqRel(a, b, t));
        }
    };
    start("expect_error same");
    done(testing.expectError(error.Overflow, failing(error.Overflow)));
    start("expect_error other");
    done(testing.expectError(error.Overflow, failing(error.InvalidCharacter)));
    start("expect_error value");
    done(testing.expectError(error.EndOfStream, ok(42)));
    flush();
}
