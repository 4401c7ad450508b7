"""Head finding: which words of a source phrase are the speaker, which are role, which are principal.

'Lindholm campaign spokesman Tomas Berg' -> the speaker is Tomas Berg (role 'Lindholm campaign
spokesman'); 'a spokesman for Mr. Lindholm' -> an unnamed spokesman whose principal is Mr. Lindholm.
The parser often makes a role modifier the head, so names are found by entity span and position,
not by the first proper noun.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from tasks.extract.cues import SPEAKER_NOUNS
from tasks.extract.person_names import TITLES, fold

# Dependency labels cut off when taking a subject's own words (appositions, relative clauses...).
MENTION_CUT_DEPS: frozenset[str] = frozenset(
    {"appos", "relcl", "acl", "punct", "cc", "conj", "advmod", "parataxis", "prep"}
)
CLOSING_BRACKETS = ")]"
MAX_ROLE_TOKENS = 25
# Proper nouns that end an organization's name, so a name after them is a person's.
ORG_HEAD_WORDS: frozenset[str] = frozenset(
    [
        "university",
        "institute",
        "center",
        "centre",
        "party",
        "agency",
        "ministry",
        "committee",
        "council",
        "bank",
        "company",
        "group",
        "association",
        "union",
        "foundation",
        "news",
        "times",
        "post",
        "school",
        "college",
        "academy",
        "department",
        "office",
        "service",
        "corporation",
        "inc",
        "ltd",
        "fund",
        "campaign",
    ]
)
# Prepositions that attach a role noun to the one it works for: 'a spokesman for X', 'advisers to X'.
PRINCIPAL_PREPS: frozenset[str] = frozenset({"for", "to", "of", "at", "with", "from"})
PRINCIPAL_LABELS = ("PERSON", "ORG", "GPE", "NORP")


def token_span(tokens: list[Token]) -> tuple[int, int]:
    """Character span (doc-relative) of a contiguous token list."""
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def mention_tokens(head: Token) -> list[Token]:
    """The subject's own words: its subtree without appositions, relative clauses or punctuation."""
    keep: list[Token] = [head]
    stack = [c for c in head.children if c.dep_ not in MENTION_CUT_DEPS]
    for c in head.children:
        # "the head of the IMF", "Director of the Institute X": keep 'of'-phrases on the left/head.
        if c.dep_ == "prep" and c.lower_ == "of" and c.i > head.i and head.pos_ != "PROPN":
            stack.append(c)
    while stack:
        tok = stack.pop()
        keep.append(tok)
        stack.extend(c for c in tok.children if c.dep_ not in {"relcl", "appos", "punct"} or c.i < head.i)
    keep.sort(key=lambda t: t.i)
    # Keep the contiguous run around the head.
    idx = [t.i for t in keep]
    lo = hi = idx.index(head.i)
    while lo > 0 and idx[lo - 1] == idx[lo] - 1:
        lo -= 1
    while hi < len(idx) - 1 and idx[hi + 1] == idx[hi] + 1:
        hi += 1
    run = keep[lo : hi + 1]
    while run and (run[0].is_punct or run[0].dep_ == "case"):
        run = run[1:]
    while run and (run[-1].is_punct or run[-1].dep_ == "case"):
        run = run[:-1]
    return run or [head]


def appositive_role(head: Token) -> str | None:
    """'Erik Halvorsen, a senior advisor at X,' -> 'a senior advisor at X'."""
    for c in head.children:
        if c.dep_ == "appos":
            toks = [t for t in c.subtree]
            while toks and toks[-1].is_punct and toks[-1].text not in CLOSING_BRACKETS:
                toks = toks[:-1]
            toks = _before_verb(toks)
            if toks and c.i > head.i and len(toks) <= MAX_ROLE_TOKENS and toks[0].i - head.i <= 3:
                return head.doc[toks[0].i : toks[-1].i + 1].text
    return None


def _before_verb(toks: list[Token]) -> list[Token]:
    """An apposition's words up to its first full verb: 'the leader called X ...' -> 'the leader'
    (a clause the parser hung on the apposition is not part of the role)."""
    for k, t in enumerate(toks):
        if t.pos_ == "VERB" and k > 0:
            cut = toks[:k]
            while cut and (cut[-1].is_punct or cut[-1].pos_ in {"PRON", "SCONJ"}):
                cut = cut[:-1]
            return cut
    return toks


