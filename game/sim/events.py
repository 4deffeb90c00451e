"""The kinds of events a step can return: audio, effects and captions react to them.

Level files name them in `[[captions]] on = "..."`; the reference lists them.
"""

EVENT_KINDS = {
    "emerge": "the ellipse starts to surface from subspace",
    "ellipse_target": "the ellipse turns to chase a new EM source",
    "ellipse_lost": "the ellipse no longer senses anything worth chasing",
    "surge": "a course change sent out a gravimetric surge ring",
    "subspace": "the level timer ran out: the ellipse is gone",
    "hit": "the player's hull took damage (at most every 0.3 s)",
    "dark_on": "the player went dark",
    "dark_off": "the player powered up again",
    "polarity_reversed": "shield polarity reversed",
    "polarity_normal": "shield polarity back to normal",
    "launch": "a probe was launched",
    "launch_refused": "launch pressed with no probe ready (dark, reloading, none left, one out)",
    "probe_lost": "the probe was destroyed (buffered telemetry lost with it)",
    "telemetry": "telemetry received passed 25, 50 or 75%",
    "shield_mod_on": "modified shields powered up",
    "shield_mod_off": "modified shields powered down",
    "tractor_on": "tractor beam on",
    "tractor_off": "tractor beam off",
    "refused": "a command the ship cannot carry out (no shield modification fitted)",
    "echo": "a sensor echo of the module came back (value: sweep progress 0..1)",
    "module_found": "the sensor sweep pinpointed the module",
    "sample": "a sample was collected (value: its index in [[samples]])",
    "debris_hit": "the ship ran into a debris chunk (value: impact speed m/s)",
    "beam_locked": "the tractor beam locked onto the module",
    "beam_released": "the tractor beam let go (switched off, or power lost)",
    "beam_broken": "the beam's tension passed its break tension, or the shock front broke it",
    "impact": "the dark-matter asteroid struck the ellipse: the shock front starts",
    "shock_hit": "the shock front reached the ship (value: systems knocked out)",
    "won": "the level is won",
    "lost": "the level is lost",
    "story": "a story ending (the level goes on where campaign.toml says)",
    "timeout": "the level timer ran out before the objective",
}
