"""Names shared by the whole team (see the team brief). Do not rename."""

PROCEDURE_KEYS: tuple[str, ...] = (
    "khai_sinh", "khai_tu", "ket_hon", "xac_nhan_hon_nhan", "trich_luc_ho_tich",
    "chung_thuc_ban_sao", "chung_thuc_chu_ky", "thuong_tru", "tam_tru", "can_cuoc",
    "ho_chieu", "ho_kinh_doanh", "giay_phep_xay_dung", "dat_dai_lan_dau", "ly_lich_tu_phap",
    "tro_cap_xa_hoi", "bhyt_tre_em",
)

ASPECTS: tuple[str, ...] = ("documents", "fee", "processing_time", "where", "online", "form", "procedure")

# The order of the quick-reply buttons ("most asked" first).
POPULAR_ORDER: tuple[str, ...] = (
    "khai_sinh", "can_cuoc", "thuong_tru", "chung_thuc_ban_sao", "ket_hon", "dat_dai_lan_dau",
    "tam_tru", "khai_tu", "ly_lich_tu_phap", "xac_nhan_hon_nhan", "ho_chieu", "bhyt_tre_em",
    "tro_cap_xa_hoi", "trich_luc_ho_tich", "chung_thuc_chu_ky", "ho_kinh_doanh", "giay_phep_xay_dung",
)

PORTAL_HOME = "https://dichvucong.gov.vn"
PORTAL_PROCEDURE_URL = "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc={code}"
