"""Problem messages in the user's language. Codes are stable; texts may improve."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "file_too_large": {"en": "The file is {size} bytes; the limit is {limit}.", "ru": "Размер файла {size} байт; предел — {limit}.", "kk": "Файл көлемі {size} байт; шегі — {limit}."},
    "too_many_rows": {"en": "The file has more than {limit} data rows.", "ru": "В файле больше {limit} строк данных.", "kk": "Файлда {limit}-ден артық деректер жолы бар."},
    "file_unreadable": {"en": "The file cannot be read as XLSX or CSV.", "ru": "Файл не читается как XLSX или CSV.", "kk": "Файлды XLSX немесе CSV ретінде оқу мүмкін емес."},
    "encoding_unreadable": {"en": "The text is in none of the encodings read: UTF-8, UTF-16 or UTF-32 with a byte order mark, Windows-1251.", "ru": "Текст не в одной из читаемых кодировок: UTF-8, UTF-16 или UTF-32 с меткой порядка байтов, Windows-1251.", "kk": "Мәтін оқылатын кодталулардың ешқайсысында емес: UTF-8, байт реті белгісі бар UTF-16 немесе UTF-32, Windows-1251."},
    "xlsx_unreadable": {"en": "The XLSX file is damaged or not an XLSX workbook.", "ru": "Файл XLSX повреждён или не является книгой XLSX.", "kk": "XLSX файлы бүлінген немесе XLSX кітабы емес."},
    "xlsx_zip_bomb": {"en": "The XLSX file expands to an unsafe size and was not opened.", "ru": "Файл XLSX распаковывается до опасного размера и не был открыт.", "kk": "XLSX файлы қауіпті көлемге дейін ашылады, сондықтан ашылмады."},
    "xlsx_forbidden_xml": {"en": "The XLSX file contains forbidden XML declarations.", "ru": "Файл XLSX содержит запрещённые XML-объявления.", "kk": "XLSX файлында тыйым салынған XML мәлімдемелері бар."},
    "formula_not_evaluated": {"en": "Cell {cell} holds a formula; its saved value was used.", "ru": "В ячейке {cell} формула; использовано сохранённое значение.", "kk": "{cell} ұяшығында формула бар; сақталған мәні пайдаланылды."},
    "formula_warnings_truncated": {"en": "More formulas were found; only the first are listed.", "ru": "Формул больше; показаны только первые.", "kk": "Формулалар көбірек; тек алғашқылары көрсетілді."},
    "header_not_found": {"en": "No header row of this form was found in the first rows.", "ru": "В первых строках не найдена строка заголовков этой формы.", "kk": "Алғашқы жолдарда осы нысанның тақырып жолы табылмады."},
    "missing_column": {"en": "Required column \u201c{en}\u201d is missing.", "ru": "Нет обязательного столбца «{ru}».", "kk": "«{kk}» міндетті бағаны жоқ."},
    "duplicate_column": {"en": "The column appears twice.", "ru": "Столбец повторяется.", "kk": "Баған қайталанады."},
    "unknown_column": {"en": "The column is not part of the form and was ignored.", "ru": "Столбец не входит в форму и пропущен.", "kk": "Баған нысанға кірмейді және ескерілмеді."},
    "required": {"en": "A value is required.", "ru": "Значение обязательно.", "kk": "Мән міндетті."},
    "amount_not_a_number": {"en": "Not an amount.", "ru": "Это не сумма.", "kk": "Бұл сома емес."},
    "amount_too_many_decimals": {"en": "An amount has at most two decimals (tiyn).", "ru": "В сумме не более двух знаков после запятой (тиын).", "kk": "Сомада үтірден кейін екі таңбадан аспайды (тиын)."},
    "amount_not_positive": {"en": "The amount must be above zero.", "ru": "Сумма должна быть больше нуля.", "kk": "Сома нөлден үлкен болуы тиіс."},
    "amount_ambiguous_separator": {"en": "The separator in this amount is ambiguous; check it.", "ru": "Разделитель в сумме неоднозначен; проверьте.", "kk": "Сомадағы бөлгіш екіұшты; тексеріңіз."},
    "date_unreadable": {"en": "Not a date (use dd.mm.yyyy).", "ru": "Это не дата (формат дд.мм.гггг).", "kk": "Бұл күн емес (кк.аа.жжжж пішімі)."},
    "year_invalid": {"en": "Not a year.", "ru": "Это не год.", "kk": "Бұл жыл емес."},
    "bin_invalid": {"en": "Invalid BIN: {message}", "ru": "Неверный БИН: {message}", "kk": "БСН қате: {message}"},
    "bin_leading_zeros_restored": {"en": "BIN {original} lost its leading zeros; read as {restored}.", "ru": "БИН {original} потерял ведущие нули; прочитан как {restored}.", "kk": "{original} БСН бастапқы нөлдерін жоғалтты; {restored} ретінде оқылды."},
    "choice_invalid": {"en": "Allowed values: {allowed}.", "ru": "Допустимые значения: {allowed}.", "kk": "Рұқсат етілген мәндер: {allowed}."},
    "right_not_yours": {"en": "Right {value} does not belong to the submitting organisation.", "ru": "Право {value} не принадлежит организации-отправителю.", "kk": "{value} құқығы жіберуші ұйымға тиесілі емес."},
    "right_not_payers": {"en": "Right {value} is not one of the payer's rights in your competence.", "ru": "Право {value} не входит в права плательщика в вашей компетенции.", "kk": "{value} құқығы сіздің құзыретіңіздегі төлеуші құқықтарына кірмейді."},
    "performer_unknown": {"en": "No organisation with BIN {value} is registered; register the performer first.", "ru": "Организация с БИН {value} не зарегистрирована; сначала зарегистрируйте исполнителя.", "kk": "{value} БСН бар ұйым тіркелмеген; алдымен орындаушыны тіркеңіз."},
    "payer_unknown": {"en": "No organisation with BIN {value} is registered in your competence.", "ru": "Организация с БИН {value} не зарегистрирована в вашей компетенции.", "kk": "{value} БСН бар ұйым сіздің құзыретіңізде тіркелмеген."},
    "agreement_inconsistent": {"en": "Agreement {value} is described differently in another row ({field}).", "ru": "Договор {value} описан иначе в другой строке ({field}).", "kk": "{value} шарты басқа жолда басқаша сипатталған ({field})."},
    "agreement_conflicts_with_registry": {"en": "Agreement {value} is already registered with another {field}.", "ru": "Договор {value} уже зарегистрирован с другим значением: {field}.", "kk": "{value} шарты басқа мәнмен тіркелген: {field}."},
    "period_reversed": {"en": "The agreement period ends before it starts.", "ru": "Период договора заканчивается раньше начала.", "kk": "Шарт кезеңі басталғанға дейін аяқталады."},
    "date_outside_period": {"en": "Date {value} is outside the reported period {period}.", "ru": "Дата {value} вне отчётного периода {period}.", "kk": "{value} күні {period} есепті кезеңінен тыс."},
    "year_outside_period": {"en": "Year {value} does not match the reported year {period}.", "ru": "Год {value} не совпадает с отчётным годом {period}.", "kk": "{value} жылы {period} есепті жылымен сәйкес емес."},
    "rate_missing": {"en": "No {currency} rate for {date}; add the official rate first.", "ru": "Нет курса {currency} на {date}; сначала внесите официальный курс.", "kk": "{date} күнге {currency} бағамы жоқ; алдымен ресми бағамды енгізіңіз."},
    "duplicate_document_number": {"en": "Document number {value} appears more than once in this submission (first in row {first_row}).", "ru": "Номер документа {value} повторяется в этой подаче (впервые в строке {first_row}).", "kk": "{value} құжат нөмірі осы жіберілімде қайталанады (алғаш {first_row}-жолда)."},
    "duplicate_row": {"en": "The same figure appears more than once (first in row {first_row}).", "ru": "Тот же показатель повторяется (впервые в строке {first_row}).", "kk": "Сол көрсеткіш қайталанады (алғаш {first_row}-жолда)."},
    "base_negative": {"en": "A base figure cannot be negative.", "ru": "Базовый показатель не может быть отрицательным.", "kk": "Базалық көрсеткіш теріс болмайды."},
    "json_unreadable": {"en": "The JSON document cannot be read (line {line}, column {column}).", "ru": "Документ JSON не читается (строка {line}, столбец {column}).", "kk": "JSON құжатын оқу мүмкін емес ({line}-жол, {column}-баған)."},
    "kind_mismatch": {"en": "The document is of kind “{kind}”, but “{expected}” was expected.", "ru": "Документ вида «{kind}», а ожидался «{expected}».", "kk": "Құжат түрі «{kind}», ал «{expected}» күтілген."},
    "money_not_a_string": {"en": "In JSON an amount must be a string such as \"1250000.50\", not a number.", "ru": "В JSON сумма указывается строкой, например \"1250000.50\", а не числом.", "kk": "JSON-да сома сан емес, жол түрінде беріледі, мысалы \"1250000.50\"."},
    "value_unreadable": {"en": "The value cannot be read.", "ru": "Значение не читается.", "kk": "Мәнді оқу мүмкін емес."},
    "file_empty": {"en": "The file is empty.", "ru": "Файл пуст.", "kk": "Файл бос."},
    "amount_too_large": {"en": "The amount has more than {max_digits} digits before the decimal point.", "ru": "В сумме больше {max_digits} цифр до запятой.", "kk": "Сомада үтірге дейін {max_digits}-ден көп цифр бар."},
    "date_from_serial_text": {"en": "An Excel date number written as text was read as a date.", "ru": "Число даты Excel, записанное текстом, прочитано как дата.", "kk": "Мәтінмен жазылған Excel күн саны күн ретінде оқылды."},
    "xlsx_cell_out_of_bounds": {"en": "Cell {cell} lies beyond column {last_column}: a report sheet has at most {limit} columns. Delete the cells to the right of the table and send the file again.", "ru": "Ячейка {cell} лежит правее столбца {last_column}: в листе отчёта не более {limit} столбцов. Удалите ячейки справа от таблицы и отправьте файл снова.", "kk": "{cell} ұяшығы {last_column} бағанынан оң жақта орналасқан: есеп парағында {limit} бағаннан артық болмайды. Кестенің оң жағындағы ұяшықтарды жойып, файлды қайта жіберіңіз."},
    "xlsx_sparse": {"en": "Cell {cell} lies far from the data: the sheet would span {rows} rows by {columns} columns, far more than it holds. Delete the stray cells below or to the right of the table and send the file again.", "ru": "Ячейка {cell} лежит далеко от данных: лист занял бы {rows} строк на {columns} столбцов — намного больше, чем в нём есть. Удалите лишние ячейки под таблицей или справа от неё и отправьте файл снова.", "kk": "{cell} ұяшығы деректерден алыс орналасқан: парақ {rows} жол мен {columns} бағанды алып жатар еді — ондағы деректерден әлдеқайда көп. Кестенің астындағы немесе оң жағындағы артық ұяшықтарды жойып, файлды қайта жіберіңіз."},
    "control_character": {"en": "The cell holds an invisible control character ({character}); remove it and send the file again.", "ru": "В ячейке невидимый управляющий символ ({character}); удалите его и отправьте файл снова.", "kk": "Ұяшықта көрінбейтін басқару таңбасы бар ({character}); оны жойып, файлды қайта жіберіңіз."},
    "unknown_columns_truncated": {"en": "More columns or keys outside the form were ignored ({more} not listed).", "ru": "Другие столбцы или ключи вне формы тоже пропущены ({more} не показаны).", "kk": "Нысаннан тыс басқа бағандар немесе кілттер де ескерілмеді ({more} көрсетілмеген)."},
    "totals_row_skipped": {"en": "Row {row} is a totals row (“{label}”) and was not read as data.", "ru": "Строка {row} — итоговая («{label}») и не прочитана как данные.", "kk": "{row}-жол — қорытынды жол («{label}») және деректер ретінде оқылмады."},
    "sheet_chosen": {"en": "Sheet “{sheet}” was read: it holds the form's columns (the workbook has {sheets} sheets).", "ru": "Прочитан лист «{sheet}»: в нём столбцы формы (всего листов в книге: {sheets}).", "kk": "«{sheet}» парағы оқылды: онда нысанның бағандары бар (кітаптағы парақтар саны: {sheets})."},
    "commit_failed": {"en": "The database refused the commit and nothing was posted: {reason}", "ru": "База данных отклонила проведение, ничего не проведено: {reason}", "kk": "Дерекқор өткізуден бас тартты, ештеңе өткізілмеді: {reason}"},
    "performer_is_payer": {"en": "The performer (BIN {value}) is the submitting organisation itself: an R&D agreement is with another organisation.", "ru": "Исполнитель (БИН {value}) — сама организация-отправитель: договор на НИОКР заключается с другой организацией.", "kk": "Орындаушы (БСН {value}) — жіберуші ұйымның өзі: ҒЗТКЖ шарты басқа ұйыммен жасалады."},
    "text_too_long": {"en": "The text has {length} characters; this column holds at most {limit}.", "ru": "В тексте {length} символов; в этом столбце не более {limit}.", "kk": "Мәтінде {length} таңба бар; бұл бағанда {limit}-ден аспайды."},
    "project_other_performer": {"en": "Project {value} is another performer's: an agreement funds a project of its own performer.", "ru": "Проект {value} принадлежит другому исполнителю: договор финансирует проект своего исполнителя.", "kk": "{value} жобасы басқа орындаушыға тиесілі: шарт өз орындаушысының жобасын қаржыландырады."},
    "annual_report_committed": {"en": "The annual report of {year} is committed and holds every payment of the year: a quarterly report of it would post them twice. Send a corrected annual report instead.", "ru": "Годовой отчёт за {year} год уже проведён и содержит все платежи года: квартальный отчёт за этот год провёл бы их дважды. Отправьте вместо него исправленный годовой отчёт.", "kk": "{year} жылғы жылдық есеп өткізілген және жылдың барлық төлемдерін қамтиды: сол жылдың тоқсандық есебі оларды екі рет өткізер еді. Оның орнына түзетілген жылдық есепті жіберіңіз."},
    "duplicate_document_number_variant": {"en": "Document {value} is {first} of row {first_row} written differently (same date, amount, performer or payer): check that the payment is not reported twice.", "ru": "Документ {value} — это {first} из строки {first_row}, записанный иначе (та же дата, сумма, исполнитель или плательщик): проверьте, не указан ли платёж дважды.", "kk": "{value} құжаты — {first_row}-жолдағы {first}, басқаша жазылған (күні, сомасы, орындаушысы немесе төлеушісі бірдей): төлемнің екі рет көрсетілмегенін тексеріңіз."},
    "for_year_differs": {"en": "The payment is credited to {value}, not to the file's year {year}; check the year.", "ru": "Платёж зачтён в {value} год, а не в год файла {year}; проверьте год.", "kk": "Төлем файлдың {year} жылына емес, {value} жылына есептелген; жылды тексеріңіз."},
    "agreement_number_variant": {"en": "Agreement {value} is read as registered agreement {registered}: the same performer, date and amount, the number written differently.", "ru": "Договор {value} прочитан как зарегистрированный договор {registered}: тот же исполнитель, дата и сумма, номер записан иначе.", "kk": "{value} шарты тіркелген {registered} шарты ретінде оқылды: орындаушысы, күні мен сомасы бірдей, нөмірі басқаша жазылған."},
    "no_rows": {"en": "The file has a header but no data rows.", "ru": "В файле есть заголовок, но нет строк данных.", "kk": "Файлда тақырып бар, бірақ деректер жолы жоқ."},
}


def render(code: str, params: dict | None = None, language: str = "en") -> str:
    """The message of ``code`` in ``language`` (kk, ru, en), with its parameters filled in."""
    texts = MESSAGES.get(code)
    if texts is None:
        return code
    template = texts.get(language) or texts["en"]
    try:
        return template.format(**(params or {}))
    except (KeyError, IndexError, ValueError):
        return template
