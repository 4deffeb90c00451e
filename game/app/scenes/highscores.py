"""The high-score tables: one page per level the player has reached, and survival.

Pushed over the title; left / right turn the pages, confirm or back return. The
tables come from the saved progress (`game.progress`), best first, ten per level.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.app.scenes import ui
from game.app.scenes.base import Scene
from game.levels.models import CampaignFile
from game.progress import MAX_HIGH_SCORES, ScoreEntry, survival_level

if TYPE_CHECKING:
    from game.app.loop import App

OUTCOME_WORDS = {"won": "WON", "lost": "LOST", "timeout": "OUT OF TIME", "story": "STORY"}
OUTCOME_COLOURS = {"won": ui.GREEN, "lost": ui.RED, "timeout": ui.AMBER, "story": ui.CYAN}


def score_pages(app: App, campaign: CampaignFile) -> list[tuple[str, str]]:
    """(level id, title) of every table worth a page: reached levels in order, then survival."""
    from game.app.scenes.title import level_title

    progress = app.progress
    ids = progress.reached(campaign)
    survival = survival_level(campaign)
    pages = [(lid, level_title(lid)) for lid in ids]
    if survival is not None:
        pages.append((survival, "SURVIVAL"))
    return pages


def entry_row(rank: int, e: ScoreEntry) -> list[str]:
    """The table's cells for one entry: rank, score, outcome, seed, date (UTC, to the minute)."""
    date = e.date.replace("T", " ").rstrip("Z")[:16]
    seed = "-" if e.seed is None else str(e.seed)
    return [f"{rank}.", f"{e.score:,.0f}", OUTCOME_WORDS.get(e.outcome, e.outcome.upper()), seed, date]


class HighScoresScene(Scene):
    COLUMNS = (("#", 60, "topright"), ("SCORE", 250, "topright"), ("OUTCOME", 300, "topleft"),
               ("SEED", 560, "topright"), ("DATE (UTC)", 620, "topleft"))

    def __init__(self, app: App, campaign: CampaignFile, level_id: str | None = None):
        super().__init__(app)
        self.pages = score_pages(app, campaign)
        self.page = 0
        for i, (lid, _) in enumerate(self.pages):
            if lid == level_id:
                self.page = i
        self._stars = ui.star_field(app.size, seed=13)

    @property
    def level_id(self) -> str | None:
        return self.pages[self.page][0] if self.pages else None

    def rows(self) -> list[list[str]]:
        """The current page's table as text, best first."""
        if self.level_id is None:
            return []
        table = self.app.progress.high_scores_for(self.level_id)
        return [entry_row(i, e) for i, e in enumerate(table[:MAX_HIGH_SCORES], start=1)]

    def handle(self, event: pygame.event.Event) -> None:
        action = self.menu_action(event)
        if action in ("left", "right", "up", "down") and len(self.pages) > 1:
            step = -1 if action in ("left", "up") else 1
            self.page = (self.page + step) % len(self.pages)
            self.ui_sound("move")
        elif action in ("confirm", "back", "pause"):
            self.ui_sound("back")
            self.app.pop()

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        w, h = surface.get_size()
        surface.blit(self._stars, (0, 0))
        ui.glow_text(surface, "HIGH SCORES", 72, ui.ORANGE, (w // 2, 50), "midtop")
        if not self.pages:
            ui.draw_text(surface, "No levels reached yet.", 30, ui.GREY, (w // 2, 300), "midtop")
            return
        _, title = self.pages[self.page]
        ui.glow_text(surface, title, 40, ui.CYAN, (w // 2, 140), "midtop")
        if len(self.pages) > 1:
            ui.draw_text(surface, "<", 40, ui.GREY, (w // 2 - 360, 140), "midtop")
            ui.draw_text(surface, ">", 40, ui.GREY, (w // 2 + 360, 140), "midtop")
            ui.draw_text(surface, f"{self.page + 1} / {len(self.pages)}", 20, ui.DIM,
                         (w // 2, 184), "midtop")
        box = pygame.Rect(w // 2 - 420, 214, 840, 420)
        ui.frame_box(surface, box, (60, 110, 130))
        x0, y = box.left + 30, box.top + 18
        for name, x, anchor in self.COLUMNS:
            ui.draw_text(surface, name, 22, ui.AMBER, (x0 + x, y), anchor)
        y += 34
        rows = self.rows()
        if not rows:
            ui.draw_text(surface, "No scores yet: fly it and yours will be the first.", 28,
                         ui.GREY, (box.centerx, box.top + 170), "midtop")
        table = self.app.progress.high_scores_for(self.level_id or "")
        for cells, entry in zip(rows, table, strict=False):
            for (_, x, anchor), text in zip(self.COLUMNS, cells, strict=True):
                colour = OUTCOME_COLOURS.get(entry.outcome, ui.WHITE) if x == 300 else ui.WHITE
                ui.draw_text(surface, text, 28, colour, (x0 + x, y), anchor)
            y += 36
        ui.draw_text(surface, "LEFT / RIGHT: ANOTHER LEVEL     ENTER OR ESC: BACK", 20, ui.DIM,
                     (w // 2, h - 44), "midtop")
