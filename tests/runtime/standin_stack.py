"""`dvcbot run`'s Stack and serve() with small stand-in services instead of Rasa, for the stop
tests: python -m tests.runtime.standin_stack STATE PORT [PORT ...]

Each stand-in is an HTTP server on its port, in its own process group like the real services,
with a grandchild (as Rasa's and Sanic's helpers would be). On SIGTERM a stand-in writes
STATE/<port>.stopping, then waits for STATE/release (when that file is named in
STATE/hold) before it exits, so that a test can send more signals while stop() is running.
"""

from __future__ import annotations

import sys
from pathlib import Path

from bot.ops.process import Process as Service
from bot.runner import Stack, serve

CHILD = r'''
import http.server, os, signal, subprocess, sys, time
from pathlib import Path
state, port = Path(sys.argv[1]), int(sys.argv[2])
grandchild = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(3600)"])
(state / f"{port}.pids").write_text(f"{os.getpid()} {grandchild.pid}")
def on_term(signum, frame):
    (state / f"{port}.stopping").write_text("")
    if (state / "hold").exists():
        deadline = time.monotonic() + 60
        while not (state / "release").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
    grandchild.terminate()
    os._exit(0)
signal.signal(signal.SIGTERM, on_term)
http.server.ThreadingHTTPServer(("127.0.0.1", port), http.server.SimpleHTTPRequestHandler).serve_forever()
'''


class StandInStack(Stack):
    def __init__(self, state: Path, ports: list[int]) -> None:
        super().__init__(rasa_port=ports[-1], actions_port=ports[0], state=state)
        self.ports = ports

    def plan(self) -> list[str]:
        for port in self.ports:
            self.services.append(Service(
                f"stand-in-{port}", [sys.executable, "-c", CHILD, str(self.state), str(port)],
                f"http://127.0.0.1:{port}/", {"PATH": "/usr/bin:/bin"},
                self.state / "logs" / f"{port}.log", port=port))
        return [f"stand-ins on {', '.join(map(str, self.ports))}"]


def main(argv: list[str]) -> int:
    state = Path(argv[0])
    stack = StandInStack(state, [int(p) for p in argv[1:]])
    return serve(stack, ready_file=state / "ready.json", chat=sys.stdin.isatty())


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
