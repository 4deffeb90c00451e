"""Everything that imports pygame: the window, scenes, input, audio."""

import os

# pygame prints a greeting on import; a game's command line should not
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
