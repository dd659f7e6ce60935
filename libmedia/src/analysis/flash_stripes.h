// SPDX-License-Identifier: Apache-2.0
// Regular light/dark stripes along one line of luminance samples. Private to the analysis module.
#pragma once

#include <memory>
#include <vector>

namespace media::analysis::detail {

/// What counts as stripes along one line of samples.
struct StripeRules {
    float min_swing = 20.0f;    ///< cd/m² between a light and the neighbouring dark stripe
    float dark_limit = 160.0f;  ///< the darker stripe must be below this
    int min_pairs = 6;          ///< light-dark pairs in a run ("more than five")
    float tolerance = 0.25f;    ///< each period within this share of the run's mean period
    /// Mean share of a stripe's samples within a tenth of the swing of its extreme: bars (flat
    /// light and dark stripes) rather than a sine grating or a zone plate.
    float min_flatness = 0.6f;
    /// Samples per stripe, on average, below which stripes are too fine to judge at the
    /// lattice's resolution (their shape cannot be told from a sine's) and are not reported.
    int min_stripe_samples = 3;
};

/// A run of regular stripes along one line: sample indices, inclusive.
struct StripeRun {
    int first = 0;
    int last = 0;
    float contrast = 0.0f;  ///< mean light-dark difference, cd/m²
};

struct StripeScratch;

/// Finds stripe runs along lines; keeps its working memory between lines (one per thread).
class StripeFinder {
public:
    StripeFinder();
    StripeFinder(const StripeFinder&) = delete;
    StripeFinder& operator=(const StripeFinder&) = delete;
    ~StripeFinder();

    /// Appends to `out` the stripe runs in values[0..count). `positions` (pixel coordinates of
    /// the samples) may be null when the samples are evenly spaced.
    void find(const float* values, const float* positions, int count, const StripeRules& rules,
              std::vector<StripeRun>& out);

private:
    std::unique_ptr<StripeScratch> m_scratch;
};

}  // namespace media::analysis::detail
