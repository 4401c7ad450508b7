"""Orchestration: parse the paragraphs that can hold claims, run the rules, resolve, de-duplicate."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise

from spacy.tokens import Doc, Token

from schemas import Claim, ClaimKind, Cue, Mention, SpeakerKind
from schemas.claim import NamedEntity, Span
from tasks.extract import authorial, rules, subjects
from tasks.extract.cues import ALL_VERB_CUES, SPEECH_VERBS
from tasks.extract.nlp import BATCH_SIZE, get_nlp
from tasks.extract.paragraphs import HEADLINE_MAX_WORDS, Paragraph, split_paragraphs
from tasks.extract.prefilter import may_hold_claim
from tasks.extract.quotes import QuoteSpan, find_quotes, outermost
from tasks.extract.speakers import (
    FIRST_PERSON,
    Registry,
    Speaker,
    SpeakerResolver,
    correct_labels,
    register_doc,
    register_text_names,
)
from tasks.extract.statements import Anchor, statement_spans
from tasks.extract.verb_rules import QUESTION_VERBS

ENGLISH = "en"
# How far (tokens) a cue may sit from a quote it attributes ("'...,' the former minister said").
MAX_AFTER_TOKENS = 12
MAX_BEFORE_TOKENS = 10
# The cue itself must come within this many tokens after the quote (only the speaker in between).
MAX_AFTER_CUE_DISTANCE = 7
# Colon introductions may be long ("X notes that ... : '...'").
MAX_COLON_TOKENS = 80
# "X: '...'" with no verb: the X before the colon is at most this long.
MAX_COLON_NP_TOKENS = 8
# Quotes shorter than this (words) are never direct claims without an adjacent cue.
MIN_DIRECT_WORDS = 2
MIN_CONTINUATION_WORDS = 6
# A continuation quote takes the speaker of a claim at most this far back (characters).
CONTINUATION_WINDOW = 1200
# A quote preceded by this many words of its own sentence is part of a mixed claim.
MIN_LEAD_WORDS = 2
# Reports inside a quote are kept only with a named speaker (pronouns in quotes are unreliable).
MIN_NESTED_CONFIDENCE = 0.85
# Longest attribution between two pieces of one interrupted quotation (characters).
MAX_INTERRUPTION_CHARS = 250
# An attribution between two pieces of one quotation ends with one of these before the next piece.
INTERRUPTION_ENDS = frozenset(".,:;—–")
# Share of an indirect content covered by one quote above which the claim is a direct quote.
DIRECT_COVERAGE = 0.85
# Two drafts with the same cue overlapping this much (of the shorter) are the same claim.
SAME_CLAIM_OVERLAP = 0.5
SENTENCE_END = frozenset({".", "!", "?"})
# NER labels kept as the names a claim mentions (people, organisations, places, groups): the analysis
# layer reads them instead of parsing every claim a second time.
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
CONF_CONTINUATION = 0.5
CONF_COLON_NP = 0.7
CONF_DASH = 0.7
# '"..." ― Jane Roe.' / '"..." -- Jane Roe, a nurse': a dash, a capitalised name of 1-4 words, line end.
DASH_SIGNATURE_RE = re.compile(
    r"\s*(?:―|—|–|--)\s*((?:[A-Z][\w'’.-]*)(?:\s+[A-Z][\w'’.-]*){0,3})\s*(?:[,(][^\n]{0,80})?\.?\s*$"
)
QUOTE_CHARS = "“”\"'‘’«»„‹›"
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


@dataclass
class Draft:
    """A claim before indices are fixed: content span, speaker, cue, kind."""

    start: int
    end: int
    kind: ClaimKind
    speaker: Speaker | None
    cue: Cue | None
    rule: str
    quote: QuoteSpan | None = None
    nested_in: Draft | None = field(default=None, repr=False)
    # Pieces of an interrupted quotation ('"A," she said. "B."'): the claim text joins them.
    parts: tuple[tuple[int, int], ...] = ()
    clausal: bool = False  # content is a clause ('said that ...'), not a noun phrase


@dataclass
class Article:
    """One article's text and its parsed paragraphs."""

    text: str
    author: str | None
    paragraphs: list[Paragraph]
    starts: list[int] = field(default_factory=list)  # paragraph starts, for a bisect by position

    def __post_init__(self) -> None:
        self.starts = [p.start for p in self.paragraphs]

    def parsed(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.doc is not None]


def _plan(text: str, author: str | None) -> Article:
    paragraphs = split_paragraphs(text)
    return Article(text, author, paragraphs)


