"""Which characters of a level's text the game's default font cannot draw.

The game draws every text with pygame's default font (`pygame.font.Font(None, size)`),
which covers Latin text and common punctuation, not every script or emoji. A character
it lacks is drawn as an empty box or not at all, so `check` warns about it (the file is
still valid). The font's own character map is asked through `pygame.freetype`.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

SKIPPED = frozenset("\n\r")  # line breaks are laid out, never drawn


@lru_cache(maxsize=1)
def _font():
    import pygame
    import pygame.freetype

    if not pygame.freetype.get_init():
        pygame.freetype.init()
    path = os.path.join(os.path.dirname(pygame.__file__), pygame.font.get_default_font())
    return pygame.freetype.Font(path, 16)


@lru_cache(maxsize=4096)
def can_draw(char: str) -> bool:
    try:
        metrics = _font().get_metrics(char)
    except Exception:  # noqa: BLE001 - no font module here: nothing to warn about
        return True
    return bool(metrics) and metrics[0] is not None


def missing_characters(text: str) -> list[str]:
    """The characters of `text` the default font has no glyph for, each once, in order."""
    seen: list[str] = []
    for char in text:
        if char not in SKIPPED and char not in seen and not can_draw(char):
            seen.append(char)
    return seen


def text_warnings(path: Path) -> list[str]:
    """`PATH: key.path: warning: ...` for each text of a level or ships file with undrawable characters."""
    from game.levels.loader import (
        SHIPS_FILE,
        LevelError,
        display_path,
        level_texts,
        parse_model,
        read_toml,
        ships_texts,
    )
    from game.levels.models import LevelFile, ShipsFile

    try:
        if path.name == SHIPS_FILE:
            texts = ships_texts(parse_model(ShipsFile, path, read_toml(path)))
        else:
            texts = level_texts(parse_model(LevelFile, path, read_toml(path)))
    except LevelError:
        return []
    out = []
    for key, text in texts:
        missing = missing_characters(text)
        if missing:
            shown = ", ".join(f"{c!r} (U+{ord(c):04X})" for c in missing[:5])
            more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
            out.append(f"{display_path(path)}: {key}: warning: the game's font cannot draw {shown}{more}")
    return out
