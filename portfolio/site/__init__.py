"""The published portfolio site: pages rendered from the coverage, independent of mkdocs."""
