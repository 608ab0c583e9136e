"""Writes that span several rows of the training app. Each runs in one transaction; emails go out
only after it commits (`transaction.on_commit`), so a rolled-back write never sends one.

- nomination_submit: a firm's new nomination, numbered PREFIX-NNN in order per programme.
- nomination_update / nomination_withdraw: the writer, through the private link, until the deadline.
- nomination_change_status: the one way a status changes (staff or writer), recorded with who/when;
  nomination_status_check: its rules (transitions, quota), also asked by the admin's form first.
- nomination_notify_selection: the email to selected firms (a staff action).
- nomination_anonymise: removes the personal data once the retention period is over.
"""

import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from archive_portal.lib.timezone import SEOUL
from training import consent, emails
from training.models import (
    LearningRequest,
    Milestone,
    Nomination,
    NominationStatus,
    Programme,
    StatusChange,
    Trainee,
    hash_token,
)

SUBMISSION_KEY_LENGTH = 43  # secrets.token_urlsafe(32)

LEARNING_REQUEST_FIELDS = [
    "kind",
    "policy",
    "organisation",
    "city",
    "country",
    "preferred_period",
    "group_size",
    "contact_name",
    "position",
    "email",
    "phone",
    "message",
]

NOMINATION_FIELDS = [
    "writer_name",
    "writer_email",
    "writer_phone",
    "company",
    "country",
    "city",
    "institution",
    "city_overview",
    "railway_plan",
]


class ProgrammeClosed(ValidationError):
    def __init__(self, programme):
        super().__init__(
            _(
                "Nominations for this programme are not being accepted: the deadline was "
                "%(deadline)s."
            ),
            code="closed",
            params={
                "deadline": programme.application_deadline.astimezone(SEOUL).strftime(
                    "%Y-%m-%d %H:%M"
                )
            },
        )


class DuplicateNomination(ValidationError):
    """The firm already nominated the country. The message names no reference: whoever fills in
    the form may not be that firm, and a reference is not theirs to learn."""

    def __init__(self):
        super().__init__(
            _(
                "A nomination of this country by a company of this name has already been "
                "received for this programme. If your firm sent it, change it through the "
                "private link in its email; otherwise, or if the email is lost, contact the "
                "person named on the programme's page."
            ),
            code="duplicate",
        )


class QuotaExceeded(ValidationError):
    def __init__(self, programme):
        super().__init__(
            _(
                "%(programme)s already has %(quota)s selected countries, its quota. Mark another "
                "nomination as not selected first."
            ),
            code="quota",
            params={"programme": programme.title, "quota": programme.country_quota},
        )


class StatusNotAllowed(ValidationError):
    def __init__(self, old, new):
        super().__init__(
            _("A nomination cannot go from “%(old)s” to “%(new)s”."),
            code="status",
            params={"old": NominationStatus(old).label, "new": NominationStatus(new).label},
        )


def _has_duplicate(*, programme, company, country, exclude_pk=None):
    qs = Nomination.objects.filter(
        programme=programme,
        company_key=Nomination.normalise_company(company),
        country=country,
        anonymised_at__isnull=True,
    ).exclude(status=NominationStatus.WITHDRAWN)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return qs.exists()


def nomination_check_duplicate(*, programme, company, country, exclude_pk=None):
    """Raise DuplicateNomination when the firm already nominated this country (form-time check)."""
    if _has_duplicate(programme=programme, company=company, country=country, exclude_pk=exclude_pk):
        raise DuplicateNomination()


def nomination_for_submission_key(*, programme, submission_key):
    """The nomination a form with this submission key already created (a repeated "send")."""
    if not submission_key:
        return None
    return (
        Nomination.objects.filter(
            programme=programme,
            submission_key=submission_key[:SUBMISSION_KEY_LENGTH],
            anonymised_at__isnull=True,
        )
        .select_related("programme")
        .first()
    )


def _record_status(nomination, from_status, *, by, now, note="", message=""):
    """One line of the nomination's status history: who (None: the writer), when, what; `note`
    is internal, `message` is shown to the firm."""
    return StatusChange.objects.create(
        nomination=nomination,
        from_status=from_status,
        to_status=nomination.status,
        changed_by=by,
        changed_at=now,
        note=note,
        message=message,
    )


def _save_children(nomination, trainees, milestones):
    Trainee.objects.bulk_create(
        Trainee(nomination=nomination, order=i, **row) for i, row in enumerate(trainees, start=1)
    )
    Milestone.objects.bulk_create(
        Milestone(nomination=nomination, **row)
        for row in sorted(milestones, key=lambda row: row["date"])
    )


