// SPDX-License-Identifier: Apache-2.0
// The compare runner: two decoders (the distorted one on its own thread behind a bounded queue),
// a oneTBB pipeline that pairs frames in order, scores pairs in parallel and collects rows in
// order (motion needs the previous reference frame), then motion2, the models and pooling.
#include "media/metrics/compare.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <filesystem>
#include <limits>
#include <memory>
#include <thread>

#include <fmt/format.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>

#include "common/bounded_queue.h"
#include "compare_internal.h"
#include "frame_scorer.h"
#include "frame_scorer_device.h"
#include "media/core/device.h"
#include "media/io/frame_resize.h"
#include "media/io/media_source.h"

namespace media::metrics {

std::optional<Metric> metric_from_name(std::string_view name) {
    if (name == "psnr") return Metric::Psnr;
    if (name == "ssim" || name == "float_ssim") return Metric::Ssim;
    if (name == "ms_ssim" || name == "ms-ssim" || name == "float_ms_ssim") return Metric::MsSsim;
    if (name == "vmaf") return Metric::Vmaf;
    return std::nullopt;
}

std::string_view metric_name(Metric metric) {
    switch (metric) {
        case Metric::Psnr:
            return "psnr";
        case Metric::Ssim:
            return "ssim";
        case Metric::MsSsim:
            return "ms_ssim";
        case Metric::Vmaf:
            return "vmaf";
    }
    return "?";
}

bool CompareRequest::wants(Metric metric) const {
    return std::find(metrics.begin(), metrics.end(), metric) != metrics.end();
}

int CompareResult::column(std::string_view name) const {
    for (size_t i = 0; i < columns.size(); ++i)
        if (columns[i] == name) return static_cast<int>(i);
    return -1;
}

std::vector<double> CompareResult::values(std::string_view name) const {
    std::vector<double> out;
    const int c = column(name);
    if (c < 0) return out;
    out.reserve(frames.size());
    for (const auto& row : frames) out.push_back(row[c]);
    return out;
}

namespace {

using detail::ModelColumn;
using detail::RangeRun;
using detail::ScorePlan;

/// The column a model's score is reported under: libvmaf's customary short names for the models
/// it ships, the model's own name otherwise; the first model is always "vmaf".
std::string model_column(const std::string& name, bool first) {
    if (first) return "vmaf";
    if (name == "vmaf_v0.6.1neg") return "vmaf_neg";
    if (name == "vmaf_4k_v0.6.1") return "vmaf_4k";
    if (name == "vmaf_float_v0.6.1") return "vmaf_float";
    if (name == "vmaf_float_v0.6.1neg") return "vmaf_float_neg";
    if (name == "vmaf_float_4k_v0.6.1") return "vmaf_float_4k";
    return name;
}

/// Formats the metric kernels read directly: planar Y'CbCr or grey of integer samples.
bool measurable(PixelFormat format) {
    const PixelFormatInfo& fi = info(format);
    return !fi.is_packed && (fi.is_yuv || fi.components == 1) &&
           (fi.sample_type == SampleType::U8 || fi.sample_type == SampleType::U16);
}

std::array<SamplePlane, 3> planes_of(const Frame& frame) {
    const PixelFormatInfo& fi = info(frame.format());
    std::array<SamplePlane, 3> planes{};
    const int count = std::min(3, fi.planes);
    for (int i = 0; i < count; ++i) {
        planes[i].data = frame.plane_data(i);
        planes[i].stride_bytes = frame.plane_stride(i);
        planes[i].width = fi.plane_width(i, frame.width());
        planes[i].height = fi.plane_height(i, frame.height());
        planes[i].bit_depth = fi.bit_depth;
    }
    return planes;
}

std::string describe(const FrameSpec& spec, Rational rate) {
    return fmt::format("{}x{} {} at {} fps", spec.width, spec.height, info(spec.format).name,
                       rate.valid() ? rate.to_string() : "unknown");
}

Result<MediaSource> open_input(const CompareInput& input, const char* role) {
    SourceOptions options;
    options.raw_video = input.raw;
    auto source = MediaSource::open(input.path, options);
    if (!source) return Error(source.error()).with_operation(std::string("open ") + role);
    if (!source->summary().has_video)
        return Error(ErrorCode::UnsupportedFormat, std::string("the ") + role + " has no video")
            .with_file(input.path);
    return source;
}

/// Skips `count` frames: a seek where the source supports it, decoding otherwise.
Result<void> skip_frames(MediaSource& source, int64_t count, const std::string& path) {
    if (count <= 0) return ok();
    if (source.seek(count)) return ok();
    for (int64_t i = 0; i < count; ++i) {
        MEDIA_TRY_ASSIGN(auto frame, source.next_video_frame());
        if (!frame)
            return Error(ErrorCode::InvalidArgument,
                         fmt::format("offset {} is past the end ({} frames)", count, i))
                .with_file(path);
    }
    return ok();
}

/// A decoded distorted frame or the error that ended the stream.
struct Decoded {
    Frame frame;
    std::optional<Error> error;
};

/// Decodes the distorted input on its own thread so both decoders run at once.
class DistortedReader {
public:
    DistortedReader(MediaSource& source, std::optional<int64_t> limit)
        : m_queue(4), m_thread([this, &source, limit] { run(source, limit); }) {}
    ~DistortedReader() { finish(); }
    std::optional<Decoded> next() { return m_queue.pop(); }
    /// Stops reading (if it still is) and returns the decode problems the input reported.
    std::vector<DecodeIssue> finish() {
        m_queue.abandon();
        if (m_thread.joinable()) m_thread.join();
        return m_decode_errors;
    }

private:
    void run(MediaSource& source, std::optional<int64_t> limit) {
        for (int64_t n = 0; !limit || n < *limit; ++n) {
            auto frame = source.next_video_frame();
            if (!frame) {
                m_queue.push(Decoded{Frame(), std::move(frame).error()});
                break;
            }
            if (!*frame) break;
            if (!m_queue.push(Decoded{std::move(**frame), std::nullopt})) break;
        }
        m_decode_errors = source.decode_errors();
        m_queue.close();
    }

