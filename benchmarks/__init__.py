"""Benchmarks: a realistic corpus generator and a runner that measures journeyspec against peers."""
