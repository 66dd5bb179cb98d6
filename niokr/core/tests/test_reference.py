"""Reference data: trilingual labels, regions and their history, KBK, TRL, currency."""

from __future__ import annotations

import ast
import dataclasses
from datetime import date
from pathlib import Path

import pytest

from niokr.accounts.choices import Role
from niokr.core import reference
from niokr.core.choices import Authority, Language, MineralGroup, PriorityDirection, Region, RightType, TCCSector
from niokr.core.money import MONEY_DECIMAL_PLACES
from niokr.core.reference import (
    CURRENCY_KZT,
    KBK,
    LABELS,
    PREDECESSORS,
    REGIONS,
    TRL_LEVELS,
    Label,
    centre_on,
    current_units,
    enum_key,
    historical_regions,
    label,
    region_name,
    region_on,
    successors,
)
from niokr.obligations.choices import (
    BaseSource,
    BaseStatus,
    BaseType,
    Channel,
    CreditRule,
    EntryKind,
    FirstDueRule,
    RateKind,
    ReportingFrequency,
    Rounding,
    YearStatus,
)
from niokr.registry.choices import AffiliationKind, AttributeKind, OrganisationKind

LABELLED_ENUMS = [
    Language,
    Region,
    MineralGroup,
    RightType,
    PriorityDirection,
    TCCSector,
    Authority,
    OrganisationKind,
    AttributeKind,
    AffiliationKind,
    BaseType,
    Channel,
    CreditRule,
    FirstDueRule,
    RateKind,
    Rounding,
    BaseStatus,
    BaseSource,
    EntryKind,
    YearStatus,
    ReportingFrequency,
    Role,
]

LANGS = ("kk", "ru", "en")
REPO = Path(__file__).resolve().parents[3]


def _all_labels():
    for cls in LABELLED_ENUMS:
        for value, entry in LABELS[cls].items():
            yield f"{enum_key(cls)}.{value}", entry
    for code, info in {**REGIONS, **historical_regions()}.items():
        yield f"region {code}", info.name
        if info.centre is not None:
            yield f"centre of {code}", info.centre
    for level, entry in TRL_LEVELS.items():
        yield f"TRL {level}", entry
    for code, kbk in KBK.items():
        yield f"KBK {code}", kbk.name


# ---- Label ----------------------------------------------------------------------------------------


def test_a_label_returns_the_text_in_the_requested_language():
    entry = Label("Уран", "Уран", "Uranium")
    assert entry.get("kk") == "Уран"
    assert entry.get("en") == "Uranium"


def test_a_label_falls_back_to_russian_for_an_unknown_language():
    entry = Label("Көмірсутектер", "Углеводороды", "Hydrocarbons")
    assert entry.get("de") == "Углеводороды"
    assert entry.get("") == "Углеводороды"


def test_a_label_accepts_regional_language_variants():
    entry = Label("Көмірсутектер", "Углеводороды", "Hydrocarbons")
    assert entry.get("kk-KZ") == "Көмірсутектер"
    assert entry.get("en_US") == "Hydrocarbons"


def test_a_label_without_a_language_uses_the_active_django_language():
    from django.utils import translation

    entry = Label("Көмірсутектер", "Углеводороды", "Hydrocarbons")
    with translation.override("kk"):
        assert entry.get() == "Көмірсутектер"
    with translation.override("en"):
        assert str(entry) == "Hydrocarbons"


@pytest.mark.parametrize("texts", [("", "ру", "en"), ("кк", " ", "en"), ("кк", "ру", "")])
def test_a_label_refuses_an_empty_text(texts):
    with pytest.raises(ValueError, match="empty"):
        Label(*texts)


def test_reference_records_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        REGIONS["abai"].valid_from = None  # type: ignore[misc]
    with pytest.raises(TypeError):
        REGIONS["abai"] = REGIONS["akmola"]  # type: ignore[index]


# ---- enumeration labels --------------------------------------------------------------------------


@pytest.mark.parametrize("enum_class", LABELLED_ENUMS, ids=lambda c: c.__name__)
def test_every_enum_value_has_a_label_in_all_three_languages(enum_class):
    labels = LABELS[enum_class]
    for value in enum_class.values:
        assert value in labels, f"{enum_key(enum_class)}: no label for {value!r}"
        for language in LANGS:
            text = labels[value].get(language)
            assert text.strip(), f"{enum_key(enum_class)}.{value}: empty {language} label"


@pytest.mark.parametrize("enum_class", LABELLED_ENUMS, ids=lambda c: c.__name__)
def test_no_label_is_kept_for_a_value_the_enum_no_longer_has(enum_class):
    assert set(LABELS[enum_class]) == set(enum_class.values)


def test_every_labelled_enumeration_is_covered_by_the_test_list():
    assert set(LABELS) == {enum_key(cls) for cls in LABELLED_ENUMS}


