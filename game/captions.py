"""Short lines of text that react to what happens in a level.

A level file lists its captions (`[[captions]]`: the event kind that shows it, the
text, whether it shows only once, how long it stays). The play scene feeds the events
of every fixed step into a `CaptionQueue` and hands the active captions to the
renderer. Time here is simulated time, so a paused game keeps its captions.
No pygame: this is plain bookkeeping and is tested without a window.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from game.sim.events import REFUSED

FADE_IN = 0.25  # s
FADE_OUT = 0.6  # s
REFUSAL_EVENTS = frozenset({"refused", "launch_refused", "dark_limits"})
REFUSAL_SECONDS = 2.5  # s a "why not" line stays up


class CaptionSpec(Protocol):
    on: str
    text: str
    once: bool
    seconds: float


class _EventLike(Protocol):
    kind: str
    value: float
    note: str


@dataclass(slots=True)
class ActiveCaption:
    """A caption on screen: its text, the time it has left and its opacity 0..1."""

    text: str
    seconds: float
    remaining: float

    @property
    def age(self) -> float:
        return self.seconds - self.remaining

    @property
    def alpha(self) -> float:
        a = min(1.0, self.age / FADE_IN) if FADE_IN > 0 else 1.0
        b = min(1.0, self.remaining / FADE_OUT) if FADE_OUT > 0 else 1.0
        return max(0.0, min(a, b))


class CaptionQueue:
    """Captions waiting and showing. At most `max_visible` show at once; the rest wait."""

    def __init__(self, specs: Iterable[CaptionSpec] = (), max_visible: int = 2,
                 max_waiting: int = 4):
        self._by_kind: dict[str, list[CaptionSpec]] = {}
        for spec in specs:
            self._by_kind.setdefault(spec.on, []).append(spec)
        self.max_visible = max_visible
        self.max_waiting = max_waiting
        self._shown: set[int] = set()  # id() of once-only specs already used
        self._waiting: deque[tuple[str, float]] = deque()
        self._showing: list[ActiveCaption] = []

    def feed(self, events: Iterable[_EventLike]) -> None:
        """Queue the captions the events of one step call for; a refused command says why
        (unless the level has its own caption for that event)."""
        for ev in events:
            why = REFUSED.get(int(ev.value)) if ev.kind in REFUSAL_EVENTS else None
            if why is not None and ev.kind not in self._by_kind:
                self.show(why[0].upper() + why[1:], REFUSAL_SECONDS)
            for spec in self._by_kind.get(ev.kind, ()):
                if spec.once:
                    if id(spec) in self._shown:
                        continue
                    self._shown.add(id(spec))
                self.show(_quote(spec.text, getattr(ev, "note", "")), spec.seconds)

    def show(self, text: str, seconds: float) -> None:
        """Queue a caption; one already on screen with the same text is kept up longer."""
        for cap in self._showing:
            if cap.text == text:
                cap.remaining = max(cap.remaining, min(seconds, cap.seconds))
                return
        if any(t == text for t, _ in self._waiting):
            return
        self._waiting.append((text, seconds))
        while len(self._waiting) > self.max_waiting:
            self._waiting.popleft()  # old news: drop the oldest waiting line
        self._promote()

    def update(self, dt: float) -> None:
        for cap in self._showing:
            cap.remaining -= dt
        self._showing = [c for c in self._showing if c.remaining > 0.0]
        self._promote()

    def _promote(self) -> None:
        while self._waiting and len(self._showing) < self.max_visible:
            text, seconds = self._waiting.popleft()
            self._showing.append(ActiveCaption(text, seconds, seconds))

    def active(self) -> list[ActiveCaption]:
        """The captions on screen now, oldest first."""
        return list(self._showing)

    def texts(self) -> list[str]:
        return [c.text for c in self._showing]

    def clear(self) -> None:
        self._waiting.clear()
        self._showing.clear()


def _quote(text: str, note: str) -> str:
    """A caption's text with the event's words in place of {note} (when it has any)."""
    return text.replace("{note}", note) if "{note}" in text else text
