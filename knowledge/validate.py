"""Read and check the knowledge YAML; every problem names file, line, field and reason.

`validate(data_dir, places=None, today=None) -> Report`. The report holds `issues` (errors and
warnings) and, when there is no error, `data`: the normalized content the loader writes into
the database. Errors: a missing canonical procedure, a fact without a source, a duplicate alias
(across procedures), bad types or dates, a YAML syntax error. Warnings: a fact not verified for
over 12 months, unknown facts and unrecognized field names, links with a broken syntax.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import urlparse

import yaml

from bot.core import tz
from bot.core.text import fold
from bot.core.texts import check_values

from . import config
from .canonical import PORTAL_HOME, PORTAL_PROCEDURE_URL, PROCEDURE_KEYS
from .render import MESSAGES

ERROR, WARNING = "error", "warning"
LEVEL_WORDS = {ERROR: "lỗi", WARNING: "cảnh báo"}
STALE_DAYS = 365
# a fee, time, place or deadline fact re-read on or after this day must carry the sentence that states it
QUOTE_REQUIRED_FROM = dt.date(2026, 12, 1)
QUOTE_SECTIONS = ("fees", "processing_time", "where", "agency", "deadlines")
ENDING_SOON_DAYS = 30

# ----------------------------------------------------------------------------- messages
# Every message the operator reads (in Vietnamese, for a commune office, not for a programmer).
# Each is printed after "file:line: field: lỗi|cảnh báo:"; field names stay as written in the YAML.
MSG = {
    # field types
    "unknown_field": "tên mục lạ, bị bỏ qua{hint}",
    "did_you_mean": " (có phải bạn định viết '{name}'?)",
    "required": "bắt buộc phải có",
    "text": "phải là chữ (một dòng văn bản)",
    "not_empty": "không được để trống",
    "bad_date": "ngày {shown!r} viết chưa đúng: viết theo dạng YYYY-MM-DD (năm-tháng-ngày), ví dụ 2025-12-31",
    "amount_type": "phải là số tiền tính bằng đồng (một số nguyên)",
    "negative": "không được là số âm",
    "amount_dots": "số tiền {value!r} không phải số đồng chẵn: viết 20000, không viết 20.000",
    "amount_bad": "số tiền {value!r} phải là số đồng chẵn (ví dụ 20000) hoặc 'unknown' (chưa rõ)",
    "integer": "phải là số nguyên từ {minimum} trở lên, hoặc 'unknown' (chưa rõ)",
    "text_list": "phải là một danh sách các dòng chữ",
    "true_false": "phải là true (có) hoặc false (không)",
    "status_one_of": "phải là một trong: known (đã biết), unverified (chưa xác minh), unknown (chưa rõ)",
    "broken_link": "đường link viết chưa đúng: {url!r}",
    # facts and sources
    "source_text": "phải là chữ: một văn bản pháp luật (số hiệu + điều) hoặc địa chỉ một trang chính thức",
    "source_no_number": "nguồn {part!r} không ghi số hiệu văn bản (ví dụ 60/2014/QH13) và không có địa chỉ "
                        "trang chính thức",
    "fact_mapping": "phải gồm các dòng 'tên mục: giá trị'",
    "status_bad": "trạng thái {status!r} phải là một trong: known (đã biết), unverified (chưa xác minh), "
                  "unknown (chưa rõ)",
    "effective_order": "effective_to {to} sớm hơn effective_from {start}",
    "no_source": "thông tin chưa có nguồn: thêm 'source:' (văn bản pháp luật + điều, hoặc trang chính thức), "
                 "hoặc ghi 'status: unknown'",
    "unknown_no_ask": "thông tin chưa rõ nhưng chưa có 'ask:' (người dân nên hỏi ở đâu)",
    "fact_unknown": "thông tin đang ghi là chưa rõ: hãy điền khi tìm được nguồn chính thức",
    "no_verified_on": "chưa có ngày kiểm tra verified_on (ghi ở thông tin này hoặc ở đầu tệp)",
    "future_verified": "verified_on {day} là một ngày trong tương lai",
    "stale": "đã hơn 12 tháng chưa kiểm tra lại (lần cuối {day}): hãy đối chiếu lại với nguồn",
    "main_required": "bắt buộc phải có (hoặc ghi 'status: unknown' cho thông tin này)",
    "no_quote": "đã kiểm tra lại ngày {day} nhưng chưa có 'quote:': hãy chép câu trong văn bản nói điều này "
                "(và 'copy:', bản công khai bạn đã đọc)",
    "quote_no_copy": "có 'quote:' nhưng chưa có 'copy:': ghi bản công khai bạn đã đọc (owner/repo đường_dẫn)",
    "marked_unknown": "đang ghi là chưa rõ (unknown)",
    "list_empty": "đang để trống: hãy liệt kê các thông tin, hoặc ghi '- status: unknown' kèm 'ask:'",
    "fact_list": "phải là một danh sách thông tin (mỗi dòng bắt đầu bằng '- ')",
    # conditions of a fact
    "conditions_mapping": "phải gồm các dòng điều kiện, ví dụ {{channel: trực tuyến, cong_dan_so: true}}",
    "condition_unknown": "điều kiện lạ {key!r}: chỉ có {known} (knowledge/data/conditions.yml)",
    "none": "(chưa có)",
    "condition_value": "{value!r} phải là một trong: {choices}",
    "condition_list_value": "giá trị {value!r} của {key} không có: chỉ có {choices} (knowledge/data/conditions.yml)",
    # procedures
    "file_mapping": "tệp phải gồm các dòng 'tên mục: giá trị'",
    "key_chars": "mã {key!r} chỉ được gồm chữ thường không dấu, chữ số và dấu _",
    "key_file": "mã {key!r} phải trùng với tên tệp ({stem}.yml)",
    "verified_top": "bắt buộc phải có ở đầu tệp (YYYY-MM-DD)",
    "ma_tthc_required": "bắt buộc phải có: mã thủ tục, hoặc 'status: unknown' kèm 'ask:'",
    "ma_tthc_scalar": "hãy viết thành một thông tin: 'code: \"1.001193\"' kèm 'source:', hoặc 'status: unknown'",
    "code_format": "mã {code!r} phải có dạng 1.001193 (có thể thêm đuôi như .H19)",
    "link_code": "đường link không kết thúc bằng mã {code}",
    "link_old": "đường link cũ dạng '?ma_thu_tuc=' mở ra trang trống; hãy xoá portal_link để bot dẫn tới trang "
                "của thủ tục trong danh mục quốc gia",
    "aliases_required": "bắt buộc phải có: danh sách các cách người dân gọi thủ tục này",
    "alias_text": "phải là chữ, không để trống",
    "legal_bases_required": "bắt buộc phải có: các văn bản pháp luật của thủ tục",
    "legal_basis_mapping": "phải gồm 'doc:' và 'articles:'",
    "doc_no_number": "{doc!r} không có số hiệu văn bản (ví dụ 60/2014/QH13)",
    "section_missing": "thiếu phần này: hãy ghi các thông tin, hoặc '- status: unknown' kèm 'ask:'",
    "documents_incomplete": "danh sách đang ghi là chưa đủ: thêm 'note:' nói rõ còn thiếu gì",
    "kind": "loại {kind!r} phải là một trong: bản chính, bản sao, bản sao chứng thực, xuất trình, unknown",
    "fee_unknown": "số tiền ghi là 'unknown': hãy ghi 'status: unknown' cho khoản lệ phí này",
    "day_unit": "phải là 'ngày làm việc' hoặc 'ngày'",
    "channel": "cách nộp {channel!r} phải là một trong: trực tiếp, bưu chính, trực tuyến",
    "available": "{value!r} phải là yes (có), no (không) hoặc unknown (chưa rõ)",
    "late_mapping": "phải gồm các dòng text:, source:, quote:",
    "late_source": "hậu quả khi quá hạn phải có văn bản nói điều đó ('source:')",
    "late_quote": "hãy thêm câu trong văn bản nói điều đó ('quote:')",
    # places
    "places_mapping": "tệp địa danh phải gồm các dòng province:, communes:, old_districts:",
    "communes_required": "bắt buộc phải có: danh sách các xã",
    "commune_mapping": "phải gồm các dòng key:, name:, former_units:, office:",
    "commune_twice": "mã xã {key!r} bị trùng (đã có ở dòng {line})",
    "commune_no_source": "xã chưa có nguồn (ghi ở đây hoặc ở đầu tệp)",
    "no_office": "chưa có thông tin bộ phận một cửa: thêm office: với address/phone/hours "
                 "(ghi unknown cho đến khi có người điền)",
    "office_mapping": "phải gồm các dòng address:, phone:, hours:",
    "office_missing": "còn thiếu: ghi 'unknown' cho đến khi điền được",
    "office_no_source": "thông tin bộ phận một cửa chưa có nguồn: ghi rõ lấy từ đâu (trang chính thức hoặc quyết định)",
    "office_no_date": "thông tin bộ phận một cửa cần có ngày kiểm tra verified_on",
    "names_list": "phải là một danh sách tên",
    "name": "phải là một tên",
    "list": "phải là một danh sách",
    "district_mapping": "phải gồm các dòng name:, communes:",
    "commune_unknown": "không có xã nào mang mã {key!r}",
    # online guide, messages
    "steps_required": "online_guide.yml cần có 'steps:' với ít nhất một bước",
    "step_long": "bước này dài {n} ký tự: hãy viết ngắn gọn như một tin nhắn",
    "messages_mapping": "messages.yml phải gồm các dòng 'tên câu: câu chữ'",
    # conditions.yml, legal_documents.yml
    "vocabulary_mapping": "conditions.yml phải gồm các mã điều kiện (channel:, cong_dan_so:, groups:)",
    "words": "hãy liệt kê các từ người dân dùng để nói điều kiện này (cả có dấu và không dấu)",
    "word_twice": "từ {word!r} đã dùng cho {other}: mỗi từ chỉ được chỉ một điều kiện",
    "condition_key": "mã điều kiện {key!r} chỉ được gồm chữ thường không dấu, chữ số và dấu _",
    "condition_mapping": "phải gồm các dòng type:, label:, words: hoặc values:",
    "condition_type": "loại {kind!r} phải là một trong: flag, value, list",
    "values_required": "bắt buộc phải có: các giá trị, mỗi giá trị có {{label:, words:}}",
    "value_mapping": "phải gồm các dòng label:, words:",
    "documents_required": "legal_documents.yml cần có 'documents:', là một danh sách",
    "document_mapping": "phải gồm các dòng number:, title:, effective_from:",
    "document_number": "{number!r} không phải số hiệu văn bản dạng 60/2014/QH13",
    "document_twice": "{number} bị ghi hai lần (đã có ở dòng {line})",
    "replaced_pair": "phải ghi cả replaced_by và replaced_on (ngày đầu tiên văn bản mới có hiệu lực)",
    # dates
    "cites_replaced": "dẫn {number}, đã được thay bằng {by} từ ngày {on}: hãy đọc văn bản mới, rồi đóng thông tin "
                      "này (effective_to) và thêm thông tin mới",
    "ends_soon": "hết hiệu lực ngày {end} (còn {days} ngày): hãy xem từ ngày hôm sau áp dụng quy định nào và "
                 "thêm thành một thông tin mới",
    # files
    "cannot_read": "không đọc được tệp: {reason}",
    "not_utf8": "tệp không phải văn bản UTF-8 ({reason} ở byte {start}): hãy lưu lại tệp với bảng mã UTF-8",
    "yaml_syntax": "lỗi cú pháp YAML (thường do thụt lề sai hoặc thiếu dấu ':'): {problem}",
    "yaml_error": "lỗi YAML: {problem}",
    "written_twice": "mục này bị ghi hai lần; lần ghi thứ hai sẽ được dùng",
    "abolished": "mã {code} đã bị bãi bỏ ({decision}); bot dẫn tới trang chủ Cổng dịch vụ công cho đến khi "
                 "biết mã mới",
    "no_procedures": "không tìm thấy thư mục procedures",
    "file_missing": "thiếu tệp này: không dùng được điều kiện và không kiểm tra được văn bản bị thay thế "
                    "(xem knowledge/README.md)",
    "procedure_twice": "thủ tục {key!r} đã được khai báo ở {other}",
    "missing_canonical": "thiếu thủ tục bắt buộc {key!r}: hãy thêm tệp {key}.yml",
    "duplicate_alias": "tên gọi {text!r} bị trùng: cũng được dùng ở {others}",
    "no_places": "không có tệp địa danh (đặt biến DVCBOT_PLACES_FILE)",
    "commune_elsewhere": "xã {key!r} đã được khai báo ở {other}",
}


def _t(message: str, /, **values: Any) -> str:
    """The operator message `message` of MSG, filled in."""
    return MSG[message].format(**values)

# ----------------------------------------------------------------------------- YAML with lines


class LDict(dict):
    """A YAML mapping that remembers its line and the line of each key (1-based)."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LList(list):
    line: int = 0
    item_lines: list

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