def test_enum_keys_name_the_app_and_the_class():
    assert enum_key(OrganisationKind) == "registry.OrganisationKind"
    assert enum_key(YearStatus) == "obligations.YearStatus"
    assert enum_key(Role) == "accounts.Role"
    assert enum_key(MineralGroup) == "core.MineralGroup"


def test_labels_can_be_looked_up_by_enum_class_or_by_key():
    assert LABELS[OrganisationKind] is LABELS["registry.OrganisationKind"]
    assert OrganisationKind in LABELS
    assert "registry.OrganisationKind" in LABELS
    assert "registry.NoSuchEnum" not in LABELS


def test_label_of_an_enum_member_needs_no_enum_argument():
    assert label(MineralGroup.SOLID, "kk") == "Қатты пайдалы қазбалар"
    assert label(OrganisationKind.UNIVERSITY, "ru") == "Высшее учебное заведение"
    assert label(Region.MANGYSTAU, "kk") == "Маңғыстау облысы"


def test_label_of_a_plain_value_takes_the_enum_class_or_its_key():
    assert label("common", "kk", enum=MineralGroup) == "Кең таралған пайдалы қазбалар"
    assert label("industry", "en", enum="core.TCCSector") == "Industry 4.0"
    assert label("industry", "en", enum=Authority) == "Ministry of Industry and Construction"


def test_label_refuses_a_plain_value_without_its_enum_because_values_repeat():
    with pytest.raises(TypeError, match="enum="):
        label("industry", "en")


def test_label_refuses_a_member_of_another_enum_than_the_one_named():
    with pytest.raises(TypeError, match="core.TCCSector"):
        label(TCCSector.INDUSTRY, "en", enum=Authority)


def test_label_names_an_unknown_value_and_an_unknown_enum():
    with pytest.raises(KeyError, match="'gold'"):
        label("gold", "en", enum=MineralGroup)
    with pytest.raises(KeyError, match="registry.NoSuchEnum"):
        label("x", "en", enum="registry.NoSuchEnum")


def test_label_falls_back_to_russian_for_an_unknown_language():
    assert label(MineralGroup.HYDROCARBONS, "fr") == "Углеводороды"


def test_kazakh_mineral_group_labels_use_kazakh_letters():
    assert label(MineralGroup.HYDROCARBONS, "kk") == "Көмірсутектер"
    assert label(MineralGroup.URANIUM, "kk") == "Уран"
    assert label(MineralGroup.SOLID, "kk") == "Қатты пайдалы қазбалар"
    assert label(MineralGroup.COMMON, "kk") == "Кең таралған пайдалы қазбалар"


# Kazakh and Russian may legitimately coincide only for these (loanwords, brands, numbers).
IDENTICAL_KK_RU_ALLOWED = {"Уран", "Индустрия 4.0", "Аудитор", "тиын"}


def test_kazakh_labels_are_not_copies_of_the_russian_ones():
    copies = {
        where: entry.kk for where, entry in _all_labels() if entry.kk == entry.ru and entry.kk not in IDENTICAL_KK_RU_ALLOWED
    }
    # Place names without a Kazakh-specific letter are written the same way in both languages.
    copies = {where: text for where, text in copies.items() if not where.startswith("centre of")}
    assert copies == {}


def test_no_kazakh_or_russian_label_contains_latin_letters_except_brand_names():
    brands = ("MedTech", "AgriTech", "GreenTech", "Astana Hub", "R&D")
    for where, entry in _all_labels():
        for language in ("kk", "ru"):
            text = entry.get(language)
            for brand in brands:
                text = text.replace(brand, "")
            assert not any("a" <= ch.lower() <= "z" for ch in text), f"{where} [{language}]: {entry.get(language)!r}"


# ---- regions -------------------------------------------------------------------------------------


def test_there_are_seventeen_regions_and_three_cities_of_republican_significance():
    units = current_units()
    assert len(units) == 20
    assert sum(1 for u in units if u.kind == "region") == 17
    assert {u.code for u in units if u.kind == "city"} == {"astana", "almaty_city", "shymkent"}


def test_regions_are_keyed_by_every_region_value_including_foreign():
    assert set(REGIONS) == set(Region.values)
    assert REGIONS["foreign"].kind == "foreign"
    assert all(code == info.code for code, info in REGIONS.items())
    assert all(type(code) is str for code in REGIONS)


KAZAKH_LETTERS_EXPECTED = {
    "akmola": "қ",
    "aktobe": "қө",
    "east_kazakhstan": "ғқ",
    "karaganda": "қғ",
    "kostanay": "қ",
    "kyzylorda": "қ",
    "mangystau": "ңғ",
    "north_kazakhstan": "үқ",
    "turkistan": "үі",
    "ulytau": "ұ",
    "west_kazakhstan": "қ",
    "zhetisu": "і",
}


