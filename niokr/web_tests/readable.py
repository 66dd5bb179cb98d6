"""Detectors of text that gives a page away as unfinished, and the walk that applies them.

Used by ``test_walk.py``: a signed-in user walks the menu and one level of links in a real browser;
every visible text (text nodes, the ``title``, ``placeholder``, ``aria-label`` and ``alt``
attributes, the window title, the options of visible lists) is checked by the detectors below.
The rules are written out in docs/testing.md ("The walk"); in short:

(a) ``db-id``: a database id where people expect a business number — ``#123``; ``№ 6`` where 6 is
    no right, agreement, payment or case number of the database; ``app.Model 123`` or
    ``projects.Payment``; a word "id"/"идентификатор"/"сәйкестендіргіш"; an entity word followed by a
    bare number that is no business number ("платежи 7555, 7556", "Holding group 12").
(b) ``raw-key``: a snake_case key (``payer_bin``, ``BUDGET2026_COSTS``) or a dotted internal name
    (``obligations.recompute``).
(c) ``english``: on a kk or ru page, a Latin-script run of text that equals an English msgid of the
    project's or Django's catalogs whose translation differs, or holds an English word (4+ letters,
    not all capitals) of the catalogs' msgids or of the code's names that the page language's own
    translations never write in Latin; or an organisation's English name. Names are not English:
    Title Case words ("Astana Hub"), a word with a capital inside ("AgriTech"), names the registers
    keep in Latin, a language's own name, and text as a person recorded it (a payment's purpose).
(d) ``date``: ``12/07/2026``, ``a.m.``/``p.m.`` and the 12-hour markers of Django's catalogs after a
    time, an ISO date ``2025-05-01``.
Besides text: (e) ``scroll``, (f) ``dead-link``, (g) ``console``/``request`` — see ``Walk``.

Exempt everywhere: text inside elements marked as code (``code kbd samp pre .code
.font-monospace [translate=no]``) and a capitals code alone in a small element (shown beside its
name), the product's name (``.navbar-brand``), the signed-in user's name (``.user-name``), the Django
admin's login and request-data columns, selection checkboxes and search icon, e-mail addresses,
URLs and file names; for (c) only, text inside an element whose ``lang`` attribute names another
language.
"""

from __future__ import annotations

import base64
import re
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import django
from django.conf import settings
from django.urls import Resolver404, resolve

__all__ = ["Catalogs", "Detectors", "Finding", "Walk", "report"]

LOCALE = Path(settings.BASE_DIR) / "niokr" / "locale"
DJANGO_ROOT = Path(django.__file__).parent
CYRILLIC = re.compile(r"[\u0400-\u04FF]")
LATIN_WORD = re.compile(r"[A-Za-z]+")


# --------------------------------------------------------------------------------------------
# Catalogs


def read_po(path: Path) -> list[tuple[str, str]]:
    """(msgid, msgstr) of each translated or untranslated entry of a .po file (plurals: form 0)."""
    entries, msgid, msgstr, key = [], None, None, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("#~"):
            continue
        if not line.strip():
            if msgid:
                entries.append((msgid, msgstr or ""))
            msgid, msgstr, key = None, None, None
            continue
        if line.startswith("#"):
            continue
        m = re.match(r'(msgctxt|msgid|msgid_plural|msgstr(?:\[(\d+)\])?) "(.*)"$', line)
        if m:
            field_, index, text = m.group(1), m.group(2), _unescape(m.group(3))
            if field_ == "msgid":
                msgid, key = text, "msgid"
            elif field_.startswith("msgstr") and (index in (None, "0")):
                msgstr, key = text, "msgstr"
            else:
                key = None
        elif line.startswith('"') and key:
            if key == "msgid":
                msgid += _unescape(line[1:-1])
            else:
                msgstr += _unescape(line[1:-1])
    return entries


def _unescape(text: str) -> str:
    return text.replace('\\"', '"').replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\")


def _catalog_files(language: str) -> list[Path]:
    files = [LOCALE / language / "LC_MESSAGES" / "django.po"]
    files += sorted(DJANGO_ROOT.glob(f"conf/locale/{language}/LC_MESSAGES/django.po"))
    files += sorted(DJANGO_ROOT.glob(f"contrib/*/locale/{language}/LC_MESSAGES/django.po"))
    return [f for f in files if f.exists()]


