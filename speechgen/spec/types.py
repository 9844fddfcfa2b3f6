"""Strict field types shared by the spec models: integers that refuse booleans and odd spellings,
figures bounded so they print as the genre writes figures (see :mod:`speechgen.core.limits`)."""
from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator

from speechgen.core.chars import FIGURES_TO_ASCII
from speechgen.core.limits import number_problem, plain_decimal, plain_digits


def _strict_int(v: Any) -> Any:
    """Integers only as integers: no booleans (``rank: yes``), no ``1_000``/``0x10`` spellings;
    a plain digit string ("3") and an integral number (3.0) are still accepted."""
    if isinstance(v, bool):
        raise ValueError(f"应为整数，收到是/否值 {str(v).lower()}（yes/no/on/off 在 YAML 中是真假值）")
    if isinstance(v, str):
        ascii_form = v.translate(FIGURES_TO_ASCII)
        if not plain_digits(ascii_form):
            raise ValueError(f"应为整数，收到 \"{v[:40]}\"")
        return ascii_form.strip()
    return v


def _strict_number(v: Any) -> Any:
    """Figures written as text only in plain decimal notation ("5.8", "-2", "1.2e3"): no
    ``1_000`` (Python would read 1000), no other scripts' digits ("٥"), no booleans. Full-width
    digits ("１２．５", typed with a Chinese input method) are read as the table readers read them."""
    if isinstance(v, bool):
        raise ValueError(f"应为数字，收到是/否值 {str(v).lower()}（yes/no/on/off 在 YAML 中是真假值）")
    if isinstance(v, str):
        ascii_form = v.translate(FIGURES_TO_ASCII).replace("\u3000", " ")  # as the table readers do
        if not plain_decimal(ascii_form):
            hint = "请用 0-9 的数字" if not ascii_form.isascii() else "不要带 % 或单位，也不要用下划线分节"
            raise ValueError(f"应为数字，收到 \"{v[:40]}\"（{hint}）")
        return ascii_form.strip()
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
Number = Annotated[Decimal, BeforeValidator(_strict_number), AfterValidator(_bounded)]
