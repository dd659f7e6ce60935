// SPDX-License-Identifier: Apache-2.0
// The row kernel of PSNR: the sum of squared sample differences of one row, exact in integers.
// scalar_* is the reference; the other is Highway SIMD picked once for the running CPU
// (psnr_simd.cpp). Both give the same integer.
#pragma once

#include <cstdint>

namespace media::metrics::detail {

uint64_t scalar_sse_row(const uint8_t* a, const uint8_t* b, int n);
uint64_t scalar_sse_row(const uint16_t* a, const uint16_t* b, int n);
uint64_t sse_row(const uint8_t* a, const uint8_t* b, int n);
uint64_t sse_row(const uint16_t* a, const uint16_t* b, int n);
/// The Highway target the SIMD kernels run on ("AVX3", "AVX2", ...).
const char* psnr_kernels_target();

}  // namespace media::metrics::detail
