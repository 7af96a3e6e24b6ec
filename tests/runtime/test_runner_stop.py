"""`dvcbot run` stops every process it started, however it is told to stop: SIGTERM to its whole
process group twice (systemd, `kill -- -PGID`, make forwarding it), more signals while it is
stopping, the terminal closing (SIGHUP), or being killed outright. A process left over from an
earlier run is named with its pid instead of a port error.

The runner here is bot.runner.serve() with small stand-in services (tests/runtime/standin_stack.py),
each an HTTP server with a grandchild, started and stopped exactly as the real services are.
Signals are real; every wait is a bounded poll on a condition."""

from __future__ import annotations

import fcntl
import json
import os
import signal
import socket
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from bot.paths import REPO_ROOT
from bot.ops.process import port_in_use

WAIT = 60.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(condition, what: str, timeout: float = WAIT) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"still not {what} after {timeout:.0f} s")
        time.sleep(0.05)


def gone(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] == "Z"  # a zombie has stopped running


class Run:
    """One `serve()` of stand-ins, started in its own session like `make run` in a terminal."""

    def __init__(self, state: Path, ports: list[int], terminal: bool = False) -> None:
        self.state, self.ports = state, ports
        state.mkdir(parents=True, exist_ok=True)
        for stale in state.glob("*.pids"):
            stale.unlink()
        (state / "ready.json").unlink(missing_ok=True)
        command = [sys.executable, "-m", "tests.runtime.standin_stack", str(state), *map(str, ports)]
        env = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
        self.master = None
        if terminal:
            self.master, slave = os.openpty()

            def controlling_terminal() -> None:
                os.setsid()
                fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
            self.process = subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdin=slave,
                                            stdout=slave, stderr=slave,
                                            preexec_fn=controlling_terminal)
            os.close(slave)
        else:
            self.output = open(state / "runner.out", "wb")
            self.process = subprocess.Popen(command, cwd=REPO_ROOT, env=env,
                                            stdin=subprocess.DEVNULL, stdout=self.output,
                                            stderr=subprocess.STDOUT, start_new_session=True)

    def wait_ready(self) -> None:
        wait_for(lambda: (self.state / "ready.json").exists() or self.process.poll() is not None,
                 "ready")
        assert self.process.poll() is None, self.text()
        assert json.loads((self.state / "ready.json").read_text())["rasa_url"].endswith(
            str(self.ports[-1]))

    def pids(self) -> list[int]:
        """The runner, each stand-in and its grandchild."""
        pids = [self.process.pid]
        for port in self.ports:
            pids += [int(p) for p in (self.state / f"{port}.pids").read_text().split()]
        return pids

    def group_signal(self, signum: int) -> None:
        os.killpg(self.process.pid, signum)

    def wait_exit(self) -> int:
        wait_for(lambda: self.process.poll() is not None, "stopped")
        return self.process.returncode

    def text(self) -> str:
        path = self.state / "runner.out"
        return path.read_text(errors="replace") if path.exists() else ""

    def assert_nothing_left(self, pids: list[int]) -> None:
        for pid in pids:
            wait_for(lambda: gone(pid), f"pid {pid} gone")
        for port in self.ports:
            wait_for(lambda: not port_in_use(port), f"port {port} free")


@pytest.fixture
def ports() -> list[int]:
    return [free_port(), free_port(), free_port()]


def test_sigterm_twice_to_the_process_group_stops_everything_and_the_next_run_starts(tmp_path, ports):
    run = Run(tmp_path, ports)
    run.wait_ready()
    pids = run.pids()
    run.group_signal(signal.SIGTERM)
    run.group_signal(signal.SIGTERM)   # as systemd's and make's SIGTERMs arrive together
    assert run.wait_exit() == 0, run.text()
    run.assert_nothing_left(pids)
    assert "Traceback" not in run.text()

    again = Run(tmp_path, ports)       # same ports, same state directory
    again.wait_ready()
    pids = again.pids()
    again.group_signal(signal.SIGINT)
    assert again.wait_exit() == 0, again.text()
    again.assert_nothing_left(pids)


def test_signals_arriving_while_it_stops_do_not_cut_the_stop_short(tmp_path, ports):
    (tmp_path / "hold").write_text("")  # each stand-in waits for tmp_path/release once told to stop
    run = Run(tmp_path, ports)
    run.wait_ready()
    pids = run.pids()
    run.group_signal(signal.SIGTERM)
    last = tmp_path / f"{ports[-1]}.stopping"   # services stop in reverse order
    wait_for(last.exists, "stopping the last service")
    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGTERM):
        run.group_signal(signum)
    (tmp_path / "release").write_text("")
    assert run.wait_exit() == 0, run.text()
    assert all((tmp_path / f"{port}.stopping").exists() for port in ports), \
        "a service was never told to stop"
    run.assert_nothing_left(pids)