def code_words() -> set[str]:
    """English words of the project's code: the parts of its names and keys (``quarterly``,
    ``extract``, ``direct`` of ``channel direct``) — what leaks when a code is shown raw."""
    import ast

    words: set[str] = set()
    package = Path(settings.BASE_DIR) / "niokr"
    for path in package.rglob("*.py"):
        if {"tests", "web_tests", "migrations", "synthetic"} & set(path.relative_to(package).parts):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Name):
                name = node.id
            elif isinstance(node, ast.Attribute):
                name = node.attr
            elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                name = node.name
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and re.fullmatch(r"[a-z][a-z0-9_]*", node.value):
                name = node.value
            else:
                continue
            words |= {w.lower() for w in re.findall(r"[a-z]+|[A-Z][a-z]+", name) if len(w) >= 4}
    return words


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().strip(":…. ").strip()


class Catalogs:
    """The English msgids of the project's and Django's catalogs and their kk/ru translations."""

    def __init__(self, languages=("kk", "ru")):
        self.translation: dict[str, dict[str, str]] = {}
        self.latin_in_translations: dict[str, set[str]] = {}
        msgids: set[str] = set()
        for language in languages:
            table, latin = {}, set()
            for path in _catalog_files(language):
                for msgid, msgstr in read_po(path):
                    msgids.add(msgid)
                    if msgstr:
                        table.setdefault(_norm(msgid), _norm(msgstr))
                        latin |= {w.lower() for w in LATIN_WORD.findall(re.sub(r"%\(\w+\)[sd]|\{\w*\}", " ", msgstr))}
            self.translation[language] = table
            self.latin_in_translations[language] = latin
        self.msgids = msgids
        words = set()
        for msgid in msgids:
            words |= {w.lower() for w in LATIN_WORD.findall(re.sub(r"%\(\w+\)[sd]|\{\w*\}|<[^>]+>", " ", msgid)) if len(w) >= 4}
        self.words = words | code_words()

    def untranslated(self, text: str, language: str) -> bool:
        """``text`` is an English msgid whose translation into ``language`` reads otherwise."""
        key = _norm(text)
        translated = self.translation[language].get(key)
        return bool(translated) and translated != key and bool(LATIN_WORD.search(key))

    def english_words(self, text: str, language: str) -> list[str]:
        """The English words of ``text``: 4+ letters, not all capitals (a code), in the msgids'
        vocabulary and never used in Latin by the ``language`` catalogs (``Excel``, ``django``)."""
        found = []
        for word in LATIN_WORD.findall(text):
            low = word.lower()
            if len(word) < 4 or word.isupper() or low not in self.words or low in self.latin_in_translations[language]:
                continue
            found.append(word)
        return found


# --------------------------------------------------------------------------------------------
# Text detectors

