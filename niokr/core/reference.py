"""Reference data with labels in Kazakh, Russian and English (DOMAIN.md §2, §5, §6).

Everything here is immutable: frozen dataclasses inside read-only mappings. Sources and the items
still marked **[unconfirmed]** are listed in ``docs/data-dictionary/reference-data.md``.

What is here:

* :class:`Label` — one text in ``kk`` / ``ru`` / ``en``; ``Label.get(language)`` falls back to ``ru``.
* :data:`REGIONS` — the 17 regions, the 3 cities of republican significance and ``foreign``, keyed by
  :class:`niokr.core.choices.Region` values; :data:`PREDECESSORS`, :func:`region_on`,
  :func:`successors`, :func:`centre_on` and :func:`historical_regions` for records dated before the
  2018 and 2022 reforms.
* :data:`LABELS` and :func:`label` — trilingual labels for every value of the closed enumerations.
* :data:`KBK`, :data:`TRL_LEVELS`, :data:`CURRENCY_KZT`.

Layering: ``core`` is the bottom layer, so this module imports nothing from ``registry``,
``obligations``, ``accounts`` or ``projects``. Labels are therefore keyed by an *enum key*, the
string ``"<app>.<EnumName>"`` (``"core.MineralGroup"``, ``"registry.OrganisationKind"``), which
:func:`enum_key` derives from an enum class without importing it. :data:`LABELS` accepts either the
key or the class itself::

    LABELS["registry.OrganisationKind"]["university"].get("kk")
    LABELS[OrganisationKind]["university"].get("kk")   # same entry
    label(OrganisationKind.UNIVERSITY, "kk")            # same text
    label("university", "kk", enum=OrganisationKind)    # a plain value needs its enum
"""

from __future__ import annotations

import enum as _enum
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Literal

from niokr.core.choices import (
    Authority,
    Language,
    MineralGroup,
    PriorityDirection,
    Region,
    RightType,
    TCCSector,
)
from niokr.core.labelled import enum_key
from niokr.core.money import MONEY_DECIMAL_PLACES

__all__ = [
    "LANGUAGES",
    "DEFAULT_LANGUAGE",
    "Label",
    "RegionInfo",
    "Predecessor",
    "FormerName",
    "REGIONS",
    "HISTORICAL_REGIONS",
    "PREDECESSORS",
    "REFORM_2018",
    "REFORM_2022",
    "region_on",
    "successors",
    "centre_on",
    "region_name",
    "historical_regions",
    "current_units",
    "LABELS",
    "EnumLabels",
    "enum_key",
    "label",
    "KbkInfo",
    "KBK",
    "TRL_LEVELS",
    "TRL_NATIONAL_METHODOLOGY",
    "TRL_NOTE",
    "Currency",
    "CURRENCY_KZT",
]

LANGUAGES: tuple[str, ...] = ("kk", "ru", "en")
DEFAULT_LANGUAGE = "ru"


# --------------------------------------------------------------------------------------------------
# Label
# --------------------------------------------------------------------------------------------------


def _normalise_language(language: str | None) -> str:
    """``"kk"``, ``"ru"`` or ``"en"`` for a language code such as ``"kk-KZ"``; anything else is ``ru``.

    ``None`` means the active Django language (``ru`` when translation is not set up).
    """
    if language is None:
        try:
            from django.utils.translation import get_language

            language = get_language()
        except Exception:  # settings not configured: fall back quietly
            language = None
    if not language:
        return DEFAULT_LANGUAGE
    code = str(language).replace("_", "-").split("-", 1)[0].lower()
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


@dataclass(frozen=True)
class Label:
    """One text in the three working languages. All three must be non-empty."""

    kk: str
    ru: str
    en: str

    def __post_init__(self) -> None:
        for language in LANGUAGES:
            text = getattr(self, language)
            if not isinstance(text, str) or not text.strip():
                raise ValueError(f"Label{(self.kk, self.ru, self.en)!r}: the {language} text is empty")

    def get(self, language: str | None = None) -> str:
        """The text in ``language`` (``kk``/``ru``/``en`` or a regional variant such as ``kk-kz``).

        An unknown language falls back to Russian; ``None`` means the active Django language.
        """
        return getattr(self, _normalise_language(language))

    def __str__(self) -> str:
        return self.get(None)


def _l(kk: str, ru: str, en: str) -> Label:
    return Label(kk, ru, en)


# --------------------------------------------------------------------------------------------------
# Regions and cities (DOMAIN.md §6.1)
# --------------------------------------------------------------------------------------------------

RegionKind = Literal["region", "city", "foreign"]

#: Presidential Decree of 19.06.2018 No 702: Shymkent becomes a city of republican significance and
#: South Kazakhstan region is renamed Turkistan region (centre Turkistan). DOMAIN.md gives "June 2018";
#: the day is [unconfirmed] there.
REFORM_2018 = date(2018, 6, 19)
#: Presidential Decree of 04.05.2022, in force 08.06.2022: Abai, Zhetisu and Ulytau regions are created
#: and the centre of Almaty region moves from Taldykorgan to Konayev.
REFORM_2022 = date(2022, 6, 8)


