"""The error hierarchy: every way input can be wrong, each with a message that says what to do.

Every error respcompare raises on bad input is a :class:`RespcompareError`, so a caller can catch
one class. The CLI prints ``str(error)`` on one line and exits with status 2.
"""

from __future__ import annotations

__all__ = [
    "EmptyTextError",
    "FetchError",
    "InputError",
    "InputTooLargeError",
    "LexiconError",
    "OptionalDependencyError",
    "PetitionFormatError",
    "RespcompareError",
    "UnknownExampleError",
]


class RespcompareError(Exception):
    """Base class of every error respcompare raises on purpose."""


class InputError(RespcompareError, ValueError):
    """The input has the wrong type or value; the message says what was expected."""


class EmptyTextError(InputError):
    """A text that must have words (a petition action, a response) is empty or whitespace."""


class InputTooLargeError(InputError):
    """A text is longer than respcompare reviews in reasonable time (see ``MAX_TEXT_CHARS``).

    The message gives the size and the limit; split the text and review the parts.
    """


class PetitionFormatError(InputError):
    """Petition JSON that cannot be read: malformed, truncated, or missing a required field.

    The message names the source (file path or ``<dict>``) and the field.
    """


class UnknownExampleError(InputError, KeyError):
    """``load_example`` was given a name that is not bundled; the message lists the names."""

    def __str__(self) -> str:  # KeyError would otherwise quote the message
        return str(self.args[0]) if self.args else ""


class LexiconError(InputError):
    """A lexicon file that cannot be read; the message names the file, line and problem."""


class OptionalDependencyError(RespcompareError, ImportError):
    """A feature needs an optional package; the message gives the ``pip install`` command."""


class FetchError(RespcompareError):
    """A download from petition.parliament.uk failed (only ``respcompare.fetch`` downloads).

    ``url`` is the address asked for; ``status`` the HTTP status when the site answered with
    an error (404: no such petition), else None; ``offline`` is True when the site could not
    be reached at all (no connection, refused, timed out). A reply that is not petition JSON
    has status None and offline False. The message says what to do.
    """

    def __init__(
        self,
        message: str,
        *,
        url: str | None = None,
        status: int | None = None,
        offline: bool = False,
    ) -> None:
        super().__init__(message)
        self.url = url
        self.status = status
        self.offline = offline
