import contextlib
import contextvars

from django.dispatch import Signal

# The one way to say that records changed other than by their own save or delete: sent with
# the model as sender by whatever writes in bulk (an import or its undo, a publish action,
# the renditions of photos made), which sends no post_save, for whoever keeps something
# derived from them (the page cache, publishing.cache).
records_changed = Signal()

_writing_in_bulk = contextvars.ContextVar("writing_in_bulk", default=False)


@contextlib.contextmanager
def writing_in_bulk():
    """Within it, an import's batches are written or removed: each record's own save and
    delete signals need not say that the content changed, since `records_changed` says it
    once at the end (a batch of 1,000 deletions would otherwise say it 1,000 times)."""
    token = _writing_in_bulk.set(True)
    try:
        yield
    finally:
        _writing_in_bulk.reset(token)


def is_writing_in_bulk():
    return _writing_in_bulk.get()
