"""`prongsai serve`, `demo` and `manage`: the web app; Django is set up only here."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from prongsai import library
from prongsai.config.secret import ensure_secret_key


def register(commands: Any) -> None:
    for name, help_text in (
        ("serve", "start the web app"),
        ("demo", "start the web app with demo data"),
    ):
        p = commands.add_parser(name, help=help_text)
        p.add_argument("--dev", action="store_true", help="Django's development server, DEBUG on")
        p.add_argument("--host", default="127.0.0.1")
        p.add_argument("--port", type=int, default=8000)
        p.add_argument("--workers", type=int, default=2, help="gunicorn workers")
        p.set_defaults(handler=cmd_serve, demo=name == "demo")

    p = commands.add_parser("manage", help="run a Django management command")
    p.add_argument("arguments", nargs=argparse.REMAINDER)
    p.set_defaults(handler=cmd_manage)


def setup_django(*, debug: bool = False) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prongsai.config.settings")
    if debug:
        os.environ["DEBUG"] = "true"
    ensure_secret_key()
    import django

    django.setup()


def cmd_serve(args: argparse.Namespace) -> int:
    setup_django(debug=args.dev)
    from django.core.management import call_command

    editions = library.registry().all()  # refuse to start on a broken imported edition
    print(f"เกณฑ์การประเมิน {len(editions)} ฉบับ: {', '.join(f.key for f in editions)}")
    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    url = f"http://{args.host}:{args.port}/"
    if args.demo:
        from prongsai.cli.demo_data import load_demo

        login = load_demo()
        print(
            f"ข้อมูลตัวอย่างพร้อมแล้ว / demo data loaded\n"
            f"  เข้าใช้ที่ / open     {url}\n"
            f"  ชื่อผู้ใช้ / username  {login.username}\n"
            f"  รหัสผ่าน / password  {login.password}"
        )
        if login.others:
            print("  ผู้ใช้ของ อบต.คอนนิม ตามบทบาท / users of อบต.คอนนิม by role:")
            for username, role, password in login.others:
                print(f"    {username:<14} {password:<14} {role}")
        if login.overseers:
            print("  ผู้กำกับติดตามระดับจังหวัด / oversight (สาธิตบุรี, ขอนแก่น):")
            for username, role, password in login.overseers:
                print(f"    {username:<14} {password:<14} {role}")
    else:
        print(f"prongsai: {url}")
    sys.stdout.flush()
    if args.dev:
        call_command("runserver", f"{args.host}:{args.port}", use_reloader=False)
        return 0
    gunicorn = [
        sys.executable,
        "-m",
        "gunicorn",
        "prongsai.config.wsgi:application",
        "--bind",
        f"{args.host}:{args.port}",
        "--workers",
        str(args.workers),
        "--access-logfile",
        "-",
    ]
    os.execv(sys.executable, gunicorn)
    return 0  # not reached


def cmd_manage(args: argparse.Namespace) -> int:
    setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["prongsai manage", *args.arguments])
    return 0
