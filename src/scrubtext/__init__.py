"""scrubtext: composable, explainable filters that clean text scraped from the web.

>>> import scrubtext
>>> scrubtext.clean("Hello world.")
'Hello world.'
"""

from __future__ import annotations

__version__ = "0.1.0"

from .api import clean, scrub
from .config import Config
from .document import Document, Edit, Flag, Step
from .errors import (
    ConfigError,
    EditError,
    FilterError,
    InputError,
    PatternTimeout,
    ScrubtextError,
    UnknownFilterError,
)
from .filter import Filter, TextFilter
from .pipeline import EditRecord, FlagRecord, Pipeline, Result
from .registry import REGISTRY, available, build_filter, default_pipeline

__all__ = [
    "REGISTRY",
    "Config",
    "ConfigError",
    "Document",
    "Edit",
    "EditError",
    "EditRecord",
    "Filter",
    "FilterError",
    "Flag",
    "FlagRecord",
    "InputError",
    "PatternTimeout",
    "Pipeline",
    "Result",
    "ScrubtextError",
    "Step",
    "TextFilter",
    "UnknownFilterError",
    "__version__",
    "available",
    "build_filter",
    "clean",
    "default_pipeline",
    "scrub",
]
