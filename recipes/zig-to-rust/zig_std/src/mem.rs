//! `std.mem` with Zig 0.11 semantics: searching, trimming, splitting and tokenizing with Zig's empty-field
//! behaviour, integer reading and writing with an endianness, copying, counting and replacing.
//!
//! Slices are generic over the element (`T: PartialEq` or `Copy`); a `[]const u8` is `&[u8]` (pass
//! `s.as_bytes()` for a `&str`). Functions that Zig documents with an `assert` panic where it would.

use crate::math::Int;
use std::cmp::Ordering;

/// `std.builtin.Endian` (Zig 0.11 spells the tags `.Little` and `.Big`; 0.12 renamed them `.little`/`.big`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Endian {
    Little,
    Big,
}

impl Endian {
    /// `@import("builtin").cpu.arch.endian()`.
    pub const NATIVE: Endian = if cfg!(target_endian = "big") { Endian::Big } else { Endian::Little };
}

/// `std.mem.eql(T, a, b)`.
pub fn eql<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    a == b
}

/// `std.mem.order(T, lhs, rhs)`: lexicographic, then by length.
pub fn order<T: Ord>(lhs: &[T], rhs: &[T]) -> Ordering {
    lhs.cmp(rhs)
}

/// `std.mem.lessThan(T, lhs, rhs)`.
pub fn less_than<T: Ord>(lhs: &[T], rhs: &[T]) -> bool {
    lhs.cmp(rhs) == Ordering::Less
}

/// `std.mem.indexOfDiff(T, a, b)`: the first index where they differ, the shorter length when one is a
/// prefix of the other, `None` when equal.
pub fn index_of_diff<T: PartialEq>(a: &[T], b: &[T]) -> Option<usize> {
    let shortest = a.len().min(b.len());
    if a.len() == b.len() && a == b {
        return None;
    }
    (0..shortest).find(|&i| a[i] != b[i]).or(Some(shortest))
}

/// `std.mem.allEqual(T, slice, scalar)` (true for an empty slice).
pub fn all_equal<T: PartialEq>(slice: &[T], scalar: T) -> bool {
    slice.iter().all(|x| *x == scalar)
}

/// `std.mem.startsWith(T, haystack, needle)`.
pub fn starts_with<T: PartialEq>(haystack: &[T], needle: &[T]) -> bool {
    haystack.starts_with(needle)
}

/// `std.mem.endsWith(T, haystack, needle)`.
pub fn ends_with<T: PartialEq>(haystack: &[T], needle: &[T]) -> bool {
    haystack.ends_with(needle)
}

/// `std.mem.trimLeft(T, slice, values_to_strip)`.
pub fn trim_left<'a, T: PartialEq>(slice: &'a [T], values_to_strip: &[T]) -> &'a [T] {
    let mut begin = 0;
    while begin < slice.len() && values_to_strip.contains(&slice[begin]) {
        begin += 1;
    }
    &slice[begin..]
}

/// `std.mem.trimRight(T, slice, values_to_strip)`.
pub fn trim_right<'a, T: PartialEq>(slice: &'a [T], values_to_strip: &[T]) -> &'a [T] {
    let mut end = slice.len();
    while end > 0 && values_to_strip.contains(&slice[end - 1]) {
        end -= 1;
    }
    &slice[..end]
}

/// `std.mem.trim(T, slice, values_to_strip)`.
pub fn trim<'a, T: PartialEq>(slice: &'a [T], values_to_strip: &[T]) -> &'a [T] {
    trim_right(trim_left(slice, values_to_strip), values_to_strip)
}

/// `std.mem.indexOfScalar(T, slice, value)`.
pub fn index_of_scalar<T: PartialEq>(slice: &[T], value: T) -> Option<usize> {
    index_of_scalar_pos(slice, 0, value)
}

/// `std.mem.indexOfScalarPos(T, slice, start_index, value)` (`None` when `start_index >= len`).
pub fn index_of_scalar_pos<T: PartialEq>(slice: &[T], start_index: usize, value: T) -> Option<usize> {
    if start_index >= slice.len() {
        return None;
    }
    slice[start_index..].iter().position(|x| *x == value).map(|i| i + start_index)
}