def _to_parse(article: Article) -> list[Paragraph]:
    """Paragraphs worth parsing: all body paragraphs of a signed piece, else those with cues."""
    body = [p for p in article.paragraphs if not p.headline]
    if article.author:
        return body
    return [p for p in body if may_hold_claim(p.text)]


def extract_articles(items: Sequence[tuple[str, str | None, str]]) -> list[list[Claim]]:
    """Claims for (text, author, language) triples; parsing is batched over all articles.

    Streams: an article's claims are taken as soon as its last paragraph is parsed and its parses are
    dropped then, so memory holds about one `nlp.pipe` batch of parses, not the whole input's.
    """
    plans: list[Article | None] = [
        _plan(text, author) if language == ENGLISH else None for text, author, language in items
    ]
    results: list[list[Claim]] = [[] for _ in plans]
    jobs: list[tuple[Paragraph, int]] = [(p, i) for i, a in enumerate(plans) if a is not None for p in _to_parse(a)]
    unparsed = Counter(i for _, i in jobs)
    for i, article in enumerate(plans):
        if article is not None and not unparsed[i]:
            results[i] = _claims(article)
    if jobs:
        docs = get_nlp().pipe((p.text for p, _ in jobs), batch_size=BATCH_SIZE)
        for (para, i), doc in zip(jobs, docs, strict=True):
            para.doc = correct_labels(doc)
            unparsed[i] -= 1
            if not unparsed[i]:
                article = plans[i]
                assert article is not None
                results[i] = _claims(article)
                for done in article.paragraphs:
                    done.doc = None
    return results


# --- per-article logic -----------------------------------------------------------------------


def _claims(article: Article) -> list[Claim]:
    text = article.text
    quotes = find_quotes(text)
    top = [q for q in outermost(quotes) if q.end > q.start]
    registry = Registry([(q.start, q.end) for q in top], [p.end for p in article.paragraphs])
    for para in article.paragraphs:
        if para.doc is not None:
            register_doc(registry, para.doc, para.start)
        elif not para.headline:
            register_text_names(registry, para.text, para.start)
    resolver = SpeakerResolver(registry, article.author)

    drafts = _direct_drafts(article, top, resolver)
    drafts += _transcript_drafts(article, resolver)
    drafts += _title_drafts(article, resolver)
    drafts += _block_quote_drafts(article, resolver)
    drafts += _rule_drafts(article, top, resolver, drafts)
    drafts = _classify_quotes(text, drafts, top)
    drafts = _dedupe(drafts)
    drafts = _nest(drafts)
    drafts = _own_nested(text, drafts)
    drafts = [d for d in drafts if _keep(text, d)]
    drafts += _authorial_drafts(article, quotes, drafts)
    drafts.sort(key=lambda d: (d.start, -d.end))
    spans = [(q.start, q.end) for q in top]
    return _to_claims(text, drafts, _article_entities(article), article.paragraphs, spans)


def _doc_at(article: Article, pos: int) -> Paragraph | None:
    """The parsed unit holding character `pos` (or ending right at it)."""
    k = bisect_right(article.starts, pos) - 1
    if k < 0:
        return None
    para = article.paragraphs[k]
    if para.start <= pos <= para.end:
        return para if para.doc is not None else None
    return None


def _cue_of(tok: Token, offset: int) -> Cue:
    lemma = tok.lemma_.lower()
    text = tok.text
    end = offset + tok.idx + len(text)
    for c in tok.children:
        if c.dep_ == "prt" and c.i == tok.i + 1:
            text = f"{text} {c.text}"
            lemma = f"{lemma} {c.lower_}"
            end = offset + c.idx + len(c.text)
    return Cue(text=text, lemma=lemma, start=offset + tok.idx, end=end)


def _fallback_subject(tokens: list[Token]) -> Token | None:
    """When the parse gives no subject: the nearest name or personal pronoun in the context."""
    for t in tokens:
        if t.pos_ == "PRON" and t.lower_ in subjects.SPEAKER_PRONOUNS:
            return t
    names = [t for t in tokens if t.pos_ == "PROPN"]
    if names:
        # the head of the name run ("Mr. Halvorsen" -> "Halvorsen")
        run = [names[0]]
        for t in names[1:]:
            if t.i == run[-1].i + 1:
                run.append(t)
            else:
                break
        # A name modifying a role noun is not the phrase's head ('X spokesman Jane Roe' -> Roe).
        head = run[-1]
        ids = {t.i for t in tokens}
        while head.dep_ in {"compound", "flat"} and head.head.i > head.i and head.head.i in ids:
            head = head.head
        return head
    return None


