"""KnowledgeBase: the one object the rest of dvcbot asks for facts.

    kb = KnowledgeBase.open()                      # DVCBOT_DATABASE_URL / DVCBOT_KNOWLEDGE_DIR
    kb.answer("khai_sinh", "fee")                  # Answer(text, known, sources, link)
    kb.resolve_commune("xã An Nhơn")               # Commune(key="an_qui", ...)

`open` is cached per arguments. It (re)loads the YAML into the database when the database is
empty or older than the YAML; when the new YAML has errors the previous data stays in use
(the errors are logged and kept in `kb.load_report`).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
import time
from dataclasses import replace
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from bot.core import tz
from bot.core.settings import settings

from . import config, models as m
from .canonical import ASPECTS, PORTAL_HOME, POPULAR_ORDER
from .loader import has_data, load, make_engine, stored_fingerprint
from .places import Commune, Office, PlaceIndex, PlaceMatch
from .conditions import Vocabulary
from .render import Answer, Renderer
from .validate import KnowledgeError, Report, fingerprint

log = logging.getLogger(__name__)

_ASPECT_ALIASES = {"documents": "documents", "fee": "fee", "fees": "fee", "processing_time": "processing_time",
                   "time": "processing_time", "where": "where", "online": "online", "form": "form",
                   "forms": "form", "procedure": "procedure", "office": "procedure",
                   "deadline": "deadline", "deadlines": "deadline", "eligibility": "eligibility",
                   "not_required": "not_required"}
# aspect -> Renderer method (the new sections' methods are named so as not to clash with attributes)
_RENDER_METHOD = {"eligibility": "eligibility_answer", "not_required": "not_required_answer"}
EXTRA_ASPECTS = ("deadline", "eligibility", "not_required")
_RECHECK_SECONDS = 30.0


class KnowledgeBase:
    _cache: dict[tuple, "KnowledgeBase"] = {}
    _cache_lock = threading.Lock()
    # open() with no arguments, as the actions call it several times per message: the
    # instance for the current environment, without resolving paths and URLs again each time
    _default: dict[tuple, tuple[float, "KnowledgeBase"]] = {}

    def __init__(self, database_url: str, data_dir: Path, places: list[Path]):
        self.database_url = database_url
        self.data_dir = data_dir
        self.places = places
        self.engine = make_engine(database_url)
        self.load_report: Report | None = None
        self._lock = threading.RLock()
        self._checked_at = 0.0
        self._state_fp: str | None = None
        # rendered answers for the loaded data: (key, aspect, day) -> Answer; emptied on reload
        self._answers: dict[tuple[str, str, dt.date], Answer] = {}
        self._ensure_loaded(force_check=True)

    # ------------------------------------------------------------------ opening
    @classmethod
    def open(cls, database_url: str | None = None, data_dir: str | Path | None = None,
             places_file: str | Path | list | None = None) -> "KnowledgeBase":
        defaults = database_url is None and data_dir is None and places_file is None
        if defaults:
            current = settings()
            env = (current.database.url, current.knowledge.data_dir, current.knowledge.places_file,
                   current.paths.state_dir)
            known = cls._default.get(env)
            if known is not None and time.monotonic() - known[0] < _RECHECK_SECONDS:
                known[1]._ensure_loaded()
                return known[1]
        url = config.database_url(database_url)
        folder = config.data_dir(data_dir)
        if places_file is None:
            places = config.places_files(folder)
        elif isinstance(places_file, (list, tuple)):
            places = [Path(p) for p in places_file]
        else:
            places = config.places_files(folder, str(places_file))
        key = (url, str(folder), tuple(str(p) for p in places))
        with cls._cache_lock:
            kb = cls._cache.get(key)
            if kb is None:
                kb = cls(url, folder, places)
                cls._cache[key] = kb
        kb._ensure_loaded()
        if defaults:
            # looked up again (a places file added to the folder) after _RECHECK_SECONDS
            cls._default[env] = (time.monotonic(), kb)
        return kb

    @classmethod
    def clear_cache(cls) -> None:
        with cls._cache_lock:
            cls._default.clear()
            for kb in cls._cache.values():
                kb.engine.dispose()
            cls._cache.clear()

    def _ensure_loaded(self, force_check: bool = False) -> None:
        now = time.monotonic()
        if not force_check and now - self._checked_at < _RECHECK_SECONDS:
            return
        with self._lock:
            self._checked_at = now
            current = fingerprint(self.data_dir, self.places)
            if stored_fingerprint(self.engine) != current:
                try:
                    self.load_report = load(self.engine, self.data_dir, self.places)
                except KnowledgeError as exc:
                    self.load_report = exc.report
                    if not has_data(self.engine):
                        raise
                    log.error("knowledge YAML has errors; keeping the previous data:\n%s",
                              exc.report.format(warnings=False) if exc.report else exc)
            self._refresh_state()

    def reload(self) -> Report:
        """Validate and load the YAML now (raises KnowledgeError and keeps old data on errors)."""
        with self._lock:
            report = load(self.engine, self.data_dir, self.places)
            self.load_report = report
            self._refresh_state()
            return report

    def _refresh_state(self) -> None:
        with Session(self.engine, future=True) as session:
            fp = session.get(m.Meta, "fingerprint")
            fp_value = fp.value if fp else None
            if fp_value == self._state_fp and self._state_fp is not None:
                return
            self._names = {p.key: p.name for p in session.execute(select(m.Procedure).order_by(m.Procedure.id)).scalars()}
            self._messages = {}
            communes = session.execute(select(m.Commune).options(selectinload(m.Commune.former_units))
                                       .order_by(m.Commune.id)).scalars().all()
            self._communes = [Commune(c.key, c.name, c.province, tuple(f.name for f in c.former_units),
                                      c.status == m.KNOWN) for c in communes]
            index = PlaceIndex()
            for c in communes:
                index.add(c.name, "commune", c.key, (c.key,))
                for f in c.former_units:
                    index.add(f.name, "commune", c.key, (c.key,))
            for d in session.execute(select(m.OldDistrict).options(selectinload(m.OldDistrict.communes))).scalars():
                members = tuple(c.key for c in d.communes)
                index.add(d.name, "district", d.name, members, strip=False)
            # commune aliases and district aliases are stored in the source YAML only; re-read them here
            self._place_index = index
            self._steps = [(s.text, s.status, s.effective_from, s.effective_to)
                           for s in session.execute(select(m.OnlineStep).order_by(m.OnlineStep.position)).scalars()]
            msgs = session.get(m.Meta, "messages")
            self._messages = json.loads(msgs.value) if msgs and msgs.value else {}
            extra = session.get(m.Meta, "place_aliases")
            if extra and extra.value:
                for item in json.loads(extra.value):
                    index.add(item["text"], item["kind"], item["target"], tuple(item["members"]),
                              strip=item["kind"] == "commune")
            vocab = session.get(m.Meta, "conditions")
            self._vocabulary = Vocabulary(json.loads(vocab.value) if vocab and vocab.value else {})
            self._renderer = Renderer(self._messages, self._vocabulary)
            self._answers = {}
            self._state_fp = fp_value

    # ------------------------------------------------------------------ procedures
    def procedure_keys(self) -> list[str]:
        self._ensure_loaded()
        return list(self._names)

    def procedure_name(self, key: str) -> str:
        self._ensure_loaded()
        return self._names.get(key, key)

    def popular_procedures(self, n: int = 6) -> list[tuple[str, str]]:
        self._ensure_loaded()
        order = [k for k in POPULAR_ORDER if k in self._names] + [k for k in self._names if k not in POPULAR_ORDER]
        return [(k, self._names[k]) for k in order[:max(0, n)]]

    def detect_conditions(self, text: str) -> dict:
        """The conditions a citizen names ("nộp online", "tôi là hộ nghèo"): {} when none
        (vocabulary in knowledge/data/conditions.yml)."""
        self._ensure_loaded()
        return self._vocabulary.detect(text)

    def condition_label(self, conditions: dict) -> str:
        self._ensure_loaded()
        return self._vocabulary.label(conditions)

    def answer(self, key: str, aspect: str, today: dt.date | None = None, conditions: dict | None = None) -> Answer:
        """A short Vietnamese chat answer about one aspect of a procedure, for the facts in force `today`.
        With `conditions` (from detect_conditions) the fee answer is the one for that citizen."""
        self._ensure_loaded()
        name = _ASPECT_ALIASES.get((aspect or "").removeprefix("ask_"))
        if name is None:
            raise ValueError(f"unknown aspect {aspect!r}; expected one of {', '.join(ASPECTS + EXTRA_ASPECTS)}")
        day = today or tz.today()
        if conditions:
            name = "fee"  # a condition changes what a citizen pays; the other aspects do not depend on it
        cache_key = (key, name, day, json.dumps(conditions or {}, sort_keys=True, ensure_ascii=False))
        cached = self._answers.get(cache_key)
        if cached is not None:  # the same data and day give the same answer: skip 10 queries
            return replace(cached, sources=list(cached.sources), messages=list(cached.messages))
        with Session(self.engine, future=True) as session:
            proc = session.execute(
                select(m.Procedure).where(m.Procedure.key == key).options(
                    selectinload(m.Procedure.agencies), selectinload(m.Procedure.documents),
                    selectinload(m.Procedure.forms), selectinload(m.Procedure.fees),
                    selectinload(m.Procedure.processing_times), selectinload(m.Procedure.channels),
                    selectinload(m.Procedure.online), selectinload(m.Procedure.notices),
                    selectinload(m.Procedure.benefits), selectinload(m.Procedure.deadlines),
                    selectinload(m.Procedure.eligibility), selectinload(m.Procedure.not_required))
            ).scalar_one_or_none()
            if proc is None:
                return Answer(self._renderer.t("no_procedure", link=PORTAL_HOME), False, [], PORTAL_HOME)
            method = getattr(self._renderer, _RENDER_METHOD.get(name, name))
            answer = method(proc, day, conditions) if conditions else method(proc, day)
        if len(self._answers) > 2000:
            self._answers = {}
        self._answers[cache_key] = replace(answer, sources=list(answer.sources), messages=list(answer.messages))
        return answer

    def procedure_data(self, key: str) -> dict | None:
        """Everything stored about one procedure, as plain data (used by `kb export`)."""
        from .export import procedure_dict

        with Session(self.engine, future=True) as session:
            proc = session.execute(select(m.Procedure).where(m.Procedure.key == key)).scalar_one_or_none()
            return procedure_dict(proc) if proc is not None else None

    # ------------------------------------------------------------------ places
    def communes(self) -> list[Commune]:
        self._ensure_loaded()
        return list(self._communes)

    def commune(self, key: str) -> Commune | None:
        self._ensure_loaded()
        return next((c for c in self._communes if c.key == key), None)

    def find_place(self, text: str) -> PlaceMatch | None:
        """The commune or old district named in `text` (with offsets), or None."""
        self._ensure_loaded()
        if not text or not isinstance(text, str):
            return None
        return self._place_index.find(text[:2000])

    def resolve_commune(self, text: str) -> Commune | None:
        """The commune named in `text` by its new or former name; None when nothing or only an old
        district (several communes: offer `communes()`) is named."""
        match = self.find_place(text)
        if match is None or match.kind != "commune":
            return None
        return self.commune(match.commune_key)

    def office(self, commune_key: str) -> Office | None:
        """The one-stop desk fields of a commune as plain data (None in a field = not known)."""
        self._ensure_loaded()
        with Session(self.engine, future=True) as session:
            c = session.execute(select(m.Commune).where(m.Commune.key == commune_key)).scalar_one_or_none()
            if c is None:
                return None
            o = c.office
            return Office(c.key, c.name, o.name if o else None, o.address if o else None, o.phone if o else None,
                          o.hours if o else None, o.source.citation if o is not None and o.source else None,
                          o.verified_on if o else None)

    def office_answer(self, commune_key: str | None) -> Answer:
        self._ensure_loaded()
        r = self._renderer
        communes = self._communes
        if commune_key is None or self.commune(commune_key) is None:
            names = ", ".join(c.name for c in communes)
            return Answer(r.t("office_no_commune", list=names), False, [], PORTAL_HOME)
        with Session(self.engine, future=True) as session:
            c = session.execute(select(m.Commune).where(m.Commune.key == commune_key)
                                .options(selectinload(m.Commune.former_units))).scalar_one()
            office = c.office
            lines = [r.t("office_header", commune=c.name)]
            known = False
            for fld in ("address", "phone", "hours"):
                value = getattr(office, fld) if office is not None else None
                known = known or value is not None
                lines.append(r.t(f"office_{fld}", value=value or r.t("office_unknown_field")))
            if not (office and office.address and office.phone and office.hours):
                lines.append(r.t("office_unknown_hint"))
            if c.former_units:
                lines.append(r.t("office_former", list=", ".join(f.name for f in c.former_units)))
            if c.status != m.KNOWN:
                lines.append(r.t("office_unverified"))
            sources = []
            if office is not None and office.source is not None and known:
                sources.append(office.source.citation)
            if c.source is not None and c.source.citation not in sources:
                sources.append(c.source.citation)
            if sources:
                lines.append(r.t("source_line", sources="; ".join(sources)))
            lines.append(r.t("more_line", link=PORTAL_HOME))
            return Answer("\n".join(lines), known, sources, PORTAL_HOME)

    # ------------------------------------------------------------------ online guide
    def online_steps(self, today: dt.date | None = None) -> list[str]:
        """The steps of the online guide in force `today`; an unverified step carries its mark."""
        self._ensure_loaded()
        day = today or tz.today()
        mark = self._renderer.t("unverified_mark")
        return [text + (mark if status == m.UNVERIFIED else "") for text, status, start, end in self._steps
                if (start is None or start <= day) and (end is None or day <= end)]

    def message(self, key: str, **values) -> str:
        """A template from messages.yml, filled in (for other modules that want the same wording)."""
        self._ensure_loaded()
        return self._renderer.t(key, **values)
