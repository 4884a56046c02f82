//! zig_std::sort against golden/sort.txt (Zig 0.11's std.sort on the same inputs): the order of equal keys
//! shows that insertion and block are stable and that heap moves items as Zig's does.
mod support;

use support::{compare, Lines, Rng};
use zig_std::sort;

#[derive(Clone, Copy, Debug)]
struct Item {
    key: u8,
    tag: u16,
}

fn by_key(ctx: &u8, a: &Item, b: &Item) -> bool {
    match ctx {
        0 => a.key < b.key,
        1 => a.key > b.key,
        _ => a.key % 3 < b.key % 3,
    }
}

fn show(out: &mut Lines, name: &str, n: usize, ctx: u8, items: &[Item]) {
    let mut line = format!("{name} {n} {ctx} =>");
    for it in items {
        line.push_str(&format!(" {}:{}", it.key, it.tag));
    }
    out.raw(line);
}

#[test]
fn sort_matches_zig() {
    let mut out = Lines::default();
    let mut rng = Rng(99);
    for n in [0usize, 1, 2, 3, 5, 8, 16, 17, 31, 64, 100, 257] {
        let orig: Vec<Item> = (0..n).map(|i| Item { key: (rng.next() % 20) as u8, tag: i as u16 }).collect();
        let mut buf = orig.clone();
        for ctx in [0u8, 1, 2] {
            buf.copy_from_slice(&orig);
            sort::insertion(&mut buf, &ctx, by_key);
            show(&mut out, "insertion", n, ctx, &buf);
            buf.copy_from_slice(&orig);
            sort::block(&mut buf, &ctx, by_key);
            show(&mut out, "block", n, ctx, &buf);
            buf.copy_from_slice(&orig);
            sort::heap(&mut buf, &ctx, by_key);
            show(&mut out, "heap", n, ctx, &buf);
            out.add(format!("is_sorted {n} {ctx}"), sort::is_sorted(&orig, &ctx, by_key));
            out.add(format!("is_sorted_after {n} {ctx}"), sort::is_sorted(&buf, &ctx, by_key));
            out.add(format!("arg_min {n} {ctx}"), sort::arg_min(&orig, &ctx, by_key));
            out.add(format!("arg_max {n} {ctx}"), sort::arg_max(&orig, &ctx, by_key));
        }
        buf.copy_from_slice(&orig);
        sort::block(&mut buf, &0u8, by_key);
        for k in [0u8, 5, 19, 20] {
            out.add(format!("binary_search {n} {k}"), sort::binary_search(&k, &buf, &(), |_, key: &u8, item: &Item| key.cmp(&item.key)));
        }
    }
    let mut arr = [5u8, 3, 9, 1, 5, 0, 255, 7];
    sort::block(&mut arr, &(), sort::asc);
    out.add("asc", arr);
    sort::insertion(&mut arr, &(), sort::desc);
    out.add("desc", arr);
    out.add("min", sort::min(&arr, &(), sort::asc));
    out.add("max", sort::max(&arr, &(), sort::asc));
    out.add("min_empty", sort::min(&arr[..0], &(), sort::asc));
    compare("sort", include_str!("../../golden/sort.txt"), &out);
}
