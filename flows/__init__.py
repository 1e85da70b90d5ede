"""Prefect flows: orchestration only; the work lives in plain functions they call."""

import os

# No network here or in many newsrooms: keep Prefect's server from phoning home, and give its
# temporary local server time to start on a busy two-core machine (NOTES.md section 1).
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
