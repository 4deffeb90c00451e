"""`python -m game` starts the game, like the `one-small-step` command."""

from game.cli import main

raise SystemExit(main())