@dataclass(frozen=True)
class BadDate:
    text: str


_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: 10x faster


class _LineLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    pass


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LDict:
    loader.flatten_mapping(node)
    result = LDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool, dt.date)) or isinstance(key, BadDate):
            key = str(key)
        if key in result:
            loader.duplicates.append((str(key), key_node.start_mark.line + 1))
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LList:
    result = LList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


def _construct_timestamp(loader: _LineLoader, node: yaml.ScalarNode):
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, TypeError):
        return BadDate(node.value)


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def load_yaml(text: str) -> tuple[Any, list[tuple[str, int]]]:
    loader = _LineLoader(text)
    loader.duplicates = []  # type: ignore[attr-defined]
    try:
        return loader.get_single_data(), loader.duplicates  # type: ignore[attr-defined]
    finally:
        loader.dispose()


# ----------------------------------------------------------------------------- report


@dataclass
class Issue:
    level: str          # ERROR or WARNING; printed in Vietnamese for the operator (LEVEL_WORDS)
    file: str
    line: int
    field: str
    message: str
    # False for an error that a date brings about in correct data (a cited document was replaced
    # today): `kb validate` fails, but the bot still loads the data rather than fall silent
    blocking: bool = True

    def __str__(self) -> str:
        loc = f"{self.file}:{self.line}" if self.line else self.file
        fld = f" {self.field}:" if self.field else ""
        return f"{loc}:{fld} {LEVEL_WORDS.get(self.level, self.level)}: {self.message}"


@dataclass
class Report:
    issues: list[Issue] = field(default_factory=list)
    data: "KnowledgeData | None" = None

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.level == ERROR]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.level == WARNING]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def blocking_errors(self) -> list[Issue]:
        return [i for i in self.errors if i.blocking]

    def format(self, warnings: bool = True) -> str:
        items = self.errors + (self.warnings if warnings else [])
        return "\n".join(str(i) for i in items)


@dataclass
class KnowledgeData:
    procedures: list[dict]
    communes: list[dict]
    districts: list[dict]
    online_steps: list[dict]
    messages: dict[str, str]
    fingerprint: str
    files: list[str]
    conditions: dict = field(default_factory=dict)
    legal_documents: list[dict] = field(default_factory=list)


class KnowledgeError(Exception):
    """The knowledge base cannot be used; `report` (if any) names every problem."""

    def __init__(self, message: str, report: Report | None = None):
        super().__init__(message)
        self.report = report


# ----------------------------------------------------------------------------- field helpers

