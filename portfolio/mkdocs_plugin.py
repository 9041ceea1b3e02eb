"""The mkdocs plugin: glue between mkdocs' events and the portfolio's own page renderer.

Everything that matters (validation, coverage, page content, sanitising) lives in code that does
not import mkdocs; this module only hands the results over.
"""

from __future__ import annotations

import html
import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
import jinja2
import jinja2.bccache
import yaml
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from .atomic import write_atomic
from .boundary import Refused, check_inside
from .check import CheckResult, UnknownLearner, run_check
from .load import NotAProject
from .privacy.audience import Audience, AudienceError, Publication, plan_publication
from .privacy.detect import KIND_LABELS
from .problems import Severity
from .report.record_paths import record_links
from .site.csp import ROBOTS_CLOSED, secure_page
from .site.pages import CSS_URI, NavEntry, SiteContent, build_site_content
from .site.publish import copy_originals
from .site.safety import UnsafeOutput, check_pages_folder, check_protected, claim_output_folder
from .site.search_text import search_entries
from .site.tags import display_forms, normalised
from .site.theme_fixes import THEME_CSS_FILE, THEME_CSS_URI, name_search_dialog

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

PAGE_MARKER = "<!-- portfolio page: content supplied by the portfolio plugin -->\n"
TAGS_PAGE = "tags.md"

progress: Callable[[int, int], None] | None = None
"""Set by `portfolio build` to show progress while pages render."""
prepared: CheckResult | None = None
"""Set by `portfolio build` when it builds many sites from one check (every learner's, say)."""


def prepared_result(project_dir: Path, learners: list[str] | None) -> CheckResult:
    """The check result to build from: the one prepared for this project, or a fresh run."""
    if (
        prepared is not None
        and prepared.project.root == project_dir.resolve()
        and (learners is None or all(learner_id in prepared.project.learners for learner_id in learners))
    ):
        return prepared
    return run_check(project_dir, learners)


class UnsafeFolderError(click.ClickException):
    """The output or pages folder is unsafe; mkdocs' command line prints it and exits with 2."""

    exit_code = 2


class PublicSiteRefused(click.ClickException):
    """A public site would publish personal data that nobody resolved; mkdocs' command line exits with 1."""

    exit_code = 1


class PortfolioConfig(Config):
    project_dir = config_options.Optional(config_options.Type(str))
    """Folder holding criteria/ and evidence/ (default: the folder of mkdocs.yml)."""
    learners = config_options.ListOfItems(config_options.Type(str), default=[])
    """Only these learners (default: all)."""
    records = config_options.Type(bool, default=True)
    """Also write the Word records into the site, and link to them from the pages."""
    audience = config_options.Choice([a.value for a in Audience], default=Audience.STAFF.value)
    """Who the site is for: staff (default), learner (with one learner in 'learners') or public."""


