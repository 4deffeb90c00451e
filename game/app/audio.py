"""Sound: events from the simulation become sounds; the world's state sets the loops.

Every sound is synthesised with numpy when `Audio` starts (no sound files): an
engine rumble, the ellipse's drone and the tractor beam's hum loop forever at a
volume `update(world)` follows; one-shots (boom, shimmer, ping, chime, UI blips ...)
answer the events `step` returns. The sim never calls this module.

With no audio device (or no mixer in the pygame build) `Audio.enabled` is False
and every method is a silent no-op: the game runs on without sound.

The synthesis is deterministic (one fixed seed) and pure numpy: `synthesize(rate)`
returns float mono arrays in [-1, 1], `to_mixer_array` converts one to whatever
format and channel count the mixer actually opened with.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np
import pygame

from game.app.render.kinds import view_of
from game.app.settings import Settings

if TYPE_CHECKING:
    from game.sim.world import Event, World

SYNTH_SEED = 2032
PEAK = 0.9  # headroom: no synthesised sound reaches full scale

LOOPS = ("engine", "drone", "beam", "alarm", "torch")  # each on its own reserved channel
AMBIENCE_LOOPS = frozenset({"engine", "drone", "beam"})  # the rest count as effects

# event kind -> (sound, gain)
EVENT_SOUNDS: dict[str, tuple[str, float]] = {
    "surge": ("boom", 0.8),
    "hit": ("hit", 0.8),
    "launch": ("shimmer", 0.8),
    "launch_refused": ("denied", 0.7),
    "probe_lost": ("boom", 0.6),
    "telemetry": ("ping", 0.7),
    "dark_on": ("power_down", 0.7),
    "dark_off": ("power_up", 0.7),
    "polarity_reversed": ("polarity", 0.7),
    "polarity_normal": ("polarity", 0.7),
    "emerge": ("swell", 0.9),
    "subspace": ("sink", 0.9),
    "ellipse_target": ("lock", 0.6),
    "won": ("chime", 0.9),
    "lost": ("boom", 1.0),
    "timeout": ("sink", 0.9),
    # the prologue and survival
    "radio": ("ping", 0.3),
    "ion_burn": ("power_up", 1.0),
    "ion_burnout": ("power_down", 0.8),
    "tanks_dry": ("denied", 0.6),
    "shear_contact": ("boom", 0.8),
    "story": ("sink", 0.9),
    "asteroid_hit": ("hit", 0.9),
    "anomaly_in_range": ("ping", 0.6),
    "anomaly_scanned": ("chime", 0.6),
    "hunt_faster": ("lock", 0.7),
}
# the salvage and the escape
EVENT_SOUNDS.update({
    "shields_down": ("power_down", 0.5),
    "shields_up": ("power_up", 0.5),
    "out_of_range": ("denied", 0.6),
    "shields_block_beam": ("denied", 0.6),
    "needs_power": ("denied", 0.6),
    "beam_start": ("transporter", 0.9),
    "beam_aborted": ("power_down", 0.8),
    "aboard": ("materialise", 0.8),
    "beamed_back": ("materialise", 0.8),
    "core_powered": ("core_up", 0.8),
    "log": ("data", 0.6),
    "torch_overheat": ("sizzle", 0.8),
    "part_free": ("clank", 0.9),
    "jolt": ("thud", 0.8),
    "power_dip": ("sputter", 0.7),
    "starship_close": ("ping", 0.6),
    "beam_locked": ("tractor_lock", 0.8),
    "handover": ("lock", 0.6),
    "beam_broken": ("snap", 0.9),
    "clear": ("chime", 0.8),
})
UI_SOUNDS = {"move": "ui_move", "confirm": "ui_confirm", "back": "ui_back"}

ENGINE_IDLE = 0.18  # engine loop level with power on and no throttle
ALARM_HULL_FRACTION = 0.25
LOOP_SMOOTHING = 0.2  # fraction of the way to the target level per update


# ------------------------------------------------------------------ synthesis


def _time(seconds: float, rate: int) -> np.ndarray:
    return np.arange(int(round(seconds * rate)), dtype=np.float64) / rate


def _periodic(freq: float, seconds: float) -> float:
    """The nearest frequency that fits a whole number of cycles into a loop."""
    return max(1, round(freq * seconds)) / seconds


def _band_noise(
    rng: np.random.Generator, n: int, rate: int, lo: float, hi: float, tilt: float = 0.0
) -> np.ndarray:
    """Noise limited to [lo, hi] Hz, falling as 1/f**tilt; periodic over n samples."""
    f = np.fft.rfftfreq(n, 1.0 / rate)
    spectrum = rng.standard_normal(f.size) + 1j * rng.standard_normal(f.size)
    gain = ((f >= lo) & (f <= hi)) / np.maximum(f, 1.0) ** tilt
    x = np.fft.irfft(spectrum * gain, n)
    return x / (np.max(np.abs(x)) or 1.0)


def _fade(x: np.ndarray, rate: int, attack: float, release: float) -> np.ndarray:
    n = x.size
    a = min(n, max(1, int(attack * rate)))
    r = min(n, max(1, int(release * rate)))
    env = np.ones(n)
    env[:a] = np.linspace(0.0, 1.0, a)
    env[n - r:] *= np.linspace(1.0, 0.0, r)
    return x * env


def _sweep(f0: float, f1: float, t: np.ndarray, rate: int) -> np.ndarray:
    """A sine gliding exponentially from f0 to f1 Hz over t."""
    freq = f0 * (f1 / f0) ** (t / t[-1])
    return np.sin(2 * np.pi * np.cumsum(freq) / rate)


def _bell(freq: float, t: np.ndarray, decay: float) -> np.ndarray:
    return (np.sin(2 * np.pi * freq * t) + 0.3 * np.sin(2 * np.pi * 2.76 * freq * t)) * np.exp(
        -t * decay
    )


def _place(out: np.ndarray, sound: np.ndarray, start: int) -> None:
    end = min(out.size, start + sound.size)
    out[start:end] += sound[: end - start]


def _norm(x: np.ndarray, peak: float = PEAK) -> np.ndarray:
    peak = min(peak, PEAK)
    return (x * (peak / (np.max(np.abs(x)) or 1.0))).astype(np.float32)


def synthesize(rate: int = 44100) -> dict[str, np.ndarray]:
    """Every sound of the game as float32 mono in [-PEAK, PEAK]; the same on every call."""
    rng = np.random.Generator(np.random.PCG64(SYNTH_SEED))
    two_pi = 2 * np.pi
    s: dict[str, np.ndarray] = {}

    # loops: every component is periodic over the loop, so it repeats without a click
    t = _time(1.0, rate)
    wobble = 1.0 + 0.15 * np.sin(two_pi * 8.0 * t)
    rumble = _band_noise(rng, t.size, rate, 25.0, 420.0, tilt=1.0)
    hum = 0.35 * np.sin(two_pi * 45.0 * t) + 0.15 * np.sin(two_pi * 90.0 * t)
    s["engine"] = _norm((rumble + hum) * wobble, 0.8)

    t2 = _time(2.0, rate)
    drone = sum(
        a * np.sin(two_pi * _periodic(f, 2.0) * t2 + p)
        for f, a, p in ((41.0, 1.0, 0.0), (41.5, 0.9, 1.3), (61.5, 0.6, 2.1), (82.5, 0.4, 0.7),
                        (123.5, 0.2, 2.9))
    )
    breath = 0.8 + 0.2 * np.sin(two_pi * 0.5 * t2)
    drone = drone * breath + 0.5 * _band_noise(rng, t2.size, rate, 40.0, 260.0, tilt=0.5)
    s["drone"] = _norm(drone, 0.85)

    beam = (np.sin(two_pi * 110.0 * t) + 0.5 * np.sin(two_pi * 220.0 * t)
            + 0.25 * np.sin(two_pi * 331.0 * t) + 0.4 * np.sin(two_pi * 111.0 * t))
    s["beam"] = _norm(beam * (0.75 + 0.25 * np.sin(two_pi * 6.0 * t)), 0.7)

    seg = _time(0.25, rate)
    tones = [_fade(np.tanh(3.0 * np.sin(two_pi * f * seg)), rate, 0.01, 0.01)
             for f in (880.0, 660.0)]
    s["alarm"] = _norm(np.concatenate(tones * 2), 0.6)

    # one-shots
    t = _time(1.4, rate)
    boom = (_band_noise(rng, t.size, rate, 20.0, 700.0, tilt=1.0) * np.exp(-t * 3.0)
            + 0.8 * _sweep(90.0, 30.0, t, rate) * np.exp(-t * 4.0))
    s["boom"] = _norm(_fade(boom, rate, 0.004, 0.05))

    t = _time(0.25, rate)
    hit = (_band_noise(rng, t.size, rate, 200.0, 3000.0) * np.exp(-t * 25.0)
           + 0.6 * np.sin(two_pi * 140.0 * t) * np.exp(-t * 18.0))
    s["hit"] = _norm(_fade(hit, rate, 0.002, 0.02), 0.7)

    t = _time(1.0, rate)
    shimmer = 0.15 * _sweep(400.0, 1600.0, t, rate) * np.sin(np.pi * t / t[-1])
    grain_t = _time(0.12, rate)
    window = np.hanning(grain_t.size)
    for start in np.sort(rng.uniform(0.0, 0.85, 28)):
        freq = 900.0 * 2.0 ** (start * 1.6) * rng.uniform(0.97, 1.03)
        grain = np.sin(two_pi * freq * grain_t) * window * rng.uniform(0.4, 1.0)
        _place(shimmer, grain, int(start * rate))
    s["shimmer"] = _norm(_fade(shimmer, rate, 0.01, 0.1), 0.6)

    t = _time(0.05, rate)
    s["ui_move"] = _norm(_fade(np.sin(two_pi * 880.0 * t) * np.exp(-t * 40.0), rate, 0.002, 0.01),
                         0.4)
    t = _time(0.07, rate)
    s["ui_confirm"] = _norm(np.concatenate(
        [_fade(np.sin(two_pi * f * t), rate, 0.003, 0.02) for f in (660.0, 990.0)]), 0.45)
    t = _time(0.12, rate)
    s["ui_back"] = _norm(_fade(_sweep(660.0, 440.0, t, rate), rate, 0.003, 0.03), 0.4)

    t = _time(1.8, rate)
    chime = np.zeros(t.size)
    for k, freq in enumerate((523.25, 659.25, 783.99, 1046.5)):
        _place(chime, _bell(freq, t, 3.0), int(k * 0.15 * rate))
    s["chime"] = _norm(_fade(chime, rate, 0.003, 0.2), 0.7)

    t = _time(0.5, rate)
    ping = np.sin(two_pi * 1320.0 * t) * np.exp(-t * 14.0)
    _place(ping, 0.4 * ping, int(0.15 * rate))
    s["ping"] = _norm(_fade(ping, rate, 0.002, 0.05), 0.6)

    t = _time(0.2, rate)
    s["denied"] = _norm(_fade(np.tanh(4.0 * np.sin(two_pi * 150.0 * t)), rate, 0.005, 0.04), 0.45)

    t = _time(0.6, rate)
    s["power_down"] = _norm(_fade(_sweep(600.0, 70.0, t, rate) * np.exp(-t * 3.0), rate, 0.005,
                                  0.05), 0.5)
    t = _time(0.5, rate)
    s["power_up"] = _norm(_fade(_sweep(80.0, 600.0, t, rate), rate, 0.02, 0.08), 0.5)

    t = _time(0.35, rate)
    zap = np.sin(two_pi * 300.0 * t) * _sweep(40.0, 400.0, t, rate)
    s["polarity"] = _norm(_fade(zap, rate, 0.005, 0.06), 0.5)

    t = _time(2.0, rate)
    swell = (_band_noise(rng, t.size, rate, 20.0, 300.0, tilt=1.0)
             + 0.6 * np.sin(two_pi * 55.0 * t)) * np.minimum(1.0, t / 1.5)
    swell = _fade(swell, rate, 0.01, 0.5)
    s["swell"] = _norm(swell, 0.8)
    s["sink"] = _norm(swell[::-1], 0.8)

    t = _time(0.08, rate)
    beep = _fade(np.sin(two_pi * 1000.0 * t), rate, 0.003, 0.01)
    lock = np.zeros(int(0.3 * rate))
    _place(lock, beep, 0)
    _place(lock, beep, int(0.14 * rate))
    s["lock"] = _norm(lock, 0.5)
    _salvage_and_escape(s, rng, rate)
    return s


def _salvage_and_escape(s: dict[str, np.ndarray], rng: np.random.Generator, rate: int) -> None:
    """The transporter, the cabin's machines and the tow (levels 4 and 5)."""
    two_pi = 2 * np.pi
    # the transporter: a rising shimmering chord under a rain of bright grains
    t = _time(2.8, rate)
    env = np.sin(np.pi * np.minimum(1.0, t / t[-1])) ** 0.7
    chord = sum(np.sin(two_pi * f * t + 0.9 * np.sin(two_pi * 5.0 * t)) * a
                for f, a in ((523.25, 0.5), (659.25, 0.35), (783.99, 0.3), (1046.5, 0.2)))
    tx = 0.25 * chord * env + 0.12 * _sweep(300.0, 1200.0, t, rate) * env
    grain_t = _time(0.09, rate)
    window = np.hanning(grain_t.size)
    for start in np.sort(rng.uniform(0.0, 2.65, 70)):
        freq = rng.uniform(1500.0, 4200.0)
        _place(tx, np.sin(two_pi * freq * grain_t) * window * rng.uniform(0.2, 0.6), int(start * rate))
    s["transporter"] = _norm(_fade(tx, rate, 0.05, 0.3), 0.6)
    # materialising: the shimmer resolving into a soft chord
    t = _time(1.3, rate)
    mat = 0.4 * _sweep(2400.0, 700.0, t, rate) * np.exp(-t * 4.0)
    for k, f in enumerate((392.0, 587.33, 783.99)):
        _place(mat, 0.5 * _bell(f, t, 2.6), int(k * 0.06 * rate))
    s["materialise"] = _norm(_fade(mat, rate, 0.005, 0.2), 0.6)
    # the old computer core spinning up: a rising whine, relays clicking in, two beeps
    t = _time(1.5, rate)
    core = 0.5 * _sweep(90.0, 880.0, t, rate) * np.minimum(1.0, t / 0.3)
    click = _band_noise(rng, int(0.015 * rate), rate, 800.0, 6000.0) * np.hanning(int(0.015 * rate))
    for start in (0.1, 0.25, 0.42, 0.61, 0.8):
        _place(core, 0.8 * click, int(start * rate))
    beep = _fade(np.sin(two_pi * 1200.0 * _time(0.09, rate)), rate, 0.003, 0.01)
    for start in (1.1, 1.28):
        _place(core, 0.6 * beep, int(start * rate))
    s["core_up"] = _norm(_fade(core, rate, 0.005, 0.1), 0.55)
    # a log entry downloaded: a burst of data chirps
    t = _time(0.6, rate)
    data = np.zeros(t.size)
    chirp_t = _time(0.04, rate)
    for k in range(9):
        f = 900.0 + 300.0 * ((k * 7) % 5)
        _place(data, np.sin(two_pi * f * chirp_t) * np.hanning(chirp_t.size), int(k * 0.05 * rate))
    s["data"] = _norm(_fade(data, rate, 0.003, 0.05), 0.45)
    # the torch: a steady hiss with a crackle in it (a loop)
    t = _time(1.0, rate)
    hiss = _band_noise(rng, t.size, rate, 1800.0, 7000.0)
    crackle = _band_noise(rng, t.size, rate, 30.0, 90.0)
    torch = hiss * (0.75 + 0.25 * crackle) + 0.25 * _band_noise(rng, t.size, rate, 300.0, 900.0)
    s["torch"] = _norm(torch, 0.45)
    # the torch overheating and cutting out: a sizzle that dies with a pop
    t = _time(0.8, rate)
    sizzle = _band_noise(rng, t.size, rate, 2000.0, 8000.0) * np.exp(-t * 4.0)
    _place(sizzle, 0.8 * np.sin(two_pi * 180.0 * t[: int(0.08 * rate)]) * np.exp(-t[: int(0.08 * rate)] * 40.0),
           int(0.6 * rate))
    s["sizzle"] = _norm(_fade(sizzle, rate, 0.005, 0.05), 0.5)
    # metal: the part coming free (a clang of inharmonic partials), a surge jolting the hull
    t = _time(1.0, rate)
    clank = sum(np.sin(two_pi * f * t) * np.exp(-t * d) * a
                for f, d, a in ((310.0, 5.0, 1.0), (523.0, 7.0, 0.6), (871.0, 9.0, 0.45), (1477.0, 12.0, 0.3)))
    clank += 0.5 * _band_noise(rng, t.size, rate, 500.0, 5000.0) * np.exp(-t * 40.0)
    s["clank"] = _norm(_fade(clank, rate, 0.002, 0.1), 0.7)
    t = _time(0.9, rate)
    thud = (0.9 * _sweep(120.0, 45.0, t, rate) * np.exp(-t * 6.0)
            + 0.35 * np.sin(two_pi * 233.0 * t) * np.exp(-t * 5.0)
            + 0.4 * _band_noise(rng, t.size, rate, 60.0, 900.0, tilt=0.5) * np.exp(-t * 12.0))
    s["thud"] = _norm(_fade(thud, rate, 0.003, 0.1), 0.8)
    # fluctuating power: the engine coughing
    t = _time(0.7, rate)
    gate = (np.sin(two_pi * 11.0 * t) > -0.2) * np.exp(-t * 2.5)
    sputter = (_band_noise(rng, t.size, rate, 40.0, 500.0, tilt=1.0) + 0.4 * np.sin(two_pi * 55.0 * t)) * gate
    s["sputter"] = _norm(_fade(sputter, rate, 0.005, 0.1), 0.6)
    # the starship's tractor lock: a deep hum swelling in under the lock's beeps
    t = _time(1.6, rate)
    hum = (np.sin(two_pi * 55.0 * t) + 0.6 * np.sin(two_pi * 110.0 * t) + 0.3 * np.sin(two_pi * 165.5 * t))
    hum *= np.minimum(1.0, t / 0.5) * (0.8 + 0.2 * np.sin(two_pi * 6.0 * t))
    hum += 0.3 * _sweep(200.0, 900.0, t, rate) * np.exp(-t * 3.0)
    s["tractor_lock"] = _norm(_fade(hum, rate, 0.01, 0.4), 0.7)
    # the beam snapping
    t = _time(0.5, rate)
    snap = (_band_noise(rng, t.size, rate, 1000.0, 9000.0) * np.exp(-t * 20.0)
            + 0.7 * _sweep(900.0, 80.0, t, rate) * np.exp(-t * 6.0))
    s["snap"] = _norm(_fade(snap, rate, 0.002, 0.05), 0.7)


