"""Rasa component: turn the `procedure` entity into a canonical procedure key.

Place it in config.yml after DIETClassifier and EntitySynonymMapper:
``- name: bot.nlu.procedure_resolver.ProcedureResolver``.

For every message:
1. Each `procedure` entity found by DIET (value possibly already mapped by the
   EntitySynonymMapper) is resolved diacritic-insensitively, in this order:
   a canonical key written in any way ("khai sinh", "KHAI_SINH" -> khai_sinh);
   the folded training annotations (learned at training time: every annotated
   span, folded, -> its key, so "so do" resolves because "sổ đỏ" was annotated);
   the knowledge base alias search ``knowledge.search.find_procedure_in_text``
   on the entity text. An entity that resolves to nothing is dropped.
2. The whole message is then recognised (bot/nlu/understanding.py: knowledge base
   aliases with inserted words allowed, life events and situations from
   nlu_data/understanding/situations.yml, the catalogue when present), the resolved
   entities counting as one more candidate. The message keeps one `procedure` entity,
   the confident curated one, or none: a guess below the confidence threshold, or a
   procedure outside the curated ones, leaves no entity (the dialogue then asks, with
   the guesses as buttons, instead of reusing an earlier procedure).
3. The aspects asked, in order, go to the parse output as ``aspects``, the guesses as
   ``procedure_candidates``; several asks, a long message, or a question DIET took for
   small talk get the intent of the first aspect asked.

Resolved entities have ``value`` = canonical key and keep their ``start``/``end``
into the text as written, so the dialogue's ``procedure`` slot gets the key.
Never raises: a knowledge base that cannot be searched leaves DIET's result.
"""

from __future__ import annotations

import logging
from typing import Any, Callable, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
import rasa.shared.utils.io

from bot.nlu import understanding
from bot.core.dossier_code import DOSSIER_CODE_RE
from bot.core.text import fold

logger = logging.getLogger(__name__)

ENTITY = "procedure"
# The shared contract (team brief). The knowledge base may add more keys; those are
# accepted too when knowledge.search knows them.
CANONICAL_PROCEDURES = (
    "khai_sinh", "khai_tu", "ket_hon", "xac_nhan_hon_nhan", "trich_luc_ho_tich",
    "chung_thuc_ban_sao", "chung_thuc_chu_ky", "thuong_tru", "tam_tru", "can_cuoc",
    "ho_chieu", "ho_kinh_doanh", "giay_phep_xay_dung", "dat_dai_lan_dau",
    "ly_lich_tu_phap", "tro_cap_xa_hoi", "bhyt_tre_em",
)

Searcher = Callable[[str], Any]
ASPECTS = "aspects"
CANDIDATES = "procedure_candidates"
# a span the CRF learned, resolved to a key, is a guess of its own (a name the knowledge base
# knows is also found, and scored, as an alias): just above the confidence threshold
ENTITY_SCORE = 0.72
SMALL_TALK = {"greet", "thank", "goodbye", "affirm", "deny", "bot_challenge", "out_of_scope",
              "nlu_fallback"}
KEEP_INTENTS = {"check_dossier_status", "subscribe_dossier", "unsubscribe_dossier",
                "request_human", "feedback", "ask_office", "next_step"}


def _key_form(text: str) -> str:
    return "_".join(fold(text).replace("_", " ").split())