/// `std.mem.lastIndexOfScalar(T, slice, value)`.
pub fn last_index_of_scalar<T: PartialEq>(slice: &[T], value: T) -> Option<usize> {
    slice.iter().rposition(|x| *x == value)
}

/// `std.mem.indexOfAny(T, slice, values)`.
pub fn index_of_any<T: PartialEq>(slice: &[T], values: &[T]) -> Option<usize> {
    index_of_any_pos(slice, 0, values)
}

/// `std.mem.indexOfAnyPos(T, slice, start_index, values)`.
pub fn index_of_any_pos<T: PartialEq>(slice: &[T], start_index: usize, values: &[T]) -> Option<usize> {
    if start_index >= slice.len() {
        return None;
    }
    slice[start_index..].iter().position(|x| values.contains(x)).map(|i| i + start_index)
}

/// `std.mem.lastIndexOfAny(T, slice, values)`.
pub fn last_index_of_any<T: PartialEq>(slice: &[T], values: &[T]) -> Option<usize> {
    slice.iter().rposition(|x| values.contains(x))
}

/// `std.mem.indexOfNone(T, slice, values)`: the first element that is not one of `values`.
pub fn index_of_none<T: PartialEq>(slice: &[T], values: &[T]) -> Option<usize> {
    slice.iter().position(|x| !values.contains(x))
}

/// `std.mem.lastIndexOfNone(T, slice, values)`.
pub fn last_index_of_none<T: PartialEq>(slice: &[T], values: &[T]) -> Option<usize> {
    slice.iter().rposition(|x| !values.contains(x))
}

/// `std.mem.indexOf(T, haystack, needle)`: an empty needle is found at 0.
pub fn index_of<T: PartialEq>(haystack: &[T], needle: &[T]) -> Option<usize> {
    index_of_pos(haystack, 0, needle)
}

/// `std.mem.indexOfPos(T, haystack, start_index, needle)`: `None` when the needle is longer than the whole
/// haystack; an empty needle is found at `start_index` (even past the end).
pub fn index_of_pos<T: PartialEq>(haystack: &[T], start_index: usize, needle: &[T]) -> Option<usize> {
    if needle.len() > haystack.len() {
        return None;
    }
    if needle.is_empty() {
        return Some(start_index);
    }
    let end = haystack.len() - needle.len();
    (start_index..=end).find(|&i| haystack[i..i + needle.len()] == *needle)
}

/// `std.mem.lastIndexOf(T, haystack, needle)`: an empty needle is found at `haystack.len`.
pub fn last_index_of<T: PartialEq>(haystack: &[T], needle: &[T]) -> Option<usize> {
    if needle.len() > haystack.len() {
        return None;
    }
    if needle.is_empty() {
        return Some(haystack.len());
    }
    let end = haystack.len() - needle.len();
    (0..=end).rev().find(|&i| haystack[i..i + needle.len()] == *needle)
}

/// `std.mem.count(T, haystack, needle)`: non-overlapping occurrences; panics on an empty needle (Zig asserts).
#[track_caller]
pub fn count<T: PartialEq>(haystack: &[T], needle: &[T]) -> usize {
    assert!(!needle.is_empty(), "count: the needle must not be empty (Zig asserts needle.len > 0)");
    let mut i = 0;
    let mut found = 0;
    while let Some(idx) = index_of_pos(haystack, i, needle) {
        i = idx + needle.len();
        found += 1;
    }
    found
}

/// `std.mem.containsAtLeast(T, haystack, expected_count, needle)`.
#[track_caller]
pub fn contains_at_least<T: PartialEq>(haystack: &[T], expected_count: usize, needle: &[T]) -> bool {
    assert!(!needle.is_empty(), "contains_at_least: the needle must not be empty");
    if expected_count == 0 {
        return true;
    }
    let mut i = 0;
    let mut found = 0;
    while let Some(idx) = index_of_pos(haystack, i, needle) {
        i = idx + needle.len();
        found += 1;
        if found == expected_count {
            return true;
        }
    }
    false
}

