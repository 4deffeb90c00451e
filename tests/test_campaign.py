"""The campaign as a graph: `check` names every road that goes wrong; a walk always ends."""

import os
import shutil
from pathlib import Path

import pytest

from game.campaign import CampaignWalk, follow, next_level, resolve
from game.levels import check_paths, levels_dir, load_campaign
from game.levels.models import CampaignFile

SHIPPED = ("ares_iv", "anomaly", "eye_of_the_storm", "dark_matter", "salvage", "escape", "survival")


def campaign_folder(tmp_path: Path, text: str) -> Path:
    for level_id in SHIPPED:
        shutil.copy(levels_dir() / f"{level_id}.toml", tmp_path)
    shutil.copy(levels_dir() / "ships.toml", tmp_path)
    (tmp_path / "campaign.toml").write_text(text)
    return tmp_path / "campaign.toml"


def problems_of(tmp_path: Path, text: str) -> list[str]:
    path = campaign_folder(tmp_path, text)
    shown = os.path.relpath(path)
    return [line.removeprefix(f"{shown}: ") for line in check_paths([path])]


def test_the_shipped_campaign_is_a_sound_graph():
    assert check_paths([levels_dir() / "campaign.toml"]) == []


def test_start_and_order_mistakes(tmp_path):
    got = problems_of(tmp_path, """
start = "survival"
order = ["anomaly", "anomaly", "survival"]
survival = "survival"
[levels.anomaly]
won = "memorial"
""")
    assert got == [
        "start: 'survival' is the endless mode, not the first campaign level",
        "order[1]: 'anomaly' is listed twice (first at order[0])",
        "order[2]: 'survival' is the endless mode; it is listed apart",
    ]


def test_self_loops_retry_wins_unreachable_levels_and_endless_cycles(tmp_path):
    got = problems_of(tmp_path, """
start = "anomaly"
order = ["anomaly", "eye_of_the_storm", "dark_matter", "salvage", "escape"]
[levels.anomaly]
won = "eye_of_the_storm"
[levels.eye_of_the_storm]
won = "retry"
lost = "eye_of_the_storm"
[levels.dark_matter]
won = "memorial"
[levels.salvage]
won = "escape"
[levels.escape]
won = "salvage"
story = "salvage"
""")
    assert got == [
        "levels.eye_of_the_storm.won: a win must lead on (a level or \"memorial\"), not \"retry\"",
        "levels.eye_of_the_storm.lost: leads back to 'eye_of_the_storm' itself (write \"retry\" to play it again)",
        "levels.dark_matter: no road from start 'anomaly' leads here (name it as an outcome of a level before it)",
        "levels.salvage: no road from start 'anomaly' leads here (name it as an outcome of a level before it)",
        "levels.escape: no road from start 'anomaly' leads here (name it as an outcome of a level before it)",
        "levels.anomaly: every road from here goes round without reaching the memorial",
        "levels.eye_of_the_storm: every road from here goes round without reaching the memorial",
    ]


def test_outcomes_that_lead_nowhere_and_levels_left_out_of_order(tmp_path):
    got = problems_of(tmp_path, """
start = "anomaly"
order = ["anomaly"]
[levels.anomaly]
won = "escape"
[levels.salvage]
won = "memorial"
""")
    assert got == [
        "levels.salvage: is not in order, so the level select never lists it",
        "levels.anomaly.won: leads to 'escape', which has no [levels.escape] table, so the road stops there",
        "levels.salvage: no road from start 'anomaly' leads here (name it as an outcome of a level before it)",
    ]


def test_follow_and_resolve_answer_for_everyone():
    campaign = load_campaign()
    assert follow(campaign, "anomaly", "won") == "eye_of_the_storm"
    assert follow(campaign, "anomaly", "lost") == "retry"
    assert follow(campaign, "nowhere", "won") is None
    assert next_level("dark_matter", "story") == "salvage"
    assert resolve("anomaly", "retry") == "anomaly"
    assert resolve("escape", "memorial") is None


def _campaign(levels: dict[str, dict[str, str]]) -> CampaignFile:
    return CampaignFile.model_validate({"start": "a", "order": list(levels), "levels": levels})


def test_a_walk_always_ends_even_round_a_cycle_the_check_allows():
    # a -> b on a win, b sends a loss back to a: a walk that keeps losing b goes round
    walk = CampaignWalk(_campaign({"a": {"won": "b"}, "b": {"won": "memorial", "lost": "a"}}))
    outcomes = {"a": "won", "b": "lost"}
    steps = 0
    while walk.current is not None:
        walk.advance(outcomes[walk.current])
        steps += 1
        assert steps < 100
    assert walk.stopped == "12 levels played without reaching the memorial"
    assert not walk.reached_memorial