def _after_context(doc: Doc, offset: int, q: QuoteSpan, limit: int) -> list[Token]:
    out: list[Token] = []
    for t in doc:
        pos = offset + t.idx
        if pos < q.close_end:
            continue
        if pos >= limit or len(out) >= MAX_AFTER_TOKENS:
            break
        if t.text in SENTENCE_END or t.text == ";":
            break
        out.append(t)
    return out


def _before_context(doc: Doc, offset: int, q: QuoteSpan, limit: int, max_tokens: int) -> list[Token]:
    out: list[Token] = []
    for t in reversed(doc):
        pos = offset + t.idx
        if pos >= q.open_start:
            continue
        if pos < limit or len(out) >= max_tokens or t.text in SENTENCE_END:
            break
        out.append(t)
    out.reverse()
    return out


# A quotation is attributed by a verb of saying, or of asking ('"Why now?" she asked').
QUOTE_VERBS: frozenset[str] = SPEECH_VERBS | QUESTION_VERBS


def _speech_cue(tokens: list[Token]) -> list[Token]:
    return [t for t in tokens if subjects.is_cue_verb(t) and t.lemma_.lower() in QUOTE_VERBS]


def _main_subject_before(subj: Token, cue: Token, ids: set[int]) -> bool:
    """'X attacked Y for ... in Z, saying, "..."': the main clause's subject, before a context window
    that is too short to hold it, in the cue's sentence."""
    return bool(ids) and subj.i < min(ids) and subj.head.dep_ == "ROOT" and subj.sent == cue.sent


def _subject_in(cue: Token, context: list[Token], *, reach_back: bool = False) -> Token | None:
    """The cue's subject in the context (with `reach_back`, for a context before a quotation, also the
    main subject earlier in its sentence), else the nearest name or pronoun there."""
    subj = subjects.subject_of(cue)
    ids = {t.i for t in context}
    if subj is not None and (subj.i in ids or (reach_back and _main_subject_before(subj, cue, ids))):
        return subj
    return _fallback_subject([t for t in context if t.i != cue.i])


def _direct_drafts(article: Article, top: list[QuoteSpan], resolver: SpeakerResolver) -> list[Draft]:
    """Quotes with a cue right before or after them, plus whole-paragraph continuation quotes."""
    text = article.text
    out: list[Draft] = []
    for k, q in enumerate(top):
        words = len(text[q.start : q.end].split())
        if words < MIN_DIRECT_WORDS:
            continue
        nxt = top[k + 1].open_start if k + 1 < len(top) else len(text)
        prev = top[k - 1].close_end if k > 0 else 0
        draft = (
            _attributed_after(article, q, nxt, resolver)
            or _attributed_before(article, q, prev, resolver)
            or _attributed_dash(article, q, resolver)
        )
        if draft is None and out and _continues_interrupted(text, out[-1], q):
            out[-1] = _extend(out[-1], q)
            continue
        if draft is None and words >= MIN_CONTINUATION_WORDS:
            draft = _continuation(article, q, out)
        if draft is not None:
            out.append(draft)
    return out


def is_callout(label: str) -> bool:
    """'ALSO SEE', 'Learn more', 'Click here': a page's call-out label, not a name."""
    words = label.lower().split()
    return bool(words) and all(w in CALLOUT_WORDS for w in words)


def _transcript_drafts(article: Article, resolver: SpeakerResolver) -> list[Draft]:
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


def _block_quote_drafts(article: Article, resolver: SpeakerResolver) -> list[Draft]:
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
        cue = _cue_of(verb, unit.start)
        out.append(Draft(nxt.para_start, nxt.para_end, ClaimKind.DIRECT, speaker, cue, "block-quote"))
    return out


def _title_drafts(article: Article, resolver: SpeakerResolver) -> list[Draft]:
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
    start, end = _trim(article.text, offset + m.start(2), offset + m.end(2))
    speaker = Speaker(known.canonical, known.kind, None, (offset, offset + len(name)), CONF_TITLE)
    cue = Cue(text=":", lemma=":", start=offset + m.end(1), end=offset + m.end(1) + 1)
    return [Draft(start, end, ClaimKind.INDIRECT, speaker, cue, "title")]


def _continues_interrupted(text: str, last: Draft, q: QuoteSpan) -> bool:
    """'"A," she said. "B."' - B goes on with A when only the attribution stands between them."""
    if last.quote is None or last.rule not in {"quote-after", "quote-before"}:
        return False
    prev_end = last.parts[-1][1] if last.parts else last.quote.end
    between = text[prev_end : q.open_start]
    if "\n" in between or len(between) > MAX_INTERRUPTION_CHARS:
        return False
    if last.parts:
        return not between.strip(" \"”’'.,")
    if between.rstrip().rstrip(QUOTE_CHARS)[-1:] not in INTERRUPTION_ENDS:
        return False  # 'X said on "Meet the Press"': a title inside the attribution, not more quotation
    return last.cue is not None and last.cue.start >= prev_end and last.cue.end <= q.open_start


