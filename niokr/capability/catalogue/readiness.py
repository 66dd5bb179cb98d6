"""The default readiness question sets: TRL per technology type, MRL and CRL.

Each TRL set asks, at every level 1–9, the question common to all technologies (after the EU/H2020
descriptors, DOMAIN.md §6.7) and one or two questions proper to its technology type. The medical
device set is anchored to the registration events of the Eurasian Economic Union's rules, which
Kazakhstan applies through the National Center for Expertise of Medicines and Medical Devices:

* EEC Board decision No 173 of 22.12.2015 — classification of medical devices by potential risk;
* EEC Council decision No 27 of 12.02.2016 — general requirements of safety and efficacy;
* EEC Council decision No 28 of 12.02.2016 — technical tests;
* EEC Council decision No 38 of 12.02.2016 — studies of biological action;
* EEC Council decision No 29 of 12.02.2016 — clinical and clinical-laboratory trials;
* EEC Council decision No 46 of 12.02.2016 — registration and expertise (dossier, certificate).

MRL follows the ten manufacturing readiness levels of the US Department of Defense's MRL
Deskbook; CRL the six levels of the Commercial Readiness Index (ARENA, 2014).

A question is answered "yes"/"no" (threshold 100: yes) or as a percentage complete with its own
threshold (e.g. at least 80 % of a test programme passed).
"""

from __future__ import annotations

__all__ = ["READINESS_SETS", "COMMON_TRL", "SPECIFIC_TRL"]


def t(kk: str, ru: str, en: str) -> dict[str, str]:
    return {"kk": kk, "ru": ru, "en": en}


def yes(text):
    return {"text": text, "answer_type": "yes_no", "threshold": 100}


def pct(text, threshold: int):
    return {"text": text, "answer_type": "percent", "threshold": threshold}


#: Level → the question every TRL set asks at it.
COMMON_TRL = {
    1: yes(t(
        "Технологияның негізінде жатқан ғылыми қағидаттар байқалып, сипатталды ма (жарияланым, есеп)?",
        "Наблюдены и описаны ли научные принципы, лежащие в основе технологии (публикация, отчёт)?",
        "Have the scientific principles underlying the technology been observed and described (a publication, a report)?",
    )),
    2: yes(t(
        "Технологияның тұжырымдамасы мен оның практикалық қолданылуы жазбаша тұжырымдалды ма?",
        "Сформулированы ли письменно концепция технологии и её практическое применение?",
        "Have the technology concept and its practical application been written down?",
    )),
    3: yes(t(
        "Тұжырымдама есептеулермен және экспериментпен расталды ма (сыни функция)?",
        "Подтверждена ли концепция расчётами и экспериментом (критическая функция)?",
        "Has the concept been proven by analysis and experiment (the critical function)?",
    )),
    4: yes(t(
        "Компоненттер құрастырылып, зертханалық жағдайда бірге тексерілді ме?",
        "Собраны ли компоненты и проверены ли они совместно в лабораторных условиях?",
        "Have the components been put together and validated together in the laboratory?",
    )),
    5: yes(t(
        "Макет нақты жағдайларға жақын ортада тексерілді ме?",
        "Проверен ли макет в условиях, приближенных к реальным?",
        "Has the breadboard been validated in an environment close to the real one?",
    )),
    6: pct(t(
        "Прототиптің тиісті ортадағы жоспарланған демонстрациялық сынақтарының қанша пайызы сәтті аяқталды?",
        "Какая доля (в процентах) запланированных демонстрационных испытаний прототипа в соответствующей среде успешно завершена?",
        "What share (per cent) of the prototype's planned demonstration tests in a relevant environment has been completed successfully?",
    ), 80),
    7: yes(t(
        "Жүйе прототипі пайдалану жағдайында көрсетілді ме?",
        "Продемонстрирован ли прототип системы в условиях эксплуатации?",
        "Has a system prototype been demonstrated in the operational environment?",
    )),
    8: yes(t(
        "Түпкілікті жүйе аяқталып, біліктілік (қабылдау) сынақтарынан өтті ме?",
        "Завершена ли окончательная система и прошла ли она квалификационные (приёмочные) испытания?",
        "Is the final system complete, and has it passed its qualification (acceptance) tests?",
    )),
    9: yes(t(
        "Жүйенің жұмысы нақты пайдалануда (тапсырыс берушілерде немесе өндірісте) расталды ма?",
        "Подтверждена ли работа системы в реальной эксплуатации (у заказчиков или в производстве)?",
        "Has the system been proven in actual operation (by customers or in production)?",
    )),
}

