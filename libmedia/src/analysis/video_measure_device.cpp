// SPDX-License-Identifier: Apache-2.0
#include "media/analysis/video_measure_device.h"

#include <vector>

#include "video_measure_device_internal.h"

#include <fmt/format.h>

#ifdef SLATE_HAVE_CUDA
#include <cuda_runtime_api.h>

#include <cstring>

#include "common/cuda_memory.h"
#include "slate_gpu/kernels_stats_cuda.h"
#endif

namespace media::analysis {

namespace detail {

bool device_measurable(const Frame& frame, const VideoMeasureOptions& options) {
    const PixelFormatInfo& fi = info(frame.format());
    // PQ light level needs the linearised R'G'B' the kernels do not compute; without the signal
    // statistics the CPU pass is the cheap one already.
    const bool pq = frame.color().transfer == TransferCharacteristic::SMPTE2084;
    if (!options.signal_stats || (pq && options.light_level)) return false;
    return !frame.empty() && frame.device() == DeviceKind::Cpu && fi.is_yuv && !fi.is_packed &&
           !fi.has_alpha && fi.planes == 3 &&
           ((fi.sample_type == SampleType::U8 && fi.bit_depth == 8) ||
            (fi.sample_type == SampleType::U16 && fi.bit_depth >= 9 && fi.bit_depth <= 16));
}

const Frame* usable_previous_frame(const Frame& frame, const Frame* previous) {
    // As measure_video: a predecessor of another size or format counts as none.
    if (previous == nullptr || previous->empty() || previous->format() != frame.format() ||
        previous->width() != frame.width() || previous->height() != frame.height() ||
        previous->device() != DeviceKind::Cpu)
        return nullptr;
    return previous;
}

slate_gpu::StatsConfig stats_config(const Frame& frame, const VideoMeasureOptions& options) {
    const PixelFormatInfo& fi = info(frame.format());
    slate_gpu::StatsConfig config;
    config.bit_depth = fi.bit_depth;
    config.full_range = frame.color().range == ColorRange::Full;
    config.log2_chroma_w = fi.log2_chroma_w;
    config.log2_chroma_h = fi.log2_chroma_h;
    slate_gpu::StatsOptions thresholds;
    thresholds.black_pixel_threshold = options.black_pixel_threshold;
    thresholds.luma_min = options.luma_min;
    thresholds.luma_max = options.luma_max;
    thresholds.chroma_min = options.chroma_min;
    thresholds.chroma_max = options.chroma_max;
    thresholds.gamut_tolerance = options.gamut_tolerance;
    thresholds.letterbox_threshold = options.letterbox_threshold;
    const LumaCoefficients weights =
        luma_coefficients(assumed_matrix(frame.color().matrix, frame.height()));
    thresholds.kr = weights.kr;
    thresholds.kb = weights.kb;
    config.thresholds =
        slate_gpu::stats_thresholds(config.bit_depth, config.full_range, thresholds);
    return config;
}

namespace {
void copy_stats(const slate_gpu::StatsPlaneFigures& from, PlaneStats& to) {
    to = PlaneStats{from.min, from.low, from.avg, from.high, from.max};
}
}  // namespace

VideoMeasures measures_from_stats(const slate_gpu::FrameStatsRaw& raw,
                                  const slate_gpu::StatsConfig& config, bool has_previous,
                                  const VideoMeasureOptions& options) {
    const slate_gpu::FrameStatsFigures f = slate_gpu::finish_frame_stats(raw, config);
    VideoMeasures m;
    SignalStats& s = m.stats;
    s.bit_depth = config.bit_depth;
    copy_stats(f.y, s.y);
    copy_stats(f.u, s.u);
    copy_stats(f.v, s.v);
    s.sat_avg = f.sat_avg;
    s.sat_max = f.sat_max;
    s.ydif = f.ydif;
    s.udif = f.udif;
    s.vdif = f.vdif;
    s.brng = f.brng;
    if (options.signal_stats_detail) {
        s.hue_avg = f.hue_avg;
        s.tout = f.tout;
        s.vrep = f.vrep;
    } else {
        s.y.low = s.y.high = s.u.low = s.u.high = s.v.low = s.v.high = 0.0;
    }
    m.levels = LevelsMeasure{f.luma_below,  f.luma_above,       f.chroma_outside,  f.rgb_outside,
                             f.black_share, f.luma_min_percent, f.luma_max_percent};
    m.active = ActiveArea{f.active_left, f.active_top, f.active_width, f.active_height};
    m.mafd = has_previous ? f.mafd : 0.0;
    m.blockiness = options.blockiness ? f.blockiness : 0.0;
    return m;
}

Result<VideoMeasures> measure_video_reference(const Frame& frame, const Frame* previous,
                                              const VideoMeasureOptions& options) {
    if (!device_measurable(frame, options)) return measure_video(frame, previous, options);
    previous = usable_previous_frame(frame, previous);
    const slate_gpu::StatsConfig config = stats_config(frame, options);
    std::vector<uint32_t> histogram(slate_gpu::stats_histogram_bins(config.bit_depth));
    slate_gpu::FrameStatsRaw raw;
    const auto run = [&](auto sample) {
        using T = decltype(sample);
        const auto plane = [](const Frame& f, int p) {
            auto view = f.plane<T>(p);
            return slate_gpu::Plane<const T>{view.data(),
                                             static_cast<std::ptrdiff_t>(f.plane_stride(p)),
                                             view.width(), view.height()};
        };
        slate_gpu::FrameStatsArgs<T> args;
        args.y = plane(frame, 0);
        args.cb = plane(frame, 1);
        args.cr = plane(frame, 2);
        if (previous != nullptr) {
            args.prev_y = plane(*previous, 0);
            args.prev_cb = plane(*previous, 1);
            args.prev_cr = plane(*previous, 2);
        }
        args.config = config;
        args.hue = slate_gpu::host_hue_tables(config.bit_depth);
        args.histogram = histogram.data();
        args.result = &raw;
        return slate_gpu::ref::frame_stats(args);
    };
    const bool ran =
        info(frame.format()).sample_type == SampleType::U8 ? run(uint8_t{}) : run(uint16_t{});
    if (!ran) return Error(ErrorCode::InvalidArgument, "frame statistics: frame refused");
    return measures_from_stats(raw, config, previous != nullptr, options);
}

}  // namespace detail

#ifdef SLATE_HAVE_CUDA
namespace {

using media::detail::DeviceBuffer;
using media::detail::LaneBase;
using media::detail::PinnedBuffer;

// A stream with its buffers: six planes (current and previous frame) packed into one staging
// block and one device block, the histogram scratch and the result.
struct Lane : LaneBase {
    PinnedBuffer staging, result_host;
    DeviceBuffer planes, histogram, result;
};

template <typename T>
slate_gpu::Plane<const T> device_plane(const std::byte* base, const Frame& frame, int plane) {
    const PixelFormatInfo& fi = info(frame.format());
    return {reinterpret_cast<const T*>(base),
            static_cast<std::ptrdiff_t>(fi.plane_row_bytes(plane, frame.width())),
            fi.plane_width(plane, frame.width()), fi.plane_height(plane, frame.height())};
}

}  // namespace

class DeviceVideoMeasurer::Impl {
public:
    int device = 0;

