"""Level files -> validated, typed config (tomllib + pydantic). Never imports pygame."""

from game.levels.loader import (
    Level,
    LevelError,
    check_paths,
    level_files,
    levels_dir,
    load_campaign,
    load_level,
    load_ships,
    resolve_level,
)
from game.levels.models import LevelFile, ShipSpec

__all__ = [
    "Level",
    "LevelError",
    "LevelFile",
    "ShipSpec",
    "check_paths",
    "level_files",
    "levels_dir",
    "load_campaign",
    "load_level",
    "load_ships",
    "resolve_level",
]
