"""What a browser submits from an admin change form, for the tests and the benchmark's
editors, which save records through the admin as staff do."""

from html.parser import HTMLParser


class AdminFormFields(HTMLParser):
    """The name and value pairs a browser would submit from an admin change form."""

    def __init__(self, every_form=False):
        super().__init__()
        self.every_form = every_form
        self.fields = []
        self._in_form = False
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._in_form = self.every_form or attrs.get("id", "").endswith("_form")
        if not self._in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in {"submit", "button", "file", "image", "reset"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self.fields.append((name, attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and name:
            self._select = {"name": name, "multiple": "multiple" in attrs, "options": []}
        elif tag == "option" and self._select is not None:
            self._select["options"].append([attrs.get("value"), "selected" in attrs, ""])
        elif tag == "textarea" and name:
            self._textarea = [name, ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data
        elif self._select is not None and self._select["options"]:
            self._select["options"][-1][2] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        elif tag == "textarea" and self._textarea is not None:
            # A browser drops the one newline that follows <textarea>.
            self.fields.append((self._textarea[0], self._textarea[1].removeprefix("\n")))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            options = [
                (text.strip() if value is None else value, selected)
                for value, selected, text in self._select["options"]
            ]
            chosen = [value for value, selected in options if selected]
            if not chosen and options and not self._select["multiple"]:
                chosen = [options[0][0]]
            self.fields.extend((self._select["name"], value) for value in chosen)
            self._select = None


def form_fields(html, every_form=False):
    """[(name, value), ...] of the admin form in `html` (of every form in it, with
    `every_form`), as a browser would submit it."""
    parser = AdminFormFields(every_form)
    parser.feed(html)
    return parser.fields