FILE_EXT = r"(?:pdf|csv|xlsx|xls|json|zip|png|jpe?g|txt|xml|docx?|html?|po|mo|py)"
EXEMPT_TOKENS = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail
    r"|\bhttps?://[\w./?=&%#:-]*[/\w]|(?<!\S)/[\w./?=&%#-]*[A-Za-z_][\w./?=&%#-]*"  # URL or path
    rf"|[\w.-]+\.{FILE_EXT}\b",  # file name
    re.IGNORECASE,
)
HASH_ID = re.compile(r"(?<![\w&#/])#\s?\d+\b")
NUMERO = re.compile(r"№\s*([0-9][0-9A-Za-zА-Яа-яӘәҒғҚқҢңӨөҰұҮүҺһІі/\-.]*)")
MODEL_LABEL = re.compile(r"\b[a-z_]+\.[A-Z][A-Za-z]+\b(?:\s+\d+)?")
ID_WORD = re.compile(r"(?<![\w-])(?:id|ID|Id|идентификатор\w*|Идентификатор\w*|сәйкестендіргіш\w*|Сәйкестендіргіш\w*|identifier|Identifier)(?![\w-])")
SNAKE = re.compile(r"(?<![\w.@/-])[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+(?![\w@/-])")
DOTTED = re.compile(r"(?<![\w.@/-])[a-z]{2,}(?:\.[a-z_]{2,})+(?![\w@/-])")
US_DATE = re.compile(r"(?<![\d/.])\d{1,2}/\d{1,2}/\d{4}(?![\d/])")
ISO_DATE = re.compile(r"(?<![\d.-])\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?(?![\d-])")
#: Entity words after which a bare number names an object (en, ru, kk), by the kind of business number
#: that may follow them (``None``: the object has no number of its own, so a number there is an id).
ENTITY_WORDS = {
    "right": r"rights?|прав[оа]|құқы\w*",
    "agreement": r"agreements?|договор\w*|шарт\w*",
    "payment": r"payments?|плат[её]ж\w*|төлем\w*",
    "case": r"cases?|дел[оа]|іс|істер",
    None: r"organi[sz]ations?|flags?|submissions?|group|runs?|jobs?|reports?|организаци\w*|флаг\w*|групп\w*|запуск\w*|отч[её]т\w*|задани\w*|ұйым\w*|топ\w*|есеп\w*|тапсырма\w*",
}
_NUMBER = r"\d+(?![.,]\d)"
ENTITY = re.compile(
    r"(?<![\w-])(?:" + "|".join(f"(?P<{kind or 'other'}>{words})" for kind, words in ENTITY_WORDS.items()) + r")"
    rf"\s+(?:№\s*)?(?P<numbers>{_NUMBER}(?:(?:,\s+|\s+(?:и|and|және)\s+){_NUMBER})*)(?![\w/.-]|\s*(?:₸|%|тенге|тг|s\b|с\b))",
    re.IGNORECASE,
)
#: A "№" number of a legal act or a document: next to its date (in figures, or in words as Russian and
#: Kazakh write it), after the act's name or register (МЮ, НҚ, ӘМ тіркеу…), after another act's number
#: (``№ 553/№ 598``, ``№ 490-н и № 574``, ``№ 37604, № 37778``), or before the act's name in Kazakh
#: (``№ 403 бұйрығы``).
_MONTHS_RU = r"(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)"
ACT_CONTEXT = re.compile(
    r"(?:\d{2}\.\d{2}\.\d{4}(?:\s*(?:г\.?|года|жылғы))?|\d{1,2}\s+" + _MONTHS_RU + r"(?:\s+\d{4}\s*(?:г\.?|года)?)?"
    r"|\d{1,2}\s+[\u0400-\u04FF]+(?:дағы|дегі|тағы|тегі|да|де|та|те)|жылғы"
    r"|приказ\w*|закон\w*|постановлени\w*|решени\w*|соглашени\w*|рег\.|МЮ|НҚ|НМ|ӘМ|тіркеу|бұйрық\w*|заң\w*"
    r"|order|act|law|decree|registered|/|№\s*[\w/.-]+\s*(?:,|и|және|and)|от)\s*$",
    re.IGNORECASE,
)
ACT_AFTER = re.compile(
    r"^(?:[\w/.-]*)\s*(?:от\s+|of\s+)?(?:\d{2}\.\d{2}\.\d{4}|\d{1,2}\s+" + _MONTHS_RU + r")"
    r"|^(?:[\w/.-]*)\s+(?:бұйрығ\w*|бұйрық\w*|қаулы\w*|заң\w*|шешім\w*|қосымша\w*|тіркелген\w*|бірлескен)",
    re.IGNORECASE,
)


def _twelve_hour_markers() -> re.Pattern:
    markers = {"a.m.", "p.m."}
    short = {"AM", "PM"}
    for language in ("kk", "ru"):
        for path in DJANGO_ROOT.glob(f"conf/locale/{language}/LC_MESSAGES/django.po"):
            for msgid, msgstr in read_po(path):
                if msgid in ("a.m.", "p.m.") and msgstr:
                    markers.add(msgstr)
                if msgid in ("AM", "PM") and msgstr:
                    short.add(msgstr)
    alternatives = "|".join(re.escape(m) for m in sorted(markers, key=len, reverse=True))
    shorts = "|".join(re.escape(m) for m in sorted(short | markers, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})|\d{{1,2}}:\d{{2}}\s*(?:{shorts})(?!\w)")


@dataclass(frozen=True)
class Finding:
    role: str
    language: str
    page: str  # view name (or path)
    url: str
    kind: str
    text: str  # what was seen
    where: str = ""  # element / column


