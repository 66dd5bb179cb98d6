"""Who the performer really is (NK-44 … NK-47): when each fires, when it stays quiet on a clean
look-alike, when it cannot tell, and what it tells the auditor in Kazakh, Russian and English."""

from __future__ import annotations

import json
import string
from datetime import date, timedelta
from itertools import count

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from niokr.control.indicators.base import STATUSES, Frames, evaluate, explain
from niokr.control.indicators.keys import key_of
from niokr.control.indicators.identity import INDICATORS, NK44, NK45, NK46, NK47, check_digit, form_expr, identifier_form
from niokr.core.bin import check_digit as core_check_digit

AS_OF = date(2026, 1, 1)
LANGS = ("kk", "ru", "en")
_serial = count(1)


def test_every_key_of_the_family_has_its_label():
    names = set()
    for indicator in INDICATORS:
        names |= {t.name for t in indicator.thresholds}
        names |= {f for _t, f, _s, _c in string.Formatter().parse(indicator.explanation["en"]) if f}
    assert sorted(n for n in names if key_of(n) is None) == []


def _number(head: str) -> str:
    """A valid 12-digit number beginning with ``head`` (a serial fills the rest, the check digit ends it)."""
    while True:
        first11 = head + f"{next(_serial):0{11 - len(head)}d}"
        k = check_digit(first11)
        if k is not None:
            return first11 + str(k)


def _bin(yymm: str, kind: str = "4", unit: str = "0") -> str:
    return _number(f"{yymm}{kind}{unit}")


def _iin(yymmdd: str, century: str = "3") -> str:
    return _number(f"{yymmdd}{century}")


def _texts(indicator, row: dict) -> dict[str, str]:
    return {lang: explain(indicator, row["evidence"], lang) for lang in LANGS}


def _status(out: pl.DataFrame) -> dict[int, tuple[str, str | None]]:
    return {r["subject_id"]: (r["status"], r["reason"]) for r in out.iter_rows(named=True)}


def _row(out: pl.DataFrame, subject_id: int) -> dict:
    rows = out.filter(pl.col("subject_id") == subject_id).to_dicts()
    assert len(rows) == 1, out
    return rows[0]


PAYER = 100
PAYER_BIN = _bin("1503")


def _payment(payment_id: int, performer_id: int, paid_on=date(2024, 6, 5), **more) -> dict:
    row = {"payment_id": payment_id, "agreement_id": 900 + payment_id, "payer_id": PAYER, "performer_id": performer_id, "paid_on": paid_on,
           "amount": 40_000_000_00, "document_number": f"ПП-2024-{payment_id:06d}", "purpose": "Оплата НИР по договору, этап 1"}
    row.update(more)
    return row


# -- the 12-digit numbers -------------------------------------------------------------------------------


def test_an_iin_and_a_bin_are_told_apart_by_the_fifth_digit():
    assert identifier_form("900101300007") == "individual"  # born 01.01.1990, male (DOMAIN's worked example)
    assert identifier_form("150340000109") == "legal_entity"  # registered 03.2015, resident, head unit
    assert identifier_form(_bin("1204", "5")) == "non_resident"
    assert identifier_form(_bin("1204", "6")) == "joint_entrepreneurship"
    assert identifier_form(_bin("1204", "6", "3")) == "peasant_farm"
    assert identifier_form("900101300008") == "invalid"  # the check digit is 7
    assert identifier_form("9001013000") == "malformed" and identifier_form(None) == "malformed" and identifier_form("９００１０１３０００07") == "malformed"
    assert identifier_form(_number("90133")) == "unreadable"  # month 13 is no date of birth
    assert identifier_form(_number("900101" + "0")) == "unreadable"  # century digit 0
    assert identifier_form(_number("12047")) == "unreadable"  # a fifth digit of 7 is neither


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789", min_size=11, max_size=11), st.integers(0, 9))
def test_the_check_digit_is_cores_and_the_polars_reading_is_the_pythons(first11, last):
    assert check_digit(first11) == core_check_digit(first11)
    k = check_digit(first11)
    numbers = [first11 + str(last)] + ([first11 + str(k)] if k is not None else [])
    read = pl.DataFrame({"n": numbers}).select(form_expr("n").alias("form"))["form"].to_list()
    assert read == [identifier_form(n) for n in numbers]


# -- NK-44 ------------------------------------------------------------------------------------------------

