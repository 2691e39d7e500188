"""Interaction style: does the participant work with AI back and forth, or hand tasks off?

Judged as the coding guide (eval/coding-guide.md, section 2) asks a careful coder to
judge it: mainly on the answer to the direct question about how they work with AI,
weighing what they say they *usually* do above what they do "sometimes" or
"occasionally", and on the practices they describe more than on the interviewer's
labels they pick. A denied mode ("I never delegate whole tasks") counts for the other
side; someone else's practice, working with people, a wish or a forecast counts for
neither; editing the output "myself" is the light editing that follows a hand-off.
"A little of both" (or a bare "Both!") in the direct answer is mixed; "it depends on
the task" is mixed when both modes are described. The direct answer is the answer to an interviewer turn that asks the
collaborate-or-delegate question (wherever it falls in the interview) or any answer in
the guide's "interaction" section. Where those answers say nothing either way, the
rest of the interview decides; a participant who describes neither mode is `unclear`,
never a silent default.
"""

from __future__ import annotations

import re

from generator.analyse.coding import is_experienced
from generator.analyse.sentences import Sentence
from generator.analyse.text import cue_alternation, normalise
from generator.models import InteractionStyle, Quote, Turn

COLLABORATIVE_CUES = (
    "back and forth", "back-and-forth", "iterat*", "refine*", "refining", "refinement*", "brainstorm*",
    "sounding board", "bounce ideas", "bouncing ideas", "bounce* ~ off", "bounce* back and forth",
    "collaborat*", "thinking partner", "thought partner", "tweak*", "send it back", "work with the ai",
    "work with it", "work with ai", "worked with it", "ask* for ~ feedback", "ask* for ~ critique",
    "ask* for ~ opinions", "ask* for ~ suggestions", "ask* for ~ improvements", "get feedback",
    "multiple rounds", "several rounds", "few rounds", "rounds of", "discuss* ~ with",
    "conversation with", "across a conversation", "going back and", "go back and", "go* back to it",
    "work* ~ together", "through it together", "follow-up question*", "follow-up prompt*", "follow up question*",
    "refine from there", "build on", "exchange ideas",
)  # fmt: skip
DELEGATING_CUES = (
    "delegat*", "hand* ~ off", "hand it over", "let it run", "let it handle", "let it do", "one shot", "one-shot",
    "one go", "first try", "first attempt", "first response", "as-is", "as is", "assign it", "assign tasks",
    "assign the task", "assigning tasks", "independent tasks",
    "independently", "one specific question", "one question", "quick question*", "take the output",
    "take what it gives", "take the ~ response", "take the ~ draft", "take the ~ result*", "fewer turns", "1-2 rounds",
    "one or two", "two or fewer",
    "copy and paste",
    "copy-paste", "just ask", "simple questions", "specific tasks", "focused tasks", "discrete tasks",
    "complete tasks", "whole task*", "entire task*", "give it the task", "all the information upfront",
    "my worker", "my assistant", "automat*", "look* up", "leav* ~ to ai", "leav* ~ to it", "leav* ~ to the ai",
)  # fmt: skip
# "A little of both", "it depends on the task": the participant names both modes as practice.
_BOTH = re.compile(
    r"\b(?:(?:a )?(?:little|bit|mix|mixture|combination|blend) of both|both ways|both approaches|a bit of both"
    r"|depends (?:on )?(?:the|what|which)|it depends|mix of (?:the )?two|half and half)\b"
)
_BOTH_SAID = re.compile(
    r"\b(?:(?:a )?(?:little|bit|mix|mixture|combination|blend) of both|both ways|both approaches|mix of (?:the )?two"
    r"|half and half)\b"
    r"|^\W*(?:(?:honestly|probably|definitely|i'd say|i would say|i think|well|oh|yes|yeah)\W+)?both\W*$"
)
# How often: a practice they "usually" follow outweighs one they follow "occasionally".
_OFTEN = re.compile(
    r"\b(?:usually|mostly|mainly|typically|generally|always|often|primarily|largely|normally|more likely|tend to"
    r"|prefer|definitely|majority|most of)\b"
)
_SELDOM = re.compile(
    r"\b(?:sometimes|occasionally|at times|rarely|seldom|there are times|once in a while|every now and then"
    r"|a few times|a couple of times|on occasion|if i need)\b"
)
# "My worker more than a collaboration", "rather than going back and forth": the cue is
# the practice they set aside, so it counts for neither side.
_CONTRAST = re.compile(r"\b(?:than|instead of|not so much)\W+(?:\w+\W+){0,5}$")
# Coding guide 5.8: regenerating an image until it fits is retrying a hand-off, not
# refining together.
_RETRY = re.compile(
    r"\b(?:images?|pictures?|renders?|text.to.image|image generat\w*|midjourney|dall.?e|stable diffusion)\b"
)
_RETRY_CUES = re.compile(r"\b(?:iterat|tweak|tries|retr|regenerat|rerol)")
# The interviewer's direct question: one mode set against the other.
_ASKS_COLLAB = re.compile(r"collaborat|back and forth|back-and-forth|iterat|refin")
_ASKS_DELEG = re.compile(
    r"delegat|let it handle|let it run|hand(?:ing)? (?:it )?off|one go|one shot|upfront|independent"
)

