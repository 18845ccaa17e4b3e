"""What checking an uploaded file found, kept beside the upload while it waits.

The preview pages and the error file read it: paging through the rows of a 100,000-row file
reads the stored rows of that page, it does not check the file again. Confirming the import
checks it once more, against what is stored by then.

It is stored as a small summary and the rows in chunks of `CHUNK_ROWS`, so that a page of the
preview, and the confirmation, read a few kilobytes and not all of a large file's rows.
"""

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

from django.core.files.base import ContentFile

from .datasets import RowAction, RowError

CHUNK_ROWS = 1000


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

    def save(self, storage, path):
        """Store under `path` (the summary) and `path`-<n> (the rows, chunk by chunk)."""
        summary = {**asdict(self), "rows": len(self.rows)}
        for number, start in enumerate(range(0, len(self.rows), CHUNK_ROWS)):
            _write(storage, f"{path}-{number}", self.rows[start : start + CHUNK_ROWS])
        _write(storage, path, summary)

    @classmethod
    def load(cls, storage, path):
        """What `save` stored, its rows read chunk by chunk when they are asked for."""
        with storage.open(path, "rb") as stored:
            summary = json.loads(stored.read().decode())
        return cls(**{**summary, "rows": StoredRows(storage, path, summary["rows"])})

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
                "errors": [
                    RowError(number, column, value, message) for column, message, value in errors
                ],
            }
            for number, action, cells, errors in page_rows
        ]


def _text(cell):
    return None if cell is None else str(cell)


def _write(storage, path, data):
    storage.delete(path)
    storage.save(path, ContentFile(json.dumps(data, ensure_ascii=False).encode()))


class StoredRows(Sequence):
    """The stored rows of a check, read a chunk at a time as a page asks for them."""

    def __init__(self, storage, path, count):
        self.storage, self.path, self.count = storage, path, count
        self._chunks = {}

    def __len__(self):
        return self.count

    def _chunk(self, number):
        if number not in self._chunks:
            with self.storage.open(f"{self.path}-{number}", "rb") as stored:
                self._chunks[number] = json.loads(stored.read().decode())
        return self._chunks[number]

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[position] for position in range(*index.indices(self.count))]
        if index < 0:
            index += self.count
        if not 0 <= index < self.count:
            raise IndexError(index)
        return self._chunk(index // CHUNK_ROWS)[index % CHUNK_ROWS]
