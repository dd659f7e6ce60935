// SPDX-License-Identifier: Apache-2.0
// The graded preview: the clip's first seconds, graded, scaled to a review width and encoded as
// H.264 yuv420p in MP4 with BT.709 tags and the clip's timecode (what plays everywhere).
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "grade_internal.h"
#include "media/color/ycbcr.h"
#include "media/io/media_sink.h"

namespace media::grade::detail {
namespace {

ColorInfo rec709_tags() {
    ColorInfo color;
    color.primaries = ColorPrimaries::BT709;
    color.transfer = TransferCharacteristic::BT709;
    color.matrix = MatrixCoefficients::BT709;
    color.range = ColorRange::Limited;
    color.chroma_location = ChromaLocation::Left;
    return color;
}

SinkOptions preview_sink(const PreviewJob& job, Rational rate, int width, int height) {
    VideoEncodeSettings video;
    video.codec = "libx264";
    video.options = {{"crf", "18"}, {"preset", "fast"}};
    video.pixel_format = PixelFormat::Yuv420p8;
    video.width = width;
    video.height = height;
    video.frame_rate = rate;
    video.color = rec709_tags();
    video.start_timecode = job.start_timecode;
    SinkOptions options;
    options.video = video;
    options.container = "mp4";
    options.container_options = {{"movflags", "+faststart"}};
    return options;
}

// NaN/Inf would make the Y'CbCr rounding undefined: they show as black, excursions clip.
void make_finite(Frame& rgb) {
    auto plane = rgb.mutable_plane<float>(0);
    for (int y = 0; y < plane.height(); ++y) {
        float* row = plane.row(y);
        for (int64_t i = 0; i < plane.row_samples(); ++i)
            row[i] = std::isfinite(row[i]) ? std::clamp(row[i], 0.0f, 1.0f) : 0.0f;
    }
}

}  // namespace

Result<int64_t> write_preview(MediaSource& source, const color::ColorProcessor& processor,
                              const PreviewJob& job, int64_t& nonfinite) {
    const auto fail = [&](Error error) { return std::move(error).with_file(job.input); };
    const Rational rate =
        job.frame_rate.num() > 0 && job.frame_rate.den() > 0 ? job.frame_rate : Rational(24, 1);
    const double seconds_frames =
        job.seconds * static_cast<double>(rate.num()) / static_cast<double>(rate.den());
    const int64_t frames =
        std::clamp<int64_t>(std::llround(seconds_frames), 1, std::max<int64_t>(1, job.frame_count));
    if (auto sought = source.seek(0); !sought) return fail(std::move(sought).error());

    std::optional<MediaSink> sink;
    color::YcbcrDesc ycbcr;
    ycbcr.matrix = color::YcbcrMatrix::Bt709;
    ycbcr.full_range = false;
    ycbcr.siting = ChromaLocation::Left;
    for (int64_t index = 0; index < frames; ++index) {
        auto next = source.next_video_frame();
        if (!next) return fail(std::move(next).error());
        if (!*next) break;  // shorter than declared: the preview ends with the clip
        auto rgb = color::to_rgb_float(**next);
        if (!rgb) return fail(std::move(rgb).error());
        MEDIA_TRY_ASSIGN(Frame graded, graded_copy(processor, *rgb, nonfinite));
        MEDIA_TRY_ASSIGN(Frame scaled, shrink_to_width(graded, job.max_width, true));
        make_finite(scaled);
        if (!sink) {
            auto created = MediaSink::create(
                job.output, preview_sink(job, rate, scaled.width(), scaled.height()));
            if (!created) return std::move(created).error().with_file(job.output);
            sink.emplace(std::move(*created));
        }
        auto yuv = color::rgb_to_ycbcr(scaled, PixelFormat::Yuv420p8, ycbcr);
        if (!yuv) return std::move(yuv).error().with_file(job.output);
        yuv->set_color(rec709_tags());
        if (auto done = sink->write_video(*yuv); !done)
            return std::move(done).error().with_file(job.output);
    }
    if (!sink) return fail(Error(ErrorCode::DecodeError, "no frame to make a preview of"));
    if (auto finished = sink->finish(); !finished)
        return std::move(finished).error().with_file(job.output);
    return sink->frames_written();
}

}  // namespace media::grade::detail
