"""Speed-ups for the Rasa 3.6 server (patches 1-4 of bot/rasa_ext/__init__.py), installed by
bot.rasa_ext.install(), never by importing this module.

Every Rasa server started with dvcbot's endpoints.yml has them (`dvcbot run`, the scale-out
replicas). Each one removes a cost measured with py-spy under the 20-conversation load
(`dvcbot bench load --profile`, README "Performance and scale") and keeps Rasa's behaviour
exactly:

1. Action-reply validation. RemoteAction._validate_action_result calls
   jsonschema.validate(result, schema) for every custom-action reply; jsonschema 4.17 first
   checks the schema against the Draft 2020-12 meta-schema and builds a new validator each
   time: ~75 ms of CPU per action call (56 % of the server's busy time before this fix).
   Built once: ~1 ms for a two-event reply, still 10 % of the busy time, because each event is
   tried against all 23 kinds of event; an event is now checked against its own kind only
   (0.1 ms). Same schema, same verdicts; an invalid reply gets Rasa's own error.
2. The graph of the model. For every message, Rasa's DaskGraphRunner.run computes the part of
   the graph its targets need with GraphSchema.minimal_graph_schema, which walks every path
   of the graph recursively: ~10 % of the busy time. The graph never changes once loaded, so
   the answer is kept per schema and set of targets.
3. Connections to the action server. EndpointConfig.request opens a new aiohttp session, so a
   new TCP connection, for every custom-action call (~10 % of the busy time). Here each
   endpoint keeps one session per event loop and reuses its connections; an idle connection is
   dropped after KEEPALIVE_SECONDS, before the action server's own keep-alive (Sanic: 5 s)
   would close it under a request.
4. Combining sparse features. DIET joins the sparse features of every featurizer for every
   message with scipy.sparse.hstack, whose general block code costs ~0.4 ms a call, seven calls
   a message. Two COO matrices side by side are joined here directly (~0.1 ms): same type,
   dtypes, entries and order as scipy's result; other formats still go through scipy. It needs
   two helpers of scipy's private scipy.sparse._sputils: when a scipy release has moved them,
   this speed-up is skipped with a log line and scipy joins every matrix (same results).
"""

from __future__ import annotations

import asyncio
import copy
import functools
import logging
import os
import ssl
from typing import Any, Callable, Dict, List, Optional, Text, Tuple

import aiohttp
import numpy as np
import scipy.sparse
from aiohttp import ContentTypeError
from jsonschema import ValidationError, validators

from rasa.core.actions import action as rasa_action
from rasa.engine.graph import GraphSchema
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.exceptions import FileNotFoundException
from rasa.shared.nlu.training_data.features import Features
from rasa.utils import endpoints as rasa_endpoints

from bot.core.settings import settings
from bot.rasa_ext import Patch

logger = logging.getLogger(__name__)

KEEPALIVE_SECONDS = 2.0


def action_timeout_seconds() -> float:
    """DVCBOT_ACTION_TIMEOUT_SECONDS: the longest Rasa waits for the action server (default 30 s;
    Rasa's own is 5 minutes, holding a citizen's turn that long: M8). The portal look-up has
    its own, shorter budget."""
    return settings().rasa.action_timeout_seconds

# ----------------------------------------------------------------------------- 1. validation


@functools.lru_cache(maxsize=1)
def _action_response_validator():
    schema = rasa_action.RemoteAction.action_response_format_spec()
    cls = validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


@functools.lru_cache(maxsize=1)
def _per_event_validators():
    """(validator of the reply without its events, {event name: validator of one such event}),
    or None when Rasa's schema is not shaped as expected.

    Rasa's schema says an event matches exactly one of 23 alternatives (`oneOf`), each fixing
    `event` to a different constant; checking all 23 for every event is most of the cost. An
    event named X can only match the alternative for X, so checking that one alone gives the
    same verdict. Anything this fast path does not accept is checked by the full validator,
    which gives Rasa's own error."""
    schema = rasa_action.RemoteAction.action_response_format_spec()
    cls = validators.validator_for(schema)
    try:
        items = schema["properties"]["events"]["items"]
        base = {key: value for key, value in items.items() if key != "oneOf"}
        per_event = {}
        for branch in items["oneOf"]:
            name = branch["properties"]["event"]["const"]
            if not isinstance(name, str) or name in per_event:
                return None
            per_event[name] = cls({**base, "allOf": [branch]})
    except (KeyError, TypeError):
        return None
    outer = copy.deepcopy(schema)
    outer["properties"]["events"]["items"] = {}
    return cls(outer), per_event


def _valid_by_event(result: Any) -> bool:
    fast = _per_event_validators()
    if fast is None:
        return False
    outer, per_event = fast
    if not outer.is_valid(result):
        return False
    events = result.get("events") if isinstance(result, dict) else None
    for event in events if isinstance(events, list) else ():
        name = event.get("event") if isinstance(event, dict) else None
        validator = per_event.get(name) if isinstance(name, str) else None
        if validator is None or not validator.is_valid(event):
            return False
    return True


