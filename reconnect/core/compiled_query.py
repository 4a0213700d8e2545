"""Queries whose SQL is compiled once, then run with each request's values, read as model
instances (``compiled_sql`` keeps the rows, for reads that build their own objects).

Building a queryset with subquery annotations and ``Exists`` through the ORM (each filter
resolved, each expression copied, the SQL written) costs a thread page about 3 ms of
processor time per query, many times what the database takes to answer it. The SQL of
such a query depends only on its shape (a moderator's or a member's, with or without the
reader's flags), never on the ids it is run with, so ``CompiledQuery`` builds it once
with stand-in ids, keeps the SQL, its parameters and how to make model instances from its
rows, and on each request puts the real ids in the stand-ins' places.

The instances are what the ORM makes: ``from_db`` for each row, the ``select_related``
objects through Django's own populators, the annotations as attributes, the values
through the database's converters (the same as ``ModelIterable``).

Never compiled during a token request (``current_acting_school()``): a manager that
narrows to the token's school would compile that school into every later request. Such a
request runs the ORM's queryset itself.
"""

import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connections, router
from django.db.models import Model, QuerySet
from django.db.models.query import get_related_populators

from reconnect.accounts.acting_school import current_acting_school

# Stand-in ids: far beyond any row's, so no other parameter of a query equals one by chance
# (``compile`` checks), yet within every integer field's range: Django drops a lookup on a
# value out of its field's range (a negative number of a positive field) from the SQL.
_FIRST_STAND_IN = 918273600


@dataclass(frozen=True)
class _Plan:
    sql: str
    params: tuple[Any, ...]
    slots: tuple[tuple[int, str], ...]  # (position in params, name of the value)
    model: type[Model]
    init_list: list[str]
    start: int
    end: int
    populators: list[Any]
    annotations: dict[str, int]
    converters: list[tuple[int, tuple[list[Any], Any]]]
    fetch_mode: Any


class CompiledQuery[M: Model]:
    """``build(**values)``'s rows as model instances, its SQL compiled once per database
    connection. ``build`` takes the named integer ``values`` and must make the same SQL
    whatever they are: only the parameters may change with them."""

    def __init__(self, model: type[M], build: Callable[..., QuerySet[M]], *names: str) -> None:
        self._model = model
        self._build = build
        self._names = names
        # Per connection object: the converters are the connection's own methods.
        self._plans: weakref.WeakKeyDictionary[Any, _Plan] = weakref.WeakKeyDictionary()

    def __call__(self, **values: int) -> list[M]:
        if set(values) != set(self._names):
            raise TypeError(f"Expected the values {self._names}, got {tuple(values)}.")
        if current_acting_school() is not None:
            return list(self._build(**values))
        connection = connections[router.db_for_read(self._model)]
        plan = self._plans.get(connection)
        if plan is None:
            plan = self._compile(self._build(**self._stand_ins()), connection)
            self._plans[connection] = plan
        return self._run(plan, connection, values)

    def _stand_ins(self, offset: int = 0) -> dict[str, int]:
        return {name: _FIRST_STAND_IN + offset + i for i, name in enumerate(self._names)}

    def _compile(self, queryset: QuerySet[M], connection: Any) -> _Plan:
        """The plan of ``queryset`` (built with the stand-ins) on ``connection``."""
        if current_acting_school() is not None:
            raise RuntimeError("No query is compiled during a token request.")
        if queryset.db != connection.alias or queryset.model is not self._model:
            raise ValueError("The query reads another model or database than it names.")
        if queryset._known_related_objects or queryset._prefetch_related_lookups:  # type: ignore[attr-defined]
            raise ValueError("A compiled query sets no known or prefetched relations.")
        compiler = queryset.query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        # Built again with other stand-ins, only the stand-ins' parameters may change: a
        # value written into the SQL (a limit) or dropped from it would be wrong later. A
        # value the query does not use (a moderator's sees every post) is in neither.
        stand_ins = self._stand_ins()
        others = self._stand_ins(1000)
        other_sql, other_params = (
            self._build(**others).query.get_compiler(connection=connection).as_sql()
        )
        by_value = {value: name for name, value in stand_ins.items()}
        slots = tuple((i, by_value[value]) for i, value in enumerate(params) if value in by_value)
        changed = {
            i
            for i, (one, other) in enumerate(zip(params, other_params, strict=False))
            if one != other
        }
        if (
            other_sql != sql
            or len(other_params) != len(params)
            or changed != {i for i, _name in slots}
            or any(other_params[i] != others[name] for i, name in slots)
        ):
            raise ValueError("The query's values are not only parameters of its SQL.")
        select, klass_info = compiler.select, compiler.klass_info
        fields = klass_info["select_fields"]
        start, end = fields[0], fields[-1] + 1
        fetch_mode = queryset._fetch_mode  # type: ignore[attr-defined]
        return _Plan(
            sql=sql,
            params=tuple(params),
            slots=slots,
            model=klass_info["model"],
            init_list=[column[0].target.attname for column in select[start:end]],
            start=start,
            end=end,
            populators=get_related_populators(klass_info, select, connection.alias, fetch_mode),
            annotations=dict(compiler.annotation_col_map),
            converters=list(compiler.get_converters([s[0] for s in select]).items()),
            fetch_mode=fetch_mode,
        )

    def _run(self, plan: _Plan, connection: Any, values: dict[str, int]) -> list[M]:
        params = list(plan.params)
        for position, name in plan.slots:
            params[position] = values[name]
        with connection.cursor() as cursor:
            cursor.execute(plan.sql, params)
            rows = cursor.fetchall()
        alias = connection.alias
        found: list[M] = []
        peers: list[Any] = []
        for fetched in rows:
            row = list(fetched)
            for position, (converters, expression) in plan.converters:
                value = row[position]
                for converter in converters:
                    value = converter(value, expression, connection)
                row[position] = value
            obj = plan.model.from_db(
                alias, plan.init_list, row[plan.start : plan.end], fetch_mode=plan.fetch_mode
            )
            if plan.fetch_mode.track_peers:
                peers.append(weakref.ref(obj))
                obj._state.peers = peers
            for populator in plan.populators:
                populator.populate(row, obj)
            for name, position in plan.annotations.items():
                setattr(obj, name, row[position])
            found.append(obj)  # type: ignore[arg-type]
        return found