@dataclass(frozen=True)
class FormerName:
    """A name (or administrative centre) a unit had before ``until`` (exclusive)."""

    until: date
    name: Label
    since: date | None = None


@dataclass(frozen=True)
class RegionInfo:
    """A region, a city of republican significance, the ``foreign`` bucket, or a historical region.

    Attributes:
        code: the ``Region`` value (or a historical code such as ``south_kazakhstan``).
        name: the official name in kk / ru / en.
        centre: the administrative centre today (for a historical region: when it was abolished);
            ``None`` for cities of republican significance and for ``foreign``.
        kind: ``region``, ``city`` or ``foreign``.
        valid_from: the first day the unit exists under this code; ``None`` when it predates every
            record the system holds (the 2010 Law).
        valid_to: the first day it no longer exists (exclusive); ``None`` for current units.
        former_centres: earlier administrative centres, oldest first.
        former_names: earlier names of the same unit, oldest first.
        note: free text (legal basis, caveats).
    """

    code: str
    name: Label
    centre: Label | None
    kind: RegionKind
    valid_from: date | None = None
    valid_to: date | None = None
    former_centres: tuple[FormerName, ...] = ()
    former_names: tuple[FormerName, ...] = ()
    note: str = ""

    @property
    def is_current(self) -> bool:
        return self.valid_to is None


@dataclass(frozen=True)
class Predecessor:
    """Before ``until``, places now in the successor unit belonged to region ``code``."""

    code: str
    until: date
    basis: str


def _value(code: str) -> str:
    return getattr(code, "value", code)


def _region(code: str, kk: str, ru: str, en: str, centre: Label, **extra) -> RegionInfo:
    return RegionInfo(_value(code), Label(kk, ru, en), centre, "region", **extra)


def _city(code: str, kk: str, ru: str, en: str, **extra) -> RegionInfo:
    return RegionInfo(_value(code), Label(kk, ru, en), None, "city", **extra)


_TALDYKORGAN = _l("Талдықорған", "Талдыкорган", "Taldykorgan")
_SHYMKENT = _l("Шымкент", "Шымкент", "Shymkent")

_REGION_LIST = (
    _region(
        Region.ABAI, "Абай облысы", "Область Абай", "Abai region", _l("Семей", "Семей", "Semey"),
        valid_from=REFORM_2022, note="Created from part of East Kazakhstan region (decree of 04.05.2022).",
    ),
    _region(Region.AKMOLA, "Ақмола облысы", "Акмолинская область", "Akmola region", _l("Көкшетау", "Кокшетау", "Kokshetau")),
    _region(Region.AKTOBE, "Ақтөбе облысы", "Актюбинская область", "Aktobe region", _l("Ақтөбе", "Актобе", "Aktobe")),
    _region(
        Region.ALMATY_REGION, "Алматы облысы", "Алматинская область", "Almaty region", _l("Қонаев", "Конаев", "Konayev"),
        former_centres=(FormerName(REFORM_2022, _TALDYKORGAN),),
        note="Centre Taldykorgan until 08.06.2022, then Konayev (formerly Kapshagay). "
        "The earlier move of the centre from Almaty to Taldykorgan (2001) is not modelled.",
    ),
    _region(Region.ATYRAU, "Атырау облысы", "Атырауская область", "Atyrau region", _l("Атырау", "Атырау", "Atyrau")),
    _region(
        Region.EAST_KAZAKHSTAN, "Шығыс Қазақстан облысы", "Восточно-Казахстанская область", "East Kazakhstan region",
        _l("Өскемен", "Усть-Каменогорск", "Oskemen (Ust-Kamenogorsk)"),
        note="Lost the territory of Abai region on 08.06.2022.",
    ),
    _region(Region.ZHAMBYL, "Жамбыл облысы", "Жамбылская область", "Zhambyl region", _l("Тараз", "Тараз", "Taraz")),
    _region(
        Region.ZHETISU, "Жетісу облысы", "Область Жетісу", "Zhetisu region", _TALDYKORGAN,
        valid_from=REFORM_2022, note="Created from part of Almaty region (decree of 04.05.2022).",
    ),
    _region(
        Region.KARAGANDA, "Қарағанды облысы", "Карагандинская область", "Karaganda region",
        _l("Қарағанды", "Караганда", "Karaganda"), note="Lost the territory of Ulytau region on 08.06.2022.",
    ),
    _region(Region.KOSTANAY, "Қостанай облысы", "Костанайская область", "Kostanay region", _l("Қостанай", "Костанай", "Kostanay")),
    _region(Region.KYZYLORDA, "Қызылорда облысы", "Кызылординская область", "Kyzylorda region", _l("Қызылорда", "Кызылорда", "Kyzylorda")),
    _region(Region.MANGYSTAU, "Маңғыстау облысы", "Мангистауская область", "Mangystau region", _l("Ақтау", "Актау", "Aktau")),
    _region(
        Region.NORTH_KAZAKHSTAN, "Солтүстік Қазақстан облысы", "Северо-Казахстанская область", "North Kazakhstan region",
        _l("Петропавл", "Петропавловск", "Petropavl"),
    ),
    _region(Region.PAVLODAR, "Павлодар облысы", "Павлодарская область", "Pavlodar region", _l("Павлодар", "Павлодар", "Pavlodar")),
    _region(
        Region.TURKISTAN, "Түркістан облысы", "Туркестанская область", "Turkistan region", _l("Түркістан", "Туркестан", "Turkistan"),
        valid_from=REFORM_2018,
        note="South Kazakhstan region renamed in June 2018 (without Shymkent); centre moved from Shymkent to Turkistan.",
    ),
    _region(
        Region.ULYTAU, "Ұлытау облысы", "Область Ұлытау", "Ulytau region", _l("Жезқазған", "Жезказган", "Zhezkazgan"),
        valid_from=REFORM_2022, note="Created from part of Karaganda region (decree of 04.05.2022).",
    ),
    _region(
        Region.WEST_KAZAKHSTAN, "Батыс Қазақстан облысы", "Западно-Казахстанская область", "West Kazakhstan region",
        _l("Орал", "Уральск", "Oral (Uralsk)"),
    ),
    _city(
        Region.ASTANA, "Астана қаласы", "Город Астана", "Astana",
        former_names=(
            FormerName(date(2022, 9, 17), _l("Нұр-Сұлтан қаласы", "Город Нур-Султан", "Nur-Sultan"), since=date(2019, 3, 23)),
        ),
        note="The capital. Named Nur-Sultan from 23.03.2019 to 17.09.2022 [unconfirmed: not in DOMAIN.md sources].",
    ),
    _city(Region.ALMATY_CITY, "Алматы қаласы", "Город Алматы", "Almaty"),
    _city(
        Region.SHYMKENT, "Шымкент қаласы", "Город Шымкент", "Shymkent",
        valid_from=REFORM_2018, note="City of republican significance since June 2018; before that in South Kazakhstan region.",
    ),
    RegionInfo(
        Region.FOREIGN.value, _l("Қазақстаннан тыс жерде", "За пределами Казахстана", "Outside Kazakhstan"), None, "foreign",
        note="Not an administrative unit: the bucket for foreign performers and addresses.",
    ),
)

