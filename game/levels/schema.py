"""JSON Schemas of the level files, generated from the pydantic models.

`one-small-step schema` prints them; `levels/schema/*.schema.json` are the committed
copies that the `#:schema` line of every level file points at, so TOML-aware
editors complete and check keys. A test keeps the copies equal to the models.
"""

from __future__ import annotations

import json
from typing import Any

from game.levels.models import CampaignFile, LevelFile, ShipsFile

MODELS = {"level": LevelFile, "ships": ShipsFile, "campaign": CampaignFile}
TITLES = {
    "level": "One Small Step level file",
    "ships": "One Small Step ships.toml",
    "campaign": "One Small Step campaign.toml",
}


def schema(kind: str = "level") -> dict[str, Any]:
    out = MODELS[kind].model_json_schema()
    out["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    out["title"] = TITLES[kind]
    return out


def schema_text(kind: str = "level") -> str:
    return json.dumps(schema(kind), indent=2, sort_keys=True) + "\n"


def schema_file_name(kind: str) -> str:
    return f"{kind}.schema.json"
