"""The sections of the portal (news, publications, training, the SDG plan) and what each plugs into
the shared pages: search, sitemaps, the home page, seed content, staff groups, benchmark data.

The base app imports no content app. Each app describes itself with one `Section` in its
`section.py`; `config/settings.py` lists those in `PORTAL_SECTIONS` (the one place that wires the
apps together), and the shared code below reads them from there. A new content type plugs into
every shared page by adding a `Section` and one line in that list (docs/DEVELOPING.md).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from django.conf import settings
from django.utils.html import escape
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class HomeBlock:
    """A block of the home page: `selector()` returns the context of `template`, included in
    templates/home.html as `block`. Keep it to a fixed, small number of queries."""

    template: str
    selector: Callable[[], dict]


def bench_paragraphs(text, sentences, per_paragraph=3):
    """`sentences` random sentences (`text(n)` of BenchData.make_row) as the admin's editor
    writes a body: HTML paragraphs, so pages and data migrations meet benchmark rows as they
    meet real ones (not Markdown to convert)."""
    paragraphs = []
    while sentences > 0:
        n = min(per_paragraph, sentences)
        paragraphs.append(f"<p>{escape(text(n))}</p>")
        sentences -= n
    return "\n".join(paragraphs)


@dataclass(frozen=True)
class BenchData:
    """How `generate_bench_data` makes benchmark rows of one model from its seeded rows.

    `make_row(number, template, rng, text, title, now)` returns an unsaved instance (`text(n)`
    gives n random sentences of the seed content, `title()` a random seeded title);
    `after(rng)` fills what bulk_create cannot (many-to-many links); `copy_links` names the
    many-to-many fields each new row copies from the seeded row it was made from (its SDG goals:
    related items and goal pages then meet tagged rows at benchmark volumes)."""

    option: str  # the command-line option giving the number of rows, e.g. "news"
    default: int
    model: type
    make_row: Callable
    title_field: str = "title"
    text_field: str = "body"
    after: Callable | None = None
    copy_links: tuple = ()


@dataclass(frozen=True)
class Attention:
    """One line of the admin home's "needs attention" list: what, how many, where to act.

    A section's `admin_attention(user)` returns these for what `user` may see (a few queries)."""

    group: str  # the heading it is listed under, e.g. "News"
    label: str
    count: int
    url: str


@dataclass(frozen=True)
class LinkedItems:
    """What one section has linked to some SDG plan goals: shown on the goal pages. `items` are
    model instances with `get_absolute_url()` (their `str()` is the title); `more_url` lists them
    all (e.g. the publications finder filtered by the goal)."""

    key: str
    label: str
    items: list
    more_url: str = ""


@dataclass(frozen=True)
class Announcement:
    """One public item a mailing list announces to its subscribers (training's
    send_subscriptions). `key` is unique over the site ("news.newsitem:12") and is what the
    sent-log remembers; `topics` are the list's topic values the item belongs to; `item` has
    `get_absolute_url()` and `title_ko`/`title_en`; `public_since` is when the public could
    first see it (the later of its date and its creation: a scheduled item is not announced
    before its time, a back-dated one is not news)."""

    key: str
    topics: frozenset
    item: object
    public_since: object  # an aware datetime


@dataclass(frozen=True)
class MailingList:
    """What a section offers to email subscribers: "new training calls", "news" by category,
    "publications" by sector. A subscription stores its choices as `key` (no topics) or
    `key:value`. `announcements(start, end)` returns the items whose `public_since` is in
    (start, end] and that the public sees now, with a fixed number of queries."""

    key: str
    label: str
    announcements: Callable
    topics: Callable | None = None  # () -> [(value, label)]; None: the list has no topics
    topics_label: str = ""  # the question asked above the topics on the subscribe form