_COLLAB = cue_alternation(COLLABORATIVE_CUES)
_DELEG = cue_alternation(DELEGATING_CUES)


_CLAUSE_BREAKS = (",", ";", ":", " but ", " though ", " however ", " - ", " – ")
# A denied mode counts for the other side ("I never delegate whole tasks"); a denied
# practice of any other kind ("I don't need to look anything up") is no practice. The
# denial must sit just before the cue, in its own clause ("the models aren't good
# enough, so it's a collaborative approach" affirms it).
_DENIAL_BREAKS = (*_CLAUSE_BREAKS, " so ", " and ", " because ", " then ", " which ")
_DENIAL = re.compile(
    r"\b(?:not|no|never|don't|doesn't|didn't|won't|wouldn't|isn't|aren't|wasn't|can't|cannot|couldn't)\b"
)
_MODE = re.compile(r"collaborat|delegat|back.and.forth|iterat|hand\w* (?:\w+ )?off|one.shot|one go")
# "If you ever want to collaborate on this": said to the interviewer, not a practice.
_IF_YOU = re.compile(r"\bif you\b")
# "I would love for it to ... automatically", "I expect more tasks will be delegated": a
# wish or a forecast, not a practice.
_WISHED = re.compile(
    r"\b(?:would love|i'd love|would like|i'd like|i wish|i hope|hoping|i expect|i envision|i imagine|i predict"
    r"|in the future|someday|one day|there will be)\b"
)
# "Typically I would take the response": a habit, not a possibility.
_HABITUAL = re.compile(r"\b(?:usually|typically|generally|normally|often|always|mostly)\b[^,;:]*\bwould\b")
# Someone else's practice ("my students use it to brainstorm", "they tweaked the prompt")
# says nothing about the participant's: a third-person subject with no "I" or "we" after it.
_SOMEONE_ELSE = re.compile(
    r"\b(?:they|he|she|people|others|students|colleagues|coworkers|co-workers|someone|everyone|anyone)\b"
    r"(?!.*\b(?:i|i'm|i'll|i've|i'd|we|we're|we'll|we've|me|my)\b)"
)
# "Collaborate with other teachers": working with people, not with AI.
_WITH_PEOPLE = re.compile(
    r"\W+with\W+(?:(?:my|our|other|the|fellow|past|human|real|their)\W+)*(?:colleagues|co-?workers|teachers|team"
    r"|people|others|humans?|clients|students|peers|staff|friends|writers|artists|designers|editors|partners"
    r"|members|family)\b"
)
# "I tweak it myself", "then refine it on my own": editing the output alone, which the
# coding guide counts as light editing after a hand-off, not as refining together.
_ALONE = re.compile(r"[^.;:]{0,25}?\b(?:myself|on my own|by hand)\b")
# "1-2 rounds of back and forth, then I take the output": a round or two is a hand-off.
_FEW_ROUNDS = re.compile(
    r"\b(?:1-2|1 or 2|one or two|one to two|a round or two|two or fewer) (?:rounds?|turns?|exchanges?|prompts?|tries)\b"
)


def _weight(norm: str, start: int) -> float:
    """How much a cue says about habitual practice, from the frequency words of its clause."""
    left = max(norm.rfind(sep, 0, start) for sep in _CLAUSE_BREAKS)
    right = min((i for i in (norm.find(sep, start) for sep in _CLAUSE_BREAKS) if i >= 0), default=len(norm))
    clause = norm[left + 1 : right]
    if _SELDOM.search(clause):
        return 0.5
    if _OFTEN.search(clause):
        return 2.0
    return 1.0