def _validate_action_result(self, result) -> bool:
    if _valid_by_event(result):
        return True
    try:
        _action_response_validator().validate(result)
        return True
    except ValidationError as e:
        e.message += (
            f". Failed to validate Action server response from API, "
            f"make sure your response from the Action endpoint is valid. "
            f"For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise e


# ----------------------------------------------------------------------------- 2. graph

_minimal_graph_schema = GraphSchema.minimal_graph_schema


def _cached_minimal_graph_schema(self: GraphSchema,
                                 targets: Optional[List[Text]] = None) -> GraphSchema:
    cache: Dict[Optional[Tuple[Text, ...]], GraphSchema] = self.__dict__.setdefault(
        "_dvcbot_minimal_schemas", {})
    key = tuple(targets) if targets else None
    schema = cache.get(key)
    if schema is None:
        schema = cache[key] = _minimal_graph_schema(self, targets)
    return schema


# ----------------------------------------------------------------------------- 3. connections


def _shared_session(endpoint: rasa_endpoints.EndpointConfig) -> aiohttp.ClientSession:
    """This endpoint's session for the running event loop, created on first use."""
    loop = asyncio.get_running_loop()
    held = endpoint.__dict__.get("_dvcbot_session")
    if held is not None and held[0] is loop and not held[1].closed:
        return held[1]
    auth = (aiohttp.BasicAuth(endpoint.basic_auth["username"], endpoint.basic_auth["password"])
            if endpoint.basic_auth else None)
    session = aiohttp.ClientSession(
        headers=endpoint.headers,
        auth=auth,
        timeout=aiohttp.ClientTimeout(total=action_timeout_seconds()),
        connector=aiohttp.TCPConnector(keepalive_timeout=KEEPALIVE_SECONDS),
    )
    endpoint.__dict__["_dvcbot_session"] = (loop, session)
    return session


async def _request(
    self: rasa_endpoints.EndpointConfig,
    method: Text = "post",
    subpath: Optional[Text] = None,
    content_type: Optional[Text] = "application/json",
    compress: bool = False,
    **kwargs: Any,
) -> Optional[Any]:
    """EndpointConfig.request of Rasa 3.6 with a kept session instead of a new one per call."""
    headers = {}
    if content_type:
        headers["Content-Type"] = content_type
    if "headers" in kwargs:
        headers.update(kwargs["headers"])
        del kwargs["headers"]
    if self.headers:
        headers.update(self.headers)

    url = rasa_endpoints.concat_url(self.url, subpath)

    sslcontext = None
    if self.cafile:
        try:
            sslcontext = ssl.create_default_context(cafile=self.cafile)
        except FileNotFoundError as e:
            raise FileNotFoundException(
                f"Failed to find certificate file, "
                f"'{os.path.abspath(self.cafile)}' does not exist."
            ) from e

    session = _shared_session(self)
    async with session.request(
        method,
        url,
        headers=headers,
        params=self.combine_parameters(kwargs),
        compress=compress,
        ssl=sslcontext,
        **kwargs,
    ) as response:
        if response.status >= 400:
            # Rasa logs this error with its body: keep only the start of it (rasa-sdk's 500
            # used to carry the whole conversation, M7; bot.action_server drops it too)
            raise rasa_endpoints.ClientResponseError(
                response.status,
                response.reason,
                (await response.content.read())[:200],
            )
        try:
            return await response.json()
        except ContentTypeError:
            return None


# ----------------------------------------------------------------------------- 4. features


def sparse_index_helpers() -> Optional[Tuple[Callable[..., Any], Callable[..., Any]]]:
    """(get_index_dtype, upcast) from scipy's private scipy.sparse._sputils, or None when this
    scipy does not have them there."""
    try:
        from scipy.sparse._sputils import get_index_dtype, upcast
    except ImportError:
        return None
    return get_index_dtype, upcast


def hstack_pair(left: Any, right: Any) -> Any:
    """scipy.sparse.hstack([left, right]) for two matrices with the same number of rows."""
    helpers = sparse_index_helpers()
    if helpers is None or not (type(left) is scipy.sparse.coo_matrix
                               and type(right) is scipy.sparse.coo_matrix):
        return scipy.sparse.hstack([left, right])
    get_index_dtype, upcast = helpers
    shape = (left.shape[0], left.shape[1] + right.shape[1])
    index = get_index_dtype(maxval=max(shape))
    data = np.concatenate([left.data, right.data]).astype(upcast(left.dtype, right.dtype),
                                                          copy=False)
    row = np.concatenate([left.row, right.row]).astype(index, copy=False)
    col = np.concatenate([left.col.astype(index, copy=False),
                          right.col.astype(index, copy=False) + index(left.shape[1])])
    return scipy.sparse.coo_matrix((data, (row, col)), shape=shape)


def _combine_sparse_features(self: Features, additional_features: Features) -> None:
    if self.features.shape[0] != additional_features.features.shape[0]:
        raise ValueError(
            f"Cannot combine sparse features as sequence dimensions do not "
            f"match: {self.features.shape[0]} != "
            f"{additional_features.features.shape[0]}."
        )
    self.features = hstack_pair(self.features, additional_features.features)
    self._cached_fingerprint = None


# ----------------------------------------------------------------------------- patches


def patches() -> List[Patch]:
    """Patches 1-4, for bot.rasa_ext.install(); 4 only when scipy's private helpers are there."""
    chosen = [
        Patch(rasa_action.RemoteAction, "_validate_action_result", _validate_action_result,
              "1. action replies validated by a validator built once"),
        Patch(GraphSchema, "minimal_graph_schema", _cached_minimal_graph_schema,
              "2. the model graph's plan kept"),
        Patch(rasa_endpoints.EndpointConfig, "request", _request,
              "3. kept connections to the action server"),
    ]
    if sparse_index_helpers() is None:
        logger.warning("speed-up 4 (joining sparse features) skipped: scipy %s has no "
                       "scipy.sparse._sputils.get_index_dtype/upcast; scipy.sparse.hstack joins "
                       "them (same results, about 0.3 ms more a message)", scipy.__version__)
    else:
        chosen.append(Patch(Features, "_combine_sparse_features", _combine_sparse_features,
                            "4. sparse features joined directly"))
    return chosen
