"""What the help pages say, in Kazakh, Russian and English: a page per role and the glossary.

Texts are :class:`niokr.core.reference.Label` values (one text per language, written in each, not
translated word for word). Names that exist elsewhere are taken from there, so that a term reads
the same in the glossary as on the pages: the year statuses and payment channels from
:data:`niokr.core.reference.LABELS`, the name of KBK 401103 from :data:`niokr.core.reference.KBK`,
the regimes' titles from :data:`niokr.obligations.catalogue.REGIMES`. Facts follow DOMAIN.md and
docs/ (ledger.md, control.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from niokr.accounts.choices import Role
from niokr.core.reference import KBK, LABELS, Label
from niokr.obligations.catalogue import REGIMES

__all__ = ["Term", "Item", "Page", "RoleHelp", "GLOSSARY", "ROLE_HELP", "EVERYWHERE", "term"]


def _l(kk: str, ru: str, en: str) -> Label:
    return Label(kk=kk, ru=ru, en=en)


@dataclass(frozen=True)
class Item:
    """One line of a term's list (a status, a regime, a channel): its name and what it means."""

    name: Label
    text: Label


@dataclass(frozen=True)
class Term:
    """A glossary entry: ``key`` is its anchor (``/help/glossary/#arrears``)."""

    key: str
    name: Label
    text: Label
    items: tuple[Item, ...] = ()
    see: tuple[str, ...] = ()


@dataclass(frozen=True)
class Page:
    """A page of a role's menu (by URL name) and what the role finds there."""

    name: str
    text: Label


@dataclass(frozen=True)
class RoleHelp:
    """The help page of one role: who they are, their menu's pages, and how the usual tasks are done."""

    role: str
    intro: Label
    pages: tuple[Page, ...]
    tasks: tuple[Label, ...]


# --- Names taken from where the pages take them --------------------------------------------------------

_STATUS = LABELS["obligations.YearStatus"]
_CHANNEL = LABELS["obligations.Channel"]
_BASE = LABELS["obligations.BaseType"]


def _regime_title(code: str) -> Label:
    """The title of the latest version of regime ``code`` in the seeded catalogue."""
    regime = max((r for r in REGIMES if r["code"] == code), key=lambda r: r["version"])
    return _l(regime["title_kk"], regime["title_ru"], regime["title_en"])


# --- The glossary ---------------------------------------------------------------------------------------

