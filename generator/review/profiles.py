"""The review screen's corrections of an interview's profile: `set` decisions on its interaction style,
occupation and occupation group.

Input: each interview's profile as the report has it (the study's decisions applied, read when the
screen started) and the `set` decisions of this session. Output: the profile each interview has now,
as the page shows it, in the site's words; and a correction checked before it is written.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from generator.review.record import FIELDS, SetDecision
from generator.review.suggestions import Profile
from generator.write.format import GROUP_LABELS, STYLE_LABELS

# The values a field may take, with the words the site uses for them; occupation is free text.
CHOICES = {"interaction_style": STYLE_LABELS, "occupation_group": GROUP_LABELS}
# An occupation as a reviewer types it: a few words, never a paragraph.
MAX_OCCUPATION = 120


class BadCorrection(ValueError):
    """A correction the format cannot hold, or one that changes nothing: the message says which."""


def choices_json() -> dict[str, list[dict[str, str]]]:
    return {name: [{"value": v, "label": label} for v, label in labels.items()] for name, labels in CHOICES.items()}


class Corrections:
    """The study's profiles and this session's corrections of them, in order."""

    def __init__(self, profiles: Mapping[str, Profile]) -> None:
        self.profiles = profiles
        self.made: list[SetDecision] = []

    def knows(self, interview: object) -> bool:
        return isinstance(interview, str) and interview in self.profiles

    def profile(self, interview: str) -> Profile:
        """The interview's profile with this session's corrections: a later one of a field wins."""
        read = self.profiles[interview]
        values = {name: read.value(name) for name in FIELDS}
        for d in self.made:
            if d.interview == interview:
                values[d.field] = d.value
        # A person's correction of the style has no evidence sentence: the coder's showed another style.
        evidence = read.style_evidence if values["interaction_style"] == read.interaction_style else None
        return Profile(values["interaction_style"], values["occupation"], values["occupation_group"], evidence)

    def as_json(self, interview: str) -> dict[str, Any]:
        profile = self.profile(interview)
        out: dict[str, Any] = {}
        for name in FIELDS:
            value = profile.value(name)
            out[name] = {"value": value, "label": CHOICES[name].get(value, value) if name in CHOICES else value}
        evidence = profile.style_evidence
        out["style_evidence"] = {"turn": evidence.turn, "text": evidence.text} if evidence else None
        return out

    def checked(self, interview: str, field: object, value: object) -> tuple[str, str]:
        """The field and its value as a `set` decision holds them (spaces collapsed), or BadCorrection."""
        if not isinstance(field, str) or field not in FIELDS:
            raise BadCorrection(f"field must be one of {', '.join(FIELDS)}")
        words = field.replace("_", " ")
        if not isinstance(value, str) or not value.strip():
            raise BadCorrection(f"give the {words}")
        value = " ".join(value.split())
        if field in CHOICES and value not in CHOICES[field]:
            raise BadCorrection(f"{words} must be one of {', '.join(CHOICES[field])}")
        if len(value) > MAX_OCCUPATION:
            raise BadCorrection(f"the {words} is longer than {MAX_OCCUPATION} characters; say it in a few words")
        if self.profile(interview).value(field) == value:
            raise BadCorrection(f"the {words} of interview {interview} is already {value!r}")
        return field, value

    def record(self, decision: SetDecision) -> None:
        self.made.append(decision)

    def take_back(self, decision: SetDecision) -> None:
        """Forget the latest correction equal to this one (undone)."""
        for i in range(len(self.made) - 1, -1, -1):
            if self.made[i] == decision:
                del self.made[i]
                return
