"""Where a report's content begins and ends, in tokens.

In: a cue token (or a clause head and the attribution phrase inside it). Out: the token run that is
the reported content: the clause complement, an object noun phrase, an infinitive, or the host clause
of a parenthetical cue, cut before glosses, dash asides, scene-setting phrases and new reports.
"""

from __future__ import annotations

from spacy.tokens import Token

from tasks.extract import cues

# Content shorter than this (tokens, punctuation excluded) is not a claim ("said so"); two words
# are: short answers and verdicts ('said it failed', 'called it unfair').
MIN_CONTENT_TOKENS = 2
# Labels of a content head's dependents cut from the content (dash appositions, trailing remarks).
DASHES: frozenset[str] = frozenset({"–", "—", "--", "―"})
# Words opening a sentence-final gloss on a report (", which would ...", ", when ...").
GLOSS_WORDS: frozenset[str] = frozenset({"which", "when", "who", "whom", "whose", "where"})
# Subordinators that open a contrast the journalist adds after a report (", while ...").
CONTRAST_MARKS: frozenset[str] = frozenset({"while", "whereas"})
QUOTE_TOKENS: frozenset[str] = frozenset({"“", '"', "‘", "'", "«", "„", "''", "``"})
# Quotation marks that only close, and those that may open or close.
CLOSING_QUOTE_TOKENS: frozenset[str] = frozenset({"”", "''", "»"})
STRAIGHT_QUOTE_TOKENS: frozenset[str] = frozenset({'"', "'", "’"})
# Opening and closing quotation marks as tokens.
QUOTE_MARK_TOKENS: frozenset[str] = QUOTE_TOKENS | {"”", "’", "»", "›"}
COMPLEMENTIZERS: frozenset[str] = frozenset({"that", "whether", "if"})
# A quoted term of at most this many words inside a naming predicate is a label, not a quotation.
MAX_LABEL_WORDS = 3
# Parts of speech opening a quoted verdict ('called it "unfair"', 'called them "very dangerous"').
VERDICT_POS: frozenset[str] = frozenset({"ADJ", "ADV"})
# Second complements of a naming verb ("called him a liar", "deemed it unfair").
PREDICATE_DEPS: frozenset[str] = frozenset({"oprd", "xcomp", "ccomp", "attr", "acomp"})
# Labels the parser gives a complement clause's subject when it hangs it on the cue verb instead.
STRAY_SUBJECT_DEPS: frozenset[str] = frozenset({"npadvmod", "nsubj", "dobj", "attr", "dep"})
# Dependents of a cue verb that start a new clause and end an NP content.
CLAUSE_STOP_DEPS: frozenset[str] = frozenset({"advcl", "conj", "cc", "parataxis", "ccomp", "relcl"})
# Prepositions that set the scene of the speech act ('praised X at a rally on Monday', 'called for Y
# following the attack'): a phrase they head, hung on the cue verb, ends an object-like content.
SCENE_PREPOSITIONS: frozenset[str] = frozenset({"at", "during", "following", "amid", "amidst"})
# Prepositions whose phrase on a cue verb sets the scene when its object is a time ('on Tuesday', 'in
# May') or the medium of the report ('in a statement', 'on Twitter' is a name: not that).
TIME_OR_MEDIUM_PREPOSITIONS: frozenset[str] = frozenset({"on", "in", "before", "after", "since", "by", "through"})
TIME_ENTS: frozenset[str] = frozenset({"DATE", "TIME"})
MEDIUM_NOUNS: frozenset[str] = frozenset(
    {"interview", "email", "letter", "speech", "post", "tweet", "message", "op-ed", "column", "call", "video"}
)
# Dependents of the cue verb that are circumstances, not content ('Thursday', 'last week').
SCENE_DEPS: frozenset[str] = frozenset({"npadvmod", "agent"})


def span_tokens(tokens: list[Token]) -> list[Token]:
    """Trim punctuation and complementizers at the edges of a content token run."""
    while tokens and (tokens[0].is_punct or (tokens[0].lower_ in COMPLEMENTIZERS and tokens[0].dep_ == "mark")):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct and tokens[-1].text not in {"”", '"', "’", "»"}:
        tokens = tokens[:-1]
    return tokens


