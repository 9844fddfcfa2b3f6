"""Strict field types shared by the spec models: integers that refuse booleans and odd spellings,
figures bounded so they print as the genre writes figures (see :mod:`speechgen.core.limits`)."""
from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator

from speechgen.core.limits import number_problem, plain_digits


def _strict_int(v: Any) -> Any:
    """Integers only as integers: no booleans (``rank: yes``), no ``1_000``/``0x10`` spellings;
    a plain digit string ("3") and an integral number (3.0) are still accepted."""
    if isinstance(v, bool):
        raise ValueError(f"应为整数，收到是/否值 {str(v).lower()}（yes/no/on/off 在 YAML 中是真假值）")
    if isinstance(v, str) and not plain_digits(v):
        raise ValueError(f"应为整数，收到 \"{v[:40]}\"")
    return v


def _bounded(v: Decimal | None) -> Decimal | None:
    """A figure the genre can print: bounded digits and magnitude (no 1E-999999999, no 1e308)."""
    problem = None if v is None else number_problem(v)
    if problem:
        raise ValueError(f"{problem}，收到 {format(v, 'E') if len(str(v)) > 40 else v}")
    return v


#: an integer field (rank, year, seed…) that refuses booleans and odd spellings
Int = Annotated[int, BeforeValidator(_strict_int)]


#: a figure (growth, value…): Decimal keeps the digits written; bounded digits and magnitude
Number = Annotated[Decimal, AfterValidator(_bounded)]
