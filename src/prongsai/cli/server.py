"""`prongsai serve`, `demo` and `manage`: the web app; Django is set up only here.

`serve` and `demo` also start a background worker when tasks wait in the database
(TASKS_BACKEND=db, the default) and stop it when the web server stops.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
from types import FrameType
from typing import Any

from prongsai import library
from prongsai.config.secret import ensure_secret_key

# Processes for the cores (Python runs one request at a time per process), threads so a
# worker keeps serving while a request waits for the database and so browsers' kept-alive
# connections are served (gunicorn's threaded worker; its plain worker closes each one).
WORKERS = max(2, os.cpu_count() or 1)
THREADS = 4


def register(commands: Any) -> None:
    for name, help_text in (
        ("serve", "start the web app"),
        ("demo", "start the web app with demo data"),
    ):
        p = commands.add_parser(name, help=help_text)
        p.add_argument("--dev", action="store_true", help="Django's development server, DEBUG on")
        p.add_argument("--host", default="127.0.0.1")
        p.add_argument("--port", type=int, default=8000)
        p.add_argument(
            "--workers", type=int, default=WORKERS, help=f"gunicorn workers (default {WORKERS})"
        )
        p.add_argument(
            "--threads",
            type=int,
            default=THREADS,
            help=f"threads per worker (default {THREADS}; 1: one request at a time per worker)",
        )
        p.add_argument(
            "--no-worker",
            action="store_true",
            help="do not start the background worker (run `prongsai manage db_worker` yourself)",
        )
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
    if args.demo:  # the demo's notices and reset links are printed, never sent
        os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
    setup_django(debug=args.dev)
    from django.core.management import call_command

    editions = library.registry().all()  # refuse to start on a broken imported edition
    print(f"เกณฑ์การประเมิน {len(editions)} ฉบับ: {', '.join(f.key for f in editions)}")
    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    schedule_nightly_checks()
    url = f"http://{args.host}:{args.port}/"
    if args.demo:
        from django.test import override_settings

        from prongsai.cli.demo_data import load_demo

        # The demo's story (a plan submitted, a round opened) happened before the user
        # came: its notices would bury the login details under e-mails.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
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
    worker = None if args.no_worker else start_worker()
    sys.stdout.flush()
    if args.dev:
        try:
            call_command("runserver", f"{args.host}:{args.port}", use_reloader=False)
        finally:
            stop(worker)
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
        "--threads",
        str(args.threads),
        "--access-logfile",
        "-",
        "--logger-class",
        "prongsai.cli.access_log.AccessLog",
    ]
    return supervise(gunicorn, worker)


def schedule_nightly_checks() -> None:
    """One nightly link re-check waits in the task queue (idempotent: a restart adds none)."""
    from django.conf import settings

    from prongsai.oit.tasks import ensure_nightly_checks

    if ensure_nightly_checks() is not None:
        at = settings.LINK_CHECK_NIGHTLY_AT
        print(f"ตรวจลิงก์ OIT ซ้ำทุกคืน เวลา {at} น. / OIT links re-checked nightly at {at}")


def start_worker() -> subprocess.Popen[bytes] | None:
    """The database backend's worker, when tasks wait in the database; else None."""
    from django.conf import settings

    if settings.TASKS["default"]["BACKEND"] != "django_tasks_db.DatabaseBackend":
        print("งานเบื้องหลัง: ใช้ตัวทำงานของ TASKS_BACKEND / background tasks: run their own worker")
        return None
    worker = subprocess.Popen(
        [sys.executable, "-m", "prongsai", "manage", "db_worker", "--no-startup-delay"]
    )
    print(f"งานเบื้องหลัง: ตัวทำงาน pid {worker.pid} / background worker: pid {worker.pid}")
    return worker


def supervise(command: list[str], worker: subprocess.Popen[bytes] | None) -> int:
    """Run the web server until it ends or we are told to stop; then stop the worker too."""

    def on_term(signum: int, frame: FrameType | None) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, on_term)
    server = subprocess.Popen(command)
    try:
        return server.wait()
    except KeyboardInterrupt:  # Ctrl-C reaches the whole process group
        return 130
    finally:
        stop(server)
        stop(worker)


def stop(process: subprocess.Popen[bytes] | None) -> None:
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def cmd_manage(args: argparse.Namespace) -> int:
    setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["prongsai manage", *args.arguments])
    return 0