GLOSSARY: tuple[Term, ...] = (
    Term(
        "niokr",
        _l("ҒЗТКЖ", "НИОКР", "R&D (NIOKR)"),
        _l(
            "Ғылыми-зерттеу, ғылыми-техникалық және (немесе) тәжірибелік-конструкторлық жұмыстар. Жер қойнауын "
            "пайдаланушы оларды жыл сайын қаржыландыруға міндетті: бұл жүйе осы міндеттің орындалуын қадағалайды.",
            "Научно-исследовательские, научно-технические и (или) опытно-конструкторские работы. Недропользователь "
            "обязан ежегодно их финансировать; система следит за исполнением этой обязанности.",
            "Research, scientific-technical and/or experimental-design (development) work, in Russian НИОКР, in "
            "Kazakh ҒЗТКЖ. Subsoil users must finance it every year; this system follows how they do.",
        ),
        see=("obligation",),
    ),
    Term(
        "obligation",
        _l("Міндеттеме (1 %)", "Обязательство (1 %)", "Obligation (the 1 %)"),
        _l(
            "Құқық бойынша бір жылға ҒЗТКЖ-ға бағытталуға тиіс сома: алдыңғы жылғы базаның 1 %-ы. Қай база алынатыны, "
            "мөлшерлеме төменгі шек пе әлде дәл сома ма, ақша қай арнамен жүретіні құқыққа тағайындалған режимге "
            "байланысты. Әр құқық бойынша жеке есептеледі, компания бойынша емес.",
            "Сумма, которую по праву недропользования нужно направить на НИОКР за год: 1 % базы предыдущего года. "
            "Какая база берётся, является ли ставка нижним пределом или точной суммой и каким каналом идут деньги — "
            "зависит от режима, назначенного праву. Считается по каждому праву отдельно, а не по компании.",
            "What a subsoil-use right must direct to R&D for a year: 1 % of the previous year's base. Which base, "
            "whether the rate is a floor or exact, and which channel the money takes depend on the regime assigned "
            "to the right. It is computed per right, not per company.",
        ),
        see=("base", "regime", "right"),
    ),
    Term(
        "subsoil-user",
        _l("Жер қойнауын пайдаланушы", "Недропользователь", "Subsoil user"),
        _l(
            "Жер қойнауын пайдалану құқығын (келісімшарт немесе лицензия) иеленетін ұйым. Міндеттемені ол төлейді және "
            "есеп береді; жүйеде ол БСН бойынша танылады.",
            "Организация, владеющая правом недропользования (контрактом или лицензией). Она исполняет обязательство и "
            "отчитывается; в системе её узнают по БИН.",
            "An organisation holding a subsoil-use right (a contract or a licence). It meets the obligation and "
            "reports; the system knows it by its BIN.",
        ),
        see=("right", "bin"),
    ),
    Term(
        "right",
        _l("Жер қойнауын пайдалану құқығы", "Право недропользования", "Subsoil-use right"),
        _l(
            "Көмірсутектерді немесе уранды өндіруге арналған келісімшарт не қатты пайдалы қазбаларды өндіруге арналған "
            "лицензия, өз нөмірімен. Міндеттеме, орындау, көшірілетін сома мен берешек әр құқық бойынша жыл сайын жүргізіледі.",
            "Контракт на добычу углеводородов или урана либо лицензия на добычу твёрдых полезных ископаемых, со своим "
            "номером. Обязательство, исполнение, перенос и задолженность ведутся по каждому праву за каждый год.",
            "A contract for producing hydrocarbons or uranium, or a licence for mining solid minerals, with its own "
            "number. The obligation, fulfilment, credit and arrears are kept per right and year.",
        ),
        see=("right-year",),
    ),
    Term(
        "right-year",
        _l("Құқық-жыл", "Право-год", "Right-year"),
        _l(
            "Бір құқықтың бір жылы: міндеттеме, есепке алынған орындау, алдыңғы жылдан және келесі жылға ауыстырылатын "
            "сомалар, берешек және мәртебе осы деңгейде есептеледі.",
            "Один год одного права: на этом уровне считаются обязательство, зачтённое исполнение, перенос с прошлых лет "
            "и на следующий год, задолженность и статус.",
            "One year of one right: the level at which the obligation, the fulfilment counted, the credit brought and "
            "carried forward, the arrears and the status are computed.",
        ),
        see=("status",),
    ),
    Term(
        "base",
        _l("База", "База", "Base"),
        _l(
            "Міндеттеме есептелетін алдыңғы жылғы көрсеткіш: режимге қарай жылдық жиынтық табыс (ЖЖТ) немесе өндіру "
            "шығындары. Компания оны «Базалық көрсеткіштер» есебімен жібереді; база жоқ жылдың міндеттемесін есептеу мүмкін емес.",
            "Показатель предыдущего года, от которого считается обязательство: по режиму — совокупный годовой доход (СГД) "
            "или затраты на добычу. Компания подаёт его отчётом «Базовые показатели»; без базы обязательство года не посчитать.",
            "The previous year's figure the obligation is computed from: aggregate annual income (SGD) or production "
            "costs, by regime. The company sends it in a base-figures report; without it the year's obligation "
            "cannot be computed.",
        ),
        see=("sgd", "production-costs", "obligation"),
    ),
    Term(
        "sgd",
        _l("ЖЖТ (жылдық жиынтық табыс)", "СГД (совокупный годовой доход)", "SGD (aggregate annual income)"),
        _l(
            "Жер қойнауын пайдаланушының келісімшарттық қызметтен түскен жылдық жиынтық табысы (орысша — СГД). 2010 жылғы "
            "Заң мен 2026 жылғы үлгілік келісімшарттар бойынша база: міндеттеме — алдыңғы жылғы ЖЖТ-ның кемінде 1 %-ы.",
            "Совокупный годовой доход недропользователя по контрактной деятельности. База по Закону 2010 г. и типовым "
            "контрактам 2026 г.: обязательство — не менее 1 % СГД предыдущего года.",
            "Aggregate annual income from contract activity (СГД in Russian, ЖЖТ in Kazakh). The base under the 2010 Law "
            "and the 2026 model contracts: the obligation is at least 1 % of the previous year's SGD.",
        ),
        see=("base", "production-costs"),
    ),
    Term(
        "production-costs",
        _BASE["production_costs"],
        _l(
            "Жер қойнауын пайдаланушының алдыңғы жылы өндіруге жұмсаған шығындары. 2017 жылғы Кодекс бойынша және 2026 "
            "жылдан бюджеттік арна бойынша база: міндеттеме — олардың 1 %-ы.",
            "Затраты недропользователя на добычу в предыдущем году. База по Кодексу 2017 г. и по бюджетному каналу с "
            "2026 г.: обязательство — 1 % от них.",
            "What the subsoil user spent on production in the previous year. The base under the 2017 Code and the budget "
            "channel from 2026: the obligation is 1 % of it.",
        ),
        see=("base", "sgd"),
    ),
    Term(
        "kbk-401103",
        _l("БСК 401103", "КБК 401103", "KBK 401103"),
        _l(
            f"Бюджеттік сыныптама коды: «{KBK['401103'].name.kk}». 2026 жылдан көмірсутектер, уран және қатты пайдалы "
            "қазбалар бойынша 1 % орындаушыларға емес, осы кодпен республикалық бюджетке аударылады; аударымды "
            "қазынашылық растайды.",
            f"Код бюджетной классификации: «{KBK['401103'].name.ru}». С 2026 г. по углеводородам, урану и твёрдым "
            "полезным ископаемым 1 % перечисляется не исполнителям, а в республиканский бюджет по этому коду; "
            "перечисление подтверждает казначейство.",
            f"Budget classification code: “{KBK['401103'].name.en}”. From 2026, for hydrocarbons, uranium and solid "
            "minerals, the 1 % is transferred to the republican budget under this code instead of to performers; the "
            "treasury confirms each transfer.",
        ),
        see=("channel",),
    ),
    Term(
        "regime",
        _l("Режим", "Режим", "Regime"),
        _l(
            "Міндеттеме қалай есептелетінін анықтайтын ереже жиынтығы: құқықтық негіз, база, мөлшерлеме, бірінші жыл, "
            "рұқсат етілген орындаушылар, арна және артық соманы көшіру. Әр құқыққа келісімшарттың құқықтық шығу тегіне "
            "қарай режим тағайындалады (тұрақтылық талаптары). Пайдаланылған нұсқа өзгермейді: заң өзгерсе — жаңа нұсқа.",
            "Набор правил, по которым считается обязательство: правовое основание, база, ставка, первый год, допустимые "
            "исполнители, канал и перенос превышения. Режим назначается каждому праву по правовому происхождению "
            "контракта (оговорки о стабильности). Использованная версия не меняется: изменился закон — новая версия.",
            "The set of rules the obligation is computed under: legal basis, base, rate, first year, eligible performers, "
            "channel and whether an excess is carried forward. Each right is assigned a regime by its contract's legal "
            "origin (stability clauses). A version once used never changes: a change of the law is a new version.",
        ),
        items=(
            Item(
                _regime_title("LAW2010_SGD"),
                _l(
                    "Келісімшартында осы талап бар құқықтар үшін (2012 жылдан): ЖЖТ-ның кемінде 1 %-ы қазақстандық "
                    "орындаушылардың ҒЗТКЖ-сына тікелей; 2015 жылдан артық орындау кейінгі жылдарға көшіріледі.",
                    "Для прав, в контракте которых есть это условие (с 2012 г.): не менее 1 % СГД напрямую на НИОКР "
                    "казахстанских исполнителей; с 2015 г. превышение переносится на следующие годы.",
                    "For rights whose contract carries the clause (from 2012): at least 1 % of SGD spent directly on R&D by "
                    "Kazakhstani performers; from 2015 an excess is credited to later years.",
                ),
            ),
            Item(
                _regime_title("CODE2017_COSTS"),
                _l(
                    "2018 жылғы 29 маусымнан кейінгі келісімшарттар мен лицензиялар: өндірудің екінші жылынан бастап "
                    "алдыңғы жылғы өндіру шығындарының 1 %-ы.",
                    "Контракты и лицензии после 29.06.2018: 1 % затрат на добычу предыдущего года, со второго года добычи.",
                    "Contracts and licences after 29 June 2018: 1 % of the previous year's production costs, from the "
                    "second year of production.",
                ),
            ),
            Item(
                _regime_title("BUDGET2026_COSTS"),
                _l(
                    "2026 жылдан: сол 1 % орындаушыларға емес, БСК 401103 бойынша республикалық бюджетке аударылады; "
                    "артық төлем келесі жылдың есебіне жатқызылады.",
                    "С 2026 г.: тот же 1 % перечисляется не исполнителям, а в республиканский бюджет по КБК 401103; "
                    "переплата засчитывается в следующий год.",
                    "From 2026: the same 1 % is transferred to the republican budget under KBK 401103 instead of to "
                    "performers; an over-payment counts towards the next year.",
                ),
            ),
            Item(
                _regime_title("MODEL2026_SGD"),
                _l(
                    "2026 жылғы 14 ақпаннан үлгілік келісімшарттар бойынша: ЖЖТ-ның кемінде 1 %-ы қазақстандық өндірушілердің "
                    "немесе Astana Hub қатысушыларының ҒЗТКЖ-сына.",
                    "По типовым контрактам с 14.02.2026: не менее 1 % СГД на НИОКР казахстанских производителей или "
                    "участников Astana Hub.",
                    "Under the model contracts from 14 February 2026: at least 1 % of SGD on R&D by Kazakhstani producers or "
                    "Astana Hub participants.",
                ),
            ),
        ),
        see=("base", "channel"),
    ),
    Term(
        "channel",
        _l("Орындау арнасы", "Канал исполнения", "Channel"),
        _l(
            "Ақшаның міндеттемеге қалай жететіні. Бір құқық бір жылда режим ауысқанда екі арнаны да қолдануы мүмкін.",
            "Каким путём деньги идут в счёт обязательства. В год смены режима одно право может пользоваться обоими каналами.",
            "How the money reaches the obligation. In a year its regime changes, one right may use both.",
        ),
        items=(
            Item(
                _CHANNEL["direct"],
                _l(
                    "Компания орындаушымен ҒЗТКЖ шартын жасап, оған төлейді; төлемдер шығыстар туралы есеппен келеді.",
                    "Компания заключает договор на НИОКР с исполнителем и платит ему; платежи приходят отчётом о расходах.",
                    "The company signs an R&D agreement with a performer and pays it; the payments arrive in a spending report.",
                ),
            ),
            Item(
                _CHANNEL["budget"],
                _l(
                    "Компания БСК 401103 бойынша аударады; реттеуші қазынашылық растауын жібереді.",
                    "Компания перечисляет по КБК 401103; регулятор подаёт подтверждение казначейства.",
                    "The company transfers under KBK 401103; a regulator sends the treasury's confirmation.",
                ),
            ),
        ),
        see=("kbk-401103",),
    ),
    Term(
        "fulfilment",
        _l("Есепке алынатын орындау", "Зачтённое исполнение", "Eligible fulfilment"),
        _l(
            "Режим есепке алатын шығыстар мен аударымдар: рұқсат етілген орындаушыға жасалған төлем, сол жылға жатқызылған, "
            "міндет туындағаннан кейін. Есепке алынбаған әр жол өз себебімен құқық бетінде көрсетіледі.",
            "Расходы и перечисления, которые режим засчитывает: платёж допустимому исполнителю, отнесённый к году, после "
            "возникновения обязанности. Каждая незачтённая строка показана на странице права со своей причиной.",
            "The spending and transfers the regime counts: a payment to an eligible performer, credited to the year, "
            "after the duty arose. Each line not counted is shown on the right's page with its reason.",
        ),
        see=("credit", "arrears"),
    ),
    Term(
        "credit",
        _l("Көшірілетін сома", "Перенос", "Credit carried forward"),
        _l(
            "Міндеттемеден артық орындалған сома, режим рұқсат етсе, кейінгі жылдардың есебіне жатқызылады. Арна ауысқанда "
            "(тікелей шығыстардан бюджетке) көшірілмейді.",
            "Исполнение сверх обязательства, которое режим разрешает засчитать в следующие годы. При смене канала "
            "(с прямых расходов на бюджет) не переносится.",
            "Fulfilment above the obligation that the regime lets count towards later years. It does not pass from one "
            "channel to the other (direct spending to the budget).",
        ),
        see=("arrears",),
    ),
    Term(
        "arrears",
        _l("Берешек", "Задолженность", "Arrears"),
        _l(
            "Жабылған жыл бойынша орындалмай қалған міндеттеме: міндеттеме минус есепке алынған орындау мен алдыңғы жылдардан "
            "көшірілген сома, нөлден кем емес. Аяқталмаған жыл әлі берешек емес — ол «орындалуда».",
            "Невыполненная часть обязательства закрытого года: обязательство минус зачтённое исполнение и перенос с прошлых "
            "лет, не меньше нуля. Незавершённый год ещё не долг — он «выполняется».",
            "What is left of a closed year's obligation: the obligation less the fulfilment counted and the credit brought "
            "forward, never below zero. A year still open is no debt yet: it is in progress.",
        ),
        see=("status",),
    ),
    Term(
        "status",
        _l("Құқық-жыл мәртебесі", "Статус права-года", "Status of a right-year"),
        _l(
            "Әр құқық-жылдың нәтижесі. Компанияның мәртебесі — оның құқықтарының ең нашар мәртебесі.",
            "Итог каждого права-года. Статус компании — худший из статусов её прав.",
            "The outcome of each right-year. A company's status is the worst of its rights' statuses.",
        ),
        items=(
            Item(_STATUS["fulfilled"], _l("Берешек жоқ: міндеттеме толық орындалды.", "Задолженности нет: обязательство исполнено полностью.", "No arrears: the obligation was met in full.")),
            Item(_STATUS["partly"], _l("Бір бөлігі орындалды, қалғаны — берешек.", "Исполнено частично, остаток — задолженность.", "Part was met; the rest is arrears.")),
            Item(_STATUS["unfulfilled"], _l("Жабылған жылда ештеңе есепке алынбады.", "За закрытый год ничего не зачтено.", "Nothing was counted for a closed year.")),
            Item(
                _l("Орындалуда", "Выполняется", "In progress"),
                _l(
                    "Жыл әлі аяқталмаған: міндеттемені 31 желтоқсанға дейін орындауға болады, сондықтан ол берешек болып саналмайды.",
                    "Год ещё не закончился: обязательство можно исполнить до 31 декабря, поэтому оно не считается задолженностью.",
                    "The year is not over: the obligation can still be met by 31 December, so it is not counted as arrears.",
                ),
            ),
            Item(
                _STATUS["base_missing"],
                _l(
                    "Міндеттеме мерзімі келді, бірақ база ұсынылмаған: міндеттеме белгісіз. Бұл проблема, орындалған деп саналмайды.",
                    "Срок наступил, но база не подана: обязательство неизвестно. Это проблема, а не исполнение.",
                    "Due, but the base was not reported: the obligation is unknown. A problem, never counted as met.",
                ),
            ),
            Item(_STATUS["no_obligation"], _l("База нөлге тең, міндеттеме жоқ.", "База равна нулю, обязательства нет.", "The base is zero: nothing is owed.")),
            Item(
                _STATUS["not_due"],
                _l(
                    "Міндет әлі туындаған жоқ (мысалы, өндірудің бірінші жылы).",
                    "Обязанность ещё не возникла (например, первый год добычи).",
                    "The duty has not arisen yet (for example, the first year of production).",
                ),
            ),
        ),
        see=("arrears",),
    ),
    Term(
        "performer",
        _l("ҒЗТКЖ орындаушысы", "Исполнитель НИОКР", "R&D performer"),
        _l(
            "Жұмысты орындайтын ұйым: қазақстандық өнім беруші, аккредиттелген ғылыми ұйым, жоғары оқу орны, Astana Hub "
            "қатысушысы; шетелдік орындаушы — тек рұқсатпен. Мәртебелері мерзімімен тізілімде жүргізіледі.",
            "Организация, выполняющая работы: казахстанский поставщик, аккредитованная научная организация, вуз, участник "
            "Astana Hub; иностранный исполнитель — только с разрешением. Статусы со сроками ведутся в реестре.",
            "The organisation doing the work: a Kazakhstani supplier, an accredited scientific organisation, a university, "
            "an Astana Hub participant; a foreign performer only with permission. Its statuses, with their dates, are in "
            "the registry.",
        ),
        see=("agreement",),
    ),
    Term(
        "agreement",
        _l("ҒЗТКЖ шарты және төлем", "Договор на НИОКР и платёж", "R&D agreement and payment"),
        _l(
            "Шарт төлеушіні (жер қойнауын пайдаланушыны) орындаушымен байланыстырады: нөмірі, күні, сомасы, мерзімі. Төлем "
            "төлем құжатының нөмірі мен күнімен танылады және бір құқыққа, бір жылға жатқызылады.",
            "Договор связывает плательщика (недропользователя) с исполнителем: номер, дата, сумма, срок. Платёж узнают по "
            "номеру и дате платёжного документа; он относится к одному праву и году.",
            "An agreement binds the payer (a subsoil user) to a performer: number, date, amount, period. A payment is known "
            "by its payment document's number and date, and is credited to one right and year.",
        ),
        see=("fulfilment",),
    ),
    Term(
        "report",
        _l("Есеп", "Отчёт", "Report (submission)"),
        _l(
            "Жүйеге файлмен (XLSX, CSV, JSON) келетін деректер: базалық көрсеткіштер, шығыстар туралы есеп, қазынашылық "
            "растауы. Файл тексеріледі; қатесіз файл тіркелгенде ғана есепке алынады. Түзету бұрынғы есептің орнын басады.",
            "Данные, поступающие файлом (XLSX, CSV, JSON): базовые показатели, отчёт о расходах, подтверждение казначейства. "
            "Файл проверяется; в учёт он попадает только после проведения файла без ошибок. Исправление заменяет прежний отчёт.",
            "Data that arrives as a file (XLSX, CSV, JSON): base figures, a spending report, a treasury confirmation. The "
            "file is validated; it counts only once a file without errors is committed. A correction replaces the earlier report.",
        ),
    ),
    Term(
        "bin",
        _l("БСН", "БИН", "BIN"),
        _l(
            "Бизнес-сәйкестендіру нөмірі: заңды тұлғаның 12 цифрлы нөмірі, соңғы цифры — бақылау цифры. Іздеу жолына БСН "
            "енгізсеңіз, ұйымды және оның құқықтарын табасыз.",
            "Бизнес-идентификационный номер: 12 цифр, последняя — контрольная. Введите БИН в строку поиска — найдутся "
            "организация и её права.",
            "Business identification number: 12 digits, the last a check digit. Type a BIN in the search box to find the "
            "organisation and its rights.",
        ),
    ),
    Term(
        "indicator",
        _l("Бақылау индикаторы", "Индикатор контроля", "Control indicator"),
        _l(
            "Ақшаның шынайы ҒЗТКЖ-ға жұмсалғанын тексеретін ереже (NK-01…NK-22): мысалы, үлестес орындаушы, бір төлемді "
            "екі рет мәлімдеу, желтоқсандағы шығыстардың күрт өсуі, ҒЗТКЖ-ға жатпайтын төлем мақсаты. Әр индикатордың шегі "
            "мен салмағы бар; каталогта сипатталған.",
            "Правило, проверяющее, что деньги пошли на настоящие НИОКР (NK-01…NK-22): например, аффилированный исполнитель, "
            "один платёж, заявленный дважды, всплеск расходов в декабре, назначение платежа, не относящееся к НИОКР. У каждого "
            "индикатора есть порог и вес; они описаны в каталоге.",
            "A rule that checks whether the money went to real R&D (NK-01…NK-22): an affiliated performer, one payment "
            "claimed twice, a December spike, a payment purpose that is not R&D, and others. Each has a threshold and a "
            "weight, described in the catalogue.",
        ),
        see=("flag", "risk-score"),
    ),
    Term(
        "flag",
        _l("Тәуекел белгісі", "Флаг риска", "Flag"),
        _l(
            "Индикатор бір нысанда (төлем, шарт, орындаушы, құқық-жыл) тапқан нәрсе: дәлелдері, қолданылған шегі және "
            "тәуекелдегі сомасы. Белгі — бұзушылық емес, тексеруге негіз.",
            "То, что индикатор нашёл у одного объекта (платёж, договор, исполнитель, право-год): доказательства, "
            "применённый порог и сумма под риском. Флаг — не нарушение, а повод для проверки.",
            "What an indicator found on one subject (a payment, agreement, performer or right-year): the evidence, the "
            "threshold used and the amount at stake. A flag is a reason to look, not a violation.",
        ),
        see=("audit-case",),
    ),
    Term(
        "risk-score",
        _l("Тәуекел балы", "Балл риска", "Risk score"),
        _l(
            "0-ден 100-ге дейінгі баға: нысанның белгілері салмағы мен маңыздылығына қарай қосылады. Әр балл өз үлестерін "
            "көрсетеді — неліктен дәл осындай екенін.",
            "Оценка от 0 до 100: флаги объекта складываются с учётом веса и существенности. Каждый балл показывает свои "
            "составляющие — почему он именно такой.",
            "A score from 0 to 100 combining a subject's flags by weight and materiality. Each score lists its "
            "contributions: why it is what it is.",
        ),
    ),
    Term(
        "audit-case",
        _l("Тексеру ісі", "Дело проверки", "Audit case"),
        _l(
            "Бір жер қойнауын пайдаланушының белгілері бойынша тексеру. Оны аудитор немесе құзыретті министрліктің реттеушісі "
            "ашады; аудитор құжаттарды мерзіммен сұратады, компания "
            "жауап береді, аудитор қорытынды жасап, бұзушылықты растайды немесе істі жабады. Расталған сомалар орындаудан "
            "алып тасталады, қалдықтар қайта есептеледі, компанияға хабарлама жіберіледі.",
            "Проверка по флагам одного недропользователя. Её открывает аудитор или регулятор уполномоченного министерства; "
            "аудитор запрашивает документы со сроком, компания отвечает, "
            "аудитор фиксирует выводы и подтверждает нарушение или закрывает дело. Подтверждённые суммы исключаются из "
            "исполнения, сальдо пересчитываются, компании направляется уведомление.",
            "An inquiry into one subsoil user's flags, opened by an auditor or by a regulator of the competent ministry. An "
            "auditor requests documents with a deadline, the company answers, "
            "the auditor records findings and confirms a violation or closes the case. Confirmed amounts are excluded "
            "from fulfilment, balances are recomputed and the company receives a notice.",
        ),
        see=("flag",),
    ),
)


