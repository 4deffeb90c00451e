"""A file that passes `check` runs and draws: valid configurations drawn from the models' own ranges.

For every level kind, hypothesis starts from the shipped level of that kind, redraws every
number of one of its tables (and of the ship it flies) anywhere in the range the model
allows, keeps what the cross-checks accept, then builds the world, steps it and draws a
frame off screen with the same trial the hot reload uses. Bounded: a few derandomized
examples per kind, no deadline.
"""

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import typing  # noqa: E402
from pathlib import Path  # noqa: E402

import annotated_types as at  # noqa: E402
import pytest  # noqa: E402
from hypothesis import HealthCheck, assume, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from pydantic import BaseModel  # noqa: E402

from game.app.hotreload import trial_run  # noqa: E402
from game.levels import Level, LevelError, levels_dir, load_level, load_ships  # noqa: E402
from game.levels.loader import _level_cross_checks, parse_model  # noqa: E402
from game.levels.models import KIND_TABLES, KINDS, LevelFile, ShipsFile, ShipSpec  # noqa: E402

SHIPPED_BY_KIND = {
    "prologue": "ares_iv", "anomaly": "anomaly", "eye": "eye_of_the_storm", "dark_matter": "dark_matter",
    "salvage": "salvage", "escape": "escape", "survival": "survival",
}
SHARED_TABLES = ("player", "ellipse", "field", "particles", "debris", "module", "scan", "tractor", "shock",
                 "scoring", "view")
COUNTS: dict[str, dict[str, int]] = {kind: {"ran": 0, "rejected": 0} for kind in KINDS}


def number_strategy(info, annotation) -> st.SearchStrategy | None:
    """Any value the field's range allows (None for fields that are not plain numbers)."""
    base = typing.get_args(annotation)[0] if typing.get_origin(annotation) is typing.Annotated else annotation
    lo = hi = None
    lo_open = hi_open = False
    for m in info.metadata:
        if isinstance(m, at.Ge):
            lo = m.ge
        elif isinstance(m, at.Gt):
            lo, lo_open = m.gt, True
        elif isinstance(m, at.Le):
            hi = m.le
        elif isinstance(m, at.Lt):
            hi, hi_open = m.lt, True
    if base is int or info.annotation is int:
        low = None if lo is None else int(lo) + (1 if lo_open else 0)
        high = None if hi is None else int(hi) - (1 if hi_open else 0)
        return st.integers(min_value=-1000 if low is None else low, max_value=1000 if high is None else high)
    if base is float or info.annotation is float:
        return st.floats(min_value=lo if lo is not None else -1e6, max_value=hi if hi is not None else 1e6,
                         exclude_min=lo_open, exclude_max=hi_open, allow_nan=False, allow_infinity=False)
    return None


def table_strategy(model: type[BaseModel]) -> st.SearchStrategy[dict]:
    fields = {}
    for name, info in model.model_fields.items():
        strat = number_strategy(info, info.annotation)
        if strat is not None:
            fields[name] = strat
    return st.fixed_dictionaries(fields)


def model_of(table: str) -> type[BaseModel]:
    ann = LevelFile.model_fields[table].annotation
    for arg in (ann, *typing.get_args(ann)):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    raise AssertionError(table)


@st.composite
def level_variant(draw, kind: str) -> Level:
    base = load_level(SHIPPED_BY_KIND[kind])
    data = base.config.model_dump(mode="python", exclude_none=True)
    table = draw(st.sampled_from(SHARED_TABLES + KIND_TABLES[kind] + ("level",)))
    data[table] = {**data.get(table, {}), **draw(table_strategy(model_of(table)))}
    if table == "level":
        data["level"]["seed"] = min(data["level"]["seed"], 2**31)
    ships = load_ships()
    ship_data = ships.ships[base.config.level.player_ship].model_dump(mode="python")
    ship_data |= draw(table_strategy(ShipSpec))
    ship_data["color"] = draw(st.tuples(*[st.integers(0, 255)] * 3))
    path = base.path
    try:
        cfg = parse_model(LevelFile, path, data)
        ship = parse_model(ShipSpec, path, ship_data)
    except LevelError:
        COUNTS[kind]["rejected"] += 1
        assume(False)
    all_ships = dict(ships.ships) | {cfg.level.player_ship: ship}
    problems = _level_cross_checks(path, cfg, ShipsFile(ships=all_ships, probe=ships.probe))
    if problems:
        COUNTS[kind]["rejected"] += 1
    assume(not problems)
    return Level(path=path, config=cfg, ship=ship, probe=ships.probe, ships=all_ships)


@pytest.mark.parametrize("kind", KINDS)
def test_every_valid_configuration_runs_and_draws(kind):
    @settings(max_examples=6, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(level_variant(kind))
    def runs_and_draws(level: Level):
        surface = trial_run(level, steps=4)
        assert surface.get_size() == (640, 360)
        COUNTS[kind]["ran"] += 1

    runs_and_draws()
    print(f"{kind}: {COUNTS[kind]['ran']} configurations ran and drew, {COUNTS[kind]['rejected']} rejected")
    assert COUNTS[kind]["ran"] >= 1


def test_the_registry_of_kind_tables_covers_every_kind_and_the_shipped_files_of_each():
    assert set(KIND_TABLES) == set(KINDS) == set(SHIPPED_BY_KIND)
    for kind, level_id in SHIPPED_BY_KIND.items():
        cfg = load_level(level_id).config
        assert cfg.level.kind == kind
        assert all(getattr(cfg, table) is not None for table in KIND_TABLES[kind])
    assert Path(levels_dir()).is_dir()
