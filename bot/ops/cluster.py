"""The scale-out configuration of dvcbot on one machine, from Debian packages (no Docker):

    PostgreSQL   own cluster (initdb into the state directory), own port, loopback only,
                 password auth; databases `rasa_tracker` (Rasa's SQL tracker store) and
                 `dvcbot` (knowledge base and the other dvcbot tables)
    Redis        own port, loopback, password; Rasa's RedisLockStore (one conversation is
                 handled by one replica at a time, in order)
    portal simulator, action server (rasa-sdk)
    N Rasa server replicas (same model, same endpoints), REST channel + HTTP API on loopback
    a load balancer on one address: nginx (round-robin) or, without nginx, bot.ops.proxy

    python -m bot.ops.cluster up   [--replicas 2] [--state var/scale] [--balancer auto]
    python -m bot.ops.cluster down [--state var/scale]
    python -m bot.ops.cluster status

scripts/scale/up.sh and down.sh wrap these. Processes keep running after `up` returns; their
pids are in <state>/pids/, logs in <state>/logs/, the addresses in <state>/cluster.json.
Tests and the benchmark use the same classes in-process (Cluster, Postgres, Redis).
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import pwd
import secrets
import shlex
import shutil
import signal
import stat
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bot.core.settings import settings
from bot.ops.process import Process, free_port, pid_alive, port_in_use, quiet_env
from bot.paths import REPO_ROOT, latest_model
from bot.runner import active_endpoints, project_credentials
from bot.tokens import ACTIONS_TOKEN, RASA_API_TOKEN, REST_TOKEN, ensure_token

DEFAULT_STATE = REPO_ROOT / "var" / "scale"
DB_USER = "dvcbot"
TRACKER_DB = "rasa_tracker"
KB_DB = "dvcbot"


class ClusterError(RuntimeError):
    """Something could not be started; the message says what and where its log is."""


def _as_postgres_user() -> list[str]:
    """PostgreSQL refuses to run as root: run its programs as the `postgres` user then."""
    if os.geteuid() != 0:
        return []
    runuser = shutil.which("runuser")
    if runuser:
        return [runuser, "-u", "postgres", "--"]
    return ["su", "postgres", "-s", "/bin/sh", "-c"]  # pragma: no cover - runuser is in util-linux


def postgres_bin_dir() -> Path | None:
    """Directory with initdb/pg_ctl/postgres (Debian keeps them in /usr/lib/postgresql/<v>/bin)."""
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                        key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0)
    if candidates:
        return Path(candidates[-1]).parent
    found = shutil.which("initdb")
    return Path(found).resolve().parent if found else None


def missing_programs() -> list[str]:
    """Debian packages whose programs are absent (the scale tests skip naming them)."""
    missing = []
    if postgres_bin_dir() is None:
        missing.append("postgresql (initdb, pg_ctl)")
    if shutil.which("redis-server") is None:
        missing.append("redis-server")
    if os.geteuid() == 0 and postgres_bin_dir() is not None:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            missing.append("a `postgres` user (running as root)")
    return missing


def nginx_path() -> str | None:
    return shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)


# Rasa's RedisLockStore is not atomic across replicas (see the README, "Performance and scale")
ATOMIC_LOCK_STORE = "bot.rasa_ext.stores.AtomicRedisLockStore"


# ----------------------------------------------------------------------------- secrets


def load_secrets(state: Path) -> dict[str, str]:
    path = state / "secrets.json"
    if path.exists():
        return json.loads(path.read_text())
    values = {"postgres_password": secrets.token_urlsafe(18), "redis_password": secrets.token_urlsafe(18)}
    state.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(values))
    path.chmod(0o600)
    return values


# ----------------------------------------------------------------------------- PostgreSQL


@dataclass
class Postgres:
    """A private PostgreSQL cluster: <dir>/data, log <dir>/postgres.log, loopback:port only."""

    directory: Path
    port: int
    password: str

    @property
    def data(self) -> Path:
        return self.directory / "data"

    @property
    def log(self) -> Path:
        return self.directory / "postgres.log"

    def _bin(self, name: str) -> str:
        bin_dir = postgres_bin_dir()
        if bin_dir is None:
            raise ClusterError("PostgreSQL is not installed: run scripts/install-system-deps.sh "
                               "(apt-get install postgresql)")
        return str(bin_dir / name)

    def _run(self, args: list[str], timeout: float = 120) -> subprocess.CompletedProcess:
        prefix = _as_postgres_user()
        if prefix and prefix[0] == "su":  # pragma: no cover
            command = prefix + [" ".join(map(shlex.quote, args))]
        else:
            command = prefix + args
        return subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                              stdin=subprocess.DEVNULL, cwd="/")

    def init(self) -> None:
        if (self.data / "PG_VERSION").exists():
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        pwfile = self.directory / "pwfile"
        pwfile.write_text(self.password + "\n")
        if os.geteuid() == 0:
            shutil.chown(self.directory, "postgres", "postgres")
            shutil.chown(pwfile, "postgres", "postgres")
            self.directory.chmod(0o700)
            probe = self._run(["test", "-w", str(self.directory)])
            if probe.returncode != 0:
                raise ClusterError(f"the postgres user cannot write {self.directory}: every parent "
                                   "directory must be searchable (chmod o+x)")
        pwfile.chmod(0o600)
        result = self._run([self._bin("initdb"), "-D", str(self.data), "-U", DB_USER,
                            "--auth=scram-sha-256", f"--pwfile={pwfile}", "-E", "UTF8",
                            "--no-locale", "--no-instructions"])
        pwfile.unlink(missing_ok=True)
        if result.returncode != 0:
            raise ClusterError(f"initdb failed:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")

    def running(self) -> bool:
        if not (self.data / "postmaster.pid").exists():
            return False
        self._reachable()
        return self._run([self._bin("pg_ctl"), "-D", str(self.data), "status"]).returncode == 0

    def _reachable(self) -> None:
        """As root, PostgreSQL runs as `postgres`: every parent of its directory must stay
        searchable (o+x) for that user, also after a dvcbot process made its state directory
        private (bot.paths.make_private sets 700 on the directory it is given: `dvcbot kb load`
        in `up` does, after PostgreSQL started). Checked before every pg_ctl call: without it
        `pg_ctl stop` was refused ("could not access directory") and the server left running."""
        if os.geteuid() != 0:
            return
        for parent in self.directory.parents:
            mode = parent.stat().st_mode
            if not mode & stat.S_IXOTH:
                parent.chmod(mode | stat.S_IXOTH)

    def start(self, timeout: int = 60) -> None:
        self.init()
        self._reachable()
        if self.running():
            return
        options = (f"-c listen_addresses=127.0.0.1 -p {self.port} -c unix_socket_directories='' "
                   "-c max_connections=300 -c shared_buffers=64MB")
        result = self._run([self._bin("pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-w",
                            "-t", str(timeout), "-o", options, "start"], timeout=timeout + 30)
        if result.returncode != 0:
            raise ClusterError(f"PostgreSQL did not start (port {self.port}); see {self.log}:\n"
                               f"{result.stdout[-1500:]}{result.stderr[-1500:]}")

    def stop(self, mode: str = "fast") -> None:
        if not (self.data / "postmaster.pid").exists():
            return
        self._reachable()
        self._run([self._bin("pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop"])

    def restart(self, mode: str = "fast") -> None:
        self.stop(mode)
        self.start()

    def url(self, database: str) -> str:
        return f"postgresql://{DB_USER}:{self.password}@127.0.0.1:{self.port}/{database}"

    def connect(self, database: str = "postgres"):
        import psycopg2

        return psycopg2.connect(host="127.0.0.1", port=self.port, user=DB_USER,
                                password=self.password, dbname=database, connect_timeout=5)

    def create_database(self, name: str) -> None:
        conn = self.connect()
        try:
            conn.autocommit = True
            with conn.cursor() as cur:
                cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
                if cur.fetchone() is None:
                    cur.execute(f'CREATE DATABASE "{name}" ENCODING \'UTF8\'')
        finally:
            conn.close()


# ----------------------------------------------------------------------------- Redis


@dataclass
class Redis:
    directory: Path
    port: int
    password: str

    @property
    def pidfile(self) -> Path:
        return self.directory / "redis.pid"

    def pid(self) -> int | None:
        try:
            pid = int(self.pidfile.read_text().strip())
        except (OSError, ValueError):
            return None
        return pid if pid_alive(pid) else None

    def start(self, timeout: float = 20) -> None:
        if self.pid() is not None:
            return
        server = shutil.which("redis-server")
        if server is None:
            raise ClusterError("redis-server is not installed: run scripts/install-system-deps.sh")
        self.directory.mkdir(parents=True, exist_ok=True)
        config = self.directory / "redis.conf"
        config.write_text("\n".join([
            f"port {self.port}", "bind 127.0.0.1", "protected-mode yes", "daemonize yes",
            f"pidfile {self.pidfile}", f"logfile {self.directory / 'redis.log'}",
            f"dir {self.directory}", 'save ""', "appendonly no",
            f"requirepass {self.password}", "",
        ]))
        config.chmod(0o600)
        result = subprocess.run([server, str(config)], capture_output=True, text=True, timeout=30,
                                stdin=subprocess.DEVNULL)
        if result.returncode != 0:
            raise ClusterError(f"redis-server did not start: {result.stderr[-1000:]}")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if port_in_use(self.port, timeout=0.5) and self.pid() is not None:
                return
            time.sleep(0.1)
        raise ClusterError(f"redis-server not listening on {self.port}; see {self.directory / 'redis.log'}")

    def stop(self) -> None:
        pid = self.pid()
        if pid is None:
            return
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and pid_alive(pid):
            time.sleep(0.1)


# ----------------------------------------------------------------------------- processes


def service(name: str, command: list[str], env: dict[str, str], state: Path,
            health_url: str) -> Process:
    """A cluster server: detached (it outlives `cluster up`), with its pidfile and log in the
    state directory, so that `cluster down` from another shell stops it."""
    return Process(name, command, health_url, env, state / "logs" / f"{name}.log",
                   pidfile=state / "pids" / f"{name}.pid", detached=True)


def wait_healthy(process: Process, timeout: float) -> None:
    problem = process.wait_serving(timeout, poll=0.3)
    if problem == "exited":
        raise ClusterError(f"{process.name} exited during start-up; last lines of "
                           f"{process.log_path}:\n" + process.log_tail(25))
    if problem == "timeout":
        raise ClusterError(f"{process.name} not ready after {timeout:.0f} s; see {process.log_path}")


# ----------------------------------------------------------------------------- the cluster


@dataclass
class ClusterConfig:
    state: Path = DEFAULT_STATE
    replicas: int = 2
    tracker: str = "postgres"     # postgres | sqlite (the repo's endpoints.yml, for one replica)
    lock: str = "redis"           # redis | memory
    kb_database: str = "postgres"  # postgres | sqlite: where DVCBOT_DATABASE_URL points
    balancer: str = "auto"        # auto | nginx | python | none
    pg_port: int = 55432
    redis_port: int = 56379
    lb_port: int = 5100
    rasa_ports: list[int] = field(default_factory=list)  # default: lb_port + 1 + i
    actions_port: int = 5155
    simulator_port: int = 8775
    model: Path | None = None
    start_timeout: float = 600.0
    sql_pool_size: int = 10
    credentials: Path | None = None  # default: credentials.yml as `dvcbot run` fills it in
    tracker_type: str | None = None  # default: the `type` of endpoints.yml's SQL tracker store
    lock_type: str | None = None     # default: ATOMIC_LOCK_STORE

    @classmethod
    def with_free_ports(cls, state: Path, **kwargs) -> "ClusterConfig":
        replicas = kwargs.pop("replicas", 2)
        return cls(state=state, replicas=replicas, pg_port=free_port(), redis_port=free_port(),
                   lb_port=free_port(), rasa_ports=[free_port() for _ in range(replicas)],
                   actions_port=free_port(), simulator_port=free_port(), **kwargs)

    def replica_ports(self) -> list[int]:
        ports = list(self.rasa_ports) or [self.lb_port + 1 + i for i in range(self.replicas)]
        while len(ports) < self.replicas:
            ports.append(free_port())
        return ports[: self.replicas]


class Cluster:
    """Start, inspect and stop the scale-out configuration (see the module doc)."""

    def __init__(self, config: ClusterConfig):
        self.config = config
        self.state = config.state.resolve()
        self.state.mkdir(parents=True, exist_ok=True)
        self.secrets = load_secrets(self.state)
        self.postgres = Postgres(self.state / "pg", config.pg_port, self.secrets["postgres_password"])
        self.redis = Redis(self.state / "redis", config.redis_port, self.secrets["redis_password"])
        self.ports = config.replica_ports()
        self.balancer_kind = self._choose_balancer()
        self.simulator: Process | None = None
        self.actions: Process | None = None
        self.replicas: list[Process] = []
        self.balancer: Process | None = None
        self._plan()

    # -------------------------------------------------------------- addresses
    @property
    def replica_urls(self) -> list[str]:
        return [f"http://127.0.0.1:{p}" for p in self.ports]

    @property
    def url(self) -> str:
        """The one address citizens' channels talk to (the balancer, or the only replica)."""
        if self.balancer_kind == "none":
            return self.replica_urls[0]
        return f"http://127.0.0.1:{self.config.lb_port}"

    @property
    def simulator_url(self) -> str:
        return f"http://127.0.0.1:{self.config.simulator_port}"

    @property
    def actions_url(self) -> str:
        return f"http://127.0.0.1:{self.config.actions_port}"

    def _choose_balancer(self) -> str:
        kind = self.config.balancer
        if kind == "auto":
            if self.config.replicas == 1:
                return "none"
            return "nginx" if nginx_path() else "python"
        if kind == "nginx" and not nginx_path():
            raise ClusterError("nginx is not installed: run scripts/install-system-deps.sh or use --balancer python")
        return kind

    # -------------------------------------------------------------- configuration files
    def _base_env(self) -> dict[str, str]:
        env = quiet_env(dict(os.environ))
        env["PYTHONPATH"] = str(REPO_ROOT) + os.pathsep + env.get("PYTHONPATH", "")
        env["DVCBOT_STATE_DIR"] = str(self.state)
        env["DVCBOT_PORTAL_URL"] = self.simulator_url
        env["DVCBOT_RASA_URL"] = self.url
        # one REST token for the cluster's life (var/rest-token in its state directory)
        for setting in (REST_TOKEN, RASA_API_TOKEN, ACTIONS_TOKEN):
            env[setting.env], _ = ensure_token(setting, env, self.state, reuse_file=True)
        if self.config.kb_database == "postgres":
            env["DVCBOT_DATABASE_URL"] = self.postgres.url(KB_DB)
        else:
            env["DVCBOT_DATABASE_URL"] = f"sqlite:///{self.state / 'dvcbot.sqlite3'}"
        env["SQL_POOL_SIZE"] = str(self.config.sql_pool_size)   # Rasa's SQL tracker store pool
        env["SQL_MAX_OVERFLOW"] = str(self.config.sql_pool_size)
        return env

    def endpoints(self) -> dict:
        endpoints = active_endpoints(REPO_ROOT / "endpoints.yml", self.config.actions_port, self.state)
        repo_tracker = endpoints.get("tracker_store") or {}
        # the SQL tracker store class the repository uses (Rasa's "SQL" or a subclass of it)
        tracker_type = self.config.tracker_type or (
            repo_tracker.get("type") if repo_tracker.get("dialect") else None) or "SQL"
        if self.config.tracker == "postgres":
            endpoints["tracker_store"] = {
                "type": tracker_type, "dialect": "postgresql", "url": "127.0.0.1",
                "port": self.config.pg_port, "username": DB_USER,
                "password": self.secrets["postgres_password"], "db": TRACKER_DB,
            }
        else:
            endpoints["tracker_store"] = {"type": tracker_type, "dialect": "sqlite",
                                          "db": str(self.state / "rasa_tracker.sqlite3")}
        if self.config.lock == "redis":
            endpoints["lock_store"] = {
                "type": self.config.lock_type or ATOMIC_LOCK_STORE,
                "url": "127.0.0.1", "port": self.config.redis_port,
                "password": self.secrets["redis_password"], "db": 1, "key_prefix": "dvcbot",
            }
        else:
            endpoints.pop("lock_store", None)
        return endpoints

    def credentials(self, env: dict[str, str]) -> dict:
        if self.config.credentials is not None:
            return yaml.safe_load(self.config.credentials.read_text(encoding="utf-8")) or {}
        credentials, _, _ = project_credentials(env)
        if not any(name == "rest" or name.endswith("RestInput") for name in credentials):
            credentials["rest"] = None
        return credentials

    def _plan(self) -> None:
        env = self._base_env()
        python = sys.executable
        self.simulator = service(
            "portal-simulator", [python, "-m", "actions.portal.simulator", "--host", "127.0.0.1",
                                 "--port", str(self.config.simulator_port)],
            env, self.state, self.simulator_url + "/")
        self.actions = service(
            "action-server", [python, "-m", "bot.action_server", "--actions", "actions",
                              "--port", str(self.config.actions_port)],
            dict(env, SANIC_HOST="127.0.0.1"), self.state, self.actions_url + "/health")
        endpoints_path = self.state / "endpoints.cluster.yml"
        credentials_path = self.state / "credentials.cluster.yml"
        self._endpoints_path, self._credentials_path = endpoints_path, credentials_path
        model = self.config.model or latest_model()
        self.model = model
        self.replicas = []
        for index, port in enumerate(self.ports):
            command = [python, "-m", "bot.rasa_ext", "run", "--model", str(model or "models"),
                       "--enable-api", "--interface", "127.0.0.1", "--port", str(port),
                       "--credentials", str(credentials_path), "--endpoints", str(endpoints_path)]
            self.replicas.append(service(f"rasa-{index + 1}", command, env, self.state,
                                         f"http://127.0.0.1:{port}/"))
        if self.balancer_kind == "nginx":
            conf = self.state / "nginx" / "nginx.conf"
            self.balancer = service("balancer", [nginx_path() or "nginx", "-p", str(conf.parent),
                                                 "-c", str(conf), "-g", "daemon off;"],
                                    env, self.state, self.url + "/")
        elif self.balancer_kind == "python":
            self.balancer = service(
                "balancer", [python, "-m", "bot.ops.proxy", "--port", str(self.config.lb_port)]
                + [arg for u in self.replica_urls for arg in ("--upstream", u)],
                env, self.state, self.url + "/")

    def _write_configs(self) -> None:
        env = self._base_env()
        self._endpoints_path.write_text(yaml.safe_dump(self.endpoints(), allow_unicode=True))
        self._endpoints_path.chmod(0o600)
        self._credentials_path.write_text(yaml.safe_dump(self.credentials(env), allow_unicode=True))
        if self.balancer_kind == "nginx":
            conf_dir = self.state / "nginx"
            conf_dir.mkdir(parents=True, exist_ok=True)
            upstreams = "\n".join(f"    server 127.0.0.1:{p} max_fails=1 fail_timeout=5s;"
                                  for p in self.ports)
            (conf_dir / "nginx.conf").write_text(NGINX_CONF.format(
                state=conf_dir, upstreams=upstreams, port=self.config.lb_port))

    # -------------------------------------------------------------- lifecycle
    def up(self) -> dict:
        if self.model is None:
            raise ClusterError("no trained model in models/: run `make train` first")
        if self.config.tracker == "postgres" or self.config.kb_database == "postgres":
            self.postgres.start()
            self.postgres.create_database(TRACKER_DB)
            self.postgres.create_database(KB_DB)
        if self.config.lock == "redis":
            self.redis.start()
        if self.config.kb_database == "postgres":
            self.load_knowledge()
        self._write_configs()
        timeout = self.config.start_timeout
        assert self.simulator and self.actions
        self.simulator.start()
        self.actions.start()
        for replica in self.replicas:
            replica.start()
        wait_healthy(self.simulator, 60)
        wait_healthy(self.actions, timeout)
        with ThreadPoolExecutor(len(self.replicas)) as pool:
            list(pool.map(lambda r: wait_healthy(r, timeout), self.replicas))
        if self.balancer is not None:
            self.balancer.start()
            wait_healthy(self.balancer, 30)
        info = self.info()
        (self.state / "cluster.json").write_text(json.dumps(info, indent=2))
        return info

    def load_knowledge(self) -> None:
        """`dvcbot kb load` into the shared database once, before the servers start: the
        replicas and the action server would otherwise all load it at the same moment."""
        result = subprocess.run([sys.executable, "-m", "bot.cli", "kb", "load"], cwd=REPO_ROOT,
                                env=self._base_env(), capture_output=True, text=True, timeout=300,
                                stdin=subprocess.DEVNULL)
        if result.returncode != 0:
            raise ClusterError("dvcbot kb load failed:\n" + (result.stdout + result.stderr)[-2000:])

    def info(self) -> dict:
        return {
            "url": self.url, "replicas": self.replica_urls, "balancer": self.balancer_kind,
            "actions_url": self.actions_url, "simulator_url": self.simulator_url,
            "tracker_store": self.config.tracker, "lock_store": self.config.lock,
            "kb_database": self.config.kb_database,
            "postgres": {"host": "127.0.0.1", "port": self.config.pg_port, "user": DB_USER,
                         "databases": [TRACKER_DB, KB_DB], "data": str(self.postgres.data)}
            if self.config.tracker == "postgres" or self.config.kb_database == "postgres" else None,
            "redis": {"host": "127.0.0.1", "port": self.config.redis_port}
            if self.config.lock == "redis" else None,
            "model": str(self.model), "state": str(self.state), "logs": str(self.state / "logs"),
        }

    def restart_replica(self, index: int, crash: bool = False) -> None:
        replica = self.replicas[index]
        replica.kill() if crash else replica.stop(grace=15.0)
        replica.start()
        wait_healthy(replica, self.config.start_timeout)

    def down(self) -> None:
        for proc in [self.balancer, *reversed(self.replicas), self.actions, self.simulator]:
            if proc is not None:
                proc.stop(grace=15.0)
        self.redis.stop()
        self.postgres.stop()
        (self.state / "cluster.json").unlink(missing_ok=True)

    def status(self) -> dict[str, bool]:
        result = {}
        if (self.postgres.data / "PG_VERSION").exists():
            result["postgres"] = self.postgres.running()
        result["redis"] = self.redis.pid() is not None
        for proc in [self.simulator, self.actions, *self.replicas, self.balancer]:
            if proc is not None:
                result[proc.name] = proc.pid() is not None
        return result