def nomination_submit(
    *, programme, data, trainees, milestones, language="ko", submission_key=None, now=None
):
    """Create a nomination and return (nomination, private_token).

    The programme row is locked for the transaction, so two firms submitting at once get
    consecutive numbers; the deadline is checked under that lock, at submit time.

    `submission_key` is the form's idempotency key: when a nomination was already created with
    it (the "send" button pressed twice), that nomination is returned with token None and
    nothing is written. The check runs under the programme lock, so a second press that arrives
    while the first is still being saved waits for it and finds it.
    """
    now = now or timezone.now()
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        programme = Programme.objects.select_for_update().get(pk=programme.pk)
        existing = nomination_for_submission_key(programme=programme, submission_key=submission_key)
        if existing is not None:
            return existing, None
        if programme.status_at(now) != Programme.Status.OPEN or not programme.is_published:
            raise ProgrammeClosed(programme)
        nomination_check_duplicate(
            programme=programme, company=data["company"], country=data["country"]
        )
        last = programme.nominations.aggregate(last=Max("sequence"))["last"] or 0
        sequence = last + 1
        nomination = Nomination(
            programme=programme,
            sequence=sequence,
            reference=f"{programme.reference_prefix}-{sequence:03d}",
            status=NominationStatus.SUBMITTED,
            language=language,
            consent_given_at=data["consent_given_at"],
            consent_notice_version=data["consent_notice_version"],
            access_token_hash=hash_token(token),
            submitted_at=now,
            submission_key=submission_key or None,
            **{field: data[field] for field in NOMINATION_FIELDS},
        )
        nomination.company_key = Nomination.normalise_company(nomination.company)
        try:
            with transaction.atomic():
                nomination.save()
        except IntegrityError:
            # Only the firm/country constraint can fail here: the programme lock orders numbers,
            # and a repeated submission key was found above, under the same lock.
            raise DuplicateNomination() from None
        _save_children(nomination, trainees, milestones)
        _record_status(nomination, "", by=None, now=now)
        transaction.on_commit(lambda: emails.send_submitted(nomination, token))
    return nomination, token


def _writer_may_change(nomination, programme, now):
    """The writer changes or withdraws a live nomination until the programme's deadline."""
    return nomination.is_editable_by_writer and programme.status_at(now) == Programme.Status.OPEN


def nomination_update(*, nomination, data, trainees, milestones, now=None):
    """The writer's changes through the private link; refused after the deadline."""
    now = now or timezone.now()
    with transaction.atomic():
        programme = Programme.objects.select_for_update().get(pk=nomination.programme_id)
        nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
        nomination.programme = programme
        if not _writer_may_change(nomination, programme, now):
            raise ProgrammeClosed(programme)
        nomination_check_duplicate(
            programme=programme,
            company=data["company"],
            country=data["country"],
            exclude_pk=nomination.pk,
        )
        for field in NOMINATION_FIELDS:
            setattr(nomination, field, data[field])
        nomination.company_key = Nomination.normalise_company(nomination.company)
        nomination.consent_given_at = data["consent_given_at"]
        nomination.consent_notice_version = data["consent_notice_version"]
        nomination.save()
        nomination.trainees.all().delete()
        nomination.milestones.all().delete()
        _save_children(nomination, trainees, milestones)
        transaction.on_commit(lambda: emails.send_updated(nomination))
    return nomination


def nomination_status_check(*, nomination, to):
    """Raise StatusNotAllowed or QuotaExceeded when `nomination` may not go to status `to` now.

    The rules of nomination_change_status, which asks them again with the programme locked; the
    admin's change form asks them first, to show the message by the field.
    """
    if not NominationStatus.can_change(nomination.status, to):
        raise StatusNotAllowed(nomination.status, to)
    if to == NominationStatus.SELECTED:
        programme = nomination.programme
        selected = (
            programme.nominations.filter(status=NominationStatus.SELECTED)
            .exclude(pk=nomination.pk)
            .count()
        )
        if selected >= programme.country_quota:
            raise QuotaExceeded(programme)


def nomination_change_status(
    *, nomination, to, by=None, note="", message="", notify=True, now=None
):
    """The one function that changes a nomination's status, used by the admin and the writer.

    In one transaction: checks the transition and, for a selection, the programme's quota of
    countries (with the programme row locked, so two reviewers cannot both take the last place);
    saves; records who and when in StatusChange, with the internal `note` and the `message`
    shown to the firm; once committed, emails the firm in the language it applied in (the
    change and the message; a withdrawal its own confirmation, to staff too). `notify=False`:
    no email, for a caller that sends its own (nominations_decide's decision letters).
    `by` is the staff user, or None for the writer acting through the private link.
    """
    now = now or timezone.now()
    to = NominationStatus(to)
    with transaction.atomic():
        programme = Programme.objects.select_for_update().get(pk=nomination.programme_id)
        nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
        nomination.programme = programme
        old = nomination.status
        if old == to:
            return nomination
        nomination_status_check(nomination=nomination, to=to)
        nomination.status = to
        nomination.save(update_fields=["status", "updated_at"])
        change = _record_status(nomination, old, by=by, now=now, note=note, message=message)
        if to == NominationStatus.WITHDRAWN:
            transaction.on_commit(lambda: emails.send_withdrawn(nomination))
        elif notify and nomination.anonymised_at is None:
            transaction.on_commit(lambda: emails.send_status_changed(nomination, change))
    return nomination


def nomination_withdraw(*, nomination, now=None):
    """The writer withdraws through the private link, until the deadline."""
    now = now or timezone.now()
    if not _writer_may_change(nomination, nomination.programme, now):
        raise ProgrammeClosed(nomination.programme)
    return nomination_change_status(
        nomination=nomination, to=NominationStatus.WITHDRAWN, by=None, now=now
    )


