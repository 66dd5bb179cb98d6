"""Texts of the wider catalogue's injected problems (:mod:`niokr.synthetic.inject_wide`).

What schemers write when they sell one work twice, split it, pass it through a shell or hide a
purpose: subjects of specific works in Russian, Kazakh and English, reworded, translated,
transliterated into Latin letters or typed with look-alike letters; stage tasks and report titles;
names of individual entrepreneurs and natural persons with their IINs; beneficial owners; bank
statement purposes; and the disguises of a payment purpose. Nothing here is read by the control
engine.
"""

from __future__ import annotations

from datetime import date
from random import Random

from niokr.core.bin import check_digit

__all__ = [
    "WORKS", "work_subject", "reword", "translit", "homoglyphs", "disguise", "mixed_script", "STAGE_TASKS", "stage_title", "report_text",
    "result_title", "person", "iin", "ie_names", "FOREIGN_PEOPLE", "FOREIGN_ENTITIES", "OWNER_SOURCES", "bank_purpose", "budget_purpose",
    "gph_purpose", "onward_subject", "HOLIDAYS", "is_holiday", "moved_days_off", "effective_form", "KURBAN_AIT", "near_uncertain", "DISGUISES",
]

# -- specific works: (key, Russian, Russian reworded, Kazakh, English, parameter range, decimals) --------
#: ``{p}`` is the work's parameter (a salinity, a depth, a share of copper …): the same work for two
#: payers names the same figure, a clean look-alike names another one.
WORKS = (
    ("scale_inhibitor",
     "Разработка ингибитора солеотложения на основе фосфонатов для пластовых условий с минерализацией воды {p} г/л",
     "Создание фосфонатного ингибитора отложения солей для условий пласта с минерализацией {p} г/л",
     "Минералдануы {p} г/л қабат жағдайлары үшін фосфонаттар негізінде тұз шөгуінің ингибиторын әзірлеу",
     "Development of a phosphonate-based scale inhibitor for reservoir water with a salinity of {p} g/l", (120, 260), 0),
    ("hot_water",
     "Исследование влияния температуры закачиваемой воды на вытеснение высоковязкой нефти на керновых моделях при {p} °C",
     "Изучение воздействия температуры нагнетаемой воды ({p} °C) на вытеснение вязкой нефти на образцах керна",
     "{p} °C кезінде керн үлгілерінде айдалатын су температурасының тұтқырлығы жоғары мұнайды ығыстыруға әсерін зерттеу",
     "Effect of injected water temperature ({p} °C) on the displacement of heavy oil in core models", (40, 95), 0),
    ("flotation",
     "Оптимизация реагентного режима флотации медно-порфировых руд с содержанием меди {p} %",
     "Подбор оптимального реагентного режима флотационного обогащения медно-порфировой руды ({p} % Cu)",
     "Құрамында {p} % мыс бар мыс-порфир кендерін флотациялаудың реагенттік режимін оңтайландыру",
     "Optimisation of the reagent regime for the flotation of porphyry copper ores grading {p} % Cu", (25, 80), 2),
    ("pit_slopes",
     "Разработка методики прогноза устойчивости бортов карьера глубиной {p} м",
     "Создание методики прогнозирования устойчивости откосов бортов карьера глубиной до {p} м",
     "Тереңдігі {p} м карьер беткейлерінің орнықтылығын болжау әдістемесін әзірлеу",
     "A method for predicting the stability of the walls of an open pit {p} m deep", (180, 640), 0),
    ("leak_detection",
     "Создание системы раннего обнаружения утечек на магистральном трубопроводе протяжённостью {p} км на основе волоконно-оптических датчиков",
     "Система раннего выявления утечек на трубопроводе длиной {p} км с применением оптоволоконных датчиков",
     "Ұзындығы {p} км магистральдық құбырда талшықты-оптикалық датчиктер негізінде ағып кетуді ерте анықтау жүйесін құру",
     "An early leak detection system for a {p} km trunk pipeline based on fibre-optic sensors", (40, 420), 0),
    ("rhenium",
     "Технология сорбционного извлечения рения из продуктивных растворов подземного выщелачивания урана с концентрацией {p} мг/л",
     "Разработка технологии извлечения рения сорбцией из урановых продуктивных растворов ПСВ ({p} мг/л)",
     "Концентрациясы {p} мг/л уранды жерасты шаймалаудың өнімді ерітінділерінен ренийді сорбциялық бөліп алу технологиясы",
     "Sorption recovery of rhenium from in-situ uranium leach solutions at {p} mg/l", (20, 180), 1),
    ("salt_cement",
     "Разработка состава тампонажного раствора для крепления скважин в интервалах соленосных отложений на глубине {p} м",
     "Подбор рецептуры тампонажного раствора для цементирования скважин в соленосных интервалах (глубина {p} м)",
     "{p} м тереңдіктегі тұзды шөгінділер аралықтарында ұңғымаларды бекітуге арналған тампонаж ерітіндісінің құрамын әзірлеу",
     "Cement slurry design for casing wells through salt-bearing intervals at a depth of {p} m", (1800, 5200), 0),
    ("bioreclamation",
     "Оценка эффективности биологической рекультивации хвостохранилища площадью {p} га с применением местных видов растений",
     "Анализ результативности биорекультивации хвостохранилища ({p} га) местными видами растений",
     "Жергілікті өсімдік түрлерін қолдана отырып, ауданы {p} га қалдық қоймасын биологиялық рекультивациялаудың тиімділігін бағалау",
     "Effectiveness of the biological reclamation of a {p} ha tailings facility with native plant species", (30, 900), 0),
    ("mine_ventilation",
     "Разработка цифровой модели вентиляционной сети рудника с {p} горизонтами",
     "Создание цифровой модели шахтной вентиляционной сети рудника ({p} горизонтов)",
     "{p} горизонты бар кеніштің желдету желісінің цифрлық моделін әзірлеу",
     "A digital model of the ventilation network of a mine with {p} levels", (4, 19), 0),
    ("h2s_welds",
     "Исследование коррозионной стойкости сварных соединений труб в среде с содержанием сероводорода {p} %",
     "Изучение стойкости к коррозии сварных швов трубопроводов в сероводородсодержащей среде ({p} % H2S)",
     "Құрамында {p} % күкіртсутек бар ортада құбырлардың дәнекерленген қосылыстарының коррозияға төзімділігін зерттеу",
     "Corrosion resistance of welded pipe joints in an environment containing {p} % hydrogen sulphide", (5, 240), 1),
    ("coal_briquettes",
     "Разработка технологии брикетирования угольной мелочи с получением топлива теплотворной способностью {p} ккал/кг",
     "Технология получения топливных брикетов из угольной мелочи с теплотой сгорания {p} ккал/кг",
     "Жылу бергіштігі {p} ккал/кг отын ала отырып, көмір ұнтағын брикеттеу технологиясын әзірлеу",
     "Briquetting of coal fines into a fuel with a calorific value of {p} kcal/kg", (4200, 6800), 0),
    ("water_cut_ml",
     "Модель прогнозирования обводнённости добывающих скважин методами машинного обучения по данным {p} скважин",
     "Прогноз обводнения добывающих скважин с помощью машинного обучения (выборка {p} скважин)",
     "{p} ұңғыма деректері бойынша машиналық оқыту әдістерімен өндіру ұңғымаларының сулануын болжау моделі",
     "A machine-learning forecast of water cut in producing wells from data on {p} wells", (60, 900), 0),
    ("dust_suppression",
     "Разработка состава для пылеподавления на отвалах с использованием отходов {p}-й категории",
     "Подбор пылеподавляющего состава для отвалов на основе отходов {p}-й категории",
     "{p}-санатты қалдықтарды пайдалана отырып, үйінділерде шаң басу құрамын әзірлеу",
     "A dust suppression compound for waste dumps made from category {p} waste", (2, 5), 0),
    ("gas_sensors",
     "Создание опытного образца беспроводного газоанализатора метана для горных выработок глубиной {p} м",
     "Опытный образец беспроводного анализатора метана для подземных выработок на глубине {p} м",
     "Тереңдігі {p} м тау-кен қазбаларына арналған метанның сымсыз газ талдағышының тәжірибелік үлгісін жасау",
     "A prototype wireless methane analyser for mine workings {p} m deep", (250, 1200), 0),
)

