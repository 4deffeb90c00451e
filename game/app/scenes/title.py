"""The title screen: the game's name over a demo of the Anomaly level, and the menu.

The menu reads the saved progress (`app.progress`): "Continue campaign" when a run is
under way, a level select of the levels reached so far with their best scores (plus
survival and, once the campaign is finished, the memorial), and the high scores. A
save that had to be set aside is said here, once.

The demo is the real simulation flown by the autopilot, drawn by the same renderer
as play, at half speed behind a dimmed overlay; it restarts with a new seed when its
run ends.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game.app.heap import settle
from game.app.scenes import ui
from game.app.scenes.base import Scene
from game.levels import LevelError, load_campaign, load_level
from game.progress import survival_level

if TYPE_CHECKING:
    from game.app.loop import App

DEMO_LEVEL = "anomaly"
DEMO_RESTART_AFTER = 3.0  # s after the demo's run ends
DEMO_SKIP = 4.0  # s of the level run at once, so the ellipse is already surfacing
MAX_REPLAYS = 8  # newest replays listed on the title
_REPLAY_NAME = re.compile(r"^(?P<level>.+)-(?P<date>\d{8})-(?P<time>\d{6})(-\d+)?$")


def saved_replays(limit: int | None = MAX_REPLAYS) -> list[Path]:
    """The replays saved with F8, newest first."""
    from game.app.scenes.play import replays_dir

    folder = replays_dir()
    try:
        files = [p for p in folder.glob("*.json") if p.is_file()]
    except OSError:
        return []

    def newest(p: Path) -> tuple[float, str]:
        try:
            return (p.stat().st_mtime, p.name)
        except OSError:
            return (0.0, p.name)

    files.sort(key=newest, reverse=True)
    return files if limit is None else files[:limit]


def replay_label(path: Path) -> str:
    """`ANOMALY  2025-03-01 14:02:55` from `anomaly-20250301-140255.json`."""
    m = _REPLAY_NAME.match(path.stem)
    if not m:
        return path.stem.upper()
    d, t = m["date"], m["time"]
    return f"{m['level'].upper()}   {d[:4]}-{d[4:6]}-{d[6:]} {t[:2]}:{t[2:4]}:{t[4:]}"


def level_title(level_id: str) -> str:
    """A level's title for menus, or its id marked as broken when its file has errors."""
    try:
        return load_level(level_id).config.level.title.upper()
    except LevelError:
        return f"{level_id.upper()} (HAS ERRORS)"


def level_kind(level_id: str) -> str | None:
    try:
        return load_level(level_id).config.level.kind
    except LevelError:
        return None


def designer_level_items() -> list[ui.MenuItem]:
    """The designer's own levels (--levels folders, the user's levels folder), opened by path."""
    from game.levels.loader import designer_level_files

    items = []
    for path in designer_level_files():
        try:
            title = load_level(path).config.level.title.upper()
        except LevelError:
            title = f"{path.stem.upper()} (HAS ERRORS)"
        items.append(ui.MenuItem(f"level:{path}", f"YOUR LEVEL: {title}"))
    return items


def best_label(score: float | None) -> str | None:
    return None if score is None else f"BEST {score:,.0f}"


class TitleDemo:
    """A level flown by the autopilot, stepped every other fixed step (half speed)."""

    def __init__(self, app: App, level_name: str = DEMO_LEVEL, seed: int = 1):
        from game.app.render import WorldRenderer
        from game.pilots import Autopilot

        self.app = app
        self.level = load_level(level_name)
        self.seed = seed
        self.renderer = WorldRenderer(self.level, size=app.size,
                                      reduce_motion=app.settings.reduce_motion)
        self.pilot = Autopilot(self.level)
        self._restart()

    def _restart(self) -> None:
        from game.pilots import Autopilot
        from game.run import Run
        from game.sim import new_world

        self.world = new_world(self.level, self.seed)
        self.pilot = Autopilot(self.level)
        self.prev = None
        self.phase = 0
        self.ended_for = 0.0
        self.run = Run(self.world, self.pilot)
        self.run.run_until(DEMO_SKIP)
        self.run.subscribers.append(lambda world, events: self.renderer.on_events(events, world))
        settle()  # the demo's world and renderer set aside from the collector's full passes

    def update(self, dt: float) -> None:
        from game.app.render import take_snapshot

        self.phase ^= 1
        if self.phase:
            return
        if self.world.outcome is not None:
            self.ended_for += dt * 2
            if self.ended_for >= DEMO_RESTART_AFTER:
                self.seed += 1
                self._restart()
            return
        self.prev = take_snapshot(self.world)
        self.run.step()

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        self.renderer.reduce_motion = self.app.settings.reduce_motion
        self.renderer.shake_strength = max(0.0, min(1.0, float(self.app.settings.shake_strength)))
        # stepped every other tick: the render fraction spans two ticks
        a = (self.phase + alpha) / 2.0
        prev = self.prev if self.world.outcome is None else None
        with ui.without_hud(self.renderer):  # the logo and the menu stand where the HUD would
            self.renderer.draw(surface, self.world, prev, a)