    media::detail::BoundedQueue<Decoded> m_queue;
    std::vector<DecodeIssue>
        m_decode_errors;  // written by the thread before it ends; read after join
    std::thread m_thread;
};

struct Work {
    int64_t index = 0;
    Frame reference;
    Frame distorted;
    std::vector<double> row;
    MotionBlur blur;
    std::optional<Error> error;
};

/// Where the frame pairs are scored: the CPU (in parallel) or one CUDA device (in order).
struct Scorer {
    std::unique_ptr<detail::DeviceFrameScorer> device;
};

/// Per-worker converters (FrameResizer is not shared between threads).
struct Converters {
    std::optional<FrameResizer> reference;
    std::optional<FrameResizer> distorted;
};

Result<Frame> convert(std::optional<FrameResizer>& resizer, const ResizeDesc& desc,
                      const Frame& frame) {
    if (!resizer) {
        MEDIA_TRY_ASSIGN(FrameResizer made, FrameResizer::create(desc));
        resizer.emplace(std::move(made));
    }
    return resizer->resize(frame);
}

constexpr int64_t kOpen = std::numeric_limits<int64_t>::max();

/// Which frame pairs a run decodes and which of them it keeps as rows: one pair before and one
/// after the kept ones, so motion (previous frame) and motion2 (next frame) are those of a run
/// over every frame.
struct Window {
    bool ranged = false;
    int64_t keep_first = 0;
    int64_t keep_end = kOpen;
    int64_t start = 0;             ///< the first pair decoded
    std::optional<int64_t> limit;  ///< pairs decoded from `start`, at most
    bool keeps(int64_t index) const { return index >= keep_first && index < keep_end; }
};

Result<Window> window_of(const CompareRequest& request) {
    Window w;
    if (request.frames) {
        const FrameRange& range = *request.frames;
        if (range.first < 0 || range.count <= 0 || range.count > kOpen - range.first)
            return Error(ErrorCode::InvalidArgument,
                         "frame range " + format_frame_range(range) + " is empty or invalid");
        w.ranged = true;
        w.keep_first = range.first;
        w.keep_end = range.end();
    }
    if (request.frame_count) w.keep_end = std::min(w.keep_end, *request.frame_count);
    if (w.keep_first >= w.keep_end)
        return Error(ErrorCode::InvalidArgument,
                     fmt::format("the frame range starts at {}, at or past the frame limit ({})",
                                 w.keep_first, w.keep_end));
    w.start = w.keep_first > 0 ? w.keep_first - 1 : 0;
    int64_t decode_end = w.keep_end == kOpen ? kOpen : w.keep_end + 1;
    if (request.frame_count) decode_end = std::min(decode_end, *request.frame_count);
    if (decode_end != kOpen) w.limit = decode_end - w.start;
    return w;
}

Result<void> check_request(const CompareRequest& request) {
    if (request.metrics.empty())
        return Error(ErrorCode::InvalidArgument, "no metric was asked for");
    if (request.reference.offset < 0 || request.distorted.offset < 0)
        return Error(ErrorCode::InvalidArgument, "frame offsets cannot be negative");
    if (request.frame_count && *request.frame_count <= 0)
        return Error(ErrorCode::InvalidArgument, "the frame count must be positive");
    return ok();
}

/// The opened inputs and how their frames become rows.
struct Setup {
    MediaSource reference;
    MediaSource distorted;
    ResizeDesc to_work;
    ScorePlan plan;
    int planes = 3;
};

Result<void> check_lengths(const CompareRequest& request, const SourceSummary& rs,
                           const SourceSummary& ds) {
    if (request.allow_length_mismatch || !rs.frame_count || !ds.frame_count) return ok();
    const int64_t rn = *rs.frame_count - request.reference.offset;
    const int64_t dn = *ds.frame_count - request.distorted.offset;
    const bool limited = request.frame_count && *request.frame_count <= std::min(rn, dn);
    if (rn != dn && !limited)
        return Error(ErrorCode::InvalidArgument,
                     fmt::format("lengths differ: the reference has {} frames to compare and the "
                                 "distorted input {} (after offsets); use "
                                 "--allow-length-mismatch to compare the common {} frames",
                                 rn, dn, std::max<int64_t>(0, std::min(rn, dn))))
            .with_file(request.distorted.path);
    return ok();
}

/// Opens both inputs, checks that they can be paired and fixes the working format and the
/// column plan (facts get the sizes, formats and models).
Result<Setup> prepare(const CompareRequest& request, CompareInfo& facts) {
    // Models first: a missing model should not wait for two decoders to open.
    MEDIA_TRY_ASSIGN(std::vector<ModelColumn> models, detail::load_models(request, facts));
    MEDIA_TRY_ASSIGN(MediaSource reference, open_input(request.reference, "reference"));
    MEDIA_TRY_ASSIGN(MediaSource distorted, open_input(request.distorted, "distorted input"));
    const SourceSummary& rs = reference.summary();
    const SourceSummary& ds = distorted.summary();

    if (rs.frame_rate.valid() && ds.frame_rate.valid() && rs.frame_rate != ds.frame_rate)
        return Error(ErrorCode::InvalidArgument,
                     fmt::format(
                         "frame rates differ: the reference is {} and the distorted input "
                         "{}; frames cannot be paired one to one (convert one of them first)",
                         describe(rs.video, rs.frame_rate), describe(ds.video, ds.frame_rate)))
            .with_file(request.distorted.path);
    facts.frame_rate = rs.frame_rate.valid() ? rs.frame_rate : ds.frame_rate;
    MEDIA_TRY(check_lengths(request, rs, ds));

    // The working format: the reference's own when the kernels read it, else 4:4:4 10-bit.
    FrameSpec working = rs.video;
    const bool reference_converted = !measurable(working.format);
    if (reference_converted) working.format = PixelFormat::Yuv444p10;
    const bool size_differs = ds.video.width != working.width || ds.video.height != working.height;
    if (size_differs && !request.scale_to_reference)
        return Error(ErrorCode::InvalidArgument,
                     fmt::format("sizes differ: the reference is {}x{} and the distorted input "
                                 "{}x{} (allow scaling to compare them)",
                                 working.width, working.height, ds.video.width, ds.video.height))
            .with_file(request.distorted.path);
    facts.width = working.width;
    facts.height = working.height;
    facts.bit_depth = info(working.format).bit_depth;
    facts.pixel_format = std::string(info(working.format).name);
    facts.distorted_width = ds.video.width;
    facts.distorted_height = ds.video.height;
    facts.distorted_scaled = size_differs;
    facts.distorted_converted = ds.video.format != working.format;

    ResizeDesc to_work;
    to_work.width = working.width;
    to_work.height = working.height;
    to_work.format = working.format;
    to_work.color = rs.video.color;
    to_work.filter = ResizeFilter::Bicubic;

    const int planes = std::min(3, info(working.format).planes);
    ScorePlan plan =
        detail::make_score_plan(request, planes, working.width, working.height, std::move(models));
    for (size_t i = 0; i < plan.models.size(); ++i)
        plan.columns[plan.models[i].column] = facts.models[i].column;
    facts.ssim_scale = plan.ssim_scale;
    return Setup{std::move(reference), std::move(distorted), to_work, std::move(plan), planes};
}

/// Positions a source on the frame `index` (the offset plus the window's start): a seek, or
/// decoding where an unranged run's source cannot seek.
Result<void> position(MediaSource& source, int64_t index, const Window& window,
                      const std::string& path) {
    if (index <= 0) return ok();
    if (!window.ranged || window.start == 0) return skip_frames(source, index, path);
    if (auto sought = source.seek(index); !sought)
        return Error(sought.error()).with_operation("seek to frame " + std::to_string(index));
    return ok();
}

/// What the pipeline collected: every decoded pair's row, in order.
struct Collected {
    std::vector<std::vector<double>> rows;
    std::vector<double> motion;
    int64_t paired = 0;  ///< pairs decoded from the window's start
    bool reference_ended = false;
    bool distorted_ended = false;
    int64_t corrupt_reference = 0;  ///< kept frames the decoders flagged
    int64_t corrupt_distorted = 0;
    std::vector<DecodeIssue> distorted_issues;
};

Result<Collected> run_pipeline(const CompareRequest& request, Setup& setup, const Window& window,
                               int workers, Scorer& scorer) {
    Collected out;
    DistortedReader distorted_reader(setup.distorted, window.limit);
    tbb::enumerable_thread_specific<Converters> converters;
    std::optional<Error> failure;
    MotionBlur previous_blur;
    const ResizeDesc& to_work = setup.to_work;
    const ScorePlan& plan = setup.plan;

    tbb::task_arena arena(workers);
    arena.execute([&] {
        tbb::parallel_pipeline(
            static_cast<size_t>(2 * workers + 2),
            tbb::make_filter<void, std::shared_ptr<Work>>(
                tbb::filter_mode::serial_in_order,
                [&](tbb::flow_control& control) -> std::shared_ptr<Work> {
                    if (failure || (window.limit && out.paired >= *window.limit)) {
                        control.stop();
                        return nullptr;
                    }
                    auto ref = setup.reference.next_video_frame();
                    if (!ref) {
                        failure = Error(std::move(ref).error()).with_operation("decode reference");
                        control.stop();
                        return nullptr;
                    }
                    auto dist = distorted_reader.next();
                    if (dist && dist->error) {
                        failure = Error(*dist->error).with_operation("decode distorted input");
                        control.stop();
                        return nullptr;
                    }
                    out.reference_ended = !*ref;
                    out.distorted_ended = !dist;
                    if (out.reference_ended || out.distorted_ended) {
                        control.stop();
                        return nullptr;
                    }
                    auto work = std::make_shared<Work>();
                    work->index = window.start + out.paired++;
                    work->reference = std::move(**ref);
                    work->distorted = std::move(dist->frame);
                    if (window.keeps(work->index)) {
                        out.corrupt_reference += work->reference.corrupt();
                        out.corrupt_distorted += work->distorted.corrupt();
                    }
                    return work;
                }) &
                tbb::make_filter<std::shared_ptr<Work>, std::shared_ptr<Work>>(
                    tbb::filter_mode::parallel,
                    [&](std::shared_ptr<Work> work) {
                        Converters& mine = converters.local();
                        auto bring = [&](std::optional<FrameResizer>& resizer, Frame& frame,
                                         const char* role) {
                            if (frame.format() == to_work.format &&
                                frame.width() == to_work.width && frame.height() == to_work.height)
                                return true;
                            auto converted = convert(resizer, to_work, frame);
                            if (!converted) {
                                work->error = Error(std::move(converted).error())
                                                  .with_operation(std::string("convert ") + role)
                                                  .with_frame(work->index);
                                return false;
                            }
                            frame = std::move(*converted);
                            return true;
                        };
                        if (!bring(mine.reference, work->reference, "reference") ||
                            !bring(mine.distorted, work->distorted, "distorted frame"))
                            return work;
                        // The device scores in the ordered stage (its motion keeps the previous
                        // reference on the device); here the CPU path scores in parallel.
                        if (scorer.device) return work;
                        detail::score_frame(plan, planes_of(work->reference),
                                            planes_of(work->distorted), work->row, &work->blur);
                        // The pixels are no longer needed; free them before the ordered stage.
                        work->reference = Frame();
                        work->distorted = Frame();
                        return work;
                    }) &
                tbb::make_filter<std::shared_ptr<Work>, void>(
                    tbb::filter_mode::serial_in_order, [&](std::shared_ptr<Work> work) {
                        if (failure) return;
                        if (work->error) {
                            failure = std::move(work->error);
                            return;
                        }
                        if (scorer.device) {
                            double motion = 0.0;
                            auto scored =
                                scorer.device->score(planes_of(work->reference),
                                                     planes_of(work->distorted), work->row, motion);
                            work->reference = Frame();
                            work->distorted = Frame();
                            if (!scored) {
                                failure =
                                    Error(std::move(scored).error())
                                        .with_operation("score on " + scorer.device->device_name())
                                        .with_frame(work->index);
                                return;
                            }
                            // The device's first frame has no previous one: 0, as below.
                            if (plan.needs_motion())
                                out.motion.push_back(work->index == window.start ? 0.0 : motion);
                        } else if (plan.needs_motion()) {
                            // The window's first frame has no previous one here; motion2 of
                            // that frame is 0 (frame 0) or not kept (a range's pre-roll).
                            out.motion.push_back(work->index == window.start
                                                     ? 0.0
                                                     : motion_score(work->blur, previous_blur));
                            previous_blur = std::move(work->blur);
                        }
                        out.rows.push_back(std::move(work->row));
                        if (request.progress) request.progress(out.paired);
                    }));
    });
    out.distorted_issues = distorted_reader.finish();
    if (failure) return std::move(*failure);
    return out;
}

/// The device the request's policy resolves to: a CUDA scorer, or none (the CPU). Auto falls
/// back to the CPU when there is no device or the plan needs more than the device path offers;
/// an explicit Cuda request fails then, naming why.
Result<Scorer> make_scorer(const CompareRequest& request, const ScorePlan& plan) {
    Scorer scorer;
    MEDIA_TRY_ASSIGN(const DeviceInfo device, resolve_device(request.device));
    if (device.kind != DeviceKind::Cuda) return scorer;
    auto made = detail::DeviceFrameScorer::create(plan, device.index);
    if (made) {
        scorer.device = std::move(*made);
    } else if (request.device == DevicePolicy::Cuda) {
        return Error(ErrorCode::DeviceError, "CUDA requested but " + made.error().message());
    }
    return scorer;
}

/// The decode problems an input reported that belong to the kept frames: all of them for an
/// unranged run; for a range those of its frames (file-level ones in the range from frame 0),
/// so that the counts of contiguous ranges add up to one run's.
int64_t issues_of(const std::vector<DecodeIssue>& issues, const Window& window, int64_t offset,
                  bool ended) {
    if (!window.ranged) return static_cast<int64_t>(issues.size());
    int64_t count = 0;
    for (const DecodeIssue& issue : issues) {
        if (issue.frame < 0) {
            count += window.keep_first == 0;
            continue;
        }
        const int64_t pair = issue.frame - offset;
        count += pair >= window.keep_first && (ended || pair < window.keep_end);
    }
    return count;
}

/// A seeked source does not report a stream shorter than its container declares; one pass
/// from frame 0 does, so the range that reached that end counts it.
int64_t truncation_issue(const MediaSource& source, const Window& window, int64_t offset,
                         bool ended, int64_t frames_read) {
    const auto declared = source.summary().frame_count;
    const bool seeked = window.ranged && window.start > 0 && offset == 0;
    return seeked && ended && declared && frames_read < *declared ? 1 : 0;
}

/// The lengths seen when the run stopped: what facts say about them, and the length error.
Result<bool> judge_end(const CompareRequest& request, const Window& window, Setup& setup,
                       const Collected& got, CompareInfo& facts) {
    const int64_t paired = window.start + got.paired;
    const bool limit_reached = request.frame_count && paired >= *request.frame_count;
    // The limit ends the run in the range that holds its last frame (a range before it can
    // read up to the limit for its post-roll); lengths are then left unknown, as one pass does.
    if (limit_reached) return window.keep_end >= *request.frame_count;
    // A range that stopped at its own end saw neither input end.
    if (!got.reference_ended && !got.distorted_ended) return false;
    if (got.reference_ended != got.distorted_ended) {
        // One input ended first; count the other's rest for an exact message.
        auto count_rest = [](MediaSource& source) -> int64_t {
            int64_t n = 0;
            while (true) {
                auto frame = source.next_video_frame();
                if (!frame || !*frame) return n;
                ++n;
            }
        };
        if (got.reference_ended) {
            facts.reference_frames = paired + request.reference.offset;
        } else {
            facts.distorted_frames = paired + request.distorted.offset;
        }
        if (!request.allow_length_mismatch) {
            const int64_t extra = got.reference_ended ? 1 : 1 + count_rest(setup.reference);
            const char* longer = got.reference_ended ? "distorted input" : "reference";
            return Error(ErrorCode::InvalidArgument,
                         fmt::format("lengths differ: the {} has {}{} frames more than the {} "
                                     "frames compared; use --allow-length-mismatch to compare the "
                                     "common part",
                                     longer, got.reference_ended ? "at least " : "", extra, paired))
                .with_file(got.reference_ended ? request.distorted.path : request.reference.path);
        }
    } else {
        facts.reference_frames = paired + request.reference.offset;
        facts.distorted_frames = paired + request.distorted.offset;
    }
    return true;
}

/// The kept rows with motion2 and the model scores filled, and their pooled statistics.
Result<void> finish_result(const CompareRequest& request, const Window& window,
                           const ScorePlan& plan, Collected& got, CompareResult& result,
                           Scorer& scorer) {
    if (scorer.device)
        MEDIA_TRY(scorer.device->finish_rows(got.motion, got.rows, request.vmaf_predict));
    else
        detail::finish_rows(plan, got.motion, got.rows, request.vmaf_predict);
    for (size_t i = 0; i < got.rows.size(); ++i) {
        const int64_t index = window.start + static_cast<int64_t>(i);
        if (!window.keeps(index)) continue;
        // Hidden columns (features of a second extractor option set) leave the result here.
        got.rows[i].resize(plan.visible_columns);
        result.frame_numbers.push_back(request.reference.offset + index);
        result.frames.push_back(std::move(got.rows[i]));
    }
    result.columns.assign(plan.columns.begin(), plan.columns.begin() + plan.visible_columns);
    result.pooled = detail::pool_columns(result.frames, result.columns.size());
    return ok();
}

}  // namespace

namespace detail {

Result<std::vector<ModelColumn>> load_models(const CompareRequest& request, CompareInfo& facts) {
    std::vector<ModelColumn> models;
    if (!request.wants(Metric::Vmaf)) return models;
    if (request.vmaf_models.empty())
        return Error(ErrorCode::InvalidArgument, "VMAF was asked for without a model");
    for (const std::string& wanted_model : request.vmaf_models) {
        MEDIA_TRY_ASSIGN(std::string path, find_vmaf_model(wanted_model));
        MEDIA_TRY_ASSIGN(VmafModel model, VmafModel::load(path));
        CompareInfo::Model m;
        m.name = model.name();
        m.path = path;
        m.column = model_column(m.name, models.empty());
        for (const auto& earlier : facts.models)
            if (earlier.column == m.column)
                return Error(ErrorCode::InvalidArgument,
                             "model '" + m.name + "' is asked for twice");
        facts.models.push_back(m);
        models.push_back(ModelColumn{std::move(model), 0, -1});
    }
    return models;
}

std::vector<PooledStats> pool_columns(const std::vector<std::vector<double>>& rows,
                                      size_t columns) {
    std::vector<PooledStats> pooled;
    std::vector<double> column(rows.size());
    for (size_t c = 0; c < columns; ++c) {
        for (size_t r = 0; r < rows.size(); ++r) column[r] = rows[r][c];
        pooled.push_back(pool(column));
    }
    return pooled;
}

Result<RangeRun> run_compare_range(const CompareRequest& request) {
    const auto started = std::chrono::steady_clock::now();
    MEDIA_TRY(check_request(request));
    MEDIA_TRY_ASSIGN(const Window window, window_of(request));

    RangeRun run;
    CompareResult& result = run.result;
    CompareInfo& facts = result.info;
    facts.reference = request.reference.path;
    facts.distorted = request.distorted.path;
    MEDIA_TRY_ASSIGN(Setup setup, prepare(request, facts));
    MEDIA_TRY(position(setup.reference, request.reference.offset + window.start, window,
                       request.reference.path));
    MEDIA_TRY(position(setup.distorted, request.distorted.offset + window.start, window,
                       request.distorted.path));

    const int workers = request.threads > 0
                            ? request.threads
                            : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
    facts.threads = workers;
    MEDIA_TRY_ASSIGN(Scorer scorer, make_scorer(request, setup.plan));
    facts.device = scorer.device ? scorer.device->device_name() : "cpu";
    MEDIA_TRY_ASSIGN(Collected got, run_pipeline(request, setup, window, workers, scorer));
    if (scorer.device) facts.device_seconds = scorer.device->seconds();
    const int64_t pairs_read = window.start + got.paired;
    facts.distorted_decode_errors =
        issues_of(got.distorted_issues, window, request.distorted.offset, got.distorted_ended) +
        truncation_issue(setup.distorted, window, request.distorted.offset, got.distorted_ended,
                         pairs_read) +
        got.corrupt_distorted;
    facts.reference_decode_errors =
        issues_of(setup.reference.decode_errors(), window, request.reference.offset,
                  got.reference_ended) +
        truncation_issue(setup.reference, window, request.reference.offset, got.reference_ended,
                         pairs_read) +
        got.corrupt_reference;
    if (pairs_read <= window.keep_first) {
        if (window.keep_first > 0)
            return Error(ErrorCode::InvalidArgument,
                         fmt::format("frame range {} starts past the end ({} frame pairs)",
                                     format_frame_range(*request.frames), pairs_read))
                .with_file(got.reference_ended ? request.reference.path : request.distorted.path);
        return Error(ErrorCode::InvalidArgument,
                     "no frame pairs to compare (an input is empty or "
                     "the offsets are past its end)")
            .with_file(got.reference_ended ? request.reference.path : request.distorted.path);
    }
    MEDIA_TRY_ASSIGN(run.reached_end, judge_end(request, window, setup, got, facts));
    MEDIA_TRY(finish_result(request, window, setup.plan, got, result, scorer));
    facts.frames = static_cast<int64_t>(result.frames.size());
    facts.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return run;
}

}  // namespace detail

Result<CompareResult> run_compare(const CompareRequest& request) {
    MEDIA_TRY_ASSIGN(detail::RangeRun run, detail::run_compare_range(request));
    return std::move(run.result);
}

}  // namespace media::metrics