def _extend(last: Draft, q: QuoteSpan) -> Draft:
    parts = last.parts or ((last.start, last.end),)
    return replace(last, end=q.end, parts=(*parts, (q.start, q.end)))


def _ends_sentence(text: str, q: QuoteSpan) -> bool:
    """'"... it's over." Next sentence': a quote closing with a full stop ends its sentence."""
    content = text[q.start : q.end].rstrip()
    after = text[q.close_end : q.close_end + 2].lstrip(" ")
    if content.endswith(".") and not after.startswith(","):
        return True
    return after.startswith(".")


def _attributed_after(article: Article, q: QuoteSpan, limit: int, resolver: SpeakerResolver) -> Draft | None:
    para = _doc_at(article, q.close_end)
    if para is None or para.doc is None or _ends_sentence(article.text, q):
        return None
    ctx = _after_context(para.doc, para.start, q, limit)
    cue_toks = [t for t in ctx[:MAX_AFTER_CUE_DISTANCE] if t in _speech_cue(ctx)] or _cue_after_apposition(ctx)
    if not cue_toks:
        return None
    cue = cue_toks[0]
    subj = _subject_in(cue, ctx)
    if subj is None:
        return None
    speaker = resolver.resolve(subj, para.start)
    if speaker is None:
        return None
    start, kind = q.start, ClaimKind.DIRECT
    lead_start = _sentence_start(article.text, para.start, q.open_start)
    lead = article.text[lead_start : q.open_start].strip()
    if len(lead.split()) >= MIN_LEAD_WORDS and lead[-1] not in ":,":
        start, kind = lead_start, ClaimKind.MIXED  # 'The plan is "dead on arrival," he said.'
    return Draft(start, q.end, kind, speaker, _cue_of(cue, para.start), "quote-after", q)


def _cue_after_apposition(ctx: list[Token]) -> list[Token]:
    """'"...," Jane Roe, the mayor of Westfield, said.' / '"...," the bank's chief economist Jane Roe
    said.' - a long subject pushes the cue past the usual distance; it still attributes when the
    subject phrase fills the whole gap between the quote and the cue."""
    ids = {t.i for t in ctx}
    words = [t for t in ctx if not t.is_punct]
    if not words:
        return []
    for t in _speech_cue(ctx):
        subj = subjects.subject_of(t)
        if subj is None or subj.i not in ids or subj.i > t.i:
            continue
        gap = [w for w in words if w.i < t.i and w.dep_ not in {"advmod", "aux", "neg"}]
        if gap and subj.left_edge.i <= gap[0].i and all(w.i <= subj.right_edge.i for w in gap):
            return [t]
    return []


def _sentence_start(text: str, floor: int, pos: int) -> int:
    """Start of the sentence holding `pos` (never before `floor`, the paragraph start)."""
    k = pos - 1
    while k > floor:
        if text[k - 1] in ".!?" and text[k].isspace():
            return k + 1
        k -= 1
    return floor


def _lead_in(article: Article, q: QuoteSpan) -> Paragraph | None:
    """'The ministry released this statement:' closing the paragraph before a quotation that opens its
    own paragraph: the lead-in that attributes it (parsed units only)."""
    k = bisect_right(article.starts, q.open_start) - 1
    if k < 1:
        return None
    unit, before = article.paragraphs[k], article.paragraphs[k - 1]
    if article.text[unit.para_start : q.open_start].strip() or before.para_end > unit.para_start:
        return None
    if before.doc is None or before.headline or not before.text.rstrip().endswith(":"):
        return None
    return before


def _is_cue_word(tok: Token) -> bool:
    """A cue verb right before a quotation ('warned "..."'); a noun of the same lemma ('the plan "..."')
    is no cue."""
    return tok.lemma_.lower() in ALL_VERB_CUES and (tok.pos_ in {"VERB", "AUX"} or tok.lemma_.lower() in SPEECH_VERBS)


