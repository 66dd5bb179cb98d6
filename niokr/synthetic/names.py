"""Synthetic names in Russian, Kazakh and English: companies, institutes, fields, people.

Names are assembled from word lists, always with a distinguishing element (a serial number, a
place word or an invented root), so that no generated name is a real company's. Words that form
parts of well-known real names are kept out of the lists, and :data:`FORBIDDEN` is checked by the
tests against every generated name.
"""

from __future__ import annotations

from random import Random

__all__ = [
    "FORBIDDEN",
    "NameBook",
    "STATE_BODIES",
    "LIFECYCLE_BODIES",
    "NATIONAL_COMPANIES",
    "AGGREGATORS",
]

#: Fragments of real company names that must never appear in a generated name (case-insensitive).
FORBIDDEN = (
    "kazmunaygas", "казмунайгаз", "kazatomprom", "казатомпром", "tengizchevroil", "тенгизшевройл",
    "kazakhmys", "казахмыс", "eurasian resources", "erg ", "karachaganak", "карачаганак", "ncoc",
    "kashagan", "кашаган", "samruk", "самрук", "kazzinc", "казцинк", "kaz minerals", "polymetal",
    "altynalmas", "алтыналмас", "arcelormittal", "qarmet", "kegoc", "baiterek", "байтерек",
    "tau-ken samruk", "тау-кен самрук", "kazgeology", "казгеология", "petrokazakhstan", "cnpc",
    "lukoil", "лукойл", "chevron", "exxon", "shell", "eni ", "inpex", "kazakhturkmunai", "mangistaumunaigas",
    "мангистаумунайгаз", "ozenmunaigas", "озенмунайгаз", "embamunaigas", "эмбамунайгаз", "kazchrome",
    "казхром", "sokolov-sarbai", "ssgpo", "bogatyr", "богатырь", "shubarkol", "шубарколь",
)

# (Russian, Kazakh, English) triples.
_GEO = (
    ("Каспий", "Каспий", "Caspian"), ("Арал", "Арал", "Aral"), ("Иртыш", "Ертіс", "Irtysh"),
    ("Алтай", "Алтай", "Altai"), ("Сарыарка", "Сарыарқа", "Saryarka"), ("Жайык", "Жайық", "Zhaiyk"),
    ("Есиль", "Есіл", "Yesil"), ("Балхаш", "Балқаш", "Balkhash"), ("Тарбагатай", "Тарбағатай", "Tarbagatai"),
    ("Дала", "Дала", "Dala"), ("Кокше", "Көкше", "Kokshe"), ("Бетпак", "Бетпақ", "Betpak"),
    ("Устюрт", "Үстірт", "Ustyurt"), ("Мугалжар", "Мұғалжар", "Mugalzhar"), ("Торгай", "Торғай", "Torgai"),
    ("Шыгыс", "Шығыс", "Shygys"), ("Батыс", "Батыс", "Batys"), ("Орталык", "Орталық", "Ortalyk"),
    ("Кызыл", "Қызыл", "Kyzyl"), ("Актас", "Ақтас", "Aktas"), ("Каратау", "Қаратау", "Karatau"),
    ("Алтын", "Алтын", "Altyn"), ("Жулдыз", "Жұлдыз", "Zhuldyz"), ("Самал", "Самал", "Samal"),
    ("Кайнар", "Қайнар", "Kainar"), ("Тулпар", "Тұлпар", "Tulpar"), ("Сункар", "Сұңқар", "Sunkar"),
    ("Нур", "Нұр", "Nur"), ("Жибек", "Жібек", "Zhibek"), ("Шалкар", "Шалқар", "Shalkar"),
    ("Ерейментау", "Ерейментау", "Ereimentau"), ("Баянтау", "Баянтау", "Bayantau"), ("Сырдария", "Сырдария", "Syrdariya"),
    ("Талас", "Талас", "Talas"), ("Ор", "Ор", "Or"), ("Эмба", "Ембі", "Emba"), ("Уил", "Ойыл", "Oiyl"),
)

