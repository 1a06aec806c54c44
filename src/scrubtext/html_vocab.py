"""Named vocabularies the HTML extractor uses to recognise page furniture.

Plain data, no logic: tag sets, ``class``/``id`` word lists grouped by the kind
of furniture they mark (the kind names appear in the extraction's reason), and
``role`` values. Extend by passing your own mapping to
:func:`scrubtext.html_extract.extract` (``extra_tokens``).

Class and id attributes are split into lower-case words at every character that
is not a letter or digit (``"social-share__bar"`` gives ``social``, ``share``,
``bar``); a word marks an element when it is in a kind's ``words`` or starts with
one of its ``stems``.
"""

from __future__ import annotations

from typing import Final

#: Elements whose content is never article text: skipped entirely.
NEVER_TEXT: Final = frozenset(
    """script style noscript template head iframe frame frameset svg canvas object embed
    applet select option optgroup datalist button input textarea audio video source track
    map area dialog math link meta base param""".split()
)

#: How skipped elements are counted in the extraction's reason (others by tag name).
NEVER_TEXT_KIND: Final = {
    **dict.fromkeys(
        "iframe frame frameset svg canvas object embed applet audio video map".split(),
        "embedded media",
    ),
    **dict.fromkeys(
        "select option optgroup datalist button input textarea".split(), "form controls"
    ),
    **dict.fromkeys("source track area link meta base param".split(), ""),
}

#: Page furniture by tag. Dropped unless the element holds the main content
#: (some sites wrap the whole page in a ``<form>`` or a ``<header>``).
FURNITURE_TAGS: Final = {
    "nav": "navigation",
    "aside": "aside",
    "footer": "footer",
    "header": "header",
    "form": "form",
    "menu": "navigation",
    "figcaption": "media caption",
}

#: ``role`` attribute values that mark furniture, with their kind.
FURNITURE_ROLES: Final = {
    "navigation": "navigation",
    "banner": "header",
    "contentinfo": "footer",
    "complementary": "aside",
    "search": "form",
    "menu": "navigation",
    "menubar": "navigation",
    "dialog": "dialog",
    "alertdialog": "dialog",
}

#: Elements that start a new block of text.
BLOCK_TAGS: Final = frozenset(
    """p div section article main header footer nav aside h1 h2 h3 h4 h5 h6 ul ol li dl dt dd
    table thead tbody tfoot tr td th caption blockquote pre figure figcaption form fieldset
    legend address hr title details summary center body html menu hgroup""".split()
)

#: Block tags whose text is a heading.
HEADING_TAGS: Final = frozenset("h1 h2 h3 h4 h5 h6".split())

#: Elements a paragraph of article text can live in directly; candidates for
#: the main-content container.
CONTAINER_TAGS: Final = frozenset(
    """div section article main body td blockquote center form header aside""".split()
)

#: Furniture kinds recognised from class and id words. ``words`` must match a
#: whole word; ``stems`` match the start of a word (``comment`` covers
#: ``comments`` and ``commentlist``).
FURNITURE_WORDS: Final[dict[str, dict[str, tuple[str, ...]]]] = {
    "comments": {
        "words": ("respond", "replies", "discussion", "talkback"),
        "stems": ("comment", "disqus", "livefyre", "coral"),
    },
    "share bar": {
        "words": ("share", "sharing", "shares", "social", "addthis", "sharethis"),
        "stems": ("sharebar", "sharetool", "social"),
    },
    "cookie banner": {
        "words": ("cookie", "cookies", "consent", "gdpr", "cmp", "onetrust"),
        "stems": ("cookie", "consent", "gdpr"),
    },
    "navigation": {
        "words": (
            "nav",
            "navbar",
            "navigation",
            "menu",
            "menubar",
            "breadcrumb",
            "breadcrumbs",
            "pagination",
            "pager",
            "skip",
            "skiplink",
            "toolbar",
            "topbar",
        ),
        "stems": ("breadcrumb", "navbar", "mainnav", "subnav", "megamenu"),
    },
    "sidebar": {
        "words": ("sidebar", "rail", "widget", "widgets", "aside"),
        "stems": ("sidebar", "rightrail", "leftrail", "siderail"),
    },
    "related links": {
        "words": (
            "related",
            "recommended",
            "recommendations",
            "recirc",
            "popular",
            "trending",
            "mostread",
            "mostpopular",
            "readmore",
            "readnext",
            "morestories",
            "outbrain",
            "taboola",
        ),
        "stems": ("related", "recommend", "outbrain", "taboola", "mostread", "mostpopular"),
    },
    "advertising": {
        "words": (
            "ad",
            "ads",
            "adv",
            "advert",
            "advertisement",
            "advertising",
            "sponsor",
            "sponsored",
            "promo",
            "promoted",
            "dfp",
            "gpt",
            "adslot",
            "adunit",
        ),
        "stems": ("advert", "adslot", "adunit", "adwrap", "sponsor", "googlead"),
    },
    "newsletter": {
        "words": ("newsletter", "subscribe", "subscription", "signup", "paywall", "regwall"),
        "stems": ("newsletter", "subscri", "signup"),
    },
    "site header or footer": {
        "words": ("footer", "masthead", "copyright", "colophon", "header"),
        "stems": ("footer", "masthead"),
    },
    "page metadata": {
        "words": ("byline", "tags", "tag", "keywords", "authorbio", "bio", "print"),
        "stems": ("byline", "tagcloud", "taglist"),
    },
    "media caption": {
        "words": ("caption", "captions", "credit", "credits", "gallery", "slideshow", "carousel"),
        "stems": ("caption", "photocredit", "imagecredit", "slideshow"),
    },
    "popup": {
        "words": ("popup", "modal", "overlay", "lightbox", "interstitial"),
        "stems": ("popup", "modal"),
    },
}

#: Kinds that stay furniture however much text they hold (a long comment
#: thread is still comments).
ALWAYS_FURNITURE: Final = frozenset(["comments", "cookie banner"])

#: Class/id words that never mark furniture even though a stem matches them.
NOT_FURNITURE: Final = frozenset(
    ["commentary", "commentator", "commentators", "socialism", "socialist", "advertorial"]
)

#: Class/id words and ``itemprop`` values that mark the article body itself.
CONTENT_WORDS: Final = frozenset(
    """articlebody article-body article_body articletext article-text article-content
    articlecontent story-body storybody story-content storytext entry-content entrycontent
    post-content postcontent post-body postbody post-entry main-content maincontent
    article__body article__content body-text bodytext text-body content-body
    rich-text richtext""".split()
)

#: Short blocks that are furniture whatever element holds them (compared after
#: lower-casing and stripping punctuation at the ends).
FURNITURE_PHRASES: Final = frozenset(
    line.strip()
    for line in """advertisement
    advert
    you may also like
    you might also like
    more from this author
    don't miss
    highlights
    loading content
    loading comments
    advertising
    ad
    sponsored
    share
    share this
    share this article
    share this story
    share on facebook
    share on twitter
    tweet
    email
    print
    read more
    continue reading
    show more
    load more
    see more
    related
    related articles
    related stories
    related content
    recommended
    most read
    most popular
    trending
    comments
    leave a comment
    leave your comments
    add your comment
    skip to content
    skip to main content
    sign up
    subscribe
    subscribe now
    log in
    sign in
    back to top
    follow us
    image
    photo
    loading
    close
    menu
    search""".splitlines()
)
