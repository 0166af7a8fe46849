"""URL parts with a meaning: a Buddhist-era year the app knows, else no match (404)."""

from __future__ import annotations

from django.urls import register_converter


class BEYearConverter:
    """<be_year:year>: 2500–2700, the years the models accept; anything else is a 404,
    never a view running on year 99999 (a ValueError deep in date arithmetic)."""

    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        year = int(value)
        if not 2500 <= year <= 2700:
            raise ValueError(f"{year} is not a BE year from 2500 to 2700")
        return year

    def to_url(self, value: int) -> str:
        return str(int(value))


register_converter(BEYearConverter, "be_year")