def subtree_cut(head: Token, stop_before: int | None = None) -> list[Token]:
    """The subtree of `head`, cut at a dash apposition, a colon, or a new coordinated clause."""
    toks = sorted(head.subtree, key=lambda t: t.i)
    for c in head.children:
        if c.dep_ == "conj" and c.i > head.i and _reports_again(c):
            stop = c.left_edge.i
            while stop > head.i and head.doc[stop - 1].dep_ in {"cc", "punct"}:
                stop -= 1
            stop_before = stop if stop_before is None else min(stop_before, stop)
        elif c.i > head.i and _journalists_note(c):
            stop_before = c.left_edge.i if stop_before is None else min(stop_before, c.left_edge.i)
        elif c.dep_ in {"relcl", "advcl"} and c.i > head.i and c.left_edge.lower_ == "which":
            # '..., which means that ...': the journalist's or speaker's gloss, not the report.
            stop = c.left_edge.i
            while stop > head.i and head.doc[stop - 1].is_punct:
                stop -= 1
            stop_before = stop if stop_before is None else min(stop_before, stop)
    out: list[Token] = []
    doc = head.doc
    for t in toks:
        if stop_before is not None and t.i >= stop_before:
            break
        if t.i > head.i and t.text == "," and t.i + 1 < len(doc) and _gloss_starts(doc[t.i + 1]):
            break
        if t.i > head.i and (t.text == ":" or (t.text in DASHES and t.dep_ == "punct")):
            break
        out.append(t)
    return out


def _journalists_note(dependent: Token) -> bool:
    """A dependent of the content head that is the journalist's note on the report, not its content: a
    participle after the quotation closes ('said things "should be done by May," referring to the
    vote'), or a noun phrase closing the report ('had suspended 125,000 accounts, the first time it has
    published the number')."""
    if dependent.dep_ == "advcl":
        return dependent.tag_ == "VBG" and after_closing_quote(dependent)
    return dependent.dep_ == "npadvmod" and _comment_phrase(dependent)


def _comment_phrase(np: Token) -> bool:
    """A noun phrase with a determiner, after a comma, closing the clause it hangs on."""
    doc = np.doc
    start = np.left_edge.i
    if start == 0 or doc[start - 1].text != "," or np.pos_ != "NOUN":
        return False
    if not any(c.dep_ == "det" and c.i < np.i for c in np.children):
        return False
    end = np.right_edge.i + 1
    return end >= len(doc) or (doc[end].is_punct and doc[end].text != ",")


def after_closing_quote(clause: Token) -> bool:
    """Whether a quotation closes right before `clause` (',” referring to', '," citing'): a closing mark,
    or a straight one that follows punctuation, after an optional comma."""
    doc = clause.doc
    k = clause.left_edge.i - 1
    if k >= 0 and doc[k].text == ",":
        k -= 1
    if k < 0:
        return False
    mark = doc[k].text
    if mark in CLOSING_QUOTE_TOKENS:
        return True
    return mark in STRAIGHT_QUOTE_TOKENS and k > 0 and doc[k - 1].is_punct


def _reports_again(conj: Token) -> bool:
    """'she had released her returns and called on X to do the same': a coordinated cue verb is a second
    report by the same speaker, not more of the first one's content."""
    lemma = conj.lemma_.lower()
    return lemma in cues.SPEECH_VERBS and conj.pos_ == "VERB"


def portrayal(verb: Token) -> tuple[Token, Token] | None:
    """'cast herself as an outsider', 'described the city as beset by crime': the verb's object and the
    `as` phrase after it (on the verb, on the object, or an `as` clause the parser hangs on the verb)."""
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    if obj is None:
        return None
    for c in sorted([*verb.children, *obj.children], key=lambda t: t.i):
        if c.i <= obj.i:
            continue
        if (c.dep_ == "prep" and c.lower_ == "as") or (c.dep_ == "advcl" and c.left_edge.lower_ == "as"):
            return obj, c
    return None


