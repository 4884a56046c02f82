//! Zig's error names as one Rust enum.
//!
//! Zig functions return error sets (`error{ Overflow, InvalidCharacter }`); the functions of `mem`, `fmt`,
//! `math`, `unicode`, `ascii`, `sort` and `testing` return `Result<T, zig_std::Error>` with the variant named
//! exactly as Zig names the error. `Display` prints that name (`Overflow`), as `@errorName` does, so
//! `format!("{e}")` is the port of `@errorName(e)`. A port's own error enum converts from it with a
//! `From<zig_std::Error>` impl (or a `match` over the variants it can receive).

use std::fmt;

/// The errors `zig_std` returns, named as in Zig 0.11's standard library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Error {
    /// `error.Overflow`: the result does not fit the integer type (`std.math.add`, `std.fmt.parseInt`, …).
    Overflow,
    /// `error.Underflow`: `std.math.powi` of a result too small for the type.
    Underflow,
    /// `error.InvalidCharacter`: `std.fmt.parseInt`/`parseFloat`/`charToDigit` met a character that is not a digit.
    InvalidCharacter,
    /// `error.DivisionByZero` (`std.math.divTrunc`, `mod`, `rem`, …).
    DivisionByZero,
    /// `error.NegativeDenominator` (`std.math.mod`, `std.math.rem`).
    NegativeDenominator,
    /// `error.UnexpectedRemainder` (`std.math.divExact`).
    UnexpectedRemainder,
    /// `error.NoSpaceLeft` (`std.fmt.bufPrint`).
    NoSpaceLeft,
    /// `error.CodepointTooLarge` (`std.unicode.utf8CodepointSequenceLength`, `utf8Encode`).
    CodepointTooLarge,
    /// `error.Utf8InvalidStartByte`.
    Utf8InvalidStartByte,
    /// `error.Utf8CannotEncodeSurrogateHalf`.
    Utf8CannotEncodeSurrogateHalf,
    /// `error.Utf8ExpectedContinuation`.
    Utf8ExpectedContinuation,
    /// `error.Utf8OverlongEncoding`.
    Utf8OverlongEncoding,
    /// `error.Utf8EncodesSurrogateHalf`.
    Utf8EncodesSurrogateHalf,
    /// `error.Utf8CodepointTooLarge`.
    Utf8CodepointTooLarge,
    /// `error.TruncatedInput` (`std.unicode.utf8CountCodepoints`).
    TruncatedInput,
    /// `error.InvalidUtf8` (`std.unicode.Utf8View.init`).
    InvalidUtf8,
    /// `error.TestUnexpectedResult` (`std.testing.expect`).
    TestUnexpectedResult,
    /// `error.TestExpectedEqual` (`expectEqual`, `expectEqualSlices`, `expectEqualStrings`).
    TestExpectedEqual,
    /// `error.TestExpectedError` (`expectError`: another error arrived).
    TestExpectedError,
    /// `error.TestUnexpectedError` (`expectError`: a value arrived).
    TestUnexpectedError,
    /// `error.TestExpectedApproxEqAbs`.
    TestExpectedApproxEqAbs,
    /// `error.TestExpectedApproxEqRel`.
    TestExpectedApproxEqRel,
    /// `error.SkipZigTest`: see `testing` and the `zig_skip!` macro.
    SkipZigTest,
}

impl Error {
    /// The name `@errorName` gives (`"Overflow"`).
    pub fn name(self) -> &'static str {
        match self {
            Error::Overflow => "Overflow",
            Error::Underflow => "Underflow",
            Error::InvalidCharacter => "InvalidCharacter",
            Error::DivisionByZero => "DivisionByZero",
            Error::NegativeDenominator => "NegativeDenominator",
            Error::UnexpectedRemainder => "UnexpectedRemainder",
            Error::NoSpaceLeft => "NoSpaceLeft",
            Error::CodepointTooLarge => "CodepointTooLarge",
            Error::Utf8InvalidStartByte => "Utf8InvalidStartByte",
            Error::Utf8CannotEncodeSurrogateHalf => "Utf8CannotEncodeSurrogateHalf",
            Error::Utf8ExpectedContinuation => "Utf8ExpectedContinuation",
            Error::Utf8OverlongEncoding => "Utf8OverlongEncoding",
            Error::Utf8EncodesSurrogateHalf => "Utf8EncodesSurrogateHalf",
            Error::Utf8CodepointTooLarge => "Utf8CodepointTooLarge",
            Error::TruncatedInput => "TruncatedInput",
            Error::InvalidUtf8 => "InvalidUtf8",
            Error::TestUnexpectedResult => "TestUnexpectedResult",
            Error::TestExpectedEqual => "TestExpectedEqual",
            Error::TestExpectedError => "TestExpectedError",
            Error::TestUnexpectedError => "TestUnexpectedError",
            Error::TestExpectedApproxEqAbs => "TestExpectedApproxEqAbs",
            Error::TestExpectedApproxEqRel => "TestExpectedApproxEqRel",
            Error::SkipZigTest => "SkipZigTest",
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl std::error::Error for Error {}

/// `Result<T, zig_std::Error>`.
pub type Result<T> = std::result::Result<T, Error>;
