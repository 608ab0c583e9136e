"""Invited training (초청연수): programmes (one call each) and the firms' nominations.

Nominations are personal data: they never reach a public page, search, sitemap or feed; only
superusers and the "Training reviewers" group see them in the admin. Every status change goes
through `training.services.nomination_change_status`, which records who did it and when.
"""

import datetime
import hashlib
import unicodedata

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from archive_portal.lib.slugs import reserved_slug_validator
from archive_portal.lib.timezone import SEOUL, seoul_today

# Paths under /<lang>/training/ that are not programmes (training/urls.py): no programme may
# take one as its slug, or its page would be unreachable.
RESERVED_SLUGS = {"nominations", "learn", "subscribe"}
COMPANY_KEY_LENGTH = 200


_refuse_reserved = reserved_slug_validator(RESERVED_SLUGS)


def validate_not_reserved(value):
    """The shared reserved-slug rule (archive_portal.lib.slugs); a function so that the
    migrations keep naming it."""
    _refuse_reserved(value)


def end_of_day(date):
    """The last second of `date` in Seoul: a call's deadline given as a date alone."""
    return datetime.datetime.combine(date, datetime.time(23, 59, 59), tzinfo=SEOUL)


class ProgrammeQuerySet(models.QuerySet):
    def published(self):
        """The one visibility rule for programmes: views, sitemap, home block and search."""
        return self.filter(is_published=True)


# The programme fields kept in Korean and English (training/translation.py registers them).
TRANSLATED = (
    "title", "summary", "description", "period_note", "method", "country_quota_note",
    "recruitment_note", "quota_note", "country_criteria", "trainee_criteria", "budget_support",
    "what_to_prepare", "notes", "schedule_note", "contact_department", "contact_person",
)  # fmt: skip