#: Technology type → level → the questions proper to that type.
SPECIFIC_TRL = {
    "hardware": {
        1: [yes(t("Бұйым негізделетін физикалық құбылыстар мен материалдар айқындалды ма?", "Определены ли физические явления и материалы, на которых будет основано изделие?", "Have the physical phenomena and materials the device will rest on been identified?"))],
        2: [yes(t("Бұйымның негізгі техникалық талаптары мен алдын ала сызбасы тұжырымдалды ма?", "Сформулированы ли основные технические требования и предварительная схема изделия?", "Have the main technical requirements and a preliminary layout of the device been drawn up?"))],
        3: [yes(t("Сыни функция зертханалық макетте расталды ма?", "Подтверждена ли критическая функция на лабораторном макете?", "Has a laboratory mock-up shown the critical function?"))],
        4: [yes(t("Компоненттер зертханада техникалық талаптарға сәйкестігіне сыналды ма?", "Испытаны ли компоненты в лаборатории на соответствие техническим требованиям?", "Have the components been tested in the laboratory against the technical requirements?"))],
        5: [yes(t("Макет шынайы жүктемелерде, температураларда және интерфейстерде сыналды ма?", "Испытан ли макет при реалистичных нагрузках, температурах и интерфейсах?", "Has the mock-up been tested under realistic loads, temperatures and interfaces?"))],
        6: [pct(t("Прототипке арналған конструкторлық құжаттаманың қанша пайызы шығарылды?", "Какая доля (в процентах) конструкторской документации на прототип выпущена?", "What share (per cent) of the prototype's design documentation has been issued?"), 90)],
        7: [yes(t("Прототип тапсырыс берушінің объектісінде тәжірибелік пайдаланудан өтті ме?", "Прошёл ли прототип опытную эксплуатацию на объекте заказчика?", "Has the prototype passed trial operation at a customer's site?"))],
        8: [yes(t(
            "Бұйымның сәйкестігі расталды ма (қолданылатын жағдайда ЕАЭО техникалық регламенттері бойынша) және өндіріске арналған құжаттама бекітілді ме?",
            "Подтверждено ли соответствие изделия (по техническим регламентам ЕАЭС, где они применимы) и утверждена ли документация для производства?",
            "Has the device's conformity been confirmed (under the EAEU technical regulations, where they apply) and the production documentation approved?",
        ))],
        9: [yes(t("Бұйым сериялық шығарылып, шарттар бойынша жеткізіле ме?", "Выпускается ли изделие серийно и поставляется ли по договорам?", "Is the device made in series and supplied under contracts?"))],
    },
    "software": {
        1: [yes(t("Бағдарламалық қамтылым негізделетін алгоритмдер немесе математикалық әдістер сипатталды ма?", "Описаны ли алгоритмы или математические методы, на которых будет основано программное обеспечение?", "Have the algorithms or mathematical methods the software will rest on been described?"))],
        2: [yes(t("Бағдарламалық қамтылымның функциялары, пайдаланушылары және сәулеті айқындалды ма?", "Определены ли функции, пользователи и архитектура программного обеспечения?", "Have the software's functions, users and architecture been outlined?"))],
        3: [yes(t("Негізгі алгоритмнің жұмысқа қабілеттілігі тәжірибелік бағдарламамен сынақ деректерінде расталды ма?", "Подтверждена ли работоспособность ключевого алгоритма экспериментальной программой на тестовых данных?", "Has a proof-of-concept program shown that the key algorithm works on test data?"))],
        4: [yes(t("Модульдер біріктіріліп, әзірлеу ортасында бірге тестіленді ме?", "Интегрированы ли модули и протестированы ли они совместно в среде разработки?", "Have the modules been integrated and tested together in a development environment?"))],
        5: [yes(t("Бағдарламалық қамтылым нақты деректерде сыртқы жүйелермен интерфейстері арқылы тестіленді ме?", "Протестировано ли программное обеспечение на реальных данных с интерфейсами к внешним системам?", "Has the software been tested on real data through its interfaces to the outside systems?"))],
        6: [pct(t("Талаптардың қанша пайызы сәтті өткен автоматтандырылған және қабылдау тесттерімен қамтылды?", "Какая доля (в процентах) требований покрыта успешно пройденными автоматизированными и приёмочными тестами?", "What share (per cent) of the requirements is covered by passing automated and acceptance tests?"), 80)],
        7: [yes(t("Бағдарламалық қамтылым нақты пайдаланушылармен тәжірибелік пайдаланудан өтті ме?", "Прошло ли программное обеспечение опытную эксплуатацию с реальными пользователями?", "Has the software been through trial operation with real users?"))],
        8: [yes(t("Бағдарламалық қамтылым қабылдау сынақтарынан және ақпараттық қауіпсіздік тексеруінен өтті ме, құжаттамасы аяқталды ма?", "Прошло ли программное обеспечение приёмочные испытания и проверку информационной безопасности, завершена ли документация?", "Has the software passed acceptance and information-security testing, with its documentation complete?"))],
        9: [yes(t("Бағдарламалық қамтылым сүйемелдеуімен және жаңартуларымен өнеркәсіптік пайдалануда ма?", "Находится ли программное обеспечение в промышленной эксплуатации с сопровождением и обновлениями?", "Is the software in production use, with support and updates?"))],
    },
    "process": {
        1: [yes(t("Процестің химиялық, физикалық немесе биологиялық механизмдері сипатталды ма?", "Описаны ли химические, физические или биологические механизмы процесса?", "Have the chemical, physical or biological mechanisms of the process been described?"))],
        2: [yes(t("Процестің технологиялық схемасы ұсынылды ма?", "Предложена ли технологическая схема процесса?", "Has a process flow sheet been proposed?"))],
        3: [yes(t("Процестің негізгі сатысы зертханалық эксперименттермен расталды ма?", "Подтверждена ли ключевая стадия процесса лабораторными экспериментами?", "Has the key step of the process been confirmed in laboratory experiments?"))],
        4: [yes(t("Толық процесс материалдық және энергетикалық баланстарымен зертханалық ауқымда жүргізілді ме?", "Проведён ли полный процесс в лабораторном масштабе с материальным и энергетическим балансами?", "Has the whole process been run at laboratory scale, with mass and energy balances?"))],
        5: [yes(t("Процесс нақты шикізатта (кенде, бастапқы шикізатта, суда) жүргізілді ме?", "Проведён ли процесс на реальном сырье (руде, исходном сырье, воде)?", "Has the process been run on real raw materials (ore, feedstock, water)?"))],
        6: [pct(t("Пилоттық қондырғыдағы сынақ бағдарламасының қанша пайызы орындалды?", "Какая доля (в процентах) программы испытаний на пилотной установке выполнена?", "What share (per cent) of the pilot-plant test programme has been completed?"), 80)],
        7: [yes(t("Демонстрациялық қондырғы өнеркәсіптік алаңда жұмыс істеді ме?", "Работала ли демонстрационная установка на промышленной площадке?", "Has a demonstration unit run at an industrial site?"))],
        8: [yes(t("Өнеркәсіптік қондырғы пайдалануға беріліп, қабылдау сынақтарында жобалық қуатқа жетті ме?", "Введена ли промышленная установка в эксплуатацию и достигла ли она проектной мощности на приёмочных испытаниях?", "Has the industrial unit been commissioned and reached its design capacity in acceptance tests?"))],
        9: [yes(t("Процесс кемінде бір жыл тұрақты көрсеткіштермен өнеркәсіптік пайдалануда жұмыс істей ме?", "Работает ли процесс в промышленной эксплуатации не менее года со стабильными показателями?", "Has the process run in industrial operation for at least a year with stable results?"))],
    },
    "medical_device": {
        1: [yes(t("Медициналық қажеттілік пен ғылыми негіздеме құжатталды ма (әдебиеттерге шолу)?", "Задокументированы ли медицинская потребность и научное обоснование (обзор литературы)?", "Have the medical need and the scientific rationale been documented (a literature review)?"))],
        2: [yes(t(
            "Медициналық бұйымның қолданылу мақсаты және ықтимал қауіп сыныбы айқындалды ма (ЕЭК Алқасының 22.12.2015 № 173 шешімімен бекітілген жіктеу қағидалары)?",
            "Определены ли назначение медицинского изделия и класс потенциального риска его применения (Правила классификации, решение Коллегии ЕЭК № 173 от 22.12.2015)?",
            "Have the intended use and the potential-risk class of the medical device been set (the classification rules, EEC Board decision No 173 of 22.12.2015)?",
        ))],
        3: [yes(t("Тұжырымдаманың дәлелі зертханалық зерттеулерде немесе жануарларда алынды ма (in vitro / in vivo)?", "Получено ли подтверждение концепции в лабораторных исследованиях или на животных (in vitro / in vivo)?", "Has proof of concept been obtained in laboratory or animal studies (in vitro / in vivo)?"))],
        4: [yes(t(
            "Прототип жасалып, зертханада медициналық бұйымдардың қауіпсіздігі мен тиімділігіне қойылатын жалпы талаптарға (ЕЭК Кеңесінің 12.02.2016 № 27 шешімі) сәйкестігіне сыналды ма?",
            "Изготовлен ли прототип и испытан ли он в лаборатории на соответствие Общим требованиям безопасности и эффективности медицинских изделий (решение Совета ЕЭК № 27 от 12.02.2016)?",
            "Has a prototype been made and tested in the laboratory against the general requirements of safety and efficacy of medical devices (EEC Council decision No 27 of 12.02.2016)?",
        ))],
        5: [yes(t(
            "Бұйымның құрылымы бекітілді ме, жобалауды басқару және ISO 13485 бойынша сапа менеджменті жүйесі енгізілді ме?",
            "Зафиксирована ли конструкция изделия, внедрены ли управление проектированием и система менеджмента качества по ISO 13485?",
            "Is the design frozen, with design controls and a quality management system under ISO 13485 in place?",
        ))],
        6: [yes(t(
            "Аккредиттелген зертханада техникалық сынақтар мен биологиялық әсерді зерттеу жүргізілді ме (ЕЭК Кеңесінің 12.02.2016 № 28 және № 38 шешімдері)?",
            "Пройдены ли технические испытания и исследования биологического действия в аккредитованной лаборатории (решения Совета ЕЭК № 28 и № 38 от 12.02.2016)?",
            "Have the technical tests and the studies of biological action been passed in an accredited laboratory (EEC Council decisions No 28 and No 38 of 12.02.2016)?",
        ))],
        7: [
            yes(t(
                "Дәрілік заттар мен медициналық бұйымдарды сараптаудың ұлттық орталығының сараптамасынан кейін клиникалық (клиникалық-зертханалық) сынақтар жүргізуге рұқсат алынды ма?",
                "Получено ли разрешение на проведение клинических (клинико-лабораторных) испытаний после экспертизы Национального центра экспертизы лекарственных средств и медицинских изделий?",
                "Has permission to conduct clinical (clinical-laboratory) trials been obtained after the expertise of the National Center for Expertise of Medicines and Medical Devices?",
            )),
            yes(t(
                "Клиникалық сынақтар ЕЭК Кеңесінің 12.02.2016 № 29 шешімі бойынша жүргізіліп, олардың есебі бекітілді ме?",
                "Проведены ли клинические испытания по решению Совета ЕЭК № 29 от 12.02.2016 и утверждён ли отчёт о них?",
                "Have the clinical trials been carried out under EEC Council decision No 29 of 12.02.2016 and their report approved?",
            )),
        ],
        8: [
            yes(t(
                "Медициналық бұйымдарды тіркеу және сараптау қағидалары бойынша (ЕЭК Кеңесінің 12.02.2016 № 46 шешімі) тіркеу дерекнамасы берілді ме?",
                "Подано ли регистрационное досье по Правилам регистрации и экспертизы медицинских изделий (решение Совета ЕЭК № 46 от 12.02.2016)?",
                "Has the registration dossier been filed under the rules for registration and expertise of medical devices (EEC Council decision No 46 of 12.02.2016)?",
            )),
            yes(t(
                "Медициналық бұйымның тіркеу куәлігі берілді ме?",
                "Выдано ли регистрационное удостоверение на медицинское изделие?",
                "Has the medical device's registration certificate been issued?",
            )),
        ],
        9: [yes(t(
            "Бұйым айналымда ма және оның қауіпсіздігі мен тиімділігіне тіркеуден кейінгі мониторинг жүргізіле ме?",
            "Находится ли изделие в обращении и ведётся ли пострегистрационный мониторинг его безопасности и эффективности?",
            "Is the device on the market, with post-registration monitoring of its safety and efficacy under way?",
        ))],
    },
    "agricultural": {
        1: [yes(t("Биологиялық немесе агрономиялық қағидаттар сипатталды ма?", "Описаны ли биологические или агрономические принципы?", "Have the biological or agronomic principles been described?"))],
        2: [yes(t("Қолданылуы айқындалды ма (дақыл, жануарлар түрі, өңір, шаруашылық жүйесі)?", "Определено ли применение (культура, вид животных, регион, система хозяйствования)?", "Has the application been defined (crop, animal species, region, farming system)?"))],
        3: [yes(t("Әсері зертханалық немесе вегетациялық (виварийлік) тәжірибелерде расталды ма?", "Подтверждён ли эффект в лабораторных или вегетационных (виварных) опытах?", "Has the effect been shown in laboratory or pot (vivarium) experiments?"))],
        4: [yes(t("Әсері статистикалық өңдеумен қайталанған бақыланатын тәжірибелерде қайталанды ма?", "Воспроизведён ли эффект в повторных контролируемых опытах со статистической обработкой?", "Has the effect been reproduced in repeated controlled experiments with statistical analysis?"))],
        5: [yes(t("Ұсақ мөлдекті далалық тәжірибелер (немесе шағын мал басында сынақтар) жүргізілді ме?", "Проведены ли мелкоделяночные полевые опыты (или испытания на небольшом поголовье)?", "Have small-plot field trials (or trials on a small herd) been carried out?"))],
        6: [pct(t("Бірнеше топырақ-климаттық аймақтағы көпжылдық сынақтар бағдарламасының қанша пайызы орындалды?", "Какая доля (в процентах) программы многолетних испытаний в нескольких почвенно-климатических зонах выполнена?", "What share (per cent) of the multi-season trial programme across several soil and climate zones has been completed?"), 80)],
        7: [yes(t("Технология өндірістік шаруашылықта көрсетілді ме?", "Продемонстрирована ли технология в производственном хозяйстве?", "Has the technology been demonstrated on a working farm?"))],
        8: [yes(t(
            "Өнімге қажетті мемлекеттік тіркеу немесе рұқсат алынды ма (мемлекеттік сорт сынау және Селекциялық жетістіктердің мемлекеттік тізілімі, пестицидтерді немесе ветеринариялық препараттарды тіркеу)?",
            "Получена ли требуемая для продукта государственная регистрация или допуск (госсортоиспытание и Государственный реестр селекционных достижений, регистрация пестицидов или ветеринарных препаратов)?",
            "Has the state registration or approval the product needs been obtained (state variety testing and the State Register of breeding achievements, registration of pesticides or veterinary products)?",
        ))],
        9: [yes(t("Технологияны шаруашылықтар коммерциялық ауқымда қолдана ма?", "Применяется ли технология хозяйствами в коммерческом масштабе?", "Do farms use the technology on a commercial scale?"))],
    },
}

