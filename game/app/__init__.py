"""Everything that imports pygame: the window, scenes, input, audio."""
