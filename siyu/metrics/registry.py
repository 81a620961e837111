"""The metric registry: every metric is declared once, beside its function, with `@metric`.

A declaration names the metric (as the CLI spells it, with `_`; `-` works too), the tables
without which it means nothing, and its output columns; its options are the function's
typed keyword arguments (after source, start, end) and its description is the first line of its docstring::

    @metric("push_hours", requires_any=("activity", "orders"), columns=("hour", "rank"))
    def push_hours(source: Source, start: Date, end: Date, *, group: str | None = None):
        '''The 24 hours of the day over every weekday, ranked.'''

Pages (`siyu.web`), the CLI, the weekly report, the benchmarks and the tests read the
declarations through `siyu.metrics.get(name)`: an unknown name raises `UnknownMetric`, an
unknown option `UnknownOption`, and the CLI turns `--set key=value` text into the option's
declared type (`Option.parse`) and prints every metric's options in its help.

Option types a declaration may use: `int`, `float`, `bool`, `str`, `datetime.date`,
`Literal[...]` (a choice), `tuple[str, ...]` (comma-separated on the command line), a class
with a `parse(text)` classmethod, and unions of these with `None`.
"""

from __future__ import annotations

import datetime as dt
import inspect
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import pandas as pd

MetricFunction = Callable[..., pd.DataFrame]

_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")


class RegistryError(Exception):
    """A misuse of the registry a user can cause; `key` names a message of siyu/text/cli.py."""

    def __init__(self, key: str, **params: Any) -> None:
        self.key = key
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str) -> str:
        from siyu.i18n import t

        return t(self.key, lang, **self.params)


class UnknownMetric(RegistryError, KeyError):
    """No metric is declared under this name."""

    def __init__(self, name: str, known: Iterable[str]) -> None:
        super().__init__("cli.no_metric", name=name, names=", ".join(sorted(known)))

    def __str__(self) -> str:  # KeyError would quote the message
        return self.message("en")


class UnknownOption(RegistryError, TypeError, ValueError):
    """An option the metric does not declare (a TypeError like an unexpected keyword)."""

    def __init__(self, metric: str, names: Iterable[str], known: Iterable[str]) -> None:
        super().__init__(
            "cli.unknown_option",
            metric=metric,
            names=", ".join(sorted(names)),
            known=", ".join(known) or "—",
        )


class OptionValueError(RegistryError, ValueError):
    """Text that does not read as the option's declared type."""

    def __init__(self, option: str, value: str, expected: str) -> None:
        super().__init__("cli.bad_value", option=option, value=value, expected=expected)


# -- options -------------------------------------------------------------------------------


def _members(annotation: Any) -> tuple[Any, ...]:
    """The types of a union (`int | None` -> (int, NoneType)), or the type alone."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return typing.get_args(annotation)
    return (annotation,)


def _type_name(tp: Any) -> str:
    origin = typing.get_origin(tp)
    if origin is Literal:
        return " | ".join(str(a) for a in typing.get_args(tp))
    if origin is tuple:
        return f"{_type_name(typing.get_args(tp)[0])},…"
    if tp is dt.date:
        return "YYYY-MM-DD"
    return getattr(tp, "TEXT", None) or getattr(tp, "__name__", str(tp))


def _parse_as(tp: Any, text: str) -> Any:
    """`text` as a value of `tp`; ValueError when it is not one."""
    origin = typing.get_origin(tp)
    if origin is Literal:
        if text in typing.get_args(tp):
            return text
        raise ValueError(text)
    if origin is tuple:
        item = typing.get_args(tp)[0]
        return tuple(_parse_as(item, part.strip()) for part in text.split(",") if part.strip())
    if tp is bool:
        if text.strip().lower() in _TRUE:
            return True
        if text.strip().lower() in _FALSE:
            return False
        raise ValueError(text)
    if tp is int:
        return int(text)
    if tp is float:
        return float(text)
    if tp is dt.date:
        return dt.date.fromisoformat(text)
    if tp is str or tp is Any:
        return text
    if callable(parse := getattr(tp, "parse", None)):
        return parse(text)
    raise TypeError(f"options of type {tp!r} cannot be read from text")


@dataclass(frozen=True)
class Option:
    """One keyword option of a metric: its name, declared type and default."""

    name: str
    type: Any
    default: Any
    required: bool = False

    @property
    def choices(self) -> tuple[Any, ...]:
        """The allowed values of a `Literal` option (else empty)."""
        out: list[Any] = []
        for tp in _members(self.type):
            if typing.get_origin(tp) is Literal:
                out.extend(typing.get_args(tp))
        return tuple(out)

    def parse(self, text: str) -> Any:
        """The option's value from command-line text, in its declared type.

        Each type of a union is tried in order (`int | Literal["all"]` reads `5` and `all`);
        an empty text is None where None is allowed.
        """
        kinds = _members(self.type)
        if text == "" and type(None) in kinds:
            return None
        for tp in kinds:
            if tp is type(None):
                continue
            try:
                return _parse_as(tp, text)
            except ValueError as exc:
                if callable(getattr(exc, "message", None)):
                    raise  # the type's own message says what is wrong (a funnel exclusion)
                continue
        raise OptionValueError(self.name, text, self.describe_type())

    def describe_type(self) -> str:
        """The type as help text (`int | all`); None, the default of most options, unsaid."""
        return " | ".join(_type_name(tp) for tp in _members(self.type) if tp is not type(None))

    def describe(self) -> str:
        """`name=TYPE (default …)`, as the CLI's help lists it."""
        if self.required:
            return f"{self.name}={self.describe_type()} (required)"
        shown = self.default
        if isinstance(shown, tuple):
            shown = ",".join(str(v) for v in shown)
        default = "" if shown in (None, "") else f" (default {shown})"
        return f"{self.name}={self.describe_type()}{default}"


