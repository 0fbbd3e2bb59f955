"""Errors raised by the mapping engine.

Every error the library raises on purpose derives from `MappingError`, so a caller
can catch one class and never see a bare lxml or ValueError escape.
"""
from __future__ import annotations

from dataclasses import dataclass


class MappingError(Exception):
    """Base class of every error the library raises on purpose."""


class ModelError(MappingError):
    """A mapping declaration is wrong; raised when its class is compiled."""


class SerializeError(MappingError):
    """An entity cannot be written as XML (a value does not fit its field)."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input document, with where it stood."""

    message: str
    line: int | None = None
    path: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = []
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.path:
            where.append(self.path)
        if self.field:
            where.append(f"field {self.field}")
        prefix = ", ".join(where)
        return f"{prefix}: {self.message}" if prefix else self.message


class ParseError(MappingError):
    """Input XML does not fit: carries every problem found, not only the first."""

    def __init__(self, problems: list[Problem] | Problem | str):
        if isinstance(problems, str):
            problems = [Problem(problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        super().__init__(self._summary())

    def _summary(self) -> str:
        if len(self.problems) == 1:
            return str(self.problems[0])
        lines = [f"{len(self.problems)} problems:"]
        lines += [f"  - {problem}" for problem in self.problems]
        return "\n".join(lines)
