"""Colour distance under colour-vision deficiency, for palette tests.

sRGB -> linear RGB -> (Machado et al. 2009 simulation, severity 1.0) -> CIELAB, and the
CIE76 distance.  Good enough to tell "a reader could mistake these two swatches" from
"clearly different"; no colour library needed.
"""
from __future__ import annotations

import numpy as np

CVD = {
    "normal": np.eye(3),
    "protan": np.array([[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                        [-0.003882, -0.048116, 1.051998]]),
    "deutan": np.array([[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                        [-0.011820, 0.042940, 0.968881]]),
    "tritan": np.array([[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602],
                        [0.004733, 0.691367, 0.303900]]),
}
_XYZ = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])
_WHITE = _XYZ @ np.ones(3)


def _linear(hex_colour: str, alpha: float = 1.0) -> np.ndarray:
    rgb = np.array([int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)]) / 255.0
    rgb = alpha * rgb + (1 - alpha) * 1.0             # over a white page
    return np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)


def lab(hex_colour: str, vision: str = "normal", alpha: float = 1.0) -> np.ndarray:
    rgb = np.clip(CVD[vision] @ _linear(hex_colour, alpha), 0, 1)
    xyz = (_XYZ @ rgb) / _WHITE
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def distance(a: str, b: str, vision: str = "normal", alpha_a: float = 1.0,
             alpha_b: float = 1.0) -> float:
    """CIE76 Delta E between two '#RRGGBB' swatches (optionally translucent over white)."""
    return float(np.linalg.norm(lab(a, vision, alpha_a) - lab(b, vision, alpha_b)))
