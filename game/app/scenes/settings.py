"""The settings screen: volumes, window, accessibility and key bindings.

Left / right change a value, confirm toggles it or starts a rebinding ("press a key
for ..."; Esc cancels). Changes apply at once and are saved when the screen closes.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import pygame

from game.app.input import key_name_of
from game.app.scenes import ui
from game.app.scenes.base import Scene
from game.app.scenes.briefing import control_commands, control_name
from game.app.settings import save_settings

if TYPE_CHECKING:
    from game.app.loop import App

VOLUMES = (("master_volume", "MASTER VOLUME"), ("sfx_volume", "EFFECTS VOLUME"),
           ("ambience_volume", "AMBIENCE VOLUME"))
TOGGLES = (("fullscreen", "FULLSCREEN"), ("reduce_motion", "REDUCE MOTION"),
           ("show_fps", "SHOW FPS"))
VOLUME_STEP = 0.1


class SettingsScene(Scene):
    def __init__(self, app: App):
        super().__init__(app)
        items = [ui.MenuItem(key, label) for key, label in VOLUMES + TOGGLES]
        items += [ui.MenuItem(f"bind:{cmd}", control_name(cmd).upper())
                  for cmd in control_commands()]
        items.append(ui.MenuItem("back", "BACK"))
        self.menu = ui.Menu(items)
        self.capturing: str | None = None  # command waiting for a key
        self.note: str | None = None
        self.t = 0.0
        self._stars = ui.star_field(app.size, seed=9)
        self._refresh()

    @property
    def settings(self):
        return self.app.settings

    def _refresh(self) -> None:
        s = self.settings
        for item in self.menu.items:
            if item.key in dict(VOLUMES):
                item.value = f"{round(getattr(s, item.key) * 100)} %"
            elif item.key in dict(TOGGLES):
                item.value = "ON" if getattr(s, item.key) else "OFF"
            elif item.key.startswith("bind:"):
                item.value = self.app.input.binding_label(item.key[5:])

    def exit(self) -> None:
        try:
            save_settings(self.settings)
        except OSError as e:
            print(f"one-small-step: cannot save the settings ({e})", file=sys.stderr)

    # ---------------------------------------------------------------- input
    def handle(self, event: pygame.event.Event) -> None:
        if self.capturing is not None:
            self._capture(event)
            return
        action = self.menu_action(event)
        key = self.menu.selected.key
        if action in ("up", "down"):
            if self.menu.move(-1 if action == "up" else 1):
                self.ui_sound("move")
                self.note = None
        elif action in ("left", "right"):
            self.adjust(key, -1 if action == "left" else 1)
        elif action == "confirm":
            self.ui_sound("confirm")
            if key == "back":
                self.app.pop()
            elif key.startswith("bind:"):
                self.capturing = key[5:]
                self.note = None
            else:
                self.adjust(key, 1, wrap=True)
        elif action in ("back", "pause"):
            self.ui_sound("back")
            self.app.pop()

    def adjust(self, key: str, direction: int, wrap: bool = False) -> None:
        s = self.settings
        if key in dict(VOLUMES):
            value = round(getattr(s, key) + direction * VOLUME_STEP, 2)
            if wrap and value > 1.0 + 1e-6:
                value = 0.0
            setattr(s, key, min(1.0, max(0.0, value)))
            self.app.audio.set_volumes(s)
            self.ui_sound("move")
        elif key in dict(TOGGLES):
            setattr(s, key, not getattr(s, key))
            if key == "fullscreen":
                self.app.set_fullscreen(s.fullscreen)
            self.ui_sound("move")
        self._refresh()

    def _capture(self, event: pygame.event.Event) -> None:
        command = self.capturing
        assert command is not None
        if event.type == pygame.KEYDOWN:
            name = key_name_of(event)
            if name is None:
                return
            if name == "escape":
                self.capturing = None
                self.note = "Unchanged."
                return
            try:
                old = self.app.input.rebind(command, name)
            except ValueError as e:
                self.note = str(e)
                return
        elif event.type in (pygame.JOYBUTTONDOWN, pygame.JOYHATMOTION, pygame.JOYAXISMOTION):
            control = self.app.input.pad_control_of(event)
            if control is None:
                return
            try:
                old = self.app.input.rebind_pad(command, control)
            except ValueError as e:
                self.note = str(e)
                return
        else:
            return
        self.capturing = None
        self.note = f"{control_name(command)}: {self.app.input.binding_label(command)}."
        if old:
            self.note += f" {control_name(old)} lost that key."
        self.ui_sound("confirm")
        self._refresh()

    def update(self, dt: float) -> None:
        self.t += dt
        self._refresh()  # F11 can change the window mode while this screen is up

    # ---------------------------------------------------------------- draw
    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        w, h = surface.get_size()
        surface.blit(self._stars, (0, 0))
        ui.glow_text(surface, "SETTINGS", 72, ui.CYAN, (w // 2, 34), "midtop")
        spacing = min(36, (h - 210) // len(self.menu.items))
        self.menu.draw(surface, w // 2, 116, size=spacing - 4, spacing=spacing,
                       value_x=w // 2 + 40)
        y = h - 66
        if self.capturing is not None:
            label = control_name(self.capturing).upper()
            ui.glow_text(surface, f"PRESS A KEY OR PAD BUTTON FOR {label}   (ESC CANCELS)", 28,
                         ui.AMBER, (w // 2, y), "midtop")
        elif self.note:
            ui.draw_text(surface, self.note, 26, ui.AMBER, (w // 2, y), "midtop")
        else:
            ui.draw_text(surface, "LEFT / RIGHT CHANGE     ENTER TOGGLES OR REBINDS     ESC BACK",
                         22, ui.DIM, (w // 2, y + 4), "midtop")
        message = getattr(self.app.audio, "message", None)
        if message:
            ui.draw_text(surface, message, 20, ui.DIM, (w // 2, h - 30), "midtop")
