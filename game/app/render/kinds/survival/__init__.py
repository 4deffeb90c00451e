"""The survival level kind on the window side."""
