"""NK-33, NK-34, NK-35: the same work, or the same money, counted twice.

NK-06 finds one payment *document* claimed twice. These find what survives a new document: the same
work bought by two subsoil users (NK-33), the same work counted toward two subsoil use rights of one
subsoil user (NK-34), and a payment reported as direct R&D spending that is the same money as a
transfer to the budget pool (NK-35).

*The same work* is read from the agreements' subjects, which a schemer rewrites: reworded, reordered,
translated between Kazakh, Russian and English, transliterated, with a number or a year changed. A
subject is therefore read as :func:`read_text` reads it — folded word by word to one Latin spelling
(Kazakh and Russian letters transliterated, look-alike letters of the other alphabet read as their
twins), numbers dropped, the R&D boilerplate («научно-исследовательских и опытно-конструкторских
работ», «ғылыми-зерттеу») and function words left out, and the subject-matter words of R&D in the
mining and oil industries mapped through a Kazakh–Russian–English glossary (:data:`GLOSSARY`) to one
word each — and two subjects are compared by the cosine of their character n-gram TF-IDF vectors
(scikit-learn, ADR 11; nothing is downloaded). Their proper names — capitalised words inside a phrase
that the glossary does not know: fields, sites, regions — are compared again on their own, by their
consonants (Kazakh and Russian spellings of one name differ in their vowels: «Құмкөл», «Кумколь»,
"Kumkol"): two studies of one topic at two fields read alike in their words but not in their names,
and are two works. Candidates are found by performer (or a performer linked directly) and by the
figures a subject quotes (:func:`figures`), never as every pair of agreements.

Both agreements of a pair are flagged, each naming the other — as NK-06 flags every copy of a payment:
the later is in doubt and at stake, the earlier counts (``first_occurrence``).

Dates in evidence are ``DD.MM.YYYY``; money keys end in ``_tiyn``; phrases that depend on words are
written in each language under ``<key>_kk``, ``<key>_ru``, ``<key>_en``.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from functools import lru_cache
from typing import Any

import numpy as np
import polars as pl

from niokr.control.indicators.base import LANGUAGES, OUTCOME_SCHEMA, Frames, Indicator, Threshold, format_money, format_number, outcome
from niokr.control.indicators.relations import stage_numbers
from niokr.core.docnumbers import number_key, split_key

__all__ = [
    "INDICATORS", "NK33", "NK34", "NK35", "GLOSSARY", "fold", "read_text", "figures", "TextSpace", "names_in", "mentions_budget",
]

_DAY = "%d.%m.%Y"

# -- reading a subject ---------------------------------------------------------------------------------

#: Cyrillic (Russian and Kazakh) to Latin, one spelling for both languages.
_CYRILLIC = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "e", "ж": "j", "з": "z", "и": "i", "й": "i",
    "і": "i", "к": "k", "қ": "k", "л": "l", "м": "m", "н": "n", "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ұ": "u", "ү": "u", "ф": "f", "х": "h", "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sh", "ъ": "", "ы": "i", "ь": "",
    "э": "e", "ю": "iu", "я": "ia",
}
_TRANSLIT = str.maketrans(_CYRILLIC)
#: Latin spellings that transliterations and English write differently, folded to one (in order).
_FOLDS = (("zh", "j"), ("kh", "h"), ("ph", "f"), ("ck", "k"), ("ch", "\x01"), ("c", "k"), ("\x01", "ch"), ("q", "k"), ("w", "v"), ("x", "ks"), ("y", "i"), ("z", "s"))
_DOUBLED = re.compile(r"(.)\1+")
_VOWELS = re.compile("[aeiou]")


@lru_cache(maxsize=262_144)
def fold(text: str) -> str:
    """``text`` in one Latin spelling: lower case, Cyrillic transliterated, variant spellings and doubled letters folded.

    «Разработка», "Razrabotka" and "Rasrabotka" all give "rasrabotka"; a Latin look-alike typed inside a
    Cyrillic word ("Рaзработка") is read as the letter it imitates, since both fold to the same.
    """
    out = text.lower().translate(_TRANSLIT)
    for a, b in _FOLDS:
        out = out.replace(a, b)
    return _DOUBLED.sub(r"\1", out)


#: The subject-matter words of R&D in the mining industry, each mapped to one word whichever language
#: writes it: ``canonical: stems``. A stem is matched as the beginning of a word (its longest match
#: wins); a stem ending ``=`` is a whole word; ``+`` joins the words of a phrase («кен+орын», "oil+recover").
#: A canonical word with ``_`` stands for several words. Stems are written as the languages write them
#: and folded (:func:`fold`) when read.
GLOSSARY = """
develop: разработ әзірле әзірлен develop
create: создан создав құру= құрастыр creat
research: исследован исследоват зерттеу зерттел research investigat study studie
technology: технолог technolog
method: метод методик әдіс әдістем method techniq
system: систем жүйе жүйес system
monitoring: мониторинг бақылау бақылай бақылауға monitor
control: управлен басқару басқар control
oil: нефт мұнай petroleum oil=
oilrecovery: нефтеотдач мұнай+бергіш oil+recover
increase_oilrecovery: eor= мун=
gas: газ= газа= газу= газом= газын= газды= газы= gas= gases=
flooding: заводнен су+айдау waterflood flooding flood
polymer: полимер polymer
increase: повышен повысить повыш арттыр enhanc increas improv higher
reservoir: пласт қабат коллектор reservoir formation
field: месторожд кен+орын кен+орн промысл кәсіпшіл field= fields=
ore: руд= руда= руды= рудах= рудам= кен= кенд кенінің кені= ore= ores=
well: скважин ұңғыма ұңғымал well= wells=
deposit: отложен шөгінді шөгінділ deposit
prevent: предотвращ предупрежден алдын+алу алдын+ал prevent
asphalt: асфальт asphalt
paraffin: парафин paraffin
asphalt_resin_paraffin: асфальтосмолопарафин
resin: смол шайыр resin
corrosion: коррози corrosion
pipeline: трубопровод труб= трубы= труб құбыр pipeline pipe= pipes=
digital: цифров цифрлық цифрлы digital
twin: двойник егіз twin
optimise: оптимиз оңтайланд optimi
mode: режим regime mode=
production: добыч производств өндір production manufactur produc
pilot: опытно+промышлен тәжірибелік+өнеркәсіп field+trial pilot пилот
experimental: опытн экспериментальн тәжірибел experiment
industrial: промышлен өнеркәсіп industrial industr
trial: испытан сынақ сынау trial test
multistage: многостадий көп+сатылы multistage multi+stage
fracturing: гидроразрыв гидрожар hydraulic+fractur fractur
lowpermeability: низкопроницаем өткізгіштігі+төмен low+permeab tight=
low: низк төмен low=
permeability: проницаем өткізгіш permeab
utilisation: утилиз кәдеге+жарат utilis utiliz
associated: попутн ілеспе associated
small: малых= малые= малый= малого= малом= шағын small
interpretation: интерпретац түсіндір interpret
data: данных= данные= данным= дерек data=
seismic: сейсм seismic
machinelearning: машинного+обучен машиналық+оқыт machine+learn
learning: обучен оқыту learning
machine: машин machine
treatment: очистк очищен очищ тазарт тазалау purif treat remov clean
reuse: повторн+использ қайта+пайдалан reuse
reservoir_water: пластовой+вод пластовых+вод пластовая+вод produced+water formation+water
water: вода= воды= воду= водой= вод= водам= водах= су= суы= суын= суды= суға= сулар суын= water waters= groundwater
predictive: предиктив болжам predict
maintenance: обслуживан қызмет+көрсет maintenan
mining: горн горняк тау+кен кенші mining miner
equipment: оборудован жабдық жабдығ equipment средств құрал means=
analysis: анализ талдау талдау analys analyz
vibration: вибрац діріл vibrat
flotation: флотац flotat
autonomous: автоном autonom
pit: карьер open+pit pit= pits=
transport: транспорт көлік көліг haulage transport
project: проект жоба жобас project
recovery: извлечен извлек алуды= алу= recover
copper: меди= медь= медн мыс= мысты copper
refractory: труднообогатим байытуы+қиын қиын refractor
heap: кучн үйінді отвал heap dump
leaching: выщелач шаймала leach
gold: золот алтын gold
lowgrade: бедн кедей low+grade lowgrade poor
oxidised: окислен окисл тотыққ тотық oxidi
platform: платформ platform
accounting: учет учёт есепке+алу accounting
planning: планирован жоспарла planning plan=
works: выработ қазба workings
reprocessing: переработ қайта+өңде reprocess
processing: обработ өңде процесс процес processing process
waste: хвост отход қалдық tailing waste
concentration: обогащ байыт concentrat beneficiat
concentrator: обогатительн+фабрик байыту+фабрика concentrator
valuable: ценн құнды valuabl
component: компонент component
reclamation: рекультив reclamat reclaim
disturbed: нарушен бүлін disturb
land: земел земл жерлер жерді жер= land=
local: местн жергілікті local
soil: почв грунт топырақ soil
underground: подземн жерасты situ= insitu underground
heavy: тяжел тяжёл ауыр heavy
metal: металл metal
mine: шахт mine= mines=
reduce: снижен сниж азайт reduc suppress lower
dust: пыл шаң dust
emission: выброс шығарынды emission
waste_storage: хвостохранилищ
storage: хранилищ накоплен жинақта қойма pond storag
construction: строител строит құрылыс construct building
material: материал material
metallurgy: металлург metallurg
capture: улавлив ұстау captur
use: использ пайдалан применен қолдан use= using= used= uses=
co2: диоксид+углерод углекисл көмірқышқыл carbon+dioxid co=
carbon: углерод carbon
coal: угл= угля= углей= уголь= углях= угольн көмір coal
hybrid: гибрид hybrid
solar: солнечн күн= solar
diesel: дизел diesel
energy: энерг energ power=
energyplant: энергоустановк энергия+қондырғы power+plant
plant: установк қондырғы plant= unit= installation
remote: удален удалён шалғай remote
site: объект site= sites= facilit
recuperation: рекупер heat+recover
heat: тепл жылу heat
machinery: техник техникасы машинер machinery vehicle
technical: техническ техникалық technical
uranium: уран uranium
sorption: сорбц sorption sorbent
productive: продуктивн өнімді pregnant productiv
solution: раствор ерітінді solution
radiation: радиац радиол radiation
restoration: восстановл қалпына+келтір restor
wireless: беспроводн сымсыз wireless
sensor: датчик сенсор sensor
gasanalysis: газоанализ газ+талдау gas+analys
unmanned: беспилотн пилотсыз unmanned drone
aeromagnetic: аэромагнит aeromagnet
survey: съемк съёмк түсірілім survey
internet: интернет internet iot=
things: вещей= заттар things=
pump: насос сорғы pump
telemedicine: телемедиц telemedic
worker: работник қызметкер worker staff= employee
rotation: вахт rotation shift=
camp: посел посёл кент= кенттер camp settlement
early: ранн ерте early
diagnosis: диагност анықта diagnos detect
pneumoconiosis: пневмокониоз pneumoconios
ai: искусствен+интеллект жасанды+интеллект artificial+intelligen ai=
wearable: носим киілетін wearable
device: устройств құрылғ device
health: здоров денсаулық health
condition: состоян жағдай condition
personal: индивидуальн жеке personal individual
protection: защит қорға protect
respiratory: дыхан тыныс+алу respirat breath
new: новог новое новый новых жаңа= new= next=
generation: поколен буын generation
obtain: получен получ obtain
humic: гумин humic
fertiliser: удобрен тыңайтқыш fertilis fertiliz
irrigation: орошен суар irrigat
fodder: кормов мал+азық fodder feed
crop: культур дақыл crop
agriculture: сельскохозяйств ауыл+шаруашылығ ауыл+шаруашылық agricultur farming
region: област облыс region province
district: район аудан district
city: город қала city
block: участ учаске block section
quarry: quarry
north: северн солтүстік north
south: южн оңтүстік south
east: восточн шығыс east
west: западн батыс west
central: центральн орталық central
laboratory: лаборатор зертхана laborator
prototype: опытного+образц тәжірибелік+үлгі prototyp
sample: образц үлгі sample
assessment: оценк бағала assess evaluat
model: модел model
safety: безопасн қауіпсіз safety
environment: окружающ+сред экологи қоршаған+орта environment ecolog
organ: орган organ
inhibitor: ингибитор inhibitor
scale: солеотложен отложени+сол тұз+шөгу scale= scaling
phosphonate: фосфонат phosphonat
salinity: минерализац минералдану salinit
condition: услови condition
temperature: температур temperatur
injection: закачиваем закачк нагнетаем нагнетани айдалат inject
displacement: вытеснени ығыстыр displac
heavy: высоковязк вязк тұтқыр viscous
core: керн керновых core= cores=
effect: влияни воздействи әсер effect influence
research: изучени изучен
reagent: реагент reagent
porphyry: порфир porphyr
content: содержани құрамында grading containing
selection: подбор рецептур таңдау selection choice
develop: design=
predictive: прогноз forecast болжа
high: высок жоғары high=
depth: тереңді
copper: cu=
optimise: оптимальн optimal
stability: устойчивост орнықтылы stabilit
slope: борт откос беткей wall= walls= slope
depth: глубин тереңдік depth deep=
leak: утечк ағып+кет leak
diagnosis: обнаружени выявлени detection
trunk: магистрал trunk
length: протяжённост протяженност длин ұзындығы length long=
fibreoptic: волоконно+оптич оптоволокон талшықты+оптика fibre+optic fiber+optic волоконно оптоволок fibre fiber
rhenium: рени= рения= рений рений ренийді rhenium
concentration: концентрац
underground_leaching: псв=
cement: тампонаж цемент cement slurry
casing: креплени бекіту casing
interval: интервал аралық interval
salt: соленосн тұзды salt+bearing salt=
composition: состав құрам compound composition
biological_reclamation: биорекультив
biological: биологическ биологиялық biological
area: площад ауданы area
hectare: га= ha=
plant: растени өсімдік species видов= видами=
local: native=
effectiveness: эффективност результативност тиімділі effectiveness efficien
ventilation: вентиляц желдет ventilat
network: сети= сеть= сетей= желі= желісі желісінің network
mine: рудник кеніш mine
level: горизонт level
resistance: стойкост төзімділі resistance resistant
weld: сварн дәнекерлен weld
joint: соединени шов= швов= шва= қосылыс joint
h2s: сероводород күкіртсутек hydrogen+sulphide hydrogen+sulfide sulphide sulfide
environment: среде= среда= среды= среду= ортада орта= environment
briquette: брикет briquet
fines: мелоч ұнтақ fines=
fuel: топлив отын fuel
calorific: теплотворн теплот+сгорани жылу+бергіш calorific
watercut: обводнён обводнен сулану water+cut
production: добывающ producing
data: выборк sample= dataset
dust_reduce: пылеподавл шаң+басу dust+suppress
category: категори санат category
methane: метан methane
gas_analyser: газоанализатор
analyser: анализатор талдағыш analyser analyzer
prototype: опытн+образ опытный+образец
report: отчёт отчет есеп= есебі есептің report
interim: промежуточн аралық+есеп interim
final: заключительн қорытынды final
review: обзор шолу review
programme: программ бағдарлама programme program
recommendation: рекомендац ұсыным recommendation
results: результат нәтиже result
figure: рис= рисунк сурет figure
table: табл кесте table
page: стр= страниц бет= pages= pp=
"""

#: Words that say nothing about the work: function words, and the R&D boilerplate every subject carries.
_STOP_WORDS = """
    и в во на по для с со из от до при о об к у за над под через после без между а или не что как это также то ее его их которые который
    основе основании виде целью цели
    және мен бен пен үшін бойынша арналған негізінде негізіндегі кезінде кейінгі ала отырып арқылы туралы бір көмегімен қолдана бар
    the of for and in on at with a an to from by based after before via into its their as is are assisted
    выполнение выполнения выполнению выполнить орындау орындалуы perform performance
    тема теме темы тақырыбы тақырып topic
    ниокр нир окр нтр ғзткж ғзж тәжк
    договор договору договора шарт шарты шартқа agreement contract
    работ работы работам жұмыстарын жұмыстары жұмыс жұмыстар works work
    этап этапа этапу этапы этапов этапе кезең кезеңі кезеңдер stage stages phase
    продолжение продолжения жалғасы жалғастыру continuation continued
    оказание оказанию услуг услуги проведению проведение проведения работа работу service services through made value помощью способностью
