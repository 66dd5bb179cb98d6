"""Payment purposes as accountants write them, in Russian, Kazakh and English.

Two makers, kept apart: :func:`rd_purposes` writes the purposes of an R&D agreement's stages, and
:func:`non_rd_purpose` the purpose of a line that is not R&D (the injected ``non_rd_purpose``
problem). Both compose their text from parts — a head and an object, a qualifier, a reference to
an agreement or an invoice, a VAT phrase — and then vary its form (letter case, a typo, a Latin
letter typed for a Cyrillic one, stray punctuation), so that neither a word list nor the form of
the text tells one from the other:

* R&D purposes also mention equipment, laboratories and reagents where the work is research
  («…за ОКР: изготовление и испытание экспериментальной установки», «лабораторные испытания
  реагентов»);
* non-R&D purposes also carry R&D words where the spending is not research («Ремонт помещений
  лаборатории», «Спонсорская помощь научной организации», «Командировочные расходы … в рамках
  проекта НИОКР», a supply of pipes «по договору № НИОКР-2023/014»).

Nothing here is read by the control engine; its purpose classifier is trained on a corpus of its own.
"""

from __future__ import annotations

from datetime import date
from random import Random

__all__ = ["NON_RD", "NON_RD_CATEGORIES", "RdWordings", "rd_wording", "rd_purposes", "non_rd_purpose", "vary_form", "vary_tail", "typo"]

CITIES = {
    "ru": ("Астана", "Алматы", "Атырау", "Актау", "Караганда", "Москва", "Стамбул", "Шымкент"),
    "kk": ("Астана", "Алматы", "Атырау", "Ақтау", "Қарағанды", "Шымкент"),
    "en": ("Astana", "Almaty", "Atyrau", "Aktau", "Istanbul", "Dubai"),
}
MONTHS = {
    "ru": ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"),
    "kk": ("қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"),
}


def _combine(heads, objects, *, object_first: bool = False) -> tuple[str, ...]:
    """Every head with every object («Поставка» × «труб НКТ»; Kazakh puts the object first)."""
    if object_first:
        return tuple(f"{o} {h}" for o in objects for h in heads)
    return tuple(f"{h} {o}" for h in heads for o in objects)


