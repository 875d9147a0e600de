"""The plugin guide covers every hook with an example, and the README leads to it."""

from __future__ import annotations

import re
from pathlib import Path

from core import hookspecs

ROOT = Path(__file__).resolve().parent.parent
GUIDE = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")


def hook_names() -> list[str]:
    return sorted(name for name in dir(hookspecs) if name.startswith("cettar_"))


def test_every_hook_has_a_section_with_an_example_or_a_step():
    headings = re.findall(r"^### `([a-z_]+)`(?: / `([a-z_]+)`)?", GUIDE, re.M)
    documented = {name for pair in headings for name in pair if name}
    missing = [name for name in hook_names() if name not in documented]
    assert not missing, f"docs/plugins.md has no section for {missing}"
    for name in hook_names():
        heading = re.search(rf"^### .*`{name}`.*$", GUIDE, re.M)
        assert heading is not None
        section = GUIDE[heading.end() :].split("\n### ", 1)[0]
        assert "```python" in section or "See step" in section, f"{name}: no example"


def test_the_guide_walks_through_the_example_plugin_that_the_tests_run():
    assert "examples/cettar-posyandu" in GUIDE
    example = ROOT / "examples" / "cettar-posyandu" / "cettar_posyandu" / "__init__.py"
    implemented = set(re.findall(r"^def (cettar_[a-z_]+)|^async def (cettar_[a-z_]+)", example.read_text(), re.M))
    for hook in {name for pair in implemented for name in pair if name}:
        assert f"def {hook}" in GUIDE, f"the walkthrough does not show {hook}"


def test_the_readme_links_the_guide():
    assert "docs/plugins.md" in (ROOT / "README.md").read_text(encoding="utf-8")
