"""The rules of the report "R&D projects, stages, acts and results" (docs/formats/projects.md).

Pure apart from one lazy import (the DOI pattern of the result model): the service loads what the
rules check against into ``Context.lifecycle`` (:func:`niokr.intake.project_intake.load_lifecycle`),
this module checks every row against it and against the other rows of the file. The cells have been
read by :mod:`niokr.intake.validation` already (a cell in error is null here and not judged again).

Each problem is one real problem at its row and column: an agreement the file names that is not
registered is one ``agreement_unknown`` per row naming it (each row is a stage of its own); stages
or acts above the agreement's amount are one problem per agreement, at the row where the running
total passes the amount; a duplicate names the row it repeats.

The frame returned keeps the typed columns and adds what the commit needs: ``agreement_id`` (stages,
acts), ``stage_id`` (acts), ``project_id`` (projects, results) and ``_key`` (results: the result's
natural key, :func:`result_key`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import polars as pl

from niokr.core.docnumbers import number_key
from niokr.intake.formats import Kind
from niokr.intake.project_forms import RESULT_FIELDS

__all__ = ["check_project_kind", "result_key", "stage_signature", "result_signature", "TYPED_COLUMNS", "EDITABLE_STAGE_STATES"]

#: A stage still being planned (or returned for revision) is changed by a later file; one whose
#: report is handed in or which is accepted is not.
EDITABLE_STAGE_STATES = frozenset({"planned", "returned"})
#: The typed columns of a result (every kind's fields).
TYPED_COLUMNS = ("achieved_on", "trl_level", "trl_methodology", "patent_office", "patent_number", "doi", "indexing", "implemented_at", "economic_effect", "revenue", "jobs")


def _day(value: date | None) -> str:
    return "" if value is None else f"{value:%d.%m.%Y}"


def _amount(value) -> str:
    return "" if value is None else format(Decimal(value), "f")


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def stage_signature(row: dict) -> tuple:
    """What a stage's plan says (title, dates, amount, deliverables), comparable between a file and the registry."""
    return (_text(row.get("stage_title", row.get("title"))), row.get("start_date"), row.get("end_date"), _amount(row.get("amount")), _text(row.get("deliverables")))


def result_signature(row: dict) -> tuple:
    """What a result says (title, year, its kind's fields, evidence), comparable between a file and the registry."""
    kind = row.get("kind") or ""
    required, optional = RESULT_FIELDS.get(kind, ((), ()))
    def value(name: str):
        if name in ("economic_effect", "revenue"):
            return _amount(row.get(name))
        if name in ("achieved_on", "trl_level", "jobs"):
            return row.get(name)
        return _doi(row.get(name)) if name == "doi" else _text(row.get(name))

    fields = tuple((name, value(name)) for name in (*required, *optional))
    return (_text(row.get("title")), row.get("year"), fields, _text(row.get("evidence_reference")), _text(row.get("evidence_note")))


def result_key(project_code: str, row: dict) -> str | None:
    """The natural key of a result: what makes two rows (or a row and a registered result) the same claim.

    A TRL level once per project; a patent by its office and number; a publication by its DOI; an
    implementation by its place and date; revenue and jobs once per project and year.
    """
    kind = row.get("kind")
    if not project_code or not kind:
        return None
    if kind == "trl":
        part = row.get("trl_level")
    elif kind == "patent":
        part = (row.get("patent_office"), number_key(row.get("patent_number")) if row.get("patent_number") else None)
    elif kind == "publication":
        part = _doi(row.get("doi")).casefold() or None
    elif kind == "implementation":
        part = (" ".join(_text(row.get("implemented_at")).casefold().split()) or None, row.get("achieved_on"))
    else:  # revenue, jobs
        part = row.get("year")
    if part is None or (isinstance(part, tuple) and None in part):
        return None
    return "\x1f".join([project_code, kind, *(str(p) for p in (part if isinstance(part, tuple) else (part,)))])


def _doi(text) -> str:
    from niokr.projects.models.results import normalise_doi

    return normalise_doi(_text(text))


class _Rows:
    """The frame's rows as dictionaries, and a way to report problems by position."""

    def __init__(self, frame: pl.DataFrame, problems):
        self.frame = frame
        self.rows = frame.to_dicts()
        self.problems = problems
        self.height = frame.height

    def report(self, hits: dict[int, dict], *, code: str, column: str, order: int, severity: str = "error", sub: int = 0) -> None:
        if not hits:
            return
        mask = pl.Series([False] * self.height, dtype=pl.Boolean).scatter(sorted(hits), True)
        self.problems.add(mask, severity=severity, code=code, column=column, stage=1, order=order, sub=sub, params=lambda pos: hits[pos])

    def cell_error(self, column: str, pos: int) -> bool:
        errors = self.problems.cell_errors.get(column)
        return errors is not None and bool(errors[pos])


