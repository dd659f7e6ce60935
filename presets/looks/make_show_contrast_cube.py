#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Writes show_contrast.cube: a gentle S-curve (15% towards smoothstep on each channel) with a
touch of saturation (1.05 around Rec.709 luma), clamped to 0..1. 17^3, red varies fastest."""
import sys

SIZE = 17
CONTRAST = 0.15
SATURATION = 1.05
LUMA = (0.2126, 0.7152, 0.0722)


def s_curve(x):
    return x + CONTRAST * (x * x * (3.0 - 2.0 * x) - x)


def look(rgb):
    curved = [s_curve(c) for c in rgb]
    luma = sum(w * c for w, c in zip(LUMA, curved))
    return [min(1.0, max(0.0, luma + SATURATION * (c - luma))) for c in curved]


def main(path):
    lines = ["# show_contrast: gentle S-curve, saturation 1.05 (make_show_contrast_cube.py)",
             'TITLE "show_contrast"', f"LUT_3D_SIZE {SIZE}", ""]
    step = 1.0 / (SIZE - 1)
    for b in range(SIZE):
        for g in range(SIZE):
            for r in range(SIZE):
                out = look((r * step, g * step, b * step))
                lines.append(" ".join(f"{v:.5f}" for v in out))
    with open(path, "w", encoding="ascii") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "show_contrast.cube")
