"""Files kept by content: one name per content, the same from bytes, a path or chunks; never half-written."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given, settings as hsettings
from hypothesis import strategies as st

from niokr.core.files import keep_file, sha256_of


@pytest.fixture
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return tmp_path


def test_bytes_a_path_and_chunks_are_kept_under_the_same_name(data_dir, tmp_path):
    content = "Отчёт;Есеп\n".encode("cp1251", errors="replace") * 1000
    source = tmp_path / "report.csv"
    source.write_bytes(content)
    expected = hashlib.sha256(content).hexdigest()
    kept = [keep_file("store", content), keep_file("store", source), keep_file("store", (content[i : i + 7] for i in range(0, len(content), 7)))]
    assert {digest for digest, _path in kept} == {expected} == {sha256_of(content), sha256_of(source)}
    assert kept[0][1] == data_dir / "store" / expected and kept[0][1].read_bytes() == content
    assert sorted(p.name for p in (data_dir / "store").iterdir()) == [expected]


def test_content_already_kept_is_left_as_it_is(data_dir):
    digest, path = keep_file("store", b"first")
    before = path.stat().st_mtime_ns
    assert keep_file("store", b"first") == (digest, path)
    assert path.stat().st_mtime_ns == before


def test_a_known_digest_of_content_already_kept_reads_nothing(data_dir):
    digest, path = keep_file("store", b"kept")

    def unread():
        raise AssertionError("read again")
        yield b""

    assert keep_file("store", unread(), digest=digest) == (digest, path)


def test_a_stream_that_breaks_leaves_nothing_behind(data_dir):
    def broken():
        yield b"half of a report"
        raise OSError("connection reset")

    with pytest.raises(OSError):
        keep_file("store", broken())
    assert list((data_dir / "store").iterdir()) == []


@hsettings(max_examples=50, deadline=None)
@given(st.lists(st.binary(max_size=300), max_size=8))
def test_any_chunking_gives_the_hash_of_the_whole(chunks):
    assert sha256_of(chunks) == hashlib.sha256(b"".join(chunks)).hexdigest()
