"""The synthetic country's Delphi foresight: the MedTech pilot (two closed rounds) and the AgriTech and
GreenTech exercises in round 1.

Everything goes through :mod:`niokr.foresight.services`, so the rules are locked before round 1, the
answers are validated and each round's results are frozen the real way when it closes.

* **MedTech** ("Форсайт медицинских технологий Казахстана до 2040 года"): two panels (clinicians and
  health organisers; researchers and industry), 16 panellists with the demo panellists among them,
  12 technologies. Round 1: most panellists answer (one never does), one proposes an item that the
  moderator accepts for round 2 and another one the moderator declines; reminders go to those who
  had not answered. Round 2: two panellists drop out; the others move part of the way toward the
  group's round-1 median (each at their own pace, some not at all), so several items with a high
  importance reach consensus in round 2 and the split ones do not. Both rounds are closed.
* **AgriTech** and **GreenTech**: rules locked, round 1 open (deadline in three weeks), some
  panellists have answered, some saved a draft. The demo ``panellist`` sits on the AgriTech panel
  and has not answered yet, so the demo shows the questionnaire.

Ratings are drawn from a random stream of their own (``random.Random(f"{seed}:foresight")``) and
ordered queries, so the same seed gives the same exercise.
"""

from __future__ import annotations

from datetime import date, timedelta
from random import Random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from niokr.accounts.choices import Role
from niokr.accounts.models import Membership
from niokr.accounts.scoping import forget_memberships
from niokr.core.bin import check_digit
from niokr.foresight import services
from niokr.foresight.models import Exercise, Item, ItemResult, Panellist, Reminder, Response, Round, RoundSummary, Scale

__all__ = ["build", "MEDTECH", "AGRITECH", "GREENTECH"]

MEDTECH, AGRITECH, GREENTECH = "MEDTECH-2040", "AGRITECH-2040", "GREENTECH-2040"

# (first name ru, kk, en, sex)
_FIRST = (
    ("Айгерим", "Айгерім", "Aigerim", "f"), ("Нурлан", "Нұрлан", "Nurlan", "m"), ("Асель", "Әсел", "Assel", "f"), ("Ерлан", "Ерлан", "Yerlan", "m"),
    ("Динара", "Динара", "Dinara", "f"), ("Бауыржан", "Бауыржан", "Bauyrzhan", "m"), ("Сауле", "Сәуле", "Saule", "f"), ("Марат", "Марат", "Marat", "m"),
    ("Жанар", "Жанар", "Zhanar", "f"), ("Ерболат", "Ерболат", "Yerbolat", "m"), ("Гульмира", "Гүлмира", "Gulmira", "f"), ("Даурен", "Дәурен", "Dauren", "m"),
    ("Елена", "Елена", "Yelena", "f"), ("Сергей", "Сергей", "Sergey", "m"), ("Ольга", "Ольга", "Olga", "f"), ("Андрей", "Андрей", "Andrey", "m"),
    ("Мадина", "Мадина", "Madina", "f"), ("Тимур", "Тимур", "Timur", "m"), ("Камила", "Камила", "Kamila", "f"), ("Арман", "Арман", "Arman", "m"),
    ("Наталья", "Наталья", "Natalya", "f"), ("Галым", "Ғалым", "Galym", "m"), ("Салтанат", "Салтанат", "Saltanat", "f"), ("Виктор", "Виктор", "Viktor", "m"),
)
# (surname ru masculine, ru feminine, kk masculine, kk feminine, en masculine, en feminine)
_LAST = (
    ("Абдрахманов", "Абдрахманова", "Әбдірахманов", "Әбдірахманова", "Abdrakhmanov", "Abdrakhmanova"),
    ("Сейтказин", "Сейтказина", "Сейтқазин", "Сейтқазина", "Seitkazin", "Seitkazina"),
    ("Жумабаев", "Жумабаева", "Жұмабаев", "Жұмабаева", "Zhumabayev", "Zhumabayeva"),
    ("Нургалиев", "Нургалиева", "Нұрғалиев", "Нұрғалиева", "Nurgaliyev", "Nurgaliyeva"),
    ("Касымов", "Касымова", "Қасымов", "Қасымова", "Kassymov", "Kassymova"),
    ("Тулегенов", "Тулегенова", "Төлегенов", "Төлегенова", "Tulegenov", "Tulegenova"),
    ("Омаров", "Омарова", "Омаров", "Омарова", "Omarov", "Omarova"),
    ("Искаков", "Искакова", "Ысқақов", "Ысқақова", "Iskakov", "Iskakova"),
    ("Байжанов", "Байжанова", "Байжанов", "Байжанова", "Baizhanov", "Baizhanova"),
    ("Кенжебаев", "Кенжебаева", "Кенжебаев", "Кенжебаева", "Kenzhebayev", "Kenzhebayeva"),
    ("Ким", "Ким", "Ким", "Ким", "Kim", "Kim"),
    ("Петров", "Петрова", "Петров", "Петрова", "Petrov", "Petrova"),
    ("Шевченко", "Шевченко", "Шевченко", "Шевченко", "Shevchenko", "Shevchenko"),
    ("Ахметов", "Ахметова", "Ахметов", "Ахметова", "Akhmetov", "Akhmetova"),
    ("Мусин", "Мусина", "Мусин", "Мусина", "Mussin", "Mussina"),
    ("Есенов", "Есенова", "Есенов", "Есенова", "Yessenov", "Yessenova"),
    ("Смагулов", "Смагулова", "Смағұлов", "Смағұлова", "Smagulov", "Smagulova"),
    ("Кудайбергенов", "Кудайбергенова", "Құдайбергенов", "Құдайбергенова", "Kudaibergenov", "Kudaibergenova"),
    ("Волков", "Волкова", "Волков", "Волкова", "Volkov", "Volkova"),
    ("Жаксылыков", "Жаксылыкова", "Жақсылықов", "Жақсылықова", "Zhaksylykov", "Zhaksylykova"),
)

