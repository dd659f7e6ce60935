// SPDX-License-Identifier: Apache-2.0
// VMAF model evaluation on the device: the model uploaded once into one device buffer, then one
// launch scores every frame. One block per frame (blocks stride over frames): the threads
// compute the normalised features, then the support vectors' terms (a chunk at a time, into
// shared memory), and thread 0 adds the terms in the support vectors' order, exactly as
// libmedia's SvmNuSvr::predict and the reference (gpu/ref/vmaf_predict.cpp) do, then finishes
// the score. The maths is detail/vmaf_predict_math.h's, every operation rounded on its own; the
// device differs from the host only by CUDA's double exp (within 1 ulp of glibc's).
#include <algorithm>
#include <cstddef>
#include <cstring>
#include <vector>

#include "launch.cuh"
#include "slate_gpu/detail/vmaf_predict_math.h"
#include "slate_gpu/kernels_metrics_cuda.h"

namespace slate_gpu::cuda {

namespace sg = slate_gpu::detail;  // the shared maths (cuda::detail is launch.cuh's)

namespace {

constexpr int kThreads = 128;
constexpr int kChunk = 1024;  // terms in shared memory at a time (8 KiB)
constexpr int kMaxBlocks = 65535;

__global__ void __launch_bounds__(kThreads)
    predict_kernel(sg::VmafModelView m, const double* features, int rows, double* scores) {
    __shared__ double x[kVmafMaxModelFeatures];
    __shared__ double terms[kChunk];
    const int tid = static_cast<int>(threadIdx.x);
    for (int r = static_cast<int>(blockIdx.x); r < rows; r += static_cast<int>(gridDim.x)) {
        const double* row = features + static_cast<std::ptrdiff_t>(r) * kVmafFeatureSlots;
        for (int i = tid; i < m.feature_count; i += kThreads) x[i] = sg::vmaf_input(m, row, i);
        __syncthreads();
        double sum = 0;  // thread 0's
        for (int base = 0; base < m.sv_count; base += kChunk) {
            const int n = min(kChunk, m.sv_count - base);
            for (int j = tid; j < n; j += kThreads) terms[j] = sg::vmaf_svm_term(m, x, base + j);
            __syncthreads();
            if (tid == 0)
                for (int j = 0; j < n; ++j) sum = sg::add_rn(sum, terms[j]);
            __syncthreads();  // before the next chunk (or frame) overwrites terms and x
        }
        if (tid == 0) scores[r] = sg::vmaf_finish(m, sum);
    }
}

template <typename T>
size_t append(std::vector<unsigned char>& bytes, const std::vector<T>& values) {
    const size_t offset = bytes.size();
    bytes.resize(offset + values.size() * sizeof(T));
    if (!values.empty())
        std::memcpy(bytes.data() + offset, values.data(), values.size() * sizeof(T));
    return offset;
}

}  // namespace

struct DeviceVmafModel::Impl {
    unsigned char* buffer = nullptr;  ///< every array of the model, doubles first
    sg::VmafModelView view{};         ///< pointers into buffer
    ~Impl() {
        if (buffer) cudaFree(buffer);
    }
};

DeviceVmafModel::DeviceVmafModel() : m_impl(std::make_unique<Impl>()) {}
DeviceVmafModel::~DeviceVmafModel() = default;
DeviceVmafModel::DeviceVmafModel(DeviceVmafModel&&) noexcept = default;
DeviceVmafModel& DeviceVmafModel::operator=(DeviceVmafModel&&) noexcept = default;

cudaError_t DeviceVmafModel::upload(const VmafModelHost& model) {
    if (!vmaf_model_valid(model)) return cudaErrorInvalidValue;
    if (!m_impl) m_impl = std::make_unique<Impl>();
    if (m_impl->buffer) {
        cudaFree(m_impl->buffer);
        m_impl->buffer = nullptr;
    }
    // Doubles first, then the int slots: every array stays aligned.
    std::vector<unsigned char> bytes;
    const size_t slopes = append(bytes, model.slopes);
    const size_t intercepts = append(bytes, model.intercepts);
    const size_t vectors = append(bytes, model.support_vectors);
    const size_t coefficients = append(bytes, model.coefficients);
    const size_t segments = append(bytes, model.segments);
    const size_t slots = append(bytes, model.feature_slots);
    void* buffer = nullptr;
    cudaError_t status = cudaMalloc(&buffer, bytes.size());
    if (status != cudaSuccess) return status;
    m_impl->buffer = static_cast<unsigned char*>(buffer);
    status = cudaMemcpy(buffer, bytes.data(), bytes.size(), cudaMemcpyHostToDevice);
    if (status != cudaSuccess) {
        cudaFree(buffer);
        m_impl->buffer = nullptr;
        return status;
    }
    const unsigned char* base = m_impl->buffer;
    sg::VmafModelView view = sg::vmaf_view(model);
    view.slopes = reinterpret_cast<const double*>(base + slopes);
    view.intercepts = reinterpret_cast<const double*>(base + intercepts);
    view.support_vectors = reinterpret_cast<const double*>(base + vectors);
    view.coefficients = reinterpret_cast<const double*>(base + coefficients);
    view.segments = reinterpret_cast<const double*>(base + segments);
    view.feature_slots = reinterpret_cast<const int*>(base + slots);
    m_impl->view = view;
    return cudaSuccess;
}

cudaError_t vmaf_predict(const DeviceVmafModel& model, const double* device_features, int rows,
                         double* device_scores, cudaStream_t stream) {
    const DeviceVmafModel::Impl* impl = model.impl();
    if (impl == nullptr || impl->buffer == nullptr || rows < 0) return cudaErrorInvalidValue;
    if (rows == 0) return cudaSuccess;
    if (device_features == nullptr || device_scores == nullptr) return cudaErrorInvalidValue;
    const int blocks = std::min(rows, kMaxBlocks);
    predict_kernel<<<blocks, kThreads, 0, stream>>>(impl->view, device_features, rows,
                                                    device_scores);
    return detail::launch_status();
}

}  // namespace slate_gpu::cuda
