"""Benchmarks: tempest_orm against the raw driver and its peers, workload by workload.

Run ``python -m benchmarks --n 10000``; ``docs/performance.md`` explains the
workloads, the targets and how the numbers were taken.
"""
