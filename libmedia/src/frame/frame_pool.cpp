// SPDX-License-Identifier: Apache-2.0
#include "media/frame/frame_pool.h"

#include <mutex>
#include <vector>

#include "frame_storage.h"

namespace media {

// Shared by the pool and every buffer it handed out, so a buffer released after the pool is gone
// still has somewhere to go (and is freed there).
struct FramePool::State {
    FrameSpec spec;
    size_t max_cached = 0;
    Result<detail::PlaneLayout> layout = detail::PlaneLayout{};
    mutable std::mutex mutex;
    std::vector<std::byte*> idle;
    int64_t allocations = 0;

    ~State() {
        for (std::byte* buffer : idle) detail::free_aligned(buffer);
    }

    void release(std::byte* buffer) {
        {
            std::lock_guard lock(mutex);
            if (idle.size() < max_cached) {
                idle.push_back(buffer);
                return;
            }
        }
        detail::free_aligned(buffer);
    }

    std::byte* take() {
        std::lock_guard lock(mutex);
        if (!idle.empty()) {
            std::byte* buffer = idle.back();
            idle.pop_back();
            return buffer;
        }
        std::byte* buffer = detail::allocate_aligned(layout->total_bytes);
        if (buffer) ++allocations;
        return buffer;
    }
};

FramePool::FramePool(FrameSpec spec, size_t max_cached) : m_state(std::make_shared<State>()) {
    m_state->layout = detail::plane_layout(spec);
    m_state->spec = std::move(spec);
    m_state->max_cached = max_cached;
}

FramePool::~FramePool() = default;

const FrameSpec& FramePool::spec() const {
    return m_state->spec;
}

Result<Frame> FramePool::acquire() {
    if (!m_state->layout) return m_state->layout.error();
    std::byte* buffer = m_state->take();
    if (!buffer)
        return Error(ErrorCode::OutOfMemory, "cannot allocate " +
                                                 std::to_string(m_state->layout->total_bytes) +
                                                 " bytes for a pooled frame");
    try {
        std::shared_ptr<const void> owner(buffer, [state = m_state](const void* p) {
            state->release(static_cast<std::byte*>(const_cast<void*>(p)));
        });
        return Frame(m_state->spec, detail::make_storage(buffer, *m_state->layout, owner));
    } catch (const std::bad_alloc&) {
        // shared_ptr's constructor already ran the deleter on failure; nothing leaks.
        return Error(ErrorCode::OutOfMemory, "cannot allocate a pooled frame handle");
    }
}

size_t FramePool::cached() const {
    std::lock_guard lock(m_state->mutex);
    return m_state->idle.size();
}

int64_t FramePool::allocations() const {
    std::lock_guard lock(m_state->mutex);
    return m_state->allocations;
}

}  // namespace media
