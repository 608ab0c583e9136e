"""Staff pages: programmes (editors) and nominations (superusers and Training reviewers).

Nominations are read-only records of what a firm sent; staff change only the status (through
`nomination_change_status`, which enforces the quota and records the history) and internal notes.
"""

import datetime

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_countries.fields import Country
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from archive_portal import sections
from archive_portal.lib.admin_a11y import LabelledAdminMixin, LabelledTabularInline, label_widget
from archive_portal.lib.history_admin import HistoryAdmin
from archive_portal.lib.spreadsheet import SafeWriter
from archive_portal.lib.timezone import seoul_today
from training import selectors, services
from training.calls import programme_open_until
from training.models import (
    LearningRequest,
    Milestone,
    Nomination,
    NominationStatus,
    Programme,
    ScheduleItem,
    StatusChange,
    Subscription,
    Trainee,
)


class DeadlineField(forms.SplitDateTimeField):
    """Date and time in Seoul; a date without a time means the end of that day."""

    def __init__(self, **kwargs):
        super().__init__(require_all_fields=False, widget=AdminSplitDateTime, **kwargs)
        self.fields[1].required = False

    def compress(self, data_list):
        if data_list and data_list[0] and not data_list[1]:
            data_list = [data_list[0], datetime.time(23, 59, 59)]
        return super().compress(data_list)


class ProgrammeAdminForm(forms.ModelForm):
    application_deadline = DeadlineField(
        label=_("nomination deadline"),
        help_text=_("Seoul time. Leave the time empty for the end of the day (23:59:59)."),
    )

    class Meta:
        model = Programme
        fields = ["application_deadline"]  # the admin adds the fieldsets' fields

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["application_deadline"]
        label_widget(field.widget, field.label)

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("training_starts"), cleaned.get("training_ends")
        if starts and ends and ends < starts:
            self.add_error("training_ends", _("The training cannot end before it starts."))
        if not cleaned.get("reference_prefix") and starts:
            # The prefix Programme.save() would give, checked here so a clash is a form error.
            prefix = Programme(training_starts=starts).default_reference_prefix()
            cleaned["reference_prefix"] = prefix
            self.instance.reference_prefix = cleaned["reference_prefix"]
            if (
                Programme.objects.filter(reference_prefix=cleaned["reference_prefix"])
                .exclude(pk=self.instance.pk)
                .exists()
            ):
                self.add_error(
                    "reference_prefix",
                    _("%(prefix)s is used by another programme: choose another prefix.")
                    % {"prefix": cleaned["reference_prefix"]},
                )
        return cleaned


