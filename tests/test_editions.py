"""Editions: links from an earlier edition keep working, and the report says what changed."""

from __future__ import annotations

import json
import shutil

from conftest import CONFIG, SEEDS, copy_study

from generator.pipeline import build_site


def pages(site):
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def test_every_edition_1_url_resolves_in_edition_2(tmp_path, monkeypatch):
    study = copy_study(tmp_path).parent
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    seeds = sorted(SEEDS.iterdir())
    for seed in seeds[:3]:
        shutil.copy(seed, inputs)
    out = tmp_path / "out"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795392000")  # 2026-11-23
    build_site([inputs], out, study / "study.toml")
    edition_1 = pages(out)
    first_id = json.loads((out / "data" / "editions.json").read_text(encoding="utf-8"))["editions"][0]["id"]

    # Edition 2, a week later: two more interviews, a changed definition, a renamed theme.
    for seed in seeds[3:]:
        shutil.copy(seed, inputs)
    codebook = study / "codebook.toml"
    text = codebook.read_text(encoding="utf-8")
    text = text.replace('slug = "sycophancy"', 'slug = "people-pleasing"\naliases = ["sycophancy"]')
    text = text.replace("The participant says AI saves them time", "The participant reports that AI saves them time")
    codebook.write_text(text, encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795996800")  # 2026-11-30
    build_site([inputs], out, study / "study.toml")

    assert set(edition_1) <= set(pages(out))
    redirect = (out / "themes" / "sycophancy" / "index.html").read_text(encoding="utf-8")
    assert 'http-equiv="refresh" content="0; url=../../themes/people-pleasing/"' in redirect
    history = json.loads((out / "data" / "editions.json").read_text(encoding="utf-8"))["editions"]
    assert [e["date"] for e in history] == ["2026-11-23", "2026-11-30"]
    assert (out / "editions" / first_id / "index.html").exists()
    changes = (out / "changes" / "index.html").read_text(encoding="utf-8")
    assert "2 added, 0 changed, 0 removed." in changes
    # The renamed theme is compared with its own earlier figure, not shown as new.
    assert "new theme" not in changes and "removed" not in changes.split("Interviews")[0]


def test_rebuilding_the_same_inputs_keeps_the_edition_and_its_date(tmp_path, monkeypatch):
    out = tmp_path / "out"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795392000")
    build_site([SEEDS], out, CONFIG)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795996800")
    build_site([SEEDS], out, CONFIG)
    history = json.loads((out / "data" / "editions.json").read_text(encoding="utf-8"))["editions"]
    assert [e["date"] for e in history] == ["2026-11-23"]