#: Current regions, cities of republican significance and ``foreign``, keyed by ``Region`` value.
REGIONS: Mapping[str, RegionInfo] = MappingProxyType({r.code: r for r in _REGION_LIST})

#: Codes that no longer exist but appear in records dated before a reform. Not ``Region`` values.
HISTORICAL_REGIONS: Mapping[str, RegionInfo] = MappingProxyType(
    {
        "south_kazakhstan": RegionInfo(
            "south_kazakhstan",
            _l("Оңтүстік Қазақстан облысы", "Южно-Казахстанская область", "South Kazakhstan region"),
            _SHYMKENT,
            "region",
            valid_to=REFORM_2018,
            note="Split in June 2018 into Turkistan region and the city of Shymkent.",
        ),
    }
)

#: For each current unit that did not exist under its code before a reform: the region its places
#: belonged to before that day. Many-to-one: several current units may share a predecessor.
PREDECESSORS: Mapping[str, Predecessor] = MappingProxyType(
    {
        Region.ABAI.value: Predecessor(Region.EAST_KAZAKHSTAN.value, REFORM_2022, "Presidential Decree of 04.05.2022"),
        Region.ZHETISU.value: Predecessor(Region.ALMATY_REGION.value, REFORM_2022, "Presidential Decree of 04.05.2022"),
        Region.ULYTAU.value: Predecessor(Region.KARAGANDA.value, REFORM_2022, "Presidential Decree of 04.05.2022"),
        Region.TURKISTAN.value: Predecessor("south_kazakhstan", REFORM_2018, "Presidential Decree of 19.06.2018 No 702 (rename)"),
        Region.SHYMKENT.value: Predecessor("south_kazakhstan", REFORM_2018, "Presidential Decree of 19.06.2018 No 702"),
    }
)


def _info(code: str) -> RegionInfo:
    info = REGIONS.get(code) or HISTORICAL_REGIONS.get(code)
    if info is None:
        raise KeyError(f"{code!r} is neither a region code nor a historical region code")
    return info


def region_on(code: str, day: date) -> str:
    """The region code in force on ``day`` for a place that is now in region ``code``.

    >>> region_on("abai", date(2020, 1, 1))
    'east_kazakhstan'
    >>> region_on("shymkent", date(2017, 5, 1))
    'south_kazakhstan'

    Reform dates are inclusive for the new unit: on 08.06.2022 a place in Abai is in Abai.
    Only the 2018 and 2022 reforms are modelled (enough for records since the 2010 Law).

    Raises:
        ValueError: ``code`` is not a current ``Region`` value.
    """
    code = str(code)
    if code not in REGIONS:
        raise ValueError(f"{code!r} is not a current region code; region_on maps places by their region today")
    while code in PREDECESSORS and day < PREDECESSORS[code].until:
        code = PREDECESSORS[code].code
    return code


