"""Read stage: paths -> the article files under them, their bytes read and hashed (`FileBytes`), later
decoded to text (`RawFile`), or a `ReadFailure`. The only stage that touches files.

Per-file problems (empty, binary, undecodable, too large, unreadable) are *terminal*: they become a
`ReadFailure` with a reason and the run goes on. Nothing here raises for a bad file.
"""

from __future__ import annotations

import errno
import gzip
import hashlib
import io
import os
import re
import stat
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from schemas import RawFile
from schemas.article import MediaType

MEDIA_TYPES: dict[str, MediaType] = {".txt": "text", ".md": "text", ".html": "html", ".htm": "html"}
GZIP_SUFFIX = ".gz"
# Share of control characters (other than whitespace) above which decoded text is called binary.
MAX_CONTROL_SHARE = 0.01
# charset-normalizer is slow on big inputs and only needs a sample to decide.
DETECTION_SAMPLE_BYTES = 256_000
# A Windows or ISO code page within this much "chaos" of a legacy Mac one is preferred to it.
DEMOTED_ENCODING_PREFIXES = ("mac_",)
MAX_EXTRA_CHAOS = 0.05
# Invalid UTF-8 is repaired (bytes replaced by U+FFFD, counted in `articles.invalid_bytes`) when at
# least this share of the file's non-ASCII characters are valid multi-byte UTF-8 (text in a single-byte code
# page has next to none: its accented letters and curly quotes are lone bytes, invalid in UTF-8).
MIN_VALID_SHARE_FOR_REPAIR = 0.5


@dataclass(frozen=True)
class ReadFailure:
    """A file that cannot become an article. `error_class` is a stable, queryable label."""

    source: str
    error_class: str
    message: str
    sha256: str | None = None
    size: int | None = None


@dataclass(frozen=True)
class FileBytes:
    """A file's raw bytes and their hash: enough to decide whether anything changed."""

    source: str
    data: bytes
    sha256: str

    @property
    def size(self) -> int:
        return len(self.data)


def batch_key(
    files: Sequence[FileBytes],
    max_bytes: int,
    known_junk: Mapping[str, frozenset[str]] | None,
    file_seconds: float | None,
    *,
    with_claims: bool = True,
) -> tuple[object, ...]:
    """What makes two transform calls the same work: the files by path and hash, and the settings.
    A batch done ahead (while Prefect starts) is handed over only for an equal key."""
    junk = tuple(sorted((site, tuple(sorted(lines))) for site, lines in (known_junk or {}).items()))
    return (tuple((f.source, f.sha256) for f in files), max_bytes, junk, with_claims, file_seconds or None)


