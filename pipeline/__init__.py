"""The application steps of a run, below the Prefect layer: collecting, processing and staging payloads."""