TYPE_TITLES = {
    "hardware": t("аппараттық құралдар мен бұйымдар", "аппаратные средства и изделия", "hardware and devices"),
    "software": t("бағдарламалық қамтылым", "программное обеспечение", "software"),
    "process": t("технологиялық процестер", "технологические процессы", "processes"),
    "medical_device": t("медициналық бұйымдар (ЕАЭО тіркеу оқиғалары)", "медицинские изделия (события регистрации ЕАЭС)", "medical devices (EAEU registration events)"),
    "agricultural": t("агротехнологиялар", "агротехнологии", "agricultural technologies"),
}

MRL_QUESTIONS = {
    1: t("Өндіріске қатысты негізгі салдарлар (дайындау мүмкіндігі) айқындалды ма?", "Определены ли основные последствия для производства (возможность изготовления)?", "Have the basic manufacturing implications been identified?"),
    2: t("Өндіріс тұжырымдамалары айқындалды ма (материалдар, процестер, жабдық)?", "Определены ли концепции производства (материалы, процессы, оборудование)?", "Have manufacturing concepts been identified (materials, processes, equipment)?"),
    3: t("Өндіріс мүмкіндігі зертханалық үлгілерді дайындау арқылы расталды ма?", "Подтверждена ли возможность производства изготовлением лабораторных образцов?", "Has manufacturing feasibility been shown by making laboratory samples?"),
    4: t("Зертханалық ортада дайындау мүмкін бе және негізгі өндірістік тәуекелдер айқындалды ма?", "Возможно ли изготовление в лабораторной среде и определены ли основные производственные риски?", "Can it be made in a laboratory environment, with the main manufacturing risks identified?"),
    5: t("Компоненттер өндірістікке жақын ортада дайындалды ма?", "Изготовлены ли компоненты в среде, приближенной к производственной?", "Have components been made in a production-relevant environment?"),
    6: t("Жүйе прототипі өндірістікке жақын ортада дайындалды ма?", "Изготовлен ли прототип системы в среде, приближенной к производственной?", "Has a prototype system been made in a production-relevant environment?"),
    7: t("Жүйелер өндірісті білдіретін ортада дайындалып, жеткізушілер біліктілік тексеруінен өтті ме?", "Изготовлены ли системы в представительной производственной среде и квалифицированы ли поставщики?", "Have systems been made in a production-representative environment, with the suppliers qualified?"),
    8: t("Пилоттық желі расталды ма және кәсіпорын шағын сериялы өндіріске дайын ба?", "Подтверждена ли пилотная линия и готово ли предприятие к мелкосерийному производству?", "Has a pilot line been proven, and is the enterprise ready for low-rate production?"),
    9: t("Шағын сериялы өндіріс көрсетілді ме және толық ауқымды өндіріске дайындық бар ма?", "Продемонстрировано ли мелкосерийное производство и есть ли готовность к полномасштабному?", "Has low-rate production been shown, with readiness for full-rate production?"),
    10: t("Үнемді өндіріс тәжірибелерін қолдана отырып толық ауқымды өндіріс жүргізіле ме?", "Ведётся ли полномасштабное производство с применением практик бережливого производства?", "Is full-rate production under way, with lean practices in place?"),
}

