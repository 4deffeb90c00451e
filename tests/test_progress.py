"""Saved progress: round trip, atomic saves, corrupt files set aside, levels reached,
high scores, the campaign run, and the title's level select and results that use it."""

import json
import os
import subprocess
import sys

import pygame
import pytest

from game.levels.models import CampaignFile
from game.progress import (
    MAX_HIGH_SCORES,
    CampaignRun,
    LevelResult,
    Progress,
    progress_path,
    survival_level,
)

CAMPAIGN = CampaignFile.model_validate({
    "start": "a",
    "order": ["a", "b", "c"],
    "levels": {
        "a": {"won": "b", "lost": "retry", "timeout": "retry"},
        "b": {"won": "c", "lost": "retry", "story": "c"},
        "c": {"won": "memorial", "lost": "retry"},
    },
})


def result(level: str, outcome: str = "won", score: float = 100.0, **more) -> dict:
    """A summary as `game.headless.Summary.as_dict()` gives it."""
    base = dict(level=level, seed=1, outcome=outcome, reason="because", sim_time_s=60.0, steps=7200,
                score=score, next=None, hull=80.0,
                measures={"telemetry": 0.0, "samples": 0, "logs": [], "data": 0.0})
    base.update(more)
    return base


def leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# ------------------------------------------------------------------ files


def test_missing_file_is_fresh_progress_without_a_message():
    progress, message = Progress.load()
    assert message is None
    assert progress.reached(CAMPAIGN) == ["a"]
    assert progress.high_scores == {} and progress.run.levels == []


def test_save_and_load_round_trip():
    progress = Progress()
    progress.record_result(result("a", score=321.5, samples=3), CAMPAIGN)
    progress.record_result(result("b", outcome="story", score=50, logs=[1, 3]), CAMPAIGN)
    path = progress.save()
    assert path == progress_path() and path.exists()
    loaded, message = Progress.load()
    assert message is None
    assert loaded == progress
    assert loaded.run.logs == [1, 3]
    assert loaded.high_scores_for("a")[0].score == 321.5
    assert json.loads(path.read_text())["version"] == 1


@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_a_save_that_fails_midway_leaves_the_old_file(monkeypatch, failing):
    old = Progress()
    old.record_result(result("a", score=1), CAMPAIGN)
    path = old.save()
    before = path.read_bytes()

    new = Progress()
    new.record_result(result("a", score=999), CAMPAIGN)

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as m:
        m.setattr(f"game.progress.os.{failing}", boom)
        with pytest.raises(OSError):
            new.save()
    assert path.read_bytes() == before  # the old save, whole
    assert leftovers(path.parent) == []  # and no half-written temp file beside it
    assert Progress.load()[0].best_score("a") == 1


