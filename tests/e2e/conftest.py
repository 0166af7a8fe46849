"""What the end-to-end journeys share: Debian's Chromium through Playwright, logging in
through the login page, and running the background jobs that a page starts."""

from __future__ import annotations

import shutil

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"  # scripts/system-packages installs it
PASSWORD = "pw-for-e2e"


@pytest.fixture
def browser(monkeypatch):
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls made by
    # the test itself are still synchronous and safe.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        )
        yield browser
        browser.close()


def log_in(page, base, username, password=PASSWORD):
    page.goto(base + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click(".login button[type=submit]")
    page.wait_for_url(base + "/")


def log_out(page):
    page.click("button:has-text('ออกจากระบบ')")


def run_worker() -> None:
    """Run the tasks waiting in the database, in the test's thread, while the browser (its
    own process) keeps polling the live server: a job's progress bar moves on its own.

    Not a worker thread: the test database of SQLite is in memory and shared, and a
    second connection to it would lock out the live server's."""
    from django.core.management import call_command
    from django.db import connections

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    # Under Playwright's event loop the worker got a connection of its own (PostgreSQL
    # would refuse to drop the test database while it is open).
    connections.close_all()