@pytest.mark.parametrize("code", sorted(KAZAKH_LETTERS_EXPECTED))
def test_kazakh_region_names_are_spelt_with_kazakh_letters(code):
    name = REGIONS[code].name.kk.lower()
    for letter in KAZAKH_LETTERS_EXPECTED[code]:
        assert letter in name, f"{code}: {name!r} lacks {letter!r}"


def test_kazakh_region_names_are_the_official_forms():
    assert REGIONS["mangystau"].name.kk == "Маңғыстау облысы"
    assert REGIONS["east_kazakhstan"].name.kk == "Шығыс Қазақстан облысы"
    assert REGIONS["north_kazakhstan"].name.kk == "Солтүстік Қазақстан облысы"
    assert REGIONS["ulytau"].name.kk == "Ұлытау облысы"


def test_kazakh_names_say_oblysy_for_regions_and_qalasy_for_cities():
    for unit in current_units():
        suffix = " облысы" if unit.kind == "region" else " қаласы"
        assert unit.name.kk.endswith(suffix), unit.name.kk


def test_cities_and_the_foreign_bucket_have_no_administrative_centre_and_regions_do():
    for info in REGIONS.values():
        assert (info.centre is None) == (info.kind != "region"), info.code


def test_only_the_new_regions_and_the_2018_units_have_a_start_date():
    starts = {code: info.valid_from for code, info in REGIONS.items() if info.valid_from is not None}
    assert starts == {
        "abai": date(2022, 6, 8),
        "zhetisu": date(2022, 6, 8),
        "ulytau": date(2022, 6, 8),
        "shymkent": date(2018, 6, 19),
        "turkistan": date(2018, 6, 19),
    }


def test_every_unit_with_a_start_date_has_a_predecessor_from_that_day():
    for code, info in REGIONS.items():
        if info.valid_from is not None:
            assert PREDECESSORS[code].until == info.valid_from


@pytest.mark.parametrize(
    ("code", "day", "expected"),
    [
        ("abai", date(2020, 1, 1), "east_kazakhstan"),
        ("abai", date(2022, 6, 7), "east_kazakhstan"),
        ("abai", date(2022, 6, 8), "abai"),
        ("zhetisu", date(2021, 12, 31), "almaty_region"),
        ("zhetisu", date(2023, 1, 1), "zhetisu"),
        ("ulytau", date(2015, 3, 1), "karaganda"),
        ("ulytau", date(2024, 3, 1), "ulytau"),
        ("turkistan", date(2018, 6, 18), "south_kazakhstan"),
        ("turkistan", date(2018, 6, 19), "turkistan"),
        ("shymkent", date(2012, 1, 1), "south_kazakhstan"),
        ("shymkent", date(2019, 1, 1), "shymkent"),
        ("east_kazakhstan", date(2010, 1, 1), "east_kazakhstan"),
        ("almaty_region", date(2010, 1, 1), "almaty_region"),
        ("atyrau", date(2011, 1, 1), "atyrau"),
        ("foreign", date(2011, 1, 1), "foreign"),
    ],
)
def test_region_on_gives_the_region_in_force_on_the_day(code, day, expected):
    assert region_on(code, day) == expected


def test_region_on_accepts_a_region_member():
    assert region_on(Region.ABAI, date(2020, 1, 1)) == "east_kazakhstan"


def test_region_on_refuses_a_code_that_is_not_a_current_region():
    with pytest.raises(ValueError, match="south_kazakhstan"):
        region_on("south_kazakhstan", date(2010, 1, 1))
    with pytest.raises(ValueError, match="atlantis"):
        region_on("atlantis", date(2010, 1, 1))


def test_every_predecessor_is_a_known_current_or_historical_region():
    for predecessor in PREDECESSORS.values():
        assert predecessor.code in REGIONS or predecessor.code in historical_regions()


def test_historical_regions_are_legacy_codes_with_labels_and_an_end_date():
    legacy = historical_regions()
    assert set(legacy) == {"south_kazakhstan"}
    south = legacy["south_kazakhstan"]
    assert south.name.kk == "Оңтүстік Қазақстан облысы"
    assert south.name.ru == "Южно-Казахстанская область"
    assert south.valid_to == date(2018, 6, 19)
    assert "south_kazakhstan" not in Region.values


def test_successors_list_every_current_region_a_pre_reform_region_split_into():
    assert successors("east_kazakhstan") == {"east_kazakhstan", "abai"}
    assert successors("almaty_region") == {"almaty_region", "zhetisu"}
    assert successors("karaganda") == {"karaganda", "ulytau"}
    assert successors("south_kazakhstan") == {"turkistan", "shymkent"}
    assert successors("pavlodar") == {"pavlodar"}


