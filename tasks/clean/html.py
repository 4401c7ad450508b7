"""HTML pages: trafilatura's main-content extraction, checked and completed by the line classifier.

trafilatura is the strongest open extractor on news pages but drops paragraphs it finds link-dense and
lets some widget lines through. The page is therefore also flattened to block-level lines (the form a text
dump has, with inline links kept inside their sentence) and run through the same classifier as text
dumps; trafilatura's paragraphs are then filtered with the furniture rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import lxml.html
from lxml import etree

from tasks.clean.blocks import Block, Kind, TextResult, clean_blocks, is_furniture
from tasks.clean.furniture import normalise_line

# Elements whose text is never article text.
SKIP_TAGS: frozenset[str] = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "iframe",
        "button",
        "select",
        "option",
        "textarea",
        "input",
        "head",
        "canvas",
        "video",
        "audio",
        "map",
        "object",
        "embed",
    }
)
# Elements that start a new line in a flattened page; everything else is inline.
BLOCK_TAGS: frozenset[str] = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "aside",
        "header",
        "footer",
        "nav",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "td",
        "th",
        "blockquote",
        "pre",
        "figure",
        "figcaption",
        "form",
        "fieldset",
        "legend",
        "address",
        "br",
        "hr",
        "details",
        "summary",
        "caption",
        "body",
        "html",
        "center",
        "menu",
        "dialog",
    }
)
_WS = re.compile(r"\s+")
# Elements (by tag, or by a class/id word) holding captions, credits and page widgets: never body lines.
NON_BODY_TAGS: frozenset[str] = frozenset({"figcaption", "nav", "aside", "footer"})
NEVER_SKIP_TAGS: frozenset[str] = frozenset({"html", "body", "main", "article"})
# An element named like a widget is still walked if it holds an article: several <p> of real length
# (a bio box or a teaser has one).
WRAPPER_PARAGRAPH_WORDS = 25
WRAPPER_MIN_PARAGRAPHS = 3
NON_BODY_ATTR_RE = re.compile(
    r"(^|[-_ ])(caption|credit|share|sharing|social|related|comments?|newsletter|promo|advert|ads?|sidebar"
    r"|breadcrumbs?|cookie|consent|byline|author|bio|tags?|subscribe|paywall|popup|modal)($|[-_ ])",
    re.IGNORECASE,
)


@dataclass
class HtmlMeta:
    """Metadata read from the page markup (meta tags, JSON-LD), any of it possibly missing."""

    title: str | None = None
    author: str | None = None
    date: str | None = None
    sitename: str | None = None
    description: str | None = None
    body: str = ""


def parse(content: str) -> Any:
    """lxml tree of an HTML string (tolerant of broken markup and of an XML declaration)."""
    content = re.sub(r"^\s*<\?xml[^>]*>", "", content)
    try:
        return lxml.html.fromstring(content or "<html></html>")
    except (etree.ParserError, ValueError):
        return lxml.html.fromstring("<html></html>")


def _non_body(el: Any, tag: str) -> bool:
    """Caption, navigation or widget container. A class name alone is not trusted for an element that
    holds several real paragraphs: wrappers named "has-sidebar" or "modal-enabled" can hold the article."""
    if tag in NON_BODY_TAGS:
        return True
    if tag in NEVER_SKIP_TAGS:
        return False
    attrs = f"{el.get('class') or ''} {el.get('id') or ''}"
    if not attrs.strip() or not NON_BODY_ATTR_RE.search(attrs):
        return False
    long_paragraphs = 0
    for p in el.iter("p"):
        long_paragraphs += len(p.text_content().split()) >= WRAPPER_PARAGRAPH_WORDS
        if long_paragraphs >= WRAPPER_MIN_PARAGRAPHS:
            return False
    return True


def flatten(tree: Any, *, skip_non_body: bool = True) -> list[str]:
    """The page as lines of text: one per block element, inline markup (links, emphasis) kept in line.

    With `skip_non_body`, captions, navigation and widget containers are left out (they are never body);
    without it every visible line is kept (for counting furniture across a corpus).
    """
    lines: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        text = _WS.sub(" ", "".join(buf)).strip()
        if text:
            lines.append(text)
        buf.clear()

    def walk(el: Any) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in SKIP_TAGS or not isinstance(el.tag, str) or (skip_non_body and _non_body(el, tag)):
            if el.tail:
                buf.append(el.tail)
            return
        block = tag in BLOCK_TAGS
        if block:
            flush()
        if el.text:
            buf.append(el.text)
        for child in el:
            walk(child)
        if block:
            flush()
        if el.tail:
            buf.append(el.tail)

    body = tree.find("body")
    walk(body if body is not None else tree)
    flush()
    return lines


def trafilatura_extract(content: str) -> HtmlMeta:
    """Main text and metadata from trafilatura, tuned for precision (plain text, one line a paragraph)."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            content,
            favor_precision=True,
            include_comments=False,
            include_tables=True,
            with_metadata=True,
            deduplicate=False,
        )
    except Exception:  # a third-party parser must not fail a nightly batch: the classifier takes over
        return HtmlMeta()
    if doc is None:
        return HtmlMeta()
    get = (lambda k: getattr(doc, k, None)) if not isinstance(doc, dict) else doc.get
    return HtmlMeta(
        title=get("title") or None,
        author=get("author") or None,
        date=get("date") or None,
        sitename=get("sitename") or None,
        description=get("description") or None,
        body=get("text") or "",
    )


