"""Imported once in the forkserver: the default extractor, loaded before workers fork.

Workers forked from a process that already holds the extractor's dictionaries share
those pages copy-on-write instead of each loading ~170 MB of its own.
"""
from .worker import DEFAULT_EXTRACTOR, warm

warm(DEFAULT_EXTRACTOR)
