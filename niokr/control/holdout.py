"""The hand-labelled evaluation set: loading it through the public paths and scoring the indicators.

The set (``niokr/control/holdout/``, built by ``build.py`` there) was written apart from the synthetic
generator and from the indicators' code: violations in the forms accountants and schemers use, and
clean cases that look like violations. Its subjects are named by business keys — a payer's BIN with a
payment document number as written and a date, an agreement number, a right number and a year — so
it loads into any empty database the way real data arrives: ``niokr load`` for the registry and
``niokr intake submit`` for every report, then ``niokr recompute``.

Scoring (docs/control.md, "The hand-labelled evaluation set"):

* a violation is *found* when one of the indicators it names — or one whose catalogue entry lists its
  problem code — flagged its subject (a duplicate: either copy);
* a clean case is *flagged* when any indicator flagged its subject;
* per indicator: true flags (on violations it may find), false flags (on clean cases), flags on
  violations of another kind (not counted against it), precision, and recall over the cases naming it;
* per batch (the cases written at one time): recall and the share of clean cases flagged.
"""

from __future__ import annotations

import io
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError

__all__ = ["DEFAULT_DIR", "HoldoutError", "Holdout", "HoldoutScore", "read_holdout", "load_holdout", "resolve_cases", "score_holdout", "evaluate_holdout"]

DEFAULT_DIR = Path(__file__).resolve().parent / "holdout"

Key = tuple  # (subject_type, subject_id, year or None), as control.evaluation.flag_key


class HoldoutError(Exception):
    """The set cannot be loaded or scored here; the message says why and what to do."""


@dataclass(frozen=True)
class Holdout:
    directory: Path
    manifest: dict
    labels: dict

    @property
    def cases(self) -> list[dict]:
        return self.labels["cases"]

    @property
    def bins(self) -> set[str]:
        registry = json.loads((self.directory / "registry.json").read_text(encoding="utf-8"))
        return {o["bin"] for o in registry.get("organisations", [])}