def successors(code: str) -> frozenset[str]:
    """The current region codes that hold places which, before a reform, were in region ``code``.

    The reverse of :func:`region_on`; it is one-to-many, so a pre-reform record cannot be placed in
    one current region without more detail (``successors("east_kazakhstan") == {"east_kazakhstan", "abai"}``).
    """
    code = str(code)
    _info(code)
    found = {code} if code in REGIONS else set()
    frontier = [code]
    while frontier:
        current = frontier.pop()
        for successor, predecessor in PREDECESSORS.items():
            if predecessor.code == current and successor not in found:
                found.add(successor)
                frontier.append(successor)
    return frozenset(found)


def centre_on(code: str, day: date) -> Label | None:
    """The administrative centre of region ``code`` (current or historical) on ``day``."""
    info = _info(str(code))
    for former in info.former_centres:
        if day < former.until and (former.since is None or day >= former.since):
            return former.name
    return info.centre


def region_name(code: str, language: str | None = None, day: date | None = None) -> str:
    """The name of a current or historical region code; with ``day``, the name it bore then."""
    info = _info(str(code))
    if day is not None:
        for former in info.former_names:
            if day < former.until and (former.since is None or day >= former.since):
                return former.name.get(language)
    return info.name.get(language)


def historical_regions() -> Mapping[str, RegionInfo]:
    """Legacy region codes (not ``Region`` values) with their labels, centre and end date."""
    return HISTORICAL_REGIONS


def current_units() -> tuple[RegionInfo, ...]:
    """The 17 regions and 3 cities of republican significance (without ``foreign``), in Region order."""
    return tuple(info for info in REGIONS.values() if info.kind in ("region", "city"))


# --------------------------------------------------------------------------------------------------
# Enumeration labels
# --------------------------------------------------------------------------------------------------


