"""The nomination form's flow: from an empty form to a sent nomination, in two steps.

The same two steps serve a new nomination (`<slug>/apply/` then `<slug>/apply/check/`) and the
writer's change through the private link (`nominations/<token>/change/` then `…/change/check/`):

1. The form. Every POST keeps what was typed, as raw strings (the *draft*), in the session.
   "Add another" and "Remove" are plain submit buttons (no JavaScript needed): they edit the
   draft's rows and show the form again, without error messages. "Continue" validates the draft
   and, when it is valid and the firm has not already nominated that country, goes to step 2.
2. Check your answers. The page shows the draft's valid answers; its POST sends them through
   `training.services` (`nomination_submit` or `nomination_update`) and forgets the draft.

A draft is {"main": {field: str}, "milestones": [{field: str}], "trainees": [{field: str}]},
kept in the session per programme (a new nomination) or per nomination (a change), so nothing
typed is lost between the pages or when a row is added or removed. A new nomination's draft also
carries its `submission_key`, the check page's idempotency key (a second press of "send" shows
the first one's confirmation).

Limits before storage: a posted draft is kept only when every value is within its field's
length (`FIELD_LIMITS`) and the whole draft within `MAX_DRAFT_CHARS`; otherwise the form is
shown again with the messages and the session is not touched. A session keeps at most
`MAX_DRAFTS` drafts (the oldest goes). The views (`training/views.py`) add only HTTP: closed
programmes, the rate limits, redirects and templates.
"""

import secrets
from dataclasses import dataclass
from functools import cached_property

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from training import consent, services
from training.forms import (
    MAIN_FIELDS,
    MAX_ROWS,
    MILESTONE_FIELDS,
    TRAINEE_FIELDS,
    MilestoneForm,
    NominationForm,
    NominationForms,
    TraineeForm,
)
from training.models import Nomination, Programme

ROW_FIELDS = {"milestones": MILESTONE_FIELDS, "trainees": TRAINEE_FIELDS}

DRAFTS_KEY = "training-drafts"  # the session's drafts: {flow's key: draft}, oldest first
MAX_DRAFTS = 3  # forms being filled in at once in one browser; a fourth drops the oldest
# The longest draft a firm can need: all texts of the main part, ten long milestones, and the
# trainees. A draft over it is an attack, not a nomination, and is not kept.
MAX_DRAFT_CHARS = 50_000
SHORT_VALUE = 100  # the limit of a value whose field sets none (a choice, a date, a checkbox)
# How much of an over-long value is shown again, to say it is too long (the rest is not echoed).
ECHO_MARGIN = 1000


def _limits(form_class):
    return {
        name: getattr(field, "max_length", None) or SHORT_VALUE
        for name, field in form_class.base_fields.items()
    }


FIELD_LIMITS = {
    "main": _limits(NominationForm),
    "milestones": _limits(MilestoneForm),
    "trainees": _limits(TraineeForm),
}

TOO_LONG = _(
    "Your answers are too long to keep: shorten the longest texts (the limits are given by "
    "each field)."
)


# --- Drafts: what was typed, as strings ------------------------------------------------------


def empty_draft():
    """A new form: one blank milestone and one blank trainee to fill in."""
    draft = {"main": dict.fromkeys(MAIN_FIELDS, "")}
    for part, fields in ROW_FIELDS.items():
        draft[part] = [dict.fromkeys(fields, "")]
    return draft


def draft_from_nomination(nomination):
    """A sent nomination as a draft, for the writer to change."""
    main = dict.fromkeys(MAIN_FIELDS, "")
    main.update({field: str(getattr(nomination, field)) for field in services.NOMINATION_FIELDS})
    main["country"] = nomination.country.code
    main["consent"] = "on"
    return {
        "main": main,
        "milestones": [
            {"date": m.date.isoformat(), "description": m.description}
            for m in nomination.milestones.all()
        ],
        "trainees": [{f: getattr(t, f) for f in TRAINEE_FIELDS} for t in nomination.trainees.all()],
    }


def draft_from_post(post):
    """The posted form as a draft: known fields only, at most MAX_ROWS rows of each kind."""

    def rows(prefix, fields):
        try:
            total = min(int(post.get(f"{prefix}-TOTAL_FORMS", 0)), MAX_ROWS)
        except ValueError:
            total = 0
        return [{f: post.get(f"{prefix}-{i}-{f}", "") for f in fields} for i in range(total)]

    main = {field: post.get(field, "") for field in MAIN_FIELDS}
    main["consent"] = "on" if post.get("consent") else ""
    draft = {"main": main}
    for part, fields in ROW_FIELDS.items():
        draft[part] = rows(part, fields)
    return draft


