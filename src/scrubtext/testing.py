"""Conformance suite for filters: :func:`check_filter`, built on hypothesis.

Every registered filter and the default pipeline must pass it. It checks, on
arbitrary strings (surrogates, controls, combining marks, right-to-left text,
mojibake, markup, entities, very long lines):

- no exception;
- each step's edits are in bounds, sorted, disjoint and never no-ops;
- replaying each step's edits on its input gives its output, and the last output
  is the returned text (so the record explains the output exactly);
- flags lie inside the text they refer to;
- the same input gives the same output and the same record;
- running again on the output changes nothing (unless the filter declares
  ``idempotent = "<reason>"``).

Examples are derandomised (the same on every run, so CI is reproducible); set
``SCRUBTEXT_HYPOTHESIS_RANDOM=1`` to explore new ones.

Use it on your own filters::

    from scrubtext.testing import check_filter
    check_filter(MyFilter())
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from .document import Document, Step
from .filter import Filter
from .spans import apply_edits, validate_edits

try:  # hypothesis is a test dependency, imported only when the suite is used
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st
except ImportError as exc:  # pragma: no cover
    raise ImportError("scrubtext.testing needs hypothesis: pip install 'scrubtext[test]'") from exc

#: Fragments that exercise the filters' rules; mixed with arbitrary text.
WEB_FRAGMENTS = (
    "Shanghai named world's \"smartest city\" - People's Daily Online ",
    "DD_belatedPNG.fix('div, ul, img, li, input , a , td');",
    "Home Opinions Business Military World Society Culture Travel ",
    "English &gt;&gt; ",
    "&amp;amp; &#8217; &#x27; &nbsp; AT&T &c ",
    "( Xinhua ) ",
    "(SCEWC)\u00a0 is held ",
    "innovative labs.. ",
    "Wait... ",
    "CafÃ© â€™ Ã© ",
    "Most Read 1 China speeds up construction of space-ground integrated qua… 2 ",
    "Please enable JavaScript to view the comments powered by Disqus. ",
    "Copyright © 2011 JIN SHI",
    "WechatIMG814_副本.png",
    "  • Detail",
    "chenrugui said that Shenzhen ",
    "Chen Rugui ",
    "46000 5g base stations ",
    "Liu Yu‘nan ",
    "industrial interconnection and industrial interconnection ",
    "digital economy, Make every effort ",
    "the the ",
    "城市，智慧。 ",
    "R & D ",
    "This shows that the material has changed from a ductile state to a brittle state. ",
    "مرحبا بالعالم ",
    "e\u0301\u0301 ",
    "zero\u200bwidth\ufeff ",
    "\r\n",
    "\n\n\n\n",
    "\t \u3000 ",
    "<p>Hello <b>world</b></p>",
    ". , ; : ! ? ",
)

_any_char = st.characters(codec=None, exclude_categories=())


def text_strategy() -> st.SearchStrategy[str]:
    """Arbitrary strings, web-like strings built from fragments, and mixtures of both."""
    fragments = st.sampled_from(WEB_FRAGMENTS)
    web = st.lists(st.one_of(fragments, st.text(_any_char, max_size=8)), max_size=25).map("".join)
    ascii_ws = st.text(st.sampled_from(" \n\t.,;:()-&#x0123456789abcAB'\"‘’…"), max_size=60)
    return st.one_of(st.text(_any_char, max_size=200), web, ascii_ws)


class ConformanceError(AssertionError):
    """A filter broke the contract; the message says which property and on what input."""


def _fail(name: str, prop: str, text: str, detail: str = "") -> ConformanceError:
    snippet = text if len(text) <= 300 else text[:300] + "…"
    return ConformanceError(
        f"{name}: {prop} on input {snippet!r}" + (f": {detail}" if detail else "")
    )


def check_output(f: Filter, text: str, meta: Mapping[str, Any] | None = None) -> None:
    """Check every property on one input; raise :class:`ConformanceError` on the first failure."""
    name = f.name
    doc = Document(text, meta=meta or {})
    try:
        out, steps = f(doc)
    except Exception as exc:
        raise _fail(name, "raised", text, f"{type(exc).__name__}: {exc}") from exc
    if not isinstance(steps, tuple) or not all(isinstance(s, Step) for s in steps):
        raise _fail(name, "did not return a tuple of Steps", text)
    current = text
    for step in steps:
        try:
            validate_edits(current, step.edits)
        except Exception as exc:
            raise _fail(name, "invalid edits", text, str(exc)) from exc
        for e in step.edits:
            if not e.rule or not e.reason:
                raise _fail(name, "edit without rule or reason", text, repr(e))
        current = apply_edits(current, step.edits)
        for fl in step.flags:
            if not (0 <= fl.start <= fl.end <= len(current)):
                raise _fail(name, "flag span out of bounds", text, repr(fl))
            if not fl.rule or not fl.reason:
                raise _fail(name, "flag without rule or reason", text, repr(fl))
            if fl.score is not None and not (0.0 <= fl.score <= 1.0):
                raise _fail(name, "flag score outside [0, 1]", text, repr(fl))
    if current != out.text:
        raise _fail(
            name,
            "replaying the edits does not give the output",
            text,
            f"replayed {current[:200]!r} != output {out.text[:200]!r}",
        )
    again, steps2 = f(Document(text, meta=meta or {}))
    if again.text != out.text or steps2 != steps:
        raise _fail(name, "not deterministic", text)
    if getattr(f, "idempotent", True) is True:
        _, steps3 = f(out)
        changed = [e for s in steps3 for e in s.edits]
        if changed:
            raise _fail(
                name,
                "not idempotent",
                text,
                f"second run made {len(changed)} edit(s), first {changed[0]!r} "
                f"on {out.text[:200]!r}",
            )


def check_filter(
    f: Filter,
    *,
    max_examples: int = 200,
    meta: Mapping[str, Any] | None = None,
    extra_inputs: tuple[str, ...] = (),
) -> None:
    """Run the property suite on ``f``; raise :class:`ConformanceError` (with a minimal
    failing input found by hypothesis) if any property fails.

    Besides generated strings, a few fixed inputs always run: the empty string, a
    100,000-character line, long runs of one character, and ``extra_inputs``.
    """
    fixed = (
        "",
        " ",
        "\n",
        "a" * 100_000,
        ("word " * 20_000).strip(),
        "." * 5000,
        "&amp;" * 2000,
        " \u00a0" * 3000,
        "\n" * 3000,
        "(" * 2000 + ")" * 2000,
        "\ud800 lone surrogate \udfff",
        *extra_inputs,
    )
    for text in fixed:
        check_output(f, text, meta)

    @settings(
        max_examples=max_examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        database=None,
        derandomize=os.environ.get("SCRUBTEXT_HYPOTHESIS_RANDOM") != "1",
    )
    @given(text_strategy())
    def run(text: str) -> None:
        check_output(f, text, meta)

    run()
