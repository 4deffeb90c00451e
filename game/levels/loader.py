"""Reading level files: TOML in, validated models out, problems as plain lines.

Every problem a designer can cause is reported as `PATH: key.path: reason`, all of
them at once, and never as a traceback. Callers that keep a game running (hot
reload) catch `LevelError` and keep the last good level.
"""

from __future__ import annotations

import difflib
import importlib.resources
import math
import os
import tomllib
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from game.levels.models import (
    END_MARKERS,
    KIND_TABLES,
    STARTS_OUTSIDE,
    CampaignFile,
    LevelFile,
    ProbeSpec,
    ShipsFile,
    ShipSpec,
)

M = TypeVar("M", bound=BaseModel)

SHIPS_FILE = "ships.toml"
CAMPAIGN_FILE = "campaign.toml"
SPECIAL_FILES = (SHIPS_FILE, CAMPAIGN_FILE)


class LevelError(Exception):
    """One or more problems in level files, each already formatted as a line."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


LEVELS_ENV = "ONE_SMALL_STEP_LEVELS"
USER_LEVELS_FOLDER = "levels"  # inside the user's data folder

# folders named with --levels DIR, searched after the shipped levels (see `level_search_dirs`)
_extra_dirs: list[Path] = []


def shipped_levels_dir() -> Path:
    """The game's own levels: the source `levels/` of a checkout, else those inside the package.

    A checkout (or an editable install) reads `levels/` at the top of the repository,
    the designer's source, so a saved file reloads in the running game. An installed
    wheel carries a copy as the package data `game/_levels` (see setup.py).
    """
    source = Path(__file__).resolve().parents[2]
    if (source / "levels" / CAMPAIGN_FILE).is_file() and (source / "pyproject.toml").is_file():
        return source / "levels"
    packaged = importlib.resources.files("game") / "_levels"
    return Path(os.fspath(packaged)) if isinstance(packaged, os.PathLike) else Path(str(packaged))


def levels_dir() -> Path:
    """The folder of the campaign's level files: $ONE_SMALL_STEP_LEVELS, else the shipped levels."""
    env = os.environ.get(LEVELS_ENV)
    if env:
        return Path(env)
    return shipped_levels_dir()


def user_levels_dir() -> Path:
    """The designer's own levels folder in the user's data folder (it may not exist)."""
    from game.app.settings import data_dir  # no pygame there; imported late to avoid a cycle

    return data_dir() / USER_LEVELS_FOLDER


def set_extra_level_dirs(folders: list[Path]) -> None:
    """The folders given with --levels DIR, in that order (replaces any set before)."""
    _extra_dirs[:] = [Path(f) for f in folders]


def level_search_dirs() -> list[Path]:
    """Where a level id is looked up, in order: the campaign's folder, --levels folders, the
    user's levels folder. The shipped ids come first, so a designer's file never silently
    replaces a campaign level (open it by path to play a changed copy)."""
    dirs = [levels_dir(), *_extra_dirs]
    user = user_levels_dir()
    if user.is_dir():
        dirs.append(user)
    seen: set[Path] = set()
    out = []
    for d in dirs:
        key = d.resolve()
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out


def designer_level_files() -> list[Path]:
    """Level files of the --levels folders and the user's levels folder (not the campaign's),
    whose ids the campaign's folder does not already have."""
    shipped = {p.stem for p in level_files(levels_dir())} if levels_dir().is_dir() else set()
    out: list[Path] = []
    for folder in level_search_dirs()[1:]:
        for path in level_files(folder):
            if path.name in SPECIAL_FILES or path.stem in shipped:
                continue
            shipped.add(path.stem)
            out.append(path)
    return out


def display_path(path: Path) -> str:
    """A path as the user would type it: relative to the working folder when possible."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def _format_loc(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(file)"


def _shown_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    return repr(value)


def _first_model(annotation: Any) -> type[BaseModel] | None:
    """The table model inside an annotation (`ShipSpec` in `dict[str, ShipSpec]`), if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _first_model(arg)
        if found is not None:
            return found
    return None


