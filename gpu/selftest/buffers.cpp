// SPDX-License-Identifier: Apache-2.0
#include "buffers.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <type_traits>
#include <utility>

#include "cuda_check.h"

namespace slate_gpu::selftest {
namespace {

// Values that break careless float code: non-finite, signed zero, huge, subnormal.
constexpr float kSpecialFloats[] = {std::numeric_limits<float>::quiet_NaN(),
                                    std::numeric_limits<float>::infinity(),
                                    -std::numeric_limits<float>::infinity(),
                                    -0.0f,
                                    1e30f,
                                    -1e30f,
                                    1e-40f,
                                    0.5f};

// Uniform in [0, n] from the raw generator (std distributions differ between libraries; this
// keeps the inputs identical everywhere).
uint32_t uniform(std::mt19937& rng, uint32_t n) {
    return n == UINT32_MAX ? static_cast<uint32_t>(rng()) : static_cast<uint32_t>(rng() % (n + 1u));
}

float random_float(const BufferSpec& spec, std::mt19937& rng) {
    const uint32_t pick = uniform(rng, 63);
    if (pick == 0) return kSpecialFloats[uniform(rng, std::size(kSpecialFloats) - 1)];
    const float unit = static_cast<float>(rng() >> 8) / 16777216.0f;  // 24 bits: exact
    return spec.low + unit * (spec.high - spec.low);
}

// Mostly in-range codes, a few of the extremes, and one in 16 anywhere in the container: the
// out-of-range values that garbage high bits produce.
uint32_t random_code(const BufferSpec& spec, std::mt19937& rng, uint32_t container_max) {
    const uint32_t pick = uniform(rng, 31);
    if (pick == 0) return 0;
    if (pick == 1) return spec.max_code;
    if (pick < 4) return uniform(rng, container_max);
    return uniform(rng, std::min(spec.max_code, container_max));
}

template <typename T>
void fill_samples(HostBuffer& buffer, std::mt19937& rng) {
    const std::size_t count = buffer.bytes.size() / sizeof(T);
    for (std::size_t i = 0; i < count; ++i) {
        T value{};
        if constexpr (std::is_floating_point_v<T>) {
            value = static_cast<T>(random_float(buffer.spec, rng));
        } else {
            constexpr auto container_max = static_cast<uint32_t>(
                std::min<uint64_t>(std::numeric_limits<T>::max(), UINT32_MAX));
            value = static_cast<T>(random_code(buffer.spec, rng, container_max));
        }
        std::memcpy(buffer.bytes.data() + i * sizeof(T), &value, sizeof(T));
    }
}

}  // namespace

HostBuffer make_host_buffer(const BufferSpec& spec, int pad_samples, std::byte fill) {
    HostBuffer buffer;
    buffer.spec = spec;
    const auto sample = static_cast<std::ptrdiff_t>(sample_bytes(spec.type));
    buffer.pitch = (spec.width + pad_samples) * sample;
    buffer.bytes.assign(
        static_cast<std::size_t>(buffer.pitch) * static_cast<std::size_t>(spec.height), fill);
    return buffer;
}

void fill_random(HostBuffer& buffer, std::mt19937& rng) {
    switch (buffer.spec.type) {
        case SampleType::U8:
            fill_samples<uint8_t>(buffer, rng);
            break;
        case SampleType::U16:
            fill_samples<uint16_t>(buffer, rng);
            break;
        case SampleType::F32:
            fill_samples<float>(buffer, rng);
            break;
        case SampleType::U64:
            fill_samples<uint64_t>(buffer, rng);
            break;
        case SampleType::F64:
            fill_samples<double>(buffer, rng);
            break;
    }
}

DeviceBuffer::DeviceBuffer(const HostBuffer& shape)
    : m_size(shape.bytes.size()),
      m_pitch(shape.pitch),
      m_width(shape.spec.width),
      m_height(shape.spec.height) {
    check(cudaMalloc(&m_data, std::max<std::size_t>(m_size, 1)), "cudaMalloc");
}

DeviceBuffer::DeviceBuffer(std::size_t bytes)
    : m_size(bytes),
      m_pitch(static_cast<std::ptrdiff_t>(bytes)),
      m_width(static_cast<int>(bytes)),
      m_height(1) {
    check(cudaMalloc(&m_data, std::max<std::size_t>(m_size, 1)), "cudaMalloc");
}

DeviceBuffer::~DeviceBuffer() {
    if (m_data != nullptr) cudaFree(m_data);
}

DeviceBuffer::DeviceBuffer(DeviceBuffer&& other) noexcept
    : m_data(std::exchange(other.m_data, nullptr)),
      m_size(other.m_size),
      m_pitch(other.m_pitch),
      m_width(other.m_width),
      m_height(other.m_height) {}

void DeviceBuffer::upload(const HostBuffer& host) {
    check(cudaMemcpy(m_data, host.bytes.data(), m_size, cudaMemcpyHostToDevice), "upload");
}

void DeviceBuffer::download(HostBuffer& host) const {
    check(cudaMemcpy(host.bytes.data(), m_data, m_size, cudaMemcpyDeviceToHost), "download");
}

void DeviceBuffer::fill(std::byte value) {
    check(cudaMemset(m_data, std::to_integer<int>(value), std::max<std::size_t>(m_size, 1)),
          "cudaMemset");
}

}  // namespace slate_gpu::selftest
