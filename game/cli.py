"""The command line: play, check, simulate, screenshot, bench, schema.

The contract is in DESIGN.md; tests and checks rely on it. Errors a user can cause
(a bad level, a bad recording, a bad argument) are one clear line and exit 1 or 2;
a traceback is shown only with ONE_SMALL_STEP_DEBUG=1.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from game.levels import LevelError, check_paths, levels_dir, load_campaign, load_level
from game.levels.loader import display_path
from game.levels.models import MAX_SEED

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


MAX_SEEDS = 10000  # runs in one balance report
MAX_SECONDS = 36000.0  # longest simulated run (--max-seconds): ten hours
MAX_TIME = 3600.0  # latest screenshot time: the longest level timer
MEMORIAL_PAGES = 4
MAX_PATH_BYTES = 4096


def _seed(text: str) -> int:
    """A seed: a whole number from 0 to MAX_SEED."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if not 0 <= value <= MAX_SEED:
        raise argparse.ArgumentTypeError(f"must be from 0 to {MAX_SEED}, got {text}")
    return value


def _seed_list(text: str) -> list[int]:
    """'1-20', '3', '1,4,9' or a mix: the seeds to run."""
    seeds: list[int] = []
    try:
        for part in text.split(","):
            part = part.strip()
            if "-" in part:
                lo, hi = (int(x) for x in part.split("-", 1))
                if hi < lo or lo < 0 or hi > MAX_SEED or hi - lo >= MAX_SEEDS:
                    raise ValueError
                seeds.extend(range(lo, hi + 1))
            elif part:
                seeds.append(_seed(part))
            if len(seeds) > MAX_SEEDS:
                raise ValueError
    except (ValueError, argparse.ArgumentTypeError):
        raise argparse.ArgumentTypeError(
            f"expected seeds from 0 to {MAX_SEED} like 1-20 or 1,2,5 (at most {MAX_SEEDS}), got {text!r}"
        ) from None
    if not seeds:
        raise argparse.ArgumentTypeError("no seeds given")
    return seeds


def _levels_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--levels", action="append", type=Path, metavar="DIR", default=[],
                        help="also look for level ids in this folder (may be given more than once)")


def _use_level_dirs(args: argparse.Namespace) -> str | None:
    """Search the --levels folders for level ids; a reason when one is not a folder."""
    from game.levels.loader import set_extra_level_dirs

    folders = getattr(args, "levels", None) or []
    for folder in folders:
        if not folder.is_dir():
            return f"--levels {folder}: no such folder"
    set_extra_level_dirs(folders)
    return None


def _seconds(limit: float, allow_zero: bool) -> Callable[[str], float]:
    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a number of seconds, got {text!r}") from None
        if not math.isfinite(value):
            raise argparse.ArgumentTypeError(f"not a finite number: {text}")
        low_ok = value >= 0 if allow_zero else value > 0
        if not low_ok or value > limit:
            low = "from 0" if allow_zero else "above 0"
            raise argparse.ArgumentTypeError(f"must be {low} up to {limit:g} s, got {text}")
        return value

    return parse


def _carry(text: str) -> dict:
    """A carry-over as the campaign hands it on (JSON: module_distance, hull, systems), e.g.
    '{"module_distance": 800, "hull": 60, "systems": ["shields"]}'."""
    from game.replay import InputsError, parse_carry

    try:
        return parse_carry(json.loads(text), "--carry")
    except json.JSONDecodeError as e:
        raise argparse.ArgumentTypeError(f"not JSON ({e.msg} at character {e.pos})") from None
    except InputsError as e:
        raise argparse.ArgumentTypeError(str(e).removeprefix("--carry: ")) from None


