"""SQL a page runs on every request, built once a process instead of every time, read as
rows (``compiled_query.CompiledQuery`` does the same and makes model instances with their
``select_related`` objects, as the ORM does).

Building a query through the ORM (resolving each filter, joining for the model's ordering,
compiling) costs the cohort pages and saving an answer several times what the database
takes to answer it, and a ``RawQuerySet`` re-reads its columns and converters on every
run. The queries here have a fixed shape: only their values change, so the SQL is kept per
database alias and the values put in on each run. The rows are converted by the fields' own
converters (SQLite returns dates as text) and become model instances through
``Model.from_db``, as the ORM itself does.

A query is never compiled during a token request: the memberships' narrowing to the
token's school (``reconnect.accounts.acting_school``) would be baked into the SQL for
every later request. Callers take the ORM's path then.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connections, models
from django.db.models import QuerySet

from reconnect.accounts.acting_school import current_acting_school

# Stand-ins no row has, one for each value a compiled query takes, found again in its
# parameters once it is compiled.
SENTINELS = (-918273645, -918273646, -918273647)


@dataclass(frozen=True)
class Compiled:
    sql: str
    params: tuple[Any, ...]
    # (parameter index, value index): where each run's values go in ``params``.
    positions: tuple[tuple[int, int], ...]


def compile_once(
    cache: dict[str, Compiled], alias: str, build: Callable[..., QuerySet[Any]], arity: int
) -> Compiled:
    """``build(*SENTINELS[:arity])``'s SQL, compiled the first time ``alias`` asks."""
    found = cache.get(alias)
    if found is not None:
        return found
    if current_acting_school() is not None:
        raise RuntimeError("A query is not compiled during a token request.")
    stand_ins = SENTINELS[:arity]
    sql, params = build(*stand_ins).query.get_compiler(alias).as_sql()
    positions = tuple(
        (i, stand_ins.index(value))
        for i, value in enumerate(params)
        if isinstance(value, int) and value in stand_ins
    )
    if {index for _position, index in positions} != set(range(arity)):
        raise RuntimeError("A value of the compiled query was not found in its parameters.")
    compiled = cache[alias] = Compiled(sql=sql, params=tuple(params), positions=positions)
    return compiled


def run(compiled: Compiled, alias: str, values: Sequence[Any]) -> list[tuple[Any, ...]]:
    params = list(compiled.params)
    for position, index in compiled.positions:
        params[position] = values[index]
    with connections[alias].cursor() as cursor:
        cursor.execute(compiled.sql, params)
        return cursor.fetchall()


Converters = list[tuple[int, list[Callable[..., Any]], Any]]


def converters_of(alias: str, fields: Sequence[models.Field[Any, Any] | None]) -> Converters:
    """The converters the ORM applies to these columns (None: a column left as read)."""
    connection = connections[alias]
    found: Converters = []
    for index, field in enumerate(fields):
        if field is None:
            continue
        column = field.get_col(field.model._meta.db_table)
        functions = connection.ops.get_db_converters(column) + field.get_db_converters(connection)
        if functions:
            found.append((index, functions, column))
    return found


def convert(alias: str, row: Sequence[Any], converters: Converters) -> list[Any]:
    values = list(row)
    connection = connections[alias]
    for index, functions, column in converters:
        value = values[index]
        for function in functions:
            value = function(value, column, connection)
        values[index] = value
    return values