def term(key: str) -> Term:
    """The glossary entry ``key``."""
    return next(t for t in GLOSSARY if t.key == key)


# --- The pages of the menus -------------------------------------------------------------------------------

_DASHBOARD = Page(
    "obligations:dashboard",
    _l(
        "Сіз көретін жер қойнауын пайдаланушылардың міндеттемесі, есепке алынған орындалуы және берешегі — жылдар, пайдалы "
        "қазбалар топтары мен өңірлер бойынша, графиктер мен борышкерлер тізімі.",
        "Обязательство, зачтённое исполнение и задолженность недропользователей, которых вы видите, — по годам, группам "
        "полезных ископаемых и регионам; графики и список должников.",
        "The obligation, eligible fulfilment and arrears of the subsoil users you see, by year, mineral group and region, "
        "with charts and the debtors.",
    ),
)
_REGISTRY = Page(
    "registry:organisation-list",
    _l(
        "БСН бойынша ұйымдар: жер қойнауын пайдаланушылар мен орындаушылар, олардың мәртебелері (қазақстандық өнім беруші, "
        "аккредиттеу, Astana Hub) және үлестестік байланыстары.",
        "Организации по БИН: недропользователи и исполнители, их статусы (казахстанский поставщик, аккредитация, Astana Hub) "
        "и связи аффилированности.",
        "Organisations by BIN: subsoil users and performers, their statuses (Kazakhstani supplier, accreditation, Astana Hub) "
        "and affiliations.",
    ),
)
_RIGHTS = Page(
    "registry:right-list",
    _l(
        "Келісімшарттар мен лицензиялар: иеленуші, пайдалы қазбалар тобы, қолданыстағы режим. Құқықтың бетінде — жыл сайынғы "
        "міндеттеме және есепке алынбаған әр жолдың себебі.",
        "Контракты и лицензии: недропользователь, группа полезных ископаемых, действующий режим. На странице права — "
        "обязательство по годам и причина каждой незачтённой строки.",
        "Contracts and licences: holder, mineral group, the regime in force. A right's page shows its obligation year by "
        "year and why each line was or was not counted.",
    ),
)
_AGREEMENTS = Page(
    "projects:agreement-list",
    _l(
        "ҒЗТКЖ шарттары, ал «Төлемдер» қосымша бетінде — олар бойынша төлемдер: төлеуші, орындаушы, сомалар, күндер.",
        "Договоры на НИОКР, а на вкладке «Платежи» — платежи по ним: плательщик, исполнитель, суммы, даты.",
        "R&D agreements and, on the Payments tab, the payments under them: payer, performer, amounts, dates.",
    ),
)
_SUBMISSIONS = Page(
    "intake:submission-list",
    _l(
        "Есептер: үлгіні жүктеп алу, файлды жіберу, тексеру қателерін жол мен баған бойынша көру, файлды тіркеу.",
        "Отчёты: скачать шаблон, отправить файл, увидеть ошибки проверки по строкам и столбцам, провести файл.",
        "Reports: download a template, send a file, see its validation errors by row and column, commit it.",
    ),
)
_REGIMES = Page(
    "obligations:regime-list",
    _l(
        "Режимдер: әр нұсқаның құқықтық негізі, базасы, мөлшерлемесі, арнасы және ашық құқықтық мәселелері.",
        "Режимы: правовое основание, база, ставка, канал каждой версии и открытые правовые вопросы.",
        "Regimes: the legal basis, base, rate and channel of each version, and the open legal questions.",
    ),
)
_JOBS = Page(
    "intake:job-list",
    _l(
        "Фондық тапсырмалар: үлкен файлдарды тексеру және қайта есептеу, олардың барысы мен нәтижесі.",
        "Фоновые задания: проверка больших файлов и пересчёты, их ход и результат.",
        "Background jobs: large files being validated and recomputes, their progress and result.",
    ),
)
_CONTROL = Page(
    "control:flag-list",
    _l(
        "Бақылау: тәуекел белгілері дәлелдерімен, тәуекел балдары, тексеру істері, хабарламалар, индикаторлар каталогы және "
        "іске қосулар.",
        "Контроль: флаги риска с доказательствами, баллы риска, дела проверок, уведомления, каталог индикаторов и запуски.",
        "Control: flags with their evidence, risk scores, audit cases, notices, the indicator catalogue and the runs.",
    ),
)
_PROGRAMMES = Page(
    "lifecycle:programme-list",
    _l(
        "Бағдарламалар: жер қойнауын пайдаланушылар министрліктердің ғылыми-техникалық кеңестеріне берген ҒЗТКЖ "
        "бағдарламалары мен техникалық тапсырмалары, олардың нұсқалары және әр нұсқа бойынша кеңес пен сараптаманың шешімдері.",
        "Программы: программы НИОКР и технические задания, поданные недропользователями в научно-технические советы "
        "министерств, их версии и решения совета и экспертизы по каждой версии.",
        "Programmes: the R&D programmes and technical assignments subsoil users submitted to the ministries' "
        "scientific-technical councils, their versions, and the council's and the expertise's decisions on each version.",
    ),
)
_SESSIONS = Page(
    "lifecycle:session-list",
    _l(
        "Кеңес: отырыстар, күн тәртібі, келу, мүдделер қақтығысы бойынша бас тартулар (үлестестік жолымен), ашық "
        "электрондық дауыс беру, нәтиже және хаттаманың PDF нұсқасы.",
        "Совет: заседания, повестка, явка, самоотводы по конфликту интересов (с путём аффилированности), открытое "
        "электронное голосование, итог и протокол в PDF.",
        "Council: sessions, the agenda, attendance, recusals for a conflict of interest (with the affiliation path), the "
        "open electronic vote, the result and the minutes as a PDF.",
    ),
)
_EXPERTISE = Page(
    "lifecycle:expertise-list",
    _l(
        "Сараптама: мемлекеттік ғылыми-техникалық сараптамадағы бағдарламалар, тағайындалған сарапшылар, бағалау парағы "
        "бойынша балдар және расталған қорытынды.",
        "Экспертиза: программы на государственной научно-технической экспертизе, назначенные эксперты, баллы по листу "
        "оценки и подтверждённое заключение.",
        "Expertise: programmes under the state scientific and technical expertise, the experts assigned, the scores on the "
        "scoring sheet and the confirmed conclusion.",
    ),
)
_CALLS = Page(
    "lifecycle:call-list",
    _l(
        "Конкурстар: бюджеттік арна бойынша конкурстық іріктеу — басым бағыттар, сома, өтінім беру мерзімі. Өтінімдер "
        "мерзім өткенге дейін ешкімге ашылмайды; кейін — рейтинг және шешім.",
        "Конкурсы: конкурсный отбор по бюджетному каналу — приоритетные направления, сумма, срок подачи. Заявки никому не "
        "открываются до срока; после — рейтинг и решение.",
        "Calls: the competitive selection of the budget channel — priority directions, amount, deadline. Applications are "
        "sealed for everyone until the deadline; then the ranking and the decision.",
    ),
)
_POOL = Page(
    "lifecycle:pool",
    _l(
        "401103 қоры: БСК 401103 бойынша түскен аударымдар мен конкурстарда берілген сомалар — жылдар мен басым бағыттар бойынша.",
        "Пул 401103: поступившие по КБК 401103 перечисления и суммы, присуждённые в конкурсах, — по годам и приоритетам.",
        "Pool 401103: the transfers received under KBK 401103 against the amounts awarded in the calls, by year and priority.",
    ),
)
_RESULTS = Page(
    "lifecycle:result-list",
    _l(
        "Нәтижелер: жобалардың ТДД, патенттері, жарияланымдары, енгізулері, табысы мен жұмыс орындары — дәлелдерімен; "
        "дәлелсіз нәтиже белгіленеді.",
        "Результаты: УГТ, патенты, публикации, внедрения, выручка и рабочие места проектов — с доказательствами; результат "
        "без доказательств отмечен.",
        "Results: the projects' TRL, patents, publications, implementations, revenue and jobs, with their evidence; a result "
        "without evidence is marked.",
    ),
)
_PRODUCED = Page(
    "lifecycle:produced-own",
    _l(
        "Біздің 1 % не берді: компанияңыз қаржыландырған жобалар, олардың кезеңдері мен нәтижелері — бір бетте.",
        "Что дал наш 1 %: проекты, которые финансировала ваша компания, их этапы и результаты — на одной странице.",
        "What our 1 % produced: the projects your company funded, their stages and their results, on one page.",
    ),
)