DOC_NUMBER_RE = re.compile(r"\b\d{1,4}(?:\.\d{1,4})?/(?:\d{4}/)?[A-ZĐ][A-ZĐa-zđ0-9]*(?:-[A-ZĐa-zđ0-9]+)*")
URL_RE = re.compile(r"https?://\S+")
MA_TTHC_RE = re.compile(r"^\d\.\d{6}(?:\.[A-Z0-9]+)?$")
KEY_RE = re.compile(r"^[a-z][a-z0-9_]*$")
UNKNOWN_WORDS = {"unknown", "chua ro", "chua biet", "khong ro", "?"}
STATUS_WORDS = {
    "known": "known", "da biet": "known", "ro": "known",
    "unverified": "unverified", "chua xac minh": "unverified",
    "unknown": "unknown", "chua ro": "unknown", "chua biet": "unknown", "khong ro": "unknown",
}
KIND_WORDS = {
    "ban chinh": "original", "original": "original",
    "ban sao": "copy", "copy": "copy", "ban chup": "copy",
    "ban sao chung thuc": "certified_copy", "certified_copy": "certified_copy",
    "xuat trinh": "show_original", "xuat trinh ban chinh": "show_original", "show_original": "show_original",
}
CHANNEL_WORDS = {
    "truc tiep": "in_person", "in_person": "in_person",
    "buu chinh": "post", "qua buu dien": "post", "buu dien": "post", "post": "post",
    "truc tuyen": "online", "online": "online",
}
AVAILABLE_WORDS = {"co": "yes", "yes": "yes", "khong": "no", "no": "no"}

FACT_KEYS = {"status", "source", "verified_on", "effective_from", "effective_to", "note", "ask",
             "quote", "copy", "conditions"}
PROCEDURE_KEYS_ALLOWED = {
    "key", "name", "summary", "verified_on", "ma_tthc", "portal_link", "aliases", "legal_bases",
    "notices", "benefits", "agency", "documents", "forms", "fees", "processing_time", "where", "online",
    "deadlines", "eligibility", "not_required",
}
REQUIRED_SECTIONS = ("agency", "documents", "forms", "fees", "processing_time", "where", "online")


def is_unknown_value(value: Any) -> bool:
    return isinstance(value, str) and fold(value) in UNKNOWN_WORDS


def check_url(url: str) -> bool:
    try:
        parsed = urlparse(url)
    except ValueError:
        return False
    return parsed.scheme in ("http", "https") and bool(parsed.netloc) and "." in parsed.netloc \
        and " " not in url


class _Ctx:
    """Issue collector bound to one file."""

    def __init__(self, report: Report, file: str, today: dt.date, vocabulary: dict | None = None):
        self.report = report
        self.file = file
        self.today = today
        self.vocabulary = vocabulary or {}

    def error(self, line: int, fld: str, msg: str) -> None:
        self.report.issues.append(Issue(ERROR, self.file, line, fld, msg))

    def warn(self, line: int, fld: str, msg: str) -> None:
        self.report.issues.append(Issue(WARNING, self.file, line, fld, msg))

    def unknown_keys(self, mapping: LDict, allowed: set[str], path: str) -> None:
        for key in mapping:
            if key not in allowed:
                hint = difflib.get_close_matches(str(key), sorted(allowed), n=1)
                extra = _t("did_you_mean", name=hint[0]) if hint else ""
                self.warn(mapping.line_of(key), f"{path}.{key}" if path else str(key),
                          _t("unknown_field", hint=extra))

    # typed getters ---------------------------------------------------------
    def text(self, m: LDict, key: str, path: str, required: bool = False) -> str | None:
        value = m.get(key)
        if value is None:
            if required:
                self.error(m.line, f"{path}.{key}", _t("required"))
            return None
        if isinstance(value, (dict, list)) or isinstance(value, BadDate):
            self.error(m.line_of(key), f"{path}.{key}", _t("text"))
            return None
        value = str(value).strip()
        if not value and required:
            self.error(m.line_of(key), f"{path}.{key}", _t("not_empty"))
            return None
        return value or None

    def date(self, m: LDict, key: str, path: str) -> dt.date | None:
        value = m.get(key)
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        shown = value.text if isinstance(value, BadDate) else value
        self.error(m.line_of(key), f"{path}.{key}", _t("bad_date", shown=shown))
        return None

    def amount(self, m: LDict, key: str, path: str) -> tuple[int | None, bool]:
        """(value, ok). 'unknown' -> (None, True)."""
        value = m.get(key)
        if value is None or is_unknown_value(value):
            return None, True
        if isinstance(value, bool):
            self.error(m.line_of(key), f"{path}.{key}", _t("amount_type"))
            return None, False
        if isinstance(value, int):
            if value < 0:
                self.error(m.line_of(key), f"{path}.{key}", _t("negative"))
                return None, False
            return value, True
        if isinstance(value, float):
            self.error(m.line_of(key), f"{path}.{key}",
                       _t("amount_dots", value=value))
            return None, False
        self.error(m.line_of(key), f"{path}.{key}",
                   _t("amount_bad", value=value))
        return None, False

    def integer(self, m: LDict, key: str, path: str, minimum: int = 0) -> int | None:
        value = m.get(key)
        if value is None or is_unknown_value(value):
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.error(m.line_of(key), f"{path}.{key}", _t("integer", minimum=minimum))
            return None
        return value

    def string_list(self, m: LDict, key: str, path: str) -> list[str]:
        value = m.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            return [value.strip()] if value.strip() else []
        if not isinstance(value, list):
            self.error(m.line_of(key), f"{path}.{key}", _t("text_list"))
            return []
        out = []
        for i, item in enumerate(value):
            if isinstance(item, (dict, list)) or item is None:
                self.error(value.line_of(i), f"{path}.{key}[{i}]", _t("text"))
                continue
            out.append(str(item).strip())
        return out


# ----------------------------------------------------------------------------- facts


def _citations(ctx: _Ctx, m: LDict, path: str) -> list[str]:
    value = m.get("source")
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    out = []
    for i, item in enumerate(items):
        line = items.line_of(i) if isinstance(items, LList) else m.line_of("source")
        if not isinstance(item, str) or not item.strip():
            ctx.error(line, f"{path}.source", _t("source_text"))
            continue
        for part in [p.strip() for p in item.split(";") if p.strip()]:
            urls = URL_RE.findall(part)
            if not DOC_NUMBER_RE.search(part) and not urls:
                ctx.error(line, f"{path}.source",
                          _t("source_no_number", part=part))
                continue
            for url in urls:
                if not check_url(url):
                    ctx.warn(line, f"{path}.source", _t("broken_link", url=url))
            out.append(part)
    return out


