"""The eye level kind on the window side."""
