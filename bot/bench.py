"""`dvcbot bench <name>`: measured benchmarks.

    dvcbot bench nlu             # train on nlu_data/train, score nlu_data/test
    dvcbot bench nlu --errors 20 # also list misunderstood test messages
    dvcbot bench all             # every benchmark

Each benchmark is a function ``(argv) -> int`` registered in BENCHMARKS, either the
function itself or "module:function" (imported only when that benchmark runs); add
one with one line there.

    dvcbot bench load            # messages/s and latency at 1, 20, 100 conversations, against
                                 # Rasa's starter bot; 1 -> 2 replicas (bot/ops/bench/load.py)
    dvcbot bench fuzz            # thousands of hostile messages over REST (bot/ops/bench/fuzz.py)
    dvcbot bench catalog         # national catalogue search on held-out phrasings: top-1/top-3, latency
    dvcbot bench receipt         # dossier codes read from generated receipt photos
                                 # (bot/ops/bench/receipt.py)
    dvcbot bench webhooks        # p95 time-to-200 of the Telegram and Zalo webhooks
                                 # (bot/ops/bench/webhooks.py)

`nlu`: trains an NLU-only model from config.yml on nlu_data/train/nlu into a
temporary directory (never models/; Rasa's cache also goes to a temporary
directory, so the training time is a cold one), then evaluates the held-out
nlu_data/test split twice: as written and with every diacritic stripped. It prints
intent accuracy, intent macro-F1 and procedure accuracy (the resolved canonical key,
"none" when the example annotates none) for both, the fallback rate, the training
time and the parsing speed. ``--check`` exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional, Union

from bot.core.text import fold, strip_diacritics

REPO = Path(__file__).resolve().parents[1]

# Targets of issue 2: (as written, without diacritics)
TARGETS = {
    "intent_accuracy": (0.95, 0.92),
    "procedure_accuracy": (0.95, 0.92),
}
# Targets of issue 14 on nlu_data/test/understanding.yml (as written, no diacritics)
UNDERSTANDING_TARGETS = {
    "intent_accuracy": (0.97, 0.97),
    "procedure_accuracy": (0.97, 0.95),
    "aspect_recall": (0.95, 0.95),
    "aspect_precision": (0.90, 0.90),
    "long_procedure_accuracy": (0.95, 0.95),
    "situation_procedure_accuracy": (0.95, 0.95),
}
UNDERSTANDING_FILE = "understanding.yml"
MAX_SILENT_WRONG = 0.01
MAX_CLARIFY = 0.15


@dataclass
class Example:
    text: str
    intent: str
    procedure: str  # canonical key or "none"


@dataclass
class Scores:
    n: int = 0
    intent_accuracy: float = 0.0
    intent_macro_f1: float = 0.0
    procedure_accuracy: float = 0.0
    confident_intent_accuracy: float = 0.0  # right AND above the fallback threshold
    fallback_rate: float = 0.0
    errors: List[Dict[str, str]] = field(default_factory=list)


def load_nlu(path: Path):
    """Rasa NLU data from a file or a folder, leaving out the other Rasa files there (the test
    stories in nlu_data/test/), as `rasa test nlu --nlu nlu_data/test` does."""
    from rasa.shared.data import get_data_files, is_nlu_file
    from rasa.shared.nlu.training_data.loading import load_data
    from rasa.shared.nlu.training_data.training_data import TrainingData

    files = sorted(get_data_files([str(path)], is_nlu_file))
    if not files:
        return TrainingData()
    return TrainingData().merge(*[load_data(f) for f in files])


def load_examples(path: Path) -> List[Example]:
    """Test examples from Rasa NLU YAML files (a file or a directory)."""
    data = load_nlu(path)
    examples = []
    for message in data.intent_examples:
        procedures = [
            str(e.get("value")) for e in message.get("entities") or []
            if e.get("entity") == "procedure"
        ]
        examples.append(Example(message.get("text"), message.get("intent"),
                                procedures[0] if procedures else "none"))
    return examples


def training_texts(path: Path) -> set:
    return {fold(m.get("text")) for m in load_nlu(path).intent_examples}


def train_nlu_model(config: Path, train_dir: Path, out_dir: Path) -> tuple[Path, float]:
    from rasa.model_training import train_nlu

    started = time.perf_counter()
    model = train_nlu(str(config), str(train_dir), str(out_dir), fixed_model_name="bench-nlu")
    elapsed = time.perf_counter() - started
    if not model:
        raise RuntimeError("rasa train nlu produced no model")
    return Path(model), elapsed


def score(understander, examples: List[Example], strip: bool) -> Scores:
    from sklearn.metrics import f1_score

    gold_intents, predicted_intents = [], []
    right_procedures = confident_right = fallbacks = 0
    errors = []
    what = "without diacritics" if strip else "as written"
    for done, example in enumerate(examples):
        if done % 100 == 0:
            print(f"scoring {what}: {done}/{len(examples)} messages ({done * 100 // len(examples)}%)",
                  file=sys.stderr, flush=True)
        text = strip_diacritics(example.text) if strip else example.text
        result = understander.understand(text, details=True)
        intent = result["intent"] or "none"
        procedure = result["procedure"] or "none"
        gold_intents.append(example.intent)
        predicted_intents.append(intent)
        right_procedures += procedure == example.procedure
        fallbacks += bool(result.get("fallback"))
        confident_right += intent == example.intent and not result.get("fallback")
        if intent != example.intent or procedure != example.procedure:
            errors.append({
                "text": text, "gold": f"{example.intent}/{example.procedure}",
                "got": f"{intent}/{procedure} ({result['confidence']:.2f})",
            })
    n = len(examples)
    labels = sorted(set(gold_intents))
    return Scores(
        n=n,
        intent_accuracy=sum(g == p for g, p in zip(gold_intents, predicted_intents)) / n,
        intent_macro_f1=float(f1_score(gold_intents, predicted_intents, labels=labels,
                                       average="macro", zero_division=0)),
        procedure_accuracy=right_procedures / n,
        confident_intent_accuracy=confident_right / n,
        fallback_rate=fallbacks / n,
        errors=errors,
    )


def bench_nlu(argv: List[str]) -> int:
    parser = argparse.ArgumentParser(prog="dvcbot bench nlu", description=bench_nlu.__doc__)
    parser.add_argument("--config", type=Path, default=REPO / "config.yml")
    parser.add_argument("--train", type=Path, default=REPO / "nlu_data" / "train" / "nlu")
    parser.add_argument("--test", type=Path, default=REPO / "nlu_data" / "test")
    parser.add_argument("--model", type=Path,
                        help="score this model instead of training one (no training time)")
    parser.add_argument("--errors", type=int, default=0, metavar="N",
                        help="list up to N misunderstood test messages per variant")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--understanding", type=Path,
                        help="score this understanding file instead of <test>/understanding.yml "
                             "(e.g. nlu_data/dev/understanding.yml, for tuning)")
    args = parser.parse_args(argv)

    from bot.nlu.understand import Understander, _quiet_rasa

    _quiet_rasa()
    examples = load_examples(args.test)
    if not examples:
        print(f"no test examples in {args.test}", file=sys.stderr)
        return 2
    seen_in_training = training_texts(args.train)
    overlap = [e.text for e in examples if fold(e.text) in seen_in_training]
    if overlap:
        print(f"WARNING: {len(overlap)} test messages also occur in the training data "
              f"(e.g. {overlap[0]!r}); the figures are optimistic.")

    with tempfile.TemporaryDirectory(prefix="dvcbot-bench-") as tmp:
        os.environ["RASA_CACHE_DIRECTORY"] = str(Path(tmp) / "cache")
        training_seconds: Optional[float] = None
        if args.model:
            model = args.model
        else:
            print(f"training NLU model ({args.config.name}, {args.train}) ...", file=sys.stderr, flush=True)
            model, training_seconds = train_nlu_model(args.config, args.train, Path(tmp))
        print(f"loading {model} ...", file=sys.stderr, flush=True)
        started = time.perf_counter()
        understander = Understander(model)
        load_seconds = time.perf_counter() - started
        started = time.perf_counter()
        written = score(understander, examples, strip=False)
        parse_seconds = time.perf_counter() - started
        stripped = score(understander, examples, strip=True)
        understanding_report = bench_understanding(understander, args.understanding or args.test,
                                                   args.errors)
        understander.close()

    counts = Counter(e.intent for e in examples)
    procedures = Counter(e.procedure for e in examples)
    print()
    print(f"NLU benchmark: {len(examples)} held-out messages, {len(counts)} intents, "
          f"{len(procedures) - ('none' in procedures)} procedures (+ none: {procedures['none']})")
    print(f"{'':28}{'as written':>12}{'no diacritics':>15}{'target':>14}")
    rows = [
        ("intent accuracy", "intent_accuracy"),
        ("intent macro-F1", "intent_macro_f1"),
        ("procedure accuracy", "procedure_accuracy"),
        ("intent right & confident", "confident_intent_accuracy"),
        ("fallback rate", "fallback_rate"),
    ]
    missed = []
    for label, key in rows:
        target = TARGETS.get(key)
        target_text = f">= {target[0]:.2f}/{target[1]:.2f}" if target else ""
        a, b = getattr(written, key), getattr(stripped, key)
        print(f"{label:28}{a:>12.3f}{b:>15.3f}{target_text:>14}")
        if target and (a < target[0] or b < target[1]):
            missed.append(label)
    if training_seconds is not None:
        print(f"training time: {training_seconds:.0f} s (cold, NLU only)")
    print(f"model load: {load_seconds:.0f} s; parsing: "
          f"{len(examples) / parse_seconds:.0f} messages/s")
    for name, result in (("as written", written), ("no diacritics", stripped)):
        if args.errors and result.errors:
            print(f"\nmisunderstood ({name}), gold -> got:")
            for error in result.errors[: args.errors]:
                print(f"  {error['text']!r}: {error['gold']} -> {error['got']}")
    if args.json:
        args.json.write_text(json.dumps({
            "examples": len(examples),
            "training_seconds": training_seconds,
            "load_seconds": load_seconds,
            "as_written": {k: v for k, v in vars(written).items() if k != "errors"},
            "no_diacritics": {k: v for k, v in vars(stripped).items() if k != "errors"},
            "understanding": understanding_report,
        }, indent=2), encoding="utf-8")
    if understanding_report:
        missed += understanding_report["missed"]
    if missed:
        print(f"\ntargets missed: {', '.join(missed)}")
        return 1 if args.check else 0
    print("\nall targets met")
    return 0


def conversation_decision(text: str, previous: Optional[str], result: dict) -> tuple:
    """What actions/context.py does with a second message: the same rule, from the
    `understand` result (its entity) and bot.nlu.understanding.decide."""
    from bot.nlu import understanding

    if result.get("procedure"):
        return "answer", result["procedure"]
    decision = understanding.decide(text, previous)
    return decision.action, decision.key


def bench_understanding(understander, test_dir: Path, errors: int) -> Optional[dict]:
    """Issue 14's measures on nlu_data/test/understanding.yml (None when absent)."""
    from bot.nlu import heldout

    path = Path(test_dir) / UNDERSTANDING_FILE if Path(test_dir).is_dir() else Path(test_dir)
    if not path.is_file():
        return None
    messages, conversations = heldout.load(path)
    report: dict = {"missed": []}
    print(f"\nunderstanding split ({path.name}): {len(messages)} messages, "
          f"{len(conversations)} two-turn conversations")
    print(f"{'':34}{'as written':>12}{'no diacritics':>15}{'target':>14}")
    variants = {}
    for name, strip in (("as_written", False), ("no_diacritics", True)):
        started = time.perf_counter()
        scores = heldout.score_messages(understander, messages, strip)
        seconds = time.perf_counter() - started
        talks = heldout.score_conversations(understander, conversations, strip,
                                            conversation_decision)
        figures = scores.as_dict()
        figures["long_procedure_accuracy"] = figures["by_kind"].get("long", {}).get("procedure_accuracy", 0.0)
        figures["situation_procedure_accuracy"] = figures["by_kind"].get("situation", {}).get(
            "procedure_accuracy", 0.0)
        figures["conversations"] = talks.as_dict()
        figures["ms_per_message"] = 1000 * seconds / max(1, len(messages))
        variants[name] = (figures, scores, talks)
        report[name] = figures
    rows = [("intent accuracy", "intent_accuracy", "intent_errors"),
            ("procedure accuracy", "procedure_accuracy", "procedure_errors"),
            ("  long messages", "long_procedure_accuracy", None),
            ("  situations", "situation_procedure_accuracy", None),
            ("multi-ask aspect recall", "aspect_recall", "aspect_missed"),
            ("multi-ask aspect precision", "aspect_precision", "aspect_extra")]
    a, b = variants["as_written"][0], variants["no_diacritics"][0]
    for label, key, count in rows:
        target = UNDERSTANDING_TARGETS.get(key)
        target_text = f">= {target[0]:.2f}/{target[1]:.2f}" if target else ""
        counts = f"  ({a[count]}/{b[count]} errors)" if count else ""
        print(f"{label:34}{a[key]:>12.3f}{b[key]:>15.3f}{target_text:>14}{counts}")
        if target and (a[key] < target[0] or b[key] < target[1]):
            report["missed"].append(f"understanding {label.strip()}")
    for kind in sorted(a["by_kind"]):
        ka, kb = a["by_kind"][kind], b["by_kind"][kind]
        print(f"  procedure, {kind + ' (' + str(ka['n']) + ')':24}{ka['procedure_accuracy']:>12.3f}"
              f"{kb['procedure_accuracy']:>15.3f}")
    ca, cb = a["conversations"], b["conversations"]
    print(f"{'conversations: silent wrong':34}{ca['silent_wrong_rate']:>12.3f}{cb['silent_wrong_rate']:>15.3f}"
          f"{'<= 0.01':>14}  ({ca['silent_wrong']}/{cb['silent_wrong']} of {ca['n']})")
    print(f"{'conversations: clarifying question':34}{ca['clarify_rate']:>12.3f}{cb['clarify_rate']:>15.3f}"
          f"{'<= 0.15':>14}  ({ca['clarified']}/{cb['clarified']} of {ca['n']})")
    for variant in (ca, cb):
        if variant["silent_wrong_rate"] > MAX_SILENT_WRONG:
            report["missed"].append("conversations silent wrong")
        if variant["clarify_rate"] > MAX_CLARIFY:
            report["missed"].append("conversations clarifying")
    report["missed"] = sorted(set(report["missed"]))
    print(f"parsing: {a['ms_per_message']:.1f} ms a message (understanding split, as written)")
    if errors:
        for name, (_, scores, talks) in variants.items():
            print(f"\nunderstanding errors ({name}), gold -> got:")
            for error in (scores.errors + talks.errors)[:errors]:
                print(f"  {error['text']!r}: {error['gold']} -> {error['got']}")
    return report


