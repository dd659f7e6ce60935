// SPDX-License-Identifier: Apache-2.0
// The checks of the plain-main reference tests (no GoogleTest: they run in the SLATE_GPU_ONLY
// build on a machine with CUDA, CMake and a compiler alone). A failed check prints its line and
// counts; main returns non-zero when any failed.
#pragma once

#include <cmath>
#include <cstdio>

inline int g_failures = 0;

inline void expect(bool ok, const char* what, int line) {
    if (ok) return;
    ++g_failures;
    std::printf("FAIL line %d: %s\n", line, what);
}

inline void expect_near(double got, double want, double tolerance, const char* what, int line) {
    if (std::fabs(got - want) <= tolerance || (tolerance == 0.0 && got == want)) return;
    ++g_failures;
    std::printf("FAIL line %d: %s: got %.17g, want %.17g (tolerance %g)\n", line, what, got, want,
                tolerance);
}

#define EXPECT(cond) expect((cond), #cond, __LINE__)
#define EXPECT_EQ(got, want) \
    expect_near(static_cast<double>(got), static_cast<double>(want), 0.0, #got, __LINE__)
#define EXPECT_NEAR(got, want, tol) \
    expect_near(static_cast<double>(got), static_cast<double>(want), (tol), #got, __LINE__)