def test_a_walk_gives_up_after_three_retries_and_reaches_the_memorial_otherwise():
    walk = CampaignWalk(_campaign({"a": {"won": "memorial"}}))
    assert walk.advance("lost") == "a" and walk.attempt == 2
    assert walk.advance("lost") == "a" and walk.attempt == 3
    assert walk.advance("lost") is None
    assert walk.stopped == "a not passed in 3 attempts"
    walk = CampaignWalk(_campaign({"a": {"won": "memorial"}}))
    assert walk.advance("won") is None and walk.reached_memorial and walk.stopped is None


@pytest.mark.parametrize("outcome", ["won", "story"])
def test_a_walk_follows_the_shipped_roads(outcome):
    walk = CampaignWalk(load_campaign())
    assert walk.current == "ares_iv"
    assert walk.advance(outcome) == "anomaly"


@pytest.mark.parametrize("outcome", ["won", "story", "lost"])
def test_every_dark_matter_road_passes_the_salvage_and_the_escape(outcome):
    """Whatever happens in dark matter (a loss is retried), the road goes on through the salvage
    and the escape before the memorial: no road shows a better pilot less of the story."""
    from game.sim.kinds import KINDS

    campaign = load_campaign()
    assert outcome in KINDS["dark_matter"].outcomes
    road, level, outcomes = [], "dark_matter", {"dark_matter": outcome}
    for _ in range(10):
        target = follow(campaign, level, outcomes.get(level, "won"))
        if target == "retry":  # the loss is played again, and then won
            outcomes[level] = "won"
            continue
        if target == "memorial":
            break
        road.append(target)
        level = target
    assert road == ["salvage", "escape"]


def test_a_walk_carries_dark_matters_measures_into_the_salvage_and_not_beyond():
    walk = CampaignWalk(load_campaign())
    for outcome in ("story", "won", "won"):
        walk.advance(outcome, {"hull": 90.0})
    assert walk.current == "dark_matter" and walk.carry == {}
    measures = {"module_distance": 800.0, "hull": 61.5, "systems": ["engines", "tractor"], "samples": 0}
    assert walk.advance("story", measures) == "salvage"
    assert walk.carry == {"module_distance": 800.0, "hull": 61.5, "systems": ["engines", "tractor"]}
    assert walk.advance("lost", {"hull": 0.0}) == "salvage"  # a retry starts from the same carry-over
    assert walk.carry["module_distance"] == 800.0
    assert walk.advance("won", {"hull": 40.0}) == "escape" and walk.carry == {}


def test_the_salvage_starts_from_what_dark_matter_carried():
    import math

    from game.levels import load_level
    from game.sim import new_world

    level = load_level("salvage")
    alone = new_world(level, 1)
    c = level.config.salvage
    hull = c.min_carried_hull + 10.0  # above the salvage's floor, so carried as it is
    carried = new_world(level, 1, {"module_distance": 350.0, "hull": hull, "systems": ["shields", "tractor"]})
    i, j = carried.player.body, carried.module
    assert math.dist(carried.bodies.pos[i], carried.bodies.pos[j]) == pytest.approx(350.0, abs=1.0)
    alone_gap = math.dist(alone.bodies.pos[i], alone.bodies.pos[alone.module])
    assert alone_gap == pytest.approx(c.module_distance, abs=1.0)
    assert float(carried.bodies.hull[i]) == pytest.approx(hull)
    assert carried.player.health["shields"] == c.knocked_out_health
    assert alone.player.health["shields"] == c.shields_health


def test_the_saved_run_hands_the_salvage_its_carry_over_through_retries():
    from game.progress import Progress

    campaign = load_campaign()
    progress = Progress()
    base = {"seed": 1, "sim_time_s": 10.0, "steps": 1200, "score": 0.0, "hull": 90.0}
    for level, outcome in (("ares_iv", "story"), ("anomaly", "won"), ("eye_of_the_storm", "won")):
        progress.record_result(base | {"level": level, "outcome": outcome, "reason": ""}, campaign)
    progress.record_result(base | {"level": "dark_matter", "outcome": "won", "reason": "", "hull": 70.0,
                                   "module_distance": 350.0, "systems": ["comms", "tractor"]}, campaign)
    want = {"module_distance": 350.0, "hull": 70.0, "systems": ["comms", "tractor"]}
    assert progress.run.carry_in("salvage") == want
    progress.record_result(base | {"level": "salvage", "outcome": "lost", "reason": ""}, campaign)
    assert progress.run.carry_in("salvage") == want
    assert progress.run.carry_in("escape") == {}
