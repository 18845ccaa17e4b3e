from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords


class Kind(models.TextChoices):
    MEMBER = "member", "Member"
    GUEST = "guest", "Guest"


class Entry(models.Model):
    """A record of any kind, as a domain app would keep it."""

    name = models.CharField("name", max_length=100, unique=True)
    city = models.CharField("city", max_length=100, blank=True)
    kind = models.CharField("kind", max_length=10, choices=Kind.choices, blank=True)
    joined = models.DateField("joined", null=True, blank=True)
    email = models.EmailField("e-mail", blank=True)
    updated = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        permissions = [("import_entry", "Can import entries"), ("export_entry", "Can export")]

    def __str__(self):
        return self.name

    def clean(self):
        if self.kind == Kind.MEMBER and self.joined is None:
            raise ValidationError({"joined": "A member has the date they joined."})


class Note(models.Model):
    """Something that keeps an entry from being deleted."""

    entry = models.ForeignKey(Entry, on_delete=models.PROTECT, related_name="notes")
    text = models.CharField(max_length=100)

    def __str__(self):
        return self.text