PERSON, SCIENTIST, JOINT, FARM, COMPANY, INSTITUTE, BAD_CHECK, SHORT, ODD = range(1, 10)
NK44_ORGS = [
    {"org_id": PAYER, "bin": PAYER_BIN, "kind": "subsoil_user", "name": "ТОО «Мұнай»"},
    {"org_id": PERSON, "bin": "900101300007", "kind": "company", "name": "ИП Ахметов"},
    {"org_id": SCIENTIST, "bin": _iin("780512", "4"), "kind": "company", "name": "Сейітова А. (учёный)"},
    {"org_id": JOINT, "bin": _bin("1911", "6"), "kind": "company", "name": "Совместное ИП"},
    {"org_id": FARM, "bin": _bin("1706", "6", "3"), "kind": "company", "name": "КХ «Береке»"},
    {"org_id": COMPANY, "bin": _bin("1102"), "kind": "company", "name": "ТОО «Зерттеу»"},
    {"org_id": INSTITUTE, "bin": _bin("9803"), "kind": "research_institute", "name": "НИИ"},
    {"org_id": BAD_CHECK, "bin": "900101300008", "kind": "company", "name": "Опечатка"},
    {"org_id": SHORT, "bin": "12345", "kind": "company", "name": "Короткий"},
    {"org_id": ODD, "bin": _number("12047"), "kind": "company", "name": "Странный"},
]
NK44_ATTRIBUTES = [{"org_id": SCIENTIST, "kind": "science_accreditation", "valid_from": date(2020, 1, 1), "valid_to": None}]


def _nk44(payments) -> pl.DataFrame:
    return evaluate(NK44, Frames.build(AS_OF, payments=payments, organisations=NK44_ORGS, attributes=NK44_ATTRIBUTES))


def test_nk44_flags_a_person_an_entrepreneur_and_a_peasant_farm_paid_as_performers():
    out = _nk44([_payment(1, PERSON), _payment(2, JOINT), _payment(3, FARM), _payment(4, SCIENTIST)])
    assert {k: v[0] for k, v in _status(out).items()} == {1: "flagged", 2: "flagged", 3: "flagged", 4: "flagged"}
    row = _row(out, 1)
    assert row["amount"] == 40_000_000_00 and row["payer_id"] == PAYER
    evidence = json.loads(row["evidence"])
    assert evidence["identifier_form"] == "individual" and evidence["accredited_on_date"] is False and evidence["performer_bin"] == "900101300007"
    texts = _texts(NK44, row)
    assert "an IIN — the number of a natural person" in texts["en"] and "₸40,000,000.00" in texts["en"] and "5 Jun 2024" in texts["en"]
    assert "ИИН — номер физического лица" in texts["ru"] and "ПП-2024-000001" in texts["ru"] and "ИП Ахметов" in texts["ru"]
    assert "ЖСН — жеке тұлғаның" in texts["kk"] and "05.06.2024" in texts["kk"]
    assert "joint individual entrepreneurship" in explain(NK44, _row(out, 2)["evidence"], "en")
    assert "шаруа (фермер) қожалығының" in explain(NK44, _row(out, 3)["evidence"], "kk")


def test_nk44_an_accredited_individual_scientist_is_still_a_person_and_the_evidence_says_so():
    row = _row(_nk44([_payment(4, SCIENTIST)]), 4)
    assert row["status"] == "flagged" and json.loads(row["evidence"])["accredited_on_date"] is True
    assert "science accreditation held on that date: yes" in explain(NK44, row["evidence"], "en")
    assert "аккредитация на эту дату: да" in explain(NK44, row["evidence"], "ru")


def test_nk44_legal_entities_are_clear_and_numbers_it_cannot_read_are_not_computable():
    out = _nk44([_payment(1, COMPANY), _payment(2, INSTITUTE), _payment(3, BAD_CHECK), _payment(4, SHORT), _payment(5, ODD), _payment(6, 404)])
    assert _status(out) == {
        1: ("clear", None), 2: ("clear", None), 3: ("not_computable", "identifier_check_digit"),
        4: ("not_computable", "identifier_malformed"), 5: ("not_computable", "identifier_unreadable"), 6: ("not_computable", "performer_unknown"),
    }


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from([PERSON, SCIENTIST, JOINT, FARM, COMPANY, INSTITUTE, BAD_CHECK, SHORT, ODD, 404]), max_size=20))
def test_nk44_one_row_per_payment_and_every_flag_explained(performers):
    out = _nk44([_payment(i + 1, p) for i, p in enumerate(performers)])
    assert sorted(out["subject_id"].to_list()) == list(range(1, len(performers) + 1))
    assert set(out["status"].to_list()) <= set(STATUSES)
    for row in out.filter(pl.col("status") == "flagged").iter_rows(named=True):
        assert all(_texts(NK44, row).values()) and row["amount"] == 40_000_000_00


# -- NK-45 ------------------------------------------------------------------------------------------------

(P_CHAIN, P_DIRECT, P_SMALL, P_TWO, P_PERMIT, P_PAST, P_NONE, P_LATER, P_ABROAD, P_TWICE, P_CYCLE, P_FOREIGN, P_PERSON, HOLD, HOLD2,
 GMBH, CYC_A) = range(11, 28)
