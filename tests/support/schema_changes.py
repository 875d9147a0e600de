"""The breaking-change gate: GraphQL Inspector's diff of schema/schema.graphql, and CHANGELOG.md.

The rule (also in CHANGELOG.md and docs/plugins.md): the committed SDL is compared
with its previous version — the version in HEAD when the working tree changed it
(the change about to be committed), else the version in HEAD~1 (the change the last
commit made; in CI, the commit being tested). Every change GraphQL Inspector calls
BREAKING must be recorded under ``### Removed`` or ``### Changed`` in the
``## [Unreleased]`` section of CHANGELOG.md, by its schema coordinate in backticks as
Inspector reports it (`` `Query.foo` ``, `` `Region.kind` ``, `` `Query.regions.first` ``,
`` `RegionKind.KOTA` ``), or by Inspector's message verbatim.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.live import run_node

ROOT = Path(__file__).parents[2]
SCHEMA_CHECK = ROOT / "tests" / "schema_check"
SDL = "schema/schema.graphql"
UNRELEASED = re.compile(r"^## \[Unreleased\][^\n]*\n(?P<body>.*?)(?=^## |\Z)", re.M | re.S)
SUBSECTION = re.compile(r"^### +(?P<title>[^\n]*)\n(?P<body>.*?)(?=^### |\Z)", re.M | re.S)
#: The subsections of Unreleased where a breaking change is recorded.
RECORDING_SUBSECTIONS = ("removed", "changed")


@dataclass(frozen=True)
class Change:
    """One change as GraphQL Inspector reports it."""

    level: str  # BREAKING, DANGEROUS or NON_BREAKING
    type: str
    message: str
    path: str | None

    def __str__(self) -> str:
        where = f"`{self.path}`" if self.path else "(no coordinate)"
        return f"{where}: {self.message} [{self.type}]"


async def inspector_diff(old_sdl: str, new_sdl: str) -> list[Change]:
    """Every change from ``old_sdl`` to ``new_sdl``, by GraphQL Inspector (tests/schema_check)."""
    with tempfile.TemporaryDirectory(prefix="cettar-schema-") as folder:
        old, new = Path(folder) / "old.graphql", Path(folder) / "new.graphql"
        old.write_text(old_sdl, encoding="utf-8")
        new.write_text(new_sdl, encoding="utf-8")
        found = await run_node(SCHEMA_CHECK, "diff.mjs", str(old), str(new), package="@graphql-inspector/core")
    return [Change(c["level"], c["type"], c["message"], c["path"]) for c in found]


def recorded_text(changelog: str) -> str:
    """The ``### Removed`` and ``### Changed`` text of CHANGELOG.md's ``## [Unreleased]``
    section; fails when there is no such section."""
    match = UNRELEASED.search(changelog)
    if match is None:
        pytest.fail("CHANGELOG.md has no `## [Unreleased]` section to record breaking changes in", pytrace=False)
    return "\n".join(
        sub.group("body")
        for sub in SUBSECTION.finditer(match.group("body"))
        if sub.group("title").strip().lower() in RECORDING_SUBSECTIONS
    )


def is_recorded(change: Change, recorded: str) -> bool:
    return bool(change.path and f"`{change.path}`" in recorded) or change.message in recorded


def unrecorded_breaking(changes: list[Change], changelog: str) -> list[Change]:
    """The breaking changes CHANGELOG.md's Unreleased section does not record."""
    recorded = recorded_text(changelog)
    return [c for c in changes if c.level == "BREAKING" and not is_recorded(c, recorded)]


@dataclass(frozen=True)
class Base:
    """The previous version of the SDL to compare with."""

    sdl: str | None  # None: no commit has the SDL yet, so nothing can break
    label: str  # e.g. "HEAD~1 (3f2a1bc)"
    note: str | None = None  # said when the base is not the usual one


def _git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=check)


def _has_sdl(repo: Path, revision: str) -> bool:
    return _git(repo, "cat-file", "-e", f"{revision}:{SDL}", check=False).returncode == 0


def _short(repo: Path, revision: str) -> str:
    return _git(repo, "rev-parse", "--short", revision).stdout.strip()


def previous_schema(repo: Path = ROOT) -> Base:
    """The SDL to compare the working tree's with (see the module's rule); fails without git."""
    if shutil.which("git") is None:
        pytest.fail(
            "git is not on PATH: the breaking-change check compares schema/schema.graphql with its "
            "previous commit (apt-get install git)",
            pytrace=False,
        )
    if _git(repo, "rev-parse", "--verify", "--quiet", "HEAD", check=False).returncode != 0:
        pytest.fail(f"{repo} is not a git repository with a commit: cannot find the previous schema", pytrace=False)
    if _has_sdl(repo, "HEAD") and _git(repo, "diff", "--quiet", "HEAD", "--", SDL, check=False).returncode != 0:
        return Base(_git(repo, "show", f"HEAD:{SDL}").stdout, f"HEAD ({_short(repo, 'HEAD')}), uncommitted changes")
    if _git(repo, "rev-parse", "--verify", "--quiet", "HEAD~1", check=False).returncode == 0 and _has_sdl(
        repo, "HEAD~1"
    ):
        return Base(_git(repo, "show", f"HEAD~1:{SDL}").stdout, f"HEAD~1 ({_short(repo, 'HEAD~1')})")
    shallow = _git(repo, "rev-parse", "--is-shallow-repository").stdout.strip() == "true"
    with_sdl = [c for c in _git(repo, "rev-list", "--reverse", "HEAD").stdout.split() if _has_sdl(repo, c)]
    why = (
        "the clone is shallow (fetch with --depth 2 or more to compare with HEAD~1)"
        if shallow
        else "HEAD has no parent"
        if _git(repo, "rev-parse", "--verify", "--quiet", "HEAD~1", check=False).returncode != 0
        else f"HEAD~1 has no {SDL}"
    )
    if not with_sdl:
        return Base(None, "no commit", f"{why}, and no commit has {SDL}: there is nothing to compare with")
    earliest = with_sdl[0]
    return Base(
        _git(repo, "show", f"{earliest}:{SDL}").stdout,
        f"{_short(repo, earliest)} (the earliest commit with {SDL})",
        f"{why}: comparing with the earliest available commit with {SDL}, {_short(repo, earliest)}",
    )
