from niokr.registry.models.organisation import Affiliation, Organisation, OrganisationAttribute
from niokr.registry.models.right import RegimeAssignment, SubsoilRight

__all__ = ["Affiliation", "Organisation", "OrganisationAttribute", "RegimeAssignment", "SubsoilRight"]