NK45_ORGS = [
    {"org_id": PAYER, "bin": PAYER_BIN, "kind": "subsoil_user", "name": "ТОО «Мұнай»"},
    *[{"org_id": i, "bin": _bin("1205"), "kind": "company", "name": f"ТОО «Исполнитель {i}»"} for i in
      (P_CHAIN, P_DIRECT, P_SMALL, P_TWO, P_PERMIT, P_PAST, P_NONE, P_LATER, P_ABROAD, P_TWICE, P_CYCLE)],
    {"org_id": P_FOREIGN, "bin": _bin("1305", "5"), "kind": "foreign", "name": "Foreign Research GmbH"},
    {"org_id": P_PERSON, "bin": "900101300007", "kind": "company", "name": "ИП Ахметов"},
    {"org_id": HOLD, "bin": _bin("1011"), "kind": "company", "name": "ТОО «Холдинг»"},
    {"org_id": HOLD2, "bin": _bin("1012"), "kind": "company", "name": "ТОО «Холдинг-2»"},
    {"org_id": GMBH, "bin": _bin("0907", "5"), "kind": "foreign", "name": "Parent GmbH"},
    {"org_id": CYC_A, "bin": _bin("1104"), "kind": "company", "name": "ТОО «Круг»"},
]
BIN45 = {o["org_id"]: o["bin"] for o in NK45_ORGS}
SINCE = date(2020, 1, 1)
NK45_AFFILIATIONS = [
    {"source_id": HOLD, "target_id": P_CHAIN, "kind": "owner", "share": 100.0, "valid_from": SINCE, "valid_to": None},
    {"source_id": GMBH, "target_id": P_ABROAD, "kind": "owner", "share": 51.0, "valid_from": SINCE, "valid_to": None},
    {"source_id": HOLD2, "target_id": P_TWICE, "kind": "owner", "share": 100.0, "valid_from": SINCE, "valid_to": None},
    {"source_id": CYC_A, "target_id": P_CYCLE, "kind": "owner", "share": 100.0, "valid_from": SINCE, "valid_to": None},
    {"source_id": P_CYCLE, "target_id": CYC_A, "kind": "owner", "share": 100.0, "valid_from": SINCE, "valid_to": None},
    {"source_id": HOLD, "target_id": P_CHAIN, "kind": "common_director", "valid_from": SINCE, "valid_to": None},  # not ownership
]


def _owner(org_id, name, country, share, kind="natural_person", identifier="", valid_from=SINCE, valid_to=None) -> dict:
    return {"org_id": org_id, "owner_name": name, "owner_kind": kind, "identifier": identifier, "country": country, "share": share,
            "valid_from": valid_from, "valid_to": valid_to}


NK45_OWNERS = [
    _owner(HOLD, "John Smith", "GB", 60.0), _owner(HOLD, "Айгүл Сейітова", "KZ", 40.0, identifier="900101300007"),
    _owner(P_DIRECT, "Acme Holdings B.V.", "NL", 30.0, kind="legal_entity"), _owner(P_DIRECT, "Ерлан Ахметов", "KZ", 70.0, identifier=_iin("800202")),
    _owner(P_SMALL, "Hans Müller", "DE", 20.0), _owner(P_SMALL, "Ерлан Ахметов", "KZ", 80.0, identifier=_iin("800203")),
    _owner(P_TWO, "Hans Müller", "de", 15.0), _owner(P_TWO, "Jean Dupont", "FR", 15.0), _owner(P_TWO, "Ерлан Ахметов", "KZ", 70.0, identifier=_iin("800204")),
    _owner(P_PERMIT, "Acme Holdings B.V.", "NL", 80.0, kind="legal_entity"),
    _owner(P_PAST, "John Smith", "GB", 100.0, valid_to=date(2022, 12, 31)), _owner(P_PAST, "Ерлан Ахметов", "KZ", 100.0, identifier=_iin("800205"), valid_from=date(2023, 1, 1)),
    _owner(P_LATER, "Ерлан Ахметов", "KZ", 100.0, identifier=_iin("800206"), valid_from=date(2025, 1, 1)),
    _owner(P_TWICE, "ТОО «Холдинг-2»", "KZ", 100.0, kind="legal_entity", identifier=BIN45[HOLD2]),  # the same link as the affiliation
    _owner(HOLD2, "Maria Rossi", "IT", 40.0), _owner(HOLD2, "Ерлан Ахметов", "KZ", None, identifier=_iin("800207")),
]
NK45_ATTRIBUTES = [
    {"org_id": P_PERMIT, "kind": "foreign_permission", "valid_from": date(2024, 1, 1), "valid_to": date(2024, 12, 31)},
]


def _nk45(payments, owners=NK45_OWNERS, affiliations=NK45_AFFILIATIONS, **overrides) -> pl.DataFrame:
    frames = Frames.build(AS_OF, payments=payments, organisations=NK45_ORGS, attributes=NK45_ATTRIBUTES, affiliations=affiliations, beneficial_owners=owners)
    return evaluate(NK45, frames, overrides)


