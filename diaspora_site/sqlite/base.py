"""Django's SQLite backend, made a real embedded default for many editors at once.

- Writers never fail on a busy database: every transaction takes the write lock when it
  begins (BEGIN IMMEDIATE), so two writers queue for it instead of one failing with "database
  is locked" when it tries to upgrade a read lock, and a writer waits up to
  `SQLITE_BUSY_TIMEOUT` seconds (60 by default) for the lock.
- Readers never wait for writers: the write-ahead log (WAL) lets pages be read while an import
  writes; `synchronous=NORMAL` is the setting SQLite advises with it.
- Bulk queries as large as this SQLite allows: Django 5.2 assumes SQLite's old default of 999
  variables a query, so a bulk insert of people (about 35 columns) went out in batches of 28
  rows. SQLite has allowed 32,766 since 3.32; asking the connection for its limit lets an
  import write 900 rows a query.
"""

import sqlite3

from django.conf import settings
from django.db.backends.sqlite3 import base, features
from django.utils.functional import cached_property


class DatabaseFeatures(features.DatabaseFeatures):
    @cached_property
    def max_query_params(self):
        self.connection.ensure_connection()
        return self.connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)


class DatabaseWrapper(base.DatabaseWrapper):
    features_class = DatabaseFeatures

    def get_connection_params(self):
        options = self.settings_dict["OPTIONS"]
        options.setdefault("transaction_mode", "IMMEDIATE")
        options.setdefault("timeout", settings.SQLITE_BUSY_TIMEOUT)
        return super().get_connection_params()

    def get_new_connection(self, conn_params):
        connection = super().get_new_connection(conn_params)
        if not self.is_in_memory_db():
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = NORMAL")
        return connection
