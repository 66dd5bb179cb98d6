from niokr.obligations.models.base import BaseFigure
from niokr.obligations.models.ledger import BudgetTransfer, LedgerEntry, RightYearBalance
from niokr.obligations.models.regime import RuleRegime

__all__ = ["BaseFigure", "BudgetTransfer", "LedgerEntry", "RightYearBalance", "RuleRegime"]
