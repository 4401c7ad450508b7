"""Within-article speaker resolution: the source phrase of a claim -> one real-world speaker.

An article first registers, in text order, every person and organisation it names and the entity
each subject pronoun refers to (tasks/extract/registry.py, coref.py). Each claim's source phrase is
then read by its head (heads.py): a name is the speaker; a role noun with a principal is an unnamed
speaker *on behalf of* that principal ('a spokesman for Mr. X'); a description resolves to the
person whose role it names (role nouns: role_speakers.py); anything else stays unnamed rather than
guessed. In: a cue's subject token and the article registry; out: a `Speaker` (speaker.py) or None.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from schemas import SpeakerKind
from tasks.extract import heads, principals
from tasks.extract.coref import (
    BODY_PRONOUNS,
    FIRST_PERSON,
    PAIR_WORDS,
    PERSON_PRONOUNS,
    PLURAL_PRONOUNS,
    RELATIVE_PRONOUNS,
    resolve_collective,
    resolve_pair,
    resolve_personal,
)
from tasks.extract.cues import GOVERNMENT_WORDS, QUANTITY_SUBJECTS, SPEAKER_NOUNS, STATEMENT_NOUNS
from tasks.extract.person_names import TITLES, canonical_org_name, fold, parse_person_name, strip_possessive
from tasks.extract.registration import NAME_LABELS
from tasks.extract.registry import Registry
from tasks.extract.role_speakers import demonym_phrase, role_phrase, unresolved_role
from tasks.extract.speaker import (
    CONF_AMBIGUOUS,
    CONF_NAMED,
    CONF_NOUN,
    CONF_PRONOUN,
    CONF_SURNAME,
    CONF_UNRESOLVED,
    Speaker,
    of_entity,
)


class SpeakerResolver:
    """Resolves the subject token of a cue to a Speaker using the article registry."""

    def __init__(self, registry: Registry, author: str | None) -> None:
        self.registry = registry
        self.author = author

    def resolve(self, subj: Token, offset: int, quote_speaker: Speaker | None = None) -> Speaker | None:
        """Speaker for `subj` (doc token; `offset` maps doc chars to article chars)."""
        speaker = self._resolve(subj, offset, quote_speaker)
        if speaker is not None and speaker.kind == SpeakerKind.GOVERNMENT and principals.is_published_piece(subj):
            # 'an article in X': an outlet, though the tagger may call it a place
            return replace(speaker, kind=SpeakerKind.ORGANIZATION)
        return speaker

    def _resolve(self, subj: Token, offset: int, quote_speaker: Speaker | None) -> Speaker | None:
        head = self._source_head(subj)
        low = head.lower_
        pos = offset + head.idx
        if low in PAIR_WORDS and not any(c.dep_ == "prep" for c in head.children):
            pair = resolve_pair(self.registry, pos)
            if pair:
                # 'each said': the two people just talked about, named together as a group.
                names = "; ".join(e.canonical for e in pair)
                return Speaker(names, SpeakerKind.GROUP, None, (pos, pos + len(head.text)), CONF_PRONOUN)
        if low in QUANTITY_SUBJECTS or head.lemma_.lower() in QUANTITY_SUBJECTS:
            # '55 percent of voters', 'those surveyed': a part of a group, named by the whole phrase.
            m_start, m_end = heads.token_span(heads.mention_tokens(head))
            words = head.doc.text[m_start:m_end]
            whole = principals.named_whole(head)
            if whole is not None:
                # 'a significant number of Democrats': the quantifier is dropped, the named group speaks.
                return Speaker(whole, SpeakerKind.GROUP, words, (offset + m_start, offset + m_end), CONF_NOUN)
            return Speaker(words, SpeakerKind.GROUP, None, (offset + m_start, offset + m_end), CONF_NOUN)
        if head.pos_ == "PRON" or low in PERSON_PRONOUNS | PLURAL_PRONOUNS | FIRST_PERSON:
            return self._pronoun(low, pos, (pos, pos + len(head.text)), quote_speaker)
        toks = heads.mention_tokens(head)
        m_start, m_end = heads.token_span(toks)
        mention = (offset + m_start, offset + m_end)
        role = heads.appositive_role(head)
        person = heads.speaker_person(head, toks)
        if person is not None:
            found = self._person(toks, [t for t in person if not t.is_punct], mention, role, pos)
            return found or self._unnamed(toks, mention, role)
        untagged = heads.untagged_name(head)
        if untagged:
            found = self._person(toks, untagged, mention, role, pos)
            if found is not None:
                return found
        appos = heads.appositive_person(head)
        if appos is not None and not heads.ents_in([head], ("PERSON",)):
            # 'One of his advisers, Tad Devine,': the apposition names the speaker.
            return self._person(toks, [t for t in appos if not t.is_punct], mention, None, pos) or self._unnamed(
                toks, mention, role
            )
        embedded = heads.embedded_name(head)
        if embedded:
            full = sorted({*toks, *embedded}, key=lambda t: t.i)
            m_start, m_end = heads.token_span([full[0], full[-1]])
            found = self._person(full, embedded, (offset + m_start, offset + m_end), role, pos)
            return found or self._unnamed(toks, mention, role)
        if fold(head.lemma_) in GOVERNMENT_WORDS:
            # 'Westfield authorities', 'the Morrow administration': a government organ, named as written.
            text = " ".join(t.text for t in heads.strip_det(toks)) or head.text
            return Speaker(canonical_org_name(text), SpeakerKind.GOVERNMENT, role, mention, CONF_NOUN)
        if (heads.is_role_noun(head) or head.pos_ == "NOUN") and head.ent_type_ not in heads.PRINCIPAL_LABELS:
            found = role_phrase(self.registry, head, toks, mention, role, offset)
            found = found or unresolved_role(head, toks, mention)
            if found is not None:
                return found
        demonym = demonym_phrase(self.registry, head, toks, mention, offset)
        if demonym is not None:
            return demonym
        return self._named_thing(head, toks, mention, role, pos)

    @staticmethod
    def _unnamed(toks: list[Token], mention: tuple[int, int], role: str | None) -> Speaker:
        """A source the article does not name: kept as a role, never as a name."""
        doc = toks[0].doc
        return Speaker(
            None, SpeakerKind.UNKNOWN, role or doc[toks[0].i : toks[-1].i + 1].text, mention, CONF_UNRESOLVED
        )

    def _source_head(self, subj: Token) -> Token:
        """'X's comments' -> X; 'who' in a relative clause -> the noun it modifies."""
        if subj.lemma_.lower() in STATEMENT_NOUNS:
            for c in subj.children:
                if c.dep_ == "poss":
                    return c
        if subj.lower_ in RELATIVE_PRONOUNS and subj.head.dep_ == "relcl":
            subj = subj.head.head
        if subj.dep_ == "appos" and subj.head.ent_type_ == "PERSON" and subj.ent_type_ != "PERSON":
            return subj.head  # 'Jane Roe, a physicist who ...': the apposition's person
        if fold(subj.text).rstrip(".") in TITLES and subj.dep_ == "compound" and subj.head.ent_type_ == "PERSON":
            return subj.head  # 'Del. Jane Roe' with the title taken for the subject
        return principals.issuer_of(subj) or subj

    # --- pronouns -------------------------------------------------------------------------------------

    def _pronoun(self, low: str, pos: int, span: tuple[int, int], quote_speaker: Speaker | None) -> Speaker | None:
        if low in FIRST_PERSON:
            if quote_speaker is not None:
                conf = min(quote_speaker.confidence, CONF_PRONOUN)
                return Speaker(
                    quote_speaker.name, quote_speaker.kind, quote_speaker.role, span, conf, quote_speaker.affiliation
                )
            if self.author:
                return Speaker(self.author, SpeakerKind.PERSON, None, span, CONF_PRONOUN)
            return Speaker(None, SpeakerKind.UNKNOWN, None, span, CONF_UNRESOLVED)
        ent = self.registry.pronouns.get(pos)
        if ent is None:
            if low in PERSON_PRONOUNS:
                ent = resolve_personal(self.registry, low, pos)
            elif low in PLURAL_PRONOUNS or low in BODY_PRONOUNS:
                ent = resolve_collective(self.registry, low, pos)
            else:
                return None  # "this", "one": not a speaker we can name
        if ent is None:
            return Speaker(None, SpeakerKind.UNKNOWN, None, span, CONF_UNRESOLVED)
        return of_entity(ent, None, span, CONF_PRONOUN)

    # --- names ----------------------------------------------------------------------------------------

    def _person(
        self, toks: list[Token], name_toks: list[Token], mention: tuple[int, int], role: str | None, pos: int
    ) -> Speaker | None:
        titled = heads.with_titles(name_toks)
        name = parse_person_name(heads.written_words(titled))
        if name is None:
            return None if len(toks) == len(name_toks) else self._unnamed(toks, mention, role)
        ids = {t.i for t in titled}
        written_role = heads.role_words(toks, ids) or name.titles or role
        role_toks = [t for t in toks if t.i not in ids] + heads.appositive_tokens(name_toks[-1])
        affiliation = principals.affiliation_of(role_toks)
        known = self.registry.person_for(name, pos)
        if known is not None:
            full = len(name.given) >= len(known.given)
            found = of_entity(known, written_role, mention, CONF_NAMED if full else CONF_SURNAME)
            return replace(found, affiliation=affiliation or found.affiliation)
        if not name.given and any(e.key == name.key for e in self.registry.people()):
            # Two people share this surname and nothing here decides between them.
            return Speaker(name.text, SpeakerKind.PERSON, written_role, mention, CONF_AMBIGUOUS, affiliation)
        return Speaker(name.text, SpeakerKind.PERSON, written_role, mention, CONF_SURNAME, affiliation)

    def _named_thing(
        self, head: Token, toks: list[Token], mention: tuple[int, int], role: str | None, pos: int
    ) -> Speaker:
        """An organisation, government or group; a person the registry knows; else an unnamed role."""
        text = heads.phrase_text(toks, head)
        lemma = head.lemma_.lower()
        org = heads.ent_of(toks, ("ORG", "GPE", "NORP", "FAC")) or heads.ent_holding(
            head, ("ORG", "GPE", "NORP", "FAC")
        )
        if org is not None:
            known = self.registry.person_named_as_body(heads.written_words(list(org)), pos)
            if known is not None:
                return of_entity(known, role, mention, CONF_NAMED)
            person = heads.person_tail(org)
            if person:
                # 'Harbor News Jonas Falk' tagged as one organisation: a given name starts a person's name.
                return self._person(toks, person, mention, role, pos) or self._organization(
                    toks, org, head, mention, role
                )
        # The tagger may read a surname it calls an entity as a common noun ('Trump is touting ...').
        named = head.pos_ == "PROPN" or (head.pos_ == "NOUN" and head.text[:1].isupper() and bool(head.ent_type_))
        propn = [t for t in toks if (t.pos_ == "PROPN" or (t is head and named)) and fold(t.text) not in TITLES]
        if propn and (org is None or (len(org) == 1 and head.i in range(org.start, org.end))) and named:
            # A bare surname the tagger called an organisation (or a place, for someone named in full).
            in_full = org is not None and org.label_ != "ORG"
            known = self.registry.person_by_surname(propn[-1].text, pos, named_in_full=in_full)
            if known is not None:
                return of_entity(known, heads.role_words(toks, {propn[-1].i}) or role, mention, CONF_SURNAME)
        if lemma in GOVERNMENT_WORDS or fold(text) in GOVERNMENT_WORDS:
            return Speaker(canonical_org_name(text), SpeakerKind.GOVERNMENT, role, mention, CONF_NOUN)
        if org is not None:
            return self._organization(toks, org, head, mention, role)
        if head.pos_ == "PROPN" and fold(head.text) not in TITLES:
            known_org = self.registry.org_for(canonical_org_name(text))
            name_text = known_org.canonical if known_org else canonical_org_name(text)
            return Speaker(name_text, SpeakerKind.ORGANIZATION, role, mention, CONF_NOUN)
        if head.text[:1].isupper():
            # A capitalised word the tagger read as a common noun: a person the article named in full.
            known = self.registry.person_by_surname(head.text, pos, named_in_full=True)
            if known is not None:
                return of_entity(known, role, mention, CONF_SURNAME)
        if head.text[:1].isupper() and not head.is_sent_start and lemma not in SPEAKER_NOUNS:
            # A capitalised noun inside a sentence is a name the tagger did not know ('RealClearPolitics').
            return Speaker(canonical_org_name(text), SpeakerKind.ORGANIZATION, role, mention, CONF_NOUN)
        kind = SpeakerKind.GROUP if head.tag_ in {"NNS", "NNPS"} else SpeakerKind.UNKNOWN
        if lemma in SPEAKER_NOUNS or kind == SpeakerKind.GROUP:
            return Speaker(None, kind, strip_possessive(text), mention, CONF_NOUN)
        return Speaker(None, SpeakerKind.UNKNOWN, strip_possessive(text), mention, CONF_UNRESOLVED)

    def _organization(
        self, toks: list[Token], org: Span, head: Token, mention: tuple[int, int], role: str | None
    ) -> Speaker:
        kind = NAME_LABELS.get(org.label_, SpeakerKind.ORGANIZATION)
        if org.label_ == "FAC":
            kind = SpeakerKind.ORGANIZATION
        name = canonical_org_name(org.text)
        if any(fold(w) in GOVERNMENT_WORDS for w in name.split()):
            kind = SpeakerKind.GOVERNMENT
        where = principals.group_place(head) if org.label_ == "NORP" else None
        if where is not None:
            # 'Republicans on the X Committee': the group keeps the body that places it.
            return Speaker(f"{name} {where}", SpeakerKind.GROUP, role, mention, CONF_NAMED)
        if head.i not in range(org.start, org.end):
            # 'AIR Center's senior advisors': the organization speaks through its members.
            rest = [t for t in toks if t.i >= org.end and not t.is_punct and t.dep_ != "case"]
            if rest:
                role = head.doc[rest[0].i : rest[-1].i + 1].text
            if head.tag_ in {"NNS", "NNPS"} and head.lemma_.lower() not in SPEAKER_NOUNS:
                kind = SpeakerKind.GROUP
        known = self.registry.org_for(name)
        return Speaker(known.canonical if known else name, kind, role, mention, CONF_NAMED)
