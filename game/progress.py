"""The player's progress through the campaign: levels reached, high scores, the current run.

A module of its own, without pygame, because three different places need the same
save: the window records each result into it, the memorial reads the run back, and
tests (or a player repairing a save by hand) can read it without opening a window.

The save is `progress.json` in the data folder (`game.app.settings.data_dir()`).
It is written atomically (a temp file in the same folder, flushed and fsynced, then
`os.replace`), so a crash or a kill mid-save leaves the old file or the new one,
never half of one. A file that cannot be read is never lost or silently overwritten:
it is renamed to `progress.corrupt-<UTC timestamp>.json`, the game starts from fresh
progress and the caller gets a message to show the player.

The campaign's shape comes from `campaign.toml` (`CampaignFile`): a level is reached
once an outcome of a reached level leads to it; the first level is always reached.
The run is the campaign being played now, one entry per level in the order played
(a retry replaces the level's entry and counts the attempt); it ends at the memorial.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError

from game.app.settings import atomic_write, data_dir, remove_stale_temp_files
from game.campaign import MEMORIAL, RETRY, carry_from, follow, resolve
from game.levels import levels_dir
from game.levels.models import CampaignFile

PROGRESS_FILE = "progress.json"
SAVE_VERSION = 1
MAX_HIGH_SCORES = 10
SURVIVAL_DEFAULT_ID = "survival"

__all__ = [
    "MAX_HIGH_SCORES",
    "CampaignRun",
    "LevelResult",
    "Progress",
    "Recorded",
    "ScoreEntry",
    "progress_path",
    "survival_level",
]


def progress_path() -> Path:
    """Where the save lives: the data folder's progress.json."""
    return data_dir() / PROGRESS_FILE


def utc_now() -> str:
    """A UTC time stamp to the second, ISO 8601: what the high-score tables show as the date."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def survival_level(campaign: CampaignFile | None, levels: Path | None = None) -> str | None:
    """The survival level's id when its file exists, else None (the mode is not listed).

    `campaign.survival` names it; a campaign without one still gets survival when a
    `survival.toml` sits in the levels folder, so the mode appears as soon as it is built.
    """
    folder = levels or levels_dir()
    level_id = (campaign.survival if campaign is not None else None) or SURVIVAL_DEFAULT_ID
    return level_id if (folder / f"{level_id}.toml").is_file() else None


# ------------------------------------------------------------------ the saved shapes


class ScoreEntry(BaseModel):
    """One line of a level's high-score table."""

    model_config = ConfigDict(extra="ignore")

    score: float
    seed: int | None = None
    outcome: str
    date: str = Field(description="UTC, ISO 8601 to the second")


class LevelResult(BaseModel):
    """One level of a run: the fields of `game.headless.Summary`, plus the attempts it took."""

    model_config = ConfigDict(extra="ignore")

    level: str
    seed: int | None = None
    outcome: str
    reason: str = ""
    sim_time_s: float = 0.0
    steps: int = 0
    score: float = 0.0
    next: str | None = None
    hull: float = 0.0
    telemetry: float = 0.0
    samples: int = 0
    logs: list[int] = Field(default_factory=list)
    data: float = 0.0
    module_distance: float | None = None  # dark matter: where the front left the module, m
    systems: list[str] = Field(default_factory=list)  # dark matter: systems the front knocked out
    attempts: int = Field(1, ge=1)


class CampaignRun(BaseModel):
    """The campaign being played: results in the order played, and the logs recovered."""

    model_config = ConfigDict(extra="ignore")

    levels: list[LevelResult] = Field(default_factory=list)
    logs: list[int] = Field(default_factory=list, description="[[logs]] indexes recovered")
    complete: bool = False
    started: str | None = None
    finished: str | None = None

    @property
    def total_score(self) -> float:
        return round(sum(r.score for r in self.levels), 1)

    @property
    def total_time(self) -> float:
        return round(sum(r.sim_time_s for r in self.levels), 3)

    def carry_in(self, level_id: str) -> dict[str, Any]:
        """What the result that led into `level_id` hands on to its start (its own retries
        skipped): dark matter's module distance, hull and systems knocked out for the salvage."""
        for result in reversed(self.levels):
            if result.level == level_id:
                continue
            if result.next != level_id:
                return {}
            return carry_from(result.model_dump())
        return {}

    def expected_level(self, campaign: CampaignFile) -> str | None:
        """The level whose result continues this run (None when the run is stuck or over).

        An empty or finished run is continued by the campaign's first level, which
        starts a new run; a retry is continued by the same level.
        """
        if not self.levels or self.complete:
            return campaign.start
        last = self.levels[-1]
        return resolve(last.level, last.next)


