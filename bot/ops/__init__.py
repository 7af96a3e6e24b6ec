"""Running dvcbot's processes: the child-process class shared by `dvcbot run`, the scale-out
cluster and the benchmarks (process.py), the scale-out cluster on one machine (cluster.py,
wrapped by scripts/scale/), its Python load balancer (proxy.py), and the benchmarks (bench/).
See README "Performance and scale".
"""