def read_holdout(directory: Path | str | None = None) -> Holdout:
    """Read the set's manifest and labels (nothing is loaded)."""
    directory = Path(directory) if directory else DEFAULT_DIR
    try:
        manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
        labels = json.loads((directory / "labels.json").read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise HoldoutError(f"{directory} is not an evaluation set: {Path(exc.filename).name} is missing") from None
    except json.JSONDecodeError as exc:
        raise HoldoutError(f"{directory}: not valid JSON ({exc.msg} at line {exc.lineno})") from None
    if not isinstance(manifest.get("load"), list) or not isinstance(labels.get("cases"), list):
        raise HoldoutError(f"{directory}: manifest.json needs a 'load' list and labels.json a 'cases' list")
    return Holdout(directory, manifest, labels)


# --------------------------------------------------------------------------------------------------
# Loading


@dataclass
class LoadReport:
    steps: list[str] = field(default_factory=list)
    already_loaded: bool = False


def holdout_state(holdout: Holdout) -> str:
    """``empty`` (load it), ``loaded`` (exactly the set is there: score it), ``partial`` (a load
    stopped half-way) or ``other`` (refuse)."""
    from niokr.intake.models import Submission
    from niokr.registry.models import Organisation

    present = set(Organisation.objects.values_list("bin", flat=True))
    if not present:
        return "empty"
    if present != holdout.bins:
        return "other"
    reports = sum(1 for step in holdout.manifest["load"] if step.get("step") == "intake")
    # (a report sent by a person through the upload page is an intake step like the others)
    # A correction in the set supersedes the report it corrects: both were committed in their turn.
    return "loaded" if Submission.objects.filter(status__in=("committed", "superseded")).count() == reports else "partial"


def load_holdout(holdout: Holdout) -> LoadReport:
    """Load the set through the public commands, in the manifest's order.

    Refuses a database that holds other data: the set's subjects and the indicators' peers must be
    the set's own, and an evaluation must never mix examiners' cases into real data. A database
    already holding exactly the set is left as it is.
    """
    report = LoadReport()
    state = holdout_state(holdout)
    if state == "loaded":
        report.already_loaded = True
        return report
    if state == "partial":
        raise HoldoutError("the database holds the evaluation set's registry but not all of its reports (a load stopped half-way): start again from an empty database")
    if state == "other":
        raise HoldoutError(
            "the database already holds organisations that are not the evaluation set's: load the set into an empty database, "
            "e.g. DATABASE_URL=sqlite:////tmp/niokr-holdout.sqlite3 niokr migrate && DATABASE_URL=sqlite:////tmp/niokr-holdout.sqlite3 niokr control evaluate --holdout"
        )
    for step in holdout.manifest["load"]:
        out = io.StringIO()
        kind = step.get("step")
        try:
            if kind == "registry":
                call_command("load", str(holdout.directory / step["file"]), stdout=out, stderr=out)
                report.steps.append(f"registry {step['file']}: {out.getvalue().strip()}")
            elif kind == "intake" and step.get("as"):
                report.steps.append(_upload(holdout, step))
            elif kind == "lifecycle":
                report.steps.append(_lifecycle(holdout, step))
            elif kind == "intake":
                args = ["intake", "submit", str(holdout.directory / step["file"]), "--kind", step["kind"], "--year", str(step["year"]), "--org", step["org"]]
                if step.get("quarter"):
                    args += ["--quarter", str(step["quarter"])]
                call_command(*args, stdout=out, stderr=out)
                report.steps.append(f"{step['file']}: {out.getvalue().strip().splitlines()[-1]}")
            elif kind == "recompute":
                call_command("recompute", stdout=out, stderr=out)
                report.steps.append("recompute")
            else:
                raise HoldoutError(f"manifest.json: unknown step {kind!r} (registry, intake, lifecycle, recompute)")
        except CommandError as exc:
            raise HoldoutError(f"{step.get('file', kind)} was refused: {exc}\n{out.getvalue().strip()}") from None
    return report


def _user(login: str):
    from django.contrib.auth import get_user_model

    try:
        return get_user_model().objects.get(username=login)
    except get_user_model().DoesNotExist:
        raise HoldoutError(f"no user with the login {login!r}: the set's people step names them first") from None


def _upload(holdout: Holdout, step: Mapping) -> str:
    """A report sent and committed by a person, as the upload page does (``services.submit_file``, then
    ``commit.commit_for``): the R&D sections whose rows a person signs (an act is signed by who commits)."""
    from django.core.exceptions import PermissionDenied, ValidationError

    from niokr.intake import commit, services
    from niokr.registry.models import Organisation

    actor = _user(step["as"])
    organisation = Organisation.objects.get(bin=step["org"])
    path = holdout.directory / step["file"]
    try:
        received = services.submit_file(actor=actor, organisation=organisation, kind=step["kind"], data=path, filename=path.name,
                                        period_year=int(step["year"]), period_quarter=step.get("quarter"))
    except PermissionDenied as exc:
        raise HoldoutError(f"{step['file']}: {step['as']} may not send it ({exc})") from None
    submission = received.submission
    if submission.status != "valid":
        problems = "; ".join(f"{p.get('column') or ''}{p.get('row') or ''} {p['code']}" for p in (submission.problems or [])[:10])
        raise HoldoutError(f"{step['file']} was refused ({submission.status}): {problems}")
    try:
        summary = commit.commit_for(submission=submission, actor=actor)
    except ValidationError as exc:
        raise HoldoutError(f"{step['file']} was not committed: {'; '.join(exc.messages)}") from None
    return f"{step['file']}: committed by {step['as']}, {summary.lines} lines"


def _lifecycle(holdout: Holdout, step: Mapping) -> str:
    """What has no file path, done through the services the pages call (``holdout/README.md``)."""
    from niokr.control.holdout_lifecycle import run_actions

    actions = json.loads((holdout.directory / step["file"]).read_text(encoding="utf-8"))
    try:
        done = run_actions(holdout.directory, actions["actions"])
    except Exception as exc:  # a refusal of a service: say which action
        raise HoldoutError(f"{step['file']}: {exc}") from None
    return f"{step['file']}: {done} actions"


# --------------------------------------------------------------------------------------------------
# Resolving business keys to subjects


def _payment_keys(subject: Mapping) -> list[Key]:
    from niokr.projects.models import Payment

    rows = Payment.objects.filter(
        agreement__payer__bin=subject["payer_bin"], document_number=subject["document_number"], paid_on=date.fromisoformat(subject["paid_on"])
    )
    if subject.get("amount"):
        rows = rows.filter(amount=Decimal(subject["amount"]))
    return [("payment", pk, None) for pk in rows.values_list("pk", flat=True)]


def subject_keys(subject: Mapping) -> list[Key]:
    """The database subjects a case's business keys name (empty when nothing matches)."""
    from niokr.projects.models import Agreement
    from niokr.registry.models import Organisation, SubsoilRight

    kind = subject["type"]
    if kind == "payment":
        return _payment_keys(subject)
    if kind == "agreement":
        ids = Agreement.objects.filter(payer__bin=subject["payer_bin"], number=subject["agreement_number"]).values_list("pk", flat=True)
        return [("agreement", pk, None) for pk in ids]
    if kind == "payer_year":
        ids = Organisation.objects.filter(bin=subject["payer_bin"]).values_list("pk", flat=True)
        return [("payer_year", pk, int(subject["year"])) for pk in ids]
    if kind == "right_year":
        ids = SubsoilRight.objects.filter(holder__bin=subject["payer_bin"], number=subject["right_number"]).values_list("pk", flat=True)
        return [("right_year", pk, int(subject["year"])) for pk in ids]
    if kind == "project":
        from niokr.projects.models import Project

        ids = Project.objects.filter(performer__bin=subject["performer_bin"], code=subject["project_code"]).values_list("pk", flat=True)
        return [("project", pk, None) for pk in ids]
    if kind == "council_decision":
        from niokr.projects.models import AgendaItem

        ids = AgendaItem.objects.filter(
            session__council__authority=subject["authority"], session__held_on=date.fromisoformat(subject["held_on"]),
            version__programme__applicant__bin=subject["applicant_bin"], version__title_ru=subject["programme_title_ru"],
        ).values_list("pk", flat=True)
        return [("council_decision", pk, None) for pk in ids]
    raise HoldoutError(f"unknown subject type {kind!r}")


@dataclass
class Resolved:
    keys: dict[str, list[Key]]  # case id -> its subject (first) and the other copies of the same money
    unresolved: list[str]  # case ids whose subject names nothing (or more than one thing)


def resolve_cases(cases: Iterable[Mapping]) -> Resolved:
    keys: dict[str, list[Key]] = {}
    unresolved: list[str] = []
    for case in cases:
        own = subject_keys(case["subject"])
        if len(own) != 1:
            unresolved.append(case["id"])
            continue
        others = [k for s in case.get("same_money", []) for k in subject_keys({"type": "payment", **s})]
        keys[case["id"]] = own + others
    return Resolved(keys, unresolved)


# --------------------------------------------------------------------------------------------------
# Scoring


@dataclass
class HoldoutScore:
    indicators: list[dict] = field(default_factory=list)  # indicator, tp, fp, other, precision, named, found, recall
    codes: list[dict] = field(default_factory=list)  # code, cases, found, recall, indicators
    overall: dict = field(default_factory=dict)  # violations, found, recall, found_any, recall_any, clean, clean_flagged, clean_flagged_share
    missed: list[dict] = field(default_factory=list)
    clean_flagged: list[dict] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)
    batches: list[dict] = field(default_factory=list)  # batch, violations, found, recall, clean, clean_flagged, clean_flagged_share
    as_of: str = ""


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def _year_key(subject_type: str, subject_id, year) -> Key:
    return (subject_type, int(subject_id), int(year) if subject_type in ("payer_year", "right_year") and year is not None else None)


