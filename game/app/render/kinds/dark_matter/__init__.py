"""The dark_matter level kind on the window side."""
