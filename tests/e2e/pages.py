"""What journeys in Chromium share: logging in through the login page."""

PASSWORD = "pw-for-e2e"


def log_in(page, base, username, password=PASSWORD):
    page.goto(base + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click(".login button[type=submit]")
    page.wait_for_url(base + "/")
