"""`desk members import|find`: the agency's roster."""
from __future__ import annotations

import argparse
from typing import Callable
from pathlib import Path

from desk.cli.options import acting_user, add_db, guarded, now, open_store, progress


def add_import(actions, what: str) -> argparse.ArgumentParser:
    parser = actions.add_parser("import", help=f"import or update {what} from a .csv or .jsonl file")
    parser.add_argument("file", type=Path)
    parser.add_argument("--skip-bad", action="store_true", help="import the good rows; write the bad ones to --rejects")
    parser.add_argument("--rejects", type=Path, help="where --skip-bad writes rejected rows (default FILE.rejects.csv)")
    parser.add_argument("--encoding", help="the file's encoding (default: UTF-8 if it reads as UTF-8, else GB18030/GBK)")
    add_db(parser, user=True)
    return parser


def check_rejects_target(args: argparse.Namespace) -> None:
    """A missing folder for the rejects file is refused before anything is imported."""
    if args.skip_bad:
        from desk.store.private_files import check_target

        check_target(args.rejects or args.file.with_suffix(".rejects.csv"))


def report_import(args: argparse.Namespace, result, what: str) -> int:
    from desk.store.roster import write_rejects

    print(f"{what}: {result.read:,} rows read, {result.inserted:,} added, {result.updated:,} updated,"
          f" {len(result.rejected):,} rejected")
    if result.rejected:
        target = args.rejects or args.file.with_suffix(".rejects.csv")
        write_rejects(target, result.rejected)
        print(f"rejected rows with their reasons: {target}")
    return 0


def importing(what: str, importer: Callable[[], Callable]) -> Callable[[argparse.Namespace], int]:
    """The run function of `desk members|catalog import`: the importer (named lazily) and its report."""
    def run(args: argparse.Namespace) -> int:
        check_rejects_target(args)
        db = open_store(args)
        result = importer()(db, acting_user(db, args), args.file, now(), skip_bad=args.skip_bad,
                            progress=progress(what), encoding=args.encoding)
        return report_import(args, result, what)
    return run


def _roster_importer() -> Callable:
    from desk.store.roster import import_roster

    return import_roster


def add_parser(sub) -> None:
    members = sub.add_parser("members", help="the member roster: import, find")
    actions = members.add_subparsers(dest="action", metavar="ACTION", required=True)
    add_import(actions, "members").set_defaults(run=guarded(importing("members", _roster_importer)))
    find = actions.add_parser("find", help="look a member up by card, 电子凭证 code, ID number or member id")
    find.add_argument("key")
    add_db(find)
    find.set_defaults(run=guarded(run_find))


def run_find(args: argparse.Namespace) -> int:
    from desk.money import from_fen, money_str
    from desk.store.roster import certifications_of, family_of, member_named

    db = open_store(args)
    member = member_named(db, args.key)
    print(f"{member.member_id}  {member.name}  {member.masked_id}  {member.category}  {member.scheme}"
          f"  account {money_str(from_fen(member.account_balance_fen))}" + ("  [演示数据 demo]" if member.demo else ""))
    for benefit, disease, start, end in certifications_of(db, member.member_id):
        print(f"  certified: {benefit} {disease}  {start.isoformat()} to {end.isoformat()}")
    for relative, relation in family_of(db, member.member_id):
        balance = money_str(from_fen(relative.account_balance_fen))
        print(f"  family: {relative.member_id} {relative.name} {relation}  account {balance}")
    return 0
