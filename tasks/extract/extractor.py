"""Orchestration: parse the paragraphs that can hold claims, run each step over an article, collect claims.

In: (text, author, language) triples. Out: each article's `Claim`s. Parsing is batched over all
articles; per article, quotes and names are registered, drafts come from quote attribution
(`quote_drafts`), layout (`layout_drafts`) and the dependency rules (`report_drafts`), are filtered
(`draft_filters`), opinion sentences are added (`authorial`), and claims are built (`claim_building`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from schemas import Claim
from tasks.extract import authorial
from tasks.extract.claim_building import article_entities, to_claims
from tasks.extract.draft_filters import dedupe, keep, nest, own_nested
from tasks.extract.drafts import Article
from tasks.extract.layout_drafts import block_quote_drafts, title_drafts, transcript_drafts
from tasks.extract.lede import link_lede_descriptions
from tasks.extract.nlp import BATCH_SIZE, get_nlp
from tasks.extract.paragraphs import Paragraph, split_paragraphs
from tasks.extract.prefilter import may_hold_claim
from tasks.extract.quote_drafts import direct_drafts
from tasks.extract.quotes import find_quotes, outermost
from tasks.extract.registration import correct_labels, register_doc, register_text_names
from tasks.extract.registry import Registry
from tasks.extract.report_drafts import classify_quotes, rule_drafts
from tasks.extract.speakers import SpeakerResolver

ENGLISH = "en"


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
    link_lede_descriptions(registry, article.paragraphs)
    resolver = SpeakerResolver(registry, article.author)

    drafts = direct_drafts(article, top, resolver)
    drafts += transcript_drafts(article, resolver)
    drafts += title_drafts(article, resolver)
    drafts += block_quote_drafts(article, resolver)
    drafts += rule_drafts(article, top, resolver, drafts)
    drafts = classify_quotes(text, drafts, top)
    drafts = dedupe(drafts)
    drafts = nest(drafts)
    drafts = own_nested(text, drafts)
    drafts = [d for d in drafts if keep(text, d)]
    drafts += authorial.authorial_drafts(article, quotes, drafts)
    drafts.sort(key=lambda d: (d.start, -d.end))
    spans = [(q.start, q.end) for q in top]
    return to_claims(text, drafts, article_entities(article), article.paragraphs, spans)
