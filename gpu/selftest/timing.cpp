// SPDX-License-Identifier: Apache-2.0
#include "timing.h"

#include <algorithm>
#include <random>
#include <vector>

#include "buffers.h"
#include "cuda_check.h"

namespace slate_gpu::selftest {
namespace {

constexpr int kWarmups = 3;
constexpr int kRuns = 20;
constexpr int kPitchAlignment = 256;

// Start and stop events, destroyed with the object.
class EventPair {
public:
    EventPair() {
        check(cudaEventCreate(&m_start), "cudaEventCreate");
        check(cudaEventCreate(&m_stop), "cudaEventCreate");
    }
    ~EventPair() {
        cudaEventDestroy(m_start);
        cudaEventDestroy(m_stop);
    }
    EventPair(const EventPair&) = delete;
    EventPair& operator=(const EventPair&) = delete;

    // Median milliseconds of `run` over kRuns runs, after kWarmups untimed ones.
    template <typename Run>
    double median_ms(Run&& run) {
        for (int i = 0; i < kWarmups; ++i) run();
        std::vector<float> times(kRuns);
        for (float& t : times) {
            check(cudaEventRecord(m_start, nullptr), "cudaEventRecord");
            run();
            check(cudaEventRecord(m_stop, nullptr), "cudaEventRecord");
            check(cudaEventSynchronize(m_stop), "kernel execution");
            check(cudaEventElapsedTime(&t, m_start, m_stop), "cudaEventElapsedTime");
        }
        std::nth_element(times.begin(), times.begin() + kRuns / 2, times.end());
        return times[kRuns / 2];
    }

private:
    cudaEvent_t m_start{};
    cudaEvent_t m_stop{};
};

int aligned_pad(const BufferSpec& spec) {
    const int sample = static_cast<int>(sample_bytes(spec.type));
    const int row = spec.width * sample;
    const int aligned = (row + kPitchAlignment - 1) / kPitchAlignment * kPitchAlignment;
    return (aligned - row) / sample;
}

double plane_bytes(const BufferSpec& spec) {
    return static_cast<double>(spec.width) * spec.height * static_cast<double>(sample_bytes(spec.type));
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
        HostBuffer host = make_host_buffer(layout.inputs[i], aligned_pad(layout.inputs[i]), std::byte{0});
        fill_random(host, rng);
        buffers.emplace_back(host).upload(host);
        binding.inputs[i] = buffers.back().view();
        timing.bytes += plane_bytes(layout.inputs[i]);
    }
    for (int i = 0; i < layout.output_count; ++i) {
        buffers.emplace_back(make_host_buffer(layout.outputs[i], aligned_pad(layout.outputs[i]), kSentinel));
        binding.outputs[i] = buffers.back().view();
        timing.bytes += plane_bytes(layout.outputs[i]);
    }
    EventPair events;
    timing.kernel_ms = events.median_ms([&] { check(entry.cuda(binding, nullptr), entry.name); });
    const auto half = static_cast<std::size_t>(timing.bytes / 2);
    DeviceBuffer from(half), to(half);
    timing.copy_ms = events.median_ms([&] {
        check(cudaMemcpyAsync(to.view().data, from.view().data, half, cudaMemcpyDeviceToDevice, nullptr),
              "cudaMemcpyAsync");
    });
    return timing;
}

}  // namespace slate_gpu::selftest
