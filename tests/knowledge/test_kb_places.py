"""A citizen who names an old or new commune is understood; desks say what is not known."""

from __future__ import annotations

import pytest

from knowledge.base import KnowledgeBase
from kb_testutil import edit

FORMER = {
    "dai_dien": ["Phú Khánh", "Tân Phong", "Thới Thạnh", "Đại Điền"],
    "quoi_dien": ["Hòa Lợi", "Mỹ Hưng", "Quới Điền"],
    "thanh_phu": ["thị trấn Thạnh Phú", "An Thạnh", "Bình Thạnh", "Mỹ An"],
    "an_qui": ["An Thuận", "An Nhơn", "An Qui"],
    "thanh_hai": ["An Điền", "Thạnh Hải"],
    "thanh_phong": ["Giao Thạnh", "Thạnh Phong"],
}


@pytest.mark.parametrize("key, name", [(k, n) for k, names in FORMER.items() for n in names])
def test_every_former_unit_maps_to_its_new_commune(kb, key, name):
    assert kb.resolve_commune(name).key == key
    assert kb.resolve_commune("xã " + name if not name.startswith("thị") else name).key == key


@pytest.mark.parametrize("text, key", [
    ("xã An Nhơn", "an_qui"),
    ("xa an nhon", "an_qui"),
    ("Tôi ở xã An Nhơn cũ, giờ nộp ở đâu?", "an_qui"),
    ("XÃ QUỚI ĐIỀN", "quoi_dien"),
    ("tt thanh phu", "thanh_phu"),
    ("xã An Quy", "an_qui"),
    ("Thạnh Phú", "thanh_phu"),
])
def test_names_with_or_without_diacritics_resolve(kb, text, key):
    commune = kb.resolve_commune(text)
    assert commune is not None and commune.key == key


@pytest.mark.parametrize("text", ["huyện Thạnh Phú", "huyen thanh phu", "h. Thạnh Phú"])
def test_old_district_is_ambiguous_and_lists_its_communes(kb, text):
    assert kb.resolve_commune(text) is None
    place = kb.find_place(text)
    assert place is not None and place.kind == "district"
    assert set(place.commune_keys) == set(FORMER)
    assert len(kb.communes()) == 6


@pytest.mark.parametrize("text", ["người đại diện", "cho hỏi thủ tục", "", "🙂"])
def test_ordinary_words_are_not_communes(kb, text):
    assert kb.resolve_commune(text) is None


def test_commune_data(kb):
    c = kb.resolve_commune("an nhon")
    assert c.name == "xã An Qui" and c.province == "tỉnh Vĩnh Long"
    assert "xã An Nhơn" in c.former_units
    assert c.verified is True  # checked against NQ 1687/NQ-UBTVQH15 Điều 1 khoản 78 on 01/12/2026


def test_desk_answer_says_plainly_what_is_not_known(kb):
    ans = kb.office_answer("an_qui")
    assert not ans.known
    assert ans.text.startswith("Bộ phận một cửa xã An Qui:")
    assert "Địa chỉ: chưa có thông tin" in ans.text
    assert "Điện thoại: chưa có thông tin" in ans.text
    assert "Giờ làm việc: chưa có thông tin" in ans.text
    # the mapping is confirmed by the resolution: no "not yet checked" caveat
    assert "chưa được đối chiếu" not in ans.text
    assert "Nghị quyết 1687/NQ-UBTVQH15, Điều 1 khoản 78" in ans.text
    desk = kb.office("an_qui")
    assert desk.address is None and desk.phone is None and desk.hours is None
    assert kb.office("khong_co") is None


def test_desk_answer_without_a_commune_asks_which_one(kb):
    ans = kb.office_answer(None)
    assert not ans.known and "xã Thạnh Phong" in ans.text and "xã nào" in ans.text


def test_operator_filled_desk_is_shown_with_its_source(data_copy, db_url):
    places = data_copy / "places" / "vinh_long_thanh_phu.yml"
    edit(places, "tên gọi là xã An Qui.\"\n    office:\n"
                 "      address: unknown\n      phone: unknown\n",
         "tên gọi là xã An Qui.\"\n    office:\n"
         "      address: Trụ sở UBND xã (ví dụ kiểm thử)\n      phone: \"0275 000 0000\"\n"
         "      source: https://example.gov.vn/thong-bao\n      verified_on: 2026-11-01\n")
    kb = KnowledgeBase.open(db_url, data_copy)
    ans = kb.office_answer("an_qui")
    assert ans.known
    assert "Địa chỉ: Trụ sở UBND xã (ví dụ kiểm thử)" in ans.text
    assert "Điện thoại: 0275 000 0000" in ans.text
    assert "Giờ làm việc: chưa có thông tin" in ans.text
    assert "https://example.gov.vn/thong-bao" in ans.sources
    desk = kb.office("an_qui")
    assert desk.phone == "0275 000 0000" and desk.hours is None
    assert desk.source == "https://example.gov.vn/thong-bao"


def test_another_province_ships_its_own_places_file(tmp_path, data_copy, db_url, monkeypatch):
    other = tmp_path / "other.yml"
    other.write_text(
        "province: tỉnh Thử Nghiệm\nstatus: known\nsource: https://example.gov.vn/nq\nverified_on: 2026-11-01\n"
        "old_districts:\n  - name: huyện Cũ\n    communes: [xa_moi]\n"
        "communes:\n  - key: xa_moi\n    name: xã Mới\n    former_units: [xã Cũ Một, xã Cũ Hai]\n"
        "    office:\n      address: unknown\n      phone: unknown\n      hours: unknown\n",
        encoding="utf-8")
    monkeypatch.setenv("DVCBOT_PLACES_FILE", str(other))
    kb = KnowledgeBase.open(db_url, data_copy)
    assert [c.key for c in kb.communes()] == ["xa_moi"]
    assert kb.resolve_commune("xa cu hai").key == "xa_moi"
    assert kb.resolve_commune("xã An Nhơn") is None
