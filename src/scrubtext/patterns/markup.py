"""Patterns that recognise markup."""

from __future__ import annotations

from . import pattern

HTML_SIGNATURE = pattern(
    "markup.html_signature",
    r"(?i)<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<title>",
    "Tags that only a whole HTML page starts with.",
)

PAGE_START_LINE = pattern(
    "markup.page_start_line",
    r"(?im)^[ \t]*(?:<!doctype\s+html|<html[\s>])",
    "A line that starts a whole HTML page (``<!DOCTYPE html`` or ``<html``), as after "
    "HTTP or WARC headers or a server warning printed before the page.",
)

HTML_TAG = pattern(
    "markup.html_tag",
    r"(?i)</?(?:p|div|span|a|br|li|ul|ol|table|tr|td|h[1-6]|img|script|style|article|section)"
    r"(?:\s[^<>]{0,500})?/?>",
    "A common HTML tag, opening or closing. Example: ``<p class=x>``.",
)