def _table_at(model: type[BaseModel] | None, loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model of the table at `loc`; list indexes and dict keys (ship ids) are stepped over."""
    for part in loc:
        if model is None:
            return None
        if isinstance(part, int):
            continue
        info = model.model_fields.get(str(part))
        if info is not None:
            model = _first_model(info.annotation)
        # else: an id in a dict of tables; the model stays the dict's value model
    return model


def _did_you_mean(model: type[BaseModel] | None, loc: tuple[Any, ...]) -> str:
    if not loc or not isinstance(loc[-1], str):
        return ""
    table = _table_at(model, loc[:-1])
    if table is None:
        return ""
    close = difflib.get_close_matches(loc[-1], list(table.model_fields), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


REASONS = {
    "finite_number": "not a finite number",
    "float_type": "expected a number",
    "int_type": "expected a whole number",
    "bool_type": "expected true or false",
    "string_type": "expected text in quotes",
    "missing": "required key is missing",
}


def _reason(err: Mapping[str, Any], model: type[BaseModel] | None = None) -> str:
    kind = err.get("type", "")
    if kind == "extra_forbidden":
        hint = _did_you_mean(model, tuple(err.get("loc", ())))
        return "unknown key" + (hint or " (check the spelling; `one-small-step schema` lists the keys)")
    if kind == "missing":
        return REASONS[kind]
    msg = REASONS.get(kind) or str(err.get("msg", "invalid value"))
    msg = msg.removeprefix("Value error, ")
    if "input" in err and kind not in ("model_type", "dict_type"):
        value = err["input"]
        if isinstance(value, str | int | float | bool):
            msg += f" (got {_shown_value(value)})"
    return msg


def format_validation(path: Path, exc: ValidationError, model: type[BaseModel] | None = None) -> list[str]:
    shown = display_path(path)
    return [f"{shown}: {_format_loc(tuple(e['loc']))}: {_reason(e, model)}" for e in exc.errors()]


BOM = "\ufeff"


def read_toml(path: Path) -> dict[str, Any]:
    """A TOML file's tables; a byte-order mark at the start is accepted (Windows editors write one)."""
    shown = display_path(path)
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except FileNotFoundError:
        raise LevelError([f"{shown}: (file): no such file"]) from None
    except IsADirectoryError:
        raise LevelError([f"{shown}: (file): is a folder, not a level file"]) from None
    except OSError as e:
        raise LevelError([f"{shown}: (file): cannot be read ({e.strerror or e})"]) from None
    try:
        text = raw.decode("utf-8").removeprefix(BOM)
    except UnicodeDecodeError as e:
        raise LevelError([f"{shown}: (file): is not UTF-8 text (byte {e.start})"]) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise LevelError([f"{shown}: (toml): {e}"]) from None
    except RecursionError:
        raise LevelError([f"{shown}: (toml): arrays or tables nested too deeply to read"]) from None


def parse_model(model: type[M], path: Path, data: dict[str, Any]) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as e:
        raise LevelError(format_validation(path, e, model)) from None
    except RecursionError:
        raise LevelError([f"{display_path(path)}: (file): nested too deeply to read"]) from None


@dataclass(frozen=True)
class Level:
    """A level ready to simulate: its file, its config and the specs it refers to."""

    path: Path
    config: LevelFile
    ship: ShipSpec
    probe: ProbeSpec
    ships: dict[str, ShipSpec] = field(default_factory=dict)  # every ship, for levels that switch

    @property
    def id(self) -> str:
        return self.config.level.id


def ships_path_for(level_path: Path) -> Path:
    """ships.toml beside the level if there is one, else the game's own."""
    beside = level_path.parent / SHIPS_FILE
    return beside if beside.exists() else levels_dir() / SHIPS_FILE


def load_ships(path: Path | None = None) -> ShipsFile:
    path = path or levels_dir() / SHIPS_FILE
    return parse_model(ShipsFile, path, read_toml(path))


def resolve_level(name: str | os.PathLike[str]) -> Path:
    """A level named by id (`anomaly`) or by path (`my/levels/test.toml`)."""
    text = str(name)
    if text.endswith(".toml") or os.sep in text or "/" in text:
        return Path(text)
    for folder in level_search_dirs():
        candidate = folder / f"{text}.toml"
        if candidate.is_file():
            return candidate
    return levels_dir() / f"{text}.toml"


ESCAPE_RESCUER = "starship"  # the ship whose beam pulls the shuttle out in an escape level


def _level_cross_checks(path: Path, cfg: LevelFile, ships: ShipsFile) -> list[str]:
    shown = display_path(path)
    problems = []
    if cfg.level.player_ship not in ships.ships:
        known = ", ".join(sorted(ships.ships)) or "none"
        problems.append(
            f"{shown}: level.player_ship: unknown ship {cfg.level.player_ship!r} "
            f"(ships.toml has: {known})"
        )
    for table in KIND_TABLES.get(cfg.level.kind, ()):
        if getattr(cfg, table) is None:
            problems.append(f"{shown}: {table}: a level of kind {cfg.level.kind!r} needs a [{table}] table")
    if cfg.level.kind == "escape" and ESCAPE_RESCUER not in ships.ships:
        problems.append(f"{shown}: level.kind: an escape level needs a ship {ESCAPE_RESCUER!r} in ships.toml")
    if cfg.level.id != path.stem and (path.parent / CAMPAIGN_FILE).exists():
        problems.append(f"{shown}: {id_mismatch(path, cfg)}")
    e = cfg.ellipse
    if e.semi_minor > e.semi_major:
        problems.append(f"{shown}: ellipse.semi_minor: must not exceed ellipse.semi_major")
    problems += _timing_and_start_checks(shown, cfg)
    from game.sim.events import EVENT_KINDS  # here, not at import: game.sim imports game.levels

    for k, caption in enumerate(cfg.captions):
        if caption.on not in EVENT_KINDS:
            problems.append(f"{shown}: captions[{k}].on: unknown event {caption.on!r} "
                            "(levels/README.md lists the events)")
    problems += _kind_cross_checks(shown, cfg, EVENT_KINDS)
    v = cfg.view
    if v.min_view_width > v.max_view_width:
        problems.append(f"{shown}: view.min_view_width: must not exceed view.max_view_width")
    return problems


def id_mismatch(path: Path, cfg: LevelFile) -> str:
    """The line about a level.id that differs from the file name (an error beside a campaign.toml)."""
    return (f"level.id: must be the file name without .toml, {path.stem!r} (got {cfg.level.id!r}); "
            "the campaign, progress and replays find a level by its file name")


def level_warnings(path: Path) -> list[str]:
    """What `check` mentions about a valid level without failing it: an id that is not the file
    name, in a folder without a campaign (there it is an error)."""
    try:
        cfg = parse_model(LevelFile, path, read_toml(path))
    except LevelError:
        return []
    shown = display_path(path)
    campaign_path = path.parent / CAMPAIGN_FILE
    if cfg.level.id != path.stem and not campaign_path.exists():
        return [f"{shown}: warning: {id_mismatch(path, cfg)}"]
    if campaign_path.exists():
        try:
            campaign = parse_model(CampaignFile, campaign_path, read_toml(campaign_path))
        except LevelError:
            return []  # the campaign's own problems are reported against it
        in_it = path.stem in campaign.levels or path.stem in campaign.order or path.stem == campaign.survival
        if not in_it:
            return [f"{shown}: warning: level.id: {path.stem!r} is not in {CAMPAIGN_FILE}, so the campaign "
                    "never plays it (levels/README.md, 'Making a new level', says how to add it)"]
    return []


def level_texts(cfg: LevelFile) -> list[tuple[str, str]]:
    """(key.path, text) of every line of a level the player reads: for the font check."""
    out = [("level.title", cfg.level.title), ("level.subtitle", cfg.level.subtitle),
           ("level.briefing", cfg.level.briefing)]
    out += [(f"level.objectives[{k}]", text) for k, text in enumerate(cfg.level.objectives)]
    out += [(f"samples[{k}].name", s.name) for k, s in enumerate(cfg.samples)]
    out += [(f"samples[{k}].description", s.description) for k, s in enumerate(cfg.samples)]
    out += [("module.name", cfg.module.name)]
    for k, log in enumerate(cfg.logs):
        out += [(f"logs[{k}].title", log.title), (f"logs[{k}].text", log.text)]
    out += [(f"captions[{k}].text", c.text) for k, c in enumerate(cfg.captions)]
    if cfg.prologue is not None:
        for k, line in enumerate(cfg.prologue.radio):
            out += [(f"prologue.radio[{k}].speaker", line.speaker), (f"prologue.radio[{k}].text", line.text)]
    return out


def ships_texts(ships: ShipsFile) -> list[tuple[str, str]]:
    return [(f"ships.{ship_id}.name", spec.name) for ship_id, spec in ships.ships.items()]


def _elliptical_radius(cfg: LevelFile, x: float, y: float) -> float:
    """Where (x, y) lies against the ellipse as it surfaces: < 1 inside, 1 on its edge."""
    e = cfg.ellipse
    a = math.radians(e.heading)
    dx, dy = x - e.x, y - e.y
    along = dx * math.cos(a) + dy * math.sin(a)
    across = -dx * math.sin(a) + dy * math.cos(a)
    return math.hypot(along / e.semi_major, across / e.semi_minor)


def _timing_and_start_checks(shown: str, cfg: LevelFile) -> list[str]:
    """Keys that only make sense against others: the ellipse's schedule, the start, the counts."""
    problems = []
    e, limit = cfg.ellipse, cfg.level.time_limit
    if e.emerge_delay + e.emerge_time > limit:
        problems.append(f"{shown}: ellipse.emerge_delay: the ellipse must have surfaced before the timer "
                        f"ends (emerge_delay + emerge_time = {e.emerge_delay + e.emerge_time:g} s, "
                        f"level.time_limit = {limit:g} s)")
    if e.melt_time > limit:
        problems.append(f"{shown}: ellipse.melt_time: must not exceed level.time_limit ({limit:g} s)")
    if cfg.level.kind in STARTS_OUTSIDE:
        r = _elliptical_radius(cfg, cfg.player.x, cfg.player.y)
        if r <= 1.0:
            problems.append(f"{shown}: player: a level of kind {cfg.level.kind!r} starts outside the "
                            f"ellipse, but player.x, player.y lie inside it (elliptical radius {r:.2f})")
    if cfg.debris.chunks > cfg.debris.count:
        problems.append(f"{shown}: debris.chunks: must not exceed debris.count (chunks are part of the debris)")
    if cfg.module.min_radius > cfg.module.max_radius:
        problems.append(f"{shown}: module.min_radius: must not exceed module.max_radius")
    if cfg.scan.lock_range > cfg.scan.scan_range:
        problems.append(f"{shown}: scan.lock_range: must not exceed scan.scan_range (a fix needs echoes)")
    return problems


def _kind_cross_checks(shown: str, cfg: LevelFile, event_kinds: dict[str, str]) -> list[str]:
    """The prologue's radio lines, the probe's beacon levels and survival's ranges: what a
    single key cannot say."""
    problems = []
    if cfg.prologue is not None:
        for k, line in enumerate(cfg.prologue.radio):
            key = f"prologue.radio[{k}]"
            if (line.at is None) == (line.on is None):
                problems.append(f"{shown}: {key}: give either at (a time) or on (an event), not both or neither")
            elif line.on is not None and line.on not in event_kinds:
                problems.append(f"{shown}: {key}.on: unknown event {line.on!r} "
                                "(levels/README.md lists the events)")
    po = cfg.probe_objective
    if po.signal_floor > 0 and po.signal_restart <= po.signal_floor:
        problems.append(f"{shown}: probe_objective.signal_restart: must be above probe_objective.signal_floor "
                        "(a beacon that cut out would come straight back)")
    s = cfg.survival
    if s is not None:
        if s.asteroids_min > s.asteroids_max:
            problems.append(f"{shown}: survival.asteroids_min: must not exceed survival.asteroids_max")
        if s.radius_min > s.radius_max:
            problems.append(f"{shown}: survival.radius_min: must not exceed survival.radius_max")
        if 2 * (s.radius_max + s.wobble) > s.cell_size:
            problems.append(f"{shown}: survival.cell_size: must hold the largest asteroid and its drift "
                            "(at least 2 * (radius_max + wobble))")
    return problems


def load_level(name: str | os.PathLike[str]) -> Level:
    """Load and validate one level; raises LevelError listing every problem found."""
    path = resolve_level(name)
    shown = display_path(path)
    try:
        exists = path.exists()
    except (OSError, ValueError) as e:  # a name too long for the file system, a NUL in it
        raise LevelError([f"{shown}: (file): cannot be opened ({getattr(e, 'strerror', None) or e})"]) from None
    if not exists:
        if path.parent == levels_dir():
            raise LevelError([f"{shown}: (file): no level with id {path.stem!r}"])
        raise LevelError([f"{shown}: (file): no such file"])
    data = read_toml(path)
    problems: list[str] = []
    cfg: LevelFile | None = None
    try:
        cfg = parse_model(LevelFile, path, data)
    except LevelError as e:
        problems += e.problems
    ships_path = ships_path_for(path)
    ships: ShipsFile | None = None
    try:
        ships = load_ships(ships_path)
    except LevelError as e:
        problems += e.problems
    if cfg is not None and ships is not None:
        problems += _level_cross_checks(path, cfg, ships)
    if problems:
        raise LevelError(problems)
    assert cfg is not None and ships is not None
    return Level(path=path, config=cfg, ship=ships.ships[cfg.level.player_ship], probe=ships.probe,
                 ships=dict(ships.ships))


def load_campaign(path: Path | None = None) -> CampaignFile:
    path = path or levels_dir() / CAMPAIGN_FILE
    campaign = parse_model(CampaignFile, path, read_toml(path))
    problems = _campaign_cross_checks(path, campaign)
    if problems:
        raise LevelError(problems)
    return campaign


def _campaign_cross_checks(path: Path, campaign: CampaignFile) -> list[str]:
    shown = display_path(path)
    folder = path.parent
    problems = []

    def known(level_id: str) -> bool:
        return (folder / f"{level_id}.toml").exists()

    if not known(campaign.start):
        problems.append(f"{shown}: start: no level file {campaign.start}.toml")
    for i, level_id in enumerate(campaign.order):
        if not known(level_id):
            problems.append(f"{shown}: order[{i}]: no level file {level_id}.toml")
    if campaign.survival is not None and not known(campaign.survival):
        problems.append(f"{shown}: survival: no level file {campaign.survival}.toml")
    for level_id, entry in campaign.levels.items():
        if not known(level_id):
            problems.append(f"{shown}: levels.{level_id}: no level file {level_id}.toml")
        for outcome in ("won", "lost", "timeout", "story"):
            target = getattr(entry, outcome)
            if target not in END_MARKERS and not known(target):
                problems.append(
                    f"{shown}: levels.{level_id}.{outcome}: {target!r} is neither a level "
                    f"nor one of {', '.join(END_MARKERS)}"
                )
    from game.campaign import graph_problems  # here: game.campaign imports game.levels

    def kind_of(level_id: str) -> str | None:
        try:
            kind = read_toml(folder / f"{level_id}.toml").get("level", {}).get("kind")
        except (LevelError, AttributeError):
            return None
        return kind if isinstance(kind, str) else None

    graph = graph_problems(campaign, shown, known, kind_of)
    return problems + [line for line in graph if line not in problems]


def check_file(path: Path) -> list[str]:
    """Every problem in one file of any kind (level, ships or campaign)."""
    try:
        if path.name == SHIPS_FILE:
            load_ships(path)
        elif path.name == CAMPAIGN_FILE:
            load_campaign(path)
        else:
            load_level(path)
    except LevelError as e:
        return e.problems
    return []


def level_files(folder: Path | None = None) -> list[Path]:
    folder = folder or levels_dir()
    return sorted(folder.glob("*.toml"))


def check_paths(paths: list[Path]) -> list[str]:
    """Problems of all the given files (folders are expanded to their .toml files)."""
    problems: list[str] = []
    seen: set[str] = set()
    for p in paths:
        files = level_files(p) if p.is_dir() else [p]
        for f in files:
            for line in check_file(f):
                if line not in seen:  # a broken ships.toml is reported once, not per level
                    seen.add(line)
                    problems.append(line)
    return problems


def check_warnings(paths: list[Path]) -> list[str]:
    """What `check` mentions without failing: level files the campaign beside them never plays,
    and an id that differs from the file name outside a campaign folder."""
    out: list[str] = []
    for p in paths:
        for f in level_files(p) if p.is_dir() else [p]:
            if f.name not in SPECIAL_FILES and f.is_file():
                out += level_warnings(f)
    return out
