"""Preview of an unsaved change, in the page design, in either language.

The admin's change form gets two buttons (templates/admin/preview_buttons.html) that post the
form as it is to `<id>/change/preview/?language=ko|en` in a new tab: the ModelAdmin's own form
cleans it (sanitising the body exactly as saving would), and the public detail template renders
the unsaved object. Nothing is written; the response is never cached nor indexed.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_POST


class UnsavedPreviewMixin:
    """For a ModelAdmin: `preview_template` (the public detail template) and
    `preview_context(request, obj)` (its context for the unsaved `obj`)."""

    preview_template = None
    change_form_template = "admin/change_form_with_preview.html"

    def preview_context(self, request, obj):
        raise NotImplementedError

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_preview"
        view = self.admin_site.admin_view(require_POST(self.preview_view))
        return [
            path("<path:object_id>/change/preview/", view, name=name),
            *super().get_urls(),
        ]

    def preview_view(self, request, object_id):
        obj = self.get_object(request, object_id)
        if obj is None:
            raise Http404
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        form = self.get_form(request, obj, change=True)(request.POST, request.FILES, instance=obj)
        language = request.GET.get("language")
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        if not form.is_valid():
            context = {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "form": form,
                "title": obj,
            }
            response = TemplateResponse(request, "admin/preview_errors.html", context)
        else:
            unsaved = form.save(commit=False)
            with translation.override(language):
                request.LANGUAGE_CODE = language
                response = render(
                    request,
                    self.preview_template,
                    {**self.preview_context(request, unsaved), "preview": True,
                     "unsaved_preview": True},
                )  # fmt: skip
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response
