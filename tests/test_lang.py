"""Language detection: the cheap function-word vote decides common languages without langdetect."""

from __future__ import annotations

import pytest

from scrubtext import lang

#: Short paragraphs written for these tests, one per language the vote knows.
PARAGRAPHS = {
    "en": "The city council said that the new stations will open in spring, and the mayor "
    "added that more buses are planned for the northern districts.",
    "pl": "Rada miasta poinformowała, że nowe stacje zostaną otwarte wiosną. Burmistrz dodał, "
    "że jest to dopiero początek, bo już teraz planuje się kolejne linie, które będą "
    "obsługiwane przez autobusy elektryczne.",
    "cs": "Městská rada uvedla, že nové stanice budou otevřeny na jaře. Starosta dodal, že "
    "podle plánu jsou připraveny také další linky, které budou provozovány elektrickými "
    "autobusy, a že projekt byl schválen bez potíží.",
    "tr": "Belediye meclisi, yeni istasyonların bahar aylarında açılacağını açıkladı. Başkan, "
    "bu projenin çok önemli olduğunu ve daha fazla otobüs hattı için bir plan "
    "hazırlandığını söyledi, ancak tarih henüz belli değil.",
    "id": "Dewan kota mengatakan bahwa stasiun yang baru akan dibuka pada musim semi. Wali kota "
    "juga menambahkan bahwa mereka sudah menyiapkan lebih banyak bus untuk daerah utara, "
    "karena jumlah penumpang terus bertambah dari tahun ke tahun.",
    "sv": "Stadsfullmäktige meddelade att de nya stationerna ska öppnas till våren. Borgmästaren "
    "sa också att det inte är klart när nästa linje kan börja trafikeras, men att "
    "planen finns och att arbetet pågår för fullt.",
    "ro": "Consiliul local a anunțat că noile stații vor fi deschise în primăvară. Primarul a "
    "spus că pentru zona de nord sunt pregătite mai multe autobuze și că lucrările din "
    "acest an au fost finalizate după un calendar strict.",
    "hu": "A városi tanács bejelentette, hogy az új állomások tavasszal nyílnak meg. A "
    "polgármester szerint még több buszra lesz szükség, és ezt már csak a jövő évi "
    "költségvetés után lehet eldönteni, mert a terv pedig még nincs kész.",
    "fi": "Kaupunginvaltuusto kertoi, että uudet asemat avataan keväällä. Pormestarin mukaan "
    "myös bussilinjoja lisätään, mutta hän ei vielä tiedä, kun uudet vuorot ovat "
    "valmiina, ja niin päätös jää syksyyn.",
    "vi": "Hội đồng thành phố cho biết các nhà ga mới sẽ được mở vào mùa xuân. Thị trưởng "
    "cũng nói rằng những tuyến xe buýt của khu vực phía bắc đã được chuẩn bị để phục vụ "
    "người dân khi nhu cầu đi lại tăng.",
    "ru": "Городской совет сообщил, что новые станции откроются весной. Мэр также сказал, что "
    "если всё пройдёт по плану, то уже в следующем году город получит ещё несколько "
    "автобусных линий, и это только начало.",
    "uk": "Міська рада повідомила, що нові станції відкриють навесні. Мер також сказав, що "
    "вони вже готують нові автобусні лінії, які будуть працювати в північних районах, і "
    "що це лише початок.",
    "bg": "Общинският съвет съобщи, че новите станции ще бъдат открити през пролетта. Кметът "
    "каза, че това е само началото и че вече се подготвят нови автобусни линии, които ще "
    "обслужват северните квартали.",
}


@pytest.fixture
def no_langdetect(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(sample: str) -> str | None:
        raise AssertionError(f"langdetect was called on {sample[:40]!r}")

    monkeypatch.setattr(lang, "_langdetect", refuse)


#: Languages whose function words overlap a listed neighbour's (Czech "a", "na" with
#: Portuguese) so strongly that a short paragraph may fall back to langdetect.
MAY_FALL_BACK = {"cs"}


@pytest.mark.parametrize("code", sorted(set(PARAGRAPHS) - MAY_FALL_BACK))
def test_function_word_vote_decides_without_langdetect(code: str, no_langdetect: None) -> None:
    assert lang.detect(PARAGRAPHS[code]) == code


@pytest.mark.parametrize("code", sorted(PARAGRAPHS))
def test_every_paragraph_gets_its_language(code: str) -> None:
    assert lang.detect(PARAGRAPHS[code]) == code


def test_close_languages_are_left_to_langdetect(monkeypatch: pytest.MonkeyPatch) -> None:
    """Danish and Norwegian share most function words: the vote must not guess."""
    asked: list[str] = []
    monkeypatch.setattr(lang, "_langdetect", lambda s: asked.append(s) or "xx")
    danish = (
        "Byrådet oplyste, at de nye stationer åbner til foråret. Borgmesteren sagde også, "
        "at det ikke er klart, hvornår den næste linje kan åbne, men at planen er der."
    )
    assert lang.detect(danish) == "xx"
    assert asked


def test_wide_sample_decides_a_page_whose_middle_is_menus(no_langdetect: None) -> None:
    menu = "\n".join(["Home", "News", "Sport", "Weather", "Contact us", "Log in"] * 60)
    article = PARAGRAPHS["en"] + " " + PARAGRAPHS["en"].replace("spring", "autumn")
    text = article * 4 + "\n" + menu + "\n" + article * 4
    assert lang.detect(text) == "en"


def test_stopwords_are_unchanged_by_the_vote_lists() -> None:
    """The vote's extra lists are for detection only; filters keep English as fallback."""
    assert lang.stopwords("ru") is lang.stopwords("en")
    assert "że" not in lang.stopwords("pl")


@pytest.mark.parametrize(
    "text",
    [
        # Macedonian: Bulgarian's "да", "се", "е", "го", "му", "ако", "само" but no list
        "Министерот рече дека владата ќе се обиде да го намали буџетот. Тој не е сигурен "
        "дали ќе успее, но ако се договорат, ќе биде подобро за сите граѓани.",
        # Serbian (Cyrillic)
        "Он је рекао да ће се потрудити да заврши посао, али то није лако. Она је код "
        "куће и осећа се добро. Ми смо овде да му помогнемо ако може.",
        # Estonian: Finnish's "ja", "ei", "ole", "oli" but no list
        "Ta ütles, et ei ole kindel, kas see on õige. Ja kui see ei ole, siis on vaja "
        "uut plaani, mida ta ka tegi, ja see oli hea.",
    ],
)
def test_unlisted_neighbours_are_left_to_langdetect(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A language without a list must not be voted into its listed neighbour."""
    monkeypatch.setattr(lang, "_langdetect", lambda s: "xx")
    assert lang.detect(text) == "xx"
