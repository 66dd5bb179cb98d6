"""What the decision mathematics share: the error type, the method and normalisation names."""

from __future__ import annotations

from enum import StrEnum

import numpy as np


class McdaError(ValueError):
    """Input the mathematics cannot work on; ``code`` is a stable key a form can translate."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


class Normalisation(StrEnum):
    """How criterion columns are made comparable."""

    VECTOR = "vector"
    MINMAX = "minmax"


class Method(StrEnum):
    """The aggregation method of a ranking."""

    TOPSIS = "topsis"
    WEIGHTED_SUM = "weighted_sum"


def _tuple(array: np.ndarray) -> tuple:
    if array.ndim == 1:
        return tuple(float(v) for v in array)
    return tuple(tuple(float(v) for v in row) for row in array)
