from django.apps import AppConfig


class EngineTestsConfig(AppConfig):
    name = "imports.tests.engine"
    label = "imports_engine"

    def ready(self):
        from . import datasets  # noqa: F401 - registers the dataset
