"""The escape level kind on the window side."""