# Each item: code, (kk, ru, en), mean importance, mean feasibility, typical realisation band, capability %.
_MEDTECH_ITEMS = (
    ("M01", ("Шалғай аудандардағы емханаларға арналған көмек көрсету орнындағы жедел диагностика құрылғылары",
             "Экспресс-диагностика на месте оказания помощи для сельских поликлиник",
             "Point-of-care rapid diagnostics for rural clinics"), 8.0, 7.2, 1, 35),
    ("M02", ("Шалғай өңірлерге арналған телемедицина және қашықтан мониторинг",
             "Телемедицина и дистанционный мониторинг пациентов в отдалённых регионах",
             "Telemedicine and remote patient monitoring for remote regions"), 8.3, 7.8, 1, 45),
    ("M03", ("Қазақстанның уран және изотоп өндірісі негізінде радиофармпрепараттар",
             "Радиофармпрепараты на основе казахстанского урана и изотопной продукции",
             "Radiopharmaceuticals from Kazakh uranium and isotope production"), 7.6, 5.6, 2, 30),
    ("M04", ("Биоаналогтар мен биотехнологиялық дәрілерді отандық өндіру",
             "Отечественное производство биоаналогов и биотехнологических препаратов",
             "Domestic production of biosimilars and biotechnology medicines"), 7.8, 6.0, 2, 20),
    ("M05", ("Рентгенография мен КТ суреттерін талдауға арналған жасанды интеллект",
             "Искусственный интеллект для анализа рентгенограмм и КТ-снимков",
             "Artificial intelligence for X-ray and CT image analysis"), 7.4, 7.0, 1, 25),
    ("M06", ("Жеке медицинаға арналған геномдық скрининг",
             "Геномный скрининг для персонализированной медицины",
             "Genomic screening for personalised medicine"), 6.2, 5.0, 3, 15),
    ("M07", ("Эндопротездер мен импланттарды 3D-басып шығару",
             "3D-печать эндопротезов и имплантов",
             "3D printing of endoprostheses and implants"), 6.0, 5.8, 2, 20),
    ("M08", ("Отандық вакциналар мен иммунобиологиялық препараттар",
             "Отечественные вакцины и иммунобиологические препараты",
             "Domestic vaccines and immunobiological products"), 7.9, 6.4, 2, 40),
    ("M09", ("Жылжымалы медициналық кешендер мен модульдік клиникалар",
             "Мобильные медицинские комплексы и модульные клиники",
             "Mobile medical complexes and modular clinics"), 6.6, 7.6, 1, 50),
    ("M10", ("Денсаулықтың цифрлық платформасы және электрондық денсаулық паспорты",
             "Цифровая платформа здоровья и электронный паспорт здоровья",
             "Digital health platform and electronic health passport"), 7.0, 7.4, 1, 55),
    ("M11", ("Медициналық робототехника және хирургиялық роботтар",
             "Медицинская робототехника и хирургические роботы",
             "Medical robotics and surgical robots"), 4.8, 3.8, 4, 8),
    ("M12", ("Қазақстанның дәрілік өсімдіктерінен фитопрепараттар",
             "Фитопрепараты из лекарственных растений Казахстана",
             "Herbal medicines from Kazakhstan's medicinal plants"), 5.2, 7.0, 1, 45),
)
_AGRITECH_ITEMS = (
    ("A01", ("Дәлме-дәл егіншілік: спутниктік мониторинг және дифференциалды тыңайту", "Точное земледелие: спутниковый мониторинг и дифференцированное внесение удобрений", "Precision farming: satellite monitoring and variable-rate fertilising"), 8.0, 7.0, 1, 35),
    ("A02", ("Құрғақшылыққа төзімді бидай сорттарын селекциялау", "Селекция засухоустойчивых сортов пшеницы", "Breeding drought-tolerant wheat varieties"), 8.2, 6.6, 2, 40),
    ("A03", ("Тамшылатып суару және суды үнемдейтін технологиялар", "Капельное орошение и водосберегающие технологии", "Drip irrigation and water-saving technologies"), 8.4, 7.6, 1, 45),
    ("A04", ("Мал шаруашылығына арналған вакциналар мен ветеринариялық диагностика", "Вакцины и ветеринарная диагностика для животноводства", "Vaccines and veterinary diagnostics for livestock"), 7.6, 6.8, 1, 50),
    ("A05", ("Ауыл шаруашылығы өнімін терең өңдеу", "Глубокая переработка сельскохозяйственного сырья", "Deep processing of agricultural raw materials"), 7.2, 6.5, 2, 30),
    ("A06", ("Жайылымдарды цифрлық басқару және малды чиптеу", "Цифровое управление пастбищами и чипирование скота", "Digital pasture management and livestock tagging"), 6.5, 7.2, 1, 35),
    ("A07", ("Биотыңайтқыштар мен биологиялық өсімдік қорғау құралдары", "Биоудобрения и биологические средства защиты растений", "Bio-fertilisers and biological crop protection"), 6.8, 6.9, 2, 25),
    ("A08", ("Жабық топырақта көкөніс өсіруге арналған вертикалды фермалар", "Вертикальные фермы для овощеводства закрытого грунта", "Vertical farms for greenhouse vegetables"), 5.0, 5.5, 2, 15),
)
_GREENTECH_ITEMS = (
    ("G01", ("Жасыл сутегі өндірісі", "Производство зелёного водорода", "Green hydrogen production"), 7.0, 4.8, 3, 10),
    ("G02", ("Жел және күн электр станцияларына арналған энергия жинақтау жүйелері", "Системы накопления энергии для ветровых и солнечных станций", "Energy storage for wind and solar plants"), 8.2, 6.5, 2, 20),
    ("G03", ("Кен байыту қалдықтарын қайта өңдеу", "Переработка хвостов обогащения и отходов горного производства", "Reprocessing of mine tailings and mining waste"), 8.0, 6.8, 2, 35),
    ("G04", ("Көміртекті ұстау және сақтау", "Улавливание и хранение углерода", "Carbon capture and storage"), 6.0, 4.2, 3, 10),
    ("G05", ("Жылу электр орталықтарының тиімділігін арттыру", "Повышение эффективности теплоэлектроцентралей", "Efficiency upgrades of combined heat and power plants"), 7.8, 7.8, 1, 45),
    ("G06", ("Қатты тұрмыстық қалдықтарды сұрыптау және қайта өңдеу", "Сортировка и переработка твёрдых бытовых отходов", "Sorting and recycling of municipal solid waste"), 7.5, 7.4, 1, 30),
    ("G07", ("Ауаның ластануын цифрлық мониторингтеу", "Цифровой мониторинг загрязнения воздуха", "Digital air-pollution monitoring"), 7.2, 8.0, 1, 40),
)