_CORE = {
    "hydrocarbons": (
        ("Мунай", "Мұнай", "Munai"), ("Ойл", "Ойл", "Oil"), ("Петролеум", "Петролеум", "Petroleum"),
        ("Газ", "Газ", "Gas"), ("Энерджи", "Энерджи", "Energy"), ("Мунай Газ", "Мұнай Газ", "Munai Gas"),
    ),
    "uranium": (("Уран", "Уран", "Uran"), ("Атом", "Атом", "Atom"), ("Изотоп", "Изотоп", "Isotope")),
    "solid": (
        ("Кен", "Кен", "Ken"), ("Майнинг", "Майнинг", "Mining"), ("Металс", "Металс", "Metals"),
        ("Голд", "Голд", "Gold"), ("Копер", "Копер", "Copper"), ("Комир", "Көмір", "Komir"),
        ("Минерал", "Минерал", "Mineral"), ("Ресурс", "Ресурс", "Resources"), ("Руда", "Кентас", "Ore"),
    ),
    "common": (("Строй", "Құрылыс", "Stroy"), ("Карьер", "Карьер", "Quarry"), ("Нерудные", "Бейметалл", "Aggregates")),
    "service": (
        ("Инжиниринг", "Инжиниринг", "Engineering"), ("Технолоджис", "Технолоджис", "Technologies"),
        ("Лаб", "Лаб", "Lab"), ("Инновации", "Инновациялар", "Innovations"), ("Системс", "Системс", "Systems"),
        ("Консалт", "Консалт", "Consult"), ("Аналитикс", "Аналитикс", "Analytics"), ("Сайнс", "Сайнс", "Science"),
        ("Геосервис", "Геосервис", "Geoservice"), ("Экотех", "Экотех", "Ecotech"), ("Проект", "Жоба", "Project"),
    ),
    "tech": (
        ("Дата", "Дата", "Data"), ("Кибер", "Кибер", "Cyber"), ("Нейро", "Нейро", "Neuro"), ("Смарт", "Смарт", "Smart"),
        ("Клауд", "Клауд", "Cloud"), ("Квант", "Квант", "Quant"), ("Робо", "Робо", "Robo"), ("Вижн", "Вижн", "Vision"),
        ("Сенсор", "Сенсор", "Sensor"), ("Логик", "Логик", "Logic"), ("Пиксел", "Пиксел", "Pixel"), ("Дрон", "Дрон", "Drone"),
    ),
}

_ACTIVITY = (
    ("Сервис", "Сервис", "Service"), ("Групп", "Груп", "Group"), ("Инвест", "Инвест", "Invest"),
    ("Девелопмент", "Девелопмент", "Development"), ("Продакшн", "Продакшн", "Production"), ("Трейд", "Трейд", "Trade"),
    ("Интернешнл", "Интернешнл", "International"), ("Партнерс", "Партнерс", "Partners"), ("Холдинг", "Холдинг", "Holding"),
)
_TECH_ACTIVITY = (
    ("Лаб", "Лаб", "Lab"), ("Системс", "Системс", "Systems"), ("Солюшнс", "Солюшнс", "Solutions"),
    ("Аналитикс", "Аналитикс", "Analytics"), ("Технолоджис", "Технолоджис", "Technologies"), ("Диджитал", "Диджитал", "Digital"),
    ("Софт", "Софт", "Soft"), ("Ай-Ти", "Ай-Ти", "IT"),
)

# Research institute topics: (Russian genitive, Kazakh, English).
_INSTITUTE_TOPICS = (
    ("горного дела", "тау-кен ісі", "Mining"), ("металлургии и обогащения", "металлургия және байыту", "Metallurgy and Ore Dressing"),
    ("геологических наук", "геология ғылымдары", "Geological Sciences"), ("гидрогеологии и геоэкологии", "гидрогеология және геоэкология", "Hydrogeology and Geoecology"),
    ("промышленной экологии", "өнеркәсіптік экология", "Industrial Ecology"), ("нефтегазовых технологий", "мұнай-газ технологиялары", "Oil and Gas Technologies"),
    ("химических технологий", "химиялық технологиялар", "Chemical Technologies"), ("материаловедения", "материалтану", "Materials Science"),
    ("энергетики и автоматики", "энергетика және автоматика", "Power Engineering and Automation"), ("радиоэкологии", "радиоэкология", "Radioecology"),
    ("медицины труда", "еңбек медицинасы", "Occupational Medicine"), ("почвоведения и рекультивации", "топырақтану және рекультивация", "Soil Science and Reclamation"),
    ("механики и машиноведения", "механика және машинатану", "Mechanics and Machine Science"), ("цифровых технологий", "цифрлық технологиялар", "Digital Technologies"),
    ("редких металлов", "сирек металдар", "Rare Metals"), ("углехимии", "көмірхимия", "Coal Chemistry"),
)
_INSTITUTE_FORMS = (("ТОО", "ЖШС", "LLP"), ("АО", "АҚ", "JSC"), ("РГП на ПХВ", "ШЖҚ РМК", "RSE"))

