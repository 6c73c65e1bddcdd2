"""``python -m storymine.signals``: rebuild the packaged lexicon and weights (see :mod:`.train`)."""

from storymine.signals.train import main

main()
