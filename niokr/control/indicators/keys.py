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
    # -- crediting: NK-39 credited to a closed year, NK-40 year-end dump across the New Year -------------
    "closed_on": _k("date", "The year closed on", "Год закрыт", "Жыл жабылған күн"),
    "days_after_close": _k("days", "Days paid after the year closed", "Дней от закрытия года до платежа", "Жыл жабылғаннан төлемге дейінгі күндер"),
    "late_credit_tiyn": _k("tiyn", "Credited to the year after it closed", "Зачтено в год после его закрытия", "Жыл жабылғаннан кейін оған есепке жатқызылғаны"),
    "late_credit_count": _k("count", "Payments credited after the year closed", "Платежей, зачтённых после закрытия года", "Жыл жабылғаннан кейін есепке жатқызылған төлемдер"),
    "shortfall_tiyn": _k("tiyn", "Short of the obligation without them", "Недостача без этих платежей", "Оларсыз міндеттеме бойынша тапшылық"),
    "covered_tiyn": _k("tiyn", "Shortfall this payment covers", "Покрыто этим платежом", "Осы төлем жапқан тапшылық"),
    "next_year": _k("year", "The next year", "Следующий год", "Келесі жыл"),
    "window_from": _k("date", "Window opens", "Начало окна", "Кезеңнің басы"),
    "window_to": _k("date", "Window closes", "Конец окна", "Кезеңнің соңы"),
    "january_tiyn": _k("tiyn", "Paid in early January", "Выплачено в начале января", "Қаңтардың басында төленгені"),
    "spread_tiyn": _k("tiyn", "Paid around the New Year to the same performers", "Выплачено тем же исполнителям вокруг Нового года", "Жаңа жыл айналасында сол орындаушыларға төленгені"),
    "spread_pct": _k("percent", "Share of the year paid around the New Year", "Доля года, выплаченная вокруг Нового года", "Жаңа жыл айналасында төленген жыл үлесі"),
    "january_pct": _k("percent", "Early January's share", "Доля начала января", "Қаңтар басының үлесі"),
    "performer_bins": _k("bins", "Performers paid on both sides", "Исполнители, получившие платежи по обе стороны", "Екі жағында да төлем алған орындаушылар"),
    "planned_tiyn": _k("tiyn", "Left out as planned stages or accepted acts", "Не учтено как запланированные этапы или принятые акты", "Жоспарланған кезеңдер немесе қабылданған актілер ретінде есепке алынбағаны"),
    # -- thresholds --
    "min_shortfall_share": _k("share", "Least shortfall that counts", "Наименьшая учитываемая недостача", "Есепке алынатын ең аз тапшылық", places=1),
    "december_days": _k("days", "Last days of December in the window", "Последних дней декабря в окне", "Кезеңдегі желтоқсанның соңғы күндері"),
    "january_days": _k("days", "First days of January in the window", "Первых дней января в окне", "Кезеңдегі қаңтардың алғашқы күндері"),
    "boundary_share": _k("share", "Threshold for the share around the New Year", "Порог доли вокруг Нового года", "Жаңа жыл айналасындағы үлестің шегі"),
    "min_side_share": _k("share", "Least share of each side", "Наименьшая доля каждой стороны", "Әр жақтың ең аз үлесі"),
    "plan_lead_days": _k("days", "Days the plan must precede the window", "За сколько дней до окна подписан план", "Жоспар кезеңнен неше күн бұрын қол қойылуы тиіс"),
    "material_total_tiyn": _k("tiyn", "Spending judged however few the lines", "Расходы, оцениваемые при любом числе строк", "Жолдар санына қарамай бағаланатын шығыстар"),
    # -- reporting: NK-41 quarterly vs annual, NK-42 corrections, NK-43 other document fields -------------
    "annual_reference": _k("text", "Annual report", "Годовой отчёт", "Жылдық есеп"),
    "quarter_references": _k("texts", "Quarterly reports", "Квартальные отчёты", "Тоқсандық есептер"),
    "quarters_filed": _k("count", "Quarters reported quarterly", "Кварталов с квартальным отчётом", "Тоқсандық есебі бар тоқсандар"),
    "quarterly_tiyn": _k("tiyn", "In the quarterly reports", "В квартальных отчётах", "Тоқсандық есептерде"),
    "annual_tiyn": _k("tiyn", "In the annual report for the same quarters", "В годовом отчёте за те же кварталы", "Жылдық есепте сол тоқсандар үшін"),
    "quarterly_lines": _k("count", "Lines in the quarterly reports", "Строк в квартальных отчётах", "Тоқсандық есептердегі жолдар"),
    "annual_lines": _k("count", "Lines in the annual report for the same quarters", "Строк в годовом отчёте за те же кварталы", "Жылдық есептегі сол тоқсандардың жолдары"),
    "added_tiyn": _k("tiyn", "Only in the annual report", "Только в годовом отчёте", "Тек жылдық есепте"),
    "removed_tiyn": _k("tiyn", "Only in the quarterly reports", "Только в квартальных отчётах", "Тек тоқсандық есептерде"),
    "quarter_gaps": _k("phrase", "Quarters that do not add up", "Несходящиеся кварталы", "Сәйкес келмейтін тоқсандар"),
    "correction_references": _k("texts", "Corrections", "Исправления", "Түзетулер"),
    "corrected_references": _k("texts", "Reports corrected", "Исправленные отчёты", "Түзетілген есептер"),
    "corrections": _k("count", "Corrections without a reason", "Исправлений без причины", "Себебі көрсетілмеген түзетулер"),
    "correction_findings": _k("phrase", "What the corrections changed", "Что изменили исправления", "Түзетулер нені өзгертті"),
    "before_tiyn": _k("tiyn", "In the reports corrected", "В исправленных отчётах", "Түзетілген есептерде"),
    "after_tiyn": _k("tiyn", "In the corrections", "В исправлениях", "Түзетулерде"),
    "changed_tiyn": _k("tiyn", "Changed after the year closed", "Изменено после закрытия года", "Жыл жабылғаннан кейін өзгергені"),
    "reason_recorded": _k("bool", "Reason recorded", "Причина указана", "Себебі көрсетілген"),
    "other_document_number": _k("text", "The other record's document number", "Номер документа другой записи", "Басқа жазбаның құжат нөмірі"),
    "other_paid_on": _k("date", "The other record's date", "Дата другой записи", "Басқа жазбаның күні"),
    "other_amount_tiyn": _k("tiyn", "The other record's amount", "Сумма другой записи", "Басқа жазбаның сомасы"),
    "other_purpose": _k("text", "The other record's purpose", "Назначение другой записи", "Басқа жазбаның мақсаты"),
    "days_apart": _k("days", "Days between the two records", "Дней между записями", "Жазбалар арасындағы күндер"),
    "number_form": _k("phrase", "Form of the number", "Вид номера", "Нөмірдің түрі"),
    "other_number_form": _k("phrase", "Form of the other record's number", "Вид номера другой записи", "Басқа жазба нөмірінің түрі"),
    # -- thresholds --
    "after_close_only": _k("bool", "Only changes made after the year closed", "Только изменения после закрытия года", "Тек жыл жабылғаннан кейінгі өзгерістер"),
    "value_date_window_days": _k("days", "Days from the order date to the value date", "Дней от даты поручения до даты валютирования", "Тапсырма күнінен валюталау күніне дейінгі күндер"),
    "reference_min_digits": _k("count", "Least digits of a bank reference", "Наименьшее число цифр референса банка", "Банк референсіндегі цифрлардың ең аз саны"),
    # -- who the performer really is (NK-44 … NK-47) -----------------------------------------------------
    "identifier_form": _k("raw", "What the performer's number is", "Что за номер у исполнителя", "Орындаушы нөмірінің түрі", variants=True),
    "accredited_on_date": _k("bool", "Science accreditation held on the date", "Научная аккредитация на дату", "Сол күнгі ғылыми аккредиттеу"),
    "foreign_share_pct": _k("percent", "Owned by foreign owners", "Принадлежит иностранным владельцам", "Шетелдік иелерге тиесілі үлес"),
    "foreign_owners": _k("path", "Foreign owners", "Иностранные владельцы", "Шетелдік иелер"),
    "chain": _k("path", "Chain of owners", "Цепочка владения", "Иелік тізбегі"),
    "age_basis": _k("raw", "Age counted from", "Отсчёт возраста", "Жасты есептеу негізі", variants=True),
    "record_cutoff": _k("date", "No earlier work before", "Нет прежних работ до", "Осы күнге дейін бұрынғы жұмыс жоқ"),
    "incoming_tiyn": _k("tiyn", "Received in the window", "Получено в окне", "Кезеңде алынғаны"),
    "retained_tiyn": _k("tiyn", "Kept by the performer", "Осталось у исполнителя", "Орындаушыда қалғаны"),
    # -- thresholds (NK-45 … NK-47) ----------------------------------------------------------------------
    "min_foreign_share": _k("percent", "Foreign share that flags", "Порог иностранной доли", "Шетелдік үлестің шегі"),
    "max_levels": _k("count", "Links of the ownership chain looked through", "Просматриваемых звеньев цепочки владения", "Қаралатын иелік тізбегінің буындары"),
    "min_record_days": _k("days", "Earlier work counts if begun, days before", "Прежняя работа засчитывается, если начата за, дней", "Бұрынғы жұмыс есептеледі, егер осынша күн бұрын басталса"),
    "min_pass_share": _k("share", "Share passed on that makes a pass-through", "Доля передачи, делающая посредником", "Делдал ететін әрі қарай берілген үлес"),
    "research_divisions": _k("text", "OKED divisions that count as research", "Разделы ОКЭД, считающиеся научными", "Ғылыми саналатын ЭҚЖЖ бөлімдері"),
    # -- circular money (NK-48, NK-49) ------------------------------------------------------------------
    "agreement_ids": _k("ids", "Agreement records", "Записи договоров", "Шарт жазбалары"),
    "counter_agreement_ids": _k("ids", "Records of the counter-agreements", "Записи встречных договоров", "Қарсы шарттардың жазбалары"),
    "counter_payer_bin": _k("bin", "The other group's subsoil user", "Недропользователь другой группы", "Екінші топтың жер қойнауын пайдаланушысы"),
    "counter_numbers": _k("texts", "Counter-agreements", "Встречные договоры", "Қарсы шарттар"),
    "counter_performer_bins": _k("bins", "Performers paid by the other group", "Исполнители, которым платит другая группа", "Екінші топ ақы төлейтін орындаушылар"),
    "forward_numbers": _k("texts", "Agreements answered", "Договоры, на которые дан встречный ответ", "Қарсы жауап берілген шарттар"),
    "forward_tiyn": _k("tiyn", "Paid to the other group", "Уплачено другой группе", "Екінші топқа төленгені"),
    "counter_tiyn": _k("tiyn", "Paid back by the other group", "Уплачено другой группой в ответ", "Екінші топ қарсы төлегені"),
    "gap_pct": _k("percent", "Difference between the two flows", "Расхождение двух потоков", "Екі ағынның айырмасы"),
    "return_bin": _k("bin", "Where the money comes back", "Куда возвращаются деньги", "Ақша қайтатын ұйым"),
    "links": _k("count", "Onward agreements in the chain", "Последующих договоров в цепочке", "Тізбектегі келесі шарттар саны"),
    "chains": _k("count", "Chains found", "Найдено цепочек", "Табылған тізбектер"),
    # thresholds (amount_gap, max_links and min_returned_share are evidence keys too)
    "amount_gap": _k("share", "Largest difference of the two flows", "Наибольшее расхождение двух потоков", "Екі ағынның ең үлкен айырмасы"),
    "max_links": _k("count", "Most onward agreements followed", "Наибольшее число прослеживаемых последующих договоров", "Қадағаланатын келесі шарттардың ең көп саны"),
    "min_returned_share": _k("share", "Least share coming back", "Наименьшая возвращающаяся доля", "Қайтатын ең аз үлес"),
    # -- splitting: NK-27, NK-28, NK-29 ----------------------------------------------------------------------
    "approval_threshold_tiyn": _k("tiyn", "Threshold of approval or tender", "Порог одобрения или конкурса", "Мақұлдау немесе конкурс шегі"),
    "near_share": _k("share", "Just under the threshold from", "«Чуть ниже порога» — от доли порога", "«Шектен сәл төмен» — шек үлесінен бастап"),
    "subject_similarity": _k("score", "Least similarity of subjects of one job", "Наименьшее сходство предметов одной работы", "Бір жұмыс нысаналарының ең аз ұқсастығы"),
    "pieces": _k("count", "Pieces of the job", "Частей работы", "Жұмыс бөліктері"),
    "first_signed": _k("date", "First piece signed on", "Первая часть подписана", "Бірінші бөлікке қол қойылған күн"),
    "last_signed": _k("date", "Last piece signed on", "Последняя часть подписана", "Соңғы бөлікке қол қойылған күн"),
    "similarity": _k("score", "Similarity of the subjects", "Сходство предметов", "Нысаналардың ұқсастығы"),
    "linked_by": _k("phrase", "Why they are one job", "Почему это одна работа", "Неліктен бұл бір жұмыс"),
    "piece_list": _k("phrase", "The pieces", "Части", "Бөліктер", composed=True),
    "piece_numbers": _k("texts", "Agreements of the job", "Договоры работы", "Жұмыстың шарттары"),
    "group_bins": _k("bins", "Performers of the group", "Исполнители группы", "Топтың орындаушылары"),
    "payment_limit_tiyn": _k("tiyn", "Payment sign-off limit", "Лимит подписания платежа", "Төлемге қол қою лимиті"),
    "near_pct": _k("percent", "Just under the limit from", "«Чуть ниже лимита» — от", "«Лимиттен сәл төмен» — бастап"),
    "parts": _k("count", "Payments in the series", "Платежей в серии", "Сериядағы төлемдер"),
    "series_tiyn": _k("tiyn", "Payments of the series together", "Платежи серии вместе", "Сериядағы төлемдердің жиыны"),
    "first_part_on": _k("date", "First payment of the series", "Первый платёж серии", "Сериядағы бірінші төлем"),
    "last_part_on": _k("date", "Last payment of the series", "Последний платёж серии", "Сериядағы соңғы төлем"),
    "part_list": _k("phrase", "The payments of the series", "Платежи серии", "Сериядағы төлемдер", composed=True),
    "part_numbers": _k("texts", "Payment documents of the series", "Платёжные документы серии", "Сериядағы төлем құжаттары"),
    # -- calendar and amounts: NK-30, NK-31, NK-32 -------------------------------------------------------------
    "day_off": _k("phrase", "Why it was not a working day", "Почему день нерабочий", "Неліктен жұмыс күні емес", composed=True),
    "weekend_days": _k("text", "Days of the weekend (1 = Monday … 7 = Sunday)", "Выходные дни недели (1 — понедельник … 7 — воскресенье)", "Апталық демалыс күндері (1 — дүйсенбі … 7 — жексенбі)"),
    "cluster_scope": _k("phrase", "Where the cluster is", "Где найдено скопление", "Шоғыр қай жерде"),
    "repeated_tiyn": _k("tiyn", "Round amount repeated", "Повторяющаяся круглая сумма", "Қайталанатын дөңгелек сома"),
    "repeats": _k("count", "Times it comes back", "Сколько раз повторяется", "Қайталану саны"),
    "explained_lines": _k("count", "Payments at a stage or act of the plan (not counted)", "Платежей по этапу или акту плана (не учтены)", "Жоспардың кезеңі не актісі бойынша төлемдер (есепке алынбаған)"),
    "round_list": _k("phrase", "The round payments", "Круглые платежи", "Дөңгелек төлемдер", composed=True),
    "round_numbers": _k("texts", "Payment documents of the round payments", "Платёжные документы круглых платежей", "Дөңгелек төлемдердің төлем құжаттары"),
    "min_round_payments": _k("count", "Least round payments of a cluster", "Наименьшее число круглых платежей скопления", "Шоғырдағы дөңгелек төлемдердің ең аз саны"),
    "min_repeats": _k("count", "Least repeats of one round amount", "Наименьшее число повторов одной круглой суммы", "Бір дөңгелек соманың ең аз қайталануы"),
    "peer_similarity": _k("score", "Least subject similarity of a comparable agreement", "Наименьшее сходство предмета сопоставимого договора", "Салыстырмалы шарт нысанасының ең аз ұқсастығы"),
    "peer_agreement_ids": _k("ids", "Records of the comparable agreements", "Записи сопоставимых договоров", "Салыстырмалы шарттардың жазбалары"),
    "peer_list": _k("phrase", "The closest comparable agreements", "Ближайшие сопоставимые договоры", "Ең жақын салыстырмалы шарттар", composed=True),
    "peer_numbers": _k("texts", "Closest comparable agreements", "Ближайшие сопоставимые договоры", "Ең жақын салыстырмалы шарттар"),
    "top_k": _k("count", "Most similar agreements compared", "Сравнивается наиболее сходных договоров", "Салыстырылатын ең ұқсас шарттар саны"),
    "min_ratio": _k("number", "Least times the median of comparable agreements", "Наименьшее превышение медианы сопоставимых, раз", "Салыстырмалы шарттар медианасынан ең аз асу, есе", places=1),
    "peer_window_years": _k("count", "Comparable agreements signed within, years", "Сопоставимые договоры подписаны в пределах, лет", "Салыстырмалы шарттарға қол қойылған кезең, жыл"),
    # -- disguised purposes (NK-50) and the purpose read with the agreement's subject (NK-07 v3) --------------
    # (reused as they are: purpose, subject, non_rd_score, min_score, finding, paid_on, amount_tiyn,
    #  document_number, performer_bin, payment_id)
    "purpose_read": _k("text", "Purpose as read (normalised)", "Назначение в прочтении (после нормализации)", "Мақсаттың оқылуы (қалыпқа келтірілгеннен кейін)"),
    "disguised": _k("texts", "Disguised words (as written → as read)", "Замаскированные слова (как написано → как прочитано)", "Бүркемеленген сөздер (жазылуы → оқылуы)"),
    "disguise": _k("phrase", "How it is disguised", "Как замаскировано", "Қалай бүркемеленген"),
    "disguise_kinds": _k("raw", "Kinds of disguise", "Виды маскировки", "Бүркемелеу түрлері"),
    "letters": _k("count", "Disguised letters and marks", "Замаскированных букв и знаков", "Бүркемеленген әріптер мен белгілер"),
    "key_terms": _k("texts", "Disguised words a reviewer searches for", "Замаскированные слова, которые ищет проверяющий", "Тексеруші іздейтін бүркемеленген сөздер"),
    "reading": _k("phrase", "What the verdict rests on", "На чём основан вывод", "Қорытынды неге негізделген"),
    # -- thresholds (NK-50) --
    "min_letters": _k("count", "Fewest disguised letters", "Наименьшее число замаскированных букв", "Бүркемеленген әріптердің ең аз саны"),
    "kazakh_latin": _k("bool", "Kazakh Latin counts as a disguise", "Казахская латиница считается маскировкой", "Қазақ латын әліпбиі бүркемелеу болып саналады"),
    # -- the same work or money counted twice (NK-33 … NK-35) ----------------------------------------------
    "other_agreement_id": _k("id", "Record of the other agreement", "Запись другого договора", "Басқа шарттың жазбасы"),
    "other_agreement_number": _k("text", "Other agreement", "Другой договор", "Басқа шарт"),
    "other_signed_on": _k("date", "Other agreement signed on", "Дата другого договора", "Басқа шартқа қол қойылған күн"),
    "other_payer_bin": _k("bin", "Other subsoil user", "Другой недропользователь", "Басқа жер қойнауын пайдаланушы"),
    "other_performer_bin": _k("bin", "Other performer", "Другой исполнитель", "Басқа орындаушы"),
    "other_subject": _k("text", "Subject of the other agreement", "Предмет другого договора", "Басқа шарттың нысанасы"),
    "other_paid_tiyn": _k("tiyn", "Paid under the other agreement", "Оплачено по другому договору", "Басқа шарт бойынша төленгені"),
    "other_right_numbers": _k("texts", "Rights of the other agreement", "Права по другому договору", "Басқа шарттың құқықтары"),
    "names_score": _k("score", "Similarity of names and places", "Сходство названий и мест", "Атаулар мен орындардың ұқсастығы"),
    "overlap_days": _k("days", "Periods overlap, days", "Сроки пересекаются, дней", "Мерзімдердің қабаттасуы, күн"),
    "gap_days": _k("days", "Days between the periods", "Дней между сроками", "Мерзімдер арасындағы күндер"),
    "matches": _k("count", "Agreements alike", "Похожих договоров", "Ұқсас шарттар"),
    "rights_count": _k("count", "Rights it is counted toward in full", "Прав, по которым он засчитан целиком", "Толық есептелген құқықтар"),
    "transfer_id": _k("id", "Budget transfer record", "Запись перечисления в бюджет", "Бюджетке аударым жазбасы"),
    "order_number": _k("text", "Transfer order number", "Номер поручения на перечисление", "Аударым тапсырмасының нөмірі"),
    "transfer_on": _k("date", "Transfer date", "Дата перечисления", "Аударым күні"),
    "transfer_amount_tiyn": _k("tiyn", "Transfer amount", "Сумма перечисления", "Аударым сомасы"),
    "transfer_right_number": _k("text", "Right of the transfer", "Право, по которому перечислено", "Аударылған құқық"),
    "treasury_confirmed": _k("bool", "Confirmed by the treasury", "Подтверждено казначейством", "Қазынашылық растаған"),
    "match": _k("phrase", "How they match", "В чём совпадение", "Неімен сәйкес келеді"),
    # thresholds
    "names_similarity": _k("score", "Least similarity of names and places", "Наименьшее сходство названий и мест", "Атаулар мен орындардың ең аз ұқсастығы"),
    "min_subject_words": _k("count", "Least words of a subject compared", "Наименьшее число слов сравниваемого предмета", "Салыстырылатын нысананың ең аз сөз саны"),
    "max_gap_days": _k("days", "Longest gap between the periods, days", "Наибольший разрыв между сроками, дней", "Мерзімдер арасындағы ең үлкен үзіліс, күн"),
    "full_share": _k("share", "Share that counts the whole agreement toward a right", "Доля, при которой договор засчитан по праву целиком", "Шарт құқық бойынша толық есептелетін үлес"),
    "purpose_window_days": _k("days", "Window when the purpose names the budget, days", "Окно, когда назначение называет бюджет, дней", "Мақсатта бюджет аталғандағы кезең, күн"),
    # -- deliveries counted twice (NK-36 … NK-38) --------------------------------------------------------
    "acts_paid_twice": _k("count", "Number of acts paid more than once", "Число актов, оплаченных повторно", "Қайта төленген актілер саны"),
    "act_numbers": _k("texts", "Numbers of the acts", "Номера актов", "Актілердің нөмірлері"),
    "document_numbers": _k("texts", "Payment documents", "Платёжные документы", "Төлем құжаттары"),
    "paid_twice": _k("phrase", "Acts paid more than once", "Акты, оплаченные повторно", "Қайта төленген актілер", composed=True),
    "result_reference": _k("text", "Result", "Результат", "Нәтиже"),
    "result_title": _k("text", "Title of the result", "Название результата", "Нәтиженің атауы"),
    "result_year": _k("year", "Year of the result", "Год результата", "Нәтиженің жылы"),
    "other_project_code": _k("text", "Other project", "Другой проект", "Басқа жоба"),
    "other_project_codes": _k("texts", "Other projects", "Другие проекты", "Басқа жобалар"),
    "other_reference": _k("text", "The other project's result", "Результат другого проекта", "Басқа жобаның нәтижесі"),
    "other_title": _k("text", "Title of the other result", "Название другого результата", "Басқа нәтиженің атауы"),
    "other_year": _k("year", "Year of the other result", "Год другого результата", "Басқа нәтиженің жылы"),
    "claimed_twice": _k("count", "Results claimed by two projects", "Результатов, заявленных двумя проектами", "Екі жоба мәлімдеген нәтижелер"),
    "evidence_references": _k("texts", "Evidence references", "Ссылки на доказательства", "Дәлелге сілтемелер"),
    "claims": _k("phrase", "Results claimed by two projects", "Результаты, заявленные двумя проектами", "Екі жоба мәлімдеген нәтижелер"),
    "stage_number": _k("count", "Stage", "Этап", "Кезең"),
    "report_name": _k("text", "Report file", "Файл отчёта", "Есеп файлы"),
    "submitted_on": _k("date", "Handed in on", "Дата сдачи", "Тапсырылған күні"),
    "other_stage_number": _k("count", "Stage of the other report", "Этап другого отчёта", "Басқа есептің кезеңі"),
    "other_report_name": _k("text", "Other report file", "Файл другого отчёта", "Басқа есептің файлы"),
    "other_submitted_on": _k("date", "Other report handed in on", "Дата сдачи другого отчёта", "Басқа есептің тапсырылған күні"),
    "reports_reused": _k("count", "Stage reports handed in for two projects", "Отчётов этапов, сданных по двум проектам", "Екі жобаға тапсырылған кезең есептері"),
    "reuse": _k("phrase", "Reports handed in for two projects", "Отчёты, сданные по двум проектам", "Екі жобаға тапсырылған есептер", composed=True),
    # thresholds
    "title_similarity": _k("score", "Least similarity of titles", "Наименьшее сходство названий", "Атаулардың ең аз ұқсастығы"),
    "text_similarity": _k("score", "Least similarity of deliverables", "Наименьшее сходство описаний результатов", "Нәтижелер сипаттамаларының ең аз ұқсастығы"),
    "template_projects": _k("count", "Most projects sharing a text that is not a template", "Наибольшее число проектов с общим текстом, не считающимся шаблоном", "Үлгі саналмайтын ортақ мәтіні бар жобалардың ең көп саны"),
    "min_text_words": _k("count", "Least words of deliverables compared", "Наименьшее число слов сравниваемого описания", "Салыстырылатын сипаттаманың ең аз сөз саны"),
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
