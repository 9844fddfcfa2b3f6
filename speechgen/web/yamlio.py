"""Spec ⇄ YAML for the YAML tab and the .yaml download.

:func:`spec_yaml` writes the validated spec without its defaults, in model order, with
numbers as written (5.80 stays 5.80, read back as the same Decimal) and flat rows (an
indicator) on one line, as the samples are written.  :func:`expand_yaml_boxes` parses the
small YAML boxes the form uses for fields it has no widget for.
"""
from __future__ import annotations

import datetime as _dt
import enum
from decimal import Decimal
from typing import Any

import yaml

from speechgen.core.yamlsrc import load_yaml
from speechgen.spec.model import Spec

#: key the browser script uses for the text of a field's YAML box
YAML_BOX = "$yaml"
FLOW_MAX = 200  # a flat mapping longer than this (characters) is written in block style


class _Dumper(yaml.SafeDumper):
    pass


def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.Node:
    text = format(value, "f")
    if "." not in text:
        return dumper.represent_scalar("tag:yaml.org,2002:int", text)
    return dumper.represent_scalar("tag:yaml.org,2002:float", text)


def _enum(dumper: yaml.SafeDumper, value: enum.Enum) -> yaml.Node:
    return dumper.represent_data(value.value)


class _Flow(dict):
    """A mapping written on one line."""


def _flow(dumper: yaml.SafeDumper, value: _Flow) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", value.items(), flow_style=True)


_Dumper.add_representer(Decimal, _decimal)
_Dumper.add_multi_representer(enum.Enum, _enum)
_Dumper.add_representer(_Flow, _flow)
_Dumper.add_representer(_dt.date, yaml.SafeDumper.represent_date)


def dump_yaml(data: Any) -> str:
    """YAML text of plain data (Decimals, enums, dates allowed)."""
    return yaml.dump(_shape(data), Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=100000)


def spec_yaml(spec: Spec) -> str:
    """The spec as YAML without default values (loads back to an equal spec)."""
    data = spec.model_dump(mode="python", exclude_defaults=True)
    return dump_yaml(data)


def _shape(value: Any, in_list: bool = False) -> Any:
    if isinstance(value, dict):
        shaped = {k: _shape(v) for k, v in value.items()}
        if in_list and len(shaped) > 2 and all(_is_scalar(v) for v in shaped.values()) and \
                sum(len(str(k)) + len(_text(v)) + 4 for k, v in shaped.items()) <= FLOW_MAX:
            return _Flow(shaped)
        return shaped
    if isinstance(value, (list, tuple)):
        return [_shape(v, in_list=True) for v in value]
    return value


def _text(value: Any) -> str:
    return format(value, "f") if isinstance(value, Decimal) else str(getattr(value, "value", value))


def _is_scalar(value: Any) -> bool:
    return not isinstance(value, (dict, list, tuple))


def expand_yaml_boxes(data: Any, path: str = "") -> Any:
    """Replace ``{"$yaml": text}`` values the form sends by the parsed YAML."""
    if isinstance(data, dict):
        if set(data) == {YAML_BOX}:
            return _parse_box(str(data[YAML_BOX]), path)
        return {k: expand_yaml_boxes(v, f"{path}.{k}" if path else str(k)) for k, v in data.items()}
    if isinstance(data, list):
        return [expand_yaml_boxes(v, f"{path}[{i}]") for i, v in enumerate(data)]
    return data


def _parse_box(text: str, path: str) -> Any:
    if not text.strip():
        return None
    data, _ = load_yaml(text, f"表单 {path}")
    return data


def strip_empty(data: Any) -> Any:
    """Drop None values the boxes may produce (so defaults apply)."""
    if isinstance(data, dict):
        return {k: strip_empty(v) for k, v in data.items() if v is not None}
    if isinstance(data, list):
        return [strip_empty(v) for v in data]
    return data
