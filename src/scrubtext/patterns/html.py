"""Patterns the HTML extractor uses on attribute values, titles and raw markup."""

from __future__ import annotations

from . import pattern

ATTR_WORD_BREAK = pattern(
    "html.attr_word_break",
    r"[^\p{L}\p{N}]+",
    "Characters that separate words in a class or id value. "
    "Example: ``social-share__bar`` gives ``social share bar``.",
)

ATTR_CAMEL_BREAK = pattern(
    "html.attr_camel_break",
    r"(?<=\p{Ll})(?=\p{Lu})",
    "The point between a lower- and an upper-case letter in a camelCase class name. "
    "Example: ``imageEmbedCaption`` gives ``image Embed Caption``.",
)

HIDDEN_STYLE = pattern(
    "html.hidden_style",
    r"(?i)display\s*:\s*none|visibility\s*:\s*hidden",
    "Inline CSS that hides an element. Example: ``style='display: none'``.",
)

TITLE_SEPARATOR = pattern(
    "html.title_separator",
    r"\s+[-|–—:·•»/]+\s+|\s*[|»·•]\s*",
    "Separator between a page title and the site name. Example: ``Headline | Site``.",
)

MARKUP_TOKEN = pattern(
    "html.markup_token",
    r"<!--|<(/?)([A-Za-z][A-Za-z0-9:-]*)[^<>]*>|<![^<>]*>|<\?[^<>]*>",
    "A comment opener, a start or end tag (groups: slash, name), a doctype or a "
    "processing instruction, for the tree-free fallback. Example: ``<p class=x>``.",
)

COPYRIGHT_NOTICE = pattern(
    "html.copyright_notice",
    r"(?i)^\W{0,3}(?:copyright\b|©|\(c\)\s*\d{4})|\ball rights reserved\b|\btodos os direitos\b"
    r"|\btous droits réservés\b|\balle rechte vorbehalten\b|\btodos los derechos\b",
    "A copyright or rights-reserved notice (checked on short blocks only). "
    "Example: ``© 2019 Press TV. All rights reserved.``",
)

CALL_TO_ACTION = pattern(
    "html.call_to_action",
    r"(?i)^\W{0,3}(?:sign up\b(?=.{0,80}\b(?:newsletters?|inbox|e-?mails?|updates|alerts)\b)"
    r"|subscribe\b|follow (?:us|me|him|her)\b|join (?:us|our)\b"
    r"|click here\b|like this (?:story|article|post)\b|get the latest\b|chat with us\b"
    r"|download (?:our|the) app\b|share (?:this|on)\b|don't miss\b)",
    "A short promotional prompt at the start of a block (checked on short blocks only). "
    "Example: ``Sign up to our newsletter for exclusive updates``.",
)

MEDIA_COUNTER = pattern(
    "html.media_counter",
    r"(?i)^(?:image|photo|picture|slide|video)\s+\d+\s*(?:of|/)\s*\d+$",
    "A gallery position label. Example: ``Image 2 of 5``.",
)

COMMENTS_HEADING = pattern(
    "html.comments_heading",
    r"(?i)(?:\d+\s+)?(?:comments?|responses?|replies|reactions|kommentare?|commentaires?"
    r"|comentarios?|comentários?|commenti)(?:\s*\(\d+\))?(?:\s+(?:to|on|for)\b.{0,150})?"
    r"|(?:leave|post|add|write)\s+(?:a|your)\s+(?:comment|reply|response)s?"
    r"|(?:top[- ]rated|readers?'?|user|latest|show)\s+comments|join the (?:conversation|discussion)"
    r"|(?:deixe|deja|laissez|hinterlassen)\s.{0,30}(?:comentário|comentario|commentaire|kommentar)",
    "The heading of a reader-comment section, matched against a whole short block. "
    "Example: ``34 responses to “Anthony Lynn”``.",
)

BYLINE = pattern(
    "html.byline",
    r"(?i)(?:by|posted|published|updated|last updated|written by|von|por|par|publicado"
    r"|publié|veröffentlicht|aktualisiert)\b.{0,150}",
    "A byline or publication stamp, matched against a whole short block. "
    "Example: ``Posted by Michael David Smith on November 19, 2019``.",
)

DATE_STAMP = pattern(
    "html.date_stamp",
    r"(?i).{0,60}?(?:\b\d{1,2}:\d{2}\b|\b\d{1,2}\.\d{2}\s*(?:am|pm|a\.m\.|p\.m\.|uhr|h)\b"
    r"|\b\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)?\d{2}\b|\b(?:19|20)\d{2}-\d{2}-\d{2}\b"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2}\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+(?:19|20)\d{2}\b"
    r").{0,60}",
    "A short line that carries a time or a full date, matched against a whole block. "
    "Example: ``Updated 11:21 pm CST, Tuesday, November 19, 2019``.",
)