# An extra paragraph from the line classifier is already present if this share of its 4-grams is.
COVERED_SHARE = 0.5
SHINGLE = 4
# Furniture lines (an ad label, a subscribe box) the body may run across when trafilatura stopped early.
MAX_JUNK_GAP = 2
_TOKEN = re.compile(r"\w+")


@dataclass
class HtmlResult:
    """Body paragraphs of an HTML page, what was dropped, the page metadata and the classifier's view."""

    body: list[str]
    removed: list[str]
    meta: HtmlMeta
    text: TextResult


def _shingles(text: str) -> set[tuple[str, ...]]:
    toks = _TOKEN.findall(text.lower())
    return {tuple(toks[i : i + SHINGLE]) for i in range(max(1, len(toks) - SHINGLE + 1))}


def _locate(paragraphs: list[str], blocks: list[Block]) -> list[int | None]:
    """Index of the flattened block each trafilatura paragraph came from (None if not found)."""
    index: dict[str, int] = {}
    for i, b in enumerate(blocks):
        index.setdefault(normalise_line(b.text), i)
    out: list[int | None] = []
    for p in paragraphs:
        key = normalise_line(p)
        pos = index.get(key)
        if pos is None and len(key) >= 20:
            probe = key[:60]
            pos = next((i for i, b in enumerate(blocks) if probe in normalise_line(b.text)), None)
        out.append(pos)
    return out


def _extend_span(res: TextResult, hi: int) -> int:
    """Last block of the article when trafilatura stopped early: follow the classifier's body lines
    past `hi`, stepping over at most MAX_JUNK_GAP furniture lines, up to the first other line."""
    kept = set(res.keep)
    end, gap = hi, 0
    for i in range(hi + 1, len(res.blocks)):
        if i in kept:
            end, gap = i, 0
        elif res.blocks[i].kind is Kind.JUNK and gap < MAX_JUNK_GAP:
            gap += 1
        else:
            break
    return end


def clean_html(content: str, known_junk: frozenset[str] = frozenset()) -> HtmlResult:
    """Article body of an HTML page: trafilatura's paragraphs minus furniture, plus prose it dropped
    inside the article span that the line classifier found."""
    tree = parse(content)
    res = clean_blocks(flatten(tree), known_junk)
    meta = trafilatura_extract(content)
    paragraphs = [p.strip() for p in meta.body.split("\n") if p.strip()]
    if not paragraphs:
        return HtmlResult(body=res.body, removed=res.removed, meta=meta, text=res)
    removed = [p for p in paragraphs if is_furniture(p, known_junk)]
    kept = [p for p in paragraphs if not is_furniture(p, known_junk)]
    positions = _locate(kept, res.blocks)
    found = [p for p in positions if p is not None]
    placed: list[tuple[float, str]] = []
    cursor = -1.0
    for pos, p in zip(positions, kept, strict=True):
        # Repeated paragraphs map to their first occurrence: keep trafilatura's order when that goes back.
        cursor = float(pos) if pos is not None and pos > cursor else cursor + 0.001
        placed.append((cursor, p))
    if found:
        lo, hi = min(found), max(found)
        if found == sorted(found):  # only when trafilatura kept document order is its end trusted
            hi = _extend_span(res, hi)
        have = _shingles(" ".join(kept))
        for i in res.keep:
            b = res.blocks[i]
            if not lo < i <= hi or b.kind is not Kind.PROSE or i in found:
                continue
            sh = _shingles(b.text)
            if len(sh & have) < COVERED_SHARE * len(sh):
                placed.append((float(i), b.text))
                have |= sh
    body = [p for _, p in sorted(placed, key=lambda x: x[0])]
    return HtmlResult(body=body, removed=removed, meta=meta, text=res)
