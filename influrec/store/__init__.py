"""The DuckDB store: schema and migrations, idempotent upserts, the build's derivations and
every query. Every SQL statement of the project lives in this package; values always travel
as bound parameters or registered DataFrames, never spliced into SQL text.

Split by stage: `core` (connections, schema, writes), `derive` (what `etl build`
computes), `reads` (what the app and the engine ask).
"""
from influrec.errors import StoreError  # noqa: F401  (callers catch store.StoreError)
from influrec.store.core import *  # noqa: F401,F403
from influrec.store.core import BASE_TABLES, SCHEMA_VERSION  # noqa: F401
from influrec.store.derive import *  # noqa: F401,F403
from influrec.store.reads import *  # noqa: F401,F403