def test_nk45_looks_through_a_kazakh_holding_to_its_foreign_owner_on_the_payment_date():
    row = _row(_nk45([_payment(1, P_CHAIN)]), 1)
    assert row["status"] == "flagged" and row["amount"] == 40_000_000_00
    evidence = json.loads(row["evidence"])
    assert evidence["foreign_share_pct"] == 60.0 and evidence["foreign_owners"] == "John Smith (GB)" and evidence["min_foreign_share"] == 25.0
    texts = _texts(NK45, row)
    assert "60.0\u00a0% of performer ТОО «Исполнитель 11»" in texts["en"]
    assert f"ТОО «Холдинг» (BIN {BIN45[HOLD]}) owns 100\u00a0% of ТОО «Исполнитель 11» (BIN {BIN45[P_CHAIN]}); John Smith (GB) owns 60\u00a0% of ТОО «Холдинг»" in texts["en"]
    assert "иностранным владельцам (John Smith (GB))" in texts["ru"] and "владеет долей 100\u00a0% в ТОО «Исполнитель 11»" in texts["ru"]
    assert "шетелдік иелерге (John Smith (GB))" in texts["kk"] and "60,0\u00a0%" in texts["kk"]


def test_nk45_a_foreign_legal_owner_a_company_registered_abroad_and_small_stakes_added_up():
    out = _nk45([_payment(1, P_DIRECT), _payment(2, P_ABROAD), _payment(3, P_TWO), _payment(4, P_SMALL)])
    assert {k: v[0] for k, v in _status(out).items()} == {1: "flagged", 2: "flagged", 3: "flagged", 4: "clear"}
    assert json.loads(_row(out, 1)["evidence"])["foreign_owners"] == "Acme Holdings B.V. (NL)"
    abroad = json.loads(_row(out, 2)["evidence"])
    assert abroad["foreign_share_pct"] == 51.0 and abroad["foreign_owners"] == BIN45[GMBH]
    assert "Parent GmbH (BIN" in explain(NK45, _row(out, 2)["evidence"], "en") and "registered abroad" in explain(NK45, _row(out, 2)["evidence"], "en")
    two = json.loads(_row(out, 3)["evidence"])
    assert two["foreign_share_pct"] == 30.0 and set(two["foreign_owners"].split("; ")) == {"Hans Müller (DE)", "Jean Dupont (FR)"}


def test_nk45_one_link_recorded_twice_counts_once():
    evidence = json.loads(_row(_nk45([_payment(1, P_TWICE)]), 1)["evidence"])
    assert evidence["foreign_share_pct"] == 40.0 and evidence["foreign_owners"] == "Maria Rossi (IT)"


def test_nk45_clean_look_alikes_a_permitted_performer_an_owner_that_left_and_the_threshold():
    out = _nk45([_payment(1, P_PERMIT), _payment(2, P_PERMIT, paid_on=date(2025, 3, 3)), _payment(3, P_PAST), _payment(4, P_PAST, paid_on=date(2022, 6, 1))])
    assert {k: v[0] for k, v in _status(out).items()} == {1: "clear", 2: "flagged", 3: "clear", 4: "flagged"}
    assert _status(_nk45([_payment(1, P_CHAIN)], min_foreign_share=61.0))[1] == ("clear", None)


def test_nk45_scope_and_what_it_cannot_tell():
    out = _nk45([_payment(1, P_NONE), _payment(2, P_LATER), _payment(3, 404), _payment(4, P_CHAIN, paid_on=None), _payment(5, P_FOREIGN), _payment(6, P_PERSON), _payment(7, P_CYCLE)])
    assert _status(out) == {
        1: ("not_computable", "no_owner_record"), 2: ("not_computable", "no_owner_on_date"), 3: ("not_computable", "performer_unknown"),
        4: ("not_computable", "no_payment_date"), 7: ("clear", None),  # a cycle of owners ends; foreign performers and persons are NK-01's and NK-44's
    }


def test_nk45_a_chain_longer_than_the_levels_looked_through_is_not_seen():
    assert _status(_nk45([_payment(1, P_CHAIN)], max_levels=1))[1] == ("clear", None)


def test_nk45_without_the_beneficial_owners_frame_nothing_is_computable():
    frames = Frames.build(AS_OF, payments=[_payment(1, P_CHAIN)], organisations=NK45_ORGS, attributes=NK45_ATTRIBUTES, affiliations=NK45_AFFILIATIONS)
    out = evaluate(NK45, frames)
    assert out["reason"].to_list() == ["frame_missing:beneficial_owners"]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from([P_CHAIN, P_DIRECT, P_SMALL, P_TWO, HOLD, HOLD2, CYC_A, P_CYCLE]), st.sampled_from(["KZ", "GB", "DE", ""]),
                       st.one_of(st.none(), st.floats(1, 100)), st.dates(date(2015, 1, 1), date(2026, 1, 1))), max_size=12),
    st.lists(st.tuples(st.sampled_from([P_CHAIN, P_DIRECT, P_SMALL, P_TWO, P_CYCLE]), st.dates(date(2015, 1, 1), date(2026, 1, 1))), min_size=1, max_size=10),
)
def test_nk45_every_payment_judged_once_and_no_foreign_share_above_a_whole(owners, payments):
    rows = [_owner(org, f"Owner {i}", country, share, identifier="" if country != "KZ" else _iin("800101"), valid_from=since) for i, (org, country, share, since) in enumerate(owners)]
    out = _nk45([_payment(i + 1, p, paid_on=d) for i, (p, d) in enumerate(payments)], owners=rows)
    assert sorted(out["subject_id"].to_list()) == list(range(1, len(payments) + 1))
    for row in out.filter(pl.col("status") == "flagged").iter_rows(named=True):
        assert 25.0 <= json.loads(row["evidence"])["foreign_share_pct"] <= 100.0
        assert all(_texts(NK45, row).values())


