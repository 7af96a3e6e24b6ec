"""SQLAlchemy models of the knowledge base (SQLAlchemy 1.4, 2.0-style usage).

Every fact row (agency, required document, form, fee, processing time, channel, online
submission, notice, benefit) carries the same bookkeeping columns (FactMixin): status
(known / unverified / unknown), source (legal document + article, or official page),
verified_on, effective_from / effective_to, and where it came from (file, line).
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Date, ForeignKey, Integer, String, Table, Text
from sqlalchemy.orm import declarative_base, declared_attr, relationship

Base = declarative_base()

KNOWN, UNVERIFIED, UNKNOWN = "known", "unverified", "unknown"


class Source(Base):
    """A citation: 'Luật Hộ tịch 60/2014/QH13, Điều 16' or an official page URL."""

    __tablename__ = "kb_source"
    id = Column(Integer, primary_key=True)
    citation = Column(Text, nullable=False, unique=True)
    url = Column(Text)


class FactMixin:
    status = Column(String(16), nullable=False, default=KNOWN)
    note = Column(Text)
    ask = Column(Text)  # where to ask when the fact is unknown
    verified_on = Column(Date)
    effective_from = Column(Date)
    effective_to = Column(Date)
    position = Column(Integer, nullable=False, default=0)
    src_file = Column(Text)
    src_line = Column(Integer)
    field = Column(Text)  # "fees[3]": where the fact sits in its file
    quote = Column(Text)  # the sentence of the text that states the fact, verbatim
    copy_ref = Column(Text)  # the public copy read: "owner/repo path"
    conditions = Column(Text)  # JSON {"channel": ..., "cong_dan_so": true, "groups": [...]}; None: everyone

    @declared_attr
    def procedure_id(cls):  # noqa: N805
        return Column(Integer, ForeignKey("kb_procedure.id", ondelete="CASCADE"), nullable=False, index=True)

    @declared_attr
    def source_id(cls):  # noqa: N805
        return Column(Integer, ForeignKey("kb_source.id"))

    @declared_attr
    def source(cls):  # noqa: N805
        return relationship(Source, lazy="joined")

    @property
    def condition_map(self) -> dict:
        import json

        return json.loads(self.conditions) if self.conditions else {}

    def in_force(self, day) -> bool:
        if self.effective_from is not None and day < self.effective_from:
            return False
        if self.effective_to is not None and day > self.effective_to:
            return False
        return True


class Procedure(Base):
    __tablename__ = "kb_procedure"
    id = Column(Integer, primary_key=True)
    key = Column(String(64), nullable=False, unique=True)
    name = Column(Text, nullable=False)
    summary = Column(Text)
    ma_tthc = Column(String(32))  # national procedure code, None when unknown
    ma_tthc_status = Column(String(16), nullable=False, default=UNKNOWN)
    portal_link = Column(Text, nullable=False)
    verified_on = Column(Date)
    documents_complete = Column(Boolean, nullable=False, default=False)
    documents_note = Column(Text)
    src_file = Column(Text)

    aliases = relationship("Alias", cascade="all, delete-orphan", order_by="Alias.id")
    legal_bases = relationship("LegalBasis", cascade="all, delete-orphan", order_by="LegalBasis.position")
    agencies = relationship("Agency", cascade="all, delete-orphan", order_by="Agency.position")
    documents = relationship("RequiredDocument", cascade="all, delete-orphan", order_by="RequiredDocument.position")
    forms = relationship("Form", cascade="all, delete-orphan", order_by="Form.position")
    fees = relationship("Fee", cascade="all, delete-orphan", order_by="Fee.position")
    processing_times = relationship("ProcessingTime", cascade="all, delete-orphan", order_by="ProcessingTime.position")
    channels = relationship("Channel", cascade="all, delete-orphan", order_by="Channel.position")
    online = relationship("OnlineSubmission", cascade="all, delete-orphan", order_by="OnlineSubmission.position")
    notices = relationship("Notice", cascade="all, delete-orphan", order_by="Notice.position")
    benefits = relationship("Benefit", cascade="all, delete-orphan", order_by="Benefit.position")
    deadlines = relationship("Deadline", cascade="all, delete-orphan", order_by="Deadline.position")
    eligibility = relationship("Eligibility", cascade="all, delete-orphan", order_by="Eligibility.position")
    not_required = relationship("NotRequired", cascade="all, delete-orphan", order_by="NotRequired.position")


class Alias(Base):
    __tablename__ = "kb_alias"
    id = Column(Integer, primary_key=True)
    procedure_id = Column(Integer, ForeignKey("kb_procedure.id", ondelete="CASCADE"), nullable=False, index=True)
    text = Column(Text, nullable=False)
    folded = Column(Text, nullable=False, index=True)


class LegalBasis(Base):
    __tablename__ = "kb_legal_basis"
    id = Column(Integer, primary_key=True)
    procedure_id = Column(Integer, ForeignKey("kb_procedure.id", ondelete="CASCADE"), nullable=False, index=True)
    doc = Column(Text, nullable=False)  # e.g. "Luật Hộ tịch 60/2014/QH13"
    articles = Column(Text)
    url = Column(Text)
    position = Column(Integer, nullable=False, default=0)


class Agency(FactMixin, Base):
    """The level and agency that decides the procedure."""

    __tablename__ = "kb_agency"
    id = Column(Integer, primary_key=True)
    level = Column(Text)
    name = Column(Text)


class RequiredDocument(FactMixin, Base):
    __tablename__ = "kb_required_document"
    id = Column(Integer, primary_key=True)
    name = Column(Text)
    copies = Column(Integer)  # None: not stated / unknown
    kind = Column(String(32))  # original | copy | certified_copy | show_original | None (unknown)


class Form(FactMixin, Base):
    __tablename__ = "kb_form"
    id = Column(Integer, primary_key=True)
    name = Column(Text)
    number = Column(Text)  # None: unknown
    circular = Column(Text)
    where_to_get = Column(Text)


class Fee(FactMixin, Base):
    __tablename__ = "kb_fee"
    id = Column(Integer, primary_key=True)
    case = Column(Text)
    amount = Column(Integer)  # đồng; None: unknown
    per = Column(Text)
    max_amount = Column(Integer)
    online_amount = Column(Integer)
    exemptions = Column(Text)  # one per line


class ProcessingTime(FactMixin, Base):
    __tablename__ = "kb_processing_time"
    id = Column(Integer, primary_key=True)
    case = Column(Text)
    text = Column(Text)
    max_days = Column(Integer)
    day_unit = Column(Text)


class Channel(FactMixin, Base):
    """Where to submit: in person, by post or online."""

    __tablename__ = "kb_channel"
    id = Column(Integer, primary_key=True)
    channel = Column(String(16))  # in_person | post | online
    place = Column(Text)


class OnlineSubmission(FactMixin, Base):
    __tablename__ = "kb_online_submission"
    id = Column(Integer, primary_key=True)
    available = Column(String(16))  # yes | no | unknown
    level = Column(Text)  # "toàn trình" | "một phần" | None (unknown)
    via = Column(Text)  # one per line
    link = Column(Text)


class Notice(FactMixin, Base):
    __tablename__ = "kb_notice"
    id = Column(Integer, primary_key=True)
    text = Column(Text)


class Benefit(FactMixin, Base):
    __tablename__ = "kb_benefit"
    id = Column(Integer, primary_key=True)
    case = Column(Text)
    text = Column(Text)


class Deadline(FactMixin, Base):
    """Thời hạn phải đăng ký (e.g. khai sinh within 60 days of the birth)."""

    __tablename__ = "kb_deadline"
    id = Column(Integer, primary_key=True)
    text = Column(Text)
    days = Column(Integer)
    day_unit = Column(Text)
    counted_from = Column(Text)
    late_text = Column(Text)  # only where a text states what happens when the deadline is missed
    late_source = Column(Text)
    late_quote = Column(Text)


class Eligibility(FactMixin, Base):
    """Điều kiện / đối tượng được làm thủ tục."""

    __tablename__ = "kb_eligibility"
    id = Column(Integer, primary_key=True)
    text = Column(Text)


class NotRequired(FactMixin, Base):
    """Who needs no permit or no procedure, where the law says so."""

    __tablename__ = "kb_not_required"
    id = Column(Integer, primary_key=True)
    text = Column(Text)


class LegalDocument(Base):
    """The registry of legal documents (legal_documents.yml): which replaces which, and when."""

    __tablename__ = "kb_legal_document"
    id = Column(Integer, primary_key=True)
    number = Column(String(64), nullable=False, unique=True)
    title = Column(Text)
    effective_from = Column(Date)
    replaced_by = Column(String(64))
    replaced_on = Column(Date)
    copy_ref = Column(Text)
    status = Column(String(16), nullable=False, default=KNOWN)
    note = Column(Text)


district_communes = Table(
    "kb_district_commune", Base.metadata,
    Column("district_id", Integer, ForeignKey("kb_old_district.id", ondelete="CASCADE"), primary_key=True),
    Column("commune_id", Integer, ForeignKey("kb_commune.id", ondelete="CASCADE"), primary_key=True),
)


class Commune(Base):
    __tablename__ = "kb_commune"
    id = Column(Integer, primary_key=True)
    key = Column(String(64), nullable=False, unique=True)
    name = Column(Text, nullable=False)  # "xã An Qui"
    province = Column(Text)
    status = Column(String(16), nullable=False, default=KNOWN)
    note = Column(Text)
    source_id = Column(Integer, ForeignKey("kb_source.id"))
    source = relationship(Source, lazy="joined")
    verified_on = Column(Date)
    src_file = Column(Text)
    src_line = Column(Integer)
    former_units = relationship("FormerUnit", cascade="all, delete-orphan", order_by="FormerUnit.id")
    office = relationship("Office", uselist=False, cascade="all, delete-orphan")


class FormerUnit(Base):
    __tablename__ = "kb_former_unit"
    id = Column(Integer, primary_key=True)
    commune_id = Column(Integer, ForeignKey("kb_commune.id", ondelete="CASCADE"), nullable=False, index=True)
    name = Column(Text, nullable=False)  # "xã An Nhơn", "thị trấn Thạnh Phú"
    folded = Column(Text, nullable=False, index=True)  # "an nhon"


class OldDistrict(Base):
    __tablename__ = "kb_old_district"
    id = Column(Integer, primary_key=True)
    name = Column(Text, nullable=False)
    folded = Column(Text, nullable=False)
    communes = relationship(Commune, secondary=district_communes, order_by=Commune.id)


class Office(Base):
    """A commune's one-stop desk; None in a field means not filled in yet (unknown)."""

    __tablename__ = "kb_office"
    id = Column(Integer, primary_key=True)
    commune_id = Column(Integer, ForeignKey("kb_commune.id", ondelete="CASCADE"), nullable=False, unique=True)
    name = Column(Text)
    address = Column(Text)
    phone = Column(Text)
    hours = Column(Text)
    source_id = Column(Integer, ForeignKey("kb_source.id"))
    source = relationship(Source, lazy="joined")
    verified_on = Column(Date)


class OnlineStep(Base):
    __tablename__ = "kb_online_step"
    id = Column(Integer, primary_key=True)
    position = Column(Integer, nullable=False)
    text = Column(Text, nullable=False)
    status = Column(String(16), nullable=False, default=KNOWN)
    effective_from = Column(Date)
    effective_to = Column(Date)
    source_id = Column(Integer, ForeignKey("kb_source.id"))
    source = relationship(Source, lazy="joined")
    verified_on = Column(Date)


class Meta(Base):
    __tablename__ = "kb_meta"
    key = Column(String(64), primary_key=True)
    value = Column(Text)


FACT_TABLES = (Agency, RequiredDocument, Form, Fee, ProcessingTime, Channel, OnlineSubmission, Notice, Benefit,
               Deadline, Eligibility, NotRequired)
ALL_TABLES_DELETE_ORDER = (
    district_communes, OldDistrict, Office, FormerUnit, Commune, OnlineStep, LegalDocument,
    *FACT_TABLES, Alias, LegalBasis, Procedure, Source,
)
__all__ = [name for name in dir() if not name.startswith("_")]
