"""The survival level kind on the window side: asteroids, anomalies, the sweep, the hunt and sensors panels."""

from game.app.render.kinds.survival.view import SurvivalView

__all__ = ["SurvivalView"]
