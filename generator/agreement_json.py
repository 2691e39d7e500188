"""eval/agreement.json, the file: `agreement_to_json` writes the typed model (generator/agreement.py) as
`report eval --write` stores it, and `agreement_from_json` reads it back for the study configuration,
naming the first key that is missing or of the wrong type."""

from __future__ import annotations

from typing import Any

from generator.agreement import (
    Agreement,
    CodingAgreement,
    DimensionAgreement,
    Interval,
    ThemeAgreement,
    ValueAgreement,
)
from generator.jsonread import count as _count
from generator.jsonread import flag as _flag
from generator.jsonread import get as _get
from generator.jsonread import listed as _list
from generator.jsonread import number as _number
from generator.jsonread import pair as _pair
from generator.jsonread import table as _table
from generator.jsonread import text as _text


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
    # Only where measured, so a file written before dimensions existed reads back and writes out unchanged.
    if a.dimensions:
        out["dimensions"] = [_dimension_json(d) for d in a.dimensions]
    if a.dimensions_between_coders:
        out["dimensions_between_coders"] = [_dimension_json(d) for d in a.dimensions_between_coders]
    return out


def _dimension_json(d: DimensionAgreement) -> dict[str, object]:
    return {
        "slug": d.slug,
        "multiple": d.multiple,
        "n": d.n,
        "accuracy": d.accuracy,
        "accuracy_interval": _interval_json(d.accuracy_interval),
        "micro_f1": d.micro_f1,
        "micro_f1_interval": _interval_json(d.micro_f1_interval),
        "kappa": d.kappa,
        "kappa_interval": _interval_json(d.kappa_interval),
        "values": [
            {
                "value": v.value,
                "precision": v.precision,
                "recall": v.recall,
                "f1": v.f1,
                "f1_interval": _interval_json(v.f1_interval),
                "reference_prevalence": v.reference_prevalence,
                "other_prevalence": v.other_prevalence,
            }
            for v in d.values
        ],
    }


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
        dimensions=_dimensions_from(top, "dimensions"),
        dimensions_between_coders=_dimensions_from(top, "dimensions_between_coders"),
    )


def _dimensions_from(raw: dict[str, Any], key: str) -> tuple[DimensionAgreement, ...]:
    listed = _get(raw, key, "", _list, optional=True) or []
    return tuple(_dimension_from(_table(d, f"{key}[{i}]"), f"{key}[{i}].") for i, d in enumerate(listed))


def _dimension_from(raw: dict[str, Any], where: str) -> DimensionAgreement:
    def maybe(key: str, r: dict[str, Any] = raw, at: str = where) -> float | None:
        return _get(r, key, at, _number, optional=True)

    def interval(key: str, r: dict[str, Any] = raw, at: str = where) -> Interval | None:
        return _get(r, f"{key}_interval", at, _interval, optional=True)

    values = []
    for i, v in enumerate(_get(raw, "values", where, _list)):
        at = f"{where}values[{i}]."
        v = _table(v, at.rstrip("."))
        values.append(
            ValueAgreement(
                _get(v, "value", at, _text), maybe("precision", v, at), maybe("recall", v, at), maybe("f1", v, at),
                interval("f1", v, at), _get(v, "reference_prevalence", at, _number),
                _get(v, "other_prevalence", at, _number),
            )
        )  # fmt: skip
    return DimensionAgreement(
        _get(raw, "slug", where, _text), _get(raw, "multiple", where, _flag), _get(raw, "n", where, _count),
        maybe("accuracy"), interval("accuracy"), maybe("micro_f1"), interval("micro_f1"),
        _get(raw, "kappa", where, _number), interval("kappa"), tuple(values),
    )  # fmt: skip


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


def _interval(value: object) -> Interval:
    if not isinstance(value, list) or len(value) != 2:
        raise TypeError("[low, high] or null")
    try:
        return Interval(_number(value[0]), _number(value[1]))
    except TypeError:
        raise TypeError("[low, high] or null") from None
