"""Closed enumerations shared by every app. Trilingual labels live in ``core.reference``."""

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["Authority", "Region", "MineralGroup", "RightType", "PriorityDirection", "TCCSector", "Language"]


class Language(models.TextChoices):
    KK = "kk", "Қазақша"
    RU = "ru", "Русский"
    EN = "en", "English"


class Region(models.TextChoices):
    """The 17 regions and 3 cities of republican significance (current since 08.06.2022)."""

    ABAI = "abai", _("Abai region")
    AKMOLA = "akmola", _("Akmola region")
    AKTOBE = "aktobe", _("Aktobe region")
    ALMATY_REGION = "almaty_region", _("Almaty region")
    ATYRAU = "atyrau", _("Atyrau region")
    EAST_KAZAKHSTAN = "east_kazakhstan", _("East Kazakhstan region")
    ZHAMBYL = "zhambyl", _("Zhambyl region")
    ZHETISU = "zhetisu", _("Zhetisu region")
    KARAGANDA = "karaganda", _("Karaganda region")
    KOSTANAY = "kostanay", _("Kostanay region")
    KYZYLORDA = "kyzylorda", _("Kyzylorda region")
    MANGYSTAU = "mangystau", _("Mangystau region")
    NORTH_KAZAKHSTAN = "north_kazakhstan", _("North Kazakhstan region")
    PAVLODAR = "pavlodar", _("Pavlodar region")
    TURKISTAN = "turkistan", _("Turkistan region")
    ULYTAU = "ulytau", _("Ulytau region")
    WEST_KAZAKHSTAN = "west_kazakhstan", _("West Kazakhstan region")
    ASTANA = "astana", _("Astana")
    ALMATY_CITY = "almaty_city", _("Almaty")
    SHYMKENT = "shymkent", _("Shymkent")
    FOREIGN = "foreign", _("Outside Kazakhstan")


class MineralGroup(models.TextChoices):
    HYDROCARBONS = "hydrocarbons", _("Hydrocarbons")
    URANIUM = "uranium", _("Uranium")
    SOLID = "solid", _("Solid minerals")
    COMMON = "common", _("Commonly occurring minerals")


class RightType(models.TextChoices):
    """Contracts (competent authority) and the six licence types of the 2017 Code."""

    HC_EXPLORATION_PRODUCTION = "hc_exploration_production", _("Hydrocarbon exploration and production contract")
    HC_PRODUCTION = "hc_production", _("Hydrocarbon production contract")
    URANIUM_PRODUCTION = "uranium_production", _("Uranium production contract")
    LEGACY_CONTRACT = "legacy_contract", _("Contract under the 2010 Law")
    LICENCE_GEOLOGICAL_EXPLORATION = "lic_geological_exploration", _("Geological exploration licence")
    LICENCE_SOLID_EXPLORATION = "lic_solid_exploration", _("Solid minerals exploration licence")
    LICENCE_SOLID_MINING = "lic_solid_mining", _("Solid minerals mining licence")
    LICENCE_COMMON_MINING = "lic_common_mining", _("Common minerals mining licence")
    LICENCE_SUBSOIL_SPACE = "lic_subsoil_space", _("Subsoil space use licence")
    LICENCE_PROSPECTING = "lic_prospecting", _("Prospecting licence")

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


class PriorityDirection(models.TextChoices):
    MEDTECH = "medtech", "MedTech"
    AGRITECH = "agritech", "AgriTech"
    GREENTECH = "greentech", "GreenTech"
    OTHER = "other", _("Other")


class TCCSector(models.TextChoices):
    """The eight sectoral technology competence centres approved in October 2022."""

    ELECTRONICS = "electronics", _("Electronics industry")
    HEALTHCARE = "healthcare", _("Healthcare 4.0")
    INDUSTRY = "industry", _("Industry 4.0")
    AGRO = "agro", _("Agro-industrial complex")
    NUCLEAR = "nuclear", _("Alternative and nuclear energy")
    OIL_GAS = "oil_gas", _("Oil and gas")
    POWER = "power", _("Electric power")
    GREEN = "green", _("Commercialisation of green technologies")


class Authority(models.TextChoices):
    """Competent authorities; each regulates subsoil users of certain mineral groups."""

    ENERGY = "energy", _("Ministry of Energy")
    INDUSTRY = "industry", _("Ministry of Industry and Construction")
    ATOMIC = "atomic", _("Agency for Atomic Energy")

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