@dataclass(frozen=True)
class Section:
    key: str
    search_sources: tuple = ()  # archive_portal.search.Source, in the order results are shown
    search_topics: Callable[[], dict] | None = None  # context for the empty search page
    sitemaps: dict = field(default_factory=dict)  # sitemap key -> I18nSitemap subclass
    landing_pages: tuple = ()  # URL names listed in the "pages" sitemap
    home_block: HomeBlock | None = None
    seed_loader: tuple | None = None  # (label, load(overwrite=False) -> (created, updated))
    group_permissions: dict = field(default_factory=dict)  # group -> {app: {model: actions}}
    bench_data: tuple = ()  # BenchData, in the order rows are generated
    files: tuple = ()  # archive_portal.media.Files: the uploaded files served, and to whom
    admin_attention: Callable | None = None  # (user) -> [Attention] for the admin home
    # The page cache (archive_portal.pagecache): saving or deleting one of these models
    # ("app_label.Model") retires every cached page; `next_change(now)` gives the next moment
    # after `now` when the section's public pages change with no edit (a scheduled publication,
    # a deadline), or None.
    public_models: tuple = ()
    next_change: Callable | None = None
    # Links between sections, without one app importing another (docs/DEVELOPING.md):
    # (label, load(overwrite=False) -> (created, updated)), run after every seed_loader, e.g. the
    # SDG goals of seeded items (the plan's goals exist by then).
    seed_links: tuple | None = None
    # goal_items(goal) -> [LinkedItems]: this section's public items tagged with `goal` (an
    # sdg_plan Goal), one query per LinkedItems; the goal page lists them.
    goal_items: Callable | None = None
    # goal_progress(goal_ids) -> {goal id: (status value, status label)}: the plan's progress of
    # those goals (sdg_plan), for pages of items tagged with goals; a fixed number of queries.
    goal_progress: Callable | None = None
    # What visitors may subscribe to by email (training's subscribe page and send_subscriptions).
    mailing_lists: tuple = ()


@cache
def sections():
    """The sections listed in settings.PORTAL_SECTIONS, in that order."""
    return tuple(import_string(path) for path in settings.PORTAL_SECTIONS)


def search_sources():
    return [source for section in sections() for source in section.search_sources]


def search_topics():
    context = {}
    for section in sections():
        if section.search_topics:
            context.update(section.search_topics())
    return context


def section_sitemaps():
    return {key: sitemap for section in sections() for key, sitemap in section.sitemaps.items()}


def landing_pages():
    return [name for section in sections() for name in section.landing_pages]


def seed_link_loaders():
    return [section.seed_links for section in sections() if section.seed_links]


def goal_items(goal):
    """[LinkedItems] of every section for one SDG goal, those with items: a fixed number of
    queries (each section's hook says how many)."""
    found = (
        linked
        for section in sections()
        if section.goal_items
        for linked in section.goal_items(goal)
    )
    return [linked for linked in found if linked.items]


def goal_progress(goal_ids):
    """{goal id: (status value, label)} from the section that knows the plan's progress."""
    progress = {}
    for section in sections():
        if section.goal_progress and goal_ids:
            progress.update(section.goal_progress(goal_ids))
    return progress


def mailing_lists():
    """Every section's MailingLists, in the order of PORTAL_SECTIONS."""
    return [mailing for section in sections() for mailing in section.mailing_lists]


def home_blocks():
    return [section.home_block for section in sections() if section.home_block]


def seed_loaders():
    return [section.seed_loader for section in sections() if section.seed_loader]


def group_permissions():
    """group name -> {app_label: {model_name: actions}}, merged over the sections."""
    merged = {}
    for section in sections():
        for group, apps in section.group_permissions.items():
            merged.setdefault(group, {}).update(apps)
    return merged


def admin_attention(user):
    """What needs staff attention, over the sections, as [(group, [Attention])] (counts > 0)."""
    groups = {}
    for section in sections():
        if section.admin_attention:
            for item in section.admin_attention(user):
                if item.count:
                    groups.setdefault(str(item.group), []).append(item)
    return list(groups.items())


def public_models():
    return [label for section in sections() for label in section.public_models]


def bench_data():
    return [bench for section in sections() for bench in section.bench_data]
