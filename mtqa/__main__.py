"""`mtqa` on the command line (`python -m mtqa` and the installed script).

`mtqa --version` and `mtqa version` answer before the CLI framework and the engines are imported:
a version check in a script or CI step should cost about as much as starting Python.
"""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] in (["--version"], ["version"]):
        from .version import __version__

        sys.stdout.write(f"mtqa {__version__}\n")
        return
    from .cli import main as cli_main

    cli_main()


if __name__ == "__main__":
    main()
