from django.utils import translation

from charts.world import breaks, legend, level, shapes, world_map


def link(code):
    return f"/organisations/?country={code}"


def label(name, count):
    return f"{name}: {count}"


def test_shades_follow_one_two_five_steps_up_to_the_largest_count():
    assert breaks(0) == [1]
    assert breaks(1) == [1]
    assert breaks(12) == [1, 2, 5, 10]
    assert breaks(50) == [1, 2, 5, 20, 50]  # at most five shades, spread over the series
    assert [level(count, [1, 2, 5, 10]) for count in (0, 1, 2, 4, 5, 9, 10, 99)] == [
        0,
        1,
        2,
        2,
        3,
        3,
        4,
        4,
    ]
    assert [entry["text"] for entry in legend([1, 2, 5, 10])] == [
        "1",
        "2–4",
        "5–9",
        "10 or more",
    ]


def test_every_country_is_drawn_once_from_natural_earths_shapes():
    view_box, all_shapes = shapes()
    assert view_box == "0 0 1000 444"
    codes = [shape.code for shape in all_shapes if shape.code]
    assert len(codes) == len(set(codes))  # Australia's islands joined to Australia
    assert {"AZ", "DE", "TR", "MT", "SG", "BH", "US", "RU"} <= set(codes)
    assert "AQ" not in codes


def test_the_map_shades_and_links_the_countries_with_a_count_and_dots_the_small_ones():
    counts = {"DE": 12, "TR": 3, "MT": 1, "GI": 2}
    with translation.override("en"):
        drawn = world_map(counts, link=link, label=label)
    shaded = {country["code"]: country for country in drawn["shaded"]}
    assert set(shaded) == {"DE", "TR", "MT"}
    assert {code: country["level"] for code, country in shaded.items()} == {
        "DE": 4,
        "TR": 2,
        "MT": 1,
    }
    assert shaded["DE"]["url"] == "/organisations/?country=DE"
    assert shaded["DE"]["label"] == "Germany: 12"
    assert shaded["DE"]["dot"] is None
    assert shaded["MT"]["dot"]["r"] > 0  # Malta is too small to see without its dot
    # In the order of the names, as the keyboard reaches them.
    assert [country["code"] for country in drawn["shaded"]] == ["DE", "MT", "TR"]
    # France has no organisation: drawn, not linked.
    assert "France" in {country["name"] for country in drawn["plain"]}
    # Gibraltar has no shape in Natural Earth 1:50m: named under the map.
    assert drawn["not_drawn"] == ["Gibraltar"]


def test_the_map_names_countries_in_the_pages_language():
    with translation.override("az"):
        drawn = world_map({"DE": 1}, link=link, label=label)
    assert drawn["shaded"][0]["name"] == "Almaniya"


def test_every_name_on_the_map_is_the_sites_own_name_of_a_country():
    """Natural Earth's English names of areas without a code ("N. Cyprus", "Siachen
    Glacier", Latin "Kosovo" on /ru/) never show: such an area is drawn as part of its
    country, or without a name."""
    from django_countries import countries

    for language in ("az", "en", "ru"):
        with translation.override(language):
            drawn = world_map({"CY": 1, "RS": 2}, link=link, label=label)
            site_names = {str(name) for _code, name in countries}
        shown = [country["name"] for country in drawn["plain"] + drawn["shaded"]]
        named = [name for name in shown if name]
        assert set(named) <= site_names, set(named) - site_names
        assert len(shown) - len(named) == 1  # Siachen Glacier, claimed by two countries
    for english in ("N. Cyprus", "Somaliland", "Kosovo", "Indian Ocean Ter.", "Siachen Glacier"):
        assert english not in named
    cyprus = next(country for country in drawn["shaded"] if country["code"] == "CY")
    assert cyprus["name"] == "Кипр"