#: How an agreement's subject is led in: (Russian, Kazakh, English) templates around the work.
SUBJECT_LEADS = {
    "ru": ("Выполнение научно-исследовательских работ по теме «{w}»", "НИОКР: {w}", "{w}", "Научно-исследовательская работа «{w}»",
           "Выполнение НИОКР «{w}»", "Оказание услуг по проведению НИР «{w}»"),
    "kk": ("«{w}» тақырыбы бойынша ғылыми-зерттеу жұмыстарын орындау", "ҒЗТКЖ: {w}", "{w}"),
    "en": ("Research work: {w}", "R&D services: {w}", "{w}"),
}


def work_value(rng: Random, work) -> float:
    """A figure for the work's parameter (its range is in units of ``10**-places``)."""
    lo, hi = work[5]
    places = work[6]
    return rng.randint(lo, hi) / 10**places


def _fmt(value: float, places: int, lang: str) -> str:
    text = f"{value:.{places}f}" if places else f"{int(value)}"
    return text.replace(".", ",") if lang in ("ru", "kk") else text


def work_subject(rng: Random, work, value: float, *, lang: str = "ru", variant: int = 0, lead: bool = True) -> str:
    """The subject of an agreement for ``work`` with parameter ``value``: Russian (variant 0 or its
    rewording 1), Kazakh or English, with a lead-in typical of the language when ``lead``."""
    places = work[6]
    p = _fmt(value, places, lang)
    core = {"ru": work[1 + variant], "kk": work[3], "en": work[4]}[lang].format(p=p)
    if not lead:
        return core
    return rng.choice(SUBJECT_LEADS[lang]).format(w=core)


