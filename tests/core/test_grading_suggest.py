"""`bank suggest`'s core: aliases from an answer the learner says was right."""

from __future__ import annotations

import yaml

from quizapp.core.grading import grade
from quizapp.core.models import KeyPoint, Question
from quizapp.core.suggest import suggest, suggest_aliases

POOLS = Question(
    id="pools",
    bank="test",
    prompt="What is an Airflow pool?",
    answer="A named set of slots that limits how many tasks run at once.",
    key_points=(
        KeyPoint("a named set of slots"),
        KeyPoint("limits how many tasks run at once", aliases=("caps concurrency",), weight=2),
    ),
    file="questions/test.yaml",
    line=7,
)
ANSWER = "A named set of slots, and it throttles the number of task instances going in parallel."


def test_a_missed_point_gets_the_clause_that_says_it() -> None:
    assert grade(POOLS, ANSWER).missed == ["limits how many tasks run at once"]
    suggestions = suggest_aliases(POOLS, ANSWER)
    assert [(s.point.text, s.alias) for s in suggestions] == [
        (
            "limits how many tasks run at once",
            "and it throttles the number of task instances going in parallel",
        )
    ]


def test_the_snippet_is_yaml_that_keeps_old_aliases_and_the_weight() -> None:
    snippet = suggest(POOLS, ANSWER)
    assert snippet.startswith("# pools (questions/test.yaml:7)")
    data = yaml.safe_load(snippet)
    assert data == [
        {
            "id": "pools",
            "key_points": [
                {
                    "text": "limits how many tasks run at once",
                    "aliases": [
                        "caps concurrency",
                        "and it throttles the number of task instances going in parallel",
                    ],
                    "weight": 2,
                }
            ],
        }
    ]


def test_the_suggested_alias_makes_the_answer_hit() -> None:
    (suggestion,) = suggest_aliases(POOLS, ANSWER)
    point = suggestion.point
    improved = KeyPoint(point.text, (*point.aliases, suggestion.alias), point.weight)
    fixed = Question(
        id="pools",
        bank="test",
        prompt=POOLS.prompt,
        answer=POOLS.answer,
        key_points=(POOLS.key_points[0], improved),
    )
    assert grade(fixed, ANSWER).verdict == "correct"


def test_nothing_to_suggest_for_a_full_answer() -> None:
    assert suggest(POOLS, POOLS.answer) == ""


def test_an_unrelated_clause_is_not_forced_on_a_point() -> None:
    answer = "A named set of slots. Weather is nice today. Lunch was good too."
    assert suggest_aliases(POOLS, answer) == []
