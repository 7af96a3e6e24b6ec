"""A citizen asking the real assistant about a procedure that is not curated: the answer comes
from the national catalogue (name, code, agency, its page; the fee from its full record)."""

from __future__ import annotations

import pytest

from knowledge.catalog import catalog_answer

pytestmark = pytest.mark.integration


def test_uncurated_procedure_is_answered_from_the_catalogue_then_its_fee(assistant, citizen):
    reply = assistant.texts("dang ky lai khai tu can giay to gi", citizen)
    assert reply[0] == catalog_answer("1.005461", "documents").text
    fee = assistant.texts("con le phi thi sao", citizen)
    assert fee[0] == catalog_answer("1.005461", "fee").text
    assert "Cơ sở dữ liệu quốc gia về TTHC, cập nhật" in fee[0]
