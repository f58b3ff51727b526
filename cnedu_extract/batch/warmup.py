"""Imported once in the forkserver: the default extractor, loaded before workers fork.

Workers forked from a process that already holds the extractor's dictionaries share
those pages copy-on-write instead of each loading ~170 MB of its own. ``gc.freeze()``
keeps them shared: the loaded objects leave the collector's generations, so a worker's
collections no longer write to them (and copy their pages) as a batch runs on
(see the ``gc.freeze`` documentation on fork without exec).
"""
import gc

from .worker import DEFAULT_EXTRACTOR, warm

warm(DEFAULT_EXTRACTOR)
gc.freeze()
