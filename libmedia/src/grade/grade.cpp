// SPDX-License-Identifier: Apache-2.0
// run_grade: open every clip, plan every output (and refuse existing ones) before any work, then
// decode the asked frames, grade them once each and write stills, before/after, scopes, the
// contact sheet and previews, each under a temporary name renamed when complete.
#include <algorithm>
#include <atomic>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <set>
#include <vector>

#include <fmt/format.h>
#include <unistd.h>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "grade_internal.h"
#include "media/color/color_processor.h"
#include "media/color/ycbcr.h"
#include "media/grade/grade.h"
#include "media/io/image_file.h"
#include "media/io/media_source.h"

namespace media::grade {

namespace fs = std::filesystem;

// ---- shared helpers (grade_internal.h) ----------------------------------------------------------

namespace detail {

std::string temporary_path_for(const std::string& final_path) {
    static std::atomic<int> counter{0};
    const fs::path path(final_path);
    const std::string name = fmt::format(".{}.partial-{}-{}{}", path.stem().string(), getpid(),
                                         counter.fetch_add(1), path.extension().string());
    return (path.parent_path() / name).string();
}

Result<void> commit_file(const std::string& temporary, const std::string& final_path) {
    std::error_code ec;
    fs::rename(temporary, final_path, ec);
    if (!ec) return ok();
    fs::remove(temporary, ec);
    return Error(ErrorCode::IoError, "cannot move the finished file into place")
        .with_file(final_path);
}

Result<Frame> graded_copy(const color::ColorProcessor& processor, const Frame& rgb,
                          int64_t& nonfinite) {
    // Copy-on-write: apply() clones the pixels before changing them (a no-op pipeline only
    // counts NaN/Inf and leaves them shared).
    Frame graded = rgb;
    color::ApplyStats stats;
    MEDIA_TRY(processor.apply(graded, &stats));
    nonfinite += stats.nonfinite_pixels;
    return graded;
}

Result<Frame> shrink_to_width(const Frame& rgb, int max_width, bool even) {
    if (rgb.format() != PixelFormat::RgbFloat)
        return Error(ErrorCode::UnsupportedFormat, "shrink_to_width takes RgbFloat frames");
    int width = std::min(rgb.width(), std::max(2, max_width));
    int height = std::max(
        1, static_cast<int>(std::lround(static_cast<double>(rgb.height()) * width / rgb.width())));
    if (even) {
        width = std::max(2, width & ~1);
        height = std::max(2, height & ~1);
    }
    if (width == rgb.width() && height == rgb.height()) return rgb;
    const auto in = rgb.plane<float>(0);
    const cv::Mat source(in.height(), in.width(), CV_32FC3, const_cast<float*>(in.data()),
                         static_cast<size_t>(in.stride_bytes()));
    cv::Mat scaled;
    cv::resize(source, scaled, cv::Size(width, height), 0, 0, cv::INTER_AREA);
    FrameSpec spec = rgb.spec();
    spec.width = width;
    spec.height = height;
    MEDIA_TRY_ASSIGN(Frame out, Frame::allocate(spec));
    auto plane = out.mutable_plane<float>(0);
    for (int y = 0; y < height; ++y)
        std::copy_n(scaled.ptr<float>(y), int64_t{width} * 3, plane.row(y));
    out.set_index(rgb.index());
    out.set_timecode(rgb.timecode());
    return out;
}

}  // namespace detail

namespace {

struct StillFormat {
    std::string extension;  ///< ".png"
    SampleType stored = SampleType::U8;
    bool integer = true;  ///< values clamp to 0..1 (NaN -> 0) before an integer format
};

Result<StillFormat> still_format(const std::string& name) {
    if (name == "png") return StillFormat{".png", SampleType::U8, true};
    if (name == "jpg" || name == "jpeg") return StillFormat{".jpg", SampleType::U8, true};
    if (name == "tif" || name == "tiff") return StillFormat{".tif", SampleType::U16, true};
    if (name == "exr") return StillFormat{".exr", SampleType::F16, false};
    return Error(ErrorCode::InvalidArgument,
                 fmt::format("still format '{}': use png, jpg, tif or exr", name));
}

/// Writes an RgbFloat picture as an image file, through a temporary name.
Result<void> write_picture(const Frame& rgb, const std::string& path, const StillFormat& format,
                           const std::optional<Timecode>& timecode) {
    if (rgb.format() != PixelFormat::RgbFloat)
        return Error(ErrorCode::Internal, "picture to write is not RgbFloat").with_file(path);
    const auto plane = rgb.plane<float>(0);
    std::vector<float> pixels(static_cast<size_t>(plane.width()) * plane.height() * 3);
    auto out = pixels.begin();
    for (int y = 0; y < plane.height(); ++y) {
        const float* row = plane.row(y);
        for (int64_t i = 0; i < plane.row_samples(); ++i) {
            float v = row[i];
            // Integer files cannot hold NaN/Inf or excursions: make their rounding well defined.
            if (format.integer) v = std::isnan(v) ? 0.0f : std::clamp(v, 0.0f, 1.0f);
            *out++ = v;
        }
    }
    ImageFileSpec spec;
    spec.width = rgb.width();
    spec.height = rgb.height();
    spec.channels = 3;
    spec.stored = format.stored;
    if (format.extension == ".exr" && timecode)
        spec.attributes.emplace_back("smpte:TimeCode", *timecode);
    const std::string temporary = detail::temporary_path_for(path);
    if (auto written = write_image_file(temporary, spec, pixels); !written) {
        std::error_code ec;
        fs::remove(temporary, ec);
        return std::move(written).error().with_file(path);
    }
    return detail::commit_file(temporary, path);
}

/// One input, opened, with its length known.
struct Clip {
    std::string input;
    std::string name;
    std::unique_ptr<MediaSource> source;
    SourceSummary summary;
    int64_t frame_count = 0;
    int64_t next_index = 0;  ///< what next_video_frame() returns now (-1: unknown)