def ents_in(tokens: list[Token], labels: tuple[str, ...]) -> list[Span]:
    """Named-entity spans of these labels lying wholly inside the tokens, in order."""
    if not tokens:
        return []
    ids = {t.i for t in tokens}
    return [e for e in tokens[0].doc.ents if e.label_ in labels and e.start in ids and (e.end - 1) in ids]


def ent_of(tokens: list[Token], labels: tuple[str, ...]) -> Span | None:
    found = ents_in(tokens, labels)
    return found[0] if found else None


def strip_det(tokens: list[Token]) -> list[Token]:
    while tokens and (tokens[0].dep_ in {"det", "predet"} or tokens[0].is_punct):
        tokens = tokens[1:]
    return tokens


def phrase_text(toks: list[Token], head: Token) -> str:
    """The phrase as written, without a leading determiner: 'the Lindholm campaign' -> 'Lindholm campaign'."""
    bare = strip_det(toks)
    return head.doc[bare[0].i : bare[-1].i + 1].text if bare else head.text


def is_role_noun(tok: Token) -> bool:
    return tok.pos_ in {"NOUN", "PROPN"} and (fold(tok.lemma_) in SPEAKER_NOUNS or fold(tok.text) in TITLES)


def speaker_person(head: Token, toks: list[Token]) -> Span | None:
    """The PERSON span that is the speaker: the one holding the head, else the one the role noun
    head introduces at the end of the phrase ('campaign spokesman Tomas Berg')."""
    people = ents_in(toks, ("PERSON",))
    for ent in people:
        if ent.start <= head.i < ent.end:
            return ent
    if not people:
        return None
    last = people[-1]
    # A name after the head (an appositive-like compound) or closing the phrase is the speaker;
    # a name before a role-noun head is its principal ('Lindholm campaign spokesman'), and so is a
    # name inside a prepositional phrase ('the Committee for a Responsible Budget').
    if any(t.dep_ in {"prep", "pobj"} for t in _path(last.root, head)):
        return None
    if last.start > head.i or (last.end - 1 == toks[-1].i and not is_role_noun(head)):
        return last
    return None


def embedded_name(head: Token) -> list[Token]:
    """A person's name inside a role phrase: 'Director of the Institute X Lars Eklund',
    'Oslo expert Tomas Vidal', 'a political scientist, professor at X, Jane Roe'."""
    if head.pos_ not in {"NOUN", "PROPN"}:
        return []
    if fold(head.lemma_) not in SPEAKER_NOUNS and fold(head.text) not in TITLES:
        return []
    # Not inside a clause, nor behind a preposition that names a principal ('a spokesman for X').
    sub = [
        t
        for t in head.subtree
        if not any(
            a.dep_ in {"relcl", "acl"} or (a.dep_ == "prep" and a.lower_ in PRINCIPAL_PREPS - {"of"})
            for a in _path(t, head)
        )
    ]
    ids = {t.i for t in sub}
    for ent in head.doc.ents:
        if ent.label_ == "PERSON" and ent.start in ids and ent.end - 1 in ids and ent.start > head.i:
            return [t for t in ent if not t.is_punct]
    # An unrecognised name: two or more proper nouns closing the phrase, outside any organization name.
    tail: list[Token] = []
    k = max(ids)
    doc = head.doc
    while k in ids and k > head.i and doc[k].pos_ == "PROPN" and fold(doc[k].text) not in ORG_HEAD_WORDS:
        tok = doc[k]
        if tok.ent_type_ in {"GPE", "FAC", "NORP"}:
            break
        if tok.ent_type_ == "ORG" and tail and not tail[0].ent_type_:
            break
        tail.insert(0, tok)
        k -= 1
    tail = [t for t in tail if fold(t.text) not in TITLES]
    return tail if len(tail) >= 2 else []


def _path(tok: Token, top: Token) -> list[Token]:
    """Tokens from `tok` up to (not including) `top`."""
    out: list[Token] = []
    while tok.i != top.i and tok.head.i != tok.i:
        out.append(tok)
        tok = tok.head
    return out


def left_role(ent: Span) -> str | None:
    """Title words written right before a name: 'Finance Minister' Karl Weiss."""
    doc = ent.doc
    k = ent.start - 1
    while k >= 0 and (doc[k].pos_ in {"PROPN", "NOUN", "ADJ"} or doc[k].tag_ == "POS") and doc[k].ent_type_ != "PERSON":
        k -= 1
    if k + 1 >= ent.start:
        return None
    return doc[k + 1 : ent.start].text.strip(" ,") or None


