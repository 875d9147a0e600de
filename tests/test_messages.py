"""Every error code speaks Bahasa Indonesia and English, and the catalogue in the docs lists it."""

from __future__ import annotations

import importlib
import re
import string
from pathlib import Path

import core.identity.validators
import core.storage  # noqa: F401  (registers its codes)
import schema.persisted  # noqa: F401  (registers its codes)
from core.errors import MESSAGES
from core.plugins import builtin_module_names

for _module in builtin_module_names():  # every built-in plugin registers its codes on import
    importlib.import_module(_module)

DOCS = Path(__file__).resolve().parent.parent / "docs"
#: The kernel's catalogue, and one page per built-in plugin listing its own codes.
CATALOGUES = [DOCS / "errors.md", *sorted((DOCS / "plugins").glob("*.md"))]
#: Messages fixed by a protocol, which clients match word for word (Apollo's persisted queries).
PROTOCOL_MESSAGES = {"PERSISTED_QUERY_NOT_FOUND", "PERSISTED_QUERY_NOT_SUPPORTED"}


def placeholders(template: str) -> set[str]:
    return {name for _text, name, _spec, _conv in string.Formatter().parse(template) if name}


def test_every_code_has_two_real_translations():
    for code, (indonesian, english) in MESSAGES.items():
        assert indonesian.strip() and english.strip(), code
        if code not in PROTOCOL_MESSAGES:
            assert indonesian != english, f"{code}: the Indonesian message is the English one"
        assert re.fullmatch(r"[A-Z][A-Z0-9_]+", code), code


def test_both_languages_use_the_same_parameters_apart_from_translated_pairs():
    for code, (indonesian, english) in MESSAGES.items():
        id_params, en_params = placeholders(indonesian), placeholders(english)
        # `reason_id` in one language and `reason_en` in the other are one translated parameter
        pairs = {p[:-3] for p in id_params if p.endswith("_id") and p[:-3] + "_en" in en_params}
        pairs |= {p[:-3] for p in en_params if p.endswith("_en") and p[:-3] + "_id" in id_params}
        shared_id = {p[:-3] if p[:-3] in pairs else p for p in id_params}
        shared_en = {p[:-3] if p[:-3] in pairs else p for p in en_params}
        assert shared_id == shared_en, f"{code}: {sorted(id_params)} != {sorted(en_params)}"


def test_the_error_catalogue_lists_every_code():
    documented: set[str] = set()
    for page in CATALOGUES:
        documented |= set(re.findall(r"^\|\s*`([A-Z][A-Z0-9_]+)`\s*\|", page.read_text(encoding="utf-8"), re.M))
    missing = sorted(set(MESSAGES) - documented)
    assert not missing, f"neither docs/errors.md nor a page in docs/plugins/ lists {missing}"