def check_project_kind(kind: Kind, frame: pl.DataFrame, context, problems) -> pl.DataFrame:
    """The row rules of ``kind`` (one of the four sections); returns the frame with the ids the commit needs."""
    rows = _Rows(frame, problems)
    check: Callable = {Kind.RD_PROJECTS: _check_projects, Kind.RD_STAGES: _check_stages, Kind.RD_ACTS: _check_acts, Kind.RD_RESULTS: _check_results}[kind]
    return check(rows, context)


def _duplicates(rows: _Rows, key: Callable[[int, dict], object], *, code: str, column: str, order: int, params: Callable[[dict], dict] = lambda row: {}) -> set[int]:
    """Rows whose ``key`` an earlier row has (``None``: not compared); returns their positions."""
    first: dict[object, int] = {}
    hits: dict[int, dict] = {}
    for pos, row in enumerate(rows.rows):
        k = key(pos, row)
        if k is None:
            continue
        if k in first:
            hits[pos] = {**params(row), "first_row": first[k]}
        else:
            first[k] = row["_row"]
    rows.report(hits, code=code, column=column, order=order)
    return set(hits)


def _reversed_dates(rows: _Rows, *, order: int) -> None:
    hits = {pos: {"value": _day(r["end_date"]), "start": _day(r["start_date"])}
            for pos, r in enumerate(rows.rows) if r["start_date"] is not None and r["end_date"] is not None and r["end_date"] < r["start_date"]}
    rows.report(hits, code="dates_reversed", column="end_date", order=order)


# --- projects ----------------------------------------------------------------------------------------


def _check_projects(rows: _Rows, context) -> pl.DataFrame:
    own_bin = context.lifecycle.get("own_bin")
    mine = {}
    other = {}
    for pos, r in enumerate(rows.rows):
        if r["performer_bin"] is not None and r["performer_bin"] != own_bin:
            mine[pos] = {"value": r["performer_bin"]}
        owner = context.projects.get(r["project_code"]) if r["project_code"] is not None else None
        if owner is not None and owner != context.organisation_id:
            other[pos] = {"value": r["project_code"]}
    rows.report(mine, code="performer_not_submitter", column="performer_bin", order=1)
    rows.report(other, code="project_not_yours", column="project_code", order=2)
    _duplicates(rows, lambda pos, r: r["project_code"], code="duplicate_project", column="project_code", order=3, params=lambda r: {"value": r["project_code"]})
    _reversed_dates(rows, order=4)
    below = {pos: {"value": r["trl_target"], "start": r["trl_start"]}
             for pos, r in enumerate(rows.rows) if r["trl_start"] is not None and r["trl_target"] is not None and r["trl_target"] < r["trl_start"]}
    rows.report(below, code="trl_target_below_start", column="trl_target", order=5)
    _check_programmes(rows, context)
    return rows.frame


def programme_reference(value) -> str:
    """A programme's reference as a row writes it, compared upper-case without spaces around."""
    return _text(value).upper()


def _check_programmes(rows: _Rows, context) -> None:
    """The programme a row names (optional): registered (``programme_unknown``), and one the project may carry
    out by the rules of :func:`niokr.projects.lifecycle.programmes.link_refusal` (``programme_not_eligible``,
    its ``reason`` the rule's code); a programme named by two rows is carried out by the first one's project."""
    if "programme" not in rows.frame.columns:
        return
    from niokr.projects.lifecycle.programmes import link_refusal

    programmes = context.lifecycle.get("programmes", {})
    projects = context.lifecycle.get("own_projects", {})
    payers = context.lifecycle.get("payers", {})
    performer_id = context.organisation_id
    unknown, refused = {}, {}
    first: dict[str, str] = {}
    for pos, r in enumerate(rows.rows):
        if r.get("programme") is None or r["project_code"] is None:
            continue
        reference = programme_reference(r["programme"])
        programme = programmes.get(reference)
        if programme is None:
            unknown[pos] = {"value": r["programme"]}
            continue
        project = projects.get(r["project_code"], {})
        linked_code = programme["project_code"]
        if reference in first and first[reference] != r["project_code"]:
            refused[pos] = {"value": r["programme"], "reason": "programme_linked", "other": first[reference]}
            continue
        code = link_refusal(
            status=programme["status"], programme_id=programme["id"], linked_project_id=programme["project_id"], project_id=project.get("id"),
            project_programme_id=project.get("programme_id"), applicant_id=programme["applicant_id"], proposed_performer_id=programme["performer_id"],
            project_performer_id=performer_id, payers=payers.get(r["project_code"], {}),
        )
        if code:
            other = linked_code if code == "programme_linked" else project.get("programme_reference", "")
            refused[pos] = {"value": r["programme"], "reason": code, "other": other or ""}
            continue
        first.setdefault(reference, r["project_code"])
    rows.report(unknown, code="programme_unknown", column="programme", order=6)
    rows.report(refused, code="programme_not_eligible", column="programme", order=6, sub=1)