def content_of(verb: Token) -> list[Token]:
    """The reported content of a cue verb: its clause complement, or an NP for some verbs."""
    lemma = verb.lemma_.lower()
    if lemma in cues.PORTRAYAL_VERBS and (portrayed := portrayal(verb)) is not None:
        obj, as_phrase = portrayed
        return _cut(obj, max(as_phrase.subtree, key=lambda t: t.i))
    comps = [c for c in verb.children if c.dep_ == "ccomp"]
    if comps:
        head = max(comps, key=lambda c: len(list(c.subtree)))
        tokens = subtree_cut(head)
        stray = _stray_subject(verb, head)
        if stray is not None:
            tokens = [t for t in stray.subtree if t.i < head.left_edge.i] + tokens
        return _with_trailing_quote(verb, span_tokens(_cut_final_which(cut_colon(tokens))))
    if lemma in cues.XCOMP_CONTENT_VERBS:
        xcomps = [c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i]
        if xcomps:
            objs = [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i]
            # 'called on Congress to act': the addressee in a preposition starts the content too.
            objs += [
                g
                for c in verb.children
                if c.dep_ == "prep" and c.i > verb.i and c.lower_ in {"on", "upon"}
                for g in c.children
                if g.dep_ == "pobj"
            ]
            objs.sort(key=lambda t: t.i)
            first = objs[0] if objs and objs[0].i < xcomps[0].i else xcomps[0]
            return _right_of(verb, first)
    if lemma in cues.NAMING_VERBS:
        named = _named_object(verb)
        if named is not None:
            return _right_of(verb, named)
    needs = cues.NEEDS_PREPOSITION.get(lemma)
    if needs is not None:
        return _prep_object_content(verb, needs)
    if lemma not in cues.NP_OBJECT_VERBS:
        return []
    objs = [c for c in verb.children if c.i > verb.i and c.dep_ in {"dobj", "oprd"}]
    if not objs:
        return _prep_object_content(verb, cues.OPTIONAL_PREPOSITION.get(lemma, frozenset()))
    return _right_of(verb, objs[0])


def _prep_object_content(verb: Token, preps: frozenset[str]) -> list[Token]:
    """'called for a delay', 'worried about the cost': the object of the verb's content preposition;
    'called for all members to vote', which the parser reads as a clause marked by 'for'."""
    for c in verb.children:
        if c.dep_ == "prep" and c.i > verb.i and c.lower_ in preps:
            objs = [g for g in c.children if g.dep_ in {"pobj", "pcomp"}]
            if objs:
                return _right_of(verb, objs[0])
        if c.dep_ == "advcl" and c.i > verb.i and c.left_edge.lower_ in preps and c.left_edge.dep_ == "mark":
            return span_tokens([t for t in subtree_cut(c) if t.i != c.left_edge.i])
    return []


def _named_object(verb: Token) -> Token | None:
    """'called the plan "a disgrace"': the object of a naming verb, when a predicate follows it."""
    objs = [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i]
    if not objs:
        return None
    obj = objs[0]
    if _her_then_quote(obj):
        return obj  # 'called her "third-rate"': the parser reads 'her' as a possessive of the quotation
    # A quotation closing the sentence is the predicate ('called the plan "a disgrace."'); a short one
    # inside a longer phrase is a label ('call it a "second chance" for the region'): not a claim.
    marks = [t for t in obj.sent if t.i > obj.i and t.text in QUOTE_MARK_TOKENS]
    if len(marks) >= 2 and marks[0].i <= obj.right_edge.i + 1 and marks[0].i + 1 < len(obj.doc):
        # 'called China "provocative"' / 'called the plan "a mistake"': a quotation right after the object
        # is the verdict on it; a quoted name ('called the boat "Harbor Queen"') is not.
        first = obj.doc[marks[0].i + 1]
        return obj if first.pos_ in VERDICT_POS or first.tag_ == "DT" else None
    if len(marks) >= 2:
        tail = [t for t in obj.sent if t.i > marks[-1].i]
        closes = all(t.is_punct for t in tail)
        quoted = [t for t in obj.doc[marks[0].i + 1 : marks[-1].i] if not t.is_punct]
        if not closes and len(quoted) <= MAX_LABEL_WORDS:
            return None
        return obj if closes else None
    if any(c.dep_ in PREDICATE_DEPS and c.i > obj.i for c in verb.children):
        return obj
    return None


