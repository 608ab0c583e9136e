"""Seed the invited-training calls of 2023 and 2025 from data/programmes.json, as published.

Idempotent: a second run creates and changes nothing. Returns (created, updated), counting
programmes and schedule rows. A programme that already exists is kept as it is, schedule
included (staff edit both in the admin); ``load(overwrite=True)`` resets them to the data file.
"""

import datetime
import json
from pathlib import Path

from django.db import transaction

from archive_portal.lib.bilingual import fill_empty_columns, seed_columns
from archive_portal.lib.seed import upsert
from archive_portal.lib.timezone import seoul_midnight
from training.models import Programme, ScheduleItem, end_of_day

DATA = Path(__file__).resolve().parent / "data" / "programmes.json"
# The archive's English texts of the calls (the Korean original prevails).
ENGLISH = Path(__file__).resolve().parent / "data" / "english.json"

LIST_FIELDS = [
    "country_criteria",
    "trainee_criteria",
    "budget_support",
    "what_to_prepare",
    "notes",
]
PLAIN_FIELDS = [
    "title",
    "summary",
    "description",
    "period_note",
    "method",
    "country_quota",
    "country_quota_note",
    "recruitment_countries",
    "recruitment_note",
    "trainees_per_country",
    "total_trainees",
    "quota_note",
    "schedule_note",
    "contact_department",
    "contact_person",
    "contact_phone",
    "contact_fax",
    "contact_email",
    "reference_prefix",
]


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def _programme_values(row):
    values = {field: row[field] for field in PLAIN_FIELDS}
    values.update({field: "\n".join(row[field]) for field in LIST_FIELDS})
    values["published_on"] = _date(row["published_on"])
    values["training_starts"] = _date(row["training_starts"])
    values["training_ends"] = _date(row["training_ends"])
    values["application_deadline"] = end_of_day(_date(row["deadline_date"]))
    opens = _date(row["applications_open_on"])
    values["applications_open_at"] = seoul_midnight(opens) if opens else None
    values["is_published"] = True
    return values


def _schedule_english(row):
    """A schedule row's English texts from the data file's row (activities one per line)."""
    return {
        field: "\n".join(value) if isinstance(value, list) else value
        for field, value in row.items()
    }


@transaction.atomic
def load(overwrite=False):
    """Create the programmes that are missing, keyed by slug, with their schedule.

    By default an existing programme and its schedule rows are left exactly as they are, so
    that edits made in the admin survive. With ``overwrite=True`` the fields that differ from
    the data file are reset, schedule rows are updated or created by their order and rows past
    the end of the file's schedule are deleted: this discards those edits."""
    created = updated = 0
    english = json.loads(ENGLISH.read_text(encoding="utf-8"))["programmes"]
    for row in json.loads(DATA.read_text(encoding="utf-8"))["programmes"]:
        texts = dict(english.get(row["slug"], {}))
        schedule_texts = texts.pop("schedule", [])
        for field in LIST_FIELDS:
            if field in texts:
                texts[field] = "\n".join(texts[field])
        values = seed_columns(Programme, _programme_values(row), "ko", texts)
        values["english_by_archive"] = bool(texts)
        # full_clean: the model's rules (a reserved slug…) hold for the seed too.
        result = upsert(
            Programme, {"slug": row["slug"]}, values, overwrite=overwrite, full_clean=True
        )
        created += result.created
        updated += result.updated
        if not (result.created or overwrite):
            # English the programme and its schedule lack is added; English staff wrote is kept.
            extra = {"english_by_archive": True} if texts else {}
            updated += fill_empty_columns(result.obj, values, extra)
            for item, english_item in zip(
                result.obj.schedule.order_by("order"), schedule_texts, strict=False
            ):
                columns = seed_columns(ScheduleItem, {}, "ko", _schedule_english(english_item))
                updated += fill_empty_columns(item, columns)
            continue
        programme = result.obj
        english_rows = dict(enumerate(schedule_texts, start=1))
        for order, item in enumerate(row["schedule"], start=1):
            item_values = seed_columns(
                ScheduleItem,
                {
                    "day": item["day"],
                    "date": _date(item["date"]),
                    "category": item["category"],
                    "activities": "\n".join(item["activities"]),
                    "host_note": item["host_note"],
                },
                "ko",
                _schedule_english(english_rows.get(order, {})),
            )
            result = upsert(
                ScheduleItem,
                {"programme": programme, "order": order},
                item_values,
                overwrite=overwrite,
            )
            created += result.created
            updated += result.updated
        removed, _ = ScheduleItem.objects.filter(
            programme=programme, order__gt=len(row["schedule"])
        ).delete()
        updated += removed
    return created, updated
