"""Charts drawn on the server as SVG, each with the table of its numbers and a CSV of them.

The numbers come first (`Chart`); the picture, the table and the CSV are three views of the
same rows, so the table a screen reader reads and the file staff copy cannot disagree with
the bars. SVG from the server rather than a chart library in the browser: the pages work
without JavaScript, are cached whole like every public page, and stay within the CSP.
"""

import csv
import math
from dataclasses import dataclass

from django.http import HttpResponse
from django.utils.formats import number_format
from django.utils.translation import gettext

WIDTH = 640
SERIES_CLASSES = ("series-0", "series-1", "series-2", "series-3")


@dataclass(frozen=True)
class Chart:
    """Rows of counts: one label and one count per series (events of each format, say)."""

    slug: str  # the chart's name in its CSV file's name and in the page's ids
    title: str
    label_heading: str  # the heading of the first column: "Year", "Month", "Type"
    series: tuple  # the headings of the counts: ("Events",) or one per format
    rows: tuple  # ((label, (count, ...)), ...)
    horizontal: bool = False  # bars from the left, for long labels such as types

    @property
    def has_totals(self):
        return len(self.series) > 1

    @property
    def totals(self):
        return [sum(counts) for _label, counts in self.rows]

    @property
    def table_rows(self):
        """(label, counts, total) per row, as the table and the CSV show them."""
        return [(label, counts, sum(counts)) for label, counts in self.rows]

    @property
    def is_empty(self):
        return not any(sum(counts) for _label, counts in self.rows)

    def csv_response(self):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.slug}.csv"'
        response.write("\ufeff")  # so that spreadsheet programs read the names as UTF-8
        writer = csv.writer(response)
        totals = [gettext("Total")] if self.has_totals else []
        writer.writerow([self.label_heading, *self.series, *totals])
        for label, counts, total in self.table_rows:
            writer.writerow([label, *counts, *([total] if self.has_totals else [])])
        return response

    def drawing(self):
        """What the SVG template draws: the bars' rectangles, the axis and the labels."""
        return _horizontal(self) if self.horizontal else _columns(self)


def _nice_ceiling(value):
    """The axis's top: 1, 2 or 5 times a power of ten, at least `value`."""
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if step * power >= value:
            return step * power
    return 10 * power


def _columns(chart):
    """Columns from a baseline, one stacked segment per series, and a scale on the left."""
    left, right, top, bottom = 48, 8, 12, 40
    height = 240
    plot_width = WIDTH - left - right
    plot_height = height - top - bottom
    highest = _nice_ceiling(max((sum(counts) for _label, counts in chart.rows), default=0))
    scale = plot_height / highest
    band = plot_width / max(len(chart.rows), 1)
    every = max(1, math.ceil(len(chart.rows) / 8))  # a label under at most 8 columns
    baseline = top + plot_height
    columns = []
    bar_width = min(band * 0.7, 56)
    for index, (label, counts) in enumerate(chart.rows):
        x = left + index * band + (band - bar_width) / 2
        y = baseline
        segments = []
        for series_index, count in enumerate(counts):
            if count:
                length = count * scale
                y -= length
                segments.append(
                    {
                        "x": _round(x),
                        "y": _round(y),
                        "width": _round(bar_width),
                        "height": _round(length),
                        "class": SERIES_CLASSES[series_index % len(SERIES_CLASSES)],
                        "title": f"{label}, {chart.series[series_index]}: {number(count)}",
                    }
                )
        columns.append(
            {
                "segments": segments,
                "label": label if index % every == 0 else "",
                "label_x": _round(left + index * band + band / 2),
            }
        )
    # Whole numbers only: the middle tick only where half the top is one.
    values = [0, highest // 2, highest] if highest % 2 == 0 else [0, highest]
    ticks = [{"y": _round(baseline - value * scale), "label": number(value)} for value in values]
    return {
        "width": WIDTH,
        "height": height,
        "columns": columns,
        "ticks": ticks,
        "axis": {"x1": left, "x2": WIDTH - right, "y": baseline},
        "label_y": baseline + 18,
        "tick_x": left - 6,
    }


def _horizontal(chart):
    """One bar per row from a column of labels, its count at its end."""
    label_width, value_room, row_height = 200, 56, 28
    plot_width = WIDTH - label_width - value_room
    highest = max((sum(counts) for _label, counts in chart.rows), default=0) or 1
    bars = []
    for index, (label, counts) in enumerate(chart.rows):
        total = sum(counts)
        length = total / highest * plot_width
        y = index * row_height
        bars.append(
            {
                "label": label,
                "label_x": label_width - 8,
                "text_y": y + row_height * 0.65,
                "x": label_width,
                "y": y + 4,
                "width": _round(length),
                "height": row_height - 8,
                "value": number(total),
                "value_x": _round(label_width + length + 6),
                "class": SERIES_CLASSES[0],
                "title": f"{label}: {number(total)}",
            }
        )
    return {"width": WIDTH, "height": max(len(bars), 1) * row_height, "bars": bars}


def _round(value):
    return round(value, 1)


def number(value):
    """A count as the page's language writes it (1 234, 1.234, 1,234)."""
    return number_format(value, force_grouping=True)
