"""Redaction as people really write: identifiers touched by punctuation, spelled out, hidden by invisible or
look-alike characters, sitting among other numbers. Each case is what a reader of the site would see."""

from __future__ import annotations

import random

import phonenumbers
import phonenumbers.phonenumbermatcher
import pytest

from generator.config import Privacy
from generator.redact import Redactor

LISTED = Privacy(names=("Margaret Thornbury", "Al Smith", "Vincent van Gogh"), organisations=("Riverside Clinic",))


@pytest.fixture(scope="module")
def redactor():
    return Redactor(LISTED)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mail a@b.com— then", "mail [EMAIL-1]— then"),
        ("mail a@b.com… then", "mail [EMAIL-1]… then"),
        ("mail a@b.com/ then", "mail [EMAIL-1]/ then"),
        ("mail a@b.com& then", "mail [EMAIL-1]& then"),
        ("mail «a@b.com» then", "mail «[EMAIL-1]» then"),
        ("mail a@x.com;b@y.com then", "mail [EMAIL-1];[EMAIL-2] then"),
        ("(jane.doe@outlook.com)", "([EMAIL-1])"),
        ("'jane@outlook.com'", "'[EMAIL-1]'"),
    ],
)
def test_an_email_is_found_whatever_punctuation_touches_it(redactor, text, expected):
    assert redactor.clean(text) == expected


@pytest.mark.parametrize(
    "address",
    [
        "jane dot doe at outlook dot com",
        "jane[at]outlook[dot]com",
        "jane (at) outlook.com",
        "jane%40outlook.com",
        "jane AT outlook DOT com",
        "jane {at} outlook {dot} com",
        "jane @ outlook.com",
    ],
)
def test_a_written_out_email_is_found(redactor, address):
    assert redactor.clean(f"write to {address} please") == "write to [EMAIL-1] please"


def test_an_address_written_two_ways_keeps_one_marker(redactor):
    text = "It is jane.doe@outlook.com, or say jane dot doe at outlook dot com."
    assert redactor.clean(text) == "It is [EMAIL-1], or say [EMAIL-1]."


@pytest.mark.parametrize(
    "text",
    [
        "I was at the dot com boom and look at it now.",
        "We met at work. Then at home, at last.",
        "I work at acme.com these days",  # a workplace's web address, not a person's mailbox
    ],
)
def test_ordinary_uses_of_at_and_dot_are_not_emails(redactor, text):
    assert "[EMAIL" not in redactor.clean(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("see «www.example.com» now", "see «[URL-1]» now"),
        ("see https://example.com/a— now", "see [URL-1]— now"),
        ("see https://example.com/a… now", "see [URL-1]… now"),
        ("see “example.org” now", "see “[URL-1]” now"),
    ],
)
def test_a_url_is_found_whatever_punctuation_touches_it(redactor, text, expected):
    assert redactor.clean(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("numbers 12 34 56 +1 415 555 0132 78 90 11", "numbers 12 34 56 [PHONE-1] 78 90 11"),
        ("ref 4471 3321 020 7946 0018 5512 9", "ref 4471 3321 [PHONE-1] 5512 9"),
        ("codes 7 8 (415) 555-0132 9", "codes 7 8 [PHONE-1] 9"),
        ("call 0207 946 0958 today", "call [PHONE-1] today"),  # alone, any grouping
    ],
)
def test_a_phone_number_is_found_inside_a_run_of_other_numbers(redactor, text, expected):
    assert redactor.clean(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        " ".join(str(i) for i in range(1, 200)),
        "scores 12345 67890 24680 13579 11223 44556",
        "between 2019 and 2024 we grew 15 20 25 30 percent",
    ],
)
def test_runs_of_ordinary_numbers_are_left_alone(redactor, text):
    assert redactor.clean(text) == text


@pytest.mark.parametrize(
    "address",
    [
        "1600 Pennsylvania Ave NW, Washington, DC 20500",
        "P.O. Box 123",
        "PO Box 4567, Springfield",
        "10 Downing Street, London SW1A 2AA",
        "221B Baker Street, London NW1 6XE",
        "1600 Amphitheatre Parkway, Mountain View, CA 94043",
    ],
)
def test_us_and_uk_street_addresses_and_po_boxes_are_found(redactor, address):
    assert redactor.clean(f"Write to {address} soon.") == "Write to [ADDRESS-1] soon."