class Detectors:
    """The text detectors (a)–(d).

    ``business_numbers``: the numbers people know objects by, per kind (``right``, ``agreement``,
    ``payment``, ``case``); ``latin_names``: names that are written in Latin letters in Kazakh and
    Russian too (a foreign organisation's name), which (c) leaves alone.
    """

    def __init__(self, catalogs: Catalogs, business_numbers: dict[str, set[str]], latin_names: set[str] = frozenset(), english_names: set[str] = frozenset(), recorded: set[str] = frozenset()):
        self.catalogs = catalogs
        self.business_numbers = {kind: {_plain(n) for n in numbers if n} for kind, numbers in business_numbers.items()}
        self.any_number = set().union(*self.business_numbers.values()) if self.business_numbers else set()
        self.latin_names = sorted({n.strip() for n in latin_names if n and n.strip()}, key=len, reverse=True)
        self.english_names = sorted({n.strip() for n in english_names if n and len(n.strip()) > 3} - set(self.latin_names), key=len, reverse=True)
        self.endonyms = {name for _code, name in settings.LANGUAGES}
        self.recorded = [r.lower() for r in recorded if r and LATIN_WORD.search(r)]
        self.twelve_hour = _twelve_hour_markers()

    def _business(self, number: str, kind: str | None = "any") -> bool:
        numbers = self.any_number if kind == "any" else self.business_numbers.get(kind, set())
        return _plain(number) in numbers

    def check(self, text: str, language: str, *, exempt: str = "", other_language: bool = False) -> list[tuple[str, str]]:
        """(kind, excerpt) of every problem in one visible text."""
        if exempt:
            return []
        found: list[tuple[str, str]] = []
        clean = EXEMPT_TOKENS.sub(" ", text)
        for m in HASH_ID.finditer(clean):
            found.append(("db-id", _around(clean, m)))
        for m in NUMERO.finditer(clean):
            number = m.group(1).rstrip(".,-/")
            if not number.isdigit() or self._business(number):
                continue
            if ACT_CONTEXT.search(clean[max(0, m.start() - 40):m.start()]) or ACT_AFTER.match(clean[m.end():]):
                continue  # the number of a legal act or a document, given with its date or name
            found.append(("db-id", _around(clean, m)))
        for m in MODEL_LABEL.finditer(clean):
            found.append(("db-id", _around(clean, m)))
        for m in ID_WORD.finditer(clean):
            found.append(("db-id", _around(clean, m)))
        for m in ENTITY.finditer(clean):
            kind = next((k for k in ("right", "agreement", "payment", "case") if m.group(k)), None)
            numbers = re.findall(r"\d+", m.group("numbers"))
            if any(not (len(n) == 4 and n[:2] in ("19", "20")) and not self._business(n, kind) for n in numbers):  # a year is no id
                found.append(("db-id", _around(clean, m)))
        for m in SNAKE.finditer(clean):
            found.append(("raw-key", m.group(0)))
        for m in DOTTED.finditer(clean):
            found.append(("raw-key", m.group(0)))
        for m in US_DATE.finditer(clean):
            found.append(("date", _around(clean, m)))
        for m in self.twelve_hour.finditer(clean):
            found.append(("date", _around(clean, m)))
        for m in ISO_DATE.finditer(clean):
            found.append(("date", _around(clean, m)))
        if language in ("kk", "ru") and not other_language:
            found += [("english", run) for run in self._english_runs(clean, language)]
        return found

    def _recorded(self, run: str) -> bool:
        """Text as a person recorded it (a payment's purpose, an agreement's subject, a project's title),
        whole or as the comma-separated words quoted from it."""
        return all(_recorded_in(part, self.recorded) for part in run.split(","))

    def _english_runs(self, text: str, language: str) -> list[str]:
        if text.strip() in self.endonyms:  # a language named by its own name, as the language switch does
            return []
        runs = []
        for name in self.english_names:  # a name shown as English reads it, not as the page's language does
            if name in text:
                runs.append(name)
                text = text.replace(name, " ")
        for name in self.latin_names:
            if name in text:
                text = text.replace(name, " ")
        # Latin-script runs: text between Cyrillic letters, with at least one Latin letter.
        for run in re.split(r"[\u0400-\u04FF«»]+[\u0400-\u04FF\w«»-]*", text):
            run = run.strip(" ,;:()[]«»\"'—–-.")
            if not LATIN_WORD.search(run):
                continue
            if self.catalogs.untranslated(run, language):
                runs.append(run)
                continue
            if self._recorded(run):
                continue
            parts = [p.strip(" .") for p in re.split(r"[,;()]", run)]
            # "Astana Hub", "AgriTech", "KING": names and codes; what is left is checked for English words.
            rest = " ".join(p for p in parts if p and not (TITLE_CASE_NAME.fullmatch(p) or CAMEL_CASE.fullmatch(p) or p.isupper()))
            words = self.catalogs.english_words(rest, language)
            if words:
                runs.append(run if len(run) <= 160 else run[:157] + "…")
        return runs


