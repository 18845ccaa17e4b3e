"""The benchmark: generated data at a chosen scale, and `manage.py bench`, which measures the
import, the public pages and the admin against their floors (see README, "Performance")."""
