"""Pronouns and role nouns -> the entity they refer to, by agreement and salience.

Agreement: 'he' is a man or a person of unknown gender, never a woman, never an organisation;
'it' is an organisation or government, never a person; 'they' a body or a group. Salience: the
subject of a recent sentence (a claim's speaker is its cue's subject) beats a name merely mentioned.
When nothing agrees nearby the answer is None: unresolved is better than wrong.
"""

from __future__ import annotations

from schemas import SpeakerKind
from tasks.extract.gender import PRONOUN_GENDER, Gender, of_role
from tasks.extract.registry import Entity, EntityMention, Registry, normalise_role

PERSON_PRONOUNS: frozenset[str] = frozenset({"he", "she", "him", "her"})
PLURAL_PRONOUNS: frozenset[str] = frozenset({"they", "them"})
FIRST_PERSON: frozenset[str] = frozenset({"i", "we", "me", "us"})
RELATIVE_PRONOUNS: frozenset[str] = frozenset({"who", "which", "that"})
# 'It said ...' of a company, agency or report: resolved like 'they', to the body last named.
BODY_PRONOUNS: frozenset[str] = frozenset({"it"})
# How far back (characters) a pronoun looks for a subject, and for any mention at all.
SUBJECT_WINDOW = 1500
MENTION_WINDOW = 2500
# How far back (characters) a role noun or a body's noun looks for what it names: about an article.
DESCRIPTION_REACH = 20_000
# A subject of known, agreeing gender this much further back still beats a nearer one of unknown gender.
GENDER_PREFERENCE_GAP = 400
# 'the bank', 'the network': a body named this recently (characters) is what a definite noun means.
ORG_NOUN_WINDOW = 1200
ORG_NOUNS: frozenset[str] = frozenset(
    [
        "company",
        "firm",
        "bank",
        "network",
        "channel",
        "newspaper",
        "paper",
        "magazine",
        "outlet",
        "station",
        "broadcaster",
        "publication",
        "campaign",
        "committee",
        "agency",
        "group",
        "organization",
        "organisation",
        "party",
        "union",
        "association",
        "board",
        "commission",
        "council",
        "panel",
        "court",
        "institute",
        "foundation",
        "center",
        "centre",
        "university",
        "school",
        "tribunal",
    ]
)
# Nouns that name any one person of a gender: 'the woman said' -> the last woman named nearby.
PERSON_GENDER_NOUNS: dict[str, Gender] = {"woman": "f", "man": "m", "lady": "f", "gentleman": "m"}


def resolve_personal(registry: Registry, pronoun: str, pos: int) -> Entity | None:
    """'he'/'she' at `pos`: the most salient agreeing person, else None.

    The latest subject wins when its gender is known to agree; a subject of unknown gender loses to
    a person of known, agreeing gender named after it ('X described Mrs. Y as a disgrace after she ...')
    or a little before it."""
    gender = PRONOUN_GENDER.get(pronoun)
    subject: Entity | None = None
    subject_pos = 0
    known: Entity | None = None  # the latest mention of known, agreeing gender
    fallback: Entity | None = None
    for m in registry.visible_before(pos, MENTION_WINDOW):
        ent = m.entity
        if ent.kind != SpeakerKind.PERSON:
            continue
        if gender is not None and ent.gender is not None and ent.gender != gender:
            continue
        if known is None and gender is not None and ent.gender == gender and pos - m.pos <= SUBJECT_WINDOW:
            if subject is not None and subject.gender is None:
                # ... unless the subject governs the pronoun's own sentence ('X condemned what he called').
                if (
                    subject_pos - m.pos <= GENDER_PREFERENCE_GAP
                    and m.is_subject
                    and not registry.same_sentence(subject_pos, pos)
                ):
                    return ent
            else:
                known = ent
        if m.is_subject and pos - m.pos <= SUBJECT_WINDOW and subject is None:
            outer = _outer_subject(registry, m, gender) if m.pos in registry.embedded_subjects else None
            if outer is not None:
                return outer  # 'A said B had ... . He said': A, the speaker, not B
            subject, subject_pos = ent, m.pos
            if ent.gender is not None:
                return ent
            if known is not None:
                return known  # named after the unknown-gender subject, and agreeing
        if fallback is None:
            fallback = ent
    return subject or fallback


