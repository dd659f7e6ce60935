// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "media/core/device.h"

namespace media {

/// A non-owning, byte-strided view of one plane or one packed image: `width` pixels of
/// `components` samples of type T per row, `height` rows, rows `stride_bytes` apart. The view
/// knows which device its memory is on; a CUDA view must not be dereferenced on the host.
/// ImageView<const T> is the read-only view; an ImageView<T> converts to it implicitly.
/// Bounds are asserted in debug builds only: algorithms take views in their hot loops.
template <typename T>
class ImageView {
    using Byte = std::conditional_t<std::is_const_v<T>, const std::byte, std::byte>;

public:
    using value_type = T;

    /// An empty view (data() == nullptr).
    ImageView() = default;
    /// A view of width x height pixels of `components` samples, rows `stride_bytes` apart.
    ImageView(T* data, int width, int height, int components, int64_t stride_bytes,
              DeviceKind device = DeviceKind::Cpu)
        : m_data(data),
          m_width(width),
          m_height(height),
          m_components(components),
          m_stride(stride_bytes),
          m_device(device) {
        assert(width >= 0 && height >= 0 && components > 0);
        assert(stride_bytes >= int64_t{width} * components * int64_t{sizeof(T)} || height <= 1);
    }

    /// Read-only view of a writable one.
    template <typename U>
    requires(std::is_const_v<T>&& std::is_same_v<const U, T>) ImageView(
        const ImageView<U>& other)  // NOLINT(google-explicit-constructor): as T* -> const T*
        : ImageView(other.data(), other.width(), other.height(), other.components(),
                    other.stride_bytes(), other.device()) {}

    T* data() const { return m_data; }
    int width() const { return m_width; }
    int height() const { return m_height; }
    /// Samples per pixel (1 for a plane of planar YUV, 3 or 4 for packed RGB(A)).
    int components() const { return m_components; }
    /// Bytes from the start of one row to the next.
    int64_t stride_bytes() const { return m_stride; }
    DeviceKind device() const { return m_device; }
    bool empty() const { return m_data == nullptr || m_width == 0 || m_height == 0; }
    /// Samples in one row (width * components).
    int64_t row_samples() const { return int64_t{m_width} * m_components; }

    /// First sample of row y.
    T* row(int y) const {
        assert(m_data != nullptr && y >= 0 && y < m_height);
        return reinterpret_cast<T*>(reinterpret_cast<Byte*>(m_data) + y * m_stride);
    }
    /// Sample c of pixel (x, y).
    T& at(int x, int y, int c = 0) const {
        assert(x >= 0 && x < m_width && c >= 0 && c < m_components);
        return row(y)[int64_t{x} * m_components + c];
    }
    /// The w x h rectangle at (x, y), sharing this view's memory.
    ImageView sub_view(int x, int y, int w, int h) const {
        assert(x >= 0 && y >= 0 && w >= 0 && h >= 0);
        assert(x + w <= m_width && y + h <= m_height);
        if (w == 0 || h == 0) return ImageView(m_data, w, h, m_components, m_stride, m_device);
        T* origin = row(y) + int64_t{x} * m_components;
        return ImageView(origin, w, h, m_components, m_stride, m_device);
    }

private:
    T* m_data = nullptr;
    int m_width = 0;
    int m_height = 0;
    int m_components = 1;
    int64_t m_stride = 0;
    DeviceKind m_device = DeviceKind::Cpu;
};

}  // namespace media