#: Non-R&D spending by category and language: (core phrases, qualifiers). Qualifiers may hold
#: {city}, {month}, {year}, {inv}; some carry R&D words on purpose.
NON_RD: dict[str, dict[str, tuple[tuple[str, ...], tuple[str, ...]]]] = {
    "travel": {
        "ru": (
            ("Командировочные расходы", "Возмещение командировочных расходов", "Оплата проживания в гостинице", "Суточные и проживание",
             "Авиабилеты", "Железнодорожные билеты", "Трансфер и проживание", "Оплата служебной командировки"),
            ("", " сотрудников", " командированных работников", " по служебной командировке в г. {city}", " на выездное совещание в г. {city}",
             " для участия в конференции", " в рамках проекта НИОКР", " сотрудников научного отдела"),
        ),
        "kk": (
            ("Іссапар шығыстары", "Іссапар шығындарын өтеу", "Қонақүйде тұру ақысы", "Әуе билеттері", "Тәуліктік ақы және тұру", "Іссапарға жол жүру шығыстары"),
            ("", ", қызметкерлер", ", {city} қаласына іссапар", ", конференцияға қатысу", ", ҒЗТКЖ жобасы шеңберінде"),
        ),
        "en": (
            ("Business travel expenses", "Reimbursement of travel expenses", "Hotel accommodation", "Air tickets", "Per diem and accommodation"),
            ("", " for staff", ", business trip to {city}", " for conference attendance", " under the R&D project"),
        ),
    },
    "pipes": {
        "ru": (
            _combine(("Поставка", "Приобретение", "Закупка", "Оплата поставки"),
                     ("труб НКТ 73 мм", "стальных бесшовных труб", "обсадных труб 168 мм", "полиэтиленовых труб ПЭ100", "насосно-компрессорных труб", "трубной продукции", "труб и фитингов")),
            ("", " для нужд месторождения", " согласно заявке № {inv}", " для опытного участка", " на склад", " ({month})"),
        ),
        "kk": (
            _combine(("жеткізу", "сатып алу", "жеткізгені үшін төлем"), ("Құбырларды", "Болат құбырларды", "Шеген құбырларын", "Сорғы-компрессорлық құбырларды", "Полиэтилен құбырларды"), object_first=True),
            ("", ", кен орнының қажеттіліктері үшін", ", {inv} өтінім бойынша"),
        ),
        "en": (
            _combine(("Supply of", "Purchase of", "Delivery of"), ("steel pipes", "casing pipes 168 mm", "tubing 73 mm", "PE100 pipes", "pipes and fittings")),
            ("", " for the field", ", request {inv}", " for the pilot site"),
        ),
    },
    "reagents": {
        "ru": (
            _combine(("Поставка", "Приобретение", "Закупка"),
                     ("химических реагентов", "реагентов для флотации", "деэмульгатора", "ингибитора коррозии", "компонентов бурового раствора", "лабораторных реагентов", "ксантогената бутилового", "серной кислоты")),
            ("", " для производственных нужд", " для научно-исследовательской лаборатории", " на {year} год", " для обогатительной фабрики", " по заявке № {inv}"),
        ),
        "kk": (
            _combine(("жеткізу", "сатып алу"), ("Химиялық реагенттерді", "Флотациялық реагенттерді", "Коррозия ингибиторын", "Зертханалық реагенттерді", "Күкірт қышқылын"), object_first=True),
            ("", ", өндірістік қажеттіліктер үшін", ", ғылыми-зерттеу зертханасы үшін"),
        ),
        "en": (
            _combine(("Supply of", "Purchase of"), ("chemical reagents", "flotation reagents", "corrosion inhibitor", "demulsifier", "laboratory reagents", "sulphuric acid")),
            ("", " for production needs", " for the research laboratory", " for {year}"),
        ),
    },
    "catering": {
        "ru": (
            ("Услуги питания", "Организация питания", "Кейтеринговые услуги", "Оплата услуг столовой", "Обеспечение горячим питанием", "Кофе-брейк"),
            ("", " вахтового персонала", " работников", " участников совещания", " сотрудников научного отдела", " на месторождении", " за {month}", " участников научно-технического совета"),
        ),
        "kk": (
            ("Тамақтандыру қызметтері", "Вахта персоналын тамақтандыру", "Кейтеринг қызметтері", "Асхана қызметтеріне ақы төлеу"),
            ("", ", {month}", ", ғылыми семинар қатысушылары"),
        ),
        "en": (("Catering services", "Meals for rotation staff", "Canteen services", "Coffee break"), ("", " for the research seminar", ", {month}", " for the board meeting")),
    },
    "security": {
        "ru": (
            ("Услуги охраны", "Охранные услуги", "Физическая охрана", "Пультовая охрана", "Услуги частного охранного агентства"),
            ("", " объекта", " административного здания", " месторождения", " территории научно-исследовательского центра", " вахтового посёлка", " за {month}"),
        ),
        "kk": (("Күзет қызметтері", "Объектіні күзету", "Кен орнын күзету қызметі", "Ғылыми орталық аумағын күзету"), ("", ", {month}")),
        "en": (("Security services", "Guarding of the site", "Security of the research centre premises"), ("", ", {month}")),
    },
    "fuel": {
        "ru": (
            _combine(("Поставка", "Приобретение", "Оплата"), ("дизельного топлива", "бензина АИ-92", "горюче-смазочных материалов", "ГСМ", "топлива для спецтехники", "моторного масла")),
            ("", " по топливным картам", " для автотранспорта", " за {month}", " для буровой установки"),
        ),
        "kk": (_combine(("жеткізу", "сатып алу"), ("Дизель отынын", "Жанар-жағармай материалдарын", "АИ-92 бензинін"), object_first=True), ("", ", {month}")),
        "en": (_combine(("Supply of", "Purchase of"), ("diesel fuel", "fuel and lubricants", "petrol AI-92")), ("", ", fuel cards", ", {month}")),
    },
    "cleaning": {
        "ru": (
            ("Клининговые услуги", "Услуги по уборке помещений", "Уборка офиса", "Услуги по уборке территории", "Санитарная обработка помещений"),
            ("", " за {month}", " лабораторного корпуса", " административного здания"),
        ),
        "kk": (("Клининг қызметтері", "Үй-жайларды жинау қызметтері", "Аумақты тазалау"), ("", ", {month}", ", зертхана ғимараты")),
        "en": (("Cleaning services", "Office cleaning", "Cleaning of the laboratory building"), ("", ", {month}")),
    },
    "it_subscription": {
        "ru": (
            ("Подписка на программное обеспечение", "Продление лицензий на офисное ПО", "Абонентская плата за облачное хранилище", "Годовая подписка на антивирус",
             "Оплата хостинга и доменного имени", "Подписка на систему электронного документооборота", "Продление лицензии бухгалтерской программы"),
            ("", " на 12 месяцев", " за {year} год", ", счёт № {inv}"),
        ),
        "kk": (("Бағдарламалық қамтамасыз етуге жазылым", "Лицензияларды ұзарту", "Бұлттық қызметке абоненттік төлем"), ("", ", 12 айға", ", {year} жыл")),
        "en": (("Software subscription", "Annual licence renewal", "Cloud storage subscription", "Antivirus licence renewal"), ("", " for 12 months", ", {year}")),
    },
    "lab_repair": {
        "ru": (
            _combine(("Ремонт", "Капитальный ремонт", "Текущий ремонт", "Косметический ремонт"),
                     ("помещений лаборатории", "здания лаборатории", "химической лаборатории", "кровли лабораторного корпуса", "вентиляции в лаборатории", "помещений научно-исследовательского центра")),
            ("", " согласно смете", ", акт № {inv}"),
        ),
        "kk": (_combine(("жөндеу", "күрделі жөндеу", "ағымдағы жөндеу"), ("Зертхана үй-жайларын", "Зертхана ғимаратын", "Ғылыми орталық ғимаратын"), object_first=True), ("",)),
        "en": (_combine(("Repair of", "Renovation of", "Refurbishment of"), ("laboratory premises", "the laboratory building", "the research centre's roof")), ("",)),
    },
    "sponsorship": {
        "ru": (
            _combine(("Спонсорская помощь", "Благотворительная помощь", "Безвозмездная финансовая помощь", "Спонсорская поддержка"),
                     ("научной организации", "научно-исследовательскому институту", "научному фонду", "университету", "молодым учёным")),
            ("", " к юбилею", " на проведение конференции", " на проведение научного форума"),
        ),
        "kk": (_combine(("демеушілік көмек", "қайырымдылық көмек"), ("Ғылыми ұйымға", "Ғылыми-зерттеу институтына", "Университетке"), object_first=True), ("", ", мерейтойға")),
        "en": (_combine(("Sponsorship of", "Donation to"), ("a scientific organisation", "a research institute", "a science foundation", "the university")), ("", " for its anniversary")),
    },
    "equipment": {
        "ru": (
            _combine(("Приобретение", "Поставка", "Закупка"),
                     ("оборудования для производственного участка", "насосного оборудования", "спецтехники", "компрессорной установки", "запасных частей к оборудованию", "оргтехники", "мебели для офиса")),
            ("", " согласно спецификации", ", счёт-фактура № {inv}"),
        ),
        "kk": (_combine(("сатып алу", "жеткізу"), ("Өндірістік жабдықты", "Сорғы жабдығын", "Арнайы техниканы", "Кеңсе жиһазын"), object_first=True), ("",)),
        "en": (_combine(("Purchase of", "Supply of"), ("production equipment", "pumping equipment", "office furniture", "spare parts")), ("",)),
    },
    "training": {
        "ru": (("Обучение персонала", "Курсы повышения квалификации", "Семинар по охране труда", "Обучение по промышленной безопасности", "Тренинг для руководителей"), ("", " работников", " (сертификация)")),
        "kk": (("Қызметкерлердің біліктілігін арттыру курстары", "Персоналды оқыту", "Еңбекті қорғау бойынша оқыту"), ("",)),
        "en": (("Staff training", "Professional development courses", "Health and safety training"), ("",)),
    },
    "advertising": {
        "ru": (("Рекламные услуги", "Размещение рекламы", "Изготовление сувенирной продукции", "Информационные услуги в СМИ"), ("", " за {month}")),
        "kk": (("Жарнама қызметтері үшін төлем", "Жарнама орналастыру"), ("",)),
        "en": (("Advertising services", "Media placement", "Branded souvenirs"), ("",)),
    },
    "social": {
        "ru": (
            ("Благотворительная помощь к празднику", "Строительство объектов социальной инфраструктуры в посёлке", "Строительство спортивной площадки", "Ремонт школы в посёлке", "Вознаграждение работникам за рационализаторские предложения", "Премия работникам по итогам года"),
            ("",),
        ),
        "kk": (("Ауылдағы мектепті жөндеу", "Әлеуметтік инфрақұрылым объектілерін салу", "Қызметкерлерге жыл қорытындысы бойынша сыйақы"), ("",)),
        "en": (("Social infrastructure: construction of a sports ground", "Sponsorship of a regional football club", "Annual bonus to employees"), ("",)),
    },
    "services": {
        "ru": (("Консалтинговые услуги по аудиту финансовой отчётности", "Юридические услуги", "Услуги по оценке имущества", "Аренда офисного помещения", "Коммунальные услуги", "Услуги связи", "Аренда автотранспорта", "Организация корпоративного мероприятия"), ("", " за {month}")),
        "kk": (("Қаржылық есептілікке аудит жүргізу қызметтері", "Заң қызметтері", "Кеңсе үй-жайын жалға алу", "Коммуналдық қызметтер", "Корпоративтік іс-шараны ұйымдастыру"), ("", ", {month}")),
        "en": (("Audit of financial statements", "Legal services", "Office rent", "Utilities", "Corporate event organisation"), ("", ", {month}")),
    },
}
NON_RD_CATEGORIES = tuple(NON_RD)
#: How often each category occurs (the brief's everyday non-R&D spending first).
CATEGORY_WEIGHTS = {"travel": 12, "pipes": 8, "reagents": 9, "catering": 7, "security": 6, "fuel": 7, "cleaning": 5, "it_subscription": 6, "lab_repair": 7, "sponsorship": 7, "equipment": 8, "training": 6, "advertising": 4, "social": 5, "services": 6}