# University names: (Russian adjective, Kazakh, English) and types.
_UNI_GEO = (
    ("Каспийский", "Каспий", "Caspian"), ("Алтайский", "Алтай", "Altai"), ("Сарыаркинский", "Сарыарқа", "Saryarka"),
    ("Иртышский", "Ертіс", "Irtysh"), ("Приаральский", "Арал өңірі", "Aral"), ("Степной", "Дала", "Steppe"),
    ("Балхашский", "Балқаш", "Balkhash"), ("Есильский", "Есіл", "Yesil"), ("Торгайский", "Торғай", "Torgai"),
    ("Жайыкский", "Жайық", "Zhaiyk"), ("Каратауский", "Қаратау", "Karatau"), ("Сырдарьинский", "Сырдария", "Syrdariya"),
    ("Мугалжарский", "Мұғалжар", "Mugalzhar"), ("Тарбагатайский", "Тарбағатай", "Tarbagatai"), ("Кокшетауский", "Көкше", "Kokshe"),
)
_UNI_TYPES = (
    ("технический", "техникалық", "Technical"), ("политехнический", "политехникалық", "Polytechnic"),
    ("инновационный", "инновациялық", "Innovation"), ("инженерно-экономический", "инженерлік-экономикалық", "Engineering and Economics"),
    ("горно-металлургический", "тау-кен металлургия", "Mining and Metallurgy"), ("нефтегазовый", "мұнай-газ", "Oil and Gas"),
    ("аграрно-технический", "аграрлық-техникалық", "Agrarian and Technical"), ("медицинский", "медицина", "Medical"),
    ("индустриальный", "индустриялық", "Industrial"),
)

# Foreign performers: invented roots and fields of work.
_FOREIGN_ROOTS = (
    "Nordhavn", "Bergstad", "Lakemont", "Westmere", "Ostara", "Caldervale", "Rivemont", "Tarnhill", "Eskerfeld",
    "Moravel", "Quillon", "Brightfjord", "Halvorsen-Kraft", "Steinlicht", "Veridane", "Orvanto", "Kestrelmoor", "Alvenor",
    "Duncraig", "Marwick-Lowe", "Sylvaine", "Trevanion", "Zellhofer", "Ambrelle",
)
_FOREIGN_FIELDS = (
    "Geoscience", "Reservoir Analytics", "Mineral Processing", "Subsurface Imaging", "Process Engineering", "Materials Research",
    "Hydrometallurgy", "Environmental Engineering", "Drilling Research", "Isotope Technologies", "Mine Automation",
)
_FOREIGN_FORMS = ("GmbH", "Ltd", "B.V.", "AB", "Inc.", "S.r.l.", "Oy", "A/S", "S.A.S.", "Pty Ltd")

_SURNAMES = (
    "Ахметов", "Сейткали", "Жумабаев", "Нурланов", "Касымов", "Ибраев", "Есенов", "Муканов", "Турсынбаев", "Смагулов",
    "Абенов", "Калиев", "Оспанов", "Байжанов", "Мусин", "Сарсенбаев", "Тлеубергенов", "Кенжебаев", "Иванов", "Петренко",
    "Ким", "Шевченко", "Искаков", "Рахимов", "Утепов", "Жакупов", "Бекмухамбетов", "Досанов", "Ермеков", "Кушербаев",
)
_INITIALS = "АБГДЕЖЗИКЛМНОПРСТУ"

# Field and deposit names: syllables (Russian, Kazakh, Latin) glued into an invented name.
_FIELD_HEADS = (
    ("Кара", "Қара", "Kara"), ("Ак", "Ақ", "Ak"), ("Кызыл", "Қызыл", "Kyzyl"), ("Сары", "Сары", "Sary"),
    ("Жана", "Жаңа", "Zhana"), ("Кок", "Көк", "Kok"), ("Бес", "Бес", "Bes"), ("Тас", "Тас", "Tas"),
    ("Шол", "Шөл", "Shol"), ("Кум", "Құм", "Kum"), ("Борли", "Бөрлі", "Borli"), ("Жел", "Жел", "Zhel"),
    ("Ой", "Ой", "Oi"), ("Терек", "Терек", "Terek"), ("Кайын", "Қайың", "Kaiyn"), ("Улкен", "Үлкен", "Ulken"),
)
_FIELD_TAILS = (
    ("тобе", "төбе", "tobe"), ("кудук", "құдық", "kuduk"), ("сай", "сай", "sai"), ("жар", "жар", "zhar"),
    ("булак", "бұлақ", "bulak"), ("шокы", "шоқы", "shoky"), ("коль", "көл", "kol"), ("тау", "тау", "tau"),
    ("бас", "бас", "bas"), ("адыр", "адыр", "adyr"), ("кия", "қия", "kiya"), ("сор", "сор", "sor"),
)
_FIELD_SIDES = (
    ("", "", ""), ("Северный", "Солтүстік", "North"), ("Южный", "Оңтүстік", "South"), ("Восточный", "Шығыс", "East"),
    ("Западный", "Батыс", "West"), ("Центральный", "Орталық", "Central"),
)

