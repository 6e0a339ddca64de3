"""Checking a JSON value against the published ``briefing/1`` schema, and beyond it.

The extraction cache is input: CI restores it, people merge it across machines.
An entry is used only if it passes :func:`briefing_problem`: the JSON Schema of
:data:`briefings.model.JSON_SCHEMA` (the subset of draft 2020-12 it uses, read
from that very object, so check and published schema cannot drift apart), and
what a schema cannot say: dates that exist, evidence that points at a sentence
of the article.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

from briefings.model import JSON_SCHEMA

#: The keywords :func:`schema_problem` understands; the tests check JSON_SCHEMA uses no other.
KEYWORDS = frozenset(
    {
        "$schema",
        "$id",
        "title",
        "type",
        "required",
        "properties",
        "items",
        "enum",
        "const",
        "pattern",
        "minimum",
        "minLength",
    }
)

_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "null": (type(None),),
}


@cache
def _pattern(text: str) -> re.Pattern[str]:
    return re.compile(text)


#: A place in a value, built only when it is reported: (parent, key or index).
Where = tuple | None


def _show(where: Where) -> str:
    parts: list[str] = []
    while where is not None:
        where, step = where
        parts.append(f"[{step}]" if isinstance(step, int) else f".{step}")
    text = "".join(reversed(parts)).lstrip(".")
    return text or "entry"


Check = Callable[[Any, Where], str | None]


@cache
def _briefing_check() -> Check:
    return _compile(JSON_SCHEMA)


def _compile(schema: dict[str, Any]) -> Check:
    """A function checking a value against ``schema``: every keyword read once, here."""
    stated_kinds = schema.get("type")
    kinds: list[str] | None = [stated_kinds] if isinstance(stated_kinds, str) else stated_kinds
    types = tuple(t for k in kinds or () for t in _TYPES[k])
    no_bool = bool(kinds and "boolean" not in kinds)
    const, has_const = schema.get("const"), "const" in schema
    enum = schema.get("enum")
    pattern = _pattern(schema["pattern"]) if "pattern" in schema else None
    min_length = schema.get("minLength", 0)
    minimum = schema.get("minimum")
    required = tuple(schema.get("required", ()))
    properties = tuple((k, _compile(v)) for k, v in schema.get("properties", {}).items())
    items = _compile(schema["items"]) if "items" in schema else None

    def check(value: Any, where: Where) -> str | None:
        if kinds is not None and (
            not isinstance(value, types) or (no_bool and isinstance(value, bool))
        ):
            found_type = type(value).__name__
            return f"{_show(where)}: expected {' or '.join(kinds)}, found {found_type}"
        if has_const and value != const:
            return f"{_show(where)}: expected {const!r}"
        if enum is not None and value not in enum:
            return f"{_show(where)}: {str(value)[:40]!r} is not one of {', '.join(enum)}"
        if isinstance(value, str):
            if pattern is not None and not pattern.search(value):
                return f"{_show(where)}: {value[:40]!r} is not of the expected form"
            if len(value) < min_length:
                return f"{_show(where)}: is empty"
        elif minimum is not None and isinstance(value, int | float) and value < minimum:
            return f"{_show(where)}: {value} is below {minimum}"
        if isinstance(value, dict):
            for key in required:
                if key not in value:
                    return f"{_show((where, key))}: missing"
            for key, sub in properties:
                if key in value:
                    found = sub(value[key], (where, key))
                    if found:
                        return found
        elif items is not None and isinstance(value, list):
            for i, item in enumerate(value):
                found = items(item, (where, i))
                if found:
                    return found
        return None

    return check


def schema_problem(value: Any, schema: dict[str, Any]) -> str | None:
    """The first place where ``value`` breaks ``schema`` ("actors[3].type: ..."), or None."""
    check = _briefing_check() if schema is JSON_SCHEMA else _compile(schema)
    return check(value, None)


def _partial_date(value: str) -> bool:
    """Whether ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` names a year, month or day that exists."""
    parts = value.split("-")
    try:
        if len(parts) == 3:
            dt.date.fromisoformat(value)
        elif len(parts) == 2:
            dt.date(int(parts[0]), int(parts[1]), 1)
        else:
            dt.date(int(parts[0]), 1, 1)
    except ValueError:
        return False
    return True


def briefing_problem(data: Any) -> str | None:
    """Why ``data`` is not a sound ``briefing/1`` object, or None when it is."""
    found = schema_problem(data, JSON_SCHEMA)
    if found:
        return found
    if not _partial_date(data["date"]) or len(data["date"]) != 10:
        return f"date: {data['date']!r} does not exist"
    n = len(data.get("sentences", ()))
    for i, event in enumerate(data["events"]):
        for key in ("date", "end"):
            value = event.get(key)
            if value is not None and not _partial_date(value):
                return f"events[{i}].{key}: {value!r} does not exist"
    if n:
        for where, number in _sentence_numbers(data):
            if number > n:
                return f"{where}: sentence {number} is beyond the article's {n}"
    return None


def _sentence_numbers(data: dict[str, Any]) -> Iterator[tuple[str, int]]:
    for i, s in enumerate(data["summary"]):
        yield f"summary[{i}]", s["sentence"]
    for i, a in enumerate(data["actors"]):
        for e in a["evidence"]:
            yield f"actors[{i}].evidence", e["sentence"]
    for i, e in enumerate(data["events"]):
        yield f"events[{i}].evidence", e["evidence"]["sentence"]
        for x in e.get("more_evidence", ()):
            yield f"events[{i}].more_evidence", x["sentence"]
    for i, q in enumerate(data["questions"]):
        yield f"questions[{i}].evidence", q["evidence"]["sentence"]
