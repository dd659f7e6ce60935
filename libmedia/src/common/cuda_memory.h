// SPDX-License-Identifier: Apache-2.0
// CUDA memory and streams for libmedia's device paths (the colour engine, the QC statistics):
// CUDA errors as Error values, device and page-locked host buffers that grow on demand, and a
// pool of "lanes" (a stream with its buffers) so that concurrent callers each get their own and
// their uploads, kernels and downloads overlap. Include only where SLATE_HAVE_CUDA is defined.
#pragma once

#include <cuda_runtime_api.h>

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "media/core/error.h"
#include "media/core/result.h"

namespace media::detail {

/// DeviceError "CUDA <what> failed: <CUDA's message>".
inline Error cuda_error(cudaError_t status, const char* what) {
    return Error(ErrorCode::DeviceError,
                 std::string("CUDA ") + what + " failed: " + cudaGetErrorString(status));
}

/// Returns cuda_error(status, what) from the enclosing function when `call` fails.
#define SLATE_CUDA_TRY(call, what)                                        \
    do {                                                                  \
        const cudaError_t slate_cuda_status_ = (call);                    \
        if (slate_cuda_status_ != cudaSuccess)                            \
            return ::media::detail::cuda_error(slate_cuda_status_, what); \
    } while (false)

/// Memory that grows on demand (never shrinks) and is freed with its owner: device memory
/// (cudaMalloc) or page-locked host memory (cudaMallocHost: DMA at the link's full speed, and
/// asynchronous copies).
template <bool kPinnedHost>
class CudaBuffer {
public:
    CudaBuffer() = default;
    CudaBuffer(const CudaBuffer&) = delete;
    CudaBuffer& operator=(const CudaBuffer&) = delete;
    ~CudaBuffer() { release(); }

    Result<void> reserve(size_t bytes) {
        if (bytes <= m_bytes) return ok();
        release();
        if constexpr (kPinnedHost)
            SLATE_CUDA_TRY(cudaMallocHost(&m_data, bytes), "cudaMallocHost");
        else
            SLATE_CUDA_TRY(cudaMalloc(&m_data, bytes), "cudaMalloc");
        m_bytes = bytes;
        return ok();
    }
    void* data() const { return m_data; }
    std::byte* bytes() const { return static_cast<std::byte*>(m_data); }

private:
    void release() {
        if (m_data == nullptr) return;
        if constexpr (kPinnedHost)
            cudaFreeHost(m_data);
        else
            cudaFree(m_data);
        m_data = nullptr;
        m_bytes = 0;
    }

    void* m_data = nullptr;
    size_t m_bytes = 0;
};

using DeviceBuffer = CudaBuffer<false>;
using PinnedBuffer = CudaBuffer<true>;

/// A stream and the buffers of one call in flight; device paths derive their lanes from it.
struct LaneBase {
    cudaStream_t stream = nullptr;
    LaneBase() = default;
    LaneBase(const LaneBase&) = delete;
    LaneBase& operator=(const LaneBase&) = delete;
    virtual ~LaneBase() {
        if (stream != nullptr) cudaStreamDestroy(stream);
    }
};

/// Lanes kept for reuse: a call takes a free one (or a new one: one per concurrent caller) and
/// gives it back when done, after its stream has drained.
template <typename Lane>
class LanePool {
public:
    /// A free lane, or a new one with its own non-blocking stream, set up by `init(Lane&)`.
    template <typename Init>
    Result<std::unique_ptr<Lane>> acquire(Init&& init) const {
        {
            std::lock_guard lock(m_mutex);
            if (!m_free.empty()) {
                std::unique_ptr<Lane> lane = std::move(m_free.back());
                m_free.pop_back();
                return lane;
            }
        }
        auto lane = std::make_unique<Lane>();
        SLATE_CUDA_TRY(cudaStreamCreateWithFlags(&lane->stream, cudaStreamNonBlocking),
                       "cudaStreamCreate");
        MEDIA_TRY(init(*lane));
        return lane;
    }
    void release(std::unique_ptr<Lane> lane) const {
        // A failed call may leave work queued: drain it, so the buffers are free when reused.
        if (lane->stream != nullptr) cudaStreamSynchronize(lane->stream);
        std::lock_guard lock(m_mutex);
        m_free.push_back(std::move(lane));
    }

private:
    mutable std::mutex m_mutex;
    mutable std::vector<std::unique_ptr<Lane>> m_free;
};

/// A lane taken from a pool for the length of one call.
template <typename Lane>
class LaneLease {
public:
    LaneLease(const LanePool<Lane>& pool, std::unique_ptr<Lane> lane)
        : m_pool(pool), m_lane(std::move(lane)) {}
    ~LaneLease() { m_pool.release(std::move(m_lane)); }
    LaneLease(const LaneLease&) = delete;
    LaneLease& operator=(const LaneLease&) = delete;
    Lane& operator*() const { return *m_lane; }
    Lane* operator->() const { return m_lane.get(); }

private:
    const LanePool<Lane>& m_pool;
    std::unique_ptr<Lane> m_lane;
};

}  // namespace media::detail