#: Russian words a clerk swaps when a subject is typed again (either way round).
SYNONYMS = (
    ("Разработка", "Создание"), ("разработка", "создание"), ("Исследование", "Изучение"), ("исследование", "изучение"),
    ("методики", "методического подхода"), ("технологии", "технологического решения"), ("системы", "комплекса"),
    ("оценка", "анализ"), ("Оценка", "Анализ"), ("с применением", "с использованием"), ("на основе", "на базе"),
    ("прогноза", "прогнозирования"), ("опытного образца", "прототипа"), ("для условий", "применительно к условиям"),
)


def reword(rng: Random, text: str, *, changes: int = 2) -> str:
    """``text`` retyped by another hand: up to ``changes`` synonyms swapped, sometimes a quote style or
    a closing full stop changed (the meaning and the figures stay)."""
    pairs = [p for p in SYNONYMS if p[0] in text or p[1] in text]
    rng.shuffle(pairs)
    for a, b in pairs[:changes]:
        text = text.replace(a, b, 1) if a in text else text.replace(b, a, 1)
    roll = rng.random()
    if roll < 0.2:
        text = text.replace("«", "\"").replace("»", "\"")
    elif roll < 0.3:
        text = text.rstrip(".") + "."
    return text


# -- transliteration and look-alike letters ---------------------------------------------------------

_TRANSLIT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z", "и": "i", "й": "y", "к": "k",
    "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    "ә": "a", "ғ": "g", "қ": "q", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "і": "i",
}
#: Another system in use: the passport (ICAO) one, and an informal one typed on a phone.
_TRANSLIT_ALT = {"х": "h", "ц": "c", "ю": "iu", "я": "ia", "й": "i", "ы": "y", "щ": "sch", "ж": "j", "ч": "4"}
#: Kazakh in the Latin alphabet of 2021.
_KAZ_LATIN = {
    "ә": "ä", "ғ": "ğ", "қ": "q", "ң": "ñ", "ө": "ö", "ұ": "ū", "ү": "ü", "һ": "h", "і": "ı", "ш": "ş", "ч": "ç", "ж": "j",
    "й": "i", "ы": "y", "у": "u", "х": "h", "ц": "ts", "щ": "ş", "ю": "iu", "я": "ia", "ё": "io", "ъ": "", "ь": "",
}


