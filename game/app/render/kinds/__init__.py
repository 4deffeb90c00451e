"""One view per level kind (filled in by the next commit)."""
