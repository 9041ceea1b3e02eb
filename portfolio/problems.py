"""Problems found in a project's files: one shape for every error and warning."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """Something wrong in a file, with enough detail for the user to fix it."""

    file: str
    """Path relative to the project root, with forward slashes."""
    message: str
    severity: Severity = Severity.ERROR
    line: int | None = None
    """1-based line in the file, where one is known."""
    field: str | None = None
    """Dotted path of the offending field, e.g. ``criteria[2].ref``."""
    hint: str | None = None
    """What to do about it."""
    code: str | None = None
    """A stable name for the kind of problem, for programs reading the JSON (e.g. 'personal-data')."""
    kind: str | None = None
    """A finer kind within the code (for personal data: 'phone', 'email', …)."""

    def location(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "field": self.field,
            "message": self.message,
            "hint": self.hint,
            "severity": self.severity.value,
            "code": self.code,
            "kind": self.kind,
        }

    def sort_key(self) -> tuple[str, int, str]:
        return (self.file, self.line or 0, self.field or "")


class ProblemList(list[Problem]):
    """Problems collected during a run; every one is reported, not only the first."""

    def error(self, file: str, message: str, **details: object) -> None:
        self.append(Problem(file, message, Severity.ERROR, **details))  # type: ignore[arg-type]

    def warning(self, file: str, message: str, **details: object) -> None:
        self.append(Problem(file, message, Severity.WARNING, **details))  # type: ignore[arg-type]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self if p.severity is Severity.WARNING]