def translit(text: str, *, system: str = "gost") -> str:
    """``text`` in Latin letters: ``gost`` (zh, kh, ts, shch), ``phone`` (j, h, c, 4 for ч) or ``kazakh``
    (the Kazakh Latin alphabet of 2021: ä, ğ, q, ñ, ö, ū, ü, ı, ş, ç)."""
    out = []
    for ch in text:
        low = ch.lower()
        if system == "kazakh" and low in _KAZ_LATIN:
            rep = _KAZ_LATIN[low]
        elif system == "phone" and low in _TRANSLIT_ALT:
            rep = _TRANSLIT_ALT[low]
        elif low in _TRANSLIT:
            rep = _TRANSLIT[low]
        else:
            out.append(ch)
            continue
        out.append(rep.capitalize() if ch.isupper() and rep else rep)
    return "".join(out)


#: Latin letters typed for Cyrillic ones (and back): they look the same on screen.
CYR_TO_LAT = {"а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x", "у": "y", "к": "k", "А": "A", "В": "B", "Е": "E", "К": "K",
              "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T", "Х": "X"}
LAT_TO_CYR = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у", "A": "А", "B": "В", "E": "Е", "K": "К", "M": "М",
              "H": "Н", "O": "О", "P": "Р", "C": "С", "T": "Т", "X": "Х"}


def homoglyphs(rng: Random, text: str, share: float = 0.35, *, reverse: bool = False) -> str:
    """``text`` with a ``share`` of its replaceable letters typed in the other script's look-alikes."""
    table = LAT_TO_CYR if reverse else CYR_TO_LAT
    chars = list(text)
    spots = [i for i, ch in enumerate(chars) if ch in table]
    if not spots:
        return text
    for i in rng.sample(spots, max(1, round(share * len(spots)))):
        chars[i] = table[chars[i]]
    return "".join(chars)


def mixed_script(word: str) -> bool:
    """Whether a word mixes Cyrillic and Latin letters."""
    cyr = any("\u0400" <= ch <= "\u04ff" for ch in word)
    lat = any(ch.isascii() and ch.isalpha() for ch in word)
    return cyr and lat


_DIGIT_LOOKALIKES = {"о": "0", "О": "0", "з": "3", "З": "3", "б": "6", "ч": "4", "Ч": "4", "l": "1", "o": "0", "O": "0"}
_INVISIBLE = ("\u200b", "\u00ad", "\u200c")

#: The disguises of a purpose (NK-50), weights.
DISGUISES = (("lookalike_letters", 30), ("transliterated", 25), ("mixed_kazakh_latin", 10), ("digits_for_letters", 10),
             ("invisible_characters", 10), ("spaced_letters", 5), ("reverse_lookalikes", 10))


def _words(text: str) -> list[tuple[int, int]]:
    spans, start = [], None
    for i, ch in enumerate(text + " "):
        if ch.isalpha():
            if start is None:
                start = i
        elif start is not None:
            spans.append((start, i))
            start = None
    return spans


def effective_form(language: str, form: str) -> str:
    """The disguise a text in ``language`` can take: an English text is already in Latin letters, so
    transliteration and Latin look-alikes become Cyrillic look-alikes in it."""
    if language == "en" and form in ("transliterated", "mixed_kazakh_latin", "lookalike_letters"):
        return "reverse_lookalikes"
    return form


def disguise(rng: Random, text: str, language: str, form: str) -> str:
    """``text`` disguised in ``form`` so that its words no longer match a list of words as typed."""
    form = effective_form(language, form)
    if form == "transliterated":
        return translit(text, system=rng.choice(("gost", "gost", "phone")))
    if form == "mixed_kazakh_latin":
        return translit(text, system="kazakh") if language == "kk" else translit(text, system="phone")
    if form == "reverse_lookalikes":
        # Latin words typed with Cyrillic look-alikes (an English purpose), else Russian with Latin ones
        return homoglyphs(rng, text, 0.6, reverse=True) if language == "en" else homoglyphs(rng, text, 0.6)
    spans = [(a, b) for a, b in _words(text) if b - a >= 4]
    if not spans:
        return homoglyphs(rng, text, 0.5)
    chosen = rng.sample(spans, max(1, min(len(spans), round(len(spans) * rng.uniform(0.5, 1.0)))))
    chosen.sort(reverse=True)
    out = text
    for a, b in chosen:
        word = out[a:b]
        if form == "lookalike_letters":
            new = homoglyphs(rng, word, rng.uniform(0.3, 0.7))
        elif form == "digits_for_letters":
            new = "".join(_DIGIT_LOOKALIKES.get(ch, ch) if rng.random() < 0.7 else ch for ch in word)
            if new == word:
                new = homoglyphs(rng, word, 0.5)
        elif form == "invisible_characters":
            k = rng.randint(1, len(word) - 1)
            new = word[:k] + rng.choice(_INVISIBLE) + word[k:]
        else:  # spaced_letters
            new = rng.choice((" ", ".", "-")).join(word) if len(word) <= 9 else word[:2] + "-" + word[2:]
        out = out[:a] + new + out[b:]
    return out