def _fact(ctx: _Ctx, m: Any, path: str, default_verified: dt.date | None,
          allowed: set[str], main: str | None, line: int) -> dict | None:
    """Common part of every fact; returns a dict with status/source/dates or None if unusable."""
    if not isinstance(m, LDict):
        ctx.error(line, path, _t("fact_mapping"))
        return None
    ctx.unknown_keys(m, allowed | FACT_KEYS, path)
    raw_status = m.get("status", "known")
    status = STATUS_WORDS.get(fold(str(raw_status))) if raw_status is not None else "known"
    if status is None:
        ctx.error(m.line_of("status"), f"{path}.status",
                  _t("status_bad", status=raw_status))
        status = "unknown"
    citations = _citations(ctx, m, path)
    verified = ctx.date(m, "verified_on", path) or default_verified
    eff_from = ctx.date(m, "effective_from", path)
    eff_to = ctx.date(m, "effective_to", path)
    if eff_from and eff_to and eff_from > eff_to:
        ctx.error(m.line_of("effective_to"), f"{path}.effective_to",
                  _t("effective_order", to=eff_to, start=eff_from))
    if status != "unknown" and not citations and "source" not in m:
        ctx.error(m.line, f"{path}.source", _t("no_source"))
    if status == "unknown":
        if not m.get("ask"):
            ctx.warn(m.line, f"{path}.ask", _t("unknown_no_ask"))
        ctx.warn(m.line, path, _t("fact_unknown"))
    if verified is None:
        ctx.error(m.line, f"{path}.verified_on", _t("no_verified_on"))
    elif verified > ctx.today:
        ctx.error(m.line_of("verified_on") if "verified_on" in m else m.line, f"{path}.verified_on",
                  _t("future_verified", day=verified))
    elif (ctx.today - verified).days > STALE_DAYS and status != "unknown":
        ctx.warn(m.line_of("verified_on") if "verified_on" in m else m.line, f"{path}.verified_on",
                 _t("stale", day=verified))
    note = ctx.text(m, "note", path)
    ask = ctx.text(m, "ask", path)
    if main is not None and status != "unknown" and m.get(main) is None:
        ctx.error(m.line, f"{path}.{main}", _t("main_required"))
    quote = ctx.text(m, "quote", path)
    copy = ctx.text(m, "copy", path)
    section = path.split("[", 1)[0].split(".", 1)[0]
    if (section in QUOTE_SECTIONS and status != "unknown" and not quote and verified is not None
            and verified >= QUOTE_REQUIRED_FROM):
        ctx.error(m.line_of("verified_on") if "verified_on" in m else m.line, f"{path}.quote",
                  _t("no_quote", day=verified))
    if quote and not copy:
        ctx.warn(m.line_of("quote"), f"{path}.copy", _t("quote_no_copy"))
    conditions = _conditions(ctx, m, path)
    return {
        "status": status, "citation": "; ".join(citations) or None, "verified_on": verified,
        "effective_from": eff_from, "effective_to": eff_to, "note": note, "ask": ask,
        "src_file": ctx.file, "src_line": m.line, "field": path, "quote": quote, "copy": copy,
        "conditions": conditions,
    }


def _conditions(ctx: _Ctx, m: LDict, path: str) -> dict | None:
    """`conditions:` of a fact, checked against conditions.yml: {channel, cong_dan_so, groups}."""
    raw = m.get("conditions")
    if raw is None:
        return None
    fld = f"{path}.conditions"
    if not isinstance(raw, LDict):
        ctx.error(m.line_of("conditions"), fld, _t("conditions_mapping"))
        return None
    vocab = ctx.vocabulary
    out: dict = {}
    for key, value in raw.items():
        line = raw.line_of(key)
        spec = vocab.get(key)
        if spec is None:
            ctx.error(line, f"{fld}.{key}", _t("condition_unknown", key=key,
                                                    known=", ".join(sorted(vocab)) or _t("none")))
            continue
        kind = spec["type"]
        if kind == "flag":
            if not isinstance(value, bool):
                ctx.error(line, f"{fld}.{key}", _t("true_false"))
                continue
            out[key] = value
        elif kind == "value":
            folded = {fold(v): v for v in spec["values"]}
            if not isinstance(value, str) or fold(value) not in folded:
                ctx.error(line, f"{fld}.{key}", _t("condition_value", value=value, choices=", ".join(spec["values"])))
                continue
            out[key] = folded[fold(value)]
        else:  # list
            items = value if isinstance(value, list) else [value]
            good = []
            for item in items:
                if not isinstance(item, str) or item not in spec["values"]:
                    ctx.error(line, f"{fld}.{key}", _t("condition_list_value", value=item, key=key,
                                                                 choices=", ".join(spec["values"])))
                    continue
                good.append(item)
            if good:
                out[key] = good
    return out or None


def _as_list(ctx: _Ctx, doc: LDict, key: str, allow_single: bool) -> tuple[list, list[int]] | None:
    value = doc.get(key)
    if isinstance(value, LList):
        if not value:
            ctx.error(doc.line_of(key), key, _t("list_empty"))
            return None
        return list(value), [value.line_of(i) for i in range(len(value))]
    if isinstance(value, LDict) and allow_single:
        return [value], [value.line]
    ctx.error(doc.line_of(key), key, _t("fact_list"))
    return None


def _check_unknown_text(ctx: _Ctx, m: LDict, key: str, path: str) -> str | None:
    value = ctx.text(m, key, path)
    if value is not None and is_unknown_value(value):
        ctx.warn(m.line_of(key), f"{path}.{key}", _t("marked_unknown"))
        return None
    return value