# --- the agreement a row names ----------------------------------------------------------------------


def _agreements(rows: _Rows, context, party: str) -> list[dict | None]:
    """The registered agreement each row names (by the counterparty's BIN and the number), or ``None``.

    ``party`` is the counterparty's BIN column (the payer for a performer's stages, the performer for
    a payer's acts). An unknown BIN is ``performer_unknown``/``payer_unknown``; a known BIN without
    such an agreement of the submitter is ``agreement_unknown``; a date other than the registered
    one is ``agreement_date_differs``.
    """
    agreements = context.lifecycle.get("agreements", {})
    found: list[dict | None] = []
    unknown_party, unknown, date_differs = {}, {}, {}
    for pos, r in enumerate(rows.rows):
        bin_, number = r[party], r["agreement_number"]
        if bin_ is None or number is None:
            found.append(None)
            continue
        agreement = agreements.get((bin_, number))
        if agreement is None:
            if bin_ not in context.orgs_by_bin:
                unknown_party[pos] = {"value": bin_}
            else:
                unknown[pos] = {"value": number, "party_bin": bin_}
            found.append(None)
            continue
        if r["agreement_date"] is not None and r["agreement_date"] != agreement["signed_on"]:
            date_differs[pos] = {"value": _day(r["agreement_date"]), "agreement": number, "registered": _day(agreement["signed_on"])}
        found.append(agreement)
    rows.report(unknown_party, code="payer_unknown" if party == "payer_bin" else "performer_unknown", column=party, order=1)
    rows.report(unknown, code="agreement_unknown", column="agreement_number", order=1, sub=1)
    rows.report(date_differs, code="agreement_date_differs", column="agreement_date", order=1, sub=2)
    return found


def _over_ceiling(rows: _Rows, agreements: list[dict | None], amounts: list, base: Callable[[dict], Decimal], *, code: str, order: int) -> None:
    """One problem per agreement, at the row where the running total (``base`` plus the file's
    ``amounts``) first passes the agreement's amount."""
    totals: dict[int, Decimal] = {}
    hits: dict[int, dict] = {}
    flagged: set[int] = set()
    for pos, (agreement, amount) in enumerate(zip(agreements, amounts)):
        if agreement is None or amount is None:
            continue
        aid = agreement["id"]
        totals[aid] = totals.get(aid, base(agreement)) + Decimal(amount)
        if totals[aid] > agreement["amount"] and aid not in flagged:
            flagged.add(aid)
            hits[pos] = {"value": rows.rows[pos]["agreement_number"], "ceiling": _amount(agreement["amount"])}
    for pos, params in hits.items():  # the total of the whole file, not the running one
        aid = agreements[pos]["id"]
        params["total"] = _amount(totals[aid])
    rows.report(hits, code=code, column="amount", order=order)


# --- stages ------------------------------------------------------------------------------------------


