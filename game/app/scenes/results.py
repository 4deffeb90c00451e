"""The end of a level: what happened, the score, and where to go next.

Continue follows `campaign.toml`: a level id opens its briefing, "retry" plays the
same level again, "memorial" opens the epilogue. Entering this screen records the
result into the saved progress (high scores, levels reached, the campaign run) and
saves it, once, so the memorial can tell the run even after the game was closed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game.app.render.kinds import view_of
from game.app.scenes import ui
from game.app.scenes.base import Scene
from game.campaign import next_level
from game.headless import summarise
from game.levels import Level, LevelError, load_campaign
from game.progress import Recorded, survival_level
from game.sim import World

if TYPE_CHECKING:
    from game.app.loop import App

HEADLINES = {
    "won": ("MISSION COMPLETE", ui.GREEN),
    "lost": ("SHIP LOST", ui.RED),
    "timeout": ("OUT OF TIME", ui.AMBER),
    "story": ("END OF RECORD", ui.CYAN),
}


class ResultsScene(Scene):
    def __init__(self, app: App, level: Level, world: World, name: str | None = None,
                 seed: int | None = None, record: Path | None = None, renderer=None):
        super().__init__(app)
        self.level = level
        self.world = world
        self.name = name or level.id
        self.seed = seed
        self.record = record
        self.renderer = renderer
        self.summary = summarise(world)
        self.next = next_level(level.id, self.summary.outcome) if world.outcome else None
        items = [ui.MenuItem("retry", "RETRY")]
        if self.next is not None:
            items.append(ui.MenuItem("continue", "CONTINUE"))
        items.append(ui.MenuItem("title", "TITLE"))
        self.menu = ui.Menu(items)
        if self.next is not None and self.summary.outcome in ("won", "story"):
            self.menu.select("continue")
        self._stars = ui.star_field(app.size, seed=5)
        self.recorded: Recorded | None = None
        self.notice: str | None = None  # a save that failed, said in one line
        self._taken_in = False

    def enter(self) -> None:
        if not self._taken_in:  # once, even if the scene were pushed again
            self._taken_in = True
            self.record_progress()

    def record_progress(self) -> None:
        """Put this result into the saved progress and save it (campaign and survival levels).

        A level opened by path (a designer's file) is not the campaign's, even when it
        shares an id, so it leaves the save alone.
        """
        if self.name != self.level.id:
            return
        try:
            campaign = load_campaign()
        except LevelError:
            campaign = None
        progress = self.app.progress
        in_game = campaign is None or (
            self.level.id in campaign.levels or self.level.id in campaign.order
            or self.level.id == survival_level(campaign))
        if not in_game:
            return
        self.recorded = progress.record_result(self.summary, campaign)
        self.notice = self.app.save_progress()

    def handle(self, event: pygame.event.Event) -> None:
        action = self.menu_action(event)
        if self.navigate(self.menu, action):
            return
        if action == "back":
            self.ui_sound("back")
            self.app.to_title()

    def choose(self, key: str) -> None:
        from game.app.scenes.briefing import BriefingScene, open_level

        if key == "retry" or (key == "continue" and self.next == "retry"):
            # the file as it is now: a save made while this screen was up is not lost
            self.app.replace(BriefingScene.fresh(self.app, self.level, name=self.name, seed=self.seed,
                                                 record=self.record))
        elif key == "continue" and self.next == "memorial":
            from game.app.scenes.memorial import MemorialScene

            self.app.replace(MemorialScene(self.app, self.app.progress.memorial_run()))
        elif key == "continue" and self.next:
            self.app.replace(open_level(self.app, self.next, record=self.record))
        else:
            self.app.to_title()

    def rows(self) -> list[tuple[str, str]]:
        s = self.summary
        minutes, seconds = divmod(s.sim_time_s, 60.0)
        rows = [
            ("Score", f"{s.score:,.0f}"),
            ("Time", f"{int(minutes)}:{seconds:04.1f}"),
            ("Hull", f"{s.hull:.0f} %"),
        ]
        # the level's own measure: what it was about, as its kind's view words it
        rows += view_of(self.level.config.level.kind).result_rows(s, self.level)
        return rows

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        w, h = surface.get_size()
        if self.renderer is not None:
            with ui.without_hud(self.renderer):  # the results replace the HUD, not sit on it
                self.renderer.draw(surface, self.world, None, 1.0)
            ui.dim(surface, 185)
        else:
            surface.blit(self._stars, (0, 0))
        headline, color = HEADLINES.get(self.summary.outcome,
                                        (self.summary.outcome.upper(), ui.WHITE))
        ui.draw_text(surface, self.level.config.level.title.upper(), 30, ui.GREY,
                     (w // 2, 70), "midtop")
        ui.glow_text(surface, headline, 92, color, (w // 2, 104), "midtop", spread=8)
        reason = self.summary.reason
        ui.draw_text(surface, reason[:1].upper() + reason[1:] + ".", 30, ui.WHITE,
                     (w // 2, 196), "midtop")
        box = pygame.Rect(w // 2 - 260, 250, 520, 200)
        ui.frame_box(surface, box, tuple(v // 2 for v in color))
        y = box.top + 26
        for name, value in self.rows():
            ui.draw_text(surface, name, 34, ui.GREY, (box.left + 40, y))
            ui.draw_text(surface, value, 34, ui.WHITE, (box.right - 40, y), "topright")
            y += 40
        self.menu.draw(surface, w // 2, 490, size=40, spacing=50)
        rank = self.recorded.rank if self.recorded is not None else None
        if rank is not None and self.summary.score > 0:  # a zero is nobody's best
            text = "NEW BEST SCORE" if rank == 1 else f"HIGH SCORE: #{rank} ON THIS LEVEL"
            ui.draw_text(surface, text, 26, ui.AMBER, (w // 2, box.bottom + 8), "midtop")
        if self.notice:
            ui.draw_text(surface, self.notice, 22, ui.RED, (w // 2, h - 70), "midtop")
        if self.next and self.next not in ("retry", "memorial"):
            from game.app.scenes.memorial import level_title

            ui.draw_text(surface, f"Next: {level_title(self.next)}", 22, ui.DIM,
                         (w // 2, h - 40), "midtop")