#: Two or more capitalised words (small joining words allowed between them): a name, as "Astana Hub".
TITLE_CASE_NAME = re.compile(r"[A-Z][\w.&'-]*(?:\s+(?:(?:and|of|the|for|de|von|und|&)\s+)*[A-Z0-9][\w.&'-]*)+")


#: One word with a capital inside it: a brand or programme name ("AgriTech", "KazMunayGas").
CAMEL_CASE = re.compile(r"[A-Z][a-z]+(?:[A-Z][a-z]*)+")


def _plain(number: str) -> str:
    """A number as compared: stripped, without leading zeros (``000465`` is ``465``)."""
    number = number.strip().rstrip(".,")
    return number.lstrip("0") or number


def _recorded_in(part: str, recorded: list[str]) -> bool:
    part = part.strip().lower()
    return len(part) >= 3 and any(part in r for r in recorded)


def _around(text: str, m: re.Match, width: int = 40) -> str:
    start, end = max(0, m.start() - width), min(len(text), m.end() + width)
    return ("…" if start else "") + text[start:end].strip() + ("…" if end < len(text) else "")


# --------------------------------------------------------------------------------------------
# The browser side

TEXTS_JS = r"""
() => {
  const EXEMPT = 'code, kbd, samp, pre, .code, .font-monospace, [translate="no"], .navbar-brand, .user-name, '
    + '.field-username, .field-user_agent, .field-ip_address, .field-path_info, .field-http_accept, '
    + '#changelist-search img, input.action-select';
  for (const d of document.querySelectorAll('details')) d.open = true;
  const headerOf = (el) => {
    const cell = el.closest('td, th');
    if (!cell) return '';
    const table = cell.closest('table');
    const row = cell.parentElement;
    const index = [...row.children].indexOf(cell);
    const head = table && table.querySelector('thead tr');
    const th = head && head.children[index];
    return th && th !== cell ? th.innerText.trim().slice(0, 40) : '';
  };
  const describe = (el) => {
    let d = el.tagName.toLowerCase();
    if (el.classList.length) d += '.' + [...el.classList].slice(0, 2).join('.');
    const h = headerOf(el);
    return h ? d + ' [' + h + ']' : d;
  };
  const pageLang = document.documentElement.lang;
  // A code in capitals shown small beside a name ("BUDGET2026_COSTS" under the regime's name).
  const smallCode = (el) => {
    const small = el.closest('small, .small, .muted, .text-muted');
    return small && /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(small.innerText.trim()) ? describe(small) + ' (a code small beside a name)' : '';
  };
  const info = (el) => {
    const ex = el.closest(EXEMPT) || null;
    if (!ex) {
      const code = smallCode(el);
      if (code) return {exempt: code, other: false, where: describe(el)};
    }
    const langEl = el.closest('[lang]');
    return {exempt: ex ? describe(ex) : '', other: !!(langEl && langEl.getAttribute('lang') !== pageLang), where: describe(el)};
  };
  const visible = (el) => {
    const opt = el.closest('option, optgroup');
    const target = opt ? opt.closest('select, datalist') : el;
    if (!target) return false;
    return target.checkVisibility ? target.checkVisibility({visibilityProperty: true}) : !!target.getClientRects().length;
  };
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let n;
  while ((n = walker.nextNode())) {
    const t = n.nodeValue.replace(/\s+/g, ' ').trim();
    const el = n.parentElement;
    if (!t || !el || el.closest('script, style, noscript, template')) continue;
    if (!visible(el)) continue;
    out.push({t, ...info(el)});
  }
  for (const el of document.querySelectorAll('[title], [placeholder], [aria-label], img[alt], input[type=submit][value], input[type=button][value]')) {
    if (!visible(el)) continue;
    for (const a of ['title', 'placeholder', 'aria-label', 'alt', 'value']) {
      if (a === 'value' && el.tagName !== 'INPUT') continue;
      const v = el.getAttribute(a);
      if (v && v.trim()) out.push({t: v.trim(), ...info(el), where: describe(el) + '@' + a});
    }
  }
  out.push({t: document.title, exempt: '', other: false, where: 'window title'});
  return out;
}
"""

