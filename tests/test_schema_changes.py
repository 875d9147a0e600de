"""The breaking-change gate: GraphQL Inspector compares schema/schema.graphql with its
previous version; every breaking change must be recorded in CHANGELOG.md (see there)."""

from __future__ import annotations

import subprocess
import warnings
from pathlib import Path

import pytest

from schema.plugin import SDL_PATH
from tests.support.schema_changes import (
    ROOT,
    SDL,
    Change,
    inspector_diff,
    previous_schema,
    unrecorded_breaking,
)

CHANGELOG = ROOT / "CHANGELOG.md"


async def test_every_breaking_change_to_the_committed_schema_is_in_the_changelog():
    base = previous_schema()
    if base.note:
        warnings.warn(f"breaking-change check: {base.note}", UserWarning, stacklevel=1)
    if base.sdl is None:
        return
    changes = await inspector_diff(base.sdl, SDL_PATH.read_text(encoding="utf-8"))
    missing = unrecorded_breaking(changes, CHANGELOG.read_text(encoding="utf-8"))
    assert not missing, (
        f"{SDL} has breaking changes against {base.label} that CHANGELOG.md does not record.\n"
        "Record each under `## [Unreleased]` (e.g. in `### Removed` or `### Changed`) by its coordinate in "
        "backticks, saying what clients use instead, or undo the change:\n"
        + "\n".join(f"  - {change}" for change in missing)
    )


OLD = """type Query {
  region(code: String!): Region
  regions: [Region!]!
}

type Region {
  code: String!
  name: String!
  population: Int
}
"""
NEW = OLD.replace("  population: Int\n", "").replace("  name: String!\n", "  name: String!\n  area: Float\n")
CHANGELOG_WITHOUT = """# Changelog

## [Unreleased]

### Added

- `Region.area`.

## [0.1.0] - 2026-01-05

### Added

- `Region.population`.
"""


async def test_the_gate_fails_on_an_unrecorded_removed_field_and_passes_once_it_is_recorded():
    changes = await inspector_diff(OLD, NEW)
    assert {(c.level, c.path) for c in changes} == {("BREAKING", "Region.population"), ("NON_BREAKING", "Region.area")}
    (removed,) = [c for c in changes if c.level == "BREAKING"]
    assert removed.type == "FIELD_REMOVED"

    # Mentioned only under a released version: not recorded.
    assert unrecorded_breaking(changes, CHANGELOG_WITHOUT) == [removed]
    # Nor under Unreleased but in another subsection than Removed or Changed.
    under_added = CHANGELOG_WITHOUT.replace("- `Region.area`.\n", "- `Region.area`, not `Region.population`.\n", 1)
    assert unrecorded_breaking(changes, under_added) == [removed]

    by_coordinate = unreleased_with("### Removed\n\n- `Region.population`: use the BPS API.\n")
    assert unrecorded_breaking(changes, by_coordinate) == []

    by_message = unreleased_with(f"### Changed\n\n- {removed.message}: use the BPS API.\n")
    assert unrecorded_breaking(changes, by_message) == []


def unreleased_with(subsection: str) -> str:
    """CHANGELOG_WITHOUT with ``subsection`` added at the end of its Unreleased section."""
    return CHANGELOG_WITHOUT.replace("\n## [0.1.0]", f"\n{subsection}\n## [0.1.0]", 1)


async def test_the_gate_needs_an_unreleased_section():
    changes = [Change("BREAKING", "FIELD_REMOVED", "Field 'b' was removed from object type 'Query'", "Query.b")]
    with pytest.raises(pytest.fail.Exception, match=r"no `## \[Unreleased\]` section"):
        unrecorded_breaking(changes, "# Changelog\n\n## [0.1.0]\n\n- `Query.b`\n")


# -- which previous version: uncommitted changes, HEAD~1, or the earliest commit --------------


def git(repo: Path, *args: str) -> str:
    command = ["git", "-C", str(repo), "-c", "user.name=CETTAR", "-c", "user.email=ci@cettar.test", *args]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip()


def commit_sdl(repo: Path, text: str, message: str) -> None:
    (repo / SDL).parent.mkdir(parents=True, exist_ok=True)
    (repo / SDL).write_text(text, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def test_the_previous_schema_is_head_1_or_head_with_uncommitted_changes_or_the_earliest(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / "README.md").write_text("x\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "no schema yet")
    nothing = previous_schema(repo)
    assert nothing.sdl is None
    assert nothing.note is not None
    assert "no commit has schema/schema.graphql" in nothing.note

    commit_sdl(repo, "type Query { a: Int }\n", "first schema")
    first = previous_schema(repo)  # HEAD~1 has no SDL: the earliest commit with one, said so
    assert first.sdl == "type Query { a: Int }\n"
    assert first.note is not None
    assert "HEAD~1 has no schema/schema.graphql" in first.note

    commit_sdl(repo, "type Query { a: Int b: Int }\n", "second schema")
    second = previous_schema(repo)
    assert (second.sdl, second.note) == ("type Query { a: Int }\n", None)
    assert second.label.startswith("HEAD~1 (")

    (repo / SDL).write_text("type Query { b: Int }\n", encoding="utf-8")
    uncommitted = previous_schema(repo)
    assert uncommitted.sdl == "type Query { a: Int b: Int }\n"
    assert uncommitted.label.endswith("uncommitted changes")


def test_a_single_commit_compares_with_itself_and_says_so(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    commit_sdl(repo, "type Query { a: Int }\n", "only commit")
    base = previous_schema(repo)
    assert base.sdl == "type Query { a: Int }\n"
    assert base.note is not None
    assert base.note.startswith("HEAD has no parent: comparing with the earliest available commit")


def test_without_git_the_check_fails_saying_why(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(pytest.fail.Exception, match="git is not on PATH"):
        previous_schema()
