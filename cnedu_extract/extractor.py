"""Placeholder, replaced by the real extractor."""
import re
from .record import Measurement
_P = re.compile(r"(\d+(?:\.\d+)?)(万)?(元|人|所|个|%)")
_U = {"元": "money", "人": "people", "所": "institution", "个": "count", "%": "percent"}
def extract(text, doc_id=None, *, title=None, date=None):
    out = []
    for m in _P.finditer(text):
        v = float(m.group(1)) * (10000 if m.group(2) else 1)
        out.append(Measurement(doc_id, m.start(), m.end(), m.group(), v, None, m.group(3), _U[m.group(3)], "exact", sentence=text))
    return out
