"""Re-joining lines that a dump tool broke: fixed-width cuts, soft wraps and inline-link fragments."""

from __future__ import annotations

import re
from collections import Counter

from tasks.clean.furniture import AVATAR_RE, ICON_RE, is_junk_phrase
from tasks.clean.language import DANGLING_EN

# Buffer sizes at which dump tools cut long lines blindly (mid-word): the break carries no meaning.
CUT_WIDTHS: frozenset[int] = frozenset({255, 256, 511, 512, 1000, 1023, 1024, 2000, 2047, 2048, 4095, 4096, 8191, 8192})
# A width seen on this many long lines (and being the longest) is a cut width even if unusual.
MIN_REPEATED_CUTS = 3
MIN_CUT_WIDTH = 200
# Soft-wrapped (e-mail style) text: lines filled to a column this narrow...
SOFT_WRAP_MAX_WIDTH = 100
SOFT_WRAP_MIN_WIDTH = 50
# ...with at least this many lines ending within SOFT_WRAP_SLACK characters of it.
SOFT_WRAP_MIN_LINES = 5
SOFT_WRAP_SLACK = 20
# A sentence is not finished after a line ending like this.
TERMINAL_RE = re.compile(r"[.!?…:;]['\"”’»)\]]*$")
# A line starting like this continues the previous one (lowercase word or trailing punctuation).
CONTINUATION_START_RE = re.compile(r"^([a-z\u00df-\u00ff]|[,.;:!?)\]%…’”»]|[-–—] ?[a-z])")
# A long unfinished line absorbs short following lines (link texts) up to this size.
FRAGMENT_MAX_WORDS = 8
OPEN_LINE_MIN_WORDS = 6
# A line ending with an opening bracket or quote is continued by the next one.
OPENERS = ("(", "[", "“", "‘", "«", "„")


def _byte_len(s: str) -> int:
    return len(s.encode("utf-8"))


def cut_width(lines: list[str]) -> int | None:
    """The blind cut width of a dump if its long lines share one (in characters or UTF-8 bytes)."""
    for measure in (len, _byte_len):
        sizes = Counter(measure(x) for x in lines if measure(x) >= MIN_CUT_WIDTH)
        if not sizes:
            continue
        longest = max(sizes)
        for size, _n in sizes.items():
            if size in CUT_WIDTHS and size == longest:
                return size
        if sizes[longest] >= MIN_REPEATED_CUTS:
            return longest
    return None


def repair_cuts(lines: list[str]) -> list[str]:
    """Join each line cut at the dump's fixed width to the next line, with no space (the cut is blind).

    "... Russia's o" + "wn national interests" -> "... Russia's own national interests".
    """
    width = cut_width(lines)
    if width is None:
        return lines
    out: list[str] = []
    carry = ""
    for line in lines:
        line = carry + line
        carry = ""
        if (len(line) % width == 0 or _byte_len(line) % width == 0) and len(line) >= width:
            carry = line
            continue
        out.append(line)
    if carry:
        out.append(carry)
    return out


def soft_wrap_width(lines: list[str]) -> int | None:
    """Column at which a text was soft-wrapped (e-mail style), or None."""
    lengths = [len(x) for x in lines if x.strip()]
    if not lengths:
        return None
    width = max(lengths)
    if not SOFT_WRAP_MIN_WIDTH <= width <= SOFT_WRAP_MAX_WIDTH:
        return None
    full = sum(n >= width - SOFT_WRAP_SLACK for n in lengths)
    return width if full >= SOFT_WRAP_MIN_LINES and full >= len(lengths) / 3 else None


def unwrap_soft(lines: list[str]) -> list[str]:
    """Join soft-wrapped lines (filled close to the wrap column) with the next non-blank line."""
    width = soft_wrap_width(lines)
    if width is None:
        return lines
    out: list[str] = []
    for line in lines:
        prev = out[-1] if out else ""
        if prev.strip() and line.strip() and len(prev) >= width - SOFT_WRAP_SLACK:
            out[-1] = prev.rstrip() + " " + line.strip()
        else:
            out.append(line)
    return out


def _last_word(s: str) -> str:
    parts = s.rsplit(None, 1)
    return parts[-1].lower() if parts else ""


def continues(prev: str, line: str) -> bool:
    """True when `line` is the continuation of the unfinished sentence in `prev`.

    Dumps of HTML put each inline link on its own line ("Keller" / "tweeted" / "before Election Day.");
    these are glued back so that the classifier sees whole paragraphs.
    """
    if not prev or not line or TERMINAL_RE.search(prev):
        return False
    if ICON_RE.match(line) or AVATAR_RE.match(prev) or is_junk_phrase(line):
        return False
    if CONTINUATION_START_RE.match(line) or prev.endswith(OPENERS):
        return True
    if _last_word(prev) in DANGLING_EN:
        return True
    words = prev.split()
    return (
        len(words) >= OPEN_LINE_MIN_WORDS
        and words[-1][:1].islower()
        and len(line.split()) <= FRAGMENT_MAX_WORDS
        and not AVATAR_RE.match(line)
    )


def _glue(prev: str, line: str) -> str:
    if re.match(r"^[,.;:!?)\]%…’”»]", line) or prev.endswith(OPENERS):
        return prev + line
    return prev + " " + line


def join_fragments(lines: list[str]) -> list[str]:
    """Merge runs of adjacent lines that form one sentence; blank lines always separate."""
    out: list[str] = []
    prev_blank = True
    for raw in lines:
        line = raw.strip()
        if not line:
            prev_blank = True
            continue
        if not prev_blank and out and continues(out[-1], line):
            out[-1] = _glue(out[-1], line)
        else:
            out.append(line)
        prev_blank = False
    return out