def load_kb_search() -> Optional[Searcher]:
    """``knowledge.search.find_procedure_in_text`` or None when unavailable."""
    try:
        from knowledge.search import find_procedure_in_text
    except Exception as error:  # noqa: BLE001 - any import problem: degrade, log once
        logger.warning("knowledge.search.find_procedure_in_text unavailable (%s); "
                       "procedures come from DIET entities only", error)
        return None
    return find_procedure_in_text


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=True
)
class ProcedureResolver(GraphComponent, EntityExtractorMixin):
    """Resolves `procedure` entities to canonical keys; finds one in text if missing."""

    FILENAME = "procedure_resolver.json"

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            # also search the whole message in the knowledge base aliases
            "use_knowledge_base": True,
            # minimum score of a knowledge base match (its own scale, 0..1)
            "min_kb_score": 0.0,
        }

    def __init__(
        self,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        learned: Optional[Dict[str, str]] = None,
        search: Optional[Searcher] = None,
    ) -> None:
        self._config = {**self.get_default_config(), **(config or {})}
        self._model_storage = model_storage
        self._resource = resource
        self.learned: Dict[str, str] = dict(learned or {})
        self._search = search
        self._search_loaded = search is not None
        self._catalog = None
        self._catalog_loaded = False

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "ProcedureResolver":
        return cls(config, model_storage, resource)

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "ProcedureResolver":
        learned: Dict[str, str] = {}
        try:
            with model_storage.read_from(resource) as directory:
                path = directory / cls.FILENAME
                if path.is_file():
                    learned = rasa.shared.utils.io.read_json_file(path)
        except ValueError:
            logger.debug("ProcedureResolver: nothing stored for %s", resource.name)
        return cls(config, model_storage, resource, learned)

    # ------------------------------------------------------------------ train
    def train(self, training_data: TrainingData) -> Resource:
        """Learn folded annotated spans -> canonical key (only canonical-looking values)."""
        counts: Dict[str, Dict[str, int]] = {}
        for example in training_data.entity_examples:
            text = example.get(TEXT) or ""
            for entity in example.get(ENTITIES, []):
                if entity.get("entity") != ENTITY:
                    continue
                value = _key_form(str(entity.get("value", "")))
                span = fold(text[entity["start"]:entity["end"]])
                if span and value:
                    counts.setdefault(span, {}).setdefault(value, 0)
                    counts[span][value] += 1
        for synonym, value in training_data.entity_synonyms.items():
            counts.setdefault(fold(synonym), {}).setdefault(_key_form(value), 0)
            counts[fold(synonym)][_key_form(value)] += 1
        # an ambiguous span (annotated with several keys) keeps its majority key
        self.learned = {span: max(values, key=values.get) for span, values in counts.items()}
        with self._model_storage.write_to(self._resource) as directory:
            rasa.shared.utils.io.dump_obj_as_json_to_file(
                directory / self.FILENAME, self.learned
            )
        return self._resource

    # ---------------------------------------------------------------- process
    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            try:
                self._process_one(message)
            except Exception:  # noqa: BLE001 - never break a conversation
                logger.exception("ProcedureResolver failed on a message; left as is")
        return messages

    def resolve_value(self, value: str) -> Optional[str]:
        """Canonical key for an entity value/text, or None."""
        key = _key_form(value)
        if key in CANONICAL_PROCEDURES or key in self.learned.values():
            return key
        folded = fold(value)
        if folded in self.learned:
            return self.learned[folded]
        match = self._kb_match(value)
        return match.key if match is not None else None

    def _process_one(self, message: Message) -> None:
        text = message.get(TEXT)
        if not isinstance(text, str):
            return
        entities: List[Dict[str, Any]] = list(message.get(ENTITIES, []) or [])
        kept: List[Dict[str, Any]] = []
        for entity in entities:
            if entity.get("entity") != ENTITY:
                kept.append(entity)
                continue
            raw = str(entity.get("value") or "")
            key = self.resolve_value(raw)
            if key is None and "start" in entity and "end" in entity:
                key = self.resolve_value(text[entity["start"]:entity["end"]])
            if key is None:
                logger.debug("dropping unresolvable procedure entity")
                continue
            if key != raw:
                entity = dict(entity, value=key)
                self.add_processor_name(entity)
            kept.append(entity)

        if self._config["use_knowledge_base"]:
            try:
                kept = self._recognize_whole_message(message, text, kept)
            except Exception:  # noqa: BLE001 - broken situation data: keep the CRF's result
                logger.exception("whole-message recognition failed; CRF entities kept")
        # one entity per key (DIET may split a long name in two)
        seen = set()
        deduplicated = []
        for entity in kept:
            if entity.get("entity") == ENTITY:
                if entity.get("value") in seen:
                    continue
                seen.add(entity.get("value"))
            deduplicated.append(entity)
        message.set(ENTITIES, deduplicated, add_to_output=True)

    def _recognize_whole_message(self, message: Message, text: str,
                                 kept: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        """The whole-message recognition decides the procedure (bot/nlu/understanding.py):
        the CRF entities are one more candidate; the entity is kept only for a confident
        curated procedure; a confident procedure outside the curated ones removes it."""
        if not self._catalog_loaded:
            self._catalog = understanding.load_catalog_search()
            self._catalog_loaded = True
        extra = [
            understanding.Candidate(str(e["value"]), ENTITY_SCORE, "entity",
                                    int(e.get("start", -1)), int(e.get("end", -1)))
            for e in kept if e.get("entity") == ENTITY
        ]
        recognition = understanding.recognize(text, extra, self._catalog)
        aspects = understanding.detect_aspects(text)
        message.set(ASPECTS, aspects, add_to_output=True)
        message.set(CANDIDATES, [
            {"key": c.key, "score": c.score, "source": c.source, "curated": c.curated}
            for c in recognition.guesses()
        ], add_to_output=True)
        others = [e for e in kept if e.get("entity") != ENTITY]
        best = recognition.confident
        result = others
        if best is not None and best.curated:
            same = [e for e in kept if e.get("entity") == ENTITY and e.get("value") == best.key]
            result = others + (same[:1] or [{
                "entity": ENTITY, "start": best.start, "end": best.end, "value": best.key,
                "confidence_entity": best.score, "extractor": self.__class__.__name__,
            }])
        # a procedure outside the curated ones is still a procedure the message is about
        self._set_intent_from_aspects(message, text, aspects, result, best is not None)
        return result

    @staticmethod
    def _set_intent_from_aspects(message: Message, text: str, aspects: List[str],
                                 entities: List[Dict[str, Any]], described: bool = False) -> None:
        """A question whose aspects were found: the intent is the first aspect asked (several
        asks, a long message never classified by its greeting or story, a question DIET took
        for small talk or for another aspect)."""
        intent = message.get(INTENT) or {}
        name = intent.get("name")
        named = any(e.get("entity") == ENTITY for e in entities)
        has_procedure = named or described
        if not aspects:
            if len(text) >= understanding.LONG_MESSAGE and name in SMALL_TALK and has_procedure:
                # a long message about a procedure is not its greeting: the procedure overview
                aspects = ["procedure"]
                message.set(ASPECTS, aspects, add_to_output=True)
            else:
                return
        wanted = understanding.aspect_intent(aspects[0])
        # the aspects come from the question itself (cue phrases in order, the precise ones
        # before "có được ... không" / "làm sao"): they decide the intent of a question
        precise = aspects[0] not in understanding.generic_aspects()
        override = name in understanding.ASPECT_INTENTS or (
            name in SMALL_TALK and (precise or has_procedure))  # "cho hỏi chút được không?"
        if name in KEEP_INTENTS:
            # "hồ sơ ... tới đâu rồi" stays a dossier question; a named procedure and an
            # aspect asked ("má tui 81 tuổi ... đăng ký ở đâu") make it a procedure question
            override = named and not DOSSIER_CODE_RE.search(text)
        if not override or name == wanted:
            return
        ranking = list(message.get(INTENT_RANKING_KEY) or [])
        top = max((float(r.get("confidence") or 0.0) for r in ranking), default=0.0)
        confidence = max(0.9, top)
        rest = [dict(r, confidence=float(r.get("confidence") or 0.0) / 2)
                for r in ranking if r.get("name") != wanted]
        message.set(INTENT, {"name": wanted, "confidence": confidence}, add_to_output=True)
        message.set(INTENT_RANKING_KEY, [{"name": wanted, "confidence": confidence}] + rest,
                    add_to_output=True)

    def _entity_from_match(self, match: Any) -> Dict[str, Any]:
        entity = {
            "entity": ENTITY,
            "start": int(match.start),
            "end": int(match.end),
            "value": match.key,
            "confidence_entity": float(getattr(match, "score", 1.0) or 1.0),
            "extractor": self.__class__.__name__,
        }
        return entity

    def _kb_match(self, text: str) -> Any:
        if not self._search_loaded:
            self._search = load_kb_search()
            self._search_loaded = True
        if self._search is None or not text or not text.strip():
            return None
        try:
            match = self._search(text)
        except Exception:  # noqa: BLE001 - a broken KB must not break NLU
            logger.exception("knowledge base procedure search failed")
            return None
        if match is None:
            return None
        if float(getattr(match, "score", 1.0) or 0.0) < float(self._config["min_kb_score"]):
            return None
        return match
