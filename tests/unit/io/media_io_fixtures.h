// SPDX-License-Identifier: Apache-2.0
// Shared by media_source_test and media_sink_test: a scratch folder, the ffmpeg/ffprobe CLIs as
// fixture makers and reference readers, and frame digests.
#pragma once

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "media/frame/frame.h"

#include "scratch_dir.h"

namespace media::test {

/// Runs a shell command; its stdout, or "" and ok=false when it exits non-zero.
inline std::string run(const std::string& command, bool* ok = nullptr) {
    std::string output;
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) {
        if (ok) *ok = false;
        return output;
    }
    std::array<char, 4096> buffer{};
    size_t n = 0;
    while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) output.append(buffer.data(), n);
    const int status = pclose(pipe);
    if (ok) *ok = status == 0;
    while (!output.empty() && (output.back() == '\n' || output.back() == '\r')) output.pop_back();
    return output;
}

/// Runs ffmpeg quietly with `args`; true when it succeeded.
inline bool ffmpeg(const std::string& args) {
    bool ok = false;
    run("ffmpeg -hide_banner -nostdin -loglevel error -y " + args + " 2>&1", &ok);
    return ok;
}

/// One ffprobe entry of a stream, e.g. ffprobe_entry(f, "v:0", "stream=codec_name").
inline std::string ffprobe_entry(const std::string& file, const std::string& stream,
                                 const std::string& entry, const std::string& extra = "") {
    return run("ffprobe -v error " + extra + " -select_streams " + stream + " -show_entries " +
               entry + " -of default=nw=1:nk=1 " + quote(file) + " 2>/dev/null");
}

/// Frames libav decodes from the first video stream, as ffprobe -count_frames reports.
inline int64_t ffprobe_frame_count(const std::string& file) {
    auto text = ffprobe_entry(file, "v:0", "stream=nb_read_frames", "-count_frames");
    return text.empty() ? -1 : std::stoll(text);
}

/// FNV-1a over every visible byte of every plane: equal digests mean equal pictures.
inline uint64_t digest(const Frame& frame) {
    uint64_t hash = 1469598103934665603ull;
    const PixelFormatInfo& fi = info(frame.format());
    for (int p = 0; p < frame.plane_count(); ++p) {
        const auto row_bytes = fi.plane_row_bytes(p, frame.width());
        for (int y = 0; y < fi.plane_height(p, frame.height()); ++y) {
            const std::byte* row = frame.plane_data(p) + y * frame.plane_stride(p);
            for (int64_t x = 0; x < row_bytes; ++x)
                hash = (hash ^ static_cast<uint64_t>(row[x])) * 1099511628211ull;
        }
    }
    return hash;
}

/// The planes of a frame packed without padding, as ffmpeg -f rawvideo writes them.
inline std::vector<std::byte> packed_bytes(const Frame& frame) {
    std::vector<std::byte> bytes;
    const PixelFormatInfo& fi = info(frame.format());
    for (int p = 0; p < frame.plane_count(); ++p) {
        const auto row_bytes = fi.plane_row_bytes(p, frame.width());
        for (int y = 0; y < fi.plane_height(p, frame.height()); ++y) {
            const std::byte* row = frame.plane_data(p) + y * frame.plane_stride(p);
            bytes.insert(bytes.end(), row, row + row_bytes);
        }
    }
    return bytes;
}

}  // namespace media::test
