"""The briefing document model: frozen dataclasses and their JSON form.

``briefing/1`` is a published contract (``briefings extract --json`` and the JSON
file next to every briefing page). Fields may be added; none may be removed or
change meaning. :func:`briefing_from_dict` reads the JSON back, so cached
extraction results rebuild the site without the language model.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

SCHEMA = "briefing/1"

ActorType = Literal["person", "organization", "country", "place", "group"]
ACTOR_TYPES: tuple[str, ...] = ("person", "organization", "country", "place", "group")


@dataclass(frozen=True)
class Evidence:
    """A pointer to the sentence a claim came from (1-based sentence number)."""

    sentence: int
    text: str


@dataclass(frozen=True)
class Sentence:
    """One sentence of the article body, as shown with its anchor."""

    index: int
    text: str
    paragraph: int


@dataclass(frozen=True)
class SummarySentence:
    text: str
    sentence: int


@dataclass(frozen=True)
class Actor:
    name: str
    type: ActorType
    role: str | None
    aliases: tuple[str, ...]
    mentions: int
    salience: float
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class Event:
    date: str
    approximate: bool
    text: str
    evidence: Evidence
    #: True for scheduled or expected events (stated in the future or as a plan).
    expected: bool = False
    #: The temporal expression as written ("the day before the call"), if any.
    timex: str | None = None
    #: The last day/month/year of a range ("from 3 to 5 May"), else None.
    end: str | None = None
    #: "day", "month", "year" or "decade" ("decade": ``date`` is the decade's first year).
    precision: str = ""
    #: Further sentences reporting the same event (merged mentions, elaborations).
    more_evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class Question:
    text: str
    evidence: Evidence


@dataclass(frozen=True)
class Source:
    path: str
    sha256: str
    words: int
    name: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Briefing:
    id: str
    date: str
    title: str
    summary: tuple[SummarySentence, ...]
    actors: tuple[Actor, ...]
    events: tuple[Event, ...]
    questions: tuple[Question, ...]
    source: Source
    bottom_line: str | None = None
    #: The sentence the bottom line is drawn from (1-based), its evidence.
    bottom_line_sentence: int | None = None
    sentences: tuple[Sentence, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """The ``briefing/1`` JSON object, keys in a fixed order."""
        return {"schema": SCHEMA, **_plain(self)}

    def to_json(self) -> str:
        """Deterministic JSON text (sorted nothing, fixed field order, UTF-8).

        Computed once per object (the value is frozen); :func:`keep_json` lets the
        extraction cache hand over the text it stored.
        """
        text = self.__dict__.get("_json")
        if text is None:
            text = json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"
            object.__setattr__(self, "_json", text)
        return text


def keep_json(briefing: Briefing, text: str) -> Briefing:
    """Give ``briefing`` the JSON text it was read from, as its :meth:`Briefing.to_json`.

    Only for text this module's ``to_json`` wrote for an equal briefing: the
    extraction cache, whose key covers this module's source, so a change to the
    model or its JSON form is never served from old text.
    """
    object.__setattr__(briefing, "_json", text)
    return briefing


def _plain(value: Any) -> Any:
    """What :func:`dataclasses.asdict` gives for these values, in half the time.

    Every site build turns every briefing into JSON; ``asdict`` deep-copies each leaf.
    """
    if hasattr(value, "__dataclass_fields__"):
        return {name: _plain(getattr(value, name)) for name in value.__dataclass_fields__}
    if isinstance(value, tuple | list):
        return type(value)(_plain(v) for v in value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _evidence(d: dict[str, Any]) -> Evidence:
    return Evidence(sentence=int(d["sentence"]), text=str(d["text"]))


def briefing_from_dict(d: dict[str, Any]) -> Briefing:
    """Rebuild a :class:`Briefing` from its JSON object."""
    if d.get("schema") != SCHEMA:
        raise ValueError(f"not a {SCHEMA} object: schema={d.get('schema')!r}")
    return Briefing(
        id=d["id"],
        date=d["date"],
        title=d["title"],
        summary=tuple(SummarySentence(s["text"], int(s["sentence"])) for s in d["summary"]),
        actors=tuple(
            Actor(
                name=a["name"],
                type=a["type"],
                role=a.get("role"),
                aliases=tuple(a.get("aliases", ())),
                mentions=int(a["mentions"]),
                salience=float(a["salience"]),
                evidence=tuple(_evidence(e) for e in a.get("evidence", ())),
            )
            for a in d["actors"]
        ),
        events=tuple(
            Event(
                date=e["date"],
                approximate=bool(e["approximate"]),
                text=e["text"],
                evidence=_evidence(e["evidence"]),
                expected=bool(e.get("expected", False)),
                timex=e.get("timex"),
                end=e.get("end"),
                precision=e.get("precision", ""),
                more_evidence=tuple(_evidence(x) for x in e.get("more_evidence", ())),
            )
            for e in d["events"]
        ),
        questions=tuple(Question(q["text"], _evidence(q["evidence"])) for q in d["questions"]),
        source=Source(**d["source"]),
        bottom_line=d.get("bottom_line"),
        bottom_line_sentence=d.get("bottom_line_sentence"),
        sentences=tuple(
            Sentence(int(s["index"]), s["text"], int(s["paragraph"]))
            for s in d.get("sentences", ())
        ),
        warnings=tuple(d.get("warnings", ())),
    )


_EVIDENCE_SCHEMA = {
    "type": "object",
    "required": ["sentence", "text"],
    "properties": {"sentence": {"type": "integer", "minimum": 1}, "text": {"type": "string"}},
}

#: JSON Schema (draft 2020-12) of ``briefing/1``; published as ``schema/briefing-1.json``.
JSON_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "briefing/1",
    "title": "Briefing",
    "type": "object",
    "required": [
        "schema",
        "id",
        "date",
        "title",
        "summary",
        "actors",
        "events",
        "questions",
        "source",
    ],
    "properties": {
        "schema": {"const": SCHEMA},
        "id": {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$"},
        "date": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        "title": {"type": "string", "minLength": 1},
        "bottom_line": {"type": ["string", "null"]},
        "bottom_line_sentence": {"type": ["integer", "null"], "minimum": 1},
        "summary": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["text", "sentence"],
                "properties": {
                    "text": {"type": "string"},
                    "sentence": {"type": "integer", "minimum": 1},
                },
            },
        },
        "actors": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["name", "type", "role", "aliases", "mentions", "salience", "evidence"],
                "properties": {
                    "name": {"type": "string"},
                    "type": {"enum": list(ACTOR_TYPES)},
                    "role": {"type": ["string", "null"]},
                    "aliases": {"type": "array", "items": {"type": "string"}},
                    "mentions": {"type": "integer", "minimum": 1},
                    "salience": {"type": "number"},
                    "evidence": {"type": "array", "items": _EVIDENCE_SCHEMA},
                },
            },
        },
        "events": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["date", "approximate", "text", "evidence"],
                "properties": {
                    "date": {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
                    "approximate": {"type": "boolean"},
                    "text": {"type": "string"},
                    "evidence": _EVIDENCE_SCHEMA,
                    "expected": {"type": "boolean"},
                    "timex": {"type": ["string", "null"]},
                    "end": {"type": ["string", "null"], "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
                    "precision": {"enum": ["", "day", "month", "year", "decade"]},
                    "more_evidence": {"type": "array", "items": _EVIDENCE_SCHEMA},
                },
            },
        },
        "questions": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["text", "evidence"],
                "properties": {"text": {"type": "string"}, "evidence": _EVIDENCE_SCHEMA},
            },
        },
        "source": {
            "type": "object",
            "required": ["path", "sha256", "words"],
            "properties": {
                "path": {"type": "string"},
                "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                "words": {"type": "integer", "minimum": 0},
                "name": {"type": ["string", "null"]},
                "url": {"type": ["string", "null"]},
            },
        },
        "sentences": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["index", "text", "paragraph"],
                "properties": {
                    "index": {"type": "integer", "minimum": 1},
                    "text": {"type": "string"},
                    "paragraph": {"type": "integer", "minimum": 1},
                },
            },
        },
        "warnings": {"type": "array", "items": {"type": "string"}},
    },
}
