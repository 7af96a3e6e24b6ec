"""The one loader of citizen-facing texts: YAML files a non-programmer edits, checked on load.

Each module that talks to citizens declares, next to its code, the texts its file must hold
and the placeholders each may use::

    TEXTS = TextFile(Path(__file__).with_name("texts.yml"), {
        "too_long": {"length", "limit"},      # a text that must use {length} and {limit}
        "opened": {"commune_name", "when?"},  # {when?}: allowed, the text may leave it out
        "consent_yes": set(),                 # a text without placeholders
        "answer.header": {"code"},            # a dotted name: `header:` under `answer:`
        "erase_commands": TEXT_LIST,          # a list of texts
        "menu": Buttons("label", "payload"),  # a list of buttons, each with these fields
    })
    TEXTS.text("too_long", length=5000, limit=4000)

Loading fails, with every problem on its own line as "file:line: name: problem" (in Vietnamese:
the files are edited by operators), on bad YAML,
a missing text, a name the program does not know, an unknown {placeholder}, a placeholder the
text must use but does not, broken braces, or a value of the wrong kind. `text()` fills a text
in with exactly the declared placeholders: a call with a missing or an extra value is a
programming error (TextsError), which the tests meet before any citizen would.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping, NamedTuple, Optional, Union

from bot.core.yaml_lines import YamlFileError, line_of, read_yaml


class TextsError(ValueError):
    """A text file that breaks its declaration, or a text filled in with the wrong values."""


class Problem(NamedTuple):
    line: int
    name: str       # the dotted text name ("answer.header"), "" for the whole file
    message: str


@dataclass(frozen=True)
class Text:
    """One text: the placeholders it must use and those it may use."""

    required: frozenset[str] = frozenset()
    optional: frozenset[str] = frozenset()

    @classmethod
    def of(cls, names: Union[set, frozenset, tuple, list]) -> "Text":
        names = [str(n) for n in names]
        return cls(frozenset(n for n in names if not n.endswith("?")),
                   frozenset(n[:-1] for n in names if n.endswith("?")))

    @property
    def allowed(self) -> frozenset[str]:
        return self.required | self.optional


@dataclass(frozen=True)
class TextListKind:
    """A non-empty list of texts without placeholders (e.g. the words of a command)."""


TEXT_LIST = TextListKind()


@dataclass(frozen=True)
class Buttons:
    """A non-empty list of buttons; each is a mapping of exactly these fields to texts."""

    fields: tuple[str, ...]

    def __init__(self, *fields: str):
        object.__setattr__(self, "fields", tuple(fields))


Kind = Union[Text, TextListKind, Buttons]


def _kind(spec: Any) -> Kind:
    if isinstance(spec, (Text, TextListKind, Buttons)):
        return spec
    if isinstance(spec, (set, frozenset, tuple, list)):
        return Text.of(spec)
    raise TypeError(f"not a text declaration: {spec!r}")


def placeholders(template: str) -> set[str]:
    """The {names} a template uses (ValueError on broken braces)."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


class Texts:
    """The texts of one checked file (or of checked values, e.g. from a database)."""

    def __init__(self, path: Path, declared: Mapping[str, Any], values: Mapping[str, Any]):
        self.path, self._values = path, values
        self._declared = {name: _kind(spec) for name, spec in declared.items()}

    def text(self, name: str, /, **values: Any) -> str:
        kind = self._declared.get(name)
        if not isinstance(kind, Text):
            raise TextsError(f"{self.path}: {name}: not a declared text")
        given = set(values)
        if given != kind.allowed:
            missing, extra = sorted(kind.allowed - given), sorted(given - kind.allowed)
            raise TextsError(f"{self.path}: {name}: filled in without {missing} / with unknown {extra}; "
                             f"declared placeholders: {sorted(kind.allowed)}")
        return self._values[name].format(**values)

    def value(self, name: str) -> Any:
        """A list of texts or of buttons, as declared."""
        if name not in self._values:
            raise TextsError(f"{self.path}: {name}: not declared")
        return self._values[name]

    def names(self) -> tuple[str, ...]:
        return tuple(self._declared)