def _attributed_before(article: Article, q: QuoteSpan, limit: int, resolver: SpeakerResolver) -> Draft | None:
    para = _lead_in(article, q) or _doc_at(article, q.open_start)
    if para is None or para.doc is None:
        return None
    lead = article.text[para.start : min(q.open_start, para.end)].rstrip()
    colon = lead.endswith(":")
    ctx = _before_context(para.doc, para.start, q, limit, MAX_COLON_TOKENS if colon else MAX_BEFORE_TOKENS)
    if not ctx:
        return None
    if not colon and not lead.endswith(",") and not _is_cue_word(ctx[-1]):
        return None
    cue_toks = _speech_cue(ctx)
    if cue_toks:
        cue = cue_toks[0] if colon else cue_toks[-1]
        subj = _subject_in(cue, ctx, reach_back=True)
        if subj is not None:
            speaker = resolver.resolve(subj, para.start)
            if speaker is not None:
                return Draft(q.start, q.end, ClaimKind.DIRECT, speaker, _cue_of(cue, para.start), "quote-before", q)
    if colon and len(ctx) <= MAX_COLON_NP_TOKENS + 1:
        found = _colon_np(ctx, para, q, resolver)
        if found is not None:
            return found
    return _colon_verb(ctx, para, q, resolver) if colon else None


# Speakers a colon after any verb may introduce: '"Jane Roe sighed: "..."'; never a thing ('The rules were
# clear: "..."') or an unnamed role.
COLON_VERB_SPEAKERS = frozenset({SpeakerKind.PERSON, SpeakerKind.ORGANIZATION, SpeakerKind.GOVERNMENT})


def _colon_verb(ctx: list[Token], para: Paragraph, q: QuoteSpan, resolver: SpeakerResolver) -> Draft | None:
    """'Jane Roe sighed: "..."', 'The ministry put it this way: "..."': the quotation that a sentence's
    colon opens is said by that sentence's named subject, whatever its verb."""
    colon = ctx[-1]
    verb = colon.head if colon.head.pos_ in {"VERB", "AUX"} else None
    if verb is None or verb.i >= colon.i:
        return None
    subj = subjects.subject_of(verb)
    if subj is None or subj.i not in {t.i for t in ctx}:
        return None
    speaker = resolver.resolve(subj, para.start)
    if speaker is None or speaker.name is None or speaker.kind not in COLON_VERB_SPEAKERS:
        return None
    return Draft(q.start, q.end, ClaimKind.DIRECT, speaker, _cue_of(verb, para.start), "quote-colon", q)


def _attributed_dash(article: Article, q: QuoteSpan, resolver: SpeakerResolver) -> Draft | None:
    """'"..." ― Jane Roe.' : a quotation signed with a dash and a name at the end of its paragraph."""
    text = article.text
    line_end = text.find("\n", q.close_end)
    line_end = len(text) if line_end < 0 else line_end
    m = DASH_SIGNATURE_RE.match(text, q.close_end, line_end)
    if m is None:
        return None
    name = m.group(1).strip().rstrip(".")
    start = m.start(1)
    known = resolver.registry.find_person_text(name, start)
    speaker = Speaker(
        known.canonical if known else name, SpeakerKind.PERSON, None, (start, start + len(name)), CONF_DASH
    )
    dash = m.group(0).strip()[0]
    cue = Cue(text=dash, lemma=dash, start=text.index(dash, q.close_end), end=text.index(dash, q.close_end) + 1)
    return Draft(q.start, q.end, ClaimKind.DIRECT, speaker, cue, "quote-dash", q)


def _colon_np(ctx: list[Token], para: Paragraph, q: QuoteSpan, resolver: SpeakerResolver) -> Draft | None:
    """'Senator X: "..."' - a bare name before a colon introduces a quote."""
    colon = ctx[-1]
    names = [t for t in ctx[:-1] if t.pos_ == "PROPN" or t.ent_type_ in subjects.SPEAKER_ENTS]
    if not names or any(t.pos_ in {"VERB", "AUX"} for t in ctx[:-1]) or is_callout(" ".join(t.text for t in ctx[:-1])):
        return None
    speaker = resolver.resolve(names[-1], para.start)
    if speaker is None:
        return None
    speaker = replace(speaker, confidence=min(speaker.confidence, CONF_COLON_NP))
    cue = Cue(text=":", lemma=":", start=para.start + colon.idx, end=para.start + colon.idx + 1)
    return Draft(q.start, q.end, ClaimKind.DIRECT, speaker, cue, "quote-colon", q)


def _continuation(article: Article, q: QuoteSpan, previous: list[Draft]) -> Draft | None:
    """A paragraph that is only a quote continues the last quoted speaker."""
    text = article.text
    line_start = text.rfind("\n", 0, q.open_start) + 1
    line_end = text.find("\n", q.close_end)
    line_end = len(text) if line_end < 0 else line_end
    if text[line_start : q.open_start].strip() or text[q.close_end : line_end].strip(" .,"):
        return None
    if not previous:
        return None
    last = previous[-1]
    if last.speaker is None or q.open_start - last.end > CONTINUATION_WINDOW:
        return None
    speaker = replace(last.speaker, mention=None, confidence=CONF_CONTINUATION)
    return Draft(q.start, q.end, ClaimKind.DIRECT, speaker, None, "quote-continued", q)


