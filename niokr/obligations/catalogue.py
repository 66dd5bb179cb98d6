"""The seeded rule regimes (DOMAIN.md §1), as plain data.

This module is the single source for the data migration that seeds ``RuleRegime`` and for
``niokr simulate``, which runs without a database. Where the law is a gap (DOMAIN.md §7) the value
chosen is a documented default, listed in ``gaps`` and in docs/adr/0003-legal-gaps-as-parameters.md.

What people read about a regime is here too, in Kazakh, Russian and English: its short name
(:data:`NAMES`, shown in lists, filters and explanations where the full title does not fit) and its
open legal questions (:data:`NOTES`; ``gaps`` stores the English text). :func:`regime_name` and
:func:`regime_notes` give them in a language.
"""

from __future__ import annotations

from decimal import Decimal

__all__ = ["REGIMES", "NAMES", "NOTES", "regime_by_code", "regime_name", "regime_notes"]

_LAW2010 = "Закон РК от 24.06.2010 № 291-IV «О недрах и недропользовании», ст. 76 п. 12-1 (в ред. 2012 г.), с изм. Законом от 29.12.2014 № 271-V"

REGIMES: list[dict] = [
    {
        "code": "LAW2010_SGD",
        "version": 1,
        "title_kk": "2010 жылғы Заң: алдыңғы жылғы жылдық жиынтық табыстың кемінде 1%-ы",
        "title_ru": "Закон 2010 г.: не менее 1% совокупного годового дохода за предыдущий год",
        "title_en": "2010 Law: at least 1% of the previous year's aggregate annual income",
        "legal_basis_kk": "ҚР 24.06.2010 № 291-IV «Жер қойнауы және жер қойнауын пайдалану туралы» Заңы, 76-бап 12-1-тармақ (2012 ж. редакциясы), 29.12.2014 № 271-V Заңымен өзгерістер; келісімшарттағы талап",
        "legal_basis_ru": _LAW2010 + "; условие контракта",
        "legal_basis_en": "Law of 24.06.2010 No 291-IV \"On Subsoil and Subsoil Use\", art. 76(12-1) as amended in 2012, amended by Law of 29.12.2014 No 271-V; the contract clause",
        "act_date": "2010-06-24",
        "act_number": "291-IV",
        "moj_registration": "",
        "source_url": "https://webiis05.mondaq.com/mining/371558/subsoil-users-and-niokr-research-development",
        "effective_from": "2012-01-01",
        "effective_to": None,
        "mineral_groups": ["hydrocarbons", "uranium", "solid"],
        "base_type": "aggregate_income",
        "rate": "0.01",
        "rate_kind": "floor",
        "first_due_rule": "from_assignment",
        "channel": "direct",
        "eligible_performers": [
            {"attribute": "kazakhstani_supplier", "from": None},
            {"attribute": "astana_hub", "from": "2014-06-10"},
            {"attribute": "foreign_permission", "from": "2015-01-11"},
        ],
        "requires_accreditation": False,
        "credit_rule": "carry_forward",
        "credit_from_year": 2015,
        "rounding": "tiyn",
        "reporting_frequency": "quarterly",
        "gaps": "Start of the duty taken as 01.01.2012 (the amendment of early 2012; exact date not retrieved). "
        "PIT/Astana Hub projects count from the PIT law of 10.06.2014; foreign performers with permission and the "
        "carry-forward of excesses from the amending Law in force 11.01.2015 (excesses of 2015 and later).",
    },
    {
        "code": "CODE2017_COSTS",
        "version": 1,
        "title_kk": "2017 жылғы Кодекс: алдыңғы жылғы өндіру шығындарының 1%-ы",
        "title_ru": "Кодекс 2017 г.: 1% затрат на добычу за предыдущий год",
        "title_en": "2017 Code: 1% of the previous year's production costs",
        "legal_basis_kk": "ҚР 27.12.2017 № 125-VI «Жер қойнауы және жер қойнауын пайдалану туралы» Кодексі; Энергетика министрі 31.05.2018 № 222 және БҒМ 31.05.2018 № 244 бірлескен бұйрығы (НҚ № 17096); ИДМ 30.05.2018 № 410 және БҒМ 31.05.2018 № 245 бірлескен бұйрығы",
        "legal_basis_ru": "Кодекс РК от 27.12.2017 № 125-VI «О недрах и недропользовании», ст. 129(1)(2), 178(1)(2); совместный приказ МЭ от 31.05.2018 № 222 и МОН от 31.05.2018 № 244 (рег. МЮ № 17096); совместный приказ МИР от 30.05.2018 № 410 и МОН от 31.05.2018 № 245",
        "legal_basis_en": "Code of 27.12.2017 No 125-VI \"On Subsoil and Subsoil Use\", art. 129(1)(2), 178(1)(2); joint order of MoE 31.05.2018 No 222 and MES 31.05.2018 No 244 (MoJ No 17096); joint order of MID 30.05.2018 No 410 and MES 31.05.2018 No 245",
        "act_date": "2017-12-27",
        "act_number": "125-VI",
        "moj_registration": "17096",
        "source_url": "http://adilet.zan.kz/rus/docs/V1800017096/compare",
        "effective_from": "2018-06-29",
        "effective_to": None,
        "mineral_groups": ["hydrocarbons", "uranium", "solid"],
        "base_type": "production_costs",
        "rate": "0.01",
        "rate_kind": "exact",
        "first_due_rule": "second_production_year",
        "channel": "direct",
        "eligible_performers": [
            {"attribute": "kazakhstani_supplier", "from": None},
            {"attribute": "science_accreditation", "from": None},
            {"attribute": "astana_hub", "from": None},
            {"attribute": "foreign_permission", "from": None},
        ],
        "requires_accreditation": False,
        "credit_rule": "none",
        "credit_from_year": None,
        "rounding": "tiyn",
        "reporting_frequency": "annual",
        "gaps": "Eligible performers under the 2018 rules were not retrieved: default Kazakhstani suppliers, accredited "
        "science organisations, Astana Hub participants and foreign performers with permission; accreditation not "
        "required. No carry-forward of excesses is stated for the 2018 rules: default none.",
    },
    {
        "code": "BUDGET2026_COSTS",
        "version": 1,
        "title_kk": "2026: өндіру шығындарының 1%-ы республикалық бюджетке, БСК 401103",
        "title_ru": "2026: 1% затрат на добычу в республиканский бюджет, КБК 401103",
        "title_en": "2026: 1% of production costs transferred to the republican budget, KBK 401103",
        "legal_basis_kk": "Энергетика министрі 17.12.2025 № 490-н/қ және ҒЖБМ 17.12.2025 № 574 бірлескен бұйрығы (НҚ № 37604); АЭА 18.12.2025 № 90-н/қ және ҒЖБМ 19.12.2025 № 577 (НҚ № 37686); ӨҚМ 29.12.2025 № 553 және ҒЖБМ 29.12.2025 № 598 (НҚ № 37778)",
        "legal_basis_ru": "Совместный приказ МЭ от 17.12.2025 № 490-н/қ и МНВО от 17.12.2025 № 574 (рег. МЮ № 37604); приказ ААЭ от 18.12.2025 № 90-н/қ и МНВО от 19.12.2025 № 577 (рег. № 37686); приказ МПС от 29.12.2025 № 553 и МНВО от 29.12.2025 № 598 (рег. № 37778)",
        "legal_basis_en": "Joint order of MoE 17.12.2025 No 490-n/q and MSHE 17.12.2025 No 574 (MoJ No 37604); AAE 18.12.2025 No 90-n/q and MSHE 19.12.2025 No 577 (No 37686); MIC 29.12.2025 No 553 and MSHE 29.12.2025 No 598 (No 37778)",
        "act_date": "2025-12-17",
        "act_number": "490-н/қ",
        "moj_registration": "37604",
        "source_url": "http://insecure.zan.kz/kaz/docs/V2500037604",
        "effective_from": "2026-01-01",
        "effective_to": None,
        "mineral_groups": ["hydrocarbons", "uranium", "solid"],
        "base_type": "production_costs",
        "rate": "0.01",
        "rate_kind": "exact",
        "first_due_rule": "second_production_year",
        "channel": "budget",
        "eligible_performers": [],
        "requires_accreditation": False,
        "credit_rule": "carry_forward",
        "credit_from_year": 2026,
        "rounding": "tiyn",
        "reporting_frequency": "annual",
        "gaps": "In force from 23.02.2026 for hydrocarbons and uranium (assignment date); for solid minerals the entry "
        "into force of order No 37778 was not retrieved: default 01.01.2026 (2026 payments reflect 2025 results). "
        "Under-payment: the difference stays an outstanding obligation of the year (arrears). Credit from direct "
        "spending under an earlier regime is not transferred to the budget channel (transition rule not retrieved).",
    },
    {
        "code": "MODEL2026_SGD",
        "version": 1,
        "title_kk": "Үлгілік келісімшарттар 2026: алдыңғы жылғы жылдық жиынтық табыстың кемінде 1%-ы",
        "title_ru": "Типовые контракты 2026: не менее 1% совокупного годового дохода за предыдущий год",
        "title_en": "Model contracts 2026: at least 1% of the previous year's aggregate annual income",
        "legal_basis_kk": "ӨҚМ 30.01.2026 № 34 бұйрығы (үлгілік келісімшарттар), 14.02.2026 бастап",
        "legal_basis_ru": "Приказ МПС от 30.01.2026 № 34 (типовые контракты), вступил в силу 14.02.2026",
        "legal_basis_en": "MIC order of 30.01.2026 No 34 (model contracts), in force 14.02.2026",
        "act_date": "2026-01-30",
        "act_number": "34",
        "moj_registration": "",
        "source_url": "https://profit.kz/news/72970/Nedropolzovatelej-obyazali-napravlyat-1-dohoda-na-NIOKR-v-Astana-Hub/",
        "effective_from": "2026-02-14",
        "effective_to": None,
        "mineral_groups": ["hydrocarbons", "uranium", "solid"],
        "base_type": "aggregate_income",
        "rate": "0.01",
        "rate_kind": "floor",
        "first_due_rule": "from_assignment",
        "channel": "direct",
        "eligible_performers": [
            {"attribute": "kazakhstani_supplier", "from": None},
            {"attribute": "astana_hub", "from": None},
        ],
        "requires_accreditation": False,
        "credit_rule": "carry_forward",
        "credit_from_year": 2026,
        "rounding": "tiyn",
        "reporting_frequency": "annual",
        "gaps": "Carry-forward of excesses is not stated in the retrieved summary of order No 34: default carried "
        "forward, as under the 2015 amendments of the 2010 Law it replaces.",
    },
]