_MEDTECH_COMMENTS = {
    "M01": ("Без сертифицированных тест-систем ЕАЭС внедрение затянется.", "Ауылдық емханаларда кадр тапшылығы басты кедергі болып отыр.", "Решающее значение имеет закупка через СК-Фармация."),
    "M02": ("Связь в сёлах остаётся узким местом.", "Опыт пандемии показал готовность врачей.", "Нужна тарификация телеконсультаций в ОСМС."),
    "M03": ("Есть сырьё, но нет циклотронной инфраструктуры в регионах.", "Изотоп өндірісіндегі тәжірибе бар, бірақ GMP талаптары күрделі.", "Регистрация радиофармпрепаратов займёт годы."),
    "M04": ("Рынок мал, без экспорта в ЕАЭС не окупится.", "Биоаналогтарды өндіру үшін GMP зертханалары қажет."),
    "M05": ("Нужны размеченные отечественные датасеты.", "Регистрация ПО как медизделия — отдельный вопрос.", "Уже есть пилоты в Астане и Алматы."),
    "M06": ("Пока дорого для массового применения.", "Требуется законодательство о генетических данных."),
    "M08": ("Опыт QazVac показал и возможности, и ограничения.", "Отандық вакциналар ұлттық қауіпсіздік мәселесі."),
    "M11": ("Импорт дешевле и надёжнее на горизонте 2040.", "Компетенций почти нет."),
    "M12": ("Сырьевая база есть, доказательная база слабая.", "Экспортный потенциал в ЕАЭС высокий."),
}
_GENERIC_COMMENTS = (
    "Оценка зависит от государственного заказа.", "Кадры — главное ограничение.", "Нужны пилотные проекты в регионах.",
    "Мемлекеттік қолдау болса, мерзімі қысқарады.", "Технология зрелая за рубежом, вопрос в локализации.",
)


