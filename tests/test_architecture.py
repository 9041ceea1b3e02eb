"""The core must not depend on mkdocs, python-docx or the CLI framework."""

import subprocess
import sys

CORE = ["portfolio.models", "portfolio.load", "portfolio.coverage", "portfolio.yamlsafe", "portfolio.decisions"]


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