"""
#: The names of the kinds of R&D that every subject carries (removed before the words are read).
_BOILERPLATE = (
    "научно исследовательск", "опытно конструкторск", "ғылыми зерттеу", "тәжірибелік конструкторлық", "ғылыми техникалық", "научно техническ",
    "research and development", "research development",
)


def _glossary() -> tuple[dict[str, str], dict[str, str], tuple[tuple[tuple[str, ...], str], ...], int]:
    stems: dict[str, str] = {}
    whole: dict[str, str] = {}
    phrases: list[tuple[tuple[str, ...], str]] = []
    for line in GLOSSARY.strip().splitlines():
        canonical, _sep, written = line.partition(":")
        for stem in written.split():
            if "+" in stem:
                phrases.append((tuple(fold(part.rstrip("=")) for part in stem.split("+")), canonical.strip()))
            elif stem.endswith("="):
                whole[fold(stem[:-1])] = canonical.strip()
            else:
                stems[fold(stem)] = canonical.strip()
    phrases.sort(key=lambda p: -len(p[0]))
    return stems, whole, tuple(phrases), max(map(len, stems))


_STEMS, _WHOLE, _PHRASES, _LONGEST = _glossary()
#: The phrases by the stem of their first word (a word is looked up by its beginnings, as stems are).
_PHRASES_BY_FIRST: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = {}
for _parts, _canonical in _PHRASES:
    _PHRASES_BY_FIRST[_parts[0]] = (*_PHRASES_BY_FIRST.get(_parts[0], ()), (_parts, _canonical))
_FIRST_LONGEST = max(map(len, _PHRASES_BY_FIRST))


def _phrase_at(words: list[str], i: int) -> tuple[int, str] | None:
    """The longest glossary phrase starting at word ``i``: (its length in words, its canonical word)."""
    word = words[i]
    best: tuple[int, str] | None = None
    for n in range(min(len(word), _FIRST_LONGEST), 1, -1):
        for parts, canonical in _PHRASES_BY_FIRST.get(word[:n], ()):
            k = len(parts)
            if (best is None or k > best[0]) and i + k <= len(words) and all(words[i + j].startswith(parts[j]) for j in range(1, k)):
                best = (k, canonical)
    return best
_STOP = frozenset(fold(w) for w in _STOP_WORDS.split())


def _concept(word: str) -> str | None:
    found = _WHOLE.get(word)
    if found is not None:
        return found
    for n in range(min(len(word), _LONGEST), 2, -1):
        found = _STEMS.get(word[:n])
        if found is not None:
            return found
    return None


#: A word or a number of a text, as :func:`read_text` reads it.
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+")
#: What starts a new phrase: a capital after it is the phrase's, not a name's.
_SEGMENT = re.compile(r"[.!?:;«»\"“”„—]")
_BOILER_WORDS = tuple(tuple(fold(w) for w in p.split()) for p in _BOILERPLATE)


@lru_cache(maxsize=262_144)
def read_text(text: str | None, numbers: bool = False) -> tuple[str, str, int]:
    """A text as the similarity reads it: ``(words, names, count)``.

    ``words`` are all its words that say something (glossary words as their canonical word, the others
    folded); ``names`` its proper names — capitalised words inside a phrase that the glossary does not
    know (a field, a site, a region: «месторождение Кумколь», "Kumkol field") — written by their
    consonants; ``count`` the number of words. Numbers are dropped — a year or a number changed does not
    make another work — unless ``numbers`` (a report's pages and figures, a result's parameters: there
    a number is part of what was copied).
    """
    source = text or ""
    tokens: list[tuple[str, bool, bool]] = []  # (folded word or number, a proper name?, a number?)
    pos, start = 0, True
    for match in _TOKEN.finditer(source):
        if _SEGMENT.search(source, pos, match.start()):
            start = True
        pos = match.end()
        raw = match.group(0)
        if raw[0].isdigit():
            if numbers:
                tokens.append((raw.replace(",", "."), False, True))
            start = False
            continue
        tokens.append((fold(raw), not start and raw[0].isupper() and not raw.isupper(), False))
        start = False
    words: list[tuple[str, bool, bool]] = []
    i = 0
    while i < len(tokens):
        boiler = next((len(b) for b in _BOILER_WORDS if all(i + j < len(tokens) and tokens[i + j][0].startswith(b[j]) for j in range(len(b)))), 0)
        if boiler:
            i += boiler
            continue
        if tokens[i][2] or (len(tokens[i][0]) > 1 and tokens[i][0] not in _STOP):
            words.append(tokens[i])
        i += 1
    plain = [w for w, _proper, _number in words]
    known: list[str] = []
    others: list[str] = []
    names: list[str] = []
    count = 0
    i = 0
    while i < len(words):
        word, proper, number = words[i]
        if number:
            others.append(word)
            i += 1
            continue
        phrase = _phrase_at(plain, i)
        if phrase is not None:
            known.extend(phrase[1].split("_"))
            i += phrase[0]
            count += 1
            continue
        canonical = _concept(word)
        if canonical is None:
            others.append(word)
            if proper:
                names.append(_VOWELS.sub("", word) or word)
        else:
            known.extend(canonical.split("_"))
        count += 1
        i += 1
    return " ".join(known + others), " ".join(names), count


def _vectors(texts: list[str]):
    """TF-IDF vectors (character 3- to 5-grams within words, sublinear counts, unit length) of ``texts``; zero rows for blanks."""
    from scipy import sparse
    from sklearn.feature_extraction.text import TfidfVectorizer

    filled = [t for t in texts if t]
    if not filled:
        return sparse.csr_matrix((len(texts), 1))
    vectoriser = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, lowercase=False, dtype=np.float32)
    vectoriser.fit(filled)
    return vectoriser.transform(texts).tocsr()


class TextSpace:
    """The texts of one evaluation as vectors, to compare pairs of them (:meth:`scores`).

    The inverse document frequencies are those of these texts: a word every subject carries weighs
    little, a rare one (a field's name) much.
    """

    def __init__(self, texts: Iterable[str | None], *, numbers: bool = False):
        self.texts = list(dict.fromkeys(t or "" for t in texts))
        self.index = {t: i for i, t in enumerate(self.texts)}
        read = [read_text(t, numbers) for t in self.texts]
        self.count = np.array([r[2] for r in read], dtype=np.int64)
        self._has_names = np.array([bool(r[1]) for r in read])
        self._words = _vectors([r[0] for r in read])
        self._names = _vectors([r[1] for r in read])

    @classmethod
    def of(cls, texts: Sequence[str | None]) -> TextSpace:
        """The space of ``texts``, built once for the indicators of one evaluation that read the same texts
        (NK-33 and NK-34 both read the agreements' subjects): the last space built is kept."""
        key = (len(texts), hash(tuple(texts)))
        with _SPACE_LOCK:  # the runner evaluates indicators side by side: the second waits for the first's space
            cached = _LAST_SPACE.get(key)
            if cached is None:
                _LAST_SPACE.clear()
                cached = _LAST_SPACE[key] = cls(texts)
            return cached

    def position(self, texts: Iterable[str | None]) -> np.ndarray:
        return np.array([self.index[t or ""] for t in texts], dtype=np.int64)

    def table(self, column: str = "subject") -> pl.DataFrame:
        """``column`` (the texts, blank for none) → ``_pos``, its row: to join onto a frame of texts."""
        return pl.DataFrame({column: self.texts, "_pos": np.arange(len(self.texts), dtype=np.int64)}, schema={column: pl.Utf8, "_pos": pl.Int64})

    def words(self, texts: Iterable[str | None]) -> np.ndarray:
        """How many words that say something each text holds."""
        return self.count[self.position(texts)] if self.texts else np.zeros(0, dtype=np.int64)

    def scores(self, left: Sequence[str | None], right: Sequence[str | None]) -> tuple[np.ndarray, np.ndarray]:
        """For each pair ``(left[k], right[k])``: the cosine of their words, and of their names (:meth:`scores_at`)."""
        return self.scores_at(self.position(left), self.position(right))

    def scores_at(self, i: np.ndarray, j: np.ndarray, names_at_least: float | None = None) -> tuple[np.ndarray, np.ndarray]:
        """For each pair of rows ``(i[k], j[k])``: the cosine of their words, and of their names.

        The names score is 1 where either text names nothing the glossary does not know (the names cannot
        tell them apart: a subject may leave its field out). With
        ``names_at_least``, the words are compared only for the pairs whose names reach it (the others
        score 0): the names are few, so most pairs are settled cheaply.
        """
        a, b = self._has_names[i], self._has_names[j]
        both = a & b
        names = np.where(both, 0.0, 1.0)
        if both.any():
            names[both] = _row_dot(self._names, i[both], j[both])
        names = np.clip(names, 0.0, 1.0)
        words = np.zeros(len(i), dtype=np.float64)
        todo = np.ones(len(i), dtype=bool) if names_at_least is None else names >= names_at_least
        if todo.any():
            words[todo] = _row_dot(self._words, i[todo], j[todo])
        return np.clip(words, 0.0, 1.0), names


_LAST_SPACE: dict[tuple[int, int], TextSpace] = {}
_SPACE_LOCK = threading.Lock()


def _row_dot(matrix, i: np.ndarray, j: np.ndarray, chunk: int = 50_000) -> np.ndarray:
    """The dot products of rows ``i[k]`` and ``j[k]`` of a sparse matrix, a chunk of pairs at a time."""
    out = np.zeros(len(i), dtype=np.float64)
    for start in range(0, len(i), chunk):
        a, b = matrix[i[start:start + chunk]], matrix[j[start:start + chunk]]
        out[start:start + chunk] = np.asarray(a.multiply(b).sum(axis=1)).ravel()
    return out


_NUMBER_TOKEN = re.compile(r"[^\s«»\"“”„()\[\],;:]*\d[^\s«»\"“”„()\[\],;:]*")


def names_in(text: str | None, number: str | None = None, code: str | None = None) -> bool:
    """Whether ``text`` names an agreement by ``number`` (as accountants mean it) or a project by ``code``."""
    text = text or ""
    if code and code.strip() and fold(code.strip()) in fold(text):
        return True
    key = number_key(number) if number else None
    if not key:
        return False
    return any(number_key(token) == key for token in _NUMBER_TOKEN.findall(text))


# -- helpers shared by the three ---------------------------------------------------------------------


def _json(data: Mapping[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _day(value: date | None) -> str | None:
    return value.strftime(_DAY) if value else None


def _result(rows: list[dict]) -> pl.DataFrame:
    return outcome(pl.DataFrame(rows, schema=OUTCOME_SCHEMA)) if rows else outcome(pl.DataFrame(schema=OUTCOME_SCHEMA))


def _bins(frames: Frames) -> dict[int, str]:
    if not frames.has("organisations"):
        return {}
    orgs = frames["organisations"].unique("org_id", keep="first")
    return dict(zip(orgs["org_id"].to_list(), orgs["bin"].to_list(), strict=True))


def _score(value: float, lang: str) -> str:
    return format_number(round(float(value), 2), 2, lang)


def _t(kk: str, ru: str, en: str) -> dict[str, str]:
    return {"kk": kk, "ru": ru, "en": en}


def _agreements(frames: Frames) -> pl.DataFrame:
    """The agreements with their period (start: the period's, else the signing date; end: the period's, else
    the start) and the figures their subjects quote (:func:`figures`, each distinct subject read once)."""
    agr = frames["agreements"].unique("agreement_id", keep="first").with_columns(
        pl.coalesce("period_start", "signed_on").alias("_start"),
    ).with_columns(pl.coalesce("period_end", "_start").alias("_end"))
    subjects = agr["subject"].drop_nulls().unique()
    table = pl.DataFrame({"subject": subjects, "_figures": [figures(t) for t in subjects.to_list()]}, schema={"subject": pl.Utf8, "_figures": pl.Utf8})
    return agr.join(table, on="subject", how="left")


def _paid(frames: Frames) -> dict[int, int]:
    """What was paid under each agreement (empty when payments are not given)."""
    if not frames.has("payments"):
        return {}
    paid = frames["payments"].group_by("agreement_id").agg(pl.col("amount").fill_null(0).sum())
    return dict(zip(paid["agreement_id"].to_list(), paid["amount"].to_list(), strict=True))


def _linked_performers(frames: Frames) -> pl.DataFrame:
    """Pairs of performers linked directly (ownership either way, a common founder or director), with the link's dates."""
    schema = {"performer_id": pl.Int64, "performer_id_b": pl.Int64, "valid_from": pl.Date, "valid_to": pl.Date}
    if not frames.has("affiliations"):
        return pl.DataFrame(schema=schema)
    edges = frames["affiliations"].select(pl.col("source_id").alias("performer_id"), pl.col("target_id").alias("performer_id_b"), "valid_from", "valid_to")
    both = pl.concat([edges, edges.select(pl.col("performer_id_b").alias("performer_id"), pl.col("performer_id").alias("performer_id_b"), "valid_from", "valid_to")])
    return both.filter(pl.col("performer_id") != pl.col("performer_id_b")).cast(schema)


#: A figure a subject quotes: a number standing alone (not a year, not part of a document number).
_FIGURE = re.compile(r"(?<![\w/№.,-])(\d+(?:[.,]\d+)?)(?![\w/-]|[.,]\d)")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_NUMBER_SIGN = re.compile(r"(?:№|\bN[oº]?\.?|\bnr\.?)\s*$", re.IGNORECASE)


def figures(text: str | None) -> str | None:
    """The figures a text quotes, as one key («600 м», «4,5 %» → "4.5|600"); ``None`` when it quotes none.

    Years and numbers written after «№» (a document's number) are not figures of the work.
    """
    found = set()
    source = text or ""
    for match in _FIGURE.finditer(source):
        value = match.group(1).replace(",", ".")
        if _YEAR.match(value) or _NUMBER_SIGN.search(source[max(0, match.start() - 6):match.start()]):
            continue
        found.add(value.rstrip("0").rstrip(".") if "." in value else value)
    return "|".join(sorted(found)) or None


def _pairs(agr: pl.DataFrame, frames: Frames, *, same_payer: bool, max_gap: int) -> pl.DataFrame:
    """Pairs of agreements (``_a`` the earlier by signing, ``_b`` the later), of one payer (``same_payer``) or
    of two, whose periods overlap or lie at most ``max_gap`` days apart, and which have the same performer,
    two performers linked directly, or subjects quoting the same figures (whoever the performers).

    Agreements are joined by calendar year (each stands in every year its period touches, and the
    years of the gap after it) and by performer or figures: a hash join, never every pair of a large
    performer's agreements.
    """
    cols = ["agreement_id", "payer_id", "performer_id", "signed_on", "_start", "_end", "amount", "project_id", "_pos", "_figures"]
    base = agr.select(cols).filter(pl.col("_start").is_not_null() & (pl.col("_end") >= pl.col("_start")))
    reach_years = pl.int_ranges(pl.col("_start").dt.year(), (pl.col("_end") + pl.duration(days=max_gap)).dt.year() + 1)
    met_years = pl.int_ranges(pl.col("_start").dt.year(), pl.col("_end").dt.year() + 1)
    reach = base.select("agreement_id", "payer_id", "performer_id", "_figures", reach_years.alias("_year")).explode("_year")
    met = base.select(pl.col("agreement_id").alias("agreement_id_b"), pl.col("payer_id").alias("payer_id_b"), "performer_id", "_figures", met_years.alias("_year")).explode("_year")
    no_dates = [pl.lit(None, dtype=pl.Date).alias("valid_from"), pl.lit(None, dtype=pl.Date).alias("valid_to")]
    # The same performer, or a performer linked to it directly (with the link's dates).
    sides = [reach.filter(pl.col("performer_id").is_not_null()).select("agreement_id", "payer_id", "_year", pl.col("performer_id").alias("_meet"), *no_dates)]
    links = _linked_performers(frames)
    if not links.is_empty():
        sides.append(reach.join(links, on="performer_id", how="inner").select("agreement_id", "payer_id", "_year", pl.col("performer_id_b").alias("_meet"), "valid_from", "valid_to"))
    by_performer = pl.concat(sides, how="vertical_relaxed").join(
        met.filter(pl.col("performer_id").is_not_null()).select("agreement_id_b", "payer_id_b", "_year", pl.col("performer_id").alias("_meet")), on=["_year", "_meet"], how="inner",
    )
    # The same figures quoted, whoever the performers.
    by_figures = reach.filter(pl.col("_figures").is_not_null()).select("agreement_id", "payer_id", "_year", "_figures", *no_dates).join(
        met.filter(pl.col("_figures").is_not_null()).select("agreement_id_b", "payer_id_b", "_year", "_figures"), on=["_year", "_figures"], how="inner",
    )
    payers = (pl.col("payer_id") == pl.col("payer_id_b")) if same_payer else (pl.col("payer_id") != pl.col("payer_id_b"))
    keep = ["agreement_id", "agreement_id_b", "valid_from", "valid_to"]
    found = pl.concat([by_performer.filter(payers).select(keep), by_figures.filter(payers).select(keep)], how="vertical_relaxed").filter(
        pl.col("agreement_id") != pl.col("agreement_id_b"),
    )
    a = base.rename({c: f"{c}_a" for c in cols})
    b = base.rename({c: f"{c}_b" for c in cols})
    pairs = found.rename({"agreement_id": "agreement_id_a"}).join(a, on="agreement_id_a", how="inner").join(b, on="agreement_id_b", how="inner")
    later = (pl.col("signed_on_b") > pl.col("signed_on_a")) | ((pl.col("signed_on_b") == pl.col("signed_on_a")) & (pl.col("agreement_id_b") > pl.col("agreement_id_a")))
    linked_then = pl.max_horizontal("signed_on_a", "signed_on_b").is_between(pl.col("valid_from").fill_null(date(1900, 1, 1)), pl.col("valid_to").fill_null(date(9999, 12, 31)))
    overlap = (pl.min_horizontal("_end_a", "_end_b") - pl.max_horizontal("_start_a", "_start_b")).dt.total_days() + 1
    # An onward agreement (the payer of one is the performer of the other) is a subcontract, not a second funder.
    onward = (pl.col("payer_id_a") == pl.col("performer_id_b")).fill_null(False) | (pl.col("payer_id_b") == pl.col("performer_id_a")).fill_null(False)
    return (
        pairs.filter(later & ~onward & ((pl.col("valid_from").is_null() & pl.col("valid_to").is_null()) | linked_then))
        .drop("valid_from", "valid_to")
        .unique(["agreement_id_a", "agreement_id_b"], keep="first")
        .with_columns(overlap.clip(lower_bound=0).alias("overlap_days"), (1 - overlap).clip(lower_bound=0).alias("gap_days"))
        .filter(pl.col("gap_days") <= max_gap)
    )


def _alike(pairs: pl.DataFrame, agr: pl.DataFrame, params: Mapping[str, Any], space: TextSpace, frames: Frames) -> pl.DataFrame:
    """The pairs whose subjects read as one work: words and names alike enough, each subject saying enough.

    Each pair of distinct texts is scored once. Two stages of one project (their subjects name different
    stages) and a later subject naming the earlier agreement by its number or its project by its code
    (a follow-up) are not one work.
    """
    empty = pairs.clear().with_columns(
        pl.lit(None, dtype=pl.Float64).alias("similarity"), pl.lit(None, dtype=pl.Float64).alias("names_score"),
        *[pl.lit(None, dtype=pl.Utf8).alias(c) for c in ("subject_a", "subject_b", "number_a", "number_b", "_code_a")],
    )
    min_words = int(params["min_subject_words"])
    counts = pl.DataFrame({"_pos": np.arange(len(space.count), dtype=np.int64), "_count": space.count}, schema={"_pos": pl.Int64, "_count": pl.Int64})
    pairs = (
        pairs.join(counts.rename({"_pos": "_pos_a", "_count": "_count_a"}), on="_pos_a", how="inner")
        .join(counts.rename({"_pos": "_pos_b", "_count": "_count_b"}), on="_pos_b", how="inner")
        .filter((pl.col("_count_a") >= min_words) & (pl.col("_count_b") >= min_words))
        .drop("_count_a", "_count_b")
    )
    if pairs.is_empty():
        return empty
    texts = pairs.select("_pos_a", "_pos_b").unique()
    words, names = space.scores_at(texts["_pos_a"].to_numpy(), texts["_pos_b"].to_numpy(), names_at_least=float(params["names_similarity"]))
    scored = texts.with_columns(pl.Series("similarity", words), pl.Series("names_score", names)).filter(
        (pl.col("similarity") >= float(params["subject_similarity"])) & (pl.col("names_score") >= float(params["names_similarity"])),
    )
    pairs = pairs.join(scored, on=["_pos_a", "_pos_b"], how="inner")
    if pairs.is_empty():
        return empty
    pairs = _with_codes(_facts(pairs, agr), frames)
    keep = []
    for row in pairs.select("subject_a", "subject_b", "number_a", "project_id_a", "project_id_b", "_code_a").iter_rows(named=True):
        sa, sb = stage_numbers(row["subject_a"]), stage_numbers(row["subject_b"])
        stages = row["project_id_a"] is not None and row["project_id_a"] == row["project_id_b"] and bool(sa) and bool(sb) and sa != sb
        follow_up = names_in(row["subject_b"], row["number_a"], row["_code_a"])
        keep.append(not stages and not follow_up)
    return pairs.filter(pl.Series(keep, dtype=pl.Boolean))


def _codes(frames: Frames) -> dict[int, str]:
    if not frames.has("projects"):
        return {}
    projects = frames["projects"].unique("project_id", keep="first")
    return dict(zip(projects["project_id"].to_list(), projects["code"].to_list(), strict=True))


def _facts(pairs: pl.DataFrame, agr: pl.DataFrame) -> pl.DataFrame:
    """``pairs`` with the subject and number of each agreement (read for the few pairs kept, not for every candidate)."""
    facts = agr.select("agreement_id", "subject", "number")
    return (
        pairs.join(facts.rename({"agreement_id": "agreement_id_a", "subject": "subject_a", "number": "number_a"}), on="agreement_id_a", how="left")
        .join(facts.rename({"agreement_id": "agreement_id_b", "subject": "subject_b", "number": "number_b"}), on="agreement_id_b", how="left")
    )


def _with_codes(pairs: pl.DataFrame, frames: Frames) -> pl.DataFrame:
    codes = _codes(frames)
    table = pl.DataFrame({"project_id_a": list(codes), "_code_a": list(codes.values())}, schema={"project_id_a": pl.Int64, "_code_a": pl.Utf8})
    return pairs.join(table, on="project_id_a", how="left")


def _sides(pairs: pl.DataFrame) -> dict[int, dict]:
    """Each agreement of the pairs with the other of its pair: ``{"role", "other", "similarity", …}``.

    Both agreements of a pair are flagged — the later (``role`` "later") is in doubt and at stake, the
    earlier (``role`` "first", as NK-06 flags the first copy) counts. An agreement of several pairs keeps
    its role as the later one, else the most alike earlier or later agreement; ``matches`` counts them.
    """
    if pairs.is_empty():
        return {}
    out: dict[int, dict] = {}
    counts: dict[int, int] = {}
    ranked = pairs.sort(["similarity", "names_score", "agreement_id_a", "agreement_id_b"], descending=[True, True, False, False], nulls_last=True)
    for row in ranked.iter_rows(named=True):
        common = {k: v for k, v in row.items() if not (k.endswith("_a") or k.endswith("_b"))}
        for me, other, role in (("b", "a", "later"), ("a", "b", "first")):
            aid = row[f"agreement_id_{me}"]
            counts[aid] = counts.get(aid, 0) + 1
            known = out.get(aid)
            if known is None or (known["role"] == "first" and role == "later"):
                out[aid] = {**common, "role": role, "other": {k[:-2]: v for k, v in row.items() if k.endswith(f"_{other}")}}
    for aid, side in out.items():
        side["matches"] = counts[aid]
    return out


# -- NK-33 the same work funded by two subsoil users ---------------------------------------------------

_SAME_WORK = {
    "kk": "екі шарттың нысанасы бір жұмысты сипаттайды (ұқсастығы {s}, атаулар мен орындардың ұқсастығы {n}), {time} — бір жұмысты екі жер қойнауын пайдаланушы қаржыландырады{role}",
    "ru": "предметы двух договоров описывают одну работу (сходство {s}, сходство названий и мест {n}), {time} — одну работу финансируют два недропользователя{role}",
    "en": "the two subjects describe the same work (similarity {s}; names and places {n}); {time} — one work funded by two subsoil users{role}",
}
_REGISTERED_TWICE = {
    "kk": "бұл екі жер қойнауын пайдаланушы тіркеген бір шарт (нөмірі, күні және орындаушысы бірдей): олар бірге {paid} төлеген, ал шарт сомасы {amount} — әрқайсысы бүкіл жұмыс үшін төлеген{role}",
    "ru": "это один договор, зарегистрированный обоими недропользователями (тот же номер, дата и исполнитель): вместе они заплатили {paid} при сумме договора {amount} — каждый оплатил всю работу{role}",
    "en": "this is one agreement registered by both subsoil users (the same number, date and performer): together they paid {paid} against its amount of {amount} — each paid for the whole work{role}",
}
_OVERLAP = {"kk": "мерзімдері {d} күн қабаттасады", "ru": "сроки пересекаются на {d} дн.", "en": "the periods overlap by {d} days"}
_GAP = {"kk": "кейінгісі алдыңғысы аяқталғаннан {g} күн өткен соң басталды", "ru": "более поздний начался через {g} дн. после окончания более раннего", "en": "the later began {g} days after the earlier ended"}
_FIRST = {"kk": "; бұл шарт — ертерегі, күмәнді — кейінгісі", "ru": "; этот договор — более ранний, под сомнением более поздний", "en": "; this agreement is the earlier one, the later is in doubt"}


def _time(side: Mapping[str, Any], lang: str) -> str:
    if side.get("overlap_days"):
        return _OVERLAP[lang].format(d=side["overlap_days"])
    return _GAP[lang].format(g=side.get("gap_days") or 0)


def _role(side: Mapping[str, Any], lang: str) -> str:
    return _FIRST[lang] if side["role"] == "first" else ""


def _registrations(agr: pl.DataFrame) -> pl.DataFrame:
    """``agreement_id`` → ``_reg``: the registrations of one agreement by several payers (the same number as
    accountants mean it, the same signing date and performer) share a key."""
    numbers = agr["number"].drop_nulls().unique()
    table = pl.DataFrame({"number": numbers, "_nkey": [number_key(n) for n in numbers.to_list()]}, schema={"number": pl.Utf8, "_nkey": pl.Utf8})
    return agr.select("agreement_id", "number", "signed_on", "performer_id").join(table, on="number", how="left").with_columns(
        pl.when(pl.col("_nkey").is_not_null() & pl.col("signed_on").is_not_null() & pl.col("performer_id").is_not_null())
        .then(pl.concat_str([pl.col("_nkey"), pl.col("signed_on").cast(pl.Utf8), pl.col("performer_id").cast(pl.Utf8)], separator="|"))
        .alias("_reg"),
    ).select("agreement_id", "_reg")


def _with_positions(agr: pl.DataFrame, space: TextSpace) -> pl.DataFrame:
    """``agr`` with ``_pos``: the row of its subject in ``space``."""
    return agr.join(space.table(), left_on=pl.col("subject").fill_null(""), right_on="subject", how="left", suffix="_text").drop("subject_text", strict=False)


def _two_payers(frames: Frames, params: Mapping[str, Any]) -> pl.DataFrame:
    """Agreements of two subsoil users for the same work.

    Candidates (:func:`_pairs`): the same or a directly linked performer — or subjects quoting the same
    figures —, periods overlapping or at most ``max_gap_days`` apart. A pair is one work when the
    subjects read so (:func:`_alike`); both agreements are flagged, the later at stake (:func:`_sides`).
    One agreement registered openly by both payers (the same number, date and performer) is
    co-funding, unless together they paid more than its amount (``tolerance``): then each paid for the
    whole work, and the excess is at stake on the later registration.
    """
    agr = _agreements(frames)
    bins, paid = _bins(frames), _paid(frames)
    tolerance = float(params["tolerance"])
    space = TextSpace.of(agr["subject"].to_list())
    agr = _with_positions(agr, space)
    pairs = _pairs(agr, frames, same_payer=False, max_gap=int(params["max_gap_days"]))
    regs = _registrations(agr)
    pairs = pairs.join(regs.rename({"agreement_id": "agreement_id_a", "_reg": "_reg_a"}), on="agreement_id_a", how="left").join(
        regs.rename({"agreement_id": "agreement_id_b", "_reg": "_reg_b"}), on="agreement_id_b", how="left",
    )
    one = (pl.col("_reg_a").is_not_null() & (pl.col("_reg_a") == pl.col("_reg_b"))).fill_null(False)
    alike = _sides(_alike(pairs.filter(~one), agr, params, space, frames))
    over = []
    for row in _facts(pairs.filter(one), agr).with_columns(pl.lit(None, dtype=pl.Float64).alias("similarity"), pl.lit(None, dtype=pl.Float64).alias("names_score")).iter_rows(named=True):
        total = paid.get(row["agreement_id_a"], 0) + paid.get(row["agreement_id_b"], 0)
        limit = max(row["amount_a"] or 0, row["amount_b"] or 0)
        if limit > 0 and total > limit + int(limit * tolerance):
            over.append({**row, "_total": total, "_limit": limit})
    twice = _sides(pl.DataFrame(over, infer_schema_length=None)) if over else {}
    counts = space.count[agr["_pos"].to_numpy()] if len(space.count) else np.zeros(len(agr), dtype=np.int64)
    # Agreements whose peers' subjects were not read (blank: a one-company run reads no other payer's subject).
    blank = space.index.get("")
    unread: set[int] = set()
    if blank is not None and not pairs.is_empty():
        unread = set(pairs.filter(pl.col("_pos_a") == blank)["agreement_id_b"].to_list()) | set(pairs.filter(pl.col("_pos_b") == blank)["agreement_id_a"].to_list())
    rows = []
    for a, words in zip(agr.iter_rows(named=True), counts, strict=True):
        aid = a["agreement_id"]
        side = twice.get(aid) or alike.get(aid)
        if side is None:
            reason = (
                "performer_unknown" if a["performer_id"] is None
                else "no_subject" if words < int(params["min_subject_words"])
                else "other_subject_unknown" if aid in unread else None
            )
            rows.append({"subject_id": aid, "payer_id": a["payer_id"], "status": "not_computable" if reason else "clear", "reason": reason})
            continue
        evidence = _pair_evidence(side, a, bins, paid, frames.has("payments"))
        later = side["role"] == "later"
        if aid in twice:
            for key in ("similarity", "names_score", "overlap_days", "gap_days"):
                evidence.pop(key, None)
            for lang in LANGUAGES:
                evidence[f"finding_{lang}"] = _REGISTERED_TWICE[lang].format(
                    paid=format_money(side["_total"], lang), amount=format_money(side["_limit"], lang), role=_role(side, lang),
                )
            at_stake = side["_total"] - side["_limit"] if later else 0
        else:
            for lang in LANGUAGES:
                evidence[f"finding_{lang}"] = _SAME_WORK[lang].format(
                    s=_score(side["similarity"], lang), n=_score(side["names_score"], lang), time=_time(side, lang), role=_role(side, lang),
                )
            at_stake = (paid.get(aid) or a["amount"]) if later else 0
        evidence.update(subject_similarity=float(params["subject_similarity"]), names_similarity=float(params["names_similarity"]), max_gap_days=int(params["max_gap_days"]))
        rows.append({"subject_id": aid, "payer_id": a["payer_id"], "status": "flagged", "evidence": _json(evidence), "amount": at_stake})
    return _result(rows)


def _pair_evidence(side: Mapping[str, Any], a: Mapping[str, Any], bins: Mapping[int, str], paid: Mapping[int, int], with_payments: bool) -> dict[str, Any]:
    """The facts of a flagged agreement (``a``) and of the other agreement of its pair."""
    other = side["other"]
    evidence: dict[str, Any] = {
        "agreement_id": a["agreement_id"], "agreement_number": a["number"], "signed_on": _day(a["signed_on"]),
        "payer_bin": bins.get(a["payer_id"]), "performer_bin": bins.get(a["performer_id"]), "subject": (a["subject"] or "").strip()[:300],
        "agreement_amount_tiyn": a["amount"], "paid_total_tiyn": paid.get(a["agreement_id"], 0),
        "other_agreement_id": other["agreement_id"], "other_agreement_number": other.get("number"), "other_signed_on": _day(other["signed_on"]),
        "other_payer_bin": bins.get(other["payer_id"]), "other_performer_bin": bins.get(other["performer_id"]),
        "other_subject": (other.get("subject") or "").strip()[:300], "other_amount_tiyn": other["amount"], "other_paid_tiyn": paid.get(other["agreement_id"], 0),
        "similarity": round(float(side["similarity"]), 3) if side.get("similarity") is not None else None,
        "names_score": round(float(side["names_score"]), 3) if side.get("names_score") is not None else None,
        "overlap_days": side.get("overlap_days"), "gap_days": side.get("gap_days"), "matches": side.get("matches", 1),
        "first_occurrence": side["role"] == "first",
    }
    if not with_payments:
        evidence.pop("paid_total_tiyn")
        evidence.pop("other_paid_tiyn")
    return evidence


# -- NK-34 the same work counted toward two subsoil use rights ---------------------------------------

_OTHER_RIGHT = {
    "kk": "ол жер қойнауын пайдаланушының {date} күнгі {number} шартымен ({amount}) бір жұмысты сипаттайды (ұқсастығы {s}, атаулар мен орындардың ұқсастығы {n}; {time}), ал ол шарттың төлемдері басқа жер қойнауын пайдалану құқығы бойынша есепке алынған ({rights}) — бір жұмыс екі құқық бойынша есептелген{role}",
    "ru": "он описывает ту же работу, что и договор {number} от {date} ({amount}) того же недропользователя (сходство {s}, сходство названий и мест {n}; {time}), платежи по которому засчитаны по другому праву недропользования ({rights}), — одна работа засчитана по двум правам{role}",
    "en": "it describes the same work as the subsoil user's agreement {number} of {date} ({amount}) (similarity {s}; names and places {n}; {time}), whose payments are credited to another subsoil use right ({rights}) — one work counted toward two rights{role}",
}
_WHOLE_TWICE = {
    "kk": "бүкіл шарт {k} құқықтың әрқайсысы бойынша есептелген: {rights}",
    "ru": "весь договор засчитан по каждому из {k} прав: {rights}",
    "en": "the whole agreement is counted toward each of {k} rights: {rights}",
}


def _right_totals(pay: pl.DataFrame) -> pl.DataFrame:
    """What each agreement paid under each of its rights, for agreements credited to more than one right.

    A payment repeated under another right with the same document number (as accountants mean it) and
    amount is NK-06's copy, not a second payment: it is counted once, under the first right it appears in.
    """
    multi = pay.filter(pl.col("right_id").is_not_null() & (pl.col("right_id").n_unique().over("agreement_id") > 1))
    schema = {"agreement_id": pl.Int64, "right_id": pl.Int64, "right_number": pl.Utf8, "paid": pl.Int64}
    if multi.is_empty():
        return pl.DataFrame(schema=schema)
    # Numbers are read only where a copy can be: one amount of one agreement under two rights or more.
    suspect = pl.col("right_id").n_unique().over("agreement_id", "amount") > 1
    numbers = multi.filter(suspect)["document_number"].drop_nulls().unique()
    table = pl.DataFrame({"document_number": numbers, "_nkey": [number_key(n) for n in numbers.to_list()]}, schema={"document_number": pl.Utf8, "_nkey": pl.Utf8})
    multi = multi.with_columns(suspect.alias("_suspect")).join(table, on="document_number", how="left").with_columns(
        pl.when(pl.col("_suspect")).then(pl.col("_nkey")).alias("_nkey"),
    ).sort("payment_id")
    first = pl.col("payment_id") == pl.col("payment_id").min().over("agreement_id", "_nkey", "amount")
    kept = multi.filter(pl.col("_nkey").is_null() | first)
    return kept.group_by("agreement_id", "right_id").agg(pl.col("right_number").drop_nulls().first(), pl.col("amount").fill_null(0).sum().alias("paid")).cast(schema)


def _two_rights(frames: Frames, params: Mapping[str, Any]) -> pl.DataFrame:
    """Agreements of one subsoil user counted toward two of its rights for one work.

    Two forms: two agreements whose subjects read as one work (candidates as NK-33's, of one payer),
    credited to different rights — both flagged, the later at stake; and one agreement whose payments
    under each of two rights reach ``full_share`` of its amount.
    """
    agr = _agreements(frames)
    bins, paid = _bins(frames), _paid(frames)
    pay = frames["payments"].select("payment_id", "agreement_id", "right_id", "right_number", "amount", "document_number")
    credited = pay.filter(pl.col("right_id").is_not_null()).group_by("agreement_id").agg(
        pl.col("right_id").unique().sort().alias("_rights"), pl.col("right_number").drop_nulls().unique().sort().alias("_numbers"),
    )
    rights = {aid: (set(ids), numbers) for aid, ids, numbers in credited.iter_rows()}
    space = TextSpace.of(agr["subject"].to_list())
    agr = _with_positions(agr, space)
    pairs = _pairs(agr, frames, same_payer=True, max_gap=int(params["max_gap_days"]))
    # Pairs credited to different rights: each has payments, and no right in common.
    ids = credited.select("agreement_id", "_rights")
    pairs = (
        pairs.join(ids.rename({"agreement_id": "agreement_id_a", "_rights": "_rights_a"}), on="agreement_id_a", how="inner")
        .join(ids.rename({"agreement_id": "agreement_id_b", "_rights": "_rights_b"}), on="agreement_id_b", how="inner")
        .filter(pl.col("_rights_a").list.set_intersection("_rights_b").list.len() == 0)
        .drop("_rights_a", "_rights_b")
    )
    alike = _sides(_alike(pairs, agr, params, space, frames))
    full_share = float(params["full_share"])
    totals = _right_totals(pay).join(agr.select("agreement_id", "amount"), on="agreement_id", how="left").filter(
        pl.col("amount").is_not_null() & (pl.col("amount") > 0) & (pl.col("paid") >= (pl.col("amount").cast(pl.Float64) * full_share)),
    )
    whole: dict[int, list[tuple]] = {}
    for aid, _right_id, number, amount_paid, _amount in totals.sort("agreement_id", "right_id").iter_rows():
        whole.setdefault(aid, []).append((number, amount_paid))
    whole = {aid: items for aid, items in whole.items() if len(items) >= 2}
    rows = []
    for a in agr.iter_rows(named=True):
        aid = a["agreement_id"]
        side, counted = alike.get(aid), whole.get(aid)
        if side is None and counted is None:
            reason = "no_payments" if aid not in rights else None
            rows.append({"subject_id": aid, "payer_id": a["payer_id"], "status": "not_computable" if reason else "clear", "reason": reason})
            continue
        evidence: dict[str, Any] = {
            "agreement_id": aid, "agreement_number": a["number"], "signed_on": _day(a["signed_on"]), "payer_bin": bins.get(a["payer_id"]),
            "performer_bin": bins.get(a["performer_id"]), "subject": (a["subject"] or "").strip()[:300], "agreement_amount_tiyn": a["amount"],
            "paid_total_tiyn": paid.get(aid, 0), "right_numbers": rights.get(aid, (set(), []))[1],
        }
        if counted is not None:
            evidence["rights_count"] = len(counted)
            for lang in LANGUAGES:
                listed = "; ".join(f"№ {number or '—'} — {format_money(amount, lang)}" for number, amount in counted)
                evidence[f"finding_{lang}"] = _WHOLE_TWICE[lang].format(k=len(counted), rights=listed)
            at_stake = sum(amount for _n, amount in counted) - max(amount for _n, amount in counted)
        else:
            other = side["other"]
            other_rights = rights.get(other["agreement_id"], (set(), []))[1]
            evidence.update({
                "other_agreement_id": other["agreement_id"], "other_agreement_number": other.get("number"), "other_signed_on": _day(other["signed_on"]),
                "other_performer_bin": bins.get(other["performer_id"]), "other_subject": (other.get("subject") or "").strip()[:300],
                "other_amount_tiyn": other["amount"], "other_right_numbers": other_rights,
                "similarity": round(float(side["similarity"]), 3), "names_score": round(float(side["names_score"]), 3),
                "overlap_days": side["overlap_days"], "gap_days": side["gap_days"], "matches": side["matches"], "first_occurrence": side["role"] == "first",
            })
            for lang in LANGUAGES:
                evidence[f"finding_{lang}"] = _OTHER_RIGHT[lang].format(
                    number=other.get("number") or "—", date=_day(other["signed_on"]) or "—", amount=format_money(other["amount"], lang),
                    s=_score(side["similarity"], lang), n=_score(side["names_score"], lang), time=_time(side, lang), rights=", ".join(other_rights) or "—",
                    role=_role(side, lang),
                )
            at_stake = (paid.get(aid) or a["amount"]) if side["role"] == "later" else 0
        evidence.update(subject_similarity=float(params["subject_similarity"]), names_similarity=float(params["names_similarity"]), full_share=full_share)
        rows.append({"subject_id": aid, "payer_id": a["payer_id"], "status": "flagged", "evidence": _json(evidence), "amount": at_stake})
    return _result(rows)


# -- NK-35 direct spending that is the same money as a budget transfer ---------------------------------

#: A purpose that names a transfer to the budget: the budget classification code, «в бюджет», «бюджетке»,
#: the money sent «через уполномоченный орган» (the budget channel's administrator).
_BUDGET = re.compile(
    r"(?<!\w)(?:кбк|kbk|бск)(?!\w)|401103|(?:в|во)\s+(?:республиканский\s+|государственный\s+)?бюджет(?!\w)|бюджетк[еа]|бюджетіне|бюджетке"
    r"|бюджеттік\s+сыныптама|уполномоченн\w*\s+орган|уәкілетті\s+орган"
    r"|to\s+the\s+(?:state\s+|republican\s+)?budget|budget\s+(?:transfer|contribution|classification)|перечислени\w*\s+в\s+бюджет",
    re.IGNORECASE,
)


def mentions_budget(purpose: str | None) -> bool:
    """Whether a payment's purpose says the money went to the budget (КБК 401103, «в бюджет», «бюджетке»,
    «через уполномоченный орган»)."""
    return bool(_BUDGET.search(purpose or ""))


_MATCH = {
    "number": {
        "kk": "құжат нөмірі аударым тапсырмасының нөмірі ({a} / {b}), {amounts}, күндерінің айырмасы {d} күн",
        "ru": "номер документа — номер поручения на перечисление ({a} / {b}), {amounts}, разница дат в днях: {d}",
        "en": "the document number is the transfer order's ({a} / {b}), {amounts}, {d} days apart",
    },
    "named": {
        "kk": "төлемнің мақсатында аударым тапсырмасы аталған ({b}), {amounts}, күндерінің айырмасы {d} күн",
        "ru": "в назначении платежа названо поручение на перечисление ({b}), {amounts}, разница дат в днях: {d}",
        "en": "the payment's purpose names the transfer order ({b}), {amounts}, {d} days apart",
    },
    "purpose": {
        "kk": "төлемнің мақсатында бюджетке аударым аталған, {amounts}, күндерінің айырмасы {d} күн",
        "ru": "в назначении платежа названо перечисление в бюджет, {amounts}, разница дат в днях: {d}",
        "en": "the payment's purpose names a transfer to the budget, {amounts}, {d} days apart",
    },
}
_AMOUNTS = {
    "full": {"kk": "сомалар рұқсат етілген ауытқу шегінде бірдей", "ru": "суммы совпадают в пределах допуска", "en": "the amounts equal within the tolerance"},
    "part": {"kk": "төлем — аударымның бір бөлігі ({x}, аударым {y})", "ru": "платёж — часть перечисления ({x} из {y})", "en": "the payment is a part of the transfer ({x} of {y})"},
}


def _near(a: str, b: str, params: Mapping[str, Any]) -> pl.Expr:
    larger = pl.max_horizontal(a, b).cast(pl.Float64)
    allowed = pl.max_horizontal(pl.lit(float(params["amount_tolerance_tiyn"])), larger * float(params["amount_tolerance_share"]))
    return (pl.col(a) - pl.col(b)).abs().cast(pl.Float64) <= allowed


def _same_number(a: str | None, b: str | None, *, exact: bool = False) -> bool:
    """Two document numbers that are one as accountants mean it: the same key, or (unless ``exact``) the
    same number with its series or year written on one side only (:func:`niokr.core.docnumbers.split_key`)."""
    ka, kb = split_key(a), split_key(b)
    if ka is None or kb is None:
        return False
    if ka.key == kb.key:
        return True
    return not exact and ka.number == kb.number and ka.part == kb.part and (ka.base == kb.base or ka.single or kb.single)


def _names_order(purpose: str | None, order: str | None) -> bool:
    """Whether a purpose names the transfer order by its number («п/п № ПП-2026-000111»): the same key, series and all."""
    key = split_key(order)
    if key is None or key.single:
        return False  # a bare number in a purpose could be anything
    return any(_same_number(token, order, exact=True) for token in _NUMBER_TOKEN.findall(purpose or ""))


def _same_money(frames: Frames, params: Mapping[str, Any]) -> pl.DataFrame:
    """Payments of a subsoil user that are the money of one of its budget transfers.

    The payment's amount equals the transfer's (to the tolerance) or is a part of it, and it names the
    transfer — its document number is the order's (as accountants mean it; for a part, the same number
    series and all), or its purpose names the order — within ``same_number_window_days``, or its purpose
    names a transfer to the budget within ``purpose_window_days``.

    The transfers are spread over the days of the window (a hash join on payer and day, not a range
    join of every payment with every transfer); numbers and purposes are read only for the candidates.
    """
    window, same_window = int(params["purpose_window_days"]), int(params["same_number_window_days"])
    reach = max(window, same_window)
    pay = frames["payments"].select("payment_id", "payer_id", "performer_id", "paid_on", "amount", "document_number", "purpose")
    transfers = frames["transfers"].filter(pl.col("paid_on").is_not_null() & pl.col("payer_id").is_not_null() & pl.col("amount").is_not_null()).select(
        "transfer_id", "payer_id", "order_number", pl.col("paid_on").alias("transfer_on"), pl.col("amount").alias("transfer_amount"),
        pl.col("right_number").alias("transfer_right_number"), "treasury_confirmed",
    )
    spread = transfers.with_columns(pl.int_ranges(-reach, reach + 1).alias("_offset")).explode("_offset").with_columns(
        (pl.col("transfer_on") + pl.duration(days=pl.col("_offset"))).alias("paid_on"),
    )
    candidates = (
        pay.filter(pl.col("paid_on").is_not_null() & pl.col("amount").is_not_null() & (pl.col("amount") > 0))
        .join(spread, on=["payer_id", "paid_on"], how="inner")
        .filter(_near("amount", "transfer_amount", params) | (pl.col("amount") < pl.col("transfer_amount")))
        .with_columns(pl.col("_offset").abs().alias("days_apart"), _near("amount", "transfer_amount", params).alias("_full"))
    )
    found: dict[int, dict] = {}
    rank = {"number": 0, "named": 1, "purpose": 2}
    for row in candidates.sort("payment_id", "days_apart", "transfer_id").iter_rows(named=True):
        doc, order, days = row["document_number"], row["order_number"], row["days_apart"]
        if days <= same_window and _same_number(doc, order, exact=not row["_full"]):
            how = "number"
        elif days <= same_window and _names_order(row["purpose"], order):
            how = "named"
        elif days <= window and mentions_budget(row["purpose"]):
            how = "purpose"
        else:
            continue
        key = (not row["_full"], rank[how])
        best = found.get(row["payment_id"])
        if best is None or key < best["_key"]:
            found[row["payment_id"]] = {**row, "_how": how, "_key": key}
    bins = _bins(frames)
    rows = []
    for payment_id, hit in found.items():
        evidence: dict[str, Any] = {
            "payment_id": payment_id, "document_number": hit["document_number"], "paid_on": _day(hit["paid_on"]), "amount_tiyn": hit["amount"],
            "performer_bin": bins.get(hit["performer_id"]), "payer_bin": bins.get(hit["payer_id"]), "purpose": (hit["purpose"] or "").strip()[:160],
            "transfer_id": hit["transfer_id"], "order_number": hit["order_number"], "transfer_on": _day(hit["transfer_on"]),
            "transfer_amount_tiyn": hit["transfer_amount"], "transfer_right_number": hit["transfer_right_number"],
            "treasury_confirmed": hit["treasury_confirmed"], "days_apart": hit["days_apart"],
            "purpose_window_days": window, "same_number_window_days": same_window,
        }
        for lang in LANGUAGES:
            amounts = _AMOUNTS["full"][lang] if hit["_full"] else _AMOUNTS["part"][lang].format(x=format_money(hit["amount"], lang), y=format_money(hit["transfer_amount"], lang))
            evidence[f"match_{lang}"] = _MATCH[hit["_how"]][lang].format(a=hit["document_number"] or "—", b=hit["order_number"] or "—", d=hit["days_apart"], amounts=amounts)
        rows.append({"subject_id": payment_id, "payer_id": hit["payer_id"], "status": "flagged", "evidence": _json(evidence), "amount": hit["amount"]})
    flagged = _result(rows)
    rest = pay.filter(~pl.col("payment_id").is_in(flagged["subject_id"].implode())).select(
        pl.col("payment_id").alias("subject_id"), "payer_id",
        pl.when(pl.col("paid_on").is_null()).then(pl.lit("no_payment_date")).when(pl.col("amount").is_null()).then(pl.lit("no_amount")).alias("reason"),
    ).with_columns(pl.when(pl.col("reason").is_null()).then(pl.lit("clear")).otherwise(pl.lit("not_computable")).alias("status"))
    return outcome(pl.concat([outcome(rest), flagged]))


# -- the catalogue entries -------------------------------------------------------------------------

_OBLIGATION = _t(
    "2010 жылғы 24 маусымдағы № 291-IV «Жер қойнауы және жер қойнауын пайдалану туралы» Заң, 76-бап 12-1-тармақ; 2017 жылғы 27 желтоқсандағы № 125-VI Кодекс, 129, 178-баптар: міндеттеме жер қойнауын пайдаланушының ҒЗТКЖ-ға нақты жұмсаған шығыстарымен орындалады",
    "Закон от 24.06.2010 № 291-IV «О недрах и недропользовании», ст. 76 п. 12-1; Кодекс от 27.12.2017 № 125-VI, ст. 129, 178: обязательство исполняется фактически понесёнными расходами недропользователя на НИОКР",
    "Law of 24.06.2010 No 291-IV \"On Subsoil and Subsoil Use\", art. 76(12-1); Code of 27.12.2017 No 125-VI, art. 129, 178: the obligation is met by the subsoil user's spending actually incurred on R&D",
)
_SIMILARITY = Threshold("subject_similarity", 0.75, _t(
    "Екі шарт нысанасының бір жұмыс болып саналуы үшін ең аз ұқсастығы (0-ден 1-ге дейін: сөздер бір жазылуға келтіріліп, қазақ, орыс және ағылшын тілдеріндегі терминдер сөздік бойынша бір сөзге айналдырылғаннан кейін таңбалық n-граммалардың TF-IDF косинусы).",
    "Наименьшее сходство предметов двух договоров, при котором они считаются одной работой (от 0 до 1: косинус TF-IDF символьных n-грамм после приведения слов к одному написанию и перевода терминов казахского, русского и английского языков в одно слово по словарю).",
    "Least similarity of two agreements' subjects for them to be one work (0 to 1: the TF-IDF cosine of character n-grams, after the words are folded to one spelling and the Kazakh, Russian and English terms of the glossary to one word).",
))
_NAMES = Threshold("names_similarity", 0.5, _t(
    "Меншікті атаулардың — сөйлем ішінде бас әріппен жазылған, сөздікте жоқ сөздердің: кен орындарының, объектілердің, өңірлердің — ең аз ұқсастығы (дауыссыздары бойынша салыстырылады): бір тақырыпты екі кен орнында зерттеу екі жұмыс. Нысаналардың біреуінде атау болмаса, шарт қойылмайды.",
    "Наименьшее сходство имён собственных — слов с заглавной буквы внутри фразы, которых нет в словаре: названий месторождений, объектов, регионов (сравниваются по согласным): одна тема на двух месторождениях — две работы. Если в одном из предметов названий нет, условие не применяется.",
    "Least similarity of the proper names — capitalised words inside a phrase that the glossary does not know: fields, sites, regions (compared by their consonants): one topic at two fields is two works. Where either subject names nothing, the condition does not apply.",
))
_MIN_WORDS = Threshold("min_subject_words", 3, _t(
    "Салыстыру үшін нысанада болуы тиіс мазмұнды сөздердің ең аз саны («ҒЗТКЖ», «ғылыми зерттеулер» сияқты жалпы нысана ештеңе айтпайды).",
    "Наименьшее число содержательных слов в предмете, чтобы его сравнивать (общий предмет вроде «НИОКР», «научные исследования» ничего не говорит).",
    "Least number of words that say something a subject must hold to be compared (a bare «R&D», «research» says nothing).",
))
_GAP_DAYS = Threshold("max_gap_days", 366, _t(
    "Екі шарттың мерзімдері қабаттасуы немесе арасында осыдан аспайтын күн болуы тиіс: бір жұмысты келесі жылы қайта сатуға болады, ал одан кейінгі ұқсас жұмыс — жаңа жұмыс.",
    "Сроки двух договоров должны пересекаться или отстоять не более чем на это число дней: одну работу можно продать снова на следующий год, а похожая работа позже — уже новая.",
    "Days the two agreements' periods may lie apart (or overlap): one work may be sold again the next year; a like work later is a new one.",
))
_GAP_DAYS_RIGHTS = Threshold("max_gap_days", 0, _t(
    "Екі шарттың мерзімдері арасында болуы мүмкін күндер саны (0 — мерзімдер қабаттасуы тиіс): бір жер қойнауын пайдаланушы бір жұмысты екі құқыққа бір мезгілде тіркейді, ал келесі жылғы жалғасы — жаңа кезең.",
    "Сколько дней может пройти между сроками двух договоров (0 — сроки должны пересекаться): один недропользователь регистрирует одну работу по двум правам в одно время, а продолжение на следующий год — новый этап.",
    "Days the two agreements' periods may lie apart (0: they must overlap): one subsoil user registers one work under two rights at one time; its continuation the next year is a new phase.",
))

NK33 = Indicator(
    code="NK-33", version=1, subject_type="agreement", weight=85,
    title=_t("Бір жұмысты екі жер қойнауын пайдаланушы қаржыландырған", "Одна работа профинансирована двумя недропользователями", "Same work funded by two subsoil users"),
    rationale=_t(
        "Міндеттеме жер қойнауын пайдаланушының нақты жұмсаған шығыстарымен орындалады. Екі жер қойнауын пайдаланушы сатып алған, әрқайсысы толық бағасын есепке алған бір жұмыс екі рет төленіп, бір рет орындалады: олардың кем дегенде біреуі өзінің 1 %-ын жаңа зерттеулерге жұмсамаған. Шарттар ұқсас көрінбеуі үшін нысананы басқаша жазады, орнын ауыстырады, аударады, транслитерациялайды немесе ондағы нөмір мен жылды өзгертеді.",
        "Обязательство исполняется фактически понесёнными расходами недропользователя. Одна работа, купленная двумя недропользователями, каждый из которых засчитывает её полную цену, оплачена дважды, а выполнена один раз: по крайней мере один из них не направил свой 1 % на новые исследования. Чтобы договоры не казались похожими, предмет перефразируют, переставляют слова, переводят, пишут латиницей, меняют в нём номер и год.",
        "The obligation is met by spending actually incurred. One work bought by two subsoil users, each counting its full price, is paid for twice and done once: at least one of them has not spent its 1 % on new research. So that the agreements do not look alike, the subject is reworded, reordered, translated, transliterated, or its number and year changed.",
    ),
    legal_basis=_t(
        _OBLIGATION["kk"] + ". Аудиторлық негіздеме: бір жұмысты екі рет қаржыландыру; ұқсастық шектері конфигурацияда. Мемлекеттік грант екінші қаржыландырушы ретінде бағаланбайды — жүйеде гранттар туралы деректер жоқ.",
        _OBLIGATION["ru"] + ". Аудиторское обоснование: двойное финансирование одной работы; пороги сходства задаются в конфигурации. Государственный грант как второй источник не оценивается — данных о грантах в системе нет.",
        _OBLIGATION["en"] + ". Audit rationale: one work funded twice; the similarity thresholds are configurable. A state grant as the second funder is not judged: the system holds no data on grants.",
    ),
    explanation=_t(
        "Жер қойнауын пайдаланушы {payer_bin} мен орындаушы {performer_bin} арасындағы {signed_on} күнгі {agreement_number} шарты («{subject}», {agreement_amount_tiyn}) және жер қойнауын пайдаланушы {other_payer_bin} мен орындаушы {other_performer_bin} арасындағы {other_signed_on} күнгі {other_agreement_number} шарты ({other_amount_tiyn}): {finding_kk}.",
        "Договор {agreement_number} от {signed_on} между недропользователем {payer_bin} и исполнителем {performer_bin} («{subject}», {agreement_amount_tiyn}) и договор {other_agreement_number} от {other_signed_on} между недропользователем {other_payer_bin} и исполнителем {other_performer_bin} ({other_amount_tiyn}): {finding_ru}.",
        "Agreement {agreement_number} of {signed_on} between subsoil user {payer_bin} and performer {performer_bin} («{subject}», {agreement_amount_tiyn}) and agreement {other_agreement_number} of {other_signed_on} between subsoil user {other_payer_bin} and performer {other_performer_bin} ({other_amount_tiyn}): {finding_en}.",
    ),
    needs=("agreements",), evaluate=_two_payers,
    thresholds=(
        _SIMILARITY, _NAMES, _MIN_WORDS, _GAP_DAYS,
        Threshold("tolerance", 0.01, _t(
            "Екі жер қойнауын пайдаланушы тіркеген бір шарт (нөмірі, күні және орындаушысы бірдей) бойынша олардың бірге төлегені шарт сомасынан осы үлеске дейін асуы мүмкін — бұл ашық бірлескен қаржыландыру; одан асса, әрқайсысы бүкіл жұмыс үшін төлеген.",
            "На какую долю суммы договора может превысить её то, что вместе заплатили два недропользователя по одному договору, зарегистрированному обоими (тот же номер, дата и исполнитель), — это открытое софинансирование; сверх этого каждый оплатил всю работу.",
            "Share of its amount by which what two subsoil users together paid under one agreement registered by both (the same number, date and performer) may exceed it — open co-funding; beyond it, each paid for the whole work.",
        )),
    ),
    truth_codes=("double_funding_two_payers",),
)

NK34 = Indicator(
    code="NK-34", version=1, subject_type="agreement", weight=80,
    title=_t("Бір жұмыс жер қойнауын пайдаланудың екі құқығы бойынша есептелген", "Одна работа засчитана по двум правам недропользования", "Same work counted toward two subsoil use rights"),
    rationale=_t(
        "Жер қойнауын пайдаланудың әр құқығының (келісімшарттың, лицензияның) өз міндеттемесі бар. Екі құқық бойынша есептелген бір жұмыс — әр құқыққа бір-бірден екі шартпен ресімделген немесе бүкіл бағасы әр құқық бойынша есепке алынған бір шарт — бір шығыспен екі міндеттемені орындайды.",
        "Каждое право недропользования (контракт, лицензия) несёт своё обязательство. Одна работа, засчитанная по двум правам, — оформленная двумя договорами, по одному на право, или одним договором, вся цена которого засчитана по каждому праву, — исполняет два обязательства одним расходом.",
        "Each subsoil use right (contract, licence) carries its own obligation. One work counted toward two rights — registered as two agreements, one per right, or one agreement whose whole price is credited under each right — meets two obligations with one spending.",
    ),
    legal_basis=_t(
        _OBLIGATION["kk"] + "; міндеттеме әр келісімшарт немесе лицензия бойынша есептеледі. Аудиторлық негіздеме: қосарланған есеп.",
        _OBLIGATION["ru"] + "; обязательство определяется по каждому контракту или лицензии. Аудиторское обоснование: двойной учёт.",
        _OBLIGATION["en"] + "; the obligation is set per contract or licence. Audit rationale: double counting.",
    ),
    explanation=_t(
        "Жер қойнауын пайдаланушы {payer_bin} мен орындаушы {performer_bin} арасындағы {signed_on} күнгі {agreement_number} шарты («{subject}», {agreement_amount_tiyn}) {right_numbers} жер қойнауын пайдалану құқықтары бойынша есепке алынған: {finding_kk}.",
        "Договор {agreement_number} от {signed_on} между недропользователем {payer_bin} и исполнителем {performer_bin} («{subject}», {agreement_amount_tiyn}), засчитанный по правам недропользования {right_numbers}: {finding_ru}.",
        "Agreement {agreement_number} of {signed_on} between subsoil user {payer_bin} and performer {performer_bin} («{subject}», {agreement_amount_tiyn}), credited to subsoil use rights {right_numbers}: {finding_en}.",
    ),
    needs=("agreements", "payments"), evaluate=_two_rights,
    thresholds=(
        _SIMILARITY, _NAMES, _MIN_WORDS, _GAP_DAYS_RIGHTS,
        Threshold("full_share", 0.9, _t(
            "Бір шарт бойынша бір құқыққа есептелген төлемдер шарт сомасының осы үлесіне жетсе, шарт сол құқық бойынша толық есептелген; осындай екі құқық — бүкіл шарт екі рет есептелген (құқықтар арасында бөлінген шарт тәуекел белгісін алмайды).",
            "Если платежи по договору, засчитанные по одному праву, достигают этой доли суммы договора, договор засчитан по этому праву целиком; два таких права — весь договор засчитан дважды (договор, разделённый между правами, флага не получает).",
            "Payments of an agreement credited to one right that reach this share of its amount count the whole agreement toward that right; two such rights count it twice (an agreement split between rights is not flagged).",
        )),
    ),
    truth_codes=("same_work_two_rights",),
)

NK35 = Indicator(
    code="NK-35", version=1, subject_type="payment", weight=90,
    title=_t("Тікелей шығыс пен бюджетке аударым — бір ақша", "Прямой расход — те же деньги, что и перечисление в бюджет", "Direct spending that is the same money as a budget transfer"),
    rationale=_t(
        "2026 жылдан бастап көмірсутек пен уран бойынша жер қойнауын пайдаланушылар міндеттемені 1 %-ды республикалық бюджетке (БСК 401103) аудару арқылы орындайды, қалғандары — ҒЗТКЖ-ға тікелей шығыстармен. Бір ақша екеуі бола алмайды: орындаушыға төлем ретінде де мәлімделген бюджетке аударым міндеттемеге екі рет есептеледі.",
        "С 2026 года недропользователи по углеводородам и урану исполняют обязательство перечислением 1 % в республиканский бюджет (КБК 401103), остальные — прямыми расходами на НИОКР. Одни и те же деньги не могут быть и тем и другим: перечисление в бюджет, заявленное ещё и как платёж исполнителю, засчитывается в обязательство дважды.",
        "From 2026 hydrocarbon and uranium subsoil users meet the obligation by transferring the 1 % to the republican budget (KBK 401103), the others by spending on R&D directly. The same money cannot be both: a budget transfer also reported as a payment to a performer counts twice toward the obligation.",
    ),
    legal_basis=_t(
        "Энергетика министрінің 2025 жылғы 17 желтоқсандағы № 490-н/қ және Ғылым және жоғары білім министрінің 2025 жылғы 17 желтоқсандағы № 574 бірлескен бұйрығы (Әділет министрлігінде № 37604 тіркелген): көмірсутек пен уран бойынша жер қойнауын пайдаланушылардың 1 %-ы республикалық бюджетке, БСК 401103 аударылады; " + _OBLIGATION["kk"] + ". Аудиторлық негіздеме: бір төлем екі арна бойынша есептелген.",
        "Совместный приказ министра энергетики от 17.12.2025 № 490-н/қ и министра науки и высшего образования от 17.12.2025 № 574 (МЮ № 37604): 1 % недропользователей по углеводородам и урану перечисляется в республиканский бюджет, КБК 401103; " + _OBLIGATION["ru"] + ". Аудиторское обоснование: один платёж засчитан в обоих каналах.",
        "Joint order of the Minister of Energy of 17.12.2025 No 490-н/қ and the Minister of Science and Higher Education of 17.12.2025 No 574 (MoJ No 37604): the 1 % of hydrocarbon and uranium subsoil users is transferred to the republican budget, KBK 401103; " + _OBLIGATION["en"] + ". Audit rationale: one payment counted in both channels.",
    ),
    explanation=_t(
        "Жер қойнауын пайдаланушы {payer_bin} жасаған {paid_on} күнгі {amount_tiyn} сомасындағы {document_number} төлемі (орындаушы — {performer_bin}) ҒЗТКЖ-ға тікелей шығыс ретінде мәлімделген, бірақ ол {transfer_on} күнгі {transfer_amount_tiyn} сомасындағы {order_number} бюджетке аударымымен бір ақша (жер қойнауын пайдалану құқығы {transfer_right_number}): {match_kk}.",
        "Платёж недропользователя {payer_bin} {document_number} на сумму {amount_tiyn} от {paid_on} исполнителю {performer_bin}, заявленный как прямые расходы на НИОКР, — те же деньги, что и перечисление в бюджет {order_number} на сумму {transfer_amount_tiyn} от {transfer_on} (право недропользования {transfer_right_number}): {match_ru}.",
        "Payment {document_number} of {amount_tiyn} on {paid_on} by subsoil user {payer_bin} to performer {performer_bin}, reported as direct R&D spending, is the same money as budget transfer {order_number} of {transfer_amount_tiyn} on {transfer_on} (subsoil use right {transfer_right_number}): {match_en}.",
    ),
    needs=("payments", "transfers"), evaluate=_same_money,
    thresholds=(
        Threshold("purpose_window_days", 7, _t(
            "Мақсатында бюджетке аударым аталған төлем мен сол сомадағы аударым бір ақша болып саналуы үшін арасында болуы мүмкін күндер саны (тапсырма, валюталау немесе өткізу күні).",
            "На сколько дней могут отстоять платёж, в назначении которого названо перечисление в бюджет, и перечисление той же суммы, чтобы считаться одними деньгами (дата поручения, валютирования или проведения).",
            "Days apart a payment whose purpose names a transfer to the budget and a transfer of the same amount may be and still be the same money (the order, value or posting date).",
        )),
        Threshold("same_number_window_days", 31, _t(
            "Құжат нөмірі (бухгалтерлік мағынада) бірдей төлем мен аударым бір ақша болып саналуы үшін арасында болуы мүмкін күндер саны: Жаңа жыл мерекелері арқылы ауысқан валюталау күні.",
            "На сколько дней могут отстоять платёж и перечисление с тем же номером документа (в бухгалтерском смысле), чтобы считаться одними деньгами: дата валютирования, перенесённая через новогодние праздники.",
            "Days apart a payment and a transfer with the same document number (as accountants mean it) may be and still be the same money: a value date carried over the New Year holidays.",
        )),
        Threshold("amount_tolerance_tiyn", 100, _t(
            "Төлем мен аударымның осы шамадан аспайтын айырмасы бар сомалары бір сома болып саналады (тиындағы қате).",
            "Суммы платежа и перечисления, различающиеся не более чем на эту величину, считаются одной суммой (опечатка в тиынах).",
            "Amounts of a payment and a transfer that differ by at most this much are the same amount (a kopeck retyped).",
        )),
        Threshold("amount_tolerance_share", 0.0001, _t(
            "Немесе үлкен соманың осы үлесінен аспайтын шамаға — қайсысы көбірек мүмкіндік берсе.",
            "Или не более чем на эту долю большей суммы — что допускает больше.",
            "Or by at most this share of the larger amount, whichever allows more.",
        )),
    ),
    truth_codes=("direct_and_budget_same_money",),
)

INDICATORS: tuple[Indicator, ...] = (NK33, NK34, NK35)
