// SPDX-License-Identifier: Apache-2.0
// The meeting point of OpenColorIO and libmedia: the rest of color/ sees only this header (and
// ocio_config.cpp, which lists what a config offers).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "media/color/color_pipeline.h"
#include "media/core/result.h"

namespace media::color::detail {

/// One OpenColorIO transform applied to interleaved float RGB: a studio config's colour-space or
/// display/view transform, or what Slate's own ops do not do (inverse LUTs).
class OcioOp {
public:
    /// A config step: the config loads (InvalidArgument naming the file with OCIO's reason
    /// otherwise), every colour space, display, view and look named exists (InvalidArgument
    /// naming the unknown name and the config).
    static Result<std::unique_ptr<const OcioOp>> from_config(const OcioTransform& transform,
                                                             bool inverse);
    /// The inverse of a LUT file (OCIO inverts 1D LUTs exactly and 3D LUTs iteratively).
    static Result<std::unique_ptr<const OcioOp>> inverse_lut(const ColorStep& step);
    ~OcioOp();

    /// Applies the transform to `count` RGB triples in place. Thread-safe.
    void apply(float* rgb, int64_t count) const;
    bool is_noop() const;
    const std::string& label() const { return m_label; }

    struct State;
    OcioOp(std::unique_ptr<State> state, std::string label);

private:
    std::unique_ptr<State> m_state;
    std::string m_label;
};

}  // namespace media::color::detail
