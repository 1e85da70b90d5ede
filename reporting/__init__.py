"""The coverage and data-quality report: HTML with offline charts, and Prefect artifacts."""
