"""The salvage level kind on the window side."""
