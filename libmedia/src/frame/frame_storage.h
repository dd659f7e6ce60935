// SPDX-License-Identifier: Apache-2.0
// Private to frame/: what a Frame handle points at, and the plane layout of owned buffers.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>

#include "media/core/device.h"
#include "media/core/result.h"
#include "media/frame/frame.h"

namespace media::detail {

/// The planes of a frame and whatever keeps their memory alive.
struct FrameStorage {
    std::array<std::byte*, Frame::kMaxPlanes> data{};
    std::array<int64_t, Frame::kMaxPlanes> stride{};
    int planes = 0;
    std::shared_ptr<const void> owner;  ///< an aligned buffer, a pool slot, a decoder frame...
    bool writable = true;               ///< the owner allows writes when this is its only user
    DeviceKind device = DeviceKind::Cpu;
};

/// Where each plane sits in one contiguous, kFrameAlignment-aligned buffer.
struct PlaneLayout {
    std::array<int64_t, Frame::kMaxPlanes> offset{};
    std::array<int64_t, Frame::kMaxPlanes> stride{};
    int planes = 0;
    int64_t total_bytes = 0;
};

/// The layout for a spec: strides rounded up to kFrameAlignment, planes back to back, plus one
/// alignment unit of tail padding so vector loads past the last pixel stay inside the buffer.
Result<PlaneLayout> plane_layout(const FrameSpec& spec);

/// kFrameAlignment-aligned bytes, or nullptr when allocation fails.
std::byte* allocate_aligned(int64_t bytes);
void free_aligned(std::byte* data);

/// Storage over a buffer laid out as `layout`; `owner` keeps the buffer alive.
std::shared_ptr<FrameStorage> make_storage(std::byte* base, const PlaneLayout& layout,
                                           std::shared_ptr<const void> owner);

}  // namespace media::detail
