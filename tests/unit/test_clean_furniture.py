"""Furniture rules: widget phrases must go, body sentences that merely mention them must stay."""

from __future__ import annotations

import pytest

from tasks.clean.furniture import (
    icon_count,
    is_caption,
    is_consent_banner,
    is_credit_line,
    is_footer_phrase,
    is_junk_phrase,
    normalise_line,
    opens_comments,
)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("  Follow us on   Social Networks! ", "follow us on social networks"),
        ("© 2019 Example Media Ltd.", "0 example media ltd"),
        ("Copyright 2021", "copyright 0"),
        ("account_circleJane Roeaccess_time3 Mar 2020", "jane roe 0 mar 0"),
        ("ＦＵＬＬＷＩＤＴＨ text", "fullwidth text"),
    ],
)
def test_normalise_line(line: str, expected: str) -> None:
    assert normalise_line(line) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Leave a Reply", True),
        ("Leave a review", True),
        ("Your email address will not be published. Required fields are marked *", True),
        ("Follow us on social networks", True),
        ("Back to top button", True),
        ("Average: 3.5 (4 votes)", True),
        ("(tagstotranslate) Harbour (T) Council (T) Budget", True),
        ("Harbour (K) Council (K) Budget (K) Ferry", True),  # any repeated tag marker
        ("The mayor (D) and the governor (R) met today", False),  # different markers: a sentence
        ("Source:harbourdaily", True),
        ("Share this article", True),
        ("print 3 4 2021", True),
        ("Share 12", True),
        ("Advertisement", True),
        ("Related Articles", True),
        ("All rights reserved.", True),
        ("Sign up for our newsletter", True),
        # negatives: body sentences that contain the same words
        ("The council will share the costs with the port authority.", False),
        ("Readers who follow us on this story know the bridge has been closed since May.", False),
        ("Related talks between the two towns stalled last year.", False),
        ("She said the average rent had risen by 4 percent in a year, a figure disputed by landlords.", False),
        ("Back in 2019, the harbour handled twice as many ships as it does today.", False),
    ],
)
def test_is_junk_phrase(line: str, expected: bool) -> None:
    assert is_junk_phrase(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Fishermen unload the morning catch at the quay. © Harbour Agency / Jane Roe", True),
        ("The ferry leaves the port at dawn. (AP Photo/John Doe)", True),
        ("Dockers on strike outside the gates. Photo: Jane Roe", True),
        ("The ferry leaves the port at dawn, the captain said.", False),
        ("The ferry leaves the port at dawn (ePA)", False),  # an abbreviation in brackets is no agency tag
    ],
)
def test_is_caption(line: str, expected: bool) -> None:
    assert is_caption(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("This website uses cookies to improve your experience. You can opt-out if you wish.", True),
        ("The bakery's cookies sold out before noon, the owner said.", False),
    ],
)
def test_is_consent_banner(line: str, expected: bool) -> None:
    assert is_consent_banner(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("12 Comments", True),
        ("Comments (3)", True),
        ("Leave a Reply", True),
        ("Comments from the mayor drew criticism from harbour workers on Monday.", False),
    ],
)
def test_opens_comments(line: str, expected: bool) -> None:
    assert opens_comments(line) is expected


def test_icon_count() -> None:
    assert icon_count("account_circleJane Roeaccess_time3 Mar 2020remove_red_eye12") == 3
    assert icon_count("The account circle of friends met at the access road.") == 0


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Registration on or use of this site constitutes acceptance of our User Agreement and Privacy Policy", True),
        ("Have a tip? Jane Roe may be reached at jroe@example.com. Follow her on Twitter @jroe.", True),
        ("Get the latest updates right in your inbox. Subscribe to our newsletters.", True),
        ("No part of this page may be reproduced without prior written permission of Harbour Media.", True),
        ("Quotes delayed at least 15 minutes. Market data provided by Coast Exchange.", True),
        ("Jane Roe covers the harbour. Write to her at jroe@example.org", True),
        ("The company changed its privacy policy after regulators complained, the minister said.", False),
        ("The copyright dispute over the harbour song was settled on Monday, the council said.", False),
        ("She followed them on foot to the harbour, where the boats were waiting.", False),
    ],
)
def test_is_footer_phrase(line: str, expected: bool) -> None:
    assert is_footer_phrase(line) is expected


def test_consent_needs_two_distinct_terms() -> None:
    baking = "Her cookies won the contest; the cookie recipe and the cookies' secret ingredient stay private."
    assert not is_consent_banner(baking)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Jane Roe/Harbour Times/Coast Images", True),  # a chain of credited names
        ("Jane Roe | Harbour Times | Coast Images", True),
        ("(XYZ Photo/Jane Roe, File)", True),
        ("XYZ/Jane Roe", True),
        ("Photo: Jane Roe", True),
        ("Coastimages Photos", True),  # a picture library's name
        ("Harbourstock", True),
        ("The harbour wall falls", False),
        ("Crews said the wall / quay was unsafe, and the council agreed.", False),
    ],
)
def test_is_credit_line(line: str, expected: bool) -> None:
    assert is_credit_line(line) is expected
