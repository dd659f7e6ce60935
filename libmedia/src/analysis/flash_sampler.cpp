// SPDX-License-Identifier: Apache-2.0
// Two steps per sampled row: fetch (format-specific: the samples' codes, or float values, one
// array per component) and the light kernel (format-free, SIMD: flash_light_simd.cpp). Chroma
// is read from the chroma sample co-sited with, or left of / above, the luma sample.
#include "flash_sampler.h"

#include <algorithm>

#include "flash_light.h"
#include "media/frame/half.h"

namespace media::analysis::detail {
namespace {

const std::vector<float>& half_table() {
    static const std::vector<float> table = [] {
        std::vector<float> t(65536);
        for (uint32_t i = 0; i < 65536; ++i) t[i] = half_to_float(static_cast<uint16_t>(i));
        return t;
    }();
    return table;
}

size_t padded(int count) {
    return static_cast<size_t>((count + kLightBlock - 1) / kLightBlock * kLightBlock);
}

// `count` samples of a row from `first`, `stride` samples apart.
template <typename T, typename Out>
void gather_row(const T* row, int first, int stride, int count, Out* out) {
    const T* p = row + first;
    int j = 0;
    for (; j + 4 <= count; j += 4, p += 4 * stride) {  // unrolled: the loop is all overhead
        out[j] = static_cast<Out>(p[0]);
        out[j + 1] = static_cast<Out>(p[stride]);
        out[j + 2] = static_cast<Out>(p[2 * stride]);
        out[j + 3] = static_cast<Out>(p[3 * stride]);
    }
    for (; j < count; ++j, p += stride) out[j] = static_cast<Out>(*p);
}

struct Sampling {
    int y, offset, step, count;
};

template <typename T>
void fetch_planar(const Frame& frame, const PixelFormatInfo& fi, Sampling s,
                  std::array<std::vector<uint16_t>, 3>& codes) {
    if (fi.planes == 1) {  // grey feeds R', G' and B'
        gather_row(frame.plane<T>(0).row(s.y), s.offset, s.step, s.count, codes[0].data());
        std::copy_n(codes[0].begin(), s.count, codes[1].begin());
        std::copy_n(codes[0].begin(), s.count, codes[2].begin());
        return;
    }
    // Y'CbCr planes are in component order; G, B, R planes become R', G', B'.
    constexpr std::array<int, 3> yuv_order{0, 1, 2}, gbr_order{2, 0, 1};
    const std::array<int, 3>& order = fi.is_yuv ? yuv_order : gbr_order;
    for (size_t c = 0; c < 3; ++c) {
        const bool chroma = fi.is_yuv && c > 0;
        const int shift_x = chroma ? fi.log2_chroma_w : 0, shift_y = chroma ? fi.log2_chroma_h : 0;
        const T* row = frame.plane<T>(order[c]).row(s.y >> shift_y);
        uint16_t* out = codes[c].data();
        if (shift_x == 0) {
            gather_row(row, s.offset, s.step, s.count, out);
            continue;
        }
        for (int j = 0, x = s.offset; j < s.count; ++j, x += s.step) out[j] = row[x >> shift_x];
    }
}

template <typename T, typename Out>
void fetch_packed(const T* row, int components, Sampling s, std::array<std::vector<Out>, 3>& out) {
    for (size_t c = 0; c < 3; ++c)
        gather_row(row, s.offset * components + static_cast<int>(c), s.step * components, s.count,
                   out[c].data());
}

void fetch_half(const uint16_t* row, int components, Sampling s,
                std::array<std::vector<float>, 3>& out) {
    const std::vector<float>& table = half_table();
    for (size_t c = 0; c < 3; ++c) {
        const uint16_t* first = row + static_cast<ptrdiff_t>(s.offset) * components + c;
        float* dst = out[c].data();
        for (int j = 0; j < s.count; ++j)
            dst[j] = table[first[static_cast<ptrdiff_t>(j) * s.step * components]];
    }
}

// The kernel's constants for this frame; the arrays are set per row.
LightJob job_for(const DisplayModel& m, float red_saturation) {
    LightJob job;
    for (size_t c = 0; c < 3; ++c) {
        const bool chroma = m.yuv && c > 0;
        job.offset[c] = chroma ? m.chroma_offset : m.offset;
        job.scale[c] = chroma ? m.chroma_scale : m.scale;
    }
    job.yuv = m.yuv;
    job.cr_r = m.cr_r;
    job.cb_g = m.cb_g;
    job.cr_g = m.cr_g;
    job.cb_b = m.cb_b;
    job.eotf = m.eotf->data();
    job.weights = m.luma_weights;
    job.red_saturation = red_saturation;
    return job;
}

}  // namespace

RowSampler::RowSampler(const Frame& frame, const FlashGrid& grid, const DisplayModel& model,
                       float red_saturation)
    : m_frame(frame), m_grid(grid), m_job(job_for(model, red_saturation)) {
    const SampleType type = info(frame.format()).sample_type;
    const bool float_samples = type == SampleType::F16 || type == SampleType::F32;
    for (size_t c = 0; c < 3; ++c) {
        if (float_samples) {
            m_values[c].assign(padded(grid.max_samples), 0.0f);
            m_job.values[c] = m_values[c].data();
        } else {
            m_codes[c].assign(padded(grid.max_samples), 0);
            m_job.codes[c] = m_codes[c].data();
        }
    }
}

void RowSampler::read(int band, SampleRow& out) {
    const int count = m_grid.samples_in_band(band);
    const size_t size = padded(count);
    for (std::vector<float>* v : {&out.luminance, &out.red, &out.red_level})
        v->resize(std::max(v->size(), size));
    fetch(m_grid.band_y(band), m_grid.band_offset(band), count);
    m_job.luminance = out.luminance.data();
    m_job.red = out.red.data();
    m_job.red_level = out.red_level.data();
    m_job.count = count;
    light_simd(m_job);
}

void RowSampler::fetch(int y, int offset, int count) {
    const PixelFormatInfo& fi = info(m_frame.format());
    const Sampling s{y, offset, m_grid.step, count};
    const bool wide = fi.bytes_per_sample == 2;
    if (fi.sample_type == SampleType::F32)
        fetch_packed(m_frame.plane<float>(0).row(y), fi.components, s, m_values);
    else if (fi.sample_type == SampleType::F16)
        fetch_half(m_frame.plane<uint16_t>(0).row(y), fi.components, s, m_values);
    else if (fi.is_packed && wide)
        fetch_packed(m_frame.plane<uint16_t>(0).row(y), fi.components, s, m_codes);
    else if (fi.is_packed)
        fetch_packed(m_frame.plane<uint8_t>(0).row(y), fi.components, s, m_codes);
    else if (wide)
        fetch_planar<uint16_t>(m_frame, fi, s, m_codes);
    else
        fetch_planar<uint8_t>(m_frame, fi, s, m_codes);
}

}  // namespace media::analysis::detail
