"""scripts/site_url.sh: `make run` derives SITE_URL (the base of links in emails) from HOST and
PORT unless it is set."""

import subprocess

import pytest


def site_url(**env):
    result = subprocess.run(
        ["bash", "-c", "source scripts/site_url.sh && echo $SITE_URL"],
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "http://127.0.0.1:8000"),
        ({"PORT": "8123"}, "http://127.0.0.1:8123"),
        ({"HOST": "localhost", "PORT": "9000"}, "http://localhost:9000"),
        ({"HOST": "0.0.0.0", "PORT": "9000"}, "http://127.0.0.1:9000"),  # noqa: S104 - a bind address, on purpose
        (
            {"PORT": "9000", "SITE_URL": "https://archive.example.org"},
            "https://archive.example.org",
        ),
    ],
)
def test_site_url_follows_host_and_port_unless_set(env, expected):
    assert site_url(**env) == expected
