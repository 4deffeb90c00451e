"""The command set: what a player, the autopilot and a recording can ask of a step.

Held commands act while held. Toggles and one-shots act on the step they start
being held (a rising edge), so a recording of held sets replays them exactly.
"""

from __future__ import annotations

HELD = frozenset({"thrust", "reverse", "turn_left", "turn_right", "scan", "action"})
TOGGLES = frozenset({"dark", "polarity", "modify_shields", "tractor", "shields"})
ONE_SHOTS = frozenset({"launch", "beam"})
COMMANDS = HELD | TOGGLES | ONE_SHOTS

DESCRIPTIONS = {
    "thrust": "main engines ahead (held)",
    "reverse": "retro thrust (held)",
    "turn_left": "rotate anticlockwise (held)",
    "turn_right": "rotate clockwise (held)",
    "dark": "go dark: cut power to all but life support (toggle)",
    "polarity": "reverse shield polarity (toggle)",
    "launch": "launch a probe (press)",
    "modify_shields": "modified shields for the shear layer: more power, louder (toggle)",
    "tractor": "tractor beam on or off: pick up samples, tow the module (toggle)",
    "scan": "sensor sweep: finds the module, gathers survival's data; costs power while held (held)",
    "action": "work the station in reach: power the core, cut, download, fire the ion drive (held)",
    "beam": "energise the transporter: beam across to the module or back (press)",
    "shields": "lower or raise the shields; the transporter needs them down (toggle)",
}


def unknown(commands: frozenset[str] | set[str]) -> list[str]:
    return sorted(set(commands) - COMMANDS)


def commands_for(kind: str) -> tuple[str, ...]:
    """The commands a level of this kind uses, in the order a briefing lists them."""
    from game.sim.kinds import kind_of  # here: the kinds are built on the core this module serves

    return kind_of(kind).commands
