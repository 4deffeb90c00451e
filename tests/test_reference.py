"""The committed schema files and the designer's reference match the models."""

from game.levels import level_files, levels_dir
from game.levels.reference import reference_markdown
from game.levels.schema import MODELS, schema_file_name, schema_text


def test_committed_schemas_match_the_models():
    for kind in MODELS:
        committed = (levels_dir() / "schema" / schema_file_name(kind)).read_text()
        assert committed == schema_text(kind), (
            f"levels/schema/{schema_file_name(kind)} is stale: run `one-small-step schema --write`")


def test_reference_matches_the_models():
    committed = (levels_dir() / "README.md").read_text()
    assert committed == reference_markdown(), "levels/README.md is stale: run `one-small-step schema --write`"


def test_reference_lists_every_key_with_unit():
    text = reference_markdown()
    assert "| `ellipse.turn_rate` | How fast it can change course | deg/s | 22 | >= 0, <= 720 | number |" in text
    assert "`ships.ID.thrust`" in text and "`captions[].on`" in text


def test_every_level_file_points_at_its_schema():
    for path in level_files():
        first = path.read_text().splitlines()[0]
        kind = {"ships": "ships", "campaign": "campaign"}.get(path.stem, "level")
        assert first == f"#:schema ./schema/{schema_file_name(kind)}", path