def nomination_notify_selection(*, nominations, by=None, now=None):
    """Email the selected firms among `nominations`; returns how many were notified."""
    now = now or timezone.now()
    notified = []
    with transaction.atomic():
        for nomination in (
            Nomination.objects.select_for_update()
            .filter(
                pk__in=[n.pk for n in nominations],
                status=NominationStatus.SELECTED,
                anonymised_at__isnull=True,
            )
            .select_related("programme")
        ):
            nomination.selection_notified_at = now
            nomination.save(update_fields=["selection_notified_at", "updated_at"])
            _record_status(
                nomination, nomination.status, by=by, now=now, note="selection notice emailed"
            )
            notified.append(nomination)
        transaction.on_commit(lambda: [emails.send_selected(n) for n in notified])
    return len(notified)


#: The decisions a reviewer takes on the review page, and the email each sends.
DECISIONS = (NominationStatus.SELECTED, NominationStatus.WAITLISTED, NominationStatus.NOT_SELECTED)


class NotInProgramme(ValidationError):
    def __init__(self):
        super().__init__(_("The nominations chosen belong to another programme."), code="scope")


def nominations_decide(*, programme, nominations, to, by, note="", notify=True, now=None):
    """A reviewer's decision on several nominations of one call at once: all of them or none.

    Each goes through nomination_change_status, the one function that changes a status, so the
    transitions, the quota (checked with the programme locked, one nomination after another: a
    batch that would exceed it is refused whole) and the history (who, when) hold for each; a
    submitted nomination is put under review first, as the rules ask. With `notify`, the
    applicants are emailed the decision once the whole batch has committed. Returns the
    nominations as changed.
    """
    now = now or timezone.now()
    to = NominationStatus(to)
    if any(n.programme_id != programme.pk for n in nominations):
        raise NotInProgramme()
    changed = []
    with transaction.atomic():
        for nomination in nominations:
            if nomination.status == NominationStatus.SUBMITTED and to in DECISIONS:
                nomination = nomination_change_status(
                    nomination=nomination,
                    to=NominationStatus.UNDER_REVIEW,
                    by=by,
                    notify=False,
                    now=now,
                )
            # The decision letters below are the emails of a decision (or none: notify=False).
            changed.append(
                nomination_change_status(
                    nomination=nomination, to=to, by=by, note=note, notify=False, now=now
                )
            )
        if notify and to == NominationStatus.SELECTED:
            nomination_notify_selection(nominations=changed, by=by, now=now)
        elif notify and to in DECISIONS:
            transaction.on_commit(lambda: [emails.send_decision(n) for n in changed])
    return changed


ANONYMISED = "—"


def nomination_anonymise(*, nomination, now=None):
    """Delete the personal data; keep reference, country, city, status for statistics."""
    now = now or timezone.now()
    with transaction.atomic():
        nomination.trainees.all().delete()
        nomination.milestones.all().delete()
        Nomination.objects.filter(pk=nomination.pk).update(
            writer_name=ANONYMISED,
            writer_email="anonymised@invalid",
            writer_phone=ANONYMISED,
            company=ANONYMISED,
            company_key="",
            institution=ANONYMISED,
            city_overview="",
            railway_plan="",
            internal_notes="",
            access_token_hash=hash_token(secrets.token_urlsafe(32)),
            submission_key=None,
            anonymised_at=now,
            updated_at=now,
        )
        nomination.status_changes.update(note="")


def learning_request_submit(*, data, publication_id=None, language="ko", now=None):
    """Store a "Learn this policy in Seoul" request under a new reference (the Seoul year and six
    random hexadecimal digits, e.g. LR-2026-3FA9C1) and, once committed, email its sender (and
    the training team when TRAINING_REQUESTS_EMAIL is set)."""
    now = now or timezone.now()
    fields = {key: data[key] for key in LEARNING_REQUEST_FIELDS}
    with transaction.atomic():
        for _attempt in range(5):
            reference = f"LR-{now.astimezone(SEOUL):%Y}-{secrets.token_hex(3).upper()}"
            try:
                with transaction.atomic():
                    request = LearningRequest.objects.create(
                        reference=reference,
                        publication_id=publication_id,
                        language=language,
                        consent_given_at=now,
                        consent_notice_version=consent.REQUEST_NOTICE_VERSION,
                        created_at=now,
                        **fields,
                    )
                break
            except IntegrityError:  # the random part was taken: draw again
                continue
        else:  # pragma: no cover - five collisions in 16 million
            raise IntegrityError("no free learning request reference")
        transaction.on_commit(lambda: emails.send_learning_request(request))
    return request


def learning_request_anonymise(*, request, now=None):
    """Remove a request's personal data (retention over); keeps what it asked for."""
    LearningRequest.objects.filter(pk=request.pk).update(
        contact_name="",
        position="",
        email="",
        phone="",
        message="",
        staff_notes="",
        anonymised_at=now or timezone.now(),
    )
