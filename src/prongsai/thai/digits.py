"""Thai digits (๐–๙) to and from Arabic digits."""

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_ARABIC = str.maketrans(THAI_DIGITS, "0123456789")
_TO_THAI = str.maketrans("0123456789", THAI_DIGITS)


def to_arabic_digits(text: str) -> str:
    """Replace every Thai digit with its Arabic digit; everything else stays."""
    return text.translate(_TO_ARABIC)


def to_thai_digits(text: str) -> str:
    """Replace every Arabic digit with its Thai digit; everything else stays."""
    return text.translate(_TO_THAI)
