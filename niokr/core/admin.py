from django.contrib import admin

from niokr.core.admin_mixins import AuditedAdmin
from niokr.core.models import CurrencyRate

# The audit trail's admin is in niokr/accounts/admin.py: it names the people who acted, which is
# the accounts app's business (core stands below it).


@admin.register(CurrencyRate)
class CurrencyRateAdmin(AuditedAdmin):
    list_display = ("currency", "on_date", "rate", "source")
    list_filter = ("currency",)
    date_hierarchy = "on_date"
