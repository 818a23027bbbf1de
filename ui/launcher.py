"""The `desk` console script: the counter program when called alone, otherwise the core's command line.

It lives in ui/ because the core never imports the GUI; it imports nothing heavy itself, so
`desk quote` starts as fast as the core's own command line.
"""
from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] == "gui":
        from ui.app import main as gui

        return gui(argv[1:])
    if argv[0] == "screenshots":
        from ui.screenshots import main as screenshots

        return screenshots(argv[1:])
    from desk.cli.main import main as cli

    return cli(argv)


if __name__ == "__main__":
    sys.exit(main())