def test_closing_the_terminal_stops_everything(tmp_path, ports):
    run = Run(tmp_path, ports, terminal=True)   # stdin is a terminal: the chat is open
    run.wait_ready()
    pids = run.pids()
    os.close(run.master)                        # the terminal window closes: SIGHUP
    run.wait_exit()
    run.assert_nothing_left(pids)


def test_the_terminal_chat_notices_a_service_that_died_and_stops_the_others(tmp_path, ports):
    run = Run(tmp_path, ports, terminal=True)
    run.wait_ready()
    pids = run.pids()
    os.kill(pids[1], signal.SIGKILL)            # the first stand-in dies
    wait_for(lambda: gone(pids[1]), "the stand-in dead")
    os.write(run.master, b"lam giay khai sinh can gi\n")
    assert run.wait_exit() == 1
    run.assert_nothing_left(pids)               # the dead one's own child included
    os.close(run.master)


def test_a_killed_runner_takes_its_services_with_it(tmp_path, ports):
    run = Run(tmp_path, ports)
    run.wait_ready()
    pids = run.pids()
    run.process.kill()                          # SIGKILL: no handler, no `finally`
    run.wait_exit()
    run.assert_nothing_left(pids)


def test_a_busy_port_is_reported_with_the_pid_holding_it(tmp_path, ports):
    squatter = subprocess.Popen([sys.executable, "-m", "http.server", "--bind", "127.0.0.1",
                                 str(ports[1])], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(lambda: port_in_use(ports[1]), "listening")
        run = Run(tmp_path, ports)
        assert run.wait_exit() == 1
        assert f"port {ports[1]} (stand-in-{ports[1]}) is already in use by pid {squatter.pid}" \
            in run.text()
        assert not (tmp_path / "ready.json").exists()
        assert not port_in_use(ports[0]), "a service was started before the check"
    finally:
        squatter.kill()
        squatter.wait()


def test_a_process_left_from_an_earlier_run_is_reported_with_its_pid(tmp_path, ports):
    left = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    try:
        def command_line() -> list[str]:
            return [a.decode() for a in Path(f"/proc/{left.pid}/cmdline").read_bytes().split(b"\0")[:-1]]

        # right after fork the child still shows pytest's command line, until its exec
        wait_for(lambda: "time.sleep(600)" in " ".join(command_line()), "the child's own command")
        command = command_line()
        (tmp_path / "run.pids.json").write_text(json.dumps(
            [{"name": "rasa-server", "pid": left.pid, "command": command}]))
        run = Run(tmp_path, ports)
        assert run.wait_exit() == 1
        assert f"rasa-server: pid {left.pid}" in run.text()
    finally:
        left.kill()
        left.wait()
    run = Run(tmp_path, ports)                  # once it is gone, the stale list is no obstacle
    run.wait_ready()
    pids = run.pids()
    run.group_signal(signal.SIGTERM)
    assert run.wait_exit() == 0
    run.assert_nothing_left(pids)
    assert not (tmp_path / "run.pids.json").exists()


def test_an_orphan_answering_on_the_port_is_not_taken_for_the_new_server(tmp_path, ports):
    """The race check_free cannot see: the port was free, then an old server answers on it
    while the new one fails to bind. The health answer must come from the process started."""
    from bot.ops.process import Process as Service
    from bot.runner import Stack

    orphan = subprocess.Popen([sys.executable, "-m", "http.server", "--bind", "127.0.0.1",
                               str(ports[0])], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stack = Stack(state=tmp_path)
    new = Service("rasa-server", [sys.executable, "-c", "import time; time.sleep(600)"],
                  f"http://127.0.0.1:{ports[0]}/", dict(os.environ), tmp_path / "new.log",
                  port=ports[0])
    stack.services.append(new)
    try:
        wait_for(lambda: port_in_use(ports[0]), "the orphan listening")
        new.start()
        with pytest.raises(RuntimeError, match=rf"port {ports[0]} \(rasa-server\) is answered by "
                                               rf"pid {orphan.pid} .*not by the process just started"):
            stack._wait_healthy(new, timeout=WAIT)
    finally:
        stack.stop()
        orphan.kill()
        orphan.wait()
    assert not new.alive()