def _as_data(draft):
    """The draft as POST-like data, to bind and validate the forms."""
    data = {k: v for k, v in draft["main"].items() if k != "consent" or v}
    for part in ROW_FIELDS:
        data[f"{part}-TOTAL_FORMS"] = str(len(draft[part]))
        data[f"{part}-INITIAL_FORMS"] = "0"
        for i, row in enumerate(draft[part]):
            for field, value in row.items():
                data[f"{part}-{i}-{field}"] = value
    return data


def _as_initial(draft):
    """The draft as the forms' initial values, to show it without error messages."""
    main = {**draft["main"], "consent": bool(draft["main"].get("consent"))}
    return {**draft, "main": main}


def edit_rows(draft, action, *, max_trainees):
    """Apply an "add-<part>" or "remove-<part>-<n>" button to the draft's rows, in place.

    Returns True when `action` is one of these buttons, even when it changes nothing (the list
    is full, the row is not there, or it is the last row, which stays).
    """
    limits = {"milestones": MAX_ROWS, "trainees": max_trainees}
    for part, fields in ROW_FIELDS.items():
        rows = draft[part]
        if action == f"add-{part}":
            if len(rows) < limits[part]:
                rows.append(dict.fromkeys(fields, ""))
            return True
        if action.startswith(f"remove-{part}-"):
            index = action.removeprefix(f"remove-{part}-")
            if index.isdecimal() and int(index) < len(rows) and len(rows) > 1:
                del rows[int(index)]
            return True
    return False


def _is_draft(value):
    """Whether a value read back from the session has a draft's shape."""
    return isinstance(value, dict) and all(
        isinstance(value.get(part), kind)
        for part, kind in (("main", dict), ("milestones", list), ("trainees", list))
    )


def _rows(draft):
    """(part, row) for the main part and every row of the draft."""
    yield "main", draft["main"]
    for part in ROW_FIELDS:
        for row in draft[part]:
            yield part, row


def fits(draft):
    """Whether the draft may be kept: every value within its field's limit, the whole within
    MAX_DRAFT_CHARS."""
    total = 0
    for part, row in _rows(draft):
        for field, value in row.items():
            if len(value) > FIELD_LIMITS[part][field]:
                return False
            total += len(value)
    return total <= MAX_DRAFT_CHARS


def clip(draft):
    """The draft with over-long values cut to their limit plus ECHO_MARGIN, in place: enough to
    be told it is too long and keep what was typed, without echoing megabytes back."""
    for part, row in _rows(draft):
        for field, value in row.items():
            row[field] = value[: FIELD_LIMITS[part][field] + ECHO_MARGIN]
    return draft


# --- The two steps ---------------------------------------------------------------------------