_FORESIGHT = Page(
    "foresight:exercise-list",
    _l(
        "Форсайт: Дельфи зерттеулері басым бағыттар бойынша — сарапшылар панельдері, технологиялар тізімі, турлар, "
        "бірінші турға дейін бекітілген консенсус ережелері және әр тур бойынша топтың медианасы, квартиль аралығы мен "
        "консенсусы. Кім қандай жауап бергенін тек модератор көреді.",
        "Форсайт: исследования Дельфи по приоритетам — панели экспертов, перечень технологий, туры, правила консенсуса, "
        "зафиксированные до первого тура, и по каждому туру медиана группы, межквартильный размах и консенсус. Кто как "
        "ответил, видит только модератор.",
        "Foresight: Delphi exercises by priority — the expert panels, the list of technologies, the rounds, the consensus "
        "rules locked before round 1, and per round the group's median, interquartile range and consensus. Only the "
        "moderator sees who answered what.",
    ),
)
_RANKING = Page(
    "ranking:ranking-list",
    _l(
        "Технологиялар рейтингі: критерийлер, олардың салмақтары жұптық салыстыру арқылы (AHP, келісімділік қатынасы 0,1-ден "
        "аспауы керек), Дельфи мен аудит бағалары, TOPSIS немесе салмақталған қосынды бойынша рейтинг, сезімталдық талдауы, "
        "«маңыздылық × әлеует» матрицасы, жол картасы және Кеңеске арналған форсайт баяндамасы (PDF, XLSX).",
        "Ранжирование технологий: критерии, их веса по парным сравнениям (AHP, отношение согласованности не выше 0,1), "
        "оценки из Дельфи и аудитов, рейтинг по TOPSIS или взвешенной сумме, анализ чувствительности, матрица «важность × "
        "потенциал», дорожная карта и форсайт-доклад для Совета (PDF, XLSX).",
        "Ranking of technologies: the criteria, their weights from pairwise comparisons (AHP, consistency ratio at most "
        "0.1), the scores from the Delphi and the audits, the ranking by TOPSIS or weighted sum, the sensitivity analysis, "
        "the importance × capability matrix, the roadmap and the foresight report for the Council (PDF, XLSX).",
    ),
)

