"""The offline demo news site (``presswatch demo``, tests and benchmarks): pages, feeds and a local
server. Not on the path of a run: nothing in the pipeline imports it."""
