// Golden outputs of std.mem (Zig 0.11) for zig_std::mem.
// Run: zig run mem.zig > mem.txt   (scripts/zig-std-golden.mjs regenerates every golden file)
// One line per case: `<function> <arguments> => <result>`; verify/tests/mem.rs prints the same.
const std = @import("std");
const mem = std.mem;

// Output helpers shared by the golden programs: golden.zig.
const g = @import("golden.zig");
const p = g.p;
const val = g.val;
const line = g.line;
const flush = g.flush;
const next = g.next;

const texts = [_][]const u8{ "", "a", "ab", "aa", "abc", "a,b,,c", ",", ",,", ",a,", "  a  b ", "\t\n x \r", "hello world", "abcabcabc", "aaaa", "xyzzy", "one two  three", "\x00\xff\x00", "the quick brown fox jumps over the lazy dog, the quick brown fox jumps over the lazy dog again" };
const needles = [_][]const u8{ "", "a", "b", "ab", "abc", ",", ",,", " ", "aa", "zz", "the", "dog", "lazy dog again", "o", "\x00", "abcabcabcd" };

fn search() void {
    for (texts) |h| {
        for (needles) |n| {
            p("index_of x\"{s}\" x\"{s}\"", .{ fmt(h), fmt(n) });
            line("", mem.indexOf(u8, h, n));
            p("last_index_of x\"{s}\" x\"{s}\"", .{ fmt(h), fmt(n) });
            line("", mem.lastIndexOf(u8, h, n));
            for ([_]usize{ 1, 3, 50 }) |start| {
                p("index_of_pos x\"{s}\" {d} x\"{s}\"", .{ fmt(h), start, fmt(n) });
                line("", mem.indexOfPos(u8, h, start, n));
            }
            p("index_of_any x\"{s}\" x\"{s}\"", .{ fmt(h), fmt(n) });
            line("", mem.indexOfAny(u8, h, n));
            p("last_index_of_any x\"{s}\" x\"{s}\"", .{ fmt(h), fmt(n) });
            line("", mem.lastIndexOfAny(u8, h, n));
            p("index_of_none x\"{s}\" x\"{s}\"", .{ fmt(h), fmt(n) });
            line("", mem.indexOfNone(u8, h, n));
            p("last_index_of_none x\"{s}\" x\"{s}\"", .{ fmt(h), fmt(n) });
            line("", mem.lastIndexOfNone(u8, h, n));
            p("starts_with x\"{s}\" x\"{s}\"", .{ fmt(h), fmt(n) });
            line("", mem.startsWith(u8, h, n));
            p("ends_with x\"{s}\" x\"{s}\"", .{ fmt(h), fmt(n) });
            line("", mem.endsWith(u8, h, n));
            p("eql x\"{s}\" x\"{s}\"", .{ fmt(h), fmt(n) });
            line("", mem.eql(u8, h, n));
            p("order x\"{s}\" x\"{s}\"", .{ fmt(h), fmt(n) });
            line("", mem.order(u8, h, n));
            p("index_of_diff x\"{s}\" x\"{s}\"", .{ fmt(h), fmt(n) });
            line("", mem.indexOfDiff(u8, h, n));
            p("trim x\"{s}\" x\"{s}\"", .{ fmt(h), fmt(n) });
            line("", mem.trim(u8, h, n));
            p("trim_left x\"{s}\" x\"{s}\"", .{ fmt(h), fmt(n) });
            line("", mem.trimLeft(u8, h, n));
            p("trim_right x\"{s}\" x\"{s}\"", .{ fmt(h), fmt(n) });
            line("", mem.trimRight(u8, h, n));
            if (n.len > 0) {
                p("count x\"{s}\" x\"{s}\"", .{ fmt(h), fmt(n) });
                line("", mem.count(u8, h, n));
                p("replacement_size x\"{s}\" x\"{s}\" x\"2d2d\"", .{ fmt(h), fmt(n) });
                line("", mem.replacementSize(u8, h, n, "--"));
                var buf: [256]u8 = undefined;
                const k = mem.replace(u8, h, n, "--", &buf);
                p("replace x\"{s}\" x\"{s}\" x\"2d2d\" {d}", .{ fmt(h), fmt(n), k });
                line("", buf[0..mem.replacementSize(u8, h, n, "--")]);
                p("replace_empty x\"{s}\" x\"{s}\"", .{ fmt(h), fmt(n) });
                const k2 = mem.replace(u8, h, n, "", &buf);
                p(" {d}", .{k2});
                line("", buf[0..mem.replacementSize(u8, h, n, "")]);
                split(h, n);
            }
        }
        for ([_]u8{ 'a', ',', ' ', 0, 'z' }) |c| {
            p("index_of_scalar x\"{s}\" {d}", .{ fmt(h), c });
            line("", mem.indexOfScalar(u8, h, c));
            p("last_index_of_scalar x\"{s}\" {d}", .{ fmt(h), c });
            line("", mem.lastIndexOfScalar(u8, h, c));
            p("index_of_scalar_pos x\"{s}\" 2 {d}", .{ fmt(h), c });
            line("", mem.indexOfScalarPos(u8, h, 2, c));
            splitScalar(h, c);
        }
    }
}

fn fmt(s: []const u8) @TypeOf(std.fmt.fmtSliceHexLower("")) {
    return std.fmt.fmtSliceHexLower(s);
}

fn fields(comptime name: []const u8, h: []const u8, d: []const u8, it: anytype) void {
    var iter = it;
    p("{s} x\"{s}\" x\"{s}\" =>", .{ name, fmt(h), fmt(d) });
    while (iter.next()) |f| p(" x\"{s}\"", .{fmt(f)});
    p(" | rest x\"{s}\"\n", .{fmt(iter.rest())});
}

