"""JSON-LD of a training programme: an Event in Seoul (archive_portal/lib/structured_data.py)."""

from django.utils.text import Truncator

from archive_portal.lib import structured_data as sd
from archive_portal.lib.bilingual import shown_language


def programme_event(programme, request, path=None):
    """`path`: the programme's address, when the caller has it already."""
    url = request.build_absolute_uri(path or programme.get_absolute_url())
    return {
        "@context": sd.SCHEMA_ORG,
        "@type": "Event",
        "name": programme.title,
        "description": programme.summary or Truncator(programme.description).chars(300),
        "startDate": sd.iso(programme.training_starts),
        "endDate": sd.iso(programme.training_ends),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": sd.seoul(),
        "organizer": sd.seoul_metropolitan_government(),
        # The language of the name shown: the archive's English on /en/ where it exists.
        "inLanguage": shown_language(programme, "title"),
        "url": url,
        "image": [sd.image(request)],
    }
