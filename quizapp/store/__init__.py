"""The progress database (sqlite-utils): open, migrate, and every query."""