class OpenUntilForm(forms.Form):
    until = forms.DateField(
        label=_("Last day of nominations"),
        help_text=_("Nominations are accepted until 23:59:59 that day, Seoul time."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean_until(self):
        until = self.cleaned_data["until"]
        if until < seoul_today():
            raise forms.ValidationError(_("Choose today or a later day."))
        return until


class ScheduleItemInline(LabelledTabularInline, TranslationTabularInline):
    model = ScheduleItem
    extra = 1
    fields = ["order", "day", "date", "category", "activities", "host_note"]


@admin.register(Programme)
class ProgrammeAdmin(LabelledAdminMixin, TranslationAdmin, HistoryAdmin):
    # Korean and English columns of each translated field together (django-modeltranslation).
    form = ProgrammeAdminForm
    list_display = [
        "title",
        "training_starts",
        "application_deadline",
        "status_label",
        "country_quota",
        "is_published",
        "review_link",
    ]
    list_filter = ["is_published"]
    search_fields = ["title_ko", "title_en", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = [ScheduleItemInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "is_published", "published_on", "summary",
                           "description", "source_url", "english_by_archive"]}),
        (_("Dates"), {"fields": ["training_starts", "training_ends", "period_note",
                                 "applications_open_at", "application_deadline"]}),
        (_("Quotas"), {"fields": ["country_quota", "country_quota_note", "recruitment_countries",
                                  "recruitment_note", "trainees_per_country", "total_trainees",
                                  "quota_note"]}),
        (_("Call"), {"fields": ["method", "country_criteria", "trainee_criteria",
                                "budget_support", "what_to_prepare", "notes", "schedule_note"]}),
        (_("Contact"), {"fields": ["contact_department", "contact_person", "contact_phone",
                                   "contact_fax", "contact_email", "notification_email",
                                   "reference_prefix"]}),
    ]  # fmt: skip

    def get_readonly_fields(self, request, obj=None):
        # Where new nominations (personal data) are announced: only for the notification
        # address managers' role (and superusers), never an Editor's ordinary edit.
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.has_perm("training.change_programme_notification_email"):
            readonly.append("notification_email")
        return readonly

    def save_model(self, request, obj, form, change):
        # Without a notification address the contact email receives the announcements: an
        # Editor changing it would redirect them too. Keep them where they went.
        if (
            change
            and not obj.notification_email
            and "contact_email" in form.changed_data
            and not request.user.has_perm("training.change_programme_notification_email")
        ):
            obj.notification_email = form.initial.get("contact_email", "")
        super().save_model(request, obj, form, change)

    actions = ["open_until"]

    @admin.action(description=_("Open for nominations until…"), permissions=["change"])
    def open_until(self, request, queryset):
        """Asks for the last day on a page of its own, then publishes the chosen programmes and
        accepts nominations until the end of that day (training.calls)."""
        form = OpenUntilForm(request.POST if "until" in request.POST else None)
        if form.is_bound and form.is_valid():
            until = form.cleaned_data["until"]
            for programme in queryset:
                programme_open_until(programme=programme, until=until)
            self.message_user(
                request,
                _("%(count)s programmes are open for nominations until %(date)s (Seoul).")
                % {"count": queryset.count(), "date": until.isoformat()},
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Open for nominations until…"),
            "form": form,
            "programmes": queryset,
            "opts": self.model._meta,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/training/programme/open_until.html", context)

    @admin.display(description=_("status"))
    def status_label(self, programme):
        return programme.status.label

    @admin.display(description=_("nominations"))
    def review_link(self, programme):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:training_nomination_review", args=[programme.pk]),
            _("Review"),
        )


class ReadOnlyInline(LabelledTabularInline):
    extra = 0
    can_delete = False
    view_on_site = False  # trainees and milestones have no page of their own

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class TraineeInline(ReadOnlyInline):
    model = Trainee
    fields = ["name", "position", "duties", "reason", "english_ability"]
    readonly_fields = fields


class MilestoneInline(ReadOnlyInline):
    model = Milestone
    fields = ["date", "description"]
    readonly_fields = fields


class StatusChangeInline(ReadOnlyInline):
    model = StatusChange
    verbose_name_plural = _("status history")
    fields = ["changed_at", "from_status", "to_status", "changed_by_label", "note", "message"]
    readonly_fields = fields

    @admin.display(description=_("changed by"))
    def changed_by_label(self, change):
        return change.changed_by or _("the writer (private link)")


class NominationAdminForm(forms.ModelForm):
    new_status = forms.ChoiceField(
        label=_("change status to"),
        required=False,
        choices=[("", _("(no change)"))] + list(NominationStatus.choices),
    )
    status_note = forms.CharField(
        label=_("note on the status change"),
        required=False,
        widget=forms.Textarea({"rows": 2}),
        help_text=_("Internal: never shown to the firm."),
    )
    status_message = forms.CharField(
        label=_("message to the applicant"),
        required=False,
        widget=forms.Textarea({"rows": 3}),
        help_text=_(
            "Shown with the change on the nomination's private link and emailed to the firm, in "
            "the language it applied in."
        ),
    )

    class Meta:
        model = Nomination
        fields = ["internal_notes"]

    def clean_new_status(self):
        """Refuse a change the service would refuse, by the field (it checks again on save)."""
        to = self.cleaned_data["new_status"]
        if to and to != self.instance.status:
            services.nomination_status_check(nomination=self.instance, to=to)
        return to


def _csv_response(filename, header, rows):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # BOM: Excel then reads the file as UTF-8 and shows Korean
    writer = SafeWriter(response)  # cells typed by the public never run as formulas
    writer.writerow(header)
    writer.writerows(rows)
    return response


def _local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


