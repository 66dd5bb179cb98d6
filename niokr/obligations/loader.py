"""Loading registry data, affiliations and base figures from a JSON document (docs/formats/registry.md).

All or nothing: the whole document is loaded in one transaction through the services; the first
problem rolls everything back and is reported with the path of the field and its value.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction

from niokr.core.money import MoneyError, parse_money
from niokr.obligations import services as obligation_services
from niokr.registry import services as registry_services
from niokr.registry.models import Organisation, SubsoilRight

__all__ = ["LoadError", "load_registry", "LoadSummary"]


class LoadError(ValueError):
    """A problem in the document: ``field`` is its path, ``value`` the offending value."""

    def __init__(self, field_name: str, value, message: str):
        super().__init__(f"{field_name}: {message} (got {value!r})")
        self.field = field_name
        self.value = value
        self.message = message


@dataclass
class LoadSummary:
    organisations: int = 0
    attributes: int = 0
    affiliations: int = 0
    rights: int = 0
    assignments: int = 0
    bases: int = 0


def _date(value, path):
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise LoadError(path, value, "not a date in the form YYYY-MM-DD") from None


def _texts(item: dict, path: str, name: str) -> tuple[dict, dict]:
    """A text in three languages: ``<name>`` or ``<name>_ru`` (Russian; a document written before the
    translations gives ``<name>`` only), ``<name>_kk``, ``<name>_en``. Returns the model's arguments
    (the Russian one is ``<name>``) and the aliases naming the document's keys in errors."""
    values = {}
    for key in (name, f"{name}_ru", f"{name}_kk", f"{name}_en"):
        value = item.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise LoadError(f"{path}.{key}", value, "must be a string")
        values[key] = value.strip()
    if name in values and f"{name}_ru" in values and values[name] != values[f"{name}_ru"]:
        raise LoadError(f"{path}.{name}_ru", values[f"{name}_ru"], f"differs from {name}: give the Russian text once")
    russian = values.get(f"{name}_ru", values.get(name, ""))
    arguments = {f"{name}_kk": values.get(f"{name}_kk", ""), f"{name}_en": values.get(f"{name}_en", "")}
    aliases = {name: f"{name}_ru"} if f"{name}_ru" in values else {}
    return {name: russian, **arguments}, aliases


def _first_message(exc: ValidationError) -> tuple[str, str]:
    if hasattr(exc, "error_dict"):
        field, errors = next(iter(exc.error_dict.items()))
        return field, "; ".join(m for e in errors for m in e.messages)
    return "", "; ".join(exc.messages)


def _guard(path: str, item: dict, call, aliases: dict | None = None):
    """Run ``call``; a ``ValidationError`` becomes a ``LoadError`` at the document's own field name."""
    try:
        return call()
    except ValidationError as exc:
        field, message = _first_message(exc)
        field = (aliases or {}).get(field, field)
        sub = f"{path}.{field}" if field and field != "__all__" else path
        raise LoadError(sub, item.get(field) if field in item else item, message) from None


