"""The notifications the lifecycle sends (registered with :mod:`niokr.accounts.notifications`)."""

from django.utils.translation import gettext_lazy as _

from niokr.accounts.notifications import kind

kind("lifecycle.programme_submitted", _("A programme is submitted to the council"), _("Programme %(programme)s is submitted to the council and awaits a session's agenda."))
kind("lifecycle.council_approved", _("The council approved a programme"), _("The scientific-technical council approved programme %(programme)s; it goes to the state expertise."))
kind("lifecycle.council_rejected", _("The council rejected a programme"), _("The scientific-technical council rejected programme %(programme)s."))
kind("lifecycle.council_deferred", _("A programme goes to the next session"), _("The council did not decide on programme %(programme)s (no quorum or the session was cancelled); it goes to the next session."))
kind("lifecycle.expertise_positive", _("A positive state expertise"), _("The state scientific-technical expertise of programme %(programme)s is positive."))
kind("lifecycle.expertise_negative", _("A negative state expertise"), _("The state scientific-technical expertise of programme %(programme)s is negative."))
kind("lifecycle.vote_opened", _("A council vote is open"), _("The vote of council session %(session)s is open: %(items)s items on the agenda await your vote."))
kind("lifecycle.recusal", _("You are recused from a council decision"), _("You are recused from programme %(programme)s at council session %(session)s: your organisation is affiliated with a party (%(path)s)."))
kind("lifecycle.deadline_vote", _("A council vote closes within a week"), _("The vote of council session %(session)s closes on %(closes)s, and you have not voted on every item of its agenda yet."))
kind("lifecycle.deadline", _("A deadline within a week"), _("%(what)s is due on %(due)s."))