# -- NK-46 ------------------------------------------------------------------------------------------------

NEWCO, ACCREDITED_NEWCO, LATE_ACCREDITED, RECORD_NEWCO, PIECES, REREGISTERED, OLD_CO, PROJECT_CO, NO_DATE = range(31, 40)
NK46_ORGS = [
    {"org_id": PAYER, "bin": PAYER_BIN, "kind": "subsoil_user", "registered_on": date(2015, 3, 2), "name": "ТОО «Мұнай»"},
    *[{"org_id": i, "bin": _bin("2301"), "kind": "company", "registered_on": date(2023, 1, 10), "name": f"ТОО «Новый {i}»"} for i in
      (NEWCO, ACCREDITED_NEWCO, LATE_ACCREDITED, RECORD_NEWCO, PIECES, PROJECT_CO)],
    {"org_id": REREGISTERED, "bin": _bin("9803"), "kind": "research_institute", "registered_on": date(2023, 2, 1), "name": "НИИ «Старый»"},
    {"org_id": OLD_CO, "bin": _bin("1003"), "kind": "company", "registered_on": date(2010, 3, 15), "name": "ТОО «Давний»"},
    {"org_id": NO_DATE, "bin": "12345", "kind": "company", "registered_on": None, "name": "ТОО «Без даты»"},
]
NK46_ATTRIBUTES = [
    {"org_id": ACCREDITED_NEWCO, "kind": "science_accreditation", "valid_from": date(2023, 6, 1), "valid_to": date(2024, 1, 31)},  # lapsed, yet held
    {"org_id": LATE_ACCREDITED, "kind": "science_accreditation", "valid_from": date(2024, 9, 1), "valid_to": None},
]
SIGNED = date(2024, 6, 3)


def _agreement(agreement_id: int, performer_id: int, signed_on=SIGNED, amount=100_000_000_00, payer_id=PAYER, **more) -> dict:
    row = {"agreement_id": agreement_id, "payer_id": payer_id, "performer_id": performer_id, "number": f"НИР-{agreement_id}", "signed_on": signed_on,
           "period_start": signed_on, "period_end": date(2025, 12, 31), "amount": amount, "subject": "Разработка технологии очистки попутного газа"}
    row.update(more)
    return row


def _nk46(agreements, projects=None, **overrides) -> pl.DataFrame:
    frames = Frames.build(AS_OF, agreements=agreements, organisations=NK46_ORGS, attributes=NK46_ATTRIBUTES, projects=projects)
    return evaluate(NK46, frames, overrides)


def test_nk46_a_young_never_accredited_company_with_no_earlier_work_and_a_large_agreement():
    out = _nk46([_agreement(1, NEWCO), _agreement(2, LATE_ACCREDITED)])
    assert {k: v[0] for k, v in _status(out).items()} == {1: "flagged", 2: "flagged"}  # an accreditation after the signing is no history
    row = _row(out, 1)
    evidence = json.loads(row["evidence"])
    assert row["amount"] == 100_000_000_00 and evidence["age_days"] == 510 and evidence["registered_on"] == "10.01.2023" and evidence["age_basis"] == "registry"
    assert evidence["record_cutoff"] == "06.12.2023"
    texts = _texts(NK46, row)
    assert "registered 510 days before it (10 Jan 2023, counted from its registration date in the registry; limit 1,095 days)" in texts["en"]
    assert "no agreement or project as performer before 6 Dec 2023" in texts["en"] and "₸100,000,000.00" in texts["en"]
    assert "никогда не имел научной аккредитации" in texts["ru"] and "ТОО «Новый 31»" in texts["ru"]
    assert "ешқашан ғылыми аккредиттеуі болмаған" in texts["kk"] and "06.12.2023" in texts["kk"]


def test_nk46_pieces_of_the_same_job_are_no_track_record():
    out = _nk46([_agreement(1, PIECES), _agreement(2, PIECES, signed_on=SIGNED - timedelta(days=30), amount=10_000_000_00)])
    assert _status(out) == {1: ("flagged", None), 2: ("clear", None)}


