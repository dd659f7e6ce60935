// SPDX-License-Identifier: Apache-2.0
#include "slate_gpu/resample.h"

#include <algorithm>
#include <limits>
#include <numbers>

namespace slate_gpu {
namespace {

// Weights this small are rounding noise of a kernel's zero (sin(pi k) at integers, the cubic at
// |x| = 1 when B = 0): dropped, so that an identity scale gives one tap of weight 1.
constexpr double kNegligibleWeight = 1e-12;

double filter_radius(const FilterSpec& spec) {
    switch (spec.filter) {
        case ResampleFilter::Point:
            return 0.5;
        case ResampleFilter::Bilinear:
            return 1.0;
        case ResampleFilter::Bicubic:
            return 2.0;
        case ResampleFilter::Lanczos:
            return static_cast<double>(spec.lanczos_a);
    }
    return 0.0;
}

double sinc(double x) {
    if (x == 0.0) return 1.0;
    const double px = std::numbers::pi * x;
    return std::sin(px) / px;
}

}  // namespace

double filter_kernel(const FilterSpec& spec, double x) {
    const double ax = std::fabs(x);
    switch (spec.filter) {
        case ResampleFilter::Point:
            return ax < 0.5 ? 1.0 : 0.0;
        case ResampleFilter::Bilinear:
            return ax < 1.0 ? 1.0 - ax : 0.0;
        case ResampleFilter::Bicubic: {
            const double b = spec.bicubic_b;
            const double c = spec.bicubic_c;
            if (ax < 1.0)
                return ((12.0 - 9.0 * b - 6.0 * c) * ax * ax * ax +
                        (-18.0 + 12.0 * b + 6.0 * c) * ax * ax + (6.0 - 2.0 * b)) /
                       6.0;
            if (ax < 2.0)
                return ((-b - 6.0 * c) * ax * ax * ax + (6.0 * b + 30.0 * c) * ax * ax +
                        (-12.0 * b - 48.0 * c) * ax + (8.0 * b + 24.0 * c)) /
                       6.0;
            return 0.0;
        }
        case ResampleFilter::Lanczos: {
            const double a = static_cast<double>(spec.lanczos_a);
            if (ax >= a) return 0.0;
            if (ax != 0.0 && ax == std::floor(ax)) return 0.0;  // the zeros, exactly
            return sinc(x) * sinc(x / a);
        }
    }
    return 0.0;
}

std::optional<FilterBankData> FilterBankData::build(int in_size, int out_size,
                                                    const FilterSpec& spec) {
    if (in_size < 1 || out_size < 1) return std::nullopt;
    const double scale = spec.scale == 0.0
                             ? static_cast<double>(in_size) / static_cast<double>(out_size)
                             : spec.scale;
    if (!(scale > 0.0) || !std::isfinite(scale) || !std::isfinite(spec.offset)) return std::nullopt;
    if (spec.filter == ResampleFilter::Lanczos && (spec.lanczos_a < 1 || spec.lanczos_a > 16))
        return std::nullopt;

    // Folded weights of each output over [lo, lo + n) of in-range input indices.
    struct Folded {
        int lo = 0;
        std::vector<double> weights;
    };
    std::vector<Folded> folded(static_cast<std::size_t>(out_size));
    const double widen = std::max(1.0, scale);
    const double support = filter_radius(spec) * widen;
    int taps = 1;
    for (int o = 0; o < out_size; ++o) {
        const double centre = (o + 0.5) * scale - 0.5 + spec.offset;
        Folded& f = folded[static_cast<std::size_t>(o)];
        // Weights over the in-range inputs [base, base + dense.size()) that the kernel reaches.
        std::vector<double> dense;
        int base = 0;
        if (spec.filter == ResampleFilter::Point) {
            const double nearest = std::floor(centre + 0.5);
            base = static_cast<int>(std::clamp(nearest, 0.0, static_cast<double>(in_size - 1)));
            dense.assign(1, 1.0);
        } else {
            const double lo = std::floor(centre - support);
            const double hi = std::ceil(centre + support);
            if (hi - lo > 4.0 * kMaxResampleTaps) return std::nullopt;
            const double last_index = static_cast<double>(in_size - 1);
            base = static_cast<int>(std::clamp(lo, 0.0, last_index));
            const int top = static_cast<int>(std::clamp(hi, 0.0, last_index));
            dense.assign(static_cast<std::size_t>(top - base + 1), 0.0);
            for (double i = lo; i <= hi; i += 1.0) {
                const double w = filter_kernel(spec, (i - centre) / widen);
                if (w == 0.0) continue;
                const int clamped = static_cast<int>(std::clamp(i, 0.0, last_index));
                dense[static_cast<std::size_t>(clamped - base)] += w;
            }
        }
        double sum = 0.0;
        for (double w : dense) sum += w;
        if (!(std::fabs(sum) > kNegligibleWeight)) return std::nullopt;
        int first = -1, last = -1;
        for (std::size_t i = 0; i < dense.size(); ++i) {
            double& w = dense[i];
            w /= sum;
            if (std::fabs(w) <= kNegligibleWeight) {
                w = 0.0;
                continue;
            }
            if (first < 0) first = static_cast<int>(i);
            last = static_cast<int>(i);
        }
        if (first < 0) return std::nullopt;
        f.weights.assign(dense.begin() + first, dense.begin() + last + 1);
        first += base;
        last += base;
        f.lo = first;
        taps = std::max(taps, last - first + 1);
    }
    if (taps > kMaxResampleTaps) return std::nullopt;

    FilterBankData bank;
    bank.m_in_size = in_size;
    bank.m_out_size = out_size;
    bank.m_taps = taps;
    bank.m_first.resize(static_cast<std::size_t>(out_size));
    bank.m_weights.assign(static_cast<std::size_t>(out_size) * static_cast<std::size_t>(taps),
                          0.0f);
    for (int o = 0; o < out_size; ++o) {
        const Folded& f = folded[static_cast<std::size_t>(o)];
        const int first = std::min(f.lo, in_size - taps);  // the window stays inside the input
        bank.m_first[static_cast<std::size_t>(o)] = first;
        float* w = bank.m_weights.data() + static_cast<std::size_t>(o) * taps;
        for (std::size_t i = 0; i < f.weights.size(); ++i)
            w[static_cast<std::size_t>(f.lo - first) + i] = static_cast<float>(f.weights[i]);
    }
    return bank;
}

namespace ref {
namespace {

// The contents of a host bank fit its shape.
bool bank_contents_valid(const FilterBank& bank) {
    for (int o = 0; o < bank.out_size; ++o)
        if (bank.first[o] < 0 || bank.first[o] > bank.in_size - bank.taps) return false;
    return true;
}

template <typename T>
bool resample_planes(const ResampleArgs<T>& args) {
    if (!args_valid(args)) return false;
    if (resample_empty(args)) return true;
    if (!bank_contents_valid(args.horizontal) || !bank_contents_valid(args.vertical)) return false;

    const FilterBank& h = args.horizontal;
    for (int y = 0; y < args.input.height; ++y) {
        const T* in = row(args.input, y);
        float* out = row(args.intermediate, y);
        for (int x = 0; x < h.out_size; ++x)
            out[x] = detail::tap_sum(h.weights + static_cast<std::ptrdiff_t>(x) * h.taps, h.taps,
                                     in + h.first[x], static_cast<std::ptrdiff_t>(sizeof(T)));
    }

    const FilterBank& v = args.vertical;
    const float max_code = detail::max_code_of(args.bit_depth);
    const Plane<const float> mid{args.intermediate.data, args.intermediate.pitch,
                                 args.intermediate.width, args.intermediate.height};
    for (int y = 0; y < v.out_size; ++y) {
        const float* weights = v.weights + static_cast<std::ptrdiff_t>(y) * v.taps;
        const float* top = row(mid, v.first[y]);
        T* out = row(args.output, y);
        for (int x = 0; x < args.output.width; ++x)
            out[x] = detail::output_sample<T>(detail::tap_sum(weights, v.taps, top + x, mid.pitch),
                                              max_code);
    }
    return true;
}

}  // namespace

bool resample(const ResampleArgs<uint8_t>& args) {
    return resample_planes(args);
}
bool resample(const ResampleArgs<uint16_t>& args) {
    return resample_planes(args);
}
bool resample(const ResampleArgs<float>& args) {
    return resample_planes(args);
}

}  // namespace ref
}  // namespace slate_gpu
