"""Form widgets rendered in Python.

Django renders a <select> through its form templates, one template include per option: about
a tenth of a millisecond each, so the SDG indicator filters (some 115 options) cost more than the
rest of the page's form. `FastSelect` writes the same element directly.
"""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join


class FastSelect(forms.Select):
    """A single-choice <select> without optgroups, rendered without templates."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        chosen = self.format_value(value)
        chosen = chosen[0] if chosen else ""
        options = []
        selected = False
        for option_value, label in self.choices:
            option_value = "" if option_value is None else str(option_value)
            is_chosen = not selected and option_value == chosen
            selected = selected or is_chosen
            options.append((option_value, " selected" if is_chosen else "", label))
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            flatatt(attrs),
            format_html_join("", '<option value="{}"{}>{}</option>', options),
        )