def test_nk46_clean_look_alikes():
    out = _nk46(
        [
            _agreement(1, ACCREDITED_NEWCO),  # held an accreditation before the signing, even if it lapsed
            _agreement(2, RECORD_NEWCO), _agreement(3, RECORD_NEWCO, signed_on=date(2023, 5, 2), amount=5_000_000_00, payer_id=77),  # earlier work
            _agreement(4, REREGISTERED),  # an old institute with a new registry date: its BIN was issued in 1998
            _agreement(5, OLD_CO),  # established, if never accredited: NK-46 wants a young performer
            _agreement(6, NEWCO, amount=20_000_000_00),  # small
            _agreement(7, PROJECT_CO),  # a project of its own begun long before
        ],
        projects=[{"project_id": 1, "performer_id": PROJECT_CO, "start_date": date(2023, 3, 1), "end_date": date(2024, 3, 1)}],
    )
    assert {k: v[0] for k, v in _status(out).items()} == {1: "clear", 2: "clear", 3: "clear", 4: "clear", 5: "clear", 6: "clear", 7: "clear"}
    assert _status(_nk46([_agreement(4, REREGISTERED)], max_age_days=100_000))[4] == ("flagged", None)
    reread = json.loads(_row(_nk46([_agreement(4, REREGISTERED)], max_age_days=100_000), 4)["evidence"])
    assert reread["age_basis"] == "bin" and reread["registered_on"] == "01.03.1998"
    assert "the month its BIN was issued" in explain(NK46, _row(_nk46([_agreement(4, REREGISTERED)], max_age_days=100_000), 4)["evidence"], "en")


def test_nk46_the_thresholds_move_the_line():
    assert _status(_nk46([_agreement(6, NEWCO, amount=20_000_000_00)], min_amount_tiyn=10_000_000_00))[6] == ("flagged", None)
    assert _status(_nk46([_agreement(1, NEWCO)], max_age_days=365))[1] == ("clear", None)
    piece = [_agreement(1, PIECES), _agreement(2, PIECES, signed_on=SIGNED - timedelta(days=30), amount=10_000_000_00)]
    assert _status(_nk46(piece, min_record_days=20))[1] == ("clear", None)


def test_nk46_what_it_cannot_tell():
    out = _nk46([_agreement(1, NEWCO, signed_on=None), _agreement(2, NEWCO, amount=None), _agreement(3, 404), _agreement(4, NO_DATE), _agreement(5, NO_DATE, amount=1_00)])
    assert _status(out) == {
        1: ("not_computable", "no_signing_date"), 2: ("not_computable", "no_amount"), 3: ("not_computable", "performer_unknown"),
        4: ("not_computable", "no_registration_date"), 5: ("clear", None),  # a small agreement is judged without the date
    }


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([NEWCO, ACCREDITED_NEWCO, RECORD_NEWCO, PIECES, REREGISTERED, OLD_CO, NO_DATE, 404]),
                          st.dates(date(2022, 1, 1), date(2025, 12, 31)), st.integers(0, 300_000_000_00)), max_size=15))
def test_nk46_one_row_per_agreement_and_a_flag_needs_every_sign(rows):
    out = _nk46([_agreement(i + 1, p, signed_on=d, amount=a) for i, (p, d, a) in enumerate(rows)])
    assert sorted(out["subject_id"].to_list()) == list(range(1, len(rows) + 1))
    for row in out.filter(pl.col("status") == "flagged").iter_rows(named=True):
        evidence = json.loads(row["evidence"])
        assert evidence["amount_tiyn"] >= 50_000_000_00 and evidence["age_days"] < 1095
        assert all(_texts(NK46, row).values())


# -- NK-47 ------------------------------------------------------------------------------------------------

SHELL, LEAD, INSTITUTE_PASS, SLOW, AGGREGATOR, UNCODED, KEEPER, REAL, PARTNER, POOL, OTHER_PAYER = range(41, 52)
NK47_ORGS = [
    {"org_id": PAYER, "bin": PAYER_BIN, "kind": "subsoil_user", "oked": "06.10", "name": "ТОО «Мұнай»"},
    {"org_id": OTHER_PAYER, "bin": _bin("1601"), "kind": "subsoil_user", "oked": "06.10", "name": "ТОО «Другой»"},
    {"org_id": SHELL, "bin": _bin("2107"), "kind": "company", "oked": "70.22", "name": "ТОО «Консалт Групп»"},
    {"org_id": LEAD, "bin": _bin("9905"), "kind": "university", "oked": "85.42", "name": "Университет (лидер консорциума)"},
    {"org_id": INSTITUTE_PASS, "bin": _bin("0502"), "kind": "company", "oked": "72.19", "name": "ТОО «Инженерный центр»"},
    {"org_id": SLOW, "bin": _bin("1902"), "kind": "company", "oked": "46.90", "name": "ТОО «Медленный»"},
    {"org_id": AGGREGATOR, "bin": _bin("0210"), "kind": "aggregator", "oked": "72.19", "name": "Агрегатор"},
    {"org_id": UNCODED, "bin": _bin("2003"), "kind": "company", "oked": "", "name": "ТОО «Без кода»"},
    {"org_id": KEEPER, "bin": _bin("2004"), "kind": "company", "oked": "70.22", "name": "ТОО «Сам делает»"},
    {"org_id": REAL, "bin": _bin("9512"), "kind": "research_institute", "oked": "72.19", "name": "НИИ «Настоящий»"},
    {"org_id": PARTNER, "bin": _bin("0106"), "kind": "research_institute", "oked": "72.19", "name": "НИИ «Партнёр»"},
    {"org_id": POOL, "bin": _bin("2201"), "kind": "company", "oked": "68.20", "name": "ТОО «Пул»"},
]
BIN47 = {o["org_id"]: o["bin"] for o in NK47_ORGS}
NK47_ATTRIBUTES = [{"org_id": LEAD, "kind": "science_accreditation", "valid_from": date(2015, 1, 1), "valid_to": None}]
IN_ON = date(2024, 3, 1)


