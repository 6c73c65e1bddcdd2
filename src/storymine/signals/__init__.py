"""Signal extraction: where practitioners are unsure, went wrong or right, tried and learned.

A blank-tokeniser spaCy pipeline with one component per kind (``storymine_<kind>_v1``): a calibrated
sparse sentence model per kind (``weights/signals.v2.npz``, :mod:`.sentence_model`) scores every
sentence; cue rules as data (JSONL files in ``patterns/``), with negation and exclusion rules, point
at the cue words inside an accepted sentence and feed the model.

>>> from storymine.signals import extract_signals
>>> signals = extract_signals(segments)  # one row per cue, columns SIGNAL_COLUMNS
"""

from storymine.signals.detector import SignalCue, SignalDetector, detector_name
from storymine.signals.evaluate import EvalReport, EvalRow, run_signal_eval
from storymine.signals.patterns import PatternError
from storymine.signals.pipeline import build_pipeline, extract_signals
from storymine.signals.train import train_signals
from storymine.signals.ty import DETECTOR_VERSION, KINDS, SIGNAL_COLUMNS, SUBTYPES, Kind, SignalsConfig

__all__ = [
    "DETECTOR_VERSION",
    "KINDS",
    "SIGNAL_COLUMNS",
    "SUBTYPES",
    "EvalReport",
    "EvalRow",
    "Kind",
    "PatternError",
    "SignalCue",
    "SignalDetector",
    "SignalsConfig",
    "build_pipeline",
    "detector_name",
    "extract_signals",
    "run_signal_eval",
    "train_signals",
]
