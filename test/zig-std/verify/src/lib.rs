//! Golden-file checks of zig_std live in tests/.
