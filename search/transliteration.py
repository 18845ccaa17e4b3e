"""One romanisation of Azerbaijani and Russian, for slugs and for search alike.

Azerbaijani letters as Azerbaijani names are spelt in English and in passports (Həsənov →
Hasanov, Şəki → Shaki, Çingiz → Chingiz), Russian Cyrillic as it is commonly romanised
(Гасанов → Gasanov); other accented letters lose their accents.
"""

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