def _inside(pos: int, quotes: list[QuoteSpan], starts: list[int]) -> QuoteSpan | None:
    """The quote of `quotes` (outermost, in order; `starts` their starts) holding `pos`."""
    k = bisect_right(starts, pos) - 1
    return quotes[k] if k >= 0 and quotes[k].start <= pos < quotes[k].end else None


def _rule_drafts(article: Article, top: list[QuoteSpan], resolver: SpeakerResolver, direct: list[Draft]) -> list[Draft]:
    """Indirect reports from the dependency rules, with speakers resolved."""
    out: list[Draft] = []
    by_quote = {id(d.quote): d for d in direct if d.quote is not None}
    top_starts = [q.start for q in top]
    for para in article.parsed():
        assert para.doc is not None
        doc = para.doc
        cands = rules.sourced_candidates(doc, para.start)
        for c in rules.holderless_candidates(doc, para.start):
            asker = resolver.resolve(c.subject, c.offset, None) if c.subject is not None else None
            cue = Cue(text=c.cue_text, lemma=c.cue_lemma, start=c.cue_start, end=c.cue_end)
            out.append(Draft(c.start, c.end, ClaimKind.INDIRECT, asker, cue, c.rule, clausal=True))
        for c in cands:
            if c.subject is None:
                continue
            holder = _inside(c.cue_start, top, top_starts)
            quote_speaker = by_quote[id(holder)].speaker if holder is not None and id(holder) in by_quote else None
            if holder is not None and c.subject.lower_ in FIRST_PERSON:
                continue  # "I believe ..." inside a quote is the quote itself
            speaker = resolver.resolve(c.subject, c.offset, quote_speaker)
            if speaker is None:
                continue
            cue = Cue(text=c.cue_text, lemma=c.cue_lemma, start=c.cue_start, end=c.cue_end)
            out.append(Draft(c.start, c.end, ClaimKind.INDIRECT, speaker, cue, c.rule, clausal=c.clausal))
    return out


def _classify_quotes(text: str, drafts: list[Draft], top: list[QuoteSpan]) -> list[Draft]:
    """An indirect report whose content is a quote is direct; one with quoted fragments is mixed."""
    out: list[Draft] = []
    opens = [q.open_start for q in top]
    for d in drafts:
        if d.kind != ClaimKind.INDIRECT:
            out.append(d)
            continue
        # Quotes that begin inside the content (a quote holding the whole report is its holder).
        inner = top[bisect_left(opens, d.start - 1) : bisect_left(opens, d.end)]
        if not inner:
            out.append(d)
            continue
        first = inner[0]
        covered = sum(min(q.end, d.end) - max(q.start, d.start) for q in inner)
        size = max(1, d.end - d.start)
        leading = first.open_start - d.start <= 1
        if len(inner) == 1 and (covered / size >= DIRECT_COVERAGE or leading):
            out.append(replace(d, start=first.start, end=first.end, kind=ClaimKind.DIRECT, quote=first))
        else:
            out.append(replace(d, kind=ClaimKind.MIXED))
    return out


def _overlap(a: Draft, b: Draft) -> float:
    inter = min(a.end, b.end) - max(a.start, b.start)
    if inter <= 0:
        return 0.0
    return inter / max(1, min(a.end - a.start, b.end - b.start))


# Width (characters) of the position buckets `_dedupe` compares within.
DEDUPE_BUCKET = 64


