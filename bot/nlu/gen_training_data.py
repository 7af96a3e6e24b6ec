"""Generate nlu_data/train/nlu/*.yml from hand-written templates (deterministic).

The templates, procedure mentions, communes and roughening rules are data in
nlu_data/generation/ (templates.yml, mentions.yml, roughening.yml); this module only
realises them.

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

import yaml

from bot.core.text import fold, strip_diacritics

REPO = Path(__file__).resolve().parents[2]
OUT_DIR = REPO / "nlu_data" / "train" / "nlu"
TEST_DIR = REPO / "nlu_data" / "test"
DEV_DIR = REPO / "nlu_data" / "dev"
SEED = 20250701

GENERATION_DIR = REPO / "nlu_data" / "generation"


def _load(name: str) -> dict:
    with open(GENERATION_DIR / name, encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


# Data, not code: nlu_data/generation/*.yml
_MENTIONS_DATA = _load("mentions.yml")
_TEMPLATES_DATA = _load("templates.yml")
_ROUGHENING_DATA = _load("roughening.yml")

# Everyday ways of naming each procedure in a sentence. [..] marks the entity span, which
# must be a name of that procedure in the knowledge base (its aliases are the single source
# of procedure names); every alias of the knowledge base is a mention too.
FRAMINGS: dict[str, list[str]] = _MENTIONS_DATA["mentions"]
COMMUNES: list[str] = _MENTIONS_DATA["communes"]
AGENCY_CODES: list[str] = _MENTIONS_DATA["agency_codes"]
# Templates per intent. "{p}" procedure, "{c}" dossier code, "{x}" commune.
T: dict[str, list[str]] = _TEMPLATES_DATA["templates"]
RAMBLING: dict[str, list[str]] = _TEMPLATES_DATA["rambling"]
REALIZATIONS: dict[str, int] = _TEMPLATES_DATA["realizations"]
FILES: dict[str, list[str]] = _TEMPLATES_DATA["files"]
MENTIONS: dict[str, list[str]] = {}  # filled by build(): mentions()
# How citizens roughen their text.
ABBREVIATIONS: list[tuple[str, list[str]]] = [
    (item["word"], list(item["forms"])) for item in _ROUGHENING_DATA["abbreviations"]
]
PREFIXES: list[str] = _ROUGHENING_DATA["prefixes"]
SUFFIXES: list[str] = _ROUGHENING_DATA["suffixes"]
# intents whose short texts should not get politeness affixes
NO_AFFIX = set(_ROUGHENING_DATA["no_affix"])
VERBS = set(_ROUGHENING_DATA["verbs"])


def kb_names() -> dict[str, list[str]]:
    """Procedure key -> its names in the knowledge base (name and aliases, as written)."""
    from knowledge.search import alias_index

    index = alias_index()
    return {key: [alias.text for alias in aliases] for key, aliases in index.aliases_of.items()}


def name_key(text: str) -> str:
    from knowledge.search import _canon_tokens
    from bot.core.text import tokens_with_spans

    return " ".join(token for token, _, _ in _canon_tokens(tokens_with_spans(text)))


def mentions() -> dict[str, list[str]]:
    """The framings whose span is a knowledge base name, then every other alias bare.

    Only the procedures of mentions.yml (the shared contract) are generated; an alias
    already framed is not repeated."""
    names = kb_names()
    out: dict[str, list[str]] = {}
    for key, framings in FRAMINGS.items():
        known = {name_key(n): n for n in names.get(key, [])[1:]}  # [0] is the official name
        kept = [m for m in framings if name_key(parse_mention(m)[1]) in known
                or name_key(parse_mention(m)[1]) in {name_key(n) for n in names.get(key, [])}]
        framed = {name_key(parse_mention(m)[1]) for m in kept}
        out[key] = kept + [n for k, n in known.items() if k not in framed]
    return out


def unknown_mention_spans() -> dict[str, list[str]]:
    """Framing spans that are not a name of their procedure in the knowledge base."""
    names = kb_names()
    out: dict[str, list[str]] = {}
    for key, framings in FRAMINGS.items():
        known = {name_key(n) for n in names.get(key, [])}
        bad = [parse_mention(m)[1] for m in framings if name_key(parse_mention(m)[1]) not in known]
        if bad:
            out[key] = bad
    return out


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


def held_out_texts(test_dir: Path = TEST_DIR, dev_dir: Path = DEV_DIR) -> set[str]:
    """Folded messages of the held-out test split (and the dev split of the understanding
    measures): never generated for training."""
    texts = set()
    for path in sorted(test_dir.glob("*.yml")):
        for raw in path.read_text(encoding="utf-8").splitlines():
            if raw.startswith("    - "):
                texts.add(_plain(raw[6:]))
    for path in sorted(test_dir.glob("understanding*.yml")) + sorted(dev_dir.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        texts.update(fold(str(m.get("text", ""))) for m in data.get("messages") or [])
        for conversation in data.get("conversations") or []:
            texts.update(fold(str(conversation.get(k, ""))) for k in ("first", "then"))
    return texts


def build(rng: random.Random) -> dict[str, list[str]]:
    held_out = held_out_texts()
    MENTIONS.clear()
    MENTIONS.update(mentions())
    procedures = list(MENTIONS)
    per_template = REALIZATIONS
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


HEADER = (
    "# GENERATED by `python -m bot.nlu.gen_training_data` from nlu_data/generation/*.yml:\n"
    "# edit those (or add hand-written examples to handwritten.yml), then re-run.\n"
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
