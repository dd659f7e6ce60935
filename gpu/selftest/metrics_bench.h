// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

namespace slate_gpu::selftest {

/// One feature of the whole-frame check: the largest difference between the CUDA engine and
/// the reference engine over every frame, against the written tolerance.
struct FeatureParity {
    std::string name;
    double max_error = 0.0;
    double tolerance = 0.0;
    bool pass = true;
};

/// The whole metric set (PSNR, SSIM, MS-SSIM, VIF and ADM with two option sets, motion, the
/// VMAF test model) on real-looking frame sequences (moving gradients, texture, edges and grain;
/// the distorted copy blurred, quantised and blocky) at several sizes and depths, MetricEngine
/// against ref::frame_metrics. Prints each case; throws CudaFailure on a CUDA error.
std::vector<FeatureParity> check_metric_frames();

/// The reference side of check_metric_frames alone, on the host (no device): the two smaller
/// sequences' frames scored twice must agree bit for bit and give plausible scores.
bool check_metric_frames_reference();

/// One line of the metrics timing table.
struct MetricTiming {
    std::string name;  ///< "VMAF (VIF+ADM+motion)", "full set", or one metric
    int width = 0;
    int height = 0;
    int bit_depth = 8;
    double ms = 0.0;  ///< median per frame, kernels only (frames resident)
    double fps = 0.0;
    double gbps = 0.0;       ///< input bytes read per second (reference and distorted)
    double copy_gbps = 0.0;  ///< a device-to-device copy of as many bytes, same run
};

/// Times MetricEngine::score at 1080p and UHD, 8 and 10 bit, 4:2:0, with CUDA events: VMAF
/// alone, the full set, and each metric alone. Prints as it goes.
std::vector<MetricTiming> bench_metrics();

}  // namespace slate_gpu::selftest