def _check_stages(rows: _Rows, context) -> pl.DataFrame:
    agreements = _agreements(rows, context, "payer_bin")
    stages = context.lifecycle.get("stages", {})
    _reversed_dates(rows, order=2)
    outside = {}
    for pos, (r, agreement) in enumerate(zip(rows.rows, agreements)):
        if agreement is None:
            continue
        period = f"{_day(agreement['period_start'])}–{_day(agreement['period_end'])}"
        if r["start_date"] is not None and r["start_date"] < agreement["period_start"]:
            outside[pos] = ("start_date", {"value": _day(r["start_date"]), "period": period})
        elif r["end_date"] is not None and r["end_date"] > agreement["period_end"]:
            outside[pos] = ("end_date", {"value": _day(r["end_date"]), "period": period})
    for column in ("start_date", "end_date"):
        rows.report({pos: p for pos, (c, p) in outside.items() if c == column}, code="stage_outside_agreement", column=column, order=3)
    ids = [a["id"] if a else None for a in agreements]
    duplicate = _duplicates(rows, lambda pos, r: (ids[pos], r["stage_number"]) if ids[pos] is not None and r["stage_number"] is not None else None,
                            code="duplicate_stage", column="stage_number", order=4, params=lambda r: {"value": r["agreement_number"], "stage": r["stage_number"]})
    locked = {}
    for pos, (r, agreement) in enumerate(zip(rows.rows, agreements)):
        if agreement is None or r["stage_number"] is None or pos in duplicate:
            continue
        registered = stages.get(agreement["id"], {}).get(r["stage_number"])
        if registered is not None and registered["status"] not in EDITABLE_STAGE_STATES and stage_signature(r) != stage_signature(registered):
            locked[pos] = {"value": r["agreement_number"], "stage": r["stage_number"]}
    rows.report(locked, code="stage_locked", column="stage_number", order=5)

    in_file: dict[int, set[int]] = {}
    for pos, (r, agreement) in enumerate(zip(rows.rows, agreements)):
        if agreement is not None and r["stage_number"] is not None:
            in_file.setdefault(agreement["id"], set()).add(r["stage_number"])

    def kept(agreement: dict) -> Decimal:
        """The registered stages the file does not name and its commit keeps (not withdrawn)."""
        return sum((Decimal(s["amount"]) for n, s in stages.get(agreement["id"], {}).items() if n not in in_file.get(agreement["id"], set()) and not s.get("withdrawable")), Decimal(0))

    amounts = [None if pos in duplicate else r["amount"] for pos, r in enumerate(rows.rows)]
    _over_ceiling(rows, agreements, amounts, kept, code="stages_exceed_agreement", order=6)
    return rows.frame.with_columns(pl.Series("agreement_id", ids, dtype=pl.Int64))


# --- acts --------------------------------------------------------------------------------------------


def _check_acts(rows: _Rows, context) -> pl.DataFrame:
    agreements = _agreements(rows, context, "performer_bin")
    stages = context.lifecycle.get("stages", {})
    today = context.lifecycle.get("today") or date.today()
    found: list[dict | None] = []
    unknown = {}
    for pos, (r, agreement) in enumerate(zip(rows.rows, agreements)):
        stage = stages.get(agreement["id"], {}).get(r["stage_number"]) if agreement is not None and r["stage_number"] is not None else None
        if agreement is not None and r["stage_number"] is not None and stage is None:
            unknown[pos] = {"value": r["agreement_number"], "stage": r["stage_number"]}
        found.append(stage)
    rows.report(unknown, code="stage_unknown", column="stage_number", order=2)
    ids = [a["id"] if a else None for a in agreements]
    duplicate = _duplicates(rows, lambda pos, r: (ids[pos], r["stage_number"]) if ids[pos] is not None and r["stage_number"] is not None else None,
                            code="duplicate_stage", column="stage_number", order=3, params=lambda r: {"value": r["agreement_number"], "stage": r["stage_number"]})
    future, early = {}, {}
    for pos, (r, agreement) in enumerate(zip(rows.rows, agreements)):
        if r["act_date"] is None:
            continue
        if r["act_date"] > today:
            future[pos] = {"value": _day(r["act_date"])}
        elif agreement is not None and r["act_date"] < agreement["signed_on"]:
            early[pos] = {"value": _day(r["act_date"]), "signed": _day(agreement["signed_on"])}
    rows.report(future, code="date_in_future", column="act_date", order=4)
    rows.report(early, code="act_before_agreement", column="act_date", order=4, sub=1)
    above, awaited, signed = {}, {}, {}
    for pos, (r, stage) in enumerate(zip(rows.rows, found)):
        if stage is None or pos in duplicate:
            continue
        if r["amount"] is not None and Decimal(r["amount"]) > Decimal(stage["amount"]):
            above[pos] = {"value": r["agreement_number"], "stage": r["stage_number"], "accepted": _amount(r["amount"]), "ceiling": _amount(stage["amount"])}
        act = stage.get("act")
        if act is not None:
            if (r["act_number"], r["act_date"], _amount(r["amount"])) != (act["number"], act["signed_on"], _amount(act["amount"])):
                signed[pos] = {"value": r["agreement_number"], "stage": r["stage_number"], "act": act["number"]}
        elif stage["status"] != "submitted":
            awaited[pos] = {"value": r["agreement_number"], "stage": r["stage_number"]}
    rows.report(above, code="act_exceeds_stage", column="amount", order=5)
    rows.report(signed, code="act_already_signed", column="act_number", order=6)
    rows.report(awaited, code="stage_report_awaited", column="stage_number", order=6, sub=1)

    in_file: dict[int, set[int]] = {}
    for agreement, r in zip(agreements, rows.rows):
        if agreement is not None and r["stage_number"] is not None:
            in_file.setdefault(agreement["id"], set()).add(r["stage_number"])

    def accepted(agreement: dict) -> Decimal:
        """The acts already signed on the agreement's stages the file does not name."""
        return sum((Decimal(s["act"]["amount"]) for n, s in stages.get(agreement["id"], {}).items() if s.get("act") and n not in in_file.get(agreement["id"], set())), Decimal(0))

    amounts = [None if pos in duplicate else r["amount"] for pos, r in enumerate(rows.rows)]
    _over_ceiling(rows, agreements, amounts, accepted, code="acts_exceed_agreement", order=7)
    return rows.frame.with_columns(
        pl.Series("agreement_id", ids, dtype=pl.Int64),
        pl.Series("stage_id", [s["id"] if s else None for s in found], dtype=pl.Int64),
        pl.Series("_already", [bool(s and s.get("act")) for s in found], dtype=pl.Boolean),
    )


