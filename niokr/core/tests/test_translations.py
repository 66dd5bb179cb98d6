"""The interface exists in Kazakh, Russian and English: the catalogs are complete and current.

* Every translatable string in the code and templates is in each catalog (a fresh
  ``makemessages`` run finds nothing the committed catalogs lack).
* Every entry of every catalog has a translation, none is fuzzy, and placeholders match.
* The compiled ``.mo`` files are those of the ``.po`` files.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import string
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

LOCALE = Path(settings.BASE_DIR) / "niokr" / "locale"
LANGUAGES = [code for code, _ in settings.LANGUAGES]
pytestmark = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext (msgfmt) is not installed")


def _entries(po: Path) -> list[dict]:
    """(msgid, msgid_plural, msgstrs, flags) of each entry of a .po file; a small reader for tests."""
    entries, current, key = [], None, None
    for line in po.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if current and current.get("msgid") is not None:
                entries.append(current)
            current, key = None, None
            continue
        current = current or {"flags": "", "msgstr": {}}
        if line.startswith("#,"):
            current["flags"] += line
        elif line.startswith("#~"):
            current["obsolete"] = True
        elif line.startswith("#"):
            continue
        elif m := re.match(r'(msgid|msgid_plural|msgctxt|msgstr(?:\[(\d+)\])?) "(.*)"$', line):
            field, index, text = m.group(1), m.group(2), m.group(3)
            key = ("msgstr", index or "0") if field.startswith("msgstr") else (field, None)
            if key[0] == "msgstr":
                current["msgstr"][key[1]] = text
            else:
                current[field] = text
        elif line.startswith('"') and key is not None:
            text = line[1:-1]
            if key[0] == "msgstr":
                current["msgstr"][key[1]] += text
            else:
                current[key[0]] += text
    return [e for e in entries if not e.get("obsolete")]


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> Path:
    """Catalogs extracted now from the code, into a copy of the locale folder.

    makemessages writes to the ``locale`` folder of the directory it scans, so it scans a copy of
    the package without one (the repository's catalogs are never written by a test), as `make
    messages` runs it: from inside the package.
    """
    work = tmp_path_factory.mktemp("messages")
    target = work / "locale"
    shutil.copytree(LOCALE, target)
    source = work / LOCALE.parent.name
    shutil.copytree(LOCALE.parent, source, ignore=shutil.ignore_patterns("locale", "__pycache__", "*.pyc"))
    original, cwd = settings.LOCALE_PATHS, os.getcwd()
    settings.LOCALE_PATHS = [target]
    os.chdir(source)
    try:
        call_command("makemessages", locale=LANGUAGES, domain="django", verbosity=0, no_obsolete=True, ignore_patterns=["tests/*", "web_tests/*"])
    finally:
        settings.LOCALE_PATHS = original
        os.chdir(cwd)
    return target


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_of_the_code_is_in_the_catalog(language, fresh):
    committed = {(e.get("msgctxt"), e["msgid"]) for e in _entries(LOCALE / language / "LC_MESSAGES" / "django.po")}
    current = {(e.get("msgctxt"), e["msgid"]) for e in _entries(fresh / language / "LC_MESSAGES" / "django.po")}
    missing = sorted(m for _c, m in current - committed if m)
    assert not missing, f"{len(missing)} strings not in the {language} catalog (run `make messages`): {missing[:20]}"


_PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")


def _placeholders_of(text: str, language: str | None = None) -> list[str]:
    """The placeholders of a catalog text (``language``: of a translation into it). ``{en}`` of a
    msgid (a value given in each language, as the intake's column headers) may be named by the
    translation's own language: ``{kk}`` in Kazakh, ``{ru}`` in Russian."""
    own = {"{en}"} if language is None else {"{en}", "{%s}" % language}
    return sorted("{language}" if p in own else p for p in _PLACEHOLDER.findall(text))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_entry_is_translated_and_keeps_its_placeholders(language):
    problems = []
    for entry in _entries(LOCALE / language / "LC_MESSAGES" / "django.po"):
        if not entry["msgid"]:
            continue
        if "fuzzy" in entry["flags"]:
            problems.append(f"fuzzy: {entry['msgid']!r}")
        source = set(_placeholders_of(entry["msgid"] + entry.get("msgid_plural", "")))
        for text in entry["msgstr"].values():
            if not text:
                problems.append(f"untranslated: {entry['msgid']!r}")
            elif entry.get("msgid_plural") and not set(_placeholders_of(text, language)) <= source:
                problems.append(f"unknown placeholder: {entry['msgid']!r} → {text!r}")
            elif not entry.get("msgid_plural") and _placeholders_of(text, language) != _placeholders_of(entry["msgid"]):
                problems.append(f"placeholders differ: {entry['msgid']!r} → {text!r}")
    assert not problems, f"{len(problems)} problems in the {language} catalog: {problems[:20]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalog_is_current(language, tmp_path):
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    mo = po.with_suffix(".mo")
    subprocess.run(["msgfmt", "--check-format", "-o", str(tmp_path / "django.mo"), str(po)], check=True)
    assert mo.read_bytes() == (tmp_path / "django.mo").read_bytes(), "run `make messages` to compile the catalogs"


# ------------------------------------------------------------------------------------------------
# Text that reaches a page from Python data, not from the catalogs: the indicator catalogue, the
# evidence keys, the obligation reasons, the reference labels, the regime catalogue, the run phases.
# Each kk and ru text must be in its language: Cyrillic (a code such as ``KZT`` or ``NK-07`` may
# stay as it is), no lowercase English word, the English text's placeholders, and no reference to
# the project's own documents ("(DOMAIN §4.3)").

_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_ENGLISH_WORD = re.compile(r"(?<![\w/.@-])[a-z]{4,}(?![\w/.@-])")
_INTERNAL_DOC = re.compile(r"\b(?:DOMAIN|DESIGN|STYLE|ADR)\b\s*§?|§\s*\d+(?:\.\d+)*\b.*\b(?:DOMAIN|DESIGN)\b|docs/|\w+\.md\b")
_DATA_PLACEHOLDER = re.compile(r"\{(\w*)(?:[:!][^}]*)?\}|%\((\w+)\)[sdf]")
#: Latin words a kk or ru text may hold: names of things that have no other name.
_LATIN_NAMES = frozenset()
#: Whole texts that are names written in Latin in every language: the citation databases.
_PROPER_NAMES = frozenset({"Scopus", "Web of Science"})


def _placeholders(text: str) -> set[str]:
    """The placeholders of a text; ``{right_kk}`` and ``{right_en}`` are the same (a value per language)."""
    return {re.sub(r"_(?:kk|ru|en)$", "", a or b) for a, b in _DATA_PLACEHOLDER.findall(text)}


def _text_problems(where: str, texts: dict) -> list[str]:
    """What is wrong with one trilingual text (``{"kk": …, "ru": …, "en": …}``)."""
    problems = []
    en = texts.get("en") or ""
    for language in ("kk", "ru"):
        text = texts.get(language)
        if not isinstance(text, str):
            problems.append(f"{where}: no {language} text")
            continue
        if not text.strip():
            problems.append(f"{where}: the {language} text is empty")
            continue
        if not _CYRILLIC.search(text) and re.search(r"[a-z]", text) and not (text in _PROPER_NAMES and text == en):
            problems.append(f"{where}: the {language} text is not in {language}: {text!r}")
            continue
        english = [w for w in _ENGLISH_WORD.findall(_DATA_PLACEHOLDER.sub(" ", text)) if w not in _LATIN_NAMES]
        if english:
            problems.append(f"{where}: English words {english} in the {language} text {text[:120]!r}")
        if en and _placeholders(text) != _placeholders(en):
            problems.append(f"{where}: the {language} text's placeholders differ from the English: {text[:120]!r}")
    for language in ("kk", "ru", "en"):
        if isinstance(texts.get(language), str) and _INTERNAL_DOC.search(texts[language]):
            problems.append(f"{where}: the {language} text cites the project's documents: {texts[language][:160]!r}")
    return problems


def _assert_readable(items: list[tuple[str, dict]]) -> None:
    problems = [p for where, texts in items for p in _text_problems(where, texts)]
    assert not problems, f"{len(problems)} texts from Python data are not in the page's language:\n" + "\n".join(problems[:60])


def test_the_indicator_catalogue_is_written_in_each_language():
    """Titles, rationales, legal bases, explanations and every threshold's description."""
    from niokr.control.indicators import catalogue

    items = []
    for indicator in catalogue():
        for part in ("title", "rationale", "legal_basis", "explanation"):
            items.append((f"{indicator.code} {part}", dict(getattr(indicator, part))))
        for threshold in indicator.thresholds:
            description = threshold.description if not isinstance(threshold.description, str) else {"en": threshold.description}
            items.append((f"{indicator.code} threshold {threshold.name}", dict(description)))
    assert len(items) > 80
    _assert_readable(items)


def test_every_evidence_key_and_threshold_name_has_a_label_in_each_language():
    """The flag page shows evidence keys and thresholds by their label, never as ``payer_bin``."""
    from niokr.control.indicators import catalogue
    from niokr.control.indicators.keys import KEYS, key_of

    items = [(f"evidence key {name}", dict(key.label)) for name, key in KEYS.items()]
    _assert_readable(items)
    unlabelled = sorted({t.name for i in catalogue() for t in i.thresholds if key_of(t.name) is None})
    assert not unlabelled, f"thresholds without a label in keys.KEYS: {unlabelled}"
    fields = set()
    for indicator in catalogue():
        for _text, name, _spec, _conv in string.Formatter().parse(indicator.explanation["en"]):
            if name:
                fields.add(name)
    unlabelled = sorted(f for f in fields if key_of(f) is None)
    assert not unlabelled, f"evidence keys of the explanations without a label in keys.KEYS: {unlabelled}"


def test_the_obligation_reasons_are_written_in_each_language():
    """The reason codes of the engine and the ineligibility codes, as the right page explains them."""
    from niokr.obligations.reasons import INELIGIBLE, TEMPLATES

    items = [(f"reason {code}", texts) for code, texts in TEMPLATES.items()]
    items += [(f"ineligible {code}", texts) for code, texts in INELIGIBLE.items()]
    _assert_readable(items)


def test_the_reference_labels_are_written_in_each_language():
    """Every choice label (they come from core.reference), the KBK, TRL levels and regions."""
    from niokr.core import reference

    items = []
    for enum in reference.LABELS:
        for value, text in reference.LABELS[enum].items():
            items.append((f"{enum}.{value}", {"kk": text.kk, "ru": text.ru, "en": text.en}))
    for code, info in reference.KBK.items():
        for attr, value in vars(info).items():
            if isinstance(value, reference.Label):
                items.append((f"KBK {code} {attr}", {"kk": value.kk, "ru": value.ru, "en": value.en}))
    for level, text in reference.TRL_LEVELS.items():
        items.append((f"TRL {level}", {"kk": text.kk, "ru": text.ru, "en": text.en}))
    _assert_readable(items)


def test_every_choice_of_every_app_reads_in_each_language():
    """A model's choices as forms, filters and ``get_FOO_display()`` show them, in kk and ru."""
    from django.apps import apps
    from django.utils import translation

    endonyms = dict(settings.LANGUAGES)  # a language is offered by its own name, in every language
    problems = []
    for model in apps.get_models():
        if not model.__module__.startswith("niokr."):
            continue
        for field_ in model._meta.get_fields():
            choices = getattr(field_, "flatchoices", None) or []
            if choices and all(str(label) == endonyms.get(value) for value, label in choices):
                continue
            for value, _label in choices:
                texts = {}
                for language in ("kk", "ru", "en"):
                    with translation.override(language):
                        texts[language] = str(dict(field_.flatchoices)[value])
                problems += _text_problems(f"{model._meta.label}.{field_.name}={value}", texts)
    assert not problems, "\n".join(problems[:60])


def test_the_regime_catalogue_is_written_in_each_language():
    """Each regime's short name and its open legal questions."""
    from niokr.obligations.catalogue import NAMES, NOTES, REGIMES

    items = [(f"regime name {code}", texts) for code, texts in NAMES.items()]
    items += [(f"regime notes {code} v{version}", texts) for (code, version), texts in NOTES.items()]
    for regime in REGIMES:
        for base in ("title", "legal_basis"):
            items.append((f"regime {regime['code']} {base}", {lang: regime.get(f"{base}_{lang}") for lang in ("kk", "ru", "en")}))
        assert regime["code"] in NAMES, f"regime {regime['code']} has no short name"
        assert (regime["code"], regime["version"]) in NOTES or not regime.get("gaps"), f"regime {regime['code']} v{regime['version']}: its open questions are English only"
    _assert_readable(items)


def test_the_control_run_phases_are_named_in_each_language():
    from django.utils import translation

    from niokr.control.tables import PHASES

    items = []
    for phase, name in PHASES.items():
        texts = {}
        for language in ("kk", "ru", "en"):
            with translation.override(language):
                texts[language] = str(name)
        items.append((f"run phase {phase}", texts))
    _assert_readable(items)


def _trilingual_literals(tree) -> list[tuple[int, dict]]:
    """Dict literals with the keys ``kk``, ``ru``, ``en`` (or ``<x>_kk``, ``<x>_ru``, ``<x>_en``) and the
    ``_l(kk, ru, en)`` / ``Label(kk, ru, en)`` / keys' ``_k(kind, en, ru, kk)`` calls of one module."""
    import ast

    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            keys = {k.value: v for k, v in zip(node.keys, node.values) if isinstance(k, ast.Constant) and isinstance(k.value, str)}
            prefixes = {k[:-3] for k in keys if k.endswith(("_kk", "_ru", "_en"))} | ({""} if {"kk", "ru", "en"} <= set(keys) else set())
            for prefix in prefixes:
                names = {lang: (f"{prefix}_{lang}" if prefix else lang) for lang in ("kk", "ru", "en")}
                if not all(n in keys for n in names.values()):
                    continue
                texts = {lang: _constant(keys[n]) for lang, n in names.items()}
                if all(isinstance(t, str) for t in texts.values()):
                    found.append((node.lineno, texts))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_l", "Label", "_k"):
            args = [_constant(a) for a in node.args]
            if node.func.id == "_k" and len(args) >= 4:
                en, ru, kk = args[1:4]
            elif node.func.id != "_k" and len(args) == 3:
                kk, ru, en = args
            else:
                continue
            if all(isinstance(t, str) for t in (kk, ru, en)):
                found.append((node.lineno, {"kk": kk, "ru": ru, "en": en}))
    return found


def _constant(node):
    """The string of a constant or of constants joined with ``+`` (None otherwise)."""
    import ast

    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _constant(node.left), _constant(node.right)
        return left + right if isinstance(left, str) and isinstance(right, str) else None
    return None


def test_every_trilingual_text_written_in_python_is_in_its_languages():
    """Any kk/ru/en text written in the code (a dict of the three, a ``Label``), wherever it is."""
    import ast

    package = Path(settings.BASE_DIR) / "niokr"
    items = []
    for path in sorted(package.rglob("*.py")):
        relative = path.relative_to(package.parent)
        if {"tests", "web_tests", "migrations"} & set(relative.parts):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        items += [(f"{relative}:{line}", texts) for line, texts in _trilingual_literals(tree)]
    assert len(items) > 300, f"only {len(items)} trilingual texts found in the code"
    _assert_readable(items)
