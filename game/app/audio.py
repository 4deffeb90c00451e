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

from game.app.settings import Settings

if TYPE_CHECKING:
    from game.sim.world import Event, World

SYNTH_SEED = 2032
PEAK = 0.9  # headroom: no synthesised sound reaches full scale

LOOPS = ("engine", "drone", "beam", "alarm")  # each on its own reserved channel
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
}
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
    return s


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
            engine = ENGINE_IDLE + (1.0 - ENGINE_IDLE) * min(1.0, abs(pl.throttle))

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
        return {"engine": engine, "drone": drone, "beam": self._beam_target, "alarm": alarm}

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
            if name == "alarm":  # an alarm switches, it does not fade in
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
