"""Every evidence key and threshold name of the catalogue: its label in kk/ru/en and the kind of its value.

One table serves the flag page's evidence, the explanation sentences, the exports and the API's
``*_display`` fields: a key is shown by its label in the reader's language, and its value is
written by its kind (money in tiyn as tenge, a share as a percentage, a date as the language
writes it, a BIN as the organisation's name with the BIN beside it).

Kinds:

==============  ===================================================================================
``tiyn``        money in tiyn (1 ₸ = 100 tiyn), written as tenge
``percent``     a percentage given in per cent (``72.8``)
``share``       a fraction written as a percentage (``0.05`` → 5 %)
``score``       a probability or similarity between 0 and 1 (two decimals)
``number``      a decimal number (``places`` decimals)
``count``       a whole number of things
``days``        a whole number of days
``year``        a calendar year (no grouping)
``years``       a list of years
``date``        a date (``DD.MM.YYYY`` or ISO text in the evidence)
``bin``         an organisation's BIN, written as its name with the BIN beside it
``bins``        a list of BINs, likewise
``path``        a phrase naming organisations by BIN (each known BIN gets its name)
``phrase``      a phrase kept in each language under ``<key>_kk``, ``<key>_ru``, ``<key>_en``
                (a ``raw`` key may have such variants too: its codes in words)
``text``        text as recorded (a number, a purpose, a note)
``texts``       a list of texts
``bool``        yes or no
``regime``      a rule regime's code, written as the regime's title
``code``        a code of the enumeration ``enum``, written as its label
``kinds``       comma-separated codes of the enumeration ``enum``, written as their labels
``id``          a database row number: never shown to a person
``ids``         a list of row numbers: never shown
``raw``         codes a ``phrase`` key already says in words: not shown
``names``       the organisations' names the evaluation knew (``{BIN: name}``): not shown
==============  ===================================================================================

Pure: the standard library only, like the rest of the engine.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["Key", "KEYS", "LANGUAGES", "HIDDEN_KINDS", "key_of", "language_variant"]

LANGUAGES = ("kk", "ru", "en")
#: Kinds whose values are for machines (ids, codes a phrase already says, the names table).
HIDDEN_KINDS = frozenset({"id", "ids", "raw", "names"})


@dataclass(frozen=True)
class Key:
    """How one evidence key or threshold reads: its label in each language and the kind of its value."""

    kind: str
    label: Mapping[str, str]
    places: int | None = None
    enum: str | None = None
    #: The key also has ``<key>_kk``, ``<key>_ru``, ``<key>_en``: its value in words per language.
    variants: bool = False
    #: The engine wrote the value from dates it knew (``DD.MM.YYYY``): a page writes them as its language does.
    composed: bool = False

    @property
    def hidden(self) -> bool:
        return self.kind in HIDDEN_KINDS

    def text(self, lang: str) -> str:
        return self.label.get(lang) or self.label["en"]


def _k(kind: str, en: str, ru: str, kk: str, *, places: int | None = None, enum: str | None = None, variants: bool = False, composed: bool = False) -> Key:
    return Key(kind, {"kk": kk, "ru": ru, "en": en}, places, enum, variants or kind in ("phrase", "path"), composed)


KEYS: dict[str, Key] = {
    # -- rows and the names table (not shown) --------------------------------------------------------
    "payment_id": _k("id", "Payment record", "Запись платежа", "Төлем жазбасы"),
    "agreement_id": _k("id", "Agreement record", "Запись договора", "Шарт жазбасы"),
    "right_id": _k("id", "Subsoil use right record", "Запись права недропользования", "Жер қойнауын пайдалану құқығының жазбасы"),
    "performer_id": _k("id", "Performer record", "Запись исполнителя", "Орындаушы жазбасы"),
    "project_id": _k("id", "Project record", "Запись проекта", "Жоба жазбасы"),
    "payment_ids": _k("ids", "Payment records", "Записи платежей", "Төлем жазбалары"),
    "other_payment_ids": _k("ids", "Records of the other copies", "Записи других копий", "Басқа көшірмелердің жазбалары"),
    "right_ids": _k("ids", "Subsoil use right records", "Записи прав недропользования", "Жер қойнауын пайдалану құқықтарының жазбалары"),
    "names": _k("names", "Organisation names", "Наименования организаций", "Ұйымдардың атаулары"),
    # -- who -------------------------------------------------------------------------------------------
    "payer_bin": _k("bin", "Subsoil user", "Недропользователь", "Жер қойнауын пайдаланушы"),
    "performer_bin": _k("bin", "Performer", "Исполнитель", "Орындаушы"),
    "aggregator_bin": _k("bin", "Aggregator", "Агрегатор", "Агрегатор"),
    "payer_bins": _k("bins", "Subsoil users claiming it", "Недропользователи, заявившие платёж", "Төлемді мәлімдеген жер қойнауын пайдаланушылар"),
    "onward_bins": _k("bins", "Onward performers", "Исполнители дальнейших договоров", "Келесі шарттардың орындаушылары"),
    "performer_kind": _k("code", "Performer's kind", "Вид исполнителя", "Орындаушының түрі", enum="registry.OrganisationKind"),
    "path": _k("path", "How they are linked", "Цепочка связи", "Байланыс тізбегі"),
    "path_bins": _k("raw", "Organisations on the path", "Организации в цепочке", "Тізбектегі ұйымдар"),
    "path_relations": _k("raw", "Links on the path", "Связи в цепочке", "Тізбектегі байланыстар"),
    "hops": _k("count", "Links in the path", "Звеньев в цепочке связи", "Байланыс тізбегіндегі буындар саны"),
    "oked": _k("text", "Principal activity (OKED)", "Основной вид деятельности (ОКЭД)", "Негізгі қызмет түрі (ЭҚЖЖ)"),
    "division": _k("text", "OKED division", "Раздел ОКЭД", "ЭҚЖЖ бөлімі"),
    "activity": _k("phrase", "Activity section", "Секция деятельности", "Қызмет секциясы"),
    "registered_on": _k("date", "Performer registered on", "Дата регистрации исполнителя", "Орындаушының тіркелген күні"),
    # -- the payment -----------------------------------------------------------------------------------
    "document_number": _k("text", "Payment document number", "Номер платёжного документа", "Төлем құжатының нөмірі"),
    "paid_on": _k("date", "Payment date", "Дата платежа", "Төлем күні"),
    "amount_tiyn": _k("tiyn", "Amount", "Сумма", "Сомасы"),
    "purpose": _k("text", "Purpose of the payment", "Назначение платежа", "Төлемнің мақсаты"),
    "regime": _k("regime", "Regime", "Режим", "Режим"),
    "regime_code": _k("regime", "Regime", "Режим", "Режим"),
    "accepted": _k("raw", "Statuses the regime accepts", "Статусы, допускаемые режимом", "Режим мойындайтын мәртебелер", variants=True),
    "held": _k("raw", "Statuses held", "Имевшиеся статусы", "Болған мәртебелер", variants=True),
    "rule": _k("raw", "Rule requiring accreditation", "Правило, требующее аккредитации", "Аккредиттеуді талап ететін ереже"),
    "requirement": _k("phrase", "Requirement", "Требование", "Талап", composed=True),
    "copies": _k("count", "Times claimed", "Сколько раз заявлен", "Мәлімделген рет саны"),
    "other_copies": _k("texts", "Other copies (number, date, right)", "Другие копии (номер, дата, право)", "Басқа көшірмелер (нөмірі, күні, құқық)", composed=True),
    "right_numbers": _k("texts", "Subsoil use rights", "Права недропользования", "Жер қойнауын пайдалану құқықтары"),
    "scope": _k("raw", "Where the copies are", "Где найдены копии", "Көшірмелер қайда табылды", variants=True),
    "first_occurrence": _k("bool", "The first copy (the one that counts)", "Первая копия (засчитывается)", "Бірінші көшірме (есепке алынады)"),
    "non_rd_terms": _k("texts", "Words pointing away from R&D", "Слова против НИОКР", "ҒЗТКЖ емес екенін көрсететін сөздер"),
    "rd_terms": _k("texts", "Words pointing to R&D", "Слова в пользу НИОКР", "ҒЗТКЖ жағындағы сөздер"),
    "non_rd_score": _k("score", "Probability that it is not R&D", "Вероятность «не НИОКР»", "ҒЗТКЖ емес ықтималдығы"),
    "outside": _k("phrase", "When it was paid", "Когда проведён платёж", "Төлем қашан жүргізілді", composed=True),
    "days_before": _k("days", "Days before signing", "Дней до подписания", "Қол қойылғанға дейінгі күндер"),
    "days_after": _k("days", "Days after the end", "Дней после окончания", "Мерзім біткеннен кейінгі күндер"),
    # -- the agreement ---------------------------------------------------------------------------------
    "agreement_number": _k("text", "Agreement number", "Номер договора", "Шарт нөмірі"),
    "signed_on": _k("date", "Signed on", "Дата подписания", "Қол қойылған күні"),
    "period_end": _k("date", "In force until", "Действует до", "Қолданылу мерзімі"),
    "agreement_amount_tiyn": _k("tiyn", "Agreement amount", "Сумма договора", "Шарт сомасы"),
    "paid_total_tiyn": _k("tiyn", "Paid under the agreement", "Оплачено по договору", "Шарт бойынша төленгені"),
    "excess_tiyn": _k("tiyn", "Excess", "Превышение", "Асып кеткен сома"),
    "payments": _k("count", "Payments", "Платежей", "Төлемдер саны"),
    "registered_as": _k("texts", "Numbers it is registered under", "Номера, под которыми он зарегистрирован", "Тіркелген нөмірлері"),
    "subject": _k("text", "Subject of the agreement", "Предмет договора", "Шарт нысанасы"),
    "onward_numbers": _k("texts", "Onward agreements", "Дальнейшие договоры", "Келесі шарттар"),
    "onward_count": _k("count", "Onward agreements", "Дальнейших договоров", "Келесі шарттар саны"),
    "onward_tiyn": _k("tiyn", "Passed on", "Передано дальше", "Әрі қарай берілгені"),
    "onward_pct": _k("percent", "Share passed on", "Доля переданного", "Әрі қарай берілген үлес"),
    "passed_tiyn": _k("tiyn", "Back to the payer's group, up to", "Возвращается в группу плательщика, до", "Төлеуші тобына қайтатын сома, дейін"),
    "window_end": _k("date", "Window ends", "Окно заканчивается", "Кезеңнің соңы"),
    "age_days": _k("days", "Days from registration to signing", "Дней от регистрации до подписания", "Тіркелгеннен қол қойылғанға дейінгі күндер"),
    "combined_tiyn": _k("tiyn", "Agreements together", "Сумма договоров вместе", "Шарттардың жиыны"),
    "agreements_together": _k("count", "Agreements with this payer in the window", "Договоров с этим плательщиком в окне", "Осы төлеушімен кезеңдегі шарттар"),
    "project_code": _k("text", "Project", "Проект", "Жоба"),
    "project_end": _k("date", "Project ended", "Проект завершён", "Жобаның аяқталған күні"),
    "trl_start": _k("count", "TRL at the start", "УГТ в начале", "Бастапқы ТДД"),
    "trl_target": _k("count", "Target TRL", "Целевой УГТ", "Мақсатты ТДД"),
    "trl_reached": _k("count", "TRL reached", "Достигнутый УГТ", "Қол жеткізілген ТДД"),
    "acceptance_act": _k("raw", "Acceptance act recorded", "Акт приёмки зарегистрирован", "Қабылдау актісі тіркелген"),
    "acceptance": _k("phrase", "Acceptance act", "Акт приёмки", "Қабылдау актісі"),
    "direction": _k("code", "Priority direction", "Приоритетное направление", "Басым бағыт", enum="core.PriorityDirection"),
    "trl_band": _k("text", "TRL band", "Диапазон УГТ", "ТДД диапазоны"),
    "peers": _k("count", "Comparable agreements", "Сопоставимых договоров", "Салыстырмалы шарттар"),
    "peer_median_tiyn": _k("tiyn", "Median of comparable agreements", "Медиана сопоставимых договоров", "Салыстырмалы шарттардың медианасы"),
    "ratio": _k("number", "Times the median", "Во сколько раз выше медианы", "Медианадан неше есе жоғары", places=1),
    "z": _k("number", "Modified z-score", "Модифицированная z-оценка", "Түрлендірілген z-баға", places=2),
    "fence_tiyn": _k("tiyn", "Highest usual price", "Наибольшая обычная цена", "Әдеттегі ең жоғары баға"),
    # -- the lifecycle: programmes, stages and acts, council decisions, results (NK-16, NK-18, NK-23 … NK-26)
    "programme_reference": _k("text", "Programme", "Программа", "Бағдарлама"),
    "programme_status": _k("phrase", "Programme's status", "Статус программы", "Бағдарламаның мәртебесі"),
    "programme_gap": _k("raw", "What is missing", "Чего недостаёт", "Не жетіспейді", variants=True),
    "approved_on": _k("date", "Approved by the council on", "Дата одобрения советом", "Кеңес мақұлдаған күн"),
    "stages_count": _k("count", "Stages in the calendar plan", "Этапов в календарном плане", "Күнтізбелік жоспардағы кезеңдер"),
    "final_stage": _k("count", "Final stage", "Последний этап", "Соңғы кезең"),
    "results_count": _k("count", "Results claimed", "Заявлено результатов", "Мәлімделген нәтижелер"),
    "result_state": _k("raw", "Result", "Результат", "Нәтиже", variants=True),
    "peak_on": _k("date", "Date of the largest excess", "Дата наибольшего превышения", "Ең үлкен асу күні"),
    "paid_to_date_tiyn": _k("tiyn", "Paid by that date", "Выплачено к этой дате", "Сол күнге дейін төленгені"),
    "accepted_to_date_tiyn": _k("tiyn", "Accepted by acts by that date", "Принято актами к этой дате", "Сол күнге дейін актілермен қабылданғаны"),
    "current_excess_tiyn": _k("tiyn", "Paid beyond acceptance as of the evaluation", "Оплачено сверх принятого на дату оценки", "Бағалау күніне қабылданғаннан артық төленгені"),
    "acts_count": _k("count", "Acceptance acts by that date", "Актов приёмки к этой дате", "Сол күнге дейінгі қабылдау актілері"),
    "beyond": _k("phrase", "Payments beyond acceptance", "Платежи сверх принятого", "Қабылданғаннан артық төлемдер", composed=True),
    "acts_list": _k("phrase", "Acceptance acts", "Акты приёмки", "Қабылдау актілері", composed=True),
    "acceptance_tolerance": _k("share", "Tolerance ahead of acceptance", "Допуск опережения приёмки", "Қабылдаудан озудың рұқсат етілген шегі", places=1),
    "session_reference": _k("text", "Council session", "Заседание совета", "Кеңес отырысы"),
    "held_on": _k("date", "Session date", "Дата заседания", "Отырыс күні"),
    "members_count": _k("count", "Voting members", "Членов с правом голоса", "Дауыс беру құқығы бар мүшелер"),
    "recused_count": _k("count", "Recused", "Самоотводов", "Бас тартқандар"),
    "present_count": _k("count", "Present and not recused", "Присутствовало без самоотвода", "Бас тартпай қатысқандар"),
    "votes_for": _k("count", "Votes for", "Голосов «за»", "«Жақтап» дауыстар"),
    "votes_against": _k("count", "Votes against", "Голосов «против»", "«Қарсы» дауыстар"),
    "votes_abstain": _k("count", "Abstentions", "Воздержались", "Қалыс қалғандар"),
    "quorum_needed": _k("count", "Members needed for the quorum", "Нужно для кворума", "Кворумға қажет мүшелер"),
    "majority_needed": _k("count", "Votes needed for the decision", "Нужно голосов для решения", "Шешімге қажет дауыстар"),
    "conflicted_count": _k("count", "Conflicted members who voted", "Голосовало заинтересованных членов", "Дауыс берген мүдделі мүшелер"),
    "outcome_recorded": _k("raw", "Result recorded", "Записанный результат", "Тіркелген нәтиже", variants=True),
    "outcome_recounted": _k("raw", "Result of the recount", "Результат пересчёта", "Қайта санау нәтижесі", variants=True),
    "policy": _k("phrase", "Voting policy of the session", "Политика голосования заседания", "Отырыстың дауыс беру саясаты"),
    "council_finding": _k("path", "What was found", "Что обнаружено", "Не анықталды"),
    "unevidenced_count": _k("count", "Results without evidence", "Результатов без доказательств", "Дәлелсіз нәтижелер"),
    "unevidenced": _k("phrase", "Results without evidence", "Результаты без доказательств", "Дәлелсіз нәтижелер"),
    "result_references": _k("texts", "Results", "Результаты", "Нәтижелер"),
    "trl_path": _k("phrase", "Levels claimed", "Заявленные уровни", "Мәлімделген деңгейлер", composed=True),
    "trl_finding": _k("phrase", "What was found", "Что обнаружено", "Не анықталды", composed=True),
    # -- the year of a subsoil user or a right -----------------------------------------------------------
    "year": _k("year", "Year", "Год", "Жыл"),
    "first_year": _k("year", "First year of the window", "Первый год окна", "Кезеңнің бірінші жылы"),
    "right": _k("phrase", "Subsoil use right", "Право недропользования", "Жер қойнауын пайдалану құқығы"),
    "channel": _k("code", "Channel", "Канал исполнения", "Орындау арнасы", enum="obligations.Channel"),
    "obligation_tiyn": _k("tiyn", "Obligation", "Обязательство", "Міндеттеме"),
    "fulfilled_tiyn": _k("tiyn", "Fulfilled", "Исполнено", "Орындалғаны"),
    "credit_in_tiyn": _k("tiyn", "Credit brought forward", "Перенесённый зачёт", "Алдыңғы жылдардан есепке жатқызылған сома"),
    "arrears_tiyn": _k("tiyn", "Arrears", "Задолженность", "Берешек"),
    "arrears_years": _k("years", "Years in arrears", "Годы с задолженностью", "Берешегі бар жылдар"),
    "arrears_count": _k("count", "Number of years in arrears", "Число лет с задолженностью", "Берешегі бар жылдар саны"),
    "doubtful_tiyn": _k("tiyn", "Spending in doubt", "Расходы под сомнением", "Күмәнді шығыстар"),
    "duplicates_tiyn": _k("tiyn", "Payments claimed twice", "Повторно заявленные платежи", "Қайталанған төлемдер"),
    "non_rd_tiyn": _k("tiyn", "Payments not for R&D", "Платежи не на НИОКР", "ҒЗТКЖ емес төлемдер"),
    "net_fulfilled_tiyn": _k("tiyn", "Fulfilled, net of the spending in doubt", "Исполнено за вычетом сомнительных расходов", "Күмәнді шығыстарды шегергендегі орындалғаны"),
    "net_arrears_tiyn": _k("tiyn", "Arrears, net of the spending in doubt", "Задолженность за вычетом сомнительных расходов", "Күмәнді шығыстарды шегергендегі берешек"),
    "short_net_only": _k("bool", "Short only net of the spending in doubt", "Недостача только за вычетом сомнительных расходов", "Тапшылық тек күмәнді шығыстарды шегергенде"),
    "december_tiyn": _k("tiyn", "Paid in December", "Выплачено в декабре", "Желтоқсанда төленгені"),
    "total_tiyn": _k("tiyn", "R&D spending in all", "Всего расходов на НИОКР", "ҒЗТКЖ шығыстарының жиыны"),
    "december_pct": _k("percent", "December's share", "Доля декабря", "Желтоқсанның үлесі"),
    "threshold_pct": _k("percent", "Threshold", "Порог", "Шекті мән"),
    "december_lines": _k("count", "Payment lines in December", "Платёжных строк в декабре", "Желтоқсандағы төлем жолдары"),
    "lines": _k("count", "Payment lines", "Платёжных строк", "Төлем жолдары"),
    "largest_december_tiyn": _k("tiyn", "Largest December payment", "Крупнейший платёж декабря", "Желтоқсандағы ең ірі төлем"),
    "single_payment_pct": _k("percent", "Share one payment must reach", "Порог доли одного платежа", "Бір төлем үлесінің шегі"),
    "judged_on_one_payment": _k("bool", "Judged on one payment", "Оценено по одному платежу", "Бір төлем бойынша бағаланды"),
    "performer_tiyn": _k("tiyn", "Paid to the performer", "Выплачено исполнителю", "Орындаушыға төленгені"),
    "share_pct": _k("percent", "Performer's share", "Доля исполнителя", "Орындаушының үлесі"),
    "performers": _k("count", "Number of performers", "Число исполнителей", "Орындаушылар саны"),
    "round_lines": _k("count", "Round amounts", "Круглых сумм", "Дөңгелек сомалар"),
    "round_pct": _k("percent", "Share of round amounts", "Доля круглых сумм", "Дөңгелек сомалардың үлесі"),
    "round_threshold_pct": _k("percent", "Threshold for round amounts", "Порог доли круглых сумм", "Дөңгелек сомалар үлесінің шегі"),
    "round_tiyn": _k("tiyn", "Round amounts in all", "Сумма круглых платежей", "Дөңгелек төлемдердің сомасы"),
    "mad_pp": _k("number", "Deviation from Benford's law, percentage points", "Отклонение от закона Бенфорда, п. п.", "Бенфорд заңынан ауытқу, пайыздық тармақ", places=2),
    "mad_limit_pp": _k("number", "Deviation limit, percentage points", "Предел отклонения, п. п.", "Ауытқу шегі, пайыздық тармақ", places=2),
    "chi2": _k("number", "χ² statistic", "Статистика χ²", "χ² статистикасы", places=1),
    "chi2_limit": _k("number", "χ² limit", "Предел χ²", "χ² шегі", places=2),
    "unmatched_count": _k("count", "Unconfirmed transfers", "Неподтверждённых перечислений", "Расталмаған аударымдар"),
    "unmatched_tiyn": _k("tiyn", "Unconfirmed amount", "Неподтверждённая сумма", "Расталмаған сома"),
    "received_tiyn": _k("tiyn", "Received by the treasury", "Получено казначейством", "Қазынашылық алған сома"),
    "orders": _k("texts", "Payment orders", "Платёжные поручения", "Төлем тапсырмалары", composed=True),
    "as_of": _k("date", "Evaluated as of", "Дата оценки", "Бағалау күні"),
    "transferred_tiyn": _k("tiyn", "Transferred", "Перечислено", "Аударылғаны"),
    "late_tiyn": _k("tiyn", "Transferred after the deadline", "Перечислено после срока", "Мерзімнен кейін аударылғаны"),
    "outstanding_tiyn": _k("tiyn", "Not transferred", "Не перечислено", "Аударылмағаны"),
    "deadline": _k("date", "Deadline", "Срок", "Мерзімі"),
    "last_paid_on": _k("date", "Last transfer", "Последнее перечисление", "Соңғы аударым"),
    "base": _k("phrase", "Base", "База", "База"),
    "base_type": _k("raw", "Base type", "Вид базы", "База түрі"),
    "base_year": _k("year", "Base year", "Базовый год", "Базалық жыл"),
    "prev_year": _k("year", "The year before", "Предыдущий год", "Алдыңғы жыл"),
    "base_tiyn": _k("tiyn", "Base in use", "Применяемая база", "Қолданылатын база"),
    "prev_base_tiyn": _k("tiyn", "Base of the year before", "База предыдущего года", "Алдыңғы жылғы база"),
    "drop_pct": _k("percent", "Fall", "Падение", "Төмендеу"),
    "fell": _k("bool", "Fell with no note", "Снизилась без пояснения", "Түсініктемесіз төмендеді"),
    "revised_down": _k("bool", "Cut by a later revision", "Снижена поздней редакцией", "Кейінгі түзетумен азайтылды"),
    "revision": _k("count", "Revision", "Редакция", "Түзету"),
    "revised_on": _k("date", "Revision recorded on", "Редакция внесена", "Түзету енгізілген күн"),
    "revised_from_tiyn": _k("tiyn", "Base before the revision", "База до редакции", "Түзетуге дейінгі база"),
    "revised_from_revision": _k("count", "Earlier revision", "Прежняя редакция", "Бұрынғы түзету"),
    "revised_from_on": _k("date", "Earlier revision recorded on", "Дата прежней редакции", "Бұрынғы түзету күні"),
    "revision_drop_pct": _k("percent", "Cut by the revision", "Снижение редакцией", "Түзету бойынша азаю"),
    "revision_threshold_pct": _k("percent", "Threshold for a revision", "Порог для редакции", "Түзету үшін шекті мән"),
    "note": _k("text", "Note given with the figure", "Пояснение к показателю", "Көрсеткішке түсініктеме"),
    "finding": _k("phrase", "Finding", "Вывод", "Анықталғаны", composed=True),
    "reduction_tiyn": _k("tiyn", "Obligation reduced by about", "Обязательство уменьшено примерно на", "Міндеттеме шамамен азайған сома"),
    "last_obligation_tiyn": _k("tiyn", "Obligation of the year before", "Обязательство предыдущего года", "Алдыңғы жылғы міндеттеме"),
    # -- thresholds (some are evidence keys too) -------------------------------------------------------
    "max_hops": _k("count", "Longest chain of founder or director links", "Наибольшая цепочка связей через учредителей и руководителей", "Құрылтайшылар мен басшылар арқылы байланыстардың ең ұзын тізбегі"),
    "min_owner_share": _k("percent", "Least stake that makes a group", "Наименьшая доля участия, образующая группу", "Топ құратын ең аз қатысу үлесі"),
    "deduction_from": _k("date", "Tax deduction rule applies from", "Правило налогового вычета действует с", "Салық шегерімі ережесі қолданылатын күн"),
    "deduction_kinds": _k("kinds", "Performer kinds under the deduction rule", "Виды исполнителей, к которым применяется правило вычета", "Шегерім ережесі қолданылатын орындаушы түрлері", enum="registry.OrganisationKind"),
    "grace_days": _k("days", "Grace, days", "Допуск, дней", "Рұқсат етілген ауытқу, күн"),
    "tolerance": _k("share", "Tolerance above the agreement amount", "Допуск сверх суммы договора", "Шарт сомасынан рұқсат етілген асу", places=1),
    "tolerance_pct": _k("percent", "Tolerance", "Допуск", "Рұқсат етілген ауытқу"),
    "date_window_days": _k("days", "Window for a retyped payment, days", "Окно для повторно введённого платежа, дней", "Қайта енгізілген төлем үшін кезең, күн"),
    "same_number_window_days": _k("days", "Window for the same number, days", "Окно для того же номера, дней", "Бір нөмір үшін кезең, күн"),
    "amount_tolerance_tiyn": _k("tiyn", "Amount tolerance", "Допуск по сумме", "Сома бойынша рұқсат етілген ауытқу"),
    "amount_tolerance_share": _k("share", "Amount tolerance, share of the larger amount", "Допуск по сумме, доля большей суммы", "Сома бойынша ауытқу, үлкен сомадағы үлес", places=2),
    "purpose_similarity": _k("score", "Least similarity of purposes", "Наименьшее сходство назначений", "Мақсаттардың ең аз ұқсастығы"),
    "min_score": _k("score", "Threshold probability", "Пороговая вероятность", "Шекті ықтималдық"),
    "december_share": _k("share", "Threshold for December's share", "Порог доли декабря", "Желтоқсан үлесінің шегі"),
    "min_lines": _k("count", "Least number of payment lines", "Наименьшее число платёжных строк", "Төлем жолдарының ең аз саны"),
    "single_payment_share": _k("share", "Share of one December payment", "Доля одного декабрьского платежа", "Желтоқсандағы бір төлемнің үлесі"),
    "single_payment_min_total_tiyn": _k("tiyn", "Least yearly spending judged on one payment", "Наименьшие годовые расходы для оценки по одному платежу", "Бір төлем бойынша бағаланатын жылдық шығыстың ең аз сомасы"),
    "min_total_tiyn": _k("tiyn", "Least spending judged", "Наименьшие оцениваемые расходы", "Бағаланатын шығыстың ең аз сомасы"),
    "window_years": _k("count", "Window, years", "Окно, лет", "Кезең, жыл"),
    "performer_share": _k("share", "Threshold for one performer's share", "Порог доли одного исполнителя", "Бір орындаушы үлесінің шегі"),
    "max_age_days": _k("days", "Age limit of the performer, days", "Предел возраста исполнителя, дней", "Орындаушы жасының шегі, күн"),
    "min_amount_tiyn": _k("tiyn", "Least amount judged", "Наименьшая оцениваемая сумма", "Бағаланатын ең аз сома"),
    "window_days": _k("days", "Window, days", "Окно, дней", "Кезең, күн"),
    "round_unit_tiyn": _k("tiyn", "Round unit", "Единица округления", "Дөңгелектеу бірлігі"),
    "round_share": _k("share", "Threshold for round amounts", "Порог доли круглых сумм", "Дөңгелек сомалар үлесінің шегі"),
    "benford_min_lines": _k("count", "Least lines for the first-digit test", "Наименьшее число строк для теста первых цифр", "Бірінші цифрлар тестіне қажет ең аз жол саны"),
    "benford_min_decades": _k("number", "Least spread of amounts, orders of magnitude", "Наименьший разброс сумм, порядков", "Сомалардың ең аз шашырауы, ондық реттер", places=1),
    "mad_limit": _k("share", "Limit of the mean absolute deviation", "Предел среднего абсолютного отклонения", "Орташа абсолюттік ауытқу шегі", places=1),
    "direct_grace_days": _k("days", "Grace for direct spending, days after 31 December", "Отсрочка для прямых расходов, дней после 31 декабря", "Тікелей шығыстарға кейінге қалдыру, 31 желтоқсаннан кейінгі күндер"),
    "budget_deadline_days": _k("days", "Budget deadline, days after 31 December", "Срок перечисления в бюджет, дней после 31 декабря", "Бюджетке аудару мерзімі, 31 желтоқсаннан кейінгі күндер"),
    "net_of_doubt": _k("bool", "Judge also net of the spending in doubt", "Оценивать и за вычетом сомнительных расходов", "Күмәнді шығыстарды шегеріп те бағалау"),
    "confirmation_days": _k("days", "Days the treasury has to confirm", "Срок подтверждения казначейством, дней", "Қазынашылықтың растау мерзімі, күн"),
    "date_tolerance_days": _k("days", "Date tolerance, days", "Допуск по дате, дней", "Күн бойынша рұқсат етілген ауытқу, күн"),
    "deadline_days": _k("days", "Deadline, days after 31 December", "Срок, дней после 31 декабря", "Мерзім, 31 желтоқсаннан кейінгі күндер"),
    "warn_days": _k("days", "Warning, days before the deadline", "Предупреждение, дней до срока", "Ескерту, мерзімге дейінгі күндер"),
    "min_short_share": _k("share", "Shortfall tolerated", "Допустимая недостача", "Рұқсат етілген тапшылық", places=1),
    "drop_share": _k("share", "Threshold for a fall", "Порог падения", "Төмендеу шегі"),
    "revision_drop_share": _k("share", "Threshold for a cut by a revision", "Порог снижения редакцией", "Түзету бойынша азаю шегі"),
    "revision_after_days": _k("days", "A revision is late from, days after 31 December", "Редакция считается поздней через, дней после 31 декабря", "Түзету кеш саналатын, 31 желтоқсаннан кейінгі күндер"),
    "rate": _k("share", "Obligation rate", "Ставка обязательства", "Міндеттеме мөлшерлемесі", places=2),
    "min_onward_share": _k("share", "Least share to pass on", "Наименьшая доля передачи", "Әрі қарай берілуі тиіс ең аз үлес"),
    "z_limit": _k("number", "Limit of the z-score", "Предел z-оценки", "z-баға шегі", places=1),
    "min_peers": _k("count", "Least comparable agreements", "Наименьшее число сопоставимых договоров", "Салыстырмалы шарттардың ең аз саны"),
    "report_days": _k("days", "Reporting deadline, days after 31 December", "Срок представления, дней после 31 декабря", "Ұсыну мерзімі, 31 желтоқсаннан кейінгі күндер"),
    "programme_required_from": _k("date", "Approved programme required for agreements signed from", "Одобренная программа обязательна для договоров с", "Мақұлданған бағдарлама міндетті шарттар басталатын күн"),
    "approval_grace_days": _k("days", "Days the approval may follow the signing", "Дней, на которые одобрение может отстать от подписания", "Мақұлдау қол қоюдан кешігуі мүмкін күндер"),
    "conflict_hops": _k("count", "Links within which a member is conflicted", "Число связей, в пределах которого член совета заинтересован", "Мүше мүдделі саналатын байланыстар саны"),
    "min_note_chars": _k("count", "Least letters and digits of a note that is evidence", "Наименьшее число букв и цифр пояснения-доказательства", "Дәлел болатын түсініктемедегі әріп пен цифрдың ең аз саны"),
    "max_trl_jump": _k("count", "Most TRL levels within one stage", "Наибольший рост УГТ за один этап", "Бір кезеңдегі ТДД-ның ең үлкен өсімі"),
    "non_research_divisions": _k("text", "OKED divisions that are not research", "Разделы ОКЭД, не относящиеся к науке", "Ғылымға жатпайтын ЭҚЖЖ бөлімдері"),
}


def language_variant(name: str) -> tuple[str, str] | None:
    """``("accepted", "ru")`` for ``accepted_ru`` when ``accepted`` reads in words; ``None`` otherwise."""
    stem, _sep, lang = name.rpartition("_")
    if lang in LANGUAGES and stem in KEYS and KEYS[stem].variants:
        return stem, lang
    return None


def key_of(name: str) -> Key | None:
    """The key ``name`` (a language variant ``<stem>_<lang>`` reads as its stem); ``None`` when unknown."""
    if name in KEYS:
        return KEYS[name]
    variant = language_variant(name)
    if variant is None:
        return None
    stem = KEYS[variant[0]]
    return Key("path" if stem.kind == "path" else "phrase", stem.label, composed=stem.composed)
