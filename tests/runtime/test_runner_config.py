"""`dvcbot run` turns on a channel only when its credentials are present (without writing a
secret to disk), and trains only on change."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot import training
from bot.paths import REPO_ROOT
from bot.runner import active_credentials, active_endpoints, project_credentials


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_channel_without_its_token_stays_off(tmp_path):
    template = write(tmp_path / "credentials.yml", """
rest:
bot.channels.telegram.TelegramInput:
  access_token: "${TELEGRAM_BOT_TOKEN}"
  secret_token: "${TELEGRAM_WEBHOOK_SECRET}"
""")
    credentials, enabled, disabled = active_credentials(template, {"TELEGRAM_BOT_TOKEN": "123:abc"})
    assert enabled == ["rest"]
    assert "bot.channels.telegram.TelegramInput" not in credentials
    assert "TELEGRAM_WEBHOOK_SECRET" in disabled[0]


def test_a_channel_with_its_tokens_is_on_and_the_file_for_rasa_holds_no_secret(tmp_path):
    template = write(tmp_path / "credentials.yml", """
rest:
bot.channels.telegram.TelegramInput:
  access_token: "${TELEGRAM_BOT_TOKEN}"
""")
    credentials, enabled, _ = active_credentials(template, {"TELEGRAM_BOT_TOKEN": "123:abc"})
    assert enabled == ["rest", "bot.channels.telegram.TelegramInput"]
    assert credentials["bot.channels.telegram.TelegramInput"] == {"access_token": "${TELEGRAM_BOT_TOKEN}"}
    assert credentials["rest"] is None


def test_the_project_keeps_secret_channels_out_of_the_file_plain_rasa_reads():
    plain = yaml.safe_load((REPO_ROOT / "credentials.yml").read_text(encoding="utf-8"))
    assert "${" not in yaml.safe_dump(plain), "plain `rasa run` would need a variable"
    assert "bot.channels.rest.CitizenRestInput" in plain
    _, enabled, disabled = project_credentials({})
    assert set(enabled) == set(plain)
    assert any(d.startswith("bot.channels.telegram.TelegramInput (set TELEGRAM_BOT_TOKEN")
               for d in disabled)
    env = {name: "x" for name in ("TELEGRAM_BOT_TOKEN", "TELEGRAM_WEBHOOK_SECRET")}
    credentials, enabled, _ = project_credentials(env)
    assert "bot.channels.telegram.TelegramInput" in enabled
    assert "bot.channels.rest.CitizenRestInput" in enabled


def test_the_credentials_written_for_rasa_hold_placeholders_not_secrets(tmp_path, monkeypatch):
    from bot.runner import Stack

    secret = "7777777:AAsecret-token-value"
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", secret)
    monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", "webhook-secret-value")
    model = write(tmp_path / "model.tar.gz", "")
    stack = Stack(state=tmp_path, model=model)
    notes = stack.plan()
    assert any("TelegramInput" in n for n in notes if n.startswith("channels on"))
    written = (tmp_path / "credentials.active.yml").read_text(encoding="utf-8")
    assert "${TELEGRAM_BOT_TOKEN}" in written
    assert secret not in written and "webhook-secret-value" not in written


def test_a_broken_credentials_file_is_named_with_its_line(tmp_path):
    template = write(tmp_path / "credentials.channels.yml", "rest:\nbot.channels.x.Y:\n  token: [oops\n")
    with pytest.raises(SystemExit, match=r"credentials.channels.yml, line \d+: not valid YAML"):
        active_credentials(template, {})


def test_endpoints_point_at_the_chosen_action_port_and_state_dir(tmp_path):
    template = write(tmp_path / "endpoints.yml", yaml.safe_dump({
        "action_endpoint": {"url": "http://127.0.0.1:5055/webhook"},
        "tracker_store": {"type": "SQL", "dialect": "sqlite", "db": "var/rasa_tracker.sqlite3"},
    }))
    endpoints = active_endpoints(template, 6000, tmp_path / "state")
    assert endpoints["action_endpoint"]["url"] == "http://127.0.0.1:6000/webhook"
    assert endpoints["tracker_store"]["db"] == str(tmp_path / "state" / "rasa_tracker.sqlite3")


def test_training_fingerprint_changes_with_training_data(tmp_path):
    (tmp_path / "nlu_data" / "train").mkdir(parents=True)
    data = write(tmp_path / "nlu_data" / "train" / "nlu.yml", "version: '3.1'\n")
    write(tmp_path / "domain.yml", "version: '3.1'\n")
    before = training.fingerprint(tmp_path)
    assert training.fingerprint(tmp_path) == before
    data.write_text("version: '3.1'\nnlu: []\n", encoding="utf-8")
    assert training.fingerprint(tmp_path) != before


def test_training_is_skipped_when_the_model_matches(tmp_path):
    models = tmp_path / "models"
    models.mkdir()
    (models / "dvcbot.tar.gz").write_bytes(b"model")
    (models / "dvcbot.fingerprint.json").write_text(
        '{"fingerprint": "%s"}' % training.fingerprint())
    assert training.is_up_to_date(models)
    (models / "dvcbot.fingerprint.json").write_text('{"fingerprint": "stale"}')
    assert not training.is_up_to_date(models)


def test_a_second_training_of_the_same_folder_waits_and_uses_the_first_ones_model(
        tmp_path, monkeypatch):
    import fcntl
    import threading

    models = tmp_path / "models"
    models.mkdir()
    waiting = threading.Event()
    monkeypatch.setattr(training, "_stage",
                        lambda line: waiting.set() if line.startswith("waiting") else None)
    monkeypatch.setattr(training, "_train_locked",
                        lambda *_: pytest.fail("trained again although the model was made"))
    result: list[Path] = []
    with open(models / ".training.lock", "a") as first:   # the first training holds the lock
        fcntl.flock(first, fcntl.LOCK_EX)
        second = threading.Thread(target=lambda: result.append(training.train(models)))
        second.start()
        assert waiting.wait(60), "the second training did not wait for the first"
        (models / "dvcbot.tar.gz").write_bytes(b"model")  # what the first one trained
        (models / "dvcbot.fingerprint.json").write_text(
            '{"fingerprint": "%s"}' % training.fingerprint())
        fcntl.flock(first, fcntl.LOCK_UN)
    second.join(60)
    assert result == [models / "dvcbot.tar.gz"]


def test_the_action_servers_token_is_in_no_file_and_rasa_fills_it_in(tmp_path, monkeypatch):
    from rasa.utils.endpoints import read_endpoint_config

    from bot.runner import REPO_ROOT
    endpoints = active_endpoints(REPO_ROOT / "endpoints.yml", 6000, tmp_path)
    path = tmp_path / "endpoints.active.yml"
    path.write_text(yaml.safe_dump(endpoints), encoding="utf-8")
    assert "${DVCBOT_ACTIONS_TOKEN}" in path.read_text()
    monkeypatch.setenv("DVCBOT_ACTIONS_TOKEN", "s3cret-actions")
    config = read_endpoint_config(str(path), "action_endpoint")
    assert config.headers == {"Authorization": "Bearer s3cret-actions"}


def test_every_secret_reaches_the_services_through_the_environment_never_argv(tmp_path, monkeypatch):
    import stat

    from bot.runner import Stack
    from bot.tokens import ACTIONS_TOKEN, RASA_API_TOKEN, REST_TOKEN, token_file

    for name in (REST_TOKEN.env, RASA_API_TOKEN.env, ACTIONS_TOKEN.env, "DVCBOT_PORTAL_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", "w" * 40)
    model = tmp_path / "model.tar.gz"
    model.write_bytes(b"")
    stack = Stack(model=model, state=tmp_path / "state", interface="127.0.0.1")
    notes = stack.plan()
    tokens = {s.env: token_file(s, stack.state).read_text().strip()
              for s in (REST_TOKEN, RASA_API_TOKEN, ACTIONS_TOKEN)}
    for setting in (REST_TOKEN, RASA_API_TOKEN, ACTIONS_TOKEN):
        assert stat.S_IMODE(token_file(setting, stack.state).stat().st_mode) == 0o600
    for service in stack.services:
        line = " ".join(service.command)
        assert not any(token in line for token in tokens.values()), service.name
    env = {s.name: s.env for s in stack.services}
    assert env["rasa-server"][REST_TOKEN.env] == tokens[REST_TOKEN.env]
    assert env["rasa-server"][RASA_API_TOKEN.env] == tokens[RASA_API_TOKEN.env]
    assert env["rasa-server"][ACTIONS_TOKEN.env] == env["action-server"][ACTIONS_TOKEN.env]
    assert env["dossier-poller"][RASA_API_TOKEN.env] == tokens[RASA_API_TOKEN.env]
    # each process gets only the secrets it needs (L14)
    assert REST_TOKEN.env not in env["action-server"] and REST_TOKEN.env not in env["dossier-poller"]
    assert not {REST_TOKEN.env, RASA_API_TOKEN.env, ACTIONS_TOKEN.env} & set(env["portal-simulator"])
    rasa = next(s for s in stack.services if s.name == "rasa-server")
    assert rasa.command[1:3] == ["-m", "bot.rasa_ext"] and "--enable-api" in rasa.command
    actions = next(s for s in stack.services if s.name == "action-server")
    assert actions.command[1:3] == ["-m", "bot.action_server"]
    assert any("loopback" in note for note in notes)
    assert "TELEGRAM_WEBHOOK_SECRET" in env["rasa-server"]
    assert "TELEGRAM_WEBHOOK_SECRET" not in env["action-server"]
    assert "TELEGRAM_WEBHOOK_SECRET" not in env["portal-simulator"]


def test_rasa_gets_its_api_token_even_one_beginning_with_a_dash(monkeypatch):
    import argparse

    from bot.rasa_ext.__main__ import with_api_token

    monkeypatch.setenv("DVCBOT_RASA_API_TOKEN", "-starts-with-a-dash_0123456789")
    args = with_api_token(["run", "--enable-api"])
    parser = argparse.ArgumentParser()
    parser.add_argument("command")
    parser.add_argument("--enable-api", action="store_true")
    parser.add_argument("-t", "--auth-token")
    assert parser.parse_args(args).auth_token == "-starts-with-a-dash_0123456789"
    assert with_api_token(["run", "actions"]) == ["run", "actions"]
