"""Settings from the environment: bad values stop the app with a clear message."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from prongsai.config.env import database_from_url, env_bool, env_int, env_list

PRINT_DATABASE = "import prongsai.config.settings as s; print(s.DATABASES['default'])"


def test_env_bool_accepts_only_true_or_false(monkeypatch):
    monkeypatch.setenv("FLAG", "yes")
    assert env_bool("FLAG", False) is True
    monkeypatch.setenv("FLAG", "Off")
    assert env_bool("FLAG", True) is False
    monkeypatch.setenv("FLAG", "Flase")
    with pytest.raises(ImproperlyConfigured, match="FLAG='Flase': expected true or false"):
        env_bool("FLAG", False)
    monkeypatch.delenv("FLAG")
    assert env_bool("FLAG", True) is True


def test_env_int(monkeypatch):
    monkeypatch.delenv("AGE", raising=False)
    assert env_int("AGE", 600) == 600
    monkeypatch.setenv("AGE", " 0 ")
    assert env_int("AGE", 600) == 0
    monkeypatch.setenv("AGE", "10m")
    with pytest.raises(ImproperlyConfigured, match="AGE='10m': expected a whole number"):
        env_int("AGE", 600)
    monkeypatch.setenv("AGE", "-1")
    with pytest.raises(ImproperlyConfigured, match="AGE='-1': expected at least 0"):
        env_int("AGE", 600)


def test_env_list(monkeypatch):
    monkeypatch.setenv("HOSTS", "ita.example.go.th, localhost")
    assert env_list("HOSTS", []) == ["ita.example.go.th", "localhost"]
    monkeypatch.setenv("HOSTS", " , ")
    with pytest.raises(ImproperlyConfigured, match="HOSTS is set but empty"):
        env_list("HOSTS", [])


def test_database_urls():
    assert database_from_url("sqlite:////srv/prongsai/db.sqlite3") == {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": "/srv/prongsai/db.sqlite3",
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL",
        },
    }
    assert database_from_url("postgres://ita:p%40ss@db.local:5433/prongsai?sslmode=require") == {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "prongsai",
        "USER": "ita",
        "PASSWORD": "p@ss",
        "HOST": "db.local",
        "PORT": "5433",
        "OPTIONS": {"sslmode": "require"},
    }
    for bad, reason in [
        ("mysql://x/y", "unsupported scheme 'mysql'"),
        ("postgres://host/", "the database name is missing"),
        ("sqlite://", "write sqlite:///relative/path"),
    ]:
        with pytest.raises(ImproperlyConfigured, match=reason):
            database_from_url(bad)


def settings_process(tmp_path, **env):
    ignored = ("SECRET_KEY", "DEBUG", "DATABASE_URL")
    environment = {k: v for k, v in os.environ.items() if k not in ignored}
    environment.update(DATA_DIR=str(tmp_path), **env)
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import prongsai.config.settings as s; print(s.DATABASES['default'])",
        ],
        capture_output=True,
        text=True,
        env=environment,
    )


def test_refuses_to_start_with_debug_off_and_no_secret_key(tmp_path):
    done = settings_process(tmp_path)
    assert done.returncode != 0
    assert "SECRET_KEY is not set" in done.stderr
    done = settings_process(tmp_path, DEBUG="true")
    assert done.returncode == 0, done.stderr


def test_default_database_is_sqlite_in_data_dir(tmp_path):
    done = settings_process(tmp_path, SECRET_KEY="k")
    assert done.returncode == 0, done.stderr
    assert f"'NAME': '{tmp_path}/prongsai.sqlite3'" in done.stdout
    # connections are kept between requests, checked before reuse
    assert "'CONN_MAX_AGE': 600, 'CONN_HEALTH_CHECKS': True" in done.stdout


def test_connection_age_from_the_environment(tmp_path):
    done = settings_process(tmp_path, SECRET_KEY="k", CONN_MAX_AGE="0", CONN_HEALTH_CHECKS="no")
    assert done.returncode == 0, done.stderr
    assert "'CONN_MAX_AGE': 0, 'CONN_HEALTH_CHECKS': False" in done.stdout
    done = settings_process(tmp_path, SECRET_KEY="k", CONN_MAX_AGE="forever")
    assert "CONN_MAX_AGE='forever': expected a whole number" in done.stderr


def test_data_dir_must_be_a_directory(tmp_path):
    not_a_dir = tmp_path / "file"
    not_a_dir.write_text("x")
    done = settings_process(not_a_dir, SECRET_KEY="k")
    assert done.returncode != 0
    assert "exists and is not a directory" in done.stderr
