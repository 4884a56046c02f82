//! `zig_std`: Zig 0.11's standard library with Zig's semantics, in std-only Rust, for code ported from Zig.
//!
//! migrate-kit's zig-to-rust recipe writes this crate into every output crate (`<out>/zig_std/`, a path
//! dependency: `zig_std = { path = "zig_std" }`), so ports call `zig_std::fmt::parse_int` instead of
//! re-implementing `std.fmt.parseInt` and getting its edge cases wrong. Names are Zig's in snake_case
//! (`std.mem.indexOfScalar` → `zig_std::mem::index_of_scalar`); errors are [`Error`] variants named as Zig
//! names them (`Error::Overflow`, whose `Display` is `Overflow`, like `@errorName`).
//!
//! Every function is checked against the Zig 0.11 compiler: `test/zig-std/golden/<module>.zig` runs a seeded
//! table of inputs (edge values, NaN, ±inf, empty, long, invalid UTF-8, …) through Zig's std and the committed
//! output is compared line by line with what this crate gives (`test/zig-std/verify`). Where a later Zig
//! changed a function, its doc comment says so.
//!
//! Modules: [`mem`] (search, trim, split/tokenize, read/write ints, replace), [`fmt`] (`parse_int`,
//! `parse_float`, digits, Zig's float and `{any}` formatting), [`math`] (checked arithmetic with Zig's
//! errors, division and remainder builtins, `U<BITS>`/`I<BITS>` odd-width integers that trap at their
//! width, `pow`, `log2`, integer `sqrt`), [`unicode`] (UTF-8), [`ascii`] (Zig's character classes),
//! [`sort`] (`insertion`, `block`, `heap` with Zig's `less_than(ctx, a, b)`), [`testing`] (`expect_*` with
//! Zig's messages, `zig_skip!`), and `rand`, `hash`, `crypto`, `compress`, `io`.
//!
//! Nothing here depends on anything but `std`; unused items cost nothing and raise no warnings.
pub mod error;
pub mod mem;
pub mod fmt;
pub mod math;
pub mod unicode;
pub mod ascii;
pub mod sort;
pub mod testing;
pub mod rand;
pub mod hash;
pub mod crypto;
pub mod compress;
pub mod io;

pub use error::Error;
