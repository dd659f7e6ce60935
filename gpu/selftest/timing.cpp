// SPDX-License-Identifier: Apache-2.0
#include "timing.h"

#include <algorithm>
#include <random>
#include <tuple>
#include <utility>
#include <vector>

#include "buffers.h"
#include "cuda_check.h"

namespace slate_gpu::selftest {
namespace {

constexpr int kWarmups = 3;
constexpr int kRuns = 20;
constexpr int kPitchAlignment = 256;

// Start and stop events, destroyed with the object.
class EventTimer {
public:
    EventTimer() {
        check(cudaEventCreate(&m_start), "cudaEventCreate");
        check(cudaEventCreate(&m_stop), "cudaEventCreate");
    }
    ~EventTimer() {
        cudaEventDestroy(m_start);
        cudaEventDestroy(m_stop);
    }
    EventTimer(const EventTimer&) = delete;
    EventTimer& operator=(const EventTimer&) = delete;

    // Milliseconds of one run of `run` on the default stream.
    template <typename Run>
    float time_ms(Run&& run) {
        check(cudaEventRecord(m_start, nullptr), "cudaEventRecord");
        run();
        check(cudaEventRecord(m_stop, nullptr), "cudaEventRecord");
        check(cudaEventSynchronize(m_stop), "kernel execution");
        float ms = 0.0f;
        check(cudaEventElapsedTime(&ms, m_start, m_stop), "cudaEventElapsedTime");
        return ms;
    }

private:
    cudaEvent_t m_start{};
    cudaEvent_t m_stop{};
};

double median(std::vector<float> times) {
    std::nth_element(times.begin(), times.begin() + kRuns / 2, times.end());
    return times[kRuns / 2];
}

// Median times of `kernel` and `copy`, run alternately so that both see the same clocks.
template <typename Kernel, typename Copy>
std::pair<double, double> median_pair_ms(Kernel&& kernel, Copy&& copy) {
    EventTimer timer;
    for (int i = 0; i < kWarmups; ++i) {
        timer.time_ms(kernel);
        timer.time_ms(copy);
    }
    std::vector<float> kernel_ms(kRuns), copy_ms(kRuns);
    for (int i = 0; i < kRuns; ++i) {
        kernel_ms[static_cast<std::size_t>(i)] = timer.time_ms(kernel);
        copy_ms[static_cast<std::size_t>(i)] = timer.time_ms(copy);
    }
    return {median(kernel_ms), median(copy_ms)};
}

int aligned_pad(const BufferSpec& spec) {
    const int sample = static_cast<int>(sample_bytes(spec.type));
    const int row = spec.width * sample;
    const int aligned = (row + kPitchAlignment - 1) / kPitchAlignment * kPitchAlignment;
    return (aligned - row) / sample;
}

double plane_bytes(const BufferSpec& spec) {
    return static_cast<double>(spec.width) * spec.height *
           static_cast<double>(sample_bytes(spec.type));
}

}  // namespace

Timing time_kernel(const KernelEntry& entry, const Variant& variant, int width, int height) {
    const Layout layout = entry.layout(width, height, variant);
    std::mt19937 rng(12345);
    Binding binding{{}, {}, variant};
    std::vector<DeviceBuffer> buffers;
    buffers.reserve(static_cast<std::size_t>(layout.input_count + layout.output_count));
    Timing timing;
    for (int i = 0; i < layout.input_count; ++i) {
        HostBuffer host =
            make_host_buffer(layout.inputs[i], aligned_pad(layout.inputs[i]), std::byte{0});
        fill_random(host, rng);
        buffers.emplace_back(host).upload(host);
        binding.inputs[i] = buffers.back().view();
        timing.bytes += plane_bytes(layout.inputs[i]);
    }
    for (int i = 0; i < layout.output_count; ++i) {
        buffers.emplace_back(
            make_host_buffer(layout.outputs[i], aligned_pad(layout.outputs[i]), kSentinel));
        binding.outputs[i] = buffers.back().view();
        timing.bytes += plane_bytes(layout.outputs[i]);
    }
    const auto half = static_cast<std::size_t>(timing.bytes / 2);
    DeviceBuffer from(half), to(half);
    std::tie(timing.kernel_ms, timing.copy_ms) =
        median_pair_ms([&] { check(entry.cuda(binding, nullptr), entry.name); },
                       [&] {
                           check(cudaMemcpyAsync(to.view().data, from.view().data, half,
                                                 cudaMemcpyDeviceToDevice, nullptr),
                                 "cudaMemcpyAsync");
                       });
    return timing;
}

}  // namespace slate_gpu::selftest