def _procedure(ctx: _Ctx, doc: Any, stem: str) -> dict | None:
    if not isinstance(doc, LDict):
        ctx.error(1, "", _t("file_mapping"))
        return None
    ctx.unknown_keys(doc, PROCEDURE_KEYS_ALLOWED, "")
    key = ctx.text(doc, "key", "", required=True)
    if key is not None and not KEY_RE.match(key):
        ctx.error(doc.line_of("key"), "key", _t("key_chars", key=key))
    if key is not None and key != stem:
        ctx.error(doc.line_of("key"), "key", _t("key_file", key=key, stem=stem))
    name = ctx.text(doc, "name", "", required=True)
    summary = ctx.text(doc, "summary", "")
    verified = ctx.date(doc, "verified_on", "")
    if "verified_on" not in doc:
        ctx.error(doc.line, "verified_on", _t("verified_top"))
    proc: dict = {"key": key or stem, "name": name or stem, "summary": summary, "verified_on": verified,
                  "src_file": ctx.file}

    # mã TTHC -------------------------------------------------------------
    code, code_status = None, "unknown"
    mt = doc.get("ma_tthc")
    if mt is None:
        ctx.error(doc.line, "ma_tthc", _t("ma_tthc_required"))
    elif isinstance(mt, (str, int, float)) and not isinstance(mt, bool):
        ctx.error(doc.line_of("ma_tthc"), "ma_tthc",
                  _t("ma_tthc_scalar"))
    else:
        f = _fact(ctx, mt, "ma_tthc", verified, {"code"}, "code", doc.line_of("ma_tthc"))
        if f is not None:
            code_status = f["status"]
            code = ctx.text(mt, "code", "ma_tthc") if f["status"] != "unknown" else None
            if code is not None and not MA_TTHC_RE.match(code):
                ctx.error(mt.line_of("code"), "ma_tthc.code",
                          _t("code_format", code=code))
                code = None
    proc["ma_tthc"], proc["ma_tthc_status"] = code, code_status

    link = ctx.text(doc, "portal_link", "")
    if link is not None:
        if not check_url(link):
            ctx.warn(doc.line_of("portal_link"), "portal_link", _t("broken_link", url=link))
            link = None
        elif code and code_status == "known" and "ma_thu_tuc=" in link and not link.endswith(code):
            ctx.warn(doc.line_of("portal_link"), "portal_link", _t("link_code", code=code))
        elif "ma_thu_tuc=" in link:
            ctx.warn(doc.line_of("portal_link"), "portal_link",
                     _t("link_old"))
    # None: validate() links the code's page in the national catalogue (knowledge/catalog.py)
    proc["portal_link"] = link

    # aliases ------------------------------------------------------------
    aliases = doc.get("aliases")
    proc["aliases"] = []
    if not isinstance(aliases, LList) or not aliases:
        ctx.error(doc.line_of("aliases"), "aliases", _t("aliases_required"))
    else:
        for i, a in enumerate(aliases):
            if not isinstance(a, (str, int)) or isinstance(a, bool) or not str(a).strip():
                ctx.error(aliases.line_of(i), f"aliases[{i}]", _t("alias_text"))
                continue
            proc["aliases"].append({"text": str(a).strip(), "folded": fold(str(a)), "line": aliases.line_of(i)})

    # legal bases --------------------------------------------------------
    proc["legal_bases"] = []
    lb = doc.get("legal_bases")
    if not isinstance(lb, LList) or not lb:
        ctx.error(doc.line_of("legal_bases"), "legal_bases", _t("legal_bases_required"))
    else:
        for i, item in enumerate(lb):
            path = f"legal_bases[{i}]"
            if not isinstance(item, LDict):
                ctx.error(lb.line_of(i), path, _t("legal_basis_mapping"))
                continue
            ctx.unknown_keys(item, {"doc", "articles", "url", "effective_from", "effective_to", "note"}, path)
            docname = ctx.text(item, "doc", path, required=True)
            if docname and not DOC_NUMBER_RE.search(docname):
                ctx.error(item.line_of("doc"), f"{path}.doc", _t("doc_no_number", doc=docname))
            url = ctx.text(item, "url", path)
            if url and not check_url(url):
                ctx.warn(item.line_of("url"), f"{path}.url", _t("broken_link", url=url))
            proc["legal_bases"].append({"doc": docname, "articles": ctx.text(item, "articles", path), "url": url,
                                        "effective_from": ctx.date(item, "effective_from", path),
                                        "effective_to": ctx.date(item, "effective_to", path),
                                        "src_line": item.line, "field": path})

    for section in REQUIRED_SECTIONS:
        if section not in doc:
            ctx.error(doc.line, section, _t("section_missing"))

    def facts(section: str, allowed: set[str], main: str | None, allow_single: bool = False) -> list[dict]:
        out = []
        if section not in doc:
            return out
        got = _as_list(ctx, doc, section, allow_single)
        if got is None:
            return out
        items, lines = got
        for i, (item, line) in enumerate(zip(items, lines)):
            path = f"{section}[{i}]" if len(items) > 1 or isinstance(doc.get(section), LList) else section
            f = _fact(ctx, item, path, verified, allowed, main, line)
            if f is None:
                continue
            f["position"] = i
            f["_m"] = item
            f["_path"] = path
            out.append(f)
        return out

    # agency
    proc["agencies"] = []
    for f in facts("agency", {"level", "name"}, "name", allow_single=True):
        m, path = f.pop("_m"), f.pop("_path")
        f["level"] = _check_unknown_text(ctx, m, "level", path)
        f["name"] = _check_unknown_text(ctx, m, "name", path)
        proc["agencies"].append(f)

    # documents
    proc["documents"], proc["documents_complete"], proc["documents_note"] = [], False, None
    docs = doc.get("documents")
    if isinstance(docs, LDict) and "items" in docs:
        ctx.unknown_keys(docs, {"complete", "note", "items"}, "documents")
        complete = docs.get("complete", False)
        if not isinstance(complete, bool):
            ctx.error(docs.line_of("complete"), "documents.complete", _t("true_false"))
            complete = False
        proc["documents_complete"] = complete
        proc["documents_note"] = ctx.text(docs, "note", "documents")
        if not complete and not proc["documents_note"]:
            ctx.warn(docs.line, "documents.note", _t("documents_incomplete"))
        sub = LDict(items=docs.get("items"))
        sub.line, sub.key_lines = docs.line, {"items": docs.line_of("items")}
        doc_items_holder = sub
    else:
        doc_items_holder = LDict(items=docs) if docs is not None else None
        if doc_items_holder is not None:
            doc_items_holder.line = doc.line_of("documents")
            doc_items_holder.key_lines = {"items": doc.line_of("documents")}
    if doc_items_holder is not None:
        got = _as_list(ctx, doc_items_holder, "items", allow_single=False)
        if got is not None:
            for i, (item, line) in enumerate(zip(*got)):
                path = f"documents[{i}]"
                f = _fact(ctx, item, path, verified, {"name", "copies", "kind"}, "name", line)
                if f is None:
                    continue
                f["position"] = i
                f["name"] = ctx.text(item, "name", path)
                f["copies"] = ctx.integer(item, "copies", path, minimum=1)
                kind_raw = item.get("kind")
                kind = None
                if kind_raw is not None and not is_unknown_value(kind_raw):
                    kind = KIND_WORDS.get(fold(str(kind_raw)))
                    if kind is None:
                        ctx.error(item.line_of("kind"), f"{path}.kind",
                                  _t("kind", kind=kind_raw))
                f["kind"] = kind
                proc["documents"].append(f)

    # forms
    proc["forms"] = []
    for f in facts("forms", {"name", "number", "circular", "where_to_get"}, "name"):
        m, path = f.pop("_m"), f.pop("_path")
        f["name"] = ctx.text(m, "name", path)
        f["number"] = _check_unknown_text(ctx, m, "number", path)
        f["circular"] = _check_unknown_text(ctx, m, "circular", path)
        f["where_to_get"] = _check_unknown_text(ctx, m, "where_to_get", path)
        proc["forms"].append(f)

    # fees
    proc["fees"] = []
    for f in facts("fees", {"case", "amount", "per", "max_amount", "online_amount", "exemptions"}, "amount"):
        m, path = f.pop("_m"), f.pop("_path")
        f["case"] = ctx.text(m, "case", path)
        f["amount"], _ = ctx.amount(m, "amount", path)
        f["online_amount"], _ = ctx.amount(m, "online_amount", path)
        f["max_amount"], _ = ctx.amount(m, "max_amount", path)
        f["per"] = ctx.text(m, "per", path)
        f["exemptions"] = ctx.string_list(m, "exemptions", path)
        if f["status"] != "unknown" and f["amount"] is None and m.get("amount") is not None \
                and is_unknown_value(m.get("amount")):
            ctx.error(m.line_of("amount"), f"{path}.amount", _t("fee_unknown"))
        proc["fees"].append(f)

    # processing time
    proc["processing_times"] = []
    for f in facts("processing_time", {"case", "text", "max_days", "day_unit"}, "text"):
        m, path = f.pop("_m"), f.pop("_path")
        f["case"] = ctx.text(m, "case", path)
        f["text"] = ctx.text(m, "text", path)
        f["max_days"] = ctx.integer(m, "max_days", path)
        f["day_unit"] = ctx.text(m, "day_unit", path)
        if f["day_unit"] and fold(f["day_unit"]) not in {"ngay", "ngay lam viec"}:
            ctx.error(m.line_of("day_unit"), f"{path}.day_unit", _t("day_unit"))
        proc["processing_times"].append(f)

    # where
    proc["channels"] = []
    for f in facts("where", {"channel", "place"}, "place"):
        m, path = f.pop("_m"), f.pop("_path")
        raw = m.get("channel")
        channel = CHANNEL_WORDS.get(fold(str(raw))) if raw is not None else None
        if channel is None:
            ctx.error(m.line_of("channel") if raw is not None else m.line, f"{path}.channel",
                      _t("channel", channel=raw))
        f["channel"] = channel
        f["place"] = _check_unknown_text(ctx, m, "place", path)
        proc["channels"].append(f)

    # online
    proc["online"] = []
    for f in facts("online", {"available", "level", "via", "link"}, "available", allow_single=True):
        m, path = f.pop("_m"), f.pop("_path")
        raw = m.get("available")
        if isinstance(raw, bool):
            available = "yes" if raw else "no"
        elif raw is None or is_unknown_value(raw):
            available = "unknown"
        else:
            available = AVAILABLE_WORDS.get(fold(str(raw)))
            if available is None:
                ctx.error(m.line_of("available"), f"{path}.available", _t("available", value=raw))
                available = "unknown"
        f["available"] = available
        f["level"] = _check_unknown_text(ctx, m, "level", path)
        f["via"] = ctx.string_list(m, "via", path)
        link = ctx.text(m, "link", path)
        if link and not check_url(link):
            ctx.warn(m.line_of("link"), f"{path}.link", _t("broken_link", url=link))
            link = None
        f["link"] = link
        proc["online"].append(f)

    # notices, benefits (optional)
    proc["notices"] = []
    if "notices" in doc:
        for f in facts("notices", {"text"}, "text"):
            m, path = f.pop("_m"), f.pop("_path")
            f["text"] = ctx.text(m, "text", path)
            proc["notices"].append(f)
    proc["benefits"] = []
    if "benefits" in doc:
        for f in facts("benefits", {"case", "text"}, "text"):
            m, path = f.pop("_m"), f.pop("_path")
            f["case"] = ctx.text(m, "case", path)
            f["text"] = ctx.text(m, "text", path)
            proc["benefits"].append(f)

    # deadlines, eligibility, not_required (optional; only where a text sets them)
    proc["deadlines"] = []
    if "deadlines" in doc:
        for f in facts("deadlines", {"text", "days", "day_unit", "counted_from", "late"}, "text"):
            m, path = f.pop("_m"), f.pop("_path")
            f["text"] = ctx.text(m, "text", path)
            f["days"] = ctx.integer(m, "days", path, minimum=1)
            f["day_unit"] = ctx.text(m, "day_unit", path)
            if f["day_unit"] and fold(f["day_unit"]) not in {"ngay", "ngay lam viec"}:
                ctx.error(m.line_of("day_unit"), f"{path}.day_unit", _t("day_unit"))
            f["counted_from"] = ctx.text(m, "counted_from", path)
            f["late_text"] = f["late_source"] = f["late_quote"] = None
            late = m.get("late")
            if late is not None:
                if not isinstance(late, LDict):
                    ctx.error(m.line_of("late"), f"{path}.late", _t("late_mapping"))
                else:
                    ctx.unknown_keys(late, {"text", "source", "quote"}, f"{path}.late")
                    f["late_text"] = ctx.text(late, "text", f"{path}.late", required=True)
                    cites = _citations(ctx, late, f"{path}.late")
                    f["late_source"] = "; ".join(cites) or None
                    f["late_quote"] = ctx.text(late, "quote", f"{path}.late")
                    if not cites:
                        ctx.error(late.line, f"{path}.late.source", _t("late_source"))
                    if not f["late_quote"]:
                        ctx.error(late.line, f"{path}.late.quote", _t("late_quote"))
            proc["deadlines"].append(f)
    for section in ("eligibility", "not_required"):
        proc[section] = []
        if section in doc:
            for f in facts(section, {"text"}, "text"):
                m, path = f.pop("_m"), f.pop("_path")
                f["text"] = ctx.text(m, "text", path)
                proc[section].append(f)
    return proc


