from niokr.projects.models.council import AgendaItem, Attendance, Council, CouncilMember, CouncilSession, Recusal, Vote
from niokr.projects.models.programme import Programme, ProgrammeBudget, ProgrammeVersion
from niokr.projects.models.project import Agreement, Payment, Project

__all__ = [
    "AgendaItem", "Agreement", "Attendance", "Council", "CouncilMember", "CouncilSession", "Payment", "Programme", "ProgrammeBudget",
    "ProgrammeVersion", "Project", "Recusal", "Vote",
]