/// `std.mem.replacementSize(T, input, needle, replacement)`: the length of the output of [`replace`].
#[track_caller]
pub fn replacement_size<T: PartialEq>(input: &[T], needle: &[T], replacement: &[T]) -> usize {
    assert!(!needle.is_empty(), "replacement_size: the needle must not be empty");
    let mut i = 0;
    let mut size = input.len();
    while i < input.len() {
        if input[i..].starts_with(needle) {
            size = size - needle.len() + replacement.len();
            i += needle.len();
        } else {
            i += 1;
        }
    }
    size
}

/// `std.mem.replace(T, input, needle, replacement, output)`: writes `input` with every non-overlapping
/// `needle` replaced into `output` (at least [`replacement_size`] long) and returns the number of
/// replacements.
#[track_caller]
pub fn replace<T: PartialEq + Copy>(input: &[T], needle: &[T], replacement: &[T], output: &mut [T]) -> usize {
    assert!(!needle.is_empty(), "replace: the needle must not be empty (Zig asserts needle.len > 0)");
    let mut i = 0;
    let mut slide = 0;
    let mut replacements = 0;
    while slide < input.len() {
        if input[slide..].starts_with(needle) {
            output[i..i + replacement.len()].copy_from_slice(replacement);
            i += replacement.len();
            slide += needle.len();
            replacements += 1;
        } else {
            output[i] = input[slide];
            i += 1;
            slide += 1;
        }
    }
    replacements
}

/// `std.mem.replaceOwned(T, allocator, input, needle, replacement)`.
pub fn replace_owned<T: PartialEq + Copy + Default>(input: &[T], needle: &[T], replacement: &[T]) -> Vec<T> {
    let mut output = vec![T::default(); replacement_size(input, needle, replacement)];
    replace(input, needle, replacement, &mut output);
    output
}

/// `std.mem.replaceScalar(T, slice, needle, replacement)`.
pub fn replace_scalar<T: PartialEq + Copy>(slice: &mut [T], needle: T, replacement: T) {
    for x in slice.iter_mut() {
        if *x == needle {
            *x = replacement;
        }
    }
}

/// `std.mem.collapseRepeatsLen(T, slice, elem)`: collapses runs of `elem` to one in place, returns the new length.
pub fn collapse_repeats_len<T: PartialEq + Copy>(slice: &mut [T], elem: T) -> usize {
    if slice.is_empty() {
        return 0;
    }
    let mut write_idx = 1;
    for read_idx in 1..slice.len() {
        if slice[read_idx - 1] != elem || slice[read_idx] != elem {
            slice[write_idx] = slice[read_idx];
            write_idx += 1;
        }
    }
    write_idx
}

/// `std.mem.copyForwards(T, dest, source)`: `dest.len >= source.len`; the regions may overlap when
/// `dest` starts before `source` (in Rust they cannot alias; within one buffer use `slice.copy_within`).
#[track_caller]
pub fn copy_forwards<T: Copy>(dest: &mut [T], source: &[T]) {
    dest[..source.len()].copy_from_slice(source);
}

/// `std.mem.copyBackwards(T, dest, source)`.
#[track_caller]
pub fn copy_backwards<T: Copy>(dest: &mut [T], source: &[T]) {
    dest[..source.len()].copy_from_slice(source);
}

/// `std.mem.swap(T, a, b)`.
pub fn swap<T>(a: &mut T, b: &mut T) {
    std::mem::swap(a, b);
}

/// `std.mem.reverse(T, items)`.
pub fn reverse<T>(items: &mut [T]) {
    items.reverse();
}

/// `std.mem.rotate(T, items, amount)`: rotates left by `amount` (`amount <= len`).
#[track_caller]
pub fn rotate<T>(items: &mut [T], amount: usize) {
    items.rotate_left(amount);
}

