// SPDX-License-Identifier: Apache-2.0
#pragma once

// Pitched host and device buffers for the harness, shaped by a registry BufferSpec.

#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

#include "slate_gpu/registry.h"

namespace slate_gpu::selftest {

/// Byte written over every output buffer before a kernel runs: samples a kernel should have
/// written but did not, and padding it should not have touched, both show up in the comparison.
inline constexpr std::byte kSentinel{0xA5};

/// A pitched buffer in host memory.
struct HostBuffer {
    BufferSpec spec;
    std::ptrdiff_t pitch = 0;
    std::vector<std::byte> bytes;

    /// The registry view of this buffer.
    Buffer view() { return Buffer{bytes.data(), pitch, spec.width, spec.height}; }
    /// Bytes of one row that belong to the plane (the rest of the pitch is padding).
    std::size_t row_bytes() const {
        return static_cast<std::size_t>(spec.width) * sample_bytes(spec.type);
    }
};

/// A host buffer with `pad_samples` samples of padding per row, every byte set to `fill`.
HostBuffer make_host_buffer(const BufferSpec& spec, int pad_samples, std::byte fill);

/// Fills a whole input buffer, padding included, with random values as its spec describes.
void fill_random(HostBuffer& buffer, std::mt19937& rng);

/// A buffer in device memory with the same shape and pitch as a host one. Move-only.
class DeviceBuffer {
public:
    explicit DeviceBuffer(const HostBuffer& shape);
    /// An unshaped block of `bytes` (a 1-row plane of bytes).
    explicit DeviceBuffer(std::size_t bytes);
    ~DeviceBuffer();
    DeviceBuffer(DeviceBuffer&& other) noexcept;
    DeviceBuffer(const DeviceBuffer&) = delete;
    DeviceBuffer& operator=(const DeviceBuffer&) = delete;
    DeviceBuffer& operator=(DeviceBuffer&&) = delete;

    /// The registry view of this buffer.
    Buffer view() const { return Buffer{m_data, m_pitch, m_width, m_height}; }
    /// Copies every byte (padding included) from or to a host buffer of the same shape.
    void upload(const HostBuffer& host);
    void download(HostBuffer& host) const;
    /// Sets every byte to `value`.
    void fill(std::byte value);

private:
    void* m_data = nullptr;
    std::size_t m_size = 0;
    std::ptrdiff_t m_pitch = 0;
    int m_width = 0;
    int m_height = 0;
};

}  // namespace slate_gpu::selftest
