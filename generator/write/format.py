"""How numbers and labels read on the site (pure): one percent rule, intervals, agreement figures,
and the words for occupation groups and interaction styles."""

from __future__ import annotations

from generator.models import Share


def percent(n: int, N: int) -> float:
    """n of N in percent, unrounded (0 when N is 0): what every figure, chart and export starts from."""
    return 100.0 * n / N if N else 0.0


def whole_percent(n: int, N: int) -> int:
    """Whole percent, rounded half up: 12.5% reads as 13%, as a reader rounding by hand expects."""
    return (200 * n + N) // (2 * N) if N else 0


def percent_label(n: int, N: int) -> str:
    return f"{whole_percent(n, N)}%"


def interval_label(share: Share) -> str:
    return f"95% CI {share.low:.0f}–{share.high:.0f}%"


def percent_range(low: float, high: float) -> str:
    """A 95% interval in whole percent, as a chart's table row shows it."""
    return f"{low:.0f}–{high:.0f}%"


def size_label(size: int) -> str:
    """A file's size as a reader sizes up a download: bytes, then kB, MB and GB in thousands (as disks are
    sold), to one decimal; 999,950 bytes read as 1.0 MB, not 1000.0 kB."""
    if size < 1000:
        return "1 byte" if size == 1 else f"{size} bytes"
    value, unit = size / 1000, "kB"
    for larger in ("MB", "GB"):
        if float(f"{value:.1f}") < 1000:
            break
        value, unit = value / 1000, larger
    return f"{value:.1f} {unit}"


def two_places(x: float | None) -> str:
    """An agreement figure; "n/a" where it could not be measured."""
    return "n/a" if x is None else f"{x:.2f}"


def span(low: float, high: float, form: str) -> str:
    """An interval as text in `form`, the unit written once: "55–77%", "0.50–0.70"."""
    return f"{form.format(low).rstrip('%')}–{form.format(high)}"


# Keys: the groups analyse/profile.py assigns (OCCUPATION_GROUPS); a test checks each has its words.
GROUP_LABELS = {
    "education": "Education",
    "healthcare": "Healthcare",
    "community_social_service": "Community and social service",
    "business_finance": "Business and finance",
    "management": "Management",
    "computer_it_data": "Computing, IT and data",
    "engineering_architecture": "Engineering and architecture",
    "science_research": "Science and research",
    "arts_design_media_writing": "Arts, design, media and writing",
    "marketing_sales": "Marketing and sales",
    "customer_service": "Customer service",
    "office_admin": "Office and administration",
    "legal": "Legal",
    "trades_manufacturing_logistics": "Trades, manufacturing and logistics",
    "other": "Other",
    "unknown": "Not stated",
}

# "unclear" is said in words, so a reader never takes a missing description for a style.
STYLE_LABELS = {
    "collaborative": "collaborative",
    "delegating": "delegating",
    "mixed": "mixed",
    "unclear": "unclear (not described in the interview)",
}