# -- stages, reports, results ---------------------------------------------------------------------

#: Tasks of a calendar plan's stages: (Russian, Kazakh, English).
STAGE_TASKS = (
    ("Аналитический обзор и выбор методики исследований", "Аналитикалық шолу және зерттеу әдістемесін таңдау", "Literature review and choice of method"),
    ("Лабораторные исследования", "Зертханалық зерттеулер", "Laboratory studies"),
    ("Разработка опытного образца и программы испытаний", "Тәжірибелік үлгіні және сынақ бағдарламасын әзірлеу", "Prototype and test programme"),
    ("Опытно-промышленные испытания", "Тәжірибелік-өнеркәсіптік сынақтар", "Pilot field trials"),
    ("Обработка результатов и разработка рекомендаций", "Нәтижелерді өңдеу және ұсынымдар әзірлеу", "Processing of results and recommendations"),
)


def stage_title(k: int, n: int) -> str:
    """A stage's title in its calendar plan (Russian, as the plans are kept)."""
    last = len(STAGE_TASKS) - 1
    task = STAGE_TASKS[min(last, round(k * last / (n - 1))) if n > 1 else 1][0]
    return f"Этап {k + 1}. {task}"


def report_text(rng: Random, work_text: str, k: int, n: int, *, lang: str = "ru", pages: int | None = None) -> str:
    """What a stage's report delivers: its title page in a line, with pages, figures and tables."""
    pages = pages or rng.randint(38, 260)
    figures, tables = rng.randint(4, 60), rng.randint(2, 40)
    kind_ru = "заключительный" if k == n - 1 else "промежуточный"
    kind_kk = "қорытынды" if k == n - 1 else "аралық"
    kind_en = "final" if k == n - 1 else "interim"
    last = len(STAGE_TASKS) - 1
    task = STAGE_TASKS[min(last, round(k * last / (n - 1))) if n > 1 else 1]
    if lang == "kk":
        return f"«{work_text}» ҒЗЖ туралы есеп ({kind_kk}, {k + 1}-кезең: {task[1].lower()}), {pages} б., {figures} сурет, {tables} кесте"
    if lang == "en":
        return f"Research report “{work_text}” ({kind_en}, stage {k + 1}: {task[2].lower()}), {pages} pp., {figures} figures, {tables} tables"
    return f"Отчёт о НИР «{work_text}» ({kind_ru}, этап {k + 1}: {task[0].lower()}), {pages} с., {figures} рис., {tables} табл."


RESULT_KINDS = {
    "publication": ("Статья «{t}»", "«{t}» мақаласы", "Article “{t}”"),
    "patent": ("Патент на изобретение «{t}»", "«{t}» өнертабысқа патент", "Patent for the invention “{t}”"),
    "implementation": ("Внедрение: {t}", "Енгізу: {t}", "Implementation: {t}"),
}


def result_title(kind: str, work_text: str, lang: str = "ru") -> str:
    i = {"ru": 0, "kk": 1, "en": 2}[lang]
    short = work_text if len(work_text) <= 150 else work_text[:147].rsplit(" ", 1)[0] + "…"
    return RESULT_KINDS[kind][i].format(t=short)


# -- people: individual entrepreneurs, natural persons, beneficial owners --------------------------

