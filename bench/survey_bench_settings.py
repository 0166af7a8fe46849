"""Settings of the load benches' server (bench/harness.py): prongsai's own, plus the
baseline view's URL and no practical survey rate limit (every simulated respondent comes
from 127.0.0.1)."""

from prongsai.config.settings import *  # noqa: F403

ROOT_URLCONF = "survey_bench_urls"
SURVEY_SUBMISSIONS_PER_ADDRESS = 10**9
