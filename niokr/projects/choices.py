from django.db import models
from django.utils.translation import gettext_lazy as _


class ProjectStatus(models.TextChoices):
    PROPOSAL = "proposal", _("Proposal")
    COUNCIL_REVIEW = "council_review", _("Council review")
    EXPERTISE = "expertise", _("State expertise")
    SELECTED = "selected", _("Selected")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    REJECTED = "rejected", _("Rejected")
    CANCELLED = "cancelled", _("Cancelled")


class ProgrammeKind(models.TextChoices):
    PROGRAMME = "programme", _("R&D programme")
    ASSIGNMENT = "assignment", _("Technical assignment")


class ProgrammeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted to the council")
    IN_COUNCIL = "in_council", _("On the council's agenda")
    IN_EXPERTISE = "in_expertise", _("In state expertise")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class CouncilPosition(models.TextChoices):
    CHAIR = "chair", _("Chair")
    DEPUTY = "deputy", _("Deputy chair")
    MEMBER = "member", _("Member")
    SECRETARY = "secretary", _("Secretary (does not vote)")


class SessionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    VOTING = "voting", _("Voting open")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


class MajorityBase(models.TextChoices):
    PRESENT_VOTING = "present_voting", _("Of the members present and voting")
    ALL_MEMBERS = "all_members", _("Of all members")


class VoteChoice(models.TextChoices):
    FOR = "for", _("For")
    AGAINST = "against", _("Against")
    ABSTAIN = "abstain", _("Abstain")


class VoteSource(models.TextChoices):
    ELECTRONIC = "electronic", _("Voted in NIOKR Monitor")
    IMPORTED = "imported", _("Imported from the Single Window of the NIS")


class Outcome(models.TextChoices):
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    NO_QUORUM = "no_quorum", _("No quorum")


class RecusalSource(models.TextChoices):
    AUTOMATIC = "automatic", _("Found in the affiliation graph")
    DECLARED = "declared", _("Declared by the member")


class ExpertPosition(models.TextChoices):
    EXPERT = "expert", _("State expert")
    COORDINATOR = "coordinator", _("Coordinator of the expertise (assigns experts, confirms conclusions)")


class ExpertiseStatus(models.TextChoices):
    ASSIGNED = "assigned", _("Experts being assigned")
    SCORING = "scoring", _("Scoring")
    CONCLUDED = "concluded", _("Concluded")
    CANCELLED = "cancelled", _("Cancelled")


class CallStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open for applications")
    CLOSED = "closed", _("Closed, ranked")
    DECIDED = "decided", _("Decided")


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    AWARDED = "awarded", _("Awarded")
    NOT_AWARDED = "not_awarded", _("Not awarded")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class StageStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    SUBMITTED = "submitted", _("Report submitted")
    ACCEPTED = "accepted", _("Accepted")
    RETURNED = "returned", _("Returned for revision")


class ResultKind(models.TextChoices):
    TRL = "trl", _("Technology readiness level reached")
    PATENT = "patent", _("Patent")
    PUBLICATION = "publication", _("Publication")
    IMPLEMENTATION = "implementation", _("Implementation")
    REVENUE = "revenue", _("Commercialisation revenue")
    JOBS = "jobs", _("Jobs created")


class PatentOffice(models.TextChoices):
    KAZPATENT = "kazpatent", _("Kazpatent (NIIS of the Republic of Kazakhstan)")
    EAPO = "eapo", _("Eurasian Patent Office (EAPO)")
    PCT = "pct", _("International application (PCT)")


class Indexing(models.TextChoices):
    SCOPUS = "scopus", _("Scopus")
    WOS = "wos", _("Web of Science")
    RSCI = "rsci", _("RSCI")
    OTHER = "other", _("Other")


class ResultStatus(models.TextChoices):
    CLAIMED = "claimed", _("Claimed")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")