LINKS_JS = r"""
() => [...document.querySelectorAll('a[href]')].map(a => ({
  href: a.href, text: (a.innerText || a.getAttribute('aria-label') || '').trim().slice(0, 60),
  menu: !!a.closest('nav.navbar, .navbar-nav, .nav-tabs, .nav-pills, .dropdown-menu, .control-tabs'),
  inMain: !!a.closest('main'), download: a.hasAttribute('download'),
  firstRow: !!a.closest('tbody tr:first-child'), inTable: !!a.closest('table'),
}))
"""

SCROLL_JS = r"""
() => {
  const out = [];
  const doc = document.documentElement;
  if (doc.scrollWidth > window.innerWidth) out.push('the page scrolls sideways: ' + doc.scrollWidth + ' px wide in a ' + window.innerWidth + ' px window');
  for (const el of document.querySelectorAll('main *')) {
    if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) {
      const style = getComputedStyle(el);
      if (!['auto', 'scroll'].includes(style.overflowX)) continue;
      const head = el.querySelector('thead tr');
      const what = head ? 'table (' + [...head.children].map(c => c.innerText.trim()).filter(Boolean).slice(0, 12).join(' | ') + ')' : el.tagName.toLowerCase() + '.' + [...el.classList].join('.');
      out.push('a ' + what + ' scrolls sideways: ' + el.scrollWidth + ' px of content in ' + el.clientWidth + ' px');
    }
  }
  return out;
}
"""

#: Pages whose key columns must be visible without scrolling at 1366×768 (e).
NO_SCROLL_VIEWS = {"home", "obligations:dashboard", "obligations:holder-detail", "obligations:right-detail"}


def view_name(path: str) -> str | None:
    try:
        return resolve(urlsplit(path).path).view_name
    except Resolver404:
        return None


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "landing"