def options_of(fn: MetricFunction) -> tuple[Option, ...]:
    """The parameters of `fn` after (source, start, end) as options, with their resolved
    annotations."""
    hints = typing.get_type_hints(fn)
    out = []
    for p in list(inspect.signature(fn).parameters.values())[3:]:
        if p.kind in (inspect.Parameter.VAR_KEYWORD, inspect.Parameter.VAR_POSITIONAL):
            raise TypeError(f"{fn.__qualname__}: declare options as typed keyword arguments")
        if p.kind is not inspect.Parameter.POSITIONAL_ONLY:
            required = p.default is inspect.Parameter.empty
            default = None if required else p.default
            out.append(Option(p.name, hints.get(p.name, Any), default, required))
    return tuple(out)


# -- metrics -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Metric:
    """A declared metric: call it like its function, with its options checked by name."""

    name: str
    fn: MetricFunction = field(repr=False)
    area: str
    requires: tuple[str, ...]
    requires_any: tuple[str, ...]
    columns: tuple[str, ...]
    description: str
    aliases: tuple[str, ...] = ()
    options: tuple[Option, ...] = ()

    def option(self, name: str) -> Option:
        for opt in self.options:
            if opt.name == name:
                return opt
        raise UnknownOption(self.name, [name], [o.name for o in self.options])

    def check(self, options: Mapping[str, Any]) -> dict[str, Any]:
        """`options` as a dict; UnknownOption when one is not declared."""
        known = {o.name for o in self.options}
        unknown = set(options) - known
        if unknown:
            raise UnknownOption(self.name, unknown, [o.name for o in self.options])
        return dict(options)

    def parse(self, pairs: Iterable[tuple[str, str]]) -> dict[str, Any]:
        """Options from (name, text) pairs (the CLI's `--set name=text`), typed."""
        return {name: self.option(name).parse(text) for name, text in pairs}

    def missing_table(self, source: Any) -> str | None:
        """The first table the source lacks for this metric (`a / b` for either of two)."""
        for table in self.requires:
            if not source.has(table):
                return table
        if self.requires_any and not any(source.has(t) for t in self.requires_any):
            return " / ".join(self.requires_any)
        return None

    def __call__(self, source: Any, start: Any, end: Any, /, **options: Any) -> pd.DataFrame:
        return self.fn(source, start, end, **self.check(options))


# Filled by `@metric` as the area modules are imported (see `siyu.metrics.__init__`).
DECLARED: dict[str, Metric] = {}


def metric(
    name: str | None = None,
    *,
    requires: tuple[str, ...] = (),
    requires_any: tuple[str, ...] = (),
    columns: tuple[str, ...],
    aliases: tuple[str, ...] = (),
) -> Callable[[MetricFunction], MetricFunction]:
    """Declare the decorated function as the metric `name` (default: its own name).

    The function is returned unchanged, so modules and tests may still call it directly.
    """

    def declare(fn: MetricFunction) -> MetricFunction:
        key = name or fn.__name__
        doc = inspect.getdoc(fn) or ""
        declared = Metric(
            name=key,
            fn=fn,
            area=fn.__module__.rsplit(".", 1)[-1],
            requires=tuple(requires),
            requires_any=tuple(requires_any),
            columns=tuple(columns),
            description=doc.split("\n\n", 1)[0].replace("\n", " "),
            aliases=tuple(aliases),
            options=options_of(fn),
        )
        previous = DECLARED.get(key)
        if previous is not None and previous.fn.__qualname__ != fn.__qualname__:
            raise RuntimeError(f"metric {key!r} is declared twice")
        DECLARED[key] = declared  # a reloaded module declares its metric again
        return fn

    return declare
