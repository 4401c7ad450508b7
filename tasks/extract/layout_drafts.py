"""Claims the page layout marks rather than quotation marks: transcript turns, title claims, block quotes.

In: an article's text and paragraphs, and the speaker resolver. Out: `Draft`s for 'SMITH: We will win.'
turns of a transcript, a first line 'Jane Roe: Taxes Will Not Rise' naming a person the article knows,
and a paragraph without quote marks after 'Jane Roe writes:'. Page call-outs ('ALSO SEE:') are no speakers.
"""

from __future__ import annotations

import re
from itertools import pairwise

from schemas import ClaimKind, Cue, SpeakerKind
from tasks.extract import subjects
from tasks.extract.cues import SPEECH_VERBS
from tasks.extract.drafts import COLON_VERB_SPEAKERS, QUOTE_CHARS, Article, Draft, cue_of, trim
from tasks.extract.paragraphs import HEADLINE_MAX_WORDS
from tasks.extract.speaker import Speaker
from tasks.extract.speakers import SpeakerResolver

# A transcript turn: 'SPEAKER NAME: words', the name in capitals at the start of a paragraph (after the
# opening quote mark of a transcript quoted paragraph by paragraph).
TRANSCRIPT_TURN_RE = re.compile(
    r"^[“\"]?((?:[A-Z][A-Z'’.-]+)(?: [A-Z][A-Z'’.-]+){0,3}):\s+(\S.*?)[”\"]?$", re.MULTILINE
)
# Capitalised labels that open a paragraph without naming a speaker.
TRANSCRIPT_LABELS = frozenset(
    {
        "UPDATE",
        "BREAKING",
        "NOTE",
        "EDITOR'S NOTE",
        "EDITOR’S NOTE",
        "WATCH",
        "VIDEO",
        "PHOTO",
        "RELATED",
        "READ MORE",
        "CORRECTION",
        "CLARIFICATION",
        "ADVERTISEMENT",
        "SOURCE",
        "SOURCES",
        "FACT CHECK",
        "EXCLUSIVE",
    }
)
# Words of a page's call-outs ('ALSO SEE:', 'LEARN MORE:', 'CLICK HERE:'): a label made only of these
# introduces a link or a box, never a speaker.
CALLOUT_WORDS: frozenset[str] = frozenset(
    {"also", "see", "read", "more", "watch", "learn", "related", "click", "here", "tap", "subscribe", "sign"}
    | {"up", "follow", "us", "listen", "share", "this", "story", "stories", "top", "latest", "live", "updates"}
    | {"recommended", "trending", "popular", "sponsored", "content", "gallery", "photos", "videos", "more:"}
)
CONF_TRANSCRIPT = 0.8
# A title line 'Jane Roe: Taxes Will Not Rise': a name of 1-4 capitalised words, a colon, the claim.
TITLE_CLAIM_RE = re.compile(r"((?:[A-Z][\w'’.-]+)(?: [A-Z][\w'’.-]+){0,3}): (\S[^\n]*)")
CONF_TITLE = 0.6


def is_callout(label: str) -> bool:
    """'ALSO SEE', 'Learn more', 'Click here': a page's call-out label, not a name."""
    words = label.lower().split()
    return bool(words) and all(w in CALLOUT_WORDS for w in words)


def transcript_drafts(article: Article, resolver: SpeakerResolver) -> list[Draft]:
    """'SMITH: We will win.' - each turn of an interview transcript is a direct claim of its speaker."""
    out: list[Draft] = []
    for m in TRANSCRIPT_TURN_RE.finditer(article.text):
        label = m.group(1).rstrip(".")
        if (
            label in TRANSCRIPT_LABELS
            or is_callout(label)
            or len(label.replace(" ", "")) < 3
            or not any(c.isalpha() for c in label)
        ):
            continue
        name = " ".join(w.capitalize() if w.isupper() else w for w in label.split())
        known = resolver.registry.find_person_text(name, m.start(1))
        speaker = Speaker(
            known.canonical if known else name, SpeakerKind.PERSON, None, (m.start(1), m.end(1)), CONF_TRANSCRIPT
        )
        colon = m.end(1)
        cue = Cue(text=":", lemma=":", start=colon, end=colon + 1)
        out.append(Draft(m.start(2), m.end(2), ClaimKind.DIRECT, speaker, cue, "transcript"))
    return out


def block_quote_drafts(article: Article, resolver: SpeakerResolver) -> list[Draft]:
    """'Jane Roe writes:' ending a paragraph, then a paragraph without quote marks: a block quotation of
    the named subject of that verb of saying (one paragraph: where a block ends is not marked)."""
    out: list[Draft] = []
    units = article.paragraphs
    for unit, nxt in pairwise(units):
        if unit.doc is None or unit.headline or not unit.text.rstrip().endswith(":"):
            continue
        if nxt.para_start <= unit.para_end or nxt.headline or nxt.text[:1] in QUOTE_CHARS:
            continue
        colon = unit.doc[-1]
        verb = colon.head
        if colon.text != ":" or verb.i >= colon.i or verb.lemma_.lower() not in SPEECH_VERBS:
            continue
        subj = subjects.subject_of(verb)
        speaker = resolver.resolve(subj, unit.start) if subj is not None else None
        if speaker is None or speaker.name is None or speaker.kind not in COLON_VERB_SPEAKERS:
            continue
        cue = cue_of(verb, unit.start)
        out.append(Draft(nxt.para_start, nxt.para_end, ClaimKind.DIRECT, speaker, cue, "block-quote"))
    return out


def title_drafts(article: Article, resolver: SpeakerResolver) -> list[Draft]:
    """'Jane Roe: Taxes Will Not Rise' as a short first line: a headline giving a claim of a person the
    article names again (the registry must know the person, so labels like 'Analysis:' and datelines
    like 'Westfield: ...' stay out)."""
    if not article.paragraphs:
        return []
    first = article.paragraphs[0]
    m = TITLE_CLAIM_RE.fullmatch(first.text.strip())
    if (
        m is None
        or m.group(1).upper() in TRANSCRIPT_LABELS
        or is_callout(m.group(1))
        or len(first.text.split()) > HEADLINE_MAX_WORDS
    ):
        return []
    name = m.group(1)
    known = resolver.registry.find_person_text(name, first.start)
    if known is None:
        return []
    offset = first.start + first.text.index(m.group(0))
    start, end = trim(article.text, offset + m.start(2), offset + m.end(2))
    speaker = Speaker(known.canonical, known.kind, None, (offset, offset + len(name)), CONF_TITLE)
    cue = Cue(text=":", lemma=":", start=offset + m.end(1), end=offset + m.end(1) + 1)
    return [Draft(start, end, ClaimKind.INDIRECT, speaker, cue, "title")]
