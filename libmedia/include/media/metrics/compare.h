// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "media/core/device.h"
#include "media/core/frame_range.h"
#include "media/core/rational.h"
#include "media/core/result.h"
#include "media/io/media_source.h"
#include "media/metrics/pooling.h"
#include "media/metrics/psnr.h"
#include "media/metrics/vmaf_model.h"

namespace media::metrics {

/// The metric families `slate compare` computes.
enum class Metric : uint8_t { Psnr, Ssim, MsSsim, Vmaf };

/// "psnr", "ssim", "ms_ssim", "vmaf" (also accepts "float_ssim", "float_ms_ssim", "ms-ssim").
std::optional<Metric> metric_from_name(std::string_view name);
std::string_view metric_name(Metric metric);

/// One side of a comparison.
struct CompareInput {
    std::string path;
    std::optional<RawVideoFormat> raw;  ///< read as headerless raw video of this format
    int64_t offset = 0;                 ///< frames skipped at the start (alignment)
};

/// What to compare and how.
struct CompareRequest {
    CompareInput reference;
    CompareInput distorted;
    std::vector<Metric> metrics{Metric::Psnr, Metric::Ssim, Metric::MsSsim, Metric::Vmaf};
    /// Model names or files (see find_vmaf_model); the first is reported as "vmaf".
    std::vector<std::string> vmaf_models{"vmaf_v0.6.1"};
    std::optional<int64_t> frame_count;  ///< compare at most this many frames
    /// Only these frame pairs (indices counted from the first pair, after the offsets): both
    /// inputs are seeked to one frame before the range and read one frame past it, so every
    /// row (motion2 included) equals the row of a run over all frames; pooled statistics cover
    /// the range only. A range that starts past the end (or past frame_count) is an error.
    std::optional<FrameRange> frames;
    /// Compare the common part when the inputs have different lengths (otherwise an error).
    bool allow_length_mismatch = false;
    /// Scale the distorted picture to the reference's size (bicubic) when sizes differ; false
    /// makes a size difference an error.
    bool scale_to_reference = true;
    int ssim_scale = 0;  ///< float_ssim's downscale; 0: libvmaf's automatic choice
    PsnrOptions psnr;
    VmafPredictOptions vmaf_predict;
    int threads = 0;  ///< metric workers; 0: one per core
    /// Where the metrics run. Auto: a CUDA device when there is one (every metric, uploaded
    /// once per frame; the same scores as the CPU within the tolerances of docs/compare.md);
    /// Cuda: an error when there is none.
    DevicePolicy device = DevicePolicy::Auto;
    /// Called from the collecting thread after each frame (frames done so far).
    std::function<void(int64_t)> progress;

    bool wants(Metric metric) const;
};

/// Facts about the run, for reports.
struct CompareInfo {
    std::string reference;
    std::string distorted;
    int width = 0;  ///< the size and depth metrics were computed at (the reference's)
    int height = 0;
    int bit_depth = 0;
    std::string pixel_format;  ///< FFmpeg name of the working format
    int distorted_width = 0;
    int distorted_height = 0;
    bool distorted_scaled = false;     ///< resized to the reference (bicubic)
    bool distorted_converted = false;  ///< format or bit depth changed to the reference's
    Rational frame_rate;
    int64_t frames = 0;                       ///< frames compared
    std::optional<int64_t> reference_frames;  ///< frames the reference has (when all were read)
    std::optional<int64_t> distorted_frames;
    int ssim_scale = 0;  ///< float_ssim's downscale used
    /// Decode problems each input reported plus frames its decoder flagged corrupt (damaged
    /// frames are compared as decoded).
    int64_t reference_decode_errors = 0;
    int64_t distorted_decode_errors = 0;
    struct Model {
        std::string column;  ///< "vmaf", "vmaf_neg", "vmaf_4k", or the model's name
        std::string name;
        std::string path;
    };
    std::vector<Model> models;
    int threads = 0;
    std::string device = "cpu";  ///< where the metrics ran: "cpu" or "cuda:0 (<name>)"
    /// On a device: wall time of uploading, scoring and downloading every frame pair (the rest
    /// of `seconds` is decoding, conversion and waiting for frames).
    double device_seconds = 0;
    double seconds = 0;  ///< wall time of the whole run
};

/// Per-frame scores and pooled statistics, one column per metric value. Column names follow
/// libvmaf: psnr_y psnr_cb psnr_cr psnr, float_ssim, float_ms_ssim, the VMAF features
/// (adm2 adm_scale0..3 motion2 vif_scale0..3) and one column per model (CompareInfo::models).
struct CompareResult {
    std::vector<std::string> columns;
    std::vector<int64_t> frame_numbers;       ///< the reference frame of each row
    std::vector<std::vector<double>> frames;  ///< [row][column]
    std::vector<PooledStats> pooled;          ///< per column
    CompareInfo info;

    /// Index of a column; -1 when absent.
    int column(std::string_view name) const;
    /// The per-frame values of one column (empty when absent).
    std::vector<double> values(std::string_view name) const;
};

/// Decodes both inputs (concurrently), pairs frame i of each after the offsets, brings the
/// distorted picture to the reference's size and format, computes the metrics frame by frame on
/// the worker pool and pools them. Errors: unreadable inputs or models, different frame rates,
/// different lengths (unless allowed), different sizes (unless scaling), decode failures.
Result<CompareResult> run_compare(const CompareRequest& request);

}  // namespace media::metrics
