"""Citizens' messages enter Rasa a few at a time, in arrival order (bot.channels.base.handle_in_turn)."""

from __future__ import annotations

import asyncio
import time

import pytest

from bot.channels.base import handle_in_turn
from bot.core.settings import SettingsError


class FakeAssistant:
    """Stands in for Rasa's on_new_message: records when each message starts and how many run."""

    def __init__(self, seconds: dict[str, float] | None = None, default: float = 0.05) -> None:
        self.seconds = seconds or {}
        self.default = default
        self.running = 0
        self.most_at_once = 0
        self.started: list[tuple[str, float]] = []

    async def __call__(self, message: str) -> str:
        self.started.append((message, time.monotonic()))
        self.running += 1
        self.most_at_once = max(self.most_at_once, self.running)
        try:
            await asyncio.sleep(self.seconds.get(message, self.default))
            return f"answer to {message}"
        finally:
            self.running -= 1


async def _send_in_order(assistant: FakeAssistant, messages: list[str]) -> list[str]:
    tasks = []
    for message in messages:
        tasks.append(asyncio.create_task(handle_in_turn(assistant, message)))
        await asyncio.sleep(0.001)  # they arrive one after the other
    return await asyncio.gather(*tasks)


def test_messages_enter_two_at_a_time_in_the_order_they_arrived(monkeypatch):
    monkeypatch.delenv("DVCBOT_CONCURRENT_MESSAGES", raising=False)   # default: 2
    assistant = FakeAssistant()
    messages = [f"m{i}" for i in range(8)]
    answers = asyncio.run(_send_in_order(assistant, messages))
    assert answers == [f"answer to {m}" for m in messages]             # every one answered
    assert assistant.most_at_once == 2
    assert [m for m, _ in assistant.started] == messages


def test_a_slow_message_gives_its_place_to_the_next_after_the_lease(monkeypatch):
    monkeypatch.setenv("DVCBOT_CONCURRENT_MESSAGES", "1")
    monkeypatch.setenv("DVCBOT_TURN_LEASE_SECONDS", "0.2")
    assistant = FakeAssistant(seconds={"slow portal look-up": 3.0})
    started = time.monotonic()
    asyncio.run(_send_in_order(assistant, ["slow portal look-up", "khai sinh can gi"]))
    when = dict(assistant.started)
    # the second citizen waited for the lease, not for the slow look-up
    assert 0.15 < when["khai sinh can gi"] - started < 1.0


def test_zero_means_no_limit(monkeypatch):
    monkeypatch.setenv("DVCBOT_CONCURRENT_MESSAGES", "0")
    assistant = FakeAssistant()
    asyncio.run(_send_in_order(assistant, [f"m{i}" for i in range(6)]))
    assert assistant.most_at_once == 6


def test_a_failing_message_gives_its_place_back(monkeypatch):
    monkeypatch.setenv("DVCBOT_CONCURRENT_MESSAGES", "1")

    async def failing_then_fine(message: str) -> str:
        if message == "boom":
            raise RuntimeError("the assistant failed")
        return "ok"

    async def scenario() -> str:
        with pytest.raises(RuntimeError):
            await handle_in_turn(failing_then_fine, "boom")
        return await asyncio.wait_for(handle_in_turn(failing_then_fine, "next"), 1)

    assert asyncio.run(scenario()) == "ok"


@pytest.mark.parametrize("name,value", [("DVCBOT_CONCURRENT_MESSAGES", "two"),
                                        ("DVCBOT_TURN_LEASE_SECONDS", "0")])
def test_bad_settings_are_named(monkeypatch, name, value):
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError, match=name):
        asyncio.run(handle_in_turn(FakeAssistant(), "m"))


def test_when_too_many_messages_wait_the_next_is_answered_busy_at_once(monkeypatch):
    from bot.channels.base import Busy

    monkeypatch.setenv("DVCBOT_CONCURRENT_MESSAGES", "1")
    monkeypatch.setenv("DVCBOT_TURN_LEASE_SECONDS", "60")
    monkeypatch.setenv("DVCBOT_MAX_WAITING_MESSAGES", "2")
    release = None

    async def stuck(message: str) -> str:
        await release.wait()
        return f"answer to {message}"

    async def scenario():
        nonlocal release
        release = asyncio.Event()
        first = asyncio.create_task(handle_in_turn(stuck, "m0"))
        waiting = [asyncio.create_task(handle_in_turn(stuck, f"m{i}")) for i in (1, 2)]
        await asyncio.sleep(0)            # let them take their places in the queue
        with pytest.raises(Busy):
            await handle_in_turn(stuck, "m3")
        release.set()
        return await asyncio.gather(first, *waiting)

    assert asyncio.run(scenario()) == ["answer to m0", "answer to m1", "answer to m2"]