#: State bodies: (key, Russian, Kazakh, English, authority, registration date as (year, month)).
STATE_BODIES = (
    ("energy", "Министерство энергетики Республики Казахстан", "Қазақстан Республикасы Энергетика министрлігі", "Ministry of Energy of the Republic of Kazakhstan", "energy", (2014, 9)),
    ("industry", "Министерство промышленности и строительства Республики Казахстан", "Қазақстан Республикасы Өнеркәсіп және құрылыс министрлігі", "Ministry of Industry and Construction of the Republic of Kazakhstan", "industry", (2023, 10)),
    ("atomic", "Агентство Республики Казахстан по атомной энергии", "Қазақстан Республикасының Атом энергиясы жөніндегі агенттігі", "Agency of the Republic of Kazakhstan for Atomic Energy", "atomic", (2025, 5)),
    ("audit", "Высшая аудиторская палата Республики Казахстан", "Қазақстан Республикасының Жоғары аудиторлық палатасы", "Supreme Audit Chamber of the Republic of Kazakhstan", "", (2022, 12)),
)

#: The bodies of the R&D lifecycle: the ministry that runs the competitive selection (and its KBK 401103
#: pool) and the centre of the state scientific and technical expertise. Key, Russian, Kazakh, English,
#: the month of registration. Added after every other organisation, from a stream of their own, so
#: that they change nothing else of a seed's country.
LIFECYCLE_BODIES = (
    ("science", "Министерство науки и высшего образования Республики Казахстан", "Қазақстан Республикасы Ғылым және жоғары білім министрлігі",
     "Ministry of Science and Higher Education of the Republic of Kazakhstan", (2022, 7)),
    ("ncste", "АО «Национальный центр государственной научно-технической экспертизы»", "«Мемлекеттік ғылыми-техникалық сараптама ұлттық орталығы» АҚ",
     "National Centre of State Scientific and Technical Expertise JSC", (2011, 4)),
)

#: National companies: (mineral focus, Russian, Kazakh, English). Invented names.
NATIONAL_COMPANIES = (
    ("hydrocarbons", "АО «Национальная нефтегазовая компания «Дала Мунай»»", "«Дала Мұнай» ұлттық мұнай-газ компаниясы» АҚ", "Dala Munai National Oil and Gas Company JSC"),
    ("solid", "АО «Национальная горнорудная компания «Кен Дала»»", "«Кен Дала» ұлттық тау-кен компаниясы» АҚ", "Ken Dala National Mining Company JSC"),
    ("uranium", "АО «Национальная атомная компания «Сарыарка Атом»»", "«Сарыарқа Атом» ұлттық атом компаниясы» АҚ", "Saryarka Atom National Atomic Company JSC"),
    ("solid", "АО «Национальная геологоразведочная компания «Жер Барлау»»", "«Жер Барлау» ұлттық геологиялық барлау компаниясы» АҚ", "Zher Barlau National Geological Exploration Company JSC"),
    ("hydrocarbons", "АО «Национальная газовая компания «Шалкар Газ»»", "«Шалқар Газ» ұлттық газ компаниясы» АҚ", "Shalkar Gas National Gas Company JSC"),
)

#: The two aggregators of the 1%: a technology park and an oil-and-gas institute. Invented names.
AGGREGATORS = (
    ("almaty_city", "Автономный кластерный фонд «Технопарк «Алтын Бак»»", "«Алтын Бақ» технопаркі» автономды кластерлік қоры", "Altyn Bak Technology Park Autonomous Cluster Fund"),
    ("atyrau", "ТОО «Институт нефтегазовых инноваций «Жер Зерде»»", "«Жер Зерде» мұнай-газ инновациялары институты» ЖШС", "Zher Zerde Oil and Gas Innovation Institute LLP"),
)


