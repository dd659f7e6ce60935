// SPDX-License-Identifier: Apache-2.0
#include "media/frame/frame.h"

#include <cstring>
#include <new>

#include "frame_storage.h"

namespace media {
namespace detail {

namespace {

constexpr int64_t round_up(int64_t value, int64_t multiple) {
    return (value + multiple - 1) / multiple * multiple;
}

// Frames past this many pixels per side are refused before any size arithmetic can overflow.
constexpr int kMaxSide = 1 << 16;

}  // namespace

Result<PlaneLayout> plane_layout(const FrameSpec& spec) {
    if (spec.width <= 0 || spec.height <= 0 || spec.width > kMaxSide || spec.height > kMaxSide)
        return Error(ErrorCode::InvalidArgument, "frame size " + std::to_string(spec.width) + "x" +
                                                     std::to_string(spec.height) +
                                                     " is outside 1.." + std::to_string(kMaxSide));
    const PixelFormatInfo& fi = info(spec.format);
    PlaneLayout layout;
    layout.planes = fi.planes;
    int64_t offset = 0;
    for (int p = 0; p < fi.planes; ++p) {
        layout.offset[p] = offset;
        layout.stride[p] = round_up(fi.plane_row_bytes(p, spec.width), kFrameAlignment);
        offset += layout.stride[p] * fi.plane_height(p, spec.height);
    }
    layout.total_bytes = offset + kFrameAlignment;
    return layout;
}

std::byte* allocate_aligned(int64_t bytes) {
    auto size = static_cast<size_t>(round_up(bytes, kFrameAlignment));
    return static_cast<std::byte*>(
        ::operator new (size, std::align_val_t{kFrameAlignment}, std::nothrow));
}

void free_aligned(std::byte* data) {
    ::operator delete (data, std::align_val_t{kFrameAlignment});
}

std::shared_ptr<FrameStorage> make_storage(std::byte* base, const PlaneLayout& layout,
                                           std::shared_ptr<const void> owner) {
    auto storage = std::make_shared<FrameStorage>();
    storage->planes = layout.planes;
    for (int p = 0; p < layout.planes; ++p) {
        storage->data[p] = base + layout.offset[p];
        storage->stride[p] = layout.stride[p];
    }
    storage->owner = std::move(owner);
    return storage;
}

}  // namespace detail

namespace {

Result<std::shared_ptr<detail::FrameStorage>> allocate_storage(const FrameSpec& spec) {
    MEDIA_TRY_ASSIGN(auto layout, detail::plane_layout(spec));
    std::byte* base = detail::allocate_aligned(layout.total_bytes);
    if (!base)
        return Error(
            ErrorCode::OutOfMemory,
            "cannot allocate " + std::to_string(layout.total_bytes) + " bytes for a frame");
    std::shared_ptr<const void> owner(base, [](const void* p) {
        detail::free_aligned(static_cast<std::byte*>(const_cast<void*>(p)));
    });
    return detail::make_storage(base, layout, std::move(owner));
}

Result<void> check_wrapped_plane(const PlaneMemory& plane, int64_t row_bytes) {
    auto address = reinterpret_cast<uintptr_t>(plane.data);
    if (!plane.data || address % kFrameAlignment != 0)
        return Error(ErrorCode::InvalidArgument, "wrapped plane is not 64-byte aligned");
    if (plane.stride_bytes % kFrameAlignment != 0 || plane.stride_bytes < row_bytes)
        return Error(ErrorCode::InvalidArgument, "wrapped plane stride " +
                                                     std::to_string(plane.stride_bytes) +
                                                     " is not a multiple of 64 covering " +
                                                     std::to_string(row_bytes) + " bytes");
    return ok();
}

void copy_planes(const Frame& from, Frame& to) {
    const PixelFormatInfo& fi = info(from.format());
    for (int p = 0; p < fi.planes; ++p) {
        auto row_bytes = static_cast<size_t>(fi.plane_row_bytes(p, from.width()));
        int rows = fi.plane_height(p, from.height());
        auto* dst = const_cast<std::byte*>(to.plane_data(p));
        for (int y = 0; y < rows; ++y)
            std::memcpy(dst + y * to.plane_stride(p), from.plane_data(p) + y * from.plane_stride(p),
                        row_bytes);
    }
}

const FrameMetadata& empty_metadata() {
    static const FrameMetadata empty;
    return empty;
}

}  // namespace

Result<Frame> Frame::allocate(const FrameSpec& spec) {
    try {
        MEDIA_TRY_ASSIGN(auto storage, allocate_storage(spec));
        return Frame(spec, std::move(storage));
    } catch (const std::bad_alloc&) {
        return Error(ErrorCode::OutOfMemory, "cannot allocate a frame");
    }
}

Result<Frame> Frame::wrap(const FrameSpec& spec, std::span<const PlaneMemory> planes,
                          std::shared_ptr<const void> owner, bool writable, DeviceKind device) {
    MEDIA_TRY(detail::plane_layout(spec));  // validates the size
    const PixelFormatInfo& fi = info(spec.format);
    if (static_cast<int>(planes.size()) != fi.planes)
        return Error(ErrorCode::InvalidArgument, std::string(fi.name) + " has " +
                                                     std::to_string(fi.planes) + " planes, got " +
                                                     std::to_string(planes.size()));
    auto storage = std::make_shared<detail::FrameStorage>();
    storage->planes = fi.planes;
    for (int p = 0; p < fi.planes; ++p) {
        MEDIA_TRY(check_wrapped_plane(planes[p], fi.plane_row_bytes(p, spec.width)));
        storage->data[p] = planes[p].data;
        storage->stride[p] = planes[p].stride_bytes;
    }
    storage->owner = std::move(owner);
    storage->writable = writable;
    storage->device = device;
    return Frame(spec, std::move(storage));
}

DeviceKind Frame::device() const {
    return m_storage ? m_storage->device : DeviceKind::Cpu;
}

int Frame::plane_count() const {
    return m_storage ? m_storage->planes : 0;
}

const std::byte* Frame::plane_data(int i) const {
    assert(m_storage && i >= 0 && i < m_storage->planes);
    return m_storage->data[i];
}

int64_t Frame::plane_stride(int i) const {
    assert(m_storage && i >= 0 && i < m_storage->planes);
    return m_storage->stride[i];
}

bool Frame::is_writable() const {
    // use_count() == 1 is exact here: only handles hold the storage, and this is one of them.
    return m_storage && m_storage->writable && m_storage.use_count() == 1;
}

Result<void> Frame::make_writable() {
    if (empty()) return Error(ErrorCode::InvalidArgument, "empty frame has no planes to write");
    if (is_writable()) return ok();
    MEDIA_TRY_ASSIGN(Frame copy, clone());
    m_storage = std::move(copy.m_storage);
    return ok();
}

Result<Frame> Frame::clone() const {
    if (empty()) return Frame();
    if (device() != DeviceKind::Cpu)
        return Error(ErrorCode::DeviceError, "cannot clone a device frame on the host");
    MEDIA_TRY_ASSIGN(Frame copy, allocate(m_spec));
    copy_planes(*this, copy);
    Frame result = *this;
    result.m_storage = std::move(copy.m_storage);
    return result;
}

const FrameMetadata& Frame::metadata() const {
    return m_metadata ? *m_metadata : empty_metadata();
}

void Frame::set_metadata(const std::string& key, std::string value) {
    auto copy = std::make_shared<FrameMetadata>(metadata());
    (*copy)[key] = std::move(value);
    m_metadata = std::move(copy);
}

void Frame::erase_metadata(const std::string& key) {
    if (!metadata().contains(key)) return;
    auto copy = std::make_shared<FrameMetadata>(metadata());
    copy->erase(key);
    m_metadata = std::move(copy);
}

}  // namespace media
