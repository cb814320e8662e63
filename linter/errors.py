"""Exceptions raised by bangkok-lint and the exit codes the CLI maps them to.

Every input problem is an `InputError` subclass carrying a stable `code` string (used
in JSON `errors[]`) and a one-line message; the CLI prints "PATH: message" and moves on
to the next file.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INPUT = 3


class BangkokLintError(Exception):
    """Base class for every error bangkok-lint reports without a traceback."""


class UsageError(BangkokLintError):
    """Bad command-line options or configuration (exit 2)."""


class ConfigError(UsageError):
    """A configuration file has an unknown key or a bad value."""


class PolicyError(BangkokLintError):
    """Rule or pattern data is malformed."""


class InputError(BangkokLintError):
    """A document could not be read (exit 3)."""

    code = "unreadable"

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        # Rebuilt from both arguments when it travels back from a worker process (pickle
        # would otherwise call the class with the one combined message).
        return type(self), (self.path, self.message)


class MissingFileError(InputError):
    code = "not-found"


class EmptyDocumentError(InputError):
    code = "empty"


class UnsupportedFormatError(InputError):
    code = "unsupported-format"


class CorruptDocumentError(InputError):
    code = "corrupt"


class EncryptedDocumentError(InputError):
    code = "encrypted"


class ScannedDocumentError(InputError):
    code = "no-text-layer"


class DocumentTooLargeError(InputError):
    code = "too-large"
