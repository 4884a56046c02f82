// Golden outputs of std.sort (Zig 0.11) for zig_std::sort.
// Run: zig run sort.zig > sort.txt   (scripts/zig-std-golden.mjs regenerates every golden file)
const std = @import("std");
const sort = std.sort;

// Output helpers shared by the golden programs: golden.zig.
const g = @import("golden.zig");
const p = g.p;
const line = g.line;
const flush = g.flush;
const seed = g.seed;
const next = g.next;

const Item = struct { key: u8, tag: u16 };

fn byKey(ctx: u8, a: Item, b: Item) bool {
    // ctx: 0 ascending, 1 descending, 2 by key modulo 3 (many equal keys)
    return switch (ctx) {
        0 => a.key < b.key,
        1 => a.key > b.key,
        else => a.key % 3 < b.key % 3,
    };
}

fn show(comptime name: []const u8, n: usize, ctx: u8, items: []const Item) void {
    p("{s} {d} {d} =>", .{ name, n, ctx });
    for (items) |it| p(" {d}:{d}", .{ it.key, it.tag });
    p("\n", .{});
}

fn cmpKey(ctx: void, key: u8, item: Item) std.math.Order {
    _ = ctx;
    return std.math.order(key, item.key);
}

pub fn main() void {
    seed(99);
    const sizes = [_]usize{ 0, 1, 2, 3, 5, 8, 16, 17, 31, 64, 100, 257 };
    var orig: [257]Item = undefined;
    var buf: [257]Item = undefined;
    for (sizes) |n| {
        for (0..n) |i| orig[i] = .{ .key = @intCast(next() % 20), .tag = @intCast(i) };
        for ([_]u8{ 0, 1, 2 }) |ctx| {
            @memcpy(buf[0..n], orig[0..n]);
            sort.insertion(Item, buf[0..n], ctx, byKey);
            show("insertion", n, ctx, buf[0..n]);
            @memcpy(buf[0..n], orig[0..n]);
            sort.block(Item, buf[0..n], ctx, byKey);
            show("block", n, ctx, buf[0..n]);
            @memcpy(buf[0..n], orig[0..n]);
            sort.heap(Item, buf[0..n], ctx, byKey);
            show("heap", n, ctx, buf[0..n]);
            p("is_sorted {d} {d}", .{ n, ctx });
            line("", sort.isSorted(Item, orig[0..n], ctx, byKey));
            p("is_sorted_after {d} {d}", .{ n, ctx });
            line("", sort.isSorted(Item, buf[0..n], ctx, byKey));
            p("arg_min {d} {d}", .{ n, ctx });
            line("", sort.argMin(Item, orig[0..n], ctx, byKey));
            p("arg_max {d} {d}", .{ n, ctx });
            line("", sort.argMax(Item, orig[0..n], ctx, byKey));
        }
        @memcpy(buf[0..n], orig[0..n]);
        sort.block(Item, buf[0..n], @as(u8, 0), byKey);
        for ([_]u8{ 0, 5, 19, 20 }) |k| {
            p("binary_search {d} {d}", .{ n, k });
            line("", sort.binarySearch(Item, k, buf[0..n], {}, cmpKey));
        }
    }
    var arr = [_]u8{ 5, 3, 9, 1, 5, 0, 255, 7 };
    sort.block(u8, &arr, {}, sort.asc(u8));
    p("asc", .{});
    line("", arr);
    sort.insertion(u8, &arr, {}, sort.desc(u8));
    p("desc", .{});
    line("", arr);
    p("min", .{});
    line("", sort.min(u8, &arr, {}, sort.asc(u8)));
    p("max", .{});
    line("", sort.max(u8, &arr, {}, sort.asc(u8)));
    p("min_empty", .{});
    line("", sort.min(u8, arr[0..0], {}, sort.asc(u8)));
    flush();
}
