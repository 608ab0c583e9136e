"""django-simple-history's admin with history pages that answer a malformed address with 404.

SimpleHistoryAdmin's own history views hand the object and version ids from the address straight
to the database (`/admin/…/indicator/²/history/` gave a 500: int() refuses "²"). Every model
admin with history uses this one instead.
"""

from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin

from archive_portal.lib.numbers import parse_int


class HistoryAdmin(SimpleHistoryAdmin):
    def _check_object_id(self, object_id):
        try:
            self.model._meta.pk.to_python(unquote(object_id))
        except (ValidationError, ValueError, TypeError):
            raise Http404("No such object") from None

    def history_view(self, request, object_id, extra_context=None):
        self._check_object_id(object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._check_object_id(object_id)
        if parse_int(version_id) is None:
            raise Http404("No such version")
        return super().history_form_view(request, object_id, version_id, extra_context)