def role_words(toks: list[Token], name_ids: set[int]) -> str | None:
    """Words of the mention outside the name: 'Finance Minister', 'Lindholm campaign spokesman'."""
    rest = strip_det([t for t in toks if t.i not in name_ids])
    rest = [t for t in rest if fold(t.text) not in {"mr.", "mrs.", "ms.", "dr.", "mr", "mrs", "ms", "dr"}]
    if not rest or not name_ids:
        return None
    doc = toks[0].doc
    before = [t for t in rest if t.i < min(name_ids)]
    after = [t for t in rest if t.i > max(name_ids)]
    chunk = before or after
    if not chunk:
        return None
    text = doc[chunk[0].i : chunk[-1].i + 1].text.strip(" ,")
    return text or None


def appositive_tokens(head: Token) -> list[Token]:
    """The tokens of the appositive `appositive_role` reads, or none."""
    for c in head.children:
        if c.dep_ == "appos" and c.i > head.i:
            toks = _before_verb([t for t in c.subtree])
            if toks and len(toks) <= MAX_ROLE_TOKENS and toks[0].i - head.i <= 3:
                return toks
    return []


def appositive_person(head: Token) -> Span | None:
    """The PERSON span an appositive of the head is ('One of his advisers, Tad Devine,')."""
    for c in head.children:
        if c.dep_ == "appos" and c.i > head.i and c.ent_type_ == "PERSON":
            for ent in head.doc.ents:
                if ent.label_ == "PERSON" and ent.start <= c.i < ent.end:
                    return ent
    return None


def ent_holding(tok: Token, labels: tuple[str, ...]) -> Span | None:
    """The entity span of these labels that holds the token."""
    if tok.ent_type_ not in labels:
        return None
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end:
            return ent
    return None


def person_tail(org: Span) -> list[Token]:
    """'Harbor News Jonas Falk': the words from a known given name to the end, when they are two or
    more capitalised words after the start of the span."""
    from tasks.extract.gender import of_given_name

    words = [t for t in org if not t.is_punct and t.pos_ != "DET"]
    for k in range(1, len(words) - 1):
        if of_given_name(words[k].text) is not None and all(t.text[:1].isupper() for t in words[k:]):
            return words[k:]
    return []


# Labels the tagger gives a person's name by mistake ('Jane Roe acknowledged' as a product); a name with
# no label, or a body's or place's label, is not read as a person from its given name alone.
MISTAKEN_PERSON_LABELS = frozenset({"PRODUCT", "WORK_OF_ART", "EVENT", "LAW"})


def untagged_name(head: Token) -> list[Token]:
    """'Jane Roe' the tagger called a product or a work: two or three capitalised proper nouns of that
    label ending at `head`, the first a known given name."""
    from tasks.extract.gender import of_given_name

    if head.pos_ != "PROPN" or head.ent_type_ not in MISTAKEN_PERSON_LABELS:
        return []
    chain = [head]
    while chain[0].i > 0:
        prev = chain[0].doc[chain[0].i - 1]
        if prev.pos_ != "PROPN" or prev.dep_ != "compound" or prev.head != head or prev.ent_type_ != head.ent_type_:
            break
        chain.insert(0, prev)
    if not 2 <= len(chain) <= 3 or not all(t.text[:1].isupper() and t.is_alpha for t in chain):
        return []
    return chain if of_given_name(chain[0].text) is not None else []


def written_words(tokens: list[Token]) -> list[str]:
    """The words as the text writes them ('Vidal-Roe' stays one word), for contiguous tokens."""
    if not tokens:
        return []
    doc = tokens[0].doc
    return doc[tokens[0].i : tokens[-1].i + 1].text.split()


def with_titles(tokens: list[Token]) -> list[Token]:
    """A name's tokens with the titles and honorifics written right before it ('Mr.' Bishop): the
    tagger often leaves them out of the PERSON span, and they carry gender and role."""
    if not tokens:
        return tokens
    doc = tokens[0].doc
    k = tokens[0].i
    while k > 0 and fold(doc[k - 1].text).rstrip(".") in TITLES and doc[k - 1].text[:1].isupper():
        k -= 1
    return [doc[j] for j in range(k, tokens[0].i)] + tokens
