"""The national catalogue layer as citizens and operators see it: answers for procedures that are
not curated, links, abolished codes, other provinces' variants, search, and the import command.

Answers and search use the catalogue shipped in knowledge/data/catalog/ (the repo copy); the
import tests build a small crawl folder of their own (the real one is not in every checkout)."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from knowledge.canonical import PORTAL_HOME
from knowledge.catalog import Catalog, catalog_answer, search
from knowledge.catalog_import import CatalogImportError, import_catalog
from knowledge.cli import main as kb_main
from kb_testutil import DATA

PAGE = "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/"
TACH_HO_PAGE = PAGE + "019d2bf7-7f1e-71e3-be3e-7f22dce4ac4d"        # 1.010038, full record
LAI_KHAI_TU_PAGE = PAGE + "019d2bfd-6ebc-709e-8678-a9f8b66738f2"    # 1.005461, full record, not curated
DOI_GPLX_PAGE = PAGE + "019d2bf7-bda8-740c-9f49-ddaae438530d"       # 3.000347, catalogue only
KHAI_SINH_PAGE = PAGE + "019d2bfd-3fe0-70ac-b9d6-5e9e20d6eef7"      # 1.001193 (curated khai_sinh)


def codes(hits):
    return [h.code for h in hits]


# ------------------------------------------------------------------ answers for uncurated procedures
def test_uncurated_procedure_with_a_full_record_answers_the_fee_with_its_source_and_dates():
    ans = catalog_answer("1.010038", "fee")
    assert ans.text.startswith("Tách hộ (mã 1.010038).")
    assert "Công an cấp Xã" in ans.text and "Cấp xã" in ans.text
    assert "10.000 đồng" in ans.text and "5.000 đồng" in ans.text   # in person / online
    assert "Cơ sở dữ liệu quốc gia về TTHC, cập nhật 29/04/2026" in ans.text
    assert "18/07/2026" in ans.text and "có thể đã thay đổi" in ans.text  # the crawl is not today
    assert TACH_HO_PAGE in ans.text and ans.link == TACH_HO_PAGE
    assert ans.known and len(ans.text) <= 600
    assert "Thông tư 53/2025/TT-BCA" in ans.followup   # the legal bases come in a second message


@pytest.mark.parametrize("aspect, expected", [
    ("documents", "Tờ khai thay đổi thông tin cư trú (Mẫu CT01"),
    ("processing_time", "5 ngày làm việc"),
    ("where", "Nơi giải quyết: Công an cấp Xã"),
])
def test_uncurated_procedure_with_a_full_record_answers_each_aspect(aspect, expected):
    ans = catalog_answer("1.010038", aspect)
    assert expected in ans.text and len(ans.text) <= 600


def test_uncurated_procedure_without_a_full_record_gives_name_code_agency_and_page_only():
    ans = catalog_answer("3.000347", "fee")
    assert ans.text.startswith("Đổi giấy phép lái xe (mã 3.000347).")
    assert "Công an cấp Xã" in ans.text and DOI_GPLX_PAGE in ans.text
    assert "chưa có chi tiết về lệ phí" in ans.text and "đồng" not in ans.text
    assert "18/07/2026" in ans.text
    assert not ans.known


def test_unknown_code_is_said_unknown_and_points_to_the_portal():
    ans = catalog_answer("9.999999", "fee")
    assert "Không tìm thấy thủ tục mã 9.999999" in ans.text and ans.link == PORTAL_HOME
    assert not ans.known


# ------------------------------------------------------------------ curated links
def test_curated_procedure_links_its_own_catalogue_page(kb):
    assert kb.answer("khai_sinh", "fee").link == KHAI_SINH_PAGE
    assert kb.answer("khai_sinh", "fee").text.endswith("Xem thêm: " + KHAI_SINH_PAGE)


def test_curated_procedure_without_a_known_code_links_the_portal_home(kb):
    # căn cước's codes were abolished by QĐ 5230/QĐ-BCA and the new one is not published
    assert kb.answer("can_cuoc", "fee").link == PORTAL_HOME
    assert "ma_thu_tuc=" not in kb.answer("can_cuoc", "fee").text


def test_search_offers_the_curated_procedure_first_with_its_page():
    hits = search("lam giay khai sinh cho con")
    assert hits[0].curated and hits[0].key_or_code == "khai_sinh"
    assert hits[0].code == "1.001193" and hits[0].portal_url == KHAI_SINH_PAGE
    # the catalogue record of the same code is not offered a second time
    assert [h for h in hits if not h.curated and h.code == "1.001193"] == []


# ------------------------------------------------------------------ abolished codes
def test_abolished_cancuoc_code_is_not_presented_as_current():
    ans = catalog_answer("2.001195", "fee")
    assert "đã bị bãi bỏ" in ans.text and "5230/QĐ-BCA" in ans.text
    assert "Cấp, đổi, cấp lại thẻ căn cước" in ans.text      # the curated procedure that replaces it
    assert "đồng" not in ans.text and "Lệ phí" not in ans.text
    assert not ans.known and ans.link == PORTAL_HOME


def test_search_never_returns_an_abolished_code():
    abolished = {"2.001195", "2.001194", "1.014061", "1.014062", "1.014063", "1.014064"}
    for text in ("cap doi the can cuoc", "cap lai the can cuoc", "cap the can cuoc cho nguoi du 14 tuoi",
                 "Cấp thẻ căn cước cho người dưới 14 tuổi"):
        assert abolished.isdisjoint(codes(search(text, limit=10))), text


def test_curated_procedure_with_an_abolished_code_links_the_portal_home(kb):
    assert Catalog.open().portal_url("2.001195") == PORTAL_HOME
    assert kb.answer("can_cuoc", "fee").link == PORTAL_HOME


# ------------------------------------------------------------------ provinces
def test_another_provinces_variant_is_never_offered_nor_presented_as_vinh_longs():
    # 3.000616 is a Huế procedure (type SPECIFIC)
    assert "3.000616" not in codes(search("ho tro doanh nghiep tham gia chuoi cung ung ban dan", limit=10))
    ans = catalog_answer("3.000616", "fee")
    assert "riêng của tỉnh Huế" in ans.text and "không áp dụng ở tỉnh Vĩnh Long" in ans.text
    assert ans.link == PORTAL_HOME and not ans.known


def test_vinh_longs_own_variant_is_presented_as_vinh_longs():
    hits = search("chap thuan xay dung nut giao dau noi vao tuyen duong do xa quan ly")
    mine = [h for h in hits if h.code == "1.014868"]
    assert mine and mine[0].province == "Vĩnh Long"
    assert "thủ tục riêng của tỉnh Vĩnh Long" in catalog_answer("1.014868", "procedure").text


def test_a_national_procedure_does_not_name_another_provinces_office():
    # 2.002851 (national) lists "Sở Giáo dục và Đào tạo Thành phố Hà Nội" among its agencies
    ans = catalog_answer("2.002851", "where")
    assert "Hà Nội" not in ans.text


# ------------------------------------------------------------------ search
@pytest.mark.parametrize("text", ["doi bang lai", "ĐỔI BẰNG LÁI", "đổi bằng lái xe", "bang lai xe het han doi",
                                  "toi muon doi cai bang lai xe may"])
def test_search_is_robust_to_diacritics_case_inserted_words_and_order(text):
    assert "3.000347" in codes(search(text)[:3])


@pytest.mark.parametrize("text", ["", "   ", "xin chào", "cảm ơn nhiều nha", "ok", "asdkjh qwe", None, 42])
def test_search_returns_nothing_when_nothing_is_good_enough(text):
    assert search(text) == []


def test_search_candidates_carry_level_and_portal_page():
    hit = next(h for h in search("dang ky lai khai tu") if h.code == "1.005461")
    assert not hit.curated and hit.level == "Cấp xã" and hit.portal_url == LAI_KHAI_TU_PAGE
    assert 0.0 < hit.score <= 1.0


def test_kb_search_lists_the_catalogue_after_the_curated_procedures(capsys):
    assert kb_main(["search", "dang", "ky", "lai", "khai", "tu"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert "1.005461" in first and "Đăng ký lại khai tử" in first
    assert kb_main(["search", "dang", "ky", "khai", "sinh"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert "khai_sinh" in first and "[đã kiểm chứng]" in first


def test_kb_answer_accepts_a_catalogue_code(capsys):
    assert kb_main(["answer", "1.010038", "fee"]) == 0
    out = capsys.readouterr().out
    assert "10.000 đồng" in out and TACH_HO_PAGE in out


# ------------------------------------------------------------------ import
def _crawl(folder: Path, lines: list[dict | str] | None = None) -> Path:
    """A small crawl folder in the portal's format."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = lines if lines is not None else [
        {"id": "019d-0001", "name": "Thủ tục đăng ký khai sinh", "code": "1.001193", "type": "STANDARD",
         "state": "UPDATED", "departments": ["Ủy ban nhân dân cấp xã"], "departmentPromulgate": "Bộ Tư pháp",
         "categories": ["Hộ tịch"], "formalityTargetType": ["Công dân Việt Nam"]},
        {"id": "019d-0002", "name": "Hỗ trợ doanh nghiệp", "code": "3.000616", "type": "SPECIFIC",
         "state": "ACTIVE", "departments": ["Sở Khoa học và Công nghệ"], "departmentPromulgate": "UBND Thành phố Huế",
         "categories": [], "formalityTargetType": ["Doanh nghiệp Việt Nam"]},
    ]
    (folder / "catalog.jsonl").write_text(
        "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in rows), encoding="utf-8")
    (folder / "manifest.json").write_text(json.dumps({"startedAt": "2026-07-18T09:13:46.134Z",
                                                      "finishedAt": "2026-07-18T14:03:31.439Z"}), encoding="utf-8")
    (folder / "provinces.json").write_text(json.dumps({"data": {"rows": [{"name": "Thành phố Huế"},
                                                                         {"name": "Tỉnh Vĩnh Long"}]}}), encoding="utf-8")
    (folder / "details").mkdir(exist_ok=True)
    (folder / "details" / "1.001193.json").write_text(json.dumps({"code": "1.001193", "message": "OK", "data": {
        "id": "019d-0001", "code": "1.001193", "name": "Thủ tục đăng ký khai sinh", "updatedAt": 1776242191512,
        "isWard": True, "executionMethods": [{"submissionMethod": "DIRECT", "processingTime": 1,
                                              "processingTimeUnit": "WORKING_DAY", "fees": [{"type": "FEE", "value": 0}]}],
        "legalBasisesDetails": [{"code": "60/2014/QH13", "name": "Luật Hộ tịch"}]}}), encoding="utf-8")
    return folder


def test_import_is_idempotent_and_records_provenance(tmp_path):
    source = _crawl(tmp_path / "crawl")
    target = tmp_path / "data" / "catalog"
    first = import_catalog(source, target, today=__import__("datetime").date(2026, 12, 1))
    files = {p.name: p.read_bytes() for p in target.iterdir()}
    second = import_catalog(source, target, today=__import__("datetime").date(2026, 12, 24))
    assert first.changed and not second.changed
    assert {p.name: p.read_bytes() for p in target.iterdir()} == files      # byte for byte
    provenance = json.loads((target / "provenance.json").read_text(encoding="utf-8"))
    assert provenance["crawl_date"] == "2026-07-18" and provenance["imported_on"] == "2026-12-01"
    assert provenance["procedures"] == 2 and provenance["details"] == 1
    assert "Cơ sở dữ liệu quốc gia về thủ tục hành chính" in provenance["source"]
    rows = [json.loads(line) for line in gzip.open(target / "procedures.jsonl.gz", "rt", encoding="utf-8")]
    assert [r["code"] for r in rows] == ["1.001193", "3.000616"]
    assert rows[1]["province"] == "Huế"


def test_import_of_a_changed_source_records_the_new_import_date(tmp_path):
    import datetime as dt

    source = _crawl(tmp_path / "crawl")
    target = tmp_path / "catalog"
    import_catalog(source, target, today=dt.date(2026, 12, 1))
    rows = [json.loads(line) for line in (source / "catalog.jsonl").read_text(encoding="utf-8").splitlines()]
    rows[0]["name"] = "Đăng ký khai sinh"
    _crawl(source, rows)
    assert import_catalog(source, target, today=dt.date(2026, 12, 24)).changed
    assert json.loads((target / "provenance.json").read_text(encoding="utf-8"))["imported_on"] == "2026-12-24"


@pytest.mark.parametrize("line, field", [
    ('{"id": "x1", "name": "A", "type": "STANDARD"}', "code"),
    ('{"id": "x1", "name": "A", "code": "1.000001", "type": "NATIONAL"}', "type"),
    ('{"id": "x1", "name": "", "code": "1.000001", "type": "STANDARD"}', "name"),
    ('{"id": "x1", "name": "A", "code": "1.000001", "type": "STANDARD", "departments": "UBND xã"}', "departments"),
    ('{"id": "x1", "name": "A", "code": "1.000001", "type": "STANDARD"', "(line)"),
])
def test_malformed_catalogue_line_is_an_operator_error_naming_file_line_and_field(tmp_path, capsys, line, field):
    good = {"id": "x0", "name": "Đăng ký khai sinh", "code": "1.001193", "type": "STANDARD"}
    source = _crawl(tmp_path / "crawl", [good, good | {"id": "x9", "code": "1.000999"}, line])
    target = tmp_path / "data" / "catalog"
    with pytest.raises(CatalogImportError) as err:
        import_catalog(source, target)
    assert f"catalog.jsonl:3: mục {field!r}" in str(err.value)
    assert not target.exists()                     # nothing written
    data = tmp_path / "data"
    assert kb_main(["catalog", "import", str(source), "--data-dir", str(data)]) == 1
    err_text = capsys.readouterr().err
    assert f"{source / 'catalog.jsonl'}:3: mục {field!r}" in err_text and "không nạp gì" in err_text


def test_malformed_detail_record_names_its_file_and_field(tmp_path):
    source = _crawl(tmp_path / "crawl")
    (source / "details" / "1.001193.json").write_text(json.dumps({"code": "1.001193", "data": {
        "id": "019d-0001", "code": "1.001193", "name": "Khai sinh"}}), encoding="utf-8")
    with pytest.raises(CatalogImportError) as err:
        import_catalog(source, tmp_path / "out")
    assert "1.001193.json:1: mục 'data.updatedAt'" in str(err.value)


def test_kb_catalog_import_cli_reports_unchanged_on_a_second_run(tmp_path, capsys):
    source = _crawl(tmp_path / "crawl")
    data = tmp_path / "data"
    shutil.copytree(DATA / "places", data / "places")
    assert kb_main(["catalog", "import", str(source), "--data-dir", str(data)]) == 0
    assert capsys.readouterr().out.startswith("đã nạp: 2 thủ tục, 1 bản ghi đầy đủ")
    assert kb_main(["catalog", "import", str(source), "--data-dir", str(data)]) == 0
    assert capsys.readouterr().out.startswith("không đổi")
    assert kb_main(["catalog", "info", "--data-dir", str(data)]) == 0
    assert "thu thập: 2026-07-18" in capsys.readouterr().out


def test_the_shipped_catalogue_is_compact_and_complete():
    folder = DATA / "catalog"
    size = sum(p.stat().st_size for p in folder.iterdir())
    assert size < 3_000_000
    catalog = Catalog.open()
    assert len(catalog.records) == 5670 and len(catalog.details) == 502
    assert catalog.provenance["crawl_date"] == "2026-07-18"


def test_without_a_catalogue_folder_the_curated_procedures_are_still_found(data_copy):
    shutil.rmtree(data_copy / "catalog")
    hits = search("lam giay khai sinh", data_dir=data_copy)
    assert hits and hits[0].key_or_code == "khai_sinh" and hits[0].portal_url == PORTAL_HOME
    assert catalog_answer("1.010038", "fee", data_dir=data_copy).link == PORTAL_HOME


def test_the_same_procedure_at_two_levels_is_offered_once_the_local_level_first():
    hits = search("cap lai the bao hiem y te", limit=5)
    variants = [h.code for h in hits if h.code in ("1.001294", "1.001327")]
    assert variants == ["1.001294"]          # "(thực hiện tại cấp tỉnh)", not also the central one


def test_kb_catalog_info_names_an_abolished_entry_without_source(data_copy, capsys):
    path = data_copy / "catalog" / "abolished.yml"
    path.write_text(path.read_text(encoding="utf-8") + '  - codes: ["9.999999"]\n    decision: QĐ 1\n',
                    encoding="utf-8")
    assert kb_main(["catalog", "info", "--data-dir", str(data_copy)]) == 1
    out = capsys.readouterr().out
    assert "mã 9.999999 không có trong danh mục" in out and "mã 9.999999 chưa có nguồn" in out