def _nk47(agreements, **overrides) -> pl.DataFrame:
    return evaluate(NK47, Frames.build(AS_OF, agreements=agreements, organisations=NK47_ORGS, attributes=NK47_ATTRIBUTES), overrides)


def _pair(first_id: int, middle: int, passed: int, after_days: int = 19, to=REAL, amount=100_000_000_00, signed_on=IN_ON) -> list[dict]:
    """An agreement of the payer with ``middle``, and ``middle``'s onward agreement passing ``passed`` tiyn to ``to``."""
    return [_agreement(first_id, middle, signed_on=signed_on, amount=amount),
            _agreement(first_id + 1, to, signed_on=signed_on + timedelta(days=after_days), amount=passed, payer_id=middle, number=f"СУБ-{first_id}")]


def test_nk47_a_consultancy_passing_nearly_everything_to_an_institute_within_weeks():
    out = _nk47(_pair(1, SHELL, 95_000_000_00))
    assert _status(out) == {1: ("flagged", None), 2: ("clear", None)}
    row = _row(out, 1)
    evidence = json.loads(row["evidence"])
    assert row["amount"] == 100_000_000_00 and evidence["onward_pct"] == 95.0 and evidence["retained_tiyn"] == 5_000_000_00
    assert evidence["onward_bins"] == [BIN47[REAL]] and evidence["onward_numbers"] == ["СУБ-1"] and evidence["oked"] == "70.22"
    texts = _texts(NK47, row)
    assert "passed ₸95,000,000.00 on under onward agreements (1: СУБ-1) to НИИ «Настоящий»" in texts["en"] and "it kept ₸5,000,000.00" in texts["en"]
    assert "OKED 70.22 is M — professional, scientific and technical activities" in texts["en"]
    assert "ОКЭД 70.22 — M — профессиональная" in texts["ru"] and "ТОО «Консалт Групп»" in texts["ru"]
    assert "ЭҚЖЖ 70.22 — M — кәсіби" in texts["kk"] and "01.03.2024" in texts["kk"]


def test_nk47_money_pooled_from_two_payers_and_passed_on_together():
    agreements = [
        _agreement(1, POOL, signed_on=IN_ON, amount=50_000_000_00), _agreement(2, POOL, signed_on=IN_ON + timedelta(days=10), amount=50_000_000_00, payer_id=OTHER_PAYER),
        _agreement(3, REAL, signed_on=IN_ON + timedelta(days=40), amount=95_000_000_00, payer_id=POOL),
    ]
    out = _nk47(agreements)
    assert {k: v[0] for k, v in _status(out).items()} == {1: "flagged", 2: "flagged", 3: "clear"}
    assert _row(out, 2)["payer_id"] == OTHER_PAYER and json.loads(_row(out, 2)["evidence"])["incoming_tiyn"] == 100_000_000_00


def test_nk47_clean_look_alikes():
    agreements = [
        *_pair(1, LEAD, 60_000_000_00, to=PARTNER),  # a consortium lead passing its partners' documented share
        *_pair(3, INSTITUTE_PASS, 95_000_000_00),  # an engineering centre subcontracting: its own activity is research
        *_pair(5, SLOW, 95_000_000_00, after_days=200),  # passed on, but not quickly
        *_pair(7, AGGREGATOR, 95_000_000_00),  # an aggregator is NK-17's
        *_pair(9, KEEPER, 30_000_000_00),  # keeps most of the work
    ]
    out = _nk47(agreements)
    assert {k: v[0] for k, v in _status(out).items() if k in (1, 3, 5, 9)} == {1: "clear", 3: "clear", 5: "clear", 9: "clear"}
    assert 7 not in _status(out)
    assert _status(_nk47(_pair(5, SLOW, 95_000_000_00, after_days=200), window_days=365))[5] == ("flagged", None)
    assert _status(_nk47(_pair(9, KEEPER, 30_000_000_00), min_pass_share=0.3))[9] == ("flagged", None)
    assert _status(_nk47(_pair(3, INSTITUTE_PASS, 95_000_000_00), research_divisions="85"))[3] == ("flagged", None)