    std::optional<Timecode> timecode_of(int64_t index) const {
        if (!summary.start_timecode) return std::nullopt;
        return *summary.start_timecode + index;
    }

    /// Frame `index` as RgbFloat (seeking only when not already there).
    Result<Frame> read_rgb(int64_t index) {
        if (index != next_index) {
            next_index = -1;
            if (auto sought = source->seek(index); !sought)
                return std::move(sought).error().with_file(input);
        }
        auto next = source->next_video_frame();
        if (!next) return std::move(next).error().with_file(input);
        if (!*next)
            return Error(ErrorCode::DecodeError,
                         fmt::format("frame {} is past the end of the clip", index))
                .with_file(input);
        next_index = index + 1;
        auto rgb = color::to_rgb_float(**next);
        if (!rgb) return std::move(rgb).error().with_file(input);
        rgb->set_index(index);
        rgb->set_timecode(timecode_of(index));
        return std::move(*rgb);
    }
};

Result<Clip> open_clip(const std::string& input, Rational sequence_rate) {
    SourceOptions options;
    options.sequence_rate = sequence_rate;
    MEDIA_TRY_ASSIGN(MediaSource source, MediaSource::open(input, options));
    Clip clip;
    clip.input = input;
    clip.name = clip_name_of(input);
    clip.summary = source.summary();
    clip.source = std::make_unique<MediaSource>(std::move(source));
    if (!clip.summary.has_video)
        return Error(ErrorCode::InvalidArgument, "no video stream to grade").with_file(input);
    if (clip.summary.frame_count && *clip.summary.frame_count > 0) {
        clip.frame_count = *clip.summary.frame_count;
    } else {
        // No declared length: count by decoding (needed for "middle", "last", contact sheets).
        while (true) {
            auto next = clip.source->next_video_frame();
            if (!next) return std::move(next).error().with_file(input);
            if (!*next) break;
            ++clip.frame_count;
        }
        clip.next_index = -1;
    }
    if (clip.frame_count <= 0)
        return Error(ErrorCode::DecodeError, "no video frames").with_file(input);
    return clip;
}

bool is_digits(std::string_view text) {
    return !text.empty() &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// A --at value as a frame index of the clip; nullopt when the clip does not hold that frame
/// (a timecode of another clip, a number past its end): `range` then says what it holds.
Result<std::optional<int64_t>> resolve_at(const std::string& at, const Clip& clip,
                                          std::string& range) {
    const auto fail = [&](const std::string& why) {
        return Error(ErrorCode::InvalidArgument, fmt::format("--at {}: {}", at, why))
            .with_file(clip.input);
    };
    range = fmt::format("{}: frames 0 to {}", clip.name, clip.frame_count - 1);
    int64_t index = 0;
    if (at == "first") {
        index = 0;
    } else if (at == "middle") {
        index = clip.frame_count / 2;
    } else if (at == "last") {
        index = clip.frame_count - 1;
    } else if (is_digits(at)) {
        const auto [end, ec] = std::from_chars(at.data(), at.data() + at.size(), index);
        if (ec != std::errc() || end != at.data() + at.size()) return fail("not a frame number");
    } else if (at.find_first_of(":;.") != std::string::npos) {
        if (!clip.summary.start_timecode) {
            range = clip.name + ": no timecode";
            return std::optional<int64_t>();
        }
        const Timecode& start = *clip.summary.start_timecode;
        range = fmt::format("{}: {} to {}", clip.name, start.to_string(),
                            (start + (clip.frame_count - 1)).to_string());
        // Colons are what people type: read them in the clip's own (maybe drop-frame) counting.
        std::string text = at;
        if (start.rate().drop && text.find_first_of(";.") == std::string::npos)
            text[text.rfind(':')] = ';';
        auto timecode = Timecode::from_string_for_rate(text, start.rate().rate);
        if (!timecode) return fail(timecode.error().message());
        if (!(timecode->rate() == start.rate()))
            return fail(fmt::format("a drop-frame timecode for a non-drop clip (it starts at {})",
                                    start.to_string()));
        index = *timecode - start;
    } else {
        return fail("use a frame number, a timecode (HH:MM:SS:FF), first, middle or last");
    }
    if (index < 0 || index >= clip.frame_count) return std::optional<int64_t>();
    return std::optional<int64_t>(index);
}

/// Frame indices of `count` thumbnails spread evenly over the clip (first and last included).
std::vector<int64_t> thumbnail_frames(int64_t frame_count, int count) {
    std::vector<int64_t> frames;
    if (count <= 1 || frame_count <= 1) {
        frames.push_back(frame_count / 2);
        return frames;
    }
    for (int i = 0; i < count; ++i) {
        const int64_t index = static_cast<int64_t>(
            std::llround(static_cast<double>(i) * static_cast<double>(frame_count - 1) /
                         static_cast<double>(count - 1)));
        if (frames.empty() || frames.back() != index) frames.push_back(index);
    }
    return frames;
}

/// One output of the plan.
struct Planned {
    GradeOutput output;
    size_t clip = 0;
    int64_t frame = 0;
    std::optional<ScopeKind> scope;  ///< kind "scope:*"
};

std::string frame_label(const Clip& clip, int64_t index) {
    const auto timecode = clip.timecode_of(index);
    return fmt::format("{}  {}", clip.name,
                       timecode ? timecode->to_string() : fmt::format("frame {}", index));
}

}  // namespace

std::string grade_output_name(const std::string& clip, int64_t frame, const std::string& suffix,
                              const std::string& extension) {
    const std::string dot = !extension.empty() && extension.front() != '.' ? "." : "";
    return fmt::format("{}_{:07d}{}{}{}", clip, frame, suffix, dot, extension);
}

Result<GradeReport> run_grade(const GradeRequest& request) {
    if (request.inputs.empty()) return Error(ErrorCode::InvalidArgument, "no input given");
    if (request.output_dir.empty())
        return Error(ErrorCode::InvalidArgument, "no output folder given");
    if (request.contact_sheet < 0 || request.contact_columns < 1)
        return Error(ErrorCode::InvalidArgument, "contact sheet: thumbnails >= 0, columns >= 1");
    if (request.preview_seconds < 0 || !std::isfinite(request.preview_seconds) ||
        request.preview_max_width < 16)
        return Error(ErrorCode::InvalidArgument, "preview: seconds >= 0 and a width of 16 or more");
    MEDIA_TRY_ASSIGN(const StillFormat format, still_format(request.still_format));
    MEDIA_TRY_ASSIGN(const color::ColorProcessor processor,
                     color::ColorProcessor::create(request.pipeline, request.device));

    std::vector<Clip> clips;
    for (const std::string& input : request.inputs) {
        MEDIA_TRY_ASSIGN(Clip clip, open_clip(input, request.sequence_rate));
        clips.push_back(std::move(clip));
    }

    // Plan every output before any work.
    const bool other_outputs = request.contact_sheet > 0 || request.before_after ||
                               !request.scopes.empty() || request.preview_seconds > 0;
    std::vector<Planned> plan;
    std::vector<std::vector<int64_t>> thumbnails(clips.size());
    const fs::path folder(request.output_dir);
    const auto add = [&](size_t c, std::string kind, const std::string& name,
                         std::optional<int64_t> frame) {
        Planned planned;
        planned.clip = c;
        planned.frame = frame.value_or(0);
        planned.output.kind = std::move(kind);
        planned.output.input = clips[c].input;
        planned.output.path = (folder / name).string();
        planned.output.frame = frame;
        if (frame) planned.output.timecode = clips[c].timecode_of(*frame);
        plan.push_back(std::move(planned));
    };
    // An --at value picks frames in the clips that hold it; one that no clip holds is an error.
    std::vector<std::vector<std::string>> at_ranges(request.at.size());
    for (size_t c = 0; c < clips.size(); ++c) {
        std::vector<int64_t> at_frames;
        for (size_t a = 0; a < request.at.size(); ++a) {
            std::string range;
            MEDIA_TRY_ASSIGN(const std::optional<int64_t> index,
                             resolve_at(request.at[a], clips[c], range));
            if (!index) {
                at_ranges[a].push_back(range);
                continue;
            }
            if (std::find(at_frames.begin(), at_frames.end(), *index) == at_frames.end())
                at_frames.push_back(*index);
        }
        const std::vector<int64_t> middle{clips[c].frame_count / 2};
        const std::vector<int64_t> still_frames =
            !request.at.empty() || other_outputs ? at_frames : middle;
        const std::vector<int64_t> look_frames = request.at.empty() ? middle : at_frames;
        const std::string& name = clips[c].name;
        for (int64_t f : still_frames)
            add(c, "still", grade_output_name(name, f, "", format.extension), f);
        if (request.before_after)
            for (int64_t f : look_frames)
                add(c, "before_after", grade_output_name(name, f, "_compare", format.extension), f);
        for (ScopeKind kind : request.scopes)
            for (int64_t f : look_frames) {
                const std::string scope(scope_name(kind));
                add(c, "scope:" + scope, grade_output_name(name, f, "_" + scope, format.extension),
                    f);
                plan.back().scope = kind;
            }
        if (request.preview_seconds > 0) add(c, "preview", name + "_preview.mp4", std::nullopt);
        if (request.contact_sheet > 0)
            thumbnails[c] = thumbnail_frames(clips[c].frame_count, request.contact_sheet);
    }
    for (size_t a = 0; a < request.at.size(); ++a)
        if (at_ranges[a].size() == clips.size())
            return Error(ErrorCode::InvalidArgument,
                         fmt::format("--at {}: no input holds that frame ({})", request.at[a],
                                     fmt::join(at_ranges[a], "; ")));
    if (request.contact_sheet > 0) {
        add(0, "contact_sheet", "contact_sheet" + format.extension, std::nullopt);
        plan.back().output.input.clear();
    }
    std::set<std::string> paths;
    for (const Planned& planned : plan) {
        if (!paths.insert(planned.output.path).second)
            return Error(ErrorCode::InvalidArgument,
                         "two inputs would write this output (their clip names are the same)")
                .with_file(planned.output.path);
        std::error_code ec;
        if (!request.overwrite && fs::exists(planned.output.path, ec))
            return Error(ErrorCode::InvalidArgument, "exists (use --overwrite to replace it)")
                .with_file(planned.output.path);
    }
    {
        std::error_code ec;
        fs::create_directories(folder, ec);
        if (ec || !fs::is_directory(folder, ec))
            return Error(ErrorCode::IoError, "cannot create the output folder")
                .with_file(request.output_dir);
    }

    GradeReport report;
    report.device = fmt::format("{} ({})", processor.device(), processor.backend());
    report.pipeline = processor.describe();
    const auto written = [&](const Planned& planned) {
        report.outputs.push_back(planned.output);
        if (request.progress)
            request.progress(fmt::format("{:<18} {}", planned.output.kind, planned.output.path));
    };

    std::vector<ContactSheetTile> tiles;
    const ContactSheetOptions sheet_options{request.contact_columns, 384, 16, {}};
    for (size_t c = 0; c < clips.size(); ++c) {
        Clip& clip = clips[c];
        // Each frame is decoded and graded once, however many outputs show it, in frame order,
        // and dropped when its outputs are written (memory stays at one frame, even at UHD).
        std::set<int64_t> needed(thumbnails[c].begin(), thumbnails[c].end());
        for (const Planned& planned : plan)
            if (planned.clip == c && planned.output.frame) needed.insert(planned.frame);
        for (int64_t index : needed) {
            MEDIA_TRY_ASSIGN(const Frame before, clip.read_rgb(index));
            MEDIA_TRY_ASSIGN(const Frame after,
                             detail::graded_copy(processor, before, report.nonfinite_pixels));
            for (const Planned& planned : plan) {
                if (planned.clip != c || !planned.output.frame || planned.frame != index) continue;
                const std::string& path = planned.output.path;
                const auto& timecode = planned.output.timecode;
                if (planned.output.kind == "still") {
                    MEDIA_TRY(write_picture(after, path, format, timecode));
                } else if (planned.output.kind == "before_after") {
                    auto compare = compose_before_after(before, after, *request.before_after);
                    if (!compare) return std::move(compare).error().with_file(path);
                    MEDIA_TRY(write_picture(*compare, path, format, timecode));
                } else if (planned.scope) {
                    auto scope = render_scope(after, *planned.scope);
                    if (!scope) return std::move(scope).error().with_file(path);
                    MEDIA_TRY(write_picture(*scope, path, format, timecode));
                }
                written(planned);
            }
            if (std::binary_search(thumbnails[c].begin(), thumbnails[c].end(), index)) {
                // Kept at twice the tile width: enough for the sheet's area filter, small in
                // memory.
                MEDIA_TRY_ASSIGN(Frame thumbnail, detail::shrink_to_width(
                                                      after, 2 * sheet_options.tile_width, false));
                tiles.push_back(ContactSheetTile{std::move(thumbnail), frame_label(clip, index)});
            }
        }
        for (const Planned& planned : plan) {
            if (planned.clip != c || planned.output.kind != "preview") continue;
            detail::PreviewJob job;
            job.input = clip.input;
            job.output = planned.output.path;
            job.seconds = request.preview_seconds;
            job.max_width = request.preview_max_width;
            job.frame_rate = clip.summary.frame_rate;
            job.start_timecode = clip.summary.start_timecode;
            job.frame_count = clip.frame_count;
            clip.next_index = -1;
            MEDIA_TRY(detail::write_preview(*clip.source, processor, job, report.nonfinite_pixels));
            written(planned);
        }
        clip.source.reset();  // decoders and their buffers go as soon as the clip is done
    }
    if (request.contact_sheet > 0) {
        const Planned& planned = plan.back();
        auto sheet = compose_contact_sheet(tiles, sheet_options);
        if (!sheet) return std::move(sheet).error().with_file(planned.output.path);
        MEDIA_TRY(write_picture(*sheet, planned.output.path, format, std::nullopt));
        written(planned);
    }
    return report;
}

}  // namespace media::grade
