"""YAML read with its line numbers, so that every error can name the file and the line.

- `read_yaml(path)`: the data and the composed node tree, or `YamlFileError` saying
  "file:line: không phải YAML hợp lệ (problem)".
- `line_of(node, keys)`: the line (1-based) of the deepest key (or list index) of a path found
  in the node tree; `yaml_line(text, keys)` does the same from the text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Optional, Union

import yaml


class YamlFileError(ValueError):
    """A YAML file that cannot be read or parsed; the message names the file and the line."""


def parse_yaml(text: str, where: Union[str, Path]) -> tuple[Any, Optional[yaml.Node]]:
    """(data, node tree) of a YAML text; `where` names it in the error."""
    try:
        return yaml.safe_load(text), yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        place = f"{where}:{mark.line + 1}" if mark else str(where)
        raise YamlFileError(f"{place}: không phải YAML hợp lệ "
                            f"({getattr(error, 'problem', None) or error})") from None


def read_yaml(path: Union[str, Path]) -> tuple[Any, Optional[yaml.Node]]:
    """(data, node tree) of a YAML file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise YamlFileError(f"{path}: không đọc được tệp ({error.strerror})") from None
    return parse_yaml(text, path)


def line_of(node: Optional[yaml.Node], keys: Iterable[Union[str, int]]) -> Optional[int]:
    """The line of the deepest key of `keys` present under `node` (None when not even the first)."""
    line = None
    for key in keys:
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if key_node.value == str(key):
                    line, node = key_node.start_mark.line + 1, value_node
                    break
            else:
                break
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line + 1
        else:
            break
    return line


def yaml_line(text: str, keys: Iterable[Union[str, int]]) -> Optional[int]:
    """The line of the deepest key of `keys` in a YAML text (None for bad YAML or no match)."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    return line_of(node, keys)
