"""Change history for translated models."""

import simple_history
from modeltranslation.translator import translator

# Which import made a record is how the site hides it until that import completes, not a
# value of the record that staff change.
BOOKKEEPING_FIELDS = {"created_by_import"}


def register_translated_history(*models):
    """Keep the history of translated models, one column per language.

    Called from each app's `translation.py` after its translation options: a
    `HistoricalRecords()` declared on a translated model breaks every save. The untranslated
    column that modeltranslation keeps (`name` beside `name_en`, `name_az`, `name_ru`) only
    mirrors whichever language was active at the last save, so it is left out of the
    history, where it would show every change twice.
    """
    for model in models:
        options = translator.get_options_for_model(model)
        simple_history.register(
            model,
            excluded_fields=[
                *options.fields,
                *BOOKKEEPING_FIELDS.intersection(field.name for field in model._meta.fields),
            ],
        )
