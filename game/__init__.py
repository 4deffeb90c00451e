"""One Small Step: a 2D arcade space-physics game about a graviton ellipse."""

__version__ = "0.1.0"
