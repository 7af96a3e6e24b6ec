"""`dvcbot bench fuzz`: thousands of hostile or broken messages through the REST channel.

    dvcbot bench fuzz [--count 3000] [--concurrency 8] [--seed 1] [--model M]

Messages: random Unicode from every plane (lone surrogates too, as JSON escapes), very long
texts (up to 50,000 characters), control and invisible characters, NFD and stacked combining
marks, injection strings (SQL, HTML/script, template, shell, log4j, path traversal, format
strings), Rasa intent syntax a citizen could type ("/restart", "/ask_fee{...}"), empty and
whitespace-only messages, and realistic questions mangled. Each citizen (sender id) sends
about ten of them.

Pass: no 5xx, every message answered (HTTP 200 with something to read), and the resident
memory of the Rasa server and the action server flat: measured after a warm-up round of the
same kind of messages and again at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import shutil
import sys
import tempfile
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from bot.ops.bench import procs
from bot.ops.bench.conversations import SCRIPTED
from bot.core.text import strip_diacritics
from bot.ops.bench.loadgen import Sample, ensure_loopback, rest_headers
from bot.ops.bench.stacks import StackError, start_dvcbot
from bot.paths import REPO_ROOT, models_dir
from bot.tokens import bearer_header

INJECTIONS = (
    "'; DROP TABLE events; --", "\" OR 1=1 --", "1; SELECT pg_sleep(10); --",
    "<script>alert('x')</script>", "<img src=x onerror=alert(1)>", "</textarea><svg/onload=alert(1)>",
    "{{7*7}}", "${7*7}", "#{7*7}", "<%= 7*7 %>", "${jndi:ldap://127.0.0.1/a}",
    "$(rm -rf /)", "`reboot`", "; cat /etc/passwd", "../../../../etc/passwd", "..\\..\\windows\\win.ini",
    "%s%s%s%s%n", "%x%x%x", "{0.__class__.__mro__}", "__import__('os').system('id')",
    "\\x00\\x01", "null", "undefined", "NaN", "[]", "{}", '{"sender": "admin"}',
    "/restart", "/session_start", "/action_restart", "/greet", "/nlu_fallback",
    '/ask_fee{"procedure": "khai_sinh"}', '/ask_fee{"procedure": "../../etc/passwd"}',
    '/ask_documents{"procedure": "<script>"}', '/check_dossier_status{"dossier_code": "\' OR 1=1"}',
    "/khong_co_y_dinh_nay", "/ask_fee{not json", '/ask_fee{"procedure": ' + "[" * 200,
    "SELECT * FROM procedures WHERE key='khai_sinh'", "hồ sơ 000.00.99.H99-250701-0001' OR '1'='1",
)
CONTROL = "".join(chr(c) for c in range(0, 32)) + "\x7f\u200b\u200c\u200d\u200e\u200f\u202a\u202e\u2066\ufeff\ufffe\uffff"
WEIRD = ("\u0300\u0301\u0303\u0309\u0323" * 3, "🇻🇳👨‍👩‍👧‍👦🙏🏿", "ǅǲ", "𝕂𝕙𝕒𝕚 𝕤𝕚𝕟𝕙", "ﷺ", "\u3000", "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇")


def _random_unicode(rng: random.Random, length: int) -> str:
    out = []
    for _ in range(length):
        plane = rng.random()
        if plane < 0.3:
            out.append(chr(rng.randint(0x20, 0x24F)))           # Latin incl. Vietnamese letters
        elif plane < 0.5:
            out.append(chr(rng.randint(0x1EA0, 0x1EF9)))        # Vietnamese precomposed
        elif plane < 0.8:
            out.append(chr(rng.randint(0x250, 0xFFFF)))         # BMP, anything (surrogates too)
        else:
            out.append(chr(rng.randint(0x10000, 0x10FFFF)))     # astral planes
    return "".join(out)


def _mangle(rng: random.Random, text: str) -> str:
    chars = list(text)
    for _ in range(rng.randint(1, 6)):
        i = rng.randrange(len(chars) + 1)
        op = rng.random()
        if op < 0.4:
            chars.insert(i, rng.choice(CONTROL))
        elif op < 0.7 and chars:
            del chars[min(i, len(chars) - 1)]
        else:
            chars.insert(i, rng.choice(WEIRD))
    return "".join(chars)


def generate(count: int, seed: int = 1) -> list[str]:
    """`count` fuzz messages, deterministic for the seed."""
    rng = random.Random(seed)
    realistic = [m for conv in SCRIPTED for m in conv]
    out: list[str] = []
    for i in range(count):
        kind = i % 10
        if kind == 0:
            out.append(_random_unicode(rng, rng.randint(1, 200)))
        elif kind == 1:
            length = rng.choice((2000, 5000, 10000, 20000, 50000)) if rng.random() < 0.3 else rng.randint(500, 3000)
            base = rng.choice(realistic) + " "
            out.append((base * (length // len(base) + 1))[:length] if rng.random() < 0.5
                       else _random_unicode(rng, length))
        elif kind == 2:
            out.append("".join(rng.choice(CONTROL) for _ in range(rng.randint(1, 40))))
        elif kind == 3:
            out.append(rng.choice(INJECTIONS))
        elif kind == 4:
            out.append(rng.choice(INJECTIONS) + " " + rng.choice(realistic))
        elif kind == 5:
            out.append(unicodedata.normalize("NFD", rng.choice(realistic)))
        elif kind == 6:
            out.append(rng.choice(("", " ", "\n", "\t\t", "   \n  ", "\u00a0", "\u200b", ".", "?", "0")))
        elif kind == 7:
            out.append(_mangle(rng, rng.choice(realistic)))
        elif kind == 8:
            out.append(rng.choice(WEIRD) + strip_diacritics(rng.choice(realistic)).upper())
        else:
            out.append(_mangle(rng, rng.choice(INJECTIONS)))
    return out


def encode(sender: str, text: str) -> bytes:
    """JSON with every non-ASCII character escaped, so lone surrogates travel as \\udXXX."""
    return json.dumps({"sender": sender, "message": text}, ensure_ascii=True).encode("ascii")


@dataclass
class FuzzResult:
    samples: list[Sample] = field(default_factory=list)
    rss_before: dict[str, int] = field(default_factory=dict)
    rss_after: dict[str, int] = field(default_factory=dict)
    wall: float = 0.0

    @property
    def server_errors(self) -> list[Sample]:
        return [s for s in self.samples if s.status >= 500]

    @property
    def not_answered(self) -> list[Sample]:
        return [s for s in self.samples if not s.answered]

    def growth_mib(self) -> dict[str, float]:
        return {k: procs.mib(self.rss_after.get(k, 0) - v) for k, v in self.rss_before.items()}

    def summary(self) -> dict:
        statuses: dict[str, int] = {}
        for s in self.samples:
            statuses[str(s.status)] = statuses.get(str(s.status), 0) + 1
        return {
            "messages": len(self.samples), "wall_s": round(self.wall, 1), "statuses": statuses,
            "server_errors": len(self.server_errors), "not_answered": len(self.not_answered),
            "not_answered_examples": [repr(s.text[:60]) for s in self.not_answered[:8]],
            "rss_before_mib": {k: procs.mib(v) for k, v in self.rss_before.items()},
            "rss_after_mib": {k: procs.mib(v) for k, v in self.rss_after.items()},
            "rss_growth_mib": self.growth_mib(),
            "max_latency_s": round(max((s.latency for s in self.samples), default=0.0), 2),
        }


async def _send_all(url: str, messages: list[str], concurrency: int, run_id: str,
                    per_sender: int = 10, timeout: float = 120.0,
                    headers: dict[str, str] | None = None) -> list[Sample]:
    ensure_loopback(url)
    endpoint = url.rstrip("/") + "/webhooks/rest/webhook"
    queue: asyncio.Queue = asyncio.Queue()
    # one citizen sends its ~10 messages in order; several citizens at once
    for start in range(0, len(messages), per_sender):
        queue.put_nowait((f"{run_id}-{start // per_sender}", messages[start:start + per_sender]))
    samples: list[Sample] = []

    async def worker(client: httpx.AsyncClient) -> None:
        while not queue.empty():
            sender, batch = queue.get_nowait()
            for text in batch:
                started = time.monotonic()
                try:
                    response = await client.post(endpoint, content=encode(sender, text),
                                                 headers={"Content-Type": "application/json"})
                    try:
                        body = response.json()
                    except ValueError:
                        body = None
                    samples.append(Sample(sender, text, started, time.monotonic() - started,
                                          response.status_code, body if isinstance(body, list) else []))
                except httpx.HTTPError as error:
                    samples.append(Sample(sender, text, started, time.monotonic() - started, 0, [],
                                          error.__class__.__name__))

    async with httpx.AsyncClient(timeout=timeout, headers=rest_headers(headers)) as client:
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
    return samples


def run(url: str, pids: dict[str, int], count: int, concurrency: int = 8, seed: int = 1,
        warmup: int = 200, headers: dict[str, str] | None = None) -> FuzzResult:
    """Warm up with `warmup` fuzz messages, then send `count` others; RSS before and after."""
    run_id = f"fuzz{int(time.time())}"
    result = FuzzResult()
    if warmup:
        asyncio.run(_send_all(url, generate(warmup, seed + 1000), concurrency, run_id + "w",
                              headers=headers))
    result.rss_before = {name: procs.tree_rss(pid) for name, pid in pids.items()}
    started = time.monotonic()
    result.samples = asyncio.run(_send_all(url, generate(count, seed), concurrency, run_id,
                                           headers=headers))
    result.wall = time.monotonic() - started
    time.sleep(1.0)
    result.rss_after = {name: procs.tree_rss(pid) for name, pid in pids.items()}
    return result


def memory_flat(result: FuzzResult, allowance_mib: float = 64.0, fraction: float = 0.10) -> bool:
    """No process grew by more than max(allowance, fraction of its size before)."""
    for name, before in result.rss_before.items():
        grown = result.rss_after.get(name, 0) - before
        if grown > max(allowance_mib * 1024 * 1024, fraction * before):
            return False
    return True


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="dvcbot bench fuzz", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=3000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--url", default=None, help="a running dvcbot (loopback) instead of starting one")
    args = parser.parse_args(argv)
    model = args.model or models_dir() / "dvcbot.tar.gz"
    work = Path(tempfile.mkdtemp(prefix="dvcbot-fuzz-"))
    running = None
    try:
        headers = None  # --url: the token of this process (DVCBOT_REST_TOKEN or var/rest-token)
        if args.url:
            url, pids = args.url, {}
        else:
            if not model.exists():
                print(f"dvcbot bench fuzz: no model at {model}; run `make train` first", file=sys.stderr)
                return 2
            print("starting dvcbot...", flush=True)
            running = start_dvcbot(model, work / "dvcbot")
            url, pids = running.url, running.pids
            headers = bearer_header(state=running.state)
        print(f"sending {args.count} fuzz messages ({args.concurrency} at a time)...", flush=True)
        result = run(url, pids, args.count, args.concurrency, args.seed, headers=headers)
    except StackError as error:
        print(f"dvcbot bench fuzz: {error}", file=sys.stderr)
        return 1
    finally:
        if running is not None:
            running.stop()
        shutil.rmtree(work, ignore_errors=True)
    summary = result.summary()
    summary["memory_flat"] = memory_flat(result)
    print(json.dumps(summary, indent=2, ensure_ascii=False))
    out = REPO_ROOT / "var" / "bench" / "fuzz-latest.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(summary, indent=2, ensure_ascii=False))
    ok = not summary["server_errors"] and not summary["not_answered"] and summary["memory_flat"]
    print(f"fuzz: {'PASS' if ok else 'FAIL'} ({summary['messages']} messages in {summary['wall_s']} s, "
          f"{summary['server_errors']} server errors, {summary['not_answered']} unanswered, "
          f"memory growth {summary['rss_growth_mib']} MiB)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
