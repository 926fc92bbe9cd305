"""A job ad read against the bank: the skills it names, the role it reads as, your gaps for it.

Finding the skills (the rule, for people: docs/match.md):
- every skill name and alias of the bank, case-insensitive, as whole words and phrases; a space
  or hyphen inside a name matches any run of spaces and hyphens ("scikit learn", "Power-BI");
  where names overlap the longest wins ("AWS Glue" is Glue, not AWS; "snowflake schema" is
  data modelling, not Snowflake); each skill counts once, in the order the ad first names it.
- a name that is one letter ("R", "C") or an everyday word (AMBIGUOUS_WORDS: "go", "excel",
  "spark", "flow", "shell" ...) counts only where the context makes it the tool:
    * it stands in a list with another skill that counts ("Python, R and SQL", "Excel,
      PowerPoint and SQL"): between them only commas, slashes, "and", "or" and the like, and
      other items of one or two words;
    * a phrase that takes a tool comes just before it ("experience with R", "advanced Excel",
      "Requirements: excel");
    * a word that goes with a tool comes just after it ("Spark jobs", "Go developer");
  and never when joined to a word by a hyphen or an ampersand ("R&D", "go-to-market",
  "C-suite"), nor a lone capital between names ("John R. Smith") or a trademark sign "(R)".

The matcher is one regular expression per bank (the names as a trie, so the engine follows one
branch per character), built once and used for every ad: the skills of 1,000 ads of 5 KB are
found in 0.56 s, the whole command takes 1.7 s (bench/match.py, docs/performance.md).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rolequiz.domain.content import Bank, Role, RoleSkill, Skill
from rolequiz.domain.gaps import Gap, gap_list
from rolequiz.domain.scoring import ELSEWHERE_WEIGHT, RoleFit, rank_roles
from rolequiz.errors import RolequizError

# An ad names a skill as one the job needs in real work: Independent (the data's README says the
# same of the 2023 postings).
AD_LEVEL = 3
# Bank names that are also everyday words in an ad ("excel at", "spark curiosity", "go to
# market", "the glue between teams", "at the helm", "a terminal degree").
AMBIGUOUS_WORDS = frozenset(
    {
        "go",
        "excel",
        "spark",
        "flow",
        "shell",
        "glue",
        "lambda",
        "spot",
        "helm",
        "torch",
        "yarn",
        "word",
        "express",
        "terminal",
    }
)
_NAME_SPACE = r"[\s\-]+"  # what a space or hyphen inside a name matches
_SPLIT = re.compile(r"[\s\-]+")
# Between two names of one list: nothing but spaces, or separators (commas, slashes, "and",
# "or" ...) around other items of one or two words each ("SQL, Oracle and Excel"). Longer
# stretches are not read as a list at all (LIST_SPAN), which also bounds the matching time.
_SEP = r"(?:\s*(?:[,;/|+•·*()\[\]&]|\b(?:and|or|plus)\b)\s*)+"
_ITEM = r"[\w+#.-]+(?:[ \t][\w+#.-]+)?"
_LIST_GAP = re.compile(rf"\s*|{_SEP}(?:{_ITEM}{_SEP})*", re.IGNORECASE)
LIST_SPAN = 120
# A phrase that takes a tool, just before a name: "<noun> <preposition>" or one word.
_CUE_NOUNS = frozenset(
    {
        "experience",
        "experienced",
        "proficient",
        "proficiency",
        "knowledge",
        "familiarity",
        "familiar",
        "skilled",
        "skills",
        "expertise",
        "expert",
        "fluent",
        "fluency",
        "background",
        "competence",
        "competency",
        "hands-on",
        "working",
    }
)
_CUE_PREPOSITIONS = frozenset({"in", "with", "of", "using", "on"})
_CUE_WORDS = frozenset(
    {
        "using",
        "use",
        "via",
        "advanced",
        "intermediate",
        "strong",
        "solid",
        # the heading of a list of tools
        "skills:",
        "requirements:",
        "tools:",
        "stack:",
        "technologies:",
        "qualifications:",
    }
)
_CUE_AFTER = re.compile(
    r"\s+(?:programming|language|scripting|scripts?|code|coding|developers?|development|"
    r"engineers?|skills|spreadsheets?|workbooks?|formulas|macros|vba|pivot|jobs?|clusters?|"
    r"streaming|sql|dataframes?|apis?|sdk|packages?|librar(?:y|ies)|functions?|instances|"
    r"charts|commands|modules)\b",
    re.IGNORECASE,
)
_CAPITALISED_WORD_BEFORE = re.compile(r"\b[A-Z][a-z]+ $")


def name_key(text: str) -> str:
    """A name as the matcher compares it: lower case, spaces and hyphens as one space."""
    return " ".join(part for part in _SPLIT.split(text.lower()) if part)


@dataclass(frozen=True, slots=True)
class Mention:
    skill_id: str
    start: int
    end: int
    ambiguous: bool


class Matcher:
    """Finds the bank's skills in text; build it once per bank (one compiled expression)."""

    def __init__(self, bank: Bank) -> None:
        self.bank = bank
        self._skill_of: dict[str, str] = {}
        for skill in bank.skills:
            for name in (skill.name, *skill.aliases):
                key = name_key(name)
                if key:
                    self._skill_of.setdefault(key, skill.id)  # shared names: the first skill
        # Not inside a word, an e-mail address or a dotted name ("Node.js"), and not the C of C#
        # or C++ (which are names of their own).
        self._source = rf"(?<![\w@]){_render(_trie(self._skill_of))}(?![\w@#]|\+\+|\.\w)"
        # Matched against the ad in lower case: twice as fast as ignoring case (bench/match.py).
        self._pattern = re.compile(self._source)
        self._any_case: re.Pattern[str] | None = None

    def mentions(self, text: str) -> list[Mention]:
        """Every name found, in order, ambiguous or not (the rule is applied by `skills`)."""
        found = []
        lowered = text.lower()
        if len(lowered) == len(text):
            matches = self._pattern.finditer(lowered)
        else:  # a few characters grow in lower case ("İ"): the positions must stay the text's
            if self._any_case is None:
                self._any_case = re.compile(self._source, re.IGNORECASE)
            matches = self._any_case.finditer(text)
        for match in matches:
            key = name_key(match.group())
            found.append(
                Mention(
                    self._skill_of[key],
                    match.start(),
                    match.end(),
                    len(key) == 1 or key in AMBIGUOUS_WORDS,
                )
            )
        return found

    def skills(self, text: str) -> list[str]:
        """The ids of the skills the text names, each once, in order of first mention."""
        mentions = self.mentions(text)
        counted = [not m.ambiguous for m in mentions]
        if not all(counted):
            _resolve(text, mentions, counted)
        seen: dict[str, None] = {}
        for mention, counts in zip(mentions, counted, strict=True):
            if counts:
                seen.setdefault(mention.skill_id, None)
        return list(seen)


