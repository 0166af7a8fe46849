"""`prongsai api-token create`: a personal API token for a script, printed once."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from prongsai.cli.common import CliError


def register(commands: Any) -> None:
    tokens = commands.add_parser("api-token", help="personal API tokens").add_subparsers(
        dest="action", required=True
    )
    p = tokens.add_parser("create", help="make a token for a user and print it once")
    p.add_argument("--user", required=True, help="the username the token acts as")
    p.add_argument(
        "--agency",
        required=True,
        action="append",
        help="an agency (its number or exact name) the token reaches; repeat for more",
    )
    p.add_argument("--scope", choices=("read", "write"), default="read")
    p.add_argument("--days", type=int, default=90, help="days until it expires (default 90)")
    p.add_argument("--name", default="script", help="a name to recognise it by")
    p.set_defaults(handler=cmd_token_create)


def cmd_token_create(args: argparse.Namespace) -> int:
    from prongsai.cli.server import setup_django

    setup_django()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db.models import Q

    from prongsai.agencies.models import Agency
    from prongsai.api.tokens import TokenError, create_token

    call_command("migrate", interactive=False, verbosity=0)
    user = get_user_model().objects.filter(username=args.user).first()
    if user is None:
        raise CliError(f"ไม่มีผู้ใช้ {args.user!r} / no user {args.user!r}")
    agency_ids = []
    for wanted in args.agency:
        by_id = Q(pk=int(wanted)) if wanted.isdigit() else Q(pk__in=[])
        agency = Agency.objects.filter(by_id | Q(name=wanted)).first()
        if agency is None:
            raise CliError(f"ไม่มีหน่วยงาน {wanted!r} / no agency {wanted!r}")
        agency_ids.append(agency.pk)
    try:
        token, plain = create_token(
            user=user, name=args.name, scope=args.scope, agency_ids=agency_ids, days=args.days
        )
    except TokenError as exc:
        raise CliError(str(exc)) from exc
    print(plain)
    print(
        f"โทเคน {token.name} ({token.scope}) ใช้ได้ถึง {token.expires:%Y-%m-%d}; "
        "แสดงครั้งเดียว เก็บให้ดี / shown once: keep it safe",
        file=sys.stderr,
    )
    return 0
