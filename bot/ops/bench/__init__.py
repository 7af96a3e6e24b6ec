"""Load and fuzz benchmarks (`dvcbot bench load`, `dvcbot bench fuzz`), the catalogue-search and
receipt-photo figures, and what they need: scripted conversations, a load generator, /proc
readings and the stacks they measure. See README "Performance and scale".
"""