_PORTFOLIO = Page(
    "portfolio:index",
    _l(
        "Басым бағыттар портфельдері: 1 % қаражатының және жобалардың MedTech, AgriTech, GreenTech бойынша үлесі — жылдар, "
        "өңірлер, пайдалы қазбалар топтары, министрліктер және ТҚО салалары бойынша, жобалардың ТДД өсуі, нәтижелер және "
        "саясаттың мақсатты үлесінен қалу. Жіктеуіштің ұсынған белгілері адам растағанға дейін бөлек көрсетіледі.",
        "Портфели приоритетов: доля средств 1 % и проектов по MedTech, AgriTech, GreenTech — по годам, регионам, группам "
        "полезных ископаемых, министерствам и отраслям ЦТК, рост УГТ проектов, результаты и отставание от целевой доли "
        "политики. Метки, предложенные классификатором, показаны отдельно, пока их не подтвердит человек.",
        "Priority portfolios: the share of the 1 % money and of the projects going to MedTech, AgriTech and GreenTech — by "
        "year, region, mineral group, ministry and TCC sector — the projects' TRL progression, the results, and the gap to "
        "the policy target. Tags the classifier suggested are shown apart until a person confirms them.",
    ),
)
_CAPABILITY = Page(
    "capability:audit-list",
    _l(
        "Технологиялық аудит: ұйымдардың инновациялық әлеуеті тоғыз өлшем бойынша (1–4 балл), архетип, радар-диаграмма, "
        "қаржыландырылған жобаға дейінгі және кейінгі аудит, сала бойынша салыстыру; технологиялардың дайындық деңгейі "
        "(ТДД, өндірістік және коммерциялық дайындық) дәлелдерімен және тарихымен.",
        "Технологический аудит: инновационный потенциал организаций по девяти измерениям (баллы 1–4), архетип, "
        "радар-диаграмма, аудит до и после финансируемого проекта, сравнение с отраслью; уровни готовности технологий "
        "(УГТ, производственная и коммерческая готовность) с доказательствами и историей.",
        "Technology audit: organisations' innovation potential on nine dimensions (scores 1–4), the archetype, the radar "
        "chart, audits before and after a funded project, the comparison with the sector; technologies' readiness levels "
        "(TRL, manufacturing and commercial readiness) with their evidence and history.",
    ),
)

_POLICY = Page(
    "portfolio:index",
    _l(
        "Технологиялық саясат: 1 % қаражатының басым бағыттар бойынша портфельдері, ұйымдардың технологиялық аудиті мен "
        "технологиялардың дайындық деңгейі, Дельфи форсайтының нәтижелері және технологиялар рейтингі — беттің жоғарғы "
        "жағындағы қойындылар арқылы.",
        "Технологическая политика: портфели средств 1 % по приоритетам, технологический аудит организаций и уровни "
        "готовности технологий, итоги форсайта Дельфи и рейтинг технологий — по вкладкам вверху страницы.",
        "Technology policy: the portfolios of the 1 % money by priority, organisations' technology audits and "
        "technologies' readiness levels, the Delphi foresight's results and the ranking of technologies — by the tabs at "
        "the top of the page.",
    ),
)


#: Said on every role's page: the search box and the help link.
EVERYWHERE = _l(
    "Әр беттің жоғарғы жағындағы іздеу жолы БСН, атау, құқық, шарт немесе төлем құжатының нөмірі бойынша іздейді — тек сіз "
    "көре алатын деректер ішінде. «?» белгісі осы анықтаманы және терминдер сөздігін ашады.",
    "Строка поиска вверху каждой страницы ищет по БИН, наименованию, номеру права, договора или платёжного документа — "
    "только среди того, что вам доступно. Знак «?» открывает эту справку и словарь терминов.",
    "The search box at the top of every page finds a BIN, a name, or the number of a right, an agreement or a payment "
    "document — among what you may see. The “?” opens this help and the glossary.",
)

