"""JSON Schemas of the level files, generated from the pydantic models.

`one-small-step schema` prints them; `levels/schema/*.schema.json` are the committed
copies that the `#:schema` line of every level file points at, so TOML-aware
editors complete and check keys. A test keeps the copies equal to the models.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from game.levels.models import CampaignFile, LevelFile, ShipsFile

MODELS: dict[str, type[BaseModel]] = {"level": LevelFile, "ships": ShipsFile, "campaign": CampaignFile}
TITLES = {
    "level": "One Small Step level file",
    "ships": "One Small Step ships.toml",
    "campaign": "One Small Step campaign.toml",
}


DRAFT = "http://json-schema.org/draft-07/schema#"


def schema(kind: str = "level") -> dict[str, Any]:
    """The JSON Schema of a file kind, in draft 07: what Taplo (Even Better TOML) reads.

    pydantic writes draft 2020-12; the two forms it uses that draft 07 lacks are
    rewritten: `$defs` (draft 07: `definitions`) and `prefixItems` (draft 07: `items`
    as a list, with `additionalItems: false`). Numeric `exclusiveMinimum` and
    `exclusiveMaximum` are the same in both.
    """
    out = _draft07(MODELS[kind].model_json_schema())
    out["$schema"] = DRAFT
    out["title"] = TITLES[kind]
    return out


def _draft07(node: Any) -> Any:
    if isinstance(node, list):
        return [_draft07(item) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "$defs":
            out["definitions"] = {name: _draft07(v) for name, v in value.items()}
        elif key == "$ref" and isinstance(value, str):
            out[key] = value.replace("#/$defs/", "#/definitions/")
        elif key == "prefixItems":
            out["items"] = _draft07(value)
            out["additionalItems"] = False
        elif key in ("properties", "patternProperties"):
            out[key] = {name: _draft07(v) for name, v in value.items()}
        else:
            out[key] = _draft07(value)
    return out


def schema_text(kind: str = "level") -> str:
    return json.dumps(schema(kind), indent=2, sort_keys=True) + "\n"


def schema_file_name(kind: str) -> str:
    return f"{kind}.schema.json"
