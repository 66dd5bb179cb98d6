"""The notifications the foresight sends (registered with :mod:`niokr.accounts.notifications`)."""

from django.utils.translation import gettext_lazy as _

from niokr.accounts.notifications import kind

kind("foresight.round_opened", _("A foresight round awaits your answers"),
     _("Round %(round)s of the foresight “%(exercise)s” is open: your answers are awaited."))
kind("foresight.reminder", _("A reminder: your foresight answers are awaited"),
     _("Round %(round)s of the foresight “%(exercise)s” closes on %(due)s. You have not submitted your answers yet: %(missing)s of %(total)s ratings are still to be given."))
kind("foresight.reminder_open", _("A reminder: your foresight answers are awaited"),
     _("Round %(round)s of the foresight “%(exercise)s” is open. You have not submitted your answers yet: %(missing)s of %(total)s ratings are still to be given."))
