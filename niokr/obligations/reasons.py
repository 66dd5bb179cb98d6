"""Human-readable explanations of the engine's reason and ineligibility codes, in kk / ru / en.

The engine emits codes with parameters (stable, machine-readable); this module renders them for a
person. It imports nothing from Django so ``niokr simulate`` can use it without a database. Amounts,
rates, counts and dates are written as every page writes them (:mod:`niokr.core.formatting`):
``₸6,000.00`` and ``6 000,00 ₸``, ``1.00 %`` and ``1,00 %``, ``31 Dec 2025`` and ``31.12.2025``.
"""

from __future__ import annotations

from niokr.core.formatting import day_text, money_text, number_text, rate_text
from niokr.core.reference import label
from niokr.obligations.catalogue import regime_name

# Parameters whose values are enumeration codes, rendered with their labels.
PARAM_ENUMS = {
    "base_type": "obligations.BaseType",
    "from_channel": "obligations.Channel",
    "to_channel": "obligations.Channel",
    "rounding": "obligations.Rounding",
    "credit_rule": "obligations.CreditRule",
    "status": "obligations.BaseStatus",
}

# Parameters that are amounts of money, dates (ISO in the stored reason) and counts.
MONEY_PARAMS = frozenset({"amount", "base", "obligation"})
DATE_PARAMS = frozenset({"on", "assignment_from", "change"})
COUNT_PARAMS = frozenset({"lines", "count"})

__all__ = ["TEMPLATES", "INELIGIBLE", "render_reason", "render_ineligible"]

TEMPLATES: dict[str, dict[str, str]] = {
    "regime": {
        "en": "Regime “{regime}”, version {version}: the assignment in force on {on} (from {assignment_from}).",
        "ru": "Режим «{regime}», версия {version}: назначение, действующее на {on} (с {assignment_from}).",
        "kk": "«{regime}» режимі, {version}-нұсқа: {on} күнгі қолданыстағы тағайындау ({assignment_from} бастап).",
    },
    "credit_in": {
        "en": "Credit of {amount} brought forward from {from_year}.",
        "ru": "Зачёт {amount} перенесён из {from_year} года.",
        "kk": "{from_year} жылдан {amount} есепке алу көшірілді.",
    },
    "credit_not_transferable": {
        "en": "Credit of {amount} from the {from_channel} channel does not pay an obligation of the {to_channel} channel.",
        "ru": "Зачёт {amount} по каналу {from_channel} не погашает обязательство по каналу {to_channel}.",
        "kk": "{from_channel} арнасы бойынша {amount} есепке алу {to_channel} арнасының міндеттемесін өтемейді.",
    },
    "ineligible_lines": {
        "en": "{lines} line(s) for {amount} do not count under this regime.",
        "ru": "{lines} строк(и) на {amount} не засчитываются по этому режиму.",
        "kk": "{amount} сомасындағы {lines} жол осы режим бойынша есепке алынбайды.",
    },
    "fulfilment_negative_clamped": {
        "en": "Exclusions exceed the counted spending by {amount}; fulfilment is taken as zero.",
        "ru": "Исключения превышают засчитанные расходы на {amount}; исполнение принято равным нулю.",
        "kk": "Алып тастаулар есепке алынған шығыстардан {amount} асады; орындау нөлге тең деп алынды.",
    },
    "not_due_before": {
        "en": "Not yet due: the duty runs from {first_due_year}.",
        "ru": "Ещё не наступило: обязанность действует с {first_due_year} года.",
        "kk": "Әлі басталмаған: міндет {first_due_year} жылдан бастап.",
    },
    "production_not_started": {
        "en": "Not due: production (or the mining licence) has not started.",
        "ru": "Не наступило: добыча (или лицензия на добычу) не начата.",
        "kk": "Басталмаған: өндіру (немесе өндіру лицензиясы) басталған жоқ.",
    },
    "spending_before_due_not_credited": {
        "en": "{amount} spent before the first due year is not credited.",
        "ru": "{amount}, израсходованные до первого года обязанности, не засчитываются.",
        "kk": "Міндеттің алғашқы жылына дейін жұмсалған {amount} есепке алынбайды.",
    },
    "base_missing": {
        "en": "Due, but the {base_type} of {base_year} has not been reported: the obligation cannot be computed.",
        "ru": "Обязанность наступила, но база ({base_type}) за {base_year} год не представлена: обязательство не рассчитать.",
        "kk": "Міндет басталды, бірақ {base_year} жылғы база ({base_type}) ұсынылмаған: міндеттемені есептеу мүмкін емес.",
    },
    "credit_held": {
        "en": "Credit of {amount} is held until the base is reported.",
        "ru": "Зачёт {amount} удерживается до представления базы.",
        "kk": "{amount} есепке алу база ұсынылғанға дейін сақталады.",
    },
    "obligation": {
        "en": "Obligation = {rate} × {base_type} of {base_year} ({base}) = {obligation}, rounding: {rounding}.",
        "ru": "Обязательство = {rate} × {base_type} за {base_year} год ({base}) = {obligation}, округление: {rounding}.",
        "kk": "Міндеттеме = {rate} × {base_year} жылғы {base_type} ({base}) = {obligation}, дөңгелектеу: {rounding}.",
    },
    "base_not_accepted": {
        "en": "The base used is a {status} figure, not yet accepted.",
        "ru": "Использована база со статусом «{status}», ещё не принятая.",
        "kk": "Пайдаланылған база «{status}» мәртебесінде, әлі қабылданбаған.",
    },
    "credit_out": {
        "en": "Excess of {amount} is credited to {to_year}.",
        "ru": "Превышение {amount} зачитывается в {to_year} году.",
        "kk": "{amount} артық сома {to_year} жылға есепке алынады.",
    },
    "excess_not_carried": {
        "en": "Excess of {amount} is not carried forward under this regime ({credit_rule}).",
        "ru": "Превышение {amount} не переносится по этому режиму ({credit_rule}).",
        "kk": "{amount} артық сома осы режим бойынша көшірілмейді ({credit_rule}).",
    },
    "arrears": {
        "en": "Arrears of {amount} remain for this year.",
        "ru": "Остаётся задолженность {amount} за этот год.",
        "kk": "Осы жыл үшін {amount} берешек қалады.",
    },
    "direct_before_change_counted": {
        "en": "{amount} of direct R&D spending ({lines} line(s)) made before the change to the budget channel on {change} counts toward this year.",
        "ru": "{amount} прямых расходов на НИОКР ({lines} строк(и)), произведённых до перехода на бюджетный канал {change}, засчитываются в этот год.",
        "kk": "{change} бюджеттік арнаға ауысқанға дейін жұмсалған {amount} тікелей ҒЗТКЖ шығыстары ({lines} жол) осы жылға есепке алынады.",
    },
    "transfers_pending": {
        "en": "{count} budget transfer(s) for {amount} await the treasury's confirmation and do not count yet.",
        "ru": "{count} перечислени(я) в бюджет на {amount} ожидают подтверждения казначейства и пока не засчитываются.",
        "kk": "{amount} сомасындағы {count} бюджетке аударым қазынашылықтың растауын күтуде және әзірге есепке алынбайды.",
    },
}

