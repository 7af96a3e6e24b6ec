"""Generate nlu_data/train/nlu/*.yml from hand-written templates (deterministic).

    .venv/bin/python -m bot.nlu.gen_training_data          # rewrite the YAML files
    .venv/bin/python -m bot.nlu.gen_training_data --check  # exit 1 if they are stale

The YAML it writes is committed and is what Rasa trains on; this script only adds
variety: each template is filled with everyday names of procedures (MENTIONS) and
then "roughened" the way citizens type on a phone: diacritics dropped, chat
abbreviations (ko, dc, j, bn, dk, cccd...), southern words (hông, nhen, dzậy, tui),
politeness particles, no capitals. Examples that must read exactly as written go in
nlu_data/train/nlu/handwritten.yml, which this script does not touch.

The held-out test split (nlu_data/test/) is written by hand, separately, and is never
produced from these templates.

Template syntax: {p} = a procedure mention (entity annotated), {c} = a dossier code
(annotated), {x} = a commune name. In a mention, [brackets] mark the entity span; a
mention without brackets is annotated whole.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

from bot.nlu.text import fold, strip_diacritics

REPO = Path(__file__).resolve().parents[2]
OUT_DIR = REPO / "nlu_data" / "train" / "nlu"
TEST_DIR = REPO / "nlu_data" / "test"
SEED = 20250701

# --------------------------------------------------------------------------
# Everyday names of each procedure. [..] marks the entity span.
MENTIONS: dict[str, list[str]] = {
    "khai_sinh": [
        "khai sinh", "giấy khai sinh", "làm [giấy khai sinh]", "[đăng ký khai sinh]",
        "[làm khai sinh] cho con", "[khai sinh] cho bé", "[giấy khai sanh]", "[khai sanh] cho cháu",
        "[đk khai sinh]", "[làm giấy khai sinh] cho em bé mới sinh", "[đăng ký khai sinh] cho con tui",
        "[khai sinh] cho đứa nhỏ", "làm [giấy khai sanh] cho cháu nội",
    ],
    "khai_tu": [
        "khai tử", "giấy chứng tử", "[đăng ký khai tử]", "làm [giấy chứng tử]", "[khai tử] cho ba tui",
        "[báo tử]", "[khai tử] cho người mất", "[giấy khai tử]", "làm [khai tử] cho má",
        "[đk khai tử]", "[chứng tử]", "[khai tử] cho ông nội",
    ],
    "ket_hon": [
        "kết hôn", "[đăng ký kết hôn]", "[giấy đăng ký kết hôn]", "làm [giấy kết hôn]",
        "[đk kết hôn]", "[đăng kí kết hôn]", "làm [hôn thú]", "[giấy hôn thú]",
        "[đăng ký kết hôn] cho hai đứa", "[làm giấy đăng ký kết hôn]", "[đăng ký kết hôn] sau đám cưới",
    ],
    "xac_nhan_hon_nhan": [
        "[giấy xác nhận tình trạng hôn nhân]", "[xác nhận tình trạng hôn nhân]", "[xác nhận độc thân]",
        "[giấy xác nhận độc thân]", "[giấy độc thân]", "xin [giấy độc thân]", "[giấy chứng nhận độc thân]",
        "làm [xác nhận độc thân]", "[xác nhận tình trạng hôn nhân] để vay ngân hàng",
        "[giấy tình trạng hôn nhân]", "[xn độc thân]",
    ],
    "trich_luc_ho_tich": [
        "[trích lục]", "[trích lục hộ tịch]", "[trích lục khai sinh]", "[bản sao trích lục]",
        "xin [trích lục] khai sinh", "[trích lục kết hôn]", "xin lại [bản sao giấy khai sinh]",
        "[cấp bản sao trích lục hộ tịch]", "[trích lục khai tử]", "làm [trích lục] bản sao",
        "[trích lục bản sao giấy khai sinh]",
    ],
    "chung_thuc_ban_sao": [
        "[chứng thực bản sao]", "[công chứng bản sao]", "[sao y bản chính]", "[sao y]",
        "[photo công chứng]", "[công chứng giấy tờ]", "[chứng thực bản sao từ bản chính]",
        "đi [công chứng] mấy tờ giấy", "[chứng thực] giấy tờ", "[sao y] giấy tờ",
        "[công chứng] bằng cấp", "[chứng thực bản sao] học bạ",
    ],
    "chung_thuc_chu_ky": [
        "[chứng thực chữ ký]", "[xác nhận chữ ký]", "[chứng thực chữ kí]", "[công chứng chữ ký]",
        "[chứng thực chữ ký] trên giấy ủy quyền", "[thị thực chữ ký]", "[ký chứng thực]",
        "[chứng thực chữ ký] giấy ủy quyền", "[xác nhận chữ kí]",
    ],
    "thuong_tru": [
        "[thường trú]", "[đăng ký thường trú]", "[nhập hộ khẩu]", "[nhập khẩu]", "[hộ khẩu]",
        "[chuyển hộ khẩu]", "[nhập hộ khẩu] cho vợ", "[nhập khẩu] về nhà chồng", "[đk thường trú]",
        "[chuyển khẩu]", "[hộ khẩu thường trú]", "[nhập hộ khẩu] cho con", "[tách hộ khẩu]",
    ],
    "tam_tru": [
        "[tạm trú]", "[đăng ký tạm trú]", "[khai báo tạm trú]", "[đk tạm trú]", "làm [tạm trú]",
        "[tạm trú] cho người thuê trọ", "[sổ tạm trú]", "[đăng kí tạm trú]", "[tạm trú] cho công nhân",
        "[khai báo tạm trú] cho khách",
    ],
    "can_cuoc": [
        "[căn cước]", "[căn cước công dân]", "[thẻ căn cước]", "[cccd]", "[CCCD]", "[cmnd]",
        "làm [căn cước]", "đổi [cccd]", "cấp lại [cccd]", "làm lại [căn cước]", "đổi [cmnd] sang căn cước",
        "[chứng minh nhân dân]", "[cccd gắn chip]", "[thẻ căn cước gắn chip]", "[căn cước] cho con",
        "[chứng minh]", "làm [cccd] cho con", "[căn cước] bị mất",
    ],
    "ho_chieu": [
        "[hộ chiếu]", "[passport]", "làm [hộ chiếu]", "xin cấp [hộ chiếu]", "làm lại [hộ chiếu]",
        "[hộ chiếu phổ thông]", "làm [passport]", "gia hạn [hộ chiếu]", "[hộ chiếu] đi nước ngoài",
        "[hộ chiếu] cho con", "[pasport]",
    ],
    "ho_kinh_doanh": [
        "[hộ kinh doanh]", "[HKD]", "[hkd]", "[đăng ký hộ kinh doanh]", "[giấy phép kinh doanh]",
        "[đăng ký kinh doanh] hộ cá thể", "[hộ kinh doanh cá thể]", "mở [hộ kinh doanh]",
        "[giấy phép kinh doanh] cho tiệm tạp hóa", "[đăng ký kinh doanh] quán cà phê",
        "[giấy phép mở tiệm]", "[đăng ký kinh doanh]",
    ],
    "giay_phep_xay_dung": [
        "[giấy phép xây dựng]", "[GPXD]", "[gpxd]", "xin [phép xây nhà]", "[giấy phép xây nhà]",
        "[xin phép xây dựng]", "[giấy phép sửa nhà]", "xin [phép cất nhà]", "[phép xây dựng]",
        "[giấy phép xây dựng] nhà ở", "[xây nhà] có cần xin phép", "[giấy phép cất nhà]",
    ],
    "dat_dai_lan_dau": [
        "[sổ đỏ]", "[bìa đỏ]", "[sổ hồng]", "[giấy chứng nhận quyền sử dụng đất]", "làm [sổ đỏ]",
        "[sổ đỏ] lần đầu", "[cấp sổ đỏ] lần đầu", "làm [bìa đỏ] cho miếng đất", "[giấy đỏ]",
        "[giấy chứng nhận qsdđ]", "ra [sổ đỏ]", "[sổ đất]", "[cấp giấy chứng nhận quyền sử dụng đất] lần đầu",
        "[sổ đỏ] cho đất ông bà để lại",
    ],
    "ly_lich_tu_phap": [
        "[lý lịch tư pháp]", "[phiếu lý lịch tư pháp]", "[lltp]", "[LLTP]", "làm [lý lịch tư pháp]",
        "[lý lịch tư pháp số 1]", "[phiếu lý lịch tư pháp số 2]", "[lý lịch tư pháp] đi xuất khẩu lao động",
        "[lí lịch tư pháp]", "[giấy lý lịch tư pháp]", "xin [lý lịch tư pháp]",
    ],
    "tro_cap_xa_hoi": [
        "[trợ cấp xã hội]", "[bảo trợ xã hội]", "[trợ cấp người già]", "[tiền già]",
        "[trợ cấp hàng tháng]", "[trợ cấp] cho người khuyết tật", "[trợ cấp người cao tuổi]",
        "[tiền trợ cấp] cho má tui", "xin [trợ cấp xã hội]", "[trợ cấp] cho ông già 80 tuổi",
        "[tiền bảo trợ]", "[trợ cấp hưu trí xã hội]",
    ],
    "bhyt_tre_em": [
        "[bhyt trẻ em]", "[BHYT] cho bé", "[thẻ bảo hiểm y tế] cho con", "[bảo hiểm y tế trẻ em]",
        "[thẻ bhyt] cho bé", "[thẻ BHYT trẻ dưới 6 tuổi]", "[bảo hiểm y tế cho trẻ em]",
        "[bhyt] cho con", "[thẻ bảo hiểm] cho em bé", "[bảo hiểm y tế] cho bé mới sinh",
    ],
}

COMMUNES = [
    "An Qui", "Thạnh Phong", "Thạnh Hải", "Thạnh Phú", "Đại Điền", "Quới Điền",
    "An Nhơn", "An Thuận", "Giao Thạnh", "Mỹ Hưng", "Hòa Lợi", "Bình Thạnh", "Mỹ An",
    "Tân Phong", "Thới Thạnh", "Phú Khánh", "An Điền", "An Thạnh",
]

AGENCY_CODES = [
    "000.00.12.H05", "38.98.H29", "000.00.30.H56", "000.31.15.H05", "12.01.H56", "000.00.07.H05",
    "H05.22", "000.22.31.H56", "30.11.H29", "000.00.15.G01",
]

# --------------------------------------------------------------------------
# Templates per intent. "{p}" procedure, "{c}" dossier code, "{x}" commune.
T: dict[str, list[str]] = {}

T["ask_documents"] = [
    "{p} cần giấy tờ gì", "làm {p} cần những giấy tờ gì", "hồ sơ {p} gồm những gì",
    "muốn {p} thì phải chuẩn bị gì", "{p} cần mang theo gì", "cho hỏi {p} cần những gì",
    "thủ tục {p} cần giấy tờ gì vậy", "đi {p} thì đem theo giấy gì", "{p} cần có những loại giấy nào",
    "chuẩn bị hồ sơ {p} như thế nào", "{p} phải nộp những giấy tờ nào", "{p} cần bản sao hay bản chính",
    "giấy tờ để {p}", "{p} thì cần cái gì", "hồ sơ làm {p} có những gì",
    "tôi muốn {p} mà không biết cần mang theo những gì", "{p} cần photo những gì",
    "cần chuẩn bị gì khi đi {p}", "{p} có cần sổ hộ khẩu không", "{p} có cần mang căn cước theo không",
    "làm {p} có cần giấy chứng sinh không", "{p} cần mấy bộ hồ sơ",
    "danh sách giấy tờ {p}", "{p} phải có gì mới làm được", "đi làm {p} mang gì theo",
    "cần giấy gì để {p}", "tui tính {p} mà không biết phải đem giấy tờ gì theo hết",
    "má tui muốn {p} thì cần giấy gì", "{p} nộp kèm giấy gì", "giấy tờ cần thiết để {p} là gì",
]
T["ask_documents_followup"] = [
    "cần giấy tờ gì", "vậy cần mang theo gì", "hồ sơ gồm những gì", "cần chuẩn bị những gì",
    "còn giấy tờ thì sao", "phải đem theo giấy gì", "cần những giấy nào", "mang gì theo",
    "thế giấy tờ cần những gì", "còn hồ sơ thì cần gì", "cần bản chính hay bản photo",
    "có cần mang hộ khẩu không", "có cần căn cước không", "giấy tờ cần có là gì",
    "vậy tui phải chuẩn bị gì", "cần mấy bản", "phải nộp giấy gì", "cần những thứ gì",
]

T["ask_fee"] = [
    "{p} bao nhiêu tiền", "lệ phí {p} là bao nhiêu", "{p} mất phí không", "làm {p} tốn bao nhiêu",
    "{p} có mất tiền không", "phí {p} hết bao nhiêu", "{p} có được miễn phí không",
    "chi phí làm {p} bao nhiêu", "{p} đóng bao nhiêu tiền", "{p} lệ phí nhiêu",
    "giá làm {p} là bao nhiêu", "làm {p} tốn kém không", "{p} hết mấy trăm",
    "tiền lệ phí {p}", "{p} phải trả bao nhiêu tiền", "nộp tiền {p} bao nhiêu",
    "làm {p} online có rẻ hơn không", "{p} có tốn tiền hông", "{p} mất bao nhiêu tiền lệ phí",
    "cho hỏi mức thu lệ phí {p}", "{p} bao nhiêu tiền vậy", "lệ phí nộp {p} qua mạng bao nhiêu",
    "tui nghèo có phải đóng tiền {p} không", "{p} thu phí bao nhiêu", "{p} có thu tiền không",
    "người già làm {p} có được miễn lệ phí hông",
]
T["ask_fee_followup"] = [
    "còn lệ phí thì sao", "bao nhiêu tiền", "lệ phí bao nhiêu", "có mất tiền không",
    "hết bao nhiêu tiền", "phí bao nhiêu", "tốn bao nhiêu", "có tốn phí không",
    "vậy lệ phí là bao nhiêu", "thế còn tiền phí", "có phải đóng tiền không", "mất phí không",
    "chi phí bao nhiêu", "tiền lệ phí nhiêu", "có miễn phí không", "còn tiền thì sao",
    "phải trả bao nhiêu", "giá bao nhiêu",
]

T["ask_processing_time"] = [
    "{p} mất bao lâu", "làm {p} bao lâu thì có", "{p} mấy ngày thì xong", "bao lâu thì có {p}",
    "thời gian giải quyết {p}", "{p} bao nhiêu ngày", "nộp hồ sơ {p} bao lâu lấy được",
    "{p} có làm trong ngày không", "{p} mấy ngày có kết quả", "chờ {p} lâu không",
    "làm {p} mất mấy ngày", "{p} thì bao lâu mới nhận được", "bao nhiêu ngày làm việc thì xong {p}",
    "{p} khi nào có", "thời hạn giải quyết {p} là bao lâu", "{p} lâu hông",
    "{p} có lấy liền được không", "mấy ngày thì làm xong {p}", "{p} phải chờ bao lâu",
    "{p} có nhanh không", "tui cần gấp {p} thì bao lâu có", "{p} trả kết quả sau mấy ngày",
]
T["ask_processing_time_followup"] = [
    "mất bao lâu", "bao lâu thì xong", "mấy ngày thì có", "bao lâu có kết quả",
    "thời gian bao lâu", "có làm trong ngày không", "chờ lâu không", "mấy ngày",
    "bao nhiêu ngày", "vậy khi nào có", "bao lâu thì lấy được", "có lấy liền được không",
    "thời gian giải quyết bao lâu", "phải đợi mấy ngày", "lâu không",
]

T["ask_where"] = [
    "{p} nộp ở đâu", "làm {p} ở đâu", "đi đâu để {p}", "{p} thì lên đâu làm",
    "nộp hồ sơ {p} tại đâu", "{p} làm ở ủy ban xã hay công an", "cơ quan nào giải quyết {p}",
    "{p} thì ra xã hay lên tỉnh", "chỗ nào làm {p}", "{p} đến đâu để làm",
    "muốn {p} thì tới đâu", "{p} nộp ở ủy ban được không", "{p} làm ở công an xã phải không",
    "nơi làm {p}", "{p} thì nộp chỗ nào", "tui ở xã {x} muốn {p} thì tới đâu",
    "{p} ở xã {x} làm ở đâu", "{p} có làm ở xã được không hay phải lên tỉnh",
    "ai giải quyết {p}", "{p} nộp cho ai", "{p} lên đâu nộp",
]
T["ask_where_followup"] = [
    "nộp ở đâu", "làm ở đâu", "đi đâu làm", "nộp chỗ nào", "lên đâu nộp", "ra xã hay lên tỉnh",
    "cơ quan nào làm", "vậy tới đâu", "làm ở ủy ban hả", "nộp ở công an hay ủy ban",
    "thế nộp ở đâu", "đến đâu để làm", "ai giải quyết", "nộp cho ai", "ở đâu vậy",
    "nơi nào tiếp nhận hồ sơ", "ai nhận hồ sơ này", "nộp ở xã nào",
]

T["ask_online"] = [
    "{p} làm online được không", "có thể nộp {p} qua mạng không", "{p} nộp trực tuyến thế nào",
    "hướng dẫn {p} trên dịch vụ công", "làm {p} trên mạng được không", "{p} có làm online không",
    "cách nộp hồ sơ {p} trực tuyến", "{p} làm trên vneid được không", "làm {p} qua điện thoại được không",
    "nộp {p} online ra sao", "{p} có làm trên cổng dịch vụ công được không",
    "hướng dẫn nộp {p} qua mạng", "{p} có dịch vụ công trực tuyến không",
    "tui muốn {p} online mà không biết làm", "{p} ở nhà làm được không",
    "làm {p} trên app được không", "đăng nhập dịch vụ công để {p} thế nào",
    "{p} nộp online rồi có phải lên xã không",
]
T["ask_online_followup"] = [
    "làm online được không", "có nộp qua mạng được không", "nộp trực tuyến được không",
    "làm trên mạng sao", "hướng dẫn làm online", "có làm trên vneid được không",
    "làm ở nhà được không", "có dịch vụ công trực tuyến không", "nộp online thế nào",
    "chỉ tui làm trên điện thoại", "làm qua mạng như thế nào", "có cần lên xã không hay làm online",
    "đăng nhập dịch vụ công ra sao", "cách nộp online",
]

T["ask_form"] = [
    "mẫu tờ khai {p}", "tờ khai {p} lấy ở đâu", "mẫu đơn {p}", "có mẫu đơn {p} không",
    "tải tờ khai {p} ở đâu", "{p} dùng mẫu nào", "cho xin mẫu tờ khai {p}", "{p} điền tờ khai gì",
    "file mẫu {p}", "mẫu giấy {p} ở đâu", "tờ khai {p} là mẫu số mấy", "{p} có phải viết đơn không",
    "gửi tui mẫu đơn {p}", "in tờ khai {p} ở đâu", "biểu mẫu {p}", "{p} điền đơn như thế nào",
    "đơn xin {p} viết sao", "form {p}",
]
T["ask_form_followup"] = [
    "mẫu tờ khai đâu", "có mẫu đơn không", "tờ khai lấy ở đâu", "cho xin mẫu đơn",
    "tải mẫu ở đâu", "dùng mẫu nào", "điền tờ khai gì", "có phải viết đơn không", "mẫu số mấy",
    "gửi mẫu đơn cho tui", "biểu mẫu đâu", "đơn viết sao", "có file mẫu không",
]

T["ask_procedure"] = [
    "thủ tục {p}", "làm {p} như thế nào", "{p} làm sao", "hướng dẫn {p}", "cách làm {p}",
    "tôi muốn {p}", "{p} thủ tục ra sao", "chỉ tui cách {p}", "{p}", "{p} làm thế nào",
    "quy trình {p}", "các bước {p}", "tui cần {p}", "muốn {p} thì làm sao", "cho hỏi về {p}",
    "tư vấn giúp {p}", "{p} thì làm sao vậy", "tôi cần làm {p} gấp", "hỏi về thủ tục {p}",
    "làm {p} thì bắt đầu từ đâu", "em muốn hỏi {p}", "{p} phải làm những bước nào",
    "giúp tôi {p}", "thông tin về {p}", "{p} nè", "{p} thì sao",
    "con tui mới sanh muốn {p} thì làm sao", "nhà tui có người mất, giờ {p} sao",
]

T["check_dossier_status"] = [
    "hồ sơ {c} tới đâu rồi", "tra cứu hồ sơ {c}", "kiểm tra hồ sơ {c}", "mã hồ sơ {c}",
    "{c}", "hồ sơ mã {c} xong chưa", "tình trạng hồ sơ {c}", "hồ sơ {c} giải quyết tới đâu",
    "cho hỏi hồ sơ số {c} sao rồi", "xem giúp hồ sơ {c}", "{c} xong chưa",
    "tra hồ sơ {c} giùm tui", "hồ sơ {c} có kết quả chưa", "mã {c} đang ở bước nào",
    "hồ sơ của tôi tới đâu rồi", "hồ sơ của tui sao rồi", "kiểm tra tình trạng hồ sơ",
    "tra cứu hồ sơ", "hồ sơ tôi nộp hôm trước xong chưa", "tôi muốn tra cứu tiến độ hồ sơ",
    "hồ sơ nộp tuần trước giờ sao rồi", "xem hồ sơ đã giải quyết chưa", "hồ sơ bị trễ hẹn rồi",
    "sao hồ sơ lâu quá chưa có", "tra cứu tình trạng giải quyết hồ sơ", "hồ sơ đã được duyệt chưa",
    "hồ sơ {p} của tui tới đâu rồi", "hồ sơ {p} nộp rồi giờ sao", "kiểm tra hồ sơ {p} đã xong chưa",
    "tui có mã hồ sơ muốn kiểm tra", "hồ sơ có kết quả chưa vậy", "nộp lâu rồi mà chưa thấy gì",
    "tra mã hồ sơ giúp", "hồ sơ của má tui tới đâu rồi", "hồ sơ tui gửi đang được xử lý tới bước nào",
    "cho biết tình hình giải quyết hồ sơ của tui", "hồ sơ đã nộp giờ ra sao rồi",
]
T["subscribe_dossier"] = [
    "báo cho tôi khi có kết quả", "khi nào xong thì nhắn tui", "theo dõi hồ sơ {c} giùm",
    "có kết quả thì báo tui nha", "đăng ký nhận thông báo hồ sơ", "nhắn tin cho tôi khi hồ sơ xong",
    "báo tui khi hồ sơ {c} có kết quả", "theo dõi hồ sơ này", "khi nào có kết quả thì báo",
    "cho tui nhận thông báo về hồ sơ", "hồ sơ xong thì nhắn cho tui biết", "báo giúp khi nào xong",
    "theo dõi giùm tui", "nhắc tôi khi hồ sơ có kết quả", "thông báo cho tôi khi hồ sơ thay đổi",
    "đăng ký theo dõi hồ sơ {c}", "khi nào lấy được thì báo tui nhen", "báo cho tui khi có giấy",
    "hồ sơ {c} có gì mới thì báo tui", "có tin gì báo tui với",
    "đăng ký nhận tin nhắn khi hồ sơ có kết quả", "muốn nhận thông báo về hồ sơ {c}",
    "bật thông báo cho hồ sơ {c}", "đăng ký theo dõi tình trạng hồ sơ",
]
T["unsubscribe_dossier"] = [
    "thôi đừng báo nữa", "hủy theo dõi hồ sơ", "ngừng nhận thông báo", "không cần báo nữa",
    "bỏ theo dõi hồ sơ {c}", "tắt thông báo hồ sơ", "đừng nhắn tin cho tui nữa",
    "hủy đăng ký nhận thông báo", "thôi khỏi theo dõi", "ngưng báo hồ sơ giùm",
    "tui lấy kết quả rồi khỏi báo nữa", "không muốn nhận tin nữa",
]
T["request_human"] = [
    "cho gặp người thật", "chuyển người thật", "cho tôi nói chuyện với nhân viên",
    "gặp cán bộ được không", "có ai trực không", "tôi muốn gặp tư vấn viên", "cho gặp người hỗ trợ",
    "gọi cán bộ giúp tôi", "nói chuyện với người thật", "tui muốn hỏi người thật",
    "chuyển cho cán bộ", "có người nào hỗ trợ không", "nhờ tình nguyện viên giúp",
    "cho tui số điện thoại cán bộ để hỏi", "bot không hiểu, cho gặp người", "kết nối nhân viên",
    "cần người hướng dẫn trực tiếp", "có ai giúp tui làm không", "cho gặp admin",
    "cho xin gặp người tư vấn", "tôi cần người hỗ trợ trực tiếp", "có ai đó không",
    "nhờ người làm giùm", "gặp người thiệt đi", "đưa máy cho người thật đi",
]
T["ask_office"] = [
    "ủy ban xã {x} mấy giờ mở cửa", "một cửa xã {x} ở đâu", "địa chỉ ủy ban xã {x}",
    "số điện thoại ủy ban xã {x}", "giờ làm việc của bộ phận một cửa", "ủy ban xã làm việc thứ bảy không",
    "trung tâm hành chính công xã {x} ở đâu", "ubnd xã {x} ở chỗ nào", "xã {x} làm việc mấy giờ",
    "bộ phận một cửa mở cửa lúc nào", "chiều thứ sáu ủy ban có làm không", "số điện thoại một cửa xã",
    "ủy ban xã mấy giờ đóng cửa", "công an xã {x} ở đâu", "trụ sở xã {x} mới ở đâu",
    "sáng thứ bảy xã {x} có làm việc không", "hotline ủy ban xã {x}", "giờ hành chính ở xã mấy giờ",
    "một cửa xã {x} có làm trưa không", "xã {x} giờ nhập vô xã nào", "ủy ban xã {x} cũ giờ ở đâu",
    "chỗ nộp hồ sơ ở xã {x} mở mấy giờ", "xin số điện thoại xã {x}", "ubnd xã {x} số mấy",
    "đường tới ủy ban xã {x}", "trung tâm phục vụ hành chính công mấy giờ làm việc",
    "xã {x} cũ sáp nhập rồi giờ lên đâu", "bộ phận một cửa nghỉ trưa lúc mấy giờ",
    "buổi trưa ủy ban có nhận hồ sơ không",
]
T["feedback"] = [
    "tôi muốn phản ánh", "khiếu nại cán bộ", "tôi muốn góp ý", "kiến nghị về thủ tục",
    "cán bộ xã làm chậm quá", "bị hẹn tới hẹn lui hoài", "thái độ nhân viên không tốt",
    "tôi muốn khiếu nại", "phản ánh cán bộ đòi tiền", "gửi kiến nghị", "góp ý cho ủy ban",
    "cán bộ một cửa hách dịch", "tui bực quá muốn phản ánh", "hồ sơ trễ hẹn mà không ai giải thích, tôi khiếu nại",
    "làm sao để phản ánh kiến nghị", "tôi muốn tố cáo", "phản ánh về {p}",
    "khiếu nại về việc giải quyết {p}", "cán bộ bắt nộp thêm giấy không cần thiết", "góp ý chatbot",
    "nhân viên nói chuyện khó nghe", "muốn gửi ý kiến", "có chỗ nào nhận phản ánh không",
    "làm {p} bị làm khó", "tôi không hài lòng với cách phục vụ",
    "gửi phản ánh về việc giải quyết hồ sơ chậm", "kiến nghị rút ngắn thời gian làm hồ sơ",
    "tôi có ý kiến về cách tiếp nhận hồ sơ ở xã", "phản ánh hồ sơ bị trễ hẹn",
]
T["greet"] = [
    "xin chào", "chào bạn", "hello", "hi", "chào anh", "chào chị", "alo", "chào em", "chào buổi sáng",
    "chào bot", "chào ad", "ê", "hế lô", "chào", "xin chào ạ", "bạn ơi", "ad ơi", "có ai không",
    "dạ chào", "chào cháu", "hi bot", "chào ban", "alo alo", "chào cô", "xin chào, cho hỏi chút",
    "chào anh chị", "bot ơi", "em ơi",
]
T["goodbye"] = [
    "tạm biệt", "bye", "chào nhé", "thôi chào", "hẹn gặp lại", "bai bai", "tui đi đây",
    "vậy thôi nha", "thôi nghỉ nha", "chào tạm biệt", "bye bye", "tui out đây", "hết rồi, chào",
    "vậy được rồi, tạm biệt", "tui về nha", "chúc ngủ ngon", "gặp lại sau", "thôi tắt đây",
]
T["thank"] = [
    "cảm ơn", "cám ơn", "cảm ơn nhiều", "thanks", "thank you", "cảm ơn bạn", "cám ơn nha",
    "ok cảm ơn", "cảm ơn em", "cảm ơn nhiều nhen", "tks", "cám ơn con", "cảm ơn đã giúp",
    "hay quá cảm ơn", "cảm ơn bot", "thanks nhiều", "biết rồi cảm ơn", "cảm ơn nhiều lắm",
    "đội ơn", "cảm ơn ad", "dạ cảm ơn", "ok thanks", "cảm ơn ad nhiều", "cám ơn nhiều nghen",
    "cảm ơn cháu nhiều", "cảm ơn nhiều nha",
]
T["affirm"] = [
    "có", "đúng", "đúng rồi", "vâng", "dạ", "ừ", "ok", "oke", "được", "phải", "dạ phải",
    "ừ đúng", "chính xác", "dạ đúng rồi", "uh", "yes", "ờ", "đồng ý", "được đó", "ừa",
    "đúng vậy", "có chứ", "dạ vâng", "ok luôn", "chuẩn", "phải rồi", "dạ có", "ừ nhen",
]
T["deny"] = [
    "không", "ko", "không phải", "hông", "sai rồi", "không phải cái đó", "thôi", "k",
    "không đúng", "không cần", "hổng phải", "no", "chưa", "không muốn", "khỏi", "thôi khỏi",
    "không có", "dạ không", "không phải vậy", "sai", "hông có", "ko phải", "nhầm rồi",
    "đâu phải", "hổng phải đâu", "không đúng đâu", "đâu có", "không phải vậy đâu", "hông đúng",
]
T["bot_challenge"] = [
    "bạn là người hay máy", "bạn là bot hả", "đây là ai vậy", "mày là robot à", "bạn là ai",
    "có phải người thật không", "đang nói chuyện với máy hả", "bạn là trí tuệ nhân tạo à",
    "ai đang trả lời vậy", "em là người thật hả", "đây là chatbot hả", "bạn tên gì",
    "bạn có phải nhân viên không", "bot này của ai", "ai làm ra bạn", "máy trả lời hả",
]
T["out_of_scope"] = [
    "hôm nay trời mưa không", "thời tiết ngày mai thế nào", "xổ số hôm nay", "kết quả xổ số bến tre",
    "kể chuyện cười đi", "giá vàng hôm nay", "tỷ giá đô la", "ai sẽ thắng bầu cử mỹ",
    "bạn nghĩ gì về chính trị", "nấu canh chua sao", "bóng đá tối nay", "hát một bài đi",
    "mua điện thoại nào tốt", "yêu tôi không", "1 cộng 1 bằng mấy", "cho tui số đề",
    "giá heo hôm nay", "ngày mai mấy độ", "kể chuyện ma", "xem bói giùm tui", "tính tuổi làm nhà",
    "vé số đài vĩnh long", "cá độ ở đâu", "dịch tiếng anh giúp", "giải bài toán này",
    "chỉ tui cách câu cá", "đường đi vũng tàu", "ăn gì ngon", "tui buồn quá", "giá lúa bữa nay",
    "mua bảo hiểm nhân thọ nào tốt", "tin tức hôm nay", "phim hay tối nay", "asdfgh", "hahaha",
    "test", "...", "???", "chơi game không", "thủ đô của pháp là gì", "chuyện tình cảm",
    "vay tiền nhanh", "quảng cáo bán hàng", "cho tui mượn tiền", "nghị quyết đảng mới nhất",
    "ai làm tổng thống", "sắp bão không", "nước lên mấy giờ", "sửa xe ở đâu",
    "giá cà phê hôm nay bao nhiêu", "iphone mới giá bao nhiêu", "giá dừa hôm nay nhiêu",
    "cách nấu cơm tấm", "cách làm mứt dừa", "chỉ cách trồng bưởi", "đảng nào tốt",
    "dự báo mưa tuần này", "chuyện vui kể nghe coi",
]
T["next_step"] = [
    "tiếp", "tiếp theo", "bước tiếp theo", "rồi sao nữa", "xong rồi giờ làm gì", "tiếp đi",
    "làm tiếp sao", "bước kế", "rồi sao", "tiếp tục", "xong bước đó rồi", "kế tiếp", "next",
    "rồi làm gì nữa", "xong rồi", "tiếp nha", "bước sau là gì", "ok tiếp",
    "bước tiếp theo làm sao", "rồi giờ làm gì tiếp", "xong bước này rồi sao nữa",
]

# Long, rambling messages (one realization each, procedure filled in).
RAMBLING: dict[str, list[str]] = {
    "ask_documents": [
        "chào anh chị, tui năm nay 70 tuổi rồi, con tui đi làm xa, giờ tui muốn {p} mà hông biết cần giấy tờ gì hết, chỉ giùm tui với",
        "dạ cho em hỏi chút, em mới về quê vợ, giờ tính {p} thì phải chuẩn bị những giấy tờ gì vậy ạ, em cảm ơn",
        "hôm bữa tui lên xã hỏi {p} mà cán bộ nói thiếu giấy, giờ tui hỏi lại coi cần giấy gì cho đủ",
        "bác ơi con hỏi xíu, {p} thì cần mang theo những gì, con ở xa đi lại khó lắm nên muốn chuẩn bị 1 lần cho đủ",
        "nhà tui ở {x}, tui già rồi mắt kém, muốn {p} thì cần đem theo giấy gì vậy con",
    ],
    "ask_fee": [
        "cho tui hỏi, nhà tui nghèo lắm, giờ {p} thì có phải đóng tiền không hay được miễn, tốn bao nhiêu vậy",
        "em ơi chị hỏi chút, {p} ở xã mình thu phí bao nhiêu vậy em, hôm trước người ta nói mấy trăm lận",
        "tui ở {x}, muốn {p} mà sợ tốn kém, cho tui hỏi lệ phí hết nhiêu",
    ],
    "ask_processing_time": [
        "con tui cần gấp để đi học, giờ {p} thì bao lâu mới có vậy, có làm nhanh được không",
        "chào ad, tui nộp hồ sơ {p} thì phải chờ mấy ngày mới lấy được, tui ở xa đi lại không tiện",
        "dạ cho hỏi {p} nếu nộp sáng thứ hai thì khoảng mấy ngày mới có kết quả ạ",
    ],
    "ask_where": [
        "tui ở xã {x} mà giờ nghe nói sáp nhập rồi, giờ muốn {p} thì lên đâu làm vậy",
        "hồi trước lên huyện làm, giờ không còn huyện nữa thì {p} đi đâu làm vậy mấy em",
        "cho hỏi {p} thì ra ủy ban xã hay phải lên tỉnh, tui không biết đường",
    ],
    "ask_online": [
        "con tui nói có thể {p} trên điện thoại mà tui không biết xài, chỉ tui làm từng bước được không",
        "tui có tài khoản vneid rồi, giờ muốn {p} online thì bấm vô đâu",
        "ở nhà xa ủy ban quá, có cách nào {p} qua mạng không vậy, chỉ giùm với",
    ],
    "ask_form": [
        "cho tui xin cái mẫu tờ khai {p} để in ra điền trước, tui điền tay được không",
        "hôm trước lên xã họ đưa tờ khai {p} mà tui làm mất rồi, giờ lấy mẫu ở đâu",
    ],
    "ask_procedure": [
        "chào bạn, tui không rành mấy chuyện giấy tờ, giờ muốn {p} thì phải làm sao, bắt đầu từ đâu",
        "dạ cho em hỏi, vợ em mới sinh em bé được 2 tuần, giờ em muốn {p} thì làm thế nào ạ",
        "ba tui mới mất tuần trước, giờ tui phải lo {p} mà không biết thủ tục ra sao",
        "tui mới mua miếng đất ở {x}, giờ muốn {p} thì làm sao hả mấy em",
        "tui tính mở tiệm tạp hóa nhỏ trước nhà, nghe nói phải {p}, vậy làm sao",
    ],
    "check_dossier_status": [
        "tui nộp hồ sơ từ tuần trước rồi mà chưa thấy ai gọi, mã hồ sơ là {c}, coi giùm tui tới đâu rồi",
        "dạ cho em hỏi hồ sơ {c} của em nộp ở xã {x} giờ giải quyết tới đâu rồi ạ",
        "hồ sơ của tui hẹn hôm qua trả mà lên không có, giờ tra giùm tui coi sao",
    ],
    "request_human": [
        "nói hoài mà máy không hiểu, cho tui gặp người thật đi, tui già rồi không rành",
        "tui hỏi mấy lần rồi mà không được, chuyển cho cán bộ nói chuyện giùm tui",
    ],
    "feedback": [
        "tui lên xã 3 lần rồi mà cán bộ cứ hẹn hoài không giải quyết, tui muốn phản ánh chuyện này",
        "cán bộ ở bộ phận một cửa nói chuyện khó nghe lắm, tui muốn khiếu nại thì gửi ở đâu",
    ],
    "out_of_scope": [
        "hôm nay trời nắng quá, bạn có biết chiều nay có mưa không, tui tính đi ruộng",
        "cho tui hỏi xổ số miền nam hôm qua đài bến tre ra số mấy vậy",
    ],
}

# --------------------------------------------------------------------------
# How citizens roughen their text.
ABBREVIATIONS: list[tuple[str, list[str]]] = [
    ("không", ["ko", "k", "hông", "hổng", "khong", "hok", "kh"]),
    ("được", ["dc", "đc", "đươc"]),
    ("gì", ["j", "gi", "zì"]),
    ("bao nhiêu", ["bn", "bnhiu", "nhiu", "bao nhiu", "nhiêu"]),
    ("đăng ký", ["dk", "đk", "đky", "dky", "đăng kí"]),
    ("như thế nào", ["ntn", "sao", "thế nào"]),
    ("thế nào", ["ntn", "sao"]),
    ("số điện thoại", ["sdt", "sđt"]),
    ("vậy", ["dzậy", "zậy", "z", "v", "vậy ta"]),
    ("rồi", ["rùi", "r"]),
    ("biết", ["bít"]),
    ("muốn", ["mún"]),
    ("tôi", ["tui", "t", "mình", "em"]),
    ("với", ["vs", "zới"]),
    ("hồ sơ", ["hs", "hồ sơ"]),
    ("ủy ban", ["ub", "ubnd", "uỷ ban"]),
    ("căn cước công dân", ["cccd"]),
    ("chứng minh nhân dân", ["cmnd"]),
    ("nhé", ["nha", "nhen", "hen"]),
    ("bây giờ", ["giờ", "bi giờ"]),
    ("mấy", ["mí"]),
]
PREFIXES = [
    "cho hỏi ", "cho em hỏi ", "cho tui hỏi ", "cho tôi hỏi ", "ad ơi ", "chị ơi ", "anh ơi ",
    "dạ ", "dạ cho hỏi ", "bot ơi ", "xin hỏi ", "hỏi chút ", "em ơi cho chị hỏi ", "con hỏi chút ",
    "chào bạn, ", "alo ", "cô ơi ", "bác hỏi chút ",
]
SUFFIXES = [
    " ạ", " nha", " nhen", " hen", " vậy", " dzậy", " z", " với", " giùm", " dùm tui",
    " nhé", " ạ?", "?", "??", " vậy ạ", " hả", " ta", " đó", " vậy mấy em", " á",
]
# intents whose short texts should not get politeness affixes
NO_AFFIX = {"greet", "goodbye", "thank", "affirm", "deny", "next_step", "out_of_scope"}


VERBS = {"làm", "xin", "đi", "ra", "mở", "đổi", "cấp", "lại", "gia", "để", "muốn", "cần", "tính"}


def parse_mention(mention: str) -> tuple[str, str, str]:
    match = re.fullmatch(r"(.*?)\[(.+?)\](.*)", mention)
    if match:
        return match.group(1), match.group(2), match.group(3)
    return "", mention, ""


def dossier_code(rng: random.Random) -> str:
    agency = rng.choice(AGENCY_CODES)
    yy, mm, dd = rng.randint(19, 25), rng.randint(1, 12), rng.randint(1, 28)
    return f"{agency}-{yy:02d}{mm:02d}{dd:02d}-{rng.randint(1, 9999):04d}"


class Roughener:
    """Applies one consistent set of typing habits to every piece of an example."""

    def __init__(self, rng: random.Random, intent: str, mild: bool = False) -> None:
        self.rng = rng
        self.strip = rng.random() < (0.30 if mild else 0.45)
        self.abbreviate = 0.0 if mild else rng.choice([0.0, 0.0, 0.3, 0.6])
        self.lower = rng.random() < 0.7
        self.prefix = ""
        self.suffix = ""
        if intent not in NO_AFFIX and not mild:
            if rng.random() < 0.25:
                self.prefix = rng.choice(PREFIXES)
            if rng.random() < 0.35:
                self.suffix = rng.choice(SUFFIXES)
        elif rng.random() < 0.15:
            self.suffix = rng.choice(["", "!", " nha", " ạ", "."])

    def __call__(self, text: str) -> str:
        if self.abbreviate:
            for word, replacements in ABBREVIATIONS:
                if word in text and self.rng.random() < self.abbreviate:
                    text = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", self.rng.choice(replacements), text)
        if self.strip:
            text = strip_diacritics(text)
        return text


def realize(template: str, intent: str, rng: random.Random, procedure: str | None,
            mild: bool = False) -> str:
    """Fill one template; return a Rasa-annotated example line."""
    rough = Roughener(rng, intent, mild)
    pieces: list[tuple[str, dict | None]] = []
    rest = rough.prefix + template + rough.suffix
    for part in re.split(r"(\{[pcx]\})", rest):
        if part == "{p}":
            assert procedure is not None
            pre, span, post = parse_mention(rng.choice(MENTIONS[procedure]))
            before = pieces[-1][0].split() if pieces and pieces[-1][0].strip() else []
            if pre.split() and before and before[-1].lower() in VERBS and pre.split()[0].lower() in VERBS:
                pre = " ".join(pre.split()[1:]) + " " if len(pre.split()) > 1 else ""
            pieces += [(pre, None), (span, {"entity": "procedure", "value": procedure}), (post, None)]
        elif part == "{c}":
            pieces.append((dossier_code(rng), {"entity": "dossier_code"}))
        elif part == "{x}":
            pieces.append((rng.choice(COMMUNES), None))
        elif part:
            pieces.append((part, None))
    out = []
    for i, (text, entity) in enumerate(pieces):
        if entity is None:
            text = rough(text)
            if i == 0 and rough.lower:
                text = text.lower()
            elif i == 0 and text:
                text = text[0].upper() + text[1:]
            out.append(_escape(text))
        else:
            if entity["entity"] == "procedure":
                text = rough(text)
                if rough.lower and not text.isupper():
                    text = text.lower()
            if i == 0 and not rough.lower and text and text[0].islower():
                text = text[0].upper() + text[1:]
            value = entity.get("value")
            if value:
                out.append(f'[{text}]{{"entity": "{entity["entity"]}", "value": "{value}"}}')
            else:
                out.append(f'[{text}]{{"entity": "{entity["entity"]}"}}')
    line = re.sub(r"\s+", " ", "".join(out)).strip()
    return line


def _escape(text: str) -> str:
    # square brackets/braces would be read as annotations
    return text.replace("[", "(").replace("]", ")").replace("{", "(").replace("}", ")")


def _plain(line: str) -> str:
    """Folded text of an annotated example line."""
    text = re.sub(r"\]\{[^}]*\}", "", line)
    text = re.sub(r"\]\([^)]*\)", "", text).replace("[", "")
    return fold(text)


def held_out_texts(test_dir: Path = TEST_DIR) -> set[str]:
    """Folded messages of the held-out test split: never generated for training."""
    texts = set()
    for path in sorted(test_dir.glob("*.yml")):
        for raw in path.read_text(encoding="utf-8").splitlines():
            if raw.startswith("    - "):
                texts.add(_plain(raw[6:]))
    return texts


def build(rng: random.Random) -> dict[str, list[str]]:
    held_out = held_out_texts()
    procedures = list(MENTIONS)
    per_template = {
        "ask_documents": 5, "ask_fee": 5, "ask_processing_time": 5, "ask_where": 5,
        "ask_online": 5, "ask_form": 5, "ask_procedure": 4, "check_dossier_status": 3,
        "subscribe_dossier": 3, "unsubscribe_dossier": 3, "request_human": 2, "ask_office": 3,
        "feedback": 2, "greet": 1, "goodbye": 1, "thank": 1, "affirm": 1, "deny": 1,
        "bot_challenge": 2, "out_of_scope": 1, "next_step": 2,
    }
    cycle = {"i": 0}

    def next_procedure() -> str:
        cycle["i"] += 1
        return procedures[cycle["i"] % len(procedures)]

    data: dict[str, list[str]] = {}
    for intent, count in per_template.items():
        lines: list[str] = []
        for template in T[intent]:
            n = count if "{" in template else max(1, min(count, 2))
            if "{" not in template and len(template.split()) <= 6:
                # short messages: also exactly as typed without accents
                lines.append(_escape(strip_diacritics(template)))
            for k in range(n):
                procedure = next_procedure() if "{p}" in template else None
                # the first realization of a short, slot-free template stays as written
                lines.append(realize(template, intent, rng, procedure, mild=(k == 0 and "{" not in template)))
        follow = T.get(f"{intent}_followup", [])
        for template in follow:
            for k in range(3):
                lines.append(realize(template, intent, rng, None, mild=(k == 0)))
        for template in RAMBLING.get(intent, []):
            for _ in range(2 if "{p}" in template else 1):
                procedure = next_procedure() if "{p}" in template else None
                lines.append(realize(template, intent, rng, procedure, mild=True))
        # every procedure named bare is a question about the procedure as a whole
        if intent == "ask_procedure":
            for procedure in procedures:
                for mention in MENTIONS[procedure]:
                    pre, span, post = parse_mention(mention)
                    if rng.random() < 0.5:
                        lines.append(realize("{p}", intent, rng, procedure, mild=True))
        seen: set[str] = set()
        unique = []
        for line in lines:
            key = line.lower()
            if _plain(line) in held_out:
                continue  # a generated line that happens to equal a test message
            if key not in seen:
                seen.add(key)
                unique.append(line)
        data[intent] = unique
    return data


FILES = {
    "aspects.yml": ["ask_documents", "ask_fee", "ask_processing_time", "ask_where", "ask_online",
                    "ask_form", "ask_procedure", "next_step"],
    "dossier.yml": ["check_dossier_status", "subscribe_dossier", "unsubscribe_dossier"],
    "service.yml": ["request_human", "ask_office", "feedback"],
    "chitchat.yml": ["greet", "goodbye", "thank", "affirm", "deny", "bot_challenge", "out_of_scope"],
}
HEADER = (
    "# GENERATED by `python -m bot.nlu.gen_training_data` from its templates: edit the\n"
    "# templates there (or add hand-written examples to handwritten.yml), then re-run.\n"
)


def render(data: dict[str, list[str]]) -> dict[str, str]:
    files = {}
    for name, intents in FILES.items():
        parts = [HEADER, 'version: "3.1"\n', "nlu:\n"]
        for intent in intents:
            parts.append(f"- intent: {intent}\n  examples: |\n")
            parts.extend(f"    - {line}\n" for line in data[intent])
        files[name] = "".join(parts)
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the YAML files are stale")
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    args = parser.parse_args(argv)
    files = render(build(random.Random(SEED)))
    stale = []
    for name, content in files.items():
        path = args.out / name
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != content:
                stale.append(str(path))
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
    if stale:
        print("stale generated NLU data (run python -m bot.nlu.gen_training_data):", *stale, sep="\n  ")
        return 1
    if not args.check:
        total = sum(c.count("\n    - ") for c in files.values())
        print(f"wrote {len(files)} files, {total} examples to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