class Programme(models.Model):
    """One call for nominations to the city's invited training in Seoul."""

    class Status(models.TextChoices):
        UPCOMING = "upcoming", _("Upcoming")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        allow_unicode=False,
        validators=[validate_not_reserved],
    )
    summary = models.TextField(_("summary"), blank=True, help_text=_("One or two sentences."))
    description = models.TextField(
        _("description"), blank=True, help_text=_("Markdown; shown on the programme page.")
    )
    published_on = models.DateField(_("date of the call"), null=True, blank=True)
    training_starts = models.DateField(_("training starts"))
    training_ends = models.DateField(_("training ends"))
    period_note = models.CharField(
        _("note on the training period"),
        max_length=300,
        blank=True,
        help_text=_("For example: 6 nights 7 days (planned); dates may change."),
    )
    method = models.TextField(_("how the training is run"), blank=True)
    applications_open_at = models.DateTimeField(
        _("nominations open"),
        null=True,
        blank=True,
        help_text=_("Empty: open from publication until the deadline."),
    )
    application_deadline = models.DateTimeField(
        _("nomination deadline"),
        help_text=_("Seoul time. A date without a time means the end of that day (23:59:59)."),
    )
    country_quota = models.PositiveSmallIntegerField(
        _("countries invited"),
        help_text=_("The most countries that can be selected for the training."),
    )
    country_quota_note = models.CharField(
        _("countries invited, as the call states it"), max_length=300, blank=True
    )
    recruitment_countries = models.PositiveSmallIntegerField(
        _("recruitment size (countries)"),
        null=True,
        blank=True,
        help_text=_("The recruitment size (모집규모) where the call states one."),
    )
    recruitment_note = models.CharField(
        _("recruitment size, as the call states it"), max_length=300, blank=True
    )
    trainees_per_country = models.PositiveSmallIntegerField(_("trainees per country"), default=2)
    total_trainees = models.PositiveSmallIntegerField(_("total trainees"), null=True, blank=True)
    quota_note = models.CharField(_("note on the quotas"), max_length=300, blank=True)
    country_criteria = models.TextField(
        _("country selection criteria"), blank=True, help_text=_("One criterion per line.")
    )
    trainee_criteria = models.TextField(
        _("trainee selection criteria"), blank=True, help_text=_("One criterion per line.")
    )
    budget_support = models.TextField(_("budget support"), blank=True)
    what_to_prepare = models.TextField(
        _("what to prepare"), blank=True, help_text=_("One item per line.")
    )
    notes = models.TextField(_("notes"), blank=True, help_text=_("One note per line."))
    schedule_note = models.CharField(_("note on the schedule"), max_length=300, blank=True)
    contact_department = models.CharField(_("contact department"), max_length=200)
    contact_person = models.CharField(_("contact person"), max_length=100)
    contact_phone = models.CharField(_("contact phone"), max_length=50)
    contact_fax = models.CharField(_("contact fax"), max_length=50, blank=True)
    contact_email = models.EmailField(_("contact email"))
    notification_email = models.EmailField(
        _("staff notification address"),
        blank=True,
        help_text=_("Where new nominations are announced. Empty: the contact email."),
    )
    reference_prefix = models.CharField(
        _("reference prefix"),
        max_length=20,
        unique=True,
        blank=True,
        help_text=_("Nomination references are PREFIX-001, PREFIX-002… Empty: TR-<year>."),
    )
    source_url = models.URLField(_("source"), blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    english_by_archive = models.BooleanField(
        _("English written by the archive"),
        default=False,
        help_text=_(
            "The English text is the archive's translation of the call: the page says that "
            "the Korean original prevails."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ProgrammeQuerySet.as_manager()
    history = HistoricalRecords()  # who changed the call, with a restore in the admin

    class Meta:
        ordering = ["-application_deadline"]
        get_latest_by = "application_deadline"
        verbose_name = _("training programme")
        verbose_name_plural = _("training programmes")
        # New nominations are announced to notification_email, with the nominees' data a click
        # away: changing it is not an Editor's ordinary edit (see ProgrammeAdmin).
        permissions = [
            (
                "change_programme_notification_email",
                _("Can change where a programme's new nominations are announced"),
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(training_ends__gte=models.F("training_starts")),
                name="programme_training_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(country_quota__gte=1), name="programme_country_quota_positive"
            ),
            models.CheckConstraint(
                condition=Q(trainees_per_country__gte=1),
                name="programme_trainees_per_country_positive",
            ),
        ]
        indexes = [
            # The public list and the home block: published programmes by deadline.
            models.Index(
                fields=["is_published", "-application_deadline"],
                name="programme_published_deadline",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.reference_prefix:
            self.reference_prefix = self.default_reference_prefix()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("training:detail", kwargs={"slug": self.slug})

    def default_reference_prefix(self):
        return f"TR-{self.training_starts.year}" if self.training_starts else ""

    def status_at(self, moment):
        if self.applications_open_at and moment < self.applications_open_at:
            return self.Status.UPCOMING
        if moment <= self.application_deadline:
            return self.Status.OPEN
        return self.Status.CLOSED

    @property
    def status(self):
        return self.status_at(timezone.now())

    @property
    def is_open(self):
        return self.status == self.Status.OPEN

    @property
    def days_left(self):
        """Whole days from today (Seoul) to the deadline's date: 0 on the last day."""
        return (self.application_deadline.astimezone(SEOUL).date() - seoul_today()).days

    @property
    def staff_email(self):
        return self.notification_email or self.contact_email

    def lines(self, field):
        return [line.strip() for line in getattr(self, field).splitlines() if line.strip()]

    @property
    def country_criteria_list(self):
        return self.lines("country_criteria")

    @property
    def trainee_criteria_list(self):
        return self.lines("trainee_criteria")

    @property
    def what_to_prepare_list(self):
        return self.lines("what_to_prepare")

    @property
    def notes_list(self):
        return self.lines("notes")


class ScheduleItem(models.Model):
    """One row of a programme's day-by-day schedule, as the call's table shows it."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="schedule", verbose_name=_("programme")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    day = models.CharField(
        _("day"), max_length=50, help_text=_("As the call writes it: 1일차, 10.26(일)…")
    )
    date = models.DateField(_("date"), null=True, blank=True)
    category = models.CharField(
        _("category"),
        max_length=100,
        blank=True,
        help_text=_("Empty: the row continues the category of the row above."),
    )
    activities = models.TextField(_("programme"), help_text=_("One activity per line."))
    host_note = models.CharField(_("host / note"), max_length=300, blank=True)

    class Meta:
        ordering = ["programme", "order", "id"]
        verbose_name = _("schedule row")
        verbose_name_plural = _("schedule")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "order"], name="scheduleitem_unique_order"
            ),
        ]

    def __str__(self):
        return f"{self.day} {self.category}".strip()

    def get_absolute_url(self):
        return self.programme.get_absolute_url()

    @property
    def activity_list(self):
        return [line.strip() for line in self.activities.splitlines() if line.strip()]


class NominationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    UNDER_REVIEW = "under_review", _("Under review")
    SELECTED = "selected", _("Selected")
    WAITLISTED = "waitlisted", _("On the waiting list")
    NOT_SELECTED = "not_selected", _("Not selected")
    WITHDRAWN = "withdrawn", _("Withdrawn")

    @classmethod
    def transitions(cls):
        """Which status may follow which; everything else is refused."""
        return {
            cls.SUBMITTED: {cls.UNDER_REVIEW, cls.WITHDRAWN},
            cls.UNDER_REVIEW: {cls.SELECTED, cls.WAITLISTED, cls.NOT_SELECTED, cls.WITHDRAWN},
            cls.SELECTED: {cls.NOT_SELECTED, cls.WAITLISTED, cls.UNDER_REVIEW},
            # the waiting list: selected when a place frees up, or not selected in the end
            cls.WAITLISTED: {cls.SELECTED, cls.NOT_SELECTED, cls.UNDER_REVIEW, cls.WITHDRAWN},
            cls.NOT_SELECTED: {cls.SELECTED, cls.WAITLISTED, cls.UNDER_REVIEW},
            cls.WITHDRAWN: set(),
        }

    @classmethod
    def can_change(cls, old, new):
        return new in cls.transitions()[cls(old)]


class EnglishAbility(models.TextChoices):
    FLUENT = "fluent", _("Fluent")
    WORKING = "working", _("Can communicate at work")
    BASIC = "basic", _("Basic")
    NONE = "none", _("None (interpreter needed)")


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


class Nomination(models.Model):
    """A firm's nomination of a country/city and its trainees for one programme. Personal data."""

    Status = NominationStatus

    programme = models.ForeignKey(
        Programme,
        on_delete=models.PROTECT,
        related_name="nominations",
        verbose_name=_("programme"),
    )
    sequence = models.PositiveIntegerField(_("number within the programme"))
    reference = models.CharField(_("reference"), max_length=40, unique=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    writer_name = models.CharField(_("name"), max_length=100)
    writer_email = models.EmailField(_("email"))
    writer_phone = models.CharField(_("phone"), max_length=40)
    company = models.CharField(_("company"), max_length=200)
    company_key = models.CharField(
        _("company (normalised)"), max_length=COMPANY_KEY_LENGTH, editable=False, db_index=False
    )
    country = CountryField(_("recommended country"))
    city = models.CharField(_("city"), max_length=200)
    institution = models.CharField(_("institution"), max_length=300)
    city_overview = models.TextField(_("city overview"))
    railway_plan = models.TextField(_("railway construction plan"))
    language = models.CharField(_("language"), max_length=10, default="ko")
    consent_given_at = models.DateTimeField(_("privacy consent given"))
    consent_notice_version = models.CharField(_("privacy notice version"), max_length=20)
    access_token_hash = models.CharField(max_length=64, unique=True, editable=False)
    # The form's idempotency key: a second press of "send" finds this nomination instead of
    # creating another (training.services.nomination_submit). Unique: one nomination per form.
    submission_key = models.CharField(
        max_length=43, unique=True, null=True, blank=True, editable=False
    )
    internal_notes = models.TextField(
        _("internal notes"), blank=True, help_text=_("Seen by staff only.")
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    selection_notified_at = models.DateTimeField(_("selection notice sent"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("personal data removed"), null=True, blank=True)

    class Meta:
        ordering = ["programme", "sequence"]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "sequence"], name="nomination_unique_sequence"
            ),
            # One live nomination per firm and country in a programme (withdrawn ones don't count).
            models.UniqueConstraint(
                fields=["programme", "company_key", "country"],
                condition=~Q(status="withdrawn") & Q(anonymised_at__isnull=True),
                name="nomination_unique_firm_country",
            ),
            models.CheckConstraint(
                condition=Q(
                    status__in=[
                        "submitted",
                        "under_review",
                        "selected",
                        "waitlisted",
                        "not_selected",
                        "withdrawn",
                    ]
                ),
                name="nomination_status_valid",
            ),
        ]
        indexes = [
            # The admin's list filtered by programme and status; the quota count of selections.
            models.Index(fields=["programme", "status"], name="nomination_programme_status"),
        ]

    def __str__(self):
        return self.reference

    def get_absolute_url(self):
        # Staff only: nominations have no public page.
        return reverse("admin:training_nomination_change", args=[self.pk])

    @staticmethod
    def normalise_company(name):
        """The company name as the duplicate check compares it: compatibility characters
        folded (NFKC: the Roman numeral `Ⅴ` is `V`, full-width `Ａ` is `A`), case folded, spaces
        removed. NFKC can lengthen a name, so the key is cut to the column's length."""
        folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold())
        return "".join(folded.split())[:COMPANY_KEY_LENGTH]

    @property
    def is_editable_by_writer(self):
        return (
            self.status in (self.Status.SUBMITTED, self.Status.UNDER_REVIEW)
            and self.anonymised_at is None
            and timezone.now() <= self.programme.application_deadline
        )


class Trainee(models.Model):
    nomination = models.ForeignKey(
        Nomination, on_delete=models.CASCADE, related_name="trainees", verbose_name=_("nomination")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("name"), max_length=100)
    position = models.CharField(_("position"), max_length=200)
    duties = models.TextField(_("duties"))
    reason = models.TextField(_("reason for the recommendation"))
    english_ability = models.CharField(
        _("English ability"), max_length=20, choices=EnglishAbility.choices
    )

    class Meta:
        ordering = ["nomination", "order", "id"]
        verbose_name = _("trainee")
        verbose_name_plural = _("trainees")
        constraints = [
            models.UniqueConstraint(fields=["nomination", "name"], name="trainee_unique_name"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return self.nomination.get_absolute_url()


class Milestone(models.Model):
    """A dated step of the firm's progress with the nominated city (주요 추진 일자별)."""

    nomination = models.ForeignKey(
        Nomination,
        on_delete=models.CASCADE,
        related_name="milestones",
        verbose_name=_("nomination"),
    )
    date = models.DateField(_("date"))
    description = models.TextField(_("what happened"))

    class Meta:
        ordering = ["nomination", "date", "id"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self):
        return f"{self.date:%Y-%m-%d}"

    def get_absolute_url(self):
        return self.nomination.get_absolute_url()


class StatusChange(models.Model):
    """The history of a nomination's status: who changed it, when, from what to what."""

    nomination = models.ForeignKey(
        Nomination,
        on_delete=models.CASCADE,
        related_name="status_changes",
        verbose_name=_("nomination"),
    )
    from_status = models.CharField(
        _("from"), max_length=20, choices=NominationStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=20, choices=NominationStatus.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
        help_text=_("Empty: the writer, through the private link."),
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)
    note = models.TextField(
        _("note"), blank=True, help_text=_("Internal: never shown to the firm.")
    )
    message = models.TextField(
        _("message to the applicant"),
        blank=True,
        help_text=_(
            "Shown with the change on the nomination's private link and in the email to the "
            "firm; kept apart from the internal note."
        ),
    )

    class Meta:
        ordering = ["nomination", "changed_at", "id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status history")

    def __str__(self):
        return f"{self.nomination} {self.from_status} → {self.to_status}"

    def get_absolute_url(self):
        return self.nomination.get_absolute_url()

    @property
    def timeline_label(self):
        """The step as the firm's timeline names it: the first one is "Received"."""
        if not self.from_status:
            return _("Received")
        return NominationStatus(self.to_status).label

    @property
    def is_step(self):
        """A change of status (not a record such as "selection notice emailed")."""
        return self.from_status != self.to_status


class LearningRequest(models.Model):
    """ "Learn this policy in Seoul": a foreign city or organisation asks for training or a study
    visit on a policy it read about. Personal data: staff-only, never public, purged after
    consent.REQUEST_RETENTION (purge_personal_data)."""

    class Kind(models.TextChoices):
        TRAINING = "training", _("Training programme")
        STUDY_VISIT = "study_visit", _("Study visit")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        IN_PROGRESS = "in_progress", _("In progress")
        PLANNED = "planned", _("Planned")
        DECLINED = "declined", _("Declined")
        CLOSED = "closed", _("Closed")

    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    kind = models.CharField(_("what is asked"), max_length=12, choices=Kind.choices)
    organisation = models.CharField(_("organisation"), max_length=200)
    contact_name = models.CharField(_("contact person"), max_length=100)
    position = models.CharField(_("position"), max_length=100, blank=True)
    email = models.EmailField(_("email address"), max_length=254)
    phone = models.CharField(_("phone number"), max_length=40, blank=True)
    city = models.CharField(_("city"), max_length=100)
    country = CountryField(_("country"))
    policy = models.CharField(_("policy of interest"), max_length=300)
    # The item the request was made from: a lazy reference by app label, so training imports
    # no module of publications (docs/DEVELOPING.md, "Links between sections").
    publication = models.ForeignKey(
        "publications.Publication",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("asked from the page of"),
    )
    preferred_period = models.CharField(_("preferred period"), max_length=100)
    group_size = models.PositiveSmallIntegerField(
        _("group size"), validators=[MinValueValidator(1), MaxValueValidator(200)]
    )
    message = models.TextField(_("message"), blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    consent_given_at = models.DateTimeField(_("consent given at"))
    consent_notice_version = models.CharField(_("consent notice version"), max_length=20)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NEW
    )
    staff_notes = models.TextField(_("staff notes"), blank=True, help_text=_("Internal."))
    programme = models.ForeignKey(
        Programme,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="learning_requests",
        verbose_name=_("training programme"),
        help_text=_("The programme the request became part of, if any."),
    )
    created_at = models.DateTimeField(_("received"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    anonymised_at = models.DateTimeField(_("personal data removed at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("training or study-visit request")
        verbose_name_plural = _("training and study-visit requests")
        constraints = [
            models.CheckConstraint(
                condition=Q(group_size__gte=1, group_size__lte=200),
                name="learning_request_group_size_range",
            ),
        ]
        indexes = [
            # The admin's list by status, newest first; purge_personal_data by age.
            models.Index(fields=["status", "-created_at"], name="learning_request_status"),
        ]

    def __str__(self):
        return f"{self.reference} {self.organisation}"

    def get_absolute_url(self):
        return reverse("admin:training_learningrequest_change", args=[self.pk])


# --- "Hear about the next call": email subscriptions ------------------------------------------


class Subscription(models.Model):
    """An email address that asked to hear about new training calls and, if it chose, news
    categories and publication sectors (archive_portal.sections.MailingList topics, stored as
    "calls", "news:notice", "publications:3"…). Personal data: no account, double opt-in (only a
    confirmed subscription is mailed), deleted outright on unsubscribe, unconfirmed ones purged
    after consent.SUBSCRIPTION_CONFIRM_DAYS by purge_personal_data. Staff see it only with the
    "Subscription managers" permissions."""

    email = models.EmailField(_("email address"), max_length=254)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    topics = ArrayField(
        models.CharField(max_length=60), verbose_name=_("topics"), default=list, blank=True
    )
    # A request not yet confirmed by the link in its email: a new address's first choices, or a
    # confirmed subscriber's new ones (applied only when confirmed).
    pending_topics = ArrayField(
        models.CharField(max_length=60),
        verbose_name=_("topics waiting for confirmation"),
        default=list,
        blank=True,
    )
    pending_language = models.CharField(
        _("language waiting for confirmation"),
        max_length=8,
        choices=settings.LANGUAGES,
        blank=True,
    )
    requested_at = models.DateTimeField(_("last asked"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    # Random keys signed into the links (training.subscriptions): a new request draws a new
    # confirmation key, which retires the previous email's link.
    confirm_key = models.CharField(max_length=32, editable=False)
    unsubscribe_key = models.CharField(max_length=32, editable=False)
    consent_notice_version = models.CharField(_("consent notice version"), max_length=20)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("email subscription")
        verbose_name_plural = _("email subscriptions")
        constraints = [
            # One row per address, whatever its case: a second request updates the first.
            models.UniqueConstraint(Lower("email"), name="subscription_email_unique"),
        ]
        indexes = [
            # send_subscriptions: the confirmed subscriptions; purge: unconfirmed by age.
            models.Index(fields=["confirmed_at"], name="subscription_confirmed"),
            models.Index(
                fields=["requested_at"],
                condition=Q(confirmed_at__isnull=True),
                name="subscription_unconfirmed_age",
            ),
        ]

    def __str__(self):
        return self.email

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None


class SubscriptionDelivery(models.Model):
    """One item announced to one subscription: what makes sending at most once per item, even
    when send_subscriptions runs twice or twice at the same time (the unique constraint).
    Deleted with its subscription."""

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    item = models.CharField(_("item"), max_length=80)  # MailingList Announcement.key
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("item sent to a subscription")
        verbose_name_plural = _("items sent to subscriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "item"], name="subscription_delivery_once"
            ),
        ]

    def __str__(self):
        return self.item
