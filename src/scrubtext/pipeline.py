"""Pipeline (a filter made of filters) and Result (what a run did, in original offsets)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from functools import cached_property
from typing import Any, overload

from .document import Document, Step
from .errors import FilterError, ScrubtextError
from .filter import Filter
from .spans import map_back, map_forward, step_maps


class Pipeline:
    """Run filters in order. A pipeline is itself a filter, so pipelines nest and slice.

    >>> from scrubtext.filters.whitespace import Whitespace
    >>> p = Pipeline([Whitespace()])
    >>> p.run("a  \\n").text
    'a\\n'
    """

    def __init__(self, filters: Sequence[Filter], name: str = "pipeline") -> None:
        self.filters: tuple[Filter, ...] = tuple(filters)
        for f in self.filters:
            if isinstance(f, type) or not isinstance(f, Filter):
                raise TypeError(
                    f"a pipeline holds filter instances (a name and __call__), got {f!r}"
                )
        self.name = name
        names = [f.name for f in self.filters]
        dupes = {n for n in names if names.count(n) > 1}
        if dupes:
            raise ValueError(f"a pipeline cannot hold two filters named {sorted(dupes)}")

    def __call__(self, doc: Document) -> tuple[Document, tuple[Step, ...]]:
        steps: list[Step] = []
        for f in self.filters:
            try:
                doc, done = f(doc)
            except ScrubtextError:
                raise
            except Exception as exc:  # re-raised with the filter and document named
                where = f" on document {doc.id!r}" if doc.id is not None else ""
                raise FilterError(
                    f"filter {f.name!r} failed{where}: {type(exc).__name__}: {exc}"
                ) from exc
            steps.extend(done)
        return doc, tuple(steps)

    def run(self, text: str | Document) -> Result:
        """Run on a string or document and return a :class:`Result`."""
        doc = text if isinstance(text, Document) else Document(text)
        out, steps = self(doc)
        return Result(doc.text, out, steps)

    @property
    def names(self) -> tuple[str, ...]:
        """Filter names, in order."""
        return tuple(f.name for f in self.filters)

    def __len__(self) -> int:
        return len(self.filters)

    def __iter__(self) -> Iterator[Filter]:
        return iter(self.filters)

    @overload
    def __getitem__(self, key: slice) -> Pipeline: ...
    @overload
    def __getitem__(self, key: int | str) -> Filter: ...
    def __getitem__(self, key: int | str | slice) -> Filter | Pipeline:
        if isinstance(key, slice):
            return Pipeline(self.filters[key], self.name)
        if isinstance(key, str):
            for f in self.filters:
                if f.name == key:
                    return f
            raise KeyError(f"no filter named {key!r} in this pipeline; it has {self.names}")
        return self.filters[key]

    def __repr__(self) -> str:
        return f"Pipeline([{', '.join(repr(f) for f in self.filters)}])"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Pipeline) and self.filters == other.filters

    __hash__ = None  # type: ignore[assignment]


@dataclass(frozen=True, slots=True)
class EditRecord:
    """One edit as a user sees it.

    ``start``/``end`` are offsets in the ORIGINAL input. ``before`` is the text the
    filter replaced, as that filter saw it (for the first steps this equals
    ``original[start:end]``); ``after`` is what it put there.
    """

    rule: str
    reason: str
    start: int
    end: int
    before: str
    after: str
    step: str

    def to_dict(self) -> dict[str, Any]:
        """Plain-JSON form."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class FlagRecord:
    """One flag as a user sees it.

    ``start``/``end`` are offsets in ``Result.text``; ``source_start``/``source_end``
    are the same span mapped back to the original input.
    """

    rule: str
    reason: str
    start: int
    end: int
    score: float | None
    step: str
    source_start: int
    source_end: int

    def to_dict(self) -> dict[str, Any]:
        """Plain-JSON form."""
        return asdict(self)


@dataclass(frozen=True)
class Result:
    """The cleaned text plus every edit (original offsets) and flag (output offsets)."""

    original: str
    document: Document
    steps: tuple[Step, ...]

    @property
    def text(self) -> str:
        """The cleaned text."""
        return self.document.text

    @property
    def language(self) -> str | None:
        """ISO 639-1 code of the detected (or configured) language, if known."""
        lang = self.document.meta.get("language")
        return str(lang) if lang else None

    @cached_property
    def _maps(self) -> list[Any]:
        return step_maps(self.steps)

    @cached_property
    def edits(self) -> tuple[EditRecord, ...]:
        """Every edit of every step, with offsets into the original input."""
        out: list[EditRecord] = []
        for i, step in enumerate(self.steps):
            for e in step.edits:
                s, t = map_back(self._maps, i, e.start, e.end)
                before = self._inputs[i][e.start : e.end]
                out.append(EditRecord(e.rule, e.reason, s, t, before, e.replacement, step.name))
        return tuple(out)

    @cached_property
    def flags(self) -> tuple[FlagRecord, ...]:
        """Every flag, with offsets into :attr:`text` and back into the original."""
        out: list[FlagRecord] = []
        for i, step in enumerate(self.steps):
            for f in step.flags:
                s, t = map_forward(self._maps, i, f.start, f.end)
                os_, ot = map_back(self._maps, i + 1, f.start, f.end)
                out.append(FlagRecord(f.rule, f.reason, s, t, f.score, step.name, os_, ot))
        out.sort(key=lambda r: (r.start, r.end, r.rule))
        return tuple(out)

    @cached_property
    def _inputs(self) -> list[str]:
        from .spans import apply_edits

        texts = [self.original]
        for step in self.steps:
            texts.append(apply_edits(texts[-1], step.edits) if step.edits else texts[-1])
        return texts

    def removed(self) -> list[tuple[str, str, str]]:
        """Every piece of text that was deleted: ``(text, rule, reason)``."""
        return [(e.before, e.rule, e.reason) for e in self.edits if e.before and not e.after]

    def to_dict(self) -> dict[str, Any]:
        """Plain-JSON form: text, language, edits and flags."""
        return {
            "text": self.text,
            "language": self.language,
            "edits": [e.to_dict() for e in self.edits],
            "flags": [f.to_dict() for f in self.flags],
        }
