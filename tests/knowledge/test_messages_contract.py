"""The knowledge base's message templates: the renderer's declaration (render.MESSAGES) is
what render.py and base.py really fill in, so `dvcbot kb validate` requires exactly the
templates a citizen can be shown."""

from __future__ import annotations

import ast

import pytest

from bot.core.texts import Text, TextsError
from bot.paths import REPO_ROOT
from knowledge.render import ASPECTS, CHANNELS, DOCUMENT_KINDS, MESSAGES, Renderer

SOURCES = [REPO_ROOT / "knowledge" / "render.py", REPO_ROOT / "knowledge" / "base.py",
           REPO_ROOT / "actions" / "answers.py"]          # kb.message(...) there
DYNAMIC = {"what_": ASPECTS, "kind_": DOCUMENT_KINDS, "channel_": CHANNELS,
           "office_": ("address", "phone", "hours")}


def _calls():
    """(message name or f-string prefix, the keyword names passed) for every `.t(...)` and
    `kb.message(...)` call."""
    for source in SOURCES:
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in ("t", "message") and node.args):
                first = node.args[0]
                keywords = {k.arg for k in node.keywords if k.arg}
                if isinstance(first, ast.IfExp):           # t(f"what_{x}" if ... else "what_other")
                    first, other = first.body, first.orelse
                    if isinstance(other, ast.Constant):
                        yield other.value, keywords
                if isinstance(first, ast.Constant):
                    yield first.value, keywords
                elif isinstance(first, ast.JoinedStr) and isinstance(first.values[0], ast.Constant):
                    yield first.values[0].value + "*", keywords


def test_every_template_the_renderer_fills_in_is_declared_with_its_placeholders():
    used = set()
    for name, keywords in _calls():
        if name.endswith("*"):
            prefix = name[:-1]
            assert prefix in DYNAMIC, f"a dynamic message name {name} the test does not know"
            names = [prefix + part for part in DYNAMIC[prefix]]
        else:
            names = [name]
        for each in names:
            assert each in MESSAGES, f"the renderer uses {each!r}, not declared in render.MESSAGES"
            assert keywords == Text.of(MESSAGES[each]).allowed, each
            used.add(each)
    assert set(MESSAGES) - used == set(), "declared but never used by the renderer"


def test_a_template_filled_in_with_the_wrong_values_is_an_error_not_an_empty_line():
    renderer = Renderer({"fee_amount": "{amount}"})
    assert renderer.t("fee_amount", amount="15.000 đồng") == "15.000 đồng"
    with pytest.raises(TextsError, match="fee_amount"):
        renderer.t("fee_amount", money="15.000 đồng")
    with pytest.raises(TextsError, match="fee_amont"):
        renderer.t("fee_amont", amount="1")