def test_a_truncated_file_is_set_aside_with_a_message():
    progress = Progress()
    progress.record_result(result("a", score=5), CAMPAIGN)
    path = progress.save()
    text = path.read_text()
    path.write_text(text[: len(text) // 2])  # killed halfway through a (non-atomic) write

    fresh, message = Progress.load()
    assert fresh == Progress()
    aside = [p for p in path.parent.iterdir() if p.name.startswith("progress.corrupt-")]
    assert len(aside) == 1 and aside[0].suffix == ".json"
    assert aside[0].read_text() == text[: len(text) // 2]  # kept, byte for byte
    assert not path.exists()
    assert aside[0].name in message and "not valid JSON" in message
    assert "Traceback" not in message


@pytest.mark.parametrize("content, reason", [
    ("[1, 2, 3]", "does not hold a JSON object"),
    ('{"high_scores": {"a": [{"score": "lots", "outcome": "won", "date": "x"}]}}',
     "high_scores.a[0].score"),
    (b"\xff\xfe\x00garbage", "could not be read"),
])
def test_wrong_shapes_are_set_aside_too(content, reason):
    path = progress_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    progress, message = Progress.load()
    assert progress == Progress()
    assert reason in message
    assert any(p.name.startswith("progress.corrupt-") for p in path.parent.iterdir())


def test_two_corrupt_files_in_the_same_second_are_both_kept():
    path = progress_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    for text in ("{broken", "{broken again"):
        path.write_text(text)
        Progress.load()
    kept = sorted(p.read_text() for p in path.parent.iterdir() if p.name.startswith("progress.corrupt-"))
    assert kept == ["{broken", "{broken again"]


def test_a_corrupt_file_that_cannot_be_moved_is_not_saved_over(monkeypatch):
    path = progress_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{broken")
    monkeypatch.setattr("game.progress.set_aside", lambda p: None)
    progress, message = Progress.load()
    assert "could not be moved aside" in message
    with pytest.raises(OSError):
        progress.save()
    assert path.read_text() == "{broken"


def test_progress_imports_without_pygame():
    code = ("import sys; sys.modules['pygame'] = None\n"
            "import game.progress\n"
            "assert not any(m.startswith('pygame') for m in sys.modules if sys.modules[m])\n"
            "print('ok')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


# ------------------------------------------------------------------ the campaign


def test_reached_levels_follow_the_campaigns_outcomes():
    p = Progress()
    assert p.reached(CAMPAIGN) == ["a"]  # the first level always is
    rec = p.record_result(result("a", outcome="lost"), CAMPAIGN)  # a retry reaches nothing new
    assert p.reached(CAMPAIGN) == ["a"] and rec.in_run and rec.newly_reached == ()
    rec = p.record_result(result("a", outcome="won"), CAMPAIGN)
    assert p.reached(CAMPAIGN) == ["a", "b"] and rec.newly_reached == ("b",)
    p.record_result(result("b", outcome="story"), CAMPAIGN)  # a story ending leads on as well
    assert p.reached(CAMPAIGN) == ["a", "b", "c"]
    assert p.resume_level(CAMPAIGN) == "c"


def test_the_run_keeps_one_entry_per_level_and_ends_at_the_memorial():
    p = Progress()
    p.new_campaign()
    p.record_result(result("a", outcome="lost", score=10), CAMPAIGN)
    p.record_result(result("a", outcome="won", score=200), CAMPAIGN)
    p.record_result(result("b", score=300, logs=[2, 0]), CAMPAIGN)
    assert [(r.level, r.outcome, r.attempts) for r in p.run.levels] == [("a", "won", 2), ("b", "won", 1)]
    assert p.run.logs == [0, 2]
    rec = p.record_result(result("c", score=400), CAMPAIGN)
    assert rec.campaign_complete and p.run.complete and p.campaigns_completed == 1
    assert p.run.total_score == 900
    assert p.memorial_run().levels[-1].level == "c"
    assert p.resume_level(CAMPAIGN) is None  # nothing left to continue


def test_replaying_a_level_from_the_select_leaves_the_run_alone():
    p = Progress()
    p.record_result(result("a"), CAMPAIGN)
    p.record_result(result("b", outcome="story"), CAMPAIGN)
    rec = p.record_result(result("a", score=5000), CAMPAIGN)  # the run expects c
    assert not rec.in_run and rec.rank == 1
    assert [r.level for r in p.run.levels] == ["a", "b"]


def test_new_campaign_clears_the_run_but_not_scores_or_levels():
    p = Progress()
    p.record_result(result("a"), CAMPAIGN)
    p.new_campaign()
    assert p.run.levels == [] and p.run.started
    assert p.reached(CAMPAIGN) == ["a", "b"] and p.best_score("a") == 100
    p.record_result(result("a", score=7), CAMPAIGN)
    assert [r.score for r in p.run.levels] == [7]


def test_a_finished_run_stays_for_the_memorial_while_a_new_one_starts():
    p = Progress()
    for level in ("a", "b", "c"):
        p.record_result(result(level), CAMPAIGN)
    p.record_result(result("a", score=1), CAMPAIGN)  # the first level again starts a new run
    assert [r.level for r in p.run.levels] == ["a"] and not p.run.complete
    assert [r.level for r in p.memorial_run().levels] == ["a", "b", "c"]


def test_high_score_table_is_sorted_and_capped():
    p = Progress()
    scores = [50, 10, 90, 30, 70, 20, 100, 60, 40, 80, 5, 95, 15]
    ranks = [p.record_result(result("a", score=s, seed=s), None).rank for s in scores]
    table = p.high_scores_for("a")
    assert len(table) == MAX_HIGH_SCORES
    assert [e.score for e in table] == sorted(scores, reverse=True)[:MAX_HIGH_SCORES]
    assert ranks[0] == 1 and ranks[6] == 1  # 50 first, then 100 beat everything
    assert ranks[10] is None  # 5 is below a full table
    assert table[0].seed == 100 and table[0].outcome == "won" and table[0].date.endswith("Z")


def test_survival_has_its_own_table_and_stays_out_of_the_run(tmp_path):
    levels = tmp_path / "levels"
    levels.mkdir()
    assert survival_level(CAMPAIGN, levels) is None  # no file: not listed
    (levels / "survival.toml").write_text("")
    assert survival_level(CAMPAIGN, levels) == "survival"
    p = Progress()
    rec = p.record_result(result("survival", outcome="lost", score=1234), CAMPAIGN)
    assert rec.rank == 1 and not rec.in_run
    assert p.run.levels == [] and p.reached(CAMPAIGN) == ["a"]
    assert p.best_score("survival") == 1234


def test_level_result_reads_a_headless_summary():
    from game.headless import Summary

    s = Summary(level="a", seed=4, outcome="won", reason="r", sim_time_s=1.0, steps=120, score=9.0,
                next="b", hull=50.0,
                measures={"telemetry": 10.0, "samples": 2, "logs": [1], "data": 3.0})
    p = Progress()
    p.record_result(s, CAMPAIGN)
    assert p.run.levels[0] == LevelResult(**s.as_dict())
    assert isinstance(p.run, CampaignRun)


# ------------------------------------------------------------------ in the window


def press(app, *keys):
    for k in keys:
        app.handle_event(pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0))
        app.handle_event(pygame.event.Event(pygame.KEYUP, key=k, mod=0, unicode="", scancode=0))


def test_title_level_select_shows_only_reached_levels_with_best_scores(app):
    from game.app.scenes.title import TitleScene
    from game.levels import load_campaign

    campaign = load_campaign()
    assert len(campaign.order) >= 2
    second = campaign.order[1]
    app.progress.reached_levels.append(second)
    app.progress.record_result(result(second, outcome="lost", score=4321), campaign)  # no further
    title = TitleScene(app, demo=False)
    title.open_level_select()
    keys = [i.key for i in title.menu.items if i.key.startswith("level:")]
    expected = [f"level:{lid}" for lid in campaign.order[:2]]
    survival = survival_level(campaign)
    assert keys == expected + ([f"level:{survival}"] if survival else [])
    best = {i.key: i.value for i in title.menu.items}
    assert best[f"level:{second}"] == "BEST 4,321" and best[f"level:{campaign.start}"] is None
    surface = pygame.Surface((1280, 720))
    title.draw(surface, 0.5)


def test_title_shows_the_set_aside_message_and_offers_high_scores(app):
    from game.app.scenes.highscores import HighScoresScene
    from game.app.scenes.title import TitleScene

    path = progress_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"version": 1, "run": ')
    app.push(TitleScene(app, demo=False))
    title = app.stack.top
    assert title.progress_message and "progress.corrupt-" in title.progress_message
    title.draw(pygame.Surface((1280, 720)), 0.5)
    assert TitleScene(app, demo=False).progress_message is None  # shown once
    title.menu.select("scores")
    press(app, pygame.K_RETURN)
    scores = app.stack.top
    assert isinstance(scores, HighScoresScene) and scores.pages
    scores.draw(pygame.Surface((1280, 720)), 0.5)
    press(app, pygame.K_ESCAPE)
    assert app.stack.top is title


def test_new_campaign_clears_the_run_and_continue_resumes_it(app):
    from game.app.scenes.briefing import BriefingScene
    from game.app.scenes.title import TitleScene
    from game.levels import load_campaign

    campaign = load_campaign()
    app.progress.record_result(result(campaign.start), campaign)
    nxt = app.progress.resume_level(campaign)
    app.push(TitleScene(app, demo=False))
    title = app.stack.top
    assert title.menu.selected.key == "continue"
    press(app, pygame.K_RETURN)
    assert isinstance(app.stack.top, BriefingScene) and app.stack.top.level.id == nxt
    app.to_title(demo=False)
    app.stack.top.menu.select("play")
    press(app, pygame.K_RETURN)
    assert isinstance(app.stack.top, BriefingScene) and app.stack.top.level.id == campaign.start
    assert app.progress.run.levels == []
    assert Progress.load()[0].run.levels == []  # and that was saved


def test_results_record_the_run_and_save(app):
    from game.app.scenes.results import ResultsScene
    from game.levels import load_campaign, load_level
    from game.sim import new_world
    from game.sim.world import Outcome

    campaign = load_campaign()
    level = load_level(campaign.start)
    world = new_world(level, 3)
    world.steps = 2400
    world.outcome = Outcome("won", "done")
    app.push(ResultsScene(app, level, world))
    results = app.stack.top
    assert results.recorded is not None and results.recorded.in_run and results.recorded.rank == 1
    saved, _ = Progress.load()
    assert [r.level for r in saved.run.levels] == [campaign.start]
    assert saved.high_scores_for(campaign.start)[0].seed == 3
    results.draw(pygame.Surface((1280, 720)), 0.5)


def test_a_failed_save_is_a_line_on_the_results_not_a_crash(app, monkeypatch):
    from game.app.scenes.results import ResultsScene
    from game.levels import load_campaign, load_level
    from game.sim import new_world
    from game.sim.world import Outcome

    def refuse(self, path=None):
        raise OSError(13, "Permission denied")

    monkeypatch.setattr(Progress, "save", refuse)
    level = load_level(load_campaign().start)
    world = new_world(level, 3)
    world.outcome = Outcome("lost", "hull breached")
    app.push(ResultsScene(app, level, world))
    assert app.stack.top.notice == "Progress could not be saved: Permission denied"
    app.stack.top.draw(pygame.Surface((1280, 720)), 0.5)
    assert not os.path.exists(progress_path())
