"""Closed enumerations shared by every app. Trilingual labels live in ``core.reference``."""

from django.db import models

from niokr.core.labelled import reference_labels

__all__ = ["Authority", "Region", "MineralGroup", "RightType", "PriorityDirection", "TCCSector", "Language"]


class Language(models.TextChoices):
    KK = "kk", "Қазақша"
    RU = "ru", "Русский"
    EN = "en", "English"


@reference_labels
class Region(models.TextChoices):
    """The 17 regions and 3 cities of republican significance (current since 08.06.2022)."""

    ABAI = "abai"
    AKMOLA = "akmola"
    AKTOBE = "aktobe"
    ALMATY_REGION = "almaty_region"
    ATYRAU = "atyrau"
    EAST_KAZAKHSTAN = "east_kazakhstan"
    ZHAMBYL = "zhambyl"
    ZHETISU = "zhetisu"
    KARAGANDA = "karaganda"
    KOSTANAY = "kostanay"
    KYZYLORDA = "kyzylorda"
    MANGYSTAU = "mangystau"
    NORTH_KAZAKHSTAN = "north_kazakhstan"
    PAVLODAR = "pavlodar"
    TURKISTAN = "turkistan"
    ULYTAU = "ulytau"
    WEST_KAZAKHSTAN = "west_kazakhstan"
    ASTANA = "astana"
    ALMATY_CITY = "almaty_city"
    SHYMKENT = "shymkent"
    FOREIGN = "foreign"


@reference_labels
class MineralGroup(models.TextChoices):
    HYDROCARBONS = "hydrocarbons"
    URANIUM = "uranium"
    SOLID = "solid"
    COMMON = "common"


@reference_labels
class RightType(models.TextChoices):
    """Contracts (competent authority) and the six licence types of the 2017 Code."""

    HC_EXPLORATION_PRODUCTION = "hc_exploration_production"
    HC_PRODUCTION = "hc_production"
    URANIUM_PRODUCTION = "uranium_production"
    LEGACY_CONTRACT = "legacy_contract"
    LICENCE_GEOLOGICAL_EXPLORATION = "lic_geological_exploration"
    LICENCE_SOLID_EXPLORATION = "lic_solid_exploration"
    LICENCE_SOLID_MINING = "lic_solid_mining"
    LICENCE_COMMON_MINING = "lic_common_mining"
    LICENCE_SUBSOIL_SPACE = "lic_subsoil_space"
    LICENCE_PROSPECTING = "lic_prospecting"

    @classmethod
    def contracts(cls) -> set[str]:
        """The right types granted by contract rather than by licence."""
        return {cls.HC_EXPLORATION_PRODUCTION, cls.HC_PRODUCTION, cls.URANIUM_PRODUCTION, cls.LEGACY_CONTRACT}

    @classmethod
    def exploration_only(cls) -> set[str]:
        """Rights carrying no production, treated as exempt from the R&D duty (DOMAIN.md §1.2)."""
        return {
            cls.LICENCE_GEOLOGICAL_EXPLORATION,
            cls.LICENCE_SOLID_EXPLORATION,
            cls.LICENCE_PROSPECTING,
            cls.LICENCE_SUBSOIL_SPACE,
        }


@reference_labels
class PriorityDirection(models.TextChoices):
    MEDTECH = "medtech"
    AGRITECH = "agritech"
    GREENTECH = "greentech"
    OTHER = "other"


@reference_labels
class TCCSector(models.TextChoices):
    """The eight sectoral technology competence centres approved in October 2022."""

    ELECTRONICS = "electronics"
    HEALTHCARE = "healthcare"
    INDUSTRY = "industry"
    AGRO = "agro"
    NUCLEAR = "nuclear"
    OIL_GAS = "oil_gas"
    POWER = "power"
    GREEN = "green"


@reference_labels
class Authority(models.TextChoices):
    """Competent authorities; each regulates subsoil users of certain mineral groups."""

    ENERGY = "energy"
    INDUSTRY = "industry"
    ATOMIC = "atomic"

    @classmethod
    def for_mineral_group(cls, mineral_group: str) -> "Authority":
        """The authority competent for a mineral group (uranium moved to the Agency in 2025)."""
        return {
            MineralGroup.HYDROCARBONS: cls.ENERGY,
            MineralGroup.URANIUM: cls.ATOMIC,
            MineralGroup.SOLID: cls.INDUSTRY,
            MineralGroup.COMMON: cls.INDUSTRY,
        }[mineral_group]

    def mineral_groups(self) -> list[str]:
        """The mineral groups in this authority's competence."""
        return [g for g in MineralGroup.values if Authority.for_mineral_group(g) == self]
