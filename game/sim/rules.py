"""How a level is won or lost, by level kind, and its score.

Rules read the world after a step and may set `world.outcome`; once set, the level
is over and `step` no longer moves time.
"""

from __future__ import annotations

from functools import cache

from game.sim.world import Event, Outcome, World


def samples_value(world: World) -> float:
    specs = world.level.config.samples
    return sum(s.value for s, got in zip(specs, world.samples.collected, strict=True) if got)


def score_now(world: World) -> float:
    if world.prologue is not None or world.survival is not None:
        from game.sim import prologue, survival  # their own scores: data recorded; time survived and data

        return round((prologue.score if world.prologue is not None else survival.score)(world), 1)
    sc = world.level.config.scoring
    hull = float(world.bodies.hull[world.player.body])
    score = world.probe.returned * sc.per_telemetry + samples_value(world) * sc.per_sample
    if world.salvage is not None:
        score += len(world.salvage.logs_done) * sc.per_log
    if world.outcome is not None and world.outcome.result == "won":
        score += max(0.0, hull) * sc.per_hull + world.time_left * sc.per_second_left
        if world.outcome.reason == OUT_WITH_MODULE:
            score += sc.module_out
        if world.salvage is not None and world.salvage.part:
            score += sc.part_recovered
    return round(score, 1)


def _anomaly(world: World, ship_r2: float) -> Outcome | None:
    cfg = world.level.config
    hull = float(world.bodies.hull[world.player.body])
    hidden = world.player.dark and world.player.polarity_reversed
    e = world.ellipse
    if hull <= 0.0:
        return Outcome("lost", "hull breached")
    if e.presence > 0.5 and not hidden and ship_r2 < cfg.field.engulf_ratio**2:
        return Outcome("lost", "engulfed by the ellipse")
    if world.probe.returned >= cfg.probe_objective.telemetry_required:
        return Outcome("won", "telemetry returned")
    if world.time_left <= 0.0:
        return Outcome("timeout", "the ellipse returned to subspace before the telemetry came home")
    return None


def _eye(world: World, ship_r2: float) -> Outcome | None:
    from game.sim.eye import module_reached

    hull = float(world.bodies.hull[world.player.body])
    if hull <= 0.0:
        return Outcome("lost", "hull breached")
    if module_reached(world):
        return Outcome("won", "module found and reached")
    if world.time_left <= 0.0:
        if ship_r2 < 1.0:
            return Outcome("timeout", "the ellipse returned to subspace with the shuttle inside")
        return Outcome("timeout", "the ellipse sank back into subspace before the module was reached")
    return None


OUT_WITH_MODULE = "out of the ellipse with the module"
OUT_WITHOUT_MODULE = "out of the ellipse, the module left behind"


def _dark_matter(world: World, ship_r2: float) -> Outcome | None:
    hull = float(world.bodies.hull[world.player.body])
    ast = world.asteroid
    shock = world.level.config.shock
    if hull <= 0.0:
        return Outcome("lost", "hull breached")
    if ast is not None and ast.hit_player_at >= 0:
        if world.t - ast.hit_player_at >= shock.aftermath:
            return Outcome("story", "caught by the shock wave: beam broken, systems down")
        return None
    if world.ellipse.presence >= 1.0 and ship_r2 > shock.exit_ratio**2:
        towing = world.tractor.target >= 0 and world.tractor.target == world.scan.module
        return Outcome("won", OUT_WITH_MODULE if towing else OUT_WITHOUT_MODULE)
    if world.time_left <= 0.0:
        return Outcome("timeout", "the ellipse returned to subspace with the shuttle inside")
    return None


@cache
def _rules() -> dict:
    from game.sim import escape, prologue, salvage, survival  # here: they import the kinds registry

    return {"anomaly": _anomaly, "eye": _eye, "dark_matter": _dark_matter,
            "salvage": salvage.judge, "escape": escape.judge,
            "prologue": prologue.judge, "survival": survival.judge}


def judge(world: World, ship_r2: float, events: list[Event]) -> None:
    outcome = _rules()[world.level.config.level.kind](world, ship_r2)
    if outcome is not None:
        world.outcome = outcome
        x, y = world.ship_pos()
        events.append(Event(outcome.result, x, y))
    world.score = score_now(world)
