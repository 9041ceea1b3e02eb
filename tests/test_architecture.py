"""The core must not depend on mkdocs, python-docx or the CLI framework."""

import pkgutil
import subprocess
import sys
from pathlib import Path

import portfolio

GLUE = {"portfolio.cli", "portfolio.cli_assessment", "portfolio.cli_signing", "portfolio.__main__", "portfolio.mkdocs_plugin",
        "portfolio.site.build", "portfolio.cli_new"}
"""The command line and the mkdocs adapter; what renders Word or HTML lives under report/ and site/.
cli_new holds the `new` commands and their prompts; cli_signing `acknowledge` and `sign-off`."""
RENDERERS = ("portfolio.report", "portfolio.site")
CORE = sorted(
    module.name
    for module in pkgutil.walk_packages(portfolio.__path__, "portfolio.")
    if module.name not in GLUE and not module.name.startswith(RENDERERS)
)


def test_the_core_is_what_we_think_it_is():
    assert {"portfolio.load", "portfolio.criteria.models", "portfolio.assessment.record", "portfolio.boundary"} <= set(CORE)


def test_no_module_grows_past_about_500_lines():
    sizes = {path: len(path.read_text().splitlines()) for path in Path(portfolio.__file__).parent.rglob("*.py")}
    assert not [path for path, lines in sizes.items() if lines > 520], sizes


def test_core_imports_no_rendering_or_cli_framework():
    code = (
        "import sys\n"
        + "".join(f"import {module}\n" for module in CORE)
        + "bad = [m for m in ('mkdocs', 'docx', 'click', 'material') if m in sys.modules]\n"
        + "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == ""


def test_site_pages_render_without_mkdocs():
    code = "import sys\nimport portfolio.site.pages\nprint('mkdocs' in sys.modules)\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
