"""The mkdocs plugin: glue between mkdocs' events and the portfolio's own page renderer.

Everything that matters (validation, coverage, page content, sanitising) lives in code that does
not import mkdocs; this module only hands the results over.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
import yaml
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from .boundary import Refused, check_inside
from .check import CheckResult, run_check
from .load import NotAProject
from .problems import Severity
from .report.record_paths import record_links
from .site.pages import CSS_URI, NavEntry, SiteContent, build_site_content
from .site.publish import copy_originals
from .site.safety import UnsafeOutput, check_protected, claim_output_folder

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

PAGE_MARKER = "<!-- portfolio page: content supplied by the portfolio plugin -->\n"
TAGS_PAGE = "tags.md"

progress: Callable[[int, int], None] | None = None
"""Set by `portfolio build` to show progress while pages render."""


class UnsafeFolderError(click.ClickException):
    """The output or pages folder is unsafe; mkdocs' command line prints it and exits with 2."""

    exit_code = 2


class PortfolioConfig(Config):
    project_dir = config_options.Optional(config_options.Type(str))
    """Folder holding criteria/ and evidence/ (default: the folder of mkdocs.yml)."""
    learners = config_options.ListOfItems(config_options.Type(str), default=[])
    """Only these learners (default: all)."""
    records = config_options.Type(bool, default=True)
    """Also write the Word records into the site, and link to them from the pages."""


class PortfolioPlugin(BasePlugin[PortfolioConfig]):
    def __init__(self) -> None:
        self.result: CheckResult | None = None
        self.content: SiteContent | None = None
        self.project_dir = Path(".")
        self.rendered = 0

    def on_config(self, config: Any) -> Any:
        base = Path(config.config_file_path or ".").resolve().parent
        self.project_dir = (base / self.config.project_dir).resolve() if self.config.project_dir else base
        # Runs before mkdocs empties site_dir, whether from `portfolio build` or plain mkdocs.
        try:
            check_protected(self.project_dir, Path(config.docs_dir), "pages folder (docs_dir)")
            claim_output_folder(self.project_dir, Path(config.site_dir))
        except UnsafeOutput as exc:
            raise UnsafeFolderError(str(exc)) from None
        if CSS_URI not in config.extra_css:
            config.extra_css.append(CSS_URI)
        return config

    def on_files(self, files: Files, config: Any) -> Files:
        try:
            self.result = run_check(self.project_dir, self.config.learners or None)
        except NotAProject as exc:
            raise PluginError(str(exc)) from None
        self._drop_linked_pages(files, Path(config.docs_dir))
        for problem in self.result.problems:
            where = f"{problem.location()}: {problem.field + ': ' if problem.field else ''}{problem.message}"
            (log.error if problem.severity is Severity.ERROR else log.warning)(where)
        links = record_links if self.config.records else None
        self.content = build_site_content(self.result, config.use_directory_urls, links)
        for page in self.content.pages.values():
            front = {"title": html.escape(page.title, quote=True)}
            if page.tags:
                front["tags"] = page.tags
            source = "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n" + PAGE_MARKER
            inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, page.src_uri, content=source, inclusion=inclusion))
        css = Path(__file__).parent / "site" / "assets" / "portfolio.css"
        files.append(File.generated(config, CSS_URI, abs_src_path=str(css)))
        if _has_tags_plugin(config) and files.get_file_from_path(TAGS_PAGE) is None:
            files.append(File.generated(config, TAGS_PAGE, content="---\ntitle: Tags\n---\n# Tags\n\n<!-- material/tags -->\n"))
        config.nav = self._nav(files)
        return files

    def _drop_linked_pages(self, files: Files, docs_dir: Path) -> None:
        """The centre's own pages are read and copied by mkdocs, which follows links: leave those out."""
        reported: set[str] = set()
        for file in list(files):
            if file.generated_by is not None or not file.abs_src_path:
                continue
            source = Path(file.abs_src_path)
            if not source.is_relative_to(docs_dir):
                continue  # the theme's own files
            try:
                check_inside(docs_dir, source)
            except Refused as exc:
                message = f"{exc.message}; what it points to is left out of the site ({exc.hint})"
                if message not in reported:  # one line per link, not per file behind it
                    reported.add(message)
                    log.error(message)
                files.remove(file)

    def _nav(self, files: Files) -> list[Any]:
        assert self.content is not None

        def entry(node: NavEntry) -> dict[str, Any]:
            title = html.escape(node.title, quote=True)
            if node.children:
                return {title: [entry(child) for child in node.children]}
            return {title: node.src_uri}

        nav: list[Any] = [entry(node) for node in self.content.nav]
        ours = set(self.content.pages) | {TAGS_PAGE}
        for file in files.documentation_pages():
            if file.src_uri not in ours and file.inclusion.is_in_nav():
                nav.append(file.src_uri)
        if files.get_file_from_path(TAGS_PAGE) is not None:
            nav.append({"Tags": TAGS_PAGE})
        return nav

    def on_page_content(self, html_text: str, page: Any, config: Any, files: Files) -> str:
        self.rendered += 1
        if progress is not None and self.content is not None:
            progress(self.rendered, len(self.content.pages))
        if self.content is not None and page.file.src_uri in self.content.pages and PAGE_MARKER.strip() in page.file.content_string:
            return self.content.pages[page.file.src_uri].html
        return html_text

    def on_post_build(self, config: Any) -> None:
        if self.content is not None:
            for message in copy_originals(self.content.files, Path(config.site_dir), self.project_dir):
                log.error(message)
        if self.config.records and self.result is not None:
            from .report.word import write_records

            write_records(self.result.coverage, self.result.project.centre, Path(config.site_dir))

    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        # Evidence lives outside docs_dir: watch it so that edits rebuild the site.
        for name in ("criteria", "evidence"):
            folder = self.project_dir / name
            if folder.is_dir():
                server.watch(str(folder))
        return server


def _has_tags_plugin(config: Any) -> bool:
    return any(name in config.plugins for name in ("tags", "material/tags"))