/// `std.mem.min(T, slice)`; panics on an empty slice.
#[track_caller]
pub fn min<T: PartialOrd + Copy>(slice: &[T]) -> T {
    slice[index_of_min(slice)]
}

/// `std.mem.max(T, slice)`; panics on an empty slice.
#[track_caller]
pub fn max<T: PartialOrd + Copy>(slice: &[T]) -> T {
    slice[index_of_max(slice)]
}

/// `std.mem.indexOfMin(T, slice)`: the first smallest; panics on an empty slice.
#[track_caller]
pub fn index_of_min<T: PartialOrd>(slice: &[T]) -> usize {
    assert!(!slice.is_empty(), "index_of_min of an empty slice");
    let mut best = 0;
    for i in 1..slice.len() {
        if slice[i] < slice[best] {
            best = i;
        }
    }
    best
}

/// `std.mem.indexOfMax(T, slice)`: the first largest; panics on an empty slice.
#[track_caller]
pub fn index_of_max<T: PartialOrd>(slice: &[T]) -> usize {
    assert!(!slice.is_empty(), "index_of_max of an empty slice");
    let mut best = 0;
    for i in 1..slice.len() {
        if slice[i] > slice[best] {
            best = i;
        }
    }
    best
}

/// `std.mem.concat(allocator, T, slices)`.
pub fn concat<T: Clone>(slices: &[&[T]]) -> Vec<T> {
    slices.concat()
}

/// `std.mem.join(allocator, separator, slices)`.
pub fn join(separator: &[u8], slices: &[&[u8]]) -> Vec<u8> {
    slices.join(separator)
}

/// `std.mem.sliceTo(ptr, sentinel)`: the elements before the first `end` (all when there is none).
pub fn slice_to<T: PartialEq>(slice: &[T], end: T) -> &[T] {
    match slice.iter().position(|x| *x == end) {
        Some(i) => &slice[..i],
        None => slice,
    }
}

fn int_bytes<T: Int>() -> usize {
    assert!(T::BITS % 8 == 0, "read_int/write_int need a whole number of bytes, not {} bits", T::BITS);
    (T::BITS / 8) as usize
}

/// `std.mem.readInt(T, bytes, endian)`: reads the first `@sizeOf(T)` bytes (Zig takes a pointer to exactly
/// that many; a shorter slice panics). In Zig 0.12 `readIntSlice*` were removed and `readInt` takes the
/// same pointer.
#[track_caller]
pub fn read_int<T: Int>(bytes: &[u8], endian: Endian) -> T {
    let n = int_bytes::<T>();
    let bytes = &bytes[..n];
    let mut value: u128 = 0;
    for i in 0..n {
        let b = match endian {
            Endian::Big => bytes[i],
            Endian::Little => bytes[n - 1 - i],
        };
        value = (value << 8) | b as u128;
    }
    from_bits::<T>(value)
}

/// `std.mem.readIntLittle(T, bytes)`.
#[track_caller]
pub fn read_int_little<T: Int>(bytes: &[u8]) -> T {
    read_int(bytes, Endian::Little)
}

/// `std.mem.readIntBig(T, bytes)`.
#[track_caller]
pub fn read_int_big<T: Int>(bytes: &[u8]) -> T {
    read_int(bytes, Endian::Big)
}

/// `std.mem.readIntNative(T, bytes)`.
#[track_caller]
pub fn read_int_native<T: Int>(bytes: &[u8]) -> T {
    read_int(bytes, Endian::NATIVE)
}

/// `std.mem.writeInt(T, buffer, value, endian)`: writes `@sizeOf(T)` bytes at the start of `buffer`.
#[track_caller]
pub fn write_int<T: Int>(buffer: &mut [u8], value: T, endian: Endian) {
    let n = int_bytes::<T>();
    let buffer = &mut buffer[..n];
    let mut bits = to_bits(value);
    for i in 0..n {
        let b = (bits & 0xff) as u8;
        bits >>= 8;
        match endian {
            Endian::Little => buffer[i] = b,
            Endian::Big => buffer[n - 1 - i] = b,
        }
    }
}

