"""Programs: plans, projects, policies a figure belongs to.

Two modules of one job each: ``program_names`` finds the names of programs in a text (endings,
quoted campaigns, 《…》 documents; the rules are in its docstring) and ``program_linker`` decides
which program each figure belongs to (its sentence, its paragraph, the document's topic). This
module gathers what the rest of the linker uses.
"""
from .program_linker import ProgramLinker, Scopes
from .program_names import Program, find_programs, named_within

__all__ = ["Program", "ProgramLinker", "Scopes", "find_programs", "named_within"]