def _practised(norm: str, start: int) -> bool:
    """Whether a cue is a practice they follow: "typically I would take the response" is a
    habit; "if I could delegate it I would" and "if you ever want to" are not."""
    clause_start = max(norm.rfind(sep, 0, start) for sep in _CLAUSE_BREAKS)
    if _IF_YOU.search(norm, 0, start) or _WISHED.search(norm, 0, start):
        return False
    return is_experienced(norm, start) or bool(_HABITUAL.search(norm, max(0, clause_start), start))


def _sides(sentence: Sentence) -> tuple[float, float]:
    """Collaborative and delegating weight of a sentence; a denied mode counts for the other side.

    Each side counts once per sentence (at its strongest), so a sentence that names one
    practice in three words does not outvote three sentences; a wished-for practice
    ("I would like to try delegating") is no practice at all."""
    norm = normalise(sentence.text)
    few_rounds = bool(_FEW_ROUNDS.search(norm))
    collab = deleg = 0.0
    for pattern, own_side in ((_COLLAB, True), (_DELEG, False)):
        for m in pattern.finditer(norm):
            if not _practised(norm, m.start()) or _SOMEONE_ELSE.search(norm[: m.start()]):
                continue
            if own_side and (few_rounds or _WITH_PEOPLE.match(norm, m.end())):
                continue
            if _CONTRAST.search(norm[: m.start()]):
                continue
            w = _weight(norm, m.start())
            side = own_side
            clause_start = max(norm.rfind(sep, 0, m.start()) for sep in _DENIAL_BREAKS)
            if _DENIAL.search(" ".join(norm[max(0, clause_start) : m.start()].split()[-4:])):
                if not _MODE.match(norm, m.start()):
                    continue
                side = not side
            if _ALONE.match(norm, m.end()):
                # "Refine it myself" is light editing after a hand-off; "look it up myself" is no AI use.
                if not side:
                    continue
                side = False
            if side and _RETRY.search(norm) and _RETRY_CUES.match(norm, m.start()):
                side = False
            if side:
                collab = max(collab, w)
            else:
                deleg = max(deleg, w)
    return collab, deleg


def direct_answers(turns: tuple[Turn, ...]) -> frozenset[int]:
    """Participant turns answering an interviewer question that sets collaborating against delegating."""
    out = set()
    for before, after in zip(turns, turns[1:], strict=False):
        if before.speaker == "participant" or after.speaker != "participant":
            continue
        asked = normalise(before.text)
        if _ASKS_COLLAB.search(asked) and _ASKS_DELEG.search(asked):
            out.add(after.number)
    return frozenset(out)


def classify_style(
    sentences: tuple[Sentence, ...], direct_turns: frozenset[int], turns: tuple[Turn, ...] = ()
) -> tuple[InteractionStyle, Quote | None]:
    """The participant's interaction style and the sentence that shows it most clearly."""
    direct = direct_turns | direct_answers(turns)
    best: dict[str, tuple[float, Sentence] | None] = {"collaborative": None, "delegating": None}

    def tally(scope: list[Sentence]) -> tuple[float, float, bool]:
        c = d = 0.0
        both = False
        for s in scope:
            sc, sd = _sides(s)
            c, d = c + sc, d + sd
            both = both or bool(_BOTH.search(normalise(s.text)))
            for side, n in (("collaborative", sc - sd), ("delegating", sd - sc)):
                current = best[side]
                if n > 0 and (current is None or n > current[0]):
                    best[side] = (n, s)
        return c, d, both

    c, d, both = tally([s for s in sentences if s.turn in direct])
    # "A little of both" in the direct answer is the mixed answer itself, even when only
    # one mode is then spelled out; "it depends" needs both modes described.
    said_both = (c or d) and any(_BOTH_SAID.search(normalise(s.text)) for s in sentences if s.turn in direct)
    if c == d:
        # Nothing said, or a tie, in the direct answer: the rest of the interview decides.
        c, d, rest_both = tally([s for s in sentences if s.turn not in direct])
        both = both or rest_both
    style: InteractionStyle
    if said_both or (both and c and d):
        style = "mixed"
    elif c == 0 and d == 0:
        # Nothing said either way: a silent default would pass a guess off as a finding.
        return "unclear", None
    elif c > d:
        style = "collaborative"
    elif d > c:
        style = "delegating"
    else:
        style = "mixed"
    pick = best.get(style) if style != "mixed" else (best["collaborative"] or best["delegating"])
    return style, pick[1].quote() if pick else None