fn split(h: []const u8, n: []const u8) void {
    fields("split_sequence", h, n, mem.splitSequence(u8, h, n));
    fields("split_any", h, n, mem.splitAny(u8, h, n));
    fields("split_backwards_sequence", h, n, mem.splitBackwardsSequence(u8, h, n));
    fields("split_backwards_any", h, n, mem.splitBackwardsAny(u8, h, n));
    fields("tokenize_sequence", h, n, mem.tokenizeSequence(u8, h, n));
    fields("tokenize_any", h, n, mem.tokenizeAny(u8, h, n));
    // peek, then next, then rest, on a fresh iterator
    var it = mem.splitSequence(u8, h, n);
    p("split_peek x\"{s}\" x\"{s}\"", .{ fmt(h), fmt(n) });
    val(it.peek());
    p(" ", .{});
    val(it.next());
    p(" ", .{});
    val(it.rest());
    p("\n", .{});
    var tk = mem.tokenizeAny(u8, h, n);
    p("tokenize_peek x\"{s}\" x\"{s}\"", .{ fmt(h), fmt(n) });
    val(tk.peek());
    p(" ", .{});
    val(tk.rest());
    p(" ", .{});
    val(tk.next());
    p(" ", .{});
    val(tk.rest());
    p("\n", .{});
}

fn splitScalar(h: []const u8, c: u8) void {
    const d = [_]u8{c};
    fields("split_scalar", h, &d, mem.splitScalar(u8, h, c));
    fields("split_backwards_scalar", h, &d, mem.splitBackwardsScalar(u8, h, c));
    fields("tokenize_scalar", h, &d, mem.tokenizeScalar(u8, h, c));
}

fn ints() void {
    const b = [_]u8{ 0x01, 0x82, 0x03, 0xF4, 0x05, 0x96, 0x07, 0xF8, 0x09, 0x0A, 0x0B, 0x8C, 0x0D, 0x0E, 0x0F, 0xF0 };
    p("read u8 ", .{});
    val(mem.readInt(u8, b[0..1], .Little));
    p(" ", .{});
    val(mem.readInt(i8, b[1..2], .Big));
    p("\n", .{});
    inline for (.{ u16, i16, u32, i32, u64, i64, u128, i128, u24, i24, u48, i40 }) |T| {
        const n = @divExact(@typeInfo(T).Int.bits, 8);
        var off: usize = 0;
        while (off + n <= b.len) : (off += 3) {
            p("read_int {s} {d} little", .{ @typeName(T), off });
            line("", mem.readInt(T, b[off..][0..n], .Little));
            p("read_int {s} {d} big", .{ @typeName(T), off });
            line("", mem.readInt(T, b[off..][0..n], .Big));
        }
        const vals = .{ 0, 1, -1, 0x1234, -0x1234, std.math.maxInt(T), std.math.minInt(T) };
        inline for (vals) |v| blk: {
            const x = std.math.cast(T, v) orelse break :blk;
            var out: [n]u8 = undefined;
            mem.writeInt(T, &out, x, .Little);
            p("write_int {s} {d} little", .{ @typeName(T), x });
            line("", out);
            mem.writeInt(T, &out, x, .Big);
            p("write_int {s} {d} big", .{ @typeName(T), x });
            line("", out);
        }
    }
}

fn misc() void {
    var a = [_]u8{ 1, 2, 3, 4, 5 };
    mem.reverse(u8, &a);
    p("reverse", .{});
    line("", a);
    mem.reverse(u8, a[0..4]);
    p("reverse4", .{});
    line("", a);
    var x: u32 = 1;
    var y: u32 = 2;
    mem.swap(u32, &x, &y);
    p("swap {d} {d}\n", .{ x, y });
    var dst = [_]u8{0} ** 6;
    mem.copyForwards(u8, &dst, "abc");
    p("copy_forwards", .{});
    line("", dst);
    mem.copyBackwards(u8, dst[2..], "xyz");
    p("copy_backwards", .{});
    line("", dst);
    var r = [_]u8{ 1, 2, 3, 4, 5, 6 };
    mem.rotate(u8, &r, 2);
    p("rotate", .{});
    line("", r);
    var rs = [_]u8{ 'a', 'b', 'a', 'c' };
    mem.replaceScalar(u8, &rs, 'a', 'z');
    p("replace_scalar", .{});
    line("", rs);
    for ([_][]const u8{ "", "/", "//", "a//b///c", "//a///a////" }) |s| {
        var buf: [32]u8 = undefined;
        @memcpy(buf[0..s.len], s);
        p("collapse_repeats x\"{s}\"", .{fmt(s)});
        line("", mem.collapseRepeats(u8, buf[0..s.len], '/'));
    }
    const nums = [_]i32{ 3, -1, 7, 7, -1, 2 };
    p("min_max {d} {d} {d} {d}\n", .{ mem.min(i32, &nums), mem.max(i32, &nums), mem.indexOfMin(i32, &nums), mem.indexOfMax(i32, &nums) });
    p("all_equal", .{});
    line("", mem.allEqual(u8, "aaa", 'a'));
    p("slice_to", .{});
    line("", mem.sliceTo(@as([]const u8, "ab\x00cd"), 0));
    p("contains_at_least", .{});
    line("", mem.containsAtLeast(u8, "abcabc", 2, "bc"));
    p("contains_at_least3", .{});
    line("", mem.containsAtLeast(u8, "abcabc", 3, "bc"));
}

pub fn main() void {
    search();
    ints();
    misc();
    flush();
}
