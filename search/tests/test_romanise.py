import pytest

from search import fold, folded_forms
from search.slugs import slug_from
from search.transliteration import romanise


@pytest.mark.parametrize(
    ("text", "romanised"),
    [
        ("Məmmədov", "mammadov"),
        ("HƏSƏNOVA", "hasanova"),
        ("İsmayılova", "ismayilova"),
        ("Şəki", "shaki"),
        ("Çingiz Ağayev", "chingiz agayev"),
        ("Gülnarə Öztürk", "gulnara ozturk"),
        ("Гасанова Хадиджа", "gasanova khadidzha"),
        ("Ёлка", "yolka"),
        ("Müller-Straße", "muller-strasse"),
    ],
)
def test_romanise_spells_names_as_they_are_spelt_in_latin(text, romanised):
    assert romanise(text) == romanised


def test_slugs_and_search_share_the_romanisation():
    name = "Leyla Həsənova"
    assert (slug_from(name), fold(name)) == ("leyla-hasanova", "leyla hasanova")


def test_search_text_keeps_the_azerbaijani_digraphs_the_plain_letters_and_the_sound():
    assert folded_forms("Şahin Çələbi") == [
        "sahin calabi",
        "shahin chalabi",
        "sagin calabi",  # the sound, read from the digraphs
        "sagin jalabi",  # and from the plain letters: c as Azerbaijani reads it
    ]
    assert folded_forms("Rauf") == ["rauf"]
    assert fold("ŞAHİN") == "sahin"