    media::detail::LanePool<Lane> lanes;

    // The raw statistics of `frame` (and `previous`, which may be null) on the device.
    Result<slate_gpu::FrameStatsRaw> raw_stats(const Frame& frame, const Frame* previous,
                                               const slate_gpu::StatsConfig& config) const {
        SLATE_CUDA_TRY(cudaSetDevice(device), "cudaSetDevice");
        MEDIA_TRY_ASSIGN(auto taken, lanes.acquire([](Lane& lane) -> Result<void> {
            MEDIA_TRY(lane.result_host.reserve(sizeof(slate_gpu::FrameStatsRaw)));
            return lane.result.reserve(sizeof(slate_gpu::FrameStatsRaw));
        }));
        const media::detail::LaneLease<Lane> lane(lanes, std::move(taken));

        const PixelFormatInfo& fi = info(frame.format());
        size_t offsets[7] = {};
        const int frames = previous != nullptr ? 2 : 1;
        for (int i = 0; i < 3 * frames; ++i) {
            const int p = i % 3;
            offsets[i + 1] =
                offsets[i] + static_cast<size_t>(fi.plane_row_bytes(p, frame.width())) *
                                 static_cast<size_t>(fi.plane_height(p, frame.height()));
        }
        const size_t total = offsets[3 * frames];
        MEDIA_TRY(lane->staging.reserve(total));
        MEDIA_TRY(lane->planes.reserve(total));
        for (int i = 0; i < 3 * frames; ++i) {
            const Frame& source = i < 3 ? frame : *previous;
            const int p = i % 3;
            const int64_t row = fi.plane_row_bytes(p, frame.width());
            const int rows = fi.plane_height(p, frame.height());
            const std::byte* src = source.plane_data(p);
            for (int y = 0; y < rows; ++y)
                std::memcpy(lane->staging.bytes() + offsets[i] + static_cast<size_t>(y * row),
                            src + y * source.plane_stride(p), static_cast<size_t>(row));
        }
        SLATE_CUDA_TRY(cudaMemcpyAsync(lane->planes.data(), lane->staging.data(), total,
                                       cudaMemcpyHostToDevice, lane->stream),
                       "upload");
        MEDIA_TRY(lane->histogram.reserve(slate_gpu::stats_histogram_bins(config.bit_depth) *
                                          sizeof(uint32_t)));
        slate_gpu::HueTables hue;
        SLATE_CUDA_TRY(slate_gpu::cuda::device_hue_tables(config.bit_depth, &hue), "hue tables");
        const auto* base = static_cast<const std::byte*>(lane->planes.data());
        const auto launch = [&](auto sample) -> cudaError_t {
            using T = decltype(sample);
            slate_gpu::FrameStatsArgs<T> args;
            args.y = device_plane<T>(base + offsets[0], frame, 0);
            args.cb = device_plane<T>(base + offsets[1], frame, 1);
            args.cr = device_plane<T>(base + offsets[2], frame, 2);
            if (previous != nullptr) {
                args.prev_y = device_plane<T>(base + offsets[3], frame, 0);
                args.prev_cb = device_plane<T>(base + offsets[4], frame, 1);
                args.prev_cr = device_plane<T>(base + offsets[5], frame, 2);
            }
            args.config = config;
            args.hue = hue;
            args.histogram = static_cast<uint32_t*>(lane->histogram.data());
            args.result = static_cast<slate_gpu::FrameStatsRaw*>(lane->result.data());
            return slate_gpu::cuda::frame_stats(args, lane->stream);
        };
        SLATE_CUDA_TRY(fi.sample_type == SampleType::U8 ? launch(uint8_t{}) : launch(uint16_t{}),
                       "statistics kernel launch");
        SLATE_CUDA_TRY(
            cudaMemcpyAsync(lane->result_host.data(), lane->result.data(),
                            sizeof(slate_gpu::FrameStatsRaw), cudaMemcpyDeviceToHost, lane->stream),
            "download");
        SLATE_CUDA_TRY(cudaStreamSynchronize(lane->stream), "statistics kernel");
        return *static_cast<const slate_gpu::FrameStatsRaw*>(lane->result_host.data());
    }
};

Result<std::unique_ptr<DeviceVideoMeasurer>> DeviceVideoMeasurer::create(int device_index) {
    SLATE_CUDA_TRY(cudaSetDevice(device_index), "cudaSetDevice");
    auto impl = std::make_unique<Impl>();
    impl->device = device_index;
    return std::unique_ptr<DeviceVideoMeasurer>(new DeviceVideoMeasurer(std::move(impl)));
}

Result<VideoMeasures> DeviceVideoMeasurer::measure(const Frame& frame, const Frame* previous,
                                                   const VideoMeasureOptions& options) const {
    if (!detail::device_measurable(frame, options)) return measure_video(frame, previous, options);
    previous = detail::usable_previous_frame(frame, previous);

    const slate_gpu::StatsConfig config = detail::stats_config(frame, options);
    MEDIA_TRY_ASSIGN(const slate_gpu::FrameStatsRaw raw,
                     m_impl->raw_stats(frame, previous, config));
    return detail::measures_from_stats(raw, config, previous != nullptr, options);
}

std::string DeviceVideoMeasurer::device_name() const {
    return fmt::format("cuda:{}", m_impl->device);
}

#else  // no CUDA in this build

class DeviceVideoMeasurer::Impl {};

Result<std::unique_ptr<DeviceVideoMeasurer>> DeviceVideoMeasurer::create(int) {
    return Error(
        ErrorCode::DeviceError,
        "this build has no CUDA support (configured without nvcc, or with SLATE_CUDA=OFF)");
}

Result<VideoMeasures> DeviceVideoMeasurer::measure(const Frame& frame, const Frame* previous,
                                                   const VideoMeasureOptions& options) const {
    return measure_video(frame, previous, options);
}

std::string DeviceVideoMeasurer::device_name() const {
    return "cpu";
}

#endif

DeviceVideoMeasurer::DeviceVideoMeasurer(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
DeviceVideoMeasurer::~DeviceVideoMeasurer() = default;

}  // namespace media::analysis