ROLE_HELP: dict[str, RoleHelp] = {
    Role.REGULATOR: RoleHelp(
        Role.REGULATOR,
        _l(
            "Құзыретті органның талдаушысы ретінде сіз министрлігіңіздің құзыретіндегі (пайдалы қазбалар тобы бойынша) барлық "
            "жер қойнауын пайдаланушыларды және барлық орындаушыларды көресіз. Кім 1 % міндетін орындайтынын қадағалап, "
            "құқық пен оның төлемдеріне дейін үңіліп, бақылау нәтижелерін оқисыз.",
            "Как аналитик уполномоченного органа вы видите всех недропользователей в компетенции вашего министерства (по "
            "группе полезных ископаемых) и всех исполнителей. Вы следите, кто исполняет обязанность по 1 %, спускаетесь до "
            "права и его платежей и читаете результаты контроля.",
            "As an analyst of a competent authority you see every subsoil user in your ministry's competence (by mineral "
            "group) and every performer. You watch who meets the 1 % duty, drill down to a right and its payments, and "
            "read the control results.",
        ),
        (_DASHBOARD, _REGISTRY, _RIGHTS, _AGREEMENTS, _PROGRAMMES, _CALLS, _POOL, _RESULTS, _SUBMISSIONS, _REGIMES, _JOBS, _CONTROL, _POLICY),
        (
            _l(
                "Кім қарыз: «Шолу» бетінде жылды, пайдалы қазбалар тобын немесе өңірді таңдаңыз; кестеде берешегі бар жер "
                "қойнауын пайдаланушылар бар. Атауды бассаңыз, оның құқықтары жылдар бойынша ашылады.",
                "Кто должен: на «Сводке» выберите год, группу полезных ископаемых или регион; в таблице — недропользователи с "
                "задолженностью. Щелчок по наименованию открывает его права по годам.",
                "Who owes: on the Dashboard choose the year, mineral group or region; the table lists the subsoil users in "
                "arrears. A name opens its rights year by year.",
            ),
            _l(
                "Құқық бетінде әр жыл бойынша база, міндеттеме, есепке алынғаны және есепке алынбаған әр жолдың себебі көрсетіледі.",
                "На странице права по каждому году видны база, обязательство, что зачтено и причина каждой незачтённой строки.",
                "A right's page shows, for each year, the base, the obligation, what was counted and why any line was not.",
            ),
            _l(
                "«Бақылау» → «Тәуекел белгілері»: индикаторлар тапқан нәрсе, дәлелдері және шегімен. «Тәуекел балдары» жер "
                "қойнауын пайдаланушыларды ретімен көрсетеді; балл үлестерге бөлінеді.",
                "«Контроль» → «Флаги риска»: что нашли индикаторы, с доказательствами и порогом. «Баллы риска» упорядочивают "
                "недропользователей; балл раскладывается на составляющие.",
                "Control → Flags: what the indicators found, with evidence and threshold. Risk scores rank the subsoil users; "
                "each score breaks down into its contributions.",
            ),
            _l(
                "Іс ашу: «Бақылау» → «Тәуекел белгілері» бетінде құзыретіңіздегі бір жер қойнауын пайдаланушының белгілерін "
                "таңдап, тексеру ісін ашыңыз. Істі бақылау органының аудиторлары жүргізеді (құжаттар, қорытынды, шешім), ал "
                "сіз оның барысын көріп отырасыз.",
                "Открыть дело: на странице «Контроль» → «Флаги риска» выберите флаги одного недропользователя в вашей "
                "компетенции и откройте дело проверки. Дело ведут аудиторы органа контроля (документы, выводы, решение), "
                "а вы следите за его ходом.",
                "To open a case: on Control → Flags select flags of one subsoil user in your competence and open an audit "
                "case. The control body's auditors work it (documents, findings, decision); you follow it.",
            ),
            _l(
                "БСК 401103 бойынша аударымдардың қазынашылық растауын «Есептер» бетінде жібересіз.",
                "Подтверждения казначейства о перечислениях по КБК 401103 вы отправляете на странице «Отчёты».",
                "You send the treasury's confirmations of KBK 401103 transfers on the Submissions page.",
            ),
        ),
    ),
    Role.COMPANY: RoleHelp(
        Role.COMPANY,
        _l(
            "Жер қойнауын пайдаланушының қызметкері ретінде сіз тек өз компанияңыздың деректерін көресіз: құқықтарын, "
            "міндеттемесін, шарттары мен төлемдерін, есептерін және оған қатысты тексеру істерін.",
            "Как сотрудник недропользователя вы видите только данные своей компании: её права, обязательство, договоры и "
            "платежи, отчёты и касающиеся её дела проверок.",
            "As staff of a subsoil user you see your own company only: its rights, obligation, agreements and payments, "
            "reports, and the audit cases that concern it.",
        ),
        (
            Page(
                "home",
                _l(
                    "Компанияңыздың беті: әр құқық бойынша соңғы жабылған жылдың мәртебесі, берешек пен көшірілетін сома, "
                    "жауап күтіп тұрған құжат сұраулары және жылдық PDF анықтама.",
                    "Страница вашей компании: статус каждого права за последний закрытый год, задолженность и перенос, "
                    "ожидающие ответа запросы документов и справка за год в PDF.",
                    "Your company's page: each right's status for the last closed year, arrears and credit, the document "
                    "requests waiting for your answer, and the year's PDF statement.",
                ),
            ),
            _DASHBOARD,
            _RIGHTS,
            _AGREEMENTS,
            Page(
                "lifecycle:programme-list",
                _l(
                    "Бағдарламалар: компанияңыздың (және ол бақылайтын еншілес ұйымдардың) ҒЗТКЖ бағдарламалары мен техникалық "
                    "тапсырмалары, олардың нұсқалары, кеңес пен сараптаманың әр нұсқа бойынша шешімдері.",
                    "Программы: программы НИОКР и технические задания вашей компании (и подконтрольных ей дочерних организаций), "
                    "их версии и решения совета и экспертизы по каждой версии.",
                    "Programmes: the R&D programmes and technical assignments of your company (and of the subsidiaries it "
                    "controls), their versions, and the council's and the expertise's decisions on each version.",
                ),
            ),
            _CALLS,
            _RESULTS,
            _PRODUCED,
            _SUBMISSIONS,
            _REGIMES,
            _JOBS,
            Page(
                "control:case-list",
                _l(
                    "Бақылау: компанияңыздың тексеру істері, мерзімі бар құжат сұраулары (жауап осында беріледі) және "
                    "хабарламалар. Қасындағы сан — әлі жауап берілмеген сұраулар.",
                    "Контроль: дела проверок вашей компании, запросы документов со сроком (ответ даётся здесь) и "
                    "уведомления. Число рядом — запросы, на которые ещё не ответили.",
                    "Control: your company's audit cases, document requests with their deadlines (you answer them here) "
                    "and notices. The number beside it counts the requests still to answer.",
                ),
            ),
            _POLICY,
        ),
        (
            _l(
                "Есеп жіберу: «Есептер» бетінде үлгіні жүктеп алыңыз (бағандар үш тілде), толтырып, жіберіңіз. Қателер жол мен "
                "баған бойынша көрсетіледі; файл тіркелмейінше ештеңе есепке алынбайды.",
                "Отправить отчёт: на странице «Отчёты» скачайте шаблон (заголовки на трёх языках), заполните и отправьте. Ошибки "
                "показаны по строкам и столбцам; пока файл не проведён, в учёт ничего не попадает.",
                "To report: on Submissions download the template (headers in three languages), fill it in and send it. Errors "
                "are shown by row and column; nothing counts until the file is committed.",
            ),
            _l(
                "Аудитор құжат сұратса, сұрау бастапқы бетіңізде мерзімімен шығады, ал «Бақылау» қасындағы сан жауап күтетін "
                "сұраулар санын көрсетеді. Мерзімге дейін іс бетінде файлды тіркеп жауап беріңіз.",
                "Если аудитор запросил документы, запрос появится на вашей стартовой странице со сроком, а число рядом с "
                "«Контролем» покажет, сколько запросов ждут ответа. Ответьте до срока на странице дела, приложив файл.",
                "When an auditor requests documents, the request appears on your start page with its deadline, and the number "
                "beside Control shows how many are waiting. Answer on the case page before the deadline, attaching the file.",
            ),
            _l(
                "Бағдарлама беру: «Бағдарламалар» → «Жаңа бағдарлама». Атауы үш тілде, аңдатпа, жылдар бойынша бюджет, ТДД және "
                "бағдарлама жабатын құқықтар — бір министрліктің құзыретінде; бағдарлама сол министрліктің кеңесіне түседі. "
                "Жоба толық болғанда «Кеңеске жіберу» батырмасын басыңыз. Берілгеннен кейінгі өзгеріс жаңа нұсқа болады; "
                "бағдарлама кеңестің күн тәртібінде тұрғанда өзгертілмейді.",
                "Подать программу: «Программы» → «Новая программа». Название на трёх языках, аннотация, бюджет по годам, УГТ и "
                "права, которые программа покрывает, — в компетенции одного министерства; программа поступит в его совет. Когда "
                "черновик готов, нажмите «Подать в совет». Изменение после подачи становится новой версией; пока программа в "
                "повестке совета, её не изменить.",
                "To submit a programme: Programmes → New programme. Titles in three languages, an abstract, the budget by year, "
                "the TRL and the rights it covers — of one ministry's competence; the programme goes to that ministry's council. "
                "When the draft is complete, press Submit to the council. An edit after submission is a new version; while the "
                "programme is on the council's agenda it is not edited.",
            ),
            _l(
                "Жылдық PDF анықтама компанияңыздың бетінде — әр жыл жолында.",
                "Справка за год в PDF — на странице вашей компании, в строке каждого года.",
                "The PDF statement of a year is on your company's page, in the row of each year.",
            ),
        ),
    ),
    Role.PERFORMER: RoleHelp(
        Role.PERFORMER,
        _l(
            "ҒЗТКЖ орындаушысының қызметкері ретінде сіз ұйымыңыз орындайтын шарттарды және олар бойынша алынған төлемдерді "
            "көресіз. Төлеушінің міндеттемесі мен құқықтары сізге көрсетілмейді — тек олардың нөмірлері.",
            "Как сотрудник исполнителя НИОКР вы видите договоры, которые выполняет ваша организация, и полученные по ним "
            "платежи. Обязательство и права плательщика вам не показываются — только их номера.",
            "As staff of an R&D performer you see the agreements your organisation performs and the payments received under "
            "them. The payer's obligation and rights are not shown to you, only their numbers.",
        ),
        (
            Page(
                "home",
                _l(
                    "Ұйымыңыздың беті: сіз орындайтын шарттар, олардың төлеушілері және алынған төлемдер.",
                    "Страница вашей организации: договоры, которые вы выполняете, их плательщики и полученные платежи.",
                    "Your organisation's page: the agreements you perform, who pays for them and the payments received.",
                ),
            ),
            _AGREEMENTS,
            _RESULTS,
            _SUBMISSIONS,
            _JOBS,
            _CAPABILITY,
        ),
        (
            _l(
                "Шарт бетінде оның төлемдері төлем құжатының нөмірі мен күнімен көрсетіледі.",
                "На странице договора его платежи показаны с номером и датой платёжного документа.",
                "An agreement's page lists its payments with the payment document's number and date.",
            ),
            _l(
                "«Есептер» бетінде жобаларыңыз, шарттардың күнтізбелік кезеңдері және нәтижелер туралы есепті жібересіз "
                "(ҒЗТКЖ жобалары есебінің үлгісі). Ұйымыңыз ақшаны басқа орындаушыларға бөлсе (агрегатор), сол жерде кейінгі "
                "шарттар бойынша шығыстар есебін де жібересіз.",
                "На странице «Отчёты» вы отправляете отчёт о своих проектах, этапах календарного плана договоров и результатах "
                "(шаблон отчёта о проектах НИОКР). Если ваша организация распределяет деньги другим исполнителям (агрегатор), "
                "там же отправляется отчёт о расходах по последующим договорам.",
                "On Submissions you send the report of your projects, the stages of your agreements' calendar plans and your "
                "results (the R&D projects report template). If your organisation passes money on to other performers (an "
                "aggregator), you also send the spending report of your onward agreements there.",
            ),
            _l(
                "Нәтижені тіркеу: «Нәтижелер» → «Нәтижені тіркеу». Түрін таңдап (ТДД, патент, жарияланым, енгізу, табыс, "
                "жұмыс орындары), дәлелін — файлды, құжаттың нөмірін немесе сілтемесін — қосыңыз; дәлелсіз нәтиже белгіленеді.",
                "Зарегистрировать результат: «Результаты» → «Зарегистрировать результат». Выберите вид (УГТ, патент, публикация, внедрение, "
                "выручка, рабочие места) и приложите доказательство — файл, номер документа или ссылку; результат без "
                "доказательств отмечается.",
                "To record a result: Results → Record a result. Choose its kind (TRL, patent, publication, implementation, "
                "revenue, jobs) and add the evidence — a file, a document's number or a link; a result without evidence is marked.",
            ),
        ),
    ),
    Role.AUDITOR: RoleHelp(
        Role.AUDITOR,
        _l(
            "Аудитор ретінде сіз бәрін көресіз: барлық жер қойнауын пайдаланушыларды, есептерді, есеп жазбаларын және аудит "
            "ізін. Тексеру істерін сіз жүргізесіз.",
            "Как аудитор вы видите всё: всех недропользователей, отчёты, учётные записи и журнал аудита. Дела проверок ведёте вы.",
            "As an auditor you see everything: every subsoil user, report, ledger entry and the audit trail. You run the "
            "audit cases.",
        ),
        (_DASHBOARD, _REGISTRY, _RIGHTS, _AGREEMENTS, _PROGRAMMES, _CALLS, _POOL, _RESULTS, _SUBMISSIONS, _REGIMES, _JOBS, _CONTROL, _POLICY),
        (
            _l(
                "«Бақылау» → «Тәуекел белгілері»: бір жер қойнауын пайдаланушының белгілерін таңдап, іс ашыңыз; құжаттарды "
                "мерзіммен сұратыңыз, қорытындыны жазып, бұзушылықты растаңыз немесе істі жабыңыз.",
                "«Контроль» → «Флаги риска»: выберите флаги одного недропользователя и откройте дело; запросите документы со "
                "сроком, запишите выводы, подтвердите нарушение или закройте дело.",
                "Control → Flags: select flags of one subsoil user and open a case; request documents with a deadline, record "
                "the findings, then confirm a violation or close the case.",
            ),
            _l(
                "Расталған сомалар орындаудан алып тасталады және қалдықтар қайта есептеледі; компания хабарлама алады.",
                "Подтверждённые суммы исключаются из исполнения, сальдо пересчитываются; компания получает уведомление.",
                "Confirmed amounts are excluded from fulfilment and the balances recomputed; the company receives a notice.",
            ),
            _l(
                "«Бақылау» → «Іске қосулар»: индикаторларды бүкіл ел немесе бір жер қойнауын пайдаланушы бойынша қазір іске қосу.",
                "«Контроль» → «Запуски»: запустить индикаторы сейчас — по всей стране или по одному недропользователю.",
                "Control → Runs: run the indicators now, for the whole country or for one subsoil user.",
            ),
        ),
    ),
    Role.COUNCIL_SECRETARY: RoleHelp(
        Role.COUNCIL_SECRETARY,
        _l(
            "Министрліктің ғылыми-техникалық кеңесінің хатшысы ретінде сіз отырыстарды жоспарлайсыз, күн тәртібін "
            "құрасыз, келуді белгілейсіз, дауыс беруді ашып-жабасыз және хаттаманы шығарасыз.",
            "Как секретарь научно-технического совета министерства вы планируете заседания, составляете повестку, "
            "отмечаете явку, открываете и закрываете голосование и выпускаете протокол.",
            "As the secretary of a ministry's scientific-technical council you plan the sessions, set the agenda, record "
            "attendance, open and close the vote and issue the minutes.",
        ),
        (_PROGRAMMES, _SESSIONS),
        (
            _l(
                "Отырыс: «Кеңес» → «Отырысты жоспарлау», кворум мен көпшілік саясатын таңдаңыз, берілген бағдарламаларды күн "
                "тәртібіне қойыңыз. Мүдделер қақтығысы бар мүшелер үлестестік жолымен бірге өздігінен шеттетіледі.",
                "Заседание: «Совет» → «Запланировать заседание», выберите правило кворума и большинства, поставьте поданные программы "
                "в повестку. Члены с конфликтом интересов отводятся автоматически, с путём аффилированности.",
                "A session: Council → Plan a session, choose the quorum and majority policy, put submitted programmes on the "
                "agenda. Members with a conflict of interest are recused automatically, with the affiliation path shown.",
            ),
            _l(
                "Дауыс беруді ашқанда мүшелерге хабарлама барады. Дауыс беру белгіленген уақытта немесе сіз жапқанда "
                "жабылады; нәтиже кворум мен көпшілік бойынша есептеліп, өзгертілмейді. Хаттама PDF — қазақ және орыс тілінде.",
                "Когда вы открываете голосование, члены получают уведомление. Голосование закрывается в назначенное время или "
                "вами; итог считается по кворуму и большинству и больше не меняется. Протокол в PDF — на казахском и русском.",
                "Opening the vote notifies the members. The vote closes at its set time or when you close it; the result is "
                "counted by the quorum and majority and never changes. The minutes print as a PDF in Kazakh and Russian.",
            ),
            _l(
                "Дауыстар «Бірыңғай терезеде» жиналса, оларды файлмен жүктеңіз (CSV, XLSX, JSON): сол тексерулер қолданылады.",
                "Если голоса собраны в «Едином окне», загрузите их файлом (CSV, XLSX, JSON): применяются те же проверки.",
                "If the votes were cast in the Single Window, upload them as a file (CSV, XLSX, JSON): the same checks apply.",
            ),
        ),
    ),
    Role.COUNCIL_MEMBER: RoleHelp(
        Role.COUNCIL_MEMBER,
        _l(
            "Ғылыми-техникалық кеңестің мүшесі ретінде сіз күн тәртібіндегі бағдарламаларды оқып, ашық дауыс бересіз.",
            "Как член научно-технического совета вы читаете программы в повестке и голосуете открыто.",
            "As a member of a scientific-technical council you read the programmes on the agenda and vote openly.",
        ),
        (_PROGRAMMES, _SESSIONS),
        (
            _l(
                "Дауыс беру: «Кеңес» → отырыс → бағдарлама: «Жақтаймын», «Қарсымын» немесе «Қалыс қаламын». Бір рет қана дауыс "
                "бересіз; отырысқа келмесеңіз немесе шеттетілсеңіз, дауыс қабылданбайды және себебі көрсетіледі.",
                "Голосование: «Совет» → заседание → программа: «За», «Против» или «Воздержался». Голос подаётся один раз; "
                "если вы отсутствуете или отведены, голос не принимается, и причина показывается.",
                "To vote: Council → the session → the programme: For, Against or Abstain. You vote once; if you are absent or "
                "recused the vote is refused and the reason shown.",
            ),
        ),
    ),
    Role.EXPERT: RoleHelp(
        Role.EXPERT,
        _l(
            "Мемлекеттік сарапшы ретінде сіз өзіңізге тағайындалған бағдарламаларды бағалау парағы бойынша бағалайсыз; "
            "үйлестіруші сарапшыларды тағайындап, қорытындыны растайды.",
            "Как государственный эксперт вы оцениваете назначенные вам программы по листу оценки; координатор назначает "
            "экспертов и подтверждает заключение.",
            "As a state expert you score the programmes assigned to you on the scoring sheet; a coordinator assigns the "
            "experts and confirms the conclusion.",
        ),
        (_PROGRAMMES, _EXPERTISE),
        (
            _l(
                "Бағалау: «Сараптама» → бағдарлама → әр критерий бойынша балл мен түсініктеме; «қолданылмайды» тек парақ "
                "рұқсат еткен жерде. Қорытынды парақ бойынша есептеледі, оны үйлестіруші мәтінмен растайды.",
                "Оценка: «Экспертиза» → программа → балл и комментарий по каждому критерию; «не применимо» — только где лист "
                "это допускает. Заключение считается по листу, координатор подтверждает его текстом.",
                "To score: Expertise → the programme → a score and a comment per criterion; “not applicable” only where the "
                "sheet allows it. The conclusion is computed from the sheet; the coordinator confirms it with a text.",
            ),
        ),
    ),
    Role.SELECTION_OFFICER: RoleHelp(
        Role.SELECTION_OFFICER,
        _l(
            "Ғылым және жоғары білім министрлігінің қызметкері ретінде сіз бюджеттік арнаның конкурстарын жариялайсыз, "
            "мерзімнен кейін өтінімдерді сараптама балы бойынша саралап, қор шегінде шешім қабылдайсыз.",
            "Как сотрудник Министерства науки и высшего образования вы объявляете конкурсы бюджетного канала, после срока "
            "ранжируете заявки по баллу экспертизы и принимаете решение в пределах пула.",
            "As an officer of the Ministry of Science and Higher Education you announce the calls of the budget channel, "
            "rank the applications by their expertise score after the deadline, and decide within the pool.",
        ),
        (_PROGRAMMES, _EXPERTISE, _CALLS, _POOL),
        (
            _l(
                "Өтінімдер мерзім өткенге дейін ешкімге, сізге де ашылмайды. Шешім қабылданғанда берілген сома 401103 "
                "қорынан резервке алынады.",
                "Заявки до срока закрыты для всех, и для вас тоже. При решении присуждённая сумма резервируется из пула 401103.",
                "Applications are sealed for everyone, you included, until the deadline. A decision reserves the amount "
                "awarded from pool 401103.",
            ),
        ),
    ),
    Role.FORESIGHT_MODERATOR: RoleHelp(
        Role.FORESIGHT_MODERATOR,
        _l(
            "Форсайт модераторы ретінде сіз Дельфи зерттеуін жүргізесіз: тақырып пен шкалаларды, консенсус ережелерін "
            "анықтайсыз және оларды бірінші турға дейін бекітесіз, панельдер мен сарапшыларды, технологиялар тізімін "
            "құрастырасыз, турларды ашып-жабасыз. Кім қандай жауап бергенін тек сіз көресіз.",
            "Как модератор форсайта вы ведёте исследование Дельфи: задаёте тему и шкалы, правила консенсуса и фиксируете "
            "их до первого тура, формируете панели экспертов и перечень технологий, открываете и закрываете туры. Кто как "
            "ответил, видите только вы.",
            "As the foresight's moderator you run a Delphi exercise: you set the topic and the scales and the consensus rules "
            "and lock them before round 1, form the panels and the list of technologies, and open and close the rounds. Only "
            "you see who answered what.",
        ),
        (_FORESIGHT, _RANKING),
        (
            _l(
                "Бірінші турды ашу үшін алдымен консенсус ережелерін бекітіңіз: бекітілгеннен кейін олар өзгермейді.",
                "Чтобы открыть первый тур, сначала зафиксируйте правила консенсуса: после фиксации они не меняются.",
                "To open round 1, lock the consensus rules first: once locked they never change.",
            ),
            _l(
                "Тур жабылғанда нәтижелер бекітіледі; тур ешқашан жойылмайды. Еске салу тек жауап бермеген сарапшыларға жіберіледі.",
                "При закрытии тура результаты фиксируются; тур никогда не удаляется. Напоминание уходит только не ответившим экспертам.",
                "When a round closes its results are frozen; a round is never deleted. A reminder goes only to the panellists "
                "who have not answered.",
            ),
        ),
    ),
    Role.PANELLIST: RoleHelp(
        Role.PANELLIST,
        _l(
            "Форсайт панелінің сарапшысы ретінде сіз технологияларды маңыздылығы, іске асырылу мүмкіндігі, іске асу мерзімі "
            "және Қазақстанның әлеуеті бойынша бағалайсыз. Екінші турдан бастап өз алдыңғы жауабыңызды топтың медианасы мен "
            "квартиль аралығының жанынан көресіз. Сіздің жауаптарыңызды модератордан басқа ешкім сізбен байланыстыра алмайды.",
            "Как эксперт форсайт-панели вы оцениваете технологии по важности, осуществимости, сроку реализации и потенциалу "
            "Казахстана. Со второго тура вы видите свой предыдущий ответ рядом с медианой и межквартильным размахом группы. "
            "Никто, кроме модератора, не может связать ваши ответы с вами.",
            "As a foresight panellist you rate technologies on importance, feasibility, time to realisation and Kazakhstan's "
            "capability. From round 2 you see your own previous answer beside the group's median and interquartile range. "
            "No one but the moderator can link your answers to you.",
        ),
        (_FORESIGHT,),
        (
            _l(
                "Жауап беру: «Форсайт» → зерттеу → ашық тур. Білмейтін жерде «білмеймін» деп белгілеңіз — ол статистикаға "
                "кірмейді. Бірінші турда жаңа технология ұсына аласыз.",
                "Ответить: «Форсайт» → исследование → открытый тур. Где не знаете, отметьте «затрудняюсь ответить» — это не "
                "входит в статистику. В первом туре можно предложить новую технологию.",
                "To answer: Foresight → the exercise → the open round. Where you do not know, tick “don't know”: it is left "
                "out of the statistics. In round 1 you may propose a new technology.",
            ),
        ),
    ),
    Role.ASSESSOR: RoleHelp(
        Role.ASSESSOR,
        _l(
            "Бағалаушы ретінде сіз ұйымдардың технологиялық аудитін жүргізесіз және жобалар технологияларының дайындық "
            "деңгейін (ТДД, өндірістік және коммерциялық дайындық) әр жауапқа дәлел тіркей отырып бағалайсыз.",
            "Как оценщик вы проводите технологический аудит организаций и оцениваете уровни готовности технологий проектов "
            "(УГТ, производственная и коммерческая готовность), прикладывая доказательства к ответам.",
            "As an assessor you carry out organisations' technology audits and assess the readiness levels of projects' "
            "technologies (TRL, manufacturing and commercial readiness), with evidence for the answers.",
        ),
        (_CAPABILITY,),
        (
            _l(
                "Жіберілген бағалау өзгертілмейді: түзету — алдыңғысына сілтейтін жаңа бағалау. Деңгей — оған дейінгі және "
                "өзіндегі барлық сұрақ орындалған ең жоғары деңгей.",
                "Отправленная оценка не меняется: исправление — новая оценка со ссылкой на предыдущую. Уровень — наивысший, на "
                "котором выполнены все вопросы этого и нижних уровней.",
                "A submitted assessment never changes: a correction is a new assessment that points to the previous one. The "
                "level is the highest at which every question at and below it is met.",
            ),
        ),
    ),
    Role.POLICY_ANALYST: RoleHelp(
        Role.POLICY_ANALYST,
        _l(
            "Технологиялық саясат талдаушысы ретінде сіз 1 % қаражатының басым бағыттар бойынша портфельдерін талдайсыз, "
            "жіктеуіш ұсынған белгілерді растайсыз және форсайт пен аудит нәтижелері бойынша технологиялар рейтингін жасайсыз.",
            "Как аналитик технологической политики вы анализируете портфели средств 1 % по приоритетам, подтверждаете метки, "
            "предложенные классификатором, и строите рейтинг технологий по результатам форсайта и аудитов.",
            "As a technology policy analyst you analyse the portfolios of the 1 % money by priority, confirm the tags the "
            "classifier suggests, and rank technologies from the foresight's and the audits' results.",
        ),
        (_PORTFOLIO, _CAPABILITY, _FORESIGHT, _RANKING),
        (
            _l(
                "Рейтинг: «Рейтинг» → жаңа рейтинг → Дельфиден технологияларды жүктеу → критерийлерді жұппен салыстыру → есептеу. "
                "Келісімділік қатынасы 0,1-ден асса, есептеу тоқтатылады және қайта қарау керек жұптар көрсетіледі.",
                "Рейтинг: «Ранжирование» → новый рейтинг → загрузить технологии из Дельфи → парные сравнения критериев → расчёт. "
                "Если отношение согласованности выше 0,1, расчёт не выполняется и показываются пары для пересмотра.",
                "To rank: Ranking → a new ranking → import the technologies from the Delphi → compare the criteria in pairs → "
                "compute. If the consistency ratio is above 0.1 the computation is refused and the pairs to revisit are shown.",
            ),
        ),
    ),
    Role.POLICY_SECRETARIAT: RoleHelp(
        Role.POLICY_SECRETARIAT,
        _l(
            "Технологиялық саясат жөніндегі кеңестің хатшылығы ретінде сіз нәтижелерді оқисыз: басым бағыттар портфельдері, "
            "инновациялық әлеует, форсайт нәтижелері, технологиялар рейтингі және Кеңеске арналған форсайт баяндамасы.",
            "Как секретариат Совета по технологической политике вы читаете результаты: портфели приоритетов, инновационный "
            "потенциал, итоги форсайта, рейтинг технологий и форсайт-доклад для Совета.",
            "As the secretariat of the Council on Technology Policy you read the results: the priority portfolios, the "
            "innovation potential, the foresight's results, the ranking of technologies and the foresight report for the Council.",
        ),
        (_PORTFOLIO, _CAPABILITY, _FORESIGHT, _RANKING),
        (
            _l(
                "Баяндама: «Рейтинг» → рейтинг → PDF немесе XLSX, қазақ немесе орыс тілінде.",
                "Доклад: «Ранжирование» → рейтинг → PDF или XLSX, на казахском или русском языке.",
                "The report: Ranking → the ranking → PDF or XLSX, in Kazakh or Russian.",
            ),
        ),
    ),
    Role.ADMINISTRATOR: RoleHelp(
        Role.ADMINISTRATOR,
        _l(
            "Әкімші ретінде сіз бәрін көресіз және жүйені баптайсыз: пайдаланушылар мен рөлдер, анықтамалықтар, қайта есептеу.",
            "Как администратор вы видите всё и настраиваете систему: пользователи и роли, справочники, пересчёт.",
            "As an administrator you see everything and configure the system: users and roles, reference data, recomputes.",
        ),
        (
            _DASHBOARD,
            _REGISTRY,
            _RIGHTS,
            _AGREEMENTS,
            _PROGRAMMES,
            _EXPERTISE,
            _CALLS,
            _POOL,
            _RESULTS,
            _SUBMISSIONS,
            _REGIMES,
            _JOBS,
            _CONTROL,
            _POLICY,
            Page(
                "admin:index",
                _l(
                    "Әкімшілендіру: пайдаланушылар және олардың мүшеліктері (пайдаланушы × ұйым × рөл), ұйымдар, құқықтар, "
                    "режим нұсқалары мен тағайындаулары.",
                    "Администрирование: пользователи и их членства (пользователь × организация × роль), организации, права, "
                    "версии и назначения режимов.",
                    "Administration: users and their memberships (user × organisation × role), organisations, rights, regime "
                    "versions and assignments.",
                ),
            ),
        ),
        (
            _l(
                "Рөл беру: «Әкімшілендіру» бөлімінде пайдаланушыға ұйымдағы мүшелік қосыңыз; реттеушінің мүшелігі өз "
                "министрлігін атайды.",
                "Выдать роль: в «Администрировании» добавьте пользователю членство в организации; членство регулятора "
                "указывает его министерство.",
                "To grant a role: in Administration add a membership in an organisation to the user; a regulator's membership "
                "names its ministry.",
            ),
            _l(
                "Деректер немесе режим өзгергеннен кейін «Тапсырмалар» бетінде барлық құқық-жылдарды қайта есептеуді іске қосыңыз.",
                "После изменения данных или режима запустите на странице «Задания» пересчёт всех прав-лет.",
                "After a change of data or regime, start a recompute of every right-year on the Jobs page.",
            ),
            _l(
                "Пайдаланылған режим нұсқасы өзгермейді: заң өзгерсе, жаңа нұсқа қосыңыз.",
                "Использованная версия режима не меняется: изменился закон — добавьте новую версию.",
                "A regime version once used never changes: when the law changes, add a new version.",
            ),
        ),
    ),
}
