"""The process runtime every layer above the pure functions may use: settings, worker processes that
can be stopped (isolation, lifeline), the temporary Prefect API, progress bars and crash-test pause
points. It imports nothing from the pipeline, the warehouse or the command line."""
