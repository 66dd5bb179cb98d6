from niokr.core.models.audit import AuditChainHead, AuditEvent

__all__ = ["AuditChainHead", "AuditEvent"]
