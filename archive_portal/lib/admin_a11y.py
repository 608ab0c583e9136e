"""Accessible names for the admin's form controls that Django shows without a <label>: the
cells of tabular inlines and of editable change lists (only a column header names them), and
the date and time halves of a date-time field. Each gets an aria-label (axe: `label`,
`label-title-only`, `select-name`)."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.forms.models import BaseInlineFormSet, BaseModelFormSet
from django.utils.translation import gettext as _


def label_widget(widget, label):
    if isinstance(widget, RelatedFieldWidgetWrapper):
        widget = widget.widget
    if isinstance(widget, forms.MultiWidget):  # the date and the time of a date-time field
        parts = [_("date"), _("time")] if len(widget.widgets) == 2 else [""] * len(widget.widgets)
        for sub, part in zip(widget.widgets, parts, strict=True):
            sub.attrs.setdefault("aria-label", f"{label} ({part})" if part else str(label))
    else:
        widget.attrs.setdefault("aria-label", str(label))


def label_fields(form):
    for field in form.fields.values():
        label_widget(field.widget, field.label)


class LabelledInlineFormSet(BaseInlineFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)  # also the DELETE and ORDER boxes
        label_fields(form)


class LabelledChangeListFormSet(BaseModelFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        label_fields(form)


class LabelledTabularInline(admin.TabularInline):
    formset = LabelledInlineFormSet


class LabelledAdminMixin:
    """For a ModelAdmin: editable change-list cells and date-time halves get their names."""

    def get_changelist_formset(self, request, **kwargs):
        kwargs.setdefault("formset", LabelledChangeListFormSet)
        return super().get_changelist_formset(request, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and isinstance(formfield.widget, forms.MultiWidget):
            label_widget(formfield.widget, formfield.label)
        return formfield
