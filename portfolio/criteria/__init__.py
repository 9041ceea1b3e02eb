"""Criteria: units, learning outcomes, assessment criteria, qualifications and their rules."""