def test_nk47_what_it_cannot_tell():
    out = _nk47([*_pair(1, UNCODED, 95_000_000_00), *_pair(3, UNCODED, 10_000_000_00, signed_on=date(2025, 3, 1)), _agreement(5, 404), _agreement(6, SHELL, signed_on=None), _agreement(7, SHELL, amount=None, signed_on=date(2020, 1, 1))])
    assert _status(out) == {
        1: ("not_computable", "no_activity_code"), 2: ("clear", None), 3: ("clear", None), 4: ("clear", None),  # uncoded but keeping the work: judged
        5: ("not_computable", "performer_unknown"), 6: ("not_computable", "no_signing_date"), 7: ("not_computable", "no_amount"),
    }


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([PAYER, OTHER_PAYER, SHELL, POOL, LEAD, UNCODED]), st.sampled_from([SHELL, POOL, LEAD, REAL, UNCODED, AGGREGATOR]),
                          st.dates(date(2024, 1, 1), date(2024, 12, 31)), st.integers(1, 200_000_000_00)), max_size=15))
def test_nk47_one_row_per_agreement_in_scope_and_every_flag_passes_the_threshold(rows):
    agreements = [_agreement(i + 1, performer, signed_on=d, amount=a, payer_id=payer) for i, (payer, performer, d, a) in enumerate(rows)]
    out = _nk47(agreements)
    in_scope = [a["agreement_id"] for a in agreements if a["performer_id"] != AGGREGATOR]
    assert sorted(out["subject_id"].to_list()) == in_scope
    for row in out.filter(pl.col("status") == "flagged").iter_rows(named=True):
        evidence = json.loads(row["evidence"])
        assert evidence["onward_tiyn"] >= 0.9 * evidence["incoming_tiyn"] > 0
        assert all(_texts(NK47, row).values())


def test_the_family_is_four_indicators_with_their_truth_codes():
    assert [(i.code, i.subject_type, i.truth_codes) for i in INDICATORS] == [
        ("NK-44", "payment", ("natural_person_performer",)), ("NK-45", "payment", ("foreign_beneficial_owner",)),
        ("NK-46", "agreement", ("performer_without_track_record",)), ("NK-47", "agreement", ("shell_intermediary",)),
    ]
    for indicator in INDICATORS:
        assert 1 <= indicator.weight <= 100 and indicator.version == 1
        for part in ("title", "rationale", "legal_basis", "explanation"):
            assert set(getattr(indicator, part)) == set(LANGS)


@pytest.mark.parametrize("indicator", INDICATORS, ids=lambda i: i.code)
def test_a_missing_frame_makes_the_whole_scope_not_computable(indicator):
    out = evaluate(indicator, Frames.build(AS_OF, organisations=NK44_ORGS))
    assert out["status"].to_list() == ["not_computable"] and out["reason"][0].startswith("frame_missing:")


def test_an_accredited_university_with_many_payers_is_neither_without_track_record_nor_a_shell():
    university = {"org_id": 60, "bin": _bin("2305"), "kind": "university", "oked": "85.42", "registered_on": date(2023, 5, 2), "name": "Университет (новый БИН)"}
    accreditation = {"org_id": 60, "kind": "science_accreditation", "valid_from": date(2023, 6, 1), "valid_to": None}
    payers = [{"org_id": 70 + i, "bin": _bin("1601"), "kind": "subsoil_user", "oked": "06.10", "name": f"Недропользователь {i}"} for i in range(6)]
    agreements = [_agreement(i + 1, 60, signed_on=date(2024, 4, 1) + timedelta(days=i), amount=80_000_000_00, payer_id=70 + i) for i in range(6)]
    agreements += [_agreement(10 + i, REAL, signed_on=date(2024, 4, 20), amount=75_000_000_00, payer_id=60) for i in range(6)]  # passed to partners
    frames = Frames.build(AS_OF, agreements=agreements, organisations=[*NK47_ORGS, university, *payers], attributes=[*NK47_ATTRIBUTES, accreditation])
    for indicator in (NK46, NK47):
        out = evaluate(indicator, frames).filter(pl.col("subject_id") <= 6)
        assert out["status"].to_list() == ["clear"] * 6, (indicator.code, out)
    frames = Frames.build(AS_OF, agreements=agreements, organisations=[*NK47_ORGS, {**university, "kind": "company", "oked": "70.22"}, *payers], attributes=NK47_ATTRIBUTES)
    assert evaluate(NK47, frames).filter(pl.col("subject_id") <= 6)["status"].to_list() == ["flagged"] * 6  # the same money through a consultancy


def frames_that_fire() -> dict[str, Frames]:
    """Frames on which NK-44 … NK-47 fire (for the catalogue-wide reading test)."""
    return {
        "NK-44": Frames.build(AS_OF, payments=[_payment(1, PERSON)], organisations=NK44_ORGS, attributes=NK44_ATTRIBUTES),
        "NK-45": Frames.build(AS_OF, payments=[_payment(1, P_CHAIN)], organisations=NK45_ORGS, attributes=NK45_ATTRIBUTES, affiliations=NK45_AFFILIATIONS, beneficial_owners=NK45_OWNERS),
        "NK-46": Frames.build(AS_OF, agreements=[_agreement(1, NEWCO)], organisations=NK46_ORGS, attributes=NK46_ATTRIBUTES),
        "NK-47": Frames.build(AS_OF, agreements=_pair(1, SHELL, 95_000_000_00), organisations=NK47_ORGS, attributes=NK47_ATTRIBUTES),
    }
