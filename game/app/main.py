"""Opening the window: `run_game` is what `one-small-step play` calls.

It starts at the title screen, or straight at a level's briefing when a level is
named; a level that does not load shows its problems on screen instead.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pygame


def run_game(level: str | None = None, seed: int | None = None, fullscreen: bool = False,
             record: Path | None = None, autopilot: bool = False) -> int:
    """Run the game until the window closes; returns the process exit code."""
    from game.app.loop import App
    from game.app.scenes.briefing import open_level
    from game.app.scenes.title import TitleScene
    from game.app.settings import load_settings

    # the mixer is Audio's to start (with its own buffer size), so not pygame.init()
    pygame.display.init()
    pygame.font.init()
    pygame.joystick.init()
    from game.app.input import known_key

    settings, message = load_settings(known_key)  # after display.init: key names need it
    try:
        try:
            app = App(settings, fullscreen=fullscreen or settings.fullscreen)
        except pygame.error as e:
            print(f"one-small-step: cannot open a window ({e})", file=sys.stderr)
            return 1
        # the glow texture beside the frame, on a second core (game.app.render.glow_worker):
        # started now so it is ready by the first level; the frames never wait for it to start
        from game.app.render.world_renderer import start_glow_worker

        start_glow_worker(app.size)
        app.seed = seed
        app.record = Path(record) if record else None
        app.autopilot = autopilot
        if message:
            print(f"one-small-step: {message}", file=sys.stderr)
        try:
            if level is not None:
                app.push(open_level(app, level))
            else:
                app.push(TitleScene(app, message=message))
        except Exception as e:  # noqa: BLE001 - the first screen failed: show the title
            app.recover("opening", e)
        try:
            return app.run()
        except KeyboardInterrupt:
            return 130
        finally:
            app.close()
    finally:
        from game.app.render import glow_worker

        glow_worker.stop()
        pygame.quit()
