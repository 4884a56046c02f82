//! `std.sort` with Zig 0.11's comparator convention: `less_than(context, a, b)` returns whether `a` sorts
//! before `b` (Zig's `lessThanFn(context, lhs, rhs) bool`); pass `&()` as the context when none is needed,
//! and [`asc`]/[`desc`] for `std.sort.asc(T)`/`desc(T)`.
//!
//! `insertion` and `heap` are Zig's algorithms step for step (the same comparisons and swaps, so the same
//! order of equal elements for `heap`, which is not stable). `block` is stable: equal elements keep their
//! order, which fixes the result, so it uses Rust's stable sort (the comparator is called in a different
//! order than Zig's block sort; only a comparator with side effects could tell). `pdq` is unstable and not
//! provided: use `block` (same order for distinct keys) or `heap`.

use std::cmp::Ordering;

/// `std.sort.asc(T)`: `a < b`.
pub fn asc<T: PartialOrd>(_: &(), a: &T, b: &T) -> bool {
    a < b
}

/// `std.sort.desc(T)`: `a > b`.
pub fn desc<T: PartialOrd>(_: &(), a: &T, b: &T) -> bool {
    a > b
}

/// `std.sort.insertion(T, items, context, lessThan)`: stable, O(n²).
pub fn insertion<T, C: ?Sized>(items: &mut [T], context: &C, mut less_than: impl FnMut(&C, &T, &T) -> bool) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && less_than(context, &items[j], &items[j - 1]) {
            items.swap(j, j - 1);
            j -= 1;
        }
    }
}

/// `std.sort.block(T, items, context, lessThan)`: stable, O(n log n).
pub fn block<T, C: ?Sized>(items: &mut [T], context: &C, mut less_than: impl FnMut(&C, &T, &T) -> bool) {
    items.sort_by(|a, b| {
        if less_than(context, a, b) {
            Ordering::Less
        } else if less_than(context, b, a) {
            Ordering::Greater
        } else {
            Ordering::Equal
        }
    });
}

/// `std.sort.heap(T, items, context, lessThan)`: unstable, O(n log n), in place; Zig's order of equal items.
pub fn heap<T, C: ?Sized>(items: &mut [T], context: &C, mut less_than: impl FnMut(&C, &T, &T) -> bool) {
    let b = items.len();
    let mut i = b / 2;
    while i > 0 {
        i -= 1;
        sift_down(items, i, b, context, &mut less_than);
    }
    i = b;
    while i > 0 {
        i -= 1;
        items.swap(0, i);
        sift_down(items, 0, i, context, &mut less_than);
    }
}

fn sift_down<T, C: ?Sized>(items: &mut [T], target: usize, b: usize, context: &C, less_than: &mut impl FnMut(&C, &T, &T) -> bool) {
    let mut cur = target;
    loop {
        let Some(twice) = cur.checked_mul(2) else { break };
        let mut child = twice + 1;
        if child >= b {
            break;
        }
        let next_child = child + 1;
        if next_child < b && less_than(context, &items[child], &items[next_child]) {
            child = next_child;
        }
        if less_than(context, &items[child], &items[cur]) {
            break;
        }
        items.swap(child, cur);
        cur = child;
    }
}

/// `std.sort.binarySearch(T, key, items, context, compareFn)`: `compare(context, key, item)` gives the
/// order of the key against an item; returns an index of an equal item (the one Zig's halving finds).
pub fn binary_search<K: ?Sized, T, C: ?Sized>(key: &K, items: &[T], context: &C, mut compare: impl FnMut(&C, &K, &T) -> Ordering) -> Option<usize> {
    let mut left = 0;
    let mut right = items.len();
    while left < right {
        let mid = left + (right - left) / 2;
        match compare(context, key, &items[mid]) {
            Ordering::Equal => return Some(mid),
            Ordering::Greater => left = mid + 1,
            Ordering::Less => right = mid,
        }
    }
    None
}

/// `std.sort.argMin(T, items, context, lessThan)`: the first smallest.
pub fn arg_min<T, C: ?Sized>(items: &[T], context: &C, mut less_than: impl FnMut(&C, &T, &T) -> bool) -> Option<usize> {
    let mut best = 0;
    if items.is_empty() {
        return None;
    }
    for i in 1..items.len() {
        if less_than(context, &items[i], &items[best]) {
            best = i;
        }
    }
    Some(best)
}

/// `std.sort.min(T, items, context, lessThan)`.
pub fn min<T: Clone, C: ?Sized>(items: &[T], context: &C, less_than: impl FnMut(&C, &T, &T) -> bool) -> Option<T> {
    arg_min(items, context, less_than).map(|i| items[i].clone())
}

/// `std.sort.argMax(T, items, context, lessThan)`: the first largest.
pub fn arg_max<T, C: ?Sized>(items: &[T], context: &C, mut less_than: impl FnMut(&C, &T, &T) -> bool) -> Option<usize> {
    let mut best = 0;
    if items.is_empty() {
        return None;
    }
    for i in 1..items.len() {
        if less_than(context, &items[best], &items[i]) {
            best = i;
        }
    }
    Some(best)
}

/// `std.sort.max(T, items, context, lessThan)`.
pub fn max<T: Clone, C: ?Sized>(items: &[T], context: &C, less_than: impl FnMut(&C, &T, &T) -> bool) -> Option<T> {
    arg_max(items, context, less_than).map(|i| items[i].clone())
}

/// `std.sort.isSorted(T, items, context, lessThan)`.
pub fn is_sorted<T, C: ?Sized>(items: &[T], context: &C, mut less_than: impl FnMut(&C, &T, &T) -> bool) -> bool {
    (1..items.len()).all(|i| !less_than(context, &items[i], &items[i - 1]))
}