def _her_then_quote(obj: Token) -> bool:
    """'called her "a liar"': 'her' hung on the quoted noun as its possessive, a quote mark right after."""
    doc = obj.doc
    for c in obj.children:
        if c.dep_ == "poss" and c.lower_ == "her" and c.i + 1 < len(doc) and doc[c.i + 1].text in QUOTE_TOKENS:
            return True
    return False


def _stray_subject(verb: Token, comp: Token) -> Token | None:
    """Parse repair: 'said the days when ... are gone' - the clause's subject hung on the cue verb."""
    if verb.lemma_.lower() in cues.RECIPIENT_VERBS:
        return None  # 'told reporters the plan is dead': the nominal is the listener
    if any(c.dep_ in {"mark", "nsubj", "nsubjpass", "expl", "csubj"} for c in comp.children):
        return None
    for c in verb.children:
        adjacent = verb.i < c.i and c.right_edge.i + 1 == comp.left_edge.i
        if adjacent and c.dep_ in STRAY_SUBJECT_DEPS and c.pos_ in {"NOUN", "PROPN", "PRON", "NUM"}:
            return c
    return None


def _right_of(verb: Token, first: Token) -> list[Token]:
    """From `first` to the end of the verb's right dependents, stopping at a new clause."""
    end = first
    for c in sorted(verb.children, key=lambda t: t.i):
        if c.i < first.i:
            continue
        if c.dep_ == "conj" and not _new_report(c):
            end = max(c.subtree, key=lambda t: t.i)
            continue
        if c.dep_ in CLAUSE_STOP_DEPS - {"cc"} or c.text in DASHES or c.text in {":", ";"}:
            break
        if c.i > first.i and (c.dep_ in SCENE_DEPS or (c.dep_ == "prep" and _sets_scene(c))):
            break
        if c.is_punct or c.dep_ == "cc":
            continue
        end = max(c.subtree, key=lambda t: t.i)
    end = max(end, max(first.subtree, key=lambda t: t.i), key=lambda t: t.i)
    return _cut(first, end)


def _cut(first: Token, end: Token) -> list[Token]:
    """The tokens from `first`'s left edge to `end`, stopping at a dash, colon or gloss after `first`."""
    doc = first.doc
    cut: list[Token] = []
    for t in doc[first.left_edge.i : end.i + 1]:
        if t.i > first.i and (t.text in DASHES or t.text in {":", ";"}):
            break
        if t.i > first.i and t.text == "," and t.i + 1 < len(doc) and _gloss_starts(doc[t.i + 1]):
            break
        cut.append(t)
    return span_tokens(_cut_final_which(cut))


def _sets_scene(prep: Token) -> bool:
    """'at a rally', 'during the debate', 'on Tuesday', 'in a statement': a phrase on the cue verb that
    says when or how the report was made, not what was reported."""
    if prep.lower_ in SCENE_PREPOSITIONS:
        return True
    objs = [c for c in prep.children if c.dep_ == "pobj"]
    if not objs or prep.lower_ not in TIME_OR_MEDIUM_PREPOSITIONS:
        return False
    obj = objs[0]
    return obj.ent_type_ in TIME_ENTS or obj.lemma_.lower() in cues.STATEMENT_NOUNS | MEDIUM_NOUNS


def host_clause(verb: Token) -> list[Token]:
    """'The plan, she said, is dead' / 'The plan is dead, she said': a parenthetical cue whose
    report is the clause it interrupts or follows."""
    # '..., said the company's chief executive': an inverted cue, the report parsed as its coordinated
    # head or as a clausal subject.
    subject_after = any(c.dep_ == "nsubj" and c.i > verb.i for c in verb.children)
    fronted = [c for c in verb.children if c.i < verb.i and c.dep_ in {"nsubj", "csubj"} and c.pos_ in {"VERB", "AUX"}]
    if subject_after and fronted:
        return span_tokens(sorted(fronted[0].subtree, key=lambda t: t.i))
    attached = verb.dep_ in {"parataxis", "ccomp", "advcl"} or (subject_after and verb.dep_ == "conj")
    if not attached or verb.head.pos_ not in {"VERB", "AUX"}:
        return []
    if any(c.dep_ in {"ccomp", "dobj", "xcomp"} for c in verb.children):
        return []
    left = verb.left_edge.i
    doc = verb.doc
    if left == 0 or (doc[left - 1].text not in DASHES | {","} and verb.head.i < verb.i):
        return []
    phrase = list(verb.subtree)
    return clause_without(verb.head, phrase)