def _dedupe(drafts: list[Draft]) -> list[Draft]:
    """Keep one draft per (cue, content): quote rules first, then the longer span."""
    rank = {
        "quote-after": 0,
        "quote-before": 0,
        "quote-colon": 1,
        "quote-dash": 1,
        "transcript": 1,
        "verb": 2,
        "prep": 2,
        "quote-continued": 3,
    }
    ordered = sorted(drafts, key=lambda d: (rank.get(d.rule, 5), -(d.end - d.start)))
    kept: list[Draft] = []
    # Kept drafts by start and by cue start: a duplicate shares one (or, continued, overlaps a kept one).
    near: dict[int, list[Draft]] = {}
    for d in ordered:
        dup = False
        if d.rule == "quote-continued":
            candidates = kept
        else:
            keys = {d.start // DEDUPE_BUCKET + j for j in (-1, 0, 1)}
            if d.cue is not None:
                keys |= {d.cue.start // DEDUPE_BUCKET + j for j in (-1, 0, 1)}
            candidates = [k for key in sorted(keys) for k in near.get(key, [])]
        for k in candidates:
            same_cue = d.cue is not None and k.cue is not None and d.cue.start == k.cue.start
            same_span = abs(d.start - k.start) <= 2 and abs(d.end - k.end) <= 2
            if same_span or (same_cue and _overlap(d, k) >= SAME_CLAIM_OVERLAP):
                dup = True
                break
            if d.rule == "quote-continued" and _overlap(d, k) >= SAME_CLAIM_OVERLAP:
                dup = True
                break
        if not dup:
            kept.append(d)
            for key in {d.start // DEDUPE_BUCKET} | ({d.cue.start // DEDUPE_BUCKET} if d.cue is not None else set()):
                near.setdefault(key, []).append(d)
    return kept


# How many quotes before a cue `_nest` tries as its holder (outermost quotes do not overlap; a few
# drafts may share one quote).
NEST_LOOK_BACK = 4


def _nearest_before(items: list[Draft], starts: list[int], pos: int) -> Iterator[Draft]:
    """Drafts of `items` (sorted by start, `starts` theirs) starting at or before `pos`, nearest first:
    the few that could hold `pos`."""
    last = bisect_right(starts, pos) - 1
    return (items[k] for k in range(last, max(-1, last - NEST_LOOK_BACK), -1))


def _nest(drafts: list[Draft]) -> list[Draft]:
    """Reports whose cue lies inside another claim's quote are nested in it."""
    quoted = sorted((d for d in drafts if d.quote is not None and d.kind == ClaimKind.DIRECT), key=lambda d: d.start)
    starts = [q.start for q in quoted]
    out: list[Draft] = []
    for d in drafts:
        holder = None
        if d.cue is not None:
            for q in _nearest_before(quoted, starts, d.cue.start):
                if q is not d and q.start <= d.cue.start < q.end and q.start <= d.start and d.end <= q.end:
                    holder = q
                    break
        if holder is None:
            out.append(d)
        elif (
            d.rule == "verb"
            and d.cue is not None
            and d.cue.lemma in SPEECH_VERBS
            and d.clausal
            and d.speaker is not None
            and d.speaker.confidence >= MIN_NESTED_CONFIDENCE
        ):
            out.append(replace(d, nested_in=holder))
        # other reports inside a quote (stances, noun objects) are the quote's own wording: dropped
    return out


# Subject pronouns that, inside a report's content, stand for the report's own speaker.
SELF_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})


def _own_nested(text: str, drafts: list[Draft]) -> list[Draft]:
    """'The mayor said she expects the bridge to reopen': a report whose cue lies inside another
    report's content and whose speaker is that report's own is part of it, not a second claim. A
    different speaker's report inside ('said the council had voted ...') stays."""
    reports = sorted((d for d in drafts if d.kind != ClaimKind.DIRECT and d.cue is not None), key=lambda d: d.start)
    starts = [d.start for d in reports]
    out: list[Draft] = []
    for d in drafts:
        if d.cue is None or d.kind == ClaimKind.DIRECT or d.speaker is None:
            out.append(d)
            continue
        outer = next(
            (
                o
                for o in _nearest_before(reports, starts, d.cue.start)
                if o is not d and o.start <= d.cue.start < o.end and o.speaker is not None
            ),
            None,
        )
        if outer is None or not _same_speaker(text, outer.speaker, d.speaker):
            out.append(d)
    return out


def _same_speaker(text: str, outer: Speaker | None, inner: Speaker) -> bool:
    if outer is None:
        return False
    if inner.name is not None and inner.name == outer.name:
        return True
    mention = text[inner.mention[0] : inner.mention[1]].lower() if inner.mention else ""
    return mention in SELF_PRONOUNS and inner.name is None


# Verbs of talking that report nothing when negated ('did not respond to requests for comment', 'would
# not comment on the talks') or when their object is the terms they spoke on ('spoke on condition of
# anonymity'). With another object ('responded to the criticism') they stay reports.
TALK_VERBS: frozenset[str] = frozenset({"respond", "reply", "speak", "talk", "answer", "comment"})
NEGATION_BEFORE_RE = re.compile(r"(?:\bnot|n't|n’t|\bnever)\s+(?:\w+\s+)?$")
TERMS_OBJECT_RE = re.compile(r"(?:the\s+)?condition\b", re.IGNORECASE)


def _keep(text: str, d: Draft) -> bool:
    """Drop questions the journalist asks, empty content, and talking verbs that report nothing."""
    content = text[d.start : d.end].strip()
    if not content:
        return False
    if d.kind == ClaimKind.INDIRECT and not d.clausal and d.cue is not None and d.cue.lemma in TALK_VERBS:
        negated = NEGATION_BEFORE_RE.search(text, max(0, d.cue.start - 24), d.cue.start) is not None
        if negated or TERMS_OBJECT_RE.match(content):
            return False
    return not (d.kind == ClaimKind.INDIRECT and content.rstrip(QUOTE_CHARS).endswith("?"))


def _authorial_drafts(article: Article, quotes: list[QuoteSpan], drafts: list[Draft]) -> list[Draft]:
    """Each sentence of an opinion piece not already reported is a claim of its author."""
    if not article.author:
        return []
    sents = [
        (para.start + s.start_char, para.start + s.end_char)
        for para in article.parsed()
        if para.doc is not None
        for s in para.doc.sents
    ]
    signals = authorial.opinion_signals(article.text, quotes, len(drafts), len(sents))
    if not signals.is_opinion:
        return []
    speaker = Speaker(article.author, SpeakerKind.PERSON, None, None, authorial.CONF_AUTHORIAL)
    out: list[Draft] = []
    for start, end in sents:
        content = article.text[start:end].strip()
        if len(content.split()) < authorial.MIN_SENTENCE_WORDS or content.endswith("?"):
            continue
        if any(d.start < end and start < d.end for d in drafts):
            continue
        out.append(Draft(start, start + len(content), ClaimKind.AUTHORIAL, speaker, None, "authorial"))
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip whitespace and a trailing comma from a content span."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


Entity = tuple[int, int, str, str]  # start, end (article offsets), NER label, text


def _article_entities(article: Article) -> list[Entity]:
    """Named entities of every parsed paragraph, in article offsets, sorted by start."""
    found = [
        (para.start + e.start_char, para.start + e.end_char, e.label_, e.text)
        for para in article.parsed()
        for e in para.doc.ents  # type: ignore[union-attr]
        if e.label_ in ENTITY_LABELS
    ]
    return sorted(found)


def _claim_entities(content: str, lo: int, hi: int, entities: Sequence[Entity]) -> tuple[NamedEntity, ...]:
    """The entities inside article span [lo, hi), re-based on the claim text.

    The claim text is usually `text[lo:hi]`; when it joins the pieces of an interrupted quotation the
    offsets shift, so each name is looked up in order from where the previous one ended.
    """
    out: list[NamedEntity] = []
    cursor = 0
    for e_start, e_end, label, name in entities[bisect_left(entities, (lo,)) :]:
        if e_start >= hi:
            break
        if e_end > hi:
            continue
        pos = e_start - lo
        if pos < cursor or content[pos : pos + len(name)] != name:
            pos = content.find(name, cursor)
        if pos < 0:
            continue
        out.append(NamedEntity(text=name, label=label, start=pos, end=pos + len(name)))
        cursor = pos + len(name)
    return tuple(out)


def _to_claims(
    text: str,
    drafts: list[Draft],
    entities: Sequence[Entity] = (),
    units: Sequence[Paragraph] = (),
    quotes: Sequence[tuple[int, int]] = (),
) -> list[Claim]:
    index = {id(d): i for i, d in enumerate(drafts)}
    trimmed = [_trim(text, d.start, d.end) for d in drafts]
    anchors = [
        Anchor(
            start,
            end,
            cue=(d.cue.start, d.cue.end) if d.cue is not None else None,
            mention=d.speaker.mention if d.speaker is not None else None,
            nested_in=index.get(id(d.nested_in)) if d.nested_in is not None else None,
        )
        for d, (start, end) in zip(drafts, trimmed, strict=True)
    ]
    statements = statement_spans(units, anchors, quotes)
    claims: list[Claim] = []
    for d, (start, end), (st_start, st_end) in zip(drafts, trimmed, statements, strict=True):
        content = " ".join(text[a:b].strip().rstrip(",") for a, b in d.parts) if d.parts else text[start:end]
        sp = d.speaker
        mention = None
        if sp is not None and sp.mention is not None:
            m_start, m_end = sp.mention
            mention = Mention(text=text[m_start:m_end], start=m_start, end=m_end)
        nested = index.get(id(d.nested_in)) if d.nested_in is not None else None
        claims.append(
            Claim(
                speaker=sp.name if sp else None,
                speaker_kind=sp.kind if sp else SpeakerKind.UNKNOWN,
                speaker_role=sp.role if sp else None,
                speaker_affiliation=sp.affiliation if sp else None,
                speaker_mention=mention,
                cue=d.cue,
                kind=d.kind,
                text=content,
                start=start,
                end=end,
                statement=Span(start=st_start, end=st_end),
                confidence=round(sp.confidence if sp else 0.3, 2),
                nested_in=nested,
                entities=_claim_entities(content, min(start, d.start), max(end, d.end), entities),
            )
        )
    return claims
