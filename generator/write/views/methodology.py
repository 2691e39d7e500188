"""The methodology page's data: the interview guides, the codebook, the coder's agreement, what was redacted and
what the inputs were. Its prose (method, limitations, what each privacy level publishes) is in
theme/templates/methodology.html."""

from __future__ import annotations

from typing import Any

from generator.config import StudyConfig
from generator.publication import Publication
from generator.synthesise.report_level import overview
from generator.synthesise.splits import ALPHA
from generator.write.urls import METHODOLOGY_URL, PARTICIPANTS_URL, STYLE_URL, dimension_url, save_as, theme_url
from generator.write.views.agreement import (
    DIMENSION_TARGET,
    NEAR_CHANCE_KAPPA,
    agreement_section,
    dimension_agreement_rows,
)
from generator.write.views.counts import splits
from generator.write.views.guides import guides_section
from generator.write.views.page import Page
from generator.write.views.references import all_reference_rows
from generator.write.views.review import review_section

# What each redaction detector and list replaces, in words.
KIND_NAMES = {
    "email": "e-mail addresses",
    "url": "web addresses",
    "phone": "phone numbers",
    "address": "postal addresses",
    "name": "names of people",
    "organisation": "names of organisations",
    "term": "other listed terms",
}


def methodology_page(publication: Publication, config: StudyConfig) -> Page:
    report = publication.report
    repaired = [s for s in report.interviews if s.repairs]
    labels = {t.slug: t.label for t in config.codebook}
    coded = {d.slug for d in report.dimensions}
    data = {
        "kind": "methodology",
        "N": report.N,
        "splits": splits(report),
        "guides": guides_section(report, config),
        "codebook": [
            {
                "slug": t.slug,
                "label": t.label,
                "definition": t.definition,
                "include": t.include,
                "exclude": t.exclude,
                "examples": list(t.examples),
                "url": theme_url(t.slug),
            }
            for t in config.codebook
        ],
        "repairs": {"interviews": len(repaired), "count": sum(s.repairs for s in repaired)},
        "privacy": _privacy(publication, config),
        "skipped": [{"source": s.source, "message": s.message} for s in report.skipped],
        "credit": config.credit,
        "agreement": agreement_section(config.agreement, labels) if config.agreement else None,
        "dimensions": [
            {
                "slug": d.slug,
                "label": d.label,
                "definition": d.definition,
                "multiple": d.multiple,
                "max_values": d.max_values,
                "default": d.value(d.default).label if d.default else None,
                # Only the dimensions the report codes have a page (see analyse/dimension_coding.py).
                "url": dimension_url(d.slug) if d.slug in coded else None,
                "value_definitions": [
                    {
                        "slug": v.slug,
                        "label": v.label,
                        "definition": v.definition,
                        "exclude": v.exclude,
                        "examples": list(v.examples),
                    }
                    for v in d.values
                ],
            }
            for d in config.dimensions
        ],
        "dimension_agreement": {
            "rows": dimension_agreement_rows(config.agreement, {d.slug: d.label for d in config.dimensions}),
            "target": f"{DIMENSION_TARGET:.2f}",
            "near_chance_kappa": f"{NEAR_CHANCE_KAPPA:.2f}",
        }
        if config.agreement and config.agreement.dimensions
        else None,
        "split_tests": _split_tests(publication),
        "references": all_reference_rows(report, config.references),
        "participants_url": PARTICIPANTS_URL,
        "style_url": STYLE_URL,
        **({"review": review_section(report.review, publication, config.agreement, labels)} if report.review else {}),
    }
    return Page(
        "Methodology", "methodology", METHODOLOGY_URL, save_as(METHODOLOGY_URL), "pagedata/methodology.json", data
    )


def _privacy(publication: Publication, config: StudyConfig) -> dict[str, Any]:
    """What the site publishes (the level) and what redaction looked for and replaced."""
    redaction = config.privacy
    listed = [
        name
        for name, entries in (
            ("names of people", redaction.names),
            ("names of organisations", redaction.organisations),
            ("other terms", redaction.terms),
        )
        if entries
    ]
    counts = publication.report.redactions.counts if publication.report.redactions else ()
    return {
        "level": publication.level,
        "detected": [KIND_NAMES[k] for k in redaction.detect],
        "listed": listed,
        "counts": [{"what": KIND_NAMES[k], "n": n} for k, n in counts if n],
        "interviews": publication.report.redactions.interviews if publication.report.redactions else 0,
    }


def _split_tests(publication: Publication) -> dict[str, Any] | None:
    """How splits are compared, with how many tests this report ran; None with fewer than two splits."""
    ov = overview(publication.report)
    if len(ov.splits) < 2:
        return None
    count = sum(len(tests) for _, tests in ov.tests) + sum(len(tests) for _, tests in ov.styles.tests)
    return {
        "alpha": f"{ALPHA:.0%}",
        "count": count,
        # At the 5% level, tests of splits that do not differ find a difference about one time in twenty.
        "by_chance": round(count * ALPHA, 1),
    }