def score_holdout(cases: list[dict], resolved: Resolved, flags: Iterable[tuple[str, str, int, int | None]], truth_codes: Mapping[str, Iterable[str]]) -> HoldoutScore:
    """Score ``flags`` (indicator, subject_type, subject_id, year) against the labelled cases."""
    flagged: dict[Key, set[str]] = defaultdict(set)
    for indicator, subject_type, subject_id, year in flags:
        flagged[_year_key(subject_type, subject_id, year)].add(indicator)
    listing: dict[str, set[str]] = defaultdict(set)  # problem code -> indicators whose catalogue lists it
    for indicator, codes in truth_codes.items():
        for code in codes:
            listing[code].add(indicator)

    per_indicator: dict[str, dict] = defaultdict(lambda: {"tp": 0, "fp": 0, "other": 0, "named": 0, "found": 0})
    per_code: dict[str, dict] = defaultdict(lambda: {"cases": 0, "found": 0, "indicators": set()})
    score = HoldoutScore(unresolved=list(resolved.unresolved))
    violations = found = found_any = clean = clean_hit = 0
    per_batch: dict[int, dict] = defaultdict(lambda: {"violations": 0, "found": 0, "clean": 0, "clean_flagged": 0})
    for case in cases:
        keys = resolved.keys.get(case["id"])
        if keys is None:
            continue
        batch = per_batch[case.get("batch", 1)]
        if case["verdict"] == "clean":
            clean += 1
            batch["clean"] += 1
            by = flagged.get(keys[0], set())
            for indicator in by:
                per_indicator[indicator]["fp"] += 1
            if by:
                clean_hit += 1
                batch["clean_flagged"] += 1
                score.clean_flagged.append({"id": case["id"], "subject": case["subject"], "indicators": sorted(by), "rationale": case["rationale"]})
            continue
        violations += 1
        batch["violations"] += 1
        accepted = set(case["indicators"]) | listing.get(case["code"], set())
        by = set().union(*(flagged.get(k, set()) for k in keys))
        hit = by & accepted
        for indicator in case["indicators"]:
            per_indicator[indicator]["named"] += 1
            if indicator in by:
                per_indicator[indicator]["found"] += 1
        for indicator in by:
            per_indicator[indicator]["tp" if indicator in accepted else "other"] += 1
        row = per_code[case["code"]]
        row["cases"] += 1
        row["indicators"] |= accepted
        if hit:
            found += 1
            batch["found"] += 1
            row["found"] += 1
        else:
            score.missed.append({"id": case["id"], "code": case["code"], "subject": case["subject"], "flagged_by": sorted(by), "rationale": case["rationale"]})
        if by:
            found_any += 1
    for indicator in sorted(per_indicator):
        r = per_indicator[indicator]
        score.indicators.append({"indicator": indicator, **r, "precision": _ratio(r["tp"], r["tp"] + r["fp"]), "recall": _ratio(r["found"], r["named"])})
    for code in sorted(per_code):
        r = per_code[code]
        score.codes.append({"code": code, "cases": r["cases"], "found": r["found"], "recall": _ratio(r["found"], r["cases"]), "indicators": sorted(r["indicators"])})
    for number in sorted(per_batch):
        b = per_batch[number]
        score.batches.append({"batch": number, **b, "recall": _ratio(b["found"], b["violations"]), "clean_flagged_share": _ratio(b["clean_flagged"], b["clean"])})
    score.overall = {
        "violations": violations,
        "found": found,
        "recall": _ratio(found, violations),
        "found_any": found_any,
        "recall_any": _ratio(found_any, violations),
        "clean": clean,
        "clean_flagged": clean_hit,
        "clean_flagged_share": _ratio(clean_hit, clean),
    }
    return score