_LABEL_DATA: dict[str, dict[str, Label]] = {
    # ---- core --------------------------------------------------------------------------------------
    "core.Language": {
        "kk": _l("Қазақ тілі", "Казахский язык", "Kazakh"),
        "ru": _l("Орыс тілі", "Русский язык", "Russian"),
        "en": _l("Ағылшын тілі", "Английский язык", "English"),
    },
    "core.Region": {code: info.name for code, info in REGIONS.items()},
    "core.MineralGroup": {
        "hydrocarbons": _l("Көмірсутектер", "Углеводороды", "Hydrocarbons"),
        "uranium": _l("Уран", "Уран", "Uranium"),
        "solid": _l("Қатты пайдалы қазбалар", "Твёрдые полезные ископаемые", "Solid minerals"),
        "common": _l("Кең таралған пайдалы қазбалар", "Общераспространенные полезные ископаемые", "Commonly occurring minerals"),
    },
    "core.RightType": {
        "hc_exploration_production": _l(
            "Көмірсутектерді барлауға және өндіруге арналған келісімшарт",
            "Контракт на разведку и добычу углеводородов",
            "Hydrocarbon exploration and production contract",
        ),
        "hc_production": _l(
            "Көмірсутектерді өндіруге арналған келісімшарт",
            "Контракт на добычу углеводородов",
            "Hydrocarbon production contract",
        ),
        "uranium_production": _l(
            "Уран өндіруге арналған келісімшарт",
            "Контракт на добычу урана",
            "Uranium production contract",
        ),
        "legacy_contract": _l(
            "2010 жылғы «Жер қойнауы және жер қойнауын пайдалану туралы» Заң бойынша келісімшарт",
            "Контракт по Закону 2010 года «О недрах и недропользовании»",
            "Contract under the 2010 Law “On Subsoil and Subsoil Use”",
        ),
        "lic_geological_exploration": _l(
            "Жер қойнауын геологиялық зерттеуге арналған лицензия",
            "Лицензия на геологическое изучение недр",
            "Geological exploration licence",
        ),
        "lic_solid_exploration": _l(
            "Қатты пайдалы қазбаларды барлауға арналған лицензия",
            "Лицензия на разведку твёрдых полезных ископаемых",
            "Solid minerals exploration licence",
        ),
        "lic_solid_mining": _l(
            "Қатты пайдалы қазбаларды өндіруге арналған лицензия",
            "Лицензия на добычу твёрдых полезных ископаемых",
            "Solid minerals mining licence",
        ),
        "lic_common_mining": _l(
            "Кең таралған пайдалы қазбаларды өндіруге арналған лицензия",
            "Лицензия на добычу общераспространенных полезных ископаемых",
            "Common minerals mining licence",
        ),
        "lic_subsoil_space": _l(
            "Жер қойнауы кеңістігін пайдалануға арналған лицензия",
            "Лицензия на использование пространства недр",
            "Subsoil space use licence",
        ),
        "lic_prospecting": _l(
            "Старательдікке арналған лицензия",
            "Лицензия на старательство",
            "Prospecting licence",
        ),
    },
    "core.PriorityDirection": {
        "medtech": _l("MedTech — медициналық технологиялар", "MedTech — медицинские технологии", "MedTech — medical technologies"),
        "agritech": _l("AgriTech — агротехнологиялар", "AgriTech — агротехнологии", "AgriTech — agricultural technologies"),
        "greentech": _l("GreenTech — жасыл технологиялар", "GreenTech — зеленые технологии", "GreenTech — green technologies"),
        "other": _l("Басқа", "Другое", "Other"),
    },
    "core.TCCSector": {
        "electronics": _l("Электроника өнеркәсібі", "Электронная промышленность", "Electronics industry"),
        "healthcare": _l("Денсаулық сақтау 4.0", "Здравоохранение 4.0", "Healthcare 4.0"),
        "industry": _l("Индустрия 4.0", "Индустрия 4.0", "Industry 4.0"),
        "agro": _l("Агроөнеркәсіптік кешен", "Агропромышленный комплекс", "Agro-industrial complex"),
        "nuclear": _l("Баламалы және атом энергетикасы", "Альтернативная и атомная энергетика", "Alternative and nuclear energy"),
        "oil_gas": _l("Мұнай-газ саласы", "Нефтегазовая отрасль", "Oil and gas"),
        "power": _l("Электр энергетикасы", "Электроэнергетика", "Electric power"),
        "green": _l(
            "Жасыл технологияларды коммерцияландыру",
            "Коммерциализация зеленых технологий",
            "Commercialisation of green technologies",
        ),
    },
    "core.Authority": {
        "energy": _l("Энергетика министрлігі", "Министерство энергетики", "Ministry of Energy"),
        "industry": _l(
            "Өнеркәсіп және құрылыс министрлігі",
            "Министерство промышленности и строительства",
            "Ministry of Industry and Construction",
        ),
        "atomic": _l("Атом энергиясы жөніндегі агенттік", "Агентство по атомной энергии", "Agency for Atomic Energy"),
    },
    # ---- registry ----------------------------------------------------------------------------------
    "registry.OrganisationKind": {
        "subsoil_user": _l("Жер қойнауын пайдаланушы", "Недропользователь", "Subsoil user"),
        "national_company": _l("Ұлттық компания", "Национальная компания", "National company"),
        "research_institute": _l("Ғылыми-зерттеу институты", "Научно-исследовательский институт", "Research institute"),
        "university": _l("Жоғары оқу орны", "Высшее учебное заведение", "University"),
        "company": _l("Коммерциялық орындаушы", "Коммерческий исполнитель", "Commercial performer"),
        "hub_participant": _l("Astana Hub қатысушы компаниясы", "Компания — участник Astana Hub", "Astana Hub participant company"),
        "aggregator": _l("Агрегатор немесе кластерлік қор", "Агрегатор или кластерный фонд", "Aggregator or cluster fund"),
        "foreign": _l("Шетелдік ұйым", "Иностранная организация", "Foreign organisation"),
        "state_body": _l("Мемлекеттік орган", "Государственный орган", "State body"),
    },
    "registry.AttributeKind": {
        "kazakhstani_supplier": _l("Қазақстандық өнім беруші", "Казахстанский поставщик", "Kazakhstani supplier"),
        "science_accreditation": _l(
            "Аккредиттелген ғылыми қызмет субъектісі",
            "Аккредитованный субъект научной деятельности",
            "Accredited subject of scientific activity",
        ),
        "astana_hub": _l("Astana Hub қатысушысы", "Участник Astana Hub", "Astana Hub participant"),
        "foreign_permission": _l(
            "Шетелдік орындаушыны тартуға рұқсат",
            "Разрешение на привлечение иностранного исполнителя",
            "Permission to engage a foreign performer",
        ),
    },
    "registry.AffiliationKind": {
        "owner": _l("Иесі (акционер немесе қатысушы)", "Владелец (акционер или участник)", "Owner (shareholder or participant)"),
        "common_founder": _l("Ортақ құрылтайшы", "Общий учредитель", "Common founder"),
        "common_director": _l("Ортақ басшы", "Общий руководитель", "Common director"),
    },
    # ---- obligations -------------------------------------------------------------------------------
    "obligations.BaseType": {
        "aggregate_income": _l(
            "Алдыңғы жылғы жылдық жиынтық табыс (ЖЖТ)",
            "Совокупный годовой доход (СГД) предыдущего года",
            "Aggregate annual income (SGD) of the previous year",
        ),
        "production_costs": _l(
            "Алдыңғы жылғы өндіру шығындары",
            "Расходы на добычу предыдущего года",
            "Production costs of the previous year",
        ),
    },
    "obligations.RateKind": {
        "floor": _l("Мөлшерлемеден кем емес (төменгі шек)", "Не менее ставки (нижний предел)", "At least the rate (floor)"),
        "exact": _l("Мөлшерлемеге дәл тең", "Точно в размере ставки", "Exactly the rate"),
    },
    "obligations.FirstDueRule": {
        "from_assignment": _l(
            "Режим күшінде болатын әр жыл сайын",
            "Ежегодно, пока действует режим",
            "Every year the regime is in force",
        ),
        "second_production_year": _l(
            "Өндірудің 2-күнтізбелік жылынан бастап (қатты пайдалы қазбалар үшін — лицензия берілген күннен бастап есептеледі)",
            "Со 2-го календарного года добычи (для твёрдых полезных ископаемых — отсчёт от выдачи лицензии)",
            "From the 2nd calendar year of production (licence issue for solid minerals)",
        ),
    },
    "obligations.Channel": {
        "direct": _l(
            "Орындаушылармен ҒЗТКЖ-ға тікелей шығыстар",
            "Прямые расходы на НИОКР у исполнителей",
            "Direct R&D spending with performers",
        ),
        "budget": _l(
            "Республикалық бюджетке аудару, БСК 401103",
            "Перечисление в республиканский бюджет, КБК 401103",
            "Transfer to the republican budget, KBK 401103",
        ),
    },
    "obligations.CreditRule": {
        "none": _l(
            "Артық орындау келесі жылдарға ауыстырылмайды",
            "Перевыполнение не переносится на следующие годы",
            "Over-fulfilment is not carried forward",
        ),
        "carry_forward": _l(
            "Артық орындау кейінгі жылдардың есебіне жатқызылады",
            "Перевыполнение засчитывается в последующие годы",
            "Over-fulfilment is credited to later years",
        ),
    },
    "obligations.Rounding": {
        "tiyn": _l("Тиынға дейін, жартысы жоғары қарай", "До тиына, половина — вверх", "To the tiyn, half up"),
        "tenge": _l("Теңгеге дейін, жартысы жоғары қарай", "До тенге, половина — вверх", "To the tenge, half up"),
    },
    "obligations.ReportingFrequency": {
        "annual": _l("Жыл сайын", "Ежегодно", "Annual"),
        "quarterly": _l("Тоқсан сайын", "Ежеквартально", "Quarterly"),
    },
    "obligations.BaseStatus": {
        "draft": _l("Жоба", "Черновик", "Draft"),
        "accepted": _l("Қабылданды", "Принято", "Accepted"),
    },
    "obligations.BaseSource": {
        "report": _l("Компания есебі", "Отчет компании", "Company report"),
        "lku": _l(
            "Лицензиялық-келісімшарттық талаптардың орындалуы туралы есеп",
            "Отчет о выполнении лицензионно-контрактных условий (ЛКУ)",
            "Licence/contract conditions (LKU) report",
        ),
        "audit": _l("Аудит немесе тексеру", "Аудит или проверка", "Audit or inspection"),
        "tax": _l("Салық декларациясы", "Налоговая декларация", "Tax declaration"),
        "generated": _l("Синтетикалық деректер", "Синтетические данные", "Synthetic data"),
    },
    "obligations.EntryKind": {
        "obligation": _l("Міндеттеме", "Обязательство", "Obligation"),
        "direct_spend": _l("ҒЗТКЖ-ға тікелей шығыстар", "Прямые расходы на НИОКР", "Direct R&D spending"),
        "budget_transfer": _l("Бюджетке аудару (БСК 401103)", "Перечисление в бюджет (КБК 401103)", "Budget transfer (KBK 401103)"),
        "exclusion": _l("Алып тастау", "Исключение", "Exclusion"),
        "reversal": _l("Кері жазба (сторно)", "Сторно", "Reversal"),
    },
    "obligations.YearStatus": {
        "not_due": _l("Мерзімі әлі келген жоқ", "Срок еще не наступил", "Not yet due"),
        "base_missing": _l(
            "Мерзімі келді, есептеу базасы ұсынылмаған",
            "Срок наступил, база не представлена",
            "Due, base not reported",
        ),
        "no_obligation": _l("Міндеттеме жоқ (нөлдік база)", "Обязательства нет (нулевая база)", "No obligation (zero base)"),
        "fulfilled": _l("Орындалды", "Исполнено", "Fulfilled"),
        "partly": _l("Ішінара орындалды", "Исполнено частично", "Partly fulfilled"),
        "unfulfilled": _l("Орындалмады", "Не исполнено", "Unfulfilled"),
    },
    # ---- accounts ----------------------------------------------------------------------------------
    "accounts.Role": {
        "regulator": _l("Реттеуші органның талдаушысы", "Аналитик регулятора", "Regulator analyst"),
        "company": _l("Жер қойнауын пайдаланушының қызметкері", "Сотрудник недропользователя", "Subsoil user staff"),
        "performer": _l("ҒЗТКЖ орындаушысының қызметкері", "Сотрудник исполнителя НИОКР", "R&D performer staff"),
        "council_member": _l("Ғылыми-техникалық кеңес мүшесі", "Член научно-технического совета", "Scientific-technical council member"),
        "council_secretary": _l("Ғылыми-техникалық кеңестің хатшысы", "Секретарь научно-технического совета", "Scientific-technical council secretary"),
        "expert": _l("Мемлекеттік сарапшы", "Государственный эксперт", "State expert"),
        "tcc_analyst": _l(
            "Салалық технологиялық құзыреттер орталығының талдаушысы",
            "Аналитик отраслевого центра технологических компетенций",
            "Technology competence centre analyst",
        ),
        "selection_officer": _l(
            "Ғылым және жоғары білім министрлігінің конкурстық іріктеу қызметкері",
            "Сотрудник конкурсного отбора Министерства науки и высшего образования",
            "Competitive selection officer, Ministry of Science and Higher Education",
        ),
        "auditor": _l("Аудитор", "Аудитор", "Auditor"),
        "foresight_moderator": _l("Форсайт модераторы", "Модератор форсайта", "Foresight moderator"),
        "panellist": _l("Форсайт панелінің сарапшысы", "Эксперт форсайт-панели", "Foresight panellist"),
        "assessor": _l(
            "Технологиялық аудит пен ТДД бағалаушысы",
            "Оценщик технологического аудита и УГТ",
            "Technology audit and TRL assessor",
        ),
        "policy_analyst": _l("Технологиялық саясат талдаушысы", "Аналитик технологической политики", "Technology policy analyst"),
        "policy_secretariat": _l(
            "Технологиялық саясат жөніндегі кеңестің хатшылығы",
            "Секретариат Совета по технологической политике",
            "Secretariat of the Council on Technology Policy",
        ),
        "administrator": _l("Әкімші", "Администратор", "Administrator"),
    },
}