#: References and VAT phrases by language; {agr} an agreement number, {d} a date, {inv} an invoice number, {pct} a share.
REFERENCES = {
    "ru": ("{core}", "{core}", "{core} по договору № {agr} от {d}", "{core} по дог. {agr} от {d}", "Оплата по счёту № {inv} от {d}: {core_l}", "{core} согласно счёту-фактуре № {inv}", "Предоплата {pct}% — {core_l}", "{core}, акт № {inv} от {d}"),
    "kk": ("{core}", "{core}", "{d} № {agr} шарт бойынша {core_l}", "{inv} шот бойынша төлем: {core_l}", "{core}, {d} № {inv} шот-фактура", "{pct}% алдын ала төлем: {core_l}"),
    "en": ("{core}", "{core}", "{core} under contract No {agr} dated {d}", "Invoice {inv}: {core_l}", "Prepayment {pct}%: {core_l}", "{core}, act No {inv} of {d}"),
}
VAT = {
    "ru": (", в т.ч. НДС 12%", ", в том числе НДС 12%", ", НДС не облагается", ", без НДС", " (с НДС)"),
    "kk": (", соның ішінде ҚҚС 12%", ", ҚҚС салынбайды", ", ҚҚС-сыз"),
    "en": (", incl. VAT 12%", ", VAT exempt", ", excl. VAT"),
}