def media_type_of(path: Path) -> MediaType | None:
    """The article format of a path by its suffixes (`a.html.gz` is html), or None if not an article."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == GZIP_SUFFIX:
        suffixes = suffixes[:-1]
    return MEDIA_TYPES.get(suffixes[-1]) if suffixes else None


def resolve_source(path: str | os.PathLike[str]) -> str:
    """The path a file is stored under: absolute and normalised, its folder's symlinks resolved.

    `samples/articles/a.txt` from the repository and `repo/samples/articles/a.txt` from above it are
    one path. The file's own name is kept (a symlinked file is known by its link's name and suffix).
    """
    p = Path(os.path.abspath(path))
    return str(p.parent.resolve() / p.name)


def discover(paths: Iterable[str | os.PathLike[str]], *, resolve: bool = False) -> Iterator[str]:
    """Article files under `paths` in input order; folders recursively, sorted, hidden entries skipped.

    A path given explicitly is yielded even if its suffix is unknown (it will fail with a reason);
    inside folders only known article suffixes are taken. `resolve`: yield `resolve_source` paths
    (what the database stores), each file once even if two inputs reach it.
    """
    seen: set[str] = set()
    for found in _discover(paths):
        if resolve:
            found = resolve_source(found)
            if found in seen:
                continue
            seen.add(found)
        yield found


def _discover(paths: Iterable[str | os.PathLike[str]]) -> Iterator[str]:
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    child = Path(root) / name
                    if not name.startswith(".") and media_type_of(child):
                        yield str(child)
        else:
            yield str(path)


def read_bytes(source: str, *, max_bytes: int) -> FileBytes | ReadFailure:
    """Read and hash a file, refusing missing, non-regular, oversized and empty ones before decoding.

    The file is checked to be a regular file before it is opened (a FIFO would block forever, a
    symlink to /dev/zero would read forever), opened without blocking and checked again, and read
    to at most `max_bytes + 1` bytes: the size limit holds while reading, whatever `stat` said.
    """
    path = Path(source)
    if media_type_of(path) is None:
        return ReadFailure(source, "unsupported_type", "not a .txt, .md, .html or .htm file (optionally .gz)")
    try:
        before = os.stat(source)
        if not stat.S_ISREG(before.st_mode):
            return _not_regular(source, before.st_mode)
        if before.st_size > max_bytes:
            return _too_large(source, before.st_size, max_bytes)
        fd = os.open(source, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(fd, "rb") as fh:
            opened = os.fstat(fh.fileno())
            if not stat.S_ISREG(opened.st_mode):  # swapped for something else since the stat
                return _not_regular(source, opened.st_mode)
            data = fh.read(max_bytes + 1)
            after = os.fstat(fh.fileno())
    except FileNotFoundError:
        return ReadFailure(source, "not_found", "no such file")
    except IsADirectoryError:
        return ReadFailure(source, "not_regular_file", "is a directory")
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return ReadFailure(source, "symlink_loop", "a symbolic link that points back to itself (a loop)")
        return ReadFailure(source, "unreadable", f"{type(exc).__name__}: {exc.strerror or exc}")
    if len(data) > max_bytes:
        return _too_large(source, len(data), max_bytes, "while reading")
    digest = hashlib.sha256(data).hexdigest()
    if after.st_size != len(data) or after.st_mtime_ns != opened.st_mtime_ns:
        return ReadFailure(
            source,
            "changed_while_read",
            f"the file changed while it was read ({len(data)} bytes read, {after.st_size} now): "
            "it is read again next run",
            sha256=digest,
            size=len(data),
        )
    if not data.strip():
        return ReadFailure(source, "empty", "the file is empty", sha256=digest, size=len(data))
    return FileBytes(source, data, digest)


def _not_regular(source: str, mode: int) -> ReadFailure:
    kind = next((name for test, name in _FILE_KINDS if test(mode)), "not a regular file")
    return ReadFailure(source, "not_regular_file", f"{kind}: only regular files are read")


_FILE_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a directory"),
)


def _too_large(source: str, size: int, max_bytes: int, when: str = "") -> ReadFailure:
    over = f"over {max_bytes} bytes {when}" if when else f"{size} bytes, over the limit of {max_bytes}"
    return ReadFailure(source, "too_large", f"{over} (CLAIMS_ETL_MAX_FILE_BYTES)", size=size)


def decode(file: FileBytes, *, max_bytes: int) -> RawFile | ReadFailure:
    """Decompress (for `.gz`) and decode: UTF-8 first, else the encoding charset-normalizer detects."""

    def fail(error_class: str, message: str) -> ReadFailure:
        return ReadFailure(file.source, error_class, message, sha256=file.sha256, size=file.size)

    media_type = media_type_of(Path(file.source))
    assert media_type is not None  # read_bytes refused the others
    data = file.data
    if file.source.lower().endswith(GZIP_SUFFIX):
        try:
            data = _gunzip(data, max_bytes)
        except (OSError, EOFError, zlib.error) as exc:
            return fail("bad_gzip", f"cannot decompress: {exc}")
        except ValueError as exc:
            return fail("too_large", str(exc))
        if not data.strip():
            return fail("empty", "the file is empty after decompression")
    if b"\x00" in data[:8192] and not _looks_utf16(data):
        return fail("binary", "contains NUL bytes: not a text file")
    text, encoding, invalid_bytes = _decode_text(data)
    if text is None:
        return fail("undecodable", "not UTF-8 and no text encoding could be detected")
    if _control_share(text) > MAX_CONTROL_SHARE:
        return fail("binary", f"decoded as {encoding} but is mostly control characters: not a text file")
    if not text.strip():
        return fail("empty", "no text after decoding")
    return RawFile(
        source=file.source,
        sha256=file.sha256,
        size=file.size,
        media_type=media_type,
        content=text,
        encoding=encoding,
        invalid_bytes=invalid_bytes,
    )


def read_file(source: str, *, max_bytes: int) -> RawFile | ReadFailure:
    """`read_bytes` then `decode`: for callers that do not need the change check in between."""
    got = read_bytes(source, max_bytes=max_bytes)
    return got if isinstance(got, ReadFailure) else decode(got, max_bytes=max_bytes)


def _gunzip(data: bytes, max_bytes: int) -> bytes:
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
        out = fh.read(max_bytes + 1)
    if len(out) > max_bytes:
        raise ValueError(f"over {max_bytes} bytes after decompression")
    return out


def _looks_utf16(data: bytes) -> bool:
    return data[:2] in (b"\xff\xfe", b"\xfe\xff")


def _decode_text(data: bytes) -> tuple[str | None, str, int]:
    """(text, encoding, invalid bytes replaced): UTF-8, repaired UTF-8, or the detected code page."""
    try:
        return data.decode("utf-8-sig"), "utf-8", 0
    except UnicodeDecodeError:
        pass
    repaired = _repaired_utf8(data)
    if repaired is not None:
        return repaired[0], "utf-8", repaired[1]
    best = _best_guess(data[:DETECTION_SAMPLE_BYTES])
    if best is None:
        return None, "", 0
    try:
        return data.decode(best), best, 0
    except (UnicodeDecodeError, LookupError):
        return None, "", 0


def _repaired_utf8(data: bytes) -> tuple[str, int] | None:
    """(text, invalid bytes) when `data` is UTF-8 with a few bad bytes, else None.

    A stray invalid byte must not send a UTF-8 file to code-page guessing, which turns every curly
    quote into mojibake. UTF-8 it is when its non-ASCII text is mostly valid multi-byte sequences
    (a cp1252 or Latin-1 file has almost none: its non-ASCII bytes are single, invalid in UTF-8).
    """
    escaped = data.decode("utf-8-sig", errors="surrogateescape")  # each invalid byte -> one lone surrogate
    invalid = len(_ESCAPED_BYTE.findall(escaped))
    valid_multibyte = sum(1 for ch in escaped if ord(ch) > 0x7F) - invalid
    if invalid and valid_multibyte >= MIN_VALID_SHARE_FOR_REPAIR * (valid_multibyte + invalid):
        return _ESCAPED_BYTE.sub("\ufffd", escaped), invalid
    return None


_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")


def _best_guess(sample: bytes) -> str | None:
    """charset-normalizer's ranking, except that legacy Mac code pages (rare in web text) lose ties."""
    matches = [m for m in from_bytes(sample) if m.encoding]
    if not matches:
        return None
    top = matches[0]
    for match in matches:
        if match.chaos > top.chaos + MAX_EXTRA_CHAOS:
            break
        if not match.encoding.startswith(DEMOTED_ENCODING_PREFIXES):
            return str(match.encoding)
    return str(top.encoding)


def _control_share(text: str) -> float:
    sample = text[:20_000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    return controls / max(1, len(sample))