def check_values(data: Any, declared: Mapping[str, Any],
                 line: Callable[[list], Optional[int]]) -> tuple[dict[str, Any], list[Problem]]:
    """The declared values of `data` and every problem; `line(keys)` finds a key's line."""
    declared = {name: _kind(spec) for name, spec in declared.items()}
    problems: list[Problem] = []

    def report(keys: list, dotted: str, message: str) -> None:
        problems.append(Problem(line(keys) or 1, dotted, message))

    if not isinstance(data, Mapping):
        report([], "", "tệp phải gồm các dòng `tên câu: câu chữ`")
        return {}, problems
    values: dict[str, Any] = {}
    for name, kind in declared.items():
        keys = name.split(".")
        node: Any = data
        for part in keys:
            node = node.get(part) if isinstance(node, Mapping) else None
        if node is None:
            report(keys, name, "thiếu câu này")
            continue
        if isinstance(kind, Text):
            if not isinstance(node, str) or not node.strip():
                report(keys, name, "phải là một câu chữ, không để trống")
                continue
            try:
                used = placeholders(node)
            except ValueError as error:
                report(keys, name, f"dấu ngoặc nhọn bị hỏng ({error}); muốn in dấu ngoặc thì gõ {{{{ hoặc }}}}")
                continue
            unknown, missing = sorted(used - kind.allowed), sorted(kind.required - used)
            if unknown:
                report(keys, name, "chỗ điền lạ " + ", ".join("{" + u + "}" for u in unknown)
                       + "; chỉ được dùng: " + (", ".join("{" + a + "}" for a in sorted(kind.allowed))
                                                or "không có chỗ điền nào"))
            if missing:
                report(keys, name, "phải giữ chỗ điền " + ", ".join("{" + m + "}" for m in missing))
            values[name] = node.rstrip("\n")
        elif isinstance(kind, TextListKind):
            if not isinstance(node, list) or not node or not all(isinstance(v, str) and v.strip() for v in node):
                report(keys, name, "phải là một danh sách câu chữ, không để trống")
                continue
            values[name] = [v.strip() for v in node]
        else:
            fields = ", ".join(f"{f}:" for f in kind.fields)
            if not isinstance(node, list) or not node:
                report(keys, name, f"phải là một danh sách nút, mỗi nút có {fields}")
                continue
            for index, button in enumerate(node):
                spot, where = keys + [index], f"{name}[{index + 1}]"
                if not isinstance(button, Mapping):
                    report(spot, where, f"mỗi nút phải có {fields}")
                    continue
                for field in kind.fields:
                    if not isinstance(button.get(field), str) or not button[field].strip():
                        report(spot + [field], f"{where}.{field}", "phải là một câu chữ, không để trống")
                for field in button:
                    if field not in kind.fields:
                        report(spot + [field], f"{where}.{field}", f"trường lạ; một nút chỉ có {fields}")
            values[name] = [{f: str(b.get(f, "")).strip() for f in kind.fields}
                            for b in node if isinstance(b, Mapping)]
    for keys in _unknown(data, declared, []):
        report(keys, ".".join(keys), "tên câu lạ (chương trình không dùng câu này; xem lại chính tả)")
    return values, problems


def _unknown(data: Mapping, declared: Mapping[str, Kind], prefix: list) -> list[list]:
    found = []
    for key, value in data.items():
        keys = prefix + [str(key)]
        dotted = ".".join(keys)
        if dotted in declared:
            continue
        if isinstance(value, Mapping) and any(name.startswith(dotted + ".") for name in declared):
            found.extend(_unknown(value, declared, keys))
        else:
            found.append(keys)
    return found


def _check(path: Path, declared: Mapping[str, Kind]) -> Texts:
    try:
        data, root = read_yaml(path)
    except YamlFileError as error:
        raise TextsError(str(error)) from None
    values, problems = check_values(data, declared, lambda keys: line_of(root, keys))
    if problems:
        raise TextsError("\n".join(f"{path}:{p.line}: {p.name}: {p.message}" if p.name
                                   else f"{path}:{p.line}: {p.message}" for p in problems))
    return Texts(path, declared, values)


class TextFile:
    """A declared text file; `text()` reads it once per process (and per path)."""

    def __init__(self, path: Union[str, Path], declared: Mapping[str, Any]):
        self.path = Path(path)
        self.declared: dict[str, Kind] = {name: _kind(spec) for name, spec in declared.items()}
        self._loaded: dict[str, Texts] = {}

    def check(self, path: Optional[Union[str, Path]] = None) -> Texts:
        """The texts of `path` (default: the file), read now; TextsError listing every problem."""
        return _check(Path(path or self.path), self.declared)

    def load(self, path: Optional[Union[str, Path]] = None) -> Texts:
        key = str(path or self.path)
        if key not in self._loaded:
            self._loaded[key] = self.check(key)
        return self._loaded[key]

    def text(self, name: str, /, **values: Any) -> str:
        return self.load().text(name, **values)

    def value(self, name: str) -> Any:
        return self.load().value(name)

    def forget(self) -> None:
        """Read the file again on next use (after an edit, in tests)."""
        self._loaded.clear()