# The core enumerations are importable here, so check their keys against the label data at import.
for _cls in (Language, Region, MineralGroup, RightType, PriorityDirection, TCCSector, Authority):
    _key = enum_key(_cls)
    _missing = set(_cls.values) - set(_LABEL_DATA[_key])
    if _missing:  # pragma: no cover - a data error, caught by the tests too
        raise RuntimeError(f"core.reference: no labels for {_key} values {sorted(_missing)}")


class EnumLabels(Mapping):
    """Read-only mapping from an enum key (or the enum class) to ``{value: Label}``.

    Iterating yields the string keys. ``LABELS[OrganisationKind]`` and
    ``LABELS["registry.OrganisationKind"]`` are the same entry.
    """

    def __init__(self, data: Mapping[str, Mapping[str, Label]]):
        self._data = MappingProxyType({key: MappingProxyType(dict(values)) for key, values in data.items()})

    @staticmethod
    def key_for(enum: type | str) -> str:
        return enum if isinstance(enum, str) else enum_key(enum)

    def __getitem__(self, enum: type | str) -> Mapping[str, Label]:
        key = self.key_for(enum)
        try:
            return self._data[key]
        except KeyError:
            raise KeyError(f"no labels for enumeration {key!r}") from None

    def __contains__(self, enum: object) -> bool:
        try:
            key = self.key_for(enum)  # type: ignore[arg-type]
        except (ValueError, AttributeError):
            return False
        return key in self._data

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        return f"EnumLabels({sorted(self._data)})"


