"""Texts of the synthetic country: project topics, project goals, legal reasons.

Project topics are (Russian, Kazakh, English) triples per TCC sector; each carries its priority
direction and whether it is tied to a field (``site``) or to a region. Payment purposes are
composed in :mod:`niokr.synthetic.purposes`.
"""

from __future__ import annotations

import re

__all__ = [
    "TOPICS",
    "SECTOR_MIX",
    "PROJECT_GOALS",
    "LAW2010_REASON",
    "law2010_reason",
    "model_reason",
    "code_reason",
    "budget_reason",
    "stability_note",
    "base_document",
    "in_running_text",
]

# (sector, direction, site?, Russian, Kazakh, English)
TOPICS = (
    ("oil_gas", "other", True, "Разработка технологии полимерного заводнения для повышения нефтеотдачи пластов", "Мұнай бергіштікті арттыру үшін полимерлі су айдау технологиясын әзірлеу", "Polymer flooding technology for enhanced oil recovery"),
    ("oil_gas", "other", True, "Создание цифрового двойника месторождения для оптимизации режимов добычи", "Өндіру режимдерін оңтайландыру үшін кен орнының цифрлық егізін құру", "Digital twin of the field for production optimisation"),
    ("oil_gas", "other", True, "Исследование методов предотвращения асфальтосмолопарафиновых отложений в скважинах", "Ұңғымаларда асфальт-шайыр-парафин шөгінділерінің алдын алу әдістерін зерттеу", "Prevention of asphaltene and paraffin deposits in wells"),
    ("oil_gas", "other", True, "Разработка системы мониторинга коррозии промысловых трубопроводов", "Кәсіпшілік құбырлардың коррозиясын бақылау жүйесін әзірлеу", "Corrosion monitoring system for field pipelines"),
    ("oil_gas", "other", True, "Опытно-промышленные испытания многостадийного гидроразрыва пласта в низкопроницаемых коллекторах", "Өткізгіштігі төмен коллекторларда көп сатылы гидрожарудың тәжірибелік-өнеркәсіптік сынақтары", "Field trials of multistage hydraulic fracturing in tight reservoirs"),
    ("oil_gas", "greentech", True, "Технология утилизации попутного нефтяного газа на малых месторождениях", "Шағын кен орындарында ілеспе мұнай газын кәдеге жарату технологиясы", "Associated petroleum gas utilisation at small fields"),
    ("oil_gas", "other", True, "Интерпретация данных сейсморазведки 3D методами машинного обучения", "3D сейсмобарлау деректерін машиналық оқыту әдістерімен түсіндіру", "Machine-learning interpretation of 3D seismic data"),
    ("oil_gas", "greentech", True, "Очистка и повторное использование пластовой воды", "Қабат суын тазарту және қайта пайдалану", "Treatment and reuse of produced water"),
    ("industry", "other", True, "Предиктивное техническое обслуживание горного оборудования на основе анализа вибраций", "Діріл талдауы негізінде тау-кен жабдығына болжамды техникалық қызмет көрсету", "Vibration-based predictive maintenance of mining equipment"),
    ("industry", "other", True, "Система управления флотацией на основе машинного обучения", "Машиналық оқыту негізіндегі флотацияны басқару жүйесі", "Machine-learning control of flotation"),
    ("industry", "other", True, "Автономный карьерный транспорт: пилотный проект", "Автономды карьер көлігі: пилоттық жоба", "Autonomous open-pit haulage: a pilot"),
    ("industry", "other", True, "Повышение извлечения меди из труднообогатимых руд", "Байытуы қиын кендерден мыс алуды арттыру", "Higher copper recovery from refractory ores"),
    ("industry", "other", True, "Кучное выщелачивание золота из бедных окисленных руд", "Кедей тотыққан кендерден алтынды үйінділі шаймалау", "Heap leaching of gold from low-grade oxidised ores"),
    ("industry", "other", False, "Цифровая платформа учёта и планирования горных работ", "Тау-кен жұмыстарын есепке алу мен жоспарлаудың цифрлық платформасы", "Digital platform for mine accounting and planning"),
    ("green", "greentech", True, "Переработка хвостов обогащения с извлечением ценных компонентов", "Байыту қалдықтарын құнды компоненттерді ала отырып қайта өңдеу", "Reprocessing of tailings to recover valuable components"),
    ("green", "greentech", True, "Рекультивация нарушенных земель с применением местных почвогрунтов", "Жергілікті топырақ-грунттарды қолдана отырып бүлінген жерлерді рекультивациялау", "Reclamation of disturbed land with local soils"),
    ("green", "greentech", False, "Очистка шахтных и карьерных вод от тяжёлых металлов", "Шахта және карьер суларын ауыр металдардан тазарту", "Removal of heavy metals from mine and pit water"),
    ("green", "greentech", False, "Снижение пылевых выбросов на отвалах и хвостохранилищах", "Үйінділер мен қалдық қоймаларындағы шаң шығарындыларын азайту", "Dust suppression on dumps and tailings ponds"),
    ("green", "greentech", False, "Производство строительных материалов из отходов горно-металлургического производства", "Тау-кен металлургия өндірісінің қалдықтарынан құрылыс материалдарын өндіру", "Building materials from mining and metallurgical waste"),
    ("green", "greentech", False, "Улавливание и использование диоксида углерода промышленных выбросов", "Өнеркәсіптік шығарындылардағы көмірқышқыл газын ұстау және пайдалану", "Capture and use of carbon dioxide from industrial emissions"),
    ("power", "greentech", False, "Гибридная солнечно-дизельная энергоустановка для удалённых объектов", "Шалғай объектілерге арналған гибридті күн-дизель энергия қондырғысы", "Hybrid solar-diesel power plant for remote sites"),
    ("power", "other", False, "Рекуперация тепла технологических процессов обогатительной фабрики", "Байыту фабрикасының технологиялық процестерінің жылуын рекуперациялау", "Heat recovery from concentrator processes"),
    ("power", "greentech", False, "Системы накопления энергии для карьерной техники", "Карьер техникасына арналған энергия жинақтау жүйелері", "Energy storage for open-pit machinery"),
    ("nuclear", "other", True, "Повышение извлечения урана при подземном скважинном выщелачивании", "Жерасты ұңғымалық шаймалау кезінде уран алуды арттыру", "Higher uranium recovery in in-situ leaching"),
    ("nuclear", "other", True, "Сорбционная переработка продуктивных растворов", "Өнімді ерітінділерді сорбциялық өңдеу", "Sorption processing of pregnant solutions"),
    ("nuclear", "greentech", True, "Радиационный мониторинг и восстановление подземных вод после выщелачивания", "Шаймалаудан кейінгі жерасты суларын радиациялық бақылау және қалпына келтіру", "Radiation monitoring and groundwater restoration after leaching"),
    ("electronics", "other", False, "Беспроводные датчики газоанализа для подземных выработок", "Жерасты қазбаларына арналған сымсыз газ талдау датчиктері", "Wireless gas sensors for underground workings"),
    ("electronics", "other", False, "Беспилотные системы аэромагнитной съёмки", "Пилотсыз аэромагниттік түсірілім жүйелері", "Unmanned aeromagnetic survey systems"),
    ("electronics", "other", False, "Промышленный интернет вещей для мониторинга насосного оборудования", "Сорғы жабдығын бақылауға арналған өнеркәсіптік заттар интернеті", "Industrial IoT for pump monitoring"),
    ("healthcare", "medtech", False, "Телемедицинская платформа для работников вахтовых посёлков", "Вахталық кенттер қызметкерлеріне арналған телемедициналық платформа", "Telemedicine platform for rotation camp workers"),
    ("healthcare", "medtech", False, "Ранняя диагностика пневмокониоза с применением искусственного интеллекта", "Жасанды интеллект көмегімен пневмокониозды ерте анықтау", "AI-assisted early diagnosis of pneumoconiosis"),
    ("healthcare", "medtech", False, "Носимые устройства мониторинга состояния здоровья горняков", "Кеншілердің денсаулық жағдайын бақылайтын киілетін құрылғылар", "Wearable health monitors for miners"),
    ("healthcare", "medtech", False, "Средства индивидуальной защиты органов дыхания нового поколения", "Тыныс алу органдарын жеке қорғаудың жаңа буын құралдары", "Next-generation respiratory protective equipment"),
    ("agro", "agritech", False, "Получение гуминовых удобрений из окисленных углей", "Тотыққан көмірлерден гуминдік тыңайтқыштар алу", "Humic fertilisers from oxidised coal"),
    ("agro", "agritech", False, "Использование очищенных попутных вод для орошения кормовых культур", "Тазартылған ілеспе суларды мал азықтық дақылдарды суаруға пайдалану", "Treated produced water for irrigating fodder crops"),
    ("agro", "agritech", False, "Сельскохозяйственное использование рекультивированных земель", "Рекультивацияланған жерлерді ауыл шаруашылығында пайдалану", "Agricultural use of reclaimed land"),
)

