"""Named vocabularies of phrases that mark web-page boilerplate.

Each :class:`Vocabulary` has a name, a kind (what a hit means to the boilerplate
filter) and phrases grouped by language. Phrases match case-insensitively as
whole words. Users add their own through the ``boilerplate.extra_phrases``
option, which joins the ``user`` vocabulary (kind ``widget``).

Kinds:

- ``heading``: the title of a list or widget (``Most Read``, ``Related reading``);
  the headlines that follow belong to it;
- ``widget``: a prompt or control that is boilerplate on its own
  (``Leave Your Comments``, ``Share this``);
- ``footer``: copyright and legal lines (``All rights reserved``);
- ``menu``: single words found in navigation menus and language pickers; a run
  of them is a menu, one alone is just a word.

>>> "most read" in phrases("heading")
True
>>> lookup("Leave Your Comments").name
'comments'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Vocabulary:
    """A named group of boilerplate phrases, by language code ("*" for any)."""

    name: str
    kind: str
    phrases: tuple[tuple[str, tuple[str, ...]], ...]
    description: str = ""

    def all_phrases(self) -> tuple[str, ...]:
        """Every phrase, lower-cased, all languages together."""
        return tuple(p.lower() for _, group in self.phrases for p in group)


def _v(name: str, kind: str, description: str, **by_lang: str) -> Vocabulary:
    """Build a vocabulary from ``lang="phrase; phrase; ..."`` keyword arguments."""
    groups = tuple(
        (lang, tuple(p.strip() for p in text.split(";") if p.strip()))
        for lang, text in by_lang.items()
    )
    return Vocabulary(name, kind, groups, description)


VOCABULARIES: tuple[Vocabulary, ...] = (
    _v(
        "related",
        "heading",
        "titles of related-article and most-read lists",
        en="Most Read; Most Popular; Most Viewed; Most Shared; Most Commented; Related reading; "
        "Related Articles; Related Stories; Related News; Related Posts; Related Content; "
        "Related Coverage; Related Topics; Related; We Recommend; Recommended; Recommended for you; "
        "Recommended Stories; You may also like; You might also like; You May Also Be Interested In; "
        "More from; More Stories; More News; More on this story; Read more; Read More Stories; "
        "Read next; Top Stories; Top News; Hot News; Trending; Trending Now; Trending Stories; "
        "Popular on; Popular Stories; Latest News; Latest Stories; Latest; Editor's Picks; "
        "Editors' Picks; Don't Miss; Also Read; See also; Further reading; In Other News; "
        "Sponsored Stories; Sponsored Content; Promoted Stories; Around the Web; From the Web; "
        "Top 10; Photos; Featured; Key Words; Keywords; Tags; Topics; Links",
        fr="Les plus lus; Les plus populaires; Articles liés; Articles similaires; À lire aussi; "
        "A lire aussi; Lire aussi; Sur le même sujet; Dans la même rubrique; À la une; "
        "Dernières actualités; Mots-clés",
        de="Meistgelesen; Meist gelesen; Meistgelesene Artikel; Das könnte Sie auch interessieren; "
        "Mehr zum Thema; Auch interessant; Weitere Artikel; Verwandte Artikel; Top-Themen; "
        "Schlagworte; Schlagwörter",
        es="Lo más leído; Lo más visto; Noticias relacionadas; Artículos relacionados; "
        "Te puede interesar; También te puede interesar; Más noticias; Lee también; "
        "Últimas noticias; Etiquetas",
        pt="Mais lidas; Mais lidos; Notícias relacionadas; Artigos relacionados; Leia também; "
        "Veja também; Você pode gostar; Últimas notícias",
        it="I più letti; Più letti; Articoli correlati; Notizie correlate; Leggi anche; "
        "Potrebbe interessarti; Ultime notizie",
        ru="Материалы по теме; Читайте также; Похожие статьи; Популярное; Самое читаемое",
        ja="関連記事; 新着記事; 人気記事; おすすめ記事",
        zh="相关文章; 相关新闻; 热门文章; 推荐阅读",
    ),
    _v(
        "comments",
        "widget",
        "comment boxes and prompts",
        en="Leave Your Comments; Leave a Comment; Leave a Reply; Add your comment; Add a comment; "
        "Post a comment; Write a comment; Show comments; View comments; Comments; Comment; "
        "Please enable JavaScript to view the comments powered by Disqus; "
        "comments powered by Disqus; Join the conversation; Join the discussion; "
        "Top Rated Comments; Top Comments; All Comments; Reader Comments; Newest Comments; "
        "Show all comments; View all comments; Load more comments",
        fr="Laisser un commentaire; Laissez un commentaire; Ajouter un commentaire; Commentaires; "
        "Réagir",
        de="Kommentar schreiben; Kommentare; Kommentieren; Diskutieren Sie mit",
        es="Deja tu comentario; Deja un comentario; Añadir comentario; Comentarios; Comentar",
        pt="Deixe seu comentário; Deixe um comentário; Comentários; Comentar",
        it="Lascia un commento; Commenti; Commenta",
    ),
    _v(
        "share",
        "widget",
        "share and follow prompts",
        en="Share this; Share this article; Share this story; Share on Facebook; Share on Twitter; "
        "Share; Tweet; Email; Print; Pin; WhatsApp; Follow us on; Follow us; Like us on Facebook; "
        "Click to share; Share via; Copy link",
        fr="Partager; Partager cet article; Suivez-nous; Suivez-nous sur; Imprimer",
        de="Teilen; Artikel teilen; Folgen Sie uns; Folgen Sie uns auf; Drucken",
        es="Compartir; Compartir en; Síguenos; Síguenos en; Imprimir",
        pt="Compartilhe; Compartilhar; Partilhar; Siga-nos; Siga-nos no; Imprimir",
        it="Condividi; Seguici; Seguici su; Stampa",
    ),
    _v(
        "account",
        "widget",
        "newsletter, subscription, login and cookie prompts",
        en="Sign up for our newsletter; Subscribe to our newsletter; Sign up; Subscribe; "
        "Subscribe now; Newsletter; Newsletters; Log in; Login; Sign in; Register; Log out; "
        "We use cookies; This site uses cookies; This website uses cookies; Accept cookies; "
        "Accept all cookies; Cookie policy; Cookie settings; Manage cookies; Skip to content; "
        "Skip to main content; Skip to navigation; Back to top; Advertisement; Advertising; "
        "Continue Reading Below; Story continues below; Click here; Search; Menu; Close; "
        "Toggle navigation; Please enable JavaScript",
        fr="Inscrivez-vous à notre newsletter; S'abonner; Abonnez-vous; Se connecter; Connexion; "
        "Nous utilisons des cookies; Accepter les cookies; Publicité; Rechercher",
        de="Newsletter abonnieren; Abonnieren; Anmelden; Einloggen; Wir verwenden Cookies; "
        "Cookies akzeptieren; Anzeige; Werbung; Suche",
        es="Suscríbete; Suscríbete a nuestro boletín; Iniciar sesión; Regístrate; "
        "Utilizamos cookies; Aceptar cookies; Publicidad; Buscar",
        pt="Assine; Assine a newsletter; Entrar; Cadastre-se; Utilizamos cookies; "
        "Aceitar cookies; Publicidade; Pesquisar",
        it="Iscriviti alla newsletter; Abbonati; Accedi; Registrati; Utilizziamo i cookie; "
        "Accetta i cookie; Pubblicità; Cerca",
    ),
    _v(
        "legal",
        "footer",
        "copyright and legal footers",
        en="Copyright ©; Copyright; All rights reserved; All Rights Reserved; Privacy Policy; "
        "Privacy; Terms of Use; Terms of Service; Terms & Conditions; Terms and Conditions; "
        "Contact Us; About Us; Join Us; Careers; Advertise; Advertise with us; Sitemap; "
        "Site Map; Cookie Policy; Accessibility; Ad Choices; Do Not Sell My Personal Information",
        fr="Tous droits réservés; Mentions légales; Politique de confidentialité; Nous contacter; "
        "Contactez-nous; Plan du site",
        de="Alle Rechte vorbehalten; Impressum; Datenschutz; Datenschutzerklärung; Kontakt; AGB",
        es="Todos los derechos reservados; Aviso legal; Política de privacidad; Contacto; "
        "Contáctenos; Mapa del sitio",
        pt="Todos os direitos reservados; Política de privacidade; Termos de uso; Contato; "
        "Fale conosco; Mapa do site",
        it="Tutti i diritti riservati; Informativa sulla privacy; Note legali; Contatti; "
        "Mappa del sito",
    ),
    _v(
        "languages",
        "menu",
        "language names as they appear in language pickers",
        en="English; Chinese; Japanese; French; Spanish; Russian; Arabic; Korean; German; "
        "Portuguese; Italian; Dutch; Turkish; Hindi; Vietnamese; Thai; Indonesian; Persian; "
        "Polish; Ukrainian; Greek; Swedish",
        **{
            "*": "Deutsch; Français; Español; Português; Italiano; Nederlands; Русский; 中文; "
            "简体中文; 繁體中文; 日本語; 한국어; العربية; Türkçe; Polski; Svenska"
        },
    ),
    _v(
        "social",
        "menu",
        "social networks and share buttons as they appear in share bars",
        **{
            "*": "Facebook; Twitter; LinkedIn; Pinterest; Reddit; WhatsApp; Instagram; YouTube; "
            "Flipboard; Tumblr; Telegram; Messenger; Weibo; WeChat; Email; E-mail; Print; Share; "
            "Tweet; Comments; Comment; SMS; Copy; Link; Mix; Pocket; RSS"
        },
    ),
    _v(
        "sections",
        "menu",
        "section names of news-site navigation menus",
        en="Home; News; Opinion; Opinions; Business; Military; World; Society; Culture; Travel; "
        "Science; Sports; Sport; Special Coverage; Photo; Photos; Video; Videos; Politics; Tech; "
        "Technology; Health; Entertainment; Lifestyle; Life; Arts; Style; Food; Markets; Money; "
        "Economy; Education; Environment; Weather; Local; National; International; Archive; "
        "More; Podcasts; Events; Shows; Blogs; Columns; Editorial; Finance; China; US; UK; "
        "Europe; Asia; Africa; Americas; Middle East; Games; Auto; Autos; Cars; Real Estate; "
        "Jobs; Obituaries; Crime; Media; Science & Tech; Sci-Tech; Features; Multimedia; "
        "Topics; Sections; Homepage; Latest; Trending; Contact; About; Help; FAQ",
        fr="Accueil; Actualités; International; Politique; Économie; Société; Culture; Sport; "
        "Sports; Sciences; Santé; Vidéos; Opinions; Médias",
        de="Startseite; Nachrichten; Politik; Wirtschaft; Kultur; Wissenschaft; Gesundheit; "
        "Panorama; Meinung; Reise; Videos; Ausland; Inland",
        es="Inicio; Portada; Noticias; Política; Economía; Sociedad; Cultura; Deportes; Ciencia; "
        "Salud; Opinión; Internacional; Vídeos",
        pt="Início; Notícias; Política; Economia; Sociedade; Cultura; Esportes; Desporto; Ciência; "
        "Saúde; Opinião; Mundo; Vídeos",
        it="Notizie; Politica; Economia; Cronaca; Cultura; Sport; Scienza; Salute; Esteri; "
        "Opinioni; Video",
    ),
)

#: Phrases that open a list heading when a section or site name follows them
#: (``More in Politics``, ``Next Up In Tech``), besides the ``heading`` phrases. Too
#: common in prose to cut a flattened line at, so they are read only at the start
#: of a short line.
LIST_OPENERS = ("more in", "more on", "next up", "next up in", "more coverage", "also on")

#: The vocabulary user phrases join.
USER_VOCABULARY = "user"


@lru_cache(maxsize=32)
def vocabularies(extra: tuple[str, ...] = ()) -> tuple[Vocabulary, ...]:
    """The built-in vocabularies plus a ``user`` one made of ``extra`` phrases."""
    cleaned = tuple(p.strip() for p in extra if p.strip())
    if not cleaned:
        return VOCABULARIES
    return (*VOCABULARIES, Vocabulary(USER_VOCABULARY, "widget", (("*", cleaned),), "user"))


@lru_cache(maxsize=64)
def phrases(kind: str, extra: tuple[str, ...] = ()) -> frozenset[str]:
    """Lower-cased phrases of every vocabulary of ``kind``."""
    return frozenset(p for v in vocabularies(extra) if v.kind == kind for p in v.all_phrases())


@lru_cache(maxsize=32)
def index(extra: tuple[str, ...] = ()) -> dict[str, Vocabulary]:
    """Every phrase (lower case, single spaces) mapped to the vocabulary that lists it.

    >>> index()["most read"].name
    'related'
    """
    index: dict[str, Vocabulary] = {}
    for v in vocabularies(extra):
        for p in v.all_phrases():
            # User phrases win; otherwise the first vocabulary listing a phrase owns it.
            if v.name == USER_VOCABULARY or p not in index:
                index[p] = v
    return index


def lookup(phrase: str, extra: tuple[str, ...] = ()) -> Vocabulary | None:
    """The vocabulary that lists ``phrase`` (case-insensitive, spaces normalised)."""
    return index(extra).get(" ".join(phrase.lower().split()))


@lru_cache(maxsize=64)
def listed(
    kinds: tuple[str, ...], extra: tuple[str, ...] = (), min_words: int = 1
) -> tuple[str, ...]:
    """Phrases of the given kinds as written (not lower-cased), with at least ``min_words`` words."""
    wanted = set(kinds)
    return tuple(
        sorted(
            {
                p
                for v in vocabularies(extra)
                if v.kind in wanted
                for _, group in v.phrases
                for p in group
                if len(p.split()) >= min_words
            }
        )
    )


def all_phrases(extra: tuple[str, ...] = (), kinds: Iterable[str] | None = None) -> list[str]:
    """Phrases of the given kinds (all kinds by default), longest first."""
    wanted = set(kinds) if kinds is not None else None
    out = {
        p
        for v in vocabularies(extra)
        if wanted is None or v.kind in wanted
        for p in v.all_phrases()
    }
    return sorted(out, key=lambda p: (-len(p), p))
