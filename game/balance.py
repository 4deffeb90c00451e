"""The balance report: does a level suit people?

`simulate --level L --seeds 1-20` runs the level with several pilots on every seed
(the autopilot, the human pilot at 0.25 s and 0.35 s, and an idle pilot who touches
nothing) and reports, pilot by pilot, side by side: the win rate, the spread of the
time left when won (in seconds and as a share of the timer, the designer's target
being 10-40 % for the human at 0.25 s), the hull left, when each objective of the
kind was first reached (`LevelKind.milestones`), why runs were lost, and the outcome
of every seed. `report_text` prints it, `plot_report` draws it (matplotlib, an
optional extra). No pygame here.
"""

from __future__ import annotations

import json
import statistics
from collections import Counter
from pathlib import Path
from typing import Any

from game.headless import Summary, pilot_label, simulate_seeds
from game.levels import Level
from game.sim.kinds import kind_of

DEFAULT_PILOTS = ("autopilot", "human:0.25", "human:0.35", "idle")
UNWINNABLE = ("prologue", "survival")  # story and endless kinds: no win rate to speak of
OUTCOME_LETTER = {"won": "W", "lost": "L", "timeout": "T", "story": "S"}


def spread(values: list[float]) -> dict[str, float]:
    if not values:
        return {}
    qs = statistics.quantiles(values, n=4, method="inclusive") if len(values) > 1 else [values[0]] * 3
    return {"min": round(min(values), 1), "q1": round(qs[0], 1), "median": round(statistics.median(values), 1),
            "q3": round(qs[2], 1), "max": round(max(values), 1)}


def pilot_block(level: Level, pilot: str, runs: list[tuple[Summary, float, float]]) -> dict[str, Any]:
    """One pilot's part of the report. Each run comes with its time left and the length of the
    clock it was counted on (`LevelKind.clock`: the level timer unless the kind races another)."""
    won = [(s, left, of) for s, left, of in runs if s.outcome == "won"]
    labels = list(kind_of(level.config.level.kind).milestones.values())
    milestones = {}
    for label in labels:
        times = [s.milestones[label] for s, _, _ in runs if label in s.milestones]
        median = round(statistics.median(times), 1) if times else None
        milestones[label] = {"reached": len(times), "median_s": median}
    lost = Counter(f"{s.outcome}: {s.reason}" for s, _, _ in runs if s.outcome in ("lost", "timeout"))

    def share(left: float, of: float) -> float:
        return 100.0 * left / of if of > 0 else 0.0

    return {
        "pilot": pilot,
        "label": pilot_label(pilot),
        "runs": len(runs),
        "won": len(won),
        "win_rate": round(len(won) / len(runs), 3) if runs else 0.0,
        "outcomes": dict(sorted(Counter(s.outcome for s, _, _ in runs).items())),
        "time_left_s": spread([left for _, left, _ in won]),
        "time_left_share": spread([share(left, of) for _, left, of in won]),
        "hull_left": spread([s.hull for s, _, _ in won]),
        "score": spread([s.score for s, _, _ in runs]),
        "sim_time_s": spread([s.sim_time_s for s, _, _ in runs]),
        "data": spread([float(s.data) for s, _, _ in runs]),
        "milestones": milestones,
        "why_lost": dict(lost.most_common()),
        "per_seed": [s.as_dict() | {"time_left_s": round(left, 2), "time_left_share": round(share(left, of), 1),
                                    "clock_s": round(of, 2)} for s, left, of in runs],
    }


def balance_report(level: Level, seeds: list[int], pilots: tuple[str, ...] = DEFAULT_PILOTS,
                   strategy: str = "auto", max_seconds: float | None = None,
                   carry: dict[str, Any] | None = None) -> dict[str, Any]:
    """Every pilot on every seed (spread over the cores), gathered into one report; with
    `carry`, every run starts from that carry-over (the salvage's start after dark matter)."""
    runs = simulate_seeds(level, seeds, strategy, max_seconds, pilots=pilots, carry=carry)
    n = len(seeds)
    blocks = [pilot_block(level, p, runs[k * n:(k + 1) * n]) for k, p in enumerate(pilots)]
    report = {"level": level.id, "kind": level.config.level.kind, "time_limit_s": level.config.level.time_limit,
              "seeds": seeds, "pilots": blocks}
    if carry:
        report["carry"] = carry
    return report


def _fmt(d: dict[str, float], unit: str = "") -> str:
    return f"{d['min']:g}-{d['max']:g}{unit} (median {d['median']:g})" if d else "-"


