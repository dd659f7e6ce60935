// SPDX-License-Identifier: Apache-2.0
#include "av_check.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

extern "C" {
#include <libavutil/pixdesc.h>
}

namespace slate_test {
namespace {

struct CodecDeleter {
    void operator()(AVCodecContext* ctx) const { avcodec_free_context(&ctx); }
};
struct FrameDeleter {
    void operator()(AVFrame* frame) const { av_frame_free(&frame); }
};
struct PacketDeleter {
    void operator()(AVPacket* packet) const { av_packet_free(&packet); }
};
using CodecPtr = std::unique_ptr<AVCodecContext, CodecDeleter>;

CodecPtr open_decoder(const AVStream* stream) {
    const AVCodec* codec = avcodec_find_decoder(stream->codecpar->codec_id);
    if (!codec) return nullptr;
    CodecPtr ctx(avcodec_alloc_context3(codec));
    if (!ctx || avcodec_parameters_to_context(ctx.get(), stream->codecpar) < 0 ||
        avcodec_open2(ctx.get(), codec, nullptr) < 0)
        return nullptr;
    return ctx;
}

// Runs every packet of `stream` through its decoder; calls `each` for every decoded frame.
bool decode_stream(AVFormatContext* ctx, AVStream* stream,
                   const std::function<void(const AVFrame&)>& each) {
    CodecPtr dec = open_decoder(stream);
    std::unique_ptr<AVPacket, PacketDeleter> packet(av_packet_alloc());
    std::unique_ptr<AVFrame, FrameDeleter> frame(av_frame_alloc());
    if (!dec || !packet || !frame) return false;
    const auto drain = [&] {
        while (avcodec_receive_frame(dec.get(), frame.get()) >= 0) {
            each(*frame);
            av_frame_unref(frame.get());
        }
    };
    while (av_read_frame(ctx, packet.get()) >= 0) {
        if (packet->stream_index == stream->index) {
            if (avcodec_send_packet(dec.get(), packet.get()) < 0) return false;
            drain();
        }
        av_packet_unref(packet.get());
    }
    avcodec_send_packet(dec.get(), nullptr);
    drain();
    return true;
}

int depth_of(const AVFrame& frame) {
    return av_pix_fmt_desc_get(static_cast<AVPixelFormat>(frame.format))->comp[0].depth;
}

int code_at(const AVFrame& frame, int x, int y) {
    const uint8_t* row = frame.data[0] + static_cast<std::ptrdiff_t>(y) * frame.linesize[0];
    if (depth_of(frame) > 8) return reinterpret_cast<const uint16_t*>(row)[x];
    return row[x];
}

std::string tag(const AVDictionary* dict, const char* key) {
    const AVDictionaryEntry* e = av_dict_get(dict, key, nullptr, 0);
    return e ? e->value : "";
}

}  // namespace

InputPtr open_media(const std::filesystem::path& path) {
    av_log_set_level(AV_LOG_ERROR);  // MXF's "not enough frames to estimate rate" is expected
    AVFormatContext* raw = nullptr;
    if (avformat_open_input(&raw, path.c_str(), nullptr, nullptr) < 0) return nullptr;
    InputPtr ctx(raw);
    if (avformat_find_stream_info(ctx.get(), nullptr) < 0) return nullptr;
    return ctx;
}

AVStream* first_stream(AVFormatContext* ctx, AVMediaType type) {
    for (unsigned i = 0; i < ctx->nb_streams; ++i)
        if (ctx->streams[i]->codecpar->codec_type == type) return ctx->streams[i];
    return nullptr;
}

std::string find_tag(AVFormatContext* ctx, const char* key) {
    for (unsigned i = 0; i < ctx->nb_streams; ++i)
        if (auto value = tag(ctx->streams[i]->metadata, key); !value.empty()) return value;
    return tag(ctx->metadata, key);
}

std::string find_timecode(AVFormatContext* ctx) {
    return find_tag(ctx, "timecode");
}

int64_t decode_video(const std::filesystem::path& path,
                     const std::function<void(int64_t, const AVFrame&)>& each) {
    InputPtr ctx = open_media(path);
    AVStream* stream = ctx ? first_stream(ctx.get(), AVMEDIA_TYPE_VIDEO) : nullptr;
    if (!stream) return -1;
    int64_t count = 0;
    const bool ok = decode_stream(ctx.get(), stream, [&](const AVFrame& f) { each(count++, f); });
    return ok ? count : -1;
}

DecodedAudio decode_audio(const std::filesystem::path& path) {
    DecodedAudio out;
    InputPtr ctx = open_media(path);
    AVStream* stream = ctx ? first_stream(ctx.get(), AVMEDIA_TYPE_AUDIO) : nullptr;
    if (!stream) return out;
    out.sample_rate = stream->codecpar->sample_rate;
    out.channels.resize(static_cast<std::size_t>(stream->codecpar->ch_layout.nb_channels));
    const bool ok = decode_stream(ctx.get(), stream, [&](const AVFrame& f) {
        const auto fmt = static_cast<AVSampleFormat>(f.format);
        const bool planar = av_sample_fmt_is_planar(fmt);
        const int channels = static_cast<int>(out.channels.size());
        for (int c = 0; c < channels; ++c)
            for (int i = 0; i < f.nb_samples; ++i) {
                const int at = planar ? i : i * channels + c;
                const uint8_t* base = f.data[planar ? c : 0];
                double v = 0;
                switch (av_get_packed_sample_fmt(fmt)) {
                    case AV_SAMPLE_FMT_FLT:
                        v = reinterpret_cast<const float*>(base)[at];
                        break;
                    case AV_SAMPLE_FMT_S32:
                        v = reinterpret_cast<const int32_t*>(base)[at] / 2147483648.0;
                        break;
                    case AV_SAMPLE_FMT_S16:
                        v = reinterpret_cast<const int16_t*>(base)[at] / 32768.0;
                        break;
                    default:
                        v = NAN;
                }
                out.channels[static_cast<std::size_t>(c)].push_back(static_cast<float>(v));
            }
    });
    if (!ok) out.channels.clear();
    return out;
}

double luma_at(const AVFrame& frame, int x, int y) {
    const double scale = std::ldexp(1.0, depth_of(frame) - 8);
    return (code_at(frame, x, y) / scale - 16.0) / 219.0;
}

double mean_luma_code(const AVFrame& frame, int x, int y, int w, int h) {
    double sum = 0;
    for (int j = y; j < y + h; ++j)
        for (int i = x; i < x + w; ++i) sum += code_at(frame, i, j);
    return sum / (static_cast<double>(w) * h);
}

std::pair<int, int> luma_code_range(const AVFrame& frame, int x, int y, int w, int h) {
    int lo = 1 << 16, hi = -1;
    for (int j = y; j < y + h; ++j)
        for (int i = x; i < x + w; ++i) {
            lo = std::min(lo, code_at(frame, i, j));
            hi = std::max(hi, code_at(frame, i, j));
        }
    return {lo, hi};
}

uint64_t luma_hash(const AVFrame& frame) {
    uint64_t h = 1469598103934665603ull;  // FNV-1a
    const int bytes = frame.width * (depth_of(frame) > 8 ? 2 : 1);
    for (int y = 0; y < frame.height; ++y) {
        const uint8_t* row = frame.data[0] + static_cast<std::ptrdiff_t>(y) * frame.linesize[0];
        for (int i = 0; i < bytes; ++i) h = (h ^ row[i]) * 1099511628211ull;
    }
    return h;
}

int64_t read_counter(const std::function<double(int, int)>& luma, int x, int y, int cell,
                     int bits) {
    int64_t value = 0;
    for (int bit = 0; bit < bits; ++bit) {
        const double v = luma(x + bit * cell + cell / 2, y + cell / 2);
        value = value << 1 | (v > 0.5 ? 1 : 0);
    }
    return value;
}

double crossing_rate(const std::vector<float>& signal, int sample_rate, std::size_t first,
                     std::size_t count) {
    int crossings = 0;
    for (std::size_t i = first + 1; i < first + count && i < signal.size(); ++i)
        if (signal[i - 1] < 0 && signal[i] >= 0) ++crossings;
    return crossings * static_cast<double>(sample_rate) / static_cast<double>(count);
}

double peak(const std::vector<float>& signal, std::size_t first, std::size_t count) {
    double p = 0;
    for (std::size_t i = first; i < first + count && i < signal.size(); ++i)
        p = std::max(p, static_cast<double>(std::abs(signal[i])));
    return p;
}

std::string read_bytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

TempDir::TempDir(const std::string& tag)
    : m_path(std::filesystem::temp_directory_path() /
             ("slate_samples_" + tag + "_" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(m_path);
    std::filesystem::create_directories(m_path);
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
}

}  // namespace slate_test
