"""Hot reload: the level being played follows its files as the designer saves them.

`LevelWatcher` polls the modification time and size of the level's TOML file and of
the ships.toml it uses (`ships_path_for`, asked again each poll, since a ships.toml
put beside the level takes over from the game's own) a few times a second; no file
watcher library, nothing that can fail on one platform and not another. When either
file has changed it loads the level again with `load_level` and hands back a
`ReloadResult`: the new level, or the problem lines of a `LevelError`.

A file caught mid-write (empty, or half a table) is just a broken file: its problems
are reported and the next save, which changes the stamp again, is read afresh. A
change is only read once the stamps have stayed still for one poll, so an editor
that truncates then writes does not flash an error panel in between.

A level that loads is also given a trial before it replaces the running one
(`trial_run`: its world is built, stepped a few times and drawn once off screen), so
a file that validates yet cannot be run or drawn keeps the last good level running
with a line saying why. pygame is imported only for that trial; the scenes decide
what to show.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from game.levels import Level, LevelError, load_level
from game.levels.loader import display_path, ships_path_for

POLL_INTERVAL = 0.25  # s between two looks at the files
TRIAL_STEPS = 3  # fixed steps a reloaded level runs before it is drawn once, off screen
TRIAL_SIZE = (640, 360)

Stamp = tuple[str, int, int] | tuple[str, None, None]


@dataclass(frozen=True)
class ReloadResult:
    """What a reload gave: a level, or the problems that stopped it (never both)."""

    level: Level | None
    problems: list[str]
    changed: list[Path]  # the files whose change caused it

    @property
    def ok(self) -> bool:
        return self.level is not None


def file_stamp(path: Path) -> Stamp:
    """(path, mtime in ns, size) of a file; (path, None, None) when it cannot be seen."""
    try:
        st = os.stat(path)
    except OSError:
        return (str(path), None, None)
    return (str(path), st.st_mtime_ns, st.st_size)


def trial_run(level: Level, seed: int | None = None, steps: int = TRIAL_STEPS,
              size: tuple[int, int] = TRIAL_SIZE):
    """Build `level`'s world, step it with no commands, draw one frame: raise what the game would.

    Returns the drawn surface. A body whose state is no longer a finite number is an error
    too: the game would draw it as a streak, or stop on the next frame.
    """
    import pygame

    from game.app.render import WorldRenderer
    from game.sim import new_world, step

    world = new_world(level, seed)
    renderer = WorldRenderer(level, size=size)
    for _ in range(steps):
        renderer.on_events(step(world, frozenset()), world)
        if world.outcome is not None:
            break
    bodies = world.bodies
    for name in ("pos", "vel"):
        values = getattr(bodies, name, None)
        if values is not None and not np.isfinite(np.asarray(values)).all():
            raise ArithmeticError(f"the simulation's body {name} is not finite after {steps} steps")
    if not pygame.font.get_init():
        pygame.font.init()
    surface = pygame.Surface(size)
    renderer.draw(surface, world)
    return surface


class LevelWatcher:
    """Polls a level file and its ships.toml; `tick(dt)` returns a reload when they changed."""

    def __init__(self, path: Path | str, interval: float = POLL_INTERVAL, settle: bool = True,
                 trial: bool = True):
        self.path = Path(path)
        self.trial = trial
        self.interval = interval
        self.settle = settle
        self._since = 0.0
        self._seen = self.stamps()
        self._pending: tuple[Stamp, ...] | None = None

    def watched(self) -> list[Path]:
        return [self.path, ships_path_for(self.path)]

    def stamps(self) -> tuple[Stamp, ...]:
        return tuple(file_stamp(p) for p in self.watched())

    def tick(self, dt: float) -> ReloadResult | None:
        """Advance by `dt` seconds; at each poll, reload if the files have changed."""
        self._since += max(0.0, dt)
        if self._since < self.interval:
            return None
        self._since = 0.0
        return self.poll()

    def poll(self) -> ReloadResult | None:
        now = self.stamps()
        if self._pending is not None:
            if now != self._pending:  # still being written: wait for it to settle
                self._pending = now
                return None
        elif now == self._seen:
            return None
        elif self.settle:
            self._pending = now
            return None
        self._pending = None
        changed = [Path(a[0]) for a, b in zip(now, self._seen, strict=False) if a != b]
        if len(now) != len(self._seen):
            changed = [Path(a[0]) for a in now]
        self._seen = now
        return self.reload(changed or [self.path])

    def reload(self, changed: list[Path] | None = None) -> ReloadResult:
        changed = changed or [self.path]
        try:
            level = load_level(self.path)
        except LevelError as e:
            return ReloadResult(None, list(e.problems) or [f"{display_path(self.path)}: (file): "
                                                           "cannot be loaded"], changed)
        except Exception as e:  # noqa: BLE001 - whatever a half-written file does, play goes on
            return ReloadResult(None, [f"{display_path(self.path)}: (file): cannot be loaded "
                                       f"({type(e).__name__}: {e})"], changed)
        if self.trial:
            try:
                trial_run(level)
            except Exception as e:  # noqa: BLE001 - valid on paper, yet it cannot run: keep the last good
                return ReloadResult(None, [f"{display_path(self.path)}: (level): valid, but the game cannot "
                                           f"run or draw it ({type(e).__name__}: {e})"], changed)
        return ReloadResult(level, [], changed)
