from niokr.core.models.audit import AuditChainHead, AuditEvent, LedgerSeal
from niokr.core.models.rates import CurrencyRate

__all__ = ["AuditChainHead", "AuditEvent", "CurrencyRate", "LedgerSeal"]