def _resolve(text: str, mentions: list[Mention], counted: list[bool]) -> None:
    """Decide, in place, which ambiguous mentions are the tool (module docstring)."""
    never = [m.ambiguous and _never_the_tool(text, m) for m in mentions]
    for index, mention in enumerate(mentions):
        if mention.ambiguous and not never[index]:
            counted[index] = _cue_before(text, mention.start) or bool(
                _CUE_AFTER.match(text, mention.end, mention.end + 40)
            )
    # A list makes each of its names count once one of them does: spread both ways until
    # nothing changes (each pass settles at least one more name, or stops).
    listed = [
        mentions[i + 1].start - mentions[i].end <= LIST_SPAN
        and _LIST_GAP.fullmatch(text, mentions[i].end, mentions[i + 1].start) is not None
        for i in range(len(mentions) - 1)
    ]
    changed = True
    while changed:
        changed = False
        for index, link in enumerate(listed):
            if not link or counted[index] == counted[index + 1]:
                continue
            other = index + 1 if counted[index] else index
            if not never[other]:
                counted[other] = True
                changed = True


def _cue_before(text: str, start: int) -> bool:
    """A phrase that takes a tool ends just before `start` ("experience with", "advanced")."""
    words = text[max(0, start - 40) : start].lower().split()
    if not words or not text[start - 1].isspace():
        return False
    if words[-1] in _CUE_WORDS:
        return True
    return len(words) > 1 and words[-1] in _CUE_PREPOSITIONS and words[-2] in _CUE_NOUNS


def _never_the_tool(text: str, mention: Mention) -> bool:
    """Joined to another word ("R&D", "go-to-market", "C-suite"), an initial between names
    ("John R. Smith") or a trademark sign ("Excel(R)")."""
    start, end = mention.start, mention.end
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    beyond = text[end + 1] if end + 1 < len(text) else ""
    if (after in "-&" and beyond.isalnum()) or (
        before in "-&" and start > 1 and text[start - 2].isalnum()
    ):
        return True
    if end - start == 1:
        if before == "(" and after == ")" and start > 1 and text[start - 2].isalnum():
            return True
        if after == "." and _CAPITALISED_WORD_BEFORE.search(text, max(0, start - 40), start):
            return True
    return False


def _trie(keys: Mapping[str, Any]) -> dict[str, Any]:
    root: dict[str, Any] = {}
    for key in keys:
        node = root
        for char in key:
            node = node.setdefault(char, {})
        node[""] = {}  # a name ends here
    return root


