"""`mtqa` on the command line (`python -m mtqa` and the installed script).

`mtqa --version` and `mtqa version` answer before the CLI framework and the engines are imported:
a version check in a script or CI step should cost about as much as starting Python.

Whatever goes wrong ends in one line and exit code 2, as a user error does: a file mtqa cannot
handle must not look like "findings" (exit 1) nor print a traceback at the user. `--debug`
(anywhere on the command line, or MTQA_DEBUG=1) shows the traceback instead.
"""

from __future__ import annotations

import os
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
    debug = _take_debug_flag(sys.argv) or os.environ.get("MTQA_DEBUG", "") not in ("", "0")
    try:
        with gc_paused():
            from .cli import main as cli_main
        gc.freeze()
        gc.set_threshold(20_000, 20, 20)
        cli_main()
    except (SystemExit, KeyboardInterrupt):
        raise
    except BaseException as exc:
        if debug:
            raise
        from .guard import one_line

        sys.stderr.write(one_line(exc) + "\n")
        sys.exit(2)


def _take_debug_flag(argv: list[str]) -> bool:
    """Remove `--debug` from the options (not after `--`, where it would be a file name)."""
    options = argv[1 : argv.index("--")] if "--" in argv else argv[1:]
    if "--debug" not in options:
        return False
    argv.remove("--debug")
    return True


if __name__ == "__main__":
    main()