#: R&D purposes: (leads, bodies, stages) per language; leads hold {n} (number) and {d} (date), stages {k}.
RD_LEADS = {
    "ru": ("Оплата по договору № {n} от {d}", "Оплата по договору {n} от {d}", "Оплата по дог. № {n} от {d}", "По договору № {n} от {d}", "Аванс по договору № {n} от {d}",
           "Оплата согласно акту выполненных работ по договору № {n} от {d}", "Оплата по договору №{n} от {d}г."),
    "kk": ("{d} № {n} шарт бойынша", "{d} №{n} шартқа сәйкес", "{d} № {n} шарт бойынша аванс:", "{d} ж. № {n} шарт бойынша"),
    "en": ("Payment under R&D agreement No {n} of {d}", "Under agreement No {n} dated {d}", "Agreement {n} of {d}", "Advance under agreement No {n} of {d}"),
}
RD_BODIES = {
    "ru": ("на выполнение НИОКР", "за выполненные научно-исследовательские работы", "за опытно-конструкторские работы", "за научно-технические работы", "за выполнение НИР",
           "за НИОКР", "за научно-исследовательские и опытно-конструкторские работы", "за разработку и испытание опытного образца оборудования",
           "за лабораторные исследования керна (НИР)", "за научно-исследовательские работы: лабораторные испытания реагентов",
           "за ОКР: изготовление и испытание экспериментальной установки", "за разработку технологии (лабораторный этап)", "за НИР: исследование проб в лаборатории исполнителя",
           "за разработку конструкторской документации опытного образца", "за опытно-промышленные испытания технологии"),
    "kk": ("ҒЗТКЖ орындағаны үшін төлем", "ғылыми-зерттеу жұмыстарына ақы төлеу", "тәжірибелік-конструкторлық жұмыстар үшін", "ғылыми-техникалық жұмыстар үшін төлем",
           "жабдықтың тәжірибелік үлгісін әзірлеу және сынау", "зертханалық зерттеулер (ҒЗЖ)", "технологияны тәжірибелік-өнеркәсіптік сынау"),
    "en": ("research and development works", "R&D services", "research works", "experimental design works", "prototype equipment development and testing",
           "laboratory research (R&D)", "pilot testing of the technology"),
}
#: Russian R&D wordings that name the work first («Выполнение НИОКР по договору № …»).
RD_WORK_FIRST = (
    "Выполнение НИОКР", "Научно-исследовательские работы", "Опытно-конструкторские работы", "НИР", "Лабораторные испытания опытного образца (ОКР)",
    "Разработка технологии, лабораторный этап", "Изготовление и испытание экспериментальной установки (ОКР)", "Научно-исследовательские и опытно-конструкторские работы",
)
RD_STAGES = {
    "ru": (", этап {k}", " (этап {k})", ", {k}-й этап", ". Этап {k}", " по этапу {k}", ""),
    "kk": (", {k}-кезең", " ({k}-кезең)", ", {k} кезең", ""),
    "en": (", stage {k}", " (stage {k})", ", phase {k}", ""),
}
RD_VAT = {"ru": (", НДС не облагается", ", без НДС", ", в т.ч. НДС 12%"), "kk": (", ҚҚС салынбайды", ", соның ішінде ҚҚС 12%"), "en": (", VAT exempt", ", incl. VAT 12%")}