#: Sector weights by the payer's mineral focus (sector, weight).
SECTOR_MIX = {
    "hydrocarbons": (("oil_gas", 56), ("green", 14), ("industry", 8), ("power", 7), ("electronics", 5), ("healthcare", 6), ("agro", 4)),
    "uranium": (("nuclear", 58), ("green", 14), ("industry", 8), ("healthcare", 10), ("electronics", 6), ("power", 4)),
    "solid": (("industry", 38), ("green", 24), ("power", 10), ("electronics", 8), ("healthcare", 12), ("agro", 8)),
}

PROJECT_GOALS = (
    "снижение себестоимости и повышение извлечения",
    "снижение воздействия на окружающую среду",
    "импортозамещение оборудования и реагентов",
    "повышение безопасности и охраны труда",
    "цифровизация производственных процессов",
)

LAW2010_REASON = "Закон РК от 24.06.2010 № 291-IV «О недрах и недропользовании», ст. 76 п. 12-1 (в ред. 2012 г.)"
LAW2010_REASON_KK = "ҚР 24.06.2010 жылғы № 291-IV «Жер қойнауы және жер қойнауын пайдалану туралы» Заңы, 76-бап 12-1-тармақ (2012 жылғы редакцияда)"
LAW2010_REASON_EN = "Law of the Republic of Kazakhstan of 24.06.2010 No 291-IV “On Subsoil and Subsoil Use”, art. 76(12-1) (as amended in 2012)"

