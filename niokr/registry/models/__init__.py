from niokr.registry.models.organisation import Affiliation, Organisation, OrganisationAttribute
from niokr.registry.models.owners import BeneficialOwner
from niokr.registry.models.right import RegimeAssignment, SubsoilRight

__all__ = ["Affiliation", "BeneficialOwner", "Organisation", "OrganisationAttribute", "RegimeAssignment", "SubsoilRight"]
