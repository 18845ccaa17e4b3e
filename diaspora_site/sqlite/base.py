"""Django's SQLite backend, with bulk queries as large as this SQLite allows.

Django 5.2 assumes SQLite's old default of 999 variables a query, so a bulk insert of people
(about 35 columns) goes out in batches of 28 rows. SQLite has allowed 32,766 since 3.32;
asking the connection for its limit lets an import write 900 rows a query.
"""

import sqlite3

from django.db.backends.sqlite3 import base, features
from django.utils.functional import cached_property


class DatabaseFeatures(features.DatabaseFeatures):
    @cached_property
    def max_query_params(self):
        self.connection.ensure_connection()
        return self.connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)


class DatabaseWrapper(base.DatabaseWrapper):
    features_class = DatabaseFeatures
