"""The settings screen: volumes, window, accessibility and control bindings.

Up / down choose a line, left / right change a value. On a control's line left /
right choose the column (first key, second key, pad) and confirm waits for the new
key or pad control ("press a key for ..."; Esc or the pad's Start cancels). A key
another command already has is offered as a swap: confirm swaps the two, back keeps
both as they were. "Reset controls" puts every key and pad control back to the
defaults. Changes apply at once and are saved when the screen closes. Keyboard and
pad both drive every line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.app.input import button_name, control_label, key_name_of
from game.app.scenes import ui
from game.app.scenes.base import Scene
from game.app.scenes.briefing import control_commands, control_name

if TYPE_CHECKING:
    from game.app.loop import App

VOLUMES = (("master_volume", "MASTER VOLUME"), ("sfx_volume", "EFFECTS VOLUME"),
           ("ambience_volume", "AMBIENCE VOLUME"))
SLIDERS = (("shake_strength", "SCREEN SHAKE"),)
TOGGLES = (("fullscreen", "FULLSCREEN"), ("reduce_motion", "REDUCE MOTION"),
           ("show_fps", "SHOW FPS"))
CHOICES = {"scale_mode": ("SCALING", (("fit", "FIT TO WINDOW"), ("integer", "WHOLE PIXELS")))}
VOLUME_STEP = 0.1
COLUMNS = ("KEY", "2ND KEY", "PAD")  # what confirm rebinds on a control's line
VISIBLE_ROWS = 15


class SettingsScene(Scene):
    def __init__(self, app: App):
        super().__init__(app)
        items = [ui.MenuItem(key, label) for key, label in VOLUMES]
        items += [ui.MenuItem("fullscreen", "FULLSCREEN"),
                  ui.MenuItem("scale_mode", CHOICES["scale_mode"][0])]
        items += [ui.MenuItem(key, label) for key, label in SLIDERS]
        items += [ui.MenuItem(key, label) for key, label in TOGGLES if key != "fullscreen"]
        items += [ui.MenuItem(f"bind:{cmd}", control_name(cmd).upper())
                  for cmd in control_commands()]
        items.append(ui.MenuItem("reset", "RESET CONTROLS TO DEFAULTS"))
        items.append(ui.MenuItem("back", "BACK"))
        self.menu = ui.Menu(items)
        self.column = 0  # on a control's line: 0 first key, 1 second key, 2 pad
        self.capturing: str | None = None  # command waiting for a key or pad control
        self.pending: tuple[str, str, int, bool, str] | None = None  # a swap to confirm
        self.note: str | None = None
        self.t = 0.0
        self._stars = ui.star_field(app.size, seed=9)
        self._refresh()

    @property
    def settings(self):
        return self.app.settings

    def _binding_value(self, command: str) -> str:
        keys = self.settings.bindings.get(command, [])
        pads = self.settings.pad_bindings.get(command, [])
        cells = [control_label(keys[0]) if keys else "-",
                 control_label(keys[1]) if len(keys) > 1 else "-",
                 " / ".join(control_label(c) for c in pads) or "-"]
        if self.menu.selected.key == f"bind:{command}":
            cells[self.column] = f"[{cells[self.column]}]"
        return "   ".join(cells)

    def _refresh(self) -> None:
        s = self.settings
        for item in self.menu.items:
            if item.key in dict(VOLUMES) or item.key in dict(SLIDERS):
                item.value = f"{round(getattr(s, item.key) * 100)} %"
            elif item.key in dict(TOGGLES):
                item.value = "ON" if getattr(s, item.key) else "OFF"
            elif item.key in CHOICES:
                item.value = dict(CHOICES[item.key][1]).get(getattr(s, item.key), "FIT TO WINDOW")
            elif item.key.startswith("bind:"):
                item.value = self._binding_value(item.key[5:])

    def exit(self) -> None:
        self.app.save_settings()

    # ---------------------------------------------------------------- input
    def handle(self, event: pygame.event.Event) -> None:
        if self.pending is not None:
            self._confirm_swap(event)
            return
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
            if key.startswith("bind:"):
                self.column = (self.column + (1 if action == "right" else -1)) % len(COLUMNS)
                self.ui_sound("move")
            else:
                self.adjust(key, -1 if action == "left" else 1)
        elif action == "confirm":
            self.ui_sound("confirm")
            if key == "back":
                self.app.pop()
            elif key == "reset":
                self.app.input.reset_bindings()
                self.note = "Every key and pad control is back to its default."
            elif key.startswith("bind:"):
                self.capturing = key[5:]
                self.note = None
            else:
                self.adjust(key, 1, wrap=True)
        elif action in ("back", "pause"):
            self.ui_sound("back")
            self.app.pop()
        self._refresh()

    def adjust(self, key: str, direction: int, wrap: bool = False) -> None:
        s = self.settings
        if key in dict(VOLUMES) or key in dict(SLIDERS):
            value = round(getattr(s, key) + direction * VOLUME_STEP, 2)
            if wrap and value > 1.0 + 1e-6:
                value = 0.0
            setattr(s, key, min(1.0, max(0.0, value)))
            if key in dict(VOLUMES):
                self.app.audio.set_volumes(s)
            self.app.apply_window_settings()
            self.ui_sound("move")
        elif key in dict(TOGGLES):
            setattr(s, key, not getattr(s, key))
            if key == "fullscreen":
                self.app.set_fullscreen(s.fullscreen)
            self.app.apply_window_settings()
            self.ui_sound("move")
        elif key in CHOICES:
            options = [value for value, _ in CHOICES[key][1]]
            current = getattr(s, key)
            i = options.index(current) if current in options else 0
            setattr(s, key, options[(i + direction) % len(options)])
            self.app.apply_window_settings()
            self.ui_sound("move")
        self._refresh()

    def _capture(self, event: pygame.event.Event) -> None:
        command = self.capturing
        assert command is not None
        pad = False
        if event.type == pygame.KEYDOWN:
            name = key_name_of(event)
            if name is None:
                return
            if name == "escape":
                self.capturing = None
                self.note = "Unchanged."
                return
            control = name
        elif event.type == pygame.CONTROLLERBUTTONDOWN and button_name(event) == "start":
            self.capturing = None
            self.note = "Unchanged."
            return
        elif event.type in (pygame.CONTROLLERBUTTONDOWN, pygame.CONTROLLERAXISMOTION):
            got = self.app.input.pad_control_of(event)
            if got is None:
                return
            control, pad = got, True
        else:
            return
        slot = 0 if pad else min(self.column, 1)
        table = self.settings.pad_bindings if pad else self.settings.bindings
        owner = self.app.input.owner_of(table, control, command)
        self.capturing = None
        if owner is not None:
            self.pending = (command, control, slot, pad, owner)
            self.note = (f"{control_label(control)} is on {control_name(owner)}. "
                         "Confirm to swap them, back to keep both as they were.")
            return
        self._apply(command, control, slot, pad)

    def _apply(self, command: str, control: str, slot: int, pad: bool) -> None:
        try:
            if pad:
                old = self.app.input.rebind_pad(command, control, slot)
            else:
                old = self.app.input.rebind(command, control, slot)
        except ValueError as e:
            self.note = str(e)
            return
        self.note = f"{control_name(command)}: {self.app.input.binding_label(command, pad=pad)}."
        if old:
            self.note += f" {control_name(old)}: {self.app.input.binding_label(old, pad=pad)}."
        self.ui_sound("confirm")
        self._refresh()

    def _confirm_swap(self, event: pygame.event.Event) -> None:
        action = self.menu_action(event)
        if action == "confirm":
            command, control, slot, pad, _ = self.pending
            self.pending = None
            self._apply(command, control, slot, pad)
        elif action in ("back", "pause"):
            self.pending = None
            self.note = "Unchanged."
            self.ui_sound("back")

    def update(self, dt: float) -> None:
        self.t += dt
        self._refresh()  # F11 can change the window mode while this screen is up

    # ---------------------------------------------------------------- draw
    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        w, h = surface.get_size()
        surface.blit(self._stars, (0, 0))
        ui.glow_text(surface, "SETTINGS", 64, ui.CYAN, (w // 2, 24), "midtop")
        items = self.menu.items
        first = max(0, min(self.menu.index - VISIBLE_ROWS // 2, len(items) - VISIBLE_ROWS))
        top, spacing, size = 100, 34, 30
        label_x, value_x = w // 2 - 60, w // 2 - 20
        for row, i in enumerate(range(first, min(len(items), first + VISIBLE_ROWS))):
            item = items[i]
            y = top + row * spacing
            chosen = i == self.menu.index
            col = ui.CYAN if chosen else ui.GREY
            if chosen:
                rect = ui.glow_text(surface, item.label, size, col, (label_x, y), "topright")
                ui.draw_text(surface, ">", size, col, (rect.left - 26, y))
            else:
                ui.draw_text(surface, item.label, size, col, (label_x, y), "topright")
            if item.value is not None:
                ui.draw_text(surface, item.value, size, ui.WHITE if chosen else ui.GREY, (value_x, y))
        if first > 0:
            ui.draw_text(surface, "MORE ABOVE", 18, ui.DIM, (w // 2, top - 20), "midtop")
        if first + VISIBLE_ROWS < len(items):
            ui.draw_text(surface, "MORE BELOW", 18, ui.DIM,
                         (w // 2, top + VISIBLE_ROWS * spacing), "midtop")
        y = h - 84
        selected = self.menu.selected.key
        if self.capturing is not None:
            label = control_name(self.capturing).upper()
            where = ("THE PAD" if self.column == 2 else
                     "THE SECOND KEY" if self.column == 1 else "THE FIRST KEY")
            ui.glow_text(surface, f"PRESS A KEY OR PAD CONTROL FOR {label} ({where})", 28,
                         ui.AMBER, (w // 2, y), "midtop")
            ui.draw_text(surface, "ESC OR START CANCELS", 20, ui.DIM, (w // 2, y + 34), "midtop")
        elif self.note:
            for k, line in enumerate(ui.wrap(self.note, 24, w - 200)[:2]):
                ui.draw_text(surface, line, 24, ui.AMBER, (w // 2, y + 26 * k), "midtop")
        elif selected.startswith("bind:"):
            ui.draw_text(surface, "LEFT / RIGHT: KEY, 2ND KEY OR PAD     ENTER / A: REBIND     "
                         "ESC / B: BACK", 22, ui.DIM, (w // 2, y + 4), "midtop")
        else:
            ui.draw_text(surface, "LEFT / RIGHT CHANGE     ENTER / A TOGGLES     ESC / B BACK",
                         22, ui.DIM, (w // 2, y + 4), "midtop")
        message = getattr(self.app.audio, "message", None) or self.app.input.message
        if message:
            ui.draw_text(surface, message, 20, ui.DIM, (w // 2, h - 30), "midtop")
