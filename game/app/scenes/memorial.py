"""The epilogue: the run told back, the pilot's logs, his burial in space, the answer.

Four pages, each fading in: the record of the campaign just flown (one row per level
played, and the totals), the log entries the player downloaded in the salvage level
(read from that level's `[[logs]]`, so the designer's words are the ones shown), the
burial (`burial.Burial`), and the answer to the question the pilot left behind.
Return / space turn the page, left goes back, Escape returns to the title. Every
word here is the game's own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from game.app.render.palette import clear
from game.app.scenes import ui
from game.app.scenes.base import Scene
from game.app.scenes.burial import Burial
from game.levels import LevelError, load_campaign, load_level
from game.progress import CampaignRun, LevelResult

if TYPE_CHECKING:
    from game.app.loop import App
    from game.levels.models import CampaignFile

PAGES = ("record", "logs", "burial", "answer")
# how long each page lasts on the screenshot's timeline (`seek`); in the game the
# player turns the pages
PAGE_SECONDS = {"record": 10.0, "logs": 20.0, "burial": 36.0, "answer": 20.0}
FADE_S = 1.5
LOG_STAGGER_S = 1.2  # s between one log entry appearing and the next
EULOGY_AT = (6.0, 11.0, 16.0, 21.0)  # s into the burial page when each line appears
SALVAGE_LEVEL = "salvage"

OUTCOME_WORDS = {"won": "Complete", "lost": "Lost", "timeout": "Out of time", "story": "Story"}
OUTCOME_COLOURS = {"won": ui.GREEN, "lost": ui.RED, "timeout": ui.AMBER, "story": ui.CYAN}

NO_LOGS = ("No logs were recovered. The ion distributor came home; there was no time to "
           "download what the pilot left on the core, and it went back into subspace with the module.")

EPITAPH = "PILOT OF THE ARES IV  -  LOST IN MARS ORBIT, 2032"
EULOGY = (
    "He went farther than anyone had gone, and then farther than anyone meant him to.",
    "He kept the imager running for whoever might come looking. Someone did.",
    "Three centuries late, his ship's last passenger is given back to the dark he flew in.",
    "We commit him to space.",
)

ANSWER_TITLE = "THE ANSWER"
ANSWER_QUESTION = (
    "His last wish was a small one, the kind a person makes when the big ones are out of "
    "reach: to know who won the 2032 World Series.",
    "The ship's library took less than a second to find what he had waited three centuries "
    "to hear.",
)
ANSWER_HEADLINE = "THE NEW YORK YANKEES"
ANSWER_RESULT = "won the 2032 World Series, in six games."
ANSWER_CLOSE = (
    "Someone on the bridge read it out on an open channel, in the direction the casket had "
    "gone. Whether he had won his bet, the record does not say. It seemed right that he "
    "should hear it either way.",
)
ANSWER = (*ANSWER_QUESTION, f"The New York Yankees {ANSWER_RESULT}", *ANSWER_CLOSE)


@dataclass(frozen=True)
class RecordRow:
    """One line of the record: a level played (or, with no run, one not played yet)."""

    title: str
    outcome: str  # the word shown
    colour: ui.Color
    time: str
    hull: str
    samples: str
    data: str
    score: str


def level_title(level_id: str) -> str:
    try:
        return load_level(level_id).config.level.title
    except LevelError:
        return level_id.replace("_", " ").title()


def clock(seconds: float) -> str:
    minutes, secs = divmod(max(0.0, seconds), 60.0)
    return f"{int(minutes)}:{secs:04.1f}"


def result_row(r: LevelResult) -> RecordRow:
    word = OUTCOME_WORDS.get(r.outcome, r.outcome.capitalize())
    if r.attempts > 1:
        word += f" ({r.attempts} tries)"
    data = r.data if r.data > 0 else r.telemetry
    return RecordRow(
        title=level_title(r.level), outcome=word, colour=OUTCOME_COLOURS.get(r.outcome, ui.WHITE),
        time=clock(r.sim_time_s), hull=f"{r.hull:.0f} %", samples=str(r.samples) if r.samples else "-",
        data=f"{data:.0f} %" if data > 0 else "-", score=f"{r.score:,.0f}",
    )


def record_rows(run: CampaignRun, campaign: CampaignFile | None) -> tuple[list[RecordRow], RecordRow]:
    """The rows of the record and its total; with an empty run, the campaign's levels unplayed."""
    if run.levels:
        rows = [result_row(r) for r in run.levels]
        total = RecordRow(
            title="Total", outcome="", colour=ui.WHITE, time=clock(run.total_time), hull="",
            samples=str(sum(r.samples for r in run.levels)), data="", score=f"{run.total_score:,.0f}",
        )
        return rows, total
    order = campaign.order if campaign is not None else []
    rows = [RecordRow(level_title(lid), "Not played", ui.DIM, "-", "-", "-", "-", "-") for lid in order]
    return rows, RecordRow("Total", "", ui.WHITE, "-", "", "-", "", "0")