#: Latin letters that look like Cyrillic ones (typed with the wrong keyboard layout).
HOMOGLYPHS = {"а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x", "у": "y", "А": "A", "Е": "E", "О": "O", "Р": "P", "С": "C", "Т": "T", "Н": "H", "К": "K", "М": "M", "В": "B"}


def typo(rng: Random, text: str) -> str:
    """One slip of the keyboard in a word of four letters or more: a letter dropped, doubled,
    swapped with the next, or a Latin look-alike typed for a Cyrillic letter."""
    spots = [i for i in range(1, len(text) - 2) if text[i].isalpha() and text[i - 1].isalpha() and text[i + 1].isalpha() and text[i + 2].isalpha()]
    if not spots:
        return text
    i = rng.choice(spots)
    kind = rng.randrange(4)
    if kind == 3 and text[i] in HOMOGLYPHS:
        return text[:i] + HOMOGLYPHS[text[i]] + text[i + 1:]
    if kind == 0:
        return text[:i] + text[i + 1:]
    if kind == 1:
        return text[:i] + text[i] + text[i:]
    if text[i] == text[i + 1]:
        return text[:i] + text[i + 1:]
    return text[:i] + text[i + 1] + text[i] + text[i + 2:]


def vary_tail(rng: Random, text: str) -> str:
    """A finished purpose as it was typed: sometimes a trailing full stop or a double space."""
    if rng.random() < 0.1:
        text += "."
    if rng.random() < 0.05:
        text = text.replace(" ", "  ", 1)
    return text


def vary_form(rng: Random, text: str, *, typo_share: float = 0.12) -> str:
    """The same words in another form: upper or lower case, or a typo."""
    if rng.random() < typo_share:
        text = typo(rng, text)
    roll = rng.random()
    if roll < 0.07:
        text = text.upper()
    elif roll < 0.13:
        text = text.lower()
    elif roll < 0.18:
        text = text[:1].lower() + text[1:]
    return text


def _language(rng: Random, weights=(80, 12, 8)) -> str:
    return rng.choices(("ru", "kk", "en"), weights)[0]


