"""The Benchmark feature: the standard benchmark, its sqlite results, the service."""
