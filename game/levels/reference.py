"""The designer's reference (`levels/README.md`), generated from the models.

Every key with its meaning, unit, default and range, plus a short guide to making a
level. `one-small-step schema --reference` prints it; a test keeps the committed
file equal to what the models say.
"""

from __future__ import annotations

import types
import typing
from typing import Any

import annotated_types as at
from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from game.levels.models import CampaignFile, LevelFile, ShipsFile
from game.sim.commands import DESCRIPTIONS
from game.sim.events import EVENT_KINDS

GUIDE = """\
# Level files: the designer's reference

Every level of One Small Step is a TOML file in this folder. The game reads them
when a level starts and again whenever one is saved while the game runs, so you can
tune a level with the game open. This page is generated from the game's own models
(`one-small-step schema --reference > levels/README.md`); a test fails if it goes
stale.

## Making a new level

1. Copy `anomaly.toml` to `my_level.toml` and set `level.id = "my_level"`: the id
   must be the file name without `.toml` (the campaign, the progress and replays find
   a level by its file name; `check` refuses a mismatch in this folder).
2. Check it: `one-small-step check levels/my_level.toml`. Every problem is reported
   as `PATH: key.path: reason`, all of them at once.
3. Play it: `one-small-step play --level my_level` (or `--level path/to/file.toml`).
   Save the file while it runs: the level restarts with the new values; a broken
   save keeps the last good level running and shows the problems on screen.
4. Let the autopilot tell you how hard it is:
   `one-small-step simulate --level my_level --autopilot --seeds 1-20` prints the win
   rate and the spread of time and hull left. A win rate of 100% with most of the
   timer left means it is too easy; 0% means nobody can win it.
5. Put it in the campaign, in `campaign.toml`: add it to `order`, give it a
   `[levels.my_level]` table saying where each outcome leads (`won` to the next level
   or `"memorial"`, `lost` and `timeout` usually `"retry"`), and make a level before it
   lead to it: change that level's `won` (say `[levels.anomaly] won = "my_level"`).
   A level that no outcome leads to is never played.
6. Check the campaign: `one-small-step check` (all of `levels/`) reports a level no
   road reaches, an outcome that leads nowhere, a level that leads to itself, and
   roads that go round without reaching the memorial. Then
   `one-small-step simulate --campaign --autopilot` plays it through.

Every level file starts with a `#:schema` line pointing at `schema/level.schema.json`,
so editors that understand TOML schemas (Taplo / Even Better TOML, Tombi) complete
keys and flag bad values as you type. Keys you leave out take the defaults below.
Distances are in metres, times in seconds; +y points down the screen, headings are
degrees clockwise from +x.

## Commands

What a player, the autopilot and a recording (`simulate --inputs`) can send:

| command | does |
|---|---|
"""


def _type_name(annotation: Any) -> str:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _type_name(typing.get_args(annotation)[0])
    if origin is typing.Literal:
        return " / ".join(f'"{a}"' for a in typing.get_args(annotation))
    if origin in (list, tuple):
        return "array"
    if origin is dict:
        return "table"
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_type_name(a) for a in typing.get_args(annotation) if a is not type(None))
    return {int: "integer", float: "number", str: "string", bool: "boolean"}.get(
        annotation, getattr(annotation, "__name__", str(annotation)))


def _num(value: Any) -> str:
    return str(value) if isinstance(value, int) else f"{value:g}"


def _range(info: FieldInfo) -> str:
    parts = []
    for m in info.metadata:
        if isinstance(m, at.Gt):
            parts.append(f"> {_num(m.gt)}")
        elif isinstance(m, at.Ge):
            parts.append(f">= {_num(m.ge)}")
        elif isinstance(m, at.Lt):
            parts.append(f"< {_num(m.lt)}")
        elif isinstance(m, at.Le):
            parts.append(f"<= {_num(m.le)}")
        elif isinstance(m, at.MinLen):
            parts.append("not empty" if m.min_length == 1 else f"at least {m.min_length} items")
    return ", ".join(parts) or "-"


def _default(info: FieldInfo) -> str:
    if info.default is PydanticUndefined:
        if info.default_factory is not None:
            value = info.get_default(call_default_factory=True, validated_data={})
        else:
            return "required"
    else:
        value = info.default
    if isinstance(value, BaseModel):
        return "(table)"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, str):
        return f'"{value}"' if len(value) < 30 else "(text)"
    if isinstance(value, list | tuple) and len(str(value)) > 30:
        return "(list)"
    return str(value).replace("True", "true").replace("False", "false")


def _rows(model: type[BaseModel], prefix: str) -> list[tuple[str, list[str]]]:
    """(section name, table rows) for a model and every sub-table it holds."""
    rows: list[str] = []
    nested: list[tuple[str, list[str]]] = []
    for name, info in model.model_fields.items():
        ann = info.annotation
        key = f"{prefix}{name}"
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            nested += _rows(ann, f"{key}.")
            continue
        args = typing.get_args(ann)
        item = args[-1] if args else None
        if isinstance(item, type) and issubclass(item, BaseModel):
            suffix = "[]" if typing.get_origin(ann) is list else ".ID"
            nested += _rows(item, f"{key}{suffix}.")
            continue
        optional = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
        if typing.get_origin(ann) in (typing.Union, types.UnionType) and len(optional) == 1:
            # an optional table (a level kind's own, like [salvage]): its keys, and a row saying so
            desc = (info.description or "").rstrip()
            rows.append(f"| `{key}` | {desc} | - | left out | - | table |")
            nested += _rows(optional[0], f"{key}.")
            continue
        desc = info.description or ""
        unit = ""
        if desc.endswith("]") and " [" in desc:
            desc, unit = desc[:-1].rsplit(" [", 1)
        rows.append(f"| `{key}` | {desc} | {unit or '-'} | {_default(info)} | {_range(info)} "
                    f"| {_type_name(ann)} |")
    section = prefix.rstrip(".") or "(top level)"
    out = [(section, rows)] if rows else []
    return out + nested


def _file_section(title: str, model: type[BaseModel], blurb: str) -> str:
    text = f"\n## {title}\n\n{blurb}\n"
    for section, rows in _rows(model, ""):
        text += f"\n### `[{section}]`\n\n| key | meaning | unit | default | range | type |\n"
        text += "|---|---|---|---|---|---|\n" + "\n".join(rows) + "\n"
    return text


def reference_markdown() -> str:
    text = GUIDE
    text += "\n".join(f"| `{name}` | {desc} |" for name, desc in sorted(DESCRIPTIONS.items()))
    text += "\n\n## Events\n\nWhat a step can report; `[[captions]] on = \"...\"` names one of them.\n\n"
    text += "| event | when |\n|---|---|\n"
    text += "\n".join(f"| `{kind}` | {when} |" for kind, when in EVENT_KINDS.items())
    text += "\n"
    text += _file_section(
        "Level files (`<id>.toml`)", LevelFile,
        "One file per level. Only `[level]` is required; every other table has defaults.",
    )
    text += _file_section(
        "`ships.toml`", ShipsFile,
        "Ship specs, by id (`[ships.starship]`, `[ships.shuttle]`), and the probe. A level "
        "uses the `ships.toml` beside it, else the game's own.",
    )
    text += _file_section(
        "`campaign.toml`", CampaignFile,
        'Which level follows which outcome. Targets are level ids, `"memorial"` or `"retry"`.',
    )
    return text
