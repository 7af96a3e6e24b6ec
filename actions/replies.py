"""What the dialogue's actions say, from replies.yml (checked by bot.core.texts when loaded).

`say(dispatcher, "offer_human")` sends a reply; a reply `<name>` with a list `<name>_buttons`
in the file is sent with those buttons. The replies that a rule in nlu_data/train/ uses stay in
domain.yml (responses:), where Rasa's validator sees them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

from rasa_sdk.executor import CollectingDispatcher

from bot.core.texts import Buttons, TextFile

REPLIES = TextFile(Path(__file__).with_name("replies.yml"), {
    "greet": set(), "deny": set(), "affirm_nothing_pending": set(), "rephrase": set(),
    "offer_human": set(), "offer_human_buttons": Buttons("title", "payload"),
    "ask_which_procedure": set(), "ask_which_procedure_guess": set(),
    "procedure_not_curated": {"procedure_name"}, "offer_online_steps": set(),
    "next_step_hint": set(), "online_steps_done": set(), "ask_which_commune": set(),
    "ask_dossier_code": set(), "busy": set(),
})


def reply(name: str, **values: Any) -> str:
    return REPLIES.text(name, **values)


def say(dispatcher: CollectingDispatcher, name: str, buttons: Optional[list[dict]] = None,
        **values: Any) -> None:
    """Send the reply `name` (with its own buttons from the file, or `buttons`)."""
    if buttons is None and f"{name}_buttons" in REPLIES.declared:
        buttons = REPLIES.value(f"{name}_buttons")
    dispatcher.utter_message(text=reply(name, **values), buttons=buttons or [])
