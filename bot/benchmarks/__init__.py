"""Load, scale-out and fuzz benchmarks (`dvcbot bench load`, `dvcbot bench fuzz`) and the
scale-out cluster used by scripts/scale/ and tests/scale/. See README "Performance and scale".
"""