def _render(node: dict[str, Any]) -> str:
    """The trie as a regular expression: longer names tried first, so the longest name that
    ends at a word boundary wins (the engine backs off to a shorter one otherwise)."""
    branches = []
    ends = False
    for char in sorted(node):
        if char == "":
            ends = True
            continue
        head = _NAME_SPACE if char == " " else re.escape(char)
        branches.append(head + _render(node[char]))
    if not branches:
        return ""
    if ends:
        branches.append("")
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


class AdError(RolequizError):
    """A job ad that cannot be read as one, or that names no skill of the bank."""


# The ad against a person's ratings --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AdFit:
    """What a job ad asks, the role it reads as, and how a person's ratings meet it."""

    skills: tuple[Skill, ...]  # the skills the ad names, in the order it names them
    ranked: tuple[RoleFit, ...]  # every role, closest to the ad first
    targets: Mapping[str, int]  # per skill the ad names: the level asked (the role's, else 3)
    levels: Mapping[str, int | None]  # the person's level per skill the ad names (None: unrated)
    gaps: tuple[Gap, ...]  # the skills asked and not met, most important first

    @property
    def role(self) -> Role:
        return self.ranked[0].role

    @property
    def met(self) -> int:
        return len(self.skills) - len(self.gaps)


def ad_role(role: Role, skill_ids: list[str]) -> Role:
    """The role restricted to the ad's skills: a skill the role lists keeps its weight, target
    and must; one it does not is asked at AD_LEVEL with the weight scoring gives a skill used
    elsewhere (the lowest a profile gives), so what the role weighs comes first."""
    asked = {
        skill_id: role.skills.get(skill_id)
        or RoleSkill(weight=ELSEWHERE_WEIGHT, target=AD_LEVEL, must=False, why="named in the ad")
        for skill_id in skill_ids
    }
    return Role(id=role.id, name=role.name, summary=role.summary, skills=asked)


def fit_ad(bank: Bank, skill_ids: list[str], ratings: Mapping[str, int]) -> AdFit:
    """The ad's skills read as a person rated AD_LEVEL on each and ranked by `rank_roles`; the
    gaps are `gap_list`'s for the top role restricted to the ad, an unrated skill counted as 0."""
    if not skill_ids:
        raise ValueError("an ad that names no skill has no role")
    ranked = rank_roles(bank, dict.fromkeys(skill_ids, AD_LEVEL))
    asked = ad_role(ranked[0].role, skill_ids)
    levels = {skill_id: ratings.get(skill_id) for skill_id in skill_ids}
    known = {skill_id: level or 0 for skill_id, level in levels.items()}
    return AdFit(
        skills=tuple(bank.skill_by_id[skill_id] for skill_id in skill_ids),
        ranked=tuple(ranked),
        targets={skill_id: spec.target for skill_id, spec in asked.skills.items()},
        levels=levels,
        gaps=tuple(gap_list(bank, asked, known)),
    )


def read_ad(matcher: Matcher, raw: bytes, name: str, ratings: Mapping[str, int]) -> AdFit:
    """An ad's bytes, read as `rolequiz match` and the quiz's job-ad view both read one: its text
    (`ad_text`), the skills it names, and `fit_ad` against `ratings`. Raises AdError with one
    line when it is not a text ad or names no skill of the bank. `name` is printable already."""
    skill_ids = matcher.skills(ad_text(raw, name))
    if not skill_ids:
        raise AdError(f"no skill from the bank found in {name}")
    return fit_ad(matcher.bank, skill_ids, ratings)


def summary_line(fit: AdFit, top: int = 3) -> str:
    """ "7 of 11 skills this ad names at the level asked; biggest gaps: Airflow, Kafka"."""
    line = f"{fit.met} of {len(fit.skills)} skills this ad names at the level asked"
    if fit.gaps:
        line += "; biggest gaps: " + ", ".join(gap.skill.name for gap in fit.gaps[:top])
    return line


# An ad as text ----------------------------------------------------------------------------------

# An ad is a page or two (5 KB is a long one); a file over 1 MiB is not an ad, and reading it
# whole would only cost time.
MAX_AD_BYTES = 1024 * 1024
_UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")


def ad_text(raw: bytes, name: str) -> str:
    """The text of an ad file; raise AdError with one line if it is not one (binary, not
    UTF-8, empty). `name` is printable already."""
    if raw.startswith(_UTF16_MARKS):
        raise AdError(f"{name}: UTF-16 text, not UTF-8 (save the ad as UTF-8)")
    if b"\x00" in raw:
        raise AdError(f"{name}: a binary file, not a text ad")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise AdError(f"{name}: not UTF-8 text (byte {exc.start}; save the ad as UTF-8)") from None
    if not text.strip():
        raise AdError(f"{name}: empty ad (no text)")
    return text
