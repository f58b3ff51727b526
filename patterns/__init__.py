"""Declarative rules and lexicons of cnedu_extract (data only; read by cnedu_extract.lexicon)."""
