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
    import gc

    from .gcpause import gc_paused

    # A command is one short process: the modules it imports are never garbage, so no
    # collection need walk them while they load (some 50 collections, 3 to 4 ms), nor again
    # after (nor touch their pages in forked workers), and collections of the many short-lived
    # findings can come less often.
    with gc_paused():
        from .cli import main as cli_main
    gc.freeze()
    gc.set_threshold(20_000, 20, 20)
    cli_main()


if __name__ == "__main__":
    main()
