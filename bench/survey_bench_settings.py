"""Settings of the load benches' server (bench/harness.py): prongsai's own, plus the
baseline view's URL and no practical survey rate limit (every simulated respondent comes
from 127.0.0.1)."""

import os

from prongsai.config.settings import *  # noqa: F403

ROOT_URLCONF = "survey_bench_urls"
SURVEY_SUBMISSIONS_PER_ADDRESS = 10**9

# `--conn-max-age N`: keep database connections open N seconds (prongsai's default opens one
# per request); an experiment, not what `prongsai serve` does.
if os.environ.get("BENCH_CONN_MAX_AGE"):
    DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ["BENCH_CONN_MAX_AGE"])  # noqa: F405
