"""Helpers shared by the linking tests."""
from cnedu_extract.linking import link
from cnedu_extract.record import Measurement


def metrics_of(text, figures):
    """Metrics of the given figures: (surface, kind, unit) in the order they occur."""
    recs, pos = [], 0
    for surface, kind, unit in figures:
        k = text.index(surface, pos)
        recs.append(Measurement(None, k, k + len(surface), surface, 1.0, None, unit, kind, "exact"))
        pos = k + len(surface)
    return [r.metric for r in link(text, recs)]
