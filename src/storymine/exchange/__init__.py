"""Exchange with qualitative-analysis tools (NVivo, ATLAS.ti, MAXQDA, QualCoder) through REFI-QDA 1.0.

Export storymine's coding as a ``.qdpx`` project or ``.qdc`` codebook, and read a reviewed project back
as labels for ``storymine train-signals`` (``docs/exchange.md``)::

    from storymine.exchange.state import load_state        # the only module that reads tables
    from storymine.exchange.qdpx import export_qdpx         # State -> bytes of a .qdpx
    from storymine.exchange.reader import read_qdpx         # bytes -> QdaProject (validated)
    from storymine.exchange.compare import compare          # QdaProject + State -> ImportResult
    from storymine.exchange.outputs import labels_csv       # ImportResult -> the labels CSV

    state = load_state(Store("out"))
    data = export_qdpx(state)
    result = compare(read_qdpx(data), state)
    assert result.disagreements == 0

This package imports nothing heavy on import, so the ``storymine`` command starts fast.
"""
