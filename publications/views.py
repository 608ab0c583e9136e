from contextlib import nullcontext

from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db import transaction
from django.db.models import F, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from archive_portal import fragments, pagecache, sections
from archive_portal.fragments import Lazy, lazy_context, process_cached
from archive_portal.lib.bilingual import counterpart, language_urls
from archive_portal.lib.citation import citation_response, scholar_meta
from archive_portal.lib.pagination import COUNT_CAP, NearerEndPaginator
from archive_portal.lib.planner import bitmap_scans
from archive_portal.lib.related import related_items
from archive_portal.lib.rows import OneRow
from archive_portal.media import serve_file
from publications import citation
from publications.filters import PublicationFilter
from publications.models import Attachment, Kind, PreviousSlug, Publication, Sector
from publications.structured_data import creative_work

PAGE_SIZE = 20
# The exports offered on a detail page: (URL extension, label).
CITE_FORMATS = [("ris", "RIS"), ("bib", "BibTeX"), ("json", "CSL-JSON")]


def goal_model():
    """sdg_plan.Goal, read from the relation (no import of sdg_plan: docs/DEVELOPING.md)."""
    return Publication._meta.get_field("goals").related_model


class CountedPaginator(NearerEndPaginator):
    """A paginator told its count (the facets' aggregate already knows it): no COUNT query.
    Deep pages from the nearer end of the ordering index (publication_published_idx)."""

    def __init__(self, *args, count, **kwargs):
        super().__init__(*args, **kwargs)
        self._known_count = count

    @property
    def count(self):
        return self._known_count


def _filter_choices():
    """The finder's sector and goal choices: read once per content generation and process."""
    return {"sectors": list(Sector.objects.all()), "goals": list(goal_model().objects.all())}


def _ids_of(filterset):
    """The filters' matches, as ids (kept with a kept finder)."""
    if not hasattr(filterset, "ids"):
        filterset.ids = filterset.qs.values_list("pk", flat=True)
    return filterset.ids


def _page_of_ids(paginator, number, filterset):
    """paginator.get_page(number) (a wrong number gives the first page, one past the end the
    last), its object list the page's ids: a kept finder (no keywords) keeps each page's ids,
    so that a page asked for again between edits reads nothing."""
    try:
        number = paginator.validate_number(number)
    except PageNotAnInteger:
        number = 1
    except EmptyPage:
        number = paginator.num_pages
    pages = filterset.__dict__.setdefault("page_ids", {})
    if number not in pages:
        pages[number] = list(paginator.page(number).object_list)
    return paginator._get_page(pages[number], number, paginator)


def _card_rows(ids, sectors):
    """{pk: publication} of a page's cards, in one query (made when a card's cached fragment
    must be built: none when every card comes from the cache). Their sectors come from each
    item's copy of its sector ids and the sectors already read (`sectors`, in their order)."""
    rows = Publication.objects.in_bulk(ids)
    for publication in rows.values():
        ids = set(publication.sector_ids)
        publication.card_sectors = [s for s in sectors if s.pk in ids]
    return rows


def _finder_context(filterset, choices, policy_cases):
    """What the finder's cached filters fragment shows: built only when it is missing."""
    facets = filterset.facets()
    if policy_cases:
        facets = [facet for facet in facets if facet["name"] != "kind"]
    chosen = [
        {"name": facet["name"], "value": option["value"], "label": option["label"]}
        for facet in facets
        for option in facet["options"]
        if option["checked"]
    ]
    return {
        "facets": facets,
        "chosen": chosen,
        "goals": choices["goals"],
        "goal": filterset.chosen_goal(),
    }


@require_safe
def index(request, policy_cases=False):
    """The finder: facets with counts, keywords, sort, pagination. A fixed number of queries;
    with its fragments and filters kept (no keywords), none."""
    data = request.GET.copy()
    if policy_cases:
        data.setlist("kind", [Kind.POLICY_CASE])
    keywords = bool(data.get("q", "").strip())
    # The query string but the page number: what the filters and their fragment depend on.
    params = request.GET.copy()
    params.pop("page", None)
    in_order = tuple(params.lists())
    params = (policy_cases, tuple(sorted(in_order)))
    choices = process_cached("publications-filter-choices", _filter_choices)

    def build():
        return PublicationFilter(
            data,
            queryset=Publication.objects.published(),
            sectors=choices["sectors"],
            goals=choices["goals"],
        )

    # The parsed filters (the form validated, the queryset built, the counts read) are kept
    # per query string in this process under the content generation: building them costs more
    # than the page's query. Not with keywords: those are counted afresh.
    filterset = build() if keywords else process_cached("publications-finder", build, *params)
    # With keywords, the facet counts read the matches through the search index
    # (archive_portal.lib.planner), and so does the page unless the newest of very many matches
    # are wanted: walking the date index finds those at once. The page (its ids: the cards are
    # cached fragments) is fetched here, not by the template, so that it is inside the block
    # when it should be.
    page = None
    with bitmap_scans() if keywords else nullcontext():
        filterset.counts()
        paginator = CountedPaginator(_ids_of(filterset), PAGE_SIZE, count=filterset.total)
        walk = filterset.total > COUNT_CAP and filterset.sorts_by_date()
        if not walk:
            page = _page_of_ids(paginator, request.GET.get("page"), filterset)
    if page is None:
        page = _page_of_ids(paginator, request.GET.get("page"), filterset)
    query = filterset.form.cleaned_data.get("q") or ""
    rows = Lazy(_card_rows, page.object_list, choices["sectors"])
    context = {
        "filterset": filterset,
        "query": query,
        "sort": filterset.form.cleaned_data.get("sort") or "newest",
        "offer_download_sort": filterset.any_downloads,
        "page": page,
        "card_ids": tuple(page.object_list),
        "cards": [
            {"pk": pk, "publication": Lazy(lambda pk=pk: rows()[pk])} for pk in page.object_list
        ],
        "policy_cases": policy_cases,
        # The filters, result count, sort and chosen filters: one fragment for each query
        # string but the page number (their links keep every other parameter).
        "finder_vary": params,
        # The page links keep the other parameters in their order.
        "pagination_vary": (policy_cases, in_order, page.number, page.paginator.count),
        **lazy_context(
            lambda: _finder_context(filterset, choices, policy_cases),
            "facets",
            "chosen",
            "goals",
            "goal",
        ),
    }
    return render(request, "publications/index.html", context)