NGINX_CONF = """# generated by bot.ops.cluster: round-robin over the Rasa replicas, loopback only
worker_processes 1;
pid {state}/nginx.pid;
error_log {state}/error.log warn;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  client_body_temp_path {state}/tmp-body;
  proxy_temp_path {state}/tmp-proxy;
  fastcgi_temp_path {state}/tmp-fastcgi;
  uwsgi_temp_path {state}/tmp-uwsgi;
  scgi_temp_path {state}/tmp-scgi;
  client_max_body_size 1m;
  client_body_buffer_size 1m;
  upstream rasa {{
{upstreams}
    keepalive 64;
  }}
  server {{
    listen 127.0.0.1:{port};
    # only the channels' webhooks and the health check; Rasa's HTTP API stays on each replica
    location /webhooks/ {{
      proxy_pass http://rasa;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_read_timeout 120s;
      proxy_next_upstream error timeout http_502 http_503;
      proxy_next_upstream_tries 2;
      add_header X-Dvcbot-Replica $upstream_addr always;
    }}
    location = / {{ proxy_pass http://rasa; proxy_http_version 1.1; proxy_set_header Connection ""; }}
    location / {{ return 404; }}
  }}
}}
"""


# ----------------------------------------------------------------------------- command line


def _config_from_args(args: argparse.Namespace) -> ClusterConfig:
    state = Path(args.state).resolve()
    saved = state / "cluster.args.json"
    config = ClusterConfig(state=state)
    if getattr(args, "command", "") != "up" and saved.exists():
        values = json.loads(saved.read_text())
        for key, value in values.items():
            setattr(config, key, Path(value) if key in {"state", "model", "credentials"} and value else value)
        return config
    for key in ("replicas", "tracker", "lock", "kb_database", "balancer", "pg_port", "redis_port",
                "lb_port", "actions_port", "simulator_port"):
        value = getattr(args, key, None)
        if value is not None:
            setattr(config, key, value)
    if getattr(args, "model", None):
        config.model = Path(args.model).resolve()
    if getattr(args, "credentials", None):
        config.credentials = Path(args.credentials).resolve()
    if getattr(args, "tracker_type", None):
        config.tracker_type = args.tracker_type
    if getattr(args, "lock_type", None):
        config.lock_type = args.lock_type
    return config


