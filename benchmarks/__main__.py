"""``python -m benchmarks``: the pipeline benchmark (see :mod:`benchmarks.pipeline_bench` for options).

The other benchmarks run on their own: ``python -m benchmarks.signals_bench``,
``python -m benchmarks.themes_bench``, ``python -m benchmarks.privacy_bench``,
``python -m benchmarks.rerun_bench``, ``python -m benchmarks.signals_v2_compare``.
"""

from benchmarks.pipeline_bench import main

if __name__ == "__main__":
    raise SystemExit(main())
