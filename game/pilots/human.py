"""The human pilot: the kind's autopilot flown with a practised person's limits.

The autopilots see the exact state and answer within one 120 Hz step; nobody plays
like that. `HumanPilot` wraps the same kind pilot (`game.pilots.PILOTS`) and puts a
person between it and the controls:

- **Reaction delay.** Every decision is made on the world as seen now, extrapolated
  forward by the delay (bodies and the ellipse coast on, the ship's spin is carried on
  by the turns already decided and not yet made: it *aims ahead* by its delay), and
  reaches the controls DELAY seconds later, through a FIFO of decisions.
- **Holds.** A decision is held for at least `HOLD_S` (about 80 ms): keys are not
  tapped for one 120 Hz step. Toggles and one-shot presses are pressed once and not
  pressed again until their effect could have been seen (the delay and a beat more).
- **Small mistakes**, from its own generator seeded by the level's seed (never
  `world.rng`, so the world's own randomness is the same whoever flies): the heading
  read a little wrong, the delay varying from one decision to the next, and now and
  then a fumble (the last decision held a beat too long).

Used by `simulate --pilot human[:DELAY]` and the balance report, so levels are tuned
for people rather than for the autopilot.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass

import numpy as np

from game.levels import Level
from game.pilots.base import KindPilot
from game.sim.world import World

DEFAULT_DELAY = 0.25  # s: a practised player's reaction
HOLD_S = 0.083  # s: the shortest a key is held (10 steps at 120 Hz)
HEADING_ERROR = 0.035  # rad: how far off the ship's heading is read, one standard deviation
DELAY_JITTER = 0.15  # share of the delay by which one reaction is quicker or slower
FUMBLE_RATE = 0.03  # chance per decision of holding the last one a beat longer instead
SETTLE_S = 0.15  # s: after a toggle, how long beyond the delay before pressing it again
TOGGLES = frozenset({"dark", "polarity", "modify_shields", "tractor", "shields"})
PRESSES = frozenset({"launch", "beam"})
HUMAN_SEED_SALT = 0x4855_4D41  # "HUMA": the human's stream apart from the world's


@dataclass(slots=True)
class _Decision:
    due: int  # the step it reaches the controls
    commands: frozenset[str]
    turn: float  # -1 left .. +1 right, for the aim-ahead of later decisions
    steps: int  # how long it is held


class HumanPilot:
    """A practised person at the controls of any level: `pilot(world)` -> the held commands."""

    def __init__(self, level: Level, delay: float = DEFAULT_DELAY, strategy: str = "auto"):
        from game.pilots import kind_pilot  # here: the package imports this module

        if not 0.0 <= delay <= 2.0:
            raise ValueError(f"a reaction delay of {delay} s is not a person's (0 to 2 s)")
        self.level = level
        self.kind = level.config.level.kind
        self.delay = delay
        self.strategy = strategy
        self.pilot: KindPilot = kind_pilot(level, strategy)
        self.rng: np.random.Generator | None = None
        self._queue: deque[_Decision] = deque()
        self._held: frozenset[str] = frozenset()
        self._next_decision = 0  # step of the next decision
        self._last_due = 0
        self._last: _Decision | None = None
        self._quiet_until: dict[str, int] = {}  # toggle or press -> step before which it is not pressed again
        self._heading_error = 0.0

    @property
    def label(self) -> str:
        return f"human {self.delay:g} s"

    def __call__(self, world: World) -> frozenset[str]:
        if self.rng is None:
            self.rng = np.random.default_rng([world.seed, HUMAN_SEED_SALT])
        now = world.steps
        if now >= self._next_decision:
            self._decide(world, now)
        while self._queue and self._queue[0].due <= now:
            self._held = self._queue.popleft().commands
        return self._held

    # ------------------------------------------------------------ one decision

    def _decide(self, world: World, now: int) -> None:
        rng = self.rng
        assert rng is not None
        dt = world.dt
        hold = max(1, round(HOLD_S / dt))
        self._next_decision = now + hold
        delay = max(0.0, self.delay * (1.0 + DELAY_JITTER * float(rng.uniform(-1.0, 1.0))))
        due = max(now + round(delay / dt), self._last_due)
        if self._last is not None and float(rng.random()) < FUMBLE_RATE:
            decision = _Decision(due, self._last.commands - TOGGLES - PRESSES, self._last.turn, hold)
        else:
            # the heading error wanders slowly: a person misjudges the same way for a while
            self._heading_error = 0.8 * self._heading_error + 0.6 * HEADING_ERROR * float(rng.normal())
            cmds = self._look_ahead(world, delay)
            cmds = self._pace_presses(cmds, now, delay, dt)
            turn = float("turn_right" in cmds) - float("turn_left" in cmds)
            decision = _Decision(due, frozenset(cmds), turn, hold)
        self._last_due = due
        self._last = decision
        self._queue.append(decision)

    def _look_ahead(self, world: World, delay: float) -> set[str]:
        """The kind pilot's answer for the world `delay` seconds on, as this person pictures it."""
        b = world.bodies
        e = world.ellipse
        alive = b.alive
        saved = (b.pos.copy(), b.angle.copy(), b.spin.copy(), e.x, e.y)
        extra = self.pilot.moving_parts(world)
        extra_saved = [pos.copy() for pos, _ in extra]
        i = world.player.body
        try:
            b.pos[alive] += b.vel[alive] * np.float32(delay)
            b.angle[alive] += b.spin[alive] * np.float32(delay)
            # the ship's own turn: the spin it has, plus the turns already decided and not yet made
            angle, spin = self._aim_ahead(world, float(saved[1][i]), float(saved[2][i]), delay)
            b.angle[i] = angle + self._heading_error
            b.spin[i] = spin
            e.x += e.vx * delay
            e.y += e.vy * delay
            for pos, vel in extra:
                pos += vel * delay
            return set(self.pilot.fly(world))
        finally:
            b.pos[:], b.angle[:], b.spin[:] = saved[0], saved[1], saved[2]
            e.x, e.y = saved[3], saved[4]
            for (pos, _), old in zip(extra, extra_saved, strict=True):
                pos[:] = old

    def _aim_ahead(self, world: World, angle: float, spin: float, delay: float) -> tuple[float, float]:
        """Carry the ship's heading on through the turns already decided and still on their way
        (the stabiliser stops the spin when no turn is held, as in `game.sim.ship`)."""
        spec = world.spec
        alpha_max = spec.turn_torque / spec.moment_of_inertia if spec.moment_of_inertia > 0 else 0.0
        max_spin = math.radians(spec.max_turn_rate)
        dt = world.dt
        now = world.steps
        turn = float("turn_right" in self._held) - float("turn_left" in self._held)
        pending = list(self._queue)
        k = 0
        for n in range(round(delay / dt)):
            while k < len(pending) and pending[k].due <= now + n:
                turn = pending[k].turn
                k += 1
            dspin = turn * max_spin - spin
            spin += max(-alpha_max * dt, min(alpha_max * dt, dspin))
            angle += spin * dt
        return angle, spin

    def _pace_presses(self, cmds: set[str], now: int, delay: float, dt: float) -> set[str]:
        """A toggle or a one-shot is pressed once, then left alone until its effect is seen."""
        out = set(cmds)
        for name in cmds & (TOGGLES | PRESSES):
            if now < self._quiet_until.get(name, -1):
                out.discard(name)
            else:
                self._quiet_until[name] = now + round((delay + SETTLE_S) / dt) + 1
        return out


def parse_pilot(text: str) -> tuple[str, float | None]:
    """'autopilot', 'human' or 'human:0.35' -> (name, delay or None)."""
    name, _, rest = text.partition(":")
    name = name.strip().lower()
    if name == "autopilot" and not rest:
        return "autopilot", None
    if name == "human":
        if not rest:
            return "human", DEFAULT_DELAY
        try:
            delay = float(rest)
        except ValueError:
            raise ValueError(f"expected a reaction delay in seconds after 'human:', got {rest!r}") from None
        if not math.isfinite(delay) or not 0.0 <= delay <= 2.0:
            raise ValueError(f"a reaction delay must be from 0 to 2 s, got {rest}")
        return "human", delay
    raise ValueError(f"expected autopilot, human or human:DELAY, got {text!r}")