def main(argv: list[str] | None = None) -> int:
    scale = settings().scale
    defaults = ClusterConfig()
    parser = argparse.ArgumentParser(prog="python -m bot.ops.cluster", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["up", "down", "status"])
    parser.add_argument("--state", default=str(scale.state_dir or DEFAULT_STATE))
    parser.add_argument("--replicas", type=int, default=scale.replicas)
    parser.add_argument("--balancer", choices=["auto", "nginx", "python", "none"], default="auto")
    parser.add_argument("--tracker", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--lock", choices=["redis", "memory"], default="redis")
    parser.add_argument("--kb-database", dest="kb_database", choices=["postgres", "sqlite"],
                        default="postgres")
    parser.add_argument("--pg-port", type=int, default=scale.pg_port)
    parser.add_argument("--redis-port", type=int, default=scale.redis_port)
    parser.add_argument("--lb-port", type=int, default=scale.port,
                        help="the one address (replicas use the next ports)")
    parser.add_argument("--actions-port", type=int, default=defaults.actions_port)
    parser.add_argument("--simulator-port", type=int, default=defaults.simulator_port)
    parser.add_argument("--model", default=None, help="model archive (default: newest in models/)")
    parser.add_argument("--credentials", default=None,
                        help="Rasa credentials file (default: credentials.yml as `dvcbot run` fills it in)")
    parser.add_argument("--tracker-type", default=None,
                        help="tracker store class (default: the type in endpoints.yml, else SQL)")
    parser.add_argument("--lock-type", default=None,
                        help=f"lock store class (default: {ATOMIC_LOCK_STORE})")
    args = parser.parse_args(argv)
    config = _config_from_args(args)
    cluster = Cluster(config)
    if args.command == "up":
        values = {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(config).items()}
        (cluster.state / "cluster.args.json").write_text(json.dumps(values))
        print(f"scale: starting {config.replicas} Rasa replica(s), tracker store {config.tracker}, "
              f"lock store {config.lock}, balancer {cluster.balancer_kind} "
              f"(loading the model takes a minute)...", flush=True)
        started = time.monotonic()
        try:
            info = cluster.up()
        except (ClusterError, OSError) as error:
            print(f"scale: {error}", file=sys.stderr)
            print("scale: stopping what was started", file=sys.stderr)
            cluster.down()
            return 1
        print(json.dumps(info, indent=2))
        print(f"scale: up in {time.monotonic() - started:.0f} s; REST: {info['url']}/webhooks/rest/webhook; "
              f"stop with scripts/scale/down.sh", flush=True)
        return 0
    if args.command == "down":
        cluster.down()
        print("scale: stopped")
        return 0
    for name, alive in cluster.status().items():
        print(f"{name:18s} {'running' if alive else 'stopped'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
