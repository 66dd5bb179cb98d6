from niokr.projects.models.council import AgendaItem, Attendance, Council, CouncilMember, CouncilSession, Recusal, Vote
from niokr.projects.models.expertise import CriteriaSheet, Criterion, ExpertAssignment, Expertise, ExpertScore, StateExpert
from niokr.projects.models.delivery import AcceptanceAct, Stage
from niokr.projects.models.programme import Programme, ProgrammeBudget, ProgrammeVersion
from niokr.projects.models.project import Agreement, Payment, Project
from niokr.projects.models.results import Result
from niokr.projects.models.selection import Application, Call, PoolReservation

__all__ = [
    "AcceptanceAct", "AgendaItem", "Agreement", "Attendance", "Council", "CouncilMember", "CouncilSession", "Payment", "Programme", "ProgrammeBudget",
    "ProgrammeVersion", "Project", "Recusal", "Result", "Stage", "Vote",
    "Application", "Call", "CriteriaSheet", "Criterion", "ExpertAssignment", "Expertise", "ExpertScore", "PoolReservation", "StateExpert",
]