Texts = tuple[str, str, str]


def _agreement(amendment: str) -> Texts:
    """An additional agreement's «№ 8 от 18.07.2012» as each language writes it."""
    match = re.fullmatch(r"№ (\S+) от (\d\d\.\d\d\.\d{4})", amendment)
    if match is None:
        raise ValueError(f"not an agreement number and date: {amendment!r}")
    number, day = match.groups()
    return amendment, f"{day} жылғы № {number}", f"No {number} of {day}"


def law2010_reason(clause: str, amendment: str | None) -> Texts:
    """Legal reason of a LAW2010_SGD assignment: the law and the contract clause (or its amendment).
    Russian, Kazakh, English."""
    if amendment:
        ru, kk, en = _agreement(amendment)
        return (
            f"{LAW2010_REASON}; пункт {clause} контракта в редакции дополнительного соглашения {ru}",
            f"{LAW2010_REASON_KK}; {kk} қосымша келісіммен өзгертілген келісімшарттың {clause}-тармағы",
            f"{LAW2010_REASON_EN}; clause {clause} of the contract as amended by additional agreement {en}",
        )
    return (
        f"{LAW2010_REASON}; пункт {clause} контракта",
        f"{LAW2010_REASON_KK}; келісімшарттың {clause}-тармағы",
        f"{LAW2010_REASON_EN}; clause {clause} of the contract",
    )


def model_reason(amendment: str) -> Texts:
    """Legal reason of a MODEL2026_SGD assignment. Russian, Kazakh, English."""
    ru, kk, en = _agreement(amendment)
    return (
        f"Приказ МПС РК от 30.01.2026 № 34 (типовые контракты); дополнительное соглашение {ru} о приведении контракта в соответствие с типовым контрактом",
        f"ҚР ӨҚМ 30.01.2026 жылғы № 34 бұйрығы (үлгілік келісімшарттар); келісімшартты үлгілік келісімшартқа сәйкестендіру туралы {kk} қосымша келісім",
        f"Order of the Ministry of Industry and Construction of 30.01.2026 No 34 (model contracts); additional agreement {en} bringing the contract into line with the model contract",
    )


def code_reason(mineral: str, *, licence: bool, amendment: str | None = None) -> Texts:
    """Legal reason of a CODE2017_COSTS assignment. Russian, Kazakh, English."""
    article = "178" if mineral == "solid" else "129"
    base = (
        f"Кодекс РК от 27.12.2017 № 125-VI «О недрах и недропользовании», ст. {article}",
        f"ҚР 27.12.2017 жылғы № 125-VI «Жер қойнауы және жер қойнауын пайдалану туралы» Кодексі, {article}-бап",
        f"Code of the Republic of Kazakhstan of 27.12.2017 No 125-VI “On Subsoil and Subsoil Use”, art. {article}",
    )
    if amendment:
        ru, kk, en = _agreement(amendment)
        return (
            f"{base[0]}; дополнительное соглашение {ru} о переходе на условия Кодекса",
            f"{base[1]}; Кодекс талаптарына көшу туралы {kk} қосымша келісім",
            f"{base[2]}; additional agreement {en} on moving to the terms of the Code",
        )
    if licence:
        return f"{base[0]}; условия лицензии", f"{base[1]}; лицензия талаптары", f"{base[2]}; terms of the licence"
    return f"{base[0]}; условия контракта", f"{base[1]}; келісімшарт талаптары", f"{base[2]}; terms of the contract"