def regime_by_code(code: str) -> dict:
    """The latest seeded version of ``code``; raises ``KeyError`` for an unknown code."""
    matches = [r for r in REGIMES if r["code"] == code]
    if not matches:
        raise KeyError(code)
    return max(matches, key=lambda r: r["version"])


def _seeded_gaps(code: str, version: int) -> str:
    return next(r["gaps"] for r in REGIMES if r["code"] == code and r["version"] == version)


#: The short name of each regime of the catalogue, by language.
NAMES: dict[str, dict[str, str]] = {
    "LAW2010_SGD": {
        "kk": "2010 жылғы Заң: ЖЖТ-ның 1%-ы",
        "ru": "Закон 2010 г.: 1% СГД",
        "en": "2010 Law: 1% of aggregate income",
    },
    "CODE2017_COSTS": {
        "kk": "2017 жылғы Кодекс: өндіру шығындарының 1%-ы",
        "ru": "Кодекс 2017 г.: 1% затрат на добычу",
        "en": "2017 Code: 1% of production costs",
    },
    "BUDGET2026_COSTS": {
        "kk": "2026 жылдан бюджетке: БСК 401103",
        "ru": "Бюджет с 2026 г.: КБК 401103",
        "en": "Budget from 2026: KBK 401103",
    },
    "MODEL2026_SGD": {
        "kk": "2026 жылғы үлгілік келісімшарттар: ЖЖТ-ның 1%-ы",
        "ru": "Типовые контракты 2026 г.: 1% СГД",
        "en": "Model contracts 2026: 1% of aggregate income",
    },
}

