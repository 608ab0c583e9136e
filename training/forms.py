"""The nomination form's parts: the firm's writer and country, dated milestones, trainees and
consent, and `NominationForms`, the three validated together.

How the parts are filled, kept between pages and sent is `training/flow.py`.
"""

import datetime
import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from archive_portal.lib.collation import sorted_by_name
from archive_portal.lib.timezone import seoul_today
from training.models import EnglishAbility, LearningRequest

MILESTONE_EARLIEST = datetime.date(1990, 1, 1)
MILESTONE_YEARS_AHEAD = 10
MAX_ROWS = 20  # rows accepted from a posted form at all (more are an attack, not a firm)
PHONE = re.compile(r"^\+?[0-9 ()\-.]{7,25}$")
TOO_LONG = _("Enter %(limit_value)s characters or fewer: this has %(show_value)s")


class PortalFormMixin:
    """No browser-side `required` (errors come from the server, in the visitor's language), and
    no silent cut at a field's length: the widget carries no `maxlength` (see
    training_forms.field_widget) and a longer answer is kept and refused with this message."""

    use_required_attribute = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and field.max_length:
                field.error_messages["max_length"] = TOO_LONG


def country_choices():
    """Every country but Korea (the trainees come from abroad), named in the active language
    (settings.COUNTRIES_OVERRIDE corrects outdated Korean names) and sorted by that language's
    collation: 가나, 가봉 … in Korean, Afghanistan, Åland Islands, Albania … in English."""
    return sorted_by_name((code, name) for code, name in countries if code != "KR")


# --- What the two public forms (the nomination, the learning request) share ----------------

EMAIL_ERRORS = {
    "required": _("Enter your email address"),
    "invalid": _("Enter an email address in the correct format, like name@example.com"),
}


def email_field(help_text):
    return forms.EmailField(
        label=_("Email address"), max_length=254, help_text=help_text, error_messages=EMAIL_ERRORS
    )


def consent_field(refusal):
    """The consent box (PIPA): `refusal` says that without it nothing can be received."""
    return forms.BooleanField(
        label=_("I agree to the collection and use of the personal data described above"),
        error_messages={"required": refusal},
    )


def phone_number(value, message):
    """A phone number as typed (stripped), or ValidationError(message); empty stays empty."""
    phone = value.strip()
    if phone and (not PHONE.match(phone) or sum(c.isdigit() for c in phone) < 7):
        raise ValidationError(message, code="invalid")
    return phone


class HoneypotMixin:
    """The `website` field, hidden from people (CSS and aria-hidden): bots that fill every field
    trip it and are refused with `honeypot_refusal`."""

    honeypot_refusal = None

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise ValidationError(self.honeypot_refusal, code="honeypot")
        return ""


def honeypot_field():
    return forms.CharField(label=_("Leave this field empty"), required=False)


class NominationForm(HoneypotMixin, PortalFormMixin, forms.Form):
    honeypot_refusal = _("Your nomination could not be accepted.")

    writer_name = forms.CharField(
        label=_("Full name"),
        max_length=100,
        error_messages={"required": _("Enter your full name")},
    )
    writer_email = email_field(_("We send the reference and your private link to this address."))
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
    consent = consent_field(
        _(
            "Tick the box to agree to the collection and use of personal data, or the "
            "nomination cannot be received"
        )
    )
    website = honeypot_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("Choose a country")), *country_choices()]

    def clean_writer_phone(self):
        return phone_number(
            self.cleaned_data["writer_phone"],
            _("Enter a phone number with digits only, like 02 1234 5678 or +82 2 1234 5678"),
        )


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
        if date < MILESTONE_EARLIEST:
            raise ValidationError(_("The date must be 1990-01-01 or later"), code="too_early")
        today = seoul_today()
        try:
            latest = today.replace(year=today.year + MILESTONE_YEARS_AHEAD)
        except ValueError:  # today is 29 February and that year is not a leap year
            latest = today.replace(year=today.year + MILESTONE_YEARS_AHEAD, day=28)
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


class BaseRowFormSet(forms.BaseFormSet):
    """Milestones or trainees: the rows a visitor filled in (blank rows are left out)."""

    def filled_forms(self):
        return [f for f in self.forms if f.has_changed()]

    def rows(self):
        """After is_valid(): the filled rows' cleaned values, {field: value} each."""
        return [
            {name: f.cleaned_data[name] for name in self.form.base_fields}
            for f in self.filled_forms()
        ]