#: (Russian, Kazakh, English) surnames, male form; the female form adds «а» (Russian, Kazakh) or "a".
SURNAMES = (
    ("Сейткали", "Сейітқали", "Seitkali"), ("Жумабеков", "Жұмабеков", "Zhumabekov"), ("Тулегенов", "Төлегенов", "Tulegenov"),
    ("Садыков", "Садықов", "Sadykov"), ("Нуржанов", "Нұржанов", "Nurzhanov"), ("Абдрахманов", "Әбдірахманов", "Abdrakhmanov"),
    ("Касымов", "Қасымов", "Kassymov"), ("Шакенов", "Шәкенов", "Shakenov"), ("Ергалиев", "Ерғалиев", "Yergaliyev"),
    ("Жакупов", "Жақыпов", "Zhakupov"), ("Толеубаев", "Төлеубаев", "Toleubayev"), ("Мухамедиев", "Мұхамедиев", "Mukhamediyev"),
    ("Сагындыков", "Сағындықов", "Sagyndykov"), ("Турсунов", "Тұрсынов", "Tursunov"), ("Кенжебаев", "Кенжебаев", "Kenzhebayev"),
    ("Омаров", "Омаров", "Omarov"), ("Бекмагамбетов", "Бекмағамбетов", "Bekmagambetov"), ("Утегенов", "Өтегенов", "Utegenov"),
)
#: (Russian, Kazakh, English, patronymic stem in Russian, in Kazakh), male first.
FIRST_MALE = (
    ("Арман", "Арман", "Arman", "Арманович", "Арман"), ("Ерлан", "Ерлан", "Yerlan", "Ерланович", "Ерлан"),
    ("Данияр", "Данияр", "Daniyar", "Даниярович", "Данияр"), ("Марат", "Марат", "Marat", "Маратович", "Марат"),
    ("Бауыржан", "Бауыржан", "Bauyrzhan", "Бауыржанович", "Бауыржан"), ("Нурлан", "Нұрлан", "Nurlan", "Нурланович", "Нұрлан"),
    ("Тимур", "Тимур", "Timur", "Тимурович", "Тимур"), ("Асхат", "Асхат", "Askhat", "Асхатович", "Асхат"),
)
FIRST_FEMALE = (("Гульнара", "Гүлнар", "Gulnara"), ("Айжан", "Айжан", "Aizhan"), ("Салтанат", "Салтанат", "Saltanat"), ("Алия", "Әлия", "Aliya"),
                ("Динара", "Динара", "Dinara"), ("Жанар", "Жанар", "Zhanar"))


def person(rng: Random) -> dict:
    """An invented person: names in three languages (full and with initials) and sex."""
    surname = rng.choice(SURNAMES)
    father = rng.choice(FIRST_MALE)
    if rng.random() < 0.65:
        first = rng.choice(FIRST_MALE)
        ru_s, kk_s, en_s, female = surname[0], surname[1], surname[2], False
        patr_ru, patr_kk = father[3], father[4] + "ұлы"
    else:
        f = rng.choice(FIRST_FEMALE)
        first = (f[0], f[1], f[2])
        ru_s, kk_s, en_s, female = surname[0] + ("а" if surname[0][-1] in "вн" else ""), surname[1] + ("а" if surname[1][-1] in "вн" else ""), surname[2] + ("a" if surname[2][-1] in "vn" else ""), True
        patr_ru, patr_kk = father[3][:-4] + "овна" if father[3].endswith("ович") else father[3], father[4] + "қызы"
    return {
        "ru": f"{ru_s} {first[0]} {patr_ru}", "kk": f"{kk_s} {first[1]} {patr_kk}", "en": f"{first[2]} {en_s}",
        "ru_short": f"{ru_s} {first[0][0]}.{patr_ru[0]}.", "kk_short": f"{kk_s} {first[1][0]}.{patr_kk[0]}.", "en_short": f"{first[2][0]}. {en_s}",
        "female": female,
    }


def iin(rng: Random, born: date, female: bool, taken: set[str]) -> str:
    """A valid IIN: YYMMDD of birth, the century-and-sex digit, a serial and the check digit."""
    century = (3 if born.year < 2000 else 5) + (1 if female else 0)
    for _attempt in range(200):
        first11 = f"{born:%y%m%d}{century}{rng.randint(0, 9999):04d}"
        k = check_digit(first11)
        if k is not None and first11 + str(k) not in taken:
            taken.add(first11 + str(k))
            return first11 + str(k)
    raise RuntimeError("no IIN left for this birth date")


