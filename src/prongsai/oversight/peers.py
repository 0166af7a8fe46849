"""Where an agency stands among its peers: agencies of the same kind, in its province
and in the whole country, from whatever results are loaded."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class Standing:
    share: Decimal  # per cent of the peers (itself excluded) that scored lower
    rank: int  # 1 = the best
    peers: int  # how many agencies compared, itself included


@dataclass(frozen=True)
class Peers:
    province: str
    overall_province: Standing | None
    overall_nation: Standing | None
    indicators: list[tuple[int, Standing | None, Standing | None]]  # number, province, nation


def standing(value: Any, others: list[Any]) -> Standing | None:
    """`value` among `others` (which include it once)."""
    if value is None or len(others) < 2:
        return None
    lower = sum(1 for other in others if other < value)
    higher = sum(1 for other in others if other > value)
    share = (Decimal(100) * lower / (len(others) - 1)).quantize(Decimal("0.1"))
    return Standing(share, higher + 1, len(others))


def peers(agency_id: int, province: str, rows: list[tuple[int, str, Any, dict[str, Any]]]) -> Peers:
    """`rows`: (agency id, province, overall, indicators) of every agency of its kind."""
    own = next((row for row in rows if row[0] == agency_id), None)
    if own is None:
        return Peers(province, None, None, [])
    local = [row for row in rows if row[1] == province]

    def among(group: list[Any], pick: Any) -> Standing | None:
        values = [pick(row) for row in group]
        return standing(pick(own), [v for v in values if v is not None])

    indicators = [
        (
            int(number),
            among(local, lambda row, n=number: row[3].get(n)),
            among(rows, lambda row, n=number: row[3].get(n)),
        )
        for number in sorted(own[3], key=int)
    ]
    return Peers(
        province,
        among(local, lambda row: row[2]),
        among(rows, lambda row: row[2]),
        indicators,
    )
