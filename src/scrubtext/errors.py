"""Typed errors. Every message says what went wrong and what to do about it."""

from __future__ import annotations


class ScrubtextError(Exception):
    """Base class for every error scrubtext raises on purpose."""


class ConfigError(ScrubtextError, ValueError):
    """An option name or value is not valid (unknown key, wrong type, bad TOML)."""


class UnknownFilterError(ConfigError, KeyError):
    """A filter name is not in the registry."""

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0]) if self.args else "unknown filter"


class EditError(ScrubtextError, ValueError):
    """A filter proposed edits that cannot be applied (bad, unsorted or overlapping spans).

    This always means a bug in the filter named in the message.
    """


class PatternTimeout(ScrubtextError, TimeoutError):
    """A named pattern ran past its time budget on adversarial input."""


class InputError(ScrubtextError):
    """A document, file or record could not be read; the message names it."""


class FilterError(ScrubtextError):
    """A filter raised while processing a document; the message names both."""
