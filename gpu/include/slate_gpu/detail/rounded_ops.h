// SPDX-License-Identifier: Apache-2.0
#pragma once

// Arithmetic rounded after every operation, on host and device alike. nvcc contracts a multiply
// followed by an add into one fused multiply-add (one rounding) where the host compiler, in ISO
// C++ mode, rounds twice; kernels that must equal their references bit for bit spell the
// operations out with these.

#include <cmath>

#include "slate_gpu/plane.h"  // SLATE_GPU_HD

namespace slate_gpu::detail {

SLATE_GPU_HD inline float mul_rn(float a, float b) {
#if defined(__CUDA_ARCH__)
    return __fmul_rn(a, b);
#else
    return a * b;
#endif
}
SLATE_GPU_HD inline float add_rn(float a, float b) {
#if defined(__CUDA_ARCH__)
    return __fadd_rn(a, b);
#else
    return a + b;
#endif
}
SLATE_GPU_HD inline float sub_rn(float a, float b) {
#if defined(__CUDA_ARCH__)
    return __fsub_rn(a, b);
#else
    return a - b;
#endif
}
SLATE_GPU_HD inline float div_rn(float a, float b) {
#if defined(__CUDA_ARCH__)
    return __fdiv_rn(a, b);
#else
    return a / b;
#endif
}
/// Square roots correctly rounded whatever nvcc's -prec-sqrt flag says.
SLATE_GPU_HD inline float sqrt_rn(float a) {
#if defined(__CUDA_ARCH__)
    return __fsqrt_rn(a);
#else
    return std::sqrt(a);
#endif
}
SLATE_GPU_HD inline double sqrt_rn(double a) {
#if defined(__CUDA_ARCH__)
    return __dsqrt_rn(a);
#else
    return std::sqrt(a);
#endif
}
SLATE_GPU_HD inline double mul_rn(double a, double b) {
#if defined(__CUDA_ARCH__)
    return __dmul_rn(a, b);
#else
    return a * b;
#endif
}
SLATE_GPU_HD inline double add_rn(double a, double b) {
#if defined(__CUDA_ARCH__)
    return __dadd_rn(a, b);
#else
    return a + b;
#endif
}
SLATE_GPU_HD inline double sub_rn(double a, double b) {
#if defined(__CUDA_ARCH__)
    return __dsub_rn(a, b);
#else
    return a - b;
#endif
}
SLATE_GPU_HD inline double div_rn(double a, double b) {
#if defined(__CUDA_ARCH__)
    return __ddiv_rn(a, b);
#else
    return a / b;
#endif
}

}  // namespace slate_gpu::detail