CRL_QUESTIONS = {
    1: t("Коммерциялық ұсыныс тұжырымдалды ма (мақсатты сатып алушылар, құндылық, нарық көлемін бағалау)?", "Сформулировано ли коммерческое предложение (целевые покупатели, ценность, оценка объёма рынка)?", "Has a commercial proposition been formulated (target buyers, value, an estimate of the market)?"),
    2: t("Ақы төлейтін тапсырыс берушімен шағын ауқымда коммерциялық сынақ жүргізілді ме?", "Проведено ли коммерческое испытание в малом масштабе с платящим заказчиком?", "Has a small-scale commercial trial been run with a paying customer?"),
    3: t("Қаржыландыруы қамтамасыз етілген коммерциялық ауқымдау жүргізіле ме?", "Ведётся ли коммерческое масштабирование с обеспеченным финансированием?", "Is a commercial scale-up under way, with its financing secured?"),
    4: t("Расталған пайдалану деректері бар бірнеше коммерциялық қолдану бар ма?", "Есть ли несколько коммерческих применений с подтверждёнными эксплуатационными данными?", "Are there several commercial applications with verified performance data?"),
    5: t("Нарықтық бәсеке технологияның кең таралуын қамтамасыз ете ме?", "Обеспечивает ли рыночная конкуренция широкое распространение технологии?", "Does market competition drive the technology's widespread deployment?"),
    6: t("Технология стандартты коммерциялық шарттармен қаржыландырылатын активтер класына айналды ма?", "Стала ли технология классом активов, финансируемым на стандартных коммерческих условиях?", "Has the technology become an asset class financed on standard commercial terms?"),
}


