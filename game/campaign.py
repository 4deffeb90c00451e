"""What follows a level's outcome: the campaign as a graph, asked in one place.

`campaign.toml` says, for each level, where each outcome (won, lost, timeout, story)
leads: another level, "retry" (the same level again) or "memorial" (the end). The
command line's `simulate --campaign`, `headless.next_level`, the saved progress and the
window's results screen all ask this module, so they cannot disagree.

`graph_problems` is what `check` says about the graph itself: a start that is not a
campaign level, duplicates in `order`, levels nothing leads to, outcomes that lead
nowhere, a level that leads to itself, a win that leads to "retry", and roads that go
round forever without reaching the memorial. A campaign that passes it still gets a
hard cap when walked (`CampaignWalk`), so a headless walk can never loop forever.
No pygame here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from game.levels.models import CampaignFile

MEMORIAL = "memorial"
RETRY = "retry"
END_MARKERS = (MEMORIAL, RETRY)
OUTCOMES = ("won", "lost", "timeout", "story")
MAX_ATTEMPTS = 3  # a headless walk gives up on a level after this many tries in a row

# The outcomes a level of each kind can end with (the kinds' judges in game/sim decide);
# the graph is checked along these roads only, so a default "story = memorial" on a level
# that never ends in a story does not count as a way out of a cycle.
def _kind_outcomes() -> dict[str, tuple[str, ...]]:
    from game.sim.kinds import KINDS  # the judges' own list, one per kind

    return {name: kind.outcomes for name, kind in KINDS.items()}


KIND_OUTCOMES: dict[str, tuple[str, ...]] = _kind_outcomes()

KindOf = Callable[[str], str | None]


def _no_kinds(level_id: str) -> str | None:
    return None


def outcomes_of(kind: str | None) -> tuple[str, ...]:
    return KIND_OUTCOMES.get(kind or "", OUTCOMES)


def follow(campaign: CampaignFile, level_id: str, outcome: str) -> str | None:
    """Where `outcome` of `level_id` leads: a level id, "retry", "memorial", or None (not in the campaign)."""
    entry = campaign.levels.get(level_id)
    if entry is None or outcome not in OUTCOMES:
        return None
    return getattr(entry, outcome)


def next_level(level_id: str, outcome: str, campaign: CampaignFile | None = None) -> str | None:
    """`follow` on the game's own campaign.toml; None when that file is broken (`check` says why)."""
    if campaign is None:
        from game.levels import LevelError, load_campaign

        try:
            campaign = load_campaign()
        except LevelError:
            return None
    return follow(campaign, level_id, outcome)


def resolve(level_id: str, target: str | None) -> str | None:
    """The level to play after a result that leads to `target`: "retry" is the same level again;
    None when the road ends (the memorial, or no campaign)."""
    if target == RETRY:
        return level_id
    if target in (None, MEMORIAL):
        return None
    return target


# ---------------------------------------------------------------- the graph


def _targets(campaign: CampaignFile, level_id: str, kind_of: KindOf = _no_kinds) -> list[str]:
    """The levels the outcomes of `level_id` lead to ("retry" is the level itself)."""
    entry = campaign.levels.get(level_id)
    if entry is None:
        return []
    out = []
    for outcome in outcomes_of(kind_of(level_id)):
        target = getattr(entry, outcome)
        if target == RETRY:
            target = level_id
        if target != MEMORIAL:
            out.append(target)
    return out


def reachable(campaign: CampaignFile, kind_of: KindOf = _no_kinds) -> list[str]:
    """Levels some road from `start` reaches, in the order first found."""
    seen = [campaign.start]
    for level_id in seen:  # the list grows while it is walked: a breadth-first search
        for target in _targets(campaign, level_id, kind_of):
            if target not in seen and target in campaign.levels:
                seen.append(target)
    return seen


def reaches_memorial(campaign: CampaignFile, kind_of: KindOf = _no_kinds) -> set[str]:
    """Levels from which some road leads to the memorial."""
    good: set[str] = set()
    changed = True
    while changed:
        changed = False
        for level_id, entry in campaign.levels.items():
            if level_id in good:
                continue
            roads = [getattr(entry, o) for o in outcomes_of(kind_of(level_id))]
            # a road to a level without a table is reported on its own: no second line for it
            if any(target == MEMORIAL or target in good or (target != RETRY and target not in campaign.levels)
                   for target in roads):
                good.add(level_id)
                changed = True
    return good


