"""The content version lives in a shared cache (`pagecache.cache`), not in the database."""