def _pilot_name(text: str) -> str:
    """autopilot, idle, human or human:DELAY (seconds of reaction, 0 to 2)."""
    if text.strip().lower() == "idle":
        return "idle"
    from game.pilots.human import parse_pilot

    try:
        name, delay = parse_pilot(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None
    return name if delay is None else f"{name}:{delay:g}"


def _page(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a page number, got {text!r}") from None
    if not 0 <= value < MEMORIAL_PAGES:
        raise argparse.ArgumentTypeError(f"must be from 0 to {MEMORIAL_PAGES - 1}, got {text}")
    return value


def _name_fits(text: str) -> str:
    """A path the file system can hold: no empty name, no NUL, parts within the name limit."""
    if not text:
        raise argparse.ArgumentTypeError("names nothing")
    if "\0" in text:
        raise argparse.ArgumentTypeError("contains a NUL character")
    try:
        encoded = os.fsencode(text)
    except UnicodeError:
        raise argparse.ArgumentTypeError("cannot be written as a file name here") from None
    if len(encoded) > MAX_PATH_BYTES:
        raise argparse.ArgumentTypeError(f"is longer than the file system allows ({len(encoded)} bytes)")
    for part in Path(text).parts:
        if len(os.fsencode(part)) > _name_max():
            raise argparse.ArgumentTypeError(
                f"has a name longer than the file system allows ({len(os.fsencode(part))} bytes, "
                f"at most {_name_max()}): {part[:24]}...")
    return text


def _name_max() -> int:
    try:
        return int(os.pathconf(".", "PC_NAME_MAX"))
    except (AttributeError, OSError, ValueError):
        return 255


def _path(text: str) -> Path:
    return Path(_name_fits(text))


def _level_name(text: str) -> str:
    """A level id or path; an id becomes ID.toml in the levels folder, so that name must fit too."""
    _name_fits(text)
    if not (text.endswith(".toml") or "/" in text or os.sep in text):
        _name_fits(text + ".toml")
    return text


def _out_file(text: str) -> Path:
    """Where an image or recording goes: a file name, not a folder."""
    _name_fits(text)
    path = Path(text)
    if text.endswith(("/", os.sep)) or path.is_dir():
        raise argparse.ArgumentTypeError(f"{text} is a folder; give a file name such as {Path(text) / 'shot.png'}")
    return path


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one line (and exit 2), not the usage block."""

    def error(self, message: str):  # type: ignore[override]
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see {self.prog} --help)\n")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="one-small-step",
        description="One Small Step: fly a starship and a shuttle against a graviton ellipse.",
    )
    sub = p.add_subparsers(dest="command")

    play = sub.add_parser("play", help="play, from the title screen or straight into a level")
    play.add_argument("--level", type=_level_name, help="level id (e.g. anomaly) or path to a .toml file")
    play.add_argument("--seed", type=_seed)
    play.add_argument("--fullscreen", action="store_true")
    play.add_argument("--record", type=_out_file, help="save the inputs of the run to this JSON file")
    play.add_argument("--autopilot", action="store_true",
                      help="the autopilot flies every level (watch a level, or the whole campaign)")
    _levels_option(play)

    check = sub.add_parser("check", help="validate level files (default: the campaign's levels, "
                           "the --levels folders and the user's levels folder)")
    check.add_argument("paths", nargs="*", type=_path)
    _levels_option(check)

    sim = sub.add_parser("simulate", help="run a level (or the campaign) headless")
    target = sim.add_mutually_exclusive_group()
    target.add_argument("--level", type=_level_name, help="level id or path")
    target.add_argument("--campaign", action="store_true", help="play the whole campaign")
    sim.add_argument("--seed", type=_seed)
    sim.add_argument("--seeds", type=_seed_list, help="balance report over seeds, e.g. 1-20")
    pilot = sim.add_mutually_exclusive_group()
    pilot.add_argument("--autopilot", action="store_true", help="the autopilot flies (same as --pilot autopilot)")
    pilot.add_argument("--pilot", type=_pilot_name, action="append",
                       help="autopilot, human[:DELAY] (a practised person, 0.25 s reaction by default) or "
                            "idle; with --seeds, repeat it to choose the report's pilots (default: autopilot, "
                            "human:0.25, human:0.35 and idle)")
    pilot.add_argument("--inputs", type=_path, help="recorded inputs (JSON) to replay")
    sim.add_argument("--record", type=_out_file, help="write the run's inputs to this JSON file")
    sim.add_argument("--strategy", choices=("auto", "keep", "drop"), default=None,
                     help="autopilot strategy where a level offers a choice (dark_matter: "
                          "keep the module, drop it, or judge); default: auto for a level, keep for "
                          "the campaign (the crew held on to her; the seed decides if they make it)")
    sim.add_argument("--max-seconds", type=_seconds(MAX_SECONDS, allow_zero=False))
    sim.add_argument("--carry", type=_carry, metavar="JSON",
                     help="start from a carry-over as the campaign hands it on, e.g. the salvage after "
                          "dark matter: '{\"module_distance\": 800, \"hull\": 60, \"systems\": [\"shields\"]}'")
    sim.add_argument("--json", action="store_true")
    sim.add_argument("--plot", type=_out_file, metavar="FILE.png",
                     help="with --seeds: draw the balance report to a PNG (needs matplotlib: the plot extra)")
    _levels_option(sim)

    shot = sub.add_parser("screenshot", help="render the frame at simulated time S to a PNG")
    shot.add_argument("--scene", choices=("level", "title", "levels", "scores", "memorial"),
                      default="level", help="what to render: a level's frame (default), the title, "
                      "the level select, the high scores or the memorial")
    shot.add_argument("--level", type=_level_name, help="level id or path (for --scene level)")
    shot.add_argument("--time", type=_seconds(MAX_TIME, allow_zero=True),
                      help="simulated time S (a level: required; other scenes: s after opening)")
    shot.add_argument("--page", type=_page, help="memorial page 0-3 (record, logs, burial, answer)")
    shot.add_argument("--out", type=_out_file, required=True)
    shot.add_argument("--seed", type=_seed)
    _levels_option(shot)

    bench = sub.add_parser("bench", help="print the benchmark's performance figures")
    bench.add_argument("--json", action="store_true")
    bench.add_argument("--quick", action="store_true", help="fewer repetitions (for smoke tests)")

    schema = sub.add_parser("schema", help="print the JSON Schema of level files")
    schema.add_argument("--kind", choices=("level", "ships", "campaign"), default="level")
    schema.add_argument("--reference", action="store_true",
                        help="print the designer's reference (levels/README.md) instead")
    schema.add_argument("--write", action="store_true",
                        help="rewrite levels/schema/*.schema.json and levels/README.md")
    return p


def _problems(lines: Sequence[str]) -> int:
    for line in lines:
        print(line, file=sys.stderr)
    return EXIT_PROBLEMS


def cmd_check(args: argparse.Namespace) -> int:
    from game.levels.loader import check_warnings

    if args.paths:
        paths = args.paths
    else:  # the campaign's levels, then the designer's own folders
        from game.levels.loader import level_search_dirs

        paths = level_search_dirs()
    problems = check_paths(paths)
    warnings = check_warnings(paths) + _text_warnings(paths)
    for line in problems + warnings:
        print(line)
    if problems:
        return EXIT_PROBLEMS
    count = sum(len(list(p.glob("*.toml"))) if p.is_dir() else 1 for p in paths)
    print(f"{count} file(s) valid")
    return EXIT_OK


def _text_warnings(paths: Sequence[Path]) -> list[str]:
    """Characters in level files that the game's font cannot draw (warnings: exit stays 0)."""
    from game.app.glyphs import text_warnings

    out: list[str] = []
    for p in paths:
        for f in sorted(p.glob("*.toml")) if p.is_dir() else [p]:
            if f.is_file() and f.name != "campaign.toml":
                out += text_warnings(f)
    return out


def _print_summary(summary, as_json: bool) -> None:
    if as_json:
        print(json.dumps(summary.as_dict()))
    else:
        print(summary.line())


def cmd_simulate(args: argparse.Namespace) -> int:
    from game.headless import simulate
    from game.replay import InputsError, Recorder, Recording

    if args.autopilot:
        args.pilot = ["autopilot"]
    if args.plot and not args.seeds:
        print("one-small-step simulate: --plot draws the balance report: give --seeds too", file=sys.stderr)
        return EXIT_USAGE
    if args.campaign:
        if args.inputs or (args.pilot and args.pilot != ["autopilot"]):
            print("one-small-step simulate: --campaign plays with the autopilot only", file=sys.stderr)
            return EXIT_USAGE
        return _simulate_campaign(args)
    recording = None
    if args.inputs:
        try:
            recording = Recording.load(args.inputs)
        except InputsError as e:
            return _problems([str(e)])
    level_name = args.level or (recording.locate() if recording else None)
    if level_name is None:
        print("one-small-step simulate: give --level ID-or-PATH (or --campaign)", file=sys.stderr)
        return EXIT_USAGE
    if not args.pilot and recording is None and not args.seeds:
        print("one-small-step simulate: choose --autopilot, --pilot human[:DELAY] or --inputs FILE",
              file=sys.stderr)
        return EXIT_USAGE
    if args.pilot and len(args.pilot) > 1 and not args.seeds:
        print("one-small-step simulate: one --pilot for one run (several go with --seeds)", file=sys.stderr)
        return EXIT_USAGE
    try:
        level = load_level(level_name)
    except LevelError as e:
        return _problems(e.problems)
    if recording is not None:
        changed = recording.changed_since(level)
        if changed:
            print(f"one-small-step: warning: {display_path(args.inputs)}: {changed}", file=sys.stderr)

    if args.carry is not None and recording is not None:
        print("one-small-step simulate: a recording replays from its own carry-over: --carry goes with pilots",
              file=sys.stderr)
        return EXIT_USAGE
    if args.seeds:
        if recording is not None:
            print("one-small-step simulate: --seeds goes with pilots, not --inputs", file=sys.stderr)
            return EXIT_USAGE
        return _balance(level, args)

    seed = args.seed if args.seed is not None else (recording.seed if recording else None)
    recorder = None
    if args.record:
        recorder = Recorder(level_name, seed if seed is not None else level.config.level.seed, level,
                            carry=recording.carry if recording else args.carry)
    from game.headless import pilot_for

    name = args.pilot[0] if args.pilot else "inputs"
    pilot = recording.pilot() if recording else pilot_for(level, name, args.strategy or "auto")
    # a recording of a campaign level replays from the carry-over it started from
    carry = recording.carry if recording else args.carry
    world, summary = simulate(level, seed, pilot, args.max_seconds, recorder, pilot_name=name, carry=carry)
    if recorder is not None:
        try:
            args.record.write_text(recorder.recording.to_json(), encoding="utf-8")
        except OSError as e:
            return _problems([f"{args.record}: cannot write the recording ({e.strerror})"])
    _print_summary(summary, args.json)
    return EXIT_OK


def _balance(level, args: argparse.Namespace) -> int:
    """The balance report: every pilot on every seed, side by side (game.balance)."""
    from game.balance import DEFAULT_PILOTS, PlotUnavailable, balance_report, plot_report, report_text

    pilots = tuple(dict.fromkeys(args.pilot)) if args.pilot else DEFAULT_PILOTS
    if args.plot:
        try:
            import matplotlib  # noqa: F401 - only to fail early, before the runs
        except ImportError:
            print("one-small-step simulate: --plot needs matplotlib: pip install 'one-small-step[plot]'",
                  file=sys.stderr)
            return EXIT_USAGE
    report = balance_report(level, list(args.seeds), pilots, args.strategy or "auto", args.max_seconds,
                            carry=args.carry)
    if args.json:
        print(json.dumps(report))
    else:
        print(report_text(report))
    if args.plot:
        try:
            plot_report(report, args.plot)
        except PlotUnavailable as e:
            print(f"one-small-step simulate: {e}", file=sys.stderr)
            return EXIT_USAGE
        except OSError as e:
            return _problems([f"{args.plot}: cannot write the image ({e.strerror})"])
        if not args.json:
            print(f"wrote {args.plot}")
    return EXIT_OK


def _simulate_campaign(args: argparse.Namespace) -> int:
    from game.headless import simulate
    from game.pilots import Autopilot

    try:
        campaign = load_campaign()
    except LevelError as e:
        return _problems(e.problems)
    from game.campaign import CampaignWalk

    walk = CampaignWalk(campaign)  # bounded: retries and levels played are capped
    summaries = []
    while walk.current is not None:
        current = walk.current
        try:
            level = load_level(current)
        except LevelError as e:
            return _problems(e.problems)
        level_seed = None if args.seed is None else args.seed + walk.attempt - 1
        _, summary = simulate(level, level_seed, Autopilot(level, args.strategy or "keep"), args.max_seconds,
                              carry=walk.carry)
        summaries.append(summary)
        _print_summary(summary, args.json)
        if summary.next is None and summary.outcome == "timeout":  # cut by --max-seconds: no outcome
            print(f"campaign stopped: {current} cut short by --max-seconds", file=sys.stderr)
            return EXIT_PROBLEMS
        walk.advance(summary.outcome, summary.measures)
        if walk.stopped:
            print(f"campaign stopped: {walk.stopped}", file=sys.stderr)
            return EXIT_PROBLEMS
    total = round(sum(s.score for s in summaries), 1)
    logs = _recovered_log_titles(summaries)
    if args.json:
        print(json.dumps({"level": "memorial", "outcome": "story", "score": total,
                          "levels": [s.level for s in summaries], "logs": logs}))
    else:
        recovered = ", ".join(logs) if logs else "none"
        print(f"memorial: campaign complete, total score {total:g}, pilot's logs recovered: {recovered}")
    return EXIT_OK


def _recovered_log_titles(summaries: list) -> list[str]:
    """Titles of the pilot's log entries downloaded during the run, in the order found."""
    titles: list[str] = []
    for summary in summaries:
        if not summary.logs:
            continue
        entries = load_level(summary.level).config.logs
        titles += [entries[i].title for i in summary.logs if 0 <= i < len(entries)]
    return titles


def cmd_screenshot(args: argparse.Namespace) -> int:
    if args.scene != "level":
        return _screenshot_scene(args)
    if args.level is None or args.time is None:
        print("one-small-step screenshot: a level's frame needs --level and --time", file=sys.stderr)
        return EXIT_USAGE
    try:
        load_level(args.level)
    except LevelError as e:
        return _problems(e.problems)
    if args.time < 0:
        print("one-small-step screenshot: --time must be >= 0", file=sys.stderr)
        return EXIT_USAGE
    from game.app.screenshot import render_screenshot

    try:
        render_screenshot(args.level, args.seed, args.time, args.out)
    except OSError as e:
        return _problems([f"{args.out}: cannot write the image ({e})"])
    print(f"wrote {args.out}")
    return EXIT_OK


def _screenshot_scene(args: argparse.Namespace) -> int:
    time_s = 0.0 if args.time is None else args.time
    if time_s < 0:
        print("one-small-step screenshot: --time must be >= 0", file=sys.stderr)
        return EXIT_USAGE
    from game.app.screenshot import render_scene_screenshot

    try:
        render_scene_screenshot(args.scene, time_s, args.out, page=args.page)
    except OSError as e:
        return _problems([f"{args.out}: cannot write the image ({e})"])
    print(f"wrote {args.out}")
    return EXIT_OK


def cmd_bench(args: argparse.Namespace) -> int:
    from game.bench import run_bench

    figures = run_bench(quick=args.quick)
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        for line in figures["lines"]:
            print(line)
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from game.levels.reference import reference_markdown
    from game.levels.schema import MODELS, schema_file_name, schema_text

    if args.write:
        folder = levels_dir()
        (folder / "schema").mkdir(exist_ok=True)
        for kind in MODELS:
            (folder / "schema" / schema_file_name(kind)).write_text(schema_text(kind))
        (folder / "README.md").write_text(reference_markdown())
        print(f"wrote {folder / 'schema'} and {folder / 'README.md'}")
    elif args.reference:
        print(reference_markdown(), end="")
    else:
        print(schema_text(args.kind), end="")
    return EXIT_OK


def cmd_play(args: argparse.Namespace) -> int:
    if args.level:
        try:
            load_level(args.level)
        except LevelError as e:
            return _problems(e.problems)
    from game.app.main import run_game

    return run_game(level=args.level, seed=args.seed, fullscreen=args.fullscreen,
                    record=getattr(args, "record", None), autopilot=getattr(args, "autopilot", False))


COMMANDS = {
    "play": cmd_play,
    "check": cmd_check,
    "simulate": cmd_simulate,
    "screenshot": cmd_screenshot,
    "bench": cmd_bench,
    "schema": cmd_schema,
}


def main(argv: Sequence[str] | None = None) -> int:
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # no greeting on our command line
    from game.app.heap import keep_freed_memory

    keep_freed_memory()  # numpy's large temporaries reused frame to frame, not faulted in anew
    args = _parser().parse_args(argv)
    if args.command is None:
        args = _parser().parse_args(["play", *(argv or [])])
    problem = _use_level_dirs(args)
    if problem:
        print(f"one-small-step {args.command}: {problem}", file=sys.stderr)
        return EXIT_USAGE
    try:
        return COMMANDS[args.command](args)
    except KeyboardInterrupt:
        return 130
    except Exception as e:  # a traceback shown to a user is a bug; show one line instead
        if os.environ.get("ONE_SMALL_STEP_DEBUG"):
            raise
        print(f"one-small-step: unexpected error: {type(e).__name__}: {e} "
              "(set ONE_SMALL_STEP_DEBUG=1 for details)", file=sys.stderr)
        return EXIT_PROBLEMS


if __name__ == "__main__":
    raise SystemExit(main())
