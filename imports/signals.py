from django.dispatch import Signal

# Sent with the model as sender after an import or its undo has written records in bulk
# (bulk writes send no post_save), for whoever keeps something derived from them.
records_changed = Signal()
