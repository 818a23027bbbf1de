"""`desk users`: cashiers, supervisors and admins (an admin acts; unlock needs a supervisor)."""
from __future__ import annotations

import argparse

from desk.cli.options import acting_user, add_db, guarded, now, open_store, read_pin


def add_parser(sub) -> None:
    users = sub.add_parser("users", help="users and roles: add, list, pin, role, disable, enable, unlock")
    actions = users.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="add a user; the new PIN comes from $DESK_NEW_PIN or a prompt")
    add.add_argument("user_id")
    add.add_argument("--name", required=True)
    add.add_argument("--role", required=True, choices=("cashier", "supervisor", "admin"))
    listing = actions.add_parser("list", help="all users with their roles")
    pin = actions.add_parser("pin", help="set a user's PIN (from $DESK_NEW_PIN or a prompt)")
    role = actions.add_parser("role", help="change a user's role")
    role.add_argument("role_name", choices=("cashier", "supervisor", "admin"))
    disable = actions.add_parser("disable", help="disable a user")
    enable = actions.add_parser("enable", help="enable a user again")
    unlock = actions.add_parser("unlock", help="unlock a user locked after wrong PINs")
    for parser in (pin, role, disable, enable, unlock):
        parser.add_argument("user_id")
    for parser in (add, listing, pin, role, disable, enable, unlock):
        add_db(parser, user=parser is not listing)
        parser.set_defaults(run=guarded(run))


def _new_pin() -> str:
    import os

    return os.environ.get("DESK_NEW_PIN") or read_pin("new PIN: ")


def run(args: argparse.Namespace) -> int:
    from desk.store import users

    db = open_store(args)
    if args.action == "list":
        for user in users.list_users(db):
            state = "active" if user["active"] else "disabled"
            locked = f", locked until {user['locked_until']}" if user["locked_until"] else ""
            print(f"{user['user_id']:<16} {user['name']:<10} {user['role']:<10} {state}{locked}")
        return 0
    actor, when = acting_user(db, args), now()
    if args.action == "add":
        users.add_user(db, actor, args.user_id, args.name, args.role, _new_pin(), when)
    elif args.action == "pin":
        users.set_pin(db, actor, args.user_id, _new_pin(), when)
    elif args.action == "role":
        users.set_role(db, actor, args.user_id, args.role_name, when)
    elif args.action in ("disable", "enable"):
        users.set_active(db, actor, args.user_id, args.action == "enable", when)
    else:
        users.unlock(db, actor, args.user_id, when)
    print(f"{args.action}: {args.user_id} done")
    return 0
