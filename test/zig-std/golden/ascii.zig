// Golden outputs of std.ascii (Zig 0.11) for zig_std::ascii.
// Run: zig run ascii.zig > ascii.txt   (scripts/zig-std-golden.mjs regenerates every golden file)
const std = @import("std");

// Output helpers shared by the golden programs: golden.zig.
const g = @import("golden.zig");
const p = g.p;
const line = g.line;
const flush = g.flush;

pub fn main() void {
    var b: u16 = 0;
    while (b < 256) : (b += 1) {
        const c: u8 = @intCast(b);
        p("ascii {d} {} {} {} {} {} {} {} {} {} {} {} {d} {d}\n", .{ c, std.ascii.isAlphanumeric(c), std.ascii.isAlphabetic(c), std.ascii.isControl(c), std.ascii.isDigit(c), std.ascii.isLower(c), std.ascii.isUpper(c), std.ascii.isPrint(c), std.ascii.isWhitespace(c), std.ascii.isHex(c), std.ascii.isASCII(c), std.ascii.isDigit(c) or std.ascii.isAlphabetic(c), std.ascii.toLower(c), std.ascii.toUpper(c) });
    }
    // ascii strings
    const words = [_][]const u8{ "", "a", "A", "Hello", "hELLO", "hello", "HELLO WORLD", "world", "WoRlD", "o w", "\xc3\xa9", "\xc3\x89", "abc123", "ABC1234", "zzz", "one Two Three Four", "foUr", "gOur", "the quick brown fox jumps over the lazy dog THE QUICK BROWN", "Lazy Dog", "lazy dog the" };
    for (words) |a| for (words) |w| {
        const h = std.fmt.fmtSliceHexLower;
        p("eql_ignore_case x\"{s}\" x\"{s}\"", .{ h(a), h(w) });
        line("", std.ascii.eqlIgnoreCase(a, w));
        p("starts_with_ignore_case x\"{s}\" x\"{s}\"", .{ h(a), h(w) });
        line("", std.ascii.startsWithIgnoreCase(a, w));
        p("ends_with_ignore_case x\"{s}\" x\"{s}\"", .{ h(a), h(w) });
        line("", std.ascii.endsWithIgnoreCase(a, w));
        p("index_of_ignore_case x\"{s}\" x\"{s}\"", .{ h(a), h(w) });
        line("", std.ascii.indexOfIgnoreCase(a, w));
        p("index_of_ignore_case_pos x\"{s}\" 2 x\"{s}\"", .{ h(a), h(w) });
        line("", std.ascii.indexOfIgnoreCasePos(a, 2, w));
        p("order_ignore_case x\"{s}\" x\"{s}\"", .{ h(a), h(w) });
        line("", std.ascii.orderIgnoreCase(a, w));
        p("less_than_ignore_case x\"{s}\" x\"{s}\"", .{ h(a), h(w) });
        line("", std.ascii.lessThanIgnoreCase(a, w));
    };
    for (words) |w| {
        var buf: [128]u8 = undefined;
        p("lower_string x\"{s}\"", .{std.fmt.fmtSliceHexLower(w)});
        line("", std.ascii.lowerString(&buf, w));
        p("upper_string x\"{s}\"", .{std.fmt.fmtSliceHexLower(w)});
        line("", std.ascii.upperString(&buf, w));
    }
    p("whitespace", .{});
    line("", std.ascii.whitespace);
    flush();
}