/// `std.mem.writeIntLittle(T, buffer, value)`.
#[track_caller]
pub fn write_int_little<T: Int>(buffer: &mut [u8], value: T) {
    write_int(buffer, value, Endian::Little)
}

/// `std.mem.writeIntBig(T, buffer, value)`.
#[track_caller]
pub fn write_int_big<T: Int>(buffer: &mut [u8], value: T) {
    write_int(buffer, value, Endian::Big)
}

/// Two's complement bits of `value` in the low `T::BITS` bits.
fn to_bits<T: Int>(value: T) -> u128 {
    let (negative, magnitude) = value.to_parts();
    let wrapped = if negative { magnitude.wrapping_neg() } else { magnitude };
    if T::BITS >= 128 { wrapped } else { wrapped & ((1u128 << T::BITS) - 1) }
}

/// The value whose two's complement bits are the low `T::BITS` bits of `bits`.
fn from_bits<T: Int>(bits: u128) -> T {
    let bits = if T::BITS >= 128 { bits } else { bits & ((1u128 << T::BITS) - 1) };
    if T::SIGNED && bits >> (T::BITS - 1) & 1 == 1 {
        let magnitude = if T::BITS >= 128 { bits.wrapping_neg() } else { (1u128 << T::BITS) - bits };
        T::from_parts(true, magnitude).expect("in range")
    } else {
        T::from_parts(false, bits).expect("in range")
    }
}

/// What a split or tokenize iterator splits on (`std.mem.DelimiterType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delimiter<'d, T> {
    /// `.scalar`: one element.
    Scalar(T),
    /// `.sequence`: a whole (non-empty) sequence.
    Sequence(&'d [T]),
    /// `.any`: any one of these elements.
    Any(&'d [T]),
}

impl<'d, T: PartialEq + Copy> Delimiter<'d, T> {
    fn len(&self) -> usize {
        match self {
            Delimiter::Sequence(s) => s.len(),
            _ => 1,
        }
    }
    fn is_at(&self, buffer: &[T], index: usize) -> bool {
        match self {
            Delimiter::Scalar(d) => buffer[index] == *d,
            Delimiter::Sequence(s) => buffer[index..].starts_with(s),
            Delimiter::Any(set) => set.contains(&buffer[index]),
        }
    }
    fn find(&self, buffer: &[T], start: usize) -> Option<usize> {
        match self {
            Delimiter::Scalar(d) => index_of_scalar_pos(buffer, start, *d),
            Delimiter::Sequence(s) => index_of_pos(buffer, start, s),
            Delimiter::Any(set) => index_of_any_pos(buffer, start, set),
        }
    }
    fn find_last(&self, buffer: &[T], end: usize) -> Option<usize> {
        let head = &buffer[..end];
        match self {
            Delimiter::Scalar(d) => last_index_of_scalar(head, *d),
            Delimiter::Sequence(s) => last_index_of(head, s),
            Delimiter::Any(set) => last_index_of_any(head, set),
        }
    }
}

/// `std.mem.SplitIterator`: every field, empty ones included (`"a,,b"` → `a`, ``, `b`; `""` → one empty field).
#[derive(Debug, Clone)]
pub struct SplitIterator<'a, 'd, T> {
    pub buffer: &'a [T],
    pub index: Option<usize>,
    pub delimiter: Delimiter<'d, T>,
}

impl<'a, 'd, T: PartialEq + Copy> SplitIterator<'a, 'd, T> {
    /// The first field; panics unless the iterator is at its start.
    #[track_caller]
    pub fn first(&mut self) -> &'a [T] {
        assert_eq!(self.index, Some(0), "SplitIterator::first after next");
        self.next().expect("a split has a first field")
    }
    /// The next field, `None` after the last.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Option<&'a [T]> {
        let start = self.index?;
        let end = match self.delimiter.find(self.buffer, start) {
            Some(d) => {
                self.index = Some(d + self.delimiter.len());
                d
            }
            None => {
                self.index = None;
                self.buffer.len()
            }
        };
        Some(&self.buffer[start..end])
    }
    /// The next field without advancing.
    pub fn peek(&self) -> Option<&'a [T]> {
        let start = self.index?;
        let end = self.delimiter.find(self.buffer, start).unwrap_or(self.buffer.len());
        Some(&self.buffer[start..end])
    }
    /// What has not been returned yet (empty after the last field).
    pub fn rest(&self) -> &'a [T] {
        let start = self.index.unwrap_or(self.buffer.len());
        &self.buffer[start..]
    }
    /// Back to the start.
    pub fn reset(&mut self) {
        self.index = Some(0);
    }
}

