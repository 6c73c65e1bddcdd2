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


def keep_good_parts(problems: list[tuple[InputError, str]], n_good: int) -> list[str]:
    """The notes for a file with some malformed parts (records, rows, cues) that were skipped or repaired.

    ``problems`` pairs each problem with what was done about it ("skipped", "its text kept without
    times"). One cut-off line should not cost a user the other 500 stories of an export, so a reader
    leaves a malformed part out and goes on; but a file that is mostly malformed is not what its extension
    says (a wrong delimiter, another format), and reading its "good" parts would give nonsense: when the bad
    parts are at least as many as the good ones, the first problem rejects the whole file.
    """
    if problems and len(problems) >= n_good:
        raise problems[0][0]
    return [f"{error.problem} ({done}); fix: {error.fix}" for error, done in problems]
