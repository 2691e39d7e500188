"""The coder's agreement with careful independent coding: one typed model, eval/agreement.json's contents.

`report eval --write` makes it from an Evaluation (`agreement_from`) and writes it (`agreement_to_json`);
the study configuration reads it back (`agreement_from_json`) for the methodology, theme and slide pages.
Figures are rounded to two places when made, so what is written is what is read: a round trip gives
an equal object. Pure: reading and writing happen in config.py and the CLI.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from generator.evaluate import Comparison, Evaluation, ThemeScore

T = TypeVar("T")


@dataclass(frozen=True)
class Interval:
    """A 95% interval: at 64 interviews a theme has a handful of positives, and one
    disagreement moves its F1 by a tenth, so no figure is published without one."""

    low: float
    high: float


@dataclass(frozen=True)
class ThemeAgreement:
    """Agreement on one theme. F1 and kappa are None where neither coding codes the theme in any
    interview (agreement on absence alone measures nothing)."""

    slug: str
    f1: float | None
    f1_interval: Interval | None
    kappa: float | None
    # Only for the tool against the reference coding; prevalences in percent.
    precision: float | None = None
    recall: float | None = None
    human_prevalence: float | None = None
    tool_prevalence: float | None = None


@dataclass(frozen=True)
class CodingAgreement:
    """How far one coding agrees with the reference coding over `n` interviews. Intervals are None in a
    file written before they were measured, `macro_f1_themes` likewise (every theme then counts)."""

    n: int
    group_accuracy: float
    group_accuracy_interval: Interval | None
    style_accuracy: float
    style_accuracy_interval: Interval | None
    macro_f1: float
    macro_f1_interval: Interval | None
    macro_f1_themes: int | None
    pooled_kappa: float
    pooled_kappa_interval: Interval | None
    themes: tuple[ThemeAgreement, ...]


@dataclass(frozen=True)
class Agreement:
    """What eval/agreement.json holds: the tool against the reference coding on one part of the
    evaluation set, and, where the set is double-coded, a second annotator against the first."""

    part: str
    tool: CodingAgreement
    # (exact, checked): quotes found word for word in their participant turn.
    quotes_exact: tuple[int, int] | None = None
    # (correct, shown): evidence quotes the complete annotation marks as showing their theme; only
    # for the completely annotated part. `lead_quotes_correct` counts each theme's first quote only.
    evidence_correct: tuple[int, int] | None = None
    lead_quotes_correct: tuple[int, int] | None = None
    between_coders: CodingAgreement | None = None

    def theme(self, slug: str) -> ThemeAgreement | None:
        return next((t for t in self.tool.themes if t.slug == slug), None)


# --- From an evaluation (report eval --write)


def agreement_from(result: Evaluation) -> Agreement:
    """The figures the methodology page publishes, rounded to two places; no dates, so rebuilds stay identical."""
    evidence = result.evidence
    return Agreement(
        part=result.part,
        tool=_coding(result.tool, tool=True),
        quotes_exact=(result.quotes_exact, result.quotes_checked),
        evidence_correct=(evidence.correct, evidence.shown) if evidence else None,
        lead_quotes_correct=(evidence.lead_correct, evidence.lead) if evidence else None,
        between_coders=_coding(result.coders, tool=False) if result.coders else None,
    )


def _coding(c: Comparison, tool: bool) -> CodingAgreement:
    return CodingAgreement(
        n=c.n,
        group_accuracy=round(c.group_accuracy, 2),
        group_accuracy_interval=_rounded(c.group_interval),
        style_accuracy=round(c.style_accuracy, 2),
        style_accuracy_interval=_rounded(c.style_interval),
        macro_f1=round(c.macro_f1, 2),
        macro_f1_interval=_rounded(c.macro_f1_interval),
        macro_f1_themes=len(c.measured),
        pooled_kappa=round(c.pooled_kappa, 2),
        pooled_kappa_interval=_rounded(c.kappa_interval),
        themes=tuple(_theme(t, tool) for t in c.themes),
    )


def _theme(t: ThemeScore, tool: bool) -> ThemeAgreement:
    common = ThemeAgreement(t.slug, _r2(t.f1), _rounded(t.f1_interval), _r2(t.kappa))
    if not tool:
        return common
    return ThemeAgreement(
        common.slug, common.f1, common.f1_interval, common.kappa,
        _r2(t.precision), _r2(t.recall), _r2(t.reference_prevalence), _r2(t.other_prevalence),
    )  # fmt: skip


def _r2(x: float | None) -> float | None:
    return None if x is None else round(x, 2)


def _rounded(i: Interval | None) -> Interval | None:
    return None if i is None else Interval(round(i.low, 2), round(i.high, 2))


# --- To and from eval/agreement.json


def agreement_to_json(a: Agreement) -> dict[str, object]:
    out: dict[str, object] = {"part": a.part, **_coding_json(a.tool)}
    if a.quotes_exact is not None:
        out["quotes_exact"] = list(a.quotes_exact)
    if a.evidence_correct is not None:
        out["evidence_shown_correct"] = list(a.evidence_correct)
    if a.lead_quotes_correct is not None:
        out["lead_quotes_correct"] = list(a.lead_quotes_correct)
    out["themes"] = [
        {
            "slug": t.slug,
            "precision": t.precision,
            "recall": t.recall,
            "f1": t.f1,
            "f1_interval": _interval_json(t.f1_interval),
            "kappa": t.kappa,
            "human_prevalence": t.human_prevalence,
            "tool_prevalence": t.tool_prevalence,
        }
        for t in a.tool.themes
    ]
    if a.between_coders:
        out["between_coders"] = {
            **_coding_json(a.between_coders),
            "themes": [
                {"slug": t.slug, "f1": t.f1, "f1_interval": _interval_json(t.f1_interval), "kappa": t.kappa}
                for t in a.between_coders.themes
            ],
        }
    return out


def _coding_json(c: CodingAgreement) -> dict[str, object]:
    return {
        "n": c.n,
        "occupation_group_accuracy": c.group_accuracy,
        "occupation_group_accuracy_interval": _interval_json(c.group_accuracy_interval),
        "interaction_style_accuracy": c.style_accuracy,
        "interaction_style_accuracy_interval": _interval_json(c.style_accuracy_interval),
        "macro_f1": c.macro_f1,
        "macro_f1_interval": _interval_json(c.macro_f1_interval),
        "macro_f1_themes": c.macro_f1_themes,
        "pooled_kappa": c.pooled_kappa,
        "pooled_kappa_interval": _interval_json(c.pooled_kappa_interval),
    }


def _interval_json(i: Interval | None) -> list[float] | None:
    return None if i is None else [i.low, i.high]


def agreement_from_json(raw: object) -> Agreement:
    """The model of a parsed agreement file; ValueError naming the first key that is missing or of the
    wrong type ("themes[2].f1 must be a number or null, got 'high'")."""
    if not isinstance(raw, dict) or not isinstance(raw.get("themes"), list):
        raise ValueError("no 'themes' list")
    top: dict[str, Any] = raw
    coders = top.get("between_coders")
    return Agreement(
        part=_get(top, "part", "", _text),
        tool=_coding_from(top, "", tool=True),
        quotes_exact=_get(top, "quotes_exact", "", _pair, optional=True),
        evidence_correct=_get(top, "evidence_shown_correct", "", _pair, optional=True),
        lead_quotes_correct=_get(top, "lead_quotes_correct", "", _pair, optional=True),
        between_coders=None
        if coders is None
        else _coding_from(_table(coders, "between_coders"), "between_coders.", False),
    )


def _coding_from(raw: dict[str, Any], where: str, tool: bool) -> CodingAgreement:
    def figure(key: str) -> float:
        return _get(raw, key, where, _number)

    def interval(key: str) -> Interval | None:
        return _get(raw, f"{key}_interval", where, _interval, optional=True)

    themes = _get(raw, "themes", where, _list)
    return CodingAgreement(
        n=_get(raw, "n", where, _count),
        group_accuracy=figure("occupation_group_accuracy"),
        group_accuracy_interval=interval("occupation_group_accuracy"),
        style_accuracy=figure("interaction_style_accuracy"),
        style_accuracy_interval=interval("interaction_style_accuracy"),
        macro_f1=figure("macro_f1"),
        macro_f1_interval=interval("macro_f1"),
        macro_f1_themes=_get(raw, "macro_f1_themes", where, _count, optional=True),
        pooled_kappa=figure("pooled_kappa"),
        pooled_kappa_interval=interval("pooled_kappa"),
        themes=tuple(
            _theme_from(_table(t, f"{where}themes[{i}]"), f"{where}themes[{i}].", tool) for i, t in enumerate(themes)
        ),
    )


def _theme_from(raw: dict[str, Any], where: str, tool: bool) -> ThemeAgreement:
    def maybe(key: str) -> float | None:
        return _get(raw, key, where, _number, optional=True)

    common = (
        _get(raw, "slug", where, _text),
        maybe("f1"),
        _get(raw, "f1_interval", where, _interval, optional=True),
        maybe("kappa"),
    )
    if not tool:
        return ThemeAgreement(*common)
    prevalence = (_get(raw, "human_prevalence", where, _number), _get(raw, "tool_prevalence", where, _number))
    return ThemeAgreement(*common, maybe("precision"), maybe("recall"), *prevalence)


def _get(raw: dict[str, Any], key: str, where: str, read: Callable[[object], T], optional: bool = False) -> T:
    """raw[key] read by `read`; a missing key is an error unless `optional` (then None, as is null)."""
    if key not in raw and not optional:
        raise ValueError(f"'{where}{key}' is missing")
    value = raw.get(key)
    if value is None and optional:
        return None  # type: ignore[return-value]  # optional readers return T | None
    try:
        return read(value)
    except TypeError as e:
        raise ValueError(f"'{where}{key}' must be {e}, got {value!r}") from None


def _table(value: object, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValueError(f"{where} must be a JSON object, got {type(value).__name__}")
    return value


def _number(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError("a number")
    return float(value)


def _count(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise TypeError("a whole number")
    return value


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("a string")
    return value


def _list(value: object) -> list[Any]:
    if not isinstance(value, list):
        raise TypeError("a list")
    return value


def _interval(value: object) -> Interval:
    if not isinstance(value, list) or len(value) != 2:
        raise TypeError("[low, high] or null")
    try:
        return Interval(_number(value[0]), _number(value[1]))
    except TypeError:
        raise TypeError("[low, high] or null") from None


def _pair(value: object) -> tuple[int, int]:
    if not isinstance(value, list) or len(value) != 2:
        raise TypeError("[count, of] or null")
    try:
        return _count(value[0]), _count(value[1])
    except TypeError:
        raise TypeError("[count, of] or null") from None