impl<'a, 'd, T: PartialEq + Copy> Iterator for SplitIterator<'a, 'd, T> {
    type Item = &'a [T];
    fn next(&mut self) -> Option<&'a [T]> {
        SplitIterator::next(self)
    }
}

/// `std.mem.splitScalar(T, buffer, delimiter)`.
pub fn split_scalar<T: PartialEq + Copy>(buffer: &[T], delimiter: T) -> SplitIterator<'_, 'static, T> {
    SplitIterator { buffer, index: Some(0), delimiter: Delimiter::Scalar(delimiter) }
}

/// `std.mem.splitSequence(T, buffer, delimiter)`; panics on an empty delimiter (Zig asserts).
#[track_caller]
pub fn split_sequence<'a, 'd, T: PartialEq + Copy>(buffer: &'a [T], delimiter: &'d [T]) -> SplitIterator<'a, 'd, T> {
    assert!(!delimiter.is_empty(), "split_sequence: empty delimiter");
    SplitIterator { buffer, index: Some(0), delimiter: Delimiter::Sequence(delimiter) }
}

/// `std.mem.splitAny(T, buffer, delimiters)`.
pub fn split_any<'a, 'd, T: PartialEq + Copy>(buffer: &'a [T], delimiters: &'d [T]) -> SplitIterator<'a, 'd, T> {
    SplitIterator { buffer, index: Some(0), delimiter: Delimiter::Any(delimiters) }
}

/// `std.mem.SplitBackwardsIterator`: the fields from the end.
#[derive(Debug, Clone)]
pub struct SplitBackwardsIterator<'a, 'd, T> {
    pub buffer: &'a [T],
    pub index: Option<usize>,
    pub delimiter: Delimiter<'d, T>,
}

impl<'a, 'd, T: PartialEq + Copy> SplitBackwardsIterator<'a, 'd, T> {
    /// The last field; panics unless the iterator is at its start.
    #[track_caller]
    pub fn first(&mut self) -> &'a [T] {
        assert_eq!(self.index, Some(self.buffer.len()), "SplitBackwardsIterator::first after next");
        self.next().expect("a split has a first field")
    }
    /// The previous field, `None` after the first.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Option<&'a [T]> {
        let end = self.index?;
        let start = match self.delimiter.find_last(self.buffer, end) {
            Some(d) => {
                self.index = Some(d);
                d + self.delimiter.len()
            }
            None => {
                self.index = None;
                0
            }
        };
        Some(&self.buffer[start..end])
    }
    /// What has not been returned yet.
    pub fn rest(&self) -> &'a [T] {
        &self.buffer[..self.index.unwrap_or(0)]
    }
    /// Back to the end.
    pub fn reset(&mut self) {
        self.index = Some(self.buffer.len());
    }
}

impl<'a, 'd, T: PartialEq + Copy> Iterator for SplitBackwardsIterator<'a, 'd, T> {
    type Item = &'a [T];
    fn next(&mut self) -> Option<&'a [T]> {
        SplitBackwardsIterator::next(self)
    }
}

/// `std.mem.splitBackwardsScalar(T, buffer, delimiter)`.
pub fn split_backwards_scalar<T: PartialEq + Copy>(buffer: &[T], delimiter: T) -> SplitBackwardsIterator<'_, 'static, T> {
    SplitBackwardsIterator { buffer, index: Some(buffer.len()), delimiter: Delimiter::Scalar(delimiter) }
}

