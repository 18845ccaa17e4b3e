"""A world map with each country shaded by a count and linked to a listing.

The shapes are Natural Earth's (world-atlas), projected once by `charts/map/build.mjs`
into SVG paths; the server only chooses each country's shade and link, so the map is part of
the page (cached with it, links that a keyboard reaches, no script).
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import get_language, gettext
from django_countries import countries
from django_countries.fields import Country

from .bars import number

SHAPES = Path(__file__).parent / "static/charts/vendor/world-atlas-2.0.2/countries-50m.json"
# Below this area (square units of a map 1000 wide) a country is a few pixels on a laptop and
# none on a phone: Luxembourg, Cyprus, Lebanon, Qatar, Bahrain, Singapore, Malta. Such a
# country also gets a dot that can be seen and clicked.
SMALL_AREA = 10
DOT_RADIUS = 5
LEVELS = 5
# Natural Earth draws a few areas with no ISO code. Each is drawn as part of the country the
# site, as the state it serves, holds it to be part of, so that its name comes from the same
# catalogue as every other country's (Natural Earth's English "N. Cyprus" never shows); the
# areas left out here are drawn without a name.
PART_OF = {"N. Cyprus": "CY", "Somaliland": "SO", "Kosovo": "RS", "Indian Ocean Ter.": "AU"}


@dataclass(frozen=True)
class Shape:
    code: str  # ISO 3166-1 alpha-2, or "" for an area that has none (Siachen Glacier)
    d: str
    area: float
    x: float
    y: float


@cache
def shapes():
    """(viewBox, shapes): one shape per country, its pieces joined (Australia's outlying
    islands are a piece of their own in Natural Earth)."""
    data = json.loads(SHAPES.read_text())
    merged = {}
    for country in data["countries"]:
        code = countries.alpha2(country["id"]) if country["id"] else ""
        code = code or PART_OF.get(country["name"], "")
        key = code or country["name"]
        found = merged.get(key)
        if found is None:
            merged[key] = Shape(code, country["d"], country["area"], country["x"], country["y"])
        else:  # the largest piece places the dot
            x, y = (
                (found.x, found.y)
                if found.area >= country["area"]
                else (country["x"], country["y"])
            )
            merged[key] = Shape(code, found.d + country["d"], found.area + country["area"], x, y)
    return " ".join(str(value) for value in data["viewBox"]), tuple(merged.values())


@cache
def _names(language):
    """{code: name} of the countries on the map, in `language` (the active one)."""
    return {shape.code: str(Country(shape.code).name) for shape in shapes()[1] if shape.code}


def breaks(highest):
    """The lowest count of each shade: 1, 2, 5, 10, 20, 50, ... up to `highest`, at most
    LEVELS of them spread over the series, so that one large community does not leave every
    other country in the palest shade."""
    series = []
    value, steps = 1, (2, 2.5, 2)  # 1 → 2 → 5 → 10 → 20 → 50 ...
    while value <= highest:
        series.append(int(value))
        value *= steps[(len(series) - 1) % 3]
    if len(series) > LEVELS:
        last = len(series) - 1
        series = [series[round(index * last / (LEVELS - 1))] for index in range(LEVELS)]
    return series or [1]


def level(count, lowest_counts):
    """0 for no count, otherwise the number of the shade (1 to LEVELS) whose range holds it."""
    return sum(1 for lowest in lowest_counts if count >= lowest)


def legend(lowest_counts):
    """The shades' ranges, as the legend names them: "1", "2–4", "50 or more"."""
    entries = []
    for index, lowest in enumerate(lowest_counts):
        if index + 1 < len(lowest_counts):
            highest = lowest_counts[index + 1] - 1
            text = number(lowest) if highest == lowest else f"{number(lowest)}–{number(highest)}"
        else:
            text = gettext("%(count)s or more") % {"count": number(lowest)}
        entries.append({"level": index + 1, "text": text})
    return entries


def country_order():
    """{code: position} in the order of the countries' names in the active language, as
    django-countries collates them (the directory lists countries in this order)."""
    return {code: index for index, (code, _name) in enumerate(countries)}


def world_map(counts, *, link, label):
    """What the map template (charts/world_map.html) draws for `counts` ({country code:
    count}): `link(code)` is the address a shaded country leads to, `label(name, count)` its
    accessible name and tooltip ("Germany: 12 organisations")."""
    view_box, all_shapes = shapes()
    lowest_counts = breaks(max(counts.values(), default=0))
    shaded, plain = [], []
    names = _names(get_language())
    for shape in all_shapes:
        count = counts.get(shape.code, 0)
        name = names.get(shape.code, "")
        if not count:
            plain.append({"d": shape.d, "name": name})
            continue
        shaded.append(
            {
                "code": shape.code,
                "d": shape.d,
                "level": level(count, lowest_counts),
                "url": link(shape.code),
                "label": label(name, count),
                "name": name,
                "dot": {"x": shape.x, "y": shape.y, "r": DOT_RADIUS}
                if shape.area < SMALL_AREA
                else None,
            }
        )
    drawn = {shape.code for shape in all_shapes}
    position = country_order()
    return {
        "view_box": view_box,
        "plain": plain,
        # In the order of their names, as the table under the map lists them and as the
        # keyboard reaches them.
        "shaded": sorted(shaded, key=lambda country: position.get(country["code"], 0)),
        "legend": legend(lowest_counts),
        "not_drawn": sorted(
            str(Country(code).name)
            for code, count in counts.items()
            if count and code not in drawn
        ),
    }