@dataclass(frozen=True)
class Recorded:
    """What recording one result changed, for the results screen to say."""

    rank: int | None  # place in the level's high-score table (1 = best), None if not in it
    in_run: bool  # the result continued the campaign run
    campaign_complete: bool  # ... and that run has now reached the memorial
    newly_reached: tuple[str, ...] = ()


class Progress(BaseModel):
    """Everything the game remembers between sessions about how far the player got."""

    model_config = ConfigDict(extra="ignore")

    version: int = SAVE_VERSION
    reached_levels: list[str] = Field(default_factory=list)
    high_scores: dict[str, list[ScoreEntry]] = Field(default_factory=dict)
    run: CampaignRun = Field(default_factory=CampaignRun)
    last_completed_run: CampaignRun | None = None
    campaigns_completed: int = Field(0, ge=0)

    # a file that could not be read nor set aside: saving must not overwrite it
    _unreadable: Path | None = PrivateAttr(None)

    # ---------------------------------------------------------------- queries

    def reached(self, campaign: CampaignFile) -> list[str]:
        """Reached levels in campaign order; the first level always is."""
        got = set(self.reached_levels) | {campaign.start}
        return [level_id for level_id in campaign.order if level_id in got]

    def is_reached(self, level_id: str, campaign: CampaignFile) -> bool:
        return level_id == campaign.start or level_id in self.reached_levels

    def high_scores_for(self, level_id: str) -> list[ScoreEntry]:
        """The level's table, best first (a copy: the save changes only through record_result)."""
        return list(self.high_scores.get(level_id, []))

    def best_score(self, level_id: str) -> float | None:
        table = self.high_scores.get(level_id)
        return table[0].score if table else None

    def resume_level(self, campaign: CampaignFile) -> str | None:
        """The level "Continue campaign" opens, or None when no run is under way."""
        if not self.run.levels or self.run.complete:
            return None
        return self.run.expected_level(campaign)

    def memorial_run(self) -> CampaignRun:
        """The run the memorial tells: the finished one, else the one under way."""
        if self.run.complete or self.last_completed_run is None:
            return self.run
        return self.last_completed_run

    # ---------------------------------------------------------------- changes

    def new_campaign(self, when: str | None = None) -> None:
        """Start over: the run under way is dropped (levels reached and scores stay)."""
        self.run = CampaignRun(started=when or utc_now())

    def record_result(self, summary: Any, campaign: CampaignFile | None,
                      when: str | None = None) -> Recorded:
        """Take in one level's result: high scores, levels reached, the campaign run.

        `summary` is a `game.headless.Summary` or its `as_dict()`. Without a campaign
        (its file is broken) only the high scores are kept.
        """
        result = LevelResult.model_validate(_summary_dict(summary))
        when = when or utc_now()
        rank = self._add_high_score(result, when)
        if campaign is None:
            return Recorded(rank, False, False)
        entry = campaign.levels.get(result.level)
        if entry is not None:
            result.next = follow(campaign, result.level, result.outcome) or result.next
        in_campaign = entry is not None or result.level in campaign.order
        if not in_campaign:  # survival, or a level of the designer's own
            return Recorded(rank, False, False)

        newly: list[str] = []
        for level_id in (result.level, result.next):
            if level_id and level_id not in (MEMORIAL, RETRY) and level_id not in self.reached_levels:
                self.reached_levels.append(level_id)
                if level_id != result.level and level_id != campaign.start:
                    newly.append(level_id)

        if self.run.expected_level(campaign) != result.level:
            return Recorded(rank, False, False, tuple(newly))
        if self.run.complete or not self.run.levels:
            # a fresh run; "New campaign" may have stamped its start already
            fresh_stamp = self.run.started if not self.run.levels else None
            self.run = CampaignRun(started=fresh_stamp or when)
        last = self.run.levels[-1] if self.run.levels else None
        if last is not None and last.level == result.level and last.next == RETRY:
            result.attempts = last.attempts + 1
            self.run.levels[-1] = result
        else:
            self.run.levels.append(result)
        self.run.logs = sorted({i for r in self.run.levels for i in r.logs})
        complete = result.next == MEMORIAL
        if complete:
            self.run.complete = True
            self.run.finished = when
            self.campaigns_completed += 1
            self.last_completed_run = self.run.model_copy(deep=True)
        return Recorded(rank, True, complete, tuple(newly))

    def _add_high_score(self, result: LevelResult, when: str) -> int | None:
        entry = ScoreEntry(score=result.score, seed=result.seed, outcome=result.outcome, date=when)
        table = self.high_scores.setdefault(result.level, [])
        table.append(entry)
        table.sort(key=lambda e: -e.score)  # stable: an older equal score stays above
        del table[MAX_HIGH_SCORES:]
        for i, e in enumerate(table):
            if e is entry:
                return i + 1
        return None

    # ---------------------------------------------------------------- load / save

    @classmethod
    def load(cls, path: Path | None = None) -> tuple[Progress, str | None]:
        """The saved progress, and a message for the player when the file had to be set aside.

        Never raises: a missing file is fresh progress and no message; a file that
        cannot be read, is not JSON, or does not hold progress is renamed to
        `progress.corrupt-<UTC timestamp>.json` beside it and fresh progress returned.
        """
        path = path or progress_path()
        remove_stale_temp_files(path)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return cls(), None
        except (OSError, UnicodeDecodeError) as exc:
            return cls._set_aside(path, f"could not be read ({_reason(exc)})")
        try:
            data = json.loads(text)
        except ValueError as exc:
            return cls._set_aside(path, f"is not valid JSON ({_reason(exc)})")
        except RecursionError:
            return cls._set_aside(path, "is nested too deeply to be saved progress")
        if not isinstance(data, dict):
            return cls._set_aside(path, "does not hold a JSON object")
        try:
            return cls.model_validate(data), None
        except RecursionError:
            return cls._set_aside(path, "is nested too deeply to be saved progress")
        except ValidationError as exc:
            return cls._set_aside(path, f"does not hold saved progress ({_first_error(exc)})")

    @classmethod
    def _set_aside(cls, path: Path, reason: str) -> tuple[Progress, str]:
        fresh = cls()
        aside = set_aside(path)
        if aside is None:
            fresh._unreadable = path
            return fresh, (f"Your saved progress {path} {reason}, and it could not be moved "
                           "aside, so nothing will be saved over it this session.")
        return fresh, (f"Your saved progress {path.name} {reason}. It was kept as {aside} "
                       "and you are starting with fresh progress.")

    def save(self, path: Path | None = None) -> Path:
        """Write the progress atomically; returns the path. Raises OSError if the disk refuses.

        A save never replaces a file this session found unreadable and could not set
        aside: it tries once more to set it aside, and refuses if that fails again.
        """
        path = path or progress_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        if self._unreadable is not None and self._unreadable == path and path.exists():
            if set_aside(path) is None:
                raise OSError(f"{path} could not be read earlier and cannot be moved aside; "
                              "not saving over it")
        self._unreadable = None
        text = json.dumps(self.model_dump(mode="json"), indent=2) + "\n"
        atomic_write(path, text)
        return path