#: Trilingual labels of every closed enumeration, keyed by :func:`enum_key` (or the class).
LABELS = EnumLabels(_LABEL_DATA)


def label(value: object, language: str | None = None, enum: type | str | None = None) -> str:
    """The label of an enumeration value in ``language`` (Russian when the language is unknown).

    Args:
        value: an enum member (``OrganisationKind.UNIVERSITY``) or a plain stored value (``"university"``).
        language: ``kk``, ``ru``, ``en`` or a variant (``kk-kz``); ``None`` for the active language.
        enum: the enum class or its key (``"registry.OrganisationKind"``). Required for a plain value,
            because values repeat across enumerations (``"industry"`` is an Authority and a TCC sector).

    Raises:
        TypeError: a plain value without ``enum``, or a member of another enumeration than ``enum``.
        KeyError: an unknown enumeration, or a value the enumeration has no label for.
    """
    if isinstance(value, _enum.Enum):
        own_key = enum_key(type(value))
        if enum is not None and EnumLabels.key_for(enum) != own_key:
            raise TypeError(f"{value!r} is a member of {own_key}, not of {EnumLabels.key_for(enum)}")
        key, code = own_key, str(value.value)
    else:
        if enum is None:
            raise TypeError(f"label({value!r}): a plain value needs enum= (values repeat across enumerations)")
        key, code = EnumLabels.key_for(enum), str(value)
    labels = LABELS[key]
    try:
        entry = labels[code]
    except KeyError:
        raise KeyError(f"{key} has no value {code!r}") from None
    return entry.get(language)


# --------------------------------------------------------------------------------------------------
# Budget classification (DOMAIN.md §1.3, §6.5)
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class KbkInfo:
    """A revenue code of the Unified Budget Classification."""

    code: str
    name: Label
    category: str
    budget: Label
    sources: tuple[str, ...] = ()