def _own_number(rng: Random, year: int) -> str:
    n = rng.randint(1, 480)
    return rng.choice((f"{n}/{year}", f"Д-{n}", f"{n}-ОС", f"ТП-{year}/{n:03d}", f"{n}-У", f"{year}-{n:04d}"))


def non_rd_purpose(rng: Random, *, day: date, agreement_number: str, agreement_signed: date) -> tuple[str, str, str]:
    """The purpose of a payment that is not R&D: ``(text, category, language)``.

    A reference, when there is one, names an invoice or an agreement — sometimes the R&D
    agreement the line was booked against (its number then carries «НИОКР» or «НИР»).
    """
    category = rng.choices(NON_RD_CATEGORIES, [CATEGORY_WEIGHTS[c] for c in NON_RD_CATEGORIES])[0]
    language = _language(rng, (70, 18, 12))
    cores, qualifiers = NON_RD[category][language]
    core = rng.choice(cores) + rng.choice(qualifiers)
    core = core.format(city=rng.choice(CITIES[language]), month=MONTHS[language][day.month - 1], year=day.year, inv=rng.randint(12, 9_999))
    core = vary_form(rng, core)
    if rng.random() < 0.35:
        agr, signed = agreement_number, agreement_signed
    else:
        agr, signed = _own_number(rng, day.year), date.fromordinal(day.toordinal() - rng.randint(0, 120))
    reference = rng.choice(REFERENCES[language])
    text = reference.format(
        core=core, core_l=core[:1].lower() + core[1:] if not core[1:2].isupper() else core, agr=agr, d=f"{signed:%d.%m.%Y}",
        inv=rng.randint(1, 9_999), pct=rng.choice((30, 50, 70, 100)),
    )
    if rng.random() < 0.35:
        text += rng.choice(VAT[language])
    return vary_tail(rng, text)[:500], category, language


def rd_wording(rng: Random) -> tuple[str, str, str]:
    """One wording of R&D stage purposes: ``(language, head, tail)``; the agreement's topic, when
    named, goes between them, and ``{n}``, ``{d}``, ``{k}`` take its number, date and stage."""
    language = _language(rng, (85, 10, 5))
    lead = rng.choice(RD_LEADS[language])
    body = vary_form(rng, rng.choice(RD_BODIES[language]), typo_share=0.08)
    stage = rng.choice(RD_STAGES[language])
    if language == "ru" and rng.random() < 0.3:
        # the work first: «Выполнение НИОКР по договору …»
        work = vary_form(rng, rng.choice(RD_WORK_FIRST), typo_share=0.08)
        head = f"{work} по договору № {{n}} от {{d}}{stage}"
    elif language == "en":
        head = f"{lead}: {body}{stage}" if rng.random() < 0.6 else f"{body[:1].upper() + body[1:]}{stage}, agreement No {{n}} dated {{d}}"
    else:
        head = f"{lead} {body}{stage}"
    tail = rng.choice(RD_VAT[language]) if rng.random() < 0.3 else ""
    return language, head, vary_tail(rng, tail)


class RdWordings:
    """A country's R&D wordings, drawn once (the many agreements share them, as accountants reuse
    their phrasing); :meth:`purposes` writes one agreement's three stage purposes."""

    TOPIC = {"ru": " по теме «{}»", "kk": ", тақырыбы: «{}»", "en": ", topic: “{}”"}

    def __init__(self, rng: Random, size: int):
        self.rng = rng
        self.wordings = [rd_wording(rng) for _ in range(size)]

    def purposes(self, *, number: str, signed: date, topic: str | None = None) -> tuple[str, str, str]:
        rng = self.rng
        language, head, tail = rng.choice(self.wordings)
        if topic and rng.random() < 0.25:
            short = topic if len(topic) <= 90 else topic[:87].rsplit(" ", 1)[0] + "…"
            head += self.TOPIC[language].format(short.replace("{", "(").replace("}", ")"))
        template = head + tail
        d = f"{signed:%d.%m.%Y}"
        return tuple(template.format(n=number, d=d, k=k)[:500] for k in (1, 2, 3))


def rd_purposes(rng: Random, *, number: str, signed: date, topic: str | None = None) -> tuple[str, str, str]:
    """The purposes of an R&D agreement's three stages, in a wording of its own."""
    return RdWordings(rng, 1).purposes(number=number, signed=signed, topic=topic)