def evaluate_holdout(directory: Path | str | None = None, *, as_of: date | None = None, stored: bool = False) -> tuple[HoldoutScore, LoadReport]:
    """Load the set (unless it is already the database's content), evaluate the indicators and score them.

    In memory as of ``as_of`` (default today), like ``niokr control evaluate``; with ``stored`` the
    flags of the current stored runs are scored instead.
    """
    from django.utils import timezone

    from niokr.control.extract import extract_frames
    from niokr.control.indicators import catalogue
    from niokr.control.models import Flag
    from niokr.control.runner import evaluate_frames

    holdout = read_holdout(directory)
    report = load_holdout(holdout)
    resolved = resolve_cases(holdout.cases)
    as_of = as_of or timezone.localdate()
    if stored:
        flags = list(Flag.objects.current().values_list("indicator", "subject_type", "subject_id", "year"))
    else:
        flags = evaluate_frames(extract_frames(as_of=as_of)).flags.select("indicator", "subject_type", "subject_id", "year").rows()
    score = score_holdout(holdout.cases, resolved, flags, {i.code: i.truth_codes for i in catalogue()})
    score.as_of = as_of.isoformat()
    return score, report


# --------------------------------------------------------------------------------------------------
# ``niokr control evaluate --holdout [DIR]``


