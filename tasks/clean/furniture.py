"""Site furniture: line normalisation and the phrase rules that mark widget, share and comment lines.

Rules are generic phrases that web templates print around an article (comment forms, share bars, ratings,
newsletter boxes). They never name an outlet or a person: a line is judged by what it *is*, not by whose
site it came from. Corpus-wide repetition (`known_junk`) covers each site's own furniture.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Material-design icon ligature names that leak into text dumps glued to the text they label
# ("account_circleJane Doeaccess_time27 Feb 2022"). They separate metadata fields.
ICON_NAMES: tuple[str, ...] = (
    "account_circle",
    "access_time",
    "remove_red_eye",
    "visibility",
    "calendar_today",
    "date_range",
    "event",
    "schedule",
    "chat_bubble_outline",
    "chat_bubble",
    "mode_comment",
    "comment",
    "person_outline",
    "person",
    "local_offer",
    "label",
    "bookmark_border",
    "bookmark",
    "share",
    "favorite_border",
    "thumb_up",
    "print",
    "email",
    "folder_open",
    "keyboard_arrow_right",
    "keyboard_arrow_up",
    "arrow_upward",
    "expand_more",
)
# Only the snake_case names are distinctive enough to strip inside words.
ICON_RE = re.compile("|".join(re.escape(n) for n in ICON_NAMES if "_" in n))

# Whole-line phrases (matched on the normalised line, anchored at its start) typical of page widgets.
JUNK_LINE_PATTERNS: tuple[str, ...] = (
    r"leave a (reply|review|comment)",
    r"(post a|add a|write a|submit a) (comment|review)",
    r"your email address will not be published",
    r"required fields are marked",
    r"(please )?log ?in to (comment|reply|post)",
    r"(you must be )?logged in to post",
    r"(follow|join|like) us( on| at)?",
    r"(follow|find|like|join) [\w.@]+( on| at)?( (twitter|facebook|instagram|telegram|youtube|social \w+))?$",
    r"(share|tweet|email|print)( this)?( article| story| post| page)?( on| via| with)?\b",
    r"share (on|via)",
    r"back to (top|gallery|home)",
    r"(return|go|skip) to (top|content|main content|navigation|home page|site index)",
    r"(click|tap) here",
    r".{0,80}\b(click|tap)(ing)? here\b",
    r"(sign|log) (in|up|out)\b",
    r"subscribe( now| today| to)?\b",
    r"(sign up|subscribe) (for|to) (our|the) (newsletter|daily|weekly)",
    r"newsletter",
    r"advertisement$",
    r"(sponsored|promoted)( content| stories| links)?$",
    r"(related|recommended|trending|popular|latest|more)( articles?| stories| posts| news| videos?| reads?)?"
    r"( from| on| in| for you)?$",
    r"(most|also) (read|popular|viewed|shared|commented|emailed)",
    r"(you|we) (may|might) (also )?(like|enjoy|be interested)",
    r"read (more|next|also|the full)",
    r"continue reading",
    r"(see|view|show|load) (all|more) ?(comments?|photos?|stories|articles|news)?",
    r"(view|show|hide|load|read) comments?",
    r"\d+ comments?$",
    r"comments?( \(\d+\))?$",
    r"all rights reserved",
    r"(copyright|©|\(c\)) ?(\d{4}|©)",
    r"(privacy|cookie) (policy|notice|settings|preferences)",
    r"terms (of|and) (use|service|conditions)",
    r"(we|this site|this website) uses? cookies",
    r"(average|rating|rated)\W*\d+([.,]\d+)? ?(/ ?\d+|out of \d+)?( \(\d+ votes?\))?",
    r"\(?\d+ votes?\)?$",
    # a tag list: items joined by one repeated short marker ("A (T) B (T) C", "A | B | C" is a credit chain)
    r"(\(?[\w ]{0,20}\)? )?[^()]{1,30} \((?P<tagmark>\w)\) [^()]{1,30}( \((?P=tagmark)\) [^()]{1,30})+$",
    r"tags?:",
    r"(topics|filed under|categories|category|posted in):?",
    r"(source|via|image|photo|picture|credit|credits|caption)s? ?:",
    r"(photo|image|picture|video) (credit|courtesy|by|source)",
    r"(previous|next) (article|post|story)",
    r"(open|close) (menu|search|navigation)",
    r"(toggle|main) (menu|navigation)",
    r"(print|share|email|save)( \d{1,4}){1,3}$",  # a widget label with its counter or date
    r"\d+ min(ute)?s? read$",
    r"(\d+|an?) (seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?) ago\b",
    r"(listen to|play) (this|the) (article|story|podcast)",
    r"(thanks|thank you) for (signing up|subscribing|reading)",
    r"(enter|type) your (email|e-mail|search)",
    r"(this|the) (article|story) (was|has been) (updated|corrected)",
)
JUNK_LINE_RE = re.compile(r"^(?:" + "|".join(JUNK_LINE_PATTERNS) + r")", re.IGNORECASE)
# Junk phrases only trusted on short lines: a long sentence that *mentions* subscribing is still body.
JUNK_MAX_WORDS = 14

# Picture credits, by their form rather than by agency names: a credit word ("Photo: ...", "Credit ..."),
# an upper-case agency tag ("(XYZ Photo/Jane Roe)", "XYZ/Jane Roe"), a chain of names joined by "/" or
# "|" ("Jane Roe/Harbour Times/Coast Images"), or a closing picture-library name ("... Images").
_TAG = r"(?-i:[A-Z]{2,8})"
_PICTURE_WORDS = r"(credit|credits|photo|photos|photograph|image|images|picture|pictures|foto)"
_CREDIT_WORDS = rf"({_PICTURE_WORDS[1:-1]}|source)"
_LIBRARY = r"(?-i:[A-Z][\w&-]*)\s+(images|photos|pictures|presswire)|(?-i:[A-Z]?[a-z]+stock)"
_NAME_PART = r"(?-i:[A-Z][\w.'’&-]*)(?: (?-i:[A-Z][\w.'’&-]*)){0,3}"
CREDIT_CHAIN_RE = re.compile(rf"^\(?{_NAME_PART}(?:\s*[/|]\s*{_NAME_PART}){{1,4}}(?:,\s*\w+)?\)?$")
CREDIT_RE = re.compile(
    rf"^({_CREDIT_WORDS}\b|\(?{_TAG}( photo| images)?\s*[)/]|{_TAG} (photo|images)\b|"
    rf".{{0,60}}\b({_LIBRARY}|{_TAG} photo)\W*$)",
    re.IGNORECASE,
)
# A caption ends with its picture credit: "... © Agency / Name", "(XYZ Photo/Name)", "XYZ/Name".
CAPTION_TAIL_RE = re.compile(
    rf"(©\s*[\w .&/-]{{2,60}}|\({_TAG}( photo| images)?(/[^)]{{0,60}})?\)"
    r"|(?-i:\b[A-Z]{3,}/[A-Z][\w.]+( [A-Z][\w.]+){0,3})|\b(photo|image|picture|credit)s?:\s*[\w .&/,-]{2,60})\s*$",
    re.IGNORECASE,
)
CAPTION_MAX_WORDS = 60
# A line that is only a picture credit (the line above it is then the caption).
PHOTO_CREDIT_RE = re.compile(
    rf"^\W*({_PICTURE_WORDS}\b|{_TAG} ?(photo|/|images)|{_LIBRARY}$)",  # not "Source: ...": a text's source
    re.IGNORECASE,
)
PHOTO_CREDIT_MAX_WORDS = 10
# "<name>'s picture" / "<name>'s avatar": author avatars of CMS templates.
AVATAR_RE = re.compile(r"^(?P<name>.{2,60}?)['’]s (picture|avatar|photo|image|profile picture)$", re.IGNORECASE)

# Legal footers, market-data notices, newsletter boxes and author-contact boxes. Recognised by their
# vocabulary, not by any site's sentence: two distinct terms of rights/terms language in one line of
# moderate length (a news sentence may say "privacy policy" once; a footer piles such terms up), or one
# of the few phrases no article sentence uses.
LEGAL_TERM_RE = re.compile(
    r"\b(reproduced|republished|redistributed|retransmitted|transmitted|cached|rebroadcast"
    r"|(prior )?written permission|rights reserved|user agreement|privacy (policy|statement|notice)"
    r"|cookie (policy|statement)|terms (of|and) (use|service|conditions)|acceptance of|registered trademarks?"
    r"|trademarks?|copyright|affiliates|community (rules|guidelines|standards)|disclaimer"
    r"|(quotes|data|prices) (are |is )?delayed|(data|quotes|prices) (is |are )?provided by"
    r"|informational purposes|investment advice)\b|©",
    re.IGNORECASE,
)
LEGAL_MIN_TERMS = 2
# Author-contact and newsletter boxes: an e-mail address in a short line, "follow me/us on <network>",
# "(in|to) your inbox".
EMAIL_RE = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")
CONTACT_MAX_WORDS = 30
FOOTER_PHRASE_RE = re.compile(
    r"\b(follow (him|her|them|us|me) on \w+|(in|into|to) your inbox"
    r"|(subscribe|sign up) (to|for) [\w’' .]{0,30}(newsletters?|e-?mails?|alerts))\b",
    re.IGNORECASE,
)
FOOTER_MAX_WORDS = 80
# Cookie/consent banners: prose-like, often long, never article text. Two hits make a banner.
CONSENT_RE = re.compile(
    r"\b(cookies?|consent|opt[- ]out|gdpr|tracking technologies|browsing experience"
    r"|privacy (policy|settings))\b",
    re.IGNORECASE,
)
CONSENT_MIN_HITS = 2  # distinct terms: a baking story says "cookies" many times
# Headings that open a comment thread: what follows them is readers' text, not the article.
COMMENTS_START_RE = re.compile(
    r"^\W*(\d+ (comments?|responses|replies|thoughts)\b.*|(top rated |show |view |all |reader |recent )?"
    r"comments?( \(\d+\))?|leave a (reply|comment)|post a comment|join the (discussion|conversation)"
    r"|(add|write) (a|your) comment|what do you think\??|discussion)\W*$",
    re.IGNORECASE,
)

# Invisible characters that dumps and CMSs leave in text (zero-width spaces and joiners, BOM, soft hyphen).
INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")

_DIGITS = re.compile(r"\d+")
_NON_WORD_EDGES = re.compile(r"^\W+|\W+$")
_WS = re.compile(r"\s+")


def tidy(s: str) -> str:
    """One paragraph with invisible characters dropped and every whitespace run made one space."""
    return _WS.sub(" ", INVISIBLE_RE.sub("", s)).strip()


@lru_cache(maxsize=1 << 16)
def normalise_line(s: str) -> str:
    """Canonical form of a line for counting it across a corpus.

    NFKC, lowercase, icon ligatures removed, runs of digits collapsed to "0" (so "© 2019" and "© 2020"
    count as one line), whitespace collapsed and punctuation trimmed at both ends.
    """
    s = unicodedata.normalize("NFKC", s)
    s = ICON_RE.sub(" ", s).lower()
    s = _DIGITS.sub("0", s)
    s = _WS.sub(" ", s).strip()
    return _NON_WORD_EDGES.sub("", s)


def is_junk_phrase(line: str) -> bool:
    """True for a short line that is a widget phrase (comment form, share bar, rating, copyright...)."""
    words = line.split()
    if not words or len(words) > JUNK_MAX_WORDS:
        return False
    plain = _WS.sub(" ", line).strip()
    return bool(JUNK_LINE_RE.match(plain) or JUNK_LINE_RE.match(normalise_line(plain)))


def is_caption(text: str) -> bool:
    """True for a picture caption recognised by its trailing credit."""
    return len(text.split()) <= CAPTION_MAX_WORDS and bool(CAPTION_TAIL_RE.search(text))


def is_footer_phrase(text: str) -> bool:
    """True for legal-footer, market-data, newsletter-box and author-contact lines."""
    n = len(text.split())
    if n > FOOTER_MAX_WORDS:
        return False
    if FOOTER_PHRASE_RE.search(text) or (n <= CONTACT_MAX_WORDS and EMAIL_RE.search(text)):
        return True
    terms = {m.group(0).lower() for m in LEGAL_TERM_RE.finditer(text)}
    return len(terms) >= LEGAL_MIN_TERMS


def is_credit_line(text: str) -> bool:
    """True for a short line that is only a picture credit or a chain of credited names."""
    return len(text.split()) <= JUNK_MAX_WORDS and bool(CREDIT_RE.match(text) or CREDIT_CHAIN_RE.match(text))


def is_photo_credit(text: str) -> bool:
    """True for a line that is only a picture credit ("(AP Photo/Jane Roe)", "© Agency / Jane Roe")."""
    return len(text.split()) <= PHOTO_CREDIT_MAX_WORDS and bool(PHOTO_CREDIT_RE.match(text))


def is_consent_banner(text: str) -> bool:
    """True for cookie/consent banner text (any length)."""
    terms = {m.group(0).lower().rstrip("s") for m in CONSENT_RE.finditer(text)}
    return len(terms) >= CONSENT_MIN_HITS and terms != {"cookie"}


def opens_comments(line: str) -> bool:
    """True for a heading that starts a comment thread ("12 Comments", "Leave a Reply")."""
    return len(line.split()) <= JUNK_MAX_WORDS and bool(COMMENTS_START_RE.match(line.strip()))


def icon_count(line: str) -> int:
    """How many glued icon ligature names a line holds (2+ means a metadata strip, not text)."""
    return len(ICON_RE.findall(line))
