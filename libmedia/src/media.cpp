// SPDX-License-Identifier: Apache-2.0
// The shared library libmedia is the union of the module archives linked into it whole; this
// translation unit only gives CMake a source for the target.