def _bin(rng: Random) -> str:
    """A fresh valid BIN of a resident legal entity (head unit) registered in 2010–2015."""
    from niokr.registry.models import Organisation

    while True:
        first11 = f"{rng.randint(10, 15):02d}{rng.randint(1, 12):02d}40{rng.randint(0, 99999):05d}"
        digit = check_digit(first11)
        if digit is not None and not Organisation.objects.filter(bin=first11 + str(digit)).exists():
            return first11 + str(digit)


def _organisations(rng: Random) -> list:
    """The research organisations the generated panellists work for (the country's, or one made here)."""
    from niokr.registry.models import Organisation

    found = list(Organisation.objects.filter(kind__in=("research_institute", "university")).order_by("bin")[:400])
    if found:
        rng.shuffle(found)
        return found[:8]
    org = Organisation.objects.create(
        bin=_bin(rng), kind="research_institute", region="astana", registered_on=date(2012, 4, 2),
        name_kk="«Ұлттық денсаулық сақтау технологиялары ғылыми орталығы» ЖШС",
        name_ru="ТОО «Национальный научный центр технологий здравоохранения»",
        name_en="National Research Centre for Health Technologies LLP",
    )
    return [org]


def _people(rng: Random, count: int, orgs: list) -> list:
    """``count`` panellists with Kazakh/Russian names (unusable passwords) and the panellist's role."""
    User = get_user_model()
    names = [(f, s) for f in _FIRST for s in _LAST]
    rng.shuffle(names)
    people = []
    serial = 1
    for (first_ru, first_kk, first_en, sex), surname in names:
        if len(people) == count:
            break
        last_ru, last_kk, last_en = (surname[0], surname[2], surname[4]) if sex == "m" else (surname[1], surname[3], surname[5])
        if any(p.last_name == last_ru for p in people):
            continue  # one family name once: the demo reads better
        if f"{first_kk} {last_kk}" == f"{first_ru} {last_ru}":
            continue  # a name written alike in Kazakh and Russian would not show which one a page reads
        while User.objects.filter(username=f"delphi{serial:02d}").exists():
            serial += 1
        user = User(username=f"delphi{serial:02d}", first_name=first_ru, last_name=last_ru, name_kk=f"{first_kk} {last_kk}", name_en=f"{first_en} {last_en}",
                    language=rng.choice(("ru", "ru", "kk")))
        user.set_unusable_password()
        user.save()
        Membership.objects.create(user=user, organisation=orgs[len(people) % len(orgs)], role=Role.PANELLIST)
        people.append(user)
        serial += 1
    return people


