// SPDX-License-Identifier: Apache-2.0
// slate-gpu-selftest: checks every registered CUDA kernel against its scalar reference, then
// times it against a device-to-device copy. Needs only the standard library and CUDA, so it runs
// on a machine with nothing else installed. Exit: 0 all pass, 1 a mismatch or CUDA error,
// 77 no CUDA device (ctest's SKIP_RETURN_CODE), 2 usage error.

#include <cuda_runtime_api.h>

#include <cstdio>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "chain_bench.h"
#include "cuda_check.h"
#include "metrics_bench.h"
#include "parity.h"
#include "slate_gpu/device.h"
#include "slate_gpu/registry.h"
#include "timing.h"

namespace {

using namespace slate_gpu;
using namespace slate_gpu::selftest;

constexpr int kExitPass = 0;
constexpr int kExitFail = 1;
constexpr int kExitUsage = 2;
constexpr int kExitSkip = 77;

struct Size {
    int width;
    int height;
};
constexpr Size kTimedSizes[] = {{1920, 1080}, {3840, 2160}};

// One row of the final table: a kernel with its parity over all variants and, when timed, one
// size (variant 0).
struct Row {
    const KernelEntry* entry;
    bool pass;
    double max_error;
    Size size{0, 0};
    Timing timing;
};

struct EntryParity {
    const KernelEntry* entry;
    bool pass = true;
    double max_error = 0.0;
};

EntryParity check_entry(const KernelEntry& entry, unsigned& seed) {
    EntryParity total{&entry};
    for (const Variant& variant : entry.variants) {
        const ParityResult r = check_parity(entry, variant, seed++);
        total.pass = total.pass && r.pass;
        total.max_error = std::max(total.max_error, r.max_error);
        std::printf("  %s  %-22s %-22s %2d cases  max |err| %.3g\n", r.pass ? "PASS" : "FAIL",
                    entry.name, variant.name, r.cases, r.max_error);
        if (!r.pass) std::printf("        %s\n", r.failure.c_str());
    }
    std::printf("        tolerance %g abs + %g rel: %s\n", entry.tolerance.abs, entry.tolerance.rel,
                entry.tolerance.reason);
    return total;
}

std::vector<EntryParity> check_all() {
    std::printf(
        "\nparity: CUDA vs scalar reference, random inputs (fixed seeds) with out-of-range "
        "values, 1x1 .. 1920x1080, odd sizes, padded pitches\n");
    std::vector<EntryParity> results;
    unsigned seed = 1;
    for (const KernelFamily& family : kernel_families()) {
        std::printf(" family %s\n", family.name);
        for (const KernelEntry& entry : family.kernels) results.push_back(check_entry(entry, seed));
    }
    return results;
}

std::vector<Row> time_all(const std::vector<EntryParity>& parity) {
    std::printf(
        "\ntiming: median of 20 runs after 3 warm-ups (CUDA events), alternating with a "
        "device-to-device copy of as many bytes; first variant\n");
    std::vector<Row> rows;
    // One untimed round first, so that the first kernel does not pay for the clocks ramping up.
    if (!parity.empty())
        time_kernel(*parity.front().entry, parity.front().entry->variants.front(), 3840, 2160);
    for (const EntryParity& p : parity) {
        if (!p.entry->timed) {
            rows.push_back(Row{p.entry, p.pass, p.max_error, {0, 0}, {}});
            continue;
        }
        for (const Size& size : kTimedSizes) {
            const Timing t =
                time_kernel(*p.entry, p.entry->variants.front(), size.width, size.height);
            std::printf("  %-22s %4dx%-4d %8.4f ms  copy %8.4f ms\n", p.entry->name, size.width,
                        size.height, t.kernel_ms, t.copy_ms);
            rows.push_back(Row{p.entry, p.pass, p.max_error, size, t});
        }
    }
    return rows;
}

void print_table(const std::vector<Row>& rows) {
    std::printf("\n%-22s %-6s %-10s %-10s %-10s %9s %9s %9s %7s\n", "kernel", "parity", "max|err|",
                "tolerance", "size", "ms", "GB/s", "copy GB/s", "% copy");
    for (const Row& r : rows) {
        const std::string size =
            r.size.width == 0 ? "-"
                              : std::to_string(r.size.width) + "x" + std::to_string(r.size.height);
        std::printf("%-22s %-6s %-10.3g %-10.3g %-10s", r.entry->name, r.pass ? "PASS" : "FAIL",
                    r.max_error, r.entry->tolerance.abs, size.c_str());
        if (r.size.width == 0)
            std::printf("\n");
        else
            std::printf(" %9.4f %9.1f %9.1f %6.1f%%\n", r.timing.kernel_ms, r.timing.kernel_gbps(),
                        r.timing.copy_gbps(), r.timing.percent_of_copy());
    }
}

bool print_device() {
    const auto props = device_properties(0);
    if (!props) return false;
    std::printf("slate-gpu-selftest: device 0 of %d: %s, sm_%d%d, %lld MiB; CUDA %s\n",
                device_count(), props->name.c_str(), props->compute_major, props->compute_minor,
                static_cast<long long>(props->memory_bytes >> 20), runtime_description().c_str());
    return true;
}

void print_chain_table(const std::vector<ChainRow>& rows) {
    if (rows.empty()) return;
    std::printf("\n%-40s %9s %10s %9s %12s %7s\n", "UHD 10-bit 4:2:0 graded chain", "ms",
                "frames/s", "GB/s", "against", "%");
    for (const ChainRow& r : rows)
        std::printf("%-40s %9.4f %10.0f %9.1f %5s %6.1f %6.1f%%\n", r.name.c_str(), r.ms, r.fps,
                    r.gbps, r.ref_name.c_str(), r.ref_gbps, 100.0 * r.gbps / r.ref_gbps);
}

void print_feature_table(const std::vector<FeatureParity>& rows) {
    if (rows.empty()) return;
    std::printf("\n%-32s %-6s %-10s %-10s\n", "whole-frame feature", "parity", "max|err|",
                "tolerance");
    for (const FeatureParity& r : rows)
        std::printf("%-32s %-6s %-10.3g %-10.3g\n", r.name.c_str(), r.pass ? "PASS" : "FAIL",
                    r.max_error, r.tolerance);
}

void print_metric_table(const std::vector<MetricTiming>& rows) {
    if (rows.empty()) return;
    std::printf("\n%-22s %-10s %4s %9s %10s %9s %9s %7s\n", "metrics (resident)", "size", "bits",
                "ms", "frames/s", "GB/s", "copy GB/s", "% copy");
    for (const MetricTiming& r : rows)
        std::printf("%-22s %4dx%-5d %4d %9.4f %10.0f %9.1f %9.1f %6.1f%%\n", r.name.c_str(),
                    r.width, r.height, r.bit_depth, r.ms, r.fps, r.gbps, r.copy_gbps,
                    100.0 * r.gbps / r.copy_gbps);
}

// --references: every registry entry's reference side on the host, no device needed.
int run_references() {
    std::printf("references: every kernel's scalar reference alone, on the host (no device)\n");
    bool pass = true;
    unsigned seed = 1;
    for (const KernelFamily& family : kernel_families()) {
        std::printf(" family %s\n", family.name);
        for (const KernelEntry& entry : family.kernels) {
            for (const Variant& variant : entry.variants) {
                const ParityResult r = check_reference(entry, variant, seed++);
                pass = pass && r.pass;
                std::printf("  %s  %-26s %-48s %2d cases\n", r.pass ? "PASS" : "FAIL", entry.name,
                            variant.name, r.cases);
                if (!r.pass) std::printf("        %s\n", r.failure.c_str());
            }
        }
    }
    pass = check_metric_frames_reference() && pass;
    std::printf("\n%s\n", pass ? "PASS: every reference accepts its layouts, stays inside its "
                                 "planes and is deterministic"
                               : "FAIL: a reference refused its layout or misbehaved");
    return pass ? kExitPass : kExitFail;
}

int run(bool timing) {
    if (device_count() == 0 || !print_device()) {
        std::printf("SKIP: no CUDA device (%s)\n", unavailable_reason().c_str());
        return kExitSkip;
    }
    check(cudaSetDevice(0), "cudaSetDevice");
    const std::vector<EntryParity> parity = check_all();
    bool pass = true;
    std::vector<Row> rows;
    for (const EntryParity& p : parity) {
        pass = pass && p.pass;
        if (!timing) rows.push_back(Row{p.entry, p.pass, p.max_error, {0, 0}, {}});
    }
    const std::vector<FeatureParity> features = check_metric_frames();
    for (const FeatureParity& f : features) pass = pass && f.pass;
    std::vector<ChainRow> chain;
    std::vector<MetricTiming> metrics;
    if (timing) {
        rows = time_all(parity);
        chain = bench_chain();
        metrics = bench_metrics();
    }
    // The verdict before the table, so that the table is the last thing on the screen.
    std::printf("\n%s\n", pass ? "PASS: every kernel matches its reference"
                               : "FAIL: a kernel does not match its reference");
    print_table(rows);
    print_chain_table(chain);
    print_feature_table(features);
    print_metric_table(metrics);
    return pass ? kExitPass : kExitFail;
}

}  // namespace

int main(int argc, char** argv) {
    bool timing = true;
    bool references = false;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--no-timing") {
            timing = false;
        } else if (arg == "--references") {
            references = true;
        } else {
            std::cerr << "usage: slate-gpu-selftest [--no-timing | --references]\n";
            return arg == "--help" || arg == "-h" ? kExitPass : kExitUsage;
        }
    }
    try {
        return references ? run_references() : run(timing);
    } catch (const CudaFailure& failure) {
        std::fflush(stdout);
        std::printf("FAIL: %s\n", failure.what());
        return kExitFail;
    }
}
