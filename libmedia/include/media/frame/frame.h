// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>

#include "media/core/device.h"
#include "media/core/rational.h"
#include "media/core/result.h"
#include "media/core/timecode.h"
#include "media/frame/color_info.h"
#include "media/frame/image_view.h"
#include "media/frame/pixel_format.h"

namespace media {

/// Every plane of a Frame starts on this many bytes and its row stride is a multiple of it, so
/// SIMD and GPU copies can use aligned loads on any row.
inline constexpr int64_t kFrameAlignment = 64;

/// "No timestamp" for Frame::pts (the same value libav uses).
inline constexpr int64_t kNoPts = std::numeric_limits<int64_t>::min();

/// What a frame's pixels are: size, memory layout and colour signalling.
struct FrameSpec {
    int width = 0;
    int height = 0;
    PixelFormat format = PixelFormat::Yuv420p8;
    ColorInfo color;
    friend bool operator==(const FrameSpec&, const FrameSpec&) = default;
};

/// One plane of memory a Frame wraps rather than allocates (see Frame::wrap).
struct PlaneMemory {
    std::byte* data = nullptr;
    int64_t stride_bytes = 0;
};

/// Free-form per-frame metadata (decoder side data, sequence header attributes...).
using FrameMetadata = std::map<std::string, std::string>;

namespace detail {
struct FrameStorage;
}

/// A picture: a cheap-to-copy handle to ref-counted planes plus the frame's own properties.
///
/// Copies share the pixels and are copy-on-write: plane() gives read-only views;
/// mutable_plane() (or make_writable()) first clones the planes when another handle or an outside
/// owner (a decoder still referencing the buffer) shares them. Properties (pts, timecode, flags,
/// metadata, colour) belong to each handle; setting one never affects a copy.
/// Planes start on kFrameAlignment bytes and their strides are multiples of it.
/// A Frame is not synchronised: share copies across threads, not one Frame object.
class Frame {
public:
    static constexpr int kMaxPlanes = 4;

    /// An empty frame (empty() is true, no planes).
    Frame() = default;

    /// A frame with freshly allocated, uninitialised planes. InvalidArgument for sizes <= 0 or
    /// beyond int range per row; OutOfMemory when allocation fails.
    static Result<Frame> allocate(const FrameSpec& spec);

    /// A frame over memory owned elsewhere: `owner` keeps it alive as long as any handle does.
    /// Each plane must start on kFrameAlignment and have a stride that is a multiple of it and at
    /// least the plane's row bytes (InvalidArgument otherwise). `writable`: whether the memory may
    /// be written when this frame is its only user (false for a buffer a decoder still reads).
    static Result<Frame> wrap(const FrameSpec& spec, std::span<const PlaneMemory> planes,
                              std::shared_ptr<const void> owner, bool writable,
                              DeviceKind device = DeviceKind::Cpu);

    bool empty() const { return m_storage == nullptr; }
    const FrameSpec& spec() const { return m_spec; }
    int width() const { return m_spec.width; }
    int height() const { return m_spec.height; }
    PixelFormat format() const { return m_spec.format; }
    const ColorInfo& color() const { return m_spec.color; }
    /// Replaces the colour signalling (the pixels are unchanged: conversion is explicit).
    void set_color(ColorInfo color) { m_spec.color = std::move(color); }
    /// The device the planes live on.
    DeviceKind device() const;
    int plane_count() const;

    /// Read-only view of plane i; T must match the format's sample size (uint8_t, uint16_t for
    /// 10-16 bit and half, float).
    template <typename T>
    ImageView<const T> plane(int i) const {
        assert(sizeof(T) == static_cast<size_t>(info(m_spec.format).bytes_per_sample));
        return make_view<const T>(reinterpret_cast<const T*>(plane_data(i)), i);
    }
    /// Writable view of plane i. Clones the planes first unless this handle owns them alone;
    /// returns an empty view when that clone cannot be made (out of memory, device memory).
    template <typename T>
    ImageView<T> mutable_plane(int i) {
        assert(sizeof(T) == static_cast<size_t>(info(m_spec.format).bytes_per_sample));
        if (!make_writable()) return {};
        return make_view<T>(reinterpret_cast<T*>(const_cast<std::byte*>(plane_data(i))), i);
    }
    /// True when this handle may write its planes without cloning.
    bool is_writable() const;
    /// Makes the planes this handle's own (clones them when shared). DeviceError for device
    /// frames (host code cannot copy them), OutOfMemory when the clone fails.
    Result<void> make_writable();
    /// A deep copy with its own planes.
    Result<Frame> clone() const;

    /// First byte and stride of plane i, for code that copies raw rows (encoders, uploads).
    const std::byte* plane_data(int i) const;
    int64_t plane_stride(int i) const;

    /// Presentation time in time_base units; kNoPts when unknown.
    int64_t pts() const { return m_pts; }
    Rational time_base() const { return m_time_base; }
    void set_pts(int64_t pts, Rational time_base) {
        m_pts = pts;
        m_time_base = time_base;
    }
    /// Index of this frame in its source (0 = first frame of the stream); -1 when unknown.
    int64_t index() const { return m_index; }
    void set_index(int64_t index) { m_index = index; }
    const std::optional<Timecode>& timecode() const { return m_timecode; }
    void set_timecode(std::optional<Timecode> timecode) { m_timecode = timecode; }

    bool key_frame() const { return m_key_frame; }
    void set_key_frame(bool key) { m_key_frame = key; }
    /// The decoder reported an error for this frame: its pixels may be damaged or concealed.
    bool corrupt() const { return m_corrupt; }
    void set_corrupt(bool corrupt) { m_corrupt = corrupt; }

    const FrameMetadata& metadata() const;
    void set_metadata(const std::string& key, std::string value);
    void erase_metadata(const std::string& key);

private:
    friend class FramePool;
    Frame(FrameSpec spec, std::shared_ptr<detail::FrameStorage> storage)
        : m_spec(std::move(spec)), m_storage(std::move(storage)) {}

    template <typename T>
    ImageView<T> make_view(T* data, int i) const {
        const PixelFormatInfo& fi = info(m_spec.format);
        return ImageView<T>(data, fi.plane_width(i, m_spec.width),
                            fi.plane_height(i, m_spec.height), fi.components_in_plane(i),
                            plane_stride(i), device());
    }

    FrameSpec m_spec;
    std::shared_ptr<detail::FrameStorage> m_storage;
    std::shared_ptr<const FrameMetadata> m_metadata;
    int64_t m_pts = kNoPts;
    Rational m_time_base;
    int64_t m_index = -1;
    std::optional<Timecode> m_timecode;
    bool m_key_frame = false;
    bool m_corrupt = false;
};

}  // namespace media
