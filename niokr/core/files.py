"""Files kept under their SHA-256 in the data directory: what was sent is never lost nor half-written.

Reports a company submits (``DATA_DIR/submissions``) and the attachments of audit-case answers
(``DATA_DIR/case-files``) are kept by content: the file name is the SHA-256 of the bytes, so the same
content is kept once, and a stored file can be checked against the hash its record carries. A file
is written under a temporary name in the same folder and renamed into place (an atomic rename):
a crash leaves no file under a final name with less than all of its bytes.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path

from django.conf import settings

__all__ = ["sha256_of", "keep_file", "kept_path"]

#: Bytes read at a time from a file on disk.
_CHUNK = 1 << 22


def _chunks(source: bytes | Path | Iterable[bytes]) -> Iterator[bytes]:
    if isinstance(source, bytes | bytearray | memoryview):
        yield bytes(source)
    elif isinstance(source, Path):
        with source.open("rb") as stream:
            while chunk := stream.read(_CHUNK):
                yield chunk
    else:
        yield from source


def sha256_of(source: bytes | Path | Iterable[bytes]) -> str:
    """The SHA-256 (hex) of bytes, of a file on disk (read in chunks) or of a sequence of chunks."""
    digest = hashlib.sha256()
    for chunk in _chunks(source):
        digest.update(chunk)
    return digest.hexdigest()


def _store(folder: str) -> Path:
    return Path(settings.DATA_DIR) / folder


def kept_path(folder: str, digest: str) -> Path:
    """Where content with SHA-256 ``digest`` is kept in ``folder`` (whether or not it is there)."""
    return _store(folder) / digest


def keep_file(folder: str, source: bytes | Path | Iterable[bytes], *, digest: str | None = None) -> tuple[str, Path]:
    """Keep ``source`` as ``DATA_DIR/<folder>/<sha256>``; its SHA-256 and the path.

    ``source``: the bytes, a file on disk (copied in chunks, never held in memory whole) or an
    upload's chunks. Content already kept is left as it is; with ``digest`` (the SHA-256 the caller
    has just computed) content already kept under it is not even read again.
    """
    store = _store(folder)
    if digest is not None and (store / digest).is_file():
        return digest, store / digest
    store.mkdir(parents=True, exist_ok=True)
    partial = store / f".part-{os.getpid()}-{uuid.uuid4().hex}"
    hashed = hashlib.sha256()
    try:
        with partial.open("wb") as out:
            for chunk in _chunks(source):
                hashed.update(chunk)
                out.write(chunk)
        target = store / hashed.hexdigest()
        if not target.exists():
            os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return hashed.hexdigest(), target