KBK: Mapping[str, KbkInfo] = MappingProxyType(
    {
        "401103": KbkInfo(
            code="401103",
            name=Label(
                kk="Қазақстан Республикасының аумағында ғылыми-зерттеу, ғылыми-техникалық және (немесе) "
                "тәжірибелік-конструкторлық жұмыстарға жер қойнауын пайдаланушылардың аударымдары",
                ru="Отчисления недропользователей на научно-исследовательские, научно-технические и (или) "
                "опытно-конструкторские работы на территории Республики Казахстан",
                en="Subsoil users' contributions to research, scientific-technical and (or) experimental-design "
                "work in the territory of the Republic of Kazakhstan",
            ),
            category="special revenues [unconfirmed]",
            budget=_l("Республикалық бюджет", "Республиканский бюджет", "Republican budget"),
            sources=(
                "https://www.zakon.kz/pravo/6504447-nedropolzovateli-budut-otchislyat-na-nauku-1-ot-zatrat-na-dobychu-v-respublikanskiy-byudzhet.html",
                "https://kaz.zakon.kz/quqiq/6074816-zher-oynauyn-paydalanushylar-zhmsalan-shyyndardy-1-payyzyn-ylymdy-arzhylandyrua-byudzhetke-audaratyn-bolady.html",
                "https://adilet.zan.kz/kaz/docs/G23E0000269/compare",
            ),
        ),
    }
)


# --------------------------------------------------------------------------------------------------
# Technology readiness levels (DOMAIN.md §6.7)
# --------------------------------------------------------------------------------------------------

TRL_NATIONAL_METHODOLOGY = (
    "Methodology for determining technology readiness levels and technological readiness of organisations, "
    "MSHE order of 10.01.2025 No 8, registered with the MoJ on 13.01.2025 under No 35634 "
    "(https://adilet.zan.kz/rus/docs/V2500035634/compare)"
)
TRL_NOTE = (
    "The national methodology (" + TRL_NATIONAL_METHODOLOGY + ") is authoritative. TRL_LEVELS holds the "
    "EU/Horizon 2020 descriptors (Work Programme 2014-2015, General Annex G) as the fallback until the "
    "national descriptors are stored with their source."
)

_KET_KK = "негізгі базалық технологиялар үшін"
_KET_RU = "для ключевых базовых технологий"

#: EU / Horizon 2020 TRL descriptors (fallback; see :data:`TRL_NOTE`).
TRL_LEVELS: Mapping[int, Label] = MappingProxyType(
    {
        1: _l("Негізгі қағидаттар байқалды", "Наблюдаются базовые принципы", "Basic principles observed"),
        2: _l("Технологияның тұжырымдамасы жасалды", "Сформулирована концепция технологии", "Technology concept formulated"),
        3: _l("Тұжырымдаманың эксперименттік дәлелі", "Экспериментальное подтверждение концепции", "Experimental proof of concept"),
        4: _l("Технология зертханалық жағдайда расталды", "Технология проверена в лабораторных условиях", "Technology validated in lab"),
        5: _l(
            f"Технология тиісті ортада расталды ({_KET_KK} — өнеркәсіптік маңызы бар ортада)",
            f"Технология проверена в соответствующей среде (промышленно значимой среде — {_KET_RU})",
            "Technology validated in relevant environment (industrially relevant environment in the case of key enabling technologies)",
        ),
        6: _l(
            f"Технология тиісті ортада көрсетілді ({_KET_KK} — өнеркәсіптік маңызы бар ортада)",
            f"Технология продемонстрирована в соответствующей среде (промышленно значимой среде — {_KET_RU})",
            "Technology demonstrated in relevant environment (industrially relevant environment in the case of key enabling technologies)",
        ),
        7: _l(
            "Жүйе прототипін пайдалану жағдайында көрсету",
            "Демонстрация прототипа системы в условиях эксплуатации",
            "System prototype demonstration in operational environment",
        ),
        8: _l("Жүйе аяқталды және біліктілік сынағынан өтті", "Система завершена и прошла квалификацию", "System complete and qualified"),
        9: _l(
            f"Нақты жүйе пайдалану жағдайында расталды ({_KET_KK} — бәсекеге қабілетті өндіріс; немесе ғарышта)",
            f"Реальная система подтверждена в условиях эксплуатации (конкурентоспособное производство — {_KET_RU}; или в космосе)",
            "Actual system proven in operational environment (competitive manufacturing in the case of key enabling technologies; or in space)",
        ),
    }
)


# --------------------------------------------------------------------------------------------------
# Currency (DOMAIN.md §6.3)
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Currency:
    """An ISO 4217 currency and its minor unit."""

    code: str
    numeric: int
    sign: str
    name: Label
    minor_unit: Label
    minor_per_major: int
    introduced: date | None = None

    @property
    def exponent(self) -> int:
        """Decimal places of the minor unit (2 for 100 tiyn)."""
        return len(str(self.minor_per_major)) - 1


CURRENCY_KZT = Currency(
    code="KZT",
    numeric=398,
    sign="₸",
    name=_l("Қазақстан теңгесі", "Казахстанский тенге", "Kazakhstani tenge"),
    minor_unit=_l("тиын", "тиын", "tiyn"),
    minor_per_major=100,
    introduced=date(1993, 11, 15),
)

if CURRENCY_KZT.exponent != MONEY_DECIMAL_PLACES:  # pragma: no cover - guards core.money
    raise RuntimeError("core.reference: KZT minor unit disagrees with core.money.MONEY_DECIMAL_PLACES")