def _ensure_role(user, role: str, org) -> None:
    """The demo logins hold the role they play (the lead's accounts normally do already)."""
    if not Membership.objects.filter(user=user, role=role).exists():
        Membership.objects.create(user=user, organisation=org, role=role)
    forget_memberships(user)


def _clip(value: float, low: int, high: int) -> int:
    return max(low, min(high, int(round(value))))


class _Panel:
    """The generated opinions of one exercise: each panellist's leaning and their round-1 ratings."""

    def __init__(self, rng: Random, exercise: Exercise, items: list[Item], spec: dict, seats: list[Panellist]):
        self.rng, self.exercise, self.items, self.spec = rng, exercise, items, spec
        self.bias = {s.pk: rng.gauss(0, 0.8) for s in seats}
        self.pace = {s.pk: rng.choice((0.0, 0.35, 0.5, 0.6, 0.75, 0.9)) for s in seats}  # how far toward the median in round 2

    def first(self, seat: Panellist, item: Item) -> list[services.AnswerInput]:
        rng = self.rng
        imp, feas, band, capability = self.spec[item.code]
        # a low self-rated expertise answers "don't know" more often
        unsure = 0.02 + 0.04 * (5 - seat.expertise)
        spread = 2.1 if imp < 7 else 1.7
        out = []
        for scale in self.exercise.scales:
            if rng.random() < unsure:
                out.append(services.AnswerInput(item.pk, scale, None, True))
                continue
            if scale == Scale.IMPORTANCE:
                value = _clip(rng.gauss(imp + self.bias[seat.pk], spread), 1, 9)
            elif scale == Scale.FEASIBILITY:
                value = _clip(rng.gauss(feas + self.bias[seat.pk] * 0.5, spread), 1, 9)
            elif scale == Scale.REALISATION:
                value = _clip(rng.gauss(band, 0.8), 1, 5)
            else:
                value = _clip(rng.gauss(capability, 12), 0, 100)
            out.append(services.AnswerInput(item.pk, scale, value, False, self._comment(item, scale)))
        return out

    def _comment(self, item: Item, scale: str) -> str:
        if scale != Scale.IMPORTANCE or self.rng.random() > 0.18:
            return ""
        bank = _MEDTECH_COMMENTS.get(item.code, ()) + _GENERIC_COMMENTS
        return self.rng.choice(bank)

    def again(self, seat: Panellist, item: Item, previous: dict, medians: dict) -> list[services.AnswerInput]:
        """Round 2: part of the way toward the round-1 median, or as before; a new item is rated afresh."""
        rng = self.rng
        if item.first_round == 2:
            return self.first(seat, item)
        out = []
        for scale in self.exercise.scales:
            before = previous.get((item.pk, scale))
            median = medians.get((item.pk, scale))
            if before is None or median is None:
                out.extend(a for a in self.first(seat, item) if a.scale == scale)
                continue
            if before.dont_know:
                out.append(services.AnswerInput(item.pk, scale, None, True) if rng.random() < 0.5 else
                           services.AnswerInput(item.pk, scale, _clip(float(median) + rng.choice((-1, 0, 0, 1)), *services.SCALE_RANGES[scale]), False))
                continue
            pace = self.pace[seat.pk] * rng.uniform(0.7, 1.2)
            moved = before.value + pace * (float(median) - before.value)
            if scale == Scale.CAPABILITY:
                value = _clip(moved + rng.gauss(0, 3), 0, 100)
            else:
                low, high = services.SCALE_RANGES[scale]
                value = _clip(moved + rng.choice((0, 0, 0, 0.4, -0.4)), low, high)
            out.append(services.AnswerInput(item.pk, scale, value, False, self._comment(item, scale) if rng.random() < 0.5 else ""))
        return out


