// SPDX-License-Identifier: Apache-2.0
// Test-side libav helpers: the independent reader the generated samples are checked with.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
}

namespace slate_test {

struct InputDeleter {
    void operator()(AVFormatContext* ctx) const { avformat_close_input(&ctx); }
};
using InputPtr = std::unique_ptr<AVFormatContext, InputDeleter>;

/// Opens a file and reads its stream info; null on failure.
InputPtr open_media(const std::filesystem::path& path);

/// The first stream of a media type, or null.
AVStream* first_stream(AVFormatContext* ctx, AVMediaType type);

/// The "timecode" tag of any stream (tmcd tracks, MXF) or of the file; empty when none.
std::string find_timecode(AVFormatContext* ctx);
/// The value of `key` on any stream or the file; empty when none.
std::string find_tag(AVFormatContext* ctx, const char* key);

/// Decodes every picture of the first video stream; returns the count, or -1 on error.
int64_t decode_video(const std::filesystem::path& path,
                     const std::function<void(int64_t index, const AVFrame& frame)>& each);

/// Decoded audio of the first audio stream as floats, one vector per channel.
struct DecodedAudio {
    int sample_rate = 0;
    std::vector<std::vector<float>> channels;
};
/// Decodes the first audio stream (s16/s32/flt, packed or planar); channels empty on error.
DecodedAudio decode_audio(const std::filesystem::path& path);

/// Luma sample at (x, y) normalised to the nominal range: 0 at black (16), 1 at white (235).
double luma_at(const AVFrame& frame, int x, int y);
/// Mean luma code value over a rectangle, at the frame's own bit depth.
double mean_luma_code(const AVFrame& frame, int x, int y, int w, int h);
/// Minimum and maximum luma code values over a rectangle.
std::pair<int, int> luma_code_range(const AVFrame& frame, int x, int y, int w, int h);
/// A hash of the luma plane (for "are these pictures identical").
uint64_t luma_hash(const AVFrame& frame);

/// Reads the pattern's binary frame counter (cells of `cell` pixels from (x, y)).
int64_t read_counter(const std::function<double(int x, int y)>& luma, int x, int y, int cell,
                     int bits);

/// Number of upward zero crossings per second of a signal (a sine's frequency).
double crossing_rate(const std::vector<float>& signal, int sample_rate, std::size_t first,
                     std::size_t count);
/// Largest absolute sample in [first, first + count).
double peak(const std::vector<float>& signal, std::size_t first, std::size_t count);

/// Whole file contents.
std::string read_bytes(const std::filesystem::path& path);

/// A fresh, empty folder under the system temp folder, removed when this object goes.
class TempDir {
public:
    explicit TempDir(const std::string& tag);
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

}  // namespace slate_test