def ie_names(rng: Random, who: dict, form: str) -> tuple[str, str, str]:
    """(Russian, Kazakh, English) names of an individual entrepreneur or a natural person."""
    if form == "ie_short":
        return f"ИП «{who['ru_short']}»", f"«{who['kk_short']}» ЖК", f"IE {who['en_short']}"
    if form == "ie_full":
        return f"Индивидуальный предприниматель {who['ru']}", f"{who['kk']} жеке кәсіпкері", f"Individual entrepreneur {who['en']}"
    if form == "ie_brand":
        brand = rng.choice((("Лаборатория", "Зертхана", "Laboratory"), ("Консалтинг", "Консалтинг", "Consulting"), ("Эксперт", "Сарапшы", "Expert")))
        return f"ИП {who['ru_short']} («{brand[0]}»)", f"{who['kk_short']} ЖК («{brand[1]}»)", f"IE {who['en_short']} ({brand[2]})"
    return who["ru"], who["kk"], who["en"]  # a natural person under a civil-law contract


#: Foreign natural persons: (name, country).
FOREIGN_PEOPLE = (
    ("Andreas Christodoulou", "CY"), ("Jan van der Berg", "NL"), ("Mehmet Kaya", "TR"), ("Li Wenjie", "CN"), ("Omar Al Hammadi", "AE"),
    ("Dmitrii Sokolov", "RU"), ("James Whitcombe", "GB"), ("Klaus Hoffmeister", "DE"), ("Bakytbek Asanov", "KG"), ("Rustam Nazarov", "UZ"),
    ("Marco Bellandi", "IT"), ("Sung-ho Park", "KR"), ("Eleni Georgiou", "CY"), ("Lars Ekholm", "SE"),
)
#: Foreign legal entities: (name, country, registration number).
FOREIGN_ENTITIES = (
    ("Aral Ventures Ltd", "VG", "BVI-1984412"), ("Steppe Capital Holdings Limited", "CY", "HE 402117"), ("Irtysh Invest B.V.", "NL", "KvK 71829034"),
    ("Tulpar Holding FZE", "AE", "FZE-30271"), ("Kokshe Resources Pte. Ltd.", "SG", "201734112K"), ("Zhibek Partners Limited", "HK", "CR 2671183"),
    ("Balkhash Trust AG", "CH", "CHE-412.377.902"), ("Ustyurt Participations S.à r.l.", "LU", "B 219044"),
)
#: Kazakh owners' source of record.
OWNER_SOURCES = ("Выписка из государственной базы данных «Юридические лица»", "Сведения о бенефициарных собственниках, представленные организацией",
                 "Реестр акционеров, выписка центрального депозитария", "Устав и учредительный договор")


# -- purposes of the injected lines ------------------------------------------------------------

def bank_purpose(rng: Random, original: str, agreement_number: str, day: date) -> str:
    """The purpose of a payment as a bank statement gives it (a second copy of the same payment)."""
    roll = rng.random()
    if roll < 0.3:
        return original.upper()[: rng.randint(48, 90)].rstrip()
    if roll < 0.55:
        return f"Оплата по дог. {agreement_number} от {day:%d.%m.%y}г. Сумма без НДС"
    if roll < 0.75:
        return f"ПЕРЕВОД СРЕДСТВ ПО ДОГОВОРУ {agreement_number.upper()} СОГЛАСНО СЧЕТУ № {rng.randint(10, 999)}"
    if roll < 0.9:
        return f"{agreement_number} шарт бойынша төлем, {day:%d.%m.%Y}"
    return f"Payment under contract {agreement_number}, value date {day:%d.%m.%Y}"


