"""Level files: the shipped ones validate; broken ones get exact, complete messages."""

import subprocess
import sys
from pathlib import Path

import pytest

from game.levels import LevelError, check_paths, level_files, levels_dir, load_campaign, load_level

FIXTURES = Path(__file__).parent / "fixtures"

BROKEN = FIXTURES / "broken"


def rel(p: Path) -> str:
    import os

    return os.path.relpath(p)


def test_every_shipped_file_validates():
    files = level_files()
    assert {f.stem for f in files} >= {"anomaly", "ships", "campaign"}
    assert check_paths(files) == []


def test_campaign_points_at_real_levels():
    campaign = load_campaign()
    for level_id in campaign.order:
        assert load_level(level_id).id == level_id


def test_bad_values_are_all_reported_with_key_and_reason():
    path = BROKEN / "bad_values.toml"
    with pytest.raises(LevelError) as err:
        load_level(path)
    p = rel(path)
    assert err.value.problems == [
        f"{p}: level.time_limit: Input should be greater than 0 (got -5.0)",
        f"{p}: ellipse.eye_ratio: Input should be less than 0.98 (got 1.5)",
        f"{p}: ellipse.top_speed: expected a number (got 'fast')",
        f"{p}: field.shear_flo: unknown key; did you mean 'shear_flow'?",
        f"{p}: captions[0].text: String should have at least 1 character (got '')",
    ]


def test_unknown_ship_names_the_known_ones():
    path = BROKEN / "unknown_ship.toml"
    assert check_paths([path]) == [
        f"{rel(path)}: level.player_ship: unknown ship 'enterprise' "
        "(ships.toml has: command_module, shuttle, starship)"
    ]


def test_missing_section_and_syntax_error():
    missing = BROKEN / "missing_level.toml"
    syntax = BROKEN / "syntax.toml"
    assert check_paths([missing]) == [f"{rel(missing)}: level: required key is missing"]
    assert check_paths([syntax]) == [
        f"{rel(syntax)}: (toml): Illegal character '\\n' (at line 3, column 23)"
    ]


def test_a_broken_ships_file_beside_a_level_is_reported_once():
    folder = FIXTURES / "broken_ships"
    ships = rel(folder / "ships.toml")
    assert check_paths([folder]) == [
        f"{ships}: ships.starship.mass: Input should be greater than or equal to 1 (got 0.0)",
        f"{ships}: ships.starship.thrust: Input should be greater than or equal to 0 (got -1.0)",
        f"{ships}: probe.colour: unknown key (check the spelling; `one-small-step schema` lists the keys)",
    ]


def test_cross_checks(tmp_path):
    text = (levels_dir() / "anomaly.toml").read_text()
    text = text.replace("semi_minor = 760.0", "semi_minor = 1900.0")
    path = tmp_path / "wide.toml"
    path.write_text(text)
    assert check_paths([path]) == [
        f"{rel(path)}: ellipse.semi_minor: must not exceed ellipse.semi_major"
    ]


def test_campaign_with_a_missing_level(tmp_path):
    (tmp_path / "anomaly.toml").write_text((levels_dir() / "anomaly.toml").read_text())
    (tmp_path / "campaign.toml").write_text(
        'start = "anomaly"\norder = ["anomaly", "nowhere"]\n'
        '[levels.anomaly]\nwon = "nowhere"\n'
    )
    c = rel(tmp_path / "campaign.toml")
    assert check_paths([tmp_path / "campaign.toml"]) == [
        f"{c}: order[1]: no level file nowhere.toml",
        f"{c}: levels.anomaly.won: 'nowhere' is neither a level nor one of memorial, retry",
    ]


def test_check_command_exit_codes_and_no_traceback():
    ok = subprocess.run([sys.executable, "-m", "game", "check"], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    bad = subprocess.run([sys.executable, "-m", "game", "check", str(BROKEN)],
                         capture_output=True, text=True)
    assert bad.returncode == 1
    lines = bad.stdout.strip().splitlines()
    assert len(lines) == 8
    assert all(": " in line and line.startswith(rel(BROKEN)) for line in lines)
    assert "Traceback" not in bad.stdout + bad.stderr
    missing = subprocess.run([sys.executable, "-m", "game", "check", "no/such/level.toml"],
                             capture_output=True, text=True)
    assert missing.returncode == 1
    assert missing.stdout.strip() == "no/such/level.toml: (file): no such file"


def test_caption_with_unknown_event(tmp_path):
    text = (levels_dir() / "anomaly.toml").read_text().replace('on = "surge"', 'on = "surgee"')
    path = tmp_path / "typo.toml"
    path.write_text(text)
    assert check_paths([path]) == [
        f"{rel(path)}: captions[2].on: unknown event 'surgee' (levels/README.md lists the events)"
    ]
