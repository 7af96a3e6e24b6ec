"""One Settings object: every variable declared once, one error naming variable, form and value,
checked by `dvcbot run` before any process starts, documented in the README from the same
declarations, and read nowhere else."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.core import settings as settings_module
from bot.core.settings import ENV_NAMES, Settings, SettingsError, markdown_table, settings
from bot.paths import REPO_ROOT


def test_unset_variables_give_the_declared_defaults():
    current = Settings.from_env({})
    assert current.poller.interval == 300.0 and current.poller.jitter == 0.2
    assert current.limits.rate_per_minute == 20 and current.limits.trusted_proxies == ()
    assert current.portal.url is None and current.portal.token_auth == "basic"
    assert current.dossier.require_phone_suffix == "auto" and current.dossier.show_name is False


def test_values_are_parsed_into_their_sections():
    current = Settings.from_env({
        "DVCBOT_POLL_INTERVAL": "60", "DVCBOT_PORTAL_URL": "https://portal.example/",
        "DVCBOT_PORTAL_REQUIRE_PHONE_SUFFIX": "1", "DVCBOT_DOSSIER_SHOW_NAME": "yes",
        "DVCBOT_TRUSTED_PROXIES": "10.0.0.5, 10.1.0.0/16", "DVCBOT_STATE_DIR": "  ",
        "TELEGRAM_BOT_TOKEN": " 123:abc ", "DVCBOT_HANDOFF_ESCALATE_AFTER": "0"})
    assert current.poller.interval == 60.0
    assert current.portal.url == "https://portal.example"
    assert current.dossier.require_phone_suffix == "always" and current.dossier.show_name is True
    assert [str(n) for n in current.limits.trusted_proxies] == ["10.0.0.5/32", "10.1.0.0/16"]
    assert current.paths.state_dir is None            # blank counts as unset
    assert current.telegram.bot_token == "123:abc"
    assert current.handoff.escalate_after == 0
    assert current.value("DVCBOT_POLL_INTERVAL") == 60.0


def test_a_bad_value_names_the_variable_the_form_and_the_value():
    with pytest.raises(SettingsError) as error:
        Settings.from_env({"DVCBOT_POLL_INTERVAL": "abc"})
    assert str(error.value) == "DVCBOT_POLL_INTERVAL: expected a number of seconds ≥ 1, got 'abc'"


def test_every_bad_value_is_listed_one_line_each():
    with pytest.raises(SettingsError) as error:
        Settings.from_env({"DVCBOT_POLL_INTERVAL": "0.5", "DVCBOT_RETENTION_DAYS": "90.5",
                           "DVCBOT_PORTAL_TOKEN_AUTH": "digest", "DVCBOT_DOSSIER_SHOW_NAME": "maybe",
                           "DVCBOT_TRUSTED_PROXIES": "10.0.0.5, proxy", "DVCBOT_PORTAL_URL": "portal"})
    assert error.value.problems == [
        "DVCBOT_PORTAL_URL: expected an http(s) URL, got 'portal'",
        "DVCBOT_PORTAL_TOKEN_AUTH: expected one of basic, body, got 'digest'",
        "DVCBOT_DOSSIER_SHOW_NAME: expected 1/true/yes/on or 0/false/no/off, got 'maybe'",
        "DVCBOT_POLL_INTERVAL: expected a number of seconds ≥ 1, got '0.5'",
        "DVCBOT_TRUSTED_PROXIES: expected addresses or networks separated by commas "
        "(10.0.0.5, 10.1.0.0/16), got '10.0.0.5, proxy'",
        "DVCBOT_RETENTION_DAYS: expected a whole number of days ≥ 1, got '90.5'",
    ]


def test_a_secret_is_never_repeated_in_an_error_and_a_url_password_is_hidden():
    problem = settings_module.problem(settings_module.Var("X_TOKEN", settings_module.whole(), 0, "",
                                                         secret=True), "hunter2")
    assert problem == "X_TOKEN: expected a whole number ≥ 0, got a value of 7 characters (hidden)"
    assert settings_module.shown_value(
        settings_module.Var("U", settings_module.TEXT, None, ""),
        "postgresql://bot:pa55@db/dvcbot") == "'postgresql://bot:***@db/dvcbot'"


def test_the_process_settings_follow_its_environment(monkeypatch):
    monkeypatch.setenv("DVCBOT_POLL_INTERVAL", "42")
    first = settings()
    assert first.poller.interval == 42.0 and settings() is first      # built once
    monkeypatch.setenv("DVCBOT_POLL_INTERVAL", "43")
    assert settings().poller.interval == 43.0
    monkeypatch.setenv("DVCBOT_POLL_INTERVAL", "later")
    with pytest.raises(SettingsError, match="DVCBOT_POLL_INTERVAL"):
        settings()


def test_every_variable_is_declared_once():
    assert len(ENV_NAMES) == len(set(ENV_NAMES))
    for section, _, declared in settings_module.declarations():
        assert declared.meaning and declared.kind.expected, declared.env


def test_the_readme_settings_table_is_the_declarations():
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    begin, end = "<!-- settings-table:begin -->\n", "\n<!-- settings-table:end -->"
    assert begin in readme and end in readme, "README: the Settings table's markers are missing"
    table = readme[readme.index(begin) + len(begin):readme.index(end)]
    assert table == markdown_table(), "README's Settings table is stale: paste `dvcbot settings --markdown`"


def _run_dvcbot(args: list[str], env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess:
    full = {key: value for key, value in os.environ.items() if key not in ENV_NAMES}
    full.update(env, DVCBOT_STATE_DIR=str(tmp_path / "state"))
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], cwd=REPO_ROOT, env=full,
                          capture_output=True, text=True, timeout=120)


def test_dvcbot_run_stops_before_starting_anything_on_a_bad_value(tmp_path):
    result = _run_dvcbot(["run", "--no-chat"], {"DVCBOT_POLL_INTERVAL": "abc",
                                                "DVCBOT_RASA_PORT": "70000"}, tmp_path)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert "  DVCBOT_POLL_INTERVAL: expected a number of seconds ≥ 1, got 'abc'" in lines
    assert "  DVCBOT_RASA_PORT: expected a whole number from 1 to 65535, got '70000'" in lines
    assert not (tmp_path / "state").exists()          # no process started, nothing written


def test_dvcbot_settings_shows_every_variable_with_secrets_masked(tmp_path):
    result = _run_dvcbot(["settings"], {"TELEGRAM_BOT_TOKEN": "123456:SECRET-TOKEN",
                                        "DVCBOT_DATABASE_URL": "postgresql://bot:pa55@db/dvcbot",
                                        "DVCBOT_POLL_INTERVAL": "120"}, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "SECRET-TOKEN" not in result.stdout and "pa55" not in result.stdout
    assert "set, 19 characters (hidden)" in result.stdout
    assert "postgresql://bot:***@db/dvcbot" in result.stdout
    for name in ENV_NAMES:
        assert name in result.stdout
    bad = _run_dvcbot(["settings"], {"DVCBOT_POLL_INTERVAL": "abc"}, tmp_path)
    assert bad.returncode == 1
    assert "DVCBOT_POLL_INTERVAL: expected a number of seconds ≥ 1, got 'abc'" in bad.stderr


# --------------------------------------------------------------------------- one place

# Modules that touch os.environ without reading a setting of dvcbot, each with its reason.
ENVIRONMENT_PASSING = {
    "bot/core/settings.py": "the one place settings are read",
    "bot/runner.py": "builds the environment of the processes it starts (they read it here again)",
    "bot/training.py": "passes the environment to the `rasa train` child process",
    "bot/ops/cluster.py": "builds the environment of the cluster's child processes",
    "bot/ops/bench/stacks.py": "builds the environment of the benchmark stacks' child processes",
    "bot/bench.py": "points Rasa's own cache (RASA_CACHE_DIRECTORY) at a temporary folder",
    "bot/nlu/understand.py": "quiets TensorFlow and Rasa's libraries (their own variables)",
    "bot/action_server.py": "tells Sanic (SANIC_HOST) to listen on the loopback only",
    "bot/rasa_ext/endpoints.py": "expands ${VARIABLE} in endpoints.yml the way Rasa does",
}


def _environment_uses(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in {"environ", "getenv", "environb"}:
            lines.append(node.lineno)
        elif isinstance(node, ast.ImportFrom) and node.module == "os" and any(
                alias.name in {"environ", "getenv"} for alias in node.names):
            lines.append(node.lineno)
    return lines


def test_no_module_reads_the_environment_outside_the_settings():
    offenders = []
    for folder in ("bot", "actions", "knowledge"):
        for path in sorted((REPO_ROOT / folder).rglob("*.py")):
            relative = path.relative_to(REPO_ROOT).as_posix()
            if relative in ENVIRONMENT_PASSING:
                continue
            offenders += [f"{relative}:{line}" for line in _environment_uses(path)]
    assert offenders == [], ("read the setting from bot.core.settings (declare it there), or "
                             "allow-list an environment passing with its reason: " + ", ".join(offenders))


def test_the_allow_list_has_no_stale_entries():
    for relative in ENVIRONMENT_PASSING:
        assert _environment_uses(REPO_ROOT / relative), f"{relative} no longer touches os.environ"