def _new_report(conj: Token) -> bool:
    """A coordinated verb that starts a new report ('... and said Y') rather than continuing content."""
    if conj.lemma_.lower() in cues.ALL_VERB_CUES:
        return True
    return not any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in conj.children)


def _gloss_starts(tok: Token) -> bool:
    """', which means that ...' / ', pointing to ...': a comment added to the report, not its content."""
    if tok.lower_ == "which" and any(c.dep_ == "ccomp" for c in tok.head.children):
        return True
    if tok.lower_ in CONTRAST_MARKS and tok.dep_ == "mark":
        return True  # ', while others said ...': the journalist's contrast, not the report
    doc = tok.doc
    while tok.dep_ == "advmod" and tok.i + 1 < len(doc):
        tok = doc[tok.i + 1]  # ', implicitly putting ...'
    return tok.tag_ == "VBG" and tok.dep_ == "advcl"


def _with_trailing_quote(verb: Token, tokens: list[Token]) -> list[Token]:
    """'X argued that Y, "because Z."' - a quotation right after the content belongs to it (mixed)."""
    if not tokens:
        return tokens
    doc = verb.doc
    k = tokens[-1].i + 1
    while k < len(doc) and doc[k].text in {",", "—", "–"}:
        k += 1
    if k >= len(doc) or doc[k].text not in QUOTE_TOKENS:
        return tokens
    end = max(verb.subtree, key=lambda t: t.i).i
    if end <= k:
        return tokens
    return span_tokens(list(doc[tokens[0].i : end + 1]))


def _cut_final_which(tokens: list[Token]) -> list[Token]:
    """'..., which would allow X' at the end of a content is a gloss on it, not part of the report."""
    if len(tokens) < 3:
        return tokens
    last = tokens[-1].i
    for k, t in enumerate(tokens[:-1]):
        nxt = tokens[k + 1]
        if t.text == "," and nxt.lower_ in GLOSS_WORDS and k > 0:
            clause_end = max(nxt.head.subtree, key=lambda x: x.i).i
            if clause_end >= last - 1:
                return tokens[:k]
    return tokens


def cut_colon(tokens: list[Token]) -> list[Token]:
    """'X said the harvest was late: "..."' - the report ends at a colon that opens a quote."""
    for k, t in enumerate(tokens[:-1]):
        if t.text == ":" and k > 0 and tokens[k + 1].text in QUOTE_TOKENS:
            return tokens[:k]
    return tokens


def clause_without(attach: Token, phrase: list[Token]) -> list[Token]:
    """The clause that `attach` heads, minus the attribution phrase (and its commas)."""
    ids = {t.i for t in phrase}
    clause = sorted(attach.subtree, key=lambda t: t.i)
    lo, hi = min(ids), max(ids)
    before = [t for t in clause if t.i < lo]
    after: list[Token] = []
    for t in clause:
        if t.i <= hi:
            continue
        if t.text in DASHES or t.text in {";", ":"}:
            break
        after.append(t)
    before_words = [t for t in before if not t.is_punct]
    after_words = [t for t in after if not t.is_punct]
    if before_words and after_words and len(before_words) <= 2:
        return span_tokens(after)
    if not after_words:
        return span_tokens(before)
    if not before_words:
        return span_tokens(after)
    if any(t.pos_ in {"VERB", "AUX"} for t in before_words) and not any(
        t.pos_ in {"VERB", "AUX"} and t.dep_ in {"ROOT", "conj", "relcl", "ccomp"} for t in after_words
    ):
        return span_tokens(before)  # 'Y, according to X, more than Z': the tail is an aside
    return span_tokens([t for t in clause if t.i not in ids])
