"""Markdown, Obsidian and Anki-text notes to draft questions, and the draft bank they make."""

from __future__ import annotations

from pathlib import Path

from quizapp.core.bank import parse_bank
from quizapp.core.draft_bank import check_draft, render_draft_bank, slug_of, unique_ids
from quizapp.core.notes_import import DraftQuestion, draft_key_points, parse_notes

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "seed_notes.md"
"""The interview notes the project started from (a copy of shared/seed/)."""


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def test_the_seed_notes_give_their_36_numbered_questions_with_whole_answers() -> None:
    drafts = parse_notes(seed_text())
    assert len(drafts) == 36
    prompts = [d.prompt for d in drafts]
    assert prompts[0] == "What is astronomer?"
    assert prompts[-1] == "How would you handle incremental data processing in Airflow?"
    # The ETL steps and the lifecycle stages are numbered too, but belong to their answers.
    etl = drafts[prompts.index("What is ETL Pipeline?")]
    assert all(step in etl.answer for step in ("**Extract**", "**Transform**", "**Load**"))
    assert "Remove nulls/duplicates" in etl.answer
    lifecycle = drafts[prompts.index("Lifecycle of a data scince project")]
    assert "**Monitoring**" in lifecycle.answer and "**Problem Definition**" in lifecycle.answer
    assert not any(p.startswith(("Extract", "Problem Definition", "Monitoring")) for p in prompts)
    # '##' sections become tags of the questions under them.
    retries = drafts[prompts.index("Explain task retries and how to configure them.")]
    assert retries.tags == ["intermediate-airflow"]
    assert drafts[0].tags == []


def test_bold_numbers_headings_nested_lists_and_code_are_read() -> None:
    notes = """\
# My notes

## Basics

**1. What is a sensor?**
- An operator that waits for a condition
  - nested detail stays in the answer
- Poke or reschedule mode

2. **Explain XCom.**

XCom passes small values between tasks. It lives in the metadata database.

```python
ti.xcom_push(key="k", value=1)
```

### Why use pools?
They limit concurrency for a shared resource.
"""
    drafts = parse_notes(notes)
    assert [d.prompt for d in drafts] == [
        "What is a sensor?",
        "Explain XCom.",
        "Why use pools?",
    ]
    sensor, xcom, pools = drafts
    assert "  - nested detail stays in the answer" in sensor.answer
    assert sensor.key_points == [
        "An operator that waits for a condition",
        "nested detail stays in the answer",
        "Poke or reschedule mode",
    ]
    assert '```python\nti.xcom_push(key="k", value=1)\n```' in xcom.answer
    assert xcom.key_points == [
        "XCom passes small values between tasks",
        "It lives in the metadata database",
    ]  # the code block is no key point
    assert sensor.tags == ["basics"] and pools.tags == ["basics"]
    assert pools.answer == "They limit concurrency for a shared resource."


def test_a_list_restarting_at_one_inside_an_answer_is_not_a_question() -> None:
    notes = "1. What are the steps?\n1. Plan the work\n2. Do the work\n3. Check it\n2. What next?\n- Ship it\n"
    drafts = parse_notes(notes)
    assert [d.prompt for d in drafts] == ["What are the steps?", "What next?"]
    assert "2. Do the work" in drafts[0].answer


def test_obsidian_cards_inline_and_multiline() -> None:
    notes = """\
What is a DAG::A directed acyclic graph of tasks

What does catchup do
?
Creates runs for every missed interval
since the start date

Plain paragraph that is not a card.
"""
    drafts = parse_notes(notes)
    assert [(d.prompt, d.answer) for d in drafts] == [
        ("What is a DAG", "A directed acyclic graph of tasks"),
        ("What does catchup do", "Creates runs for every missed interval\nsince the start date"),
    ]


def test_anki_plain_text_and_csv_exports() -> None:
    text = "#separator:tab\n#html:true\n#tags column:3\nWhat is XCom?\tSmall values<br>between tasks\tairflow xcom\n"
    (draft,) = parse_notes(text)
    assert draft.prompt == "What is XCom?"
    assert draft.answer == "Small values\nbetween tasks"
    assert draft.tags == ["airflow", "xcom"]
    csv_text = '#separator:Comma\n#html:false\n"What is a pool?","Limits concurrency, per pool"\n'
    (pool,) = parse_notes(csv_text)
    assert (pool.prompt, pool.answer) == ("What is a pool?", "Limits concurrency, per pool")


def test_nothing_that_looks_like_a_question_gives_no_drafts() -> None:
    assert parse_notes("Just some prose.\n\nAnd more prose, no questions here.\n") == []
    assert parse_notes("") == []


def test_key_points_are_trimmed_at_a_clause_boundary() -> None:
    answer = (
        "- Executors decide how and where tasks run, for example locally in processes, "
        "on Celery workers or as Kubernetes pods\n- Short"
    )
    assert draft_key_points(answer) == ["Executors decide how and where tasks run", "Short"]


def test_ids_are_readable_stable_and_unique_against_every_bank() -> None:
    assert slug_of("What is a data lake?") == "data-lake"
    assert slug_of("Explain Airflow's Pool concept and when you would use it.") == (
        "airflow-pool-concept-when-use"
    )
    drafts = [DraftQuestion("What is a data lake?", 1), DraftQuestion("What is a data lake?", 5)]
    assert unique_ids(drafts, {"data-lake"}) == ["data-lake-2", "data-lake-3"]
    assert unique_ids(drafts, {"data-lake"}) == unique_ids(drafts, {"data-lake"})


def test_the_draft_bank_validates_and_keeps_every_answer_exactly() -> None:
    drafts = parse_notes(seed_text())
    draft = render_draft_bank("seed-notes", "Seed notes", drafts, "notes.md")
    assert check_draft(draft, "seed-notes.yaml") == []
    bank, issues = parse_bank(draft.text, "seed-notes.yaml")
    assert issues == [] and bank is not None
    assert len(bank.questions) == 36
    assert [q.answer for q in bank.questions] == [d.answer for d in drafts]
    assert bank.questions[0].source == "notes.md:1"
    assert draft.text.count("# draft: imported from notes.md:") == 36


def test_a_key_point_cut_at_its_word_limit_does_not_end_on_a_dangling_word() -> None:
    answer = (
        "- Astro is a data integration platform that allows you to connect to various sources.\n"
        "- A data warehouse is a system for storing and managing data from various sources.\n"
        "- Task Groups are a way to organize tasks in the UI without affecting execution.\n"
    )
    points = draft_key_points(answer)
    assert points == [
        "Astro is a data integration platform that allows you to connect",
        "A data warehouse is a system for storing and managing data",
        "Task Groups are a way to organize tasks in the UI",
    ]
