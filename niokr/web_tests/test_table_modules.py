"""The shared table and filter kinds live in core and use only the public interface of their libraries.

django-tables2's and django-filter's internals (``django_tables2.utils``, ``.data``, ``.rows``,
``.columns.base``; ``django_filters`` submodules other than ``widgets``, ``views`` and
``rest_framework``) change without notice between releases; the modules every list page builds on
must not import them, and no app may import the shared kinds from the registry any more: neither
the table and filter kinds nor the list page (``core.views.ListPage``) nor its templates
(``core/list.html``, ``core/_table.html``, ``core/_filters.html``, ``core/_export_links.html``).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = [ROOT / "core" / "tables.py", ROOT / "core" / "filtersets.py", ROOT / "core" / "views.py", ROOT / "core" / "exports.py"]
PUBLIC = {"django_tables2", "django_tables2.paginators", "django_filters", "django_filters.widgets", "django_filters.views", "django_filters.rest_framework"}


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_the_shared_modules_import_only_the_public_modules_of_django_tables2_and_django_filter():
    private = {f"{path.name}: {name}" for path in SHARED for name in _imports(path) if name.split(".")[0] in ("django_tables2", "django_filters") and name not in PUBLIC}
    assert private == set()


def test_no_module_takes_the_shared_kinds_from_the_registry():
    shared = {"PlainRowsTable", "TextColumn", "LabelColumn", "LocalizedColumn", "MoneyColumn", "NumberColumn", "DayColumn", "YearColumn", "export_cells", "link", "url_or_none", "url_maker",
              "PageFilterSet", "PlainWidgetsFilterSet", "PLAIN_WIDGETS", "IntegerFilter", "labelled_choices", "is_filtered", "ANY", "ID_BOUNDS", "YEAR_BOUNDS"}
    found = []
    for path in ROOT.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module in ("niokr.registry.tables", "niokr.registry.filtersets"):
                found += [f"{path.relative_to(ROOT)}: {a.name}" for a in node.names if a.name in shared]
    assert found == []


def test_no_module_takes_the_list_page_from_the_registry():
    found = []
    for path in ROOT.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "niokr.registry.views":
                found.append(f"{path.relative_to(ROOT)}: {', '.join(a.name for a in node.names)}")
    assert found == []


def test_the_shared_list_templates_live_in_core_and_every_page_names_them_there():
    shared = ("list.html", "_table.html", "_filters.html", "_export_links.html")
    assert all((ROOT / "core" / "templates" / "core" / name).is_file() for name in shared)
    reference = re.compile(r"""["']registry/(%s)["']""" % "|".join(re.escape(name) for name in shared))
    found = [f"{path.relative_to(ROOT)}: {match.group(0)}" for path in [*ROOT.rglob("*.html"), *ROOT.rglob("*.py")] for match in reference.finditer(path.read_text(encoding="utf-8"))]
    assert found == []
