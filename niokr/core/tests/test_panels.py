"""Panels: an app above shows rows on a page of an app below without the page importing it."""

from niokr.core import panels


def test_a_place_lists_only_the_panels_with_rows_for_the_user_in_registration_order(monkeypatch):
    monkeypatch.setattr(panels, "_PLACES", {})
    panels.register("somewhere", panels.Panel("a", "a.html", lambda user: [user, 1]))
    panels.register("somewhere", panels.Panel("b", "b.html", lambda user: []))
    panels.register("somewhere", panels.Panel("c", "c.html", lambda user, **kw: [kw["x"]]))
    panels.register("somewhere", panels.Panel("c", "c.html", lambda user: ["again"]))  # replaced, not added
    shown = panels.panels_for("somewhere", "u")
    assert [(p.template, p.rows) for p in shown] == [("a.html", ["u", 1]), ("c.html", ["again"])]
    assert panels.panels_for("nowhere", "u") == []


def test_control_registers_the_document_requests_for_the_landing_and_holder_pages():
    templates = {place: [p.template for p in panels._PLACES.get(place, {}).values()] for place in ("landing", "holder")}
    assert templates == {"landing": ["control/_pending_requests.html"], "holder": ["control/_pending_requests.html"]}
