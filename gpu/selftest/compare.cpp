// SPDX-License-Identifier: Apache-2.0
#include "compare.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <sstream>

namespace slate_gpu::selftest {
namespace {

// One sample, both as a double (floats and codes up to 2^53) and exactly (integers).
struct Sample {
    double value;
    uint64_t exact;
    bool is_float;
};

Sample sample_at(const HostBuffer& buffer, int x, int y) {
    const std::byte* p = buffer.bytes.data() + static_cast<std::ptrdiff_t>(y) * buffer.pitch +
                         static_cast<std::ptrdiff_t>(x) *
                             static_cast<std::ptrdiff_t>(sample_bytes(buffer.spec.type));
    auto read = [p](auto value) {
        std::memcpy(&value, p, sizeof(value));
        return value;
    };
    switch (buffer.spec.type) {
        case SampleType::U8:
            return Sample{double(read(uint8_t{})), read(uint8_t{}), false};
        case SampleType::U16:
            return Sample{double(read(uint16_t{})), read(uint16_t{}), false};
        case SampleType::F32:
            return Sample{double(read(float{})), 0, true};
        case SampleType::U64:
            return Sample{static_cast<double>(read(uint64_t{})), read(uint64_t{}), false};
        case SampleType::F64:
            return Sample{read(double{}), 0, true};
    }
    return Sample{0.0, 0, false};
}

// Error of one sample. Integers: the exact distance (64-bit sums exceed a double's 53 bits).
// Floats: 0 when both are NaN or the same infinity, else the distance.
double sample_error(const Sample& reference, const Sample& cuda) {
    if (!reference.is_float) {
        const uint64_t a = reference.exact;
        const uint64_t b = cuda.exact;
        return static_cast<double>(a > b ? a - b : b - a);
    }
    const double r = reference.value;
    const double c = cuda.value;
    if (std::isnan(r) || std::isnan(c))
        return std::isnan(r) && std::isnan(c) ? 0.0 : std::numeric_limits<double>::infinity();
    if (std::isinf(r) || std::isinf(c))
        return r == c ? 0.0 : std::numeric_limits<double>::infinity();
    return std::fabs(r - c);
}

bool within(double error, double reference, const Tolerance& tolerance) {
    // Equal NaNs and infinities have error 0; their relative term would be 0 * inf = NaN, which
    // fails every comparison, so it only counts for a finite reference.
    const double relative = std::isfinite(reference) ? tolerance.rel * std::fabs(reference) : 0.0;
    return error <= tolerance.abs + relative;
}

bool padding_untouched(const HostBuffer& buffer, int& bad_row) {
    const std::size_t used = buffer.row_bytes();
    for (int y = 0; y < buffer.spec.height; ++y) {
        const std::byte* row = buffer.bytes.data() + static_cast<std::ptrdiff_t>(y) * buffer.pitch;
        for (std::size_t i = used; i < static_cast<std::size_t>(buffer.pitch); ++i)
            if (row[i] != kSentinel) {
                bad_row = y;
                return false;
            }
    }
    return true;
}

std::string describe_sample(int x, int y, double reference, double cuda) {
    std::ostringstream text;
    text.precision(9);
    text << "at (" << x << ", " << y << "): reference " << reference << ", cuda " << cuda;
    return text.str();
}

}  // namespace

Comparison compare(const HostBuffer& reference, const HostBuffer& cuda,
                   const Tolerance& tolerance) {
    Comparison result;
    for (int y = 0; y < reference.spec.height; ++y) {
        for (int x = 0; x < reference.spec.width; ++x) {
            const Sample r = sample_at(reference, x, y);
            const Sample c = sample_at(cuda, x, y);
            const double error = sample_error(r, c);
            result.max_error = std::max(result.max_error, error);
            if (within(error, r.value, tolerance) || !result.pass) continue;
            result.pass = false;
            result.first_failure = describe_sample(x, y, r.value, c.value);
        }
    }
    if (!result.pass) return result;
    int bad_row = -1;
    for (const auto* buffer : {&cuda, &reference}) {
        if (padding_untouched(*buffer, bad_row)) continue;
        result.pass = false;
        result.first_failure = std::string(buffer == &cuda ? "cuda" : "reference") +
                               " wrote into the row padding (row " + std::to_string(bad_row) + ")";
        break;
    }
    return result;
}

}  // namespace slate_gpu::selftest