def set_aside(path: Path) -> Path | None:
    """Rename an unreadable save to progress.corrupt-<UTC stamp>.json; None if that failed.

    Never replaces an existing file: a second corrupt file in the same second gets a
    numbered name.
    """
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    stem, suffix = path.stem, path.suffix or ".json"
    for n in range(1000):
        extra = f"-{n}" if n else ""
        target = path.with_name(f"{stem}.corrupt-{stamp}{extra}{suffix}")
        if target.exists():
            continue
        try:
            os.link(path, target)  # fails rather than overwrite if the name was just taken
        except FileExistsError:
            continue
        except OSError:
            try:  # no hard links on this file system: a plain rename to the free name
                os.replace(path, target)
            except OSError:
                return None
            return target
        try:
            os.unlink(path)
        except OSError:
            pass
        return target
    return None


def _summary_dict(summary: Any) -> dict[str, Any]:
    if isinstance(summary, Mapping):
        return dict(summary)
    as_dict = getattr(summary, "as_dict", None)
    if callable(as_dict):
        return as_dict()
    raise TypeError(f"expected a Summary or its dict, got {type(summary).__name__}")


def _reason(exc: BaseException) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} at line {exc.lineno}, column {exc.colno}"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


def _first_error(exc: ValidationError) -> str:
    errors = exc.errors()
    if not errors:
        return "invalid"
    err = errors[0]
    loc = ""
    for part in err.get("loc", ()):
        loc += f"[{part}]" if isinstance(part, int) else ("." if loc else "") + str(part)
    more = f", and {len(errors) - 1} more" if len(errors) > 1 else ""
    return f"{loc or 'file'}: {err.get('msg', 'invalid')}{more}"
