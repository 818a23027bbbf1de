"""Sync: the desk's client and the hub it meets other counters at (see README, "Sync and the hub").

The counter program calls ``sync_once`` from a background thread and ``status`` for its status
bar; the reports call ``overruns_for`` and ``trace_conflicts_for``. The hub lives in ``hub_app`` (HTTP), ``hub_store`` (what it
keeps) and ``hub_db`` (SQLite or PostgreSQL).
"""
from desk.sync.overruns import OverrunRecord, TraceConflictRecord, overruns_for, trace_conflicts_for

__all__ = ["OverrunRecord", "TraceConflictRecord", "overruns_for", "trace_conflicts_for"]