def _outer_subject(registry: Registry, inner: EntityMention, gender: Gender | None) -> Entity | None:
    """The agreeing person who is the main subject of the sentence whose embedded clause has `inner`
    as subject, when that is someone else."""
    for m in registry.visible_before(inner.pos, SUBJECT_WINDOW):
        if not registry.same_sentence(m.pos, inner.pos):
            return None
        ent = m.entity
        if m.is_subject and m.pos not in registry.embedded_subjects and ent.kind == SpeakerKind.PERSON:
            agrees = gender is None or ent.gender in (None, gender)
            return ent if agrees and ent is not inner.entity else None
    return None


def resolve_collective(registry: Registry, pronoun: str, pos: int) -> Entity | None:
    """'they'/'it' at `pos`: the organisation, government or group last named nearby."""
    for m in registry.visible_before(pos, SUBJECT_WINDOW):
        ent = m.entity
        if ent.kind == SpeakerKind.PERSON:
            continue
        if pronoun == "it" and ent.kind == SpeakerKind.GROUP:
            continue  # 'it' is not 'Republicans'
        if pronoun in PLURAL_PRONOUNS and ent.kind == SpeakerKind.GOVERNMENT:
            continue  # a country or city is 'it'; 'they' near one are its people or officials, unnamed
        return ent
    return None


def resolve_role(registry: Registry, noun: str, modifiers: list[str], pos: int) -> Entity | None:
    """'the former president' -> the person last mentioned whose roles hold 'president' and 'former'."""
    noun = normalise_role(noun)
    mods = [normalise_role(m) for m in modifiers]
    fallback: Entity | None = None
    for m in registry.visible_before(pos, DESCRIPTION_REACH):
        ent = m.entity
        if not ent.roles:
            continue
        if any(noun in r.split() or noun in r for r in ent.roles):
            if all(any(x in r for r in ent.roles) for x in mods):
                return ent
            if fallback is None:
                fallback = ent
    return fallback if not mods else None


def resolve_gender_noun(registry: Registry, noun: str, pos: int) -> Entity | None:
    """'the woman' -> the most recent person of that gender (known, not guessed) nearby."""
    gender = PERSON_GENDER_NOUNS.get(noun)
    if gender is None:
        return None
    for m in registry.visible_before(pos, SUBJECT_WINDOW):
        if m.entity.kind == SpeakerKind.PERSON and m.entity.gender == gender:
            return m.entity
    return None


def resolve_org_noun(registry: Registry, noun: str, pos: int) -> Entity | None:
    """'the committee' -> the body last named whose name holds the noun, else (for a company, outlet
    or bank) the organisation last named nearby."""
    if noun not in ORG_NOUNS:
        return None
    nearest: Entity | None = None
    for m in registry.visible_before(pos, DESCRIPTION_REACH):
        ent = m.entity
        if ent.kind == SpeakerKind.PERSON:
            continue
        if noun in ent.key.split():
            return ent
        if nearest is None and ent.kind != SpeakerKind.GROUP and pos - m.pos <= ORG_NOUN_WINDOW:
            nearest = ent
    if noun in {"campaign", "committee", "party", "court", "group", "union", "council", "board", "panel"}:
        return None  # a named body must say so: 'the campaign' is not the last company named
    return nearest


# Person-role nouns a definite description may use for the person being talked about ('the candidate').
PERSON_ROLE_NOUNS: frozenset[str] = frozenset(
    [
        "candidate",
        "nominee",
        "frontrunner",
        "hopeful",
        "contender",
        "challenger",
        "incumbent",
        "senator",
        "governor",
        "president",
        "congressman",
        "congresswoman",
        "lawmaker",
        "mayor",
        "minister",
        "secretary",
        "chairman",
        "chairwoman",
        "businessman",
        "businesswoman",
        "billionaire",
        "developer",
        "host",
        "anchor",
        "leader",
        "official",
        "spokesman",
        "spokeswoman",
        "lawyer",
        "attorney",
        "judge",
        "general",
        "commander",
        "ambassador",
        "diplomat",
    ]
)
# How far back (characters) 'the candidate' looks for the subject it stands for, when no role names it.
DESCRIPTION_WINDOW = 700


def resolve_salient_person(registry: Registry, noun: str, pos: int) -> Entity | None:
    """'The candidate said ...' with no person given that role: the person subject of the last
    sentences, when exactly one person is the subject there."""
    if noun not in PERSON_ROLE_NOUNS:
        return None
    return salient_subject(registry, pos, of_role(noun), noun)


