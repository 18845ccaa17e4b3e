"""One romanisation of Azerbaijani and Russian, for slugs and for search alike.

Azerbaijani letters as Azerbaijani names are spelt in English and in passports (Həsənov →
Hasanov, Şəki → Shaki, Çingiz → Chingiz), Russian Cyrillic as it is commonly romanised
(Гасанов → Gasanov); other accented letters lose their accents.
"""

import re
import unicodedata

# Letters with no decomposition to a plain Latin letter, and the digraphs English uses; kept
# as a table in the alphabets' order (the formatter would put a letter a line), so that a
# reader checks each letter against its neighbours.
_LETTERS = {
    "ə": "a", "ı": "i", "ş": "sh", "ç": "ch", "ğ": "g", "ß": "ss",
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya",
}  # fmt: skip
_ROMANISED = str.maketrans(_LETTERS)
# The same without the Azerbaijani digraphs (Şahin as sahin), as people often type them.
_PLAIN = str.maketrans({**_LETTERS, "ş": "s", "ç": "c"})


def romanise(text, *, digraphs=True):
    """`text` in lower-case Latin letters, digits and punctuation, without accents."""
    lowered = str(text or "").casefold().translate(_ROMANISED if digraphs else _PLAIN)
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


# The sound of a name, whichever of Azerbaijani Latin, Russian Cyrillic or English spelling
# wrote it (Məmmədova, Мамедова, Mammadova, Mamedova): each rule folds the letters one
# spelling writes where another writes others, on the romanised text.
_SOUNDS = [
    (re.compile(r"shch|sh"), "s"),  # ş, ш, щ: Şahin, Шахин, Shahin, Sahin
    (re.compile(r"dzh|dj|zh"), "j"),  # c, дж, j: Cəfərov, Джафаров, Jafarov
    (re.compile(r"ch"), "ç"),  # ç, ч: Çingiz, Чингиз, Chingiz (kept apart from c, below)
    (re.compile(r"c"), "j"),  # Azerbaijani c is English j: Hacıyev, Hajiyev
    (re.compile(r"kh|gh|[xhqg]"), "g"),  # x, h, ğ, q, х, г: Xəlilov, Халилов; Həsənov, Гасанов
    (re.compile(r"y(?=[aeiou])"), ""),  # Əliyev, Алиев; Gülnarə, Гюльнара; Ağayev, Агаев
    (re.compile(r"y"), "i"),  # ı, i, y, ы, й: Hüseynov, Гусейнов; Qasımov, Гасымов
    (re.compile(r"e"), "a"),  # ə, e, a: Məmmədov, Мамедов
    (re.compile(r"([a-zç])\1+"), r"\1"),  # Məmmədov, Mamedov; Abbasov, Abasov
]


def sound_of(text):
    """The key `text` sounds like: what every spelling of one name shares ("mamadova")."""
    key = romanise(text)
    for pattern, replacement in _SOUNDS:
        key = pattern.sub(replacement, key)
    return key.replace("ç", "c")
