"""`desk simulate`: a year of visits replayed under two policies, side by side (南昌 六's 费用测算)."""
from __future__ import annotations

import argparse
from pathlib import Path

from desk.cli.options import guarded


def add_parser(sub) -> None:
    p = sub.add_parser("simulate", help="replay a year of visits under a policy and another (a pack or a reform"
                                        " file), member by member, and compare the fund's and patients' cost")
    p.add_argument("base", help="the policy in force: a pack id (nanchang) or a reform file (.toml)")
    p.add_argument("other", help="the policy to compare: a pack id or a reform file (.toml) changing some parameters")
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--db", type=Path, help="a desk database: its settlements of --year (reversed ones left out)")
    source.add_argument("--synthetic", type=int, metavar="N", help="N members from the demo generator and their year")
    p.add_argument("--place", default=None, help="with --synthetic: the demo site (default: the base pack's id)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--year", type=int, default=2026)
    p.add_argument("--out-dir", type=Path, help="write simulate-members.csv and simulate.pdf (a chart) here")
    p.add_argument("--policy-dir", type=Path, action="append", default=[], help="another folder of packs")
    p.set_defaults(run=guarded(run))


def run(args: argparse.Namespace) -> int:
    from desk.analytics.simulate import compare, from_desk, members_csv, policy, summary_lines, synthetic
    from desk.policy.loader import Library
    from desk.store.database import open_db

    library = Library(args.policy_dir)
    base, other = policy(args.base, library), policy(args.other, library)
    if args.db:
        if not args.db.exists():
            raise ValueError(f"db: {args.db} does not exist")
        population = from_desk(open_db(args.db), args.year)
    else:
        if args.synthetic < 1:
            raise ValueError(f"synthetic: {args.synthetic} is not a number of members (at least 1)")
        place = args.place or (base.follows and args.base) or base.id
        population = synthetic(place, args.synthetic, args.seed, args.year)
    comparison = compare(base, other, population)
    print("\n".join(summary_lines(comparison)))
    if args.out_dir:
        from desk.receipts.simulate_pdf import render_simulation
        from desk.store.private_files import write_private

        args.out_dir.mkdir(parents=True, exist_ok=True)
        write_private(args.out_dir / "simulate-members.csv", members_csv(comparison))
        write_private(args.out_dir / "simulate.pdf", render_simulation(comparison))
        print(f"wrote simulate-members.csv and simulate.pdf in {args.out_dir}")
    return 0