@pytest.mark.parametrize(
    "text",
    [
        "We found 5 or more different ways to potentially go in.",
        "The group has 300K people and is still growing in size.",
        "I spent 3 years on the project, then 2 more.",
    ],
)
def test_sentences_with_numbers_are_not_addresses(redactor, text):
    assert redactor.clean(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Margaret\u00adThornbury said", "[NAME-1] said"),
        ("Thorn\u00adbury said", "[NAME-1] said"),
        ("Marga\u200bret Thornbury said", "[NAME-1] said"),
        ("\ufeffThornbury\u200d said", "[NAME-1] said"),
        ("Ｍａｒｇａｒｅｔ Ｔｈｏｒｎｂｕｒｙ said", "[NAME-1] said"),
        ("MARGARET THORNBURY said", "[NAME-1] said"),
        ("Thornbury's team", "[NAME-1]'s team"),
        ("Riverside\u00a0Clinic hired", "[ORG-1] hired"),
    ],
)
def test_a_listed_name_is_found_through_invisible_and_full_width_characters(redactor, text, expected):
    assert redactor.clean(text) == expected


def test_an_email_with_a_cyrillic_look_alike_letter_is_found(redactor):
    assert redactor.clean("mail jane@\u043eutlook.com now") == "mail [EMAIL-1] now"  # Cyrillic о


def test_parts_of_a_listed_name_are_redacted_alone_and_keep_the_persons_marker(redactor):
    text = "Margaret Thornbury runs it. Thornbury is strict; Margaret is kind."
    assert redactor.clean(text) == "[NAME-1] runs it. [NAME-1] is strict; [NAME-1] is kind."


def test_short_parts_and_particles_of_a_listed_name_do_not_eat_ordinary_words(redactor):
    assert redactor.clean("Al dente pasta, then Smith arrived") == "Al dente pasta, then [NAME-1] arrived"
    assert redactor.clean("we hired a van from Gogh's friend") == "we hired a van from [NAME-1]'s friend"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my supervisor Dr. Margaret Ellison said", "my supervisor Dr. [NAME-1] said"),
        ("I told Priya Raman about it", "I told [NAME-1] about it"),
        ("Ask Mrs Okonkwo first", "Ask Mrs [NAME-1] first"),
        ("Prof. Chen agreed", "Prof. [NAME-1] agreed"),
        ("I read Walter Benjamin's essay", "I read [NAME-1]'s essay"),
    ],
)
def test_a_person_nobody_listed_is_found_by_title_or_first_name_and_surname(text, expected):
    assert Redactor(Privacy()).clean(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "I use Claude Code and Google Docs every day.",
        "Claude Sonnet and Gemini Pro write drafts.",
        "I run my Mary Kay business from home.",
        "We read the Harry Potter books together.",
        "She moved to Jackson County and then New York City.",
        "My Account page shows it.",
        "Will Power is a band I like.",
        "The Early Years team met on Monday.",
    ],
)
def test_products_places_and_capitalised_phrases_are_not_names(text):
    assert Redactor(Privacy()).clean(text) == text


def test_a_title_before_a_listed_name_keeps_the_listed_persons_marker(redactor):
    text = "Dr. Margaret Thornbury came; Thornbury left."
    assert redactor.clean(text) == "Dr. [NAME-1] came; [NAME-1] left."


def test_unlisted_names_are_left_alone_when_the_name_detector_is_off():
    text = "I told Priya Raman and Dr. Ellison"
    assert Redactor(Privacy(detect=("email", "url", "phone", "address"))).clean(text) == text


def test_the_replacement_covers_the_invisible_characters_inside_the_identifier(redactor):
    cleaned = redactor.clean("a jane\u00ad@\u200boutlook.com b")
    assert cleaned == "a [EMAIL-1] b"


def numbers(n: int, seed: int) -> str:
    """One answer of n numbers: counts, years, and pieces of phone numbers, as a pasted table reads."""
    rnd = random.Random(seed)
    pieces = ["415", "555", "0132", "020", "7946", "0958", "+1", "+44", "(212)", "12", "2024", "07700", "900123"]
    return " ".join(rnd.choice(pieces) if rnd.random() < 0.5 else str(rnd.randrange(100000)) for _ in range(n))


def libphonenumber_calls(monkeypatch, text: str) -> int:
    calls = 0
    real = phonenumbers.parse

    def counting(*args, **kwargs):
        nonlocal calls
        calls += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(phonenumbers, "parse", counting)
    monkeypatch.setattr(phonenumbers.phonenumbermatcher, "parse", counting)
    Redactor(Privacy()).clean(text)
    return calls


def test_redacting_a_long_run_of_numbers_takes_work_linear_in_its_length(monkeypatch):
    # Counted, not timed: one answer of 3,000 numbers used to take 206 s, the work growing with the square.
    small = libphonenumber_calls(monkeypatch, numbers(2000, seed=1))
    large = libphonenumber_calls(monkeypatch, numbers(8000, seed=2))
    assert large <= 5 * small + 50
    assert large <= 8000  # at most about one question to libphonenumber per number
