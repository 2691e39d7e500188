"""How numbers and labels read on the site: one percent rule, and words for every group the analysis assigns."""

from __future__ import annotations

from generator.analyse.profile import OCCUPATION_GROUPS
from generator.write.format import GROUP_LABELS, percent, percent_label, span


def test_percent_labels_round_half_up_as_a_reader_rounding_by_hand_expects():
    assert [percent_label(n, 8) for n in (0, 1, 3, 5, 8)] == ["0%", "13%", "38%", "63%", "100%"]
    assert percent_label(2, 3) == "67%" and percent_label(0, 0) == "0%"


def test_exports_and_charts_start_from_the_unrounded_share():
    assert percent(1, 8) == 12.5 and percent(2, 3) == 200 / 3 and percent(0, 0) == 0.0


def test_an_interval_writes_its_unit_once():
    assert span(0.55, 0.77, "{:.0%}") == "55–77%"
    assert span(0.5, 0.7, "{:.2f}") == "0.50–0.70"


def test_every_occupation_group_the_analysis_assigns_has_words_on_the_site():
    assert set(GROUP_LABELS) == set(OCCUPATION_GROUPS)