class TitleScene(Scene):
    def __init__(self, app: App, message: str | None = None, demo: bool = True):
        super().__init__(app)
        self.message = message
        self.t = 0.0
        self.campaign = None
        self.campaign_problems: list[str] = []
        try:
            self.campaign = load_campaign()
        except LevelError as e:
            self.campaign_problems = e.problems
        self.demo: TitleDemo | None = None
        if demo:
            try:
                self.demo = TitleDemo(app)
            except LevelError:
                self.demo = None  # a broken demo level only costs the background
        self._stars = ui.star_field(app.size)
        self.progress_message = app.take_progress_message()
        self.mode = "main"
        self.resume = app.progress.resume_level(self.campaign) if self.campaign else None
        items = [ui.MenuItem("continue", "CONTINUE CAMPAIGN")] if self.resume else []
        self.main_menu = ui.Menu(items + [
            ui.MenuItem("play", "NEW CAMPAIGN"),
            ui.MenuItem("levels", "LEVEL SELECT"),
            ui.MenuItem("settings", "SETTINGS"),
            ui.MenuItem("replays", "REPLAYS"),
            ui.MenuItem("scores", "HIGH SCORES"),
            ui.MenuItem("quit", "QUIT"),
        ])
        self.level_menu: ui.Menu | None = None
        self.levels_reached = (0, 0)  # (reached, in the campaign) for the level select's caption
        self.replay_menu: ui.Menu | None = None

    @property
    def menu(self) -> ui.Menu:
        if self.mode == "levels" and self.level_menu is not None:
            return self.level_menu
        if self.mode == "replays" and self.replay_menu is not None:
            return self.replay_menu
        return self.main_menu

    # ---------------------------------------------------------------- input
    def handle(self, event: pygame.event.Event) -> None:
        action = self.menu_action(event)
        if self.navigate(self.menu, action):
            return
        if action in ("back", "pause") and self.mode != "main":
            self.ui_sound("back")
            self.mode = "main"

    def choose(self, key: str) -> None:
        from game.app.scenes.briefing import open_level
        from game.app.scenes.message import MessageScene
        from game.app.scenes.settings import SettingsScene

        if key in ("play", "levels", "continue", "scores") and self.campaign is None:
            self.app.push(MessageScene(self.app, "CAMPAIGN CANNOT BE LOADED",
                                       self.campaign_problems, color=ui.RED,
                                       on_close=self.app.pop))
        elif key == "play":
            self.new_campaign()
        elif key == "continue" and self.resume:
            self.app.replace(open_level(self.app, self.resume))
        elif key == "levels":
            self.open_level_select()
        elif key == "scores":
            from game.app.scenes.highscores import HighScoresScene

            self.app.push(HighScoresScene(self.app, self.campaign))
        elif key == "memorial":
            from game.app.scenes.memorial import MemorialScene

            self.app.replace(MemorialScene(self.app, self.app.progress.memorial_run()))
        elif key == "settings":
            self.app.push(SettingsScene(self.app))
        elif key == "replays":
            self.open_replays()
        elif key.startswith("replay:"):
            self.play_replay(Path(key.split(":", 1)[1]))
        elif key == "quit":
            self.app.quit()
        elif key == "back":
            self.mode = "main"
        elif key.startswith("level:"):
            self.app.replace(open_level(self.app, key.split(":", 1)[1]))

    def new_campaign(self) -> None:
        """Drop the run under way (reached levels and scores stay) and brief the first level."""
        from game.app.scenes.briefing import open_level

        progress = self.app.progress
        progress.new_campaign()
        self.app.save_progress()  # a disk that refuses is logged; the game goes on
        self.app.replace(open_level(self.app, self.campaign.start))

    def open_level_select(self) -> None:
        """Reached levels in campaign order with their best score, survival, the memorial."""
        progress = self.app.progress
        reached = progress.reached(self.campaign)
        items = []
        number = 0
        for level_id in self.campaign.order:
            prologue = level_kind(level_id) == "prologue"
            number += 0 if prologue else 1
            if level_id not in reached:
                continue
            label = f"PROLOGUE: {level_title(level_id)}" if prologue else f"{number}. {level_title(level_id)}"
            items.append(ui.MenuItem(f"level:{level_id}", label,
                                     value=best_label(progress.best_score(level_id))))
        survival = survival_level(self.campaign)
        if survival is not None:
            items.append(ui.MenuItem(f"level:{survival}", "SURVIVAL",
                                     value=best_label(progress.best_score(survival))))
        if progress.campaigns_completed and progress.memorial_run().complete:
            items.append(ui.MenuItem("memorial", "EPILOGUE: MEMORIAL"))
        items += designer_level_items()
        items.append(ui.MenuItem("back", "BACK"))
        self.level_menu = ui.Menu(items)
        self.levels_reached = (len(reached), len(self.campaign.order))
        self.mode = "levels"

    def draw_best_scores(self, surface: pygame.Surface, top: int, size: int, spacing: int) -> None:
        """Each level's best score, small, just right of its centred name in the menu."""
        w = surface.get_width()
        for i, item in enumerate(self.menu.items):
            if item.value is None:
                continue
            right = w // 2 + ui.font(size).size(item.label)[0] // 2
            chosen = i == self.menu.index
            ui.draw_text(surface, item.value, max(16, size // 2), ui.AMBER if chosen else ui.DIM,
                         (right + 22, top + i * spacing + size // 4))

    def open_replays(self) -> None:
        items = [ui.MenuItem(f"replay:{p}", replay_label(p)) for p in saved_replays()]
        if not items:
            items.append(ui.MenuItem("none", "NO REPLAYS YET - F8 RECORDS ONE IN PLAY",
                                     enabled=False))
        items.append(ui.MenuItem("back", "BACK"))
        self.replay_menu = ui.Menu(items)
        self.mode = "replays"

    def play_replay(self, path: Path) -> None:
        """Play a saved replay read-only, or say why it cannot be played."""
        from game.app.scenes.message import MessageScene
        from game.app.scenes.play import PlayScene
        from game.headless import InputsError, Recording

        try:
            recording = Recording.load(path)
            level = load_level(recording.locate())
        except InputsError as e:
            problems = [str(e)]
        except LevelError as e:
            problems = e.problems
        else:
            play = PlayScene(self.app, level, name=recording.level, replay=recording)
            changed = recording.changed_since(level)
            if changed:  # it still plays: say it may not play out as it did
                play.notify(changed[0].upper() + changed[1:], ui.AMBER, seconds=8.0)
            self.app.replace(play)
            return
        self.app.push(MessageScene(self.app, "THIS REPLAY CANNOT BE PLAYED", problems,
                                   color=ui.RED, text_size=24, on_close=self.app.pop))

    # ---------------------------------------------------------------- time
    def update(self, dt: float) -> None:
        self.t += dt
        if self.demo is not None:
            self.demo.update(dt)

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        w, h = surface.get_size()
        if self.demo is not None:
            self.demo.draw(surface, alpha)
        else:
            surface.blit(self._stars, (0, 0))
        ui.dim(surface, 150)
        ui.glow_text(surface, "ONE SMALL STEP", 120, ui.ORANGE, (w // 2, 110), "midtop", spread=8)
        ui.draw_text(surface, "A STARSHIP, A SHUTTLE, AND A HOLE IN SPACE THAT WANTS THEM BOTH",
                     24, ui.GREY, (w // 2, 212), "midtop")
        if self.mode == "levels":
            got, total = self.levels_reached
            ui.draw_text(surface, "LEVEL SELECT", 30, ui.AMBER, (w // 2, 270), "midtop")
            ui.draw_text(surface, f"{got} OF {total} CAMPAIGN LEVELS REACHED", 18, ui.DIM,
                         (w // 2, 300), "midtop")
            spacing = min(46, (h - 110 - 336) // max(1, len(self.menu.items)))
            size = min(38, spacing - 6)
            self.menu.draw(surface, w // 2, 336, size=size, spacing=spacing)
            self.draw_best_scores(surface, 336, size, spacing)
        elif self.mode == "replays":
            from game.app.scenes.play import replays_dir

            ui.draw_text(surface, "REPLAYS", 30, ui.AMBER, (w // 2, 270), "midtop")
            ui.draw_text(surface, str(replays_dir()), 18, ui.DIM, (w // 2, 300), "midtop")
            self.menu.draw(surface, w // 2, 330, size=30, spacing=36)
        else:
            # the notes (a recovered error, a save set aside) sit above the footer and the
            # menu tightens to fit between them and the title
            notes = [m for m in (self.message, self.progress_message) if m]
            lines = [line for note in notes for line in ui.wrap(note, 22, w - 240)][:4]
            notes_top = h - 62 - 24 * len(lines)
            top = 290
            spacing = min(56, (notes_top - 12 - top) // max(1, len(self.menu.items)))
            self.menu.draw(surface, w // 2, top, size=min(44, spacing - 8), spacing=spacing)
            if lines:  # a dark band so the notes read over the demo
                band = pygame.Surface((w - 200, 24 * len(lines) + 12), pygame.SRCALPHA)
                band.fill((0, 0, 0, 200))
                surface.blit(band, (100, notes_top - 6))
            for k, line in enumerate(lines):
                ui.draw_text(surface, line, 22, ui.AMBER, (w // 2, notes_top + 24 * k), "midtop")
        ui.draw_text(surface, "UP / DOWN TO CHOOSE     ENTER OR A TO CONFIRM     F11 FULLSCREEN",
                     20, ui.DIM, (w // 2, h - 40), "midtop")