def _exercise(moderator, code: str, titles: tuple[str, str, str], direction: str, panels, items_spec, kind="technology") -> tuple[Exercise, list, list[Item]]:
    exercise = services.create_exercise(moderator, code=code, title_kk=titles[0], title_ru=titles[1], title_en=titles[2], priority_direction=direction)
    made_panels = [services.add_panel(moderator, exercise, name_kk=kk, name_ru=ru, name_en=en) for kk, ru, en in panels]
    items = [services.add_item(moderator, exercise, code=c, statement_kk=t[0], statement_ru=t[1], statement_en=t[2], kind=kind) for c, t, *_rest in items_spec]
    return exercise, made_panels, items


def _seat(moderator, exercise, panels, people, rng: Random, demo: set) -> list[Panellist]:
    seats = []
    for i, user in enumerate(people):
        expertise = 4 if user.username in demo else rng.choice((2, 3, 3, 4, 4, 4, 5, 5))
        seats.append(services.add_panellist(moderator, exercise, panel=panels[i % len(panels)], user=user, expertise=expertise))
    return seats


def _medtech(rng: Random, moderator, demo_users: list, pool: list) -> Exercise:
    exercise, panels, items = _exercise(
        moderator, MEDTECH,
        ("Қазақстанның 2040 жылға дейінгі медициналық технологиялар форсайты", "Форсайт медицинских технологий Казахстана до 2040 года", "Foresight of medical technologies in Kazakhstan to 2040"),
        "medtech",
        (("Клиницистер және денсаулық сақтау ұйымдастырушылары", "Клиницисты и организаторы здравоохранения", "Clinicians and health-care managers"),
         ("Зерттеушілер және өнеркәсіп", "Исследователи и промышленность", "Researchers and industry")),
        _MEDTECH_ITEMS,
    )
    services.lock_rules(moderator, exercise)
    people = demo_users + pool
    seats = _seat(moderator, exercise, panels, people, rng, {u.username for u in demo_users})
    spec = {c: (imp, feas, band, cap) for c, _t, imp, feas, band, cap in _MEDTECH_ITEMS}
    panel = _Panel(rng, exercise, items, spec, seats)
    demo_ids = {s.pk for s in seats if s.user in demo_users}

    # Round 1: the last generated panellist never answers; two answer only after a reminder.
    r1 = services.open_round(moderator, exercise, deadline=timezone.localdate() + timedelta(days=14))
    never, late = seats[-1], set(s.pk for s in seats[-3:-1])
    proposer, decliner = seats[len(demo_users)], seats[len(demo_users) + 1]
    proposal = services.propose_item(proposer.user, r1, statement="Отечественные медицинские изделия для гемодиализа (диализаторы и расходные материалы)", language="ru")
    declined = services.propose_item(decliner.user, r1, statement="Блокчейн для учёта лекарств в аптеках", language="ru")
    for seat in seats:
        if seat.pk == never.pk or seat.pk in late:
            continue
        services.submit_response(seat.user, r1, [a for item in items for a in panel.first(seat, item)])
    services.send_reminders(moderator, r1)
    for seat in seats:
        if seat.pk in late:
            services.submit_response(seat.user, r1, [a for item in items for a in panel.first(seat, item)])
    services.close_round(moderator, r1)
    services.accept_proposal(moderator, proposal, statement_kk="Гемодиализге арналған отандық медициналық бұйымдар (диализаторлар мен шығын материалдары)",
                             statement_ru="Отечественные медицинские изделия для гемодиализа (диализаторы и расходные материалы)",
                             statement_en="Domestic haemodialysis devices (dialysers and consumables)")
    services.decline_proposal(moderator, declined)
    panel.spec[proposal.code] = (7.4, 6.2, 2, 20)  # rated afresh from round 2

    # Round 2: two panellists drop out (never the demo ones); the rest revise toward the median.
    medians = {(r.item_id, r.scale): r.median for r in ItemResult.objects.filter(round=r1)}
    responded = [s for s in seats if s.pk != never.pk]
    candidates = [s for s in responded if s.pk not in demo_ids]
    # the drop-outs lean against the panel: they are its dissenters (the warning has something to show)
    candidates.sort(key=lambda s: (panel.bias[s.pk], s.pk))
    dropped = {candidates[0].pk, candidates[-1].pk}
    r2 = services.open_round(moderator, exercise, deadline=timezone.localdate() + timedelta(days=14))
    items2 = list(services.rated_items(exercise, 2))
    for seat in responded:
        if seat.pk in dropped:
            continue
        previous = {(a.item_id, a.scale): a for a in Response.objects.get(round=r1, panellist=seat).answers.all()}
        services.submit_response(seat.user, r2, [a for item in items2 for a in panel.again(seat, item, previous, medians)])
    services.close_round(moderator, r2)
    return exercise


