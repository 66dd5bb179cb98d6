"""The forms of the report "R&D projects, stages, acts and results": one file per section.

Pure data (no Django), merged into :data:`niokr.intake.formats.FORMS`. Each section is a kind of its
own because each is sent by its own party and corrected on its own (docs/formats/projects.md):

* ``rd_projects`` — a performer's projects (code, titles kk/ru/en, priority, TCC sector, TRL, dates);
* ``rd_stages`` — the calendar plans of the agreements the performer carries out;
* ``rd_acts`` — the acceptance acts a company (the payer) signed on its agreements' stages;
* ``rd_results`` — the results of the performer's projects, typed by kind.
"""

from __future__ import annotations

from niokr.intake.formats import DIRECTIONS, FORMS, Column, ColumnType, Form, Kind

__all__ = ["PROJECT_FORMS", "TCC_SECTORS", "RESULT_KINDS", "PATENT_OFFICES", "INDEXING", "RESULT_FIELDS", "PROJECT_KINDS"]

#: The values of ``core.TCCSector``, ``projects.ResultKind``, ``projects.PatentOffice`` and
#: ``projects.Indexing`` (a test keeps them equal to the enumerations).
TCC_SECTORS = ("electronics", "healthcare", "industry", "agro", "nuclear", "oil_gas", "power", "green")
RESULT_KINDS = ("trl", "patent", "publication", "implementation", "revenue", "jobs")
PATENT_OFFICES = ("kazpatent", "eapo", "pct")
INDEXING = ("scopus", "wos", "rsci", "other")

#: The columns each kind of result requires (the model's constraint per kind), and those it may carry.
RESULT_FIELDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "trl": (("trl_level", "trl_methodology"), ()),
    "patent": (("patent_office", "patent_number", "achieved_on"), ()),
    "publication": (("doi", "indexing"), ("achieved_on",)),
    "implementation": (("implemented_at", "achieved_on"), ("economic_effect",)),
    "revenue": (("revenue",), ()),
    "jobs": (("jobs",), ()),
}

PROJECT_KINDS = frozenset({Kind.RD_PROJECTS, Kind.RD_STAGES, Kind.RD_ACTS, Kind.RD_RESULTS})

_AGREEMENT_NUMBER = Column("agreement_number", "Шарт нөмірі", "Номер договора", "Agreement number", ColumnType.TEXT, aliases=("№ договора",), max_length=64)
_AGREEMENT_DATE = Column("agreement_date", "Шарт күні", "Дата договора", "Agreement date", ColumnType.DATE)
_STAGE_NUMBER = Column("stage_number", "Кезең нөмірі", "Номер этапа", "Stage number", ColumnType.INTEGER, aliases=("№ этапа", "этап"), bounds=(1, 999))
_PROJECT_CODE = Column("project_code", "Жоба коды", "Код проекта", "Project code", ColumnType.TEXT, max_length=32)

