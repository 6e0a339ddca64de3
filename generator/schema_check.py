"""Checking a JSON value against the published ``briefing/1`` schema, and beyond it.

The extraction cache is input: CI restores it, people merge it across machines.
An entry is used only if it passes :func:`briefing_problem`: the JSON Schema of
:data:`generator.model.JSON_SCHEMA` (the subset of draft 2020-12 it uses, read
from that very object, so check and published schema cannot drift apart), and
what a schema cannot say: dates that exist, evidence that points at a sentence
of the article.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import Any

from .model import JSON_SCHEMA

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


def _is(value: Any, kind: str) -> bool:
    if isinstance(value, bool) and kind in ("integer", "number"):
        return False
    return isinstance(value, _TYPES[kind])


def schema_problem(value: Any, schema: dict[str, Any], where: str = "") -> str | None:
    """The first place where ``value`` breaks ``schema`` ("actors[3].type: ..."), or None."""
    kinds = schema.get("type")
    if kinds is not None:
        kinds = [kinds] if isinstance(kinds, str) else kinds
        if not any(_is(value, k) for k in kinds):
            found = type(value).__name__
            return f"{where or 'entry'}: expected {' or '.join(kinds)}, found {found}"
    if "const" in schema and value != schema["const"]:
        return f"{where}: expected {schema['const']!r}"
    if "enum" in schema and value not in schema["enum"]:
        return f"{where}: {str(value)[:40]!r} is not one of {', '.join(schema['enum'])}"
    if isinstance(value, str):
        if "pattern" in schema and not _pattern(schema["pattern"]).search(value):
            return f"{where}: {value[:40]!r} is not of the expected form"
        if len(value) < schema.get("minLength", 0):
            return f"{where}: is empty"
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if number and "minimum" in schema and value < schema["minimum"]:
        return f"{where}: {value} is below {schema['minimum']}"
    if isinstance(value, dict):
        for key in schema.get("required", ()):
            if key not in value:
                return f"{where + '.' if where else ''}{key}: missing"
        for key, sub in schema.get("properties", {}).items():
            if key in value:
                found = schema_problem(value[key], sub, f"{where + '.' if where else ''}{key}")
                if found:
                    return found
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            found = schema_problem(item, schema["items"], f"{where}[{i}]")
            if found:
                return found
    return None


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


def _sentence_numbers(data: dict[str, Any]):
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
