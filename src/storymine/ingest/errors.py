"""The one error type readers raise for bad input: a problem and how to fix it."""

from __future__ import annotations


class InputError(Exception):
    """An input file cannot be ingested; ``problem`` and ``fix`` make a one-line reason."""

    def __init__(self, problem: str, fix: str) -> None:
        super().__init__(f"{problem}; {fix}")
        self.problem = problem
        self.fix = fix

    def reason(self, path: str) -> str:
        """One line naming the file, what is wrong and how to fix it."""
        return f"{path}: {self.problem}; fix: {self.fix}"
