"""Moving questions and progress in and out: Anki packages and CSV, progress files."""
