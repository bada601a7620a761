"""Reads to a PostgreSQL replica (`DATABASE_REPLICA_URL`), everything else to the primary.

Installed by config/settings/base.py only when the variable is set ("replica" alias). Writes go to
the primary, and so do reads made inside a transaction on the primary: a service that reads
what it is about to change, or what it has just written, must not see a replica that lags
behind. Outside transactions a page may read data up to the replica's lag old — acceptable for
the public portals and the open data API; wrap a read in `primary()` when it must be current.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"
_pinned = ContextVar("huunghi_ops_primary", default=False)


@contextmanager
def primary():
    """Send every read in the block to the primary."""
    token = _pinned.set(True)
    try:
        yield
    finally:
        _pinned.reset(token)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _pinned.get() or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return REPLICA

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # Both aliases hold the same data: an object read from the replica may be linked to
        # one from the primary.
        return {obj1._state.db, obj2._state.db} <= {DEFAULT_DB_ALIAS, REPLICA, None}

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS
