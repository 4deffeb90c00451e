"""Render the frame of a level at a given simulated time, headless, with the autopilot.

Used by `one-small-step screenshot` and by anyone who wants to look at the game
without a window: the simulation runs as fast as it can to the requested time, the
events of the last second are fed to the renderer so flashes and rings show at their
right age, and one frame is saved as a PNG.
"""

from __future__ import annotations

import math
import os
import pathlib
import warnings

FEED_EVENTS_S = 1.0  # seconds of events before the frame that the renderer sees
FOLLOW_PARTICLES_S = 30.0  # seconds of the window's cosmetic particles before the frame


def render_screenshot(level: str, seed: int | None, time_s: float, out: pathlib.Path) -> None:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    import pygame

    from game.app.render import WorldRenderer
    from game.levels import load_level
    from game.pilots import Autopilot
    from game.run import Captions, Run
    from game.sim import World, new_world
    from game.sim.world import Event

    lvl = load_level(level)
    world = new_world(lvl, seed)
    renderer = WorldRenderer(lvl)
    steps = max(0, int(math.ceil(time_s / world.dt)))
    feed_from = steps - int(FEED_EVENTS_S / world.dt)
    follow_from = steps - int(FOLLOW_PARTICLES_S / world.dt)

    def window_side(w: World, events: list[Event]) -> None:
        # what the window does between two steps: effects hear the events, and the
        # cosmetic particles move once per drawn frame (every other step at 60 FPS)
        if w.steps >= feed_from and events:
            renderer.on_events(events, w)
        if w.steps >= follow_from and w.steps % 2 == 0:
            renderer.follow(w)

    captions = Captions(lvl.config.captions)  # the play scene's own captions
    Run(world, Autopilot(lvl), subscribers=(captions, window_side)).run(steps)

    pygame.font.init()
    surface = pygame.Surface((1280, 720))
    active = captions.texts()
    banner = None
    if world.outcome is not None:
        from game.app.scenes.play import BANNERS  # the same words the play scene shows

        banner = BANNERS.get(world.outcome.result, world.outcome.result.upper())
    renderer.draw(surface, world, captions=active, banner=banner)
    out = pathlib.Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    pygame.image.save(surface, str(out))


SCENES = ("level", "title", "levels", "scores", "memorial")


def render_scene_screenshot(scene: str, time_s: float, out: pathlib.Path,
                            page: int | None = None) -> None:
    """Render one of the menu scenes to a PNG, so they can be checked by eye.

    `title` and `levels` (the level select) show the title as it would open now;
    `scores` the high-score tables; `memorial` the epilogue of the run in the saved
    progress (levels marked "not played" when there is none), at `time_s` on its
    timeline, or `time_s` into page `page` (0-3) when a page is given. Default
    settings are used, so the image does not depend on the player's own.
    """
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    import pygame

    from game.app.loop import App
    from game.app.settings import Settings
    from game.sim import DT

    pygame.display.init()
    pygame.font.init()
    with warnings.catch_warnings():  # the dummy driver has no "fast renderer": not news
        warnings.simplefilter("ignore")
        app = App(Settings(), fps_cap=None, vsync=False)
    try:
        shown = _scene_for(app, scene, time_s, page)
        steps = 0 if scene == "memorial" else int(time_s / DT)
        for _ in range(steps):
            shown.update(DT)
        surface = pygame.Surface(app.size)
        surface.fill((0, 0, 0))
        shown.draw(surface, 1.0)
        out = pathlib.Path(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        pygame.image.save(surface, str(out))
    finally:
        app.close()
        pygame.quit()


def _scene_for(app, scene: str, time_s: float, page: int | None):
    from game.app.scenes.title import TitleScene

    if scene == "memorial":
        from game.app.scenes.memorial import PAGES, MemorialScene

        memorial = MemorialScene(app, app.progress.memorial_run())
        if page is None:
            memorial.seek(time_s)
        else:
            memorial.page, memorial.t = max(0, min(len(PAGES) - 1, page)), time_s
        return memorial
    title = TitleScene(app)
    if scene == "levels" and title.campaign is not None:
        title.open_level_select()
    elif scene == "scores" and title.campaign is not None:
        from game.app.scenes.highscores import HighScoresScene

        return HighScoresScene(app, title.campaign)
    return title
