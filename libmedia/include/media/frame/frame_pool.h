// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

#include "media/core/result.h"
#include "media/frame/frame.h"

namespace media {

/// Hands out frames of one spec and recycles their buffers: when the last handle to a pooled
/// frame (and every copy of it) is gone, its buffer returns to the pool instead of the heap.
/// At most `max_cached` idle buffers are kept; more are freed. Thread-safe: frames may be
/// acquired and released from any thread, and they may outlive the pool.
class FramePool {
public:
    /// A pool for frames of `spec` (its colour is copied onto every frame handed out).
    explicit FramePool(FrameSpec spec, size_t max_cached = 8);
    ~FramePool();
    FramePool(const FramePool&) = delete;
    FramePool& operator=(const FramePool&) = delete;

    const FrameSpec& spec() const;
    /// A frame of spec(), its planes uninitialised (a reused buffer holds an older picture).
    /// InvalidArgument for an unusable spec, OutOfMemory when a new buffer cannot be allocated.
    Result<Frame> acquire();

    /// Idle buffers waiting for reuse.
    size_t cached() const;
    /// Buffers allocated from the heap so far (reuse does not count).
    int64_t allocations() const;

private:
    struct State;
    std::shared_ptr<State> m_state;
};

}  // namespace media
