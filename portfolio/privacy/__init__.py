"""Finding personal data in learners' evidence before it is published."""
