"""What checking an uploaded file found, kept beside the upload while it waits.

The preview pages and the error file read it: paging through the rows of a 100,000-row file
reads 50 stored rows, it does not check the file again. Confirming the import checks it once
more, against what is stored by then.
"""

import json
from dataclasses import asdict, dataclass, field

from .datasets import RowAction, RowError


@dataclass
class StoredCheck:
    file_name: str
    problem: str = ""
    ignored_headers: list = field(default_factory=list)
    ignored_warning: str = ""
    counts: dict = field(default_factory=dict)
    # The dataset's columns that the file has, in the dataset's order.
    columns: list = field(default_factory=list)
    # [number, action, [cell text of each column], [[column, message, value], ...]] of each row
    # that the import would change or that fails.
    rows: list = field(default_factory=list)

    @classmethod
    def from_result(cls, result, dataset):
        present = [
            column.name
            for column in dataset.columns
            if result.rows and result.rows[0].has_cell(column.name)
        ]
        return cls(
            file_name=result.file_name,
            problem=result.problem,
            ignored_headers=result.ignored_headers,
            ignored_warning=result.ignored_warning,
            counts=result.counts,
            columns=present,
            rows=[
                [
                    row.number,
                    row.action,
                    [_text(row.cell(name)) for name in present],
                    [[error.column, error.message, error.value] for error in row.errors],
                ]
                for row in result.rows
                if row.action != RowAction.UNCHANGED
            ],
        )

    @classmethod
    def from_json(cls, data):
        return cls(**json.loads(data))

    def to_json(self):
        return json.dumps(asdict(self), ensure_ascii=False)

    @property
    def ok(self):
        return not self.problem and not self.counts.get("errors")

    @property
    def errors(self):
        return [
            RowError(number, column, value, message)
            for number, _action, _cells, errors in self.rows
            for column, message, value in errors
        ]

    def shown_rows(self, page_rows):
        """The rows of one page as the preview shows them."""
        return [
            {
                "number": number,
                "action": RowAction(action),
                "cells": cells,
                "errors": [RowError(number, column, value, message) for column, message, value
                           in errors],
            }
            for number, action, cells, errors in page_rows
        ]  # fmt: skip


def _text(cell):
    return None if cell is None else str(cell)