def budget_reason(mineral: str) -> Texts:
    """Legal reason of a BUDGET2026_COSTS assignment (the order for the mineral group). Russian, Kazakh, English."""
    if mineral == "solid":
        return (
            "Совместный приказ МПС РК от 29.12.2025 № 553 и МНВО РК от 29.12.2025 № 598 (рег. МЮ № 37778): перечисление в республиканский бюджет",
            "ҚР ӨҚМ 29.12.2025 жылғы № 553 және ҚР ҒЖБМ 29.12.2025 жылғы № 598 бірлескен бұйрығы (ӘМ тіркеу № 37778): республикалық бюджетке аудару",
            "Joint order of the Ministry of Industry and Construction of 29.12.2025 No 553 and the Ministry of Science and Higher Education "
            "of 29.12.2025 No 598 (Ministry of Justice reg. No 37778): transfer to the republican budget",
        )
    if mineral == "uranium":
        return (
            "Совместный приказ ААЭ РК от 18.12.2025 № 90-н/қ и МНВО РК от 19.12.2025 № 577 (рег. МЮ № 37686): перечисление в республиканский бюджет, КБК 401103",
            "ҚР АЭА 18.12.2025 жылғы № 90-н/қ және ҚР ҒЖБМ 19.12.2025 жылғы № 577 бірлескен бұйрығы (ӘМ тіркеу № 37686): республикалық бюджетке аудару, БСК 401103",
            "Joint order of the Atomic Energy Agency of 18.12.2025 No 90-n/q and the Ministry of Science and Higher Education of 19.12.2025 "
            "No 577 (Ministry of Justice reg. No 37686): transfer to the republican budget, KBK 401103",
        )
    return (
        "Совместный приказ МЭ РК от 17.12.2025 № 490-н/қ и МНВО РК от 17.12.2025 № 574 (рег. МЮ № 37604): перечисление в республиканский бюджет, КБК 401103",
        "ҚР ЭМ 17.12.2025 жылғы № 490-н/қ және ҚР ҒЖБМ 17.12.2025 жылғы № 574 бірлескен бұйрығы (ӘМ тіркеу № 37604): республикалық бюджетке аудару, БСК 401103",
        "Joint order of the Ministry of Energy of 17.12.2025 No 490-n/q and the Ministry of Science and Higher Education of 17.12.2025 "
        "No 574 (Ministry of Justice reg. No 37604): transfer to the republican budget, KBK 401103",
    )


def stability_note(clause: str, has_clause: bool) -> tuple[str, str, str]:
    """The contract's stability wording as kept in the registry: Russian, Kazakh, English."""
    if not has_clause:
        return (
            "Стабильность условий контракта; условие о финансировании НИОКР в контракте отсутствует",
            "Келісімшарт талаптарының тұрақтылығы; келісімшартта ҒЗТКЖ-ны қаржыландыру туралы талап жоқ",
            "Stability of the contract terms; the contract has no clause on financing R&D",
        )
    return (
        f"Стабильность условий контракта (ст. 71 Закона от 24.06.2010 № 291-IV). Пункт {clause}: недропользователь ежегодно "
        "финансирует НИОКР в размере не менее 1% от совокупного годового дохода по контрактной деятельности за предыдущий год",
        f"Келісімшарт талаптарының тұрақтылығы (2010 жылғы 24 маусымдағы № 291-IV Заңның 71-бабы). {clause}-тармақ: жер қойнауын "
        "пайдаланушы жыл сайын ҒЗТКЖ-ны өткен жылғы келісімшарттық қызмет бойынша жиынтық жылдық табыстың кемінде 1% мөлшерінде қаржыландырады",
        f"Stability of the contract terms (Article 71 of the Law of 24.06.2010 No 291-IV). Clause {clause}: the subsoil user finances "
        "R&D every year at no less than 1% of the aggregate annual income from the contract activity in the previous year",
    )


def base_document(year: int, number: str, *, correction: bool = False) -> tuple[str, str, str]:
    """The name of the report a base figure comes from (the licence and contract terms report, ЛКУ),
    with its incoming number: Russian, Kazakh, English."""
    if correction:
        return (
            f"Корректировка отчёта ЛКУ за {year} год, вх. № {number}-К",
            f"{year} жылғы ЛКТ есебін түзету, кіріс № {number}-К",
            f"Correction of the licence and contract terms report for {year}, incoming No {number}-K",
        )
    return (
        f"Отчёт ЛКУ за {year} год, вх. № {number}",
        f"{year} жылғы ЛКТ есебі, кіріс № {number}",
        f"Licence and contract terms report for {year}, incoming No {number}",
    )


def in_running_text(region_ru: str) -> str:
    """A Russian region label as written inside a sentence: «Область Абай» → «область Абай»,
    «Город Астана» → «город Астана» (the labels begin with a capital, as they stand alone in tables)."""
    for word in ("Область ", "Город "):
        if region_ru.startswith(word):
            return word.lower() + region_ru[len(word):]
    return region_ru
