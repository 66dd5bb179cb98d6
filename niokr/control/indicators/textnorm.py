"""Text normalisation for control: the form in which payment purposes and agreement subjects are read.

Purposes reach the system from accounting programs, banks' client systems, spreadsheets and
the submissions of a thousand companies. Before a classifier or a reviewer reads one, this module
undoes what the way there did to it, and what someone may have done on purpose:

* **Text in the wrong encoding** (mojibake) is decoded again when it decodes cleanly: UTF-8 read as
  Windows-1251 («РќРРћРљР » for «НИОКР»; the byte 0x98, which Windows-1251 lacks, and the
  no-break space after «Р» are often lost on the way and are put back), UTF-8 read as Latin-1 or
  Windows-1252 («Ð½Ð°ÑƒÑ‡» for «науч»), and Windows-1251 read as Latin-1 («Îïëàòà» for
  «Оплата»). Text that still reads as mojibake afterwards is marked ``garbled``.
* **NUL bytes, control and invisible characters** (zero-width spaces and joiners, soft hyphens,
  bidirectional marks, the byte-order mark) are removed; line breaks and tabs become spaces.
* **Unicode NFKC**: full-width and mathematical letters become plain ones, ligatures are split
  (the sign «№» is kept: the requisites of a purpose are found by it). Combining marks left over
  (a stress mark on a Cyrillic vowel) are dropped.
* **Whitespace** is collapsed to single spaces; a word typed with a space between its letters
  («р е м о н т») is joined.
* **Look-alike letters** (Latin а/a, е/e, о/o, р/p, с/c, у/y, х/x, К/K, М/M, Н/H, Т/T, В/B …, and
  the same Greek ones) are resolved per word by the word's dominant script: the letters that
  exist only in one script decide («pемонт» is Cyrillic, «Rеpair» Latin); a word made only of
  letters both scripts share takes the script of the text around it («PEMOHT» in a Russian
  purpose is «РЕМОНТ»). A zero between letters («рем0нт») is the letter О.
* **Kazakh in the Latin alphabet** — the 2021 version (ä, ğ, ı, ñ, ö, ş, ū, ü, i for и/й), the 2018
  version with acute accents (á, ǵ, ń, ó, ú, ý, ı for и/й, sh, ch) and the 2017 version with
  apostrophes (a', g', n', o', u', y', s', c', i') — is written in Cyrillic when a purpose is
  written in it.
* **Russian in Latin transliteration** («nauchno-issledovatelskie raboty», «NIOKR»,
  «razrabotka»; the common systems: zh, kh, ts, ch, sh, shch, ya/ja, yu/ju, y, ') is written in
  Cyrillic: a whole purpose when its Latin words read as Russian rather than English, and single
  words of known Russian stems anywhere («Оплата за remont»). English words, brand names,
  abbreviations («ISO», «SAP»), chemical formulas («CO2») and units stay as they are.

:func:`normalise` returns the text; :func:`analyse` also says what it changed and where (the
words that mixed scripts, were made of look-alikes, were transliterated or written in Kazakh
Latin; the mojibake repaired), which NK-50 reads. Both are idempotent, never raise, and take time
bounded by :data:`MAX_CHARS` (longer input is cut).

Pure: the standard library only.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["MAX_CHARS", "Word", "Analysis", "normalise", "analyse", "script_of"]

#: Characters read from a text; the rest is cut (a purpose is a few hundred characters).
MAX_CHARS = 4000
#: Passes made at most until the text no longer changes (one or two in practice).
_PASSES = 4

# -- scripts and look-alikes -------------------------------------------------------------------------

#: Latin letters drawn like Cyrillic ones (the visual pairs: lower-case h, m, t, b are not among them).
_LAT_TO_CYR = dict(zip("ABCEHIKMOPTXYaceiopxyk", "АВСЕНІКМОРТХУасеіорхук", strict=True))
_CYR_TO_LAT = {v: k for k, v in _LAT_TO_CYR.items()}
_GRK_TO_CYR = dict(zip("ΑΒΕΗΙΚΜΟΡΤΧΥοαρκχ", "АВЕНІКМОРТХУоаркх", strict=True))
_GRK_TO_LAT = dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧοαρνικχ", "ABEZHIKMNOPTYXoapvikx", strict=True))
_TO_CYR = {**_LAT_TO_CYR, **_GRK_TO_CYR}
_TO_LAT = {**_CYR_TO_LAT, **_GRK_TO_LAT}
_WEAK = {"L": frozenset(_LAT_TO_CYR), "C": frozenset(_CYR_TO_LAT), "G": frozenset(_GRK_TO_CYR) | frozenset(_GRK_TO_LAT)}
#: Letters of the Kazakh Latin alphabets with no look-alike: inside a Cyrillic word they are the
#: Kazakh letter they stand for (a keyboard's habit, not a disguise).
_KAZAKH_LATIN_LETTERS = {
    "ä": "ә", "Ä": "Ә", "ğ": "ғ", "Ğ": "Ғ", "ñ": "ң", "Ñ": "Ң", "ö": "ө", "Ö": "Ө", "ş": "ш", "Ş": "Ш",
    "ū": "ұ", "Ū": "Ұ", "ü": "ү", "Ü": "Ү", "ı": "і", "á": "ә", "Á": "Ә", "ǵ": "ғ", "Ǵ": "Ғ", "ń": "ң", "Ń": "Ң",
    "ó": "ө", "Ó": "Ө", "ú": "ү", "Ú": "Ү", "ý": "у", "Ý": "У",
}
_TO_CYR_IN_WORD = {**_TO_CYR, **_KAZAKH_LATIN_LETTERS}
_VOWELS_CYR = frozenset("аәеёиоөуұүыіэюяАӘЕЁИОӨУҰҮЫІЭЮЯ")


@lru_cache(maxsize=4096)
def script_of(ch: str) -> str:
    """``L`` (Latin), ``C`` (Cyrillic), ``G`` (Greek) for a letter, ``""`` for anything else."""
    o = ord(ch)
    if o < 0x80:
        return "L" if ("a" <= ch <= "z" or "A" <= ch <= "Z") else ""
    if not ch.isalpha():
        return ""
    if 0x400 <= o <= 0x52F or 0x1C80 <= o <= 0x1C8F or 0x2DE0 <= o <= 0x2DFF or 0xA640 <= o <= 0xA69F:
        return "C"
    if 0xC0 <= o <= 0x24F or 0x1E00 <= o <= 0x1EFF or 0x2C60 <= o <= 0x2C7F or 0xA720 <= o <= 0xA7FF:
        return "L"
    if 0x370 <= o <= 0x3FF or 0x1F00 <= o <= 0x1FFF:
        return "G"
    return ""


# -- mojibake ----------------------------------------------------------------------------------------


def _byte_table(encoding: str) -> dict[str, int]:
    """The character each byte 0x80–0xFF decodes to in ``encoding``, mapped back to the byte.

    The bytes the encoding leaves undefined are kept by some systems as the C1 control of the same
    number (U+0098 for Windows-1251's 0x98, U+0081 … for Windows-1252's); they map back too.
    """
    table = {}
    for b in range(0x80, 0x100):
        try:
            table[bytes([b]).decode(encoding)] = b
        except UnicodeDecodeError:
            table[chr(b)] = b
    if encoding == "cp1252":
        for b in range(0x80, 0xA0):  # Latin-1 proper: the C1 controls where Windows-1252 has symbols
            table.setdefault(chr(b), b)
    return table


_CP1251 = _byte_table("cp1251")
_LATIN = _byte_table("cp1252")
_CONT_CP1251 = "".join(sorted(c for c, b in _CP1251.items() if 0x80 <= b <= 0xBF))
_CONT_LATIN = "".join(sorted(c for c, b in _LATIN.items() if 0x80 <= b <= 0xBF))
#: What a repaired text may hold: ASCII, the Russian and Kazakh Cyrillic letters, common punctuation.
_PLAUSIBLE = re.compile(r"[\x20-\x7e\u00a0\u00ab\u00bb\u2013\u2014\u2116\u2026\u201c\u201d\u201e\u2018\u2019А-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]*")
_CYR_LETTER = re.compile(r"[А-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]")
_SPLIT_WS = re.compile(r"([ \t\n\r\x0b\x0c]+)")  # not the no-break space: it is the byte 0xA0 of mojibake
#: Continuations of mojibake that honest text rarely puts after a letter (quotes, dashes, «№», «і»,
#: «ё» and the no-break space are left out of the Windows-1251 ones).
_ODD_CP1251 = "".join(c for c in _CONT_CP1251 if c not in "іІёЁ«»–—№…“”„‘’\u00a0\u00ad")
_ODD_LATIN = "".join(c for c in _CONT_LATIN if c not in "«»–—…“”„‘’\u00a0\u00ad")
#: Text that may hold mojibake (a quick test before the token-wise one): a lead byte of UTF-8 shown
#: in Windows-1251 or Latin-1 followed by a continuation byte, or four letters of Windows-1251 read as Latin-1.
_MAYBE_MOJIBAKE = re.compile(
    "[ВГДЕЖЗИЙКЛМНОПРСТУФабвгдежзийклмнопрстуф][" + re.escape(_ODD_CP1251) + "]"
    "|[\u00c2-\u00f4][" + re.escape(_ODD_LATIN) + "]|[\u00c0-\u00ff]{4}"
)
#: Two odd pairs in a row left after repair: the text did not decode cleanly.
_GARBLED = re.compile("(?:[РСТУ][" + re.escape(_ODD_CP1251) + "]){2}|(?:[ÐÑÒÓ][" + re.escape(_CONT_LATIN) + "]){2}")


def _decode_utf8_run(token: str, table: dict[str, int], lead: str, lost_bytes: bool) -> str | None:
    """``token`` (no whitespace) read back to bytes through ``table`` and decoded as UTF-8, or ``None``.

    A «Р» (or «Ð»: the byte 0xD0) with no continuation byte after it lost its second byte on the
    way: the no-break space of «Р» (0xA0, turned into a space or dropped) before punctuation or at
    the end of the token; with ``lost_bytes`` (Windows-1251) also 0x98 («И»: the byte Windows-1251
    lacks) before another lead byte.
    """
    out = bytearray()
    i, n = 0, len(token)
    while i < n:
        c = token[i]
        i += 1
        if c < "\x80":
            out.append(ord(c))
            continue
        b = table.get(c)
        if b is None:
            return None
        out.append(b)
        if c == lead:
            nxt = token[i] if i < n else ""
            nb = table.get(nxt, 0) if nxt >= "\x80" else 0
            if 0x80 <= nb <= 0xBF:
                continue
            if lost_bytes and nb >= 0xC0:
                out.append(0x98)
            elif nxt == "" or (nxt < "\x80" and not nxt.isalnum()):
                out.append(0xA0)
    try:
        text = out.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return text if len(text) < len(token) else None


_LAYERS = ((_CP1251, "Р", True, "utf8_as_cp1251"), (_LATIN, "Ð", False, "utf8_as_latin1"))


def _decode_layers(token: str, least: int, only: str | None = None) -> tuple[str | None, str | None]:
    """``token`` decoded from UTF-8 shown in a single-byte encoding, once or up to three times over,
    until it reads as plausible text with at least ``least`` Cyrillic letters; (text, kind) or (None, None)."""
    current, kind = token, None
    for _ in range(3):
        for table, lead, lost, name in _LAYERS:
            if only is not None and kind is None and name != only:
                continue
            decoded = _decode_utf8_run(current, table, lead, lost)
            if decoded is not None:
                break
        else:
            return None, None
        current, kind = decoded, kind or name
        if _PLAUSIBLE.fullmatch(current) and len(_CYR_LETTER.findall(current)) >= least:
            return current, kind
    return None, None


def _decode_1251_as_latin(token: str, least: int) -> str | None:
    """Windows-1251 read as Latin-1 («Îïëàòà»): a token of at least four such letters and no ASCII
    letter; in a text where one was found, any token of Latin-1 characters («çà», «¹» for «№»)."""
    if least > 1:
        letters = [c for c in token if c.isalpha()]
        if len(letters) < least or not all("\u00c0" <= c <= "\u00ff" for c in letters):
            return None
    elif not all(c <= "\u00ff" for c in token) or not any(c >= "\x80" for c in token) or any(c.isascii() and c.isalpha() for c in token):
        return None
    try:
        text = token.encode("latin-1").decode("cp1251")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None
    return text if _PLAUSIBLE.fullmatch(text) and len(_CYR_LETTER.findall(text)) >= (least if least > 1 else 0) else None


def _merge_lost_nbsp(parts: list[str]) -> list[str]:
    """A token of mojibake ending in an unpaired «Р» (or «Ð») and followed by one space: that space is
    the no-break space of «Р» (0xA0) turned into a space, inside the word («Р емонт» of «Ремонт»)."""
    i = 0
    while i + 2 < len(parts):
        token = parts[i]
        if parts[i + 1] == " " and token[-1:] in ("Р", "Ð") and parts[i + 2] and _MAYBE_MOJIBAKE.search(token + parts[i + 2]):
            parts[i:i + 3] = [token + "\u00a0" + parts[i + 2]]
            continue
        i += 2
    return parts


def _repair_mojibake(text: str) -> tuple[str, str | None]:
    """Each whitespace-separated token that is mojibake decoded again (up to three layers deep).

    A token is taken for mojibake when it decodes to at least two Cyrillic letters; once one has,
    the shorter tokens of the same text are decoded the same way («в„–» for «№», «çà» for «за»).
    """
    kind = None
    for _ in range(3):
        if not _MAYBE_MOJIBAKE.search(text):
            break
        parts = _merge_lost_nbsp(_SPLIT_WS.split(text))
        found = None
        for sweep in (1, 2):
            least = 2 if sweep == 1 else 0
            for i in range(0, len(parts), 2):
                token = parts[i]
                if not token or token.isascii():
                    continue
                fixed = None
                if sweep == 1 or found != "cp1251_as_latin1":
                    fixed, style = _decode_layers(token, least, None if sweep == 1 else found)
                if (sweep == 1 and fixed is None) or found == "cp1251_as_latin1":
                    fixed, style = _decode_1251_as_latin(token, 4 if sweep == 1 else 1), "cp1251_as_latin1"
                if fixed is not None and fixed != token:
                    parts[i] = fixed
                    found = found or style
            if found is None:
                break
        if found is None:
            break
        kind = kind or found
        text = "".join(parts)
    return text, kind


# -- characters, NFKC, whitespace --------------------------------------------------------------------

_ZERO_WIDTH = "\u200b-\u200d\u2060-\u2064\ufeff\u180e\u034f"
_HIDDEN_WORD = re.compile(r"[^\W\d_]+(?:[" + _ZERO_WIDTH + r"]+[^\W\d_]+)+")
_C0 = re.compile(r"[\x00-\x08\x0e-\x1b\x7f]")
_ZERO_WIDTH_CHAR = re.compile("[" + _ZERO_WIDTH + "]")
#: Text that needs no repair, no removal and no composition (a quick test; most purposes).
_PLAIN = re.compile(r"(?! )(?:[!-~А-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі«»№—–]| (?! ))*")
_ODD_CHAR = re.compile("[" + re.escape(_ODD_CP1251 + _ODD_LATIN) + "]")
_LATIN1_LETTER = re.compile("[\u00c0-\u00ff]")
_SPACES = re.compile(r"\s+")
_SPACED = re.compile(r"(?<!\S)((?:[^\W\d_] ){3,}[^\W\d_])(?!\S)")
_ZERO_IN_WORD = re.compile(r"(?<!\w)([^\W\d_]+)0([^\W\d_]+)(?!\w)")


#: Format characters (Unicode category Cf) and surrogates, except the soft hyphen: invisible, removed.
#: (A test holds this list to the Unicode database of the running Python.)
_FORMAT = (
    "\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f"
    "\ud800-\udfff\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
_SPACE_CONTROLS = re.compile("[\t\n\r\x0b\x0c\x1c-\x1f\u2028\u2029]")
_DROP_BEFORE = re.compile("[\x00-\x08\x0e-\x1b\x7f" + _FORMAT + "]")
_DROP_AFTER = re.compile("[\x80-\x84\x86-\x9f\u00ad]")
#: Characters among which no combining mark can hide (ASCII to spacing modifiers, Greek and Cyrillic
#: letters, punctuation, currency signs): text of these alone needs no look for marks.
_NO_MARKS = re.compile("[\x00-\u02ff\u0370-\u0482\u048a-\u052f\u2010-\u205f\u20a0-\u20bf\u2116\u00a0]*")


def _strip_controls(text: str, *, before_repair: bool) -> str:
    """Control and format characters removed (line breaks and tabs become spaces).

    Before mojibake is repaired, the C1 controls and the soft hyphen stay: they are bytes of it
    (0x98 of «И», 0xAD of «Э»).
    """
    text = _DROP_BEFORE.sub("", _SPACE_CONTROLS.sub(" ", text))
    if not before_repair:
        text = _DROP_AFTER.sub("", text.replace("\x85", " "))
    return text


def _nfkc(text: str) -> str:
    """NFKC with the sign «№» kept, and the combining marks left after composition dropped."""
    for _ in range(3):
        out = text if unicodedata.is_normalized("NFKC", text) else "№".join(unicodedata.normalize("NFKC", part) for part in text.split("№"))
        if not _NO_MARKS.fullmatch(out):
            out = "".join(c for c in out if c < "\u0300" or unicodedata.category(c) not in ("Mn", "Me"))
        if out == text:
            break
        text = out
    return text


# -- the lexicons that tell Russian transliteration, Kazakh Latin and English apart -------------------

#: Stems of Russian words of payment purposes, transliterated: a Latin word that starts with one is
#: Russian. None starts an English word of a payment purpose (a test holds them to the corpus).
_RU_STEMS = tuple(sorted(set("""
oplat oplach dogovor dogovar kontrakt rabot uslug nauchn issledov razrabot niokr nioktr opytn konstruktorsk
tekhnich tehnich tekhnolog tehnolog eksperimentaln laboratorn laboratorii laboratoriy vypoln izgotovl ispytan
sozdani izucheni modelirovan metodik vnedreni etap avans predoplat okonchatel raschet raschyot schet schyot
faktur nakladn postavk postavshch remont kapitaln tekushch stroitel stroyk montazh naladk komandir kommandir
sluzhebn poezdk proezd sutochn prozhivan gostinic gostinits bilet aviabilet obucheni kursy povyshen kvalifikac
kvalifikats trening sponsorsk blagotvor pomoshch pomosh podark podarok prazdn banket korporativ pitani stolov
okhran ohran topliv benzin dizeln goryuch arend zakup priobret pokupk oborudovan materialov tovar kantsel kancel
mebel kompyuter noutbuk avtomobil transportn perevoz dostavk ekspertiz konsultac konsultats yuridich notarialn
perevod pechat tipograf suvenir reklam strakhov strahov bankovsk komissi nalog shtraf zarplat zarabotn oklad
premiy premii premiya premirov voznagrazhd vozmeshch vozmeshen raskhod rashod kommunaln elektroenerg uborka uborki
vyvoz musor otkhod othod utilizac utilizats skvazhin burovy bureni neftyan neftegaz gazov trub truboprovod
khimich himich pribor ustanovk zdani pomeshch pomeshen sklad krovl ograzhd ochistk podpisk litsenz licenz programmn
obespechen obsluzhiv soprovozhd proekt issledovatelsk vypolnenn soglasno sootvetstv zadani otchet otchyot aktom aktov
kalendarn smet zatrat nauchno tekhnicheskikh opytno promyshlenn
""".split())))
#: Russian abbreviations written in Latin letters.
_RU_ACRONYMS = frozenset("niokr nioktr nir okr ntr otr nds".split())
#: Russian function words (a sign of Russian in a text, never converted alone in an English one).
_RU_FUNCTION = frozenset("po za na v vo i s ot dlya dlja pri iz ili bez pod nad k ob soglasno cherez tch vkl takzhe".split())
_RU_ENDING = re.compile(
    r"(?:ogo|ego|ykh|ikh|yye|iye|aya|yaya|oye|ymi|imi|yami|yy|iy|yj|ij|iya|iyu|eniye|eniya|enie|anie|aniya|stvo|stva"
    r"|tsiya|tsii|tsiyu|nyy|nyi|nyj|skiy|skii|skie|skikh|skaya|skogo|ovka|ovki)$"
)

#: Stems of Kazakh words of payment purposes in Latin letters (diacritics and apostrophes folded away).
_KZ_STEMS = tuple(sorted(set("""
gylym ghylym zertte zhumys jumys tolem toleu tolen shart sart kezen boiynsha boiynsa boyinsha boyynsha bojynsha
ushin usin aqy aqys tajiribe tazhiribe tajirybe konstruktorlyq qyzmet satyp jondeu zhondeu qurylys issapar tamaqtan
kuzet aqsha qarjy joba zhoba natije azirle ondiris qondyrgy zerthana zertkhana jasau zhasau zhane jane negizinde
saikes otkizu qabyldau aktisi kelisim sharty shartqa shartyna turaly arqyly ishinde tolemi zhumystar jumystar
""".split())))
_KZ_FOLD = str.maketrans("äğıñöşūüáǵńóúýç", "aginosuuagnouyc")
_KZ_2021 = frozenset("äğıñöşūüÄĞÑÖŞŪÜ")
_KZ_2018 = frozenset("áǵńóúýÁǴŃÓÚÝ")
_KZ_2017 = re.compile(r"[agiinouysc]'")

#: English words of payment purposes, and the short words of English sentences.
_EN_WORDS = frozenset("""
a about abroad acceptance access accommodation accounting accounts act acts additional administrative advance advertising
advisory after agreement air all allowance amount an analysis and annual application applied approval april are as
assessment assistance at attendance audit august bank banks banquet based bonus bonuses building buildings business by
canteen capital car catering centre center certificate charges charity chemical chemicals cleaning commission company
completed computer computers conference construction consulting consultancy consumables contract contractor control
corporate cost costs courier course courses data dated day december delivery department deposit design development
device diesel digital documentation donation drilling during electricity employee employees energy engineering equipment
exempt expense expenses experimental experiments exploration extra facilities february fee fees field final financial
flight flights food for foreign from fuel fuels furniture gas guard hire hotel hub in incl included including industrial
insurance interest internet into invoice is it its january july june lab laboratory land lease legal licence licences
license licenses loan maintenance management march materials may meals meeting membership method methods model monitoring
new no not notary november october of office oil on or other our overhaul paid parts pay payment payroll per performed
phase pilot pipe pipes plan plant premises premium printing production programme program project prototype purchase
rent rental repair report research results salaries salary science scientific security september service services
settlement site software sponsorship staff stage study subscription supplies supply support survey system technical
technology test testing tests the their this ticket tickets to training transfer translation transport travel trip
under university upgrade utilities vat vehicle vehicles wages warehouse waste water well wells with within without
work works year llp llc ltd jsc inc co gmbh plc
""".split())
_EN_SUFFIX = re.compile(
    r"(?:tion|tions|sion|sions|ment|ments|ing|ings|ance|ence|ness|ship|ity|ities|ous|ful|less|able|ible|ical|ure|ures"
    r"|ght|ware|logy|graphy|ed)$|th|wh|ck|ph|qu|ee|oo|ea|ou"
)

# -- conversion tables -------------------------------------------------------------------------------

_RU_MULTI = (
    ("shch", "щ"), ("iye", "ие"), ("iya", "ия"), ("iyu", "ию"), ("yye", "ые"), ("zh", "ж"), ("kh", "х"), ("ts", "ц"),
    ("ch", "ч"), ("sh", "ш"), ("yu", "ю"), ("ju", "ю"), ("ya", "я"), ("ja", "я"), ("yo", "ё"), ("jo", "ё"), ("yy", "ый"), ("iy", "ий"), ("ij", "ий"), ("yj", "ый"), ("''", "ъ"), ("'", "ь"),
)
_RU_SINGLE = {**dict(zip("abvgdezijklmnoprstufhwq", "абвгдезийклмнопрстуфхвк", strict=True)), "x": "кс"}

_KZ_COMMON = dict(zip("abdefghjklmnopqrstvyzwxc", "абдефгхжклмнопқрствызухц", strict=True))
_KZ_DIGRAPHS = (("sh", "ш"), ("ch", "ч"), ("zh", "ж"), ("gh", "ғ"))
_KZ_TABLES = {
    "2021": {**_KZ_COMMON, "ä": "ә", "ğ": "ғ", "ı": "і", "ñ": "ң", "ö": "ө", "ş": "ш", "ū": "ұ", "ü": "ү", "u": "у", "ç": "ч", "i": "и*"},
    "2018": {**_KZ_COMMON, "á": "ә", "ǵ": "ғ", "ı": "и*", "i": "і", "ń": "ң", "ó": "ө", "ú": "ү", "ý": "у", "u": "ұ"},
    "2017": {**_KZ_COMMON, "i": "і", "u": "ұ"},
}
_KZ_2017_PAIRS = {"a": "ә", "g": "ғ", "i": "и*", "n": "ң", "o": "ө", "u": "ү", "y": "у", "s": "ш", "c": "ч"}


def _recase(source: str, target: str) -> str:
    """``target`` in the case pattern of ``source``: all capitals, a capital first, or lower case."""
    letters = [c for c in source if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return target.upper()
    if letters and letters[0].isupper():
        return target[:1].upper() + target[1:]
    return target


def _translit_ru(word: str) -> str:
    """A Russian word written in Latin letters, in Cyrillic (the common systems at once)."""
    low = word.lower().replace("’", "'").replace("ʼ", "'")
    out: list[str] = []
    i, n = 0, len(low)
    while i < n:
        for latin, cyr in _RU_MULTI:
            if low.startswith(latin, i):
                out.append(cyr)
                i += len(latin)
                break
        else:
            c = low[i]
            if low.startswith(("ye", "je"), i) and (not out or out[-1][-1] in _VOWELS_CYR or out[-1][-1] in "ьъ"):
                out.append("е")
                i += 2
                continue
            if c == "e" and i == 0:
                out.append("э")
            elif c == "y" and low[i + 1:i + 2] == "e" and out and out[-1][-1] not in _VOWELS_CYR and out[-1][-1] not in "ьъ":
                out.append("ые")  # «-nye»: the plural of an adjective
                i += 2
                continue
            elif c == "y":
                out.append("й" if out and out[-1][-1] in _VOWELS_CYR else "ы")
            elif c == "c":
                out.append("ц" if low[i + 1:i + 2] in ("e", "i", "y") else "к")
            else:
                out.append(_RU_SINGLE.get(c, c))
            i += 1
    return _recase(word, "".join(out))


def _translit_kz(word: str, version: str) -> str:
    """A Kazakh word in the Latin alphabet of ``version`` (2021, 2018, 2017), in Cyrillic."""
    low = word.replace("İ", "i")
    if version == "2021":
        low = low.replace("I", "ı")
    low = low.lower().replace("’", "'").replace("ʼ", "'")
    table = _KZ_TABLES[version]
    out: list[str] = []
    i, n = 0, len(low)
    while i < n:
        c = low[i]
        digraph = next((cyr for d, cyr in _KZ_DIGRAPHS if low.startswith(d, i)), None)
        if version == "2017" and i + 1 < n and low[i + 1] == "'" and c in _KZ_2017_PAIRS:
            out.append(_KZ_2017_PAIRS[c])
            i += 2
        elif digraph:
            out.append(digraph)
            i += 2
        elif c == "'":
            i += 1
        else:
            out.append(table.get(c, c))
            i += 1
    text: list[str] = []
    for piece in out:
        if piece == "и*":
            piece = "й" if text and text[-1][-1] in _VOWELS_CYR else "и"
        text.append(piece)
    return _recase(word, "".join(text))


# -- the analysis ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    """A word the normaliser changed, or found mixing scripts.

    ``kind``: ``mixed`` (letters of two scripts in one word), ``lookalike`` (a word made only of
    look-alike letters of another script than the text's), ``transliterated`` (Russian in Latin
    letters), ``kazakh_latin`` (Kazakh in a Latin alphabet), ``zero`` (a zero among letters),
    ``spaced`` (letters typed apart), ``invisible`` (invisible characters inside it).
    ``foreign``: the letters or marks in it that are not of the script it is read in (a mixed
    word's look-alikes; every letter of a transliterated or Kazakh Latin word). ``near_digit``:
    it touches a digit (a formula or a code: «СO2»).
    """

    written: str
    read: str
    kind: str
    foreign: int
    near_digit: bool = False


@dataclass(frozen=True)
class Analysis:
    """What :func:`analyse` found: the normalised ``text`` and what it changed."""

    text: str
    words: tuple[Word, ...] = ()
    #: The mojibake repaired: utf8_as_cp1251 | utf8_as_latin1 | cp1251_as_latin1 (``None``: none).
    repaired: str | None = None
    #: The text still reads as mojibake or lost characters (it did not decode cleanly).
    garbled: bool = False
    #: How the text's Latin words were read as a whole: kazakh_latin_2021 / _2018 / _2017,
    #: transliteration, or ``None`` (word by word).
    latin_mode: str | None = None
    #: Input beyond :data:`MAX_CHARS` was cut.
    cut: bool = False


_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)*(?:(?<=[aginouyscAGINOUYSC])['’ʼ](?![^\W\d_]))?")
_LATIN_OR_GREEK = re.compile("[A-Za-z\u00c0-\u024f\u0370-\u03ff\u1e00-\u1fff\u2c60-\u2c7f\ua720-\ua7ff]")
_CODED = re.compile(r"[\w&./\\-]*\d[\w&./\\-]*")

def _coerce(text: object) -> str:
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    if isinstance(text, bytes | bytearray):
        try:
            return bytes(text).decode("utf-8")
        except UnicodeDecodeError:
            return bytes(text).decode("cp1251", errors="replace")
    try:
        return str(text)
    except Exception:  # noqa: BLE001 — any object's __str__ may raise; an unreadable value reads as empty
        return ""


def normalise(text: object) -> str:
    """The normalised text (see the module's docstring); ``""`` for ``None`` or an unreadable value."""
    return analyse(text).text


def analyse(text: object) -> Analysis:
    """Normalise ``text`` and say what was changed. Never raises."""
    try:
        return _analyse(text)
    except Exception:  # noqa: BLE001 — a normaliser must not stop a run: the text is read as printable characters
        raw = _coerce(text)[:MAX_CHARS] if isinstance(text, str | bytes | bytearray) else ""
        safe = _SPACES.sub(" ", "".join(c if c.isprintable() else " " for c in raw)).strip()
        return Analysis(safe, garbled=True)


def _analyse(value: object) -> Analysis:
    text = _coerce(value)
    cut = len(text) > MAX_CHARS
    text = text[:MAX_CHARS]
    first: Analysis | None = None
    for _ in range(_PASSES):
        found = _pass(text)
        first = first or found
        if found.text == text:
            break
        text = found.text
    garbled = bool(_GARBLED.search(text)) or text.count("\ufffd") >= 2
    return Analysis(text, first.words, first.repaired, garbled, first.latin_mode, cut)


def _pass(text: str) -> Analysis:
    """One pass of normalisation (repeated by :func:`analyse` until the text no longer changes)."""
    words: list[Word] = []
    repaired = None
    if _PLAIN.fullmatch(text):
        pass  # Cyrillic, digits, ASCII punctuation and single spaces: nothing to repair or compose
    elif text.isascii():
        text = _C0.sub("", text) if _C0.search(text) else text
    else:
        text = text.replace("\x00", "")
        if _ZERO_WIDTH_CHAR.search(text):
            for m in _HIDDEN_WORD.finditer(text):
                clean = "".join(c for c in m.group(0) if c.isalpha())
                words.append(Word(clean, clean, "invisible", len(m.group(0)) - len(clean)))
        text = _strip_controls(text, before_repair=True)
        text, repaired = _repair_mojibake(text) if _ODD_CHAR.search(text) or _LATIN1_LETTER.search(text) else (text, None)
        text = _nfkc(_strip_controls(text, before_repair=False))
    text = _SPACES.sub(" ", text).strip()
    if sum(1 for w in text.split(" ") if len(w) == 1) >= 4 and _SPACED.search(text):
        def join(m: re.Match) -> str:
            joined = m.group(1).replace(" ", "")
            words.append(Word(m.group(1), joined, "spaced", len(joined)))
            return joined
        text = _SPACED.sub(join, text)
    if "0" in text:
        text = _ZERO_IN_WORD.sub(lambda m: _letter_o(m, words), text)
    latin_mode = None
    if _LATIN_OR_GREEK.search(text):
        text, latin_mode = _resolve(text, words)
    return Analysis(text, tuple(words), repaired, False, latin_mode)


def _letter_o(m: re.Match, words: list[Word]) -> str:
    """A zero between the letters of one script is the letter O of that script («рем0нт», «НИ0КР»)."""
    left, right = m.group(1), m.group(2)
    scripts = [script_of(c) for c in left + right]
    cyr, lat = scripts.count("C"), scripts.count("L")
    if len(scripts) < 3 or cyr + lat != len(scripts) or (cyr and lat):
        return m.group(0)
    upper = (left[-1] + right[0]).isupper()
    o = ("О" if upper else "о") if cyr else ("O" if upper else "o")
    words.append(Word(m.group(0), left + o + right, "zero", 1))
    return left + o + right


@lru_cache(maxsize=65536)
def _profile(word: str) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """Letters of each script in ``word`` — (Latin, Cyrillic, Greek) — all of them, and those with
    no look-alike in another script."""
    every = [0, 0, 0]
    strong = [0, 0, 0]
    for c in word:
        s = script_of(c)
        if s:
            k = _INDEX[s]
            every[k] += 1
            if c not in _WEAK[s]:
                strong[k] += 1
    return tuple(every), tuple(strong)


_INDEX = {"L": 0, "C": 1, "G": 2}
L, C, G = 0, 1, 2


@lru_cache(maxsize=65536)
def _latin_signals(word: str) -> tuple[int, int, int, str | None]:
    """How much one Latin word reads as Russian, Kazakh and English (0–2 each), and the Kazakh alphabet its letters show."""
    low = word.replace("İ", "i").lower()
    for a in "’ʼ":
        low = low.replace(a, "'")
    bare = "".join(c for c in low.translate(_KZ_FOLD) if c.isalpha())
    version, kz = None, 0
    if any(c in _KZ_2021 for c in low):
        version, kz = "2021", 2
    elif any(c in _KZ_2018 for c in low):
        version, kz = "2018", 2
    elif _KZ_2017.search(low) and not low.endswith("'s"):
        version, kz = "2017", 2
    if len(bare) >= 3 and bare.startswith(_KZ_STEMS):
        kz += 1
    en = 0
    if bare in _EN_WORDS or (bare.endswith("s") and bare[:-1] in _EN_WORDS) or (low.endswith("'s") and low[:-2] in _EN_WORDS):
        en = 2
    elif len(bare) > 3 and _EN_SUFFIX.search(bare) and not bare.startswith(_RU_STEMS):
        en = 1
    ru = 0
    if version is None and (bare in _RU_ACRONYMS or (len(bare) >= 4 and bare.startswith(_RU_STEMS))):
        ru = 2
    elif bare in _RU_FUNCTION:
        ru = 1
    elif len(bare) >= 5 and en == 0 and _RU_ENDING.search(bare):
        ru = 1
    if en == 2 and ru < 2:
        ru = 0
    if en == 2 and ru == 2:
        ru = 0
    return ru, kz, en, version


def _own_script(strong: tuple[int, int, int]) -> str | None:
    """The script a word of letters of several scripts is read in when its letters with no look-alike
    decide (``None`` when they tie: the text's script decides)."""
    if strong[C] != strong[L]:
        return "C" if strong[C] > strong[L] else "L"
    return None


def _resolve(text: str, words: list[Word]) -> tuple[str, str | None]:
    """Look-alike letters, transliteration and Kazakh Latin resolved word by word (see the module)."""
    spans = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text)]
    # A word in a token with a digit is part of a code or a formula («NIOKR-2024/5», «CO2», «H2SO4»),
    # unless it is a word joined to a number by a hyphen («2-kezeñ»).
    codes = [m.span() for m in _CODED.finditer(text)]
    near = [any(a <= s and e <= b for a, b in codes) for s, e, _ in spans] if codes else [False] * len(spans)
    n = len(text)
    touch = [(s > 0 and text[s - 1].isdigit()) or (e < n and text[e].isdigit()) for s, e, _ in spans]
    new = [w for _, _, w in spans]
    mixed: dict[int, str] = {}  # word index → its own script, for the words of several scripts
    pending: list[int] = []
    # 1. A word of several scripts whose letters with no look-alike decide is read in that script.
    for i, (_s, _e, word) in enumerate(spans):
        every, strong = _profile(word)
        if (every[L] > 0) + (every[C] > 0) + (every[G] > 0) < 2:
            continue
        if strong[G] > strong[C] + strong[L]:
            continue  # a Greek word («α-излучение» keeps its α)
        own = _own_script(strong)
        if own is None:
            pending.append(i)
            continue
        mixed[i] = own
        new[i] = _map_word(word, own)
    # 2. Latin words: a whole text in Kazakh Latin or in Russian transliteration, or single Russian words.
    latin = []
    cyrillic = 0
    for i, word in enumerate(new):
        every, strong = _profile(word)
        if every[L] and not every[C] and not every[G]:
            if not touch[i] and not (near[i] and word.isupper()) and len(word) >= 2:
                latin.append(i)
        elif every[C] and not every[L]:
            cyrillic += 1
    signals = {i: _latin_signals(new[i]) for i in latin}
    ru = sum(v[0] for v in signals.values())
    kz = sum(v[1] for v in signals.values())
    en = sum(v[2] for v in signals.values())
    mode = None
    if latin and len(latin) >= cyrillic:
        if kz >= 2 and kz > en and kz >= ru:
            versions = [v[3] for v in signals.values() if v[3]]
            mode = "kazakh_latin_" + (max(("2021", "2018", "2017"), key=versions.count) if versions else "2021")
        elif ru >= 2 and ru > en:
            mode = "transliteration"
    converted = set()
    shouting = len(latin) > 1 and all(new[i].isupper() for i in latin)  # a text in capitals: capitals are no abbreviation
    for i in latin:
        word = new[i]
        r, _k, e, _v = signals[i]
        acronym = len(word) > 1 and word.isupper() and not shouting
        bare = word.lower()
        if mode and mode.startswith("kazakh"):
            if e == 2 or (acronym and len(word) <= 4 and bare not in _RU_ACRONYMS):
                continue
            new[i], kind = _translit_kz(word, mode[-4:]), "kazakh_latin"
        elif mode == "transliteration":
            if e == 2 or (r == 0 and (acronym or (word[:1].isupper() and not shouting))):
                continue
            new[i], kind = _translit_ru(word), "transliterated"
        elif r == 2 and e == 0:
            new[i], kind = _translit_ru(word), "transliterated"
        else:
            continue
        converted.add(i)
        words.append(Word(spans[i][2], new[i], kind, sum(1 for c in spans[i][2] if c.isalpha())))
    # 3. The text's script: its letters with no look-alike, once the words above are read.
    total_c = total_l = 0
    for w in new:
        _every, strong = _profile(w)
        total_c += strong[C]
        total_l += strong[L]
    context = "C" if total_c > total_l else "L" if total_l > total_c else None
    # 4. The words whose letters tie take the text's script (else their letters' majority); a word
    #    made only of look-alike letters of another script than the text's takes the text's.
    for i in pending:
        every, _strong = _profile(spans[i][2])
        mixed[i] = context or ("C" if every[C] >= every[L] else "L")
        new[i] = _map_word(new[i], mixed[i])
    for i, own in mixed.items():
        if i not in converted:
            written = spans[i][2]
            foreign = sum(
                1 for c in written
                if script_of(c) not in ("", own) and not (own == "C" and (c in "iI" or c in _KAZAKH_LATIN_LETTERS))
            )
            words.append(Word(written, new[i], "mixed", foreign, near[i]))
    if context == "C":
        for i, word in enumerate(new):
            if i in converted or i in mixed or near[i] or len(word) < 3:
                continue
            every, _strong = _profile(word)
            if every[C] or not (every[L] or every[G]) or (every[L] and every[G]):
                continue
            table = _LAT_TO_CYR if every[L] else _GRK_TO_CYR
            if all(c in table for c in word):
                new[i] = "".join(_TO_CYR.get(c, c) for c in word)
                words.append(Word(spans[i][2], new[i], "lookalike", len(word)))
    out, last = [], 0
    for (s, e, _w), w in zip(spans, new, strict=True):
        out.append(text[last:s])
        out.append(w)
        last = e
    out.append(text[last:])
    return "".join(out), mode


def _map_word(word: str, own: str) -> str:
    """``word`` with its look-alike letters of other scripts written in ``own`` (Cyrillic: also the
    Kazakh Latin letters); letters with no counterpart stay."""
    if own == "C":
        return "".join(_TO_CYR_IN_WORD.get(c, c) if script_of(c) != "C" else c for c in word)
    return "".join(_TO_LAT.get(c, c) if script_of(c) != "L" else c for c in word)