# --- results -----------------------------------------------------------------------------------------


def _check_results(rows: _Rows, context) -> pl.DataFrame:
    from niokr.projects.models.results import DOI_PATTERN

    registered = context.lifecycle.get("results", {})
    unknown, other = {}, {}
    for pos, r in enumerate(rows.rows):
        code = r["project_code"]
        if code is None:
            continue
        owner = context.projects.get(code)
        if owner is None:
            unknown[pos] = {"value": code}
        elif owner != context.organisation_id:
            other[pos] = {"value": code}
    rows.report(unknown, code="project_unknown", column="project_code", order=1)
    rows.report(other, code="project_not_yours", column="project_code", order=1, sub=1)

    missing: dict[str, dict[int, dict]] = {}
    ignored: dict[str, dict[int, dict]] = {}
    bad_doi = {}
    for pos, r in enumerate(rows.rows):
        kind = r["kind"]
        if kind is None:
            continue
        required, optional = RESULT_FIELDS[kind]
        for name in required:
            if r[name] is None and not rows.cell_error(name, pos):
                missing.setdefault(name, {})[pos] = {"field": name, **({"field_header": rows.problems.table.headers[name]} if name in rows.problems.table.headers else {})}
        for name in TYPED_COLUMNS:
            if name not in required and name not in optional and r[name] is not None:
                ignored.setdefault(name, {})[pos] = {"field": name, **({"field_header": rows.problems.table.headers[name]} if name in rows.problems.table.headers else {})}
        if r["doi"] is not None and "doi" in required and not DOI_PATTERN.match(_doi(r["doi"])):
            bad_doi[pos] = {"value": r["doi"]}
    for order, name in enumerate(TYPED_COLUMNS, start=2):
        rows.report(missing.get(name, {}), code="result_field_required", column=name, order=order)
        rows.report(ignored.get(name, {}), code="result_field_ignored", column=name, order=order, severity="warning", sub=1)
    rows.report(bad_doi, code="doi_invalid", column="doi", order=TYPED_COLUMNS.index("doi") + 2, sub=2)

    keys = [result_key(r["project_code"], r) if r["kind"] is not None else None for r in rows.rows]
    key_columns = {"trl": "trl_level", "patent": "patent_number", "publication": "doi", "implementation": "implemented_at", "revenue": "year", "jobs": "year"}
    first: dict[str, int] = {}
    duplicate: dict[str, dict[int, dict]] = {}
    decided = {}
    for pos, (r, key) in enumerate(zip(rows.rows, keys)):
        if key is None:
            continue
        if key in first:
            duplicate.setdefault(key_columns[r["kind"]], {})[pos] = {"first_row": first[key]}
            continue
        first[key] = r["_row"]
        known = registered.get(key)
        if known is not None and known["status"] != "claimed" and result_signature(r) != result_signature(known):
            decided[pos] = {"value": known["reference"]}
    for column, hits in duplicate.items():
        rows.report(hits, code="duplicate_result", column=column, order=20)
    rows.report(decided, code="result_decided", column="title", order=21)
    return rows.frame.with_columns(pl.Series("_key", keys, dtype=pl.String))
