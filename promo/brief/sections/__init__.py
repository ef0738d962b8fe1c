"""Section builders of the brief: plain functions that take a Wording and return a Section."""