def load_registry(document: dict, *, actor=None, dry_run: bool = False) -> LoadSummary:
    """Load organisations, rights with regime assignments, and base figures. All or nothing."""
    if not isinstance(document, dict):
        raise LoadError("document", document, "must be a JSON object")
    unknown = set(document) - {"organisations", "affiliations", "rights", "bases"}
    if unknown:
        key = sorted(unknown)[0]
        raise LoadError(key, document[key], "unknown section (allowed: organisations, affiliations, rights, bases)")
    summary = LoadSummary()
    with transaction.atomic():
        by_bin: dict[str, Organisation] = {}
        for i, item in enumerate(document.get("organisations", [])):
            path = f"organisations[{i}]"
            org = _guard(
                path,
                item,
                lambda item=item, path=path: registry_services.register_organisation(
                    bin=str(item.get("bin", "")), name_kk=item.get("name_kk", ""), name_ru=item.get("name_ru", ""), name_en=item.get("name_en", ""),
                    kind=item.get("kind", ""), region=item.get("region", ""), registered_on=_date(item.get("registered_on"), f"{path}.registered_on"),
                    oked=item.get("oked") or "", actor=actor,
                ),
            )
            by_bin[org.bin] = org
            summary.organisations += 1
            for j, attr in enumerate(item.get("attributes", [])):
                apath = f"{path}.attributes[{j}]"
                _guard(apath, attr, lambda attr=attr, apath=apath, org=org: registry_services.grant_attribute(
                    organisation=org, kind=attr.get("kind", ""), valid_from=_date(attr.get("valid_from"), f"{apath}.valid_from"),
                    valid_to=_date(attr.get("valid_to"), f"{apath}.valid_to"), number=attr.get("number", ""), evidence=attr.get("evidence", ""), actor=actor,
                ))
                summary.attributes += 1
        for i, item in enumerate(document.get("affiliations", [])):
            _load_affiliation(item, f"affiliations[{i}]", by_bin, actor)
            summary.affiliations += 1
        rights = {}
        for i, item in enumerate(document.get("rights", [])):
            path = f"rights[{i}]"
            holder_bin = str(item.get("holder_bin", ""))
            holder = by_bin.get(holder_bin) or Organisation.objects.filter(bin=holder_bin).first()
            if holder is None:
                raise LoadError(f"{path}.holder_bin", holder_bin, "no organisation with this BIN in the registry or the document")
            field_names, field_aliases = _texts(item, path, "field_name")
            notes, note_aliases = _texts(item, path, "stability_note")
            right = _guard(path, item, lambda item=item, path=path, holder=holder, texts={**field_names, **notes}: registry_services.register_right(
                number=item.get("number", ""), holder=holder, mineral_group=item.get("mineral_group", ""), right_type=item.get("right_type", ""),
                region=item.get("region", ""), signed_on=_date(item.get("signed_on"), f"{path}.signed_on"),
                production_start=_date(item.get("production_start"), f"{path}.production_start"), end_date=_date(item.get("end_date"), f"{path}.end_date"),
                stability_clause=bool(item.get("stability_clause", False)), actor=actor, **texts,
            ), aliases={**field_aliases, **note_aliases})
            rights[right.number] = right
            summary.rights += 1
            for j, spec in enumerate(item.get("regimes", [])):
                rpath = f"{path}.regimes[{j}]"
                reasons, reason_aliases = _texts(spec, rpath, "legal_reason")
                _guard(rpath, spec, lambda spec=spec, rpath=rpath, right=right, reasons=reasons: obligation_services.assign_regime(
                    right=right, regime_code=spec.get("code", ""), valid_from=_date(spec.get("from"), f"{rpath}.from"), actor=actor, **reasons,
                ), aliases={"valid_from": "from", "regime_code": "code", **reason_aliases})
                summary.assignments += 1
        for i, item in enumerate(document.get("bases", [])):
            path = f"bases[{i}]"
            right = rights.get(item.get("right"))
            if right is None:
                right = SubsoilRight.objects.filter(number=item.get("right")).first()
                if right is None:
                    raise LoadError(f"{path}.right", item.get("right"), "no right with this number")
            try:
                amount: Decimal = parse_money(item.get("amount"), allow_negative=True)
            except MoneyError as exc:
                raise LoadError(f"{path}.amount", item.get("amount"), str(exc)) from None
            if amount < 0:
                raise LoadError(f"{path}.amount", item.get("amount"), "a base figure cannot be negative")
            year = item.get("year")
            if isinstance(year, bool) or not isinstance(year, int):
                raise LoadError(f"{path}.year", year, "a year is an integer")
            documents, document_aliases = _texts(item, path, "document")
            _guard(path, item, lambda item=item, right=right, amount=amount, year=year, documents=documents: obligation_services.record_base_figure(
                right=right, year=year, base_type=item.get("base_type", ""), amount=amount, source=item.get("source", "report"),
                status=item.get("status", "accepted"), actor=actor, **documents,
            ), aliases=document_aliases)
            summary.bases += 1
        if dry_run:
            transaction.set_rollback(True)
    return summary


def _load_affiliation(item: dict, path: str, by_bin: dict, actor) -> None:
    """One edge of the affiliation graph: both ends by BIN, in the document or already registered."""
    ends = {}
    for end in ("source_bin", "target_bin"):
        value = str(item.get(end, ""))
        found = by_bin.get(value) or Organisation.objects.filter(bin=value).first()
        if found is None:
            raise LoadError(f"{path}.{end}", value, "no organisation with this BIN in the registry or the document")
        ends[end] = found
    share = item.get("share")
    if share is not None:
        try:
            share = Decimal(str(share))
        except InvalidOperation:
            raise LoadError(f"{path}.share", share, 'a share is a number of per cent, e.g. "51" or "12.5"') from None
    valid_from = _date(item.get("valid_from"), f"{path}.valid_from")
    valid_to = _date(item.get("valid_to"), f"{path}.valid_to")
    _guard(path, item, lambda: registry_services.record_affiliation(
        source=ends["source_bin"], target=ends["target_bin"], kind=item.get("kind", ""), share=share,
        valid_from=valid_from, valid_to=valid_to, note=item.get("note", ""), actor=actor,
    ))
