"""The simulation side never imports pygame."""

import subprocess
import sys

CODE = """
import sys
sys.modules['pygame'] = None  # any import of pygame now fails
import game.sim, game.levels, game.headless, game.pilots
from game.headless import simulate
world, summary = simulate('anomaly', 1, max_seconds=2.0)
assert summary.steps == 240, summary
assert not any(m == 'pygame' or m.startswith('pygame.') for m in sys.modules if sys.modules[m])
print('ok')
"""


def test_sim_levels_headless_import_without_pygame():
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"
