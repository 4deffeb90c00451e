"""The wheel carries the shipped levels and assets inside the `game` package.

`levels/` and `assets/` stay at the top of the repository, where designers edit
them; building a wheel (or `pip install .`, or pipx) copies them into the built
package as `game/_levels` and `game/_assets`, where `game.levels.loader` and the
font loader find them with importlib.resources. An editable install (`pip install
-e .`) copies nothing: the game then reads the source folders themselves, so a
level saved in `levels/` reloads in the running game.

Everything else is in pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
# source folder at the top -> folder inside the package
SHIPPED = {"levels": ("game", "_levels"), "assets": ("game", "_assets")}


class BuildPyWithData(build_py):
    """build_py, then the shipped data folders copied into the built package."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # editable: the game reads the source folders directly
        for source, parts in SHIPPED.items():
            src = ROOT / source
            if not src.is_dir():
                continue
            dst = Path(self.build_lib).joinpath(*parts)
            if dst.exists():
                shutil.rmtree(dst)
            shutil.copytree(src, dst, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".*"))

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        outputs = list(super().get_outputs(include_bytecode))
        if getattr(self, "editable_mode", False):
            return outputs
        for source, parts in SHIPPED.items():
            src = ROOT / source
            if src.is_dir():
                base = Path(self.build_lib).joinpath(*parts)
                outputs += [str(base / f.relative_to(src)) for f in src.rglob("*") if f.is_file()]
        return outputs


setup(cmdclass={"build_py": BuildPyWithData})
