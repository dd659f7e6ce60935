// SPDX-License-Identifier: Apache-2.0
#include "parity.h"

#include <random>
#include <vector>

#include "buffers.h"
#include "compare.h"
#include "cuda_check.h"

namespace slate_gpu::selftest {
namespace {

// Sizes and row padding (in samples): degenerate, odd, wider than a block, taller than a grid
// column of blocks, and a full HD frame; an odd padding misaligns rows relative to 128 bytes.
struct Case {
    int width;
    int height;
    int pad_samples;
};
constexpr Case kCases[] = {{1, 1, 0},   {2, 2, 3},      {3, 1, 0},       {7, 5, 13},
                           {33, 17, 0}, {64, 2, 1},     {127, 9, 13},    {1, 64, 5},
                           {641, 3, 0}, {1921, 31, 13}, {1920, 1080, 64}};

struct CaseBuffers {
    std::vector<HostBuffer> inputs, reference, cuda;
    std::vector<DeviceBuffer> device_inputs, device_outputs;
};

CaseBuffers make_buffers(const Layout& layout, int pad, std::mt19937& rng) {
    CaseBuffers b;
    for (int i = 0; i < layout.input_count; ++i) {
        b.inputs.push_back(make_host_buffer(layout.inputs[i], pad, std::byte{0}));
        fill_random(b.inputs.back(), rng);
        b.device_inputs.emplace_back(b.inputs.back());
        b.device_inputs.back().upload(b.inputs.back());
    }
    for (int i = 0; i < layout.output_count; ++i) {
        b.reference.push_back(make_host_buffer(layout.outputs[i], pad, kSentinel));
        b.cuda.push_back(b.reference.back());
        b.device_outputs.emplace_back(b.cuda.back());
        b.device_outputs.back().fill(kSentinel);
    }
    return b;
}

std::string case_name(const Case& c) {
    return std::to_string(c.width) + "x" + std::to_string(c.height) + " pad " +
           std::to_string(c.pad_samples);
}

// Runs both sides of one case; returns an empty string or what went wrong.
std::string run_case(const KernelEntry& entry, const Variant& variant, CaseBuffers& b) {
    Binding host{{}, {}, variant};
    Binding device{{}, {}, variant};
    for (std::size_t i = 0; i < b.inputs.size(); ++i) {
        host.inputs[i] = b.inputs[i].view();
        device.inputs[i] = b.device_inputs[i].view();
    }
    for (std::size_t i = 0; i < b.reference.size(); ++i) {
        host.outputs[i] = b.reference[i].view();
        device.outputs[i] = b.device_outputs[i].view();
    }
    if (!entry.cpu(host)) return "the reference refused the arguments";
    if (cudaError_t status = entry.cuda(device, nullptr); status != cudaSuccess)
        return std::string("launch: ") + cudaGetErrorName(status);
    if (cudaError_t status = cudaDeviceSynchronize(); status != cudaSuccess)
        return std::string("execution: ") + cudaGetErrorName(status);
    for (std::size_t i = 0; i < b.cuda.size(); ++i) b.device_outputs[i].download(b.cuda[i]);
    return {};
}

void compare_outputs(const KernelEntry& entry, const Case& c, const CaseBuffers& b,
                     ParityResult& result) {
    for (std::size_t i = 0; i < b.reference.size(); ++i) {
        const Comparison cmp = compare(b.reference[i], b.cuda[i], entry.tolerance);
        result.max_error = std::max(result.max_error, cmp.max_error);
        if (cmp.pass || !result.pass) continue;
        result.pass = false;
        result.failure = case_name(c) + ", output " + std::to_string(i) + " " + cmp.first_failure;
    }
}

// Runs the reference into `outputs` (pre-filled with kSentinel); false when it refused.
bool run_reference(const KernelEntry& entry, const Variant& variant,
                   std::vector<HostBuffer>& inputs, std::vector<HostBuffer>& outputs) {
    Binding host{{}, {}, variant};
    for (std::size_t i = 0; i < inputs.size(); ++i) host.inputs[i] = inputs[i].view();
    for (std::size_t i = 0; i < outputs.size(); ++i) host.outputs[i] = outputs[i].view();
    return entry.cpu(host);
}

}  // namespace

ParityResult check_reference(const KernelEntry& entry, const Variant& variant, unsigned seed) {
    ParityResult result;
    std::mt19937 rng(seed);
    constexpr Tolerance kSame{0.0, 0.0, "deterministic"};
    for (const Case& c : kCases) {
        const Layout layout = entry.layout(c.width, c.height, variant);
        std::vector<HostBuffer> inputs, first, second;
        for (int i = 0; i < layout.input_count; ++i) {
            inputs.push_back(make_host_buffer(layout.inputs[i], c.pad_samples, std::byte{0}));
            fill_random(inputs.back(), rng);
        }
        for (int i = 0; i < layout.output_count; ++i)
            first.push_back(make_host_buffer(layout.outputs[i], c.pad_samples, kSentinel));
        second = first;
        // In-place kernels may change their inputs: each run starts from the same copy.
        std::vector<HostBuffer> again = inputs;
        ++result.cases;
        if (!run_reference(entry, variant, inputs, first) ||
            !run_reference(entry, variant, again, second)) {
            result.pass = false;
            result.failure = case_name(c) + ": the reference refused the arguments";
            return result;
        }
        for (std::size_t i = 0; i < first.size(); ++i) {
            const Comparison cmp = compare(first[i], second[i], kSame);
            result.max_error = std::max(result.max_error, cmp.max_error);
            if (!cmp.pass && result.pass) {
                result.pass = false;
                result.failure =
                    case_name(c) + ", output " + std::to_string(i) + " " + cmp.first_failure;
            }
        }
    }
    return result;
}

ParityResult check_parity(const KernelEntry& entry, const Variant& variant, unsigned seed) {
    ParityResult result;
    std::mt19937 rng(seed);
    for (const Case& c : kCases) {
        const Layout layout = entry.layout(c.width, c.height, variant);
        CaseBuffers buffers = make_buffers(layout, c.pad_samples, rng);
        ++result.cases;
        if (std::string error = run_case(entry, variant, buffers); !error.empty()) {
            result.pass = false;
            result.failure = case_name(c) + ": " + error;
            return result;  // after a CUDA error the context may be unusable
        }
        compare_outputs(entry, c, buffers, result);
    }
    return result;
}

}  // namespace slate_gpu::selftest