@dataclass
class Walk:
    """One signed-in user in one language: the menu, one level of links, every detector."""

    browser: object
    base: str
    username: str
    password: str
    role: str
    language: str
    detectors: Detectors
    screenshots: Path
    link_cache: dict  # url -> (status, content type, final path); shared by a role's languages
    follow: int = 6  # detail links followed from each menu page
    links_per_view: int = 2  # distinct URLs of one view checked from each page
    links_per_view_in_walk: int = 6  # and over a role's walk in all languages
    findings: list = field(default_factory=list)
    visited: list = field(default_factory=list)
    timings: dict = field(default_factory=dict)
    _cdp: dict = field(default_factory=dict)

    def add(self, page: str, url: str, kind: str, text: str, where: str = "") -> None:
        self.findings.append(Finding(self.role, self.language, page, url, kind, text, where))

    def run(self) -> list[Finding]:
        started = time.perf_counter()
        context = self.browser.new_context(viewport={"width": 1366, "height": 768}, locale={"kk": "kk-KZ", "ru": "ru-RU", "en": "en-US"}[self.language])
        page = context.new_page()
        page.set_default_timeout(20_000)
        self.current = {"page": "login", "url": ""}
        page.on("console", lambda msg: msg.type == "error" and self.add(self.current["page"], self.current["url"], "console", msg.text[:300]))
        page.on("pageerror", lambda err: self.add(self.current["page"], self.current["url"], "console", f"script error: {err}"[:300]))
        page.on("requestfailed", lambda req: self._request_failed(req))
        page.on("response", lambda resp: self._response(resp))
        try:
            self._log_in(page)
            self._favicon(context)
            menu, seen_views = self._menu(page), set()
            queue = list(menu)
            done_menu = set()
            while queue:
                url = queue.pop(0)
                if url in done_menu:
                    continue
                done_menu.add(url)
                links = self._visit(page, context, url)
                seen_views.add(view_name(urlsplit(page.url).path))
                for link in links:  # the sub-menu (tabs) of a menu page is menu too
                    if link["menu"] and link["inMain"] and self._site(link["href"]) and link["href"] not in done_menu:
                        queue.append(link["href"])
                followed = 0
                for link in self._details(links, menu + queue):
                    name = view_name(urlsplit(link).path)
                    if name in seen_views or followed >= self.follow:
                        continue
                    seen_views.add(name)
                    followed += 1
                    self._visit(page, context, link)
        finally:
            context.close()
        self.timings["seconds"] = time.perf_counter() - started
        self.timings["pages"] = len(self.visited)
        self.timings["links checked"] = sum(1 for key in self.link_cache if key != "per view")
        return self.findings

    # -- steps

    def _log_in(self, page) -> None:
        page.goto(self.base + self._login_url())
        page.fill("#id_username", self.username)
        page.fill("#id_password", self.password)
        with page.expect_navigation():
            page.click("form.login button[type=submit]")
        button = page.query_selector(f".language-switch button[value={self.language}]")
        if button is not None and page.get_attribute("html", "lang") != self.language:
            with page.expect_navigation():
                button.click()
        assert page.get_attribute("html", "lang") == self.language, f"{self.username} could not switch to {self.language}"

    @staticmethod
    def _login_url() -> str:
        from django.urls import reverse

        return reverse("accounts:login")

    def _favicon(self, context) -> None:
        response = context.request.get(self.base + "/favicon.ico")
        if response.status >= 400:
            self.add("favicon", "/favicon.ico", "request", f"/favicon.ico answers {response.status}")

    def _menu(self, page) -> list[str]:
        links = page.evaluate(LINKS_JS)
        menu = [self.base + "/"]
        for link in links:
            if link["menu"] and not link["inMain"] and self._site(link["href"]):
                href = link["href"].split("#")[0]
                if href not in menu:
                    menu.append(href)
        return menu

    def _site(self, href: str) -> bool:
        return href.startswith(self.base + "/") and not href.startswith(self.base + "/static/")

    def _visit(self, page, context, url: str) -> list[dict]:
        path = urlsplit(url).path
        name = view_name(path) or path
        self.current = {"page": name, "url": url[len(self.base):]}
        clock = time.perf_counter()
        response = page.goto(url)
        if page.query_selector("[hx-trigger], [hx-get]") is not None:  # fragments loaded after the page
            try:
                page.wait_for_load_state("networkidle", timeout=5_000)
            except Exception:  # a page that keeps polling: checked as it is
                pass
        clock = self._tick("open", clock)
        final = page.url[len(self.base):]
        name = view_name(urlsplit(page.url).path) or name
        self.current = {"page": name, "url": final}
        self.visited.append((name, final))
        if response is not None and response.status >= 400:
            self.add(name, final, "dead-link", f"the menu or a link led to {final}, which answers {response.status}")
        self.screenshots.mkdir(parents=True, exist_ok=True)
        shot = self.screenshots / f"{self.role}-{self.language}-{_slug(name.replace(':', '-'))}.png"
        self._screenshot(page, shot)
        clock = self._tick("screenshot", clock)
        if name in NO_SCROLL_VIEWS:
            for problem in page.evaluate(SCROLL_JS):
                self.add(name, final, "scroll", problem)
        seen = set()
        for item in page.evaluate(TEXTS_JS):
            for kind, text in self.detectors.check(item["t"], self.language, exempt=item["exempt"], other_language=item["other"]):
                key = (kind, text)
                if key not in seen:
                    seen.add(key)
                    self.add(name, final, kind, text, item["where"])
        clock = self._tick("text", clock)
        links = page.evaluate(LINKS_JS)
        self._check_links(context, name, final, links)
        self._tick("links", clock)
        return links

    def _screenshot(self, page, path: Path) -> None:
        """A full-page PNG. Chromium's own capture with its fast PNG encoding (about a third quicker than
        Playwright's ``full_page`` on long tables); Playwright's where the protocol is not at hand."""
        try:
            cdp = self._cdp.setdefault(id(page), page.context.new_cdp_session(page))
            size = cdp.send("Page.getLayoutMetrics")["cssContentSize"]
            clip = {"x": 0, "y": 0, "width": max(1, size["width"]), "height": max(1, size["height"]), "scale": 1}
            data = cdp.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True, "optimizeForSpeed": True, "clip": clip})["data"]
            path.write_bytes(base64.b64decode(data))
        except Exception:
            page.screenshot(path=str(path), full_page=True)

    def _tick(self, step: str, since: float) -> float:
        now = time.perf_counter()
        self.timings[step] = self.timings.get(step, 0.0) + now - since
        return now

    def _check_links(self, context, name: str, final: str, links: list[dict]) -> None:
        per_view = defaultdict(int)
        here = urlsplit(final).path
        for link in links:
            href = link["href"].split("#")[0]
            if not self._site(href):
                continue
            path = urlsplit(href).path
            # The page itself with another order, filter or page: one such link is checked; export links all.
            target = ("here", "export" in href) if path == here else view_name(path) or path
            if href not in self.link_cache:
                per_view[target] += 1
                if per_view[target] > (self.links_per_view if target != ("here", False) else 1):
                    continue
                budget = self.link_cache.setdefault("per view", defaultdict(int))  # over the role's whole walk
                if isinstance(target, str):
                    budget[target] += 1
                    if budget[target] > self.links_per_view_in_walk:
                        continue
                response = context.request.get(href, max_redirects=5)
                self.link_cache[href] = (response.status, response.headers.get("content-type", ""), urlsplit(response.url).path)
                response.dispose()
            if href not in self.link_cache:
                continue
            status, _type, landed = self.link_cache[href]
            if status in (403, 404) or status >= 500:
                self.add(name, final, "dead-link", f"«{link['text']}» → {href[len(self.base):]} answers {status}")
            elif landed.startswith(self._login_url()):
                self.add(name, final, "dead-link", f"«{link['text']}» → {href[len(self.base):]} sends to the login page")

    def _details(self, links: list[dict], menu: list[str]) -> list[str]:
        """Detail pages linked from the page's main part: the first row's links first, one per view."""
        candidates = [l for l in links if l["inMain"] and not l["menu"] and not l["download"] and self._site(l["href"])]
        candidates.sort(key=lambda l: (not l["firstRow"], not l["inTable"]))
        out, views = [], set()
        menu_paths = {urlsplit(m).path for m in menu}
        for link in candidates:
            href = link["href"].split("#")[0]
            parts = urlsplit(href)
            if parts.path in menu_paths or "export=" in parts.query:
                continue
            status, content_type, _landed = self.link_cache.get(href, (None, "", ""))
            if status != 200 or "text/html" not in content_type:
                continue
            name = view_name(parts.path)
            if name is None or name in views:
                continue
            views.add(name)
            out.append(href)
        return out

    def _request_failed(self, request) -> None:
        if request.url.startswith(self.base):
            failure = request.failure or ""
            if "ERR_ABORTED" in failure:  # a navigation or download cancelled by the next one
                return
            self.add(self.current["page"], self.current["url"], "request", f"{request.method} {request.url[len(self.base):]} failed: {failure}")

    def _response(self, response) -> None:
        if response.url.startswith(self.base) and response.status >= 400 and response.request.resource_type != "document":
            self.add(self.current["page"], self.current["url"], "request", f"{response.request.resource_type} {response.url[len(self.base):]} answers {response.status}")