def log_total() -> int:
    """How many entries the pilot left (the salvage level's [[logs]]); 0 when it cannot be read."""
    try:
        return len(load_level(SALVAGE_LEVEL).config.logs)
    except LevelError:
        return 0


def recovered_logs(run: CampaignRun) -> list[tuple[str, str]]:
    """(title, text) of every log entry downloaded in the run, from the level it came from.

    The salvage level holds the pilot's logs; a run entry's `logs` are indexes into its
    own level's `[[logs]]`. A missing or broken level file shows nothing rather than fail.
    """
    out: list[tuple[str, str]] = []
    seen: set[tuple[str, int]] = set()
    sources = [(r.level, r.logs) for r in run.levels if r.logs]
    if not sources and run.logs:
        sources = [(SALVAGE_LEVEL, run.logs)]
    for level_id, indexes in sources:
        try:
            entries = load_level(level_id).config.logs
        except LevelError:
            continue
        for i in sorted(set(indexes)):
            if 0 <= i < len(entries) and (level_id, i) not in seen:
                seen.add((level_id, i))
                out.append((entries[i].title, entries[i].text))
    return out


class MemorialScene(Scene):
    def __init__(self, app: App, run: CampaignRun | None = None):
        super().__init__(app)
        self.run = run if run is not None else CampaignRun()
        try:
            campaign: CampaignFile | None = load_campaign()
        except LevelError:
            campaign = None
        self.rows, self.total = record_rows(self.run, campaign)
        self.logs = recovered_logs(self.run)
        self.log_total = log_total()
        self.eulogy = EULOGY
        self.answer = ANSWER
        self.page = 0
        self.t = 0.0  # s on the current page
        self.reduce_motion = bool(getattr(app.settings, "reduce_motion", False))
        self.burial = Burial(app.size, reduce_motion=self.reduce_motion)
        self._stars = ui.star_field(app.size, count=320, seed=2032)
        self._layer = pygame.Surface(app.size)

    @property
    def page_name(self) -> str:
        return PAGES[self.page]

    def texts(self) -> list[str]:
        """Every line of words the epilogue can show (for tests and for checking the wording)."""
        out = [r.title for r in self.rows]
        out += [f"{title}: {text}" for title, text in self.logs] or [NO_LOGS]
        return out + [EPITAPH, *self.eulogy, ANSWER_TITLE, *self.answer]

    # ---------------------------------------------------------------- input and time
    def handle(self, event: pygame.event.Event) -> None:
        action = self.menu_action(event)
        if action in ("confirm", "right"):
            self.ui_sound("confirm")
            self.turn(1)
        elif action == "left":
            self.ui_sound("move")
            self.turn(-1)
        elif action in ("back", "pause"):
            self.ui_sound("back")
            self.app.to_title()

    def turn(self, step: int) -> None:
        """Next or previous page; past the last one, back to the title."""
        page = self.page + step
        if page >= len(PAGES):
            self.app.to_title()
            return
        if page >= 0 and page != self.page:
            self.page, self.t = page, 0.0

    def update(self, dt: float) -> None:
        self.t += dt

    def seek(self, seconds: float) -> None:
        """Jump to the moment `seconds` into the epilogue, each page taking PAGE_SECONDS."""
        for i, name in enumerate(PAGES):
            if seconds < PAGE_SECONDS[name] or i == len(PAGES) - 1:
                self.page, self.t = i, max(0.0, seconds)
                return
            seconds -= PAGE_SECONDS[name]

    def fade(self, delay: float = 0.0) -> float:
        """0..1 brightness of something that starts appearing `delay` s into the page."""
        if self.reduce_motion:
            return 1.0 if self.t >= delay or delay <= 0.0 else 0.0
        return max(0.0, min(1.0, (self.t - delay) / FADE_S))

    # ---------------------------------------------------------------- drawing
    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        w, h = surface.get_size()
        if self.page_name == "burial":
            self.burial.draw(surface, self.t)
        else:
            surface.blit(self._stars, (0, 0))
        # pages are drawn on black and added, so fading them keeps the glow's look
        layer = self._layer
        clear(layer)
        getattr(self, f"_draw_{self.page_name}")(layer)
        k = self.fade()
        if k < 1.0:
            v = int(255 * k)
            layer.fill((v, v, v), special_flags=pygame.BLEND_MULT)
        surface.blit(layer, (0, 0), special_flags=pygame.BLEND_ADD)
        self._footer(surface)

    def _heading(self, surface: pygame.Surface, title: str, sub: str | None = None) -> None:
        w = surface.get_width()
        ui.glow_text(surface, title, 64, ui.ORANGE, (w // 2, 40), "midtop", spread=7)
        if sub:
            ui.draw_text(surface, sub, 24, ui.GREY, (w // 2, 104), "midtop")

    def _footer(self, surface: pygame.Surface) -> None:
        w, h = surface.get_size()
        for i in range(len(PAGES)):
            x = w // 2 + (i - (len(PAGES) - 1) / 2) * 22
            if i == self.page:
                pygame.draw.circle(surface, ui.GREY, (int(x), h - 50), 4)
            else:
                pygame.draw.circle(surface, ui.DIM, (int(x), h - 50), 3, 1)
        last = self.page == len(PAGES) - 1
        hint = ("ENTER: BACK TO THE TITLE" if last else "ENTER: NEXT") + "     LEFT: BACK A PAGE     ESC: TITLE"
        ui.draw_text(surface, hint, 20, ui.DIM, (w // 2, h - 34), "midtop")

    COLUMNS = (("LEVEL", 0, "topleft"), ("OUTCOME", 330, "topleft"), ("TIME", 590, "topright"),
               ("HULL", 690, "topright"), ("SAMPLES", 810, "topright"), ("DATA", 910, "topright"),
               ("SCORE", 1060, "topright"))

    def _draw_record(self, surface: pygame.Surface) -> None:
        w, h = surface.get_size()
        sub = ("The campaign, level by level" if self.run.levels
                else "No campaign flown yet: the record is empty")
        self._heading(surface, "THE RECORD", sub)
        n = len(self.rows)
        line = 40 if n <= 7 else max(26, 300 // n)
        box = pygame.Rect(80, 150, w - 160, 96 + line * (n + 1))
        ui.frame_box(surface, box, (60, 110, 130))
        x0, y = box.left + 30, box.top + 22
        for name, x, anchor in self.COLUMNS:
            ui.draw_text(surface, name, 22, ui.AMBER, (x0 + x, y), anchor)
        y += 36
        size = min(30, line - 6)
        for row in [*self.rows, None, self.total]:
            if row is None:
                pygame.draw.line(surface, (60, 110, 130), (box.left + 24, y + 2), (box.right - 24, y + 2))
                y += 14
                continue
            cells = (row.title, row.outcome, row.time, row.hull, row.samples, row.data, row.score)
            for (name, x, anchor), text in zip(self.COLUMNS, cells, strict=True):
                colour = row.colour if name == "OUTCOME" else (ui.AMBER if row is self.total else ui.WHITE)
                ui.draw_text(surface, text, size, colour, (x0 + x, y), anchor)
            y += line
        if self.run.complete:
            done = self.app.progress.campaigns_completed
            times = "once" if done == 1 else f"{done} times"
            ui.draw_text(surface, f"Campaign completed {times}.", 24, ui.GREY,
                         (w // 2, box.bottom + 18), "midtop")

    def _draw_logs(self, surface: pygame.Surface) -> None:
        w, h = surface.get_size()
        if not self.logs:
            self._heading(surface, "THE PILOT'S LOGS")
            lines = ui.wrap(NO_LOGS, 28, 760)
            box = pygame.Rect(w // 2 - 420, 0, 840, 60 + 32 * len(lines))
            box.centery = h // 2 - 30
            ui.frame_box(surface, box, (60, 110, 130))
            y = box.top + 30
            for line in lines:
                ui.draw_text(surface, line, 28, ui.GREY, (w // 2, y), "midtop")
                y += 32
            return
        total = self.log_total
        got = f"{len(self.logs)} of {total} entries" if total >= len(self.logs) else f"{len(self.logs)} entries"
        self._heading(surface, "THE PILOT'S LOGS", f"{got} recovered from the Ares IV's computer core")
        columns = 1 if len(self.logs) <= 2 else 2
        gap = 48
        col_w = (w - 160 - gap * (columns - 1)) // columns
        size = 24 if columns == 1 else 22
        wrapped = [ui.wrap(text, size, col_w) for _, text in self.logs]
        y_row = 160
        for row in range(0, len(self.logs), columns):  # read across, then down
            tallest = 0
            for col in range(columns):
                i = row + col
                if i >= len(self.logs):
                    break
                k = self.fade(i * LOG_STAGGER_S)
                x, y = 80 + col * (col_w + gap), y_row
                tallest = max(tallest, 34 + len(wrapped[i]) * (size + 2))
                if k <= 0.0:
                    continue
                pygame.draw.line(surface, scaled_ui(ui.AMBER, 0.5 * k), (x, y + 12), (x + 18, y + 12))
                ui.draw_text(surface, self.logs[i][0].upper(), 26, ui.AMBER, (x + 28, y), alpha=k)
                y += 34
                for line in wrapped[i]:
                    ui.draw_text(surface, line, size, ui.WHITE, (x, y), alpha=k)
                    y += size + 2
            y_row += tallest + 36

    def _draw_burial(self, surface: pygame.Surface) -> None:
        w, h = surface.get_size()
        ui.glow_text(surface, "COMMITTED TO SPACE", 52, ui.ORANGE, (w // 2, 36), "midtop", spread=6)
        ui.draw_text(surface, EPITAPH, 22, ui.GREY, (w // 2, 92), "midtop", alpha=self.fade(1.5))
        y = h - 200
        for at, line in zip(EULOGY_AT, self.eulogy, strict=True):
            k = self.fade(at)
            if k > 0.0:
                ui.draw_text(surface, line, 26, ui.WHITE, (w // 2, y), "midtop", alpha=k)
            y += 32

    def _draw_answer(self, surface: pygame.Surface) -> None:
        w, h = surface.get_size()
        self._heading(surface, ANSWER_TITLE)
        width = w - 420
        y = 150
        for i, para in enumerate(ANSWER_QUESTION):
            y = self._paragraph(surface, para, y, width, self.fade(1.0 + i * 2.5)) + 14
        # the answer itself: glowing text has no alpha, so its colour steps up instead
        # (16 steps keep the glow cache small)
        k = self.fade(1.0 + len(ANSWER_QUESTION) * 2.5)
        y += 10
        if k > 0.0:
            colour = scaled_ui(ui.CYAN, round(k * 16) / 16)
            ui.glow_text(surface, ANSWER_HEADLINE, 56, colour, (w // 2, y), "midtop", spread=7)
            ui.draw_text(surface, ANSWER_RESULT, 30, ui.AMBER, (w // 2, y + 62), "midtop", alpha=k)
        y += 120
        for i, para in enumerate(ANSWER_CLOSE):
            y = self._paragraph(surface, para, y, width, self.fade(3.0 + (len(ANSWER_QUESTION) + i) * 2.5))
        k = self.fade(4.0 + (len(ANSWER_QUESTION) + len(ANSWER_CLOSE)) * 2.5)
        if k > 0.0:
            ui.draw_text(surface, "Thank you for flying.", 26, ui.GREY, (w // 2, y + 30), "midtop",
                         alpha=k)

    @staticmethod
    def _paragraph(surface: pygame.Surface, text: str, y: int, width: int, k: float) -> int:
        """A centred paragraph at `y`, faded by k; returns the y below it."""
        for line in ui.wrap(text, 28, width):
            if k > 0.0:
                ui.draw_text(surface, line, 28, ui.WHITE, (surface.get_width() // 2, y), "midtop",
                             alpha=k)
            y += 32
        return y


def scaled_ui(colour: ui.Color, k: float) -> ui.Color:
    return (int(colour[0] * k), int(colour[1] * k), int(colour[2] * k))