bench_nlu.__doc__ = "Train on nlu_data/train, score the held-out nlu_data/test split."

BENCHMARKS: Dict[str, Union[str, Callable[[List[str]], int]]] = {
    "nlu": bench_nlu,
    "load": "bot.ops.bench.load:main",
    "fuzz": "bot.ops.bench.fuzz:main",
    "catalog": "bot.ops.bench.catalog:main",
    "receipt": "bot.ops.bench.receipt:main",
    "webhooks": "bot.ops.bench.webhooks:main",
}


def _resolve(entry: Union[str, Callable[[List[str]], int]]) -> Callable[[List[str]], int]:
    if callable(entry):
        return entry
    module, _, function = entry.partition(":")
    return getattr(importlib.import_module(module), function or "main")


def _describe(entry) -> str:
    if callable(entry):
        return (entry.__doc__ or "").strip().splitlines()[0]
    return f"see {entry.partition(':')[0]}"


def main(argv: Optional[List[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help"}:
        print("usage: dvcbot bench {" + ",".join([*BENCHMARKS, "all"]) + "} [options]")
        for name, entry in BENCHMARKS.items():
            print(f"  {name:6} {_describe(entry)}")
        return 0 if argv else 2
    name, rest = argv[0], argv[1:]
    if name == "all":
        return max(int(_resolve(entry)(rest) or 0) for entry in BENCHMARKS.values())
    if name not in BENCHMARKS:
        print(f"dvcbot bench: unknown benchmark {name!r} (known: {', '.join(BENCHMARKS)}, all)",
              file=sys.stderr)
        return 2
    return int(_resolve(BENCHMARKS[name])(rest) or 0)


if __name__ == "__main__":
    sys.exit(main())
