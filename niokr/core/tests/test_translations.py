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


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_entry_is_translated_and_keeps_its_placeholders(language):
    problems = []
    for entry in _entries(LOCALE / language / "LC_MESSAGES" / "django.po"):
        if not entry["msgid"]:
            continue
        if "fuzzy" in entry["flags"]:
            problems.append(f"fuzzy: {entry['msgid']!r}")
        source = set(_PLACEHOLDER.findall(entry["msgid"] + entry.get("msgid_plural", "")))
        for text in entry["msgstr"].values():
            if not text:
                problems.append(f"untranslated: {entry['msgid']!r}")
            elif entry.get("msgid_plural") and not set(_PLACEHOLDER.findall(text)) <= source:
                problems.append(f"unknown placeholder: {entry['msgid']!r} → {text!r}")
            elif not entry.get("msgid_plural") and sorted(_PLACEHOLDER.findall(text)) != sorted(_PLACEHOLDER.findall(entry["msgid"])):
                problems.append(f"placeholders differ: {entry['msgid']!r} → {text!r}")
    assert not problems, f"{len(problems)} problems in the {language} catalog: {problems[:20]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalog_is_current(language, tmp_path):
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    mo = po.with_suffix(".mo")
    subprocess.run(["msgfmt", "--check-format", "-o", str(tmp_path / "django.mo"), str(po)], check=True)
    assert mo.read_bytes() == (tmp_path / "django.mo").read_bytes(), "run `make messages` to compile the catalogs"