# ----------------------------------------------------------------------------- places


def _places(ctx: _Ctx, doc: Any, communes: list, districts: list) -> None:
    if not isinstance(doc, LDict):
        ctx.error(1, "", _t("places_mapping"))
        return
    ctx.unknown_keys(doc, {"province", "status", "source", "verified_on", "note", "communes", "old_districts",
                           "quote", "copy"}, "")
    province = ctx.text(doc, "province", "", required=True)
    top = _fact(ctx, doc, "", None, {"province", "communes", "old_districts"}, None, doc.line) or {}
    # _fact warned about unknown keys already with allowed set above; fine.
    raw_communes = doc.get("communes")
    if not isinstance(raw_communes, LList) or not raw_communes:
        ctx.error(doc.line_of("communes"), "communes", _t("communes_required"))
        return
    keys: dict[str, int] = {}
    for i, c in enumerate(raw_communes):
        path = f"communes[{i}]"
        if not isinstance(c, LDict):
            ctx.error(raw_communes.line_of(i), path, _t("commune_mapping"))
            continue
        ctx.unknown_keys(c, {"key", "name", "aliases", "former_units", "office", "status", "note", "source",
                             "verified_on", "quote", "copy"}, path)
        key = ctx.text(c, "key", path, required=True)
        name = ctx.text(c, "name", path, required=True)
        if key is None or name is None:
            continue
        if not KEY_RE.match(key):
            ctx.error(c.line_of("key"), f"{path}.key", _t("key_chars", key=key))
        if key in keys:
            ctx.error(c.line_of("key"), f"{path}.key", _t("commune_twice", key=key, line=keys[key]))
            continue
        keys[key] = c.line_of("key")
        status = STATUS_WORDS.get(fold(str(c.get("status")))) if c.get("status") is not None else top.get("status", "known")
        if status is None:
            ctx.error(c.line_of("status"), f"{path}.status", _t("status_one_of"))
            status = "unverified"
        citation = "; ".join(_citations(ctx, c, path)) or top.get("citation")
        if not citation:
            ctx.error(c.line, f"{path}.source", _t("commune_no_source"))
        office_raw = c.get("office")
        office = {"name": None, "address": None, "phone": None, "hours": None, "citation": None,
                  "verified_on": None}
        if office_raw is None:
            ctx.warn(c.line, f"{path}.office", _t("no_office"))
        elif not isinstance(office_raw, LDict):
            ctx.error(c.line_of("office"), f"{path}.office", _t("office_mapping"))
        else:
            opath = f"{path}.office"
            ctx.unknown_keys(office_raw, {"name", "address", "phone", "hours", "source", "verified_on", "note"}, opath)
            filled = False
            for fld in ("name", "address", "phone", "hours"):
                value = _check_unknown_text(ctx, office_raw, fld, opath)
                office[fld] = value
                if value is not None and fld != "name":
                    filled = True
                if office_raw.get(fld) is None and fld != "name":
                    ctx.warn(office_raw.line, f"{opath}.{fld}", _t("office_missing"))
            office["citation"] = "; ".join(_citations(ctx, office_raw, opath)) or None
            office["verified_on"] = ctx.date(office_raw, "verified_on", opath)
            if filled and not office["citation"]:
                ctx.error(office_raw.line, f"{opath}.source",
                          _t("office_no_source"))
            if filled and not office["verified_on"]:
                ctx.error(office_raw.line, f"{opath}.verified_on", _t("office_no_date"))
        formers = []
        raw_formers = c.get("former_units") or []
        if not isinstance(raw_formers, list):
            ctx.error(c.line_of("former_units"), f"{path}.former_units", _t("names_list"))
            raw_formers = []
        for j, fname in enumerate(raw_formers):
            if not isinstance(fname, str) or not fname.strip():
                ctx.error(raw_formers.line_of(j) if isinstance(raw_formers, LList) else c.line,
                          f"{path}.former_units[{j}]", _t("name"))
                continue
            formers.append(fname.strip())
        communes.append({
            "key": key, "name": name, "province": province, "status": status, "note": ctx.text(c, "note", path),
            "citation": citation, "verified_on": ctx.date(c, "verified_on", path) or top.get("verified_on"),
            "aliases": ctx.string_list(c, "aliases", path), "former_units": formers, "office": office,
            "src_file": ctx.file, "src_line": c.line,
        })
    raw_districts = doc.get("old_districts") or []
    if not isinstance(raw_districts, LList):
        ctx.error(doc.line_of("old_districts"), "old_districts", _t("list"))
        return
    for i, d in enumerate(raw_districts):
        path = f"old_districts[{i}]"
        if not isinstance(d, LDict):
            ctx.error(raw_districts.line_of(i), path, _t("district_mapping"))
            continue
        ctx.unknown_keys(d, {"name", "aliases", "communes", "note"}, path)
        dname = ctx.text(d, "name", path, required=True)
        members = ctx.string_list(d, "communes", path)
        for mkey in members:
            if mkey not in keys:
                ctx.error(d.line_of("communes"), f"{path}.communes", _t("commune_unknown", key=mkey))
        if dname:
            districts.append({"name": dname, "aliases": ctx.string_list(d, "aliases", path),
                              "communes": [k for k in members if k in keys]})


# ----------------------------------------------------------------------------- online guide, messages