INELIGIBLE: dict[str, dict[str, str]] = {
    "channel_not_allowed": {
        "en": "The payment channel is not the regime's (direct spending under the budget rule, or the reverse).",
        "ru": "Канал платежа не соответствует режиму (прямые расходы при бюджетном режиме или наоборот).",
        "kk": "Төлем арнасы режимге сәйкес емес (бюджеттік режимде тікелей шығыстар немесе керісінше).",
    },
    "performer_unknown": {"en": "No performer is named.", "ru": "Исполнитель не указан.", "kk": "Орындаушы көрсетілмеген."},
    "performer_not_accredited": {
        "en": "The performer was not accredited on the payment date.",
        "ru": "Исполнитель не был аккредитован на дату платежа.",
        "kk": "Төлем күні орындаушы аккредиттелмеген.",
    },
    "performer_status_not_accepted_on_date": {
        "en": "The performer's status is not accepted by the regime on the payment date.",
        "ru": "Статус исполнителя не принимается режимом на дату платежа.",
        "kk": "Орындаушының мәртебесі төлем күні режиммен қабылданбайды.",
    },
    "performer_not_kazakhstani_no_permission": {
        "en": "The performer is neither a Kazakhstani supplier nor a foreign performer with permission.",
        "ru": "Исполнитель не является ни казахстанским поставщиком, ни иностранным исполнителем с разрешением.",
        "kk": "Орындаушы қазақстандық өнім беруші де, рұқсаты бар шетелдік орындаушы да емес.",
    },
    "performer_not_eligible": {
        "en": "The performer does not qualify under this regime.",
        "ru": "Исполнитель не соответствует требованиям режима.",
        "kk": "Орындаушы режим талаптарына сәйкес келмейді.",
    },
}


def _lang(language: str) -> str:
    return language if language in ("kk", "ru", "en") else "en"


def render_reason(reason: dict, language: str = "en") -> str:
    """Render ``{"code": ..., **params}`` in ``language``; an unknown code renders as itself."""
    template = TEMPLATES.get(reason.get("code", ""), {}).get(_lang(language))
    if template is None:
        return str(reason.get("code", ""))
    params = {k: _param(k, v, language) for k, v in reason.items() if k != "code"}
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template


def _param(key: str, value, language: str):
    lang = _lang(language)
    if key in MONEY_PARAMS:
        return money_text(value, lang)
    if key in DATE_PARAMS:
        return day_text(value, lang)
    if key in COUNT_PARAMS:
        return number_text(value, 0, lang)
    if key == "rate":
        return rate_text(value, lang)
    if key == "regime":
        return regime_name(value, lang) or value
    enum = PARAM_ENUMS.get(key)
    if enum is None:
        return value
    try:
        return label(value, _lang(language), enum=enum).lower() if key == "base_type" else _lower_first(label(value, _lang(language), enum=enum)) if key == "rounding" else label(value, _lang(language), enum=enum)
    except (KeyError, TypeError):
        return value


def _lower_first(text: str) -> str:
    """``"To the tiyn, half up"`` as it reads inside a sentence: ``"to the tiyn, half up"``."""
    return text[:1].lower() + text[1:]


def render_ineligible(code: str, language: str = "en") -> str:
    """Explain an ineligibility reason code in ``language``."""
    return INELIGIBLE.get(code, {}).get(_lang(language), code)
