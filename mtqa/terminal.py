"""What the command line does with a terminal: whether to colour, and a progress bar on stderr.

Colour follows the common conventions, most explicit first: `--no-color`, then `NO_COLOR`
(https://no-color.org: set and not empty means no colour), then `FORCE_COLOR` (set and not
empty means colour even on a pipe), then `TERM=dumb`, then whether the stream is a terminal.

The progress bar is for a person watching: only when stderr is a terminal, not in CI, not with
`--quiet`, and only once a run has lasted long enough to be worth one (a short run prints
nothing, not even a bar that flashes by).
"""

from __future__ import annotations

import atexit
import os
import sys
import time
from collections.abc import Callable
from typing import TextIO

# A run shorter than this shows no bar at all.
PROGRESS_DELAY_S = 1.0

Tick = Callable[..., None]
Progress = Callable[[int], Tick]


def _set(name: str) -> bool:
    return bool(os.environ.get(name, ""))


def use_color(stream: TextIO, no_color: bool = False) -> bool:
    """Whether output written to `stream` may carry ANSI colour codes."""
    if no_color or _set("NO_COLOR"):
        return False
    if _set("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def progress_wanted(quiet: bool = False) -> bool:
    """A bar only for a person at a terminal: not on a pipe, in CI, on a dumb terminal or -q."""
    if quiet or _set("CI") or os.environ.get("TERM") == "dumb":
        return False
    return sys.stderr.isatty()


def progress_bar(label: str, quiet: bool = False, no_color: bool = False) -> Progress | None:
    """`start(total) -> tick(n=1)` drawing a bar on stderr, or None where none is wanted."""
    if not progress_wanted(quiet):
        return None

    def start(total: int) -> Tick:
        state = {"done": 0, "bar": None, "task": None}
        began = time.monotonic()

        def tick(n: int = 1) -> None:
            state["done"] += n
            bar = state["bar"]
            if bar is None:
                if state["done"] >= total or time.monotonic() - began < PROGRESS_DELAY_S:
                    return
                bar = state["bar"] = _rich_bar(label, no_color)
                bar.start()
                atexit.register(bar.stop)  # a run that ends early leaves no bar behind
                state["task"] = bar.add_task("", total=total, completed=state["done"])
                return
            bar.update(state["task"], completed=state["done"])
            if state["done"] >= total:
                bar.stop()

        return tick

    return start


def _rich_bar(label: str, no_color: bool):
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    console = Console(stderr=True, no_color=no_color or _set("NO_COLOR"))
    return Progress(
        label,
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    )
