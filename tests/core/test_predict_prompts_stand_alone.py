"""Issue 13: a predict prompt never leans on a question the learner may not have seen."""

from __future__ import annotations

import re

from quizapp.core.bank import load_catalog
from quizapp.paths import bank_dirs

REFERS_BACK = re.compile(r"\b(the same|this time|as before|as above|previous|again)\b", re.I)


def test_bundled_predict_prompts_stand_alone() -> None:
    predicts = [q for q in load_catalog(bank_dirs()).questions if q.kind == "predict"]
    assert predicts
    leaning = {q.id: q.prompt for q in predicts if REFERS_BACK.search(q.prompt)}
    assert leaning == {}
