"""The explicit table of named filters, in pipeline order.

A new filter is one module under ``scrubtext.filters`` plus one line here.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .config import Config
from .errors import ConfigError, UnknownFilterError
from .filter import Filter, TextFilter, rule_matches
from .filters.boilerplate import Boilerplate
from .filters.coherence import Coherence
from .filters.controls import Controls
from .filters.entities import Entities
from .filters.html import HtmlExtract
from .filters.language import Language
from .filters.mt import MtFlags, MtRepair, MtSettle
from .filters.punctuation import Punctuation
from .filters.script import Script
from .filters.unicode import UnicodeRepair
from .filters.whitespace import Tidy, Whitespace
from .pipeline import Pipeline


@dataclass(frozen=True)
class FilterSpec:
    """A registry row: the filter class, whether it runs by default, and a summary."""

    name: str
    cls: type[TextFilter]
    default: bool
    summary: str
    #: Another filter whose options this one takes and with which it is chosen or skipped.
    shares: str | None = None
    #: Filters whose annotations this one reads: ``filters=[name]`` brings them along.
    needs: tuple[str, ...] = ()


def _spec(
    cls: type[TextFilter],
    summary: str,
    default: bool = True,
    shares: str | None = None,
    needs: tuple[str, ...] = (),
) -> FilterSpec:
    return FilterSpec(cls.name, cls, default, summary, shares, needs)


#: Every filter, in the order a pipeline runs them.
REGISTRY: dict[str, FilterSpec] = {
    s.name: s
    for s in (
        _spec(HtmlExtract, "HTML documents: extract the main text (no-op on plain text)"),
        _spec(Controls, "remove control and zero-width characters"),
        _spec(Entities, "decode HTML entities left in plain text"),
        _spec(UnicodeRepair, "repair mojibake and broken encodings with ftfy"),
        _spec(Whitespace, "NBSP runs, trailing spaces, blank-line floods, spaces in brackets"),
        _spec(Punctuation, "doubled full stops and commas"),
        _spec(Language, "detect the document language (annotation only)"),
        _spec(MtRepair, "repair machine-translation slips that have one correct form"),
        _spec(Script, "delete JavaScript, CSS and JSON left in plain text"),
        _spec(Boilerplate, "delete menus, link lists, widgets, footers and page furniture"),
        _spec(MtSettle, "the mt repairs again, on seams the deletions left", shares="mt"),
        _spec(MtFlags, "flag machine-translation artefacts that need a human (never edits)"),
        _spec(
            Coherence,
            "flag incoherent sentences: off-topic, grafted clauses, scrambled",
            needs=("language",),  # it scores English documents only
        ),
        _spec(Tidy, "final whitespace tidy, so the pipeline is idempotent"),
    )
}


def available() -> list[FilterSpec]:
    """Registry rows, in pipeline order."""
    return list(REGISTRY.values())


def build_filter(name: str, config: Config | None = None) -> Filter:
    """Construct filter ``name`` with its parameters from ``config``."""
    config = config or Config()
    try:
        spec = REGISTRY[name]
    except KeyError:
        raise UnknownFilterError(
            f"unknown filter {name!r}; filters are: {', '.join(REGISTRY)}"
        ) from None
    kw: dict[str, Any] = config.params_for(spec.shares or name)
    fields = {f.name: f for f in dataclasses.fields(spec.cls)}
    for key, value in list(kw.items()):
        default = fields[key].default
        if isinstance(default, tuple) and isinstance(value, str):
            kw[key] = (value,)
    kw.setdefault("disabled_rules", config.disable_rules)
    kw.setdefault("drop_rules", config.drop)
    try:
        return spec.cls(**kw)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"cannot configure filter {name!r}: {exc}") from exc


def default_pipeline(config: Config | None = None, **options: Any) -> Pipeline:
    """The default pipeline, adjusted by ``config`` and keyword options.

    ``filters`` picks filters by name (kept in registry order, so the default-off
    ones can be switched on), ``skip`` removes some.
    """
    config = Config.merged(config, **options)
    return _cached_pipeline(config)


def _check_rule_selectors(option: str, selectors: tuple[str, ...]) -> None:
    """Raise :class:`ConfigError` for a selector that names no filter or rule (a typo
    such as ``cohrence`` would otherwise silently do nothing)."""
    rules = [rule for spec in REGISTRY.values() for rule in spec.cls.rules]
    for s in selectors:
        if s in REGISTRY:
            continue
        if not any(r == s or r.startswith(s + ".") or s.startswith(r + ".") for r in rules):
            raise ConfigError(
                f"option {option!r}: {s!r} is neither a filter nor a rule id; "
                "`scrubtext --list-filters` lists them"
            )


def _check_drop(selectors: tuple[str, ...]) -> None:
    """Raise :class:`ConfigError` for a ``drop`` selector that reaches no filter that
    flags: the others only edit, so dropping their rules would silently do nothing."""
    flaggers = [s for s in REGISTRY.values() if s.cls.flag is not TextFilter.flag]
    for sel in selectors:
        if sel in REGISTRY:
            hit = REGISTRY[sel] in flaggers
        else:
            hit = any(rule_matches(r, [sel]) for spec in flaggers for r in spec.cls.rules)
        if not hit:
            raise ConfigError(
                f"option 'drop': {sel!r} never flags (drop deletes flagged text; filters "
                f"that flag: {', '.join(s.name for s in flaggers)})"
            )


@lru_cache(maxsize=64)
def _cached_pipeline(config: Config) -> Pipeline:
    for name in (*(config.filters or ()), *config.skip):
        if name not in REGISTRY:
            raise UnknownFilterError(f"unknown filter {name!r}; filters are: {', '.join(REGISTRY)}")
    _check_rule_selectors("disable_rules", config.disable_rules)
    _check_rule_selectors("drop", config.drop)
    _check_drop(config.drop)
    if config.filters is not None:
        wanted = set(config.filters)
        wanted.update(need for n in config.filters for need in REGISTRY[n].needs)
        chosen = [n for n, s in REGISTRY.items() if n in wanted or s.shares in wanted]
    else:
        chosen = [n for n, s in REGISTRY.items() if s.default]
    chosen = [n for n in chosen if n not in config.skip and REGISTRY[n].shares not in config.skip]
    return Pipeline([build_filter(n, config) for n in chosen], name="default")
