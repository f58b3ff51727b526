"""Placeholder, replaced by the numeral grammar."""
from fractions import Fraction
def to_number(text: str) -> float:
    try:
        return float(Fraction(text.replace(",", "")))
    except (ValueError, ZeroDivisionError) as e:
        raise ValueError(f"not a number: {text!r}") from e
