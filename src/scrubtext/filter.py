"""The filter contract and the base class most filters use.

A filter is any object with a ``name`` and ``__call__(doc) -> (doc, steps)``.
Most filters subclass :class:`TextFilter` and only write :meth:`~TextFilter.propose`
(edits) and/or :meth:`~TextFilter.flag` (flags); the base class applies the edits
with :func:`~scrubtext.spans.apply_edits`, so the output is built from the record.

Parameters are dataclass fields (constructor keyword arguments, stored as given),
as in scikit-learn, so filters compare equal, print readably and pickle.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar, Protocol, runtime_checkable

from .document import Document, Edit, Flag, Step
from .spans import apply_edits


@runtime_checkable
class Filter(Protocol):
    """Anything that turns a document into a new document plus the steps taken."""

    @property
    def name(self) -> str:
        """Registry name; unique within a pipeline."""
        ...

    def __call__(self, doc: Document) -> tuple[Document, tuple[Step, ...]]: ...


def rule_matches(rule: str, selectors: Iterable[str]) -> bool:
    """True if ``rule`` equals a selector or lies under it (``mt`` selects ``mt.glossary``).

    >>> rule_matches("mt.glossary", ["mt"]), rule_matches("mtx.a", ["mt"])
    (True, False)
    """
    return any(rule == s or rule.startswith(s + ".") for s in selectors)


@dataclass(frozen=True, kw_only=True)
class TextFilter:
    """Base class: override :meth:`propose` and/or :meth:`flag`.

    Class attributes describe the filter for the registry, the docs and the
    conformance suite:

    - ``name``: registry name;
    - ``rules``: every rule id the filter can emit, with a one-line description;
    - ``idempotent``: ``True``, or a string giving the reason it is not.

    ``disabled_rules`` (rule ids or prefixes) switches single rules off: their
    edits and flags are discarded before anything is applied. ``drop_rules``
    turns this filter's matching flags into deletions, recorded as a second step
    (``<name>.drop``) whose edits carry each flag's reason.
    """

    name: ClassVar[str] = "filter"
    rules: ClassVar[dict[str, str]] = {}
    idempotent: ClassVar[bool | str] = True

    disabled_rules: tuple[str, ...] = ()
    drop_rules: tuple[str, ...] = ()

    def enabled(self, rule: str) -> bool:
        """Whether ``rule`` is switched on for this instance."""
        return not (self.disabled_rules and rule_matches(rule, self.disabled_rules))

    def applies(self, doc: Document) -> bool:
        """Cheap pre-check; return False to skip the filter for this document."""
        return True

    def propose(self, doc: Document) -> Iterable[Edit]:
        """Edits to make, in coordinates of ``doc.text``; sorted and disjoint."""
        return ()

    def flag(self, doc: Document) -> Iterable[Flag]:
        """Flags on ``doc.text``, which is the text *after* this filter's edits."""
        return ()

    def annotate(self, doc: Document) -> Document:
        """Hook to add meta (such as the language) to the output document."""
        return doc

    def __call__(self, doc: Document) -> tuple[Document, tuple[Step, ...]]:
        if not self.applies(doc):
            return doc, (Step(self.name),)
        edits = sorted(self.propose(doc))
        if self.disabled_rules:
            edits = [e for e in edits if self.enabled(e.rule)]
        out = doc.with_text(apply_edits(doc.text, edits)) if edits else doc
        out = self.annotate(out)
        flags = tuple(f for f in self.flag(out) if self.enabled(f.rule))
        step = Step(self.name, tuple(edits), flags)
        if self.drop_rules and flags:
            drops = drop_edits(
                out.text, [f for f in flags if rule_matches(f.rule, self.drop_rules)]
            )
            if drops:
                dropped = out.with_text(apply_edits(out.text, drops))
                return dropped, (step, Step(f"{self.name}.drop", tuple(drops)))
        return out, (step,)


def drop_edits(text: str, flags: Iterable[Flag]) -> list[Edit]:
    """Deletion edits for flagged spans (merged where they overlap), each with its reason.

    Spaces after a deleted span go with it, so no double space is left behind.
    """
    spans = sorted((f for f in flags if f.end > f.start), key=lambda f: (f.start, f.end))
    edits: list[Edit] = []
    for f in spans:
        start, end = f.start, f.end
        while end < len(text) and text[end] in " \t":
            end += 1
        if edits and start < edits[-1].end:
            last = edits[-1]
            edits[-1] = Edit(last.start, max(last.end, end), "", last.rule, last.reason)
            continue
        edits.append(Edit(start, end, "", f.rule + ".dropped", f"dropped on request: {f.reason}"))
    return edits
