"""[limits]: a very large study publishes full transcripts and search entries for a bounded number of
interviews, and says so where a reader would look for what is missing."""

from __future__ import annotations

import gzip
import json
import re
import shutil

import pytest
from conftest import Study, build, copy_study

from generator.config import ConfigError, load_config


def limited_study(tmp_path, limits: str):
    config = copy_study(tmp_path)
    config.write_text(config.read_text(encoding="utf-8") + f"\n[limits]\n{limits}\n", encoding="utf-8")
    return config


def interview_ids(site):
    return [i["id"] for i in json.loads((site / "data" / "interviews.json").read_text(encoding="utf-8"))["interviews"]]


@pytest.fixture(scope="module")
def limited(seed_site, tmp_path_factory):
    """The seed study rebuilt with limits on what it publishes."""
    study = Study(tmp_path_factory.mktemp("limits"))
    shutil.copytree(seed_site.root, study.root, dirs_exist_ok=True, symlinks=True)
    with study.config.open("a", encoding="utf-8") as f:
        f.write("\n[limits]\nfull_transcripts = 2\nsearch_interviews = 3\n")
    build(study)
    return study.output


def test_interviews_past_the_transcript_limit_show_only_their_quoted_passages_and_say_why(limited):
    ids = interview_ids(limited)
    assert len(ids) == 5
    for position, interview_id in enumerate(ids):
        page = (limited / "interviews" / interview_id / "index.html").read_text(encoding="utf-8")
        if position < 2:
            assert '<h2 id="transcript">Full transcript</h2>' in page
        else:
            assert '<h2 id="transcript">Quoted passages</h2>' in page
            assert "publishes the full transcripts of its first 2 interviews only" in page


def test_the_search_index_holds_only_the_first_interviews_and_the_search_page_says_so(limited):
    ids = interview_ids(limited)
    indexed = []
    for fragment in (limited / "pagefind" / "fragment").glob("*.pf_fragment"):
        url = json.loads(gzip.decompress(fragment.read_bytes())[len(b"pagefind_dcd") :])["url"]
        if m := re.fullmatch(r"/interviews/([^/]+)/", url):
            indexed.append(m.group(1))
    assert sorted(indexed) == sorted(ids[:3])
    search = (limited / "search" / "index.html").read_text(encoding="utf-8")
    assert "covers the summaries of the first 3 of the 5 interviews" in search


def test_interviews_json_is_standard_indented_json(limited):
    # Written a record at a time: the pieces must still make the one document json.dumps would write.
    text = (limited / "data" / "interviews.json").read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("value", ["-1", "true", '"many"', "2.5"])
def test_a_limit_that_is_not_a_count_is_refused_with_the_fix(tmp_path, value):
    fix = r'\[limits\] full_transcripts = .*; use a whole number of interviews, or "none"'
    with pytest.raises(ConfigError, match=fix):
        load_config(limited_study(tmp_path, f"full_transcripts = {value}"))


def test_none_lifts_a_limit(tmp_path):
    assert load_config(limited_study(tmp_path, 'search_interviews = "none"')).limits.search_interviews is None
