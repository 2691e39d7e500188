"""Analyse: Transcript + StudyConfig -> InterviewSummary. Pure and deterministic.

Only participant turns are evidence. Every quote, summary sentence and evidence
sentence is an exact substring of a participant turn and carries its turn number.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace

from generator.analyse.coding import ThemeMatcher, code_themes, compile_matchers
from generator.analyse.dimension_coding import DimensionPlan, code_dimensions, plan_dimensions
from generator.analyse.dimensions import load_dimension_coder
from generator.analyse.guide import derive_guide
from generator.analyse.learned import SentenceCoder, load_coder
from generator.analyse.profile import OccupationLexicon, default_lexicon, find_occupation
from generator.analyse.quotes import informativeness, pick_key_quotes, summarise_section, uncoded_statements
from generator.analyse.sections import GuideIndex, assign_sections, index_guide
from generator.analyse.sentences import Sentence, participant_sentences
from generator.analyse.style import classify_style
from generator.config import GuideSection, StudyConfig
from generator.memo import Memo
from generator.models import InterviewSummary, Profile, SectionSummary, Transcript

__all__ = ["Analyser", "summarise_interview"]


@dataclass(frozen=True)
class Analyser:
    """What the analysis compiles once per study configuration and reuses per interview."""

    config: StudyConfig
    # The study's guide, for every interview whose split has none of its own.
    guide: GuideIndex
    matchers: tuple[ThemeMatcher, ...]
    lexicon: OccupationLexicon
    coder: SentenceCoder | None = None
    dimensions: DimensionPlan | None = None
    # (split, its own guide) for each split with [split.NAME] guide.
    split_guides: tuple[tuple[str, GuideIndex], ...] = ()

    @classmethod
    def for_config(cls, config: StudyConfig) -> Analyser:
        return cls(
            config,
            index_guide(config.guide),
            compile_matchers(config.codebook),
            default_lexicon(),
            load_coder(),
            plan_dimensions(config.dimensions, load_dimension_coder()) if config.dimensions else None,
            tuple((s.name, index_guide(s.guide)) for s in config.split_settings if s.guide is not None),
        )

    @classmethod
    def for_study(cls, config: StudyConfig, transcripts: Sequence[Transcript], memo: Memo | None = None) -> Analyser:
        """An analyser whose guides also hold the recurring questions the configuration does not list.

        Each guide learns from the interviews held with it: the creatives' protocol questions are
        not the workforce's, and a question asked in a quarter of one split is protocol there."""
        by_split: dict[str, list[Transcript]] = {}
        for t in transcripts:
            by_split.setdefault(config.split_of(t.id), []).append(t)
        # Splits whose guides are the same file's sections were held with one protocol: learnt together.
        held: dict[tuple[GuideSection, ...], list[Transcript]] = {}
        for split in sorted(by_split):
            held.setdefault(config.guide_of(split), []).extend(by_split[split])
        derived = {guide: derive_guide(group, guide, memo) for guide, group in held.items()}
        guide = derived.get(config.guide, config.guide)
        splits = tuple(
            replace(s, guide=derived.get(s.guide, s.guide)) if s.guide is not None else s for s in config.split_settings
        )
        if guide == config.guide and splits == config.split_settings:
            return cls.for_config(config)
        # The edition follows the guides found (each interview's cache key follows its own guide). With the
        # study's guide alone, the digest is the one it always was, so an edition history carries on.
        own = [s.guide for s in splits if s.guide is not None]
        found = repr([guide, *own]) if own else repr(guide)
        digest = hashlib.sha256(f"{config.study_fingerprint}{found}".encode()).hexdigest()
        return cls.for_config(replace(config, guide=guide, split_settings=splits, study_fingerprint=digest))

    def guide_of(self, split: str) -> GuideIndex:
        """The compiled guide a split's interviews are matched to."""
        return next((index for name, index in self.split_guides if name == split), self.guide)

    def fingerprint_of(self, transcript: Transcript) -> str:
        """What the interview's analysis reads from the configuration, for its cache key."""
        return self.config.analysis_fingerprint(self.config.split_of(transcript.id))


def summarise_interview(transcript: Transcript, analyser: Analyser) -> InterviewSummary:
    config = analyser.config
    split = config.split_of(transcript.id)
    # The sections of the guide this interview was held with: its split's own, else the study's.
    guide = config.guide_of(split)
    sentences = participant_sentences(transcript.turns)
    rank = {s.index: informativeness(s) for s in sentences}
    section_of_turn = dict(
        zip(
            (t.number for t in transcript.turns),
            assign_sections(transcript.turns, analyser.guide_of(split)),
            strict=True,
        )
    )

    by_section: dict[int, list[Sentence]] = {}
    for s in sentences:
        by_section.setdefault(section_of_turn[s.turn], []).append(s)
    sections = []
    for i, section in enumerate(guide):
        turns = tuple(n for n, sec in section_of_turn.items() if sec == i)
        if not turns:
            continue
        sections.append(
            SectionSummary(section.slug, section.title, turns, summarise_section(by_section.get(i, []), rank))
        )

    coder = analyser.coder
    turn_text = {t.number: t.text for t in transcript.turns if t.speaker == "participant"}
    probabilities = coder.probabilities(sentences, analyser.matchers, turn_text) if coder else None
    thresholds = {slug: (m.threshold, m.evidence_threshold) for slug, m in coder.models.items()} if coder else None
    themes = code_themes(sentences, analyser.matchers, rank, probabilities, thresholds)
    evidence_index = {(q.turn, q.text) for t in themes for q in t.evidence}
    evidence = {s.index for s in sentences if (s.turn, s.text) in evidence_index}
    framing = {i for i, s in enumerate(guide) if s.framing}
    eligible = {n for n, sec in section_of_turn.items() if sec not in framing}
    direct = frozenset(n for n, sec in section_of_turn.items() if guide[sec].direct)
    style, style_evidence = classify_style(sentences, direct, transcript.turns)
    occupation = find_occupation(sentences, analyser.lexicon)
    profile = Profile(
        id=transcript.id,
        split=split,
        occupation=occupation.stated,
        occupation_group=occupation.group,
        occupation_evidence=occupation.evidence.quote() if occupation.evidence else None,
    )
    return InterviewSummary(
        profile=profile,
        sections=tuple(sections),
        interaction_style=style,
        style_evidence=style_evidence,
        themes=themes,
        key_quotes=pick_key_quotes(sentences, rank, evidence, eligible),
        turns=len(transcript.turns),
        repairs=len(transcript.repairs),
        statements=uncoded_statements(sentences, rank, evidence, eligible),
        dimensions=code_dimensions(analyser.dimensions, sentences, turn_text) if analyser.dimensions else (),
    )
