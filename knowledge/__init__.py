"""dvcbot knowledge base: procedures, fees, places and the online guide, from YAML in knowledge/data/.

Public API (the rest of the team codes against these names):

    from knowledge import KnowledgeBase, Answer, Commune
    from knowledge.search import find_procedure_in_text, search_procedures
"""

from __future__ import annotations

from .places import Commune, Office, PlaceMatch
from .render import Answer
from .validate import KnowledgeError

__all__ = ["KnowledgeBase", "Answer", "Commune", "Office", "PlaceMatch", "KnowledgeError"]


def __getattr__(name: str):
    # KnowledgeBase pulls in SQLAlchemy; import it only when asked for
    if name == "KnowledgeBase":
        from .base import KnowledgeBase

        return KnowledgeBase
    raise AttributeError(name)
