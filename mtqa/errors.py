"""Errors caused by the user's input. The CLI turns them into one clear line and exit code 2."""

from __future__ import annotations


class MtqaError(Exception):
    """A problem with what the user asked for or gave us (never a bug in mtqa)."""

    def __str__(self) -> str:
        # Messages quote file names and file contents: no escape sequence reaches a terminal.
        from .sanitize import for_terminal

        return for_terminal(super().__str__())


class InputError(MtqaError):
    """A document that cannot be read as text: missing, binary, not UTF-8, empty, too large."""

    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}")
        self.path = path
        self.reason = message

    # Pool workers send errors back pickled; an exception pickles its `args` (here the joined
    # message), which this constructor could not take.
    def __reduce__(self):
        return InputError, (self.path, self.reason)


class GlossaryError(MtqaError):
    """One or more problems in a glossary file; each problem names file and line."""

    def __init__(self, problems: list[GlossaryProblem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class GlossaryProblem:
    __slots__ = ("line", "message", "path")

    def __init__(self, path: str, line: int | None, message: str):
        self.path = path
        self.line = line
        self.message = message

    def __str__(self) -> str:
        from .sanitize import for_terminal

        where = f"{self.path}:{self.line}" if self.line else self.path
        return for_terminal(f"{where}: {self.message}")

    def __repr__(self) -> str:
        return f"GlossaryProblem({self!s})"


class ConfigError(MtqaError):
    """Invalid configuration in pyproject.toml [tool.mtqa] or mtqa.toml."""