def test_almaty_region_centre_was_taldykorgan_before_2022_and_is_konayev_after():
    assert centre_on("almaty_region", date(2021, 1, 1)).en == "Taldykorgan"
    assert centre_on("almaty_region", date(2022, 6, 8)).kk == "Қонаев"
    assert centre_on("south_kazakhstan", date(2015, 1, 1)).en == "Shymkent"


def test_astana_was_named_nur_sultan_between_2019_and_2022():
    assert region_name("astana", "kk", day=date(2020, 1, 1)) == "Нұр-Сұлтан қаласы"
    assert region_name("astana", "ru", day=date(2022, 9, 17)) == "Город Астана"
    assert region_name("astana", "en", day=date(2018, 1, 1)) == "Astana"
    assert region_name("south_kazakhstan", "en") == "South Kazakhstan region"


# ---- KBK, TRL, currency --------------------------------------------------------------------------


def test_kbk_401103_carries_the_official_name_in_three_languages():
    kbk = KBK["401103"]
    assert kbk.code == "401103"
    assert kbk.name.ru == (
        "Отчисления недропользователей на научно-исследовательские, научно-технические и (или) "
        "опытно-конструкторские работы на территории Республики Казахстан"
    )
    assert "жер қойнауын пайдаланушылардың аударымдары" in kbk.name.kk
    assert kbk.name.en.startswith("Subsoil users' contributions to research")
    assert kbk.category == "special revenues [unconfirmed]"


def test_trl_levels_run_from_one_to_nine_with_eu_descriptors():
    assert list(TRL_LEVELS) == list(range(1, 10))
    assert TRL_LEVELS[1].en == "Basic principles observed"
    assert TRL_LEVELS[9].en.startswith("Actual system proven in operational environment")


def test_trl_note_names_the_national_methodology_as_authoritative():
    assert "35634" in reference.TRL_NOTE
    assert "10.01.2025 No 8" in reference.TRL_NOTE
    assert "authoritative" in reference.TRL_NOTE


def test_the_tenge_has_iso_code_398_the_sign_and_a_hundred_tiyn():
    assert CURRENCY_KZT.code == "KZT"
    assert CURRENCY_KZT.numeric == 398
    assert CURRENCY_KZT.sign == "₸"
    assert CURRENCY_KZT.minor_per_major == 100
    assert CURRENCY_KZT.minor_unit.en == "tiyn"
    assert CURRENCY_KZT.exponent == MONEY_DECIMAL_PLACES == 2


# ---- layering and documentation ------------------------------------------------------------------


def test_core_reference_imports_nothing_from_the_higher_apps():
    tree = ast.parse(Path(reference.__file__).read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module)
        elif isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
    higher_apps = {"registry", "obligations", "accounts", "projects"}
    forbidden = {m for m in imported if m.startswith("niokr.") and m.split(".")[1] in higher_apps}
    assert forbidden == set()


def test_the_data_dictionary_lists_every_region_in_three_languages():
    text = (REPO / "docs" / "data-dictionary" / "reference-data.md").read_text(encoding="utf-8")
    for info in [*REGIONS.values(), *historical_regions().values()]:
        for language in LANGS:
            assert info.name.get(language) in text, f"{info.code} [{language}] missing from reference-data.md"


# ---- one place for an enumeration's words --------------------------------------------------------


@pytest.mark.parametrize("enum_class", [cls for cls in LABELLED_ENUMS if cls is not Language], ids=lambda c: c.__name__)
def test_django_choice_labels_are_the_reference_labels_in_every_language(enum_class):
    """Forms, the admin, ``get_FOO_display`` and API ``*_display`` fields say what pages say."""
    from django.utils import translation

    for language in LANGS:
        with translation.override(language):
            for value, text in enum_class.choices:
                assert str(text) == LABELS[enum_class][value].get(language), (enum_class.__name__, value, language)


def test_a_choice_label_is_english_with_translation_deactivated():
    """Management commands (makemigrations) see the English label."""
    from django.utils import translation

    with translation.override(None):
        assert str(BaseType.AGGREGATE_INCOME.label) == LABELS[BaseType]["aggregate_income"].get("en")


def test_the_language_switcher_names_each_language_in_itself():
    """``Language`` is the one enumeration whose choice labels are autonyms, the same in every language."""
    assert dict(Language.choices) == {"kk": "Қазақша", "ru": "Русский", "en": "English"}


def test_the_base_types_in_control_explanations_use_the_reference_wording():
    """The sentence forms of the explanations are the reference labels' own words, lower-cased."""
    from niokr.control.indicators.agg_common import BASE_TYPE_LABELS

    for value, forms in BASE_TYPE_LABELS.items():
        for language in LANGS:
            assert forms[language].lower() in LABELS[BaseType][value].get(language).lower(), (value, language)
