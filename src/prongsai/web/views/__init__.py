"""The signed-in pages: thin views that check access, call a service or a query, render."""

from prongsai.agencies.access import found

__all__ = ["found"]
