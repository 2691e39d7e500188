"""An interview's page: its profile, section summaries, coded themes with their evidence, key quotes,
and its transcript, in full or only the quoted passages, as the publication allows."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from generator.models import InterviewSummary
from generator.publication import Publication
from generator.write.format import GROUP_LABELS, STYLE_LABELS
from generator.write.urls import dimension_url, interview_url, quote_anchor, save_as, theme_url
from generator.write.views.evidence import once_per_page, quote
from generator.write.views.page import Page
from generator.write.views.review import coding_review, field_reviews


def interview_page(
    s: InterviewSummary,
    position: int,
    publication: Publication,
    labels: dict[str, str],
    prev_id: str | None,
    next_id: str | None,
    split: dict[str, Any],
    unreliable: frozenset[str] = frozenset(),
    unreliable_values: Mapping[str, frozenset[str]] | None = None,
) -> Page:
    """The page of the interview at `position` in the report's order (limits count from the first);
    `split` describes its split (views/guides.py); `unreliable`: the dimensions whose coder agreed with
    careful coding little better than chance, and `unreliable_values` by dimension, the values it tells
    little better than chance."""
    in_full = position < publication.full_transcripts
    # Built in the order the page shows them, so the first of a sentence's appearances is the indexed one.
    shown = once_per_page()
    style_evidence = shown(quote(s.id, s.style_evidence)) if s.style_evidence else None
    key_quotes = [shown({**quote(s.id, q), "anchor": quote_anchor(q)}) for q in s.key_quotes]
    sections = [
        {"slug": sec.slug, "title": sec.title, "sentences": [shown(quote(s.id, q)) for q in sec.sentences]}
        for sec in s.sections
        if sec.sentences
    ]
    themes = [
        {
            "slug": t.slug,
            "label": labels[t.slug],
            "url": theme_url(t.slug),
            "evidence": [shown(quote(s.id, q)) for q in t.evidence],
            **coding_review(t, publication),
        }
        for t in s.themes
    ]
    data = {
        "kind": "interview",
        "id": s.id,
        # What a search result is titled: who the participant is, not only an id.
        "search_title": search_title(s),
        "split": s.profile.split,
        # Its split's own title, and the guide its sections are from.
        "split_title": split["title"],
        "guide": {"url": split["guide_url"], "split": split["name"] if split["several_guides"] else None},
        "occupation": s.profile.occupation,
        "occupation_group_label": GROUP_LABELS[s.profile.occupation_group],
        "interaction_style": STYLE_LABELS[s.interaction_style],
        "style_evidence": style_evidence,
        "sections": sections,
        "themes": themes,
        "key_quotes": key_quotes,
        "dimensions": _dimensions(s, publication, shown, unreliable, unreliable_values or {}),
        "turns": _turns(s.id, publication) if in_full else _excerpts(s.id, publication),
        "full_transcript": in_full,
        # Past [limits] search_interviews the page stays out of the search index.
        "searchable": position < publication.searchable,
        # Set when the transcript is withheld by [limits] full_transcripts, not by the publication level.
        "full_transcripts_limit": None if in_full else publication.transcript_limit,
        "repairs": s.repairs,
        **field_reviews(s, publication),
        "prev": {"id": prev_id, "url": interview_url(prev_id)} if prev_id else None,
        "next": {"id": next_id, "url": interview_url(next_id)} if next_id else None,
    }
    url = interview_url(s.id)
    return Page(f"Interview {s.id}", "interview", url, save_as(url), f"pagedata/interviews/{s.id}.json", data)


def search_title(s: InterviewSummary) -> str:
    """ "Interview · Software engineer · workforce": the occupation as stated, its first letter capitalised."""
    occupation = s.profile.occupation
    stated = "Occupation not stated" if occupation == "not stated" else occupation[:1].upper() + occupation[1:]
    return f"Interview · {stated} · {s.profile.split}"


def _dimensions(
    s: InterviewSummary,
    publication: Publication,
    shown: Callable[[dict[str, Any]], dict[str, Any]],
    unreliable: frozenset[str],
    values: Mapping[str, frozenset[str]],
) -> list[dict[str, Any]]:
    """The value (or values) coded for each of the report's dimensions, with the sentences that show them.
    A value of an unreliable dimension stays, marked: its sentences are the participant's own words a reader
    can weigh, but the value is no more than the coder's guess."""
    rows = []
    for f in publication.report.dimensions:
        coded = s.dimension(f.slug)
        labels = {v.slug: v.label for v in f.values}
        rows.append(
            {
                "label": f.label,
                "url": dimension_url(f.slug),
                "reliable": f.slug not in unreliable,
                "coded": [
                    {
                        "label": labels[v.value],
                        "url": f"{dimension_url(f.slug)}#value-{v.value}",
                        # Marked on its own where the dimension as a whole is reliable.
                        "reliable": v.value not in values.get(f.slug, frozenset()),
                        "evidence": [shown(quote(s.id, q)) for q in v.evidence],
                    }
                    for v in (coded.values if coded else ())
                ],
            }
        )
    return rows


def _turn(number: int, speaker: str, paragraphs: list[str]) -> dict[str, Any]:
    return {
        "number": number,
        "speaker": speaker,
        "speaker_label": "Participant" if speaker == "participant" else "Interviewer",
        "anchor": f"turn-{number}",
        "paragraphs": paragraphs,
    }


def _turns(interview_id: str, publication: Publication) -> list[dict[str, Any]]:
    """Every turn, a paragraph per blank-line-separated block."""
    transcript = publication.report.transcripts[interview_id]
    return [
        _turn(t.number, t.speaker, [p.strip() for p in t.text.split("\n\n") if p.strip()]) for t in transcript.turns
    ]


def _excerpts(interview_id: str, publication: Publication) -> list[dict[str, Any]]:
    """Only the quoted turns, each holding only its quoted sentences."""
    return [_turn(e.turn, e.speaker, list(e.sentences)) for e in publication.excerpts.get(interview_id, ())]
