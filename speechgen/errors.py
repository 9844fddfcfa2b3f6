"""Exception hierarchy.  The CLI turns every :class:`SpeechgenError` into a
Chinese message on stderr and a non-zero exit code; nothing else may escape
to the user as a traceback."""
from __future__ import annotations


class SpeechgenError(Exception):
    """Base class of every error speechgen raises on purpose."""

    exit_code = 2


class InputError(SpeechgenError, ValueError):
    """Bad spec, table or input file.  ``str(exc)`` is the located message(s)."""

    def __init__(self, message: str, *, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or [message]


class PlaceholderError(InputError):
    """The spec still holds placeholders (【待填】, XX…): a draft would look finished but is not."""


class TemplateError(SpeechgenError):
    """Missing template, syntax error or failure while rendering (name + line)."""


class PhraseBankError(SpeechgenError, ValueError):
    """A phrase bank file is malformed or a category is missing."""


class ExportError(SpeechgenError):
    """Unknown format, unwritable path, refusing to overwrite."""


class CheckFailed(SpeechgenError):
    """A rendered draft did not pass the checker (render refuses to write it)."""

    exit_code = 1