class PortfolioPlugin(BasePlugin[PortfolioConfig]):
    def __init__(self) -> None:
        self.result: CheckResult | None = None
        self.publication: Publication | None = None
        self.scripts: dict[str, str] = {}
        self.content: SiteContent | None = None
        self.project_dir = Path(".")
        self.rendered = 0
        self.search_urls: dict[str, str] = {}

    def on_config(self, config: Any) -> Any:
        base = Path(config.config_file_path or ".").resolve().parent
        self.project_dir = (base / self.config.project_dir).resolve() if self.config.project_dir else base
        # Runs before mkdocs empties site_dir, whether from `portfolio build` or plain mkdocs.
        try:
            check_protected(self.project_dir, Path(config.docs_dir), "pages folder (docs_dir)")
            check_pages_folder(self.project_dir, Path(config.docs_dir))
            claim_output_folder(self.project_dir, Path(config.site_dir))
        except UnsafeOutput as exc:
            raise UnsafeFolderError(str(exc)) from None
        for uri in (THEME_CSS_URI, CSS_URI):
            if uri not in config.extra_css:
                config.extra_css.append(uri)
        return config

    def on_files(self, files: Files, config: Any) -> Files:
        audience = Audience(self.config.audience)
        learners = self.config.learners or None
        if audience is Audience.LEARNER and (learners is None or len(learners) != 1):
            raise PluginError(
                "a learner's site is for one learner: set 'learners: [ID]' under the portfolio plugin, "
                "or run 'portfolio build --audience learner' to build every learner's site"
            )
        try:
            self.result = prepared_result(self.project_dir, learners)
        except NotAProject as exc:
            raise PluginError(str(exc)) from None
        except UnknownLearner as exc:
            raise PluginError(f"no learner '{exc.learner_id}' in evidence/ (plugin option 'learners')") from None
        self._drop_linked_pages(files, Path(config.docs_dir))
        for problem in self.result.problems_of(learners) if learners else self.result.problems:
            where = f"{problem.location()}: {problem.field + ': ' if problem.field else ''}{problem.message}"
            (log.error if problem.severity is Severity.ERROR else log.warning)(where)
        try:
            self.publication = plan_publication(self.result, audience, learners[0] if learners else None)
        except AudienceError as exc:
            raise PluginError(str(exc)) from None
        self._refuse_open_personal_data()
        links = self._record_links if self.config.records and audience is not Audience.PUBLIC else None
        self.content = build_site_content(self.result, config.use_directory_urls, links, self.publication)
        self.search_urls = {}
        # Tags spelt differently ("Work product", "work product") are one tag, shown one way.
        tag_forms = display_forms(page.tags for page in self.content.pages.values())
        for page in self.content.pages.values():
            front: dict[str, Any] = {"title": html.escape(page.title, quote=True)}
            if page.tags:
                front["tags"] = normalised(page.tags, tag_forms)
            source = "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n" + PAGE_MARKER
            inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
            generated = File.generated(config, page.src_uri, content=source, inclusion=inclusion)
            files.append(generated)
            # The search index locates a page as mkdocs' Page.url does: the home page is "", not "./".
            self.search_urls["" if generated.url in (".", "./") else generated.url] = page.src_uri
        css = Path(__file__).parent / "site" / "assets" / "portfolio.css"
        files.append(File.generated(config, CSS_URI, abs_src_path=str(css)))
        files.append(File.generated(config, THEME_CSS_URI, abs_src_path=str(THEME_CSS_FILE)))
        if _has_tags_plugin(config) and files.get_file_from_path(TAGS_PAGE) is None:
            files.append(File.generated(config, TAGS_PAGE, content="---\ntitle: Tags\n---\n# Tags\n\n<!-- material/tags -->\n"))
        config.nav = self._nav(files)
        return files

    def _refuse_open_personal_data(self) -> None:
        assert self.publication is not None
        for item, why in self.publication.left_out:
            log.info(f"{item.file}: left out of the public site: {why}")
        if not self.publication.blocking:
            return
        for finding in self.publication.blocking:
            place = f"{finding.file}:{finding.line}" if finding.line else finding.file
            where = f"{finding.field}: " if finding.field else ""
            log.error(f'{place}: {where}{KIND_LABELS[finding.kind]}: "{finding.excerpt}"')
        raise PublicSiteRefused(
            f"the public site is not built: {len(self.publication.blocking)} finding(s) of personal data in what it "
            "would publish are not resolved (listed above). Anonymise them, wrap them in ((redact …)), or "
            "record a review with 'portfolio privacy-review'; 'portfolio check' shows each with what to do."
        )

    def _record_links(self, learner_id: str | None, unit_code: str | None) -> list[tuple[str, str]]:
        """The staff site offers every record; a learner's site only the learner's own."""
        assert self.publication is not None
        if learner_id is None and not self.publication.staff:
            return []
        return record_links(learner_id, unit_code)

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

    def on_env(self, env: Any, config: Any, files: Files) -> Any:
        # Every-learner builds run many builds in one process: compile the theme's templates once.
        env.bytecode_cache = _TEMPLATES
        return env

    def on_page_content(self, html_text: str, page: Any, config: Any, files: Files) -> str:
        self.rendered += 1
        if progress is not None and self.content is not None:
            progress(self.rendered, len(self.content.pages))
        if self.content is not None and page.file.src_uri in self.content.pages and PAGE_MARKER.strip() in page.file.content_string:
            return self.content.pages[page.file.src_uri].html
        return html_text

    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        return self._secure(output, page.file.dest_uri.count("/"))

    def on_post_template(self, output_content: str, template_name: str, config: Any) -> str:
        return self._secure(output_content, template_name.count("/")) if template_name.endswith(".html") else output_content

    def _secure(self, output: str, depth: int) -> str:
        noindex = self.publication is None or self.publication.audience is not Audience.PUBLIC
        page, scripts = secure_page(name_search_dialog(output), depth, noindex)
        self.scripts.update(scripts)
        return page

    @event_priority(-50)  # after the search plugin has written its index
    def on_post_build(self, config: Any) -> None:
        site_dir = Path(config.site_dir)
        self._clean_search_index(site_dir / "search" / "search_index.json")
        for uri, code in self.scripts.items():
            (site_dir / uri).parent.mkdir(parents=True, exist_ok=True)
            (site_dir / uri).write_text(code, encoding="utf-8")
        if self.publication is None or self.publication.audience is not Audience.PUBLIC:
            (site_dir / "robots.txt").write_text(ROBOTS_CLOSED, encoding="utf-8")
        if self.content is not None:
            for message in copy_originals(self.content.files, Path(config.site_dir), self.project_dir):
                log.error(message)
        if self.config.records and self.result is not None and self.publication is not None:
            if self.publication.audience is Audience.PUBLIC:
                return  # the records are the centre's and the learner's, never the public's
            from .report.word import write_records

            shown = {lc.learner.id for lc in self.publication.learners}
            write_records(
                self.result.coverage, self.result.project.centre, Path(config.site_dir),
                learners=shown, cohort=self.publication.staff,
                errors=[p for p in self.result.problems if p.severity.value == "error"],
            )

    def _clean_search_index(self, index: Path) -> None:
        """Replace the search plugin's entries for the portfolio's pages, whose fields it runs
        together, with the pages' text read field by field from the same published HTML."""
        if self.content is None or not index.is_file():
            return
        data = json.loads(index.read_text(encoding="utf-8"))
        docs: list[dict[str, Any]] = []
        done: set[str] = set()
        for entry in data.get("docs", []):
            url = str(entry.get("location", "")).split("#", 1)[0]
            src_uri = self.search_urls.get(url)
            if src_uri is None:
                docs.append(entry)
            elif url not in done and src_uri in self.content.pages:
                done.add(url)
                page = self.content.pages[src_uri]
                docs.extend(search_entries(page.html, page.title, url, entry.get("tags")))
        data["docs"] = docs
        write_atomic(index, json.dumps(data, separators=(",", ":")).encode("utf-8"))

    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        # Evidence lives outside docs_dir: watch it so that edits rebuild the site.
        for name in ("criteria", "evidence"):
            folder = self.project_dir / name
            if folder.is_dir():
                server.watch(str(folder))
        return server


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept in memory for the life of the process (checked against their source)."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


_TEMPLATES = _MemoryBytecodeCache()


def _has_tags_plugin(config: Any) -> bool:
    return any(name in config.plugins for name in ("tags", "material/tags"))
