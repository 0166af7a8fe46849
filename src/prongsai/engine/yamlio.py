"""YAML for our data files: exact decimals, duplicate keys refused, readable Thai out."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

import yaml

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BaseDumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class YamlError(ValueError):
    """A YAML text that cannot be read; the message names the line."""


class _Loader(_Base):  # type: ignore[misc]
    pass


def _decimal(loader: Any, node: yaml.ScalarNode) -> Decimal | str:
    text = loader.construct_scalar(node).replace("_", "")
    try:
        return Decimal(text)
    except InvalidOperation:
        return str(text)  # ".inf", ".nan": left as text so the validator names them


def _mapping(loader: Any, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    result: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in result:
            line = key_node.start_mark.line + 1
            raise YamlError(f"duplicate key {key!r} at line {line}")
        result[key] = loader.construct_object(value_node, deep=deep)
    return result


_Loader.add_constructor("tag:yaml.org,2002:float", _decimal)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def load_yaml(text: str) -> Any:
    """Parse YAML with floats as `Decimal` and duplicate keys as errors."""
    try:
        return yaml.load(text, Loader=_Loader)
    except YamlError:
        raise
    except yaml.YAMLError as exc:
        raise YamlError(str(exc)) from exc


class _Dumper(_BaseDumper):  # type: ignore[misc]
    def ignore_aliases(self, data: Any) -> bool:
        return True  # a value shown twice is written twice, never as &id001/*id001


def _represent_decimal(dumper: Any, value: Decimal) -> Any:
    text = format(value, "f")
    if value == value.to_integral_value() and "." not in text:
        return dumper.represent_int(int(value))
    return dumper.represent_scalar("tag:yaml.org,2002:float", text)


_Dumper.add_representer(Decimal, _represent_decimal)


def dump_yaml(data: Any) -> str:
    """Write YAML with Thai as readable UTF-8, keys in the order given."""
    return str(yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100))
