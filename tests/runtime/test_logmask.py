"""Personal numbers never reach a log, whoever writes the line (M13): Rasa's parser warning,
its structlog events and tracebacks go through the masking once bot.core.masking is installed.

Each check runs in a fresh Python process (logging and warnings are process-wide), the way
the Rasa server starts: Rasa configures its logging, then loads dvcbot's channels."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

SCRIPT = r'''
import logging, sys
from rasa.utils.log_utils import configure_structlog
import rasa.shared.utils.io
logging.basicConfig(level=logging.DEBUG, stream=sys.stderr, format="%(asctime)s %(name)s %(message)s")
configure_structlog(logging.DEBUG)
import bot.channels  # what `rasa run` does when it loads a dvcbot channel
from rasa.shared.core.training_data.story_reader.yaml_story_reader import YAMLStoryReader
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.core.domain import Domain
domain = Domain.from_dict({"intents": ["greet"]})
for text in ["/anything 0912345678 cccd 079201001234", '/greet{"phone":"0987654321"', "/x@@ 0911222333"]:
    YAMLStoryReader.unpack_regex_message(Message({"text": text}), domain)
rasa.shared.utils.io.raise_warning("Failed to parse arguments in line '/ask 0944555666'")
try:
    raise RuntimeError("action failed on 'so cua toi 0955666777'")
except RuntimeError:
    logging.getLogger("rasa.core.processor").exception("Encountered an exception: %s", "cmnd 201234567")
print("logged at 2026-12-01 12:35:09", file=sys.stderr)
'''


def test_rasa_warnings_structlog_and_tracebacks_show_no_personal_number():
    done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=REPO, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    output = done.stdout + done.stderr
    assert "Failed to parse" in output or "message.parsing.failed" in output  # Rasa did warn
    assert "Encountered an exception" in output and "RuntimeError" in output
    for number in ("0912345678", "079201001234", "0987654321", "0911222333", "0944555666",
                   "0955666777", "201234567"):
        assert number not in output, number
    assert "2026-12-01 12:35:09" in output   # dates and times stay readable
