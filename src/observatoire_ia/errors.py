"""Errors that name the file and line an author has to fix."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Location:
    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


class LocatedError(Exception):
    """An authoring error, printed as `file:line: message`."""

    def __init__(self, location: Location, message: str) -> None:
        self.location = location
        self.message = message
        super().__init__(f"{location}: {message}")


class AuthoringErrors(Exception):
    """Several authoring errors found in one pass, reported together."""

    def __init__(self, errors: list[LocatedError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(error) for error in errors))