#: The open legal questions of each seeded version and the defaults chosen, by language (``en`` is the stored ``gaps``).
NOTES: dict[tuple[str, int], dict[str, str]] = {
    ("LAW2010_SGD", 1): {
        "en": _seeded_gaps("LAW2010_SGD", 1),
        "ru": "Начало обязанности принято с 01.01.2012 (поправка начала 2012 года; точная дата не найдена). Проекты участников "
        "ПИТ (Astana Hub) засчитываются со дня принятия закона о ПИТ от 10.06.2014; работы иностранных исполнителей с "
        "разрешением и перенос превышения — со вступления в силу изменяющего закона 11.01.2015 (превышения 2015 года и "
        "последующих лет).",
        "kk": "Міндеттің басталуы 01.01.2012 деп алынды (2012 жылдың басындағы түзету; нақты күні табылмады). ИТП (Astana Hub) "
        "қатысушыларының жобалары ИТП туралы 10.06.2014 заңынан бастап есепке алынады; рұқсаты бар шетелдік орындаушылардың "
        "жұмыстары және артық соманы көшіру — 11.01.2015 күшіне енген өзгертуші заңнан бастап (2015 және одан кейінгі "
        "жылдардың артық сомалары).",
    },
    ("CODE2017_COSTS", 1): {
        "en": _seeded_gaps("CODE2017_COSTS", 1),
        "ru": "Круг допустимых исполнителей по правилам 2018 года не найден: по умолчанию — казахстанские поставщики, "
        "аккредитованные субъекты научной деятельности, участники Astana Hub и иностранные исполнители с разрешением; "
        "аккредитация не требуется. Перенос превышения в правилах 2018 года не предусмотрен: по умолчанию не переносится.",
        "kk": "2018 жылғы қағидалар бойынша рұқсат етілген орындаушылар табылмады: әдепкі бойынша — қазақстандық өнім "
        "берушілер, аккредиттелген ғылыми қызмет субъектілері, Astana Hub қатысушылары және рұқсаты бар шетелдік "
        "орындаушылар; аккредиттеу талап етілмейді. 2018 жылғы қағидаларда артық соманы көшіру көзделмеген: әдепкі бойынша "
        "көшірілмейді.",
    },
    ("BUDGET2026_COSTS", 1): {
        "en": _seeded_gaps("BUDGET2026_COSTS", 1),
        "ru": "Для углеводородов и урана действует с 23.02.2026 (дата назначения); для твёрдых полезных ископаемых дата "
        "вступления в силу приказа № 37778 не найдена: по умолчанию 01.01.2026 (платежи 2026 года — по итогам 2025 года). "
        "Недоплата: разница остаётся непогашенным обязательством года (задолженностью). Зачёт прямых расходов по прежнему "
        "режиму на бюджетный канал не переносится (переходное правило не найдено).",
        "kk": "Көмірсутектер мен уран үшін 23.02.2026 бастап қолданылады (тағайындау күні); қатты пайдалы қазбалар үшін "
        "№ 37778 бұйрықтың күшіне ену күні табылмады: әдепкі бойынша 01.01.2026 (2026 жылғы төлемдер 2025 жылдың "
        "қорытындысы бойынша). Толық төленбесе, айырма жылдың өтелмеген міндеттемесі (берешек) болып қалады. Бұрынғы режим "
        "бойынша тікелей шығыстардың есепке алуы бюджеттік арнаға көшірілмейді (өтпелі қағида табылмады).",
    },
    ("MODEL2026_SGD", 1): {
        "en": _seeded_gaps("MODEL2026_SGD", 1),
        "ru": "В найденном изложении приказа № 34 перенос превышения не упомянут: по умолчанию превышение переносится, как по "
        "поправкам 2015 года к Закону 2010 года, который он заменяет.",
        "kk": "№ 34 бұйрықтың табылған мазмұнында артық соманы көшіру айтылмаған: әдепкі бойынша артық сома көшіріледі, ол "
        "алмастыратын 2010 жылғы Заңға 2015 жылғы түзетулердегідей.",
    },
}


def _language(language: str | None) -> str:
    return (language or "ru")[:2] if (language or "ru")[:2] in ("kk", "ru", "en") else "ru"


def regime_name(code: str, language: str | None = "ru") -> str | None:
    """The short name of regime ``code`` in ``language`` (``None`` for a code the catalogue does not name)."""
    names = NAMES.get(code)
    return names[_language(language)] if names else None


def regime_notes(code: str, version: int, stored: str, language: str | None = "ru") -> str:
    """The open legal questions of a regime version as a person reads them in ``language``.

    ``stored`` is the version's ``gaps`` as the database holds it: the catalogue's English text of a
    seeded version is given in ``language``; a text an administrator wrote is shown as written.
    """
    notes = NOTES.get((code, version))
    if notes is not None and (stored or "").strip() in ("", notes["en"]):
        return notes[_language(language)]
    return stored or ""