def salient_subject(registry: Registry, pos: int, gender: str | None, noun: str | None = None) -> Entity | None:
    """The one person subject of the last sentences (of `gender` when known), else None."""
    subjects = {
        m.entity
        for m in registry.visible_before(pos, DESCRIPTION_WINDOW)
        if m.is_subject
        and m.entity.kind == SpeakerKind.PERSON
        and (gender is None or m.entity.gender != "fm".replace(gender, ""))
    }
    if len(subjects) > 1:
        # 'the nominee' after the nominee and 'FBI Director X': someone the article gave another role is
        # not who a new description means.
        untitled = {e for e in subjects if not e.roles or (noun is not None and any(noun in r for r in e.roles))}
        subjects = untitled or subjects
    return subjects.pop() if len(subjects) == 1 else None


def sole_candidate(registry: Registry, pronoun: str, pos: int) -> Entity | None:
    """The only person of unknown or agreeing gender a subject 'he'/'she' can mean nearby, if there is
    exactly one: then the pronoun shows that person's gender."""
    gender = PRONOUN_GENDER.get(pronoun)
    found = {
        m.entity
        for m in registry.visible_before(pos, SUBJECT_WINDOW)
        if m.entity.kind == SpeakerKind.PERSON and (gender is None or m.entity.gender in (None, gender))
    }
    return found.pop() if len(found) == 1 else None


# 'X said. He added ...': a subject pronoun this close (characters) after a person subject, with no
# other person named between, continues that subject; then the pronoun shows the person's gender.
ADJACENT_SUBJECT_WINDOW = 250


def adjacent_subject(registry: Registry, pos: int) -> Entity | None:
    """The person subject named last before `pos`, nearby and with no other person between, else None.
    Only in the writer's own text: inside a quotation 'he' may be anyone the speaker has in mind."""
    if registry.quote_at(pos) != -1:
        return None
    for m in registry.visible_before(pos, ADJACENT_SUBJECT_WINDOW):
        if m.entity.kind != SpeakerKind.PERSON:
            continue
        return m.entity if m.is_subject else None
    return None


# Subjects that stand for the two people just talked about ('each said', 'both said').
PAIR_WORDS: frozenset[str] = frozenset({"each", "both"})
# Else the two people named this recently (characters), subjects or not.
PAIR_WINDOW = 300


def resolve_pair(registry: Registry, pos: int) -> list[Entity]:
    """'Each said ...': the two most recent distinct person subjects nearby, in article order; [] when
    there are not exactly two within reach."""
    for window, subjects_only in ((SUBJECT_WINDOW, True), (PAIR_WINDOW, False)):
        found: list[Entity] = []
        for m in registry.visible_before(pos, window):
            if (m.is_subject or not subjects_only) and m.entity.kind == SpeakerKind.PERSON and m.entity not in found:
                found.append(m.entity)
                if len(found) == 2:
                    return found[::-1]
    return []


# Shortest stem a demonym and a place name must share ('Texan' ~ 'Texas', 'Briton' ~ 'Britain').
DEMONYM_STEM = 4


def demonym_matches(demonym: str, word: str) -> bool:
    """'Texan' ~ 'Texas', 'New Yorker' ~ 'New York', 'Republican' ~ 'Republican': the same word, or
    a place and its people word sharing a stem of DEMONYM_STEM letters that leaves at most a short
    ending on the place (-a, -ia, -ain, -s)."""
    a, b = demonym.lower(), word.lower()
    if a == b:
        return True
    stem = 0
    while stem < min(len(a), len(b)) and a[stem] == b[stem]:
        stem += 1
    return stem >= DEMONYM_STEM and len(b) - stem <= 3 and len(a) > stem


def resolve_demonym(registry: Registry, demonym: str, pos: int, *, strict: bool = False) -> Entity | None:
    """'the Texan said': among the person subjects of the last sentences, the one whose roles (or
    affiliation) name the place or party ('a Republican from Texas'); else (unless `strict`: the
    word only narrows down a role noun, 'the Republican nominee') the only one there is."""
    subjects: list[Entity] = []
    for m in registry.visible_before(pos, DESCRIPTION_WINDOW):
        if m.is_subject and m.entity.kind == SpeakerKind.PERSON and m.entity not in subjects:
            subjects.append(m.entity)
    words = demonym.split()
    matching = [
        e
        for e in subjects
        if any(
            demonym_matches(" ".join(words), " ".join(r.split()[i : i + len(words)]))
            for r in [*e.roles, e.affiliation or ""]
            for i in range(len(r.split()))
        )
    ]
    if len(matching) == 1:
        return matching[0]
    return subjects[0] if len(subjects) == 1 and not strict else None
