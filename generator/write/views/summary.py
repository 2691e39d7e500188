"""The opening summary as the home page and the share card state it: each point synthesise/summary.py
chose, written from its sentence template below, every figure a link to its evidence (pure).

The templates are the summary's only prose. `{figN}` is the Nth figure as a link ("68% of interviews
(767 of 1125)"), `{labelN}` the Nth subject's name; `{reference}` is the published figure as a link
to its source, `{accuracy}` the style coding's agreement with careful coding.
"""

from __future__ import annotations

import re
from typing import Any

from generator.config import StudyConfig
from generator.models import Report, Share
from generator.synthesise.report_level import STYLES
from generator.synthesise.summary import SummaryPoint, summary_points
from generator.write.format import percent_label
from generator.write.urls import STYLE_URL, theme_url

SENTENCES = {
    "leading_most": "Most participants raised “{label0}”: {fig0}, more than any other theme.",
    "leading": "The theme participants raised most often was “{label0}”: {fig0}.",
    "concerns": "The concerns raised most often were “{label0}”, in {fig0}, and “{label1}”, in {fig1}.",
    "concern": "The concern raised most often was “{label0}”, in {fig0}.",
    "split_difference": "The splits differ most on “{label0}”: {fig0} against {fig1}, "
    "a difference a two-proportion test finds at the 5% level.",
    "styles": "Describing how they work with AI, participants collaborate with it in {fig0}, "
    "delegate to it in {fig1} and do both in {fig2}.",
    "styles_indicative": "Describing how they work with AI, participants collaborate with it in {fig0}, "
    "delegate to it in {fig1} and do both in {fig2}; indicative only, as the automatic coding of style "
    "agrees with careful coding in {accuracy} of interviews.",
    "published_higher": "A figure published for this study is higher: {reference}, against {fig0} here, "
    "where a different definition is counted.",
    "published_lower": "A figure published for this study is lower: {reference}, against {fig0} here, "
    "where a different definition is counted.",
    "published_close": "A figure published for this study is close to this report’s: {reference}, against {fig0} here.",
}

_FIELD = re.compile(r"\{(\w+)\}")
# (text, link or None) for each field of a sentence.
_Fields = dict[str, tuple[str, str | None]]


def summary(report: Report, config: StudyConfig) -> list[dict[str, Any]]:
    """The summary's sentences, each as parts (text, with a url where it is a link) and as plain text."""
    sentences = []
    for point in summary_points(report, config):
        parts = _parts(SENTENCES[point.kind], _fields(point, config))
        sentences.append({"kind": point.kind, "parts": parts, "text": "".join(p["text"] for p in parts)})
    return sentences


def _parts(template: str, fields: _Fields) -> list[dict[str, Any]]:
    parts: list[dict[str, Any]] = []
    for i, piece in enumerate(_FIELD.split(template)):
        if i % 2 == 0:
            if piece:
                parts.append({"text": piece})
            continue
        text, url = fields[piece]
        # A source's address is absolute; the site's own are site-relative (templates prefix SITEURL).
        parts.append({"text": text, "url": url, "external": url.startswith("http")} if url else {"text": text})
    return parts


def _fields(point: SummaryPoint, config: StudyConfig) -> _Fields:
    fields: _Fields = {}
    for i, (subject, share) in enumerate(zip(point.subjects, point.figures, strict=True)):
        is_style = subject in STYLES
        if point.reference is not None:
            url = f"{STYLE_URL if is_style else theme_url(subject)}#published"
            scope = f"{point.reference.split} interviews" if point.reference.split else "interviews"
        elif is_style:
            url, scope = f"{STYLE_URL}#style-{subject}", "interviews"
        elif point.test is not None:
            url, scope = f"{theme_url(subject)}#by-split", f"{share.name} interviews"
        else:
            url, scope = theme_url(subject), "interviews"
        fields[f"label{i}"] = (subject if is_style else config.theme(subject).label, None)
        fields[f"fig{i}"] = (figure(share, scope), url)
    if point.reference is not None:
        ref = point.reference
        # The link is to the source; its title is beside the finding, where the sentence's figure links.
        fields["reference"] = (f"{_value(ref.value)} of {ref.sample} {ref.measure}", ref.url)
    if config.agreement is not None:
        fields["accuracy"] = (percent_label(round(100 * config.agreement.tool.style_accuracy), 100), None)
    return fields


def figure(share: Share, scope: str = "interviews") -> str:
    """A figure as the summary states it: "68% of interviews (767 of 1125)"."""
    return f"{percent_label(share.n, share.N)} of {scope} ({share.n} of {share.N})"


def _value(value: float) -> str:
    """A published figure as published: whole numbers without a decimal point."""
    return f"{value:g}%"
