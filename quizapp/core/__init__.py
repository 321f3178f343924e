"""The pure core: models, banks, grading, scheduling, sessions. No UI, no SQLite."""
