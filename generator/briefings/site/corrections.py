"""An analyst's corrections to the actors, applied to every build: ``corrections.yml``.

Extraction is rules over a parse, and an analyst sometimes knows better: a port
authority typed as a place, one union found under two names. A correction written
once in the project's ``corrections.yml`` is applied at site-build time to the
:class:`~briefings.model.Briefing` values (the extraction cache is untouched, so
changing the file re-runs no extraction), before any page is made, so briefing
pages, actor pages, the actors index, the feeds and the JSON all agree::

    merge:                      # one actor, called by the first name
      - [Port Calder Dockworkers Union, Dockworkers' Union]
    actors:                     # set an actor's type and/or role
      Valmora Port Authority: {type: organization, role: port operator}
    hide: [Europe]              # leave an actor off every page
    aliases:                    # this spelling belongs to that actor
      the union: Port Calder Dockworkers Union

A name matches an actor's name or any of its other spellings, ignoring case and
spacing. A bad entry is a :class:`~briefings.errors.CorrectionsError` naming the
file and the line.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import yaml

from briefings.errors import CorrectionsError
from briefings.model import ACTOR_TYPES, Actor, ActorType, Briefing, Evidence

#: The corrections file of a project, next to ``mkdocs.yml``.
CORRECTIONS_FILE = "corrections.yml"
_SECTIONS = ("merge", "actors", "hide", "aliases")
_ACTOR_FIELDS = ("type", "role")


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


@dataclass(frozen=True)
class Corrections:
    """Parsed corrections, every name as a match key (see :func:`_key`)."""

    #: Name key → the canonical name it is merged into (``merge`` and ``aliases``).
    merge_into: dict[str, str] = field(default_factory=dict)
    #: Canonical name key → {"type": ..., "role": ...}.
    fields: dict[str, dict[str, str]] = field(default_factory=dict)
    hidden: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.merge_into or self.fields or self.hidden)


def _fail(path: Path, node: yaml.Node, message: str) -> CorrectionsError:
    return CorrectionsError(path, message, node.start_mark.line + 1)


def _name(path: Path, node: yaml.Node, what: str) -> str:
    if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
        raise _fail(path, node, f"{what} must be an actor's name")
    return " ".join(str(node.value).split())


def _items(path: Path, node: yaml.Node, section: str, kind: type[yaml.Node]) -> list[Any]:
    if not isinstance(node, kind):
        shape = "a list" if kind is yaml.SequenceNode else "a mapping of name: value"
        raise _fail(path, node, f"'{section}' must be {shape}")
    return node.value


def parse_corrections(path: Path, text: str) -> Corrections:
    """Corrections from the text of a corrections file; errors name ``path`` and the line."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise CorrectionsError(path, f"not valid YAML: {problem}", line) from None
    if root is None:
        return Corrections()
    if not isinstance(root, yaml.MappingNode):
        raise _fail(path, root, f"expected the sections {', '.join(_SECTIONS)}")
    merge_into: dict[str, str] = {}
    fields: dict[str, dict[str, str]] = {}
    hidden: set[str] = set()
    where: dict[str, int] = {}

    def claim(name: str, canonical: str, node: yaml.Node) -> None:
        key = _key(name)
        if key in merge_into and merge_into[key] != canonical:
            raise _fail(
                path,
                node,
                f"{name!r} is already merged into {merge_into[key]!r} (line {where[key]})",
            )
        merge_into[key] = canonical
        where[key] = node.start_mark.line + 1

    for key_node, value in root.value:
        section = str(key_node.value)
        if section not in _SECTIONS:
            raise _fail(
                path,
                key_node,
                f"unknown section {section!r} (expected one of: {', '.join(_SECTIONS)})",
            )
        if section == "merge":
            for group in _items(path, value, section, yaml.SequenceNode):
                names = [
                    _name(path, n, "each merged name")
                    for n in _items(path, group, "merge entry", yaml.SequenceNode)
                ]
                if len(names) < 2:
                    raise _fail(path, group, "a merge needs at least two names")
                for n, name in zip(group.value[1:], names[1:], strict=True):
                    claim(name, names[0], n)
        elif section == "aliases":
            for alias_node, actor_node in _items(path, value, section, yaml.MappingNode):
                claim(
                    _name(path, alias_node, "an alias"),
                    _name(path, actor_node, "the actor an alias belongs to"),
                    alias_node,
                )
        elif section == "hide":
            for n in _items(path, value, section, yaml.SequenceNode):
                hidden.add(_key(_name(path, n, "a hidden actor")))
        else:
            for name_node, spec in _items(path, value, section, yaml.MappingNode):
                name = _name(path, name_node, "an actor")
                values = {}
                for field_node, v in _items(path, spec, name, yaml.MappingNode):
                    if field_node.value not in _ACTOR_FIELDS:
                        raise _fail(
                            path,
                            field_node,
                            f"unknown field {field_node.value!r} "
                            f"(expected {' or '.join(_ACTOR_FIELDS)})",
                        )
                    if not isinstance(v, yaml.ScalarNode) or not str(v.value).strip():
                        raise _fail(path, v, f"{field_node.value} must be text")
                    values[field_node.value] = " ".join(str(v.value).split())
                if values.get("type") and values["type"] not in ACTOR_TYPES:
                    raise _fail(
                        path,
                        spec,
                        f"unknown type {values['type']!r} "
                        f"(expected one of: {', '.join(ACTOR_TYPES)})",
                    )
                fields[_key(name)] = values
    for key, canonical in merge_into.items():
        if _key(canonical) in merge_into:
            raise CorrectionsError(
                path,
                f"{canonical!r} is itself merged into {merge_into[_key(canonical)]!r}",
                where[key],
            )
    return Corrections(merge_into, fields, frozenset(hidden))


