// SPDX-License-Identifier: Apache-2.0
#include "audio_convert.h"

#include <cstring>
#include <string>

extern "C" {
#include <libavutil/samplefmt.h>
#include <libswresample/swresample.h>
}

#include "av_common.h"

namespace media::av {

std::string describe_layout(const AVChannelLayout& layout) {
    char buffer[128] = {};
    if (av_channel_layout_describe(&layout, buffer, sizeof buffer) < 0) return {};
    return buffer;
}

AudioConverter::~AudioConverter() {
    swr_free(&m_swr);
    av_channel_layout_uninit(&m_layout);
}

Result<void> AudioConverter::configure(const AVFrame& decoded) {
    if (m_swr && m_format == decoded.format && m_rate == decoded.sample_rate &&
        av_channel_layout_compare(&m_layout, &decoded.ch_layout) == 0)
        return ok();
    swr_free(&m_swr);
    av_channel_layout_uninit(&m_layout);
    int rc = av_channel_layout_copy(&m_layout, &decoded.ch_layout);
    if (rc >= 0)
        rc = swr_alloc_set_opts2(&m_swr, &m_layout, AV_SAMPLE_FMT_FLTP, decoded.sample_rate,
                                 &m_layout, static_cast<AVSampleFormat>(decoded.format),
                                 decoded.sample_rate, 0, nullptr);
    if (rc >= 0) rc = swr_init(m_swr);
    if (rc < 0) {
        swr_free(&m_swr);
        return make_error(ErrorCode::UnsupportedFormat, "cannot convert audio to planar float", rc);
    }
    m_format = decoded.format;
    m_rate = decoded.sample_rate;
    return ok();
}

Result<AudioBlock> AudioConverter::convert(const AVFrame& decoded) {
    const int channels = decoded.ch_layout.nb_channels;
    MEDIA_TRY_ASSIGN(AudioBlock block,
                     AudioBlock::allocate(channels, decoded.nb_samples, decoded.sample_rate,
                                          describe_layout(decoded.ch_layout)));
    if (decoded.nb_samples == 0) return block;
    if (decoded.format == AV_SAMPLE_FMT_FLTP) {
        const auto bytes = static_cast<size_t>(decoded.nb_samples) * sizeof(float);
        for (int c = 0; c < channels; ++c)
            std::memcpy(block.channel(c).data(), decoded.extended_data[c], bytes);
        return block;
    }
    MEDIA_TRY(configure(decoded));
    std::vector<uint8_t*> out(static_cast<size_t>(channels));
    for (int c = 0; c < channels; ++c) out[c] = reinterpret_cast<uint8_t*>(block.channel(c).data());
    // Same rate in and out: swresample converts without buffering, sample for sample.
    int rc = swr_convert(m_swr, out.data(), decoded.nb_samples,
                         const_cast<const uint8_t**>(decoded.extended_data), decoded.nb_samples);
    if (rc < 0) return make_error(ErrorCode::DecodeError, "audio sample conversion failed", rc);
    return block;
}

}  // namespace media::av
