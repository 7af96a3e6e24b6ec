"""What the load generator says: realistic Vietnamese conversations for dvcbot, and the starter
bot's own examples for the reference.

dvcbot's mix (all deterministic for a seed):
  - scripted multi-turn conversations that run custom actions and knowledge-base look-ups
    (papers, then the fee by carry-over, time, place, online steps, one-stop desk of a
    commune) and dossier look-ups against the portal simulator (demo codes);
  - single questions from the held-out NLU test split (nlu_data/test), or the training data
    when the test split is empty;
  - each message sent as written or with its diacritics removed (half of them), as citizens
    on cheap phones type.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.core.text import strip_diacritics
from bot.paths import REPO_ROOT

ANNOTATION = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})")


@dataclass(frozen=True)
class Conversation:
    kind: str              # scripted | single | reference
    messages: tuple[str, ...]


def strip_annotations(text: str) -> str:
    return ANNOTATION.sub(lambda m: m.group(1), text)


def load_examples(paths: list[Path]) -> list[tuple[str, str]]:
    """(intent, plain text) of every example in Rasa NLU YAML files under paths."""
    out: list[tuple[str, str]] = []
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix in {".yml", ".yaml"}))
        elif path.exists():
            files.append(path)
    for file in files:
        try:
            doc = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError):
            continue
        for block in doc.get("nlu") or []:
            if not isinstance(block, dict) or "intent" not in block:
                continue
            for line in str(block.get("examples") or "").splitlines():
                line = line.strip()
                if line.startswith("- "):
                    text = strip_annotations(line[2:].strip())
                    if text:
                        out.append((str(block["intent"]), text))
    return out


# Multi-turn conversations the way citizens write them. Dossier codes are the simulator's
# demo codes (actions/portal/simulator.py), followed by the last 4 phone digits the assistant
# asks for (the simulator's phone of ...-00NN ends in 00NN), so the look-ups find a dossier.
SCRIPTED: tuple[tuple[str, ...], ...] = (
    ("chào bạn", "đăng ký kết hôn cần giấy tờ gì", "còn lệ phí thì sao?", "bao lâu thì có", "cảm ơn"),
    ("lam giay khai sinh can gi", "le phi bn", "nop o dau", "cam on nhen"),
    ("đổi cccd bn tiền", "làm online được không", "có", "tiếp", "tiếp"),
    ("tra cứu hồ sơ 000.00.99.H99-250701-0001", "0001", "cảm ơn"),
    ("ho so 000.00.99.H99-250701-0002 sao roi", "so cuoi 0002", "can bo sung gi", "ok cam on"),
    ("kiểm tra hồ sơ 38.99.H99-250702-0012", "0012", "tạm biệt"),
    ("xin chào", "làm giấy chứng tử cần gì", "mất bao lâu", "nộp ở đâu"),
    ("nhập hộ khẩu cho con cần giấy tờ gì", "lệ phí bao nhiêu", "có mẫu tờ khai không"),
    ("lệ phí bao nhiêu vậy", "khai sinh", "cảm ơn"),
    ("bộ phận một cửa xã Thạnh Phú làm việc mấy giờ", "địa chỉ ở đâu"),
    ("lam ly lich tu phap o dau", "bao lau co", "phi bn"),
    ("chứng thực bản sao giấy tờ cần gì", "bao nhiêu tiền 1 trang", "cảm ơn nhiều"),
    ("bạn là người hay máy", "cho tôi gặp cán bộ", "không cần"),
    ("asdkjh qwe", "thoi tiet hom nay the nao", "dang ky tam tru can gi"),
    ("so do lan dau can giay to gi", "mat bao lau", "nop online duoc ko"),
)

FALLBACK_SINGLES: tuple[str, ...] = (
    "làm căn cước cho con cần gì", "dk ket hon o dau", "hộ chiếu làm mấy ngày có",
    "phí làm sổ đỏ bao nhiêu", "bhyt cho tre em lam sao", "xin giấy phép xây dựng nhà ở",
    "trợ cấp xã hội cho người già", "dang ky ho kinh doanh can gi", "tra cuu ho so",
    "giấy xác nhận độc thân", "trích lục khai sinh bản sao", "mẫu tờ khai đăng ký khai sinh",
)


def dvcbot_conversations(seed: int = 7, test_dir: Path | None = None,
                         singles_per_round: int = 20) -> list[Conversation]:
    """One round of the mix: every scripted conversation and a sample of single questions,
    shuffled, each message as written or folded (no diacritics) by the seed."""
    rng = random.Random(seed)
    test_dir = test_dir or REPO_ROOT / "nlu_data" / "test"
    examples = [t for _, t in load_examples([test_dir])]
    if not examples:
        examples = [t for _, t in load_examples([REPO_ROOT / "nlu_data" / "train" / "nlu"])]
    examples = examples or list(FALLBACK_SINGLES)
    conversations = [Conversation("scripted", s) for s in SCRIPTED]
    for _ in range(singles_per_round):
        count = rng.choice((1, 1, 2, 3))
        conversations.append(Conversation("single", tuple(rng.choice(examples) for _ in range(count))))
    rng.shuffle(conversations)
    return [Conversation(c.kind, tuple(strip_diacritics(m) if rng.random() < 0.5 else m for m in c.messages))
            for c in conversations]


def parse_messages(seed: int = 7, test_dir: Path | None = None, count: int = 200) -> list[str]:
    """Messages for NLU-only timing (POST /model/parse): the test split, half folded."""
    rng = random.Random(seed)
    test_dir = test_dir or REPO_ROOT / "nlu_data" / "test"
    examples = [t for _, t in load_examples([test_dir])] or \
        [t for _, t in load_examples([REPO_ROOT / "nlu_data" / "train" / "nlu"])] or list(FALLBACK_SINGLES)
    return [strip_diacritics(t) if rng.random() < 0.5 else t for t in (rng.choice(examples) for _ in range(count))]


def reference_conversations(project: Path, seed: int = 7) -> list[Conversation]:
    """The starter bot's stories (data/stories.yml), each intent said with one of its own
    examples (data/nlu.yml)."""
    rng = random.Random(seed)
    examples: dict[str, list[str]] = {}
    for intent, text in load_examples([project / "data" / "nlu.yml"]):
        examples.setdefault(intent, []).append(text)
    stories = yaml.safe_load((project / "data" / "stories.yml").read_text(encoding="utf-8")) or {}
    conversations: list[Conversation] = []
    for _ in range(3):
        for story in stories.get("stories") or []:
            intents = [s["intent"] for s in story.get("steps") or [] if isinstance(s, dict) and "intent" in s]
            messages = tuple(rng.choice(examples[i]) for i in intents if examples.get(i))
            if messages:
                conversations.append(Conversation("reference", messages))
    # the starter's rules (bot challenge, goodbye) as single messages
    for intent in ("bot_challenge", "goodbye"):
        for text in examples.get(intent, [])[:3]:
            conversations.append(Conversation("reference", (text,)))
    rng.shuffle(conversations)
    return conversations


def reference_parse_messages(project: Path, seed: int = 7, count: int = 200) -> list[str]:
    rng = random.Random(seed)
    texts = [t for _, t in load_examples([project / "data" / "nlu.yml"])]
    return [rng.choice(texts) for _ in range(count)]