def load_corrections(path: Path) -> Corrections:
    """The corrections of a project; none when the file does not exist."""
    if not path.is_file():
        return Corrections()
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CorrectionsError(path, f"cannot read: {exc}") from None
    return parse_corrections(path, text)


def _canonical(actor: Actor, corrections: Corrections) -> str:
    for name in (actor.name, *actor.aliases):
        if _key(name) in corrections.merge_into:
            return corrections.merge_into[_key(name)]
    return actor.name


def _combine(name: str, group: list[Actor]) -> Actor:
    """Several actors of one briefing that are one: mentions added, evidence joined."""
    first = next((a for a in group if _key(a.name) == _key(name)), group[0])
    evidence: dict[int, Evidence] = {}
    for a in group:
        for e in a.evidence:
            evidence.setdefault(e.sentence, e)
    aliases = dict.fromkeys(x for a in group for x in (a.name, *a.aliases))
    return dataclasses.replace(
        first,
        name=name,
        role=first.role or next((a.role for a in group if a.role), None),
        aliases=tuple(aliases),
        mentions=sum(a.mentions for a in group),
        salience=max(a.salience for a in group),
        evidence=tuple(evidence[n] for n in sorted(evidence)),
    )


def correct_briefing(b: Briefing, corrections: Corrections) -> Briefing:
    """One briefing with the corrections applied to its actors (order kept)."""
    groups: dict[str, list[Actor]] = {}
    for actor in b.actors:
        if any(_key(n) in corrections.hidden for n in (actor.name, *actor.aliases)):
            continue
        groups.setdefault(_key(_canonical(actor, corrections)), []).append(actor)
    actors = []
    for key, group in groups.items():
        name = _canonical(group[0], corrections)
        actor = _combine(name, group) if len(group) > 1 or name != group[0].name else group[0]
        values = corrections.fields.get(key, {})
        if values:
            # parse_corrections admits no type outside ACTOR_TYPES.
            corrected_type = cast(ActorType, values.get("type", actor.type))
            actor = dataclasses.replace(
                actor, type=corrected_type, role=values.get("role", actor.role)
            )
        actors.append(actor)
    return dataclasses.replace(b, actors=tuple(actors))


def apply_corrections(briefings: list[Briefing], corrections: Corrections) -> list[Briefing]:
    """Every briefing corrected; the same list when there is nothing to correct."""
    if not corrections:
        return briefings
    return [correct_briefing(b, corrections) for b in briefings]
