"""The nomination form: the firm's writer and country, dated milestones, trainees and consent.

The form works without JavaScript: "add another" and "remove" are submit buttons; the whole
form's raw values travel with every request (and in the session between the form and the
check-your-answers page), so nothing typed is ever lost.
"""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from training.models import EnglishAbility

MILESTONE_EARLIEST = datetime.date(1990, 1, 1)
MILESTONE_YEARS_AHEAD = 10
MAX_ROWS = 20  # rows accepted from a posted form at all (more are an attack, not a firm)
PHONE = re.compile(r"^\+?[0-9 ()\-.]{7,25}$")


class PortalFormMixin:
    """No browser-side `required` (errors come from the server, in the visitor's language)."""

    use_required_attribute = False


class NominationForm(PortalFormMixin, forms.Form):
    writer_name = forms.CharField(
        label=_("Full name"),
        max_length=100,
        error_messages={"required": _("Enter your full name")},
    )
    writer_email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        help_text=_("We send the reference and your private link to this address."),
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
        },
    )
    writer_phone = forms.CharField(
        label=_("Phone number"),
        max_length=40,
        help_text=_("Include the country code if you are outside Korea, like +82 2 1234 5678."),
        error_messages={"required": _("Enter your phone number")},
    )
    company = forms.CharField(
        label=_("Company"),
        max_length=200,
        help_text=_("The private firm making the nomination."),
        error_messages={"required": _("Enter the name of your company")},
    )
    country = forms.ChoiceField(
        label=_("Country"),
        error_messages={
            "required": _("Choose the country you recommend"),
            "invalid_choice": _("Choose a country from the list"),
        },
    )
    city = forms.CharField(
        label=_("City"),
        max_length=200,
        error_messages={"required": _("Enter the city you recommend")},
    )
    institution = forms.CharField(
        label=_("Institution"),
        max_length=300,
        help_text=_("The authority or operator the trainees work for."),
        error_messages={"required": _("Enter the institution")},
    )
    city_overview = forms.CharField(
        label=_("City overview"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Population, size, transport situation."),
        error_messages={"required": _("Describe the city")},
    )
    railway_plan = forms.CharField(
        label=_("Railway construction plan"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The city's urban railway plans and where your firm's project stands."),
        error_messages={"required": _("Describe the city's railway construction plan")},
    )
    consent = forms.BooleanField(
        label=_("I agree to the collection and use of the personal data described above"),
        error_messages={
            "required": _(
                "Tick the box to agree to the collection and use of personal data, or the "
                "nomination cannot be received"
            )
        },
    )
    # Honeypot: hidden from people (CSS and aria-hidden); bots that fill every field trip it.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("Choose a country"))] + [
            (code, name) for code, name in countries if code != "KR"
        ]

    def clean_writer_phone(self):
        phone = self.cleaned_data["writer_phone"].strip()
        if not PHONE.match(phone) or sum(c.isdigit() for c in phone) < 7:
            raise ValidationError(
                _("Enter a phone number with digits only, like 02 1234 5678 or +82 2 1234 5678"),
                code="invalid",
            )
        return phone

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise ValidationError(_("Your nomination could not be accepted."), code="honeypot")
        return ""


class MilestoneForm(PortalFormMixin, forms.Form):
    date = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%Y.%m.%d", "%Y. %m. %d", "%Y/%m/%d"],
        help_text=_("For example 2025-03-14"),
        error_messages={
            "required": _("Enter the date of this step"),
            "invalid": _("Enter a real date, like 2025-03-14"),
        },
    )
    description = forms.CharField(
        label=_("What happened"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Describe what happened on this date")},
    )

    def clean_date(self):
        date = self.cleaned_data["date"]
        today = datetime.date.today()
        if date < MILESTONE_EARLIEST:
            raise ValidationError(_("The date must be 1990-01-01 or later"), code="too_early")
        latest = today.replace(year=today.year + MILESTONE_YEARS_AHEAD)
        if date > latest:
            raise ValidationError(_("The date must be within the next 10 years"), code="too_late")
        return date


class TraineeForm(PortalFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Full name"),
        max_length=100,
        help_text=_("As in the passport."),
        error_messages={"required": _("Enter the trainee's full name")},
    )
    position = forms.CharField(
        label=_("Position"),
        max_length=200,
        error_messages={"required": _("Enter the trainee's position")},
    )
    duties = forms.CharField(
        label=_("Duties"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Describe the trainee's duties")},
    )
    reason = forms.CharField(
        label=_("Reason for the recommendation"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Give the reason for recommending this trainee")},
    )
    english_ability = forms.ChoiceField(
        label=_("English ability"),
        choices=[("", _("Choose one"))] + list(EnglishAbility.choices),
        help_text=_("Trainees who can communicate in English are selected first."),
        error_messages={
            "required": _("Choose the trainee's English ability"),
            "invalid_choice": _("Choose the trainee's English ability"),
        },
    )


class RowFormSet(forms.BaseFormSet):
    """Counts rows itself, so its messages are ours and no posted row is silently dropped."""

    min_rows = 1
    max_rows = MAX_ROWS

    def filled_forms(self):
        return [f for f in self.forms if f.has_changed()]


class MilestoneFormSet(RowFormSet):
    def clean(self):
        if any(self.errors):
            return
        filled = self.filled_forms()
        if not filled:
            raise ValidationError(
                _("Add at least one dated step of your firm's progress"), code="too_few"
            )
        seen = set()
        for form in filled:
            key = (form.cleaned_data["date"], " ".join(form.cleaned_data["description"].split()))
            if key in seen:
                form.add_error("description", _("This step is already listed with the same date"))
            seen.add(key)
        if any(self.errors):
            raise ValidationError(_("Some steps are listed twice"), code="duplicate")

    def rows(self):
        return [
            {"date": f.cleaned_data["date"], "description": f.cleaned_data["description"]}
            for f in self.filled_forms()
        ]


class TraineeFormSet(RowFormSet):
    def __init__(self, *args, max_trainees=2, **kwargs):
        self.max_trainees = max_trainees
        super().__init__(*args, **kwargs)

    def clean(self):
        if any(self.errors):
            return
        filled = self.filled_forms()
        if not filled:
            raise ValidationError(_("Recommend at least one trainee"), code="too_few")
        if len(filled) > self.max_trainees:
            raise ValidationError(
                _("You can recommend at most %(max)s trainees per country: remove %(extra)s"),
                code="too_many",
                params={"max": self.max_trainees, "extra": len(filled) - self.max_trainees},
            )
        seen = set()
        for form in filled:
            key = " ".join(form.cleaned_data["name"].split()).casefold()
            if key in seen:
                form.add_error(
                    "name", _("This trainee is already listed: recommend each person once")
                )
            seen.add(key)
        if any(self.errors):
            raise ValidationError(_("The same trainee is listed twice"), code="duplicate")

    def rows(self):
        return [
            {field: f.cleaned_data[field] for field in TRAINEE_FIELDS} for f in self.filled_forms()
        ]


MILESTONE_FIELDS = ["date", "description"]
TRAINEE_FIELDS = ["name", "position", "duties", "reason", "english_ability"]
MAIN_FIELDS = [name for name in NominationForm.base_fields if name != "website"]


def milestone_formset(**kwargs):
    cls = forms.formset_factory(
        MilestoneForm, formset=MilestoneFormSet, extra=0, absolute_max=MAX_ROWS, max_num=MAX_ROWS
    )
    return cls(prefix="milestones", **kwargs)


def trainee_formset(*, max_trainees, **kwargs):
    cls = forms.formset_factory(
        TraineeForm, formset=TraineeFormSet, extra=0, absolute_max=MAX_ROWS, max_num=MAX_ROWS
    )
    return cls(prefix="trainees", max_trainees=max_trainees, **kwargs)


# --- Raw drafts: what was typed, as strings, for the session and for add/remove rows ----------


def draft_from_post(post):
    """{'main': {...}, 'milestones': [{...}], 'trainees': [{...}]} of the raw posted strings."""

    def rows(prefix, fields):
        try:
            total = min(int(post.get(f"{prefix}-TOTAL_FORMS", 0)), MAX_ROWS)
        except ValueError:
            total = 0
        return [{f: post.get(f"{prefix}-{i}-{f}", "") for f in fields} for i in range(total)]

    main = {f: post.get(f, "") for f in MAIN_FIELDS}
    main["consent"] = "on" if post.get("consent") else ""
    main["website"] = post.get("website", "")
    return {
        "main": main,
        "milestones": rows("milestones", MILESTONE_FIELDS),
        "trainees": rows("trainees", TRAINEE_FIELDS),
    }


def data_from_draft(draft):
    """The draft as POST-like data for binding the forms."""
    data = {k: v for k, v in draft["main"].items() if k != "consent" or v}
    for prefix, rows in (("milestones", draft["milestones"]), ("trainees", draft["trainees"])):
        data[f"{prefix}-TOTAL_FORMS"] = str(len(rows))
        data[f"{prefix}-INITIAL_FORMS"] = "0"
        for i, row in enumerate(rows):
            for field, value in row.items():
                data[f"{prefix}-{i}-{field}"] = value
    return data


def empty_draft():
    return {
        "main": dict.fromkeys([*MAIN_FIELDS, "website"], ""),
        "milestones": [dict.fromkeys(MILESTONE_FIELDS, "")],
        "trainees": [dict.fromkeys(TRAINEE_FIELDS, "")],
    }


def draft_from_nomination(nomination):
    main = {f: str(getattr(nomination, f)) for f in MAIN_FIELDS if f != "consent"}
    main["country"] = nomination.country.code
    main["consent"] = "on"
    main["website"] = ""
    return {
        "main": main,
        "milestones": [
            {"date": m.date.isoformat(), "description": m.description}
            for m in nomination.milestones.all()
        ],
        "trainees": [{f: getattr(t, f) for f in TRAINEE_FIELDS} for t in nomination.trainees.all()],
    }


class BoundNomination:
    """The three parts of the form, bound to one draft, validated together."""

    def __init__(self, draft, *, programme, bound=True):
        data = data_from_draft(draft) if bound else None
        self.programme = programme
        if bound:
            self.form = NominationForm(data)
            self.milestones = milestone_formset(data=data)
            self.trainees = trainee_formset(data=data, max_trainees=programme.trainees_per_country)
        else:
            initial_main = {k: v for k, v in draft["main"].items() if k != "consent"}
            initial_main["consent"] = bool(draft["main"].get("consent"))
            self.form = NominationForm(initial=initial_main)
            self.milestones = milestone_formset(initial=draft["milestones"])
            self.trainees = trainee_formset(
                initial=draft["trainees"], max_trainees=programme.trainees_per_country
            )
            # Unbound with initial rows: show exactly the rows of the draft.
            self.milestones.extra = 0
            self.trainees.extra = 0

    def is_valid(self):
        return all([self.form.is_valid(), self.milestones.is_valid(), self.trainees.is_valid()])

    def error_list(self):
        """(anchor id, message) for the error summary, in the page's order."""
        errors = []
        form = self.form
        for name in [*MAIN_FIELDS[:-1], "website"]:
            for message in form.errors.get(name, []):
                errors.append((form[name].id_for_label or f"id_{name}", message))
        for message in form.non_field_errors():
            errors.append(("form-errors", message))
        for formset, anchor in ((self.milestones, "milestones"), (self.trainees, "trainees")):
            if not formset.is_bound:
                continue
            for message in formset.non_form_errors():
                errors.append((anchor, message))
            for sub in formset.forms:
                for name, messages in sub.errors.items():
                    for message in messages:
                        errors.append((sub[name].id_for_label, message))
        for message in form.errors.get("consent", []):
            errors.append(("id_consent", message))
        return errors
