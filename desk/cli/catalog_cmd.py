"""`desk catalog import|search`: drugs and services."""
from __future__ import annotations

import argparse

from desk.cli.members_cmd import add_import, importing
from desk.cli.options import add_db, guarded, open_store


def add_parser(sub) -> None:
    catalog = sub.add_parser("catalog", help="the catalog of drugs and services: import, search")
    actions = catalog.add_subparsers(dest="action", metavar="ACTION", required=True)
    add_import(actions, "catalog items").set_defaults(run=guarded(importing("catalog", _catalog_importer)))
    search = actions.add_parser("search", help="search by code, name or pinyin initials (amxl finds 阿莫西林)")
    search.add_argument("query")
    search.add_argument("--limit", type=int, default=20)
    add_db(search)
    search.set_defaults(run=guarded(run_search))


def _catalog_importer():
    from desk.store.catalog import import_catalog

    return import_catalog


def run_search(args: argparse.Namespace) -> int:
    from desk.store.catalog import search

    for item in search(open_store(args), args.query, args.limit):
        ratio = f" 先行自付{item.selfpay_ratio:.0%}" if item.selfpay_ratio else ""
        print(f"{item.code:<14} {item.name} {item.spec}  {item.class_label}类{ratio}  {item.unit_price}/{item.unit}"
              f"  {item.fee_category}")
    return 0
