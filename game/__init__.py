"""One Small Step: a 2D arcade space-physics game about a graviton ellipse."""

import os

__version__ = "0.1.0"

# numpy's BLAS may start a thread per core for a matrix product; the game keeps its second
# core for its own work (the glow texture's process, game.app.render.glow_worker), and
# its products are small (the haze's 36,864 x 3 by 3): one thread. Read when numpy loads.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
