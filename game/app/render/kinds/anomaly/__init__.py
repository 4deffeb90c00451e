"""The anomaly level kind on the window side: the probe, its link, the probe panel and arrow."""

from game.app.render.kinds.anomaly.view import AnomalyView

__all__ = ["AnomalyView"]
