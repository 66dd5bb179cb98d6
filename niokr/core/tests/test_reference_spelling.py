"""One spelling for each reference label: region labels begin with a capital letter in every
language (they stand alone in tables, filters and charts), Russian writes ё where the word has it,
and the regions created in 2022 carry their official names."""

from __future__ import annotations

import re

import pytest

from niokr.core.reference import LABELS, REGIONS


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_every_region_label_begins_with_a_capital(language):
    lower = {code: info.name.get(language) for code, info in REGIONS.items() if not info.name.get(language)[:1].isupper()}
    assert lower == {}


def test_the_regions_of_2022_have_their_official_names():
    assert (REGIONS["abai"].name.kk, REGIONS["abai"].name.ru, REGIONS["abai"].name.en) == ("Абай облысы", "Область Абай", "Abai region")
    assert REGIONS["zhetisu"].name.ru == "Область Жетісу" and REGIONS["ulytau"].name.ru == "Область Ұлытау"


def test_russian_labels_write_yo_in_solid_minerals():
    russian = [lbl.ru for labels in LABELS.values() for lbl in labels.values()]
    assert not [text for text in russian if re.search(r"[Тт]верд", text)]
    assert LABELS["core.MineralGroup"]["solid"].ru == "Твёрдые полезные ископаемые"