@dataclass
class NominationFlow:
    """The steps for one programme: a new nomination, or the writer's change of `nomination`
    (reached through the private link `token`)."""

    programme: Programme
    nomination: Nomination | None = None
    token: str = ""
    private_token: str = ""  # set by send() for a new nomination

    @property
    def session_key(self):
        if self.nomination is not None:
            return f"training-draft-edit-{self.nomination.pk}"
        return f"training-draft-{self.programme.pk}"

    @cached_property
    def urls(self):
        """The form, the check page, and where "Cancel" (and a saved change) goes."""
        if self.nomination is not None:
            token = {"token": self.token}
            return {
                "form": reverse("training:nomination_change", kwargs=token),
                "check": reverse("training:nomination_change_check", kwargs=token),
                "cancel": reverse("training:nomination", kwargs=token),
            }
        slug = {"slug": self.programme.slug}
        return {
            "form": reverse("training:apply", kwargs=slug),
            "check": reverse("training:apply_check", kwargs=slug),
            "cancel": self.programme.get_absolute_url(),
        }

    def _stored_draft(self, session):
        drafts = session.get(DRAFTS_KEY)
        draft = drafts.get(self.session_key) if isinstance(drafts, dict) else None
        return draft if _is_draft(draft) else None

    def _keep(self, session, draft):
        """Keep the draft as this flow's, newest last; at most MAX_DRAFTS in the session."""
        drafts = session.get(DRAFTS_KEY)
        drafts = dict(drafts) if isinstance(drafts, dict) else {}
        drafts.pop(self.session_key, None)
        drafts[self.session_key] = draft
        while len(drafts) > MAX_DRAFTS:
            del drafts[next(iter(drafts))]
        session[DRAFTS_KEY] = drafts

    def forget(self, session):
        """Forget this flow's draft (it was sent)."""
        drafts = session.get(DRAFTS_KEY)
        if isinstance(drafts, dict) and self.session_key in drafts:
            drafts = dict(drafts)
            del drafts[self.session_key]
            session[DRAFTS_KEY] = drafts

    def submission_key(self, session):
        """The idempotency key of the kept draft of a new nomination ("" for a change)."""
        draft = self._stored_draft(session) or {}
        key = draft.get("submission_key")
        return key if isinstance(key, str) else ""

    def _forms(self, draft, *, bound):
        if bound:
            return NominationForms(programme=self.programme, data=_as_data(draft))
        return NominationForms(programme=self.programme, initial=_as_initial(draft))

    # Step 1: the form.

    def show_form(self, session):
        """The form as last typed in this session; else the nomination being changed, or empty."""
        draft = self._stored_draft(session)
        if draft is None:
            draft = draft_from_nomination(self.nomination) if self.nomination else empty_draft()
        return self._forms(draft, bound=False)

    def post_form(self, session, post):
        """Keep the posted draft; add or remove a row, or validate it.

        Returns (forms, ready): ready is True when the answers are valid and can be checked. A
        draft over the limits is not kept: the form shows it again with the messages.
        """
        draft = draft_from_post(post)
        edited = edit_rows(
            draft,
            post.get("action", "continue"),
            max_trainees=self.programme.trainees_per_country,
        )
        if not fits(draft):
            return self.refused_form(post, TOO_LONG), False
        if self.nomination is None:
            draft["submission_key"] = self.submission_key(session) or secrets.token_urlsafe(32)
        self._keep(session, draft)
        if edited:
            return self._forms(draft, bound=False), False
        forms = self._forms(draft, bound=True)
        return forms, forms.is_valid() and self._not_a_duplicate(forms)

    def refused_form(self, post, message):
        """The posted form shown again with its messages and `message`; nothing is kept."""
        forms = self._forms(clip(draft_from_post(post)), bound=True)
        forms.is_valid()
        forms.form.add_error(None, message)
        return forms

    def _not_a_duplicate(self, forms):
        """The firm/country check, at form time, so the message is shown by the country field."""
        try:
            services.nomination_check_duplicate(
                programme=self.programme,
                company=forms.form.cleaned_data["company"],
                country=forms.form.cleaned_data["country"],
                exclude_pk=self.nomination.pk if self.nomination else None,
            )
        except services.DuplicateNomination as exc:
            forms.form.add_error("country", exc)
            return False
        return True

    # Step 2: check your answers, then send.

    def checked_forms(self, session):
        """The kept draft, validated; None when there is no valid draft (back to the form)."""
        draft = self._stored_draft(session)
        if draft is None:
            return None
        forms = self._forms(draft, bound=True)
        return forms if forms.is_valid() else None

    def send(self, session, forms, *, language):
        """Submit the new nomination, or save the writer's change.

        Returns (nomination, created): created is False when the draft's submission key had
        already sent the nomination (a second press of "send"). The services raise
        ValidationError when they refuse (the deadline passed, the firm already nominated the
        country). The draft is kept: the caller forgets it once the write is done.
        """
        main, trainees, milestones = forms.cleaned_data()
        data = {
            **main,
            "consent_given_at": timezone.now(),
            "consent_notice_version": consent.NOTICE_VERSION,
        }
        if self.nomination is None:
            nomination, token = services.nomination_submit(
                programme=self.programme,
                data=data,
                trainees=trainees,
                milestones=milestones,
                language=language,
                submission_key=self.submission_key(session),
            )
            # The private link's token, for the confirmation page (training.views.apply_done).
            self.private_token = token or ""
            return nomination, token is not None
        nomination = services.nomination_update(
            nomination=self.nomination, data=data, trainees=trainees, milestones=milestones
        )
        return nomination, True

    def error_links(self, error):
        """(anchor, message) for a refused send: a duplicate links to the form's country field."""
        code = getattr(error, "code", None)
        anchor = self.urls["form"] + "#id_country" if code == "duplicate" else "check-answers"
        return [(anchor, message) for message in error.messages]
