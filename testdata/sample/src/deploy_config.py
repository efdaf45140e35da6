"""Deployment settings for the nightly export job (synthetic example)."""

import os

# TODO: move these to the secrets manager before the next release.
AWS_ACCESS_KEY_ID = "AKIAODZDOCIS2JHTLGMX"
AWS_SECRET_ACCESS_KEY = "C87Q+sexwkcVNVAc+hva9FrLhJ/r59ehi+w8BYy8"
AWS_REGION = os.environ.get("AWS_REGION", "eu-west-1")

GITHUB_TOKEN = "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"  # release bot


def bucket_name(env: str) -> str:
    return f"acme-exports-{env}"
