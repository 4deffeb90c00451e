"""The player's ship: controls, the reactor's power split, EM signature, rigid-body motion.

The reactor's output is shared among the systems that are on. What the systems draw
is what the ellipse senses: the EM signature. Going dark cuts everything but life
support (manoeuvring thrusters still work, weakly); reversed shield polarity masks
the signature but the shields then protect nothing.
"""

from __future__ import annotations

import math

import numpy as np

from game.sim.events import ENGINES_DARK, NO_SHIELD_MOD, SENSORS_DARK
from game.sim.world import SYSTEMS, Event, World


def systems_on(world: World) -> dict[str, bool]:
    pl = world.player
    powered = not pl.dark
    return {
        "engines": powered and pl.health["engines"] > 0,
        "shields": powered and not pl.shields_down and pl.health["shields"] > 0,
        "sensors": powered and pl.health["sensors"] > 0,
        "tractor": powered and pl.tractor and pl.health["tractor"] > 0,
        "comms": powered and pl.health["comms"] > 0,
    }


def apply_controls(world: World, held: frozenset[str], pressed: frozenset[str],
                   events: list[Event]) -> None:
    """Read this step's commands into the player's state (toggles on their rising edge)."""
    pl = world.player
    x, y = world.ship_pos()
    if "dark" in pressed:
        pl.dark = not pl.dark
        events.append(Event("dark_on" if pl.dark else "dark_off", x, y))
    if "polarity" in pressed:
        pl.polarity_reversed = not pl.polarity_reversed
        events.append(Event("polarity_reversed" if pl.polarity_reversed else "polarity_normal", x, y))
    if "modify_shields" in pressed:
        if world.spec.shield_mod_draw > 0:
            pl.shield_mod = not pl.shield_mod
            events.append(Event("shield_mod_on" if pl.shield_mod else "shield_mod_off", x, y))
        else:
            events.append(Event("refused", x, y, NO_SHIELD_MOD))
    if "shields" in pressed:
        pl.shields_down = not pl.shields_down
        events.append(Event("shields_down" if pl.shields_down else "shields_up", x, y))
    if "tractor" in pressed:
        pl.tractor = not pl.tractor
        events.append(Event("tractor_on" if pl.tractor else "tractor_off", x, y))
    if pl.dark:  # the weak thrusters still answer; say why the engines do not
        if pressed & {"thrust", "reverse"}:
            events.append(Event("dark_limits", x, y, ENGINES_DARK))
        if "scan" in pressed:
            events.append(Event("dark_limits", x, y, SENSORS_DARK))
    pl.scanning = "scan" in held and not pl.dark and pl.health["sensors"] > 0
    pl.throttle = float("thrust" in held) - float("reverse" in held)
    pl.turning = float("turn_right" in held) - float("turn_left" in held)


def update_power(world: World) -> None:
    """Split the reactor among the systems that are on; set the EM signature."""
    pl = world.player
    spec = world.spec
    on = systems_on(world)
    demand = {}
    for name in SYSTEMS:
        draw = getattr(spec.systems, name).draw if on[name] else 0.0
        if name == "engines" and on[name]:
            draw *= 0.3 + 0.7 * abs(pl.throttle)  # idling engines still hum
        if name == "shields" and on[name] and pl.shield_mod:
            draw += spec.shield_mod_draw
        if name == "sensors" and on[name] and pl.scanning:
            draw += spec.scan_draw
        demand[name] = draw
    total = sum(demand.values())
    pl.supply_ratio = 1.0 if total <= spec.reactor_output else spec.reactor_output / total
    pl.draw = {k: v * pl.supply_ratio for k, v in demand.items()}
    signature = sum(pl.draw.values()) + spec.life_support_draw
    if pl.polarity_reversed:
        signature *= spec.polarity_signature_factor
    i = pl.body
    world.bodies.signature[i] = signature
    hidden = pl.dark and pl.polarity_reversed
    world.bodies.grip[i] = world.level.config.field.dark_coupling_factor if hidden else 1.0


def shields_protecting(world: World) -> bool:
    pl = world.player
    return systems_on(world)["shields"] and not pl.polarity_reversed


def shields_modified(world: World) -> bool:
    """Modified shields hold off the shear band (only while up and not reversed)."""
    return world.player.shield_mod and shields_protecting(world)


def ship_forces(world: World) -> tuple[np.ndarray, float]:
    """The player's own acceleration (m/s^2) and angular acceleration (rad/s^2)."""
    pl = world.player
    spec = world.spec
    b = world.bodies
    i = pl.body
    on = systems_on(world)
    engines = on["engines"]
    eff = pl.supply_ratio * pl.health["engines"] / 100.0 * pl.thrust_factor
    if pl.throttle > 0:
        force = spec.thrust * eff if engines else spec.thruster_thrust
    elif pl.throttle < 0:
        force = -(spec.reverse_thrust * eff if engines else spec.thruster_thrust)
    else:
        force = 0.0
    ang = float(b.angle[i])
    acc = np.array([math.cos(ang), math.sin(ang)], np.float32) * np.float32(force / spec.mass)

    # rotation thrusters: turn on command, otherwise the stabiliser cancels the spin
    max_spin = math.radians(spec.max_turn_rate)
    alpha_max = spec.turn_torque / spec.moment_of_inertia
    spin = float(b.spin[i])
    target = pl.turning * max_spin
    dspin = target - spin
    alpha = max(-alpha_max, min(alpha_max, dspin / world.dt))
    return acc, alpha


def integrate_bodies(world: World, acc: np.ndarray, alpha: np.ndarray, dt: float) -> None:
    """Semi-implicit Euler for every live body at once."""
    b = world.bodies
    # a few bodies: masked multiplies cost less than boolean indexing, and the angle
    # is kept in [-pi, pi) by a subtraction where it left, not by a modulo on every body
    step = b.alive * np.float32(dt)
    acc *= step[:, None]
    b.vel += acc
    b.vel[world.player.body] *= np.float32(max(0.0, 1.0 - world.spec.linear_damping * dt))
    b.pos += b.vel * step[:, None]
    b.spin += alpha * step
    b.angle += b.spin * step
    out = np.flatnonzero(np.abs(b.angle) >= np.float32(math.pi))
    if out.size:
        b.angle[out] = (b.angle[out] + np.float32(math.pi)) % np.float32(2 * math.pi) - np.float32(math.pi)