def report_text(report: dict[str, Any]) -> str:
    """The report for a terminal: one row per pilot, then objectives, reasons and seeds."""
    carried = f", from the carry-over {json.dumps(report['carry'], sort_keys=True)}" if report.get("carry") else ""
    head = f"{report['level']}: seeds {_seed_range(report['seeds'])}, timer {report['time_limit_s']:g} s"
    lines = [head + carried]
    blocks = report["pilots"]
    clocks = sorted({r["clock_s"] for b in blocks for r in b["per_seed"]} - {report["time_limit_s"]})
    if clocks:  # the kind races another clock than the level timer (`LevelKind.clock`)
        lines[0] += f" (time left counted on the kind's own clock: {', '.join(f'{c:g}' for c in clocks)} s)"
    width = max(len(b["label"]) for b in blocks) + 2
    story = report["kind"] in UNWINNABLE
    if story:
        lines.append(f"{'pilot':<{width}}{'outcomes':<22}{'time flown (s)':<30}{'data (%)':<28}score")
        for b in blocks:
            outcomes = ", ".join(f"{k} {v}" for k, v in b["outcomes"].items())
            lines.append(f"{b['label']:<{width}}{outcomes:<22}{_fmt(b['sim_time_s']):<30}"
                         f"{_fmt(b['data']):<28}{_fmt(b['score'])}")
    else:
        lines.append(f"{'pilot':<{width}}{'won':<12}{'time left when won':<40}hull left when won")
        for b in blocks:
            won = f"{b['won']}/{b['runs']} {b['win_rate']:.0%}"
            left = (f"{_fmt(b['time_left_share'], ' %')}, {b['time_left_s'].get('median', 0):g} s"
                    if b["time_left_s"] else "-")
            lines.append(f"{b['label']:<{width}}{won:<12}{left:<40}{_fmt(b['hull_left'], ' %')}")
    labels = list(blocks[0]["milestones"]) if blocks else []
    if labels:
        lines.append("objectives: median time first reached (s), runs that reached it")
        cols = [max(len(label), 10) + 2 for label in labels]
        lines.append(" " * width + "".join(f"{label:<{c}}" for label, c in zip(labels, cols, strict=True)))
        for b in blocks:
            cells = []
            for label, c in zip(labels, cols, strict=True):
                m = b["milestones"][label]
                cell = f"{m['median_s']:g} ({m['reached']})" if m["reached"] else "-"
                cells.append(f"{cell:<{c}}")
            lines.append(f"{b['label']:<{width}}" + "".join(cells))
    lines.append("outcome per seed (W won, L lost, T timeout, S story):")
    lines.append(" " * width + " ".join(f"{s % 100:>2}" for s in report["seeds"]))
    for b in blocks:
        lines.append(f"{b['label']:<{width}}" + " ".join(f"{OUTCOME_LETTER.get(r['outcome'], '?'):>2}"
                                                       for r in b["per_seed"]))
    losses = [(b["label"], b["why_lost"]) for b in blocks if b["why_lost"]]
    if losses:
        lines.append("why runs were lost:")
        for label, why in losses:
            lines.append(f"  {label}: " + "; ".join(f"{reason} x{n}" for reason, n in why.items()))
    return "\n".join(lines)


def _seed_range(seeds: list[int]) -> str:
    if seeds and seeds == list(range(seeds[0], seeds[0] + len(seeds))):
        return f"{seeds[0]}-{seeds[-1]}" if len(seeds) > 1 else str(seeds[0])
    return ",".join(str(s) for s in seeds)


class PlotUnavailable(RuntimeError):
    """matplotlib is not installed (it is the optional extra `plot`)."""


def plot_report(report: dict[str, Any], out: Path) -> None:
    """Draw the report to a PNG: the spread of time left per pilot (share of the timer, the
    10-40 % band shaded) beside the outcome of every seed per pilot."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        from matplotlib.patches import Patch
    except ImportError:
        raise PlotUnavailable("--plot needs matplotlib: pip install 'one-small-step[plot]' "
                              "(or pip install matplotlib)") from None
    blocks = report["pilots"]
    seeds = report["seeds"]
    colours = {"won": "#3fbf5f", "lost": "#d9453b", "timeout": "#e8a33d", "story": "#6f8fd9"}
    fig, (left, right) = plt.subplots(1, 2, figsize=(13, 1.6 + 0.75 * len(blocks)),
                                      gridspec_kw={"width_ratios": [1.1, 1.4]})
    fig.suptitle(f"{report['level']}: seeds {_seed_range(seeds)}, timer {report['time_limit_s']:g} s",
                 fontsize=13, fontweight="bold")
    names = [f"{b['label']}\nwon {b['won']}/{b['runs']}" for b in blocks]
    ys = list(range(len(blocks)))[::-1]
    story = report["kind"] in UNWINNABLE
    left.axvspan(10, 40, color="#3fbf5f", alpha=0.12, label="target for people: 10-40 %")
    for y, b in zip(ys, blocks, strict=True):
        shares = [r["time_left_share"] for r in b["per_seed"] if r["outcome"] == "won"]
        if shares:
            left.boxplot([shares], positions=[y], vert=False, widths=0.5, showfliers=False,
                         medianprops={"color": "black"})
            jitter = [y + 0.18 * ((k % 5) - 2) / 2 for k in range(len(shares))]
            left.scatter(shares, jitter, s=14, color="#2a7f3f", zorder=3)
        else:
            left.text(50, y, "no wins" if not story else "story level", ha="center", va="center",
                      color="#888888")
    left.set_yticks(ys, names)
    left.set_xlim(0, 100)
    left.set_ylim(-0.7, len(blocks) - 0.3)
    left.set_xlabel("time left when won (% of the timer)")
    left.legend(loc="lower right", fontsize=8)
    left.grid(axis="x", alpha=0.3)
    for y, b in zip(ys, blocks, strict=True):
        for x, r in enumerate(b["per_seed"]):
            right.add_patch(plt.Rectangle((x - 0.45, y - 0.4), 0.9, 0.8,
                                          color=colours.get(r["outcome"], "#999999")))
            if r["outcome"] == "won":
                right.text(x, y, f"{r['time_left_share']:.0f}", ha="center", va="center", fontsize=7)
    right.set_xlim(-0.6, len(seeds) - 0.4)
    right.set_ylim(-0.7, len(blocks) - 0.3)
    right.set_xticks(range(len(seeds)), [str(s) for s in seeds], fontsize=8)
    right.set_yticks(ys, [b["label"] for b in blocks])
    right.set_xlabel("seed (won: % of the timer left)")
    right.set_title("outcome per seed", fontsize=10)
    right.legend(handles=[Patch(color=c, label=k) for k, c in colours.items()], loc="upper center",
                 bbox_to_anchor=(0.5, -0.22 if len(blocks) > 2 else -0.35), ncol=4, fontsize=8, frameon=False)
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    plt.close(fig)
