"""What every end-to-end journey shares: Debian's Chromium driven by Playwright, and
logging in through the login page."""

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