class PresentCountryFilter(admin.SimpleListFilter):
    """Only the countries nominated (of the programme chosen, if any), not all 249."""

    title = _("recommended country")
    parameter_name = "country"

    def lookups(self, request, model_admin):
        nominations = Nomination.objects.all()
        programme = request.GET.get("programme__id__exact", "")
        if programme.isdigit():
            nominations = nominations.filter(programme_id=int(programme))
        codes = nominations.order_by().values_list("country", flat=True).distinct()
        countries = sorted((Country(code) for code in codes), key=lambda c: str(c.name))
        return [(c.code, c.name) for c in countries]

    def queryset(self, request, queryset):
        return queryset.filter(country=self.value()) if self.value() else queryset


class ReviewForm(forms.Form):
    """The review page's decision on the nominations ticked."""

    DECISIONS = [
        (NominationStatus.SELECTED, _("Select (within the quota)")),
        (NominationStatus.WAITLISTED, _("Put on the waiting list")),
        (NominationStatus.NOT_SELECTED, _("Do not select")),
        (NominationStatus.UNDER_REVIEW, _("Back to under review")),
    ]
    decision = forms.ChoiceField(label=_("decision"), choices=DECISIONS)
    nominations = forms.ModelMultipleChoiceField(
        label=_("nominations"), queryset=Nomination.objects.none()
    )
    note = forms.CharField(label=_("note for the history"), required=False, max_length=500)
    notify = forms.BooleanField(
        label=_("Email the applicants the decision (once saved)"), required=False, initial=True
    )

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominations"].queryset = programme.nominations.all()
        self.fields["nominations"].error_messages["required"] = _(
            "Tick the nominations to decide on."
        )


