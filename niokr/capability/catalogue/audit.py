"""The default technology-capability audit: the nine dimensions of Rush, Bessant and Hobday (2007).

Rush H., Bessant J., Hobday M. "Assessing the technological capabilities of firms: developing a
policy tool", R&D Management 37(3), 2007 — nine dimensions scored 1–4 (DOMAIN.md §6.9). The
questions and the anchors of each score are written for this system (the quick version of the tool
has 24 questions; this one has 22, two or three per dimension). Each question's four anchors say
what a score of 1, 2, 3 and 4 looks like.
"""

from __future__ import annotations

__all__ = ["RBH_QUESTIONNAIRE"]


def t(kk: str, ru: str, en: str) -> dict[str, str]:
    return {"kk": kk, "ru": ru, "en": en}


def q(text, *anchors):
    assert len(anchors) == 4
    return {"text": text, "anchors": list(anchors)}


NO = t("Жоқ.", "Нет.", "No.")

DIMENSIONS = [
    {
        "code": "awareness",
        "title": t("Өзгерістер қажеттілігін сезіну", "Осознание необходимости изменений", "Awareness of the need to change"),
        "questions": [
            q(
                t(
                    "Ұйым өзінің бәсекеге қабілеттілігіндегі технологияның рөлін қаншалықты түсінеді?",
                    "Насколько организация понимает роль технологий в своей конкурентоспособности?",
                    "How well does the organisation understand the role technology plays in its competitiveness?",
                ),
                t("Технология бәсекеге қабілеттілік көзі ретінде қарастырылмайды.", "Технологии не рассматриваются как источник конкурентоспособности.", "Technology is not seen as a source of competitiveness."),
                t("Технологияның рөлін жекелеген қызметкерлер ғана бейресми түрде түсінеді.", "Роль технологий осознают отдельные сотрудники, неформально.", "A few people recognise the role of technology, informally."),
                t("Басшылық қызметті жоспарлау кезінде технологияларды тұрақты талқылайды.", "Руководство регулярно обсуждает технологии при планировании деятельности.", "Management discusses technology regularly when planning the business."),
                t("Технология әрбір іскерлік шешімде ескеріледі, оның рөлін бүкіл ұйым түсінеді.", "Технологии учитываются в каждом деловом решении, их роль понимают во всей организации.", "Technology is part of every business decision and its role is understood across the organisation."),
            ),
            q(
                t(
                    "Ұйым өз технологияларының бәсекелестер мен әлемдік көшбасшыға қатысты деңгейін біле ме?",
                    "Знает ли организация, каков уровень её технологий по сравнению с конкурентами и мировым лидером?",
                    "Does the organisation know where its technologies stand against its competitors and the world leader?",
                ),
                t("Салыстыру жүргізілмейді.", "Сравнение не проводится.", "No comparison is made."),
                t("Салыстыру анда-санда, үзік-үзік мәліметтер бойынша жүргізіледі.", "Сравнение проводится эпизодически, по отрывочным сведениям.", "Compared now and then, from scattered information."),
                t("Нақты бәсекелестермен мерзімді салыстыру жүргізіледі.", "Проводится периодическое сравнение с конкретными конкурентами.", "Compared periodically with named competitors."),
                t("Әлемдік көшбасшымен жүйелі бенчмаркинг жүргізіліп, артта қалу деңгейі бағаланады.", "Систематический бенчмаркинг с мировым лидером с оценкой отставания.", "Systematic benchmarking against the world leader, with the gap measured."),
            ),
        ],
    },
    {
        "code": "searching",
        "title": t("Қатерлер мен мүмкіндіктерді іздеу", "Поиск угроз и возможностей", "Searching for threats and opportunities"),
        "questions": [
            q(
                t(
                    "Ұйым жаңа технологияларды, нарықтарды және реттеудегі өзгерістерді қалай қадағалайды?",
                    "Как организация отслеживает новые технологии, рынки и изменения регулирования?",
                    "How does the organisation scan for new technologies, markets and changes in regulation?",
                ),
                t("Мониторинг жүргізілмейді.", "Мониторинг не ведётся.", "No scanning is done."),
                t("Анда-санда, мәселе туындағанда ғана.", "Эпизодически, при возникновении проблемы.", "Now and then, when a problem arises."),
                t("Бекітілген қызметкерлер тұрақты мониторинг жүргізеді (жарияланымдар, патенттер, көрмелер).", "Регулярный мониторинг закреплёнными сотрудниками (публикации, патенты, выставки).", "Regular monitoring by assigned staff (publications, patents, exhibitions)."),
                t("Нәтижелері шешімдерде пайдаланылатын жүйелі технологиялық барлау.", "Системная технологическая разведка, результаты которой используются в решениях.", "A systematic technology-intelligence process whose findings reach decisions."),
            ),
            q(
                t(
                    "Ұйым патенттік және ғылыми дерекқорларды (мысалы, Scopus, Web of Science, патенттік ведомстволар) пайдалана ма?",
                    "Использует ли организация патентные и научные базы данных (например, Scopus, Web of Science, патентные ведомства)?",
                    "Does the organisation use patent and scientific databases (e.g. Scopus, Web of Science, patent offices)?",
                ),
                t("Пайдаланбайды.", "Не использует.", "Never."),
                t("Кейде, жекелеген жобалар үшін.", "Изредка, для отдельных проектов.", "Occasionally, for single projects."),
                t("Әрбір жаңа жобаның алдында тұрақты түрде.", "Регулярно, перед каждым новым проектом.", "Routinely, before each new project."),
                t("Тұрақты түрде; патенттік ландшафттар стратегияда ескеріледі.", "Регулярно; патентные ландшафты учитываются в стратегии.", "Routinely, and patent landscapes inform the strategy."),
            ),
            q(
                t(
                    "Тапсырыс берушілер мен пайдаланушылардан келетін белгілер қалай жиналады және пайдаланылады?",
                    "Как собираются и используются сигналы от заказчиков и пользователей?",
                    "How are signals from customers and users gathered and acted on?",
                ),
                t("Жиналмайды.", "Не собираются.", "They are not gathered."),
                t("Шағымдар жағдайға қарай қаралады.", "Жалобы рассматриваются от случая к случаю.", "Complaints are handled case by case."),
                t("Кері байланыс тұрақты жиналып, талданады.", "Обратная связь собирается регулярно и анализируется.", "Feedback is collected regularly and reviewed."),
                t("Пайдаланушылар жаңа технологиялардың міндеттерін қоюға және сынауға қатысады.", "Пользователи участвуют в постановке задач и испытаниях новых технологий.", "Users take part in specifying and testing new technology."),
            ),
        ],
    },
    {
        "code": "competencies",
        "title": t("Негізгі құзыреттерді қалыптастыру", "Формирование ключевых компетенций", "Building core competencies"),
        "questions": [
            q(
                t("Ұйымның негізгі технологиялық құзыреттері айқындалған ба?", "Определены ли ключевые технологические компетенции организации?", "Has the organisation identified its core technological competencies?"),
                t("Айқындалмаған.", "Не определены.", "Not identified."),
                t("Тар шеңбердегі қызметкерлерге бейресми түрде белгілі.", "Неформально известны узкому кругу сотрудников.", "Known informally to a few people."),
                t("Құжатпен бекітілген және жоспарлау кезінде пайдаланылады.", "Зафиксированы документально и используются при планировании.", "Written down and used in planning."),
                t("Тұрақты қайта қаралып, мақсатты түрде дамытылады.", "Регулярно пересматриваются и целенаправленно развиваются.", "Reviewed regularly and developed on purpose."),
            ),
            q(
                t("Ұйым ғылыми және инженерлік кадрлардың біліктілігін қалай дамытады?", "Как организация развивает квалификацию научных и инженерных кадров?", "How does the organisation develop the skills of its research and engineering staff?"),
                t("Дамыту жүргізілмейді.", "Развитие не ведётся.", "No development takes place."),
                t("Сұраныс бойынша анда-санда оқыту.", "Эпизодическое обучение по запросу.", "Occasional training on request."),
                t("Қолданылатын технологиялармен байланысты оқыту жоспары бар.", "Есть план обучения, связанный с применяемыми технологиями.", "A training plan linked to the technologies in use."),
                t("Технологиялық стратегиямен үйлестірілген құзыреттерді дамыту жоспары: іріктеу, оқыту және тағылымдамалар.", "План развития компетенций, увязанный с технологической стратегией: подбор, обучение и стажировки.", "A competence plan tied to the technology strategy: recruitment, training and internships."),
            ),
        ],
    },
    {
        "code": "strategy",
        "title": t("Технологиялық стратегия", "Технологическая стратегия", "Technology strategy"),
        "questions": [
            q(
                t("Ұйымның технологиялық стратегиясы бар ма?", "Есть ли у организации технологическая стратегия?", "Does the organisation have a technology strategy?"),
                NO,
                t("Ниеттер бар, бірақ құжатпен ресімделмеген.", "Есть намерения, но они не оформлены.", "Intentions exist but are not written down."),
                t("Жазбаша стратегия бар, бірақ бизнес-жоспармен байланыстырылмаған.", "Есть письменная стратегия, не связанная с бизнес-планом.", "A written strategy exists, apart from the business plan."),
                t("Жазбаша стратегия бизнес-жоспарға кіріктірілген және жыл сайын қайта қаралады.", "Письменная стратегия интегрирована в бизнес-план и ежегодно пересматривается.", "A written strategy is part of the business plan and is reviewed every year."),
            ),
            q(
                t(
                    "Ұйым технологияларды өнімдермен және нарықтармен байланыстыратын технологиялық жол картасын жүргізе ме?",
                    "Ведёт ли организация технологическую дорожную карту, связывающую технологии с продуктами и рынками?",
                    "Does the organisation keep a technology roadmap linking technologies to products and markets?",
                ),
                t("Жол картасы жоқ.", "Дорожной карты нет.", "There is no roadmap."),
                t("Жоспарланған жобалардың тізбесі бар.", "Есть перечень планируемых проектов.", "There is a list of planned projects."),
                t("Негізгі технологиялар бойынша мерзімдері көрсетілген жол картасы бар.", "Есть дорожная карта со сроками по основным технологиям.", "A roadmap with dates for the main technologies."),
                t("«Технология → өнім → нарық» жол картасы жаңартылып отырады және қаражатты бөлуде пайдаланылады.", "Дорожная карта «технология → продукт → рынок» обновляется и используется при распределении средств.", "A technology → product → market roadmap is kept up to date and used to allocate money."),
            ),
            q(
                t("Басшылық стратегияны іске асыруға бірнеше жылға алдын ала ресурс бөле ме?", "Выделяет ли руководство ресурсы на реализацию стратегии на несколько лет вперёд?", "Does management commit resources to the strategy several years ahead?"),
                t("Ресурс бөлінбейді.", "Ресурсы не выделяются.", "No resources are earmarked."),
                t("Жылдан жылға, қалдық қағидаты бойынша.", "Из года в год, по остаточному принципу.", "Year by year, from what is left over."),
                t("ҒЗТКЖ мен технологияларға арналған бюджет жыл сайын бекітіледі.", "Ежегодно утверждается бюджет на НИОКР и технологии.", "A budget for R&D and technology is approved every year."),
                t("Стратегия мақсаттарымен үйлестірілген көпжылдық бюджет бар.", "Есть многолетний бюджет, увязанный с целями стратегии.", "A multi-year budget tied to the strategy's goals."),
            ),
        ],
    },
    {
        "code": "assessing",
        "title": t("Технологияларды бағалау және таңдау", "Оценка и выбор технологий", "Assessing and selecting technology"),
        "questions": [
            q(
                t("Шешім қабылдар алдында технологиялық баламалар қалай салыстырылады?", "Как сравниваются технологические альтернативы перед принятием решения?", "How are technology options compared before a choice is made?"),
                t("Салыстырылмайды: бірінші ұсынылған нұсқа таңдалады.", "Не сравниваются: выбирается первый предложенный вариант.", "Not compared: the first option offered is taken."),
                t("Тек баға бойынша салыстырылады.", "Сравниваются только по цене.", "Compared on price alone."),
                t("Белгіленген өлшемшарттар бойынша салыстырылады (құны, сипаттамалары, тәуекелдері).", "Сравниваются по установленным критериям (стоимость, характеристики, риски).", "Compared on set criteria (cost, performance, risk)."),
                t("Тәуелсіз сарапшылар тартылатын және шешім құжатталатын көпөлшемшартты ресми әдістеме қолданылады.", "Применяется формализованная многокритериальная методика с привлечением независимых экспертов и документированием решения.", "A formal multi-criteria method with independent experts and a written record of the decision."),
            ),
            q(
                t("Алынған нәтижелер бойынша жобалар тоқтатыла ма немесе түзетіле ме?", "Прекращаются или корректируются ли проекты по итогам полученных результатов?", "Are projects stopped or redirected on the strength of their results?"),
                t("Жобалар нәтижесіне қарамастан соңына дейін жүргізіледі.", "Проекты доводятся до конца независимо от результатов.", "Projects run to the end whatever the results."),
                t("Анда-санда, айқын сәтсіздіктен кейін.", "Изредка, после явной неудачи.", "Occasionally, after an evident failure."),
                t("Жоспарлы бақылау нүктелерінде.", "На плановых контрольных точках.", "At planned review points."),
                t("Жалғастыру немесе тоқтату өлшемшарттары алдын ала белгіленген кезеңдік іріктеу жүргізіледі.", "Ведётся поэтапный отбор с заранее установленными критериями продолжения или прекращения.", "A stage-gate process with go and stop criteria set in advance."),
            ),
        ],
    },
    {
        "code": "acquiring",
        "title": t("Технологияларды алу", "Приобретение технологий", "Acquiring technology"),
        "questions": [
            q(
                t("Ұйым өзі әзірлемейтін технологияларды қандай жолмен алады?", "Каким образом организация получает технологии, которые не разрабатывает сама?", "How does the organisation obtain the technologies it does not develop itself?"),
                t("Білім берілмей, дайын жабдық сатып алады.", "Покупает готовое оборудование без передачи знаний.", "Buys equipment off the shelf, with no transfer of knowledge."),
                t("Жеткізушінің оқытуымен бірге сатып алады.", "Покупает вместе с обучением от поставщика.", "Buys with the supplier's training."),
                t("Міндетке қарай лицензия, тапсырыс бойынша ҒЗТКЖ және серіктестік арасынан таңдайды.", "Выбирает между лицензией, заказными НИОКР и партнёрством в зависимости от задачи.", "Chooses between a licence, contract R&D and a partnership case by case."),
                t("«Әзірлеу немесе сатып алу» саясаты саналы түрде жүргізіледі, ноу-хау беру шарттарда бекітіледі.", "Ведёт осознанную политику «разработать или купить»; передача ноу-хау закрепляется в договорах.", "A deliberate make-or-buy policy; the transfer of know-how is written into contracts."),
            ),
            q(
                t("Ұйым технологияларды алу кезінде зияткерлік меншік мәселелерін қалай шешеді?", "Как организация решает вопросы интеллектуальной собственности при приобретении технологий?", "How does the organisation deal with intellectual property when it acquires technology?"),
                t("Зияткерлік меншік мәселелері қаралмайды.", "Вопросы интеллектуальной собственности не рассматриваются.", "Intellectual property is not considered."),
                t("Жеткізуші көтерсе ғана қаралады.", "Рассматриваются, только если их поднимает поставщик.", "Considered only when the supplier raises it."),
                t("Пайдалану құқықтары әрбір шартта тексеріледі.", "Права использования проверяются в каждом договоре.", "Rights of use are checked in every contract."),
                t("Зияткерлік меншік жөніндегі мамандар қатысады; патенттік тазалық пен әрекет ету еркіндігі тексеріледі.", "Участвуют специалисты по интеллектуальной собственности; проверяются патентная чистота и свобода действий.", "Intellectual-property specialists take part; patent clearance and freedom to operate are checked."),
            ),
        ],
    },
    {
        "code": "implementing",
        "title": t("Технологияларды енгізу және игеру", "Внедрение и освоение технологий", "Implementing and absorbing technology"),
        "questions": [
            q(
                t("Жаңа технологиялар ағымдағы қызметке қалай енгізіледі?", "Как новые технологии внедряются в текущую деятельность?", "How are new technologies brought into operations?"),
                t("Орнатылып, пайдаланушылардың өз еркіне қалдырылады.", "Устанавливаются и оставляются на усмотрение пользователей.", "Installed and left to the users."),
                t("Ең аз нұсқаулықтармен енгізіледі.", "Внедряются с минимальными инструкциями.", "Introduced with minimal instructions."),
                t("Жоба тобы жоспар бойынша, оқытумен бірге енгізеді.", "Внедряются проектной командой по плану, с обучением.", "Introduced by a project team to a plan, with training."),
                t("Басынан бастап пайдаланушылар мен жеткізушілер қатысатын функцияаралық топ енгізеді.", "Внедряются межфункциональной командой при участии пользователей и поставщиков с самого начала.", "Introduced by a cross-functional team with users and suppliers involved from the start."),
            ),
            q(
                t("Ұйым жаңа технологияны жобалық көрсеткіштерге қаншалықты жылдам шығарады?", "Насколько быстро организация выводит новую технологию на проектные показатели?", "How quickly does the organisation bring a new technology up to its design performance?"),
                t("Жобалық көрсеткіштерге әдетте қол жеткізілмейді.", "Проектные показатели, как правило, не достигаются.", "Design performance is seldom reached."),
                t("Елеулі кешігумен қол жеткізіледі.", "Достигаются со значительной задержкой.", "Reached with long delays."),
                t("Жоспарлы мерзімде қол жеткізіледі.", "Достигаются в плановые сроки.", "Reached on schedule."),
                t("Мерзімінде қол жеткізіліп, кейін жақсартылады.", "Достигаются в срок и затем улучшаются.", "Reached on schedule and then improved upon."),
            ),
            q(
                t("Ұйым алынған технологияларды бейімдеп, жетілдіре ме?", "Адаптирует и совершенствует ли организация полученные технологии?", "Does the organisation adapt and improve the technologies it has acquired?"),
                t("Жеткізілген күйінде пайдаланылады.", "Используются в поставленном виде.", "Used as delivered."),
                t("Тек шамалы жетілдірулер жасалады.", "Вносятся только незначительные доработки.", "Minor adjustments only."),
                t("Жергілікті жағдайлар мен шикізатқа бейімделеді.", "Адаптируются к местным условиям и сырью.", "Adapted to local conditions and raw materials."),
                t("Меншікті патенттерге немесе жаңа өнімдерге дейін жетілдіріледі.", "Совершенствуются вплоть до собственных патентов или новых продуктов.", "Improved as far as own patents or new products."),
            ),
        ],
    },
    {
        "code": "learning",
        "title": t("Тәжірибеден үйрену", "Обучение на опыте", "Learning"),
        "questions": [
            q(
                t("Ұйым сабақ алу үшін аяқталған жобаларды талдай ма?", "Анализирует ли организация завершённые проекты, чтобы извлечь уроки?", "Does the organisation review completed projects to learn from them?"),
                NO,
                t("Бейресми түрде, сәтсіздіктен кейін.", "Неформально, после неудач.", "Informally, after failures."),
                t("Әр жобадан кейін жазбаша есеппен талдау жүргізіледі.", "После каждого проекта проводится разбор с письменным отчётом.", "Each project is reviewed with a written report."),
                t("Сабақтар тіркеліп, таратылады және жұмыс тәртібін өзгертеді.", "Уроки фиксируются, распространяются и меняют порядок работы.", "Lessons are recorded, shared and change the way work is done."),
            ),
            q(
                t("Білім ұйым ішінде қалай сақталады және таратылады?", "Как знания сохраняются и распространяются внутри организации?", "How is knowledge kept and shared inside the organisation?"),
                t("Білім жекелеген қызметкерлерде ғана қалады.", "Знания остаются у отдельных сотрудников.", "It stays with individual people."),
                t("Табу қиын жекелеген құжаттар бар.", "Есть отдельные документы, которые трудно найти.", "Some documents exist but are hard to find."),
                t("Есептер мен регламенттердің жүргізілетін мұрағаты бар.", "Ведётся архив отчётов и регламентов.", "A maintained archive of reports and procedures."),
                t("Тәлімгерлігі мен кәсіби қауымдастықтары бар білімді басқару жүйесі жұмыс істейді.", "Действует система управления знаниями с наставничеством и профессиональными сообществами.", "A knowledge-management system with mentoring and communities of practice."),
            ),
        ],
    },
    {
        "code": "linkages",
        "title": t("Сыртқы байланыстар мен желілерді пайдалану", "Использование внешних связей и сетей", "Exploiting external linkages"),
        "questions": [
            q(
                t("Ұйым жоғары оқу орындарымен және ғылыми-зерттеу институттарымен ынтымақтаса ма?", "Сотрудничает ли организация с вузами и научно-исследовательскими институтами?", "Does the organisation work with universities and research institutes?"),
                NO,
                t("Анда-санда байланыстар немесе бір реттік тапсырыстар.", "Эпизодические контакты или разовые заказы.", "Occasional contacts or one-off orders."),
                t("Шарттар бойынша тұрақты бірлескен жобалар.", "Регулярные совместные проекты по договорам.", "Regular joint projects under agreements."),
                t("Ұзақ мерзімді серіктестік: бірлескен зертханалар, кадр алмасу, бірлескен зияткерлік меншік.", "Долгосрочные партнёрства: совместные лаборатории, обмен кадрами, совместная интеллектуальная собственность.", "Long-term partnerships: joint laboratories, exchange of staff, jointly owned intellectual property."),
            ),
            q(
                t(
                    "Ұйым технологиялық желілерге — салалық технологиялық құзыреттер орталықтарына, кластерлерге, технологиялық платформаларға қатыса ма?",
                    "Участвует ли организация в технологических сетях — отраслевых центрах технологических компетенций, кластерах, технологических платформах?",
                    "Does the organisation take part in technology networks — the sectoral technology competence centres, clusters, technology platforms?",
                ),
                NO,
                t("Формальды мүшелік.", "Формальное членство.", "A member in name only."),
                t("Желінің жобалары мен іс-шараларына қатысады.", "Участвует в проектах и мероприятиях сети.", "Takes part in the network's projects and events."),
                t("Желі жобаларына жетекшілік етеді немесе оның күн тәртібін қалыптастырады.", "Руководит проектами сети или формирует её повестку.", "Leads the network's projects or sets its agenda."),
            ),
            q(
                t(
                    "Ұйым технологияларды дамыту үшін сыртқы қаржыландыруды және шетелдік серіктестерді тарта ма?",
                    "Привлекает ли организация внешнее финансирование и зарубежных партнёров для развития технологий?",
                    "Does the organisation draw on outside funding and partners abroad to develop technology?",
                ),
                NO,
                t("Гранттарға анда-санда өтінім береді.", "Изредка подаёт заявки на гранты.", "Applies for grants now and then."),
                t("Гранттарды тұрақты алады немесе шетелдік серіктестермен жұмыс істейді.", "Регулярно получает гранты или работает с зарубежными партнёрами.", "Regularly wins grants or works with partners abroad."),
                t(
                    "Мақсатты басқарылатын портфель: гранттар, жер қойнауын пайдаланушылардың 1 % қаражаты, венчурлық және халықаралық серіктестер.",
                    "Целенаправленно управляемый портфель: гранты, средства 1 % недропользователей, венчурные и международные партнёры.",
                    "A deliberately managed portfolio: grants, the subsoil users' 1 % money, venture and international partners.",
                ),
            ),
        ],
    },
]

RBH_QUESTIONNAIRE = {
    "code": "rbh-tca",
    "version": 1,
    "valid_from": "2012-01-01",
    "title": t(
        "Ұйымның технологиялық мүмкіндіктерінің аудиті (Раш — Бессант — Хобдей)",
        "Аудит технологических возможностей организации (Раш — Бессант — Хобдей)",
        "Technology capability audit of an organisation (Rush–Bessant–Hobday)",
    ),
    "dimensions": DIMENSIONS,
}