def graph_problems(campaign: CampaignFile, shown: str, known: Callable[[str], bool],
                   kind_of: KindOf = _no_kinds) -> list[str]:
    """Every way the campaign's roads go wrong, as `PATH: key.path: reason` lines.

    `shown` is the file as the user names it; `known(id)` says whether a level file exists;
    `kind_of(id)` is the level's kind when it can be read (its roads are the outcomes it can have).
    """
    problems: list[str] = []
    levels, order, endless = campaign.levels, campaign.order, campaign.survival

    if endless is not None and campaign.start == endless:
        problems.append(f"{shown}: start: {endless!r} is the endless mode, not the first campaign level")
    elif campaign.start not in levels:
        problems.append(f"{shown}: start: {campaign.start!r} has no [levels.{campaign.start}] table "
                        "saying where its outcomes lead")
    if campaign.start not in order:
        problems.append(f"{shown}: start: {campaign.start!r} is not in order (the level select lists "
                        "the levels of order)")
    first_at: dict[str, int] = {}
    for i, level_id in enumerate(order):
        if level_id in first_at:
            problems.append(f"{shown}: order[{i}]: {level_id!r} is listed twice "
                            f"(first at order[{first_at[level_id]}])")
            continue
        first_at[level_id] = i
        if level_id == endless:
            problems.append(f"{shown}: order[{i}]: {level_id!r} is the endless mode; it is listed apart")
        elif level_id not in levels and known(level_id):
            problems.append(f"{shown}: order[{i}]: {level_id!r} has no [levels.{level_id}] table saying "
                            "where its outcomes lead")
    for level_id in levels:
        if level_id not in first_at:
            problems.append(f"{shown}: levels.{level_id}: is not in order, so the level select never lists it")
        if level_id == endless:
            problems.append(f"{shown}: levels.{level_id}: {level_id!r} is the endless mode, not a campaign level")

    for level_id, entry in levels.items():
        for outcome in OUTCOMES:
            target = getattr(entry, outcome)
            key = f"{shown}: levels.{level_id}.{outcome}"
            if target == level_id:
                problems.append(f"{key}: leads back to {level_id!r} itself (write \"retry\" to play it again)")
            elif outcome == "won" and target == RETRY:
                problems.append(f"{key}: a win must lead on (a level or \"memorial\"), not \"retry\"")
            elif target == endless and target is not None:
                problems.append(f"{key}: {target!r} is the endless mode, not a campaign level")
            elif target not in END_MARKERS and target not in levels and known(target):
                problems.append(f"{key}: leads to {target!r}, which has no [levels.{target}] table, so "
                                "the road stops there")

    if campaign.start in levels:
        found = reachable(campaign, kind_of)
        for level_id in levels:
            if level_id not in found:
                problems.append(f"{shown}: levels.{level_id}: no road from start {campaign.start!r} leads "
                                "here (name it as an outcome of a level before it)")
        good = reaches_memorial(campaign, kind_of)
        for level_id in found:
            if level_id in levels and level_id not in good:
                problems.append(f"{shown}: levels.{level_id}: every road from here goes round without "
                                "reaching the memorial")
    return problems


# ---------------------------------------------------------------- walking it


@dataclass
class CampaignWalk:
    """A headless walk from `start` to the memorial, one result at a time, that always ends.

    `current` is the level to play next (None when the walk is over); `attempt` counts
    the tries of it in a row. A level retried `max_attempts` times, or more levels played
    than `cap` (every level's attempts, twice over), stops the walk with `stopped` saying why.
    """

    campaign: CampaignFile
    max_attempts: int = MAX_ATTEMPTS
    current: str | None = None
    attempt: int = 1
    played: list[str] = field(default_factory=list)
    stopped: str | None = None
    reached_memorial: bool = False

    def __post_init__(self) -> None:
        self.current = self.campaign.start
        self.cap = 2 * self.max_attempts * max(1, len(self.campaign.levels))

    def advance(self, outcome: str) -> str | None:
        """Take the result of `current`; returns the next level to play, or None when done."""
        assert self.current is not None, "the walk is over"
        level_id = self.current
        self.played.append(level_id)
        target = follow(self.campaign, level_id, outcome)
        if target == MEMORIAL:
            self.reached_memorial = True
            self.current = None
            return None
        if target is None:
            self.stopped = f"{level_id}: outcome {outcome!r} leads nowhere in campaign.toml"
        elif target == RETRY:
            if self.attempt >= self.max_attempts:
                self.stopped = f"{level_id} not passed in {self.max_attempts} attempts"
            self.attempt += 1
        else:
            self.attempt = 1
        if self.stopped is None and len(self.played) >= self.cap:
            self.stopped = f"{len(self.played)} levels played without reaching the memorial"
        self.current = None if self.stopped else resolve(level_id, target)
        return self.current
