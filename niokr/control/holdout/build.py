"""Builds the hand-labelled evaluation set of the control indicators (docs/control.md, "The hand-labelled evaluation set").

Run ``python niokr/control/holdout/build.py`` to rewrite ``registry.json``, ``manifest.json``,
``labels.json`` and ``reports/`` beside this file from the cases written below. The cases were written
from the documentation (what each indicator is meant to catch, the registry and intake formats, the
law), not from the indicators' code or the synthetic generator, and in the forms accountants and
schemers actually use: document numbers written two ways, purposes in words no list holds, ownership
chains several levels deep, trading houses paid for "R&D", corrections of a base after the year.

Every subject is named by business keys (payer BIN with a document number as written and a date, an
agreement number, a right number and a year), never by database ids, so the set can be loaded into
any empty database through the public paths: ``niokr load`` for the registry and ``niokr intake
submit`` for the reports (CSV, XLSX and JSON).
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent


# --------------------------------------------------------------------------------------------------
# BINs: YYMM of registration, 4 (resident) or 5 (non-resident), 0 (head unit), a serial, a check digit
# (DOMAIN.md §6.2). Computed here so the builder needs nothing but the standard library.

_W1 = range(1, 12)
_W2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
_serial = [100]


def _check(first11: str) -> int | None:
    digits = [int(c) for c in first11]
    k = sum(d * w for d, w in zip(digits, _W1)) % 11
    if k == 10:
        k = sum(d * w for d, w in zip(digits, _W2)) % 11
        if k == 10:
            return None
    return k


def make_bin(registered: str, resident: bool = True) -> str:
    while True:
        _serial[0] += 37
        first11 = f"{registered[2:4]}{registered[5:7]}{4 if resident else 5}0{_serial[0]:05d}"
        k = _check(first11)
        if k is not None:
            return first11 + str(k)


# --------------------------------------------------------------------------------------------------
# The registry


@dataclass
class Org:
    key: str
    ru: str
    kk: str
    en: str
    kind: str
    region: str
    registered_on: str
    oked: str = ""
    attributes: list = field(default_factory=list)
    bin: str = ""

    def __post_init__(self):
        self.bin = make_bin(self.registered_on, resident=self.region != "foreign")


ORGS: dict[str, Org] = {}


def org(key, ru, kk, en, kind, region, registered_on, oked="", attributes=()):
    ORGS[key] = Org(key, ru, kk, en, kind, region, registered_on, oked, list(attributes))
    return ORGS[key]


def attr(kind, valid_from, valid_to=None, number="", evidence=""):
    return {"kind": kind, "valid_from": valid_from, "valid_to": valid_to, "number": number, "evidence": evidence}


SUP = attr("kazakhstani_supplier", "2010-01-01", None, "", "не менее 95% граждан РК в штате")
ACC = attr("science_accreditation", "2015-03-01", None, "KZ-SC-0001", "свидетельство МНВО")
HUB = attr("astana_hub", "2019-01-01", None, "AH-0001", "участник кластера")

# Performers that may be paid.
org("inst_geo", "Каспийский институт нефтегазовых исследований", "Каспий мұнай-газ зерттеулері институты", "Caspian Institute of Oil and Gas Research", "research_institute", "atyrau", "2003-04-10", "72.19", [SUP, ACC])
org("inst_met", "Институт обогащения руд «Сарыарка»", "«Сарыарқа» кен байыту институты", "Saryarka Ore Dressing Institute", "research_institute", "karaganda", "2001-09-03", "72.19", [SUP, ACC])
org("univ_tech", "Ертісский технический университет", "Ертіс техникалық университеті", "Yertis Technical University", "university", "pavlodar", "1998-06-15", "85.42", [SUP, ACC])
org("lab_core", "ТОО «Керн Аналитика»", "«Керн Аналитика» ЖШС", "Kern Analytika LLP", "company", "atyrau", "2012-02-20", "71.20", [SUP, ACC])
org("hub_twin", "ТОО «Цифровой двойник»", "«Цифрлық егіз» ЖШС", "Digital Twin LLP", "hub_participant", "astana", "2018-11-05", "62.01", [HUB])
org("eng_irtysh", "ТОО «Инжиниринговый центр Ертіс»", "«Ертіс инжиниринг орталығы» ЖШС", "Yertis Engineering Centre LLP", "company", "east_kazakhstan", "2009-05-18", "72.19", [SUP, ACC])
org("agro_inst", "Институт почвоведения и агрохимии «Дала»", "«Дала» топырақтану және агрохимия институты", "Dala Institute of Soil Science and Agrochemistry", "research_institute", "almaty_city", "2004-01-12", "72.11", [SUP, ACC])
org("water_lab", "ТОО «Аква Технологии Каспий»", "«Аква Технологиялары Каспий» ЖШС", "Aqua Technologies Caspian LLP", "company", "mangystau", "2011-07-07", "72.19", [SUP])
# Performers whose status fails on the payment date.
org("for_noperm", "Nordvik Reservoir Lab AB", "Nordvik Reservoir Lab AB", "Nordvik Reservoir Lab AB", "foreign", "foreign", "2016-03-01", "72.19")
org("for_perm", "Tianfeng Mining Research Co.", "Tianfeng Mining Research Co.", "Tianfeng Mining Research Co.", "foreign", "foreign", "2014-05-01", "72.19",
    [attr("foreign_permission", "2024-03-01", "2025-12-31", "МЭ-РАЗР-2024-117", "разрешение компетентного органа")])
org("sup_expired", "ТОО «Промтехсервис Казахстан»", "«Промтехсервис Қазақстан» ЖШС", "Promtekhservis Kazakhstan LLP", "company", "aktobe", "2008-10-01", "72.19",
    [attr("kazakhstani_supplier", "2015-01-01", "2023-12-31", "", "справка о доле граждан РК 2015–2023")])
org("no_status", "ТОО «Консалтинг Групп Алтын»", "«Алтын Консалтинг Групп» ЖШС", "Altyn Consulting Group LLP", "company", "astana", "2013-03-14", "70.22")
org("accr_expired", "ТОО «Эко Лаб Орда»", "«Эко Лаб Орда» ЖШС", "Eco Lab Orda LLP", "company", "kyzylorda", "2017-06-01", "72.19",
    [attr("science_accreditation", "2019-01-01", "2024-02-29", "KZ-SC-3317", "свидетельство об аккредитации")])
org("hub_ended", "ТОО «Smart Field Solutions»", "«Smart Field Solutions» ЖШС", "Smart Field Solutions LLP", "hub_participant", "astana", "2020-08-08", "62.01",
    [attr("astana_hub", "2021-01-01", "2024-06-30", "AH-2021-0442", "участник кластера до 30.06.2024")])
org("univ_accr_only", "Приаральский университет прикладных наук", "Арал маңы қолданбалы ғылымдар университеті", "Aral Region University of Applied Sciences", "university", "kyzylorda", "2006-09-01", "85.42",
    [attr("science_accreditation", "2016-01-01", None, "KZ-SC-1205", "свидетельство об аккредитации")])
# Trade and finance houses with a supplier certificate (a status alone would pass them).
org("trade_chem", "ТОО «Торговый дом ХимПромСнаб»", "«ХимПромСнаб» сауда үйі ЖШС", "KhimPromSnab Trading House LLP", "company", "atyrau", "2010-04-04", "46.75",
    [attr("kazakhstani_supplier", "2012-01-01", None, "KZ 7100 2 00 00345", "сертификат СТ-KZ")])
org("trade_mach", "ТОО «Торговый дом Нефтемаш-Азия»", "«Нефтемаш-Азия» сауда үйі ЖШС", "Neftemash-Asia Trading House LLP", "company", "west_kazakhstan", "2007-02-12", "46.69",
    [attr("kazakhstani_supplier", "2012-01-01", None, "KZ 7100 2 00 01102", "сертификат СТ-KZ")])
org("fin_invest", "ТОО «Инвест Финанс Капитал»", "«Инвест Финанс Капитал» ЖШС", "Invest Finance Capital LLP", "company", "almaty_city", "2014-09-09", "64.99", [SUP])
org("fin_lease", "ТОО «Лизинг Технолоджи»", "«Лизинг Технолоджи» ЖШС", "Leasing Technology LLP", "company", "astana", "2012-12-12", "64.91", [SUP])
org("trade_fuel", "ТОО «Petrol Trade KZ»", "«Petrol Trade KZ» ЖШС", "Petrol Trade KZ LLP", "company", "pavlodar", "2011-01-20", "46.71", [SUP])
# Age of the performer.
org("newco", "ТОО «Нова Сайнс Инжиниринг»", "«Нова Сайнс Инжиниринг» ЖШС", "Nova Science Engineering LLP", "company", "astana", "2024-03-01", "72.19",
    [attr("kazakhstani_supplier", "2024-03-01", None, "", "штат 100% граждане РК")])
org("youngco", "ТОО «Геоинформ Лаб»", "«Геоинформ Лаб» ЖШС", "Geoinform Lab LLP", "company", "karaganda", "2023-01-10", "72.19",
    [attr("kazakhstani_supplier", "2023-01-10", None, "", "штат 100% граждане РК")])

# Subsoil users (payers).
#: The principal activity of a subsoil user follows what it extracts (OKED section B).
MINING_OKED = {"hydrocarbons": "06.10", "solid": "07.29", "uranium": "07.21", "coal": "05.10"}


def payer(key, ru, kk, en, region, mineral="hydrocarbons", registered_on="2005-05-05"):
    return org(key, ru, kk, en, "subsoil_user", region, registered_on, MINING_OKED[mineral])


payer("su_zhaisan", "ТОО «Жайсан Ойл»", "«Жайсан Ойл» ЖШС", "Zhaisan Oil LLP", "aktobe")
payer("su_torgai", "АО «Торгай Металл»", "«Торғай Металл» АҚ", "Torgai Metall JSC", "kostanay", "solid")
payer("su_birlik1", "ТОО «Бірлік Мұнай»", "«Бірлік Мұнай» ЖШС", "Birlik Munai LLP", "mangystau")
payer("su_birlik2", "ТОО «Бірлік Газ»", "«Бірлік Газ» ЖШС", "Birlik Gas LLP", "mangystau")
payer("su_aktobe_mys", "ТОО «Ақтөбе Мыс»", "«Ақтөбе Мыс» ЖШС", "Aktobe Mys LLP", "aktobe", "solid")
payer("su_nur_shelf", "ТОО «Nur Shelf Petroleum»", "«Nur Shelf Petroleum» ЖШС", "Nur Shelf Petroleum LLP", "atyrau")
payer("su_kenbai", "АО «Кенбай Рудник»", "«Кенбай Кеніші» АҚ", "Kenbai Mine JSC", "ulytau", "solid")
payer("su_ozen_trade", "ТОО «Өзен Ресурс»", "«Өзен Ресурс» ЖШС", "Ozen Resource LLP", "mangystau")
payer("su_shygys", "АО «Шығыс Полиметалл»", "«Шығыс Полиметалл» АҚ", "Shygys Polymetall JSC", "east_kazakhstan", "solid")
payer("su_dala", "ТОО «Дала Уран»", "«Дала Уран» ЖШС", "Dala Uranium LLP", "turkistan", "uranium")
payer("su_r1", "ТОО «Сағыз Петролеум»", "«Сағыз Петролеум» ЖШС", "Sagyz Petroleum LLP", "atyrau")
payer("su_r2", "ТОО «Ембі Жер»", "«Ембі Жер» ЖШС", "Embi Zher LLP", "atyrau")
payer("su_r3", "ТОО «Қарашығанақ Сервис Ресурс»", "«Қарашығанақ Сервис Ресурс» ЖШС", "Karashyganak Service Resource LLP", "west_kazakhstan")
payer("su_r4", "ТОО «Жем Ойл»", "«Жем Ойл» ЖШС", "Zhem Oil LLP", "aktobe")
payer("su_r5", "АО «Балқаш Кен»", "«Балқаш Кен» АҚ", "Balkash Ken JSC", "karaganda", "solid")
payer("su_r6", "ТОО «Ойыл Мұнай»", "«Ойыл Мұнай» ЖШС", "Oiyl Munai LLP", "aktobe")
payer("su_r7", "ТОО «Торғай Көмір»", "«Торғай Көмір» ЖШС", "Torgai Komir LLP", "kostanay", "coal")
payer("su_r8", "ТОО «Атасу Руда»", "«Атасу Руда» ЖШС", "Atasu Ruda LLP", "ulytau", "solid")
payer("su_r9", "ТОО «Шу Уран»", "«Шу Уран» ЖШС", "Shu Uranium LLP", "zhambyl", "uranium")
payer("su_r10", "ТОО «Маңғыстау Қабат»", "«Маңғыстау Қабат» ЖШС", "Mangystau Kabat LLP", "mangystau")
payer("su_b1", "ТОО «Бозащы Мұнай»", "«Бозащы Мұнай» ЖШС", "Buzachi Munai LLP", "mangystau")
payer("su_b2", "ТОО «Құмкөл Петро»", "«Құмкөл Петро» ЖШС", "Kumkol Petro LLP", "kyzylorda")
payer("su_b3", "ТОО «Теңге Ойл»", "«Теңге Ойл» ЖШС", "Tenge Oil LLP", "mangystau")
payer("su_d1", "ТОО «Бетпақдала Голд»", "«Бетпақдала Голд» ЖШС", "Betpakdala Gold LLP", "karaganda", "solid")
payer("su_d2", "ТОО «Каспий Жер Ресурс»", "«Каспий Жер Ресурс» ЖШС", "Caspian Zher Resource LLP", "atyrau")
payer("su_d3", "АО «Жетісу Вольфрам»", "«Жетісу Вольфрам» АҚ", "Zhetisu Tungsten JSC", "zhetisu", "solid")
payer("su_d4", "ТОО «Ақсу Хром»", "«Ақсу Хром» ЖШС", "Aksu Chrome LLP", "aktobe", "solid")
payer("su_affil", "ТОО «Тау Кен Шығыс»", "«Тау Кен Шығыс» ЖШС", "Tau Ken Shygys LLP", "east_kazakhstan", "solid")

# Groups and the affiliation graph.
org("hold_birlik", "ТОО «Бірлік Холдинг»", "«Бірлік Холдинг» ЖШС", "Birlik Holding LLP", "company", "astana", "2002-02-02", "70.10")
org("birlik_service", "ТОО «Бірлік Сервис»", "«Бірлік Сервис» ЖШС", "Birlik Service LLP", "company", "mangystau", "2006-06-06", "70.10")
org("birlik_techno", "ТОО «Бірлік Техно»", "«Бірлік Техно» ЖШС", "Birlik Techno LLP", "company", "mangystau", "2010-10-10", "70.10")
org("birlik_eng", "ТОО «Бірлік Инжиниринг»", "«Бірлік Инжиниринг» ЖШС", "Birlik Engineering LLP", "company", "mangystau", "2008-08-08", "72.19", [SUP, ACC])
org("zher_zertteu", "ТОО «Жер Зерттеу»", "«Жер Зерттеу» ЖШС", "Zher Zertteu LLP", "company", "mangystau", "2012-04-04", "72.19", [SUP, ACC])
org("geotech_innov", "ТОО «Геотех Инновации»", "«Геотех Инновациялары» ЖШС", "Geotech Innovations LLP", "company", "atyrau", "2013-03-03", "72.19", [SUP, ACC])
org("tks_parent", "АО «Тау Кен Холдинг»", "«Тау Кен Холдинг» АҚ", "Tau Ken Holding JSC", "company", "astana", "2003-03-03", "70.10")
org("tks_ultimate", "АО «Шығыс Индастриал Групп»", "«Шығыс Индастриал Групп» АҚ", "Shygys Industrial Group JSC", "company", "astana", "2001-01-15", "64.20")
org("tks_cousin", "ТОО «Индастриал Сайнс Сервис»", "«Индастриал Сайнс Сервис» ЖШС", "Industrial Science Service LLP", "company", "east_kazakhstan", "2011-11-11", "72.19", [SUP, ACC])
org("tks_sub", "ТОО «Тау Инжиниринг»", "«Тау Инжиниринг» ЖШС", "Tau Engineering LLP", "company", "east_kazakhstan", "2009-09-09", "72.19", [SUP])
org("tks_a", "ТОО «Тау Инвест»", "«Тау Инвест» ЖШС", "Tau Invest LLP", "company", "east_kazakhstan", "2010-01-01", "70.10")
org("tks_b", "ТОО «Тау Технологии»", "«Тау Технологиялары» ЖШС", "Tau Technologies LLP", "company", "east_kazakhstan", "2011-02-01", "70.10")
org("tks_deep", "ТОО «Инновационные решения Шығыс»", "«Шығыс инновациялық шешімдері» ЖШС", "Shygys Innovative Solutions LLP", "company", "east_kazakhstan", "2014-06-01", "72.19", [SUP, ACC])
org("arman_centre", "ТОО «Научный центр Арман»", "«Арман ғылыми орталығы» ЖШС", "Arman Science Centre LLP", "company", "east_kazakhstan", "2010-05-05", "72.19", [SUP, ACC])
org("founder_co", "ТОО «Алтай Капитал Менеджмент»", "«Алтай Капитал Менеджмент» ЖШС", "Altai Capital Management LLP", "company", "east_kazakhstan", "2012-07-07", "70.22")
org("founder_perf", "ТОО «Алтай Геолаб»", "«Алтай Геолаб» ЖШС", "Altai Geolab LLP", "company", "east_kazakhstan", "2013-08-08", "72.19", [SUP, ACC])
org("ex_sub", "ТОО «Ертіс Геофизика»", "«Ертіс Геофизика» ЖШС", "Yertis Geophysics LLP", "company", "east_kazakhstan", "2007-07-07", "72.19", [SUP, ACC])
org("later_sub", "ТОО «Өскемен Металлургия Зертханасы»", "«Өскемен Металлургия Зертханасы» ЖШС", "Oskemen Metallurgy Laboratory LLP", "company", "east_kazakhstan", "2008-04-04", "72.19", [SUP, ACC])

AFFILIATIONS: list[dict] = []


def own(owner, owned, share, valid_from="2010-01-01", valid_to=None, note=""):
    AFFILIATIONS.append({"source": owner, "target": owned, "kind": "owner", "share": share, "valid_from": valid_from, "valid_to": valid_to, "note": note})


def link(a, b, kind, valid_from="2015-01-01", note=""):
    AFFILIATIONS.append({"source": a, "target": b, "kind": kind, "share": None, "valid_from": valid_from, "valid_to": None, "note": note})


own("hold_birlik", "su_birlik1", "100")
own("hold_birlik", "su_birlik2", "100")
own("hold_birlik", "birlik_eng", "100")
own("hold_birlik", "birlik_service", "100")
own("birlik_service", "zher_zertteu", "75")
own("birlik_service", "birlik_techno", "100")
own("birlik_techno", "geotech_innov", "51")
own("tks_ultimate", "tks_parent", "68")
own("tks_parent", "su_affil", "100")
own("tks_ultimate", "tks_cousin", "100")
own("su_affil", "tks_sub", "100")
own("su_affil", "tks_a", "60")
own("tks_a", "tks_b", "100")
own("tks_b", "tks_deep", "51")
link("su_affil", "arman_centre", "common_director", note="директор Серікбаев А. — в обеих организациях")
link("su_affil", "founder_co", "common_founder", note="учредитель Жаңабаев Е.")
own("founder_co", "founder_perf", "90")
own("su_affil", "ex_sub", "100", "2012-01-01", "2022-12-31", "доля продана 31.12.2022")
own("su_affil", "later_sub", "100", "2025-03-01", None, "доля приобретена 01.03.2025")


# --------------------------------------------------------------------------------------------------
# Rights and regimes. Every right is assigned its regime from 2024 (2025 for the budget ones), so the
# years in play are 2024–2026 and their bases 2023–2025.


@dataclass
class Right:
    number: str
    holder: str
    mineral_group: str
    right_type: str
    region: str
    regimes: list
    production_start: str = "2015-01-01"
    bases: dict = field(default_factory=dict)  # year -> amount (None = not reported)
    base_type: str = "aggregate_income"


RIGHTS: dict[str, Right] = {}
LAW = [{"code": "LAW2010_SGD", "from": "2024-01-01", "legal_reason": "условие контракта (ст. 76 п. 12-1 Закона 2010 г.)"}]
CODE = [{"code": "CODE2017_COSTS", "from": "2024-01-01", "legal_reason": "Кодекс 2017 г., ст. 129, 178"}]


def right(number, holder, mineral="hydrocarbons", rtype="legacy_contract", region=None, regimes=LAW, base_type="aggregate_income", production_start="2015-01-01"):
    RIGHTS[number] = Right(number, holder, mineral, rtype, region or ORGS[holder].region, regimes, production_start, {}, base_type)
    return number


# --------------------------------------------------------------------------------------------------
# Agreements, payments and their labels


@dataclass
class Agreement:
    payer: str
    number: str
    signed_on: str
    performer: str
    subject: str
    amount: Decimal
    period_start: str
    period_end: str
    direction: str = "other"
    project_code: str = ""
    label: dict | None = None


@dataclass
class Payment:
    agreement: Agreement
    right: str
    paid_on: str
    amount: Decimal
    purpose: str
    document_number: str
    label: dict | None = None
    also: list = field(default_factory=list)  # payments that are the same money (a duplicate's other copy)
    counts: bool = True  # whether the performer's status makes it count (used to size the bases)
    for_year: int | None = None  # the year credited, when the report names one (the column «Год зачёта»)


AGREEMENTS: list[Agreement] = []
PAYMENTS: list[Payment] = []
#: Spending reports sent in a sequence of their own, (payer, year) -> [(quarter, payments, format, tag)] in the
#: order sent: the quarters then the year, or a report then its correction. Their payments are not grouped
#: with the others; the payments that stand in the end (the last report's) are also in ``PAYMENTS``.
REPORT_SEQUENCES: dict[tuple[str, int], list] = {}
#: Agreements reported without a payment part — an intermediary's onward agreements: (reporter, year, agreements, format).
AGREEMENT_ONLY: list = []
#: Beneficial owners (``niokr load``, section ``beneficial_owners``): org, name, kind, identifier (an IIN/BIN, or
#: the key of a registered organisation), foreign_identifier, country, share, valid_from, valid_to, source.
BENEFICIAL_OWNERS: list[dict] = []


def agreement(payer, number, signed_on, performer, subject, amount, period_start=None, period_end=None, direction="other", project_code="", label=None):
    ag = Agreement(payer, number, signed_on, performer, subject, Decimal(amount), period_start or signed_on, period_end or f"{int(signed_on[:4]) + 1}-12-31", direction, project_code, label)
    AGREEMENTS.append(ag)
    return ag


def pay(ag, right_number, paid_on, amount, purpose, doc, label=None, also=(), counts=True, for_year=None):
    p = Payment(ag, right_number, paid_on, Decimal(amount), purpose, doc, label, list(also), counts, for_year)
    PAYMENTS.append(p)
    return p


#: Batch 1 was written before the indicators were reworked; batch 2 after, in forms batch 1 does not use.
BATCH = [1]


def V(code, indicators, why):
    return {"verdict": "violation", "code": code, "indicators": list(indicators), "rationale": why, "batch": BATCH[0]}


def C(why):
    return {"verdict": "clean", "code": None, "indicators": [], "rationale": why, "batch": BATCH[0]}


RD = "Выполнение НИР по договору, этап {n}, акт выполненных работ № {n}"

# ---- Zhaisan Oil: quarterly reports of 2024 in four formats; duplicates written two ways --------
R_ZH = right("ЖО-2016-07", "su_zhaisan")
ag_zh1 = agreement("su_zhaisan", "НИР-04/2024", "2024-01-22", "inst_geo", "Разработка технологии ПАВ-полимерного заводнения на месторождении Жайсан", "58000000.00", "2024-02-01", "2025-12-31", "greentech", "ЖО-ПР-2024-01")
ag_zh2 = agreement("su_zhaisan", "ОКР-11/2024", "2024-02-05", "lab_core", "Исследование керна и пластовых флюидов горизонта Ю-II", "9600000.00", "2024-02-05", "2024-12-31")
ag_zh3 = agreement("su_zhaisan", "12-НИОКР", "2024-03-01", "univ_tech", "Научно-исследовательская работа по снижению обводнённости скважин", "9900000.00", "2024-03-01", "2024-12-31")
pay(ag_zh1, R_ZH, "2024-02-15", "8700000.00", "Аванс 15% по договору НИР-04/2024 согласно календарному плану", "118")
pay(ag_zh2, R_ZH, "2024-03-11", "2400000.00", "Исследование керна: этап 1, акт № 1 от 06.03.2024", "1201",
    label=C("Stage 1 of the core study; its number 1201 resembles 1210 of stage 2, but the amount, date and stage differ."))
pay(ag_zh2, R_ZH, "2024-05-14", "2400000.00", "Исследование керна: этап 2, акт № 2 от 08.05.2024", "1210",
    label=C("Stage 2 of the core study: same performer and stage amount as stage 1, two months later with its own act — a genuine second payment."))
first = pay(ag_zh1, R_ZH, "2024-05-14", "4870000.00", "Оплата 1-го этапа НИР по договору НИР-04/2024, акт № 1", "ПП-0457")
pay(ag_zh1, R_ZH, "2024-05-14", "4870000.00", "Оплата 1 этапа НИР, дог. НИР-04/2024", "457",
    label=V("duplicate_payment", ["NK-06"], "The payment order ПП-0457 of 14.05.2024 is reported again as 457 — prefix and leading zero dropped, same performer, amount and date."), also=[first])
pay(ag_zh3, R_ZH, "2024-06-20", "3300000.00", "Научно-исследовательская работа по оценке ремонтопригодности скважин, этап 1", "1180",
    label=C("R&D on assessing how repairable wells are: the word 'ремонт' is the research subject, not a repair."))
first = pay(ag_zh1, R_ZH, "2024-06-27", "6250000.00", "Оплата 2-го этапа НИР по договору НИР-04/2024 (акт № 2 от 21.06.2024)", "№ 1187")
pay(ag_zh1, R_ZH, "2024-07-02", "6250000.00", "Этап 2 НИР по дог. НИР-04/2024", "1187",
    label=V("duplicate_payment", ["NK-06"], "Order № 1187 of 27.06.2024 (Q2 report) claimed again in the Q3 report as 1187 on its value date 02.07.2024: same performer and amount."), also=[first])
pay(ag_zh3, R_ZH, "2024-08-15", "1450000.00", "Возмещение командировочных расходов сотрудников (суточные, проживание) по договору 12-НИОКР", "1290",
    label=V("non_rd_purpose", ["NK-07"], "Reimbursement of business-trip expenses (per diems, lodging) is travel, not research work, though paid under an R&D agreement."))
pay(ag_zh2, R_ZH, "2024-09-09", "2400000.00", "Исследование керна: этап 3, акт № 3 от 02.09.2024", "1388",
    label=C("Stage 3 of the core study: a third equal stage payment with its own act and number."))
pay(ag_zh3, R_ZH, "2024-10-10", "2150000.00", "Поставка лабораторной мебели и вытяжных шкафов для лаборатории", "1421",
    label=V("non_rd_purpose", ["NK-07"], "Supply of laboratory furniture and fume cupboards: a purchase of furnishings, whatever room they go to."))
pay(ag_zh1, R_ZH, "2024-11-18", "12400000.00", "Оплата 3-го этапа НИР согласно акту № 3 и календарному плану", "1502")
pay(ag_zh3, R_ZH, "2024-12-09", "2400000.00", "НИР: 2 этап — полевые испытания составов для изоляции водопритоков", "1566",
    label=C("Stage 2 of the water-shutoff R&D: field trials of compositions, paid on its act."))

# ---- Torgai Metall: two licences, annual reports (XLSX 2024, JSON 2025); CODE 2017 -----------------
R_TG1 = right("ЛДТПИ-118-ЕЛ", "su_torgai", "solid", "lic_solid_mining", regimes=CODE, base_type="production_costs")
R_TG2 = right("ЛДТПИ-240-ЕЛ", "su_torgai", "solid", "lic_solid_mining", regimes=CODE, base_type="production_costs")
ag_tg1 = agreement("su_torgai", "Д-15/24", "2024-01-30", "inst_met", "Разработка технологии кучного выщелачивания медных руд", "64000000.00", "2024-02-01", "2025-12-31", "greentech", "ТМ-ПР-2024-03")
ag_tg2 = agreement("su_torgai", "Д-16/24", "2024-02-12", "accr_expired", "Экологический мониторинг хвостохранилища (исследовательская часть)", "8800000.00", "2024-02-12", "2024-12-31")
ag_tg3 = agreement("su_torgai", "Д-21/24", "2024-04-01", "trade_chem", "НИОКР: подбор реагентной схемы флотации", "7400000.00", "2024-04-01", "2024-12-31")
ag_tg4 = agreement("su_torgai", "Д-03/25", "2025-01-20", "inst_met", "Исследование извлечения редких металлов из лежалых хвостов", "42000000.00", "2025-01-20", "2026-06-30", "greentech", "ТМ-ПР-2025-01")
ag_tg5 = agreement("su_torgai", "Д-09/25", "2025-03-03", "hub_twin", "Разработка цифрового двойника обогатительной фабрики", "9500000.00", "2025-03-03", "2025-12-31", "other")
first = pay(ag_tg1, R_TG1, "2024-03-19", "9600000.00", "Аванс по договору Д-15/24 на выполнение НИОКР согласно календарному плану", "ПП 2231")
pay(ag_tg1, R_TG2, "2024-03-19", "9600000.00", "Аванс по договору Д-15/24 (НИОКР)", "ПП-2231",
    label=V("duplicate_payment", ["NK-06"], "One advance of 19.03.2024 claimed under both licences, once as 'ПП 2231' and once as 'ПП-2231'."), also=[first])
pay(ag_tg2, R_TG1, "2024-06-17", "4400000.00", "Исследование устойчивости дамбы хвостохранилища, этап 1", "2590", counts=False,
    label=V("unaccredited_performer", ["NK-01", "NK-03"], "Under the 2017 Code this company counted only as an accredited science organisation; its accreditation ended on 29.02.2024, before the payment of 17.06.2024, and it holds no other status."))
pay(ag_tg3, R_TG1, "2024-05-06", "3700000.00", "Химические реагенты для НИОКР (собиратель, вспениватель) по счёт-фактуре № 1123", "2468",
    label=V("trade_or_finance_performer", ["NK-22", "NK-01", "NK-07"], "A wholesale chemicals trading house (OKED 46.75) paid under an 'R&D' agreement for reagents it sells: a supply, not research."))
pay(ag_tg1, R_TG1, "2024-07-25", "14200000.00", "Изготовление и испытание опытной установки кучного выщелачивания (этап 2 ОКР, акт № 2)", "2711",
    label=C("Building and testing a pilot heap-leach rig is the experimental-design stage itself, paid on its act."))
pay(ag_tg1, R_TG2, "2024-10-14", "11800000.00", "Stage 3 payment: laboratory testing of heap-leach reagents under the R&D agreement, acceptance act No 3", "2905",
    label=C("Laboratory testing of reagents is the research; the word 'reagents' names what was studied, not what was bought."))
pay(ag_tg2, R_TG2, "2024-12-16", "3900000.00", "Исследование устойчивости дамбы, этап 2", "3120", counts=False)
pay(ag_tg3, R_TG2, "2024-12-20", "3650000.00", "Поставка реагентов: ксантогенат бутиловый, 18 т", "3177",
    label=V("trade_or_finance_performer", ["NK-22", "NK-01", "NK-07"], "The same trading house delivers 18 t of butyl xanthate: a commodity supply paid as R&D."))
pay(ag_tg4, R_TG1, "2025-02-10", "12600000.00", "Аванс 30% по договору на выполнение НИОКР согласно календарному плану", "0142",
    label=C("A 30% advance under a signed R&D agreement, as its calendar plan provides."))
pay(ag_tg4, R_TG2, "2025-06-16", "14700000.00", "Экспериментальные исследования лежалых хвостов на оборудовании лаборатории исполнителя (этап 1 НИР)", "0733",
    label=C("Experimental research run on the performer's laboratory equipment: the equipment is the means, the payment is for the research stage."))
pay(ag_tg5, R_TG1, "2025-05-22", "4750000.00", "Software development of a digital twin of the concentrator — R&D stage 1 (TRL 4)", "0611",
    label=C("An Astana Hub participant developing a digital twin as an R&D stage during its participation."))
pay(ag_tg5, R_TG1, "2025-09-18", "4750000.00", "Annual cloud computing subscription and software licences for the concentrator's digital twin", "1024",
    label=V("non_rd_purpose", ["NK-07"], "A yearly cloud subscription and software licences are running IT costs, not research, even when billed by the R&D performer."))
pay(ag_tg4, R_TG1, "2025-11-24", "14700000.00", "Оплата 2-го этапа НИР (акт № 2 от 17.11.2025)", "1189")

# ---- Birlik group: two subsoil users owned by one holding; ownership chains of 2–4 links -----------
R_BM = right("БМ-2011-03", "su_birlik1")
R_BG = right("БГ-2013-01", "su_birlik2")
ag_bm1 = agreement("su_birlik1", "15/2024-НИР", "2024-02-01", "zher_zertteu", "Геомеханическое моделирование продуктивных горизонтов", "9800000.00", "2024-02-01", "2024-12-31")
ag_bm2 = agreement("su_birlik1", "16/2024-НИР", "2024-02-15", "geotech_innov", "Исследование технологии ПГД на поздней стадии разработки", "9700000.00", "2024-02-15", "2024-12-31")
ag_bm3 = agreement("su_birlik1", "22/2024-НИР", "2024-03-10", "water_lab", "Исследование методов очистки пластовой воды", "9600000.00", "2024-03-10", "2025-03-31")
ag_bg1 = agreement("su_birlik2", "Д-07-24", "2024-02-20", "birlik_eng", "Разработка системы мониторинга утечек газа", "9300000.00", "2024-02-20", "2024-12-31")
ag_bg2 = agreement("su_birlik2", "Д-08-24", "2024-03-05", "inst_geo", "Исследование газоконденсатной характеристики пласта", "9200000.00", "2024-03-05", "2024-12-31")
ag_bg3 = agreement("su_birlik2", "Д-09-24", "2024-03-10", "water_lab", "Исследование методов очистки пластовой воды (совместно с Бірлік Мұнай)", "9600000.00", "2024-03-10", "2025-03-31")
pay(ag_bm1, R_BM, "2024-04-12", "4900000.00", "Оплата 1 этапа НИР: геомеханическая модель, акт № 1", "335",
    label=V("affiliate_payment", ["NK-02"], "Performer is 75% owned by Birlik Service, which the payer's own parent Birlik Holding owns: payer ← holding → Birlik Service → performer, three links."))
pay(ag_bm2, R_BM, "2024-05-20", "4850000.00", "Оплата 1 этапа НИР по договору 16/2024-НИР", "412",
    label=V("affiliate_payment", ["NK-02"], "Performer is 51% owned by Birlik Techno, owned by Birlik Service, owned by the payer's parent: four links of ownership up to the common holding."))
pay(ag_bg1, R_BG, "2024-04-25", "4650000.00", "Разработка системы мониторинга утечек, этап 1", "77",
    label=V("affiliate_payment", ["NK-02"], "The performer and the payer are both wholly owned by Birlik Holding: sister companies."))
pay(ag_bg2, R_BG, "2024-05-27", "4600000.00", "Исследование газоконденсатной характеристики пласта, этап 1 (акт № 1)", "93",
    label=C("A subsidiary of a holding pays an outside institute with no ownership, founder or director link to the group."))
first = pay(ag_bm3, R_BM, "2024-09-10", "3200000.00", "Исследование методов очистки пластовой воды, 1 этап", "0000873")
pay(ag_bg3, R_BG, "2024-09-10", "3200000.00", "Оплата 1 этапа по очистке пластовой воды", "873",
    label=V("duplicate_payment", ["NK-06"], "One payment order 0000873 of 10.09.2024 is claimed by both subsidiaries of the group, the second time as 873."), also=[first])
pay(ag_bm3, R_BM, "2024-11-11", "3200000.00", "Исследование методов очистки пластовой воды, 2 этап", "0000951")
pay(ag_bg2, R_BG, "2024-10-28", "4600000.00", "Исследование газоконденсатной характеристики пласта, этап 2 (акт № 2)", "118",
    label=C("Number 118 is also used by another subsoil user (to another performer): document numbers are per payer."))

# ---- Aktobe Mys: annual 2024 CSV in Windows-1251, 2025 XLSX; dates and more numbering forms --------
R_AM = right("КГМ-2009-14", "su_aktobe_mys", "solid", "legacy_contract")
ag_am1 = agreement("su_aktobe_mys", "№ 45-НИОКР", "2024-04-15", "eng_irtysh", "Разработка технологии закладки выработанного пространства", "9800000.00", "2024-04-15", "2025-06-30")
ag_am2 = agreement("su_aktobe_mys", "№ 46-НИОКР", "2024-06-03", "inst_met", "Исследование обогатимости забалансовых руд", "13000000.00", "2024-06-03", "2024-11-30")
ag_am3 = agreement("su_aktobe_mys", "№ 05-НИОКР/25", "2025-03-14", "univ_tech", "Мониторинг деформаций бортов карьера методами радарной интерферометрии", "9000000.00", "2025-03-14", "2025-12-31")
ag_am4 = agreement("su_aktobe_mys", "№ 07-НИОКР/25", "2025-05-05", "lab_core", "Исследование состава пылевых выбросов", "6000000.00", "2025-05-05", "2025-10-31")
pay(ag_am1, R_AM, "2024-04-05", "2900000.00", "Аванс по договору № 45-НИОКР", "п/п №56",
    label=V("before_agreement_date", ["NK-04"], "An advance paid on 05.04.2024, ten days before the agreement was signed on 15.04.2024."))
first = pay(ag_am1, R_AM, "2024-07-08", "3400000.00", "Оплата 1 этапа НИОКР по акту № 1", "п/п №213")
pay(ag_am1, R_AM, "2024-07-08", "3400000.00", "1 этап НИОКР (акт № 1)", "213",
    label=V("duplicate_payment", ["NK-06"], "'п/п №213' and '213' are one payment order of 08.07.2024 listed twice."), also=[first])
pay(ag_am2, R_AM, "2024-06-03", "2900000.00", "Аванс по договору № 46-НИОКР в день подписания", "45",
    label=C("Paid on the day the agreement was signed: inside its dates."))
pay(ag_am2, R_AM, "2024-11-30", "6800000.00", "Оплата 1 этапа НИР по договору № 46-НИОКР, акт № 1", "611",
    label=C("A stage paid on the last day of the agreement's period: still inside it."))
pay(ag_am2, R_AM, "2024-12-26", "3300000.00", "Окончательный расчёт по договору № 46-НИОКР, акт приёмки 2 этапа", "688",
    label=V("after_agreement_period", ["NK-04"], "Paid on 26.12.2024, after the agreement ended on 30.11.2024, with no additional agreement."))
pay(ag_am3, R_AM, "2025-03-13", "2700000.00", "Аванс по договору № 05-НИОКР/25", "Төлем тапсырмасы № 77",
    label=V("before_agreement_date", ["NK-04"], "Advance paid on 13.03.2025, one day before the agreement was signed on 14.03.2025."))
pay(ag_am3, R_AM, "2025-07-21", "3150000.00", "Зерттеу жұмыстарының 1-кезеңі: карьер беткейлерін радарлық мониторингілеу, акт № 1", "402",
    label=C("Stage 1 of the radar-interferometry monitoring research, in Kazakh, on its act."))
pay(ag_am4, R_AM, "2025-06-02", "2700000.00", "Исследование состава пылевых выбросов, этап 1", "318")
pay(ag_am4, R_AM, "2025-09-29", "2700000.00", "Исследование состава пылевых выбросов, этап 2", "355",
    label=C("Second equal stage payment to the same laboratory four months after the first: a calendar plan, not a copy."))
pay(ag_am3, R_AM, "2025-12-19", "3150000.00", "Исследование деформаций бортов карьера, этап 2", "45",
    label=C("Number 45 was also used by this payer on 03.06.2024 for another agreement and amount: numbering restarts every year."))
pay(ag_am4, R_AM, "2026-02-10", "600000.00", "Окончательный расчёт по договору № 07-НИОКР/25", "12",
    label=V("after_agreement_period", ["NK-04"], "Final payment on 10.02.2026 for an agreement that ended on 31.10.2025."))

# ---- Nur Shelf Petroleum: JSON reports, English purposes --------------------------------------------
R_NS = right("NSP-2014-02", "su_nur_shelf")
ag_ns1 = agreement("su_nur_shelf", "RD-2024/031", "2024-01-15", "inst_geo", "Research on offshore flow assurance and wax deposition", "19800000.00", "2024-01-15", "2025-06-30", "other", "NSP-RD-2024-031")
ag_ns2 = agreement("su_nur_shelf", "RD-2024/044", "2024-03-01", "for_noperm", "Special core analysis (SCAL) of carbonate samples", "9000000.00", "2024-03-01", "2024-12-31")
ag_ns3 = agreement("su_nur_shelf", "RD-2024/052", "2024-01-10", "for_perm", "Research on sour-gas corrosion inhibitors", "9000000.00", "2024-01-10", "2025-06-30")
ag_ns4 = agreement("su_nur_shelf", "RD-2024/060", "2024-05-02", "water_lab", "Travel-time tomography research for reservoir mapping", "9400000.00", "2024-05-02", "2025-05-02")
first = pay(ag_ns1, R_NS, "2024-02-20", "2950000.00", "Advance under R&D agreement RD-2024/031", "PO-1044")
pay(ag_ns1, R_NS, "2024-02-20", "2950000.00", "Advance, R&D agreement RD-2024/031", "PO 1044",
    label=V("duplicate_payment", ["NK-06"], "'PO-1044' and 'PO 1044': the same payment order of 20.02.2024, dash replaced by a space."), also=[first])
first = pay(ag_ns1, R_NS, "2024-06-14", "3450000.00", "Stage 1 research: wax deposition modelling, acceptance act No 1", "981/24")
pay(ag_ns1, R_NS, "2024-06-14", "3450000.00", "Stage 1 research, act No 1", "ПП-000981",
    label=V("duplicate_payment", ["NK-06"], "Order 981 of 2024 reported as '981/24' and again as 'ПП-000981' on the same date for the same amount."), also=[first])
pay(ag_ns2, R_NS, "2024-04-22", "4500000.00", "SCAL programme, stage 1", "1133", counts=False,
    label=V("foreign_without_permission", ["NK-01"], "A foreign laboratory with no permission from the competent authority to engage a foreign performer."))
pay(ag_ns3, R_NS, "2024-01-25", "3000000.00", "Corrosion inhibitor research, advance", "1090", counts=False,
    label=V("foreign_without_permission", ["NK-01"], "Paid on 25.01.2024; the permission for this foreign performer runs only from 01.03.2024."))
pay(ag_ns3, R_NS, "2024-06-05", "3000000.00", "Corrosion inhibitor research, stage 1, acceptance act No 1", "1201",
    label=C("The same foreign performer paid on 05.06.2024, inside its permission (01.03.2024–31.12.2025)."))
pay(ag_ns4, R_NS, "2024-07-30", "3100000.00", "Travel-time tomography research for reservoir mapping, stage 1", "1288",
    label=C("'Travel-time tomography' is a seismic research method: the word 'travel' is not a trip."))
pay(ag_ns4, R_NS, "2024-08-26", "640000.00", "Reimbursement of airfare and hotel, field trip to Atyrau", "1315",
    label=V("non_rd_purpose", ["NK-07"], "Airfare and hotel for a field trip: travel expenses, not research work."))
pay(ag_ns1, R_NS, "2024-09-16", "390000.00", "Catering services for the research council meeting", "1402",
    label=V("non_rd_purpose", ["NK-07"], "Catering for a council meeting is hospitality; 'research council' does not make it research."))
pay(ag_ns4, R_NS, "2024-10-21", "520000.00", "Security guard services at the pilot test site, October", "1455",
    label=V("non_rd_purpose", ["NK-07"], "Guarding a test site is a security service, not research."))
pay(ag_ns1, R_NS, "2024-11-25", "2600000.00", "Stage 2 research: flow assurance laboratory loop tests, acceptance act No 2", "1530")

# ---- Kenbai Mine: agreement amounts and a new performer ---------------------------------------------
R_KB = right("ЖКМ-2010-22", "su_kenbai", "solid", "legacy_contract")
ag_kb1 = agreement("su_kenbai", "ДНИР-2024-01", "2024-02-10", "inst_met", "Исследование флотационного извлечения меди", "8000000.00", "2024-02-10", "2024-12-31",
                   label=V("above_agreement_amount", ["NK-05"], "Payments total 8,960,000 against an agreement of 8,000,000 (12% more) with no additional agreement."))
ag_kb2 = agreement("su_kenbai", "ДНИР-2024-02", "2024-03-01", "eng_irtysh", "Исследование устойчивости подземных выработок", "9800000.00", "2024-03-01", "2024-12-31",
                   label=V("above_agreement_amount", ["NK-05"], "9,800,000 agreed, 10,045,000 paid: 245,000 above the amount."))
ag_kb3 = agreement("su_kenbai", "ДНИР-2024-03", "2024-04-01", "univ_tech", "Разработка способа подземного выщелачивания", "9000000.00", "2024-04-01", "2025-12-31",
                   label=C("Three stage payments add up exactly to the agreement amount."))
ag_kb4 = agreement("su_kenbai", "ДНИР-2024-04", "2024-05-15", "newco", "Разработка системы автоматизированного контроля проветривания рудника", "48000000.00", "2024-05-15", "2025-12-31", "other", "КР-ПР-2024-04",
                   label=V("new_performer", ["NK-10"], "48 million signed on 15.05.2024 with a company registered on 01.03.2024, two and a half months earlier."))
ag_kb5 = agreement("su_kenbai", "ДНИР-2024-05", "2024-05-20", "youngco", "Исследование геоинформационной модели месторождения", "30000000.00", "2024-05-20", "2025-12-31", "other", "КР-ПР-2024-05",
                   label=C("The performer was registered on 10.01.2023, more than a year before this 30 million agreement of 20.05.2024."))
ag_kb6 = agreement("su_kenbai", "ДНИР-2024-06", "2024-06-10", "inst_met", "Исследование обогатимости руд горизонта -480 м", "9990000.00", "2024-06-10", "2025-06-30",
                   label=C("Paid 9,980,000 against 9,990,000: just under the amount."))
pay(ag_kb1, R_KB, "2024-03-05", "4000000.00", "НИР: флотационное извлечение меди, этап 1", "ПП-101")
pay(ag_kb1, R_KB, "2024-07-05", "4000000.00", "НИР: флотационное извлечение меди, этап 2", "ПП-188")
pay(ag_kb1, R_KB, "2024-10-07", "960000.00", "НИР: флотационное извлечение меди, дополнительные исследования", "ПП-265")
pay(ag_kb2, R_KB, "2024-04-02", "4900000.00", "Исследование устойчивости выработок, этап 1", "ПП-130")
pay(ag_kb2, R_KB, "2024-09-02", "5145000.00", "Исследование устойчивости выработок, этап 2 с учётом индексации", "ПП-231")
pay(ag_kb3, R_KB, "2024-05-06", "2700000.00", "Аванс по договору ДНИР-2024-03", "ПП-150")
pay(ag_kb3, R_KB, "2024-09-16", "3150000.00", "Этап 1 НИР по договору ДНИР-2024-03, акт № 1", "ПП-240")
pay(ag_kb3, R_KB, "2024-12-02", "3150000.00", "Этап 2 НИР по договору ДНИР-2024-03, акт № 2", "ПП-301")
pay(ag_kb4, R_KB, "2024-06-14", "14400000.00", "Аванс 30% по договору ДНИР-2024-04", "ПП-170")
pay(ag_kb5, R_KB, "2024-06-24", "9000000.00", "Аванс 30% по договору ДНИР-2024-05", "ПП-175")
pay(ag_kb6, R_KB, "2024-07-15", "4990000.00", "Исследование обогатимости руд, этап 1", "ПП-200")
pay(ag_kb6, R_KB, "2024-11-15", "4990000.00", "Исследование обогатимости руд, этап 2", "ПП-280")

# ---- Ozen Resource: trading, finance and status-less performers -------------------------------------
R_OZ = right("ӨР-2012-05", "su_ozen_trade")
ag_oz1 = agreement("su_ozen_trade", "01-НИР/24", "2024-02-01", "fin_invest", "Финансирование научно-исследовательских работ", "9000000.00", "2024-02-01", "2024-12-31")
ag_oz2 = agreement("su_ozen_trade", "02-НИР/24", "2024-02-10", "trade_mach", "Выполнение НИР: подбор и адаптация насосного оборудования", "9500000.00", "2024-02-10", "2024-12-31")
ag_oz3 = agreement("su_ozen_trade", "03-НИР/24", "2024-03-01", "fin_lease", "Управление средствами НИОКР", "8000000.00", "2024-03-01", "2024-12-31")
ag_oz4 = agreement("su_ozen_trade", "04-НИР/24", "2024-03-15", "trade_fuel", "НИОКР по повышению эффективности использования топлива", "7000000.00", "2024-03-15", "2024-12-31")
ag_oz5 = agreement("su_ozen_trade", "05-НИР/24", "2024-04-01", "sup_expired", "Исследование парафиноотложений в НКТ", "6000000.00", "2024-04-01", "2024-12-31")
ag_oz6 = agreement("su_ozen_trade", "06-НИР/24", "2024-04-10", "no_status", "Научно-исследовательская работа по оптимизации системы ППД", "6000000.00", "2024-04-10", "2024-12-31")
ag_oz7 = agreement("su_ozen_trade", "07-НИР/24", "2024-05-01", "lab_core", "Технический анализ и испытания образцов нефти", "6000000.00", "2024-05-01", "2024-12-31")
ag_oz8 = agreement("su_ozen_trade", "08-НИР/24", "2024-05-01", "hub_ended", "Разработка ПО прогнозирования дебитов", "7000000.00", "2024-05-01", "2025-04-30")
ag_oz9 = agreement("su_ozen_trade", "09-НИР/24", "2024-05-15", "univ_accr_only", "Исследование опустынивания прилегающих территорий", "5000000.00", "2024-05-15", "2024-12-31")
ag_oz10 = agreement("su_ozen_trade", "10-НИР/24", "2024-06-03", "water_lab", "Исследование технологии утилизации буровых шламов", "8000000.00", "2024-06-03", "2025-06-30")
pay(ag_oz1, R_OZ, "2024-03-12", "9000000.00", "Финансирование научно-исследовательских работ по договору 01-НИР/24", "501", counts=True,
    label=V("trade_or_finance_performer", ["NK-22", "NK-01", "NK-07"], "An investment company (OKED 64.99) 'finances R&D': the money is passed to a financial intermediary, no research is bought."))
pay(ag_oz2, R_OZ, "2024-04-08", "9500000.00", "Выполнение НИР: подбор и адаптация насосного оборудования, поставка насосов ЭЦН", "522",
    label=V("trade_or_finance_performer", ["NK-22", "NK-01", "NK-07"], "A machinery trading house (OKED 46.69) delivering pumps under an 'R&D' label."))
pay(ag_oz3, R_OZ, "2024-04-15", "8000000.00", "Перечисление средств в доверительное управление на НИОКР", "530",
    label=V("trade_or_finance_performer", ["NK-22", "NK-01", "NK-07"], "A leasing company (OKED 64.91) receiving money 'in trust for R&D': a financial placement."))
pay(ag_oz4, R_OZ, "2024-05-13", "7000000.00", "НИОКР по повышению эффективности топлива: поставка присадки к дизтопливу", "547",
    label=V("trade_or_finance_performer", ["NK-22", "NK-01", "NK-07"], "A fuel wholesaler (OKED 46.71) delivering a diesel additive as 'R&D'."))
pay(ag_oz5, R_OZ, "2024-05-27", "6000000.00", "Исследование парафиноотложений в НКТ, этап 1", "561", counts=False,
    label=V("performer_not_eligible", ["NK-01"], "The performer's Kazakhstani-supplier status ended on 31.12.2023; on 27.05.2024 it held none."))
pay(ag_oz6, R_OZ, "2024-06-10", "6000000.00", "Научно-исследовательская работа по оптимизации системы ППД, этап 1", "578", counts=False,
    label=V("performer_not_eligible", ["NK-01"], "A consulting company with no supplier status, accreditation or Astana Hub participation."))
pay(ag_oz7, R_OZ, "2024-06-24", "6000000.00", "Технический анализ и испытания образцов нефти в рамках НИР, этап 1", "590",
    label=C("A testing laboratory (OKED 71.20, technical testing and analysis) with supplier status and accreditation doing the analyses of the research."))
pay(ag_oz8, R_OZ, "2024-09-16", "3500000.00", "Разработка ПО прогнозирования дебитов, этап 1", "640", counts=False,
    label=V("performer_not_eligible", ["NK-01"], "An Astana Hub participant only until 30.06.2024, paid on 16.09.2024 with no other status."))
pay(ag_oz9, R_OZ, "2024-07-15", "5000000.00", "Исследование опустынивания прилегающих территорий, этап 1", "602", counts=False,
    label=V("performer_not_eligible", ["NK-01"], "Under the 2010 Law only Kazakhstani suppliers, Astana Hub participants and permitted foreign performers count; this university holds only an accreditation."))
pay(ag_oz10, R_OZ, "2024-07-29", "4000000.00", "Исследование технологии утилизации буровых шламов, этап 1 (акт № 1)", "615",
    label=C("Research on drilling-waste disposal with a Kazakhstani supplier, stage 1 on its act."))

# ---- Shygys Polymetall: purposes in Russian and Kazakh -----------------------------------------------
R_SH = right("ШП-2008-31", "su_shygys", "solid", "legacy_contract")
ag_sh1 = agreement("su_shygys", "ШП/НИОКР-1", "2024-01-10", "eng_irtysh", "Исследования по обогащению полиметаллических руд", "12500000.00", "2024-01-10", "2025-12-31")
ag_sh2 = agreement("su_shygys", "ШП/НИОКР-2", "2024-01-10", "univ_tech", "Научное сопровождение разработки месторождения", "12500000.00", "2024-01-10", "2025-12-31")
ag_sh3 = agreement("su_shygys", "ШП/НИОКР-3", "2024-01-10", "inst_met", "Исследование извлечения цинка", "9900000.00", "2024-01-10", "2025-12-31")
P = [
    (ag_sh1, "2024-02-12", "1850000.00", "Ремонт помещений лаборатории обогащения", "0012", V("non_rd_purpose", ["NK-07"], "Repair of laboratory rooms is building repair; 'laboratory' names the room, not research.")),
    (ag_sh2, "2024-03-11", "2500000.00", "Спонсорская помощь научной организации к 50-летию института", "0034", V("non_rd_purpose", ["NK-07"], "Sponsorship of a science organisation's anniversary is a gift, not payment for research.")),
    (ag_sh3, "2024-04-08", "1200000.00", "Благотворительная помощь на проведение областной олимпиады школьников по химии", "0051", V("non_rd_purpose", ["NK-07"], "Charity for a school chemistry olympiad.")),
    (ag_sh1, "2024-04-22", "960000.00", "ГСМ (дизельное топливо) для буровой установки опытного участка", "0060", V("non_rd_purpose", ["NK-07"], "Diesel fuel for a drilling rig: fuel, even on a 'pilot' site.")),
    (ag_sh2, "2024-05-20", "740000.00", "Организация питания участников научно-технического совета", "0077", V("non_rd_purpose", ["NK-07"], "Catering for a scientific-technical council: hospitality.")),
    (ag_sh3, "2024-06-17", "1100000.00", "Услуги охраны территории опытно-промышленного полигона", "0089", V("non_rd_purpose", ["NK-07"], "Security services at a pilot test range.")),
    (ag_sh1, "2024-07-15", "2300000.00", "Поставка труб НКТ 73х5,5 для опытного участка", "0102", V("non_rd_purpose", ["NK-07"], "Supply of tubing pipes: a goods delivery; 'опытного участка' does not make it research.")),
    (ag_sh2, "2024-08-12", "3900000.00", "Приобретение автомобиля повышенной проходимости для нужд геологической службы", "0118", V("non_rd_purpose", ["NK-07"], "Purchase of an off-road vehicle for the geological service: a fixed asset.")),
    (ag_sh3, "2024-09-09", "650000.00", "Аренда офисных помещений за 3 квартал", "0131", V("non_rd_purpose", ["NK-07"], "Office rent for a quarter.")),
    (ag_sh1, "2024-10-07", "480000.00", "Оплата обучения персонала: курсы повышения квалификации по охране труда", "0146", V("non_rd_purpose", ["NK-07"], "Staff training in occupational safety.")),
    (ag_sh2, "2024-10-28", "350000.00", "Членский взнос в Ассоциацию горнодобывающих предприятий за 2024 год", "0158", V("non_rd_purpose", ["NK-07"], "An association membership fee.")),
    (ag_sh3, "2024-11-11", "820000.00", "Проведение праздничного мероприятия ко Дню шахтёра", "0167", V("non_rd_purpose", ["NK-07"], "A Miners' Day celebration.")),
    (ag_sh1, "2024-02-26", "3100000.00", "Исследование влияния реагентов на извлечение свинца и цинка, 1 этап (акт № 1)", "0021", C("Research on how reagents affect lead and zinc recovery: the reagents are the object of study.")),
    (ag_sh2, "2024-06-03", "2750000.00", "Исследование безопасности хвостохранилища: геотехнический мониторинг и моделирование (этап НИР)", "0083", C("Safety research of a tailings dam (monitoring and modelling) is research; 'безопасность' is not a security service.")),
    (ag_sh3, "2024-07-01", "3300000.00", "Разработка технологии получения цинкового концентрата, этап 1, акт № 1", "0097", C("An R&D stage on its act.")),
    (ag_sh1, "2024-12-02", "2900000.00", "Опытно-промышленные испытания технологии флотации, этап 2", "0175", C("Pilot-industrial trials of a flotation technology are the development stage of R&D.")),
]
for ag, d, amount, purpose, doc, label in P:
    pay(ag, R_SH, d, amount, purpose, doc, label=label)

# ---- Dala Uranium: purposes in Kazakh ---------------------------------------------------------------
R_DU = right("ДУ-2007-09", "su_dala", "uranium", "legacy_contract")
ag_du1 = agreement("su_dala", "ҒЗЖ-01/24", "2024-01-15", "agro_inst", "Жерасты шаймалау аймағындағы топырақ пен жерасты суларын зерттеу", "9800000.00", "2024-01-15", "2025-12-31", "agritech")
ag_du2 = agreement("su_dala", "ҒЗЖ-02/24", "2024-01-15", "water_lab", "Жерасты суларын тазарту технологиясын әзірлеу", "9900000.00", "2024-01-15", "2025-12-31", "greentech")
P = [
    (ag_du1, "2024-03-04", "720000.00", "Іссапар шығындары: тәуліктік ақы және қонақүйде тұру", "14", V("non_rd_purpose", ["NK-07"], "Business-trip expenses (per diems and hotel), in Kazakh.")),
    (ag_du2, "2024-04-01", "2600000.00", "Зертхана үй-жайларын күрделі жөндеу", "27", V("non_rd_purpose", ["NK-07"], "Capital repair of laboratory premises, in Kazakh.")),
    (ag_du1, "2024-05-06", "540000.00", "Жанар-жағармай материалдарын сатып алу", "39", V("non_rd_purpose", ["NK-07"], "Purchase of fuel and lubricants, in Kazakh.")),
    (ag_du2, "2024-06-10", "610000.00", "Қызметкерлерге арналған тамақтандыру қызметтері", "48", V("non_rd_purpose", ["NK-07"], "Catering for employees, in Kazakh.")),
    (ag_du1, "2024-07-08", "1300000.00", "Зертханалық реагенттер мен химиялық ыдыстарды жеткізу", "55", V("non_rd_purpose", ["NK-07"], "Delivery of laboratory reagents and glassware: a supply of consumables, in Kazakh.")),
    (ag_du1, "2024-02-19", "3100000.00", "ҒЗЖ 1-кезеңі бойынша ақы: топырақ сынамаларын зерттеу, орындалған жұмыстар актісі № 1", "9", C("Payment for R&D stage 1 (soil sample research) on its act, in Kazakh.")),
    (ag_du2, "2024-08-19", "3300000.00", "Тәжірибелік-конструкторлық жұмыс: жерасты суларын тазарту қондырғысының прототипін жасау", "63", C("Experimental-design work: building a prototype groundwater treatment unit, in Kazakh.")),
    (ag_du2, "2024-10-14", "3300000.00", "Жерасты суларын тазарту технологиясы: ҒЗЖ 2-кезеңі, акт № 2", "71", None),
]
for ag, d, amount, purpose, doc, label in P:
    pay(ag, R_DU, d, amount, purpose, doc, label=label)
ag_du3 = agreement("su_dala", "ҒЗЖ-03/25", "2025-02-03", "inst_geo", "Разработка технологии получения синтетического топлива из попутного газа", "9600000.00", "2025-02-03", "2025-12-31", "greentech")
pay(ag_du3, R_DU, "2025-04-14", "4800000.00", "Разработка технологии получения синтетического топлива из попутного газа, этап 1 (акт № 1)", "112",
    label=C("R&D on making synthetic fuel from associated gas: 'топливо' is the research subject, not a fuel purchase."))
pay(ag_du3, R_DU, "2025-10-13", "4800000.00", "Разработка технологии получения синтетического топлива, этап 2 (акт № 2)", "245")

# ---- Tau Ken Shygys: the affiliation graph around one payer -----------------------------------------
R_TK = right("ТКШ-2012-11", "su_affil", "solid", "legacy_contract")
ag_tk = {}
for n, perf, subj in [
    (1, "tks_sub", "Исследование технологии подземной добычи на глубоких горизонтах"),
    (2, "arman_centre", "Исследование сейсмической активности при массовых взрывах"),
    (3, "tks_deep", "Разработка технологии селективной флотации"),
    (4, "tks_cousin", "Исследование выщелачивания медных отвалов"),
    (5, "founder_perf", "Геохимические исследования флангов месторождения"),
    (6, "ex_sub", "Геофизические исследования глубоких горизонтов"),
    (7, "later_sub", "Исследование технологии переработки шлаков"),
    (8, "inst_met", "Исследование обогатимости руд новых участков"),
]:
    ag_tk[n] = agreement("su_affil", f"ТКШ-{n:02d}/24", "2024-02-01", perf, subj, "9500000.00", "2024-02-01", "2025-12-31")
pay(ag_tk[1], R_TK, "2024-03-18", "4700000.00", "Исследование технологии подземной добычи, этап 1", "3001",
    label=V("affiliate_payment", ["NK-02"], "The performer is the payer's wholly owned subsidiary."))
pay(ag_tk[2], R_TK, "2024-04-15", "4600000.00", "Исследование сейсмической активности, этап 1", "3017",
    label=V("affiliate_payment", ["NK-02"], "The performer and the payer have the same director."))
pay(ag_tk[3], R_TK, "2024-05-13", "4650000.00", "Разработка технологии селективной флотации, этап 1", "3032",
    label=V("affiliate_payment", ["NK-02"], "Payer owns 60% of Tau Invest, which owns Tau Technologies, which owns 51% of the performer: three links down."))
pay(ag_tk[4], R_TK, "2024-06-10", "4750000.00", "Исследование выщелачивания медных отвалов, этап 1", "3048",
    label=V("affiliate_payment", ["NK-02"], "The payer's parent is 68% owned by Shygys Industrial Group, which wholly owns the performer: payer ← parent ← ultimate parent → performer."))
pay(ag_tk[5], R_TK, "2024-07-08", "4500000.00", "Геохимические исследования флангов, этап 1", "3061",
    label=V("affiliate_payment", ["NK-02"], "The payer shares its founder with Altai Capital Management, which owns 90% of the performer."))
pay(ag_tk[6], R_TK, "2024-08-12", "4700000.00", "Геофизические исследования глубоких горизонтов, этап 1 (акт № 1)", "3077",
    label=C("The payer sold this former subsidiary on 31.12.2022; on the payment date of 12.08.2024 they were unrelated."))
pay(ag_tk[7], R_TK, "2024-11-11", "4600000.00", "Исследование технологии переработки шлаков, этап 1 (акт № 1)", "3109",
    label=C("The payer bought this laboratory only on 01.03.2025; on 11.11.2024 it was an outside performer."))
pay(ag_tk[8], R_TK, "2024-09-09", "4700000.00", "Исследование обогатимости руд новых участков, этап 1", "3090",
    label=C("An unrelated institute paid by a company that sits in a large group."))
first = pay(ag_tk[8], R_TK, "2024-10-15", "2350000.00", "Исследование обогатимости руд, этап 2 (часть 1)", "3312")
pay(ag_tk[8], R_TK, "2024-10-16", "2350000.00", "Исследование обогатимости руд, этап 2 (часть 1)", "3318",
    label=V("duplicate_payment", ["NK-06"], "A second number (3318, a day later) for the same part-payment of 2,350,000 to the same institute with the same purpose: the number was mistyped and the payment listed again."), also=[first])

# ---- December: payer-years -----------------------------------------------------------------------------
R_D1 = right("БГ-2015-04", "su_d1", "solid", "legacy_contract")
R_D2 = right("КЖР-2012-02", "su_d2")
R_D3 = right("ЖВ-2010-06", "su_d3", "solid", "legacy_contract")
R_D4 = right("АХ-2011-08", "su_d4", "solid", "legacy_contract")


def series(payer_key, right_number, ag_number, performer, year, amounts_by_date, subject):
    ag = agreement(payer_key, ag_number, f"{year}-01-09", performer, subject, str(sum(Decimal(a) for _, a in amounts_by_date)), f"{year}-01-09", f"{year}-12-31")
    for i, (d, a) in enumerate(amounts_by_date, start=1):
        pay(ag, right_number, d, a, f"{subject}: этап {i}, акт выполненных работ № {i}", f"{ag_number[:2]}{i:03d}")
    return ag


series("su_d1", R_D1, "БГ-НИР-24", "inst_met", 2024, [("2024-03-15", "1200000.00"), ("2024-06-14", "1300000.00"), ("2024-09-13", "1100000.00"),
       ("2024-12-20", "3900000.00"), ("2024-12-26", "2800000.00"), ("2024-12-27", "2950000.00"), ("2024-12-28", "1650000.00")],
       "Исследование технологии извлечения золота из упорных руд")
series("su_d2", R_D2, "КЖ-НИР-25", "inst_geo", 2025, [("2025-02-20", "1400000.00"), ("2025-04-18", "1350000.00"), ("2025-06-20", "1500000.00"), ("2025-08-22", "1450000.00"),
       ("2025-12-05", "2600000.00"), ("2025-12-15", "2700000.00"), ("2025-12-29", "2500000.00"), ("2025-12-30", "400000.00")],
       "Исследование технологии интенсификации притока")
series("su_d3", R_D3, "ЖВ-НИР-24", "eng_irtysh", 2024, [("2024-02-15", "1500000.00"), ("2024-03-29", "1600000.00"), ("2024-05-31", "1550000.00"), ("2024-07-31", "1450000.00"),
       ("2024-09-30", "1500000.00"), ("2024-10-31", "1480000.00"), ("2024-11-29", "1400000.00"), ("2024-12-16", "5600000.00"), ("2024-12-27", "1100000.00")],
       "Разработка технологии обогащения вольфрамовых руд")
series("su_d4", R_D4, "АХ-НИР-25", "univ_tech", 2025, [("2025-01-31", "1250000.00"), ("2025-03-31", "1300000.00"), ("2025-05-30", "1280000.00"), ("2025-06-30", "1310000.00"),
       ("2025-08-29", "1270000.00"), ("2025-09-30", "1290000.00"), ("2025-10-31", "1300000.00"), ("2025-12-19", "1260000.00")],
       "Исследование технологии переработки хромовых шламов")
PAYER_YEAR_LABELS = [
    ("su_d1", 2024, V("december_dump", ["NK-08"], "76% of the year's R&D money (11.3 of 14.9 million) paid in the last nine days of December.")),
    ("su_d2", 2025, V("december_dump", ["NK-08"], "59% of the year paid in December in four lines, after a steady spring and summer.")),
    ("su_d3", 2024, C("A large December stage (5.6 million, the calendar plan's final acceptance) still leaves December at 39% of the year.")),
    ("su_d4", 2025, C("Payments spread evenly over the year; December holds one ordinary stage.")),
]

# ---- Right-years: shortfalls, missing and cut bases, budget transfers --------------------------------
R_R = {k: right(n, k, mineral) for k, n, mineral in [
    ("su_r1", "СП-2014-01", "hydrocarbons"), ("su_r2", "ЕЖ-2013-02", "hydrocarbons"), ("su_r3", "ҚСР-2015-03", "hydrocarbons"), ("su_r4", "ЖО-2016-04", "hydrocarbons"),
    ("su_r5", "БК-2012-05", "solid"), ("su_r6", "ОМ-2014-06", "hydrocarbons"), ("su_r7", "ТК-2011-07", "solid"), ("su_r8", "АР-2013-08", "solid"),
    ("su_r9", "ШУ-2012-09", "uranium"), ("su_r10", "МҚ-2016-10", "hydrocarbons")]}


def yearly(payer_key, year, total, performer="inst_geo", counts=True, doc_prefix=""):
    """One agreement and two stage payments of ``total`` in ``year`` (a sizeable R&D programme)."""
    ag = agreement(payer_key, f"{doc_prefix}НИР-{year}-{payer_key[-2:].strip('_')}", f"{year}-01-20", performer, "Исследование по программе НИОКР недропользователя", str(total), f"{year}-01-20", f"{year}-12-31")
    half = (Decimal(total) / 2).quantize(Decimal("0.01"))
    pay(ag, R_R.get(payer_key) or RIGHTS_BY_HOLDER[payer_key], f"{year}-05-15", str(half), "Оплата 1 этапа НИР по акту № 1", f"{doc_prefix}{year % 100}05", counts=counts)
    pay(ag, R_R.get(payer_key) or RIGHTS_BY_HOLDER[payer_key], f"{year}-10-15", str(Decimal(total) - half), "Оплата 2 этапа НИР по акту № 2", f"{doc_prefix}{year % 100}10", counts=counts)


RIGHTS_BY_HOLDER: dict[str, str] = {}
B = Decimal
# su_r1: obligation 2024 = 100 M, spent 60 M -> shortfall; 2025: obligation 90 M, spent 95 M.
yearly("su_r1", 2024, "60000000.00"); yearly("su_r1", 2025, "95000000.00")
RIGHTS["СП-2014-01"].bases = {2023: B("10000000000.00"), 2024: B("9000000000.00"), 2025: B("9000000000.00")}
# su_r2: 2024 over-fulfilled by 30 M (carried forward), 2025 spends 25 M against 50 M: covered by the credit.
yearly("su_r2", 2024, "80000000.00"); yearly("su_r2", 2025, "25000000.00")
RIGHTS["ЕЖ-2013-02"].bases = {2023: B("5000000000.00"), 2024: B("5000000000.00"), 2025: B("5000000000.00")}
# su_r3: 55 M paid in 2024, 30 M of it to a foreign performer without permission: 25 M counts against 40 M.
ag_r3 = agreement("su_r3", "НИР-2024-ИН", "2024-02-01", "for_noperm", "Core flooding experiments", "30000000.00", "2024-02-01", "2024-12-31")
pay(ag_r3, "ҚСР-2015-03", "2024-06-20", "30000000.00", "Core flooding experiments, stage 1", "2406", counts=False,
    label=V("foreign_without_permission", ["NK-01"], "A foreign laboratory without permission, paid 30 million."))
yearly("su_r3", 2024, "25000000.00"); yearly("su_r3", 2025, "45000000.00")
RIGHTS["ҚСР-2015-03"].bases = {2023: B("4000000000.00"), 2024: B("4000000000.00"), 2025: B("4000000000.00")}
# su_r4: the 2024 base was never reported.
yearly("su_r4", 2024, "40000000.00"); yearly("su_r4", 2025, "40000000.00")
RIGHTS["ЖО-2016-04"].bases = {2023: B("3000000000.00"), 2024: None, 2025: B("3100000000.00")}
# su_r5: the 2024 base of 8.2 bn is corrected to 2.0 bn in a later report (revision 2): the 2025 obligation drops from 82 to 20 M.
yearly("su_r5", 2024, "90000000.00"); yearly("su_r5", 2025, "25000000.00")
RIGHTS["БК-2012-05"].bases = {2023: B("8000000000.00"), 2024: B("8200000000.00"), 2025: B("2100000000.00")}
# su_r6: the 2023 base of 6 bn is corrected to 2.4 bn: the 2024 obligation drops from 60 to 24 M.
yearly("su_r6", 2024, "30000000.00"); yearly("su_r6", 2025, "65000000.00")
RIGHTS["ОМ-2014-06"].bases = {2023: B("6000000000.00"), 2024: B("6000000000.00"), 2025: B("6000000000.00")}
# su_r7: base falls from 7 bn (2023) to 3 bn (2024) with no explanation: the 2025 obligation falls by 40 M.
yearly("su_r7", 2024, "75000000.00"); yearly("su_r7", 2025, "35000000.00")
RIGHTS["ТК-2011-07"].bases = {2023: B("7000000000.00"), 2024: B("3000000000.00"), 2025: B("3000000000.00")}
# su_r8: 2024 base corrected upwards by 15%.
yearly("su_r8", 2024, "55000000.00"); yearly("su_r8", 2025, "60000000.00")
RIGHTS["АР-2013-08"].bases = {2023: B("5000000000.00"), 2024: B("5000000000.00"), 2025: B("5000000000.00")}
# su_r9: 2024 base corrected downwards by 8%.
yearly("su_r9", 2024, "55000000.00"); yearly("su_r9", 2025, "50000000.00")
RIGHTS["ШУ-2012-09"].bases = {2023: B("5000000000.00"), 2024: B("5000000000.00"), 2025: B("5000000000.00")}
# su_r10: base falls by 20% from 2023 to 2024 (production declining), obligations met.
yearly("su_r10", 2024, "55000000.00"); yearly("su_r10", 2025, "45000000.00")
RIGHTS["МҚ-2016-10"].bases = {2023: B("5000000000.00"), 2024: B("4000000000.00"), 2025: B("4000000000.00")}

# Base figure reports (revisions recorded after the year closed).
BASE_REPORTS = [
    ("su_r5", 2024, "БК-2012-05", "2050000000.00", "Корректировка СГД 2024 (письмо № 14-07/118)"),
    ("su_r6", 2023, "ОМ-2014-06", "2400000000.00", "Уточнённый отчёт ЛКУ за 2023 год"),
    ("su_r8", 2024, "АР-2013-08", "5750000000.00", "Корректировка по результатам аудита"),
    ("su_r9", 2024, "ШУ-2012-09", "4600000000.00", "Уточнение СГД по акту сверки"),
]
RIGHT_YEAR_LABELS = [
    ("su_r1", "СП-2014-01", 2024, V("shortfall", ["NK-12"], "Obligation 100 million (1% of 10 bn), 60 million spent: 40 million in arrears.")),
    ("su_r1", "СП-2014-01", 2025, C("Obligation 90 million, 95 million spent with eligible performers.")),
    ("su_r2", "ЕЖ-2013-02", 2024, C("Obligation 50 million, 80 million spent: the excess is carried forward.")),
    ("su_r2", "ЕЖ-2013-02", 2025, C("25 million spent against 50 million, but 30 million carried forward from 2024 covers the rest (2010 Law, credit since 2015).")),
    ("su_r3", "ҚСР-2015-03", 2024, V("shortfall", ["NK-12"], "55 million paid, but 30 million went to a foreign performer without permission: 25 million counts against 40 million.")),
    ("su_r4", "ЖО-2016-04", 2025, V("missing_base", ["NK-21"], "No 2024 aggregate income was ever reported, so the 2025 obligation cannot be computed.")),
    ("su_r5", "БК-2012-05", 2025, V("base_revised_down", ["NK-15"], "The 2024 base of 8.2 bn was revised to 2.05 bn (−75%) long after the year: the 2025 obligation falls from 82 to 20.5 million and 25 million now looks enough.")),
    ("su_r6", "ОМ-2014-06", 2024, V("base_revised_down", ["NK-15"], "The 2023 base of 6 bn was revised to 2.4 bn (−60%) after 2024 had closed: the 2024 obligation falls from 60 to 24 million against 30 million spent.")),
    ("su_r7", "ТК-2011-07", 2025, V("base_drop", ["NK-15"], "The base falls from 7 bn (2023) to 3 bn (2024), −57%, with no explanation on file.")),
    ("su_r8", "АР-2013-08", 2025, C("The 2024 base was corrected upwards by 15%; the larger obligation (57.5 million) is met with 60 million.")),
    ("su_r9", "ШУ-2012-09", 2025, C("The 2024 base was corrected down by 8% (5.0 → 4.6 bn): an ordinary reconciliation; 50 million spent against 46 million.")),
    ("su_r10", "МҚ-2016-10", 2025, C("The base fell by 20% as production declined; 45 million spent against 40 million.")),
]

# Budget channel from 23.02.2026 (hydrocarbons): 2026 contributions to KBK 401103.
BUDGET = [{"code": "CODE2017_COSTS", "from": "2025-01-01", "legal_reason": "Кодекс 2017 г., ст. 129"},
          {"code": "BUDGET2026_COSTS", "from": "2026-02-23", "legal_reason": "совместный приказ № 37604"}]
for key, number in [("su_b1", "БМ-2019-21"), ("su_b2", "ҚП-2018-22"), ("su_b3", "ТО-2019-23")]:
    right(number, key, "hydrocarbons", "hc_production", regimes=BUDGET, base_type="production_costs", production_start="2020-03-01")
    RIGHTS_BY_HOLDER[key] = number
    RIGHTS[number].bases = {2024: B("3000000000.00"), 2025: B("3000000000.00")}
    yearly(key, 2025, "40000000.00")
TREASURY = [
    ("su_b2", "ҚП-2018-22", [("4471", "2026-06-15", "9000000.00")]),
    ("su_b3", "ТО-2019-23", [("2210", "2026-05-20", "15000000.00"), ("3318", "2026-10-12", "15000000.00")]),
]
RIGHT_YEAR_LABELS += [
    ("su_b1", "БМ-2019-21", 2026, V("missing_transfer", ["NK-14"], "30 million due to KBK 401103 for 2026; nothing transferred by the end of the year.")),
    ("su_b2", "ҚП-2018-22", 2026, V("missing_transfer", ["NK-14"], "30 million due for 2026; one transfer of 9 million, 21 million outstanding.")),
    ("su_b3", "ТО-2019-23", 2026, C("30 million due for 2026, transferred in two orders of 15 million in May and October.")),
]


# ==================================================================================================
# Batch 2: written after the indicators were reworked against batch 1, in forms batch 1 does not use.
BATCH[0] = 2

payer("su_x1", "ТОО «Сарыарқа Энерго Ресурс»", "«Сарыарқа Энерго Ресурс» ЖШС", "Saryarka Energy Resource LLP", "karaganda", "coal")
payer("su_x2", "ТОО «Атырау Терең Бұрғылау»", "«Атырау Терең Бұрғылау» ЖШС", "Atyrau Deep Drilling LLP", "atyrau")
payer("su_x3", "ТОО «Алтын Дала Майнинг»", "«Алтын Дала Майнинг» ЖШС", "Altyn Dala Mining LLP", "akmola", "solid")
payer("su_x4", "ТОО «Іле Газ»", "«Іле Газ» ЖШС", "Ile Gas LLP", "almaty_region")
payer("su_x5", "ТОО «Ырғыз Мұнай»", "«Ырғыз Мұнай» ЖШС", "Yrgyz Munai LLP", "aktobe")
payer("su_x6", "ТОО «Жосалы Кен»", "«Жосалы Кен» ЖШС", "Zhosaly Ken LLP", "kyzylorda", "solid")
org("x_inst", "Институт горного дела «Терең»", "«Терең» тау-кен ісі институты", "Teren Mining Institute", "research_institute", "karaganda", "2002-03-03", "72.19", [SUP, ACC])
org("x_lab", "ТОО «Петро Лаб Сервис»", "«Петро Лаб Сервис» ЖШС", "Petro Lab Service LLP", "company", "atyrau", "2010-10-10", "72.19", [SUP, ACC])
org("x_for_expired", "Baltic Geomechanics OÜ", "Baltic Geomechanics OÜ", "Baltic Geomechanics OÜ", "foreign", "foreign", "2012-01-01", "72.19",
    [attr("foreign_permission", "2023-07-01", "2024-06-30", "МПС-РАЗР-2023-041", "разрешение на 12 месяцев")])
org("x_late_sup", "ТОО «Жаңа Технологиялар Орталығы»", "«Жаңа Технологиялар Орталығы» ЖШС", "New Technologies Centre LLP", "company", "astana", "2016-05-05", "72.19",
    [attr("kazakhstani_supplier", "2024-10-01", None, "", "справка о доле граждан РК с 01.10.2024")])
org("x_hub_new", "ТОО «Data Mine AI»", "«Data Mine AI» ЖШС", "Data Mine AI LLP", "hub_participant", "astana", "2019-02-02", "62.01",
    [attr("astana_hub", "2024-04-15", None, "AH-2024-1187", "участник кластера с 15.04.2024")])
org("x_young", "ТОО «Кварц Инжиниринг»", "«Кварц Инжиниринг» ЖШС", "Quartz Engineering LLP", "company", "karaganda", "2023-08-01", "72.19",
    [attr("kazakhstani_supplier", "2023-08-01", None, "", "штат 100% граждане РК")])
# A five-link chain: payer ← parent ← grandparent → holding arm → its subsidiary → performer.
org("x_parent", "АО «Атырау Холдинг»", "«Атырау Холдинг» АҚ", "Atyrau Holding JSC", "company", "atyrau", "2004-04-04", "70.10")
org("x_grand", "АО «Каспий Инвест Групп»", "«Каспий Инвест Групп» АҚ", "Caspian Invest Group JSC", "company", "astana", "2001-01-01", "64.20")
org("x_arm", "ТОО «Каспий Сервис Холдинг»", "«Каспий Сервис Холдинг» ЖШС", "Caspian Service Holding LLP", "company", "astana", "2006-06-06", "70.10")
org("x_arm_sub", "ТОО «Каспий Технолоджи»", "«Каспий Технолоджи» ЖШС", "Caspian Technology LLP", "company", "atyrau", "2009-09-09", "70.10")
org("x_chain_perf", "ТОО «Терең Зерттеу Орталығы»", "«Терең Зерттеу Орталығы» ЖШС", "Deep Research Centre LLP", "company", "atyrau", "2012-12-12", "72.19", [SUP, ACC])
org("x_dir_perf", "ТОО «Ұңғыма Ғылым»", "«Ұңғыма Ғылым» ЖШС", "Well Science LLP", "company", "atyrau", "2011-11-11", "72.19", [SUP, ACC])
org("x_exdir_perf", "ТОО «Каспий Керн»", "«Каспий Керн» ЖШС", "Caspian Core LLP", "company", "atyrau", "2010-02-02", "72.19", [SUP, ACC])
own("x_parent", "su_x2", "100")
own("x_grand", "x_parent", "80")
own("x_grand", "x_arm", "100")
own("x_arm", "x_arm_sub", "100")
own("x_arm_sub", "x_chain_perf", "70")
link("x_parent", "x_dir_perf", "common_director", note="директор холдинга — председатель наблюдательного совета исполнителя")
AFFILIATIONS.append({"source": "su_x2", "target": "x_exdir_perf", "kind": "common_director", "share": None, "valid_from": "2018-01-01", "valid_to": "2023-05-31", "note": "общий директор до 31.05.2023"})

R_X1 = right("САЭР-2014-01", "su_x1", "solid", "legacy_contract")
ag_x1a = agreement("su_x1", "НИОКР-1/2025", "2025-01-14", "x_inst", "Исследование метаноносности угольных пластов", "9800000.00", "2025-01-14", "2025-12-31")
ag_x1b = agreement("su_x1", "НИОКР-2/2025", "2025-01-14", "x_inst", "Исследование устойчивости кровли лав", "11500000.00", "2025-01-14", "2025-12-31")
ag_x1c = agreement("su_x1", "НИОКР-3/2025", "2025-02-03", "x_lab", "Исследование состава шахтных вод", "9900000.00", "2025-02-03", "2025-12-31")
first = pay(ag_x1a, R_X1, "2025-03-14", "2150000.00", "Исследование метаноносности, этап 1 (акт № 1)", "№ПП-1520")
pay(ag_x1a, R_X1, "2025-03-14", "2150000.00", "Исследование метаноносности, этап 1", "ПП №1520",
    label=V("duplicate_payment", ["NK-06"], "'№ПП-1520' and 'ПП №1520': the sign and the prefix swapped places, one order of 14.03.2025."), also=[first])
first = pay(ag_x1c, R_X1, "2025-04-21", "1800000.00", "Исследование состава шахтных вод, этап 1", "ПП-77")
pay(ag_x1c, R_X1, "2025-04-21", "1800000.00", "Исследование состава шахтных вод, этап 1 (акт № 1)", "PP-77",
    label=V("duplicate_payment", ["NK-06"], "'PP-77' typed with Latin letters and 'ПП-77' with Cyrillic ones: the same order pasted from two systems."), also=[first])
first = pay(ag_x1b, R_X1, "2025-05-19", "3333333.33", "Исследование устойчивости кровли, этап 1 (акт № 1)", "5501")
pay(ag_x1b, R_X1, "2025-05-25", "3333333.33", "Исследование устойчивости кровли, этап 1 (акт № 1)", "5560",
    label=V("duplicate_payment", ["NK-06"], "The same stage 1 of 3,333,333.33 entered again six days later under another number, with the same act."), also=[first])
pay(ag_x1a, R_X1, "2025-06-16", "1500000.00", "Исследование метаноносности, этап 2 (акт № 2)", "610",
    label=C("Two agreements with the same institute each pay a stage of 1,500,000 on the same day under consecutive numbers: two payments."))
pay(ag_x1b, R_X1, "2025-06-16", "1500000.00", "Исследование устойчивости кровли, этап 2 (акт № 2)", "611",
    label=C("The other of the two same-day stage payments: its own agreement, act and number."))
P = [
    (ag_x1c, "2025-02-17", "185000.00", "Оплата услуг связи и интернета за январь", "402", V("non_rd_purpose", ["NK-07"], "Telephone and internet charges.")),
    (ag_x1c, "2025-03-03", "640000.00", "Приобретение спецодежды и СИЗ для сотрудников лаборатории", "455", V("non_rd_purpose", ["NK-07"], "Workwear and protective equipment for laboratory staff: supplies.")),
    (ag_x1a, "2025-04-07", "97000.00", "Кеңсе тауарларын сатып алу", "511", V("non_rd_purpose", ["NK-07"], "Office supplies, in Kazakh.")),
    (ag_x1b, "2025-04-28", "450000.00", "Legal advisory services on the R&D agreement", "536", V("non_rd_purpose", ["NK-07"], "Legal advice about an R&D agreement is legal services, not research.")),
    (ag_x1c, "2025-07-14", "380000.00", "Страхование имущества опытной установки на 2025 год", "702", V("non_rd_purpose", ["NK-07"], "Property insurance of a pilot rig.")),
    (ag_x1a, "2025-08-11", "260000.00", "Вывоз и утилизация бытовых отходов с территории научного полигона", "761", V("non_rd_purpose", ["NK-07"], "Removal of household waste from a test range.")),
    (ag_x1b, "2025-09-08", "520000.00", "Транспортные услуги: доставка персонала на месторождение", "812", V("non_rd_purpose", ["NK-07"], "Staff transport to the field.")),
    (ag_x1c, "2025-10-06", "430000.00", "Hotel accommodation for visiting researchers, October", "866", V("non_rd_purpose", ["NK-07"], "Lodging for visiting researchers is travel, whoever stays.")),
    (ag_x1a, "2025-10-20", "700000.00", "Ғылыми конференцияға демеушілік көмек", "891", V("non_rd_purpose", ["NK-07"], "Sponsorship of a scientific conference, in Kazakh.")),
    (ag_x1b, "2025-11-10", "210000.00", "Услуги по уборке помещений НИИ за октябрь", "930", V("non_rd_purpose", ["NK-07"], "Cleaning of an institute's rooms.")),
    (ag_x1a, "2025-07-07", "1900000.00", "Исследование процессов утилизации шахтного метана: этап 3 НИР (акт № 3)", "690", C("Research on utilising mine methane: 'утилизация' is the subject of the research.")),
    (ag_x1c, "2025-09-22", "2100000.00", "Research on catering-waste biogas digestion at the mine camp, stage 2", "840", C("Research on digesting canteen waste into biogas: 'catering' names the waste studied.")),
    (ag_x1b, "2025-11-24", "1400000.00", "Шахталық байланыс желілерінің сенімділігін зерттеу (ҒЗЖ 3-кезеңі)", "951", C("Research on the reliability of mine communication networks, in Kazakh: 'байланыс' is the object, not a phone bill.")),
    (ag_x1c, "2025-12-01", "1600000.00", "Исследование транспорта взвешенных частиц в шахтных водах, этап 3 (акт № 3)", "970", C("Research on how suspended particles are transported in mine water: not a transport service.")),
]
for ag, d, amount, purpose, doc, label in P:
    pay(ag, R_X1, d, amount, purpose, doc, label=label)

R_X2 = right("АТБ-2013-02", "su_x2")
ag_x2 = {n: agreement("su_x2", f"АТБ/{n}-25", "2025-02-10", perf, subj, "9600000.00", "2025-02-10", "2025-12-31") for n, perf, subj in [
    (1, "x_chain_perf", "Исследование технологии бурения горизонтальных скважин"),
    (2, "x_dir_perf", "Исследование цементирования в условиях АВПД"),
    (3, "x_exdir_perf", "Исследование керна подсолевых отложений"),
]}
pay(ag_x2[1], R_X2, "2025-04-14", "4800000.00", "Исследование технологии бурения, этап 1 (акт № 1)", "1404",
    label=V("affiliate_payment", ["NK-02"], "Five links: the payer's parent is 80% owned by Caspian Invest Group, which owns Caspian Service Holding, which owns Caspian Technology, which owns 70% of the performer."))
pay(ag_x2[2], R_X2, "2025-05-12", "4800000.00", "Исследование цементирования, этап 1 (акт № 1)", "1452",
    label=V("affiliate_payment", ["NK-02"], "The payer's parent shares its director with the performer: payer ← parent ~ performer."))
pay(ag_x2[3], R_X2, "2025-06-09", "4800000.00", "Исследование керна подсолевых отложений, этап 1 (акт № 1)", "1499",
    label=C("The common director left on 31.05.2023; in June 2025 the payer and the core laboratory were unrelated."))

R_X3 = right("АДМ-2017-03", "su_x3", "solid", "legacy_contract")
ag_x3a = agreement("su_x3", "АДМ-НИР-01", "2024-03-01", "x_for_expired", "Geomechanical modelling of the open pit", "9000000.00", "2024-03-01", "2024-12-31")
ag_x3b = agreement("su_x3", "АДМ-НИР-02", "2024-04-01", "x_late_sup", "Исследование технологии кучного выщелачивания золота", "8000000.00", "2024-04-01", "2024-12-31")
ag_x3c = agreement("su_x3", "АДМ-НИР-03", "2024-04-15", "x_hub_new", "Разработка ИИ-модели сортировки руды", "7000000.00", "2024-04-15", "2024-12-31")
ag_x3d = agreement("su_x3", "АДМ-НИР-04", "2024-03-01", "x_inst", "Исследование обогатимости окисленных руд", "6000000.00", "2024-03-01", "2024-09-30")
ag_x3e = agreement("su_x3", "АДМ-НИР-05", "2024-03-01", "x_inst", "Исследование устойчивости бортов карьера", "7500000.00", "2024-04-01", "2025-03-31")
ag_x3f = agreement("su_x3", "АДМ-НИР-06", "2024-05-01", "x_lab", "Исследование сорбционного извлечения золота", "5000000.00", "2024-05-01", "2025-12-31",
                   label=V("above_agreement_amount", ["NK-05"], "3,000,000 paid in 2024 and 2,600,000 in 2025 against an agreement of 5,000,000: the excess shows only when the two years' reports are put together."))
pay(ag_x3a, R_X3, "2024-09-16", "4500000.00", "Geomechanical modelling, stage 1", "9/16-1", counts=False,
    label=V("foreign_without_permission", ["NK-01"], "The permission for this foreign performer ran out on 30.06.2024; paid on 16.09.2024."))
pay(ag_x3b, R_X3, "2024-06-10", "4000000.00", "Исследование кучного выщелачивания золота, этап 1", "6/10-1", counts=False,
    label=V("performer_not_eligible", ["NK-01"], "The performer became a Kazakhstani supplier only on 01.10.2024; on 10.06.2024 it held no status."))
pay(ag_x3c, R_X3, "2024-04-15", "3500000.00", "Разработка ИИ-модели сортировки руды, аванс", "4/15-1",
    label=C("An Astana Hub participant paid on the first day of its participation."))
pay(ag_x3d, R_X3, "2024-10-01", "3000000.00", "Исследование обогатимости окисленных руд, окончательный расчёт", "10/01-1",
    label=V("after_agreement_period", ["NK-04"], "Paid on 01.10.2024, a day after the agreement ended on 30.09.2024."))
pay(ag_x3e, R_X3, "2024-03-15", "2250000.00", "Аванс по договору АДМ-НИР-05 (подписан 01.03.2024)", "3/15-1",
    label=C("An advance after signing (01.03.2024) and before the work period starts (01.04.2024): inside the agreement's dates."))
pay(ag_x3f, R_X3, "2024-07-15", "3000000.00", "Исследование сорбционного извлечения золота, этап 1", "7/15-1")
pay(ag_x3f, R_X3, "2025-03-17", "2600000.00", "Исследование сорбционного извлечения золота, этап 2", "3/17-1")

R_X4 = right("ІГ-2012-04", "su_x4")
series("su_x4", R_X4, "ІГ-НИР-25", "x_lab", 2025, [("2025-03-20", "900000.00"), ("2025-06-20", "950000.00"), ("2025-09-19", "880000.00"),
       ("2025-12-03", "610000.00"), ("2025-12-10", "640000.00"), ("2025-12-17", "590000.00"), ("2025-12-22", "620000.00"), ("2025-12-24", "655000.00"), ("2025-12-29", "700000.00")],
       "Исследование технологии осушки газа")
R_X6 = right("ЖК-2016-06", "su_x6", "solid", "legacy_contract")
series("su_x6", R_X6, "ЖК-НИР-24", "x_inst", 2024, [("2024-02-28", "1100000.00"), ("2024-04-26", "1150000.00"), ("2024-06-28", "1200000.00"), ("2024-08-30", "1050000.00"),
       ("2024-10-31", "1180000.00"), ("2024-12-13", "2900000.00"), ("2024-12-27", "1400000.00")],
       "Исследование технологии переработки фосфоритов")
PAYER_YEAR_LABELS += [
    ("su_x4", 2025, V("december_dump", ["NK-08"], "Six small December lines in the last four weeks carry 58% of the year — the dump split up so no single line stands out.")),
    ("su_x6", 2024, C("A large final December stage with a second one: 43% of the year, under half.")),
]
ag_x6 = agreement("su_x6", "ЖК-НИР-24/2", "2024-06-03", "x_young", "Разработка системы мониторинга хвостохранилища", "12000000.00", "2024-06-03", "2025-12-31", "other", "ЖК-ПР-2024-02",
                  label=V("new_performer", ["NK-10"], "12 million signed on 03.06.2024 with a company registered on 01.08.2023, ten months earlier."))
pay(ag_x6, R_X6, "2024-07-01", "3600000.00", "Аванс 30% по договору ЖК-НИР-24/2", "7/01-2")

R_X5 = right("ЫМ-2015-05", "su_x5")
RIGHTS_BY_HOLDER.update({"su_x5": R_X5, "su_x2": R_X2})
yearly("su_x5", 2024, "45000000.00", doc_prefix="Ы")
yearly("su_x5", 2025, "30000000.00", doc_prefix="Ы")
RIGHTS["ЫМ-2015-05"].bases = {2023: B("4000000000.00"), 2024: B("5800000000.00"), 2025: B("5800000000.00")}
BASE_REPORTS.append(("su_x5", 2024, "ЫМ-2015-05", "2030000000.00", "Уточнение СГД 2024 по итогам сверки"))
RIGHTS[R_X2].bases = {2023: B("2000000000.00"), 2024: B("0.00"), 2025: B("1900000000.00")}
yearly("su_x2", 2024, "25000000.00", doc_prefix="Б")
RIGHT_YEAR_LABELS += [
    ("su_x5", "ЫМ-2015-05", 2025, V("base_revised_down", ["NK-15"], "The 2024 base of 5.8 bn was corrected to 2.03 bn (−65%) in a report filed long after the year: the 2025 obligation falls from 58 to 20.3 million.")),
    ("su_x2", "АТБ-2013-02", 2025, V("base_drop", ["NK-15"], "The 2024 base is reported as zero against 2 bn the year before, with no explanation: the 2025 obligation disappears.")),
]
# The 2024 base below is filed as production costs for a right whose regime reads aggregate income.
payer("su_x7", "ТОО «Қаратау Фосфор»", "«Қаратау Фосфор» ЖШС", "Karatau Phosphorus LLP", "zhambyl", "solid")
R_X7 = right("ҚФ-2011-07", "su_x7", "solid", "legacy_contract")
RIGHTS_BY_HOLDER["su_x7"] = R_X7
yearly("su_x7", 2024, "30000000.00", doc_prefix="Қ")
yearly("su_x7", 2025, "30000000.00", doc_prefix="Қ")
RIGHTS[R_X7].bases = {2023: B("3000000000.00"), 2025: B("3000000000.00")}
EXTRA_BASES = [{"right": R_X7, "year": 2024, "base_type": "production_costs", "amount": "2400000000.00", "source": "lku", "status": "accepted", "document": "ЛКУ 2024"}]
RIGHT_YEAR_LABELS += [
    ("su_x7", R_X7, 2025, V("missing_base", ["NK-21"], "For 2024 only production costs were filed; the right's 2010-Law regime needs the aggregate annual income, which was never reported.")),
]
REPORTS_EXTRA = {"su_x1": ("annual", ["xlsx-en"]), "su_x2": ("annual", ["csv-en-comma"]), "su_x3": ("annual", ["json", "csv-kk-tab"])}


# --------------------------------------------------------------------------------------------------
# Sizing the bases of the scenario payers: 1% of the base = half of the counted spending of the year.


def size_bases() -> None:
    spent: dict[tuple[str, int], Decimal] = defaultdict(Decimal)
    for p in PAYMENTS:
        if p.counts:
            spent[(p.right, int(p.paid_on[:4]))] += p.amount
    for number, r in RIGHTS.items():
        if r.bases:
            continue
        years = {y: spent.get((number, y), Decimal(0)) for y in (2024, 2025)}
        level = max(years.values()) / 2
        b2023 = (max(years[2024], Decimal(0)) / 2 * 100) or level * 100
        b2024 = (years[2025] / 2 * 100) or b2023
        b2024 = max(b2024, b2023 * Decimal("0.6"))  # never a fall the base-drop indicator should see
        r.bases = {2023: b2023.quantize(Decimal("1.00")), 2024: b2024.quantize(Decimal("1.00")), 2025: b2024.quantize(Decimal("1.00"))}


# --------------------------------------------------------------------------------------------------
# Batch 3: the R&D lifecycle (NK-16 v2, NK-18 v2, NK-23 … NK-26). Written from docs/control.md and
# the formats (projects.md, council-votes.md) only, in forms of the auditor's own: excesses spread
# over small payments, acts signed after the money, acts accepting less than the stage, placeholders
# that carry a year, conflicts recorded in the registry after the vote, a council's member list
# completed after the session. Loaded through the R&D intake sections (sent by the performer's and
# the payer's staff, as the upload page does), the vote import, and — where no file path exists —
# the services the pages call (``holdout_lifecycle.py``, ``holdout/README.md``).

BATCH[0] = 3

org("min_energy", "Министерство энергетики Республики Казахстан", "Қазақстан Республикасы Энергетика министрлігі", "Ministry of Energy of the Republic of Kazakhstan",
    "state_body", "astana", "1999-01-01", "84.11")
# The council's members come from these (none linked to an applicant when the votes are cast).
for _i, (_ru, _kk, _en) in enumerate([
    ("Атырауский университет нефти и газа", "Атырау мұнай және газ университеті", "Atyrau University of Oil and Gas"),
    ("Казахский национальный технический университет", "Қазақ ұлттық техникалық университеті", "Kazakh National Technical University"),
    ("Западно-Казахстанский инженерно-технологический университет", "Батыс Қазақстан инженерлік-технологиялық университеті", "West Kazakhstan University of Engineering and Technology"),
    ("Институт геологических наук имени Сатпаева", "Сәтбаев атындағы Геология ғылымдары институты", "Satpayev Institute of Geological Sciences"),
    ("ТОО «Мангистауский научный центр»", "«Маңғыстау ғылыми орталығы» ЖШС", "Mangystau Science Centre LLP"),
    ("ТОО «Каспийский центр компетенций»", "«Каспий құзыреттер орталығы» ЖШС", "Caspian Competence Centre LLP"),
    ("Актюбинский региональный университет", "Ақтөбе өңірлік университеті", "Aktobe Regional University"),
    ("Евразийский национальный университет", "Еуразия ұлттық университеті", "Eurasian National University"),
    ("Карагандинский технический университет", "Қарағанды техникалық университеті", "Karaganda Technical University"),
    ("Таразский региональный университет", "Тараз өңірлік университеті", "Taraz Regional University"),
    ("Кызылординский университет", "Қызылорда университеті", "Kyzylorda University"),
], start=1):
    org(f"m_org{_i}", _ru, _kk, _en, "university" if "ниверситет" in _ru else "research_institute" if "нститут" in _ru else "company",
        "astana", f"{1995 + _i}-09-01", "85.42" if "ниверситет" in _ru else "72.19", [SUP])
org("lc_consult", "ТОО «Мұнай Консалт Групп»", "«Мұнай Консалт Групп» ЖШС", "Munai Consult Group LLP", "company", "atyrau", "2011-05-05", "70.22")
org("lc_founder", "ТОО «Дала Инвест Холдинг»", "«Дала Инвест Холдинг» ЖШС", "Dala Invest Holding LLP", "company", "astana", "2009-03-03", "64.20")
org("lc_mid", "ТОО «Дала Энерджи»", "«Дала Энерджи» ЖШС", "Dala Energy LLP", "company", "atyrau", "2010-04-04", "70.10")
org("lc_holding", "АО «Каспий Технолоджи Холдинг»", "«Каспий Технолоджи Холдинг» АҚ", "Caspian Technology Holding JSC", "company", "astana", "2007-07-07", "64.20")
org("lc_perf_sib", "ТОО «Каспий Сейсмик Лаб»", "«Каспий Сейсмик Лаб» ЖШС", "Caspian Seismic Lab LLP", "company", "atyrau", "2013-02-02", "72.19", [SUP, ACC])
payer("su_l1", "ТОО «Атырау Терең Мұнай»", "«Атырау Терең Мұнай» ЖШС", "Atyrau Teren Munai LLP", "atyrau")
payer("su_l2", "ТОО «Каспий Шельф Ресурс»", "«Каспий Шельф Ресурс» ЖШС", "Caspian Shelf Resource LLP", "atyrau")
payer("su_l3", "ТОО «Арал Газ»", "«Арал Газ» ЖШС", "Aral Gas LLP", "kyzylorda")
payer("su_l4", "ТОО «Қызылқоға Ойл»", "«Қызылқоға Ойл» ЖШС", "Kyzylkoga Oil LLP", "atyrau")
payer("su_l5", "ТОО «Үстірт Мұнай»", "«Үстірт Мұнай» ЖШС", "Ustirt Munai LLP", "mangystau")
payer("su_l6", "ТОО «Сағыз Терең»", "«Сағыз Терең» ЖШС", "Sagyz Teren LLP", "atyrau")
payer("su_l7", "ТОО «Ойыл Газ»", "«Ойыл Газ» ЖШС", "Oiyl Gas LLP", "aktobe")
payer("su_l8", "ТОО «Жаңажол Сервис Ресурс»", "«Жаңажол Сервис Ресурс» ЖШС", "Zhanazhol Service Resource LLP", "aktobe")
payer("su_l9", "ТОО «Теңіз Шельф»", "«Теңіз Шельф» ЖШС", "Tengiz Shelf LLP", "atyrau")
payer("su_l10", "ТОО «Бозащы Терең»", "«Бозащы Терең» ЖШС", "Buzachi Teren LLP", "mangystau")
LC_RIGHTS = {k: right(f"{k.upper().replace('SU_', 'ЛЦ-')}-2012", k) for k in ("su_l1", "su_l2", "su_l3", "su_l4", "su_l5", "su_l6", "su_l7", "su_l8", "su_l9", "su_l10")}

# In the registry from the start: a three-hop founder chain, a subsidiary sold before the sessions.
link("m_org4", "lc_founder", "common_founder", "2012-01-01", "учредитель Оспанов Б. — в обеих")
own("lc_founder", "lc_mid", "100", "2012-01-01")
own("lc_mid", "su_l6", "100", "2012-01-01")
own("su_l7", "m_org5", "100", "2012-01-01", "2023-12-31", "доля продана 31.12.2023")
#: Recorded in the registry after the council's votes (a second ``niokr load``): links that existed
#: on the session day (or, the last, formed after it) but that nobody had recorded when the vote opened.
LATE_AFFILIATIONS = [
    {"source": "lc_consult", "target": "su_l4", "kind": "owner", "share": "100", "valid_from": "2018-01-01", "valid_to": None, "note": "единственный участник"},
    {"source": "m_org3", "target": "lc_consult", "kind": "common_director", "share": None, "valid_from": "2020-06-01", "valid_to": None,
     "note": "ректор университета — член наблюдательного совета и директор консалтинговой компании"},
    {"source": "lc_holding", "target": "m_org6", "kind": "owner", "share": "100", "valid_from": "2015-01-01", "valid_to": None, "note": ""},
    {"source": "lc_holding", "target": "lc_perf_sib", "kind": "owner", "share": "80", "valid_from": "2016-01-01", "valid_to": None, "note": ""},
    {"source": "m_org7", "target": "su_l10", "kind": "common_director", "share": None, "valid_from": "2026-09-01", "valid_to": None, "note": "директор назначен 01.09.2026"},
]

PEOPLE = [
    {"login": "holdout.admin", "first_name": "Айдос", "last_name": "Есенов", "administrator": True},
    {"login": "stc.secretary", "first_name": "Гүлнар", "last_name": "Ахметова", "role": "council_secretary", "org": "min_energy", "authority": "energy"},
] + [
    {"login": f"stc.m{i}", "first_name": f, "last_name": l, "role": "council_member", "org": f"m_org{i}", "authority": "energy"}
    for i, (f, l) in enumerate([("Серік", "Жұмабаев"), ("Алия", "Нұрланова"), ("Ержан", "Тоқтаров"), ("Бақыт", "Сәрсенов"), ("Динара", "Қасымова"),
                                ("Марат", "Әбенов"), ("Жанна", "Исаева"), ("Нұрлан", "Оспанов"), ("Айгүл", "Бекова"), ("Тимур", "Ғалымов"), ("Сәуле", "Рахимова")], start=1)
]
COUNCIL_MEMBERS = [{"login": "stc.secretary", "org": "min_energy", "position": "secretary", "term_from": "2025-01-01"}] + [
    {"login": f"stc.m{i}", "org": f"m_org{i}", "position": "chair" if i == 1 else "member", "term_from": "2025-01-01"} for i in range(1, 10)
]
#: Two members appointed by the ministry's order of 1 July 2026, entered in the council's list after the July session.
LATE_MEMBERS = [{"login": f"stc.m{i}", "org": f"m_org{i}", "position": "member", "term_from": "2026-07-01"} for i in (10, 11)]


@dataclass
class LcAgreement:
    ag: Agreement
    code: str
    trl: tuple | None = None  # (start, target)
    project_end: str = "2027-06-30"
    stages: list = field(default_factory=list)  # (n, title, start, end, amount)
    acts: list = field(default_factory=list)  # (stage, number, date, amount, note)
    reports: list = field(default_factory=list)  # stages whose report the performer hands in
    results: list = field(default_factory=list)
    completed: bool = False
    project_label: dict | None = None
    rd_project: bool = True
    report_texts: dict = field(default_factory=dict)  # stage -> the text of the report handed in (else one written from the plan)


LC: list[LcAgreement] = []


def lc(payer_key, number, signed_on, performer, subject, amount, period_end, code, payments, *, label=None, **kw):
    ag = agreement(payer_key, number, signed_on, performer, subject, amount, signed_on, period_end, "greentech", code, label)
    for paid_on, amt, doc, purpose in payments:
        pay(ag, LC_RIGHTS[payer_key], paid_on, amt, purpose, doc)
    item = LcAgreement(ag, code, **kw)
    item.reports = kw.get("reports", [a[0] for a in item.acts])
    LC.append(item)
    return item


def stage_pay(n):
    return f"Оплата {n}-го этапа НИР по календарному плану"


# ---- NK-23: payments beyond the accepted stages (Atyrau Teren Munai) -----------------------------
lc("su_l1", "АТМ-01/2025", "2025-01-20", "inst_geo", "Исследование технологии циклического заводнения", "30000000.00", "2026-12-31", "АТМ-ПР-01",
   [("2025-07-10", "12000000.00", "1107", stage_pay(1)), ("2025-09-15", "1400000.00", "1342", "Частичная оплата 2-го этапа НИР (промежуточный платёж)"),
    ("2025-10-20", "1450000.00", "1411", "Частичная оплата 2-го этапа НИР"), ("2025-11-25", "1500000.00", "1499", "Оплата работ 2-го этапа НИР, часть 3"),
    ("2026-07-01", "13650000.00", "0731", "Окончательный расчёт по 2-му этапу НИР (акт № 2)")],
   trl=(3, 5), stages=[(1, "Лабораторные исследования", "2025-02-01", "2025-06-30", "12000000.00"), (2, "Опытно-промысловые испытания", "2025-07-01", "2026-06-30", "18000000.00")],
   acts=[(1, "АВР-1", "2025-07-03", "12000000.00", ""), (2, "АВР-2", "2026-06-20", "18000000.00", "")],
   label=V("paid_beyond_acceptance", ["NK-23"], "Stage 2 was paid in three small instalments (1.40 + 1.45 + 1.50 mln, Sept–Nov 2025) seven months before its act of 20.06.2026: 4.35 mln, 14.5 % of the agreement, paid beyond what was accepted."))
lc("su_l1", "АТМ-02/2025", "2025-03-01", "water_lab", "Исследование ингибиторов солеотложения", "16000000.00", "2025-12-31", "АТМ-ПР-02",
   [("2025-04-10", "8000000.00", "1188", stage_pay(1)), ("2025-10-15", "8000000.00", "1580", stage_pay(2))],
   trl=(4, 5), stages=[(1, "Подбор ингибиторов", "2025-03-01", "2025-04-30", "8000000.00"), (2, "Испытания на скважинах", "2025-05-01", "2025-10-31", "8000000.00")],
   acts=[(1, "1", "2025-04-28", "8000000.00", ""), (2, "2", "2025-11-05", "8000000.00", "")],
   label=V("paid_beyond_acceptance", ["NK-23"], "Each stage was paid before its act: 8 mln on 10.04.2025 against the act of 28.04.2025, then another 8 mln on 15.10.2025 against the act of 05.11.2025 — half the agreement paid ahead of acceptance twice."))
lc("su_l1", "АТМ-03/2024", "2024-05-02", "univ_tech", "Моделирование трещиноватых коллекторов", "12000000.00", "2025-06-30", "АТМ-ПР-03",
   [("2024-12-20", "6000000.00", "2290", "Оплата 1 этапа НИР в полном объёме"), ("2025-06-27", "6000000.00", "0655", stage_pay(2))],
   trl=(2, 4), stages=[(1, "Построение модели", "2024-05-02", "2024-11-30", "6000000.00"), (2, "Калибровка модели", "2024-12-01", "2025-06-30", "6000000.00")],
   acts=[(1, "АКТ-01", "2024-12-10", "5400000.00", "удержано 600 000 тг за недостатки отчёта"), (2, "АКТ-02", "2025-06-20", "6000000.00", "")],
   label=V("paid_beyond_acceptance", ["NK-23"], "The act of stage 1 accepted 5.4 mln (0.6 mln withheld for a deficient report), yet the full 6 mln stage amount was paid: 0.6 mln (5 % of the agreement) paid for work not accepted, never made good."))
lc("su_l1", "АТМ-04/2025", "2025-02-10", "eng_irtysh", "Исследование коррозионной стойкости труб НКТ", "25000000.00", "2026-06-30", "АТМ-ПР-04",
   [("2025-05-30", "12700000.00", "1260", "Оплата 1-го этапа НИР по акту № 1 с учётом курсовой разницы")],
   trl=(4, 6), stages=[(1, "Стендовые испытания", "2025-02-10", "2025-05-15", "12500000.00"), (2, "Промысловые испытания", "2025-05-16", "2026-06-30", "12500000.00")],
   acts=[(1, "1/25", "2025-05-20", "12500000.00", "")],
   label=C("Stage 1 paid 0.2 mln above its act (exchange difference): 0.8 % of the agreement, within the 1 % tolerance."))
lc("su_l1", "АТМ-05/2025", "2025-01-15", "lab_core", "Исследование фильтрационно-ёмкостных свойств керна", "9600000.00", "2025-12-31", "АТМ-ПР-05",
   [("2025-03-14", "4800000.00", "0311", stage_pay(1)), ("2025-09-01", "4800000.00", "0987", stage_pay(2))],
   trl=(3, 4), stages=[(1, "Отбор и подготовка керна", "2025-01-15", "2025-03-14", "4800000.00"), (2, "Лабораторные исследования", "2025-03-15", "2025-08-31", "4800000.00")],
   acts=[(1, "К-1", "2025-03-14", "4800000.00", ""), (2, "К-2", "2025-09-01", "4800000.00", "")],
   label=C("Each stage was paid on the very day its act was signed: an act signed on the payment day covers it."))
lc("su_l1", "АТМ-06/2024", "2024-03-01", "inst_met", "Исследование утилизации буровых шламов", "14000000.00", "2024-12-31", "АТМ-ПР-06",
   [("2024-12-05", "14000000.00", "2188", "Оплата 1 и 2 этапов НИР по актам № 1, 2")],
   trl=(3, 5), stages=[(1, "Анализ состава шламов", "2024-03-01", "2024-06-30", "7000000.00"), (2, "Технология переработки", "2024-07-01", "2024-11-30", "7000000.00")],
   acts=[(1, "Ш-1", "2024-06-28", "7000000.00", ""), (2, "Ш-2", "2024-11-29", "7000000.00", "")],
   label=C("Both stages paid in one sum after both acts were signed: payment never ran ahead of acceptance."))

# ---- NK-18 v2: completed projects without delivery or result (Caspian Shelf Resource) -------------
TRL_EVIDENCE = "Протокол оценки уровня TRL № {n} от {d}"
METHOD = "Методика TRL, приказ МНВО № 8 от 10.01.2025"
lc("su_l2", "КШР-01/2024", "2024-02-01", "inst_geo", "Исследование устойчивости ствола скважин на шельфе", "20000000.00", "2025-09-30", "КШР-ПР-01",
   [("2025-01-20", "10000000.00", "0117", stage_pay(1))], trl=(4, 6), project_end="2025-09-30", completed=True,
   stages=[(1, "Геомеханическая модель", "2024-02-01", "2024-12-31", "10000000.00"), (2, "Рекомендации по бурению", "2025-01-01", "2025-09-30", "10000000.00")],
   acts=[(1, "ШР-1", "2025-01-15", "10000000.00", "")],
   results=[{"kind": "publication", "title": "Wellbore stability of offshore wells in the North Caspian", "year": 2025, "achieved_on": "2025-04-10",
             "doi": "10.1016/j.geoen.2025.213344", "indexing": "scopus", "evidence_reference": "https://doi.org/10.1016/j.geoen.2025.213344"}],
   label=V("completed_without_delivery", ["NK-18"], "The project is marked completed, but its final stage 2 was never handed in or accepted by an act; a publication does not replace the accepted final stage."))
lc("su_l2", "КШР-02/2024", "2024-03-11", "univ_tech", "Исследование методов борьбы с гидратами", "14000000.00", "2025-06-30", "КШР-ПР-02",
   [("2024-11-05", "7000000.00", "0903", stage_pay(1)), ("2025-07-01", "7000000.00", "0640", stage_pay(2))], trl=(4, 6), project_end="2025-06-30", completed=True,
   stages=[(1, "Лабораторные исследования ингибиторов", "2024-03-11", "2024-10-31", "7000000.00"), (2, "Опытные испытания", "2024-11-01", "2025-06-30", "7000000.00")],
   acts=[(1, "Г-1", "2024-10-30", "7000000.00", ""), (2, "Г-2", "2025-06-25", "7000000.00", "")],
   label=V("completed_without_delivery", ["NK-18"], "Both stages accepted and paid, the project marked completed, yet not one result was recorded and no TRL above the starting 4: 14 mln with nothing to show."))
lc("su_l2", "КШР-03/2024", "2024-04-01", "water_lab", "Разработка способа очистки попутной воды", "12000000.00", "2025-03-31", "КШР-ПР-03",
   [("2024-10-10", "6000000.00", "0871", stage_pay(1)), ("2025-04-07", "6000000.00", "0402", stage_pay(2))], trl=(3, 5), project_end="2025-03-31", completed=True,
   stages=[(1, "Лабораторная установка", "2024-04-01", "2024-09-30", "6000000.00"), (2, "Пилотные испытания", "2024-10-01", "2025-03-31", "6000000.00")],
   acts=[(1, "В-1", "2024-10-02", "6000000.00", ""), (2, "В-2", "2025-04-01", "6000000.00", "")],
   results=[{"kind": "patent", "title": "Способ очистки попутно добываемой воды", "year": 2025, "achieved_on": "2025-05-12", "patent_office": "kazpatent",
             "patent_number": "KZ 37120", "evidence_reference": "KZ 37120"}],
   label=C("Completed with both stages accepted and a Kazpatent patent recorded: delivered and with a result."))
lc("su_l2", "КШР-04/2025", "2025-05-05", "eng_irtysh", "Исследование катодной защиты морских трубопроводов", "18000000.00", "2027-06-30", "КШР-ПР-04",
   [("2025-12-22", "9000000.00", "1702", stage_pay(1))], trl=(5, 7), project_end="2027-06-30",
   stages=[(1, "Обследование трубопроводов", "2025-05-05", "2025-12-10", "9000000.00"), (2, "Разработка системы защиты", "2026-01-01", "2027-06-30", "9000000.00")],
   acts=[(1, "КЗ-1", "2025-12-15", "9000000.00", "")],
   label=C("The project runs until June 2027: its final stage is not due, and no result is expected yet."))

# ---- NK-25: results claimed without evidence -----------------------------------------------------
_n = [10]


def result_project(performer, code, results, label, trl=None):
    _n[0] += 1
    lc("su_l2", f"КШР-{_n[0]}/2025", f"2025-0{1 + _n[0] % 8}-1{_n[0] % 9}", performer, f"НИР по проекту {code}", "6000000.00", "2027-06-30", code,
       [(f"2025-1{_n[0] % 3}-0{1 + _n[0] % 8}", "3000000.00", f"R{_n[0]}", "Аванс по календарному плану НИР")], trl=trl or (3, 6), results=results, project_label=label)


result_project("inst_geo", "КШР-ПР-11", [{"kind": "implementation", "title": "Внедрение методики подбора ПАВ", "year": 2025, "achieved_on": "2025-10-01",
                                         "implemented_at": "НГДУ «Қаламқасмұнай»", "economic_effect": "0.00", "evidence_reference": "см. отчёт"}],
               V("result_without_evidence", ["NK-25"], "An implementation whose only evidence is «см. отчёт» (see the report): a pointer to nothing, no act of implementation."))
result_project("univ_tech", "КШР-ПР-12", [{"kind": "revenue", "title": "Лицензионный доход от программного модуля", "year": 2025, "revenue": "15000000.00", "evidence_note": "есть"}],
               V("result_without_evidence", ["NK-25"], "15 mln of commercialisation revenue claimed with the note «есть» (there is): no contract, invoice or bank document."))
result_project("water_lab", "КШР-ПР-13", [{"kind": "jobs", "title": "Рабочие места в лаборатории", "year": 2025, "jobs": 6, "evidence_reference": "б/н"},
                                          {"kind": "publication", "title": "Produced water treatment with ceramic membranes", "year": 2025, "doi": "10.3390/membranes15020045",
                                           "indexing": "scopus", "evidence_reference": "https://doi.org/10.3390/membranes15020045"}],
               V("result_without_evidence", ["NK-25"], "Six jobs claimed with the evidence «б/н» (no number); the well-evidenced publication beside it does not evidence the jobs."))
result_project("eng_irtysh", "КШР-ПР-14", [{"kind": "implementation", "title": "Внедрение системы мониторинга коррозии", "year": 2025, "achieved_on": "2025-11-15",
                                           "implemented_at": "УПН «Жаңатас»", "evidence_reference": "см. отчёт за 2025 г."}],
               V("result_without_evidence", ["NK-25"], "«см. отчёт за 2025 г.» (see the 2025 report) is a placeholder with a year in it, not a document: no act of implementation, no number."))
result_project("lab_core", "КШР-ПР-15", [{"kind": "patent", "title": "Способ определения смачиваемости керна", "year": 2025, "achieved_on": "2025-08-20",
                                          "patent_office": "kazpatent", "patent_number": "KZ 37401", "evidence_reference": "KZ 37401"}],
               C("A Kazpatent patent whose evidence is its own registry number KZ 37401: checkable in the state register."))
result_project("agro_inst", "КШР-ПР-16", [{"kind": "publication", "title": "Soil remediation after oil spills in arid zones", "year": 2025, "doi": "10.3390/en18051234",
                                           "indexing": "scopus", "evidence_reference": "10.3390/en18051234"}],
               C("A publication evidenced by its DOI alone: a DOI resolves to the article."))
result_project("inst_met", "КШР-ПР-17", [{"kind": "implementation", "title": "Внедрение технологии переработки шламов", "year": 2025, "achieved_on": "2025-11-12",
                                          "implemented_at": "Полигон ТБО «Тұран»", "evidence_reference": "Акт внедрения № 7 от 12.11.2025"}],
               C("An implementation evidenced by a numbered act of implementation."))
result_project("inst_met", "КШР-ПР-18", [{"kind": "jobs", "title": "Рабочие места исследователей", "year": 2025, "jobs": 3,
                                                "evidence_note": "штатное расписание лаборатории утверждено ректором"}],
               C("Jobs evidenced only by a note, but a note long enough to name the document (the approved staffing table), as the catalogue allows."))

# ---- NK-26: TRL backwards or leaping -------------------------------------------------------------


def trl(level, day, n):
    return {"kind": "trl", "title": f"Достигнут уровень TRL {level}", "year": int(day[:4]), "achieved_on": day, "trl_level": level, "trl_methodology": METHOD,
            "evidence_reference": TRL_EVIDENCE.format(n=n, d=ddmmyyyy_(day))}


def ddmmyyyy_(iso):
    return f"{iso[8:10]}.{iso[5:7]}.{iso[:4]}"


result_project("inst_geo", "КШР-ПР-21", [trl(5, "2025-06-30", 21), trl(4, "2026-03-31", 22)],
               V("trl_regression", ["NK-26"], "TRL 5 claimed at the end of June 2025, then TRL 4 in March 2026: the level fell across two stages."), trl=(3, 6))
result_project("univ_tech", "КШР-ПР-22", [trl(6, "2025-11-20", 23)],
               V("trl_jump", ["NK-26"], "From TRL 3 at the start straight to TRL 6 in one claim: three levels, more than the two allowed."), trl=(3, 7))
result_project("water_lab", "КШР-ПР-23", [trl(4, "2025-12-01", 24)],
               V("trl_regression", ["NK-26"], "The project started at TRL 5 and its only claim is TRL 4 ('re-assessed under the 2025 methodology'): below the start."), trl=(5, 7))
result_project("eng_irtysh", "КШР-ПР-24", [trl(6, "2025-09-30", 25)],
               C("From TRL 4 to TRL 6: a rise of exactly the two levels allowed."), trl=(4, 7))
result_project("lab_core", "КШР-ПР-25", [trl(6, "2025-06-30", 26), trl(8, "2026-06-30", 27)],
               C("TRL 4 → 6 → 8, a year apart: each step exactly two levels, never more."), trl=(4, 8))
lc("su_l2", "КШР-27/2025", "2025-01-10", "inst_met", "НИР по проекту КШР-ПР-27", "8000000.00", "2027-06-30", "КШР-ПР-27",
   [("2025-07-15", "4000000.00", "R27", stage_pay(1))], trl=(3, 7),
   stages=[(1, "Лабораторный прототип", "2025-01-10", "2025-06-30", "4000000.00"), (2, "Опытный образец", "2025-07-01", "2027-06-30", "4000000.00")],
   acts=[(1, "П-1", "2025-07-05", "4000000.00", "")], results=[trl(4, "2025-03-01", 28), trl(6, "2025-05-15", 29)],
   project_label=V("trl_jump", ["NK-26"], "Both claims fall within stage 1 (10.01–30.06.2025): TRL 3 → 4 → 6, three levels within one stage of the calendar plan."))

# ---- NK-16 v2: agreements of 2026 without an approved programme (Aral Gas) ------------------------
lc("su_l3", "АГ-2026/03", "2026-02-16", "inst_geo", "Исследование газоконденсатной системы месторождения Арал", "48000000.00", "2027-12-31", "АГ-ПР-01",
   [("2026-03-02", "14400000.00", "0214", "Аванс 30 % по договору НИР")], rd_project=False,
   label=V("agreement_without_programme", ["NK-16"], "Signed in February 2026 for 48 mln: from 2026 a council must approve the programme, and none is recorded for the project."))
lc("su_l3", "АГ-2025/41", "2025-12-30", "univ_tech", "Исследование технологий подготовки газа", "48000000.00", "2027-12-31", "АГ-ПР-02",
   [("2026-01-20", "14400000.00", "0033", "Аванс 30 % по договору НИР")], rd_project=False,
   label=C("Signed on 30.12.2025, a day before councils decide every project: the project alone suffices."))
lc("su_l3", "АГ-2026/07", "2026-03-02", "eng_irtysh", "Исследование осушки газа", "10000000.00", "2027-06-30", "АГ-ПР-03",
   [("2026-04-01", "3000000.00", "0377", "Аванс 30 % по договору НИР")], rd_project=False,
   label=V("agreement_without_programme", ["NK-16"], "A 2026 agreement of exactly 10 mln — the threshold itself — with no programme recorded for its project."))
lc("su_l3", "АГ-2026/11", "2026-04-01", "lab_core", "Исследование состава газоконденсата", "9800000.00", "2026-12-31", "АГ-ПР-04",
   [("2026-05-05", "2940000.00", "0502", "Аванс 30 % по договору НИР")], rd_project=False,
   label=C("A 2026 agreement of 9.8 mln, under the 10 mln from which a missing programme is judged."))
lc("su_l3", "АГ-2026/15", "2026-03-20", "water_lab", "Исследование очистки пластовых вод месторождения Арал", "40000000.00", "2027-12-31", "АГ-ПР-05",
   [("2026-04-15", "12000000.00", "0433", "Аванс 30 % по договору НИР")], rd_project=False,
   label=C("The council approved Aral Gas's programme for this work, with this performer, on 05.03.2026, two weeks before the signing: an approved programme stands behind it."))

# ---- NK-24: council decisions ------------------------------------------------------------------
ALL = [f"stc.m{i}" for i in range(1, 10)]


def programme_doc(applicant, performer, ru, kk, en, trl_=(3, 6), amount="40000000.00"):
    return {"applicant": ORGS[applicant].bin, "programme": {
        "title_ru": ru, "title_kk": kk, "title_en": en, "abstract": f"{ru}. Цели, задачи, ожидаемые результаты и календарный план.",
        "priority_direction": "greentech", "tcc_sector": "oil_gas", "trl_start": trl_[0], "trl_target": trl_[1], "performer": performer,
        "rights": [LC_RIGHTS[applicant]], "budget": [{"year": 2026, "amount": amount}]}}


@dataclass
class Sitting:
    held_on: str
    applicant: str
    performer: str
    titles: tuple
    votes: dict  # login -> "for" / "against" / "abstain" / None (present, no vote); absent: not listed
    policy: dict = field(default_factory=dict)
    label: dict | None = None


SITTINGS = [
    Sitting("2026-02-12", "su_l4", "inst_geo", ("Программа повышения нефтеотдачи месторождения Қызылқоға", "Қызылқоға кен орнының мұнай бергіштігін арттыру бағдарламасы", "Enhanced oil recovery programme for the Kyzylkoga field"),
            {"stc.m1": "for", "stc.m2": "for", "stc.m3": "for", "stc.m4": "for", "stc.m5": "for", "stc.m6": "for", "stc.m7": "against"},
            label=V("council_conflict_vote", ["NK-24"], "Member m3's university shares its director with Munai Consult Group, the applicant's sole owner: two links on the session day (recorded in the registry only later), and m3 voted for.")),
    Sitting("2026-03-05", "su_l3", "water_lab", ("Программа очистки пластовых вод месторождения Арал", "Арал кен орнының қабат суларын тазарту бағдарламасы", "Formation water treatment programme for the Aral field"),
            {**{m: "for" for m in ALL[:6]}, **{m: "against" for m in ALL[6:]}},
            label=C("Nine present, six for and three against: exactly two thirds of the votes cast, approved as recorded.")),
    Sitting("2026-04-09", "su_l5", "univ_tech", ("Программа цифрового мониторинга скважин Үстірт", "Үстірт ұңғымаларын цифрлық мониторингтеу бағдарламасы", "Digital well monitoring programme for Ustirt"),
            {"stc.m1": "for", "stc.m2": "for", "stc.m3": "for", "stc.m4": "for", "stc.m5": "against", "stc.m6": "against", "stc.m7": "abstain", "stc.m8": "abstain", "stc.m9": "abstain"},
            policy={"abstentions_count": False},
            label=C("Four for, two against, three abstentions under a session policy where abstentions are not votes cast: 4 of 6 is two thirds, approved as recorded.")),
    Sitting("2026-05-14", "su_l6", "agro_inst", ("Программа рекультивации нефтезагрязнённых земель Сағыз", "Сағыз мұнаймен ластанған жерлерін қалпына келтіру бағдарламасы", "Remediation programme for oil-polluted land at Sagyz"),
            {**{m: "for" for m in ALL[:7]}, "stc.m8": "against"},
            label=C("Member m4 voted; his institute shares a founder with the applicant's owner's owner: three links away, beyond the two the catalogue counts.")),
    Sitting("2026-06-11", "su_l7", "eng_irtysh", ("Программа защиты газопроводов Ойыл от коррозии", "Ойыл газ құбырларын коррозиядан қорғау бағдарламасы", "Corrosion protection programme for the Oiyl gas pipelines"),
            {**{m: "for" for m in ALL[:7]}, "stc.m8": "against", "stc.m9": "against"},
            label=C("Member m5's centre was the applicant's subsidiary until it was sold on 31.12.2023, two and a half years before the session: no link on the day.")),
    Sitting("2026-06-18", "su_l9", "lc_perf_sib", ("Программа сейсморазведки шельфа Теңіз", "Теңіз қайраңын сейсмикалық барлау бағдарламасы", "Seismic survey programme for the Tengiz shelf"),
            {**{m: "for" for m in ALL[:7]}, "stc.m8": "against"},
            label=V("council_conflict_vote", ["NK-24"], "Member m6's centre and the proposed performer are both owned by Caspian Technology Holding (recorded after the vote): two links to the performer, and m6 voted for.")),
    Sitting("2026-06-25", "su_l10", "inst_met", ("Программа утилизации попутного газа Бозащы", "Бозащы ілеспе газын кәдеге жарату бағдарламасы", "Associated gas utilisation programme for Buzachi"),
            {**{m: "for" for m in ALL[:8]}, "stc.m9": "against"},
            label=C("Member m7's university later shared a director with the applicant, but only from 01.09.2026, after the session: no conflict on the day.")),
    Sitting("2026-06-30", "su_l5", "lab_core", ("Программа исследования керна Үстірт", "Үстірт кернін зерттеу бағдарламасы", "Core research programme for Ustirt"),
            {**{m: "for" for m in ALL[:5]}, **{m: "against" for m in ALL[5:]}},
            label=C("Five for and four against of nine: one vote short of two thirds, rejected as recorded.")),
    Sitting("2026-07-09", "su_l8", "lab_core", ("Программа исследования карбонатных коллекторов Жаңажол", "Жаңажол карбонатты коллекторларын зерттеу бағдарламасы", "Carbonate reservoir research programme for Zhanazhol"),
            {"stc.m1": "for", "stc.m2": "for", "stc.m3": "for", "stc.m4": "for", "stc.m5": "for", "stc.m6": "against"},
            label=V("council_result_misrecorded", ["NK-24"], "Six present of the nine members listed made the quorum, but two more members appointed from 01.07.2026 sat on the council that day: 6 of 11 is short of the 8 a two-thirds quorum needs, so 'approved' does not hold.")),
]


# ==================================================================================================
# Batch 4: the wider catalogue (NK-27 … NK-50). Written from the families' descriptions, DOMAIN.md and
# the formats only — never from the new indicators' code or the generator — as a schemer and an honest
# accountant would write their reports: work cut into pieces under a limit, weeks apart or among the
# companies of one group; payments dated on Nauryz or on a moved day off; round sums; a subject
# translated into Kazakh, written in Kazakh Latin or transliterated for a second payer; one payment
# reported again from the bank statement; a performer that is an individual entrepreneur (an IIN) or
# owned from abroad through a Kazakh holding; shells and chains of onward agreements; quarters that
# do not add up to the year; purposes written with look-alike letters. Every payer, performer and
# group is new (keys ``z4…``, sorted after the earlier batches' so their files stay as they were).

BATCH[0] = 4
_B4_FIRST = len(AGREEMENTS)


def make_iin(born: str, century_sex: int) -> str:
    """An IIN (DOMAIN.md §6.2): date of birth YYMMDD, the century-and-sex digit, a serial, the check digit."""
    while True:
        _serial[0] += 37
        first11 = f"{born[2:4]}{born[5:7]}{born[8:10]}{century_sex}{_serial[0] % 10000:04d}"
        k = _check(first11)
        if k is not None:
            return first11 + str(k)


def make_joint_ie_bin(registered: str) -> str:
    """The BIN of an individual entrepreneur in joint entrepreneurship: fifth digit 6."""
    while True:
        _serial[0] += 37
        first11 = f"{registered[2:4]}{registered[5:7]}60{_serial[0] % 100000:05d}"
        k = _check(first11)
        if k is not None:
            return first11 + str(k)


def V4(code, indicators, why):
    return V(code, indicators, why)


def owner(org_key, name, kind, country, share, valid_from, valid_to=None, identifier="", foreign_identifier="", source="выписка из реестра юридических лиц"):
    BENEFICIAL_OWNERS.append({"org": org_key, "name": name, "kind": kind, "identifier": identifier, "foreign_identifier": foreign_identifier,
                              "country": country, "share": share, "valid_from": valid_from, "valid_to": valid_to, "source": source})


def line(ag, right_number, paid_on, amount, purpose, doc, for_year=None):
    """A payment as one report gives it (not registered: the report sequences say which version stands)."""
    return Payment(ag, right_number, paid_on, Decimal(amount), purpose, doc, None, [], True, for_year)


def one_off(payer_key, right_number, number, signed_on, performer, subject, amount, payments, period_end=None, label=None, direction="other"):
    """An agreement and its payments: (date, amount, purpose, document number[, label])."""
    ag = agreement(payer_key, number, signed_on, performer, subject, amount, signed_on, period_end, direction, "", label)
    made = []
    for item in payments:
        d, a, purpose, doc = item[:4]
        made.append(pay(ag, right_number, d, a, purpose, doc, label=item[4] if len(item) > 4 else None))
    return ag, made


# ---- Performers of batch 4 ---------------------------------------------------------------------------
org("z4p_geo", "Научно-исследовательский институт «Жер Қойнауы»", "«Жер Қойнауы» ғылыми-зерттеу институты", "Zher Koinauy Research Institute",
    "research_institute", "atyrau", "2005-03-15", "72.19", [SUP, ACC])
org("z4p_min", "Институт минерального сырья «Кен Ғылымы»", "«Кен Ғылымы» минералдық шикізат институты", "Ken Gylymy Institute of Mineral Raw Materials",
    "research_institute", "karaganda", "2003-11-20", "72.19", [SUP, ACC])
org("z4p_univ", "Каспийский университет технологий и инжиниринга", "Каспий технологиялар және инжиниринг университеті", "Caspian University of Technology and Engineering",
    "university", "mangystau", "1996-09-02", "85.42", [SUP, attr("science_accreditation", "2012-04-01", None, "KZ-SC-0412", "свидетельство МНВО")])
org("z4p_core", "ТОО «Керн-Сервис Атырау»", "«Керн-Сервис Атырау» ЖШС", "Kern-Service Atyrau LLP", "company", "atyrau", "2014-04-01", "71.20", [SUP, ACC])
org("z4p_hydro", "ТОО «Гидрохимия Лаб»", "«Гидрохимия Лаб» ЖШС", "Hydrochemistry Lab LLP", "company", "mangystau", "2013-06-06", "72.19", [SUP, ACC])
org("z4p_corr", "ТОО «Центр коррозионных исследований»", "«Коррозиялық зерттеулер орталығы» ЖШС", "Corrosion Research Centre LLP", "company", "atyrau", "2012-09-10", "72.19", [SUP, ACC])
org("z4p_mech", "ТОО «Геомеханика Сервис»", "«Геомеханика Сервис» ЖШС", "Geomechanics Service LLP", "company", "karaganda", "2011-03-03", "72.19", [SUP, ACC])
org("z4p_digi", "ТОО «Geo Digital Systems»", "«Geo Digital Systems» ЖШС", "Geo Digital Systems LLP", "hub_participant", "astana", "2019-05-06", "62.01",
    [attr("astana_hub", "2020-02-01", None, "AH-2020-0318", "участник кластера")])
org("z4p_met", "ТОО «Металлургия Ғылым»", "«Металлургия Ғылым» ЖШС", "Metallurgy Gylym LLP", "company", "east_kazakhstan", "2010-10-01", "72.19", [SUP, ACC])

# ==================================================================================================
# Splitting: NK-27 (one job cut into agreements), NK-28 (one obligation paid in pieces), NK-29 (one job
# shared among the companies of one group). Each piece stays under a limit a schemer fears — the 10 mln
# above which, from 2026, a council must approve the programme, or an internal sign-off limit of 5 or 3 mln.

payer("z4_karabatan", "ТОО «Қарабатан Мұнай»", "«Қарабатан Мұнай» ЖШС", "Karabatan Munai LLP", "atyrau")
R_Q1 = right("ҚБМ-2013-41", "z4_karabatan")
one_off("z4_karabatan", R_Q1, "ҚБ-НИР-07/25", "2025-02-03", "z4p_mech", "Геомеханическое моделирование месторождения Қарабатан: сбор и анализ исходных данных", "9800000.00",
        [("2025-04-15", "9800000.00", "Оплата по договору ҚБ-НИР-07/25, акт № 1 от 08.04.2025", "ҚБ-0415")])
one_off("z4_karabatan", R_Q1, "ҚБ-НИР-09/25", "2025-02-17", "z4p_mech", "Геомеханическое моделирование месторождения Қарабатан: построение трёхмерной модели", "9850000.00",
        [("2025-07-10", "9850000.00", "Оплата по договору ҚБ-НИР-09/25, акт № 1 от 03.07.2025", "ҚБ-0710")])
one_off("z4_karabatan", R_Q1, "ҚБ-НИР-12/25", "2025-03-04", "z4p_mech", "Геомеханическое моделирование месторождения Қарабатан: калибровка модели и рекомендации по бурению", "9750000.00",
        [("2025-10-20", "9750000.00", "Оплата по договору ҚБ-НИР-12/25, акт № 1 от 13.10.2025", "ҚБ-1020")],
        label=V4("split_agreements", ["NK-27"], "One geomechanical model of the field cut into three agreements with the same laboratory — data, model, calibration — signed two weeks apart for 9.80, 9.85 and 9.75 mln: 29.4 mln together, each just under 10 mln."))
one_off("z4_karabatan", R_Q1, "ҚБ-НИР-21/25", "2025-06-02", "z4p_hydro", "Исследование солеотложения в системе поддержания пластового давления", "9600000.00",
        [("2025-08-11", "4800000.00", "Оплата 1 этапа НИР по акту № 1", "ҚБ-0811"), ("2025-11-17", "4800000.00", "Оплата 2 этапа НИР по акту № 2", "ҚБ-1117")])
one_off("z4_karabatan", R_Q1, "ҚБ-НИР-24/25", "2025-06-23", "z4p_hydro", "Қабат қысымын ұстау жүйесіндегі тұз шөгінділерін зерттеу", "9500000.00",
        [("2025-09-15", "9500000.00", "ҒЗЖ бойынша № 1 акт негізінде төлем", "ҚБ-0915")])
one_off("z4_karabatan", R_Q1, "ҚБ-НИР-27/25", "2025-07-14", "z4p_hydro", "Scale deposition study in the reservoir pressure maintenance system", "9450000.00",
        [("2025-12-08", "9450000.00", "Payment for research under acceptance act No 1", "ҚБ-1208")],
        label=V4("split_agreements", ["NK-27"], "The same study of scale in the pressure-maintenance system signed three times with one laboratory three weeks apart — in Russian, in Kazakh, in English — for 9.60, 9.50 and 9.45 mln: 28.55 mln, each piece under 10 mln."))
for _n, _d, _p in [(1, "2026-03-02", "2026-04-20"), (2, "2026-03-05", "2026-04-21"), (3, "2026-03-11", "2026-04-22")]:
    one_off("z4_karabatan", R_Q1, f"ҚБ-26/0{_n}", _d, "z4p_corr", f"Разработка ингибиторной защиты промысловых трубопроводов (часть {_n})", "9900000.00",
            [(_p, "2970000.00", f"Аванс 30% по договору ҚБ-26/0{_n}", f"ҚБ-26-0{_n}")], period_end="2026-12-31",
            label=V4("split_agreements", ["NK-27"], "One development of inhibitor protection signed as «part 1», «part 2» and «part 3» with the same centre within nine days of March 2026, each 9.9 mln: 29.7 mln, kept under the 10 mln from which a council must approve the programme.") if _n == 3 else None)
one_off("z4_karabatan", R_Q1, "ҚБ-НИР-15/25", "2025-03-11", "z4p_core", "Лабораторные исследования керна скважины ҚБ-112", "8700000.00",
        [("2025-06-09", "8700000.00", "Оплата исследований керна по акту № 1 от 02.06.2025", "ҚБ-0609")])
one_off("z4_karabatan", R_Q1, "ҚБ-НИР-17/25", "2025-03-26", "z4p_core", "Исследование состава и свойств пластовой нефти (PVT-анализ) скважин ҚБ-104, ҚБ-108", "6400000.00",
        [("2025-07-21", "6400000.00", "Оплата PVT-исследований по акту № 1 от 14.07.2025", "ҚБ-0721")],
        label=C("Two agreements with one laboratory two weeks apart, each under 10 mln, but for two different works: a core study of one well and a PVT analysis of reservoir oil from two others."))
one_off("z4_karabatan", R_Q1, "ҚБ-НИР-30/25", "2025-09-02", "z4p_geo", "Исследование технологии пароциклической обработки скважин", "28500000.00",
        [("2025-10-13", "9500000.00", "Оплата 1 этапа НИР по акту № 1", "ҚБ-1013"), ("2025-12-15", "9500000.00", "Оплата 2 этапа НИР по акту № 2", "ҚБ-1215")],
        period_end="2026-09-30",
        label=C("One agreement of 28.5 mln for the whole study, its stages in one calendar plan: the size the split jobs reach, signed as one."))
one_off("z4_karabatan", R_Q1, "ҚБ-НИР-05/24", "2024-02-12", "z4p_hydro", "Исследование коррозионной агрессивности попутной воды, этап I", "9400000.00",
        [("2024-06-17", "4700000.00", "Оплата 1 этапа по акту № 1", "ҚБ-24-0617"), ("2024-12-18", "4700000.00", "Оплата 2 этапа по акту № 2 от 16.12.2024", "ҚБ-24-1218")],
        period_end="2024-12-31")
one_off("z4_karabatan", R_Q1, "ҚБ-НИР-33/25", "2025-03-17", "z4p_hydro", "Исследование коррозионной агрессивности попутной воды, этап II (по результатам этапа I, акт № 2 от 16.12.2024)", "9600000.00",
        [("2025-08-25", "9600000.00", "Оплата НИР по акту № 1 от 18.08.2025", "ҚБ-0825")],
        label=C("Phase II of a study signed thirteen months after phase I, once phase I was accepted, and naming that act: a follow-up decided on results, not one job cut in two."))

payer("z4_maikain", "АО «Майқайың Алтын»", "«Майқайың Алтын» АҚ", "Maikain Altyn JSC", "pavlodar", "solid")
R_Q2 = right("МА-2011-42", "z4_maikain", "solid", "legacy_contract")
ag_m1 = agreement("z4_maikain", "МА-НИР-02/25", "2025-01-27", "z4p_min", "Исследование технологии кучного выщелачивания золотосодержащих руд месторождения Майқайың", "36000000.00", "2025-01-27", "2026-06-30")
ag_m2 = agreement("z4_maikain", "МА-НИР-05/25", "2025-03-03", "z4p_met", "Исследование извлечения серебра из хвостов флотации", "18000000.00", "2025-03-03", "2025-12-31")
ag_m3 = agreement("z4_maikain", "МА-НИР-08/25", "2025-04-14", "z4p_mech", "Исследование устойчивости бортов карьера Майқайың", "40000000.00", "2025-04-14", "2026-06-30")
ag_m4 = agreement("z4_maikain", "МА-НИР-11/25", "2025-05-05", "z4p_digi", "Разработка системы цифрового мониторинга кучного выщелачивания", "14850000.00", "2025-05-05", "2025-12-31")
ag_m5 = agreement("z4_maikain", "МА-НИР-14/25", "2025-06-02", "z4p_min", "Исследование флотационного доизвлечения золота из хвостов", "9600000.00", "2025-06-02", "2025-12-31")
_a = pay(ag_m1, R_Q2, "2025-05-20", "4980000.00", "Оплата 1 этапа НИР по акту № 1 от 14.05.2025", "ПП-1187")
_c = pay(ag_m1, R_Q2, "2025-05-22", "4730000.00", "Оплата 1 этапа НИР по акту № 1 от 14.05.2025", "ПП-1201")
pay(ag_m1, R_Q2, "2025-05-21", "4990000.00", "Оплата 1 этапа НИР по акту № 1 от 14.05.2025", "ПП-1192", also=[_a, _c],
    label=V4("split_payments", ["NK-28"], "The 14.7 mln of one act paid on three consecutive days as 4.98, 4.99 and 4.73 mln to the same institute: every piece under a 5 mln sign-off limit, the amounts made unequal so that no two look like a copy."))
_a = pay(ag_m2, R_Q2, "2025-08-05", "2995000.00", "Частичная оплата по акту № 2 от 30.07.2025", "2231")
_c = pay(ag_m2, R_Q2, "2025-09-02", "2990000.00", "Окончательный расчёт по акту № 2", "2388")
pay(ag_m2, R_Q2, "2025-08-19", "2998500.00", "Оплата по акту № 2 (продолжение)", "2297", also=[_a, _c],
    label=V4("split_payments", ["NK-28"], "One act of 8,983,500 paid in three pieces two weeks apart (05.08, 19.08, 02.09.2025), each just under 3 mln: the pieces are weeks apart so that no day shows the whole."))
_a = pay(ag_m3, R_Q2, "2025-10-06", "9990000.00", "№ 2 актіге сәйкес ҒЗЖ 2-кезеңіне төлем", "3105")
pay(ag_m3, R_Q2, "2025-10-06", "9985000.00", "ҒЗЖ 2-кезеңі бойынша төлем, № 2 акт", "3106", also=[_a],
    label=V4("split_payments", ["NK-28"], "The 19,975,000 of stage 2 paid on one day as two orders of 9,990,000 and 9,985,000, purposes in Kazakh: each under 10 mln."))
pay(ag_m3, R_Q2, "2025-05-12", "12000000.00", "Аванс 30% по договору МА-НИР-08/25 согласно календарному плану", "1260")
pay(ag_m4, R_Q2, "2025-07-14", "4950000.00", "Оплата 1 этапа по акту № 1 от 08.07.2025", "2010")
pay(ag_m4, R_Q2, "2025-08-13", "4950000.00", "Оплата 2 этапа по акту № 2 от 07.08.2025", "2255",
    label=C("Three equal monthly stages of 4.95 mln under one calendar plan, each paid once on its own act a month apart: repeat payments with their own documents."))
pay(ag_m4, R_Q2, "2025-09-15", "4950000.00", "Оплата 3 этапа по акту № 3 от 09.09.2025", "2560")
pay(ag_m1, R_Q2, "2025-11-10", "4950000.00", "Оплата 2 этапа НИР по акту № 2 от 03.11.2025", "3340")
pay(ag_m5, R_Q2, "2025-11-10", "4800000.00", "Оплата 1 этапа НИР по акту № 1 от 04.11.2025", "3341",
    label=C("Two payments to one institute on one day, each under 5 mln, but under two agreements, each on its own act."))
pay(ag_m2, R_Q2, "2025-05-26", "4990000.00", "Оплата 1 этапа по акту № 1 от 20.05.2025", "1690",
    label=C("A single stage of 4,990,000 paid at once on its act of the same amount: just under 5 mln, but nothing split."))

payer("z4_shalkar", "ТОО «Шалқар Газ»", "«Шалқар Газ» ЖШС", "Shalkar Gas LLP", "aktobe")
R_Q3 = right("ШГ-2014-43", "z4_shalkar")
org("z4g_batys", "ТОО «Батыс Инжиниринг Групп»", "«Батыс Инжиниринг Групп» ЖШС", "Batys Engineering Group LLP", "company", "aktobe", "2009-04-04", "70.10")
org("z4p_b_geo", "ТОО «Батыс Геолаб»", "«Батыс Геолаб» ЖШС", "Batys Geolab LLP", "company", "aktobe", "2011-05-05", "72.19", [SUP, ACC])
org("z4p_b_seis", "ТОО «Батыс Сейсмик»", "«Батыс Сейсмик» ЖШС", "Batys Seismic LLP", "company", "aktobe", "2012-06-06", "72.19", [SUP, ACC])
org("z4p_b_dig", "ТОО «Батыс Цифровые Решения»", "«Батыс Цифрлық Шешімдер» ЖШС", "Batys Digital Solutions LLP", "company", "aktobe", "2016-07-07", "62.01", [SUP, ACC])
org("z4p_b_lab", "ТОО «Батыс Керн»", "«Батыс Керн» ЖШС", "Batys Kern LLP", "company", "aktobe", "2014-08-08", "71.20", [SUP, ACC])
org("z4p_dir1", "ТОО «Ойл Текнолоджи Орда»", "«Ойл Текнолоджи Орда» ЖШС", "Oil Technology Orda LLP", "company", "aktobe", "2013-09-09", "72.19", [SUP, ACC])
org("z4p_dir2", "ТОО «Орда Ғылыми Сервис»", "«Орда Ғылыми Сервис» ЖШС", "Orda Science Service LLP", "company", "aktobe", "2015-10-10", "72.19", [SUP, ACC])
org("z4p_vost", "ТОО «Шығыс Геосервис»", "«Шығыс Геосервис» ЖШС", "Shygys Geoservice LLP", "company", "aktobe", "2010-11-11", "72.19", [SUP, ACC])
own("z4g_batys", "z4p_b_geo", "100", "2011-05-05")
own("z4g_batys", "z4p_b_seis", "100", "2012-06-06")
own("z4g_batys", "z4p_b_dig", "70", "2016-07-07")
own("z4p_b_geo", "z4p_b_lab", "100", "2014-08-08")
link("z4p_dir1", "z4p_dir2", "common_director", "2019-01-01", "директор Мұсабеков Т. — в обеих организациях")
own("z4g_batys", "z4p_vost", "100", "2026-01-15", None, "доля приобретена 15.01.2026")
for _num, _date, _perf, _subj, _amt, _paid, _label in [
    ("ШГ-НИР-11/25", "2025-04-07", "z4p_b_geo", "Исследование коррозионной агрессивности пластовых вод: участок Северный", "9700000.00", "2025-07-08", None),
    ("ШГ-НИР-13/25", "2025-04-16", "z4p_b_seis", "Исследование коррозионной агрессивности пластовых вод: участок Южный", "9600000.00", "2025-07-14", None),
    ("ШГ-НИР-14/25", "2025-04-28", "z4p_b_dig", "Исследование коррозионной агрессивности пластовых вод: участок Центральный", "9800000.00", "2025-07-21",
     V4("split_across_group", ["NK-29"], "The corrosivity study of one field's water split by area among three companies of Batys Engineering Group (two wholly owned, one 70 %) within three weeks, each under 10 mln — a seismic and a software company among them.")),
    ("ШГ-НИР-18/25", "2025-06-09", "z4p_dir1", "Разработка цифровой модели месторождения Шалқар: геологический модуль", "9900000.00", "2025-08-18", None),
    ("ШГ-НИР-19/25", "2025-06-20", "z4p_dir2", "Шалқар кен орнының цифрлық моделін әзірлеу: гидродинамикалық модуль", "9850000.00", "2025-08-25",
     V4("split_across_group", ["NK-29"], "One digital field model given as two «modules» to two companies with the same director, eleven days apart, the second subject in Kazakh: 9.90 and 9.85 mln.")),
    ("ШГ-НИР-22/25", "2025-08-04", "z4p_b_geo", "Исследование керна горизонта Т-1: литология и пористость", "9500000.00", "2025-10-13", None),
    ("ШГ-НИР-23/25", "2025-08-11", "z4p_b_lab", "Исследование кернового материала горизонта Т-1: проницаемость и ОФП", "9400000.00", "2025-10-20",
     V4("split_across_group", ["NK-29"], "The core study of horizon T-1 split between a laboratory and its own wholly owned subsidiary a week apart (9.5 and 9.4 mln), the wording changed.")),
    ("ШГ-НИР-26/25", "2025-09-02", "z4p_b_seis", "Переинтерпретация сейсмических данных 3D блока Шалқар-Восточный", "9300000.00", "2025-11-10", None),
    ("ШГ-НИР-27/25", "2025-09-08", "z4p_b_dig", "Разработка программного обеспечения учёта добычи в реальном времени", "8900000.00", "2025-11-17",
     C("Two companies of one group a week apart, each under 10 mln, but for different work in their own trades: seismic reinterpretation and production-accounting software.")),
    ("ШГ-НИР-30/25", "2025-10-06", "z4p_vost", "Исследование коррозионной агрессивности пластовых вод: участок Восточный", "9650000.00", "2025-12-01",
     C("The same kind of corrosivity study for a fourth area, with a company Batys Engineering Group bought only on 15.01.2026: unrelated to the group when signed, six months after the others.")),
]:
    one_off("z4_shalkar", R_Q3, _num, _date, _perf, _subj, _amt, [(_paid, _amt, f"Оплата НИР по договору {_num}, акт № 1", _num.replace("ШГ-НИР-", "ШГ").replace("/", "-"))], label=_label)

# ==================================================================================================
# Calendar and amounts: NK-30 (a payment dated on a day off: Nauryz, Independence Day, a Sunday, a day
# off moved by the Ministry of Labour's order), NK-31 (an agreement paid in repeated round sums),
# NK-32 (a price far above agreements of similar subject). The 2024–2025 calendar: 22.03.2024 Nauryz;
# 08.05.2024 a day off moved from Saturday 04.05.2024, which was worked (order of 17.04.2024);
# 16.12.2024 Independence Day; 03.01.2025 moved from Sunday 05.01.2025; 27.10.2025 in lieu of Republic
# Day, a Saturday; 17 December is no longer a holiday (2022).

payer("z4_bestobe", "АО «Бестөбе Кен»", "«Бестөбе Кен» АҚ", "Bestobe Ken JSC", "akmola", "solid")
R_Q4 = right("БК-2012-44", "z4_bestobe", "solid", "legacy_contract")
ag_bt1 = agreement("z4_bestobe", "БК-НИР-03/24", "2024-01-22", "z4p_min", "Исследование технологии обогащения золото-сульфидных руд Бестөбе", "42000000.00", "2024-01-22", "2025-12-31")
ag_bt2 = agreement("z4_bestobe", "БК-НИР-41/24", "2024-12-26", "z4p_met", "Исследование цианидного выщелачивания упорных руд", "30000000.00", "2025-01-06", "2025-12-31")
pay(ag_bt1, R_Q4, "2024-03-20", "2100000.00", "Аванс по договору БК-НИР-03/24 на 1 этап согласно календарному плану", "407",
    label=C("Paid on Wednesday 20 March 2024, the working day before Nauryz."))
pay(ag_bt1, R_Q4, "2024-03-22", "6300000.00", "Оплата 1 этапа НИР по акту № 1 от 15.03.2024", "418",
    label=V4("holiday_payment", ["NK-30"], "Dated Friday 22 March 2024, the second day of Nauryz: no bank or accounting department worked that day."))
pay(ag_bt1, R_Q4, "2024-05-04", "3150000.00", "Оплата лабораторных исследований проб (дополнение к этапу 2, акт № 2/1)", "549",
    label=C("Saturday 4 May 2024 was a working day: the day off was moved to Wednesday 8 May by the Ministry of Labour's order of 17.04.2024."))
pay(ag_bt1, R_Q4, "2024-05-08", "5400000.00", "Оплата 2 этапа НИР по акту № 2 от 02.05.2024", "561",
    label=V4("holiday_payment", ["NK-30"], "Dated Wednesday 8 May 2024, an ordinary-looking weekday that was a day off, moved there from Saturday 4 May."))
pay(ag_bt1, R_Q4, "2024-12-16", "7800000.00", "Оплата 3 этапа НИР, акт № 3 от 10.12.2024", "1530",
    label=V4("holiday_payment", ["NK-30"], "Dated Monday 16 December 2024, Independence Day."))
pay(ag_bt1, R_Q4, "2025-01-03", "4200000.00", "Оплата 4 этапа НИР по акту № 4 от 27.12.2024", "3",
    label=V4("holiday_payment", ["NK-30"], "Dated Friday 3 January 2025, a day off moved from Sunday 5 January."))
pay(ag_bt2, R_Q4, "2025-01-06", "9000000.00", "Аванс 30% по договору БК-НИР-41/24 согласно календарному плану", "5",
    label=C("Monday 6 January 2025: a working day between the New Year days off and Orthodox Christmas."))
pay(ag_bt2, R_Q4, "2025-06-15", "6000000.00", "Оплата 1 этапа НИР по акту № 1 от 10.06.2025", "611",
    label=V4("holiday_payment", ["NK-30"], "Dated Sunday 15 June 2025."))
pay(ag_bt2, R_Q4, "2025-10-27", "7500000.00", "Оплата 2 этапа НИР по акту № 2 от 20.10.2025", "1088",
    label=V4("holiday_payment", ["NK-30"], "Dated Monday 27 October 2025, the day off in lieu of Republic Day, which fell on a Saturday."))
pay(ag_bt1, R_Q4, "2025-12-17", "5100000.00", "Окончательный расчёт по договору БК-НИР-03/24 (акт № 5 от 11.12.2025)", "1402",
    label=C("Wednesday 17 December 2025: a holiday until 2022, a working day since."))
one_off("z4_bestobe", R_Q4, "БК-НИР-07/24", "2024-02-05", "z4p_mech", "Научное сопровождение горных работ на руднике Бестөбе", "30000000.00",
        [(d, "5000000.00", "Оплата по договору БК-НИР-07/24", f"БК-{d[5:7]}{d[8:10]}") for d in ("2024-03-05", "2024-04-04", "2024-06-05", "2024-07-05", "2024-08-05", "2024-09-05")],
        period_end="2024-12-31",
        label=V4("round_cluster", ["NK-31"], "Six payments of exactly 5,000,000 a month apart under one «scientific support» agreement, none naming an act or a stage: a round instalment, not invoiced work."))
one_off("z4_bestobe", R_Q4, "БК-НИР-12/24", "2024-04-01", "z4p_digi", "Разработка системы диспетчеризации карьерного транспорта", "10500000.00",
        [("2024-05-15", "3000000.00", "Оплата работ по договору БК-НИР-12/24 за май", "БК-0515"), ("2024-07-15", "3000000.00", "Оплата работ по договору БК-НИР-12/24 за июль", "БК-0715"),
         ("2024-09-16", "3000000.00", "Оплата работ по договору БК-НИР-12/24 за сентябрь", "БК-0916"), ("2024-11-15", "1500000.00", "Оплата работ по договору БК-НИР-12/24 за ноябрь", "БК-1115")],
        period_end="2024-12-31",
        label=V4("round_cluster", ["NK-31"], "Three payments of 3,000,000 and one of 1,500,000 «for» months of a software development: multiples of half a million, paid by the calendar, not on acts."))
one_off("z4_bestobe", R_Q4, "БК-НИР-05/25", "2025-02-10", "z4p_met", "Исследование технологии бактериального выщелачивания сульфидных руд", "12000000.00",
        [(d, "2000000.00", f"Финансирование НИР за {m}", f"БК-25-{d[5:7]}") for d, m in (("2025-03-11", "март"), ("2025-04-10", "апрель"), ("2025-05-12", "май"),
                                                                                         ("2025-06-11", "июнь"), ("2025-07-10", "июль"), ("2025-08-11", "август"))],
        label=V4("round_cluster", ["NK-31"], "Six monthly transfers of 2,000,000 «financing R&D» for a month each: the whole agreement paid as a round monthly allowance."))
one_off("z4_bestobe", R_Q4, "БК-НИР-09/24", "2024-03-11", "z4p_core", "Исследование минерального состава руд методами рентгеновской томографии", "9874600.00",
        [("2024-04-08", "2962380.00", "Аванс 30% по договору БК-НИР-09/24", "БК-0408"), ("2024-07-22", "3412850.00", "Оплата 1 этапа по акту № 1 от 15.07.2024", "БК-0722"),
         ("2024-11-11", "3499370.00", "Оплата 2 этапа по акту № 2 от 04.11.2024", "БК-1111")],
        label=C("An advance of 30 % and two stages paid on their acts, in invoiced amounts to the tenge."))
one_off("z4_bestobe", R_Q4, "БК-НИР-14/25", "2025-03-03", "z4p_min", "Исследование технологии гравитационного обогащения", "10000000.00",
        [("2025-06-23", "4000000.00", "Оплата 1 этапа НИР по акту № 1 от 16.06.2025", "БК-25-0623"), ("2025-11-24", "6000000.00", "Оплата 2 этапа НИР по акту № 2 от 17.11.2025", "БК-25-1124")],
        label=C("Two stages priced round in the calendar plan (4 and 6 mln), each paid once on its act: round, but not a repeated sum."))
one_off("z4_bestobe", R_Q4, "БК-НИР-16/25", "2025-04-07", "z4p_hydro", "Мониторинг подземных вод в районе хвостохранилища (исследовательская часть)", "9949200.00",
        [("2025-06-30", "2487300.00", "Оплата 1 этапа по акту № 1 от 24.06.2025", "БК-25-0630"), ("2025-09-30", "2487300.00", "Оплата 2 этапа по акту № 2 от 23.09.2025", "БК-25-0930"),
         ("2025-12-29", "2487300.00", "Оплата 3 этапа по акту № 3 от 22.12.2025", "БК-25-1229")],
        period_end="2026-06-30",
        label=C("Equal quarterly stages of 2,487,300 on their acts: repeated, but an invoiced amount, not a round one."))

# NK-32: peers of similar subject (core studies, corrosion inhibitors) at ordinary prices, and three far above them.
payer("z4_prorva", "ТОО «Прорва Ойл»", "«Прорва Ойл» ЖШС", "Prorva Oil LLP", "atyrau")
R_Q12 = right("ПО-2014-52", "z4_prorva")
payer("z4_aksai", "ТОО «Ақсай Мұнай»", "«Ақсай Мұнай» ЖШС", "Aksai Munai LLP", "west_kazakhstan")
R_Q11 = right("АҚМ-2012-51", "z4_aksai")
one_off("z4_prorva", R_Q12, "ПО-НИР-01/24", "2024-02-05", "z4p_core", "Исследование керна скважин месторождения Прорва", "9200000.00",
        [("2024-06-10", "4600000.00", "Оплата 1 этапа исследований керна", "ПО-0610"), ("2024-10-14", "4600000.00", "Оплата 2 этапа исследований керна", "ПО-1014")])
one_off("z4_aksai", R_Q11, "АҚМ-НИР-01/24", "2024-03-04", "z4p_corr", "Подбор ингибиторов коррозии для системы сбора нефти", "8500000.00",
        [("2024-08-12", "8500000.00", "Оплата НИР по акту № 1 от 05.08.2024", "АҚ-0812")])
one_off("z4_karabatan", R_Q1, "ҚБ-НИР-35/25", "2025-10-01", "z4p_core", "Комплексные лабораторные исследования керна скважин месторождения Қарабатан", "96000000.00",
        [("2025-10-15", "28800000.00", "Аванс 30% по договору ҚБ-НИР-35/25", "ҚБ-1015")], period_end="2026-12-31",
        label=V4("price_far_from_text_peers", ["NK-32"], "96 mln for laboratory core studies, where the core studies of other payers cost 8–10 mln (and this payer's own of well ҚБ-112, 8.7 mln): ten times the price of the same kind of work."))
one_off("z4_maikain", R_Q2, "МА-НИР-17/25", "2025-06-16", "z4p_mech", "Кен кернін зертханалық зерттеу: физикалық-механикалық қасиеттер", "78000000.00",
        [("2025-07-21", "23400000.00", "Шарт бойынша 30% аванс", "2801")], period_end="2026-12-31",
        label=V4("price_far_from_text_peers", ["NK-32"], "78 mln for laboratory tests of ore core's physical and mechanical properties, the subject written in Kazakh: the same kind of core testing costs other payers under 10 mln."))

# ==================================================================================================
# Double funding: NK-33 (one work funded by two payers, its subject reworded, translated, written in
# Kazakh Latin or transliterated), NK-34 (one work under two rights of one payer), NK-35 (a direct
# payment that is the same money as a transfer to the budget under KBK 401103).

payer("z4_akzhal", "ТОО «Ақжал Мыс»", "«Ақжал Мыс» ЖШС", "Akzhal Mys LLP", "karaganda", "solid")
R_Q5 = right("АМ-2010-45", "z4_akzhal", "solid", "legacy_contract")
payer("z4_bozshakol", "ТОО «Бозшакөл Ресурс»", "«Бозшакөл Ресурс» ЖШС", "Bozshakol Resource LLP", "pavlodar", "solid")
R_Q6 = right("БР-2015-46", "z4_bozshakol", "solid", "legacy_contract")
payer("z4_kostanay", "ТОО «Қостанай Минерал»", "«Қостанай Минерал» ЖШС", "Kostanay Mineral LLP", "kostanay", "solid")
R_Q7 = right("ҚМ-2013-47", "z4_kostanay", "solid", "legacy_contract")
one_off("z4_akzhal", R_Q5, "АМ-НИР-02/25", "2025-01-20", "z4p_mech", "Исследование физико-механических свойств керна руд и вмещающих пород", "6800000.00",
        [("2025-05-19", "6800000.00", "Оплата испытаний керна по акту № 1 от 12.05.2025", "АМ-0519")])
one_off("z4_bozshakol", R_Q6, "БР-НИР-03/25", "2025-02-03", "z4p_mech", "Лабораторные испытания физико-механических свойств керна", "7400000.00",
        [("2025-06-02", "7400000.00", "Оплата испытаний по акту № 1 от 26.05.2025", "БР-0602")])
one_off("z4_akzhal", R_Q5, "АМ-НИР-04/25", "2025-02-10", "z4p_min", "Разработка технологии извлечения молибдена из хвостов медной флотации", "36000000.00",
        [("2025-03-17", "10800000.00", "Аванс 30% по договору АМ-НИР-04/25", "АМ-0317"), ("2025-09-15", "12600000.00", "Оплата 1 этапа НИР по акту № 1", "АМ-0915")], period_end="2026-06-30")
one_off("z4_bozshakol", R_Q6, "БР-НИР-11/25", "2025-04-01", "z4p_min", "Mys flotaııasynyń qaldyqtarynan molıbden alý tehnologııasyn ázirleý", "34000000.00",
        [("2025-05-12", "10200000.00", "Shart boıynsha 30% avans", "БР-0512"), ("2025-10-13", "11900000.00", "1-kezeń boıynsha tólem, akt № 1", "БР-1013")], period_end="2026-06-30",
        label=V4("double_funding_two_payers", ["NK-33"], "The same institute develops molybdenum recovery from copper flotation tailings for Akzhal Mys (36 mln, February 2025) and, seven weeks later, for Bozshakol Resource (34 mln) — the second subject written in Kazakh Latin letters."))
one_off("z4_akzhal", R_Q5, "АМ-НИР-09/25", "2025-03-17", "z4p_met", "Исследование износостойкости футеровки шаровых мельниц", "14000000.00",
        [("2025-06-16", "7000000.00", "Оплата 1 этапа по акту № 1", "АМ-0616"), ("2025-11-17", "7000000.00", "Оплата 2 этапа по акту № 2", "АМ-1117")])
one_off("z4_kostanay", R_Q7, "ҚМ-НИР-06/25", "2025-05-05", "z4p_met", "Шарлы диірмендер футеровкасының тозуға төзімділігін зерттеу", "13500000.00",
        [("2025-07-14", "6750000.00", "№ 1 акт бойынша 1-кезеңге төлем", "ҚМ-0714"), ("2025-12-08", "6750000.00", "№ 2 акт бойынша 2-кезеңге төлем", "ҚМ-1208")],
        label=V4("double_funding_two_payers", ["NK-33"], "The wear resistance of ball-mill linings researched by the same company for Akzhal Mys in Russian (14 mln) and for Kostanay Mineral in Kazakh (13.5 mln), seven weeks apart: one study translated and sold twice."))
one_off("z4_bozshakol", R_Q6, "БР-НИР-14/25", "2025-05-19", "z4p_mech", "Создание системы контроля устойчивости бортов карьера (мониторинг смещений)", "22000000.00",
        [("2025-06-23", "6600000.00", "Аванс 30% по договору БР-НИР-14/25", "БР-0623"), ("2025-11-24", "7700000.00", "Оплата 1 этапа по акту № 1", "БР-1124")], period_end="2026-06-30")
one_off("z4_kostanay", R_Q7, "ҚМ-НИР-09/25", "2025-07-08", "z4p_mech", "Разработка системы мониторинга деформаций бортов карьера", "21500000.00",
        [("2025-08-11", "6450000.00", "Аванс 30% по договору ҚМ-НИР-09/25", "ҚМ-0811"), ("2025-12-15", "7500000.00", "Оплата 1 этапа по акту № 1", "ҚМ-1215")], period_end="2026-06-30",
        label=V4("double_funding_two_payers", ["NK-33"], "The same pit-slope deformation monitoring system contracted from the same laboratory by Bozshakol Resource in May and by Kostanay Mineral in July 2025, worded with synonyms («контроль устойчивости … мониторинг смещений» / «мониторинг деформаций»)."))
one_off("z4_bozshakol", R_Q6, "БР-НИР-18/25", "2025-06-09", "z4p_digi", "Разработка цифрового двойника обогатительной фабрики Бозшакөл", "9900000.00",
        [("2025-09-08", "9900000.00", "Оплата НИР по акту № 1", "БР-0908")])
one_off("z4_akzhal", R_Q5, "АМ-НИР-15/25", "2025-08-04", "z4p_digi", "Razrabotka tsifrovogo dvoinika obogatitelnoi fabriki", "9800000.00",
        [("2025-11-03", "9800000.00", "Oplata NIR po aktu No 1", "АМ-1103")],
        label=V4("double_funding_two_payers", ["NK-33"], "A digital twin of a concentrator developed for Bozshakol Resource in June and sold again to Akzhal Mys in August 2025, the second subject transliterated into Latin letters."))
one_off("z4_kostanay", R_Q7, "ҚМ-НИР-12/25", "2025-09-02", "z4p_min", "Исследование технологии переработки медных шлаков (совместное финансирование с ТОО «Бозшакөл Ресурс», договор № БР-НИР-21/25, доля 50 %)", "15000000.00",
        [("2025-10-06", "7500000.00", "Оплата 1 этапа по акту № 1 (доля 50 %)", "ҚМ-1006")], period_end="2026-06-30",
        label=C("Two payers openly co-fund one study of copper slag processing: each agreement names the other and its 50 % share, each pays half (15 + 15 mln)."))
one_off("z4_bozshakol", R_Q6, "БР-НИР-21/25", "2025-09-02", "z4p_min", "Исследование технологии переработки медных шлаков (совместное финансирование с ТОО «Қостанай Минерал», договор № ҚМ-НИР-12/25, доля 50 %)", "15000000.00",
        [("2025-10-06", "7500000.00", "Оплата 1 этапа по акту № 1 (доля 50 %)", "БР-1006")], period_end="2026-06-30",
        label=C("The other half of the openly co-funded slag study: its agreement names the partner's agreement and the 50 % share."))
one_off("z4_akzhal", R_Q5, "АМ-НИР-18/25", "2025-04-14", "z4p_min", "Исследование обогатимости медных руд месторождения Ақжал", "12000000.00",
        [("2025-08-18", "6000000.00", "Оплата 1 этапа по акту № 1", "АМ-0818")])
one_off("z4_bozshakol", R_Q6, "БР-НИР-24/25", "2025-06-16", "z4p_min", "Исследование обогатимости медных руд месторождения Бозшакөл", "12500000.00",
        [("2025-09-22", "6250000.00", "Оплата 1 этапа по акту № 1", "БР-0922")],
        label=C("The same institute studies the ore dressability of two different deposits for their two owners: alike in wording, different ore."))

payer("z4_zhezkazgan", "ТОО «Жезқазған Терең»", "«Жезқазған Терең» ЖШС", "Zhezkazgan Teren LLP", "ulytau", "solid")
R_Q8A = right("ЛДТПИ-501-ЕЛ", "z4_zhezkazgan", "solid", "lic_solid_mining", regimes=CODE, base_type="production_costs")
R_Q8B = right("ЛДТПИ-502-ЕЛ", "z4_zhezkazgan", "solid", "lic_solid_mining", regimes=CODE, base_type="production_costs")
one_off("z4_zhezkazgan", R_Q8A, "ЖТ-НИР-03/25", "2025-02-03", "z4p_min", "Исследование флотации медно-порфировых руд", "18000000.00",
        [("2025-05-19", "9000000.00", "Оплата 1 этапа НИР по акту № 1 от 12.05.2025", "ЖТ-0519"), ("2025-10-20", "9000000.00", "Оплата 2 этапа НИР по акту № 2 от 13.10.2025", "ЖТ-1020")])
one_off("z4_zhezkazgan", R_Q8B, "ЖТ-НИР-04/25", "2025-02-03", "z4p_min", "Исследование флотационного обогащения медно-порфировых руд (по лицензии ЛДТПИ-502-ЕЛ)", "18000000.00",
        [("2025-05-21", "9000000.00", "Оплата 1 этапа НИР по акту № 1 от 12.05.2025", "ЖТ-0521"), ("2025-10-22", "9000000.00", "Оплата 2 этапа НИР по акту № 2 от 13.10.2025", "ЖТ-1022")],
        label=V4("same_work_two_rights", ["NK-34"], "One flotation study signed twice on the same day with the same institute, once for each licence, and each stage paid twice two days apart citing the same act: the work counted toward both licences' obligations."))
one_off("z4_zhezkazgan", R_Q8A, "ЖТ-НИР-07/25", "2025-03-11", "z4p_mech", "Исследование устойчивости подземных горных выработок", "16000000.00",
        [("2025-06-16", "8000000.00", "Оплата 1 этапа по акту № 1 от 09.06.2025", "2140")])
one_off("z4_zhezkazgan", R_Q8B, "ЖТ-НИР-07/25-Л2", "2025-03-11", "z4p_mech", "Исследование устойчивости подземных горных выработок", "16000000.00",
        [("2025-06-18", "8000000.00", "Оплата 1 этапа по акту № 1 от 09.06.2025", "2171")],
        label=V4("same_work_two_rights", ["NK-34"], "The same agreement registered a second time with «-Л2» added to its number so that its stage 1 (act of 09.06.2025) could be paid again under the second licence, two days later."))
ag_jt = agreement("z4_zhezkazgan", "ЖТ-НИР-10/25", "2025-04-01", "z4p_met",
                  "Исследование технологии переработки окисленных медных руд участков Жыланды и Итауыз (лицензии ЛДТПИ-501-ЕЛ и ЛДТПИ-502-ЕЛ)", "20000000.00", "2025-04-01", "2025-12-31",
                  label=C("One study for two licences, each stage divided 60/40 between them: the agreement's 20 mln is paid once in total, never twice."))
pay(ag_jt, R_Q8A, "2025-07-21", "6000000.00", "Оплата 1 этапа по акту № 1 (доля 60 %, ЛДТПИ-501-ЕЛ)", "2410")
pay(ag_jt, R_Q8B, "2025-07-21", "4000000.00", "Оплата 1 этапа по акту № 1 (доля 40 %, ЛДТПИ-502-ЕЛ)", "2411")
pay(ag_jt, R_Q8A, "2025-11-24", "6000000.00", "Оплата 2 этапа по акту № 2 (доля 60 %, ЛДТПИ-501-ЕЛ)", "3120")
pay(ag_jt, R_Q8B, "2025-11-24", "4000000.00", "Оплата 2 этапа по акту № 2 (доля 40 %, ЛДТПИ-502-ЕЛ)", "3121")
one_off("z4_zhezkazgan", R_Q8A, "ЖТ-НИР-12/25", "2025-04-07", "z4p_mech", "Исследование устойчивости бортов карьера участка Жыланды", "9000000.00",
        [("2025-08-18", "9000000.00", "Оплата НИР по акту № 1", "2650")])
one_off("z4_zhezkazgan", R_Q8B, "ЖТ-НИР-13/25", "2025-04-14", "z4p_mech", "Исследование устойчивости бортов карьера участка Итауыз", "9200000.00",
        [("2025-08-25", "9200000.00", "Оплата НИР по акту № 1", "2712")],
        label=C("Two pits of two licences, each studied under its own licence: the subjects differ only in the pit's name, and the pits are different."))

# NK-35: two payers in the budget channel from 23.02.2026 (their 2026 contributions go to KBK 401103).
for _key, _ru, _kk, _en, _number in [("z4_makat", "ТОО «Мақат Мұнай»", "«Мақат Мұнай» ЖШС", "Makat Munai LLP", "ММ-2019-49"),
                                     ("z4_dossor", "ТОО «Доссор Газ»", "«Доссор Газ» ЖШС", "Dossor Gas LLP", "ДГ-2020-50")]:
    payer(_key, _ru, _kk, _en, "atyrau")
    right(_number, _key, "hydrocarbons", "hc_production", regimes=BUDGET, base_type="production_costs", production_start="2020-03-01")
RIGHTS["ММ-2019-49"].bases = {2024: B("2500000000.00"), 2025: B("2400000000.00")}
RIGHTS["ДГ-2020-50"].bases = {2024: B("1900000000.00"), 2025: B("1800000000.00")}
TREASURY += [
    ("z4_makat", "ММ-2019-49", [("3105", "2026-05-15", "24000000.00")]),
    ("z4_dossor", "ДГ-2020-50", [("0912", "2026-06-10", "9000000.00"), ("1544", "2026-09-10", "9000000.00")]),
]
ag_mk = agreement("z4_makat", "ММ-НИР-2025", "2025-01-20", "z4p_geo", "Исследование технологии ограничения водопритока в добывающих скважинах", "33000000.00", "2025-01-20", "2026-03-31")
pay(ag_mk, "ММ-2019-49", "2025-05-19", "12500000.00", "Оплата 1 этапа НИР по акту № 1", "ММ-0519")
pay(ag_mk, "ММ-2019-49", "2025-10-20", "12500000.00", "Оплата 2 этапа НИР по акту № 2", "ММ-1020")
pay(ag_mk, "ММ-2019-49", "2026-02-10", "8000000.00", "Оплата 3 этапа НИР по договору ММ-НИР-2025 (акт № 3 от 30.01.2026)", "0210",
    label=C("A stage of a 2025 agreement paid directly on 10.02.2026, before the budget channel began (23.02.2026), under its own act: other money than the 24 mln transferred to KBK 401103 in May."))
ag_mk2 = agreement("z4_makat", "ММ-НИР-04/26", "2026-04-01", "z4p_geo", "Исследование технологии ограничения водопритока: опытно-промысловые работы", "24000000.00", "2026-04-01", "2026-12-31")
pay(ag_mk2, "ММ-2019-49", "2026-05-15", "24000000.00", "Отчисления на НИОКР (КБК 401103) за 2026 год", "3105",
    label=V4("direct_and_budget_same_money", ["NK-35"], "The order 3105 of 15.05.2026 for 24 mln, confirmed by the treasury as the 2026 contribution to KBK 401103, is reported again in the spending report as a direct payment to an institute."))
ag_dg = agreement("z4_dossor", "ДГ-НИР-2025", "2025-02-03", "z4p_hydro", "Исследование подготовки попутной воды для закачки", "28000000.00", "2025-02-03", "2026-02-28")
pay(ag_dg, "ДГ-2020-50", "2025-06-16", "9500000.00", "Оплата 1 этапа НИР по акту № 1", "ДГ-0616")
pay(ag_dg, "ДГ-2020-50", "2025-11-17", "9500000.00", "Оплата 2 этапа НИР по акту № 2", "ДГ-1117")
pay(ag_dg, "ДГ-2020-50", "2026-02-12", "9000000.00", "Окончательный расчёт по договору ДГ-НИР-2025, акт № 3 от 05.02.2026", "0212",
    label=C("9 mln paid directly on 12.02.2026 under a 2025 agreement's final act, before the budget channel began: the same amount as each later treasury order, but months earlier and other money."))
ag_dg2 = agreement("z4_dossor", "ДГ-НИР-03/26", "2026-03-16", "z4p_hydro", "Исследование подготовки попутной воды для закачки: пилотная установка", "18000000.00", "2026-03-16", "2026-12-31")
pay(ag_dg2, "ДГ-2020-50", "2026-06-11", "9000000.00", "Оплата 1 этапа НИР по договору ДГ-НИР-03/26", "ПП-000912",
    label=V4("direct_and_budget_same_money", ["NK-35"], "The treasury's order 0912 of 10.06.2026 (9 mln to KBK 401103) reappears as a direct stage payment «ПП-000912» on its value date, 11.06.2026."))
pay(ag_dg2, "ДГ-2020-50", "2026-09-10", "9000000.00", "НИОКР: 2 этап, акт № 2", "1544/26",
    label=V4("direct_and_budget_same_money", ["NK-35"], "The treasury's order 1544 of 10.09.2026 (9 mln to KBK 401103) reported as a direct payment under the number «1544/26» on the same day."))

# ==================================================================================================
# Delivery: NK-36 (one acceptance act paid twice, or paid above its amount), NK-37 (one result claimed by
# two projects), NK-38 (one stage report handed in for two projects: the same file, or the text with the
# field's name changed). Loaded as batch 3's lifecycle is: projects, calendar plans and results sent by
# the performer's staff, the stage reports handed in on the stage page (a DOCX each, its text below), the
# acts sent by the payer's staff.

LC_RIGHTS.update({"z4_aksai": R_Q11, "z4_prorva": R_Q12})


def _next_day(iso: str) -> str:
    from datetime import date, timedelta

    return (date.fromisoformat(iso) + timedelta(days=1)).isoformat()


def d4(payer_key, number, signed_on, performer, subject, amount, code, stage_end, act_date, paid_on, doc, *, results=(), text=None, label=None, project_label=None):
    """A two-stage R&D agreement whose first stage was reported, accepted and paid."""
    half = f"{Decimal(amount) / 2:.2f}"
    return lc(payer_key, number, signed_on, performer, subject, amount, "2026-12-31", code,
              [(paid_on, half, doc, f"Оплата 1 этапа НИР по акту № 1 от {ddmmyyyy_(act_date)}")], trl=(3, 5), project_end="2026-12-31",
              stages=[(1, "Лабораторные исследования", signed_on, stage_end, half), (2, "Опытные работы и рекомендации", _next_day(stage_end), "2026-12-31", half)],
              acts=[(1, "1", act_date, half, "")], results=list(results), report_texts={1: text} if text else {}, label=label, project_label=project_label)


# ---- NK-36 ----
lc("z4_aksai", "АҚМ-02/2025", "2025-02-10", "z4p_geo", "Исследование технологии водогазового воздействия на пласт", "36000000.00", "2026-06-30", "АҚМ-ПР-02",
   [("2025-06-16", "12000000.00", "1402", "Оплата 1 этапа НИР по акту АВР-1 от 05.06.2025"), ("2025-10-14", "12000000.00", "1960", "Оплата 2 этапа по акту АВР-2 от 03.10.2025"),
    ("2025-12-05", "12000000.00", "2305", "Оплата выполненных работ согласно акту № АВР-2 от 03.10.2025")],
   trl=(3, 6), project_end="2026-06-30",
   stages=[(1, "Лабораторное моделирование", "2025-02-10", "2025-05-31", "12000000.00"), (2, "Гидродинамическое моделирование", "2025-06-01", "2025-09-30", "12000000.00"),
           (3, "Опытный участок", "2025-10-01", "2026-06-30", "12000000.00")],
   acts=[(1, "АВР-1", "2025-06-05", "12000000.00", ""), (2, "АВР-2", "2025-10-03", "12000000.00", "")],
   label=V4("act_paid_twice", ["NK-36"], "Act АВР-2 (12 mln) paid on 14.10.2025 and again on 05.12.2025 under another number, the purpose reworded: stage 3, not yet accepted, is thus paid in advance as «work done»."))
lc("z4_aksai", "АҚМ-05/2025", "2025-03-03", "z4p_corr", "Исследование коррозионной стойкости сварных соединений трубопроводов", "16000000.00", "2025-12-31", "АҚМ-ПР-05",
   [("2025-07-01", "5000000.00", "1507", "Оплата по акту № 1 от 20.06.2025 (частично)"), ("2025-07-29", "4500000.00", "1733", "Окончательный расчёт по акту № 1 от 20.06.2025"),
    ("2025-12-10", "6500000.00", "2388", "Оплата 2 этапа по акту № 2 от 28.11.2025")],
   trl=(4, 5), project_end="2025-12-31",
   stages=[(1, "Стендовые испытания", "2025-03-03", "2025-06-15", "8000000.00"), (2, "Обработка результатов и рекомендации", "2025-06-16", "2025-11-30", "8000000.00")],
   acts=[(1, "1", "2025-06-20", "8000000.00", ""), (2, "2", "2025-11-28", "8000000.00", "")],
   label=V4("act_paid_twice", ["NK-36"], "Act No 1 accepted 8 mln, yet 9.5 mln was paid «under act No 1» in a part and a «final settlement»: 1.5 mln above the act, made good only by paying less on act No 2 five months later."))
lc("z4_prorva", "ПО-03/2024", "2024-04-01", "z4p_hydro", "Исследование совместимости закачиваемых и пластовых вод", "14000000.00", "2025-06-30", "ПО-ПР-03",
   [("2024-12-17", "7000000.00", "2214", "Оплата 1 этапа НИР по акту ПО-А1 от 06.12.2024"), ("2025-01-22", "7000000.00", "41", "№ ПО-А1 актіге сәйкес 1-кезең бойынша төлем")],
   trl=(3, 4), project_end="2025-06-30",
   stages=[(1, "Лабораторные исследования совместимости", "2024-04-01", "2024-11-30", "7000000.00"), (2, "Рекомендации по водоподготовке", "2024-12-01", "2025-06-30", "7000000.00")],
   acts=[(1, "ПО-А1", "2024-12-06", "7000000.00", ""), (2, "ПО-А2", "2025-06-27", "7000000.00", "")],
   label=V4("act_paid_twice", ["NK-36"], "Act ПО-А1 (7 mln) paid in December 2024 and again in January 2025, the second time with a Kazakh purpose in the next year's report; stage 2 was then accepted but never paid, so the total looks right."))
lc("z4_prorva", "ПО-06/2025", "2025-03-11", "z4p_core", "Исследование смачиваемости карбонатного керна", "10000000.00", "2025-12-31", "ПО-ПР-06",
   [("2025-06-27", "2500000.00", "1311", "Оплата 1 этапа по акту С-1 (первая часть)"), ("2025-07-11", "2500000.00", "1398", "Оплата 1 этапа по акту С-1 (вторая часть, окончательный расчёт)"),
    ("2025-12-01", "5000000.00", "2301", "Оплата 2 этапа по акту С-2")],
   trl=(3, 4), project_end="2025-12-31",
   stages=[(1, "Подготовка образцов и измерения", "2025-03-11", "2025-06-10", "5000000.00"), (2, "Интерпретация и рекомендации", "2025-06-11", "2025-11-15", "5000000.00")],
   acts=[(1, "С-1", "2025-06-16", "5000000.00", ""), (2, "С-2", "2025-11-20", "5000000.00", "")],
   label=C("Act С-1 (5 mln) paid in two halves two weeks apart, the second marked as the final settlement: together exactly the act."))
lc("z4_prorva", "ПО-08/2025", "2025-04-07", "z4p_mech", "Исследование устойчивости ствола наклонных скважин", "12000000.00", "2025-12-31", "ПО-ПР-08",
   [("2025-07-25", "6000000.00", "1602", "Оплата по акту Г-1"), ("2025-11-21", "6000000.00", "2260", "Оплата по акту Г-2")],
   trl=(3, 4), project_end="2025-12-31",
   stages=[(1, "Геомеханическая модель", "2025-04-07", "2025-07-10", "6000000.00"), (2, "Рекомендации по траекториям", "2025-07-11", "2025-11-10", "6000000.00")],
   acts=[(1, "Г-1", "2025-07-18", "6000000.00", ""), (2, "Г-2", "2025-11-14", "6000000.00", "")],
   label=C("Two equal stages of 6 mln, each paid once a week after its own act."))

# ---- NK-37 ----
d4("z4_aksai", "АҚМ-11/2025", "2025-02-17", "z4p_hydro", "Разработка состава для ограничения водопритока в скважинах", "12000000.00", "АҚМ-ПР-11", "2025-07-31", "2025-08-08", "2025-08-18", "1811",
   results=[{"kind": "patent", "title": "Состав для ограничения водопритока в скважинах", "year": 2025, "achieved_on": "2025-09-15", "patent_office": "kazpatent",
             "patent_number": "KZ 38214", "evidence_reference": "KZ 38214"}])
d4("z4_prorva", "ПО-12/2025", "2025-03-03", "z4p_hydro", "Исследование гелеобразующих составов для изоляции водопритоков", "11000000.00", "ПО-ПР-12", "2025-08-15", "2025-08-22", "2025-09-02", "1905",
   results=[{"kind": "patent", "title": "Ұңғымалардағы су ағынын шектеуге арналған құрам", "year": 2025, "achieved_on": "2025-09-15", "patent_office": "kazpatent",
             "patent_number": "KZ 38214", "evidence_reference": "Патент KZ 38214 от 15.09.2025"}],
   project_label=V4("result_claimed_twice", ["NK-37"], "Kazpatent patent KZ 38214 is claimed by Aksai Munai's project АҚМ-ПР-11 and again by Prorva Oil's ПО-ПР-12 of the same laboratory, its title translated into Kazakh."))
d4("z4_aksai", "АҚМ-13/2025", "2025-03-11", "z4p_corr", "Исследование коррозии сварных соединений в попутной воде", "9000000.00", "АҚМ-ПР-13", "2025-07-31", "2025-08-05", "2025-08-15", "1790",
   results=[{"kind": "publication", "title": "Corrosion of welded joints in CO2-saturated produced water", "year": 2025, "doi": "10.3390/met15040412", "indexing": "scopus",
             "evidence_reference": "https://doi.org/10.3390/met15040412"}])
d4("z4_prorva", "ПО-14/2025", "2025-04-14", "z4p_corr", "Исследование коррозионной стойкости трубопроводов в среде CO2", "9500000.00", "ПО-ПР-14", "2025-08-29", "2025-09-05", "2025-09-15", "2051",
   results=[{"kind": "publication", "title": "Коррозия сварных соединений в попутной воде, насыщенной CO2", "year": 2025, "doi": "https://doi.org/10.3390/MET15040412", "indexing": "scopus",
             "evidence_reference": "DOI 10.3390/MET15040412"}],
   project_label=V4("result_claimed_twice", ["NK-37"], "One article (DOI 10.3390/met15040412) reported as Aksai Munai's project result and again as Prorva Oil's, its title translated into Russian and the DOI written in capitals with its https://doi.org/ prefix."))
d4("z4_aksai", "АҚМ-15/2025", "2025-04-01", "z4p_geo", "Опытно-промышленное внедрение водогазового воздействия", "14000000.00", "АҚМ-ПР-15", "2025-09-30", "2025-10-08", "2025-10-20", "2140",
   results=[{"kind": "implementation", "title": "Внедрение технологии водогазового воздействия", "year": 2025, "achieved_on": "2025-10-20",
             "implemented_at": "НГДУ «Ақсай», участок Восточный", "evidence_reference": "Акт внедрения № 14 от 20.10.2025"}])
d4("z4_prorva", "ПО-16/2025", "2025-05-05", "z4p_geo", "Исследование эффективности водогазового воздействия на поздней стадии разработки", "13000000.00", "ПО-ПР-16", "2025-09-30", "2025-10-10", "2025-10-28", "2288",
   results=[{"kind": "implementation", "title": "Опытно-промышленное внедрение ВГВ на Восточном участке", "year": 2025, "achieved_on": "2025-10-20",
             "implemented_at": "НГДУ Ақсай, Восточный участок", "evidence_reference": "Акт внедрения № 14 от 20.10.2025"}],
   project_label=V4("result_claimed_twice", ["NK-37"], "The implementation on Aksai Munai's Eastern area, act No 14 of 20.10.2025, claimed by Aksai's project and again by a Prorva Oil project of the same institute, reworded."))
d4("z4_prorva", "ПО-17/2025", "2025-10-06", "z4p_hydro", "Опытно-промышленные испытания гелеобразующих составов (продолжение проекта АҚМ-ПР-11)", "12000000.00", "ПО-ПР-17", "2026-02-27", "2026-03-06", "2026-03-16", "0316",
   results=[{"kind": "patent", "title": "Способ изоляции водопритоков гелеобразующим составом с наполнителем", "year": 2026, "achieved_on": "2026-03-12", "patent_office": "kazpatent",
             "patent_number": "KZ 38590", "evidence_reference": "KZ 38590"}],
   project_label=C("A follow-up project that names its predecessor (АҚМ-ПР-11) and claims its own new patent, KZ 38590: related in subject, a different result."))
d4("z4_aksai", "АҚМ-18/2025", "2025-05-12", "z4p_core", "Исследование изменения смачиваемости карбонатов низкоминерализованной водой", "8000000.00", "АҚМ-ПР-18", "2025-09-30", "2025-10-03", "2025-10-13", "2199",
   results=[{"kind": "publication", "title": "Wettability alteration of carbonate cores by low-salinity water", "year": 2025, "doi": "10.1016/j.petrol.2025.112233", "indexing": "scopus",
             "evidence_reference": "10.1016/j.petrol.2025.112233"}])
d4("z4_prorva", "ПО-19/2025", "2025-05-19", "z4p_core", "Исследование смачиваемости карбонатов при заводнении с ПАВ", "8200000.00", "ПО-ПР-19", "2025-10-15", "2025-10-22", "2025-11-03", "2410",
   results=[{"kind": "publication", "title": "Wettability of carbonate cores under surfactant flooding", "year": 2025, "doi": "10.1016/j.petrol.2025.118410", "indexing": "scopus",
             "evidence_reference": "10.1016/j.petrol.2025.118410"}],
   project_label=C("The same laboratory publishes for two payers in one journal on carbonate wettability, but two articles with two DOIs."))

# ---- NK-38 ----
SALT = """ТОО «Геомеханика Сервис»
Научно-технический отчёт о НИР, этап 1
Геомеханическая модель разреза в интервале солевых отложений
1. Исходные данные: материалы ГИС по 14 скважинам, результаты испытаний 62 образцов каменной соли и ангидрита на одноосное и трёхосное сжатие.
2. Методика: упругопластическая модель с ползучестью по степенному закону, калибровка по кавернограммам и истории осложнений при бурении.
3. Результаты: построены профили порового давления и давления гидроразрыва; безопасное окно плотности бурового раствора 2,05–2,18 г/см³ в интервале 2 850–3 600 м.
4. Скорость сужения ствола в галите при забойной температуре 68 °C составляет 0,8–1,4 мм/сут; время нахождения открытого ствола — не более 9 суток.
5. Рекомендации: промежуточная колонна 244,5 мм до кровли подсолевых отложений, кавернометрия через каждые 150 м.
Выводы: модель готова к применению на этапе 2 при проектировании скважин."""
ML = """ТОО «Geo Digital Systems»
Научно-технический отчёт о НИР, этап 1 (30.06.2025)
Прогноз дебитов скважин месторождения {field} методами машинного обучения
1. Данные: суточная добыча 212 скважин месторождения {field} за 2015–2024 гг., замеры обводнённости, давления на устье и история ГТМ.
2. Подготовка данных: восстановление пропусков, сглаживание выбросов, признаки по соседним скважинам в радиусе 1 км.
3. Модели: градиентный бустинг и рекуррентная сеть LSTM; обучение на 2015–2022 гг., проверка на 2023–2024 гг.
4. Результаты: средняя абсолютная процентная ошибка прогноза на 6 месяцев — 11,8 % (бустинг) и 13,2 % (LSTM) против 21,5 % у кривых падения.
5. Наибольший вклад в прогноз дают обводнённость, давление на устье и время после последнего ГТМ.
Выводы: бустинг рекомендован к опытной эксплуатации на этапе 2 для планирования ГТМ месторождения {field}."""
INHIB = """ТОО «Центр коррозионных исследований»
Научно-технический отчёт о НИР, этап 1
Лабораторный подбор ингибиторов коррозии для {system}
1. Среда: модель попутной воды минерализацией 142 г/л, парциальное давление CO2 0,3 МПа, H2S 0,02 МПа, температура 45 °C.
2. Испытано 9 ингибиторов имидазолинового и аминного типа гравиметрическим методом и методом линейной поляризации в течение 240 часов.
3. Защитный эффект при дозировке 25 мг/л: от 61 % до 93 %; лучшие — ИК-7 (93 %) и ИК-3 (89 %).
4. Совместимость с деэмульгатором и отсутствие эмульгирующего действия подтверждены для ИК-7.
Выводы: для {system} рекомендован ингибитор ИК-7 с дозировкой 25–30 мг/л; опытно-промышленные испытания — на этапе 2."""
CORE_INTRO = """ТОО «Керн-Сервис Атырау»
Лаборатория аккредитована (аттестат KZ-SC-2210); измерения выполнены на оборудовании лаборатории исполнителя с поверкой 2025 года.
Научно-технический отчёт о НИР, этап 1"""
d4("z4_aksai", "АҚМ-21/2025", "2025-03-17", "z4p_mech", "Исследование устойчивости ствола скважин в солевых отложениях", "10000000.00", "АҚМ-ПР-21", "2025-07-31", "2025-08-12", "2025-08-25", "1855",
   text=SALT)
d4("z4_prorva", "ПО-22/2025", "2025-06-02", "z4p_mech", "Геомеханическое обоснование конструкции скважин в солях", "10500000.00", "ПО-ПР-22", "2025-10-31", "2025-11-07", "2025-11-17", "2507",
   text=SALT,
   project_label=V4("stage_report_reused", ["NK-38"], "The stage 1 report handed in for Prorva Oil's project is the very file accepted for Aksai Munai's project three months earlier (the same geomechanical report of another field)."))
d4("z4_aksai", "АҚМ-23/2025", "2025-02-24", "z4p_digi", "Разработка системы прогноза дебитов на основе машинного обучения", "9600000.00", "АҚМ-ПР-23", "2025-06-30", "2025-07-04", "2025-07-14", "1530",
   text=ML.format(field="Ақсай"))
d4("z4_prorva", "ПО-24/2025", "2025-05-26", "z4p_digi", "Прогнозирование добычи нефти методами машинного обучения", "9800000.00", "ПО-ПР-24", "2025-10-31", "2025-11-05", "2025-11-14", "2498",
   text=ML.format(field="Прорва").replace("(30.06.2025)", "(31.10.2025)"),
   project_label=V4("stage_report_reused", ["NK-38"], "Prorva Oil's stage 1 report is Aksai Munai's with the field's name and the date changed: every figure, method and conclusion is the same."))
d4("z4_prorva", "ПО-25/2025", "2025-02-10", "z4p_corr", "Исследование ингибиторов коррозии для системы сбора нефти", "8800000.00", "ПО-ПР-25", "2025-06-30", "2025-07-08", "2025-07-17", "1560",
   text=INHIB.format(system="системы сбора нефти"))
d4("z4_prorva", "ПО-26/2025", "2025-07-01", "z4p_corr", "Исследование ингибиторов коррозии для системы поддержания пластового давления", "9200000.00", "ПО-ПР-26", "2025-11-14", "2025-11-21", "2025-12-01", "2588",
   text=INHIB.format(system="системы поддержания пластового давления"),
   project_label=V4("stage_report_reused", ["NK-38"], "For the payer's second inhibitor project the centre handed in the first project's report with «the gathering system» replaced by «the pressure-maintenance system»: the same water, the same nine inhibitors, the same results."))
d4("z4_aksai", "АҚМ-27/2025", "2025-04-07", "z4p_core", "Исследование фильтрационных свойств трещиноватых карбонатов", "8400000.00", "АҚМ-ПР-27", "2025-08-29", "2025-09-05", "2025-09-15", "2012",
   text=CORE_INTRO + """
Фильтрационные свойства трещиноватых карбонатов продуктивного горизонта КТ-II
1. Исследовано 48 полноразмерных образцов керна из 4 скважин; трещинная пористость по томографии 0,4–1,9 %.
2. Проницаемость матрицы 0,8–12 мД, эффективная проницаемость с трещинами — до 340 мД; анизотропия 3–7.
3. Коэффициент вытеснения нефти водой 0,41–0,52; по трещинам вода прорывается при 0,15 порового объёма.
Выводы: для горизонта КТ-II рекомендовано нестационарное заводнение с циклом 20–30 суток.""")
d4("z4_prorva", "ПО-28/2025", "2025-05-12", "z4p_core", "Исследование остаточной нефтенасыщенности терригенных коллекторов", "8600000.00", "ПО-ПР-28", "2025-09-30", "2025-10-07", "2025-10-17", "2299",
   text=CORE_INTRO + """
Остаточная нефтенасыщенность терригенных коллекторов горизонта Ю-IV
1. Исследовано 36 образцов песчаника из 3 скважин; открытая пористость 17–24 %, проницаемость 45–610 мД.
2. Остаточная нефтенасыщенность после заводнения 0,27–0,34; после закачки ПАВ — 0,18–0,23.
3. Капиллярные кривые сняты методом центрифуги; смачиваемость промежуточная, индекс Амотта 0,05–0,21.
Выводы: закачка ПАВ в горизонт Ю-IV может снизить остаточную нефтенасыщенность на 8–11 пунктов.""",
   project_label=C("The laboratory's reports for two payers open with the same three lines (its name, accreditation and equipment), but report different cores, measurements and conclusions."))
d4("z4_prorva", "ПО-29/2025", "2025-06-16", "z4p_hydro", "Исследование гелеобразующих составов для условий высокой минерализации", "9000000.00", "ПО-ПР-29", "2025-10-31", "2025-11-10", "2025-11-20", "2540",
   text="""ТОО «Гидрохимия Лаб»
Научно-технический отчёт о НИР, этап 1
Гелеобразующие составы для изоляции водопритоков при минерализации вод до 220 г/л
Введение. В проекте АҚМ-ПР-11 установлено: «состав на основе полиакриламида и ацетата хрома сохраняет прочность геля при минерализации до 150 г/л». Настоящий проект изучает более минерализованные воды месторождения Прорва.
1. Испытано 6 составов на основе полиакриламида, силиката натрия и ацетата хрома в воде минерализацией 180–220 г/л при 60 °C.
2. Время гелеобразования 6–38 часов; прочность геля после 30 суток сохранили 2 состава из 6.
3. Фактор остаточного сопротивления на насыпных моделях пласта — 12–27.
Выводы: для этапа 2 выбраны составы Г-4 и Г-6.""",
   project_label=C("A stage report that quotes one sentence of the predecessor project's conclusion in its introduction, then reports its own tests."))

# ==================================================================================================
# Wrong year: NK-39 (a payment of a later year credited, in the column «Год зачёта», to an earlier year
# that had closed short), NK-40 (a year-end rush spread over late December and early January to the
# same performers, so that neither year's December looks like a dump).

payer("z4_kendirli", "ТОО «Кендірлі Газ»", "«Кендірлі Газ» ЖШС", "Kendirli Gas LLP", "mangystau")
R_Q13 = right("КГ-2011-53", "z4_kendirli")
RIGHTS[R_Q13].bases = {2023: B("4000000000.00"), 2024: B("3000000000.00"), 2025: B("3000000000.00")}
ag_kg = agreement("z4_kendirli", "КГ-НИР-01/24", "2024-01-22", "z4p_geo", "Исследование технологии кислотной обработки карбонатных коллекторов", "46000000.00", "2024-01-22", "2025-12-31")
pay(ag_kg, R_Q13, "2024-05-20", "14000000.00", "Оплата 1 этапа НИР по акту № 1", "КГ-0520")
pay(ag_kg, R_Q13, "2024-10-21", "14000000.00", "Оплата 2 этапа НИР по акту № 2", "КГ-1021")
pay(ag_kg, R_Q13, "2025-01-15", "6000000.00", "Оплата по акту № 4 от 26.12.2024 (работы 2024 года)", "КГ-0115", for_year=2025,
    label=C("Work accepted on 26.12.2024 paid on 15.01.2025 and credited, as the report says in «Год зачёта», to 2025, the year it was paid: late, but not moved back."))
pay(ag_kg, R_Q13, "2025-04-15", "12000000.00", "Погашение недовыполненного обязательства 2024 года: оплата 3 этапа НИР по акту № 3", "КГ-0415", for_year=2024,
    label=V4("credited_to_closed_year", ["NK-39"], "2024 closed 12 mln short of its 40 mln obligation (28 mln paid); a payment of 15.04.2025 is credited to 2024 to cover the arrears, months after the year closed."))
one_off("z4_kendirli", R_Q13, "КГ-НИР-03/25", "2025-02-10", "z4p_core", "Лабораторное исследование керна и пластовых флюидов", "7900000.00",
        [("2025-06-16", "7900000.00", "Оплата исследований по акту № 1", "КГ-0616")])
one_off("z4_kendirli", R_Q13, "КГ-НИР-05/25", "2025-03-03", "z4p_geo", "Опытно-промышленные испытания технологии закачки CO2 для повышения нефтеотдачи", "64000000.00",
        [("2025-04-21", "19200000.00", "Аванс 30% по договору КГ-НИР-05/25", "КГ-0421")], period_end="2026-12-31",
        label=C("A CO2-injection pilot of 64 mln: large, but pilots of enhanced recovery cost tens of millions (other payers' EOR programmes run at 30–58 mln); no core study or small laboratory job is its peer."))

payer("z4_zhetybai", "ТОО «Жетібай Ресурс»", "«Жетібай Ресурс» ЖШС", "Zhetybai Resource LLP", "mangystau")
R_Q14 = right("ЖР-2012-54", "z4_zhetybai")
REPORTS_EXTRA["z4_zhetybai"] = ("annual", ["csv-ru-utf8", "csv-kk-tab"])  # 2025 with Kazakh headers
RIGHTS[R_Q14].bases = {2023: B("3500000000.00"), 2024: B("2600000000.00"), 2025: B("2600000000.00")}
ag_zr = agreement("z4_zhetybai", "ЖР-НИР-02/24", "2024-02-05", "z4p_univ", "Исследование реологии высоковязкой нефти месторождения Жетібай", "40000000.00", "2024-02-05", "2025-12-31")
pay(ag_zr, R_Q14, "2024-06-17", "13000000.00", "Оплата 1 этапа НИР по акту № 1", "ЖР-0617")
pay(ag_zr, R_Q14, "2024-11-18", "13000000.00", "Оплата 2 этапа НИР по акту № 2", "ЖР-1118")
pay(ag_zr, R_Q14, "2025-09-30", "9000000.00", "Оплата 3 этапа НИР по акту № 3 от 22.09.2025", "ЖР-0930", for_year=2024,
    label=V4("credited_to_closed_year", ["NK-39"], "A stage paid on 30.09.2025 for an act of September 2025 is credited to 2024, which had closed 9 mln short (26 of 35 mln): nothing in the purpose says so, only the «Year credited» column of a Kazakh-headed report."))
one_off("z4_zhetybai", R_Q14, "ЖР-НИР-04/25", "2025-02-17", "z4p_corr", "Исследование эффективности ингибиторов коррозии и солеотложения", "9100000.00",
        [("2025-07-21", "9100000.00", "Оплата НИР по акту № 1", "ЖР-0721")])
one_off("z4_zhetybai", R_Q14, "ЖР-НИР-14/25", "2025-05-12", "z4p_corr", "Исследование эффективности ингибиторов коррозии для промысловых трубопроводов", "120000000.00",
        [("2025-06-02", "36000000.00", "Аванс 30% по договору ЖР-НИР-14/25", "ЖР-0602")], period_end="2026-12-31",
        label=V4("price_far_from_text_peers", ["NK-32"], "120 mln for testing corrosion inhibitors, a job other payers buy for 8.5–9.9 mln (this payer's own study of inhibitors in February: 9.1 mln)."))

payer("z4_aryskum", "ТОО «Арысқұм Ойл»", "«Арысқұм Ойл» ЖШС", "Aryskum Oil LLP", "kyzylorda")
R_Q15 = right("АО-2013-55", "z4_aryskum")
RIGHTS[R_Q15].bases = {2023: B("2400000000.00"), 2024: B("3200000000.00"), 2025: B("3200000000.00")}
one_off("z4_aryskum", R_Q15, "АО-НИР-01/24", "2024-01-29", "z4p_core", "Петрофизические исследования керна", "10200000.00",
        [("2024-06-03", "5100000.00", "Оплата 1 этапа по акту № 1", "АО-0603"), ("2024-11-04", "5100000.00", "Оплата 2 этапа по акту № 2", "АО-1104")])
one_off("z4_aryskum", R_Q15, "АО-НИР-03/24", "2024-03-04", "z4p_geo", "Исследование технологии циклического заводнения", "15000000.00",
        [("2024-09-16", "15000000.00", "Оплата НИР по акту № 1", "АО-0916")])
ag_ar = agreement("z4_aryskum", "АО-НИР-02/25", "2025-02-03", "z4p_geo", "Исследование технологии селективной изоляции водопритоков", "38000000.00", "2025-02-03", "2026-06-30")
pay(ag_ar, R_Q15, "2025-04-14", "9000000.00", "Оплата 1 этапа НИР по акту № 1", "АО-0414")
pay(ag_ar, R_Q15, "2025-08-18", "9000000.00", "Оплата 2 этапа НИР по акту № 2", "АО-0818")
pay(ag_ar, R_Q15, "2025-12-29", "6000000.00", "Оплата 3 этапа НИР по акту № 3 от 24.12.2025", "АО-1229", for_year=2025,
    label=C("A stage accepted on 24.12.2025 and paid on 29.12.2025, credited to 2025: within its own year."))
pay(ag_ar, R_Q15, "2026-02-20", "8000000.00", "Оплата 4 этапа НИР по договору АО-НИР-02/25", "0220", for_year=2025,
    label=V4("credited_to_closed_year", ["NK-39"], "2025 closed 8 mln short of its 32 mln obligation; a payment of 20.02.2026 is credited to 2025 to close the gap."))

# NK-40.
payer("z4_kenkiyak", "ТОО «Кенқияқ Мұнай»", "«Кенқияқ Мұнай» ЖШС", "Kenkiyak Munai LLP", "aktobe")
R_Q16 = right("КҚ-2012-56", "z4_kenkiyak")
ag_kq1 = agreement("z4_kenkiyak", "КҚ-НИР-01/24", "2024-01-15", "z4p_geo", "Исследование технологии гидроразрыва в низкопроницаемых коллекторах", "40000000.00", "2024-01-15", "2025-06-30")
ag_kq2 = agreement("z4_kenkiyak", "КҚ-НИР-02/24", "2024-02-05", "z4p_hydro", "Исследование подготовки воды для закачки", "18000000.00", "2024-02-05", "2025-06-30")
for _ag, _d, _a, _doc in [(ag_kq1, "2024-03-18", "4000000.00", "318"), (ag_kq2, "2024-05-20", "3500000.00", "520"), (ag_kq1, "2024-07-15", "4500000.00", "715"),
                          (ag_kq2, "2024-09-16", "3000000.00", "916"), (ag_kq1, "2024-10-21", "4000000.00", "1021"),
                          (ag_kq1, "2024-12-20", "5000000.00", "1220"), (ag_kq2, "2024-12-27", "4000000.00", "1227"), (ag_kq1, "2024-12-30", "3000000.00", "1230"),
                          (ag_kq1, "2025-01-08", "6000000.00", "8"), (ag_kq2, "2025-01-10", "4000000.00", "10"), (ag_kq1, "2025-01-14", "5000000.00", "14"),
                          (ag_kq2, "2025-05-19", "2500000.00", "519")]:
    pay(_ag, R_Q16, _d, _a, "Оплата этапа НИР по акту выполненных работ", f"КҚ-{_doc}")
PAYER_YEAR_LABELS.append(("z4_kenkiyak", 2024, V4("year_boundary_spread", ["NK-40"],
    "19 mln paid from March to October 2024, then 12 mln in the last eleven days of December and 15 mln in the first two weeks of January to the same two performers: 27 mln in four weeks around the New Year, while December alone stays at 39 % of 2024.")))

payer("z4_torgaipetro", "ТОО «Торғай Петро Ресурс»", "«Торғай Петро Ресурс» ЖШС", "Torgai Petro Resource LLP", "kyzylorda")
R_Q17 = right("ТП-2013-57", "z4_torgaipetro")
ag_tp1 = agreement("z4_torgaipetro", "ТП-НИР-01/25", "2025-01-20", "z4p_corr", "Исследование коррозии нефтепромыслового оборудования", "30000000.00", "2025-01-20", "2026-06-30")
ag_tp2 = agreement("z4_torgaipetro", "ТП-НИР-03/25", "2025-03-03", "z4p_univ", "Исследование реологии высоковязкой нефти", "20000000.00", "2025-03-03", "2026-06-30")
for _ag, _d, _a, _doc in [(ag_tp1, "2025-04-21", "3000000.00", "421"), (ag_tp2, "2025-06-16", "2500000.00", "616"), (ag_tp1, "2025-08-18", "3000000.00", "818"),
                          (ag_tp2, "2025-10-20", "2500000.00", "1020"), (ag_tp1, "2025-12-22", "4000000.00", "1222"), (ag_tp2, "2025-12-26", "3500000.00", "1226"),
                          (ag_tp1, "2025-12-30", "2000000.00", "1230"), (ag_tp1, "2026-01-05", "5000000.00", "5"), (ag_tp2, "2026-01-09", "4500000.00", "9"),
                          (ag_tp1, "2026-01-13", "5000000.00", "13")]:
    pay(_ag, R_Q17, _d, _a, "ҒЗЖ кезеңі бойынша төлем, орындалған жұмыстар актісі", f"ТП-{_doc}")
PAYER_YEAR_LABELS.append(("z4_torgaipetro", 2025, V4("year_boundary_spread", ["NK-40"],
    "11 mln paid over April–October 2025, then 9.5 mln between 22 and 30 December and 14.5 mln between 5 and 13 January 2026 to the same two performers: the year-end rush split by the New Year, December alone at 46 %.")))

payer("z4_saztobe", "ТОО «Сазтөбе Ойл»", "«Сазтөбе Ойл» ЖШС", "Saztobe Oil LLP", "aktobe")
R_Q18 = right("СТ-2014-58", "z4_saztobe")
ag_st = agreement("z4_saztobe", "СТ-НИР-02/24", "2024-02-01", "z4p_univ", "Исследование технологии снижения вязкости нефти", "24000000.00", "2024-02-01", "2024-12-31")
pay(ag_st, R_Q18, "2024-04-15", "7000000.00", "Оплата 1 этапа НИР по акту № 1 от 08.04.2024 согласно календарному плану", "СТ-0415")
pay(ag_st, R_Q18, "2024-08-12", "6000000.00", "Оплата 2 этапа НИР по акту № 2 от 05.08.2024 согласно календарному плану", "СТ-0812")
pay(ag_st, R_Q18, "2024-12-23", "11000000.00", "Оплата 3 (заключительного) этапа НИР по акту № 3 от 18.12.2024 согласно календарному плану", "СТ-1223")
ag_st2 = agreement("z4_saztobe", "СТ-НИР-01/25", "2025-01-13", "z4p_hydro", "Исследование очистки попутной воды", "15000000.00", "2025-01-13", "2025-12-31")
pay(ag_st2, R_Q18, "2025-01-20", "4500000.00", "Аванс 30% по договору СТ-НИР-01/25", "СТ-0120")
pay(ag_st2, R_Q18, "2025-07-14", "10500000.00", "Окончательный расчёт по договору СТ-НИР-01/25 (акт № 1 от 07.07.2025)", "СТ-0714")
PAYER_YEAR_LABELS.append(("z4_saztobe", 2024, C(
    "The final stage of a calendar plan that ends on 31.12.2024, accepted on 18.12 and paid on 23.12.2024 (46 % of the year); in January the advance of a new agreement with another performer.")))

payer("z4_karazhanbas", "ТОО «Қаражанбас Терең»", "«Қаражанбас Терең» ЖШС", "Karazhanbas Teren LLP", "mangystau")
R_Q19 = right("ҚТ-2011-59", "z4_karazhanbas")
ag_kzh = agreement("z4_karazhanbas", "ҚЖ-НИР-01/25", "2025-01-13", "z4p_geo", "Научное сопровождение пароциклического воздействия на пласт с ежемесячной отчётностью", "26400000.00", "2025-01-13", "2026-12-31")
_months = ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"]
for _i, (_d, _a) in enumerate([("2025-02-10", "1087500.00"), ("2025-03-11", "1112300.00"), ("2025-04-10", "1094800.00"), ("2025-05-12", "1121600.00"),
                               ("2025-06-10", "1103900.00"), ("2025-07-10", "1089200.00"), ("2025-08-11", "1117400.00"), ("2025-09-10", "1098700.00"),
                               ("2025-10-10", "1124100.00"), ("2025-11-10", "1109500.00"), ("2025-12-10", "1095300.00"), ("2026-01-12", "1118600.00")]):
    pay(ag_kzh, R_Q19, _d, _a, f"Оплата научного сопровождения за {_months[_i]} 2025 г. по акту № {_i + 1}", f"ҚЖ-{_i + 1:03d}")
PAYER_YEAR_LABELS.append(("z4_karazhanbas", 2025, C(
    "Monthly invoiced acts of a scientific-support agreement, each paid about the 10th of the next month (December's act on 12 January 2026), about 1.1 mln each: payments on both sides of the New Year, but no rush.")))

# ==================================================================================================
# Reporting consistency: NK-41 (quarterly reports that do not add up to the annual one), NK-42 (a report
# corrected with other amounts and no reason given), NK-43 (one payment reported twice under different
# document fields: the accounting system's order number and date, and the bank statement's reference and
# value date). The intake keeps every version (a correction supersedes, an annual report supersedes the
# quarters); a reason for a correction can only be written into the rows themselves — the spending
# report has no column for it and a submission no note.


def sequence(payer_key, year, *versions):
    """Reports of one payer and year sent in order: (quarter, payments, format, tag); the last versions stand."""
    REPORT_SEQUENCES[(payer_key, year)] = list(versions)


def standing(payments):
    PAYMENTS.extend(payments)
    return payments


def by_quarter(payments, q):
    return [p for p in payments if (int(p.paid_on[5:7]) - 1) // 3 + 1 == q]


payer("z4_kokzhide", "ТОО «Көкжиде Мұнай»", "«Көкжиде Мұнай» ЖШС", "Kokzhide Munai LLP", "aktobe")
R_41A = right("КЖ-2014-61", "z4_kokzhide")
_g = agreement("z4_kokzhide", "КЖД-НИР-01/25", "2025-01-20", "z4p_geo", "Исследование технологии форсированного отбора жидкости", "30000000.00", "2025-01-20", "2025-12-31")
_k = agreement("z4_kokzhide", "КЖД-НИР-02/25", "2025-02-03", "z4p_core", "Исследование керна горизонта П-II", "9000000.00", "2025-02-03", "2025-12-31")
_q = [line(_g, R_41A, "2025-03-17", "4500000.00", "Аванс 15% по договору КЖД-НИР-01/25", "311"), line(_k, R_41A, "2025-05-19", "3000000.00", "Оплата 1 этапа по акту № 1", "514"),
      line(_g, R_41A, "2025-06-16", "6000000.00", "Оплата 1 этапа по акту № 1", "622"), line(_k, R_41A, "2025-08-18", "3000000.00", "Оплата 2 этапа по акту № 2", "815"),
      line(_g, R_41A, "2025-09-15", "6000000.00", "Оплата 2 этапа по акту № 2", "921"), line(_k, R_41A, "2025-11-17", "3000000.00", "Оплата 3 этапа по акту № 3", "1117"),
      line(_g, R_41A, "2025-12-15", "6000000.00", "Оплата 3 этапа по акту № 3", "1215")]
_year = standing(sorted(_q + [line(_g, R_41A, "2025-08-25", "7500000.00", "Оплата 4 этапа НИР по акту № 4", "842")], key=lambda p: p.paid_on))
sequence("z4_kokzhide", 2025, *[(q, by_quarter(_q, q), fmt, "") for q, fmt in zip((1, 2, 3, 4), ("csv-ru-utf8", "xlsx-ru", "json", "csv-ru-utf8"))], (None, _year, "xlsx-ru", ""))
PAYER_YEAR_LABELS.append(("z4_kokzhide", 2025, V4("quarterly_annual_mismatch", ["NK-41"],
    "The four quarterly reports of 2025 hold 31.5 mln; the annual report holds 39 mln: a 7.5 mln payment dated 25.08.2025 appears only in the annual report, never in the third quarter's.")))

payer("z4_alibek", "ТОО «Әлібекмола Ойл»", "«Әлібекмола Ойл» ЖШС", "Alibekmola Oil LLP", "aktobe")
R_41B = right("ӘМ-2013-62", "z4_alibek")
_u = agreement("z4_alibek", "ӘМ-НИР-01/25", "2025-01-27", "z4p_univ", "Исследование технологии закачки полимеров", "28000000.00", "2025-01-27", "2025-12-31")
_q = [line(_u, R_41B, "2025-03-11", "4200000.00", "Оплата 1 этапа НИР по акту № 1", "401"), line(_u, R_41B, "2025-06-09", "4780000.00", "Оплата 2 этапа НИР по акту № 2", "655"),
      line(_u, R_41B, "2025-09-08", "5200000.00", "Оплата 3 этапа НИР по акту № 3", "903"), line(_u, R_41B, "2025-12-08", "5300000.00", "Оплата 4 этапа НИР по акту № 4", "1188")]
_year = standing([_q[0], line(_u, R_41B, "2025-06-09", "7480000.00", "Оплата 2 этапа НИР по акту № 2", "655"), _q[2], _q[3]])
sequence("z4_alibek", 2025, *[(q, by_quarter(_q, q), "json", "") for q in (1, 2, 3, 4)], (None, _year, "csv-kk-tab", ""))
PAYER_YEAR_LABELS.append(("z4_alibek", 2025, V4("quarterly_annual_mismatch", ["NK-41"],
    "The second quarter reported payment 655 of 09.06.2025 as 4,780,000; the annual report gives the same payment as 7,480,000 — the digits shuffled, 2.7 mln more for the year.")))

payer("z4_urikhtau", "ТОО «Ұрықтау Газ»", "«Ұрықтау Газ» ЖШС", "Urikhtau Gas LLP", "aktobe")
R_41C1 = right("ҰГ-2012-63", "z4_urikhtau")
R_41C2 = right("ҰГ-2016-64", "z4_urikhtau")
_h = agreement("z4_urikhtau", "ҰГ-НИР-01/25", "2025-02-10", "z4p_hydro", "Исследование подготовки газа: осушка и сероочистка", "32000000.00", "2025-02-10", "2025-12-31")
_q = [line(_h, R_41C1, "2025-03-27", "6000000.00", "Оплата 1 этапа НИР по акту № 1", "327"), line(_h, R_41C1, "2025-06-23", "8000000.00", "Оплата 2 этапа НИР по акту № 2", "623"),
      line(_h, R_41C1, "2025-09-22", "8000000.00", "Оплата 3 этапа НИР по акту № 3", "922"), line(_h, R_41C1, "2025-12-22", "8000000.00", "Оплата 4 этапа НИР по акту № 4", "1222")]
_year = standing([_q[0], _q[1], line(_h, R_41C2, "2025-09-22", "8000000.00", "Оплата 3 этапа НИР по акту № 3", "922"), _q[3]])
sequence("z4_urikhtau", 2025, *[(q, by_quarter(_q, q), "xlsx-kk", "") for q in (1, 2, 3, 4)], (None, _year, "json", ""))
PAYER_YEAR_LABELS.append(("z4_urikhtau", 2025, V4("quarterly_annual_mismatch", ["NK-41"],
    "The year's total is the quarters' total, but the annual report moves the third quarter's 8 mln from contract ҰГ-2012-63 to ҰГ-2016-64: per right, the quarters (30 and 0 mln) do not add up to the year (22 and 8 mln).")))

payer("z4_laktybai", "ТОО «Лақтыбай Ойл»", "«Лақтыбай Ойл» ЖШС", "Laktybai Oil LLP", "aktobe")
R_41D = right("ЛБ-2015-65", "z4_laktybai")
_c1 = agreement("z4_laktybai", "ЛБ-НИР-01/25", "2025-01-27", "z4p_corr", "Исследование коррозии насосно-компрессорных труб", "20000000.00", "2025-01-27", "2025-12-31")
_c2 = agreement("z4_laktybai", "ЛБ-НИР-02/25", "2025-03-03", "z4p_core", "Исследование керна горизонта КТ-I", "8000000.00", "2025-03-03", "2025-12-31")
_q = [line(_c1, R_41D, "2025-02-17", "3000000.00", "Аванс по договору ЛБ-НИР-01/25", "217"), line(_c2, R_41D, "2025-05-12", "4000000.00", "Оплата 1 этапа по акту № 1", "512"),
      line(_c1, R_41D, "2025-06-09", "5000000.00", "Оплата 1 этапа по акту № 1", "609"), line(_c1, R_41D, "2025-08-11", "6000000.00", "Оплата 2 этапа по акту № 2", "811"),
      line(_c2, R_41D, "2025-10-13", "4000000.00", "Оплата 2 этапа по акту № 2", "1013"), line(_c1, R_41D, "2025-12-08", "6000000.00", "Оплата 3 этапа по акту № 3", "1208")]
_year = standing(sorted(_q, key=lambda p: (p.agreement.number, p.paid_on)))
sequence("z4_laktybai", 2025, *[(q, by_quarter(_q, q), "csv-ru-utf8", "") for q in (1, 2, 3, 4)], (None, _year, "csv-kk-tab", ""))
PAYER_YEAR_LABELS.append(("z4_laktybai", 2025, C("The annual report holds exactly the quarters' six payments, in another order (by agreement) and with Kazakh headers: it adds up.")))

payer("z4_beketata", "ТОО «Бекет Ата Мұнай»", "«Бекет Ата Мұнай» ЖШС", "Beket Ata Munai LLP", "mangystau")
R_41E = right("БА-2014-66", "z4_beketata")
_b = agreement("z4_beketata", "БА-НИР-01/25", "2025-01-20", "z4p_geo", "Исследование технологии нестационарного заводнения", "24000000.00", "2025-01-20", "2025-12-31")
_q1 = [line(_b, R_41E, "2025-03-17", "5000000.00", "Оплата 1 этапа НИР по акту № 1", "301")]
_q2 = [line(_b, R_41E, "2025-06-16", "3510000.00", "Оплата 2 этапа НИР по акту № 2", "611")]
_q2c = [line(_b, R_41E, "2025-06-16", "3150000.00", "Оплата 2 этапа НИР по акту № 2 (сумма исправлена: в первоначальном отчёте за 2 квартал опечатка — 3 510 000,00)", "611")]
_q3 = [line(_b, R_41E, "2025-09-15", "6000000.00", "Оплата 3 этапа НИР по акту № 3", "918")]
_q4 = [line(_b, R_41E, "2025-12-15", "6000000.00", "Оплата 4 этапа НИР по акту № 4", "1209")]
sequence("z4_beketata", 2025, (1, _q1, "json", ""), (2, _q2, "json", ""), (2, _q2c, "json", "corrected"), (3, _q3, "json", ""), (4, _q4, "json", ""),
         (None, standing(_q1 + _q2c + _q3 + _q4), "xlsx-ru", ""))
PAYER_YEAR_LABELS.append(("z4_beketata", 2025, C(
    "The second quarter's report was corrected (3,510,000 → 3,150,000), the correction saying why in the row (a typo); the annual report holds the corrected quarters exactly.")))

# NK-42.
payer("z4_tasbulak", "ТОО «Тасбұлақ Мұнай»", "«Тасбұлақ Мұнай» ЖШС", "Tasbulak Munai LLP", "atyrau")
R_42A = right("ТБ-2013-71", "z4_tasbulak")
_g = agreement("z4_tasbulak", "ТБ-НИР-01/25", "2025-01-20", "z4p_geo", "Исследование технологии горизонтального бурения боковых стволов", "30000000.00", "2025-01-20", "2025-12-31")
_h = agreement("z4_tasbulak", "ТБ-НИР-02/25", "2025-02-03", "z4p_hydro", "Исследование совместимости закачиваемых вод", "12000000.00", "2025-02-03", "2025-12-31")
_rows = [(_g, "2025-03-17", "4500000.00", "305"), (_g, "2025-05-19", "6200000.00", "512"), (_h, "2025-07-21", "3100000.00", "716"), (_g, "2025-09-22", "6200000.00", "921"), (_h, "2025-11-24", "3100000.00", "1124")]
_orig = [line(a_, R_42A, d, amt, "Оплата этапа НИР по акту выполненных работ", doc) for a_, d, amt, doc in _rows]
_corr = [line(a_, R_42A, d, {"512": "8200000.00", "1124": "4100000.00"}.get(doc, amt), "Оплата этапа НИР по акту выполненных работ", doc) for a_, d, amt, doc in _rows]
sequence("z4_tasbulak", 2025, (None, _orig, "xlsx-ru", ""), (None, standing(_corr), "xlsx-ru", "corrected"))
PAYER_YEAR_LABELS.append(("z4_tasbulak", 2025, V4("correction_without_reason", ["NK-42"],
    "The 2025 report was sent again with two payments raised (order 512: 6.2 → 8.2 mln; order 1124: 3.1 → 4.1 mln), every other cell as before and no word of why: 3 mln more for the year.")))

payer("z4_shagyrly", "ТОО «Шағырлы Газ»", "«Шағырлы Газ» ЖШС", "Shagyrly Gas LLP", "mangystau")
R_42B = right("ШҒ-2012-72", "z4_shagyrly")
_u = agreement("z4_shagyrly", "ШҒ-НИР-01/24", "2024-01-22", "z4p_univ", "Исследование технологии подготовки газа к транспорту", "26000000.00", "2024-01-22", "2024-12-31")
_k = agreement("z4_shagyrly", "ШҒ-НИР-03/24", "2024-03-04", "z4p_core", "Исследование керна газовых горизонтов", "9000000.00", "2024-03-04", "2024-12-31")
_orig = [line(_u, R_42B, "2024-03-18", "5000000.00", "Оплата 1 этапа по акту № 1", "318"), line(_k, R_42B, "2024-06-17", "4000000.00", "Оплата 1 этапа по акту № 1", "617"),
         line(_u, R_42B, "2024-08-19", "5400000.00", "Оплата 2 этапа по акту № 2", "819"), line(_k, R_42B, "2024-10-21", "4000000.00", "Оплата 2 этапа по акту № 2", "1021"),
         line(_u, R_42B, "2024-12-09", "5000000.00", "Оплата 3 этапа по акту № 3", "1209")]
_corr = [_orig[0], _orig[1], line(_u, R_42B, "2024-08-19", "2400000.00", "Оплата 2 этапа по акту № 2", "819"), _orig[3], _orig[4],
         line(_u, R_42B, "2024-12-20", "7000000.00", "Оплата 4 этапа по акту № 4", "1220")]
sequence("z4_shagyrly", 2024, (None, _orig, "csv-ru-utf8", ""), (None, standing(_corr), "csv-ru-utf8", "corrected"))
PAYER_YEAR_LABELS.append(("z4_shagyrly", 2024, V4("correction_without_reason", ["NK-42"],
    "The corrected 2024 report lowers order 819 from 5.4 to 2.4 mln and adds a 7 mln payment of 20.12.2024 that the first report did not have: 4 mln more for the year, no reason in any row.")))

payer("z4_amangeldi", "ТОО «Амангелді Газ»", "«Амангелді Газ» ЖШС", "Amangeldi Gas LLP", "zhambyl")
R_42C = right("АМГ-2014-73", "z4_amangeldi")
_h = agreement("z4_amangeldi", "АМГ-НИР-01/25", "2025-01-27", "z4p_hydro", "Исследование гидратообразования в газосборной сети", "24000000.00", "2025-01-27", "2025-12-31")
_q3 = [line(_h, R_42C, "2025-07-14", "4000000.00", "Оплата 3 этапа по акту № 3", "702"), line(_h, R_42C, "2025-08-11", "3600000.00", "Оплата 4 этапа по акту № 4", "805")]
_q3c = [_q3[0], line(_h, R_42C, "2025-08-11", "6300000.00", "Оплата 4 этапа по акту № 4", "805")]
_q1 = [line(_h, R_42C, "2025-03-31", "3000000.00", "Оплата 1 этапа по акту № 1", "331")]
_q2 = [line(_h, R_42C, "2025-06-16", "4000000.00", "Оплата 2 этапа по акту № 2", "616")]
_q4 = [line(_h, R_42C, "2025-11-17", "4000000.00", "Оплата 5 этапа по акту № 5", "1117")]
standing(_q1 + _q2 + _q3c + _q4)
sequence("z4_amangeldi", 2025, (1, _q1, "json", ""), (2, _q2, "json", ""), (3, _q3, "json", ""), (3, _q3c, "csv-ru-utf8", "corrected"), (4, _q4, "json", ""))
PAYER_YEAR_LABELS.append(("z4_amangeldi", 2025, V4("correction_without_reason", ["NK-42"],
    "The third quarter's report was sent again with order 805 of 11.08.2025 raised from 3.6 to 6.3 mln, the same purpose and nothing else changed.")))

payer("z4_bozashy_n", "ТОО «Солтүстік Бозащы Ойл»", "«Солтүстік Бозащы Ойл» ЖШС", "North Buzachi Oil LLP", "mangystau")
R_42D = right("СБО-2013-74", "z4_bozashy_n")
_g = agreement("z4_bozashy_n", "СБО-НИР-01/25", "2025-01-20", "z4p_geo", "Исследование технологии термополимерного воздействия", "20000000.00", "2025-01-20", "2025-12-31")
_orig = [line(_g, R_42D, "2025-04-14", "5000000.00", "Оплата 1 этапа НИР по акту № 1 от 07.04.2025", "414"),
         line(_g, R_42D, "2025-05-19", "6020000.00", "Оплата 2 этапа НИР по акту № 2 от 12.05.2025", "519"),
         line(_g, R_42D, "2025-09-15", "5000000.00", "Оплата 3 этапа НИР по акту № 3 от 08.09.2025", "915")]
_corr = [_orig[0], line(_g, R_42D, "2025-05-19", "6200000.00",
                        "Оплата 2 этапа НИР по акту № 2 от 12.05.2025; сумма уточнена по акту сверки взаиморасчётов № 7 от 12.02.2026 (в первоначальном отчёте ошибочно 6 020 000,00)", "519"), _orig[2]]
sequence("z4_bozashy_n", 2025, (None, _orig, "json", ""), (None, standing(_corr), "json", "corrected"))
PAYER_YEAR_LABELS.append(("z4_bozashy_n", 2025, C(
    "A correction that changes one amount (6,020,000 → 6,200,000) and says why in the same row: the reconciliation act No 7 of 12.02.2026 found the first report's typo.")))

payer("z4_konys", "ТОО «Қоныс Мұнай»", "«Қоныс Мұнай» ЖШС", "Konys Munai LLP", "kyzylorda")
R_42E = right("ҚН-2012-75", "z4_konys")
_c = agreement("z4_konys", "ҚН-НИР-01/25", "2025-02-03", "z4p_corr", "Исследование коррозии выкидных линий", "15000000.00", "2025-02-03", "2025-12-31")
_orig = [line(_c, R_42E, "2025-04-21", "4000000.00", "Опл. 1 эт. НИР", "ПП 1021"), line(_c, R_42E, "2025-07-21", "5000000.00", "Опл. 2 эт. НИР", "ПП 1187"),
         line(_c, R_42E, "2025-10-20", "5000000.00", "Опл. 3 эт. НИР", "ПП 1412")]
_corr = [line(_c, R_42E, "2025-04-21", "4000000.00", "Оплата 1 этапа НИР по акту № 1 от 14.04.2025", "ПП-1021"),
         line(_c, R_42E, "2025-07-21", "5000000.00", "Оплата 2 этапа НИР по акту № 2 от 14.07.2025", "ПП-1187"),
         line(_c, R_42E, "2025-10-20", "5000000.00", "Оплата 3 этапа НИР по акту № 3 от 13.10.2025", "ПП-1412")]
sequence("z4_konys", 2025, (None, _orig, "csv-ru-utf8", ""), (None, standing(_corr), "xlsx-ru", "corrected"))
PAYER_YEAR_LABELS.append(("z4_konys", 2025, C("A correction that writes the purposes in full and the order numbers with a dash: every amount and date as before.")))

# NK-43.
payer("z4_karakuduk", "ТОО «Қарақұдық Мұнай»", "«Қарақұдық Мұнай» ЖШС", "Karakuduk Munai LLP", "mangystau")
R_43 = right("ҚҚ-2013-76", "z4_karakuduk")
REPORTS_EXTRA["z4_karakuduk"] = ("quarterly", ["xlsx-ru", "json", "csv-ru-utf8", "csv-kk-tab"])
ag_kk1 = agreement("z4_karakuduk", "ҚҚ-НИР-03/25", "2025-02-03", "z4p_univ", "Исследование технологии циклической закачки газа", "36000000.00", "2025-02-03", "2025-12-31")
ag_kk2 = agreement("z4_karakuduk", "ҚҚ-НИР-05/25", "2025-03-03", "z4p_corr", "Исследование коррозии обсадных колонн", "14000000.00", "2025-03-03", "2025-12-31")
pay(ag_kk1, R_43, "2025-03-20", "5400000.00", "Аванс 15% по договору ҚҚ-НИР-03/25", "ПП-211")
_a = pay(ag_kk1, R_43, "2025-06-10", "7400000.00", "Оплата 1 этапа НИР, акт № 1 от 03.06.2025", "ПП-318")
pay(ag_kk1, R_43, "2025-06-12", "7400000.00", "Перевод средств по дог. ҚҚ-НИР-03/25 от 03.02.2025, НДС не облагается", "FT25163K7Q2M", also=[_a],
    label=V4("same_payment_other_fields", ["NK-43", "NK-06"], "Order ПП-318 of 10.06.2025 (7.4 mln, the accounting system's line) is reported again from the bank statement in the same quarter: the bank's reference FT25163K7Q2M, the value date two days later and the bank's wording of the purpose."))
pay(ag_kk2, R_43, "2025-06-17", "3500000.00", "Оплата 1 этапа НИР по акту № 1 от 10.06.2025", "ПП-331")
pay(ag_kk2, R_43, "2025-06-19", "3500000.00", "Оплата 2 этапа НИР по акту № 2 от 13.06.2025", "ПП-336",
    label=C("Two payments of 3.5 mln to one centre two days apart, under two numbers: two stages, each on its own act."))
_a = pay(ag_kk1, R_43, "2025-09-29", "6800000.00", "Оплата 2 этапа НИР по акту № 2 от 22.09.2025", "1045")
pay(ag_kk1, R_43, "2025-10-01", "6800000.00", "Зачисление по платёжному поручению: НИОКР по договору ҚҚ-НИР-03/25", "FT25274M3X8W", also=[_a],
    label=V4("same_payment_other_fields", ["NK-43", "NK-06"], "Order 1045 of 29.09.2025 in the third quarter's report, and the same 6.8 mln again in the fourth quarter's, taken from the bank statement: reference FT25274M3X8W, value date 01.10.2025."))
pay(ag_kk2, R_43, "2025-11-24", "3500000.00", "Оплата 3 этапа НИР по акту № 3", "ПП-1290")

payer("z4_dunga", "ТОО «Дунға Ресурс»", "«Дунға Ресурс» ЖШС", "Dunga Resource LLP", "mangystau")
R_43B = right("ДР-2014-77", "z4_dunga")
ag_dr = agreement("z4_dunga", "ДР-НИР-04/24", "2024-02-12", "z4p_geo", "Исследование технологии изоляции заколонных перетоков", "26000000.00", "2024-02-12", "2024-12-31")
ag_dr2 = agreement("z4_dunga", "ДР-НИР-09/24", "2024-03-11", "z4p_core", "Исследование керна и пластовых флюидов горизонтов Ю-I – Ю-IV (12 скважин)", "15800000.00", "2024-03-11", "2025-06-30",
                   label=C("A core and fluid study of four horizons and twelve wells for 15.8 mln: dearer than a one-well core study (8–10 mln), in proportion to its scope."))
pay(ag_dr2, R_43B, "2024-05-20", "4300000.00", "Платёж по договору ДР-НИР-09/24 согласно счёту № 18 от 14.05.2024", "ID 7731880415",
    label=C("A payment reported under the bank's reference only; the 4.3 mln paid two days later under an accounting number went to another performer under another agreement."))
pay(ag_dr, R_43B, "2024-05-22", "4300000.00", "Оплата 1 этапа НИР (акт № 1 от 14.05.2024)", "0412")
pay(ag_dr2, R_43B, "2024-09-16", "6000000.00", "Оплата 2 этапа по акту № 2", "0655")
_a = pay(ag_dr, R_43B, "2024-11-27", "8600000.00", "Оплата 2 этапа НИР (акт № 2 от 20.11.2024)", "0897")
pay(ag_dr, R_43B, "2024-11-29", "8600000.00", "Платёж по договору ДР-НИР-04/24 согласно счёту на оплату № 45 от 21.11.2024", "ID 7734150022", also=[_a],
    label=V4("same_payment_other_fields", ["NK-43", "NK-06"], "Order 0897 of 27.11.2024 and the bank's operation ID 7734150022 of 29.11.2024: one payment of 8.6 mln for act No 2, listed twice in the annual report — once as the order, once as the invoice paid."))
one_off("z4_dunga", R_43B, "ДР-НИР-02/25", "2025-02-10", "z4p_core", "Исследование фильтрационно-ёмкостных свойств керна горизонта Ю-III", "8400000.00",
        [("2025-06-16", "8400000.00", "Оплата исследований по акту № 1", "ДР-0616")])

# ==================================================================================================
# Who the performer is: NK-44 (an individual entrepreneur or a natural person — an IIN, or the BIN of a
# joint entrepreneurship — paid as the R&D performer), NK-45 (a performer owned from abroad, directly,
# through a Kazakh holding, or from a date), NK-46 (a large agreement with a company that has no
# accreditation and no research record), NK-47 (a shell between the payer and the real performer, which
# passes nearly everything on within days; onward agreements reported as rows without a payment part).

payer("z4_sayak", "АО «Саяқ Кен»", "«Саяқ Кен» АҚ", "Sayak Ken JSC", "karaganda", "solid")
R_Q32 = right("СК-2012-81", "z4_sayak", "solid", "legacy_contract")
org("z4p_ie1", "ИП Сейткали Бауыржан Нурланович", "Сейтқали Бауыржан Нұрланұлы ЖК", "Individual entrepreneur Bauyrzhan Seitkali", "company", "karaganda", "2016-04-12", "72.19",
    [attr("kazakhstani_supplier", "2016-04-12", None, "", "гражданин Республики Казахстан")])
ORGS["z4p_ie1"].bin = make_iin("1978-05-12", 3)
org("z4p_person", "Жумабеков Ерлан Кайратович (физическое лицо)", "Жұмабеков Ерлан Қайратұлы (жеке тұлға)", "Yerlan Zhumabekov (natural person)", "company", "karaganda", "2019-09-02", "",
    [attr("kazakhstani_supplier", "2019-09-02", None, "", "гражданин Республики Казахстан, доктор технических наук")])
ORGS["z4p_person"].bin = make_iin("1965-11-03", 3)
org("z4p_jie", "ИП «Дала Агро Зерттеу» (совместное предпринимательство)", "«Дала Агро Зерттеу» ЖК (бірлескен кәсіпкерлік)", "Dala Agro Zertteu (joint entrepreneurship)", "company", "karaganda",
    "2018-07-16", "72.19", [attr("kazakhstani_supplier", "2018-07-16", None, "", "участники — граждане РК")])
ORGS["z4p_jie"].bin = make_joint_ie_bin("2018-07-16")
org("z4p_named", "ТОО «Лаборатория профессора Сейткали»", "«Профессор Сейтқали зертханасы» ЖШС", "Professor Seitkali Laboratory LLP", "company", "karaganda", "2017-03-01", "72.19", [SUP, ACC])
org("z4p_foreign", "Nordic Ore Sorting Research AB", "Nordic Ore Sorting Research AB", "Nordic Ore Sorting Research AB", "foreign", "foreign", "2012-05-05", "72.19",
    [attr("foreign_permission", "2025-01-01", "2026-12-31", "МПС-РАЗР-2025-019", "разрешение уполномоченного органа: казахстанских исполнителей нет")])
owner("z4p_foreign", "Nordic Mining Technology Group AB", "legal_entity", "SE", "100", "2012-05-05", foreign_identifier="556812-4471", source="выписка Bolagsverket")
one_off("z4_sayak", R_Q32, "СК-НИР-03/25", "2025-02-17", "z4p_ie1", "Экспертная оценка технологии кучного выщелачивания и разработка рекомендаций", "9600000.00",
        [("2025-05-12", "4800000.00", "Оплата 1 этапа НИР по акту № 1", "512",
          V4("natural_person_performer", ["NK-44"], "The performer's number is an IIN (born 12.05.1978): an individual entrepreneur, registered as an organisation, paid 4.8 mln as the R&D performer."))])
one_off("z4_sayak", R_Q32, "СК-НИР-05/25", "2025-03-11", "z4p_person", "Научное консультирование по геомеханике рудника", "4500000.00",
        [("2025-06-09", "2250000.00", "Вознаграждение по договору ГПХ на выполнение НИР, 1 этап", "611",
          V4("natural_person_performer", ["NK-44"], "A natural person — a professor under a civil-law contract, identified by his IIN — paid as the performer of R&D."))])
one_off("z4_sayak", R_Q32, "СК-НИР-07/25", "2025-04-07", "z4p_jie", "Исследование рекультивации нарушенных земель", "7200000.00",
        [("2025-07-14", "3600000.00", "Оплата 1 этапа НИР по акту № 1", "715",
          V4("natural_person_performer", ["NK-44"], "The performer is a joint individual entrepreneurship: its BIN's fifth digit, 6, says so — individuals, not a legal entity."))])
one_off("z4_sayak", R_Q32, "СК-НИР-09/25", "2025-04-21", "z4p_named", "Исследование минералогии руд", "8400000.00",
        [("2025-06-23", "4200000.00", "Оплата 1 этапа НИР по акту № 1", "623",
          C("A partnership named after its founder, «Professor Seitkali's Laboratory»: a legal entity with a BIN and an accreditation."))])
one_off("z4_sayak", R_Q32, "СК-НИР-11/25", "2025-05-05", "z4p_foreign", "Research on sensor-based ore sorting", "9000000.00",
        [("2025-08-11", "4500000.00", "Sensor-based ore sorting research, stage 1, acceptance act No 1", "811",
          C("A foreign performer, foreign-owned, with the competent authority's permission for 2025–2026 (no Kazakhstani performer could do the work)."))])
one_off("z4_sayak", R_Q32, "СК-НИР-13/25", "2025-05-19", "z4p_univ", "Исследование технологии подземного выщелачивания меди", "40000000.00",
        [("2025-07-14", "12000000.00", "Аванс 30% по договору СК-НИР-13/25", "714")], period_end="2026-12-31",
        label=C("40 mln with an accredited university (since 2012) that carries out R&D for many subsoil users: a large agreement with a proven performer."))

# NK-45: owners.
org("z4p_fo1", "ТОО «Геосинтез Лаб»", "«Геосинтез Лаб» ЖШС", "Geosintez Lab LLP", "company", "karaganda", "2017-06-06", "72.19", [SUP, ACC])
owner("z4p_fo1", "Geosynthesis Holdings Ltd", "legal_entity", "CY", "100", "2019-06-01", foreign_identifier="HE 412873", source="справка о зарегистрированном юридическом лице")
org("z4_alatau_cap", "ТОО «Алатау Капитал Инвест»", "«Алатау Капитал Инвест» ЖШС", "Alatau Capital Invest LLP", "company", "almaty_city", "2016-02-02", "64.20")
owner("z4_alatau_cap", "Смирнов Андрей Викторович", "natural_person", "RU", "75", "2018-03-01", foreign_identifier="ИНН 772512345674")
owner("z4_alatau_cap", "Ахметов Ерлан Серикович", "natural_person", "KZ", "25", "2018-03-01", identifier=make_iin("1981-09-23", 3))
org("z4p_fo2", "ТОО «Сарыарқа Геотех»", "«Сарыарқа Геотех» ЖШС", "Saryarka Geotech LLP", "company", "karaganda", "2015-05-05", "72.19", [SUP, ACC])
owner("z4p_fo2", "ТОО «Алатау Капитал Инвест»", "legal_entity", "KZ", "100", "2018-03-01", identifier="z4_alatau_cap")
org("z4p_fo3", "ТОО «Қарағанды Ғылыми Сервис»", "«Қарағанды Ғылыми Сервис» ЖШС", "Karaganda Science Service LLP", "company", "karaganda", "2014-09-09", "72.19", [SUP, ACC])
owner("z4p_fo3", "Байжанов Марат Ерболович", "natural_person", "KZ", "100", "2014-09-09", "2025-02-28", identifier=make_iin("1972-02-14", 3))
owner("z4p_fo3", "Stonebridge Minerals B.V.", "legal_entity", "NL", "100", "2025-03-01", foreign_identifier="KvK 81234567")
org("z4p_fo4", "ТОО «Нұра Минерал Зерттеу»", "«Нұра Минерал Зерттеу» ЖШС", "Nura Mineral Zertteu LLP", "company", "karaganda", "2013-03-13", "72.19", [SUP, ACC])
owner("z4p_fo4", "Nura Holdings AG", "legal_entity", "CH", "100", "2013-03-13", "2024-12-31", foreign_identifier="CHE-112.345.678")
owner("z4p_fo4", "Омарова Динара Аскаровна", "natural_person", "KZ", "100", "2025-01-01", identifier=make_iin("1984-06-30", 4))
org("z4p_fo5", "ТОО «Теміртау Металл Ғылым»", "«Теміртау Металл Ғылым» ЖШС", "Temirtau Metal Gylym LLP", "company", "karaganda", "2012-12-03", "72.19", [SUP, ACC])
owner("z4p_fo5", "Касымов Нурлан Бахытович", "natural_person", "KZ", "90", "2012-12-03", identifier=make_iin("1969-01-08", 3))
owner("z4p_fo5", "Baltic Metals SIA", "legal_entity", "LV", "10", "2020-04-01", foreign_identifier="40103456789")
one_off("z4_sayak", R_Q32, "СК-НИР-15/25", "2025-03-03", "z4p_fo1", "Исследование технологии сгущения хвостов", "12000000.00",
        [("2025-06-02", "6000000.00", "Оплата 1 этапа НИР по акту № 1", "602",
          V4("foreign_beneficial_owner", ["NK-45"], "The performer, a Kazakh partnership with supplier status and accreditation, is wholly owned by a Cypriot company since 2019."))])
one_off("z4_sayak", R_Q32, "СК-НИР-17/25", "2025-04-14", "z4p_fo2", "Исследование вентиляции глубоких горизонтов рудника", "14000000.00",
        [("2025-07-21", "7000000.00", "Оплата 1 этапа НИР по акту № 1", "721",
          V4("foreign_beneficial_owner", ["NK-45"], "The performer is wholly owned by a Kazakh holding (Alatau Capital Invest), which is 75 % owned by a citizen of Russia: the beneficial owner is foreign one link up."))])
one_off("z4_sayak", R_Q32, "СК-НИР-19/25", "2025-01-20", "z4p_fo3", "Исследование закладочных смесей", "10000000.00",
        [("2025-02-10", "3000000.00", "Аванс 30% по договору СК-НИР-19/25", "210",
          C("Paid on 10.02.2025, when the performer still belonged to a Kazakh citizen (until 28.02.2025).")),
         ("2025-06-10", "7000000.00", "Оплата 1 этапа НИР по акту № 1", "610",
          V4("foreign_beneficial_owner", ["NK-45"], "Paid on 10.06.2025: since 01.03.2025 the performer belongs to a Dutch company, Stonebridge Minerals B.V."))])
one_off("z4_sayak", R_Q32, "СК-НИР-21/25", "2025-03-17", "z4p_fo4", "Исследование обогатимости марганцевых руд", "10000000.00",
        [("2025-05-19", "5000000.00", "Оплата 1 этапа НИР по акту № 1", "519",
          C("Owned by a Swiss company until 31.12.2024 and by a Kazakh citizen since 01.01.2025: on the payment day, 19.05.2025, the owner is Kazakh."))])
one_off("z4_sayak", R_Q32, "СК-НИР-23/25", "2025-06-02", "z4p_fo5", "Исследование легирования стали редкоземельными металлами", "8800000.00",
        [("2025-09-15", "4400000.00", "Оплата 1 этапа НИР по акту № 1", "915",
          C("A Latvian company holds 10 % of the performer; 90 % belongs to a Kazakh citizen. A 10 % holder is no beneficial owner (the AML law's threshold is more than 25 %)."))])

# NK-46: performers without an accreditation or any research record.
org("z4p_nt1", "ТОО «СтройИнвест Технолоджи»", "«СтройИнвест Технолоджи» ЖШС", "StroyInvest Technology LLP", "company", "karaganda", "2019-03-11", "72.19",
    [attr("kazakhstani_supplier", "2019-03-11", None, "", "справка о доле граждан РК")])
org("z4p_nt2", "ТОО «Proton Engineering»", "«Proton Engineering» ЖШС", "Proton Engineering LLP", "company", "pavlodar", "2021-08-02", "71.12",
    [attr("kazakhstani_supplier", "2021-08-02", None, "", "справка о доле граждан РК")])
org("z4p_nt3", "ТОО «Альфа Сервис Групп»", "«Альфа Сервис Групп» ЖШС", "Alpha Service Group LLP", "company", "kyzylorda", "2017-02-20", "74.90",
    [attr("kazakhstani_supplier", "2017-02-20", None, "", "справка о доле граждан РК")])
org("z4p_rec", "ТОО «Кен Технология Сервис»", "«Кен Технология Сервис» ЖШС", "Ken Technology Service LLP", "company", "karaganda", "2014-10-20", "72.19",
    [attr("kazakhstani_supplier", "2014-10-20", None, "", "справка о доле граждан РК")])
org("z4p_acc_new", "ТОО «Инновационный центр «Ордабасы»", "«Ордабасы» инновациялық орталығы ЖШС", "Ordabasy Innovation Centre LLP", "company", "turkistan", "2022-02-01", "72.19",
    [attr("kazakhstani_supplier", "2022-02-01", None, "", "справка о доле граждан РК"), attr("science_accreditation", "2023-06-01", None, "KZ-SC-5120", "свидетельство МНВО")])
one_off("z4_sayak", R_Q32, "СК-НИР-25/25", "2025-05-12", "z4p_nt1", "Разработка технологии комплексной переработки шлаков", "42000000.00",
        [("2025-06-16", "12600000.00", "Аванс 30% по договору СК-НИР-25/25", "616")], period_end="2026-12-31",
        label=V4("performer_without_track_record", ["NK-46"], "42 mln to a six-year-old partnership with an R&D activity code but no accreditation, ever, and no research agreement before this one."))
one_off("z4_maikain", R_Q2, "МА-НИР-20/25", "2025-07-08", "z4p_nt2", "Исследование технологии сухого складирования хвостов", "55000000.00",
        [("2025-08-04", "16500000.00", "Аванс 30% по договору МА-НИР-20/25", "2701")], period_end="2026-12-31",
        label=V4("performer_without_track_record", ["NK-46"], "55 mln to an engineering-design company (OKED 71.12) founded in 2021: no accreditation and no research work on record."))
one_off("z4_maikain", R_Q2, "МА-НИР-12/24", "2024-03-04", "z4p_rec", "Исследование гранулометрического состава руд", "8000000.00",
        [("2024-06-17", "4000000.00", "Оплата 1 этапа НИР по акту № 1", "1402"), ("2024-11-18", "4000000.00", "Оплата 2 этапа НИР по акту № 2", "2711")])
one_off("z4_akzhal", R_Q5, "АМ-НИР-06/24", "2024-05-13", "z4p_rec", "Исследование пылеподавления на карьере", "6500000.00",
        [("2024-09-16", "6500000.00", "Оплата НИР по акту № 1", "АМ-24-0916")])
one_off("z4_sayak", R_Q32, "СК-НИР-27/25", "2025-08-04", "z4p_rec", "Исследование технологии обеспыливания дробильных комплексов", "30000000.00",
        [("2025-09-08", "9000000.00", "Аванс 30% по договору СК-НИР-27/25", "908")], period_end="2026-12-31",
        label=C("No accreditation, but a research record: two R&D agreements for two other subsoil users in 2024, both accepted and paid, before this 30 mln one."))
one_off("z4_sayak", R_Q32, "СК-НИР-29/25", "2025-09-02", "z4p_acc_new", "Исследование технологии биовыщелачивания", "25000000.00",
        [("2025-10-06", "7500000.00", "Аванс 30% по договору СК-НИР-29/25", "1006")], period_end="2026-12-31",
        label=C("A young centre (2022), but accredited by the science ministry since June 2023."))

# NK-47: shells.
payer("z4_shalkiya", "АО «Шалқия Цинк»", "«Шалқия Цинк» АҚ", "Shalkiya Zinc JSC", "kyzylorda", "solid")
R_Q33 = right("ШЦ-2014-82", "z4_shalkiya", "solid", "legacy_contract")
payer("z4_akbakai", "ТОО «Ақбақай Алтын»", "«Ақбақай Алтын» ЖШС", "Akbakai Altyn LLP", "zhambyl", "solid")
R_Q34 = right("АБ-2011-83", "z4_akbakai", "solid", "legacy_contract")
for _k, _ru, _kk, _en, _d, _oked in [
    ("z4s_1", "ТОО «Инновации Сервис Плюс»", "«Инновациялар Сервис Плюс» ЖШС", "Innovation Service Plus LLP", "2016-05-16", "70.22"),
    ("z4s_2", "ТОО «Консалтинг Ресурс Групп»", "«Консалтинг Ресурс Групп» ЖШС", "Consulting Resource Group LLP", "2018-02-12", "70.22"),
    ("z4s_3", "ТОО «Техно Трейд Партнёр»", "«Техно Трейд Партнер» ЖШС", "Techno Trade Partner LLP", "2017-11-06", "46.90"),
    ("z4s_4", "ТОО «Бизнес Партнёр Орда»", "«Бизнес Партнер Орда» ЖШС", "Business Partner Orda LLP", "2019-08-19", "82.99"),
]:
    org(_k, _ru, _kk, _en, "company", "kyzylorda", _d, _oked, [attr("kazakhstani_supplier", _d, None, "", "справка о доле граждан РК")])
org("z4a_fund", "Фонд «Технологический парк Сарыарқа»", "«Сарыарқа технологиялық паркі» қоры", "Saryarka Technology Park Foundation", "aggregator", "karaganda", "2015-04-01", "72.19",
    [attr("kazakhstani_supplier", "2015-04-01", None, "", "справка о доле граждан РК")])
one_off("z4_shalkiya", R_Q33, "ШЦ-НИР-02/25", "2025-03-17", "z4p_nt3", "Исследование технологии селективной флотации свинцово-цинковых руд", "28000000.00",
        [("2025-04-28", "8400000.00", "Аванс 30% по договору ШЦ-НИР-02/25", "0428")], period_end="2026-06-30",
        label=V4("performer_without_track_record", ["NK-46"], "28 mln for flotation research to a «professional services» company (OKED 74.90) with neither an accreditation nor any research on record."))
one_off("z4_shalkiya", R_Q33, "ШЦ-НИР-05/25", "2025-03-03", "z4s_1", "Исследование технологии переработки окисленных свинцово-цинковых руд", "48000000.00",
        [("2025-03-17", "14400000.00", "Аванс 30% по договору ШЦ-НИР-05/25", "0317"), ("2025-06-16", "14400000.00", "Оплата 1 этапа НИР", "0616")], period_end="2026-06-30",
        label=V4("shell_intermediary", ["NK-47"], "A consultancy (OKED 70.22, no accreditation, no research of its own) takes the 48 mln agreement and a week later passes the same work, word for word, to a research institute for 45.6 mln (95 %)."))
_isp = agreement("z4s_1", "ИСП-01/25", "2025-03-11", "z4p_min", "Исследование технологии переработки окисленных свинцово-цинковых руд", "45600000.00", "2025-03-11", "2026-06-30")
one_off("z4_shalkiya", R_Q33, "ШЦ-НИР-08/25", "2025-05-05", "z4s_2", "Разработка технологии обезвоживания концентратов", "36000000.00",
        [("2025-06-09", "10800000.00", "Аванс 30% по договору ШЦ-НИР-08/25", "0609")], period_end="2026-06-30",
        label=V4("shell_intermediary", ["NK-47"], "Two shells deep: a consultancy passes the 36 mln job a week later to a trading company (34.8 mln), which a week after that gives it to the metallurgy laboratory that does it (33.5 mln)."))
_krg = agreement("z4s_2", "КРГ-07/25", "2025-05-12", "z4s_3", "Разработка технологии обезвоживания цинковых концентратов", "34800000.00", "2025-05-12", "2026-06-30")
_ttp = agreement("z4s_3", "ТТП-03/25", "2025-05-19", "z4p_met", "Исследование обезвоживания цинковых концентратов", "33500000.00", "2025-05-19", "2026-06-30")
one_off("z4_akbakai", R_Q34, "АБ-НИР-04/25", "2025-04-14", "z4s_4", "Исследование технологии извлечения золота из упорных руд", "30000000.00",
        [("2025-05-12", "9000000.00", "Аванс 30% по договору АБ-НИР-04/25", "0512")], period_end="2026-06-30",
        label=V4("shell_intermediary", ["NK-47"], "An office-services company (OKED 82.99) takes a 30 mln research agreement and within two weeks passes 97 % of it to two research organisations in two pieces, each reworded."))
_bpo1 = agreement("z4s_4", "БПО-1/25", "2025-04-21", "z4p_min", "Исследование флотационного обогащения упорных золотых руд", "17500000.00", "2025-04-21", "2026-06-30")
_bpo2 = agreement("z4s_4", "БПО-2/25", "2025-04-28", "z4p_met", "Лабораторные исследования автоклавного окисления упорных руд", "11600000.00", "2025-04-28", "2026-06-30")
one_off("z4_akbakai", R_Q34, "АБ-НИР-07/25", "2025-06-02", "z4p_min", "Исследование технологии кучного выщелачивания золота с агломерацией", "40000000.00",
        [("2025-07-08", "12000000.00", "Аванс 30% по договору АБ-НИР-07/25", "0708")], period_end="2026-06-30",
        label=C("An accredited institute leads a consortium and passes a documented 30 % share (12 mln, mineralogy) to a partner laboratory under the consortium agreement; it does the rest itself."))
_kg14 = agreement("z4p_min", "КҒ-14/25", "2025-06-16", "z4p_core",
                  "Соисполнение: минералогические исследования проб (доля 30 % по консорциальному соглашению от 20.05.2025 к договору АБ-НИР-07/25)", "12000000.00", "2025-06-16", "2026-06-30")
one_off("z4_shalkiya", R_Q33, "ШЦ-НИР-11/25", "2025-07-08", "z4a_fund", "Финансирование проектов НИОКР через технологический парк (конкурсный отбор)", "20000000.00",
        [("2025-08-11", "20000000.00", "Перечисление средств на НИОКР по договору ШЦ-НИР-11/25", "0811")], period_end="2026-12-31",
        label=C("A technology park, registered as an aggregator, passes 90 % of the money on to projects chosen by competition within three months — its role, not a shell's."))
_tp5 = agreement("z4a_fund", "ТП-05/25", "2025-09-15", "z4p_digi", "Разработка системы машинного зрения для сортировки руды", "9000000.00", "2025-09-15", "2026-09-30")
_tp6 = agreement("z4a_fund", "ТП-06/25", "2025-10-06", "z4p_met", "Исследование выщелачивания цинковых кеков", "9000000.00", "2025-10-06", "2026-09-30")
AGREEMENT_ONLY += [("z4s_1", 2025, [_isp], "csv-ru-utf8"), ("z4s_2", 2025, [_krg], "json"), ("z4s_3", 2025, [_ttp], "xlsx-ru"), ("z4s_4", 2025, [_bpo1, _bpo2], "csv-ru-utf8"),
                   ("z4p_min", 2025, [_kg14], "json"), ("z4a_fund", 2025, [_tp5, _tp6], "xlsx-ru")]

# ==================================================================================================
# Circular money: NK-48 (two groups paying each other's research companies), NK-49 (money that comes
# back to the payer's group through a chain of two or more onward agreements).


def group(holding, ru, kk, en, region, members, registered="2008-01-10"):
    org(holding, ru, kk, en, "company", region, registered, "70.10")
    for member, share in members:
        own(holding, member, share, "2012-01-01")


def lab(key, ru, kk, en, region, registered, accredited=True):
    org(key, ru, kk, en, "company", region, registered, "72.19", [SUP, ACC] if accredited else [attr("kazakhstani_supplier", registered, None, "", "справка о доле граждан РК")])


payer("z4_emba", "ТОО «Ембі Мұнай Газ»", "«Ембі Мұнай Газ» ЖШС", "Emba Munai Gas LLP", "atyrau")
R_48A = right("ЕМГ-2013-84", "z4_emba")
lab("z4p_emba_sci", "ТОО «Ембі Ғылыми Орталығы»", "«Ембі Ғылыми Орталығы» ЖШС", "Emba Science Centre LLP", "atyrau", "2011-04-04")
payer("z4_torg", "ТОО «Торғай Кен Ресурс»", "«Торғай Кен Ресурс» ЖШС", "Torgai Ken Resource LLP", "kostanay", "solid")
R_48B = right("ТКР-2012-85", "z4_torg", "solid", "legacy_contract")
lab("z4p_torg_eng", "ТОО «Торғай Инжиниринг Ғылым»", "«Торғай Инжиниринг Ғылым» ЖШС", "Torgai Engineering Gylym LLP", "kostanay", "2010-06-06")
group("z4h_emba", "АО «Ембі Энерджи Холдинг»", "«Ембі Энерджи Холдинг» АҚ", "Emba Energy Holding JSC", "astana", [("z4_emba", "100"), ("z4p_emba_sci", "100")])
group("z4h_torg", "АО «Торғай Ресурс Групп»", "«Торғай Ресурс Групп» АҚ", "Torgai Resource Group JSC", "astana", [("z4_torg", "100"), ("z4p_torg_eng", "100")])
one_off("z4_emba", R_48A, "ЕМГ-НИР-03/25", "2025-03-03", "z4p_torg_eng", "Исследование технологии утилизации попутного газа", "30000000.00",
        [("2025-04-07", "9000000.00", "Аванс 30% по договору ЕМГ-НИР-03/25", "ЕМ-0407"), ("2025-09-08", "10500000.00", "Оплата 1 этапа НИР по акту № 1", "ЕМ-0908")],
        period_end="2026-06-30",
        label=V4("reciprocal_groups", ["NK-48"], "Emba Energy's subsoil user pays 30 mln to Torgai Resource Group's research company, while Torgai's subsoil user pays 29 mln to Emba's: each group's money ends in the other's pocket, and back."))
one_off("z4_torg", R_48B, "ТКР-НИР-05/25", "2025-04-14", "z4p_emba_sci", "Исследование технологии рекультивации отвалов", "29000000.00",
        [("2025-05-12", "8700000.00", "Аванс 30% по договору ТКР-НИР-05/25", "ТК-0512"), ("2025-10-13", "10000000.00", "Оплата 1 этапа НИР по акту № 1", "ТК-1013")],
        period_end="2026-06-30",
        label=V4("reciprocal_groups", ["NK-48"], "The return leg: Torgai's subsoil user pays Emba Energy's own science centre, six weeks after Emba's subsoil user engaged Torgai's."))
one_off("z4_emba", R_48A, "ЕМГ-НИР-07/25", "2025-05-19", "z4p_univ", "Исследование технологии подготовки нефти с высоким содержанием серы", "18000000.00",
        [("2025-06-16", "5400000.00", "Аванс 30% по договору ЕМГ-НИР-07/25", "ЕМ-0616")], period_end="2026-06-30")
one_off("z4_torg", R_48B, "ТКР-НИР-09/25", "2025-06-02", "z4p_univ", "Исследование технологии сухой магнитной сепарации руд", "16000000.00",
        [("2025-07-14", "4800000.00", "Аванс 30% по договору ТКР-НИР-09/25", "ТК-0714")], period_end="2026-06-30",
        label=C("Both groups engage the same accredited university, which belongs to neither: a shared performer, not a swap."))

payer("z4_ural", "ТОО «Жайық Мұнай Өндіру»", "«Жайық Мұнай Өндіру» ЖШС", "Zhaiyk Munai Ondiru LLP", "west_kazakhstan")
R_48C = right("ЖМӨ-2014-86", "z4_ural")
payer("z4_kaspi", "ТОО «Каспий Газ Өндіру»", "«Каспий Газ Өндіру» ЖШС", "Caspian Gas Ondiru LLP", "atyrau")
R_48D = right("КГӨ-2015-87", "z4_kaspi")
org("z4h_ural_serv", "ТОО «Жайық Сервис»", "«Жайық Сервис» ЖШС", "Zhaiyk Service LLP", "company", "west_kazakhstan", "2009-09-09", "70.10")
lab("z4p_ural_lab", "ТОО «Жайық Зертхана»", "«Жайық Зертхана» ЖШС", "Zhaiyk Laboratory LLP", "west_kazakhstan", "2012-02-02")
lab("z4p_kaspi_tech", "ТОО «Каспий Технологиялық Шешімдер»", "«Каспий Технологиялық Шешімдер» ЖШС", "Caspian Technological Solutions LLP", "atyrau", "2013-03-03")
group("z4h_ural", "АО «Жайық Холдинг Групп»", "«Жайық Холдинг Групп» АҚ", "Zhaiyk Holding Group JSC", "astana", [("z4_ural", "100"), ("z4h_ural_serv", "100")])
own("z4h_ural_serv", "z4p_ural_lab", "80", "2012-02-02")
group("z4h_kaspi", "АО «Каспий Ресурс Холдинг»", "«Каспий Ресурс Холдинг» АҚ", "Caspian Resource Holding JSC", "astana", [("z4_kaspi", "100")])
link("z4h_kaspi", "z4p_kaspi_tech", "common_director", "2018-01-01", "председатель правления холдинга — директор исполнителя")
one_off("z4_ural", R_48C, "ЖМӨ-НИР-06/25", "2025-06-02", "z4p_kaspi_tech", "Разработка системы телеметрии скважин", "25000000.00",
        [("2025-07-14", "7500000.00", "Аванс 30% по договору ЖМӨ-НИР-06/25", "ЖМ-0714")], period_end="2026-06-30")
one_off("z4_kaspi", R_48D, "КГӨ-НИР-08/25", "2025-08-04", "z4p_ural_lab", "Исследование керна и флюидов месторождения Каспий-Солтүстік", "24000000.00",
        [("2025-09-15", "7200000.00", "Аванс 30% по договору КГӨ-НИР-08/25", "КГ-0915")], period_end="2026-06-30",
        label=V4("reciprocal_groups", ["NK-48"], "Caspian Resource's subsoil user pays a laboratory two ownership links inside Zhaiyk Holding Group, two months after Zhaiyk's subsoil user paid a company whose director chairs Caspian Resource's board."))

payer("z4_mug", "ТОО «Мұғалжар Мұнай»", "«Мұғалжар Мұнай» ЖШС", "Mugalzhar Munai LLP", "aktobe")
R_48E = right("МҒ-2012-88", "z4_mug")
payer("z4_sag", "ТОО «Сағыз Ойл Ресурс»", "«Сағыз Ойл Ресурс» ЖШС", "Sagyz Oil Resource LLP", "atyrau")
R_48F = right("СОР-2013-89", "z4_sag")
lab("z4p_mug_geo", "ТОО «Мұғалжар Геология»", "«Мұғалжар Геология» ЖШС", "Mugalzhar Geology LLP", "aktobe", "2010-07-07")
lab("z4p_sag_lab", "ТОО «Сағыз Лаб»", "«Сағыз Лаб» ЖШС", "Sagyz Lab LLP", "atyrau", "2011-08-08")
group("z4h_mug", "АО «Мұғалжар Холдинг»", "«Мұғалжар Холдинг» АҚ", "Mugalzhar Holding JSC", "aktobe", [("z4_mug", "100"), ("z4p_mug_geo", "100")])
group("z4h_sag", "ТОО «Сағыз Инвест»", "«Сағыз Инвест» ЖШС", "Sagyz Invest LLP", "atyrau", [("z4_sag", "100"), ("z4p_sag_lab", "100")])
one_off("z4_mug", R_48E, "МҒ-НИР-02/24", "2024-02-05", "z4p_sag_lab", "Исследование технологии подготовки нефти", "20000000.00",
        [("2024-04-15", "10000000.00", "Оплата 1 этапа НИР по акту № 1", "МҒ-0415"), ("2024-10-14", "10000000.00", "Оплата 2 этапа НИР по акту № 2", "МҒ-1014")], period_end="2024-12-31")
one_off("z4_sag", R_48F, "СОР-НИР-03/25", "2025-03-11", "z4p_mug_geo", "Геологическое моделирование месторождения Сағыз", "21000000.00",
        [("2025-05-12", "10500000.00", "Оплата 1 этапа НИР по акту № 1", "СО-0512"), ("2025-10-13", "10500000.00", "Оплата 2 этапа НИР по акту № 2", "СО-1013")], period_end="2025-12-31",
        label=V4("reciprocal_groups", ["NK-48"], "A year apart: in 2024 Mugalzhar's subsoil user paid Sagyz's laboratory 20 mln; in 2025 Sagyz's subsoil user pays Mugalzhar's geology company 21 mln."))
one_off("z4_mug", R_48E, "МҒ-НИР-06/25", "2025-05-05", "z4p_ural_lab", "Исследование керна подсолевых отложений", "9400000.00",
        [("2025-08-18", "9400000.00", "Оплата исследований керна по акту № 1", "МҒ-0818")],
        label=C("Mugalzhar's subsoil user pays Zhaiyk Holding's laboratory, but Zhaiyk's group pays no company of Mugalzhar's: one way only."))

# NK-49.
payer("z4_atyr", "ТОО «Атырау Мұнай Өндіру»", "«Атырау Мұнай Өндіру» ЖШС", "Atyrau Munai Ondiru LLP", "atyrau")
R_49A = right("АМӨ-2013-91", "z4_atyr")
org("z4_atyr_serv", "ТОО «Атырау Сервис Технологии»", "«Атырау Сервис Технологиялары» ЖШС", "Atyrau Service Technologies LLP", "company", "atyrau", "2012-05-05", "71.12")
group("z4h_atyr", "АО «Атырау Энерджи Холдинг»", "«Атырау Энерджи Холдинг» АҚ", "Atyrau Energy Holding JSC", "astana", [("z4_atyr", "100"), ("z4_atyr_serv", "100")])
lab("z4p_prog", "ТОО «Инженерный центр «Прогресс»", "«Прогресс» инженерлік орталығы ЖШС", "Progress Engineering Centre LLP", "atyrau", "2010-03-03")
for _k, _ru, _kk, _en, _reg, _oked in [
    ("z4c_orda", "ТОО «Техноконсалт Орда»", "«Техноконсалт Орда» ЖШС", "Technoconsult Orda LLP", "atyrau", "70.22"),
    ("z4c_bereke", "ТОО «Береке Консалт»", "«Береке Консалт» ЖШС", "Bereke Consult LLP", "aktobe", "70.22"),
    ("z4c_nur", "ТОО «Нұр Сервис Инжиниринг»", "«Нұр Сервис Инжиниринг» ЖШС", "Nur Service Engineering LLP", "aktobe", "71.12"),
    ("z4c_aral", "ТОО «Арал Сервис Групп»", "«Арал Сервис Групп» ЖШС", "Aral Service Group LLP", "kyzylorda", "71.12"),
    ("z4c_kd", "ТОО «Қызылорда Девелопмент»", "«Қызылорда Девелопмент» ЖШС", "Kyzylorda Development LLP", "kyzylorda", "41.20"),
    ("z4c_later", "ТОО «Батыс Коррозия Сервис»", "«Батыс Коррозия Сервис» ЖШС", "Batys Corrosion Service LLP", "aktobe", "72.19"),
    ("z4c_later2", "ТОО «Ингибитор Про»", "«Ингибитор Про» ЖШС", "Inhibitor Pro LLP", "aktobe", "20.59"),
]:
    org(_k, _ru, _kk, _en, "company", _reg, "2015-06-15", _oked, [attr("kazakhstani_supplier", "2015-06-15", None, "", "справка о доле граждан РК")])
one_off("z4_atyr", R_49A, "АМӨ-НИР-02/25", "2025-02-10", "z4p_prog", "Исследование технологии ограничения газопритоков", "40000000.00",
        [("2025-03-11", "12000000.00", "Аванс 30% по договору АМӨ-НИР-02/25", "АМ-0311"), ("2025-07-14", "14000000.00", "Оплата 1 этапа НИР по акту № 1", "АМ-0714")],
        period_end="2026-06-30",
        label=V4("money_returns_to_payer_group", ["NK-49"], "Two onward links bring the money home: the engineering centre passes 36 of the 40 mln to a consultancy two weeks later, which passes 34 mln to Atyrau Service Technologies — a sister company of the payer under Atyrau Energy Holding."))
_o1 = agreement("z4p_prog", "ИЦП-04/25", "2025-02-24", "z4c_orda", "Исследование технологии ограничения газопритоков (часть работ)", "36000000.00", "2025-02-24", "2026-06-30")
_o2 = agreement("z4c_orda", "ТКО-09/25", "2025-03-11", "z4_atyr_serv", "Опытно-промысловые работы по ограничению газопритоков", "34000000.00", "2025-03-11", "2026-06-30")
payer("z4_zhem", "ТОО «Жем Мұнай Газ»", "«Жем Мұнай Газ» ЖШС", "Zhem Munai Gas LLP", "aktobe")
R_49B = right("ЖМГ-2014-92", "z4_zhem")
org("z4h_zhem_inv", "ТОО «Жем Инвест»", "«Жем Инвест» ЖШС", "Zhem Invest LLP", "company", "aktobe", "2010-10-10", "64.20")
org("z4_zhem_tech", "ТОО «Жем Технологии»", "«Жем Технологиялары» ЖШС", "Zhem Technologies LLP", "company", "aktobe", "2013-01-21", "71.12",
    [attr("kazakhstani_supplier", "2013-01-21", None, "", "справка о доле граждан РК")])
group("z4h_zhem", "АО «Жем Холдинг»", "«Жем Холдинг» АҚ", "Zhem Holding JSC", "astana", [("z4_zhem", "100"), ("z4h_zhem_inv", "100")])
own("z4h_zhem_inv", "z4_zhem_tech", "60", "2014-01-01")
lab("z4p_alem", "ТОО «Әлем Ғылым»", "«Әлем Ғылым» ЖШС", "Alem Gylym LLP", "aktobe", "2012-12-12")
lab("z4p_syr", "ТОО «Сырдария Ғылыми Орталығы»", "«Сырдария Ғылыми Орталығы» ЖШС", "Syrdarya Science Centre LLP", "kyzylorda", "2011-11-01")
one_off("z4_zhem", R_49B, "ЖМГ-НИР-05/25", "2025-04-07", "z4p_alem", "Исследование технологии промывки скважин", "32000000.00",
        [("2025-05-12", "9600000.00", "Аванс 30% по договору ЖМГ-НИР-05/25", "ЖМ-0512")], period_end="2026-06-30",
        label=V4("money_returns_to_payer_group", ["NK-49"], "Three onward links, two weeks apart: the institute → a consultancy (28 mln) → an engineering company (26 mln) → Zhem Technologies (25 mln), 60 % owned by Zhem Invest, the payer's sister under Zhem Holding."))
_o3 = agreement("z4p_alem", "ӘҒ-11/25", "2025-04-21", "z4c_bereke", "Исследование технологии промывки скважин: полевые работы", "28000000.00", "2025-04-21", "2026-06-30")
_o4 = agreement("z4c_bereke", "БК-15/25", "2025-05-05", "z4c_nur", "Промывка скважин: опытные работы", "26000000.00", "2025-05-05", "2026-06-30")
_o5 = agreement("z4c_nur", "НСИ-08/25", "2025-05-19", "z4_zhem_tech", "Выполнение опытных работ по промывке скважин", "25000000.00", "2025-05-19", "2026-06-30")
payer("z4_kum", "ТОО «Құмкөл Терең»", "«Құмкөл Терең» ЖШС", "Kumkol Teren LLP", "kyzylorda")
R_49C = right("ҚТ-2015-93", "z4_kum")
link("z4_kum", "z4c_kd", "common_director", "2019-05-01", "директор Әбдірахманов С. — в обеих организациях")
one_off("z4_kum", R_49C, "ҚТ-НИР-03/25", "2025-03-17", "z4p_syr", "Исследование технологии подготовки нефти с высоким содержанием парафина", "22000000.00",
        [("2025-04-14", "6600000.00", "Аванс 30% по договору ҚТ-НИР-03/25", "ҚТ-0414")], period_end="2026-06-30",
        label=V4("money_returns_to_payer_group", ["NK-49"], "The science centre passes 20 of the 22 mln to a service company, which passes 19 mln to Kyzylorda Development — whose director is the payer's director."))
_o6 = agreement("z4p_syr", "СҒО-05/25", "2025-03-31", "z4c_aral", "Подготовка парафинистой нефти: опытные работы", "20000000.00", "2025-03-31", "2026-06-30")
_o7 = agreement("z4c_aral", "АСГ-02/25", "2025-04-14", "z4c_kd", "Выполнение работ по подготовке нефти", "19000000.00", "2025-04-14", "2026-06-30")
one_off("z4_atyr", R_49A, "АМӨ-НИР-06/25", "2025-05-05", "z4p_geo", "Исследование технологии водогазового воздействия (консорциум)", "30000000.00",
        [("2025-06-09", "9000000.00", "Аванс 30% по договору АМӨ-НИР-06/25", "АМ-0609")], period_end="2026-06-30",
        label=C("A consortium: the lead institute passes a documented 25 % share to a university, which engages a software company for 2 mln — two links, none of them in the payer's group."))
_o8 = agreement("z4p_geo", "ЖҚ-21/25", "2025-05-19", "z4p_univ", "Соисполнение: математическое моделирование (доля 25 % по консорциальному соглашению к договору АМӨ-НИР-06/25)", "7500000.00", "2025-05-19", "2026-06-30")
_o9 = agreement("z4p_univ", "КТУ-08/25", "2025-06-02", "z4p_digi", "Программный модуль визуализации результатов моделирования (в рамках консорциума по договору АМӨ-НИР-06/25)", "2000000.00", "2025-06-02", "2026-06-30")
one_off("z4_zhem", R_49B, "ЖМГ-НИР-09/25", "2025-06-16", "z4p_syr", "Исследование коррозии в системе сбора нефти", "18000000.00",
        [("2025-07-21", "5400000.00", "Аванс 30% по договору ЖМГ-НИР-09/25", "ЖМ-0721")], period_end="2026-06-30",
        label=C("Two onward links end at an inhibitor maker that Zhem Holding bought only on 01.03.2026, eight months after the agreements: unrelated when the money moved."))
_o10 = agreement("z4p_syr", "СҒО-09/25", "2025-06-30", "z4c_later", "Коррозионные испытания образцов в системе сбора", "8000000.00", "2025-06-30", "2026-06-30")
_o11 = agreement("z4c_later", "БКС-03/25", "2025-07-14", "z4c_later2", "Поставка и испытание опытных партий ингибитора", "4000000.00", "2025-07-14", "2026-06-30")
own("z4h_zhem", "z4c_later2", "100", "2026-03-01", None, "доля приобретена 01.03.2026")
AGREEMENT_ONLY += [("z4p_prog", 2025, [_o1], "json"), ("z4c_orda", 2025, [_o2], "csv-ru-utf8"), ("z4p_alem", 2025, [_o3], "xlsx-ru"), ("z4c_bereke", 2025, [_o4], "json"),
                   ("z4c_nur", 2025, [_o5], "csv-kk-tab"), ("z4p_syr", 2025, [_o6, _o10], "json"), ("z4c_aral", 2025, [_o7], "csv-ru-utf8"),
                   ("z4p_geo", 2025, [_o8], "json"), ("z4p_univ", 2025, [_o9], "xlsx-kk"), ("z4c_later", 2025, [_o11], "csv-ru-utf8")]

# ==================================================================================================
# Text disguise: NK-50 — non-R&D purposes written so that a word list misses them: Latin letters that
# look Cyrillic, Kazakh Latin script, Russian transliterated, an invisible zero-width space, letters
# spaced out. Clean look-alikes: Latin brand names, formulas and Kazakh Latin in real R&D purposes.

payer("z4_sarybulak", "ТОО «Сарыбұлақ Мұнай»", "«Сарыбұлақ Мұнай» ЖШС", "Sarybulak Munai LLP", "west_kazakhstan")
R_50 = right("СБМ-2014-95", "z4_sarybulak")
ag_sb1 = agreement("z4_sarybulak", "СБ-НИР-02/25", "2025-02-03", "z4p_univ", "Исследование технологии интенсификации притока", "30000000.00", "2025-02-03", "2025-12-31")
ag_sb2 = agreement("z4_sarybulak", "СБ-НИР-04/25", "2025-02-17", "z4p_hydro", "Исследование совместимости вод и сорбционной очистки попутного газа от H2S", "14000000.00", "2025-02-17", "2025-12-31")
_nk50 = ["NK-50", "NK-07"]
for _ag, _d, _a, _purpose, _doc, _label in [
    (ag_sb1, "2025-03-17", "1450000.00", "Kомандирoвочные расходы сотрудников (суточные, прoживание)", "301",
     V4("disguised_purpose", _nk50, "Business-trip expenses (per diems, lodging) with a Latin K and Latin o's among the Cyrillic letters: the word reads «командировочные» to a person, not to a word list.")),
    (ag_sb2, "2025-04-14", "980000.00", "Aренда oфисных пoмещений за 2 квартал", "402",
     V4("disguised_purpose", _nk50, "Office rent for a quarter, «Аренда» begun with a Latin A and the o's Latin.")),
    (ag_sb1, "2025-05-19", "720000.00", "Issapar shyǵyndary: táýliktik aqy jáne qonaq úıde turý", "511",
     V4("disguised_purpose", _nk50, "Business-trip costs — per diems and hotel — written in the Kazakh Latin alphabet.")),
    (ag_sb2, "2025-06-16", "860000.00", "Priobretenie GSM (dizelnoe toplivo) dlya opytnogo uchastka", "612",
     V4("disguised_purpose", _nk50, "Fuel (diesel) bought «for the pilot site», the Russian transliterated into Latin letters.")),
    (ag_sb1, "2025-07-14", "2300000.00", "Ре\u200bмонт помещений лаборатории", "714",
     V4("disguised_purpose", _nk50, "Repair of laboratory rooms, a zero-width space hidden inside «ремонт»: the word is broken for a machine, whole on the screen.")),
    (ag_sb2, "2025-08-11", "500000.00", "С п о н с о р с к а я помощь к юбилею института", "811",
     V4("disguised_purpose", _nk50, "Sponsorship of an institute's anniversary, the key word spelled out letter by letter with spaces.")),
    (ag_sb1, "2025-04-21", "4500000.00", "Исследования на фильтрационной установке Coretest AFS-300, этап 1 (акт № 1)", "421",
     C("A Latin brand name (Coretest AFS-300) inside a Cyrillic purpose: the research stage is done on that rig.")),
    (ag_sb2, "2025-06-23", "4200000.00", "Ǵylymi-zertteý jumysynyń 1-kezeńi: qabat sýlarynyń úılesimdiligin zertteý, akt № 1", "623",
     C("Stage 1 of the research — the compatibility of formation waters — written in Kazakh Latin: a real R&D purpose in the new alphabet.")),
    (ag_sb1, "2025-09-15", "5000000.00", "Stage 2 research: inflow stimulation modelling, акт № 2", "915",
     C("An English purpose whose act number is written in Cyrillic: mixed scripts, honest research.")),
    (ag_sb2, "2025-10-13", "3800000.00", "Исследование сорбции H2S и CO2 на цеолитах, этап 2 (акт № 2)", "1013",
     C("Chemical formulas (H2S, CO2) in Latin letters inside a Russian research purpose.")),
]:
    pay(_ag, R_50, _d, _a, _purpose, _doc, label=_label)

# A subsoil user names the R&D project an agreement of 10 mln or more funds (the spending report's «Код
# проекта»), as the earlier batches' payers do: an intermediary's onward agreements name none.
for _ag in AGREEMENTS[_B4_FIRST:]:
    if ORGS[_ag.payer].kind == "subsoil_user" and _ag.amount >= 10000000 and not _ag.project_code:
        _ag.project_code = f"П-{_ag.number}"


# --------------------------------------------------------------------------------------------------
# Writing the files


HEADERS = {
    "ru": {"agreement_number": "Номер договора", "agreement_date": "Дата договора", "performer_bin": "БИН исполнителя", "subject": "Предмет договора",
           "agreement_amount": "Сумма договора", "period_start": "Начало периода", "period_end": "Окончание периода", "direction": "Приоритетное направление",
           "project_code": "Код проекта", "payment_date": "Дата платежа", "amount": "Сумма платежа", "currency": "Валюта", "purpose": "Назначение платежа",
           "document_number": "Номер платёжного документа", "right_number": "Номер контракта/лицензии", "for_year": "Год зачёта"},
    "kk": {"agreement_number": "Шарт нөмірі", "agreement_date": "Шарт күні", "performer_bin": "Орындаушының БСН", "subject": "Шарт мәні",
           "agreement_amount": "Шарт сомасы", "period_start": "Кезеңнің басы", "period_end": "Кезеңнің соңы", "direction": "Басым бағыт",
           "project_code": "Жоба коды", "payment_date": "Төлем күні", "amount": "Төлем сомасы", "currency": "Валюта", "purpose": "Төлем мақсаты",
           "document_number": "Төлем құжатының нөмірі", "right_number": "Келісімшарт/лицензия нөмірі", "for_year": "Есепке алынатын жыл"},
    "en": {"agreement_number": "Agreement number", "agreement_date": "Agreement date", "performer_bin": "Performer BIN", "subject": "Subject",
           "agreement_amount": "Agreement amount", "period_start": "Period start", "period_end": "Period end", "direction": "Priority direction",
           "project_code": "Project code", "payment_date": "Payment date", "amount": "Payment amount", "currency": "Currency", "purpose": "Purpose",
           "document_number": "Payment document number", "right_number": "Contract/licence number", "for_year": "Year credited"},
}
COLUMNS = list(HEADERS["ru"])


def ddmmyyyy(iso: str) -> str:
    return f"{iso[8:10]}.{iso[5:7]}.{iso[:4]}"


def spaced(amount: Decimal) -> str:
    """1 250 000,50 — how Russian-language accounting software writes money."""
    whole, frac = f"{amount:.2f}".split(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return " ".join(groups) + "," + frac


def spending_row(p: Payment) -> dict:
    ag = p.agreement
    return {
        "agreement_number": ag.number, "agreement_date": ag.signed_on, "performer_bin": ORGS[ag.performer].bin, "subject": ag.subject,
        "agreement_amount": ag.amount, "period_start": ag.period_start, "period_end": ag.period_end, "direction": ag.direction,
        "project_code": ag.project_code or None, "payment_date": p.paid_on, "amount": p.amount, "currency": "KZT", "purpose": p.purpose,
        "document_number": p.document_number, "right_number": p.right, "for_year": p.for_year,
    }


def agreement_row(ag: Agreement) -> dict:
    """A spending row that describes an agreement only (its payment part empty): an onward agreement."""
    return {
        "agreement_number": ag.number, "agreement_date": ag.signed_on, "performer_bin": ORGS[ag.performer].bin, "subject": ag.subject,
        "agreement_amount": ag.amount, "period_start": ag.period_start, "period_end": ag.period_end, "direction": ag.direction,
        "project_code": ag.project_code or None, **{c: None for c in ("payment_date", "amount", "currency", "purpose", "document_number", "right_number", "for_year")},
    }


def write_csv(path: Path, rows: list[dict], *, language: str, delimiter: str, encoding: str, money) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    w.writerow([HEADERS[language][c] for c in COLUMNS])
    for r in rows:
        w.writerow([
            ("" if r[c] is None else money(r[c]) if c in ("agreement_amount", "amount") else ddmmyyyy(r[c]) if c in ("agreement_date", "period_start", "period_end", "payment_date") else r[c])
            for c in COLUMNS
        ])
    try:
        data = buf.getvalue().encode(encoding)
    except UnicodeEncodeError as exc:
        raise SystemExit(f"{path.name}: {exc}") from None
    path.write_bytes(data)


def write_xlsx(path: Path, rows: list[dict], *, language: str, title: str) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"constant_memory": False})
    ws = wb.add_worksheet("Отчёт" if language != "en" else "Report")
    date_fmt = wb.add_format({"num_format": "dd.mm.yyyy"})
    money_fmt = wb.add_format({"num_format": "#,##0.00"})
    text_fmt = wb.add_format({"num_format": "@"})
    ws.write(0, 0, title)
    for j, c in enumerate(COLUMNS):
        ws.write_string(2, j, HEADERS[language][c])
    for i, r in enumerate(rows, start=3):
        for j, c in enumerate(COLUMNS):
            v = r[c]
            if v is None:
                continue
            if c in ("agreement_date", "period_start", "period_end", "payment_date"):
                ws.write_datetime(i, j, datetime.fromisoformat(v), date_fmt)
            elif c in ("agreement_amount", "amount"):
                ws.write_number(i, j, float(v), money_fmt)
            else:
                ws.write_string(i, j, str(v), text_fmt)
    wb.close()


def write_json(path: Path, kind: str, year: int, quarter, rows: list[dict]) -> None:
    out = []
    for r in rows:
        out.append({k: (f"{v:.2f}" if isinstance(v, Decimal) else v) for k, v in r.items()})
    path.write_text(json.dumps({"kind": kind, "period": {"year": year, "quarter": quarter}, "rows": out}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


# How each payer reports: ("annual" | "quarterly", list of formats cycled over its submissions).
REPORTING = {
    "su_zhaisan": ("quarterly", ["csv-ru-utf8", "xlsx-ru", "json", "csv-ru-cp1251"]),
    "su_torgai": ("annual", ["xlsx-kk", "json"]),
    "su_birlik1": ("annual", ["csv-kk-tab"]),
    "su_birlik2": ("annual", ["xlsx-ru"]),
    "su_aktobe_mys": ("annual", ["csv-ru-cp1251", "xlsx-ru", "csv-en-comma"]),
    "su_nur_shelf": ("annual", ["json"]),
    "su_kenbai": ("annual", ["xlsx-en"]),
    "su_ozen_trade": ("annual", ["csv-ru-utf8"]),
    "su_shygys": ("annual", ["xlsx-ru"]),
    "su_dala": ("annual", ["csv-kk-tab", "json"]),
    "su_affil": ("annual", ["json"]),
}
FORMAT_CYCLE = ["csv-ru-utf8", "xlsx-ru", "json", "csv-en-comma", "xlsx-kk", "csv-kk-tab"]


def write_report(path_stem: Path, fmt: str, kind: str, year: int, quarter, rows: list[dict], title: str) -> Path:
    if fmt == "json":
        path = path_stem.with_suffix(".json")
        write_json(path, kind, year, quarter, rows)
    elif fmt.startswith("xlsx"):
        path = path_stem.with_suffix(".xlsx")
        write_xlsx(path, rows, language=fmt.split("-")[1], title=title)
    else:
        _, language, variant = fmt.split("-")
        path = path_stem.with_suffix(".csv" if variant != "tab" else ".txt")
        if variant == "cp1251":
            write_csv(path, rows, language=language, delimiter=";", encoding="cp1251", money=spaced)
        elif variant == "utf8":
            write_csv(path, rows, language=language, delimiter=";", encoding="utf-8-sig", money=spaced)
        elif variant == "tab":
            write_csv(path, rows, language=language, delimiter="\t", encoding="utf-8", money=lambda a: f"{a:.2f}")
        else:
            write_csv(path, rows, language=language, delimiter=",", encoding="utf-8", money=lambda a: f"{a:.2f}")
    return path


def payment_key(p: Payment) -> dict:
    return {"payer_bin": ORGS[p.agreement.payer].bin, "document_number": p.document_number, "paid_on": p.paid_on, "amount": f"{p.amount:.2f}"}


def build(out: Path = HERE) -> dict:
    size_bases()
    reports_dir = out / "reports"
    reports_dir.mkdir(parents=True, exist_ok=True)
    for old in reports_dir.iterdir():
        old.unlink()
    registry = {
        "organisations": [
            {"bin": o.bin, "name_kk": o.kk, "name_ru": o.ru, "name_en": o.en, "kind": o.kind, "region": o.region, "registered_on": o.registered_on,
             **({"oked": o.oked} if o.oked else {}), "attributes": o.attributes}
            for o in ORGS.values()
        ],
        "affiliations": [
            {"source_bin": ORGS[a["source"]].bin, "target_bin": ORGS[a["target"]].bin, "kind": a["kind"], "share": a["share"],
             "valid_from": a["valid_from"], "valid_to": a["valid_to"], "note": a["note"]}
            for a in AFFILIATIONS
        ],
        **({"beneficial_owners": [
            {"organisation_bin": ORGS[b["org"]].bin, "name": b["name"], "kind": b["kind"],
             "identifier": ORGS[b["identifier"]].bin if b["identifier"] in ORGS else b["identifier"], "foreign_identifier": b.get("foreign_identifier", ""),
             "country": b["country"], "share": b["share"], "valid_from": b["valid_from"], "valid_to": b.get("valid_to"), "source": b.get("source", "")}
            for b in BENEFICIAL_OWNERS
        ]} if BENEFICIAL_OWNERS else {}),
        "rights": [
            {"number": r.number, "holder_bin": ORGS[r.holder].bin, "mineral_group": r.mineral_group, "right_type": r.right_type, "region": r.region,
             "signed_on": "2010-01-15", "production_start": r.production_start, "end_date": None, "stability_clause": r.regimes is LAW, "regimes": r.regimes}
            for r in RIGHTS.values()
        ],
        "bases": [
            {"right": r.number, "year": y, "base_type": r.base_type, "amount": f"{a:.2f}", "source": "lku", "status": "accepted", "document": f"ЛКУ {y}"}
            for r in RIGHTS.values() for y, a in sorted(r.bases.items()) if a is not None
        ] + EXTRA_BASES,
    }
    (out / "registry.json").write_text(json.dumps(registry, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    load = [{"step": "registry", "file": "registry.json"}]
    # Spending reports: per payer and period, in the payer's formats.
    groups: dict[tuple[str, int, int | None], list[Payment]] = defaultdict(list)
    for p in PAYMENTS:
        payer_key = p.agreement.payer
        mode = {**REPORTING, **REPORTS_EXTRA}.get(payer_key, ("annual", None))[0]
        year = int(p.paid_on[:4])
        if (payer_key, year) in REPORT_SEQUENCES:
            continue  # sent in a sequence of its own, below
        quarter = (int(p.paid_on[5:7]) - 1) // 3 + 1 if mode == "quarterly" else None
        groups[(payer_key, year, quarter)].append(p)
    counters: dict[str, int] = defaultdict(int)
    for n, ((payer_key, year, quarter), items) in enumerate(sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2] or 0))):
        formats = {**REPORTING, **REPORTS_EXTRA}.get(payer_key, (None, None))[1] or FORMAT_CYCLE[n % len(FORMAT_CYCLE):] + FORMAT_CYCLE
        fmt = formats[counters[payer_key] % len(formats)]
        counters[payer_key] += 1
        rows = [spending_row(p) for p in sorted(items, key=lambda p: p.paid_on)]
        stem = reports_dir / (f"spending-{payer_key.replace('_', '-')}-{year}" + (f"-q{quarter}" if quarter else ""))
        title = f"Отчёт о расходах на НИОКР — {ORGS[payer_key].ru} — {year}" + (f", {quarter} квартал" if quarter else "")
        path = write_report(Path(stem), fmt, "spending", year, quarter, rows, title)
        load.append({"step": "intake", "file": f"reports/{path.name}", "kind": "spending", "year": year, "quarter": quarter, "org": ORGS[payer_key].bin})
    # Reports sent in a sequence (the quarters, then the year; a report, then its correction), in their order.
    for (payer_key, year), sequence in REPORT_SEQUENCES.items():
        for quarter, items, fmt, tag in sequence:
            stem = reports_dir / (f"spending-{payer_key.replace('_', '-')}-{year}" + (f"-q{quarter}" if quarter else "") + (f"-{tag}" if tag else ""))
            title = f"Отчёт о расходах на НИОКР — {ORGS[payer_key].ru} — {year}" + (f", {quarter} квартал" if quarter else "")
            path = write_report(Path(stem), fmt, "spending", year, quarter, [spending_row(p) for p in items], title)
            load.append({"step": "intake", "file": f"reports/{path.name}", "kind": "spending", "year": year, "quarter": quarter, "org": ORGS[payer_key].bin})
    # Agreements reported without a payment: an intermediary's onward agreements.
    for reporter, year, agreements, fmt in AGREEMENT_ONLY:
        stem = reports_dir / f"agreements-{reporter.replace('_', '-')}-{year}"
        path = write_report(Path(stem), fmt, "spending", year, None, [agreement_row(a) for a in agreements], f"Договоры с соисполнителями — {ORGS[reporter].ru} — {year}")
        load.append({"step": "intake", "file": f"reports/{path.name}", "kind": "spending", "year": year, "quarter": None, "org": ORGS[reporter].bin})
    # Base revisions, then budget transfers.
    for payer_key, year, number, amount, document in BASE_REPORTS:
        path = reports_dir / f"base-{payer_key.replace('_', '-')}-{year}.csv"
        buf = io.StringIO()
        w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
        w.writerow(["Номер контракта/лицензии", "Год", "Вид базы", "Сумма, тенге", "Документ-основание"])
        w.writerow([number, year, RIGHTS[number].base_type, spaced(Decimal(amount)), document])
        path.write_bytes(buf.getvalue().encode("utf-8-sig"))
        load.append({"step": "intake", "file": f"reports/{path.name}", "kind": "base_figures", "year": year, "quarter": None, "org": ORGS[payer_key].bin})
    for payer_key, number, orders in TREASURY:
        path = reports_dir / f"treasury-{payer_key.replace('_', '-')}-2026.json"
        rows = [{"order_number": o, "paid_on": d, "payer_bin": ORGS[payer_key].bin, "amount": a, "kbk": "401103", "right_number": number, "for_year": 2026} for o, d, a in orders]
        path.write_text(json.dumps({"kind": "treasury", "period": {"year": 2026, "quarter": None}, "rows": rows}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        load.append({"step": "intake", "file": f"reports/{path.name}", "kind": "treasury", "year": 2026, "quarter": None, "org": ORGS[payer_key].bin})
    lifecycle_cases = write_lifecycle(out, reports_dir, load)
    load.append({"step": "recompute"})
    (out / "manifest.json").write_text(json.dumps({"load": load}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    cases = []
    for p in PAYMENTS:
        if p.label:
            cases.append({**p.label, "subject": {"type": "payment", **payment_key(p)}, "same_money": [payment_key(q) for q in p.also]})
    for ag in AGREEMENTS:
        if ag.label:
            cases.append({**ag.label, "subject": {"type": "agreement", "payer_bin": ORGS[ag.payer].bin, "agreement_number": ag.number}})
    for payer_key, year, label in PAYER_YEAR_LABELS:
        cases.append({**label, "subject": {"type": "payer_year", "payer_bin": ORGS[payer_key].bin, "year": year}})
    for payer_key, number, year, label in RIGHT_YEAR_LABELS:
        cases.append({**label, "subject": {"type": "right_year", "payer_bin": ORGS[payer_key].bin, "right_number": number, "year": year}})
    cases += lifecycle_cases
    cases.sort(key=lambda c: c["batch"])  # a later batch never renumbers an earlier one
    for i, c in enumerate(cases, start=1):
        c["id"] = f"H{i:03d}"
        if not c.get("same_money"):
            c.pop("same_money", None)
    ordered = [{k: c[k] for k in ("id", "batch", "verdict", "code", "indicators", "subject", "same_money", "rationale") if k in c} for c in cases]
    labels = {
        "description": "Hand-labelled evaluation set of the control indicators, written apart from the synthetic generator (docs/control.md, 'The hand-labelled evaluation set').",
        "cases": ordered,
    }
    (out / "labels.json").write_text(json.dumps(labels, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return labels


def _rd_json(path: Path, kind: str, rows: list[dict]) -> None:
    path.write_text(json.dumps({"kind": kind, "period": {"year": 2026, "quarter": None}, "rows": rows}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _rd_csv(path: Path, header: list[str], rows: list[list]) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    w.writerow(header)
    for r in rows:
        w.writerow(["" if v is None else v for v in r])
    path.write_bytes(buf.getvalue().encode("utf-8-sig"))


def stage_report_text(x: LcAgreement, n: int) -> str:
    """The scientific report of stage ``n`` as its performer writes it: each stage's own (title page and summary)."""
    title = next((t for m, t, *_ in x.stages if m == n), "")
    return "\n".join([
        ORGS[x.ag.performer].ru, "Научно-технический отчёт о научно-исследовательской работе", f"«{x.ag.subject}»",
        f"Договор № {x.ag.number} от {ddmmyyyy(x.ag.signed_on)}, заказчик — {ORGS[x.ag.payer].ru}", f"Проект {x.code}. Этап {n}: {title}",
        f"Реферат. В отчёте изложены цели, методика и результаты этапа {n} «{title}» согласно календарному плану и техническому заданию.",
    ])


def write_lifecycle(out: Path, reports_dir: Path, load: list) -> list[dict]:
    """The lifecycle's files and load steps (batch 3); returns its cases."""
    (out / "lifecycle").mkdir(exist_ok=True)
    for old in (out / "lifecycle").iterdir():
        old.unlink()
    performers = sorted({x.ag.performer for x in LC})
    payers = sorted({x.ag.payer for x in LC} | {s.applicant for s in SITTINGS})
    people = [{"action": "user", **p, "org": ORGS[p["org"]].bin} if p.get("org") else {"action": "user", **p} for p in PEOPLE]
    people += [{"action": "user", "login": f"perf.{k}", "first_name": "Исполнитель", "last_name": ORGS[k].ru[:60], "role": "performer", "org": ORGS[k].bin} for k in performers]
    people += [{"action": "user", "login": f"co.{k}", "first_name": "Бухгалтер", "last_name": ORGS[k].ru[:60], "role": "company", "org": ORGS[k].bin} for k in payers]
    council = {"action": "council", "authority": "energy", "name_kk": "Энергетика министрлігінің ғылыми-техникалық кеңесі",
               "name_ru": "Научно-технический совет Министерства энергетики", "name_en": "Scientific-Technical Council of the Ministry of Energy",
               "members": [{**m, "org": ORGS[m["org"]].bin} for m in COUNCIL_MEMBERS]}

    def dump(name, actions):
        (out / "lifecycle" / name).write_text(json.dumps({"actions": actions}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        load.append({"step": "lifecycle", "file": f"lifecycle/{name}"})

    def send(path: Path, kind: str, org_key: str, login: str):
        load.append({"step": "intake", "file": f"reports/{path.name}", "kind": kind, "year": 2026, "quarter": None, "org": ORGS[org_key].bin, "as": login})

    dump("people.json", people + [council])
    # Projects (the performer's staff): the first performer's file as CSV with Russian headers, the others JSON.
    for i, k in enumerate(performers):
        rows = [{"project_code": x.code, "title_kk": f"{x.ag.subject} (жоба)", "title_ru": x.ag.subject, "title_en": f"R&D project {x.code}",
                 "performer_bin": ORGS[k].bin, "direction": x.ag.direction, "tcc_sector": "oil_gas", "trl_start": x.trl[0] if x.trl else None,
                 "trl_target": x.trl[1] if x.trl else None, "start_date": x.ag.signed_on, "end_date": x.project_end, "abstract": ""}
                for x in LC if x.ag.performer == k and x.rd_project]
        if not rows:
            continue
        stem = reports_dir / f"rd-projects-{k.replace('_', '-')}"
        if i == 0:
            path = stem.with_suffix(".csv")
            _rd_csv(path, ["Код проекта", "Название (на казахском)", "Название (на русском)", "Название (на английском)", "БИН исполнителя", "Приоритетное направление",
                           "Отрасль (ЦТК)", "TRL на начало", "Целевой TRL", "Дата начала", "Дата окончания", "Аннотация"],
                    [[r["project_code"], r["title_kk"], r["title_ru"], r["title_en"], r["performer_bin"], r["direction"], r["tcc_sector"], r["trl_start"], r["trl_target"],
                      ddmmyyyy(r["start_date"]), ddmmyyyy(r["end_date"]), r["abstract"]] for r in rows])
        else:
            path = stem.with_suffix(".json")
            _rd_json(path, "rd_projects", rows)
        send(path, "rd_projects", k, f"perf.{k}")
    # Calendar plans (the performer's staff).
    for k in performers:
        rows = [{"agreement_number": x.ag.number, "agreement_date": x.ag.signed_on, "payer_bin": ORGS[x.ag.payer].bin, "stage_number": n, "stage_title": t,
                 "start_date": a, "end_date": b, "amount": amt, "deliverables": "Научный отчёт"}
                for x in LC if x.ag.performer == k for n, t, a, b, amt in x.stages]
        if rows:
            path = reports_dir / f"rd-stages-{k.replace('_', '-')}.json"
            _rd_json(path, "rd_stages", rows)
            send(path, "rd_stages", k, f"perf.{k}")
    # The performer hands in the reports the payer will accept (the stage page; no file path).
    dump("stage-reports.json", [
        {"action": "stage_report", "as": f"perf.{x.ag.performer}", "payer_bin": ORGS[x.ag.payer].bin, "agreement_number": x.ag.number, "stage_number": n,
         "report_name": f"Отчёт о НИР, этап {n}.docx", "report_text": x.report_texts.get(n) or stage_report_text(x, n)}
        for x in LC for n in x.reports])
    # Acceptance acts (the payer's staff, who sign them by committing the file).
    for k in payers:
        rows = [{"agreement_number": x.ag.number, "agreement_date": x.ag.signed_on, "performer_bin": ORGS[x.ag.performer].bin, "stage_number": n,
                 "act_number": number, "act_date": day, "amount": amt, "note": note}
                for x in LC if x.ag.payer == k for n, number, day, amt, note in x.acts]
        if rows:
            path = reports_dir / f"rd-acts-{k.replace('_', '-')}.json"
            _rd_json(path, "rd_acts", rows)
            send(path, "rd_acts", k, f"co.{k}")
    # Results (the performer's staff).
    for k in performers:
        rows = [{"project_code": x.code, **r} for x in LC if x.ag.performer == k for r in x.results]
        if rows:
            path = reports_dir / f"rd-results-{k.replace('_', '-')}.json"
            _rd_json(path, "rd_results", rows)
            send(path, "rd_results", k, f"co.{k}" if False else f"perf.{k}")
    # Programmes (the applicant's staff), then the sessions with the votes exported from the Single Window.
    actions = [{"action": "programme", "as": f"co.{s.applicant}", **programme_doc(s.applicant, ORGS[s.performer].bin, *s.titles)} for s in SITTINGS]
    for n, s in enumerate(SITTINGS):
        lines = []
        header = [("Заседание", "Программа", "Член совета (логин)", "Присутствие", "Голос"), ("Отырыс", "Бағдарлама", "Кеңес мүшесі (логин)", "Қатысуы", "Дауыс")][n % 2]
        words = [{"present": "присутствовал", "absent": "отсутствовал", "for": "за", "against": "против", "abstain": "воздержался"},
                 {"present": "қатысты", "absent": "қатыспады", "for": "қолдаймын", "against": "қарсы", "abstain": "қалыс"}][n % 2]
        lines.append(";".join(header))
        for m in ALL:
            present = m in s.votes
            vote = s.votes.get(m)
            lines.append(";".join(["{session}", "{programme:" + s.titles[0] + "}", m, words["present" if present else "absent"], words[vote] if vote else ""]))
        name = f"votes-{s.held_on}.csv"
        (out / "lifecycle" / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        actions.append({"action": "session", "as": "stc.secretary", "authority": "energy", "held_on": s.held_on, "policy": s.policy,
                        "agenda": [[ORGS[s.applicant].bin, s.titles[0]]], "votes": f"lifecycle/{name}"})
    dump("councils.json", actions)
    # Recorded after the votes: affiliations (a second registry load), the council's late members and
    # the projects marked completed (the admin).
    (out / "registry-late.json").write_text(json.dumps({"affiliations": [
        {"source_bin": ORGS[a["source"]].bin, "target_bin": ORGS[a["target"]].bin, "kind": a["kind"], "share": a["share"], "valid_from": a["valid_from"],
         "valid_to": a["valid_to"], "note": a["note"]} for a in LATE_AFFILIATIONS]}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    load.append({"step": "registry", "file": "registry-late.json"})
    dump("after-the-votes.json", [{"action": "council_members", "authority": "energy", "members": [{**m, "org": ORGS[m["org"]].bin} for m in LATE_MEMBERS]}] + [
        {"action": "project_status", "performer_bin": ORGS[x.ag.performer].bin, "project_code": x.code, "status": "completed"} for x in LC if x.completed])

    cases = []
    for x in LC:
        if x.project_label:
            cases.append({**x.project_label, "subject": {"type": "project", "performer_bin": ORGS[x.ag.performer].bin, "project_code": x.code}})
    for s in SITTINGS:
        if s.label:
            cases.append({**s.label, "subject": {"type": "council_decision", "authority": "energy", "held_on": s.held_on, "applicant_bin": ORGS[s.applicant].bin,
                                                 "programme_title_ru": s.titles[0]}})
    return cases


if __name__ == "__main__":
    result = build()
    v = sum(c["verdict"] == "violation" for c in result["cases"])
    print(f"{len(result['cases'])} cases: {v} violations, {len(result['cases']) - v} clean")