def to_mixer_array(mono: np.ndarray, fmt: int, channels: int) -> np.ndarray:
    """A float mono sound in [-1, 1] as the mixer's sample format, shape (n,) or (n, channels).

    fmt is pygame.mixer.get_init()'s second value: 8/-8/16/-16 for unsigned/signed
    integers of that width, 32 for float32, -32 for signed 32-bit integers.
    """
    x = np.clip(np.asarray(mono, np.float64), -1.0, 1.0)
    if fmt == 32:
        out = x.astype(np.float32)
    else:
        bits = abs(fmt)
        full = float(2 ** (bits - 1) - 1)
        signed = np.round(x * full)
        if fmt > 0:  # unsigned: silence at mid-scale
            out = (signed + 2 ** (bits - 1)).astype({8: np.uint8, 16: np.uint16}[bits])
        else:
            out = signed.astype({8: np.int8, 16: np.int16, 32: np.int32}[bits])
    if channels == 1:
        return np.ascontiguousarray(out)
    return np.ascontiguousarray(np.repeat(out[:, None], channels, axis=1))


# ------------------------------------------------------------------ playback


class Audio:
    """Plays the game's sounds; silent (every method a no-op) without a mixer."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.message: str | None = None  # why sound is off, for the settings scene
        self._sounds: dict[str, pygame.mixer.Sound] = {}
        self._channels: dict[str, pygame.mixer.Channel] = {}
        self._levels = {name: 0.0 for name in LOOPS}
        self._beam_target = 0.0
        self._loops_on = False
        self._enabled = False
        try:
            if pygame.mixer.get_init() is None:
                pygame.mixer.init(frequency=44100, size=-16, channels=2, buffer=512)
            mixer = pygame.mixer.get_init()
            if mixer is None:
                raise pygame.error("the mixer did not start")
            rate, fmt, channels = mixer
            for name, mono in synthesize(rate).items():
                array = to_mixer_array(mono, fmt, channels)
                self._sounds[name] = pygame.sndarray.make_sound(array)
            pygame.mixer.set_num_channels(max(pygame.mixer.get_num_channels(), 16))
            pygame.mixer.set_reserved(len(LOOPS))
            self._channels = {name: pygame.mixer.Channel(i) for i, name in enumerate(LOOPS)}
        except (pygame.error, NotImplementedError, OSError, KeyError, ValueError) as exc:
            self._sounds.clear()
            self._channels.clear()
            self.message = f"Sound is off: {exc}"
            return
        self._enabled = True
        self.set_volumes(settings)

    @property
    def enabled(self) -> bool:
        return self._enabled

    # ------------------------------------------------------------ volumes
    def _gain(self, name: str) -> float:
        s = self.settings
        part = s.ambience_volume if name in AMBIENCE_LOOPS else s.sfx_volume
        return s.master_volume * part

    def set_volumes(self, settings: Settings) -> None:
        """Apply the volumes of (possibly new) settings to every sound and loop."""
        self.settings = settings
        if not self._enabled:
            return
        for name, sound in self._sounds.items():
            if name not in LOOPS:
                sound.set_volume(self._gain(name))
        self._apply_loop_levels()

    def _apply_loop_levels(self) -> None:
        for name, channel in self._channels.items():
            channel.set_volume(min(1.0, self._levels[name] * self._gain(name)))

    # ------------------------------------------------------------ one-shots
    def play(self, name: str, gain: float = 1.0) -> None:
        """Play a one-shot by name; unknown names and a full mixer are ignored."""
        sound = self._sounds.get(name)
        if not self._enabled or sound is None or name in LOOPS:
            return
        channel = sound.play()
        if channel is not None:
            channel.set_volume(max(0.0, min(1.0, gain)))

    def ui(self, name: str) -> None:
        """A menu blip: "move", "confirm" or "back"."""
        if name in UI_SOUNDS:
            self.play(UI_SOUNDS[name])

    def on_events(self, events: Iterable[Event], world: World | None = None) -> None:
        """Answer the events of one frame; each sound plays at most once per call."""
        if not self._enabled:
            return
        chosen: dict[str, float] = {}
        player = world.player.body if world is not None else None
        for ev in events:
            entry = EVENT_SOUNDS.get(ev.kind)
            if entry is None:
                continue
            if ev.kind == "ellipse_target" and player is not None and int(ev.value) != player:
                continue  # only a lock on the player's own ship is worth a warning
            name, gain = entry
            chosen[name] = max(gain, chosen.get(name, 0.0))
        for name, gain in chosen.items():
            self.play(name, gain)

    # ------------------------------------------------------------ loops
    def beam(self, strength: float) -> None:
        """The tractor beam's hum level, 0 (off) .. 1, for the levels that have one."""
        self._beam_target = max(0.0, min(1.0, float(strength)))

    def _targets(self, world: World) -> dict[str, float]:
        pl = world.player
        b = world.bodies
        i = pl.body
        alive = bool(b.alive[i]) and world.outcome is None
        engine = 0.0
        if alive and not pl.dark:
            # fluctuating power (the escape) makes the engine surge and sag
            engine = ENGINE_IDLE + (1.0 - ENGINE_IDLE) * min(1.0, abs(pl.throttle)) * (
                0.3 + 0.7 * getattr(pl, "thrust_factor", 1.0))

        e = world.ellipse
        drone = 0.0
        if e.presence > 0.0 and not e.gone:
            x, y = world.ship_pos()
            r = math.sqrt(float(world.elliptical_r2(np.array([x]), np.array([y]))[0]))
            if math.isfinite(r):
                closeness = 1.0 if r <= 1.0 else 1.0 / (1.0 + 1.5 * (r - 1.0))
                if r < e.eye_ratio:
                    closeness = 0.5  # the eye is calm
                drone = e.presence * closeness

        full_hull = getattr(getattr(world.level, "ship", None), "hull", 100.0) or 100.0
        hull = float(b.hull[i]) / full_hull
        alarm = 1.0 if alive and 0.0 < hull < ALARM_HULL_FRACTION else 0.0
        # the tow beam hums louder under tension
        beam = self._beam_target
        link = getattr(world, "tractor", None)
        if alive and link is not None and link.target >= 0:
            limit = world.level.config.tractor.break_tension
            beam = max(beam, 0.45 + 0.55 * min(1.0, max(0.0, link.tension) / max(1.0, limit)))
        loops = {"engine": engine, "drone": drone, "beam": beam, "alarm": alarm, "torch": 0.0}
        # the level's kind has its say (the salvage's torch, its cabin muffling the rest)
        return view_of(world.kind).sound_loops(world, loops)

    def update(self, world: World) -> None:
        """Follow the world: engine by throttle, drone by the ellipse, alarm on low hull."""
        if not self._enabled:
            return
        if not self._loops_on:
            for name, channel in self._channels.items():
                channel.set_volume(0.0)
                channel.play(self._sounds[name], loops=-1)
            self._loops_on = True
        for name, target in self._targets(world).items():
            if name in ("alarm", "torch"):  # these switch, they do not fade in
                self._levels[name] = target
            else:
                self._levels[name] += (target - self._levels[name]) * LOOP_SMOOTHING
        self._apply_loop_levels()

    # ------------------------------------------------------------ lifecycle
    def pause(self) -> None:
        if self._enabled:
            pygame.mixer.pause()

    def resume(self) -> None:
        if self._enabled:
            pygame.mixer.unpause()

    def stop(self) -> None:
        """Silence everything (leaving a level); loops restart on the next update."""
        if not self._enabled:
            return
        pygame.mixer.stop()
        self._loops_on = False
        self._levels = {name: 0.0 for name in LOOPS}
        self._beam_target = 0.0