class BaseMilestoneFormSet(BaseRowFormSet):
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


class BaseTraineeFormSet(BaseRowFormSet):
    def __init__(self, *args, max_trainees, **kwargs):
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


# The fields of each part, as the form posts them (rows as "<part>-<n>-<field>").
MAIN_FIELDS = list(NominationForm.base_fields)
MILESTONE_FIELDS = list(MilestoneForm.base_fields)
TRAINEE_FIELDS = list(TraineeForm.base_fields)

# extra=0: an unbound formset shows exactly the rows it is given as `initial`.
MilestoneFormSet = forms.formset_factory(
    MilestoneForm, formset=BaseMilestoneFormSet, extra=0, absolute_max=MAX_ROWS, max_num=MAX_ROWS
)
TraineeFormSet = forms.formset_factory(
    TraineeForm, formset=BaseTraineeFormSet, extra=0, absolute_max=MAX_ROWS, max_num=MAX_ROWS
)


class NominationForms:
    """The form's three parts for one programme, validated together.

    Like a Django form: bound to POST-like `data` (validated, with errors), or unbound showing
    `initial` ({"main": {...}, "milestones": [{...}], "trainees": [{...}]}).
    """

    def __init__(self, *, programme, data=None, initial=None):
        initial = initial or {}
        self.is_bound = data is not None
        self.form = NominationForm(data, initial=initial.get("main"))
        self.milestones = MilestoneFormSet(
            data, initial=initial.get("milestones"), prefix="milestones"
        )
        self.trainees = TraineeFormSet(
            data,
            initial=initial.get("trainees"),
            prefix="trainees",
            max_trainees=programme.trainees_per_country,
        )

    def is_valid(self):
        return all([self.form.is_valid(), self.milestones.is_valid(), self.trainees.is_valid()])

    def cleaned_data(self):
        """After is_valid(): (the nomination's fields, its trainees' rows, its milestones' rows)."""
        return self.form.cleaned_data, self.trainees.rows(), self.milestones.rows()

    def error_list(self):
        """(anchor id, message) for the error summary, in the page's order; consent comes last."""
        if not self.is_bound:
            return []
        form = self.form
        errors = [
            (form[name].id_for_label, message)
            for name in MAIN_FIELDS
            if name != "consent"
            for message in form.errors.get(name, [])
        ]
        errors += [("form-errors", message) for message in form.non_field_errors()]
        for formset, anchor in ((self.milestones, "milestones"), (self.trainees, "trainees")):
            errors += [(anchor, message) for message in formset.non_form_errors()]
            errors += [
                (row[name].id_for_label, message)
                for row in formset.forms
                for name, messages in row.errors.items()
                for message in messages
            ]
        errors += [("id_consent", message) for message in form.errors.get("consent", [])]
        return errors

    def answers(self):
        """The valid answers as the check-your-answers page shows them."""
        main, trainees, milestones = self.cleaned_data()
        return {
            "main": main,
            "country_name": dict(self.form.fields["country"].choices).get(main["country"]),
            "milestones": milestones,
            "trainees": [
                {**row, "english_ability_label": EnglishAbility(row["english_ability"]).label}
                for row in trainees
            ],
        }


class ErrorSummaryMixin:
    """`error_list()` for templates/training/_error_summary.html (one-page forms)."""

    def error_list(self):
        """[(field id, message)] for the error summary, in the order of the form."""
        return [
            (self[name].auto_id if name in self.fields else "", message)
            for name in self.fields
            for message in self.errors.get(name, [])
        ] + [("form-errors", message) for message in self.non_field_errors()]


