"""Business operations of the registry; each writes the audit trail in its transaction."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.forms.models import model_to_dict

from niokr.core.audit import record_event
from niokr.registry.models import Affiliation, Organisation, OrganisationAttribute, SubsoilRight
from niokr.registry.models.organisation import normalise_oked

__all__ = ["register_organisation", "grant_attribute", "register_right", "record_affiliation"]


def _after(obj) -> dict:
    return {k: (v.pk if hasattr(v, "pk") else v) for k, v in model_to_dict(obj).items()}


@transaction.atomic
def register_organisation(*, bin: str, name_kk: str, name_ru: str, name_en: str, kind: str, region: str, registered_on: date, oked: str = "", actor=None) -> Organisation:
    """Register an organisation; the BIN's check digit and every field are validated first."""
    org = Organisation(bin=bin, name_kk=name_kk, name_ru=name_ru, name_en=name_en, kind=kind, region=region, registered_on=registered_on, oked=normalise_oked(oked))
    org.full_clean()
    org.save()
    record_event(action="create", object_type="registry.Organisation", object_id=org.pk, after=_after(org), actor=actor)
    return org


@transaction.atomic
def grant_attribute(*, organisation: Organisation, kind: str, valid_from: date, valid_to: date | None = None, number: str = "", evidence: str = "", issued_by: str = "", actor=None) -> OrganisationAttribute:
    """Record a time-bounded status (supplier, accreditation, Astana Hub, foreign permission)."""
    attr = OrganisationAttribute(organisation=organisation, kind=kind, valid_from=valid_from, valid_to=valid_to, number=number, evidence=evidence, issued_by=issued_by)
    attr.full_clean()
    attr.save()
    record_event(action="create", object_type="registry.OrganisationAttribute", object_id=attr.pk, after=_after(attr), actor=actor)
    return attr


@transaction.atomic
def register_right(*, number: str, holder: Organisation, mineral_group: str, right_type: str, region: str, signed_on: date, production_start: date | None = None, end_date: date | None = None, stability_clause: bool = False, stability_note: str = "", actor=None, **translations: str) -> SubsoilRight:
    """Register a contract or licence.

    ``translations``: ``field_name`` (Russian), ``field_name_kk``, ``field_name_en``,
    ``stability_note_kk``, ``stability_note_en`` (see ``registry.models.trilingual``).
    """
    unknown = set(translations) - {"field_name", "field_name_kk", "field_name_en", "stability_note_kk", "stability_note_en"}
    if unknown:
        raise TypeError(f"register_right: unknown arguments {sorted(unknown)}")
    right = SubsoilRight(
        number=number, holder=holder, mineral_group=mineral_group, right_type=right_type, region=region, signed_on=signed_on,
        production_start=production_start, end_date=end_date, stability_clause=stability_clause, stability_note=stability_note, **translations,
    )
    right.full_clean()
    right.save()
    record_event(action="create", object_type="registry.SubsoilRight", object_id=right.pk, after=_after(right), actor=actor)
    return right


@transaction.atomic
def record_affiliation(*, source: Organisation, target: Organisation, kind: str, valid_from: date, share=None, valid_to: date | None = None, note: str = "", actor=None) -> Affiliation:
    """Add an edge to the affiliation graph."""
    edge = Affiliation(source=source, target=target, kind=kind, share=share, valid_from=valid_from, valid_to=valid_to, note=note)
    edge.full_clean()
    edge.save()
    record_event(action="create", object_type="registry.Affiliation", object_id=edge.pk, after=_after(edge), actor=actor)
    return edge