def _open_exercise(rng: Random, moderator, code, titles, direction, panels, items_spec, people, demo_users) -> Exercise:
    exercise, made_panels, items = _exercise(moderator, code, titles, direction, panels, items_spec)
    services.lock_rules(moderator, exercise)
    seats = _seat(moderator, exercise, made_panels, demo_users + people, rng, {u.username for u in demo_users})
    spec = {c: (imp, feas, band, cap) for c, _t, imp, feas, band, cap in items_spec}
    panel = _Panel(rng, exercise, items, spec, seats)
    r1 = services.open_round(moderator, exercise, deadline=timezone.localdate() + timedelta(days=21))
    for seat in seats:
        if seat.user in demo_users:
            continue  # the demo panellist answers in the demo
        answers = [a for item in items for a in panel.first(seat, item)]
        roll = rng.random()
        if roll < 0.5:
            services.submit_response(seat.user, r1, answers)
        elif roll < 0.75:
            services.save_response(seat.user, r1, answers[: len(answers) // 2])
    return exercise


def build(seed: int, users: dict) -> dict[str, int]:
    """Create the foresight exercises; ``users`` maps the demo logins (``moderator``, ``panellist``,
    ``panellist2``, ``panellist3``) to their users. Returns the rows created per table."""
    rng = Random(f"{seed}:foresight")
    codes = (MEDTECH, AGRITECH, GREENTECH)
    if Exercise.objects.filter(code__in=codes).exists():
        raise ValueError("the foresight exercises exist already; generate into an empty database")
    before = _counts()
    with transaction.atomic():
        orgs = _organisations(rng)
        moderator = users["moderator"]
        _ensure_role(moderator, Role.FORESIGHT_MODERATOR, orgs[0])
        demo = [users[k] for k in ("panellist", "panellist2", "panellist3") if k in users]
        for user in demo:
            _ensure_role(user, Role.PANELLIST, orgs[0])
        pool = _people(rng, 13 + 6 + 7, orgs)
        _medtech(rng, moderator, demo, pool[:13])
        agri_demo = [users["panellist"]] if "panellist" in users else []
        green_demo = [users["panellist3"]] if "panellist3" in users else []
        _open_exercise(
            rng, moderator, AGRITECH,
            ("Қазақстанның 2040 жылға дейінгі агротехнологиялар форсайты", "Форсайт агротехнологий Казахстана до 2040 года", "Foresight of agricultural technologies in Kazakhstan to 2040"),
            "agritech",
            (("Аграршылар мен өңдеушілер", "Аграрии и переработчики", "Farmers and processors"), ("Ғалымдар мен сарапшылар", "Учёные и эксперты", "Scientists and experts")),
            _AGRITECH_ITEMS, pool[13:19], agri_demo,
        )
        _open_exercise(
            rng, moderator, GREENTECH,
            ("Қазақстанның 2040 жылға дейінгі жасыл технологиялар форсайты", "Форсайт зелёных технологий Казахстана до 2040 года", "Foresight of green technologies in Kazakhstan to 2040"),
            "greentech",
            (("Энергетика және өнеркәсіп", "Энергетика и промышленность", "Energy and industry"),),
            _GREENTECH_ITEMS, pool[19:], green_demo,
        )
    after = _counts()
    return {name: after[name] - before[name] for name in after}


def _counts() -> dict[str, int]:
    return {
        "foresight_exercises": Exercise.objects.count(), "foresight_panellists": Panellist.objects.count(), "foresight_items": Item.objects.count(),
        "foresight_rounds": Round.objects.count(), "foresight_responses": Response.objects.count(), "foresight_item_results": ItemResult.objects.count(),
        "foresight_round_summaries": RoundSummary.objects.count(), "foresight_reminders": Reminder.objects.count(),
        "panellist_users": get_user_model().objects.filter(username__startswith="delphi").count(),
    }
