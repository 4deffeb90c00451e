"""Fuzzing what a user hands the game: level files, recordings and saved progress.

Whatever the text, the answer is a clean one (a result, or messages naming the file)
and never the catch-all `one-small-step: unexpected error`. Bounded and derandomized
so the suite stays fast.
"""

import json
import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from pathlib import Path  # noqa: E402

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from game.cli import main  # noqa: E402
from game.levels import levels_dir  # noqa: E402
from game.progress import Progress  # noqa: E402

FUZZ = settings(max_examples=40, deadline=None, derandomize=True, database=None,
                suppress_health_check=list(HealthCheck))
ANOMALY = (levels_dir() / "anomaly.toml").read_text(encoding="utf-8")
LINES = ANOMALY.splitlines()

toml_scalars = st.one_of(
    st.sampled_from(["nan", "inf", "-inf", "true", "false", "1e400", "-0.0", "0x10", '"fast"', "[]", "{}",
                     "[1, 2]", "1979-05-27", '"\u00e9\u6f22"', "99999999999999999999999"]),
    st.integers().map(str),
    st.floats(allow_nan=False).map(repr),
)


@st.composite
def mutated_level(draw) -> str:
    """The shipped anomaly.toml with some values replaced, lines dropped or text spliced in."""
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 4))):
        k = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["value", "drop", "junk", "nest"]))
        if action == "value" and " = " in lines[k]:
            lines[k] = lines[k].split(" = ", 1)[0] + " = " + draw(toml_scalars)
        elif action == "drop":
            del lines[k]
        elif action == "junk":
            lines.insert(k, draw(st.text(max_size=30)))
        else:
            depth = draw(st.integers(1, 3000))
            lines.insert(k, "deep = " + "[" * depth + "]" * depth)
    prefix = draw(st.sampled_from(["", "\ufeff"]))
    return prefix + "\n".join(lines)


def answer(capsys, argv) -> tuple[int, str]:
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out + out.err


@FUZZ
@given(text=st.one_of(mutated_level(), st.text(max_size=200)))
def test_any_level_text_gets_a_clean_answer(tmp_path_factory, capsys, text):
    path = tmp_path_factory.mktemp("lvl") / "anomaly.toml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    code, said = answer(capsys, ["check", str(path)])
    assert code in (0, 1), said
    assert "unexpected error" not in said and "Traceback" not in said
    if code == 1:
        assert all(": " in line for line in said.splitlines() if line), said


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=10)),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=20,
)


@st.composite
def recording_data(draw):
    base = {"level": "anomaly", "seed": 1, "inputs": [[0, ["thrust"]], [30, []]]}
    key = draw(st.sampled_from(["level", "seed", "inputs", "level_path", "level_hash"]))
    base[key] = draw(json_values)
    return base


@FUZZ
@given(data=st.one_of(recording_data(), json_values), deep=st.integers(0, 1))
def test_any_recording_gets_a_clean_answer(tmp_path_factory, capsys, data, deep):
    path = tmp_path_factory.mktemp("rec") / "run.json"
    text = json.dumps(data)
    if deep:
        text = "[" * 100000 + "]" * 100000
    path.write_text(text, encoding="utf-8")
    code, said = answer(capsys, ["simulate", "--inputs", str(path), "--max-seconds", "0.05"])
    assert code in (0, 1, 2), said
    assert "unexpected error" not in said and "Traceback" not in said


@FUZZ
@given(data=st.one_of(json_values, st.fixed_dictionaries({"run": json_values, "high_scores": json_values})),
       deep=st.integers(0, 1))
def test_any_progress_file_loads_or_is_set_aside_with_its_name(tmp_path_factory, data, deep):
    folder: Path = tmp_path_factory.mktemp("save")
    path = folder / "progress.json"
    path.write_text("[" * 100000 if deep else json.dumps(data), encoding="utf-8")
    progress, message = Progress.load(path)
    assert isinstance(progress, Progress)
    if message is not None:
        assert "progress" in message and not path.exists()
        assert list(folder.glob("progress.corrupt-*.json"))


def test_stale_temp_files_of_interrupted_saves_are_removed(tmp_path):
    path = tmp_path / "progress.json"
    stale = tmp_path / ".progress.json.abc123.tmp"
    stale.write_text("{")
    os.utime(stale, (1, 1))
    fresh = tmp_path / ".progress.json.new.tmp"
    fresh.write_text("{")
    Progress.load(path)
    assert not stale.exists() and fresh.exists()
