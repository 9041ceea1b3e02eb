"""Evidence: items, their front matter and sidecars, and the kinds of evidence."""
