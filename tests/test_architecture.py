"""The dependency rule of docs/DEVELOPING.md, checked on the real import graph (grimp, the engine of
import-linter, whose contract in pyproject.toml `make test` also runs): no module takes part in an
import cycle, and the base app imports no content app."""

import grimp
import pytest

PACKAGES = ("config", "archive_portal", "news", "publications", "training", "sdg_plan")
CONTENT_APPS = ("news", "publications", "training", "sdg_plan")


@pytest.fixture(scope="module")
def graph():
    return grimp.build_graph(*PACKAGES, cache_dir=None)


def import_cycles(graph):
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index, low, stack, on_stack, cycles = {}, {}, [], set(), []

    def visit(module):
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in graph.find_modules_directly_imported_by(module):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == module:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return cycles


def test_no_module_takes_part_in_an_import_cycle(graph):
    assert import_cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle():
    cyclic = grimp.ImportGraph()
    for module in ("a", "a.b", "a.c", "a.d"):
        cyclic.add_module(module)
    cyclic.add_import(importer="a.b", imported="a.c")
    cyclic.add_import(importer="a.c", imported="a.b")
    cyclic.add_import(importer="a.d", imported="a.b")
    assert import_cycles(cyclic) == [["a.b", "a.c"]]


@pytest.mark.parametrize("app", CONTENT_APPS)
def test_the_base_app_imports_no_content_app(graph, app):
    assert (
        graph.find_shortest_chain(importer="archive_portal", imported=app, as_packages=True) is None
    )