def _online_guide(ctx: _Ctx, doc: Any, steps: list) -> None:
    if not isinstance(doc, LDict) or not isinstance(doc.get("steps"), LList) or not doc.get("steps"):
        ctx.error(getattr(doc, "line", 1), "steps", _t("steps_required"))
        return
    ctx.unknown_keys(doc, {"verified_on", "steps", "note"}, "")
    default = ctx.date(doc, "verified_on", "")
    for i, s in enumerate(doc["steps"]):
        path = f"steps[{i}]"
        f = _fact(ctx, s, path, default, {"text"}, "text", doc["steps"].line_of(i))
        if f is None:
            continue
        text = ctx.text(s, "text", path)
        if text and len(text) > 400:
            ctx.warn(s.line_of("text"), f"{path}.text", _t("step_long", n=len(text)))
        steps.append({"position": i, "text": text or "", "citation": f["citation"], "verified_on": f["verified_on"],
                      "status": f["status"], "effective_from": f["effective_from"], "effective_to": f["effective_to"]})


def _messages(ctx: _Ctx, doc: Any) -> dict[str, str]:
    """The templates of messages.yml, checked against the renderer's declaration (render.MESSAGES)."""
    if not isinstance(doc, LDict):
        ctx.error(1, "", _t("messages_mapping"))
        return {}
    values, problems = check_values(doc, MESSAGES,
                                    lambda keys: doc.line_of(keys[0]) if keys else doc.line)
    for problem in problems:
        ctx.error(problem.line, problem.name, problem.message)
    return values


# ----------------------------------------------------------------------------- conditions, legal documents

CONDITION_TYPES = {"flag", "value", "list"}


def _vocabulary(ctx: _Ctx, doc: Any) -> dict:
    """conditions.yml -> {key: {"type", "label", "words" (flag) | "values": {value: {label, words}}}}."""
    if not isinstance(doc, LDict):
        ctx.error(getattr(doc, "line", 1), "", _t("vocabulary_mapping"))
        return {}
    out: dict = {}
    seen_words: dict[str, str] = {}

    def words(m: LDict, path: str, owner: str) -> list[str]:
        got = ctx.string_list(m, "words", path)
        if not got:
            ctx.error(m.line, f"{path}.words", _t("words"))
        for w in got:
            fw = fold(w)
            if fw in seen_words and seen_words[fw] != owner:
                ctx.error(m.line_of("words"), f"{path}.words",
                          _t("word_twice", word=w, other=seen_words[fw]))
            seen_words.setdefault(fw, owner)
        return got

    for key, spec in doc.items():
        path = str(key)
        if not KEY_RE.match(path):
            ctx.error(doc.line_of(key), path, _t("condition_key", key=path))
            continue
        if not isinstance(spec, LDict):
            ctx.error(doc.line_of(key), path, _t("condition_mapping"))
            continue
        ctx.unknown_keys(spec, {"type", "label", "short", "words", "values", "note"}, path)
        kind = ctx.text(spec, "type", path, required=True)
        if kind not in CONDITION_TYPES:
            ctx.error(spec.line_of("type"), f"{path}.type", _t("condition_type", kind=kind))
            continue
        entry = {"type": kind, "label": ctx.text(spec, "label", path, required=True) or path}
        if ctx.text(spec, "short", path):
            entry["short"] = ctx.text(spec, "short", path)
        if kind == "flag":
            entry["words"] = words(spec, path, path)
        else:
            values = spec.get("values")
            if not isinstance(values, LDict) or not values:
                ctx.error(spec.line_of("values"), f"{path}.values", _t("values_required"))
                continue
            entry["values"] = {}
            for value, vspec in values.items():
                vpath = f"{path}.values.{value}"
                if not isinstance(vspec, LDict):
                    ctx.error(values.line_of(value), vpath, _t("value_mapping"))
                    continue
                ctx.unknown_keys(vspec, {"label", "words", "note"}, vpath)
                entry["values"][str(value)] = {"label": ctx.text(vspec, "label", vpath, required=True) or str(value),
                                               "words": words(vspec, vpath, f"{path}={value}")}
        out[path] = entry
    return out


def _legal_documents(ctx: _Ctx, doc: Any) -> list[dict]:
    if not isinstance(doc, LDict) or not isinstance(doc.get("documents"), LList):
        ctx.error(getattr(doc, "line", 1), "documents", _t("documents_required"))
        return []
    ctx.unknown_keys(doc, {"documents", "note"}, "")
    out: list[dict] = []
    numbers: dict[str, int] = {}
    for i, d in enumerate(doc["documents"]):
        path = f"documents[{i}]"
        if not isinstance(d, LDict):
            ctx.error(doc["documents"].line_of(i), path, _t("document_mapping"))
            continue
        ctx.unknown_keys(d, {"number", "title", "effective_from", "replaced_by", "replaced_on", "copy", "status",
                             "note", "source", "quote", "verified_on"}, path)
        number = ctx.text(d, "number", path, required=True)
        if number is None:
            continue
        if not DOC_NUMBER_RE.fullmatch(number):
            ctx.error(d.line_of("number"), f"{path}.number", _t("document_number", number=number))
        if number in numbers:
            ctx.error(d.line_of("number"), f"{path}.number", _t("document_twice", number=number, line=numbers[number]))
            continue
        numbers[number] = d.line_of("number")
        replaced_by = ctx.text(d, "replaced_by", path)
        replaced_on = ctx.date(d, "replaced_on", path)
        if bool(replaced_by) != bool(replaced_on):
            ctx.error(d.line, f"{path}.replaced_on", _t("replaced_pair"))
        raw_status = d.get("status", "known")
        status = STATUS_WORDS.get(fold(str(raw_status)))
        if status is None:
            ctx.error(d.line_of("status"), f"{path}.status", _t("status_one_of"))
            status = "unverified"
        out.append({"number": number, "title": ctx.text(d, "title", path), "line": d.line,
                    "effective_from": ctx.date(d, "effective_from", path), "replaced_by": replaced_by,
                    "replaced_on": replaced_on, "copy": ctx.text(d, "copy", path), "status": status,
                    "note": ctx.text(d, "note", path)})
    return out


FACT_LISTS = ("agencies", "documents", "forms", "fees", "processing_times", "channels", "online", "notices",
              "benefits", "deadlines", "eligibility", "not_required")


def iter_facts(proc: dict):
    """Every fact of a validated procedure (dicts with field, src_file, src_line, citation, dates)."""
    for name in FACT_LISTS:
        yield from proc.get(name, [])


def cited_numbers(citation: str | None) -> list[str]:
    return DOC_NUMBER_RE.findall(citation or "")


def _check_dates(report: Report, procedures: list[dict], registry: list[dict], today: dt.date) -> None:
    """Facts in force today that cite a replaced document (error); facts ending within 30 days (warning)."""
    by_number = {d["number"]: d for d in registry}
    for proc in procedures:
        items = list(iter_facts(proc))
        items += [{"citation": b["doc"], "effective_from": b["effective_from"], "effective_to": b["effective_to"],
                   "src_file": proc["src_file"], "src_line": b["src_line"], "field": b["field"], "status": "known"}
                  for b in proc["legal_bases"]]
        for f in items:
            if f.get("status") == "unknown":
                continue
            in_force = (f["effective_from"] is None or f["effective_from"] <= today) and \
                       (f["effective_to"] is None or f["effective_to"] >= today)
            if in_force:
                for number in cited_numbers(f.get("citation")):
                    d = by_number.get(number)
                    if d and d["replaced_on"] and d["replaced_on"] <= today:
                        suffix = "doc" if f["field"].startswith("legal_bases") else "source"
                        report.issues.append(Issue(
                            ERROR, f["src_file"], f["src_line"], f"{f['field']}.{suffix}",
                            _t("cites_replaced", number=number, by=d["replaced_by"], on=d["replaced_on"]),
                            blocking=False))
            end = f["effective_to"]
            if end is not None and 0 <= (end - today).days <= ENDING_SOON_DAYS:
                report.issues.append(Issue(
                    WARNING, f["src_file"], f["src_line"], f"{f['field']}.effective_to",
                    _t("ends_soon", end=end, days=(end - today).days)))