/// `std.mem.splitBackwardsSequence(T, buffer, delimiter)`.
#[track_caller]
pub fn split_backwards_sequence<'a, 'd, T: PartialEq + Copy>(buffer: &'a [T], delimiter: &'d [T]) -> SplitBackwardsIterator<'a, 'd, T> {
    assert!(!delimiter.is_empty(), "split_backwards_sequence: empty delimiter");
    SplitBackwardsIterator { buffer, index: Some(buffer.len()), delimiter: Delimiter::Sequence(delimiter) }
}

/// `std.mem.splitBackwardsAny(T, buffer, delimiters)`.
pub fn split_backwards_any<'a, 'd, T: PartialEq + Copy>(buffer: &'a [T], delimiters: &'d [T]) -> SplitBackwardsIterator<'a, 'd, T> {
    SplitBackwardsIterator { buffer, index: Some(buffer.len()), delimiter: Delimiter::Any(delimiters) }
}

/// `std.mem.TokenIterator`: the non-empty runs between delimiters (`"  a  b "` → `a`, `b`).
#[derive(Debug, Clone)]
pub struct TokenIterator<'a, 'd, T> {
    pub buffer: &'a [T],
    pub delimiter: Delimiter<'d, T>,
    pub index: usize,
}

impl<'a, 'd, T: PartialEq + Copy> TokenIterator<'a, 'd, T> {
    /// The next token, `None` when only delimiters are left.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Option<&'a [T]> {
        let result = self.peek()?;
        self.index += result.len();
        Some(result)
    }
    /// The next token without advancing past it (it does skip the delimiters before it, as Zig's does).
    pub fn peek(&mut self) -> Option<&'a [T]> {
        while self.index < self.buffer.len() && self.delimiter.is_at(self.buffer, self.index) {
            self.index += self.delimiter.len();
        }
        let start = self.index;
        if start == self.buffer.len() {
            return None;
        }
        let mut end = start;
        while end < self.buffer.len() && !self.delimiter.is_at(self.buffer, end) {
            end += 1;
        }
        Some(&self.buffer[start..end])
    }
    /// What is left after the delimiters at the current position.
    pub fn rest(&self) -> &'a [T] {
        let mut index = self.index;
        while index < self.buffer.len() && self.delimiter.is_at(self.buffer, index) {
            index += self.delimiter.len();
        }
        &self.buffer[index..]
    }
    /// Back to the start.
    pub fn reset(&mut self) {
        self.index = 0;
    }
}

impl<'a, 'd, T: PartialEq + Copy> Iterator for TokenIterator<'a, 'd, T> {
    type Item = &'a [T];
    fn next(&mut self) -> Option<&'a [T]> {
        TokenIterator::next(self)
    }
}

/// `std.mem.tokenizeScalar(T, buffer, delimiter)`.
pub fn tokenize_scalar<T: PartialEq + Copy>(buffer: &[T], delimiter: T) -> TokenIterator<'_, 'static, T> {
    TokenIterator { buffer, delimiter: Delimiter::Scalar(delimiter), index: 0 }
}

/// `std.mem.tokenizeSequence(T, buffer, delimiter)`; panics on an empty delimiter.
#[track_caller]
pub fn tokenize_sequence<'a, 'd, T: PartialEq + Copy>(buffer: &'a [T], delimiter: &'d [T]) -> TokenIterator<'a, 'd, T> {
    assert!(!delimiter.is_empty(), "tokenize_sequence: empty delimiter");
    TokenIterator { buffer, delimiter: Delimiter::Sequence(delimiter), index: 0 }
}

/// `std.mem.tokenizeAny(T, buffer, delimiters)`.
pub fn tokenize_any<'a, 'd, T: PartialEq + Copy>(buffer: &'a [T], delimiters: &'d [T]) -> TokenIterator<'a, 'd, T> {
    TokenIterator { buffer, delimiter: Delimiter::Any(delimiters), index: 0 }
}