@admin.register(Nomination)
class NominationAdmin(LabelledAdminMixin, admin.ModelAdmin):
    form = NominationAdminForm
    view_on_site = False  # nominations have no public page
    # What a reviewer compares, in a table that fits 1,280 px; the call is a filter.
    list_display = ["reference", "company", "country", "city", "trainee_count", "status",
                    "submitted_at"]  # fmt: skip
    list_filter = [("programme", admin.RelatedOnlyFieldListFilter), "status", PresentCountryFilter]
    list_select_related = ["programme"]
    search_fields = [
        "reference",
        "company",
        "writer_name",
        "writer_email",
        "city",
        "institution",
        "trainees__name",
    ]
    date_hierarchy = "submitted_at"
    inlines = [TraineeInline, MilestoneInline, StatusChangeInline]
    readonly_fields = [
        "reference",
        "programme",
        "status",
        "submitted_at",
        "updated_at",
        *services.NOMINATION_FIELDS,
        "language",
        "consent_given_at",
        "consent_notice_version",
        "selection_notified_at",
        "anonymised_at",
    ]
    fieldsets = [
        (None, {"fields": ["reference", "programme", "status", "submitted_at", "updated_at"]}),
        (_("Review"), {"fields": ["new_status", "status_message", "status_note",
                                  "internal_notes"]}),
        (_("Writer"), {"fields": ["writer_name", "writer_email", "writer_phone", "company"]}),
        (_("Recommended country"), {"fields": ["country", "city", "institution",
                                               "city_overview", "railway_plan"]}),
        (_("Privacy"), {"fields": ["language", "consent_given_at", "consent_notice_version",
                                   "selection_notified_at", "anonymised_at"]}),
    ]  # fmt: skip
    actions = [
        "mark_under_review",
        "mark_selected",
        "mark_waitlisted",
        "mark_not_selected",
        "notify_selected",
        "export_nominations_csv",
        "export_trainees_csv",
    ]

    def has_add_permission(self, request):
        return False  # nominations come from the public form only

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(trainees_total=Count("trainees"))

    @admin.display(description=_("trainees"), ordering="trainees_total")
    def trainee_count(self, nomination):
        return nomination.trainees_total

    def get_urls(self):
        review = self.admin_site.admin_view(self.review_view)
        return [
            path("review/<int:programme_id>/", review, name="training_nomination_review"),
            *super().get_urls(),
        ]

    def review_view(self, request, programme_id):
        """One call's nominations on one screen: counts per status, the quota used and left,
        the nominations by country; a decision on those ticked (nominations_decide)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        programme = get_object_or_404(Programme, pk=programme_id)
        form = ReviewForm(request.POST or None, programme=programme)
        if request.method == "POST":
            if not self.has_change_permission(request):
                raise PermissionDenied
            if form.is_valid():
                decision = form.cleaned_data["decision"]
                try:
                    changed = services.nominations_decide(
                        programme=programme,
                        nominations=list(form.cleaned_data["nominations"]),
                        to=decision,
                        by=request.user,
                        note=form.cleaned_data["note"],
                        notify=form.cleaned_data["notify"],
                    )
                except ValidationError as exc:
                    messages.error(request, _("Nothing was changed: %(reason)s")
                                   % {"reason": exc.messages[0]})  # fmt: skip
                else:
                    messages.success(
                        request,
                        _("%(count)s nominations changed to “%(status)s”.")
                        % {"count": len(changed), "status": NominationStatus(decision).label},
                    )
                    return redirect(request.path)
        context = {
            **self.admin_site.each_context(request),
            **selectors.review(programme),
            "opts": self.opts,
            "title": _("Review: %(programme)s") % {"programme": programme.title},
            "form": form,
            "can_decide": self.has_change_permission(request),
        }
        return TemplateResponse(request, "admin/training/nomination/review.html", context)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def save_model(self, request, obj, form, change):
        obj.save(update_fields=["internal_notes", "updated_at"])
        to = form.cleaned_data.get("new_status")
        if to and to != obj.status:
            try:
                services.nomination_change_status(
                    nomination=obj,
                    to=to,
                    by=request.user,
                    note=form.cleaned_data["status_note"],
                    message=form.cleaned_data["status_message"],
                )
            except ValidationError as exc:  # a race with another reviewer since the form check
                self.message_user(request, exc.messages[0], messages.ERROR)

    def _change_status(self, request, queryset, to):
        changed = 0
        for nomination in queryset.select_related("programme"):
            try:
                services.nomination_change_status(nomination=nomination, to=to, by=request.user)
                changed += 1
            except ValidationError as exc:
                self.message_user(
                    request, f"{nomination.reference}: {exc.messages[0]}", messages.ERROR
                )
        if changed:
            self.message_user(
                request,
                _("%(count)s nominations changed to “%(status)s”.")
                % {"count": changed, "status": NominationStatus(to).label},
                messages.SUCCESS,
            )

    @admin.action(description=_("Mark as under review"), permissions=["change"])
    def mark_under_review(self, request, queryset):
        self._change_status(request, queryset, NominationStatus.UNDER_REVIEW)

    @admin.action(description=_("Select (within the programme's quota)"), permissions=["change"])
    def mark_selected(self, request, queryset):
        self._change_status(request, queryset, NominationStatus.SELECTED)

    @admin.action(description=_("Put on the waiting list"), permissions=["change"])
    def mark_waitlisted(self, request, queryset):
        self._change_status(request, queryset, NominationStatus.WAITLISTED)

    @admin.action(description=_("Mark as not selected"), permissions=["change"])
    def mark_not_selected(self, request, queryset):
        self._change_status(request, queryset, NominationStatus.NOT_SELECTED)

    @admin.action(description=_("Email the selected firms"), permissions=["change"])
    def notify_selected(self, request, queryset):
        count = services.nomination_notify_selection(nominations=list(queryset), by=request.user)
        self.message_user(
            request,
            _("Selection notices emailed to %(count)s firms.") % {"count": count},
            messages.SUCCESS if count else messages.WARNING,
        )

    @admin.action(description=_("Export nominations (CSV)"), permissions=["view"])
    def export_nominations_csv(self, request, queryset):
        header = [
            _("reference"), _("programme"), _("status"), _("submitted"), _("company"),
            _("name"), _("email"), _("phone"), _("recommended country"), _("city"),
            _("institution"), _("city overview"), _("railway construction plan"),
            _("milestones"), _("trainees"),
        ]  # fmt: skip
        rows = []
        for n in queryset.select_related("programme").prefetch_related("trainees", "milestones"):
            rows.append([
                n.reference, n.programme.title, n.get_status_display(), _local(n.submitted_at),
                n.company, n.writer_name, n.writer_email, n.writer_phone, n.country.name,
                n.city, n.institution, n.city_overview, n.railway_plan,
                "\n".join(f"{m.date:%Y-%m-%d} {m.description}" for m in n.milestones.all()),
                len(n.trainees.all()),
            ])  # fmt: skip
        return _csv_response("nominations.csv", [str(h) for h in header], rows)

    @admin.action(description=_("Export trainees (CSV)"), permissions=["view"])
    def export_trainees_csv(self, request, queryset):
        header = [
            _("reference"), _("status"), _("company"), _("recommended country"), _("city"),
            _("institution"), _("trainee"), _("position"), _("duties"),
            _("reason for the recommendation"), _("English ability"),
        ]  # fmt: skip
        rows = []
        for n in queryset.select_related("programme").prefetch_related("trainees"):
            for t in n.trainees.all():
                rows.append([
                    n.reference, n.get_status_display(), n.company, n.country.name, n.city,
                    n.institution, t.name, t.position, t.duties, t.reason,
                    t.get_english_ability_display(),
                ])  # fmt: skip
        return _csv_response("trainees.csv", [str(h) for h in header], rows)


@admin.register(LearningRequest)
class LearningRequestAdmin(admin.ModelAdmin):
    """ "Learn this policy in Seoul" requests: staff follow them with a status and notes, and link
    one to the training programme it became part of. What the sender wrote stays as sent."""

    view_on_site = False  # personal data: no public page
    list_display = [
        "reference", "organisation", "country", "city", "kind", "group_size", "status",
        "programme", "created_at",
    ]  # fmt: skip
    list_filter = ["status", "kind", "country", "programme"]
    list_select_related = ["programme"]
    search_fields = ["reference", "organisation", "city", "contact_name", "email", "policy"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "reference", "kind", "policy", "publication", "preferred_period", "group_size",
        "organisation", "city", "country", "contact_name", "position", "email", "phone",
        "message", "language", "consent_given_at", "consent_notice_version", "created_at",
        "updated_at", "anonymised_at",
    ]  # fmt: skip
    fieldsets = [
        (None, {"fields": ["reference", "status", "programme", "staff_notes"]}),
        (_("The request"), {"fields": ["kind", "policy", "publication", "preferred_period",
                                       "group_size", "message"]}),
        (_("Who asks"), {"fields": ["organisation", "city", "country", "contact_name",
                                    "position", "email", "phone"]}),
        (_("Privacy"), {"fields": ["language", "consent_given_at", "consent_notice_version",
                                   "created_at", "updated_at", "anonymised_at"]}),
    ]  # fmt: skip

    def has_add_permission(self, request):
        return False  # requests come from the public form only

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


class ConfirmedFilter(admin.SimpleListFilter):
    title = _("confirmed")
    parameter_name = "confirmed"

    def lookups(self, request, model_admin):
        return [("yes", _("Confirmed")), ("no", _("Waiting for confirmation"))]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(confirmed_at__isnull=self.value() == "no")
        return queryset


class TopicFilter(admin.SimpleListFilter):
    """The subscriptions of one topic (training calls, a news category, a sector), counted."""

    title = _("topic")
    parameter_name = "topic"

    def lookups(self, request, model_admin):
        found = []
        for mailing in sections.mailing_lists():
            if mailing.topics is None:
                found.append((mailing.key, mailing.label))
            else:
                found += [
                    (f"{mailing.key}:{value}", f"{mailing.label}: {label}")
                    for value, label in mailing.topics()
                ]
        return found

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(topics__contains=[self.value()])
        return queryset


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    """Email subscriptions: personal data, seen only with the "Subscription managers"
    permissions. The filters count them by state, language and topic. Staff never add or edit
    one (only its owner can, by the confirmation link); they may delete one on request."""

    view_on_site = False
    show_facets = admin.ShowFacets.ALWAYS
    list_display = ["email", "language", "confirmed", "topic_count", "confirmed_at", "requested_at"]
    list_filter = [ConfirmedFilter, "language", TopicFilter]
    search_fields = ["email"]
    readonly_fields = [
        "email", "language", "topics", "pending_topics", "pending_language", "requested_at",
        "confirmed_at", "consent_notice_version", "created_at",
    ]  # fmt: skip
    fields = readonly_fields

    @admin.display(boolean=True, description=_("confirmed"), ordering="confirmed_at")
    def confirmed(self, obj):
        return obj.is_confirmed

    @admin.display(description=_("topics"))
    def topic_count(self, obj):
        return len(obj.topics or obj.pending_topics)

    def has_add_permission(self, request):
        return False  # only the public form adds one, confirmed by its owner

    def has_change_permission(self, request, obj=None):
        return False
