"""Operator commands speak Vietnamese: argparse's own words (usage, options, errors) for the
commands in OPERATOR_COMMANDS, while one runs. Developer commands stay in English.

The commands' own help and error texts are written in Vietnamese where they are defined."""

from __future__ import annotations

import argparse
import contextlib
from typing import Iterator

OPERATOR_COMMANDS = frozenset({"kb", "team", "report", "qr", "purge"})

ARGPARSE_WORDS = {
    "usage: ": "cách dùng: ",
    "options": "tùy chọn",
    "positional arguments": "tham số",
    "show this help message and exit": "hiện hướng dẫn này rồi thoát",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "unrecognized arguments: %s": "không hiểu tham số: %s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "giá trị không hợp lệ: %(value)r (chọn một trong: %(choices)s)",
    "invalid %(type)s value: %(value)r": "giá trị không hợp lệ: %(value)r",
    "expected one argument": "cần một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "expected at most one argument": "chỉ nhận nhiều nhất một giá trị",
    "one of the arguments %s is required": "cần một trong các tham số %s",
    "not allowed with argument %s": "không dùng chung được với %s",
    "ambiguous option: %(option)s could match %(matches)s":
        "tùy chọn không rõ: %(option)s có thể là %(matches)s",
}


def _argument_error(self: argparse.ArgumentError) -> str:
    if self.argument_name is None:
        return self.message
    return f"tham số {self.argument_name}: {self.message}"


@contextlib.contextmanager
def vietnamese_argparse() -> Iterator[None]:
    """argparse in Vietnamese inside the block (restored after, so that tests running several
    commands in one process see each command's own language)."""
    saved = argparse._, argparse.ArgumentError.__str__
    argparse._ = lambda text: ARGPARSE_WORDS.get(text, text)
    argparse.ArgumentError.__str__ = _argument_error
    try:
        yield
    finally:
        argparse._, argparse.ArgumentError.__str__ = saved
