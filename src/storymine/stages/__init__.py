"""The stages of one storymine run, one module each.

Each stage reads what it needs from the store, computes with its library package (ingest, privacy,
signals, themes, knowledge, report) and commits its tables. :mod:`storymine.stages.sequence` runs them
in order (:func:`~storymine.stages.sequence.run_once`); the Prefect flow, ``storymine run`` without
Prefect, the benchmarks and the tests all call that one sequence.
"""