class LearningRequestForm(ErrorSummaryMixin, HoneypotMixin, PortalFormMixin, forms.Form):
    """ "Learn this policy in Seoul": who asks, for what, when, how many. The same protections
    as the nomination form: consent, a honeypot, errors in the visitor's language."""

    honeypot_refusal = _("Your request could not be accepted.")

    kind = forms.ChoiceField(
        label=_("What would you like?"),
        choices=LearningRequest.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a training programme or a study visit")},
    )
    policy = forms.CharField(
        label=_("Policy of interest"),
        max_length=300,
        help_text=_("The Seoul policy you would like to learn about."),
        error_messages={"required": _("Enter the policy you would like to learn about")},
    )
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        help_text=_("Your city government, ministry, agency or international organisation."),
        error_messages={"required": _("Enter the name of your organisation")},
    )
    city = forms.CharField(
        label=_("City"), max_length=100, error_messages={"required": _("Enter your city")}
    )
    country = forms.ChoiceField(
        label=_("Country"),
        error_messages={
            "required": _("Choose your country"),
            "invalid_choice": _("Choose a country from the list"),
        },
    )
    preferred_period = forms.CharField(
        label=_("Preferred period"),
        max_length=100,
        help_text=_("For example: October 2027, or spring 2028."),
        error_messages={"required": _("Enter when you would like to come")},
    )
    group_size = forms.IntegerField(
        label=_("Group size"),
        min_value=1,
        max_value=200,
        help_text=_("How many people would take part."),
        # A text box (GOV.UK): a number input would drop what a person types that is not a number.
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": _("Enter how many people would take part"),
            "invalid": _("Enter the group size as a number, like 12"),
            "min_value": _("Enter a group size of at least 1"),
            "max_value": _("Enter a group size of 200 or fewer"),
        },
    )
    contact_name = forms.CharField(
        label=_("Full name"), max_length=100, error_messages={"required": _("Enter your full name")}
    )
    position = forms.CharField(label=_("Position (optional)"), max_length=100, required=False)
    email = email_field(_("We send the reference of your request to this address."))
    phone = forms.CharField(label=_("Phone number (optional)"), max_length=40, required=False)
    message = forms.CharField(
        label=_("Anything else we should know (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    consent = consent_field(
        _(
            "Tick the box to agree to the collection and use of personal data, or the "
            "request cannot be received"
        )
    )
    website = honeypot_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # In the language's own order with the corrected names, as on the nomination form.
        self.fields["country"].choices = [("", _("Choose a country")), *sorted_by_name(countries)]

    def clean_phone(self):
        return phone_number(
            self.cleaned_data["phone"],
            _("Enter a phone number with digits only, like +84 24 1234 5678"),
        )


class SubscriptionForm(ErrorSummaryMixin, HoneypotMixin, PortalFormMixin, forms.Form):
    """ "Hear about the next call": an address, a language and what to hear about (the
    sections' MailingLists: a box for a list without topics, boxes per topic otherwise). The
    same protections as the other public forms: consent, a honeypot, errors in the visitor's
    language."""

    honeypot_refusal = _("Your subscription could not be accepted.")

    email = email_field(_("We send a link to this address: nothing is sent until you confirm."))
    language = forms.ChoiceField(
        label=_("Language of the emails"),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the language of the emails"),
            "invalid_choice": _("Choose the language of the emails"),
        },
    )
    consent = consent_field(
        _(
            "Tick the box to agree to the collection and use of personal data, or we cannot "
            "email you"
        )
    )
    website = honeypot_field()

    def __init__(self, *args, mailing_lists, **kwargs):
        super().__init__(*args, **kwargs)
        # Lists without topics first (new training calls), then the lists by topic.
        self.mailing_lists = sorted(mailing_lists, key=lambda mailing: mailing.topics is not None)
        fields = {}
        for mailing in self.mailing_lists:
            if mailing.topics is None:
                fields[mailing.key] = forms.BooleanField(label=mailing.label, required=False)
            else:
                fields[mailing.key] = forms.MultipleChoiceField(
                    label=mailing.topics_label or mailing.label,
                    choices=mailing.topics(),
                    required=False,
                    widget=forms.CheckboxSelectMultiple,
                    error_messages={"invalid_choice": _("Choose from the list")},
                )
        # The choices come first on the page, then the address and the language.
        self.fields = {**fields, **self.fields}
        self.choice_fields = list(fields)

    def choice_rows(self):
        """[(bound field, has topics)] of the lists, for the template."""
        return [(self[mailing.key], mailing.topics is not None) for mailing in self.mailing_lists]

    def clean(self):
        cleaned = super().clean()
        if self.choice_fields and not self.topics():
            self.add_error(
                self.choice_fields[0],
                ValidationError(
                    _("Choose at least one thing to hear about"), code="nothing_chosen"
                ),
            )
        return cleaned

    def topics(self):
        """What was chosen, as a subscription stores it: "calls", "news:notice"…"""
        chosen = []
        for mailing in self.mailing_lists:
            value = self.cleaned_data.get(mailing.key)
            if mailing.topics is None:
                chosen += [mailing.key] if value else []
            else:
                chosen += [f"{mailing.key}:{topic}" for topic in value or ()]
        return chosen
