"""dvcbot's extensions of Rasa 3.6: its conversation and lock stores (stores.py) and the
speed-ups of the Rasa server (speedups.py), installed on purpose by `install()`.

Where install() is called:
  - `python -m bot.rasa_ext run ...` (bot/rasa_ext/__main__.py), which is how `dvcbot run` and
    the scale-out cluster start the Rasa server: it installs, checks that the store classes
    of the endpoints file import, and only then hands over to Rasa's own CLI;
  - DurableSQLTrackerStore when Rasa builds it from endpoints.yml (so a plain `rasa run` gets
    the same behaviour: the store is not durable without patch 5).
Importing this package, stores.py or speedups.py patches nothing.

The patches of Rasa and library internals, all of them:
  1. RemoteAction._validate_action_result: the action-reply schema's validator built once, each
     event checked against its own kind only (speedups.py); same verdicts, Rasa's error.
  2. GraphSchema.minimal_graph_schema: the plan of the model graph kept per set of targets.
  3. EndpointConfig.request: Rasa 3.6's body with one kept aiohttp session per endpoint and event
     loop (connections to the action server reused).
  4. Features._combine_sparse_features: two COO matrices joined directly; uses scipy's private
     scipy.sparse._sputils, so it is skipped (with a log line) when this scipy has moved it,
     and the results are the same either way.
  5. Agent._create_tracker_store: DurableSQLTrackerStore is not wrapped in FailSafeTrackerStore,
     whose errors would silently keep conversations in memory (stores.py).

They are written for Rasa 3.6 (tested with 3.6.21, pyproject.toml): on another version
install() refuses with RasaVersionError, and an attribute a patch replaces that is missing is
an error too. A failure to install stops the Rasa server from starting; it never falls back
to Rasa without the patches.
"""

from __future__ import annotations

import logging
from typing import Any, Callable, NamedTuple, Optional

logger = logging.getLogger(__name__)

SUPPORTED_RASA = (3, 6)
TESTED_RASA = "3.6.21"


class RasaExtError(RuntimeError):
    """bot.rasa_ext cannot be used: the Rasa server must not start.

    A RuntimeError on purpose: Rasa turns an ImportError or AttributeError raised while it
    builds a tracker store named by class path into a silent in-memory tracker store."""


class RasaVersionError(RasaExtError):
    """The installed Rasa is not the version the patches were written for."""


class Patch(NamedTuple):
    owner: type
    attribute: str
    replacement: Any
    what: str


# (owner, attribute) -> the owner's own value before install(), for uninstall()
_originals: dict[tuple[type, str], Any] = {}
_installed: list[str] = []


def check_rasa_version(version: str) -> None:
    """Refuse any Rasa but 3.6.x."""
    try:
        major_minor = tuple(int(part) for part in version.split(".")[:2])
    except ValueError:
        major_minor = ()
    if major_minor != SUPPORTED_RASA:
        raise RasaVersionError(
            f"bot.rasa_ext patches internals of Rasa {SUPPORTED_RASA[0]}.{SUPPORTED_RASA[1]}.x "
            f"(tested with {TESTED_RASA}), but Rasa {version} is installed: install "
            f"rasa=={TESTED_RASA} (pyproject.toml), or check each patch listed in "
            f"bot/rasa_ext/__init__.py against the new version first")


def install(rasa_version: Optional[str] = None) -> list[str]:
    """Install the patches once (later calls change nothing); returns what is installed.

    rasa_version: the version to check, by default the installed Rasa's."""
    if rasa_version is None:
        import rasa

        rasa_version = rasa.__version__
    check_rasa_version(rasa_version)
    if _installed:
        return list(_installed)
    from bot.rasa_ext import speedups, stores

    patches: list[Patch] = [*speedups.patches(), *stores.patches()]
    missing = [f"{p.owner.__module__}.{p.owner.__qualname__}.{p.attribute}" for p in patches
               if not hasattr(p.owner, p.attribute)]
    if missing:  # nothing is patched unless everything can be
        raise RasaExtError(f"Rasa {rasa_version} has no {', '.join(missing)}: "
                           "bot/rasa_ext/ must be ported to it")
    for patch in patches:
        _originals[(patch.owner, patch.attribute)] = patch.owner.__dict__.get(patch.attribute)
        setattr(patch.owner, patch.attribute, patch.replacement)
        _installed.append(patch.what)
    logger.info("bot.rasa_ext installed for Rasa %s: %s", rasa_version, "; ".join(_installed))
    return list(_installed)


def installed() -> list[str]:
    """What install() has installed in this process (empty before)."""
    return list(_installed)


def uninstall() -> None:
    """Give Rasa back its own code (for tests that must see Rasa unpatched)."""
    for (owner, attribute), original in reversed(list(_originals.items())):
        if original is None:
            delattr(owner, attribute)
        else:
            setattr(owner, attribute, original)
    _originals.clear()
    _installed.clear()


def guarded(call: Callable[[], Any], what: str) -> Any:
    """call(), with any ImportError or AttributeError it raises turned into RasaExtError (which
    Rasa does not turn into an in-memory tracker store)."""
    try:
        return call()
    except (ImportError, AttributeError) as error:
        raise RasaExtError(f"{what}: {error.__class__.__name__}: {error}") from error