@require_safe
def policy_cases(request):
    """Seoul's City Initiatives: the finder fixed to policy cases (the main navigation's link)."""
    return index(request, policy_cases=True)


def _detail_body(publication, request):
    """The detail page's expensive context: its links (sectors, attachments, translations, SDG
    goals and projects), related items, citation and structured data. Read only when one of
    the page's cached fragments must be built."""
    prefetch_related_objects(
        [publication],
        "translation_of",
        "sectors",
        "attachments",
        "translations",
        "goals",
        "projects",
    )
    goals = list(publication.goals.all())
    progress = sections.goal_progress([goal.pk for goal in goals])
    record = citation.record(publication, request.build_absolute_uri)
    pdf = next((a for a in publication.attachments.all() if a.file_type == "pdf"), None)
    return {
        "goal_rows": [(goal, progress.get(goal.pk)) for goal in goals],
        "sdg_projects": publication.projects.all(),
        "related": related_items(
            Publication.objects.published(),
            publication,
            [("goals", 3), ("sectors", 2)],
            date_field="published_on",
        ),
        "structured_data": creative_work(publication, request),
        "language_urls": language_urls(publication),
        "other_version": counterpart(publication, get_language()),
        "scholar_meta": scholar_meta(
            record,
            pdf_url=request.build_absolute_uri(pdf.get_absolute_url()) if pdf else "",
        ),
    }


# Any status: whether the public may see it is checked on the row (Publication.is_public).
_BY_SLUG = OneRow(lambda: Publication.objects.all(), "slug")


def _public_by_slug(slug):
    """The public publication of this slug, or None. Its links are read only with the body
    (_detail_body)."""
    publication = _BY_SLUG.get(slug)
    return publication if publication is not None and publication.is_public else None


@require_safe
def detail(request, slug):
    """A publication. The parts of its page are cached fragments of the item (its body, files,
    details and citation, related items, structured data): a warm page reads the item alone."""
    publication = _public_by_slug(slug)
    if publication is None:
        # An address from before a slug change: to the item's current one.
        previous = PreviousSlug.objects.filter(
            slug=slug, publication__in=Publication.objects.published()
        ).select_related("publication")
        previous = previous.first()
        if previous is None:
            raise Http404("No such publication.")
        return redirect(previous.publication, permanent=True)
    body = Lazy(_detail_body, publication, request)
    host = request.get_host()

    def part(name):
        # A value of the body, kept per item (and host: absolute addresses) like a fragment.
        return fragments.cached(
            f"publication-{name}".replace("_", "-"),
            lambda: body()[name],
            publication.pk,
            host,
        )

    context = {
        "publication": publication,
        **{
            name: Lazy(lambda name=name: body()[name])
            for name in ("goal_rows", "sdg_projects", "related", "other_version", "scholar_meta")
        },
        "structured_data": part("structured_data"),
        "language_urls": part("language_urls"),
        "cite_formats": CITE_FORMATS,
        # The page's fragments: per item, host (absolute addresses in the citation and head)
        # and, for the files, the download count (the counts shown are exact).
        "fragment_vary": (publication.pk, host),
        # The menu marks a policy case under "Policy sharing & training", as its breadcrumb does.
        "menu_section": "training" if publication.is_policy_case else "publications",
    }
    return render(request, "publications/detail.html", context)


@require_safe
def permalink(request, pk):
    """The citable address /publications/p/<id>/: follows the item when its slug changes."""
    publication = get_object_or_404(Publication.objects.published(), pk=pk)
    return redirect(publication, permanent=True)


@require_safe
def cite(request, pk, fmt):
    """The item's citable record as RIS, BibTeX or CSL-JSON (archive_portal.lib.citation)."""
    publication = get_object_or_404(
        Publication.objects.published().prefetch_related("sectors"), pk=pk
    )
    return citation_response(citation.record(publication, request.build_absolute_uri), fmt)


@never_cache
@require_safe
def download(request, slug, pk):
    """Send an attachment under its original (Korean) name, as a download of the type its
    content proves (archive_portal.media.serve_file), and count the download."""
    attachment = get_object_or_404(
        Attachment.objects.select_related("publication").filter(
            publication__in=Publication.objects.published()
        ),
        pk=pk,
        publication__slug=slug,
    )
    # A missing file is a 404 before anything is counted (on the file system; object storage
    # answers its own 404 at the signed address).
    response = serve_file(attachment.file, filename=attachment.original_name or None)
    if request.method == "GET":
        # F() expressions: concurrent downloads never lose a count (no read-modify-write).
        with transaction.atomic():
            Attachment.objects.filter(pk=attachment.pk).update(
                download_count=F("download_count") + 1
            )
            Publication.objects.filter(pk=attachment.publication_id).update(
                download_count=F("download_count") + 1
            )
        # The item's page shows the counts exactly: its files' fragment varies on the item's
        # count. The first download also changes the finder's cached facets (they offer "Most
        # downloaded" from then on): retire them, once the counts are written.
        if attachment.publication.download_count == 0:
            pagecache.content_changed()
    return response