def budget_purpose(rng: Random, order_number: str, agreement_number: str, day: date) -> tuple[str, str]:
    """(purpose, form) of a payment that is the same money as a transfer to the budget."""
    forms = (
        (f"Финансирование НИОКР в размере 1% (КБК 401103), п/п № {order_number} от {day:%d.%m.%Y}", "names_the_transfer"),
        (f"Перечисление на финансирование научных исследований через уполномоченный орган по договору № {agreement_number}", "via_authority"),
        (f"401103 БСК бойынша ғылыми-зерттеу жұмыстарын қаржыландыру, {order_number}", "names_the_code_kk"),
        (f"Оплата НИОКР по договору № {agreement_number} от {day:%d.%m.%Y}, этап 1", "plain_rd"),
        (f"R&D funding, budget classification code 401103, order {order_number}", "names_the_code_en"),
    )
    return rng.choice(forms)


def gph_purpose(rng: Random, agreement_number: str, signed: date, k: int) -> str:
    """The purpose of a payment to an individual entrepreneur or a natural person for research."""
    return rng.choice((
        f"Вознаграждение по договору возмездного оказания услуг № {agreement_number} от {signed:%d.%m.%Y} (научно-исследовательские работы), этап {k}",
        f"Оплата по договору ГПХ № {agreement_number} за выполнение НИР, этап {k}",
        f"Оплата ИП за научно-исследовательские работы по дог. {agreement_number} от {signed:%d.%m.%Y}",
        f"{agreement_number} шарт бойынша ғылыми-зерттеу жұмыстары үшін сыйақы, {k}-кезең",
        f"Fee for research services under contract {agreement_number}, stage {k}",
    ))


def onward_subject(rng: Random, subject: str) -> str:
    """The subject of an onward (subcontract) agreement: the same work, or a part of it."""
    core = subject
    for lead in ("Выполнение научно-исследовательских работ по теме «", "Выполнение научно-исследовательских и опытно-конструкторских работ по теме «"):
        if core.startswith(lead):
            core = core[len(lead):].rstrip("»")
    return rng.choice((
        f"Выполнение части работ по теме «{core}» (субподряд)", f"Субподряд: {core}", f"Проведение исследований в рамках темы «{core}»",
        f"Оказание услуг по сопровождению НИОКР «{core}»", core,
    ))[:500]


# -- the calendar: public holidays of Kazakhstan -----------------------------------------------------

def _fixed(year: int) -> set[date]:
    days = {date(year, 1, 1), date(year, 1, 2), date(year, 1, 7), date(year, 3, 8), date(year, 3, 21), date(year, 3, 22), date(year, 3, 23),
            date(year, 5, 1), date(year, 5, 9), date(year, 7, 6), date(year, 8, 30), date(year, 12, 16)}
    if year >= 2013:
        days.add(date(year, 5, 7))  # Defender of the Fatherland Day
    if year <= 2021:
        days.update({date(year, 12, 1), date(year, 12, 17)})  # First President Day; the second day of Independence Day
    if year >= 2022:
        days.add(date(year, 10, 25))  # Republic Day
    return days


HOLIDAYS: dict[int, frozenset[date]] = {y: frozenset(_fixed(y)) for y in range(2010, 2029)}
#: The first day of Kurban Ait (a day off set by decree each year): the generator keeps clean payments away
#: from it and never dates an injected holiday payment on it (the exact day is the decree's).
KURBAN_AIT = frozenset(date.fromisoformat(d) for d in (
    "2013-10-15", "2014-10-04", "2015-09-24", "2016-09-12", "2017-09-01", "2018-08-21", "2019-08-11", "2020-07-31", "2021-07-20",
    "2022-07-09", "2023-06-28", "2024-06-16", "2025-06-06", "2026-05-27",
))


def near_uncertain(day: date, days: int = 2) -> bool:
    """Whether ``day`` is within ``days`` of a Kurban Ait."""
    o = day.toordinal()
    return any(date.fromordinal(o + k) in KURBAN_AIT for k in range(-days, days + 1))


def is_holiday(day: date) -> bool:
    return day in HOLIDAYS.get(day.year, ())


def moved_days_off(year: int) -> list[tuple[date, date]]:
    """(holiday, the Monday off in its place) for a one-day secular holiday that fell on a Sunday."""
    out = []
    for h in sorted(HOLIDAYS.get(year, ())):
        if h.weekday() == 6 and (h.month, h.day) in ((5, 1), (5, 7), (5, 9), (7, 6), (8, 30), (10, 25), (3, 8)):
            out.append((h, date.fromordinal(h.toordinal() + 1)))
    return out