def evaluate_holdout_command(command, directory: str | None, as_of: date | None, stored: bool, as_json: bool) -> None:
    """Print the holdout scorecard for the ``control`` management command."""
    try:
        score, report = evaluate_holdout(directory, as_of=as_of, stored=stored)
    except HoldoutError as exc:
        raise CommandError(f"--holdout: {exc}", returncode=2) from None
    out = command.stdout
    if as_json:
        out.write(json.dumps({"as_of": score.as_of, "indicators": score.indicators, "codes": score.codes, "overall": score.overall,
                              "batches": score.batches, "missed": score.missed, "clean_flagged": score.clean_flagged, "unresolved": score.unresolved}, ensure_ascii=False, indent=1))
        return
    out.write(("the evaluation set was already loaded" if report.already_loaded else f"loaded the evaluation set: {len(report.steps)} steps") + f"; scored as of {score.as_of}")
    fmt = lambda v: "—" if v is None else f"{v:.3f}"  # noqa: E731
    out.write(f"{'indicator':<10}{'true':>6}{'false':>7}{'other':>7}{'precision':>11}{'named':>7}{'found':>7}{'recall':>8}")
    for r in score.indicators:
        out.write(f"{r['indicator']:<10}{r['tp']:>6}{r['fp']:>7}{r['other']:>7}{fmt(r['precision']):>11}{r['named']:>7}{r['found']:>7}{fmt(r['recall']):>8}")
    out.write("")
    out.write(f"{'problem code':<28}{'cases':>7}{'found':>7}{'recall':>8}  indicators")
    for r in score.codes:
        out.write(f"{r['code']:<28}{r['cases']:>7}{r['found']:>7}{fmt(r['recall']):>8}  {', '.join(r['indicators'])}")
    o = score.overall
    out.write(f"\noverall recall {fmt(o['recall'])} ({o['found']} of {o['violations']} violations; by any indicator {fmt(o['recall_any'])})")
    out.write(f"clean cases flagged by any indicator: {o['clean_flagged']} of {o['clean']} ({fmt(o['clean_flagged_share'])})")
    for b in score.batches:
        out.write(f"  batch {b['batch']}: recall {fmt(b['recall'])} ({b['found']} of {b['violations']}), clean flagged {b['clean_flagged']} of {b['clean']} ({fmt(b['clean_flagged_share'])})")
    for m in score.missed:
        out.write(f"  missed  {m['id']} {m['code']}: {_describe(m['subject'])}" + (f" (flagged only by {', '.join(m['flagged_by'])})" if m["flagged_by"] else "") + f" — {m['rationale']}")
    for c in score.clean_flagged:
        out.write(f"  clean flagged  {c['id']} by {', '.join(c['indicators'])}: {_describe(c['subject'])} — {c['rationale']}")
    if score.unresolved:
        out.write(command.style.WARNING(f"labels naming no subject in this database: {', '.join(score.unresolved)}"))


def _describe(subject: Mapping) -> str:
    kind = subject["type"]
    if kind == "payment":
        return f"payment {subject['document_number']!r} of {subject['paid_on']} by {subject['payer_bin']}"
    if kind == "agreement":
        return f"agreement {subject['agreement_number']!r} of {subject['payer_bin']}"
    if kind == "payer_year":
        return f"{subject['payer_bin']} in {subject['year']}"
    if kind == "project":
        return f"project {subject['project_code']!r} of {subject['performer_bin']}"
    if kind == "council_decision":
        return f"council decision of {subject['held_on']} ({subject['authority']}) on «{subject['programme_title_ru']}» of {subject['applicant_bin']}"
    return f"right {subject['right_number']} of {subject['payer_bin']}, {subject['year']}"
