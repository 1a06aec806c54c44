"""Immutable configuration: which filters run, and each filter's parameters.

General keys: ``filters`` (run only these), ``skip``, ``disable_rules`` (rule ids or
prefixes), ``drop`` (flag rules whose spans are deleted, as edits) and ``language``
(skip detection). Filter parameters live in per-filter sections and are passed to
the filter's constructor. Keyword overrides may name a parameter as
``"boilerplate.aggressiveness"``, ``boilerplate__aggressiveness`` or, when only one
filter has it, plainly ``aggressiveness``.

A TOML file has the general keys at the top and one table per filter::

    skip = ["coherence"]
    [boilerplate]
    aggressiveness = "precision"
"""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError

GENERAL_KEYS = ("filters", "skip", "disable_rules", "drop", "language")


def _tupled(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return tuple(_tupled(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _tupled(v)) for k, v in value.items()))
    return value


def _names(value: Any, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [v for v in (p.strip() for p in value.split(",")) if v]
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"option {key!r} takes a list of names, got {value!r}")
    return tuple(value)


def _language(value: Any) -> str | None:
    """A language code in lower case (``EN`` is ``en``, ``zh-CN`` is ``zh-cn``), or None.

    >>> _language(" EN ")
    'en'
    """
    if value is None or value == "":
        return None
    code = value.strip().lower() if isinstance(value, str) else ""
    main, dash, region = code.partition("-")
    good_main = 2 <= len(main) <= 3 and main.isascii() and main.isalpha()
    if not good_main or (dash and not (region.isascii() and region.isalnum())):
        raise ConfigError(f"option 'language' takes a language code such as 'en', got {value!r}")
    return code


@dataclass(frozen=True)
class Config:
    """Frozen, hashable settings. Build with :meth:`from_options` or :meth:`from_toml`."""

    filters: tuple[str, ...] | None = None
    skip: tuple[str, ...] = ()
    disable_rules: tuple[str, ...] = ()
    drop: tuple[str, ...] = ()
    language: str | None = None
    params: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = field(default=())

    def __post_init__(self) -> None:
        # names given as "a,b" or a list, as from_options takes them, stored as tuples
        for key in ("filters", "skip", "disable_rules", "drop"):
            value = getattr(self, key)
            if value is not None or key != "filters":
                object.__setattr__(self, key, _names(value, key))
        object.__setattr__(self, "language", _language(self.language))

    def params_for(self, name: str) -> dict[str, Any]:
        """Constructor keyword arguments configured for filter ``name``."""
        for fname, items in self.params:
            if fname == name:
                return dict(items)
        return {}

    def replace(self, **options: Any) -> Config:
        """A new config with these options applied on top of this one (itself if none)."""
        if not options:
            return self
        general: dict[str, Any] = {}
        params = {name: dict(items) for name, items in self.params}
        for key, value in options.items():
            if key in GENERAL_KEYS:
                general[key] = value
                continue
            fname, pname = _resolve(key)
            params.setdefault(fname, {})[pname] = value
        for fname, kw in params.items():
            _check_params(fname, kw)
        frozen = tuple(
            sorted(
                (f, tuple(sorted((k, _tupled(v)) for k, v in kw.items())))
                for f, kw in params.items()
                if kw
            )
        )
        return dataclasses.replace(self, params=frozen, **general)

    @classmethod
    def merged(cls, config: Config | None = None, **options: Any) -> Config:
        """``config`` (or the defaults) with keyword ``options`` applied on top.

        >>> Config.merged(Config(skip=("tidy",)), language="en").skip
        ('tidy',)
        """
        if config is not None and not isinstance(config, Config):
            raise TypeError(f"config must be a scrubtext.Config, got {type(config).__name__}")
        return (config or cls()).replace(**options)

    @classmethod
    def from_options(cls, **options: Any) -> Config:
        """Defaults plus keyword overrides."""
        return cls().replace(**options)

    @classmethod
    def from_toml(cls, path: str | Path, **overrides: Any) -> Config:
        """Load a TOML file, then apply keyword overrides."""
        p = Path(path)
        try:
            data = tomllib.loads(p.read_text(encoding="utf-8"))
        except OSError as exc:
            raise ConfigError(f"cannot read config file {p}: {exc.strerror}") from exc
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"config file {p} is not valid TOML: {exc}") from exc
        return cls.from_mapping(data, source=str(p)).replace(**overrides)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], source: str = "config") -> Config:
        """Build from a nested mapping shaped like the TOML file."""
        flat: dict[str, Any] = {}
        for key, value in data.items():
            if isinstance(value, Mapping):
                for pkey, pval in value.items():
                    flat[f"{key}.{pkey}"] = pval
            else:
                flat[key] = value
        try:
            return cls().replace(**flat)
        except ConfigError as exc:
            raise ConfigError(f"{source}: {exc}") from exc


def _filter_params(name: str) -> dict[str, dataclasses.Field[Any]]:
    from .registry import REGISTRY

    cls = REGISTRY[name].cls
    if not dataclasses.is_dataclass(cls):
        return {}
    return {f.name: f for f in dataclasses.fields(cls) if f.init}


def _resolve(key: str) -> tuple[str, str]:
    from .registry import REGISTRY

    for sep in (".", "__"):
        if sep in key:
            fname, pname = key.split(sep, 1)
            if fname in REGISTRY and REGISTRY[fname].shares:
                shared = REGISTRY[fname].shares
                raise ConfigError(
                    f"filter {fname!r} takes the options of {shared!r}; write {shared}{sep}{pname}"
                )
            if fname not in REGISTRY:
                raise ConfigError(
                    f"unknown filter {fname!r} in option {key!r}; "
                    f"filters are: {', '.join(REGISTRY)}"
                )
            return fname, pname
    owners = [
        n
        for n, spec in REGISTRY.items()
        if spec.shares is None and key in _filter_params(n) and key != "disabled_rules"
    ]
    if len(owners) == 1:
        return owners[0], key
    if not owners:
        raise ConfigError(
            f"unknown option {key!r}; general options are {', '.join(GENERAL_KEYS)}, "
            "and filter options are listed by `scrubtext --list-filters`"
        )
    raise ConfigError(
        f"option {key!r} is ambiguous; write it as one of "
        + ", ".join(f"{o}.{key}" for o in owners)
    )


def _check_params(fname: str, kw: Mapping[str, Any]) -> None:
    fields = _filter_params(fname)
    for pname, value in kw.items():
        if pname not in fields:
            raise ConfigError(
                f"filter {fname!r} has no option {pname!r}; it takes: "
                + (", ".join(sorted(fields)) or "no options")
            )
        default = fields[pname].default
        if default is not dataclasses.MISSING and default is not None:
            ok_types: tuple[type, ...] = (type(default),)
            if isinstance(default, float):
                ok_types = (float, int)
            elif isinstance(default, tuple):
                ok_types = (tuple, list, str)
            if isinstance(value, bool) and not isinstance(default, bool):
                ok_types = ()
            if not isinstance(value, ok_types):
                raise ConfigError(
                    f"option {fname}.{pname} takes a {type(default).__name__}, got {value!r}"
                )
            items: Any = value if isinstance(default, tuple) and not isinstance(value, str) else ()
            if not all(_strings(v) for v in items):
                raise ConfigError(f"option {fname}.{pname} takes a list of strings, got {value!r}")


def _strings(value: Any) -> bool:
    """A string, or a list of strings (a glossary pair)."""
    if isinstance(value, list | tuple):
        return all(isinstance(v, str) for v in value)
    return isinstance(value, str)
