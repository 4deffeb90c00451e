"""The level kinds are one unit: every registry knows the same kinds.

A kind lives in four registries: the simulation's rules (`game.sim.kinds.KINDS`),
the pilots (`game.pilots.PILOTS`), the window's views (`game.app.render.kinds.VIEWS`)
and the level files' `kind` values (`game.levels.models`). Forgetting one of them
fails here, not silently at play. The window's renderer and HUD go through the views'
hooks and import no kind.
"""

import ast
import inspect
import re
import typing
from pathlib import Path

import pytest

from game.levels import load_level
from game.levels.models import KIND_TABLES, LevelInfo
from game.pilots import PILOTS
from game.sim import COMMANDS, new_world, step
from game.sim.kinds import KINDS, kind_of
from game.sim.kinds.base import LevelKind

SHIPPED = ("ares_iv", "anomaly", "eye_of_the_storm", "dark_matter", "salvage", "escape", "survival")


def level_model_kinds() -> set[str]:
    return set(typing.get_args(LevelInfo.model_fields["kind"].annotation))


def test_the_sim_pilots_and_level_models_name_the_same_kinds():
    sim = set(KINDS)
    assert sim == set(PILOTS), "a kind without a pilot, or a pilot without a kind"
    assert sim == level_model_kinds(), "the level files' kind values and the sim's kinds differ"
    assert sim == set(KIND_TABLES), "a kind the level models do not know the tables of"


@pytest.mark.parametrize("name", sorted(KINDS))
def test_a_kinds_judge_gives_only_the_outcomes_it_declares(name):
    source = inspect.getsource(inspect.getmodule(KINDS[name]))
    given = set(re.findall(r'Outcome\("(\w+)"', source))
    assert given and given <= set(KINDS[name].outcomes) <= {"won", "lost", "timeout", "story"}


def test_the_window_has_one_view_per_kind():
    from game.app.render.kinds import VIEWS, KindView

    assert set(VIEWS) == set(KINDS), "a kind without a view, or a view without a kind"
    for name, view in VIEWS.items():
        assert issubclass(view, KindView) and view.name == name


def test_the_world_renderer_and_the_hud_import_no_kind():
    """What a kind adds is drawn by its view: the frame and the HUD go through its hooks."""
    render = Path(__file__).resolve().parents[1] / "game" / "app" / "render"
    for module in ("world_renderer.py", "hud.py"):
        tree = ast.parse((render / module).read_text(encoding="utf-8"))
        imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        imported |= {a.name for node in ast.walk(tree) if isinstance(node, ast.Import) for a in node.names}
        for name in imported:
            assert not name.startswith("game.sim.kinds"), (module, name)
            assert not name.startswith("game.app.render.kinds.") or name.endswith(".base"), (module, name)


def test_each_registered_kind_is_named_as_registered():
    for name, kind in KINDS.items():
        assert isinstance(kind, LevelKind) and kind.name == name
        assert PILOTS[name].kind == name
        assert kind.commands and set(kind.commands) <= COMMANDS


def test_an_unknown_kind_is_an_error_not_a_silent_default():
    with pytest.raises(KeyError, match="no level kind"):
        kind_of("moonbase")


@pytest.mark.parametrize("level_id", SHIPPED)
def test_every_shipped_level_builds_and_steps_with_its_kinds_state(level_id):
    level = load_level(level_id)
    kind = KINDS[level.config.level.kind]
    world = new_world(level, 1)
    assert type(world.state).__module__ == type(kind).__module__  # the kind's own state type
    for _ in range(12):
        step(world, frozenset({"thrust"}))
    assert world.steps == 12
    measures = kind.measures(world)
    assert all(isinstance(k, str) for k in measures)
