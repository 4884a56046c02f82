// Golden outputs of std.unicode (UTF-8, Zig 0.11) for zig_std::unicode.
// Run: zig run unicode.zig > unicode.txt   (scripts/zig-std-golden.mjs regenerates every golden file)
const std = @import("std");
const unicode = std.unicode;

// Output helpers shared by the golden programs: golden.zig.
const g = @import("golden.zig");
const p = g.p;
const val = g.val;
const line = g.line;
const flush = g.flush;
const seed = g.seed;
const next = g.next;

const strings = [_][]const u8{
    "",                 "a",                "hello",            "\xc3\xa9",         "\xe2\x82\xac",     "\xf0\x9f\x98\x80",  "h\xc3\xa9llo \xe2\x82\xac\xf0\x9f\x98\x80",
    "\x80",             "\xbf",             "\xc0\x80",         "\xc1\xbf",         "\xc2",             "\xc2\x00",          "\xc2\xc0",
    "\xe0",             "\xe0\xa0",         "\xe0\x80\x80",     "\xe0\x9f\xbf",     "\xed\xa0\x80",     "\xed\xbf\xbf",      "\xef\xbf\xbf",
    "\xf0",             "\xf0\x90\x80",     "\xf0\x80\x80\x80", "\xf0\x8f\xbf\xbf", "\xf4\x8f\xbf\xbf", "\xf4\x90\x80\x80",  "\xf5\x80\x80\x80",
    "\xf7\xbf\xbf\xbf", "\xf8",             "\xff",             "a\x80b",           "abc\xe2\x82",      "\xe2\x82\xacxyz\xf0\x9f", "\x00\x7f",
};

pub fn main() void {
    var b: u16 = 0;
    while (b < 256) : (b += 1) {
        p("utf8_byte_sequence_length {d}", .{b});
        line("", unicode.utf8ByteSequenceLength(@intCast(b)));
    }
    const cps = [_]u21{ 0, 0x41, 0x7f, 0x80, 0x7ff, 0x800, 0xd7ff, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xe000, 0xfffd, 0xffff, 0x10000, 0x10ffff, 0x110000, 0x1fffff };
    for (cps) |c| {
        p("utf8_codepoint_sequence_length {d}", .{c});
        line("", unicode.utf8CodepointSequenceLength(c));
        var buf: [4]u8 = .{ 0, 0, 0, 0 };
        p("utf8_encode {d}", .{c});
        if (unicode.utf8Encode(c, &buf)) |n| {
            line("", buf[0..n]);
        } else |e| line("", e);
        p("utf8_valid_codepoint {d}", .{c});
        line("", unicode.utf8ValidCodepoint(c));
    }
    for (strings) |s| {
        p("utf8_count_codepoints x\"{s}\"", .{std.fmt.fmtSliceHexLower(s)});
        line("", unicode.utf8CountCodepoints(s));
        p("utf8_validate_slice x\"{s}\"", .{std.fmt.fmtSliceHexLower(s)});
        line("", unicode.utf8ValidateSlice(s));
        p("utf8_view x\"{s}\" =>", .{std.fmt.fmtSliceHexLower(s)});
        if (unicode.Utf8View.init(s)) |view| {
            var it = view.iterator();
            p(" peek2 ", .{});
            val(it.peek(2));
            while (it.nextCodepoint()) |cp| p(" {d}", .{cp});
            p("\n", .{});
        } else |e| p(" error.{s}\n", .{@errorName(e)});
        if (s.len >= 1 and s.len <= 4) {
            if (unicode.utf8ByteSequenceLength(s[0])) |n| {
                if (n == s.len and (n == 1 or s[0] & 0xC0 == 0xC0)) {
                    p("utf8_decode x\"{s}\"", .{std.fmt.fmtSliceHexLower(s)});
                    line("", unicode.utf8Decode(s));
                }
            } else |_| {}
        }
    }
    // every 2-byte sequence with a valid 2-byte start byte, and a seeded sample of 3- and 4-byte ones
    var lead: u16 = 0xC0;
    while (lead <= 0xDF) : (lead += 1) {
        var cont: u16 = 0;
        while (cont < 256) : (cont += 3) {
            const s = [_]u8{ @intCast(lead), @intCast(cont) };
            p("utf8_decode x\"{s}\"", .{std.fmt.fmtSliceHexLower(&s)});
            line("", unicode.utf8Decode(&s));
        }
    }
    seed(21);
    var i: usize = 0;
    while (i < 400) : (i += 1) {
        const r = next();
        const s3 = [_]u8{ 0xE0 | @as(u8, @intCast(r % 16)), @truncate(r >> 8), @truncate(r >> 16) };
        p("utf8_decode x\"{s}\"", .{std.fmt.fmtSliceHexLower(&s3)});
        line("", unicode.utf8Decode(&s3));
        const s4 = [_]u8{ 0xF0 | @as(u8, @intCast((r >> 24) % 8)), @truncate(r >> 32), @truncate(r >> 40), @truncate(r >> 48) };
        p("utf8_decode x\"{s}\"", .{std.fmt.fmtSliceHexLower(&s4)});
        line("", unicode.utf8Decode(&s4));
        const s5 = [_]u8{ 0xE0 | @as(u8, @intCast(r % 16)), 0x80 | @as(u8, @intCast((r >> 8) % 64)), 0x80 | @as(u8, @intCast((r >> 16) % 64)) };
        p("utf8_decode x\"{s}\"", .{std.fmt.fmtSliceHexLower(&s5)});
        line("", unicode.utf8Decode(&s5));
    }
    flush();
}