# --------------------------------------------------------------------------------------------
# The report

KIND_TITLES = {
    "db-id": "(a) database id",
    "raw-key": "(b) raw key",
    "english": "(c) English on a kk/ru page",
    "date": "(d) date format",
    "scroll": "(e) horizontal scrolling at 1366×768",
    "dead-link": "(f) link answering 403, 404 or an error",
    "console": "(g) console error",
    "request": "(g) failed request",
}


def report(findings: list[Finding], *, header: str = "") -> str:
    """Markdown: per page, per kind, each distinct text once with the roles and languages that saw it."""
    grouped: dict = defaultdict(lambda: defaultdict(lambda: defaultdict(set)))
    urls: dict = {}
    for f in findings:
        grouped[f.page][f.kind][(f.text, f.where)].add(f"{f.role}/{f.language}")
        urls.setdefault((f.page, f.kind, f.text), f.url)
    lines = [header] if header else []
    counts = defaultdict(int)
    for f in {(f.page, f.kind, f.text) for f in findings}:
        counts[f[1]] += 1
    lines.append("Distinct findings by kind: " + ", ".join(f"{KIND_TITLES.get(k, k)}: {n}" for k, n in sorted(counts.items())) + "\n")
    for page in sorted(grouped):
        lines.append(f"## {page}\n")
        for kind in sorted(grouped[page], key=lambda k: list(KIND_TITLES).index(k) if k in KIND_TITLES else 99):
            lines.append(f"### {KIND_TITLES.get(kind, kind)}\n")
            for (text, where), who in sorted(grouped[page][kind].items()):
                url = urls[(page, kind, text)]
                place = f" — in `{where}`" if where else ""
                lines.append(f"- «{text}»{place} — {', '.join(sorted(who))} — `{url}`")
            lines.append("")
    return "\n".join(lines)
