"""Django's SQLite backend, with what its options do not give for many editors at once.

The settings set the rest with Django's own options: every transaction takes the write lock
when it begins (`transaction_mode`), waits up to `SQLITE_BUSY_TIMEOUT` seconds for it
(`timeout`), and the write-ahead log lets readers go on while a writer writes
(`init_command`).

- A job never starves an editor: a job writing back to back (an import's batches) would
  otherwise take the lock again the moment it let it go, while a waiting save sleeps in
  SQLite's busy handler (up to 100 ms between tries) and missed every gap for seconds. A
  writer that finds the lock taken says so (a file in `<database>.waiting/`) and tries every
  2 ms; a job calls `make_way_for_waiting_writers()` before each transaction and lets them
  in first.
- Bulk queries as large as this SQLite allows: Django 5.2 assumes SQLite's old default of 999
  variables a query, so a bulk insert of people (about 35 columns) went out in batches of 28
  rows. SQLite has allowed 32,766 since 3.32; asking the connection for its limit lets an
  import write 900 rows a query.
"""

import contextlib
import os
import sqlite3
import threading
import time
from pathlib import Path

from django.conf import settings
from django.db.backends.sqlite3 import base, features
from django.db.utils import OperationalError
from django.utils.functional import cached_property

# How often a writer waiting for the lock tries again, and how long a job lets others go
# first before each of its transactions, at most (a waiting file left by a killed process
# must not stop a job).
RETRY_SECONDS = 0.002
MAKE_WAY_SECONDS = 1.0
# A waiting file older than this is one a killed process left.
STALE_WAITING_SECONDS = 120


class DatabaseFeatures(features.DatabaseFeatures):
    @cached_property
    def max_query_params(self):
        self.connection.ensure_connection()
        return self.connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)


class DatabaseWrapper(base.DatabaseWrapper):
    features_class = DatabaseFeatures

    def _start_transaction_under_autocommit(self):
        if self.transaction_mode != "IMMEDIATE" or self.is_in_memory_db():
            super()._start_transaction_under_autocommit()
            return
        raw = self.connection
        raw.execute("PRAGMA busy_timeout = 0")
        try:
            if self._began():
                return
            deadline = time.monotonic() + settings.SQLITE_BUSY_TIMEOUT
            with self._waiting():
                while not self._began():
                    if time.monotonic() > deadline:
                        raise OperationalError("database is locked")
                    time.sleep(RETRY_SECONDS)
        finally:
            raw.execute(f"PRAGMA busy_timeout = {int(settings.SQLITE_BUSY_TIMEOUT * 1000)}")

    def _began(self):
        """Whether BEGIN IMMEDIATE took the write lock (through Django's cursor, so that it
        is counted as Django always counted it)."""
        try:
            self.cursor().execute("BEGIN IMMEDIATE")
        except OperationalError as error:
            if "locked" in str(error) or "busy" in str(error):
                return False
            raise
        return True

    @cached_property
    def _waiting_folder(self):
        return Path(f"{self.settings_dict['NAME']}.waiting")

    @contextlib.contextmanager
    def _waiting(self):
        self._waiting_folder.mkdir(exist_ok=True)
        mark = self._waiting_folder / f"{os.getpid()}-{threading.get_ident()}"
        mark.touch()
        try:
            yield
        finally:
            mark.unlink(missing_ok=True)

    def make_way_for_waiting_writers(self):
        """Before a job's next transaction: wait while other writers wait for the lock (at
        most `MAKE_WAY_SECONDS`), so that they take it first."""
        if self.is_in_memory_db():
            return
        deadline = time.monotonic() + MAKE_WAY_SECONDS
        while self._others_waiting() and time.monotonic() < deadline:
            time.sleep(RETRY_SECONDS)

    def _others_waiting(self):
        try:
            entries = list(os.scandir(self._waiting_folder))
        except FileNotFoundError:
            return False
        stale = time.time() - STALE_WAITING_SECONDS
        for entry in entries:
            try:
                if entry.stat().st_mtime > stale:
                    return True
            except FileNotFoundError:  # it took the lock meanwhile
                continue
        return False
