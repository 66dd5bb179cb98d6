"""The consensus rules as the exercise stores them, the moderator types them and a reader reads them.

The rules themselves are :class:`niokr.foresight.stats.ConsensusRules` (validated there); this module
turns a form's text into them, gives each refusal in the reader's language and writes the rules as
a sentence. The 9-point scale is fixed (1–9) for the Likert scales the rules apply to.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from niokr.core.formatting import MINUS, NNBSP
from niokr.foresight.charts import short_number
from niokr.foresight.stats import ConsensusRules, RulesError

__all__ = ["FIELDS", "default_rules", "clean_rules", "rules_of", "describe", "input_text"]

#: The rules a moderator sets (``scale_min``/``scale_max``/``combine`` are fixed: 1–9, all criteria).
FIELDS = (
    "min_agreement_percent", "agreement_low", "agreement_high",
    "max_disagreement_percent", "disagreement_low", "disagreement_high",
    "max_iqr", "min_valid",
)
_INTEGERS = {"agreement_low", "agreement_high", "disagreement_low", "disagreement_high", "min_valid"}
_OPTIONAL = {"max_disagreement_percent", "max_iqr"}


def default_rules() -> dict:
    """The defaults: ≥ 70 % of the answers in 7–9 and < 15 % in 1–3, IQR ≤ 2, at least 3 answers."""
    return ConsensusRules().to_dict()


def _messages() -> dict[str, str]:
    return {
        "agreement_band_out_of_scale": _("The agreement band must lie within 1–9, its lower bound first."),
        "disagreement_band_out_of_scale": _("The disagreement band must lie within 1–9, its lower bound first."),
        "bands_overlap": _("The agreement and disagreement bands must not overlap."),
        "agreement_percent_out_of_range": _("The agreement share is above 0 and at most 100 %."),
        "disagreement_percent_out_of_range": _("The disagreement share is above 0 and at most 100 %."),
        "iqr_out_of_range": _("The largest interquartile range is from 0 to 8."),
        "min_valid_out_of_range": _("The least number of answers is from 1 to 10000."),
    }


def _number(name: str, raw):
    if raw is None or (isinstance(raw, str) and raw.strip() == ""):
        if name in _OPTIONAL:
            return None
        raise ValueError(_("Fill in every consensus rule."))
    if isinstance(raw, bool):
        raise ValueError(_("A consensus rule is a number."))
    text = str(raw).strip().replace(",", ".")
    if "\x00" in text or len(text) > 12:
        raise ValueError(_("A consensus rule is a number."))
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(_("A consensus rule is a number.")) from None
    if not value.is_finite():
        raise ValueError(_("A consensus rule is a number."))
    if name in _INTEGERS:
        if value != value.to_integral_value():
            raise ValueError(_("Band bounds and the least number of answers are whole numbers."))
        return int(value)
    if value == value.to_integral_value():
        return int(value)
    if value.as_tuple().exponent < -2:
        raise ValueError(_("Shares and the interquartile range take at most two decimals."))
    return float(value)


def clean_rules(values: Mapping) -> dict:
    """Validated rules from ``values`` (a form's text, or a stored dict) as the exercise stores them.

    Raises:
        ValueError: with the reason in the reader's language.
    """
    base = ConsensusRules().to_dict()
    data = {name: base[name] for name in ("scale_min", "scale_max", "combine")}
    for name in FIELDS:
        data[name] = _number(name, values.get(name, base[name]) if isinstance(values, Mapping) else None)
    try:
        rules = ConsensusRules(**data)
    except RulesError as exc:
        raise ValueError(_messages().get(exc.code, _("The consensus rules are not consistent."))) from None
    return rules.to_dict()


def rules_of(exercise) -> ConsensusRules:
    """The exercise's stored rules as :class:`ConsensusRules`."""
    return ConsensusRules.from_dict(exercise.consensus_rules)


def describe(stored: Mapping, lang: str) -> list[str]:
    """The rules as sentences in the active language (numbers written for ``lang``)."""
    rules = ConsensusRules.from_dict(stored)

    def n(value) -> str:
        return short_number(value, lang)

    lines = [
        _("At least %(share)s %% of the answers in %(low)s–%(high)s") % {"share": n(rules.min_agreement_percent), "low": rules.agreement_low, "high": rules.agreement_high},
    ]
    if rules.max_disagreement_percent is not None:
        lines.append(_("Fewer than %(share)s %% of the answers in %(low)s–%(high)s") % {"share": n(rules.max_disagreement_percent), "low": rules.disagreement_low, "high": rules.disagreement_high})
    if rules.max_iqr is not None:
        lines.append(_("Interquartile range at most %(iqr)s") % {"iqr": n(rules.max_iqr)})
    lines.append(_("At least %(n)s answers with a value (“don't know” is not counted)") % {"n": n(rules.min_valid)})
    return lines


def input_text(value, lang: str) -> str:
    """A stored rule as the moderator's form shows it: the language's decimal sign, no trailing zeros,
    no thousands groups (``1,5`` in kk and ru, ``1.5`` in en; ``""`` when the rule is not set).

    :func:`clean_rules` reads the text back to the same value in every language.
    """
    if value is None or value == "" or isinstance(value, bool):
        return ""
    try:
        float(value)
    except (TypeError, ValueError):
        return str(value)
    text = short_number(value, lang).replace(MINUS, "-")
    return text.replace(",", "") if lang[:2] == "en" else text.replace(NNBSP, "")