def _trl_set(kind: str) -> dict:
    questions = []
    for level in range(1, 10):
        for question in [COMMON_TRL[level], *SPECIFIC_TRL[kind][level]]:
            questions.append({"level": level, **question})
    title = TYPE_TITLES[kind]
    return {
        "code": f"trl-{kind.replace('_', '-')}",
        "version": 1,
        "kind": "trl",
        "technology_type": kind,
        "max_level": 9,
        "valid_from": "2012-01-01",
        "title": t(f"ТДД сұрақтары: {title['kk']}", f"Вопросы УГТ: {title['ru']}", f"TRL questions: {title['en']}"),
        "questions": questions,
    }


READINESS_SETS = [
    *(_trl_set(kind) for kind in SPECIFIC_TRL),
    {
        "code": "mrl-general",
        "version": 1,
        "kind": "mrl",
        "technology_type": "general",
        "max_level": 10,
        "valid_from": "2012-01-01",
        "title": t("Өндірістік дайындық деңгейінің сұрақтары", "Вопросы уровня производственной готовности", "Manufacturing readiness questions"),
        "questions": [{"level": level, **yes(text)} for level, text in MRL_QUESTIONS.items()],
    },
    {
        "code": "crl-general",
        "version": 1,
        "kind": "crl",
        "technology_type": "general",
        "max_level": 6,
        "valid_from": "2012-01-01",
        "title": t("Коммерциялық дайындық деңгейінің сұрақтары", "Вопросы уровня коммерческой готовности", "Commercial readiness questions"),
        "questions": [{"level": level, **yes(text)} for level, text in CRL_QUESTIONS.items()],
    },
]
