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


AGREEMENTS: list[Agreement] = []
PAYMENTS: list[Payment] = []


def agreement(payer, number, signed_on, performer, subject, amount, period_start=None, period_end=None, direction="other", project_code="", label=None):
    ag = Agreement(payer, number, signed_on, performer, subject, Decimal(amount), period_start or signed_on, period_end or f"{int(signed_on[:4]) + 1}-12-31", direction, project_code, label)
    AGREEMENTS.append(ag)
    return ag


def pay(ag, right_number, paid_on, amount, purpose, doc, label=None, also=(), counts=True):
    p = Payment(ag, right_number, paid_on, Decimal(amount), purpose, doc, label, list(also), counts)
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
        "document_number": p.document_number, "right_number": p.right, "for_year": None,
    }


def write_csv(path: Path, rows: list[dict], *, language: str, delimiter: str, encoding: str, money) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    w.writerow([HEADERS[language][c] for c in COLUMNS])
    for r in rows:
        w.writerow([
            (money(r[c]) if c in ("agreement_amount", "amount") else ddmmyyyy(r[c]) if c in ("agreement_date", "period_start", "period_end", "payment_date") else "" if r[c] is None else r[c])
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
         "report_name": f"Отчёт о НИР, этап {n}.pdf"}
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