class NameBook:
    """Hands out unique names; each call consumes the shared random stream in a fixed way."""

    def __init__(self, rng: Random):
        self.rng = rng
        self._used: set[str] = set()

    def _unique(self, make) -> tuple[str, str, str]:
        for _attempt in range(200):
            names = make()
            if names[0] not in self._used:
                self._used.add(names[0])
                return names
        raise RuntimeError("the name lists are exhausted; add words to niokr/synthetic/names.py")

    def company(self, core: str, *, jsc: bool = False, tech: bool = False) -> tuple[str, str, str]:
        """A commercial company: «ТОО «Каспий Мунай Сервис-12»» / «"Каспий Мұнай Сервис-12" ЖШС» / «Caspian Munai Service-12 LLP»."""
        rng = self.rng

        def make():
            geo = rng.choice(_GEO)
            word = rng.choice(_CORE[core])
            act = rng.choice(_TECH_ACTIVITY if tech else _ACTIVITY)
            n = rng.randint(1, 99)
            if tech:
                ru, kk, en = f"{word[0]}{act[0]} {geo[0]}-{n}", f"{word[1]}{act[1]} {geo[1]}-{n}", f"{word[2]}{act[2]} {geo[2]}-{n}"
            else:
                ru, kk, en = f"{geo[0]} {word[0]} {act[0]}-{n}", f"{geo[1]} {word[1]} {act[1]}-{n}", f"{geo[2]} {word[2]} {act[2]}-{n}"
            if jsc:
                return f"АО «{ru}»", f"«{kk}» АҚ", f"{en} JSC"
            return f"ТОО «{ru}»", f"«{kk}» ЖШС", f"{en} LLP"

        return self._unique(make)

    def institute(self) -> tuple[str, str, str]:
        """A research institute with a topic and a place word."""
        rng = self.rng

        def make():
            topic = rng.choice(_INSTITUTE_TOPICS)
            geo = rng.choice(_GEO)
            form = rng.choice(_INSTITUTE_FORMS)
            suffix = "" if rng.random() < 0.6 else f"-{rng.randint(2, 9)}"
            return (
                f"{form[0]} «Научно-исследовательский институт {topic[0]} «{geo[0]}{suffix}»»",
                f"«{geo[1]}{suffix}» {topic[1]} ғылыми-зерттеу институты» {form[1]}",
                f"{geo[2]}{suffix} Research Institute of {topic[2]} {form[2]}",
            )

        return self._unique(make)

    def university(self) -> tuple[str, str, str]:
        """A university (non-profit joint-stock company)."""
        rng = self.rng

        def make():
            geo = rng.choice(_UNI_GEO)
            kind = rng.choice(_UNI_TYPES)
            n = 0 if rng.random() < 0.85 else rng.randint(2, 9)
            campus = f" (кампус {n})" if n else ""
            return (
                f"НАО «{geo[0]} {kind[0]} университет{campus}»",
                f"«{geo[1]} {kind[1]} университеті{campus}» КеАҚ",
                f"{geo[2]} {kind[2]} University{f' (campus {n})' if n else ''} NJSC",
            )

        return self._unique(make)

    def foreign(self) -> tuple[str, str, str]:
        """A foreign (non-resident) organisation; Russian and Kazakh registers keep the Latin name."""
        rng = self.rng

        def make():
            en = f"{rng.choice(_FOREIGN_ROOTS)} {rng.choice(_FOREIGN_FIELDS)} {rng.choice(_FOREIGN_FORMS)}"
            return f"Компания «{en}»", f"«{en}» компаниясы", en

        return self._unique(make)

    def person(self) -> str:
        """An invented person's surname and initials (for common founders and directors)."""
        rng = self.rng
        return f"{rng.choice(_SURNAMES)} {rng.choice(_INITIALS)}. {rng.choice(_INITIALS)}."

    def field(self, mineral: str) -> tuple[str, str, str]:
        """An invented field or deposit name, e.g. «месторождение Сарыбулак Южный»."""
        rng = self.rng
        head, tail, side = rng.choice(_FIELD_HEADS), rng.choice(_FIELD_TAILS), rng.choice(_FIELD_SIDES)
        ru = f"{head[0]}{tail[0]}".capitalize() + (f" {side[0]}" if side[0] else "")
        # Kazakh and English put the side first: «Солтүстік Бөрлісай», "North Borlisai".
        kk = (f"{side[1]} " if side[1] else "") + f"{head[1]}{tail[1]}".capitalize()
        en = (f"{side[2]} " if side[2] else "") + f"{head[2]}{tail[2]}".capitalize()
        if mineral == "uranium":
            n = rng.randint(1, 9)
            return f"участок {ru}-{n}", f"{kk}-{n} учаскесі", f"{en}-{n} block"
        if mineral == "common":
            return f"карьер {ru}", f"{kk} карьері", f"{en} quarry"
        return f"месторождение {ru}", f"{kk} кен орны", f"{en} field"