PROJECT_FORMS: dict[Kind, Form] = {
    Kind.RD_PROJECTS: Form(
        Kind.RD_PROJECTS,
        "ҒЗТКЖ жобалары",
        "Проекты НИОКР",
        "R&D projects",
        (
            _PROJECT_CODE,
            Column("title_kk", "Атауы (қазақша)", "Название (на казахском)", "Title (Kazakh)", ColumnType.TEXT, max_length=500),
            Column("title_ru", "Атауы (орысша)", "Название (на русском)", "Title (Russian)", ColumnType.TEXT, max_length=500),
            Column("title_en", "Атауы (ағылшынша)", "Название (на английском)", "Title (English)", ColumnType.TEXT, max_length=500),
            Column("performer_bin", "Орындаушының БСН", "БИН исполнителя", "Performer BIN", ColumnType.BIN, aliases=("бин", "bin"),
                   help_en="The submitting performer's own BIN: a performer reports its own projects."),
            Column("direction", "Басым бағыт", "Приоритетное направление", "Priority direction", ColumnType.CHOICE, choices=DIRECTIONS),
            Column("tcc_sector", "Сала (ТҚО)", "Отрасль (ЦТК)", "TCC sector", ColumnType.CHOICE, required=False, choices=TCC_SECTORS),
            Column("trl_start", "Бастапқы TRL", "TRL на начало", "TRL at start", ColumnType.INTEGER, required=False, bounds=(1, 9)),
            Column("trl_target", "Мақсатты TRL", "Целевой TRL", "Target TRL", ColumnType.INTEGER, required=False, bounds=(1, 9)),
            Column("start_date", "Басталу күні", "Дата начала", "Start date", ColumnType.DATE),
            Column("end_date", "Аяқталу күні", "Дата окончания", "End date", ColumnType.DATE),
            Column("abstract", "Аңдатпа", "Аннотация", "Abstract", ColumnType.TEXT, required=False, max_length=20_000),
            Column("programme", "ҒЗТКЖ бағдарламасы", "Программа НИОКР", "R&D programme", ColumnType.TEXT, required=False, max_length=32,
                   aliases=("Бағдарлама", "Программа", "Programme"),
                   help_en="The reference of the approved programme the project carries out, e.g. PRG-2026-000042 (optional)."),
        ),
        (
            ("Жоба коды файлда бір рет кездеседі; тіркелген жоба кодпен табылады және жаңартылады (тек өз жобаңыз).",
             "Код проекта встречается в файле один раз; зарегистрированный проект находится по коду и обновляется (только свой).",
             "A project code appears once in the file; a registered project is found by its code and updated (your own only)."),
            ("Мақсатты TRL бастапқыдан төмен емес; аяқталу күні басталу күнінен кейін.",
             "Целевой TRL не ниже начального; дата окончания не раньше даты начала.",
             "The target TRL is not below the starting one; the end date is not before the start date."),
            ("Бағдарлама бекітілген және сіздің ұйымыңызды орындаушы ретінде ұсынады (немесе жобаның шартын оның өтініш берушісі төлейді); байланыс бір рет жазылады.",
             "Программа одобрена и предлагает вашу организацию исполнителем (или договор проекта оплачивает её заявитель); связь записывается один раз.",
             "The programme is approved and proposes your organisation as its performer (or its applicant pays the project's agreement); the link is written once."),
        ),
    ),
    Kind.RD_STAGES: Form(
        Kind.RD_STAGES,
        "Шарттардың күнтізбелік жоспарының кезеңдері",
        "Этапы календарного плана договоров",
        "Agreement stages (calendar plan)",
        (
            _AGREEMENT_NUMBER,
            _AGREEMENT_DATE,
            Column("payer_bin", "Төлеушінің БСН", "БИН плательщика", "Payer BIN", ColumnType.BIN),
            _STAGE_NUMBER,
            Column("stage_title", "Кезеңнің атауы", "Наименование этапа", "Stage title", ColumnType.TEXT, max_length=500),
            Column("start_date", "Кезеңнің басталуы", "Начало этапа", "Stage start", ColumnType.DATE),
            Column("end_date", "Кезеңнің аяқталуы", "Окончание этапа", "Stage end", ColumnType.DATE),
            Column("amount", "Кезең сомасы, теңге", "Сумма этапа, тенге", "Stage amount, KZT", ColumnType.MONEY),
            Column("deliverables", "Кезеңнің нәтижелері", "Результаты этапа", "Deliverables", ColumnType.TEXT, required=False, max_length=20_000),
        ),
        (
            ("Шарт жүйеде тіркелген және оның орындаушысы — жіберуші ұйым; шарт нөмірі, күні және төлеушінің БСН тіркелгенмен сәйкес.",
             "Договор зарегистрирован в системе, и его исполнитель — организация-отправитель; номер, дата договора и БИН плательщика совпадают с зарегистрированными.",
             "The agreement is registered and the submitting organisation is its performer; its number, date and payer BIN match the registered ones."),
            ("Кезеңдер шарт кезеңінің ішінде; шарт кезеңдерінің сомасы шарт сомасынан аспайды.",
             "Этапы лежат внутри срока договора; сумма этапов договора не больше суммы договора.",
             "Stages lie within the agreement's period; the stages of an agreement total no more than its amount."),
            ("Есебі тапсырылған немесе қабылданған кезең файлмен өзгертілмейді.",
             "Этап, отчёт по которому сдан или который принят, файлом не меняется.",
             "A stage whose report is handed in, or which is accepted, is not changed by a file."),
        ),
    ),
    Kind.RD_ACTS: Form(
        Kind.RD_ACTS,
        "Кезеңдерді қабылдау актілері",
        "Акты приёмки этапов",
        "Stage acceptance acts",
        (
            _AGREEMENT_NUMBER,
            _AGREEMENT_DATE,
            Column("performer_bin", "Орындаушының БСН", "БИН исполнителя", "Performer BIN", ColumnType.BIN, aliases=("бин", "bin")),
            _STAGE_NUMBER,
            Column("act_number", "Акт нөмірі", "Номер акта", "Act number", ColumnType.TEXT, aliases=("№ акта",), max_length=64),
            Column("act_date", "Акт күні", "Дата акта", "Act date", ColumnType.DATE),
            Column("amount", "Қабылданған сома, теңге", "Принятая сумма, тенге", "Amount accepted, KZT", ColumnType.MONEY),
            Column("note", "Ескертпе", "Примечание", "Note", ColumnType.TEXT, required=False, max_length=5000),
        ),
        (
            ("Акт орындаушы тапсырған кезең есебіне қол қойылады: есебі әлі тапсырылмаған кезеңнің актісі кезең бетінде есеп файлымен бірге қойылады.",
             "Акт подписывается на отчёт этапа, сданный исполнителем: акт этапа, отчёт по которому ещё не сдан, подписывается на странице этапа с файлом отчёта.",
             "An act is signed on the stage report the performer handed in: an act of a stage whose report is not handed in yet is signed on the stage's page with the report file."),
            ("Қабылданған сома кезең сомасынан аспайды; шарттың актілері шарт сомасынан аспайды; акт күні болашақта емес.",
             "Принятая сумма не больше суммы этапа; акты договора в сумме не больше суммы договора; дата акта не в будущем.",
             "The amount accepted is no more than the stage's; the acts of an agreement total no more than its amount; the act's date is not in the future."),
        ),
    ),
    Kind.RD_RESULTS: Form(
        Kind.RD_RESULTS,
        "ҒЗТКЖ нәтижелері",
        "Результаты НИОКР",
        "R&D results",
        (
            _PROJECT_CODE,
            Column("kind", "Нәтиже түрі", "Вид результата", "Kind of result", ColumnType.CHOICE, choices=RESULT_KINDS),
            Column("title", "Нәтиженің атауы", "Наименование результата", "Result title", ColumnType.TEXT, max_length=500),
            Column("year", "Жыл", "Год", "Year", ColumnType.YEAR),
            Column("achieved_on", "Күні", "Дата", "Date", ColumnType.DATE, required=False, help_en="The patent's date, the publication's date or the implementation's date."),
            Column("trl_level", "Қол жеткізілген TRL", "Достигнутый TRL", "TRL reached", ColumnType.INTEGER, required=False, bounds=(1, 9)),
            Column("trl_methodology", "TRL әдістемесінің нұсқасы", "Версия методики TRL", "TRL methodology version", ColumnType.TEXT, required=False, max_length=100),
            Column("patent_office", "Патенттік ведомство", "Патентное ведомство", "Patent office", ColumnType.CHOICE, required=False, choices=PATENT_OFFICES),
            Column("patent_number", "Патент нөмірі", "Номер патента", "Patent number", ColumnType.TEXT, required=False, max_length=64),
            Column("doi", "DOI", "DOI", "DOI", ColumnType.TEXT, required=False, max_length=255, help_en="10.NNNN/suffix, for example 10.1016/j.energy.2024.130001."),
            Column("indexing", "Индекстелуі", "Индексация", "Indexing", ColumnType.CHOICE, required=False, choices=INDEXING),
            Column("implemented_at", "Енгізілген орны", "Место внедрения", "Implemented at", ColumnType.TEXT, required=False, max_length=500),
            Column("economic_effect", "Экономикалық әсері, теңге", "Экономический эффект, тенге", "Economic effect, KZT", ColumnType.MONEY, required=False, allow_zero=True),
            Column("revenue", "Коммерцияландырудан түскен табыс, теңге", "Доход от коммерциализации, тенге", "Commercialisation revenue, KZT", ColumnType.MONEY, required=False),
            Column("jobs", "Құрылған жұмыс орындары", "Созданные рабочие места", "Jobs created", ColumnType.INTEGER, required=False, bounds=(1, 1_000_000)),
            Column("evidence_reference", "Растау (сілтеме немесе құжат нөмірі)", "Подтверждение (ссылка или номер документа)", "Evidence (link or document number)",
                   ColumnType.TEXT, required=False, max_length=500),
            Column("evidence_note", "Растаудың сипаттамасы", "Описание подтверждения", "Evidence note", ColumnType.TEXT, required=False, max_length=20_000),
        ),
        (
            ("Әр түрдің міндетті бағандары: trl — TRL және әдістеме нұсқасы; patent — ведомство, нөмір, күн; publication — DOI және индекстелуі; implementation — орны мен күні; revenue — табыс; jobs — жұмыс орындары.",
             "Обязательные столбцы каждого вида: trl — TRL и версия методики; patent — ведомство, номер, дата; publication — DOI и индексация; implementation — место и дата; revenue — доход; jobs — рабочие места.",
             "Each kind's required columns: trl — TRL and methodology version; patent — office, number, date; publication — DOI and indexing; implementation — place and date; revenue — revenue; jobs — jobs created."),
            ("Жоба жүйеде тіркелген және сіздікі болуы тиіс; бір нәтиже файлда бір рет кездеседі.",
             "Проект должен быть зарегистрирован и быть вашим; один результат встречается в файле один раз.",
             "The project is registered and yours; one result appears once in the file."),
            ("Растаусыз нәтиже қабылданады, бірақ белгіленеді: тексеру растауға сүйенеді.",
             "Результат без подтверждения принимается, но отмечается: проверка опирается на подтверждение.",
             "A result without evidence is accepted but marked: verification rests on the evidence."),
        ),
    ),
}


FORMS.update(PROJECT_FORMS)
