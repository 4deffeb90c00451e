"""The prologue level kind on the window side."""
