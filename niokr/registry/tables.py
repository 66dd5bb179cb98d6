"""Tables of the registry: organisations and subsoil-use rights.

The column kinds and the plain-rows table they build on are :mod:`niokr.core.tables`.
"""

from __future__ import annotations

from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from niokr.core.tables import DayColumn, LabelColumn, LocalizedColumn, NumberColumn, PlainRowsTable, TextColumn, link
from niokr.registry.models import Organisation, SubsoilRight
from niokr.registry.regimes import regime_name

__all__ = ["OrganisationTable", "SubsoilRightTable"]


class OrganisationTable(PlainRowsTable):
    """The organisation registry: name, BIN, kind, region, registration date, rights visible."""

    name = LocalizedColumn(verbose_name=_("Name"))
    bin = TextColumn(verbose_name=_("BIN"))
    kind = LabelColumn("registry.OrganisationKind", verbose_name=_("Kind"))
    region = LabelColumn("core.Region", verbose_name=_("Region"))
    registered_on = DayColumn(verbose_name=_("Registered"))
    rights_count = NumberColumn(verbose_name=_("Rights"), order_by=("rights_count", "pk"))

    class Meta:
        model = Organisation
        fields = ("name", "bin", "kind", "region", "registered_on", "rights_count")
        attrs = {"class": "table table-sm table-hover align-middle"}
        empty_text = _("No organisations match: none is visible to you with these filters.")

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)

    def render_name(self, record, column):
        return link(self.url("registry:organisation-detail", record.pk), column.render(record))


class RegimeColumn(TextColumn):
    """A regime code shown by the regime's name with the code small beneath; exported as the name."""

    def render(self, value):
        return format_html('{}<div class="small muted code">{}</div>', regime_name(value), value)

    def export(self, record, accessor):
        return regime_name(accessor.resolve(record, quiet=True))


class SubsoilRightTable(PlainRowsTable):
    """Rights: number (to the right's page), holder with its BIN, mineral group, type, region, signing date, regime by name.

    The export writes the holder's BIN and the regime's code in columns of their own.
    """

    number = TextColumn(verbose_name=_("Number"), attrs={"td": {"class": "text-nowrap"}})
    holder = LocalizedColumn(path="holder", verbose_name=_("Holder"))
    holder_bin = TextColumn(accessor="holder__bin", verbose_name=_("Holder BIN"), order_by=("holder__bin", "pk"), visible=False)
    mineral_group = LabelColumn("core.MineralGroup", verbose_name=_("Mineral group"))
    right_type = LabelColumn("core.RightType", verbose_name=_("Right type"))
    region = LabelColumn("core.Region", verbose_name=_("Region"))
    signed_on = DayColumn(verbose_name=_("Signed or issued"))
    current_regime = RegimeColumn(verbose_name=_("Regime in force"), order_by=("current_regime", "pk"))
    regime_code = TextColumn(accessor="current_regime", verbose_name=_("Regime code"), visible=False)

    class Meta:
        model = SubsoilRight
        fields = ("number", "holder", "holder_bin", "mineral_group", "right_type", "region", "signed_on", "current_regime", "regime_code")
        export_only = ("holder_bin", "regime_code")
        attrs = {"class": "table table-sm table-hover align-middle"}
        empty_text = _("No rights match: none is visible to you with these filters.")

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)

    def render_number(self, record, value):
        return link(self.url("obligations:right-detail", record.pk), value)

    def render_holder(self, record, column):
        name = link(self.url("registry:organisation-detail", record.holder_id), column.render(record))
        return format_html('{}<div class="small muted">{} {}</div>', name, _("BIN"), record.holder.bin)