# ----------------------------------------------------------------------------- entry point


def _rel(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(config.REPO_ROOT))
    except ValueError:
        return str(path)


def _read(report: Report, path: Path, hasher) -> Any:
    file = _rel(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        report.issues.append(Issue(ERROR, file, 0, "", _t("cannot_read", reason=exc.strerror or exc)))
        return None
    hasher.update(file.encode() + b"\0" + raw + b"\0")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        report.issues.append(Issue(ERROR, file, 0, "", _t("not_utf8", reason=exc.reason, start=exc.start)))
        return None
    try:
        doc, dups = load_yaml(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        report.issues.append(Issue(ERROR, file, line, "", _t("yaml_syntax", problem=exc.problem or exc)))
        return None
    except yaml.YAMLError as exc:
        report.issues.append(Issue(ERROR, file, 0, "", _t("yaml_error", problem=exc)))
        return None
    for key, line in dups:
        report.issues.append(Issue(ERROR, file, line, key, _t("written_twice")))
    return doc


def fingerprint(data_directory: Path, places: list[Path]) -> str:
    """A hash of every input file (used to tell whether the database is stale)."""
    hasher = hashlib.sha256()
    for path in _input_files(data_directory, places):
        try:
            hasher.update(_rel(path).encode() + b"\0" + path.read_bytes() + b"\0")
        except OSError:
            hasher.update(_rel(path).encode() + b"\0missing\0")
    return hasher.hexdigest()


def _input_files(data_directory: Path, places: list[Path]) -> list[Path]:
    files = sorted((data_directory / "procedures").glob("*.yml"))
    files += list(places)
    files += [data_directory / "online_guide.yml", data_directory / "messages.yml",
              data_directory / "conditions.yml", data_directory / "legal_documents.yml"]
    # the catalogue decides the curated procedures' portal links (a re-import changes provenance.json)
    files += [data_directory / "catalog" / "provenance.json", data_directory / "catalog" / "abolished.yml"]
    return files


def _catalog_link(ctx: _Ctx, doc: Any, proc: dict, folder: Path) -> None:
    """The curated procedure's page in the national catalogue (by its known code), else the portal
    home; a warning when its code is one the catalogue marks abolished."""
    from .catalog import Catalog

    catalog = Catalog.open(folder)
    code = proc.get("ma_tthc")
    if code and code in catalog.abolished:
        entry = catalog.abolished[code]
        ctx.warn(doc.line_of("ma_tthc"), "ma_tthc.code",
                 _t("abolished", code=code, decision=entry.get("decision") or "catalog/abolished.yml"))
    if proc.get("portal_link") is None:
        known = code if proc.get("ma_tthc_status") == "known" else None
        proc["portal_link"] = catalog.portal_url(known) if known else PORTAL_HOME


def validate(data_dir: str | Path | None = None, places: Iterable[str | Path] | None = None,
             today: dt.date | None = None) -> Report:
    folder = config.data_dir(data_dir)
    place_files = [Path(p) for p in places] if places is not None else config.places_files(folder)
    today = today or tz.today()
    report = Report()
    hasher = hashlib.sha256()
    proc_dir = folder / "procedures"
    if not proc_dir.is_dir():
        report.issues.append(Issue(ERROR, _rel(proc_dir), 0, "", _t("no_procedures")))
    vocabulary: dict = {}
    registry: list[dict] = []
    vocab_path = folder / "conditions.yml"
    registry_path = folder / "legal_documents.yml"
    for path in (vocab_path, registry_path):
        if not path.exists():
            report.issues.append(Issue(WARNING, _rel(path), 0, "", _t("file_missing")))
    if vocab_path.exists():
        doc = _read(report, vocab_path, hasher)
        vocabulary = _vocabulary(_Ctx(report, _rel(vocab_path), today), doc) if doc is not None else {}
    if registry_path.exists():
        doc = _read(report, registry_path, hasher)
        registry = _legal_documents(_Ctx(report, _rel(registry_path), today), doc) if doc is not None else []
    procedures: list[dict] = []
    by_key: dict[str, str] = {}
    for path in sorted(proc_dir.glob("*.yml")) if proc_dir.is_dir() else []:
        doc = _read(report, path, hasher)
        ctx = _Ctx(report, _rel(path), today, vocabulary)
        if doc is None:
            by_key.setdefault(path.stem, ctx.file)  # do not also report it missing
            continue
        proc = _procedure(ctx, doc, path.stem)
        if proc is None:
            continue
        _catalog_link(ctx, doc, proc, folder)
        if proc["key"] in by_key:
            ctx.error(1, "key", _t("procedure_twice", key=proc["key"], other=by_key[proc["key"]]))
            continue
        by_key[proc["key"]] = ctx.file
        procedures.append(proc)
    for key in PROCEDURE_KEYS:
        if key not in by_key:
            report.issues.append(Issue(ERROR, _rel(proc_dir / f"{key}.yml"), 0, "key",
                                       _t("missing_canonical", key=key)))
    # duplicate aliases across procedures (names count as aliases); reported at every occurrence
    groups: dict[str, list[tuple[str, str, int, str]]] = {}
    for proc in procedures:
        entries = [{"text": proc["name"], "folded": fold(proc["name"]), "line": 0}] + proc["aliases"]
        own: set[str] = set()
        for a in entries:
            if not a["folded"] or a["folded"] in own:
                continue
            own.add(a["folded"])
            groups.setdefault(a["folded"], []).append((proc["key"], proc["src_file"], a["line"], a["text"]))
    for entries in groups.values():
        if len(entries) < 2:
            continue
        for key, file, line, text in entries:
            others = ", ".join(f"{k} ({f}:{ln})" for k, f, ln, _ in entries if k != key)
            report.issues.append(Issue(ERROR, file, line, "aliases",
                                       _t("duplicate_alias", text=text, others=others)))
    communes: list[dict] = []
    districts: list[dict] = []
    if not place_files:
        report.issues.append(Issue(ERROR, _rel(folder / "places"), 0, "", _t("no_places")))
    for path in place_files:
        doc = _read(report, path, hasher)
        if doc is not None:
            _places(_Ctx(report, _rel(path), today), doc, communes, districts)
    seen_c: dict[str, str] = {}
    for c in communes:
        if c["key"] in seen_c and seen_c[c["key"]] != c["src_file"]:
            report.issues.append(Issue(ERROR, c["src_file"], c["src_line"], "key",
                                       _t("commune_elsewhere", key=c["key"], other=seen_c[c["key"]])))
        seen_c[c["key"]] = c["src_file"]
    steps: list[dict] = []
    guide = folder / "online_guide.yml"
    doc = _read(report, guide, hasher)
    if doc is not None:
        _online_guide(_Ctx(report, _rel(guide), today), doc, steps)
    messages_path = folder / "messages.yml"
    messages: dict[str, str] = {}
    doc = _read(report, messages_path, hasher)
    if doc is not None:
        messages = _messages(_Ctx(report, _rel(messages_path), today), doc)
    _check_dates(report, procedures, registry, today)
    if not report.blocking_errors:
        report.data = KnowledgeData(procedures=procedures, communes=communes, districts=districts,
                                    online_steps=steps, messages=messages,
                                    fingerprint=fingerprint(folder, place_files),
                                    files=[_rel(p) for p in _input_files(folder, place_files)],
                                    conditions=vocabulary, legal_documents=registry)
    report.issues.sort(key=lambda i: (i.level != ERROR, i.file, i.line))
    return report
